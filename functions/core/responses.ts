/**
 * The JSON answers of the API as zod schemas: what docs/openapi.json describes as response bodies
 * (scripts/openapi-description.ts), and what the tests hold real answers to. No handler parses its own
 * answer with them: they describe the shapes the handlers already build from the model
 * (functions/core/model.ts), and the type checks at the end of this module fail the build when
 * the two part ways.
 *
 * Objects are closed (`additionalProperties: false` in the description): a field that is not
 * described here is a field the description forgot, and the response tests say so. Built when
 * this module loads; no Lambda handler imports it.
 */
import * as z from 'zod';
import type { ActionView } from './actions.ts';
import { LINK_STATUSES } from './actions.ts';
import { CRITERION_IDS, CRITERION_STATUSES, type Completeness } from './completeness.ts';
import {
  CHASE_STAGES,
  LOCALES,
  PHASES,
  ROLES,
  STATUSES,
  TASK_KINDS,
  TASK_STATUSES,
  type AttentionReason,
  type DossierEvent,
  type Task,
  type Trajectory,
} from './model.ts';
import type { TrajectorySummaryPage } from './ports.ts';
import { SUPPORT_KINDS, SUPPORT_STATUSES } from './schemas.ts';
import { FILE_STATUSES, FILE_TYPE_NAMES, type EvidenceFile } from './files.ts';
import type { SupportEntry } from './support-ledger.ts';
import type { ErrorBody } from '#shared/http.ts';

/** An instant in UTC, as every time of the model (`2026-11-26T09:00:00.000Z`). */
const instant = () => z.iso.datetime();
/** A calendar day in Europe/Amsterdam (`2026-11-26`). */
const day = () => z.iso.date();
const count = () => z.number().int().min(0);
/** Free JSON: an answer or an event's facts, whose shape depends on its kind. */
const facts = () => z.record(z.string(), z.unknown());

export const personResponse = z.object({ name: z.string(), email: z.string() });

export const scheduleResponse = z
  .object({
    identifyDueDays: count(),
    conversationDueDays: count(),
    planDueDays: count(),
    approvalDueDays: count(),
    employeeResponseDueDays: count(),
    followUpEveryDays: count(),
    followUpDueDays: count(),
    termWeeks: count(),
    reminderHoursBefore: count(),
    escalationGraceDays: count(),
    aftercareWeeks: count(),
    meetingNoticeWorkingDays: count()
      .optional()
      .meta({ description: 'Absent on trajectories started before it existed: 2 then.' }),
  })
  .meta({
    description: 'The schedule in force: the defaults with the overrides given at the start.',
  });

export const goalResponse = z.object({
  title: z.string(),
  specific: z.string(),
  measure: z.string(),
  target: z.string(),
  deadline: day(),
  support: z.string(),
});

const trajectoryFields = {
  id: z.string(),
  status: z.enum(STATUSES),
  phase: z.enum(PHASES),
  attention: z
    .boolean()
    .meta({ description: 'A deadline passed beyond its grace, or a step failed for good: HR should look.' }),
  // The pattern is what the JSON Schema says; the cast gives it the model's template type.
  attentionReasons: z
    .array(z.string().regex(/^(late|failed):.+$/) as unknown as z.ZodType<AttentionReason>)
    .optional()
    .meta({
      description:
        'Extension: why `attention` is set, one entry per cause: `late:<taskId>` (cleared when that task is answered or extended), `failed:<taskId>:<step>` (a step of that task failed for good; cleared when a step of that task succeeds again) or `failed:<step>` (a step of the process failed for good; cleared when the process goes on again). Absent when nothing needs attention.',
    }),
  locale: z.enum(LOCALES),
  employee: personResponse,
  manager: personResponse,
  hrAdvisor: personResponse,
  reason: z.string(),
  schedule: scheduleResponse,
  improvementAreas: z.array(z.object({ title: z.string(), examples: z.array(z.string()) })),
  goals: z.array(goalResponse),
  meetings: z.array(
    z.object({
      number: z.number().int().min(1),
      plannedOn: day(),
      taskId: z.string().optional(),
      heldOn: day().optional(),
    }),
  ),
  termEndsAt: instant().optional(),
  term: z.number().int().min(1),
  decision: z.enum(['successful', 'extend', 'unsuccessful']).optional(),
  pausedAt: instant().optional().meta({ description: 'Set while paused for illness.' }),
  aftercareOn: day().optional(),
  legalHold: z
    .object({ placedAt: instant() })
    .optional()
    .meta({ description: 'Set while a legal hold keeps the dossier from expiring.' }),
  employmentEndedOn: day()
    .optional()
    .meta({ description: 'The last day of the employment, once HR records it; retention counts from it.' }),
  consequenceStatement: z.string().optional().meta({
    description:
      'What may follow when the plan’s goals are not met: the deployment’s text or the standard one, fixed at creation; HR approves it with the plan and the employee receives it with the plan.',
  }),
  copyLinksRevoked: z
    .object({ count: z.number().int().min(1), at: instant() })
    .optional()
    .meta({
      description:
        'HR revoked the employee’s copy links: how many times, and when last. Every copy link issued before answers 410.',
    }),
  createdAt: instant(),
  updatedAt: instant(),
  closedAt: instant().optional(),
  version: z.number().int().min(0).meta({ description: 'Counts the writes of the trajectory.' }),
};

