/**
 * The rules behind the mailed action links and HR's actions on a running trajectory: what a link
 * shows, whether a response may still be given, and what answering, cancelling and extending
 * change. Pure: the handlers in functions/api read and write, these functions decide.
 */
import * as z from 'zod';
import type { FieldError } from '#shared/errors.ts';
import type {
  Dossier,
  DossierEvent,
  Goal,
  ImprovementArea,
  Locale,
  PlanChangeRef,
  Role,
  Task,
  TaskKind,
  Trajectory,
} from './model.ts';
import {
  actionBodies,
  causesForHr,
  checkGoalIndexes,
  checkRedeployment,
  checkSelfAssessmentGoals,
  checkSupportGoals,
  LIMITS,
  text,
  parseBody,
  redeploymentApplies,
  type ActionBody,
  type Cause,
  type SupportLedgerEntry,
} from './schemas.ts';
import { afterDueTimeMoved } from './chasing.ts';
import type { CriterionResult } from './completeness.ts';
import { checkDossierRules, confirmationConcerns, type Override, type RuleContext } from './dossier-rules.ts';
import { inviteAttachment, meetingInvite, type InviteOptions } from './invites.ts';
import { mailBase, renderMail } from './mails.ts';
import type { MailIntent } from './outbox.ts';
import { shiftDueAt } from './schedule.ts';
import { supportLedger, type SupportEntry } from './support-ledger.ts';
import { isClosed, latestResponse } from './trajectory.ts';

// ---------------------------------------------------------------------------------------------
// The state of a link

export const LINK_STATUSES = ['open', 'done', 'closed'] as const;
/**
 * What the person holding a link can still do. `open`: answer. `done`: the answer is in (or the
 * employee let the deadline pass). `closed`: nothing any more, the trajectory ended or the task
 * was closed.
 */
export type LinkStatus = (typeof LINK_STATUSES)[number];

const answered = (task: Pick<Task, 'status' | 'response'>): boolean =>
  task.status === 'done' || task.response !== undefined;

export function linkStatus(
  trajectory: Pick<Trajectory, 'status'>,
  task: Pick<Task, 'status' | 'response'>,
): LinkStatus {
  // Whoever answered sees that the answer was received, even once the trajectory has moved on
  // to its end or was cancelled: "closed" would leave them wondering whether it counted.
  if (answered(task)) return 'done';
  if (isClosed(trajectory.status) || task.status === 'closed') return 'closed';
  // An employee who let the deadline pass: nothing more can be done with the link either.
  if (task.status === 'no-response') return 'done';
  return 'open';
}

/**
 * Why an answer to `task` is refused, if it is: `gone` (410) once the trajectory ended or the
 * task was closed, whether or not it was answered (nothing can be recorded on a closed dossier);
 * `done` (409) for an answered or lapsed task of a running trajectory.
 */
export function answerRefusal(
  trajectory: Pick<Trajectory, 'status'>,
  task: Pick<Task, 'status' | 'response'>,
): 'gone' | 'done' | undefined {
  if (isClosed(trajectory.status) || task.status === 'closed') return 'gone';
  return linkStatus(trajectory, task) === 'done' ? 'done' : undefined;
}

// ---------------------------------------------------------------------------------------------
// What a link shows

/** Only a first name: enough to recognise whom a task is about, and nothing to mis-send. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}

type NamedPerson = { firstName: string };
/** A goal with the 0-based number a follow-up or evaluation refers to it by (`goal: <index>`). */
export type NumberedGoal = Goal & { index: number };
type Conversation = ActionBody<'conversation'>;

