/**
 * The request bodies of the public contract (README.md, docs/design.md), validated once at the edge. Every
 * schema is strict (an unknown key is a mistake worth telling about), trims text and bounds its
 * length. `parseBody` turns zod's issues into field errors a person can act on, in their language.
 */
import * as z from 'zod';
import type { FieldError } from '#shared/errors.ts';
import { translator } from '#shared/i18n/catalogue.ts';
import { validationMessages } from '#shared/i18n/validation.ts';
import { evidenceMessages } from '#shared/i18n/evidence.ts';
import { LOCALES, type DecisionOutcome, type Locale, type TaskKind } from './model.ts';
import { followUpsFitTerm, isCalendarDate, resolveSchedule } from './schedule.ts';

const t = /* @__PURE__ */ translator(validationMessages, evidenceMessages);
type MessageKey = Parameters<typeof t>[1];

export const LIMITS = {
  name: 200,
  email: 254,
  title: 200,
  reason: 5000,
  freeText: 10_000,
  /**
   * SMART fields and single examples are a sentence or a paragraph. Kept well below free text
   * because many of them share one DynamoDB item, which holds at most 400 KB.
   */
  shortText: 2000,
  areas: 10,
  examplesPerArea: 10,
  goals: 10,
  /** Entries of a support ledger in one plan or follow-up (extension of the contract). */
  supportEntries: 20,
  /** Hours of support in one ledger entry. */
  supportHours: 1000,
} as const;

/** What kind of support a manager offers or gives (extension of the contract: `supportLedger`). */
export const SUPPORT_KINDS = ['course', 'coaching', 'mentor', 'time', 'other'] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];
/** `offered`: promised, not yet given; `given`: the employee received it. */
export const SUPPORT_STATUSES = ['offered', 'given'] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];
/**
 * Whether the employee agrees with the plan (extension of the contract: `agreement` on the
 * acknowledgement). Separate from `acknowledged`, which only records receipt.
 */
export const AGREEMENTS = ['agree', 'partly', 'disagree'] as const;
/**
 * Possible causes of the shortfall the conversation may record (extension of the contract), named
 * by either side, and whether each calls for HR: a cause in health or in the working conditions
 * opens a follow-up task for HR (a referral to the company doctor, less work; see `causesForHr`).
 */
const CAUSE_CALLS_FOR_HR = {
  workload: false,
  health: true,
  'private-circumstances': false,
  training: false,
  tools: false,
  'working-conditions': true,
} as const;
export type Cause = keyof typeof CAUSE_CALLS_FOR_HR;
export const CAUSES = Object.keys(CAUSE_CALLS_FOR_HR) as [Cause, ...Cause[]];
/** Who named a possible cause in the conversation. */
export const CAUSE_NAMED_BY = ['employee', 'manager', 'both'] as const;
/** The causes that open a follow-up task for HR. */
export const CAUSES_FOR_HR: readonly Cause[] = CAUSES.filter((cause) => CAUSE_CALLS_FOR_HR[cause]);
/** The causes among `causes` that HR must follow up, in the catalogue's order. */
export const causesForHr = (causes: readonly { cause: Cause }[] | undefined): Cause[] =>
  CAUSES_FOR_HR.filter((cause) => causes?.some((named) => named.cause === cause));
export type Agreement = (typeof AGREEMENTS)[number];

// Messages given as catalogue keys are translated by `parseBody`; see `messageFor` in functions/shared/validation.ts.
const err = (key: MessageKey) => ({ error: key });

/**
 * A schema built the first time it validates something, not when this module loads. zod's
 * classic API attaches its methods to every schema it builds, so building all of them at module
 * scope was most of a cold start in every function importing this module, including the many
 * that never validate a body; and submit-action built all eleven action bodies to use one.
 * The parts below are functions for the same reason: each is built inside the schema using it.
 */
const onFirstUse = <S extends z.ZodType>(build: () => S): z.ZodLazy<S> => z.lazy(build);

/**
 * Characters no text of a dossier holds: control characters other than tab and line breaks, and
 * the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). They are
 * invisible, yet make a name read as something else on a page, break a mail's lines or a CSV row.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
/** A one-line field (a name, a title) refuses line breaks and tabs as well. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_IN_LINE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const refused = (unsafe: RegExp) => (value: string) => !unsafe.test(value);

/** Free text: paragraphs allowed, invisible and bidi control characters refused. */
export const text = (max: number) =>
  z.string().trim().min(1).max(max).refine(refused(UNSAFE_IN_TEXT), err('validation.controlCharacters'));