export const trajectoryResponse = z.object(trajectoryFields);

export const taskResponse = z.object({
  id: z.string(),
  trajectoryId: z.string(),
  kind: z.enum(TASK_KINDS),
  assignee: z.enum(ROLES),
  status: z.enum(TASK_STATUSES),
  openedAt: instant(),
  dueAt: instant(),
  chaseStage: z.enum(CHASE_STAGES),
  meeting: z.number().int().min(1).optional().meta({
    description:
      'The meeting of a follow-up report, of the report an employee reacts to, or of the follow-up a self-assessment comes before.',
  }),
  about: z.string().optional().meta({
    description:
      'The task this one answers: the report the employee reacts to (`follow-up-reaction`, `evaluation-reaction`), the acknowledgement HR answers (`disagreement-response`), the conversation whose causes HR follows up (`cause-follow-up`), the follow-up the employee assesses themselves before (`self-assessment`), the changed plan HR reviews or the employee acknowledges and the review that sent it back (the tasks of a plan change).',
  }),
  change: z
    .object({ number: z.number().int().min(1), reason: z.string() })
    .optional()
    .meta({
      description:
        'The change of the acknowledged plan this `plan`, `plan-approval` or `plan-acknowledgement` belongs to (`POST /trajectories/{id}/plan-changes`), and HR’s reason for it.',
    }),
  response: facts()
    .optional()
    .meta({ description: 'The answer, as the body of `POST /actions/{token}` for the task’s kind.' }),
  completedAt: instant().optional(),
  requestedAt: instant().optional(),
  shiftedForPause: instant().optional(),
  version: z.number().int().min(0),
});

export const dossierEventResponse = z
  .object({
    id: z.string(),
    trajectoryId: z.string(),
    at: instant(),
    type: z.string(),
    actor: z.object({ role: z.enum([...ROLES, 'system']) }),
    taskId: z.string().optional(),
    data: facts().optional(),
  })
  .meta({ description: 'An entry of the append-only dossier.' });

export const supportEntryResponse = z.object({
  goal: z.number().int().min(0),
  kind: z.enum(SUPPORT_KINDS),
  description: z.string(),
  status: z.enum(SUPPORT_STATUSES),
  hours: z.number().min(0).optional(),
  recordedAt: instant(),
  taskId: z.string(),
  source: z.enum(['plan', 'follow-up']),
});

export const completenessResponse = z
  .object({
    status: z.enum(['pass', 'warning', 'fail']),
    criteria: z.array(
      z.object({
        id: z.enum(CRITERION_IDS),
        status: z.enum(CRITERION_STATUSES),
        reason: z.string(),
        todo: z.string().nullable(),
      }),
    ),
  })
  .meta({ description: 'Would the dossier hold? See docs/completeness.md.' });

export const dossierResponse = z
  .object({
    ...trajectoryFields,
    tasks: z.array(taskResponse),
    events: z.array(dossierEventResponse),
    support: z.array(supportEntryResponse),
    completeness: completenessResponse,
  })
  .meta({ description: 'The trajectory with its tasks, its dossier entries and two checks.' });

export const trajectoryPageResponse = z
  .object({
    items: z.array(trajectoryResponse),
    next: z.string().optional().meta({ description: 'The `cursor` of the next page; absent on the last.' }),
  })
  .meta({ description: 'Newest first.' });

export const resumedTrajectoryResponse = z
  .object({ ...trajectoryFields, pausedDays: count() })
  .meta({ description: 'The trajectory, and by how many days its dates moved.' });