/** What the assignee of each kind of task needs in front of them to answer it. */
export interface ActionContexts {
  identify: { employee: NamedPerson; reason: string };
  conversation: { employee: NamedPerson; improvementAreas: ImprovementArea[] };
  'employee-response': {
    manager: NamedPerson;
    improvementAreas: ImprovementArea[];
    conversation: Conversation | null;
  };
  plan: {
    employee: NamedPerson;
    improvementAreas: ImprovementArea[];
    /** Extension: the consequence statement that comes with the plan (read-only for the manager). */
    consequenceStatement?: string;
    /**
     * Present when HR sent the previous plan back: what HR asked for and what was proposed (its
     * goals and, when it had any, its support ledger), so the revision starts from it.
     */
    revision?: { comments: string; goals: Goal[]; supportLedger?: SupportLedgerEntry[] };
    /**
     * Extension: HR asked for a change of the acknowledged plan (functions/core/plan-change.ts);
     * `revision` then starts from the plan in force (with empty comments) or, when HR sent the
     * changed version back, from that version.
     */
    change?: PlanChangeRef;
  };
  'plan-approval': {
    employee: NamedPerson;
    improvementAreas: ImprovementArea[];
    goals: Goal[];
    /** Extension: the support the plan offers, per goal (the plan's support ledger). */
    support?: SupportEntry[];
    /** Extension: what may follow when the goals are not met; HR approves it with the plan. */
    consequenceStatement?: string;
    /** Extension: the version under review changes the acknowledged plan, for this reason. */
    change?: PlanChangeRef;
  };
  'plan-acknowledgement': {
    manager: NamedPerson;
    improvementAreas: ImprovementArea[];
    goals: Goal[];
    /** Extension: the support the plan offers, per goal. */
    support?: SupportEntry[];
    /** Extension: what may follow when the goals are not met, shown with the plan. */
    consequenceStatement?: string;
    /** Extension: the plan was changed after the employee acknowledged it, for this reason. */
    change?: PlanChangeRef;
  };
  'follow-up': {
    employee: NamedPerson;
    goals: NumberedGoal[];
    meeting: { number: number; plannedOn: string } | null;
    /** Extension: the support offered and given so far, to mark what has been given since. */
    support?: SupportEntry[];
    /** Extension: the employee's self-assessment before this follow-up, when they gave one. */
    selfAssessment?: ActionBody<'self-assessment'>;
  };
  evaluation: {
    employee: NamedPerson;
    goals: NumberedGoal[];
    term: number;
    termEndsAt: string | null;
    /**
     * The follow-ups whose report has not come in: the evaluation opens at the end of the term
     * whatever the reports, and says which are missing.
     */
    missingReports: MissingReport[];
    /** Present when HR sent the previous evaluation back: what HR asked for and what it said. */
    revision?: { comments: string; evaluation: ActionBody<'evaluation'> };
  };
  'decision-confirmation': {
    employee: NamedPerson;
    goals: NumberedGoal[];
    evaluation: ActionBody<'evaluation'> | null;
    /**
     * Extension: the completeness criteria that fail or call for care with this decision
     * confirmed (functions/core/dossier-rules.ts `confirmationConcerns`), for HR to read first.
     * Absent where the whole dossier was not read.
     */
    concerns?: CriterionResult[];
  };
  aftercare: { employee: NamedPerson; decision: Trajectory['decision'] | null };
  /** Extension: the follow-up report the employee is invited to react to. */
  'follow-up-reaction': {
    manager: NamedPerson;
    goals: NumberedGoal[];
    meeting: number | null;
    report: ActionBody<'follow-up'> | null;
  };
  /** Extension: the plan the employee disagreed with, and what they wrote, for HR to answer. */
  'disagreement-response': {
    employee: NamedPerson;
    goals: Goal[];
    comments: string | null;
  };
  /** Extension: the possible causes of the conversation that HR is asked to follow up. */
  'cause-follow-up': {
    employee: NamedPerson;
    causes: Cause[];
    causesNote: string | null;
  };
  /** Extension: the plan's goals the employee assesses before the follow-up meeting. */
  'self-assessment': {
    manager: NamedPerson;
    goals: NumberedGoal[];
    meeting: { number: number; plannedOn: string } | null;
  };
  /** Extension: the evaluation HR confirmed, which the employee is invited to react to. */
  'evaluation-reaction': {
    manager: NamedPerson;
    goals: NumberedGoal[];
    evaluation: ActionBody<'evaluation'> | null;
  };
}