/** One line of text: a person's name, a title. */
export const line = (max: number) =>
  z.string().trim().min(1).max(max).refine(refused(UNSAFE_IN_LINE), err('validation.controlCharacters'));
/** Text that may be left empty, such as comments on an approval. */
const optionalText = (max: number) =>
  z.string().trim().max(max).refine(refused(UNSAFE_IN_TEXT), err('validation.controlCharacters')).optional();
/** `YYYY-MM-DD`; the format is for the API's description (docs/openapi.json), the refinement checks it. */
export const calendarDate = () =>
  z.string().trim().refine(isCalendarDate, err('validation.date')).meta({ format: 'date' });
const email = () =>
  z
    .string()
    .trim()
    .toLowerCase()
    .min(1)
    .max(LIMITS.email)
    .pipe(z.email(err('validation.email')));
const person = () => z.strictObject({ name: line(LIMITS.name), email: email() });
const wholeNumber = (min: number, max: number) => z.number().int().min(min).max(max);
/**
 * The schedule's bounds keep a trajectory's whole calendar well inside the one year a Step
 * Functions execution may run: a term of at most 26 weeks (Dutch guidance is three to six
 * months), deadlines of at most 60 days, aftercare at most 12 weeks after the decision.
 */
const SCHEDULE_BOUNDS = { dueDays: 60, termWeeks: 26, aftercareWeeks: 12 } as const;
const days = () => wholeNumber(1, SCHEDULE_BOUNDS.dueDays);
/** A 0-based index into the plan's goals; checked against the plan by `checkGoalIndexes`. */
const goalIndex = () => wholeNumber(0, LIMITS.goals - 1);

/**
 * A list that needs at least one entry. Left out altogether, it is asked for as a list (`tooFew`),
 * not as a field to fill in: that is what a form sends whose rows were all left empty.
 */
const listOf = <T extends z.ZodType>(element: T, tooFew: MessageKey) =>
  z
    .array(element, { error: (issue) => (issue.input === undefined ? tooFew : undefined) })
    .min(1, err(tooFew));

/** A line per goal (the goal's index and `fields`): at least one, at most as many as there are goals. */
const perGoal = <F extends z.ZodRawShape>(fields: F, tooFew: MessageKey) =>
  listOf(z.strictObject({ goal: goalIndex(), ...fields }), tooFew).max(LIMITS.goals);

/**
 * When a cross-field check may run: alongside other field errors, so a person sees everything at
 * once, but only when the body is an object and the fields the check reads are valid themselves.
 */
const whenValid = (...fields: string[]) => ({
  when: (payload: z.core.ParsePayload) =>
    !payload.issues.some((issue) => {
      // Issues of the object itself carry no path yet (zod prefixes paths as they bubble up).
      const path = issue.path ?? [];
      return path.length === 0 ? issue.code !== 'unrecognized_keys' : fields.includes(String(path[0]));
    }),
});

export const scheduleOverrides = onFirstUse(() =>
  z
    .strictObject({
      identifyDueDays: days(),
      conversationDueDays: days(),
      planDueDays: days(),
      approvalDueDays: days(),
      employeeResponseDueDays: days(),
      followUpEveryDays: days(),
      followUpDueDays: days(),
      termWeeks: wholeNumber(1, SCHEDULE_BOUNDS.termWeeks),
      reminderHoursBefore: wholeNumber(0, 720),
      escalationGraceDays: wholeNumber(0, 60),
      aftercareWeeks: wholeNumber(1, SCHEDULE_BOUNDS.aftercareWeeks),
      // At least one working day, so a meeting is never announced on its own day; at most two
      // working weeks.
      meetingNoticeWorkingDays: wholeNumber(1, 10),
    })
    .partial(),
);

export const createTrajectoryBody = onFirstUse(() =>
  z
    .strictObject({
      employee: person(),
      manager: person(),
      hrAdvisor: person(),
      reason: text(LIMITS.reason),
      locale: z.enum(LOCALES).default('nl'),
      schedule: scheduleOverrides.optional(),
    })
    .superRefine(
      (body, ctx) => {
        const employee = body.employee.email;
        for (const role of ['manager', 'hrAdvisor'] as const) {
          if (body[role].email === employee) {
            ctx.addIssue({ code: 'custom', path: [role, 'email'], message: 'validation.sameAsEmployee' });
          }
        }
        // Follow-up conversations are what makes a trajectory fair; a term must hold at least one,
        // whenever it starts: even when its date moves off a weekend and public holidays (up to
        // four days later) and its invite must go out the notice's working days ahead, after the
        // term's start.
        const schedule = resolveSchedule(body.schedule);
        if (!followUpsFitTerm(schedule)) {
          // Blame the notice only when it was chosen and the shortest notice would fit.
          const notice =
            body.schedule?.meetingNoticeWorkingDays !== undefined &&
            followUpsFitTerm({ ...schedule, meetingNoticeWorkingDays: 1 });
          const path = notice
            ? 'meetingNoticeWorkingDays'
            : body.schedule?.followUpEveryDays !== undefined
              ? 'followUpEveryDays'
              : 'termWeeks';
          const message = notice ? 'validation.noticeFitsTerm' : 'validation.followUpsFitTerm';
          ctx.addIssue({ code: 'custom', path: ['schedule', path], message });
        }
      },
      whenValid('employee', 'manager', 'hrAdvisor', 'schedule'),
    ),
);