export const actionViewResponse = z
  .object({
    task: z.enum(TASK_KINDS),
    taskId: z.string(),
    trajectoryId: z.string(),
    status: z.enum(LINK_STATUSES),
    dueAt: instant(),
    locale: z.enum(LOCALES),
    assignee: z.enum(ROLES),
    context: facts().optional().meta({
      description: 'Only while the task is open: what its assignee needs to answer it, by the task’s kind.',
    }),
  })
  .meta({ description: 'The task behind an action link. No e-mail address, no last name.' });

export const evidenceFileResponse = z
  .object({
    id: z.string(),
    trajectoryId: z.string(),
    taskId: z.string().meta({ description: 'The step of the dossier it belongs to.' }),
    title: z.string(),
    date: day().meta({ description: 'The date of the document itself.' }),
    filename: z.string(),
    contentType: z.enum(FILE_TYPE_NAMES),
    size: count().meta({ description: 'Bytes: announced while pending, measured once stored.' }),
    addedBy: z.enum(ROLES),
    status: z.enum(FILE_STATUSES),
    createdAt: instant(),
    sha256: z.string().optional(),
    storedAt: instant().optional(),
    exhibit: count()
      .optional()
      .meta({ description: 'Its number among the exhibits, once stored; never reused.' }),
    removedAt: instant().optional(),
  })
  .meta({ description: 'An evidence file of the dossier. Its content is fetched through `downloadUrl`.' });

export const fileListResponse = z.object({ files: z.array(evidenceFileResponse) });

export const newFileResponse = z.object({
  file: evidenceFileResponse,
  upload: z.object({ url: z.string(), fields: z.record(z.string(), z.string()) }).meta({
    description:
      'Post `fields` and then the file (as the last part, named `file`) as `multipart/form-data` to `url`, within five minutes; then confirm.',
  }),
});

export const fileWithLinkResponse = z.object({
  file: evidenceFileResponse,
  downloadUrl: z
    .string()
    .optional()
    .meta({ description: 'Good for a minute; absent while the file is pending.' }),
});

export const actionSubmittedResponse = z.object({ status: z.literal('done'), taskId: z.string() });

export const errorResponse = z
  .object({
    error: z.object({
      code: z.string().meta({
        description:
          'Stable, for programs: invalid_request, unauthorized, forbidden, not_found, conflict, already_paused, not_paused, not_active, paused, already_on_hold, not_on_hold, already_stored, not_stored, gone, idempotency_key_reused, payload_too_large, unsupported_media_type, internal.',
      }),
      message: z.string().meta({ description: 'For people, in the language asked for.' }),
      fieldErrors: z
        .array(
          z.object({
            path: z
              .string()
              .meta({ description: 'Dotted path of the field (`goals.0.deadline`); empty for the body.' }),
            message: z.string(),
          }),
        )
        .optional(),
    }),
  })
  .meta({ description: 'Every refusal and failure of a handler.' });

export const gatewayErrorResponse = z.object({ message: z.string() }).meta({
  description: 'An answer of API Gateway itself: no valid token (401), throttled (429), no route (404).',
});

// ---------------------------------------------------------------------------------------------
// The schemas and the model's types must say the same. Each line fails to compile when they part.

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Describes<Schema extends z.ZodType, T> = Same<z.output<Schema>, T>;

const agreement: {
  trajectory: Describes<typeof trajectoryResponse, Trajectory>;
  task: Same<
    Omit<z.output<typeof taskResponse>, 'response'>,
    Omit<Task, 'taskToken' | 'linkHash' | 'response'>
  >;
  event: Same<Omit<z.output<typeof dossierEventResponse>, 'data'>, Omit<DossierEvent, 'data'>>;
  support: Describes<typeof supportEntryResponse, SupportEntry>;
  completeness: Describes<typeof completenessResponse, Completeness>;
  page: Same<z.output<typeof trajectoryPageResponse>['next'], TrajectorySummaryPage['next']>;
  action: Same<Omit<z.output<typeof actionViewResponse>, 'context'>, Omit<ActionView, 'context'>>;
  error: Describes<typeof errorResponse, ErrorBody>;
  file: Describes<typeof evidenceFileResponse, EvidenceFile>;
} = {
  trajectory: true,
  task: true,
  event: true,
  support: true,
  completeness: true,
  page: true,
  action: true,
  error: true,
  file: true,
};
void agreement;