export type ActionContext = ActionContexts[TaskKind];

/** `GET /actions/{token}` as JSON. No token, hash, e-mail address or last name, ever. */
export interface ActionView {
  task: TaskKind;
  taskId: string;
  trajectoryId: string;
  status: LinkStatus;
  dueAt: string;
  locale: Locale;
  assignee: Role;
  /** Only while the task is open: once answered or closed, a lingering link shows no more. */
  context?: ActionContext;
  /**
   * Extension: the trajectory is paused for illness, so an answer is refused (409 `paused`) until
   * HR resumes it; the link stays valid. Only on an open task.
   */
  paused?: true;
}

const numbered = (goals: readonly Goal[]): NumberedGoal[] => goals.map((goal, index) => ({ ...goal, index }));

/**
 * The plan under review: the newest submitted plan. `trajectory.goals` may still hold an earlier
 * version while HR and the employee look at a revision.
 */
export const planUnderReview = (trajectory: Trajectory, tasks: readonly Task[]): Goal[] =>
  latestResponse(tasks, 'plan')?.goals ?? trajectory.goals;

/** A follow-up meeting whose report is still outstanding. */
export interface MissingReport {
  meeting: number;
  plannedOn: string;
}

/** The follow-up reports still open, by meeting, oldest first. */
export function missingReports(trajectory: Trajectory, tasks: readonly Task[]): MissingReport[] {
  return tasks
    .filter((task) => task.kind === 'follow-up' && task.status === 'open' && task.meeting !== undefined)
    .flatMap((task) => {
      const meeting = trajectory.meetings.find((candidate) => candidate.number === task.meeting);
      return meeting ? [{ meeting: meeting.number, plannedOn: meeting.plannedOn }] : [];
    })
    .sort((a, b) => a.meeting - b.meeting);
}