export type CreateTrajectoryInput = z.output<typeof createTrajectoryBody>;

const approvalFields = () => ({
  decision: z.enum(['approve', 'revise']),
  comments: optionalText(LIMITS.freeText),
});

/** A request to revise has to say what should change. */
function revisionNeedsComments(
  body: { decision: 'approve' | 'revise'; comments?: string | undefined },
  ctx: z.core.$RefinementCtx,
): void {
  if (body.decision === 'revise' && !body.comments) {
    ctx.addIssue({ code: 'custom', path: ['comments'], message: 'validation.revisionComments' });
  }
}

/** An HR decision on a plan. */
const approvalBody = () =>
  z.strictObject(approvalFields()).superRefine(revisionNeedsComments, whenValid('decision', 'comments'));

/**
 * Whether redeployment elsewhere in the organisation was looked into, and what came of it
 * (extension of the contract). Required when HR approves an unsuccessful evaluation, which the
 * schema alone cannot know: see `checkRedeployment`.
 */
const redeploymentBody = () =>
  z.strictObject({
    considered: z.boolean(),
    outcome: text(LIMITS.freeText),
  });

/** HR's decision on an evaluation, with the redeployment check when it ends the trajectory. */
const decisionConfirmationBody = () =>
  z
    .strictObject({
      ...approvalFields(),
      redeployment: redeploymentBody().optional(),
      /**
       * Why HR confirms an unsuccessful end the dossier does not carry (a short term, a failing
       * completeness criterion): required then, recorded with the rules it sets aside, and
       * dropped anywhere else (core/dossier-rules.ts).
       */
      override: z.strictObject({ reason: text(LIMITS.freeText) }).optional(),
    })
    .superRefine(revisionNeedsComments, whenValid('decision', 'comments'));

/**
 * The support a manager offers or gave, per goal (extension of the contract). Goal numbers are
 * checked against the plan: by the plan's own schema, and for a follow-up by `checkSupportGoals`.
 */
const supportEntry = () =>
  z.strictObject({
    goal: goalIndex(),
    kind: z.enum(SUPPORT_KINDS),
    description: text(LIMITS.shortText),
    status: z.enum(SUPPORT_STATUSES),
    hours: z.number().min(0).max(LIMITS.supportHours).optional(),
  });
const supportLedger = () => z.array(supportEntry()).max(LIMITS.supportEntries).default([]);
export type SupportLedgerEntry = z.output<ReturnType<typeof supportEntry>>;

/** Positions of the ledger entries whose goal is not one of the plan's `goalCount` goals. */
function unknownSupportGoals(ledger: readonly { goal: number }[], goalCount: number): number[] {
  return ledger.flatMap((entry, index) => (entry.goal >= goalCount ? [index] : []));
}

const evaluationBody = () =>
  z
    .strictObject({
      summary: text(LIMITS.freeText),
      results: perGoal(
        { outcome: z.enum(['achieved', 'partially', 'not-achieved']), notes: text(LIMITS.shortText) },
        'validation.resultsMin',
      ),
      decision: z.enum(['successful', 'extend', 'unsuccessful']),
      extendWeeks: wholeNumber(1, SCHEDULE_BOUNDS.termWeeks).optional(),
      /** Why the decision differs from what the results per goal suggest (core/dossier-rules.ts). */
      explanation: optionalText(LIMITS.freeText),
    })
    .superRefine(
      (body, ctx) => {
        if (body.decision === 'extend' && body.extendWeeks === undefined) {
          ctx.addIssue({ code: 'custom', path: ['extendWeeks'], message: 'validation.extendWeeksRequired' });
        }
        if (body.decision !== 'extend' && body.extendWeeks !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['extendWeeks'],
            message: 'validation.extendWeeksOnlyForExtend',
          });
        }
      },
      // A bad extendWeeks is reported by its own schema, not twice.
      whenValid('decision', 'extendWeeks'),
    );

/** The body each task's action link accepts (README.md, "Action links"). */
export const actionBodies = {
  identify: onFirstUse(() =>
    z.strictObject({
      improvementAreas: listOf(
        z.strictObject({
          title: line(LIMITS.title),
          examples: listOf(text(LIMITS.shortText), 'validation.examplesMin').max(LIMITS.examplesPerArea),
        }),
        'validation.areasMin',
      ).max(LIMITS.areas),
    }),
  ),
  conversation: onFirstUse(() =>
    z
      .strictObject({
        heldOn: calendarDate(),
        summary: text(LIMITS.freeText),
        employeePerspective: text(LIMITS.freeText),
        agreements: text(LIMITS.freeText),
        // Extension: the possible causes either side named, each once, with an optional note.
        causes: z
          .array(z.strictObject({ cause: z.enum(CAUSES), namedBy: z.enum(CAUSE_NAMED_BY) }))
          .max(CAUSES.length)
          .optional(),
        causesNote: optionalText(LIMITS.freeText),
      })
      .superRefine((body, ctx) => {
        const seen = new Set<Cause>();
        body.causes?.forEach((named, index) => {
          if (seen.has(named.cause)) {
            ctx.addIssue({
              code: 'custom',
              path: ['causes', index, 'cause'],
              message: 'validation.causeDuplicate',
            });
          }
          seen.add(named.cause);
        });
      }, whenValid('causes')),
  ),
  'employee-response': onFirstUse(() => z.strictObject({ response: text(LIMITS.freeText) })),
  plan: onFirstUse(() =>
    z
      .strictObject({
        goals: listOf(
          z.strictObject({
            title: line(LIMITS.title),
            specific: text(LIMITS.shortText),
            measure: text(LIMITS.shortText),
            target: text(LIMITS.shortText),
            deadline: calendarDate(),
            support: text(LIMITS.shortText),
          }),
          'validation.goalsMin',
        ).max(LIMITS.goals),
        supportLedger: supportLedger(),
      })
      .superRefine(
        // The plan brings its own goals, so its ledger is checked against them here.
        (body, ctx) => {
          for (const index of unknownSupportGoals(body.supportLedger, body.goals.length)) {
            ctx.addIssue({
              code: 'custom',
              path: ['supportLedger', index, 'goal'],
              message: 'validation.goalUnknown',
            });
          }
        },
        whenValid('goals', 'supportLedger'),
      ),
  ),
  'plan-approval': onFirstUse(approvalBody),
  'plan-acknowledgement': onFirstUse(() =>
    z.strictObject({
      // Receipt only: "I have received and read the plan".
      acknowledged: z.literal(true, err('validation.acknowledge')),
      comments: optionalText(LIMITS.freeText),
      // The employee's own, optional word on whether they agree.
      agreement: z.enum(AGREEMENTS).optional(),
    }),
  ),
  'follow-up': onFirstUse(() =>
    z.strictObject({
      heldOn: calendarDate(),
      summary: text(LIMITS.freeText),
      progress: perGoal(
        { status: z.enum(['on-track', 'at-risk', 'off-track']), notes: text(LIMITS.shortText) },
        'validation.progressMin',
      ),
      supportLedger: supportLedger(),
    }),
  ),
  evaluation: onFirstUse(evaluationBody),
  'decision-confirmation': onFirstUse(decisionConfirmationBody),
  aftercare: onFirstUse(() =>
    z.strictObject({
      employeeNotes: text(LIMITS.freeText),
      teamNotes: text(LIMITS.freeText),
    }),
  ),
  // The employee's own word on a follow-up report or the evaluation. Giving it is optional (the
  // task may lapse); once the form is sent, it holds something.
  'follow-up-reaction': onFirstUse(() => z.strictObject({ reaction: text(LIMITS.freeText) })),
  'evaluation-reaction': onFirstUse(() => z.strictObject({ reaction: text(LIMITS.freeText) })),
  // HR's answer to an employee who disagreed with the plan; it is mailed to the employee.
  'disagreement-response': onFirstUse(() => z.strictObject({ response: text(LIMITS.freeText) })),
  // HR's answer to a possible cause that points at health or working conditions: what was done.
  'cause-follow-up': onFirstUse(() => z.strictObject({ action: text(LIMITS.freeText) })),
  // The employee's own view of each goal before a follow-up, in the follow-up's own words
  // (on track, at risk, off track), which the manager sees on the follow-up form. Optional as a
  // task; a goal may be left out, or given a note without a status, a general note may stand
  // alone, but the form is never empty. A goal with neither status nor note (the form sends every
  // goal's number) is left out, as if it was not sent.
  'self-assessment': onFirstUse(() =>
    z
      .strictObject({
        goals: z
          .array(
            z.strictObject({
              goal: goalIndex(),
              status: z.enum(['on-track', 'at-risk', 'off-track']).optional(),
              note: optionalText(LIMITS.shortText),
            }),
          )
          .max(LIMITS.goals)
          .default([])
          .transform((goals) => goals.filter((entry) => entry.status !== undefined || entry.note)),
        note: optionalText(LIMITS.freeText),
      })
      .superRefine(
        (body, ctx) => {
          if (body.goals.length === 0 && !body.note) {
            ctx.addIssue({ code: 'custom', path: ['goals'], message: 'validation.selfAssessmentEmpty' });
          }
        },
        whenValid('goals', 'note'),
      ),
  ),
} satisfies Record<TaskKind, z.ZodType>;