export function actionContext(trajectory: Trajectory, task: Task, tasks: readonly Task[]): ActionContext {
  const employee = { firstName: firstName(trajectory.employee.name) };
  const manager = { firstName: firstName(trajectory.manager.name) };
  const areas = trajectory.improvementAreas;
  const support = () => supportLedger({ trajectory, tasks: [...tasks], events: [] });
  const consequence = trajectory.consequenceStatement
    ? { consequenceStatement: trajectory.consequenceStatement }
    : {};
  switch (task.kind) {
    case 'identify':
      return { employee, reason: trajectory.reason };
    case 'conversation':
      return { employee, improvementAreas: areas };
    case 'employee-response':
      return {
        manager,
        improvementAreas: areas,
        conversation: latestResponse(tasks, 'conversation') ?? null,
      };
    case 'plan': {
      const review = latestResponse(tasks, 'plan-approval');
      const previous = latestResponse(tasks, 'plan');
      const change = task.change && { change: task.change };
      return {
        employee,
        improvementAreas: areas,
        ...consequence,
        ...change,
        ...(review?.decision === 'revise' && previous
          ? {
              revision: {
                comments: review.comments ?? '',
                goals: previous.goals,
                ...(previous.supportLedger?.length ? { supportLedger: previous.supportLedger } : {}),
              },
            }
          : change
            ? // A change starts from the plan in force, which the manager adjusts.
              {
                revision: {
                  comments: '',
                  goals: trajectory.goals,
                  ...(previous?.supportLedger?.length ? { supportLedger: previous.supportLedger } : {}),
                },
              }
            : {}),
      };
    }
    case 'plan-approval':
      return {
        employee,
        improvementAreas: areas,
        goals: planUnderReview(trajectory, tasks),
        support: support(),
        ...consequence,
        ...(task.change && { change: task.change }),
      };
    case 'plan-acknowledgement':
      return {
        manager,
        improvementAreas: areas,
        goals: planUnderReview(trajectory, tasks),
        support: support(),
        ...consequence,
        ...(task.change && { change: task.change }),
      };
    case 'follow-up': {
      const meeting = trajectory.meetings.find(
        (m) => m.taskId === task.id || (task.meeting !== undefined && m.number === task.meeting),
      );
      const selfAssessment = selfAssessmentBefore(task, tasks);
      return {
        employee,
        goals: numbered(trajectory.goals),
        meeting: meeting ? { number: meeting.number, plannedOn: meeting.plannedOn } : null,
        support: support(),
        ...(selfAssessment && { selfAssessment }),
      };
    }
    case 'self-assessment': {
      const meeting = trajectory.meetings.find((m) => m.number === task.meeting);
      return {
        manager,
        goals: numbered(trajectory.goals),
        meeting: meeting ? { number: meeting.number, plannedOn: meeting.plannedOn } : null,
      };
    }
    case 'evaluation': {
      const review = latestResponse(tasks, 'decision-confirmation');
      const previous = latestResponse(tasks, 'evaluation');
      return {
        employee,
        goals: numbered(trajectory.goals),
        term: trajectory.term,
        termEndsAt: trajectory.termEndsAt ?? null,
        missingReports: missingReports(trajectory, tasks),
        ...(review?.decision === 'revise' && previous
          ? { revision: { comments: review.comments ?? '', evaluation: previous } }
          : {}),
      };
    }
    case 'decision-confirmation':
      return {
        employee,
        goals: numbered(trajectory.goals),
        evaluation: latestResponse(tasks, 'evaluation') ?? null,
      };
    case 'aftercare':
      return { employee, decision: trajectory.decision ?? null };
    case 'follow-up-reaction':
      return {
        manager,
        goals: numbered(trajectory.goals),
        meeting: task.meeting ?? null,
        report: (reportOf(task, tasks)?.response as ActionBody<'follow-up'> | undefined) ?? null,
      };
    case 'disagreement-response':
      return {
        employee,
        goals: planUnderReview(trajectory, tasks),
        comments:
          (reportOf(task, tasks)?.response as ActionBody<'plan-acknowledgement'> | undefined)?.comments ??
          null,
      };
    case 'cause-follow-up': {
      const conversation = reportOf(task, tasks)?.response as ActionBody<'conversation'> | undefined;
      return {
        employee,
        causes: causesForHr(conversation?.causes),
        causesNote: conversation?.causesNote ?? null,
      };
    }
    case 'evaluation-reaction':
      return {
        manager,
        goals: numbered(trajectory.goals),
        evaluation: (reportOf(task, tasks)?.response as ActionBody<'evaluation'> | undefined) ?? null,
      };
  }
}

/** The employee's self-assessment before the follow-up `report`, when they gave one. */
export function selfAssessmentBefore(
  report: Pick<Task, 'id'>,
  tasks: readonly Task[],
): ActionBody<'self-assessment'> | undefined {
  const assessment = tasks.find(
    (other) => other.kind === 'self-assessment' && other.about === report.id && other.response !== undefined,
  );
  return assessment?.response as ActionBody<'self-assessment'> | undefined;
}

/** The report a reaction task is about: what the employee reacts to is shown where they decide. */
const reportOf = (task: Task, tasks: readonly Task[]): Task | undefined =>
  task.about === undefined ? undefined : tasks.find((other) => other.id === task.about);

export function actionView(trajectory: Trajectory, task: Task, tasks: readonly Task[]): ActionView {
  const status = linkStatus(trajectory, task);
  return {
    task: task.kind,
    taskId: task.id,
    trajectoryId: trajectory.id,
    status,
    dueAt: task.dueAt,
    locale: trajectory.locale,
    assignee: task.assignee,
    ...(status === 'open' ? { context: actionContext(trajectory, task, tasks) } : {}),
    ...(status === 'open' && trajectory.pausedAt !== undefined ? { paused: true as const } : {}),
  };
}

/**
 * An open decision confirmation's view with the completeness concerns HR must see before
 * confirming, judged on the whole `dossier` at `now` in the view's language; any other view as is.
 */