export type ActionBody<K extends TaskKind> = z.output<(typeof actionBodies)[K]>;

// Turning zod's issues into field errors sits below the core, where the HTTP plumbing uses it
// too (functions/shared/validation.ts); the schemas' callers find it here as before.
export { parseBody, toFieldErrors, type ParseResult } from '#shared/validation.ts';

/**
 * Checks the goal numbers of a follow-up or evaluation against the plan, which the schema alone
 * cannot know: each goal exists, appears once, and every goal of the plan is covered.
 */
export function checkGoalIndexes(
  body: Pick<ActionBody<'follow-up'>, 'progress'> | Pick<ActionBody<'evaluation'>, 'results'>,
  goalCount: number,
  locale: Locale = 'nl',
): FieldError[] {
  const [field, entries] = 'progress' in body ? ['progress', body.progress] : ['results', body.results];
  const errors: FieldError[] = [];
  const covered = new Set<number>();
  entries.forEach((entry, index) => {
    const path = `${field}.${index}.goal`;
    if (entry.goal >= goalCount) {
      errors.push({ path, message: t(locale, 'validation.goalUnknown') });
    } else if (covered.has(entry.goal)) {
      errors.push({ path, message: t(locale, 'validation.goalDuplicate') });
    } else {
      covered.add(entry.goal);
    }
  });
  for (let goal = 0; goal < goalCount; goal++) {
    if (!covered.has(goal))
      errors.push({ path: field, message: t(locale, 'validation.goalMissing', { number: goal + 1 }) });
  }
  return errors;
}

/**
 * Checks the goal numbers of a self-assessment against the plan's `goalCount` goals: each exists
 * and appears once. Unlike a follow-up, the employee may leave a goal out.
 */
export function checkSelfAssessmentGoals(
  body: Pick<ActionBody<'self-assessment'>, 'goals'>,
  goalCount: number,
  locale: Locale = 'nl',
): FieldError[] {
  const seen = new Set<number>();
  return body.goals.flatMap((entry, index) => {
    const path = `goals.${index}.goal`;
    if (entry.goal >= goalCount) return [{ path, message: t(locale, 'validation.goalUnknown') }];
    if (seen.has(entry.goal)) return [{ path, message: t(locale, 'validation.goalDuplicate') }];
    seen.add(entry.goal);
    return [];
  });
}

/** Checks the goal numbers of a follow-up's support ledger against the plan's `goalCount` goals. */
export function checkSupportGoals(
  body: Pick<ActionBody<'follow-up'>, 'supportLedger'>,
  goalCount: number,
  locale: Locale = 'nl',
): FieldError[] {
  return unknownSupportGoals(body.supportLedger, goalCount).map((index) => ({
    path: `supportLedger.${index}.goal`,
    message: t(locale, 'validation.goalUnknown'),
  }));
}

/**
 * Approving an unsuccessful evaluation ends the trajectory; before that, HR records whether
 * redeployment elsewhere was considered and what came of it. `evaluation` is the decision of the
 * evaluation being confirmed, which the body alone cannot know.
 */
export function checkRedeployment(
  body: Pick<ActionBody<'decision-confirmation'>, 'decision' | 'redeployment'>,
  evaluation: DecisionOutcome | undefined,
  locale: Locale = 'nl',
): FieldError[] {
  if (!redeploymentApplies(body.decision, evaluation) || body.redeployment) return [];
  return [{ path: 'redeployment', message: t(locale, 'validation.redeploymentRequired') }];
}

/** Whether a decision confirmation records redeployment: HR approves an unsuccessful evaluation. */
export const redeploymentApplies = (
  decision: 'approve' | 'revise',
  evaluation: DecisionOutcome | undefined,
): boolean => decision === 'approve' && evaluation === 'unsuccessful';