export function withConcerns(view: ActionView, dossier: Dossier, now: Date): ActionView {
  if (view.task !== 'decision-confirmation' || !view.context) return view;
  return { ...view, context: { ...view.context, concerns: confirmationConcerns(dossier, now, view.locale) } };
}

// ---------------------------------------------------------------------------------------------
// Answering a task

/**
 * Validates a response for `kind`: the body's schema, then what the schema alone cannot know. A
 * follow-up's or an evaluation's goal numbers (and a follow-up's support ledger) are checked
 * against the plan's `goals`; a decision confirmation against the evaluation it confirms, the
 * newest answered one in `tasks` (redeployment is required when HR approves an unsuccessful
 * evaluation, and is kept only then). With `rules`, the answer is judged against the dossier too
 * (core/dossier-rules.ts).
 */
export function validateResponse(
  kind: TaskKind,
  body: unknown,
  goals: readonly Goal[],
  locale: Locale,
  tasks: readonly Task[] = [],
  rules?: RuleContext,
): { ok: true; value: ActionBody<TaskKind> } | { ok: false; fieldErrors: FieldError[] } {
  const parsed = parseBody(actionBodies[kind], body, locale);
  if (!parsed.ok) return parsed;
  let value = parsed.value as ActionBody<TaskKind>;
  const fieldErrors: FieldError[] = [];
  if (kind === 'follow-up' || kind === 'evaluation') {
    fieldErrors.push(
      ...checkGoalIndexes(value as ActionBody<'follow-up'> | ActionBody<'evaluation'>, goals.length, locale),
    );
  }
  if (kind === 'follow-up') {
    fieldErrors.push(...checkSupportGoals(value as ActionBody<'follow-up'>, goals.length, locale));
  }
  if (kind === 'self-assessment') {
    fieldErrors.push(
      ...checkSelfAssessmentGoals(value as ActionBody<'self-assessment'>, goals.length, locale),
    );
  }
  if (kind === 'decision-confirmation') {
    const confirmation = value as ActionBody<'decision-confirmation'>;
    const evaluation = latestResponse(tasks, 'evaluation')?.decision;
    fieldErrors.push(...checkRedeployment(confirmation, evaluation, locale));
    if (confirmation.redeployment && !redeploymentApplies(confirmation.decision, evaluation)) {
      const { redeployment: _ignored, ...rest } = confirmation;
      value = rest;
    }
  }
  if (fieldErrors.length > 0) return { ok: false, fieldErrors };
  // Then what would sink the dossier (a date in the future, a deadline after the term, ...).
  if (rules) {
    const judged = checkDossierRules(kind, value, rules);
    if (judged.fieldErrors.length > 0) return { ok: false, fieldErrors: judged.fieldErrors };
    if (kind === 'decision-confirmation') {
      // An override is kept only where it set a rule aside, with the rules it set aside.
      const { override: _given, ...rest } = value as ActionBody<'decision-confirmation'>;
      value = judged.override ? ({ ...rest, override: judged.override } as ActionBody<TaskKind>) : rest;
    }
  }
  return { ok: true, value };
}

/** The task with the assignee's answer; `version` stays the one read, for the conditional write. */
export function withResponse(task: Task, response: unknown, now: Date): Task {
  return { ...task, status: 'done', response, completedAt: now.toISOString() };
}

export const TASK_COMPLETED = 'task-completed';

/**
 * One per task (its id says so), so whatever retries or races happen the dossier says once that
 * the assignee answered. The answer itself is on the task, not copied into the event.
 */
export function taskCompletedEvent(task: Task): DossierEvent {
  // The deadline that was met and the role that met it: what the lifecycle event says
  // (functions/core/lifecycle-events.ts). The answer itself stays on the task.
  return answerEvent(task, TASK_COMPLETED, {
    kind: task.kind,
    assignee: task.assignee,
    dueAt: task.dueAt,
    ...(task.meeting !== undefined && { meeting: task.meeting }),
  });
}

export const DECISION_OVERRIDDEN = 'decision-overridden';

/**
 * HR confirmed an unsuccessful end the dossier did not carry, with a written reason: an event of
 * its own, so the dossier shows the exception as plainly as the decision. The rules it set aside
 * are its data; the reason stays on the task with the answer.
 */
export function decisionOverriddenEvent(task: Task): DossierEvent | undefined {
  const override = (task.response as { override?: Override } | undefined)?.override;
  if (!override) return undefined;
  return answerEvent(task, DECISION_OVERRIDDEN, { rules: override.rules });
}

// ---------------------------------------------------------------------------------------------
// HR cancels a trajectory

export const cancelTrajectoryBody = z.strictObject({
  /** Mailed to everyone on the trajectory, the employee included. */
  reason: text(LIMITS.reason),
  /** Extension: HR's own note, kept in the dossier for HR only and never mailed. */
  internalNote: text(LIMITS.reason).optional(),
});

export const TRAJECTORY_CANCELLED = 'trajectory-cancelled';
/** Where HR's internal note of a cancellation lives: in that event's data, for HR's eyes only. */
export const INTERNAL_NOTE = 'internalNote';

/**
 * An event as someone other than HR may read it: without HR's internal note. The note sits on
 * the cancellation's event only; every other event is returned as it is.
 */
export function eventForReader<E extends Pick<DossierEvent, 'type' | 'data'>>(event: E, role: Role): E {
  if (role === 'hr' || event.type !== TRAJECTORY_CANCELLED || !event.data || !(INTERNAL_NOTE in event.data)) {
    return event;
  }
  const { [INTERNAL_NOTE]: _note, ...data } = event.data;
  return { ...event, data };
}

/** HR's internal note on a cancellation, if one was kept. */
export function internalNoteOf(events: readonly Pick<DossierEvent, 'type' | 'data'>[]): string | undefined {
  const note = events.find((event) => event.type === TRAJECTORY_CANCELLED)?.data?.[INTERNAL_NOTE];
  return typeof note === 'string' ? note : undefined;
}

export function cancelled(trajectory: Trajectory, now: Date): Trajectory {
  const at = now.toISOString();
  return { ...trajectory, status: 'cancelled', phase: 'closed', closedAt: at, updatedAt: at };
}

/** A task that can no longer be answered; its token died with the stopped execution. */
export function closedTask(task: Task): Task {
  return { ...task, status: 'closed', taskToken: undefined };
}

/**
 * A trajectory is cancelled once, so the entry has a fixed id and a retry cannot add a second.
 * The reason is what everyone was mailed; HR's internal note, when given, is kept beside it.
 */
export function cancelledEvent(
  trajectory: Trajectory,
  reason: string,
  now: Date,
  internalNote?: string,
): DossierEvent {
  return {
    id: TRAJECTORY_CANCELLED,
    trajectoryId: trajectory.id,
    at: now.toISOString(),
    type: TRAJECTORY_CANCELLED,
    actor: { role: 'hr' },
    data: { reason, ...(internalNote !== undefined && { [INTERNAL_NOTE]: internalNote }) },
  };
}

/** Who is told that a trajectory was cancelled: everyone on it. */
export const CANCEL_RECIPIENTS = ['employee', 'manager', 'hr'] as const satisfies readonly Role[];

/**
 * Whether the employee has been told of the trajectory: once the manager recorded the conversation
 * in which they heard of it in person. Before that no mail names it to them (a fair start).
 */
export function employeeInformed(tasks: readonly Pick<Task, 'kind' | 'response'>[]): boolean {
  return tasks.some((task) => task.kind === 'conversation' && task.response !== undefined);
}

/**
 * The cancellation notices, one per person so each is greeted by name. The keys are fixed per
 * recipient: the mail ledger sends each at most once, whoever asks and however often. An employee
 * who was never told of the trajectory is not told of its cancellation either.
 */
export function cancellationMails(
  trajectory: Trajectory,
  reason: string,
  tasks: readonly Pick<Task, 'kind' | 'response'>[],
): MailIntent[] {
  const recipients = CANCEL_RECIPIENTS.filter(
    (recipient) => recipient !== 'employee' || employeeInformed(tasks),
  );
  return recipients.map((recipient) => ({
    key: `${TRAJECTORY_CANCELLED}.${recipient}`,
    kind: 'trajectory-cancelled',
    recipient,
    render: () => renderMail('trajectory-cancelled', { ...mailBase(trajectory, recipient), reason }),
  }));
}

// ---------------------------------------------------------------------------------------------
// HR gives a task more time

export const MAX_EXTEND_DAYS = 60;

export const extendTaskBody = z.strictObject({
  days: z.number().int().min(1).max(MAX_EXTEND_DAYS),
});

/**
 * The task with its due time `days` calendar days later (same wall-clock time, off the weekend,
 * like every deadline) and the chasing policy restarted when the new deadline lies ahead.
 */
export function extended(task: Task, days: number, now: Date): Task {
  const moved = afterDueTimeMoved(task, shiftDueAt(task.dueAt, days), now);
  return { ...task, ...moved };
}

export const DUE_DATE_EXTENDED = 'due-date-extended';

/**
 * Keyed on the due time that was moved, like the chasing entries of one deadline: a repeated
 * append of the same extension adds nothing, and the next extension starts from a later due
 * time (days are at least 1), so it gets an entry of its own.
 */
export function dueDateExtendedEvent(before: Task, after: Task, days: number, now: Date): DossierEvent {
  return {
    id: `${before.id}.${DUE_DATE_EXTENDED}@${before.dueAt}`,
    trajectoryId: before.trajectoryId,
    at: now.toISOString(),
    type: DUE_DATE_EXTENDED,
    actor: { role: 'hr' },
    taskId: before.id,
    data: { days, previousDueAt: before.dueAt, dueAt: after.dueAt },
  };
}

export const DEADLINE_MOVED = 'deadline-moved';

/**
 * Tells the assignee the new deadline, in the trajectory's language. Keyed on the new due time,
 * like the chasing mails of one deadline: the ledger sends it at most once per extension, and
 * the next extension (always to a later due time) gets a mail of its own. No action link: the
 * one the assignee has stays valid, the workflow waits again with it.
 *
 * With `calendar`, a meeting that has moved from where it was first put (the conversation follows
 * its deadline) comes with the updated invite: same UID, higher SEQUENCE (invites.ts).
 */
export function deadlineMovedMail(trajectory: Trajectory, task: Task, calendar?: InviteOptions): MailIntent {
  const invite = calendar && meetingInvite(trajectory, task, calendar);
  const moved = invite && invite.sequence > 0 ? invite : undefined;
  const ref = {
    task: task.kind,
    ...(task.meeting !== undefined && { meeting: task.meeting }),
    dueAt: task.dueAt,
    ...(moved && { meetingAt: moved.startsAt }),
  };
  return {
    key: `${task.id}.${DEADLINE_MOVED}@${task.dueAt}`,
    kind: 'deadline-moved',
    recipient: task.assignee,
    taskId: task.id,
    render: () => ({
      ...renderMail('deadline-moved', { ...mailBase(trajectory, task.assignee), ...ref }),
      ...(moved && { attachments: [inviteAttachment(trajectory, moved)] }),
    }),
  };
}

/** A task as it may leave the server: the token completes a step, the hash names a link. */
export function taskView(task: Task): Omit<Task, 'taskToken' | 'linkHash'> {
  const { taskToken: _token, linkHash: _hash, ...view } = task;
  return view;
}

/** The dossier's entry of `type` about an answer: one per task (its id says so), at the answer, by the assignee. */
function answerEvent(task: Task, type: string, data: DossierEvent['data']): DossierEvent {
  return {
    id: `${task.id}.${type}`,
    trajectoryId: task.trajectoryId,
    at: task.completedAt ?? task.openedAt,
    type,
    actor: { role: task.assignee },
    taskId: task.id,
    data,
  };
}
