/**
 * The workflow's rules, as pure functions of a dossier and the time: what opening, chasing,
 * completing and closing a task does to the trajectory, which dossier events that adds, which
 * mails go out, and what the state machine needs to take its next turn. The workflow handlers
 * only load, write and send what these functions decide.
 *
 * Every function here can be applied again to its own result without changing anything more:
 * a retried step re-derives the same task, the same trajectory, the same event ids and the same
 * mail keys, so it neither duplicates an entry nor moves a date twice.
 */
import {
  checkInSeconds,
  chase,
  firstCheckpoint,
  mailWindow,
  MIN_CHECK_IN_SECONDS,
  type ChaseAction,
} from './chasing.ts';
import { missingReports, planUnderReview } from './actions.ts';
import { inviteAttachment, meetingInvite, type InviteOptions } from './invites.ts';
import {
  mailBase,
  renderMail,
  type GoalLine,
  type MailBase,
  type MailContexts,
  type MailKind,
  type PrivacyNotice,
  type ReactionOffer,
  type RequestDetails,
} from './mails.ts';
import {
  TASK_ASSIGNEE,
  TASK_PHASE,
  type Actor,
  type DecisionOutcome,
  type WorkState,
  type DossierEvent,
  type Meeting,
  type Task,
  type TaskKind,
  type Trajectory,
} from './model.ts';
import type { MailIntent } from './outbox.ts';
import {
  aftercareDate,
  dueForTask,
  followUpDates,
  followUpRequestAt,
  selfAssessmentDue,
  startOfWorkday,
  termEnd,
} from './schedule.ts';
import { causesForHr, type ActionBody, type SupportLedgerEntry } from './schemas.ts';
import {
  clearAttention,
  failedStep,
  flagAttention,
  isClosed,
  lateTask,
  newTaskId,
  statusAfterDecision,
} from './trajectory.ts';

/**
 * The dossier is not in a state the workflow can continue from (a task answered twice, a
 * record step for an unanswered task). Not retried: HR is told instead.
 */
export class WorkflowStateError extends Error {
  override readonly name = 'WorkflowStateError';
}

/**
 * The process was started on a trajectory whose term has already begun: after an extension it
 * goes on in a fresh execution (no execution may near Step Functions' one-year limit), which
 * takes up the calendar rather than starting over. The message is the JSON of what the process
 * waits for next (`CalendarStep`). A signal, not a failure.
 */
export class TermContinuesError extends Error {
  override readonly name = 'TermContinues';
  constructor(readonly calendar: CalendarStep) {
    super(JSON.stringify(calendar));
  }
}

/**
 * The process was started to continue an older execution of the trajectory (a long pause: no
 * execution may near Step Functions' one-year limit) at the step that one was at. The message is
 * the JSON of the calendar ahead (`CalendarStep`), as for `TermContinues`. A signal, not a failure.
 */
export class ResumesAtError extends Error {
  override readonly name = 'ResumesAt';
  constructor(readonly calendar: CalendarStep) {
    super(JSON.stringify(calendar));
  }
}

/**
 * The calendar came to the end of the term with no follow-up left to request: the process goes on
 * to the evaluation. A signal, not a failure.
 */
export class FollowUpsDoneError extends Error {
  override readonly name = 'FollowUpsDone';
  constructor() {
    super('Every follow-up of the term is requested');
  }
}

/** Tasks the process does not wait for: the Open step starts their executions itself. */
export const NOT_WAITED_FOR: readonly TaskKind[] = ['employee-response', 'follow-up'];

/**
 * Tasks the process never opens: recording another task's answer does (`completeTask`'s
 * `opens`), and starts their executions, which nothing waits for.
 */
export const OPENED_BY_RECORD: readonly TaskKind[] = [
  'follow-up-reaction',
  'evaluation-reaction',
  'disagreement-response',
  'cause-follow-up',
];

/**
 * Tasks that open with another: the employee's self-assessment opens with the follow-up it comes
 * before (`openTask`'s `opens`), and the Open step starts its execution, which nothing waits for.
 */
export const OPENED_WITH_FOLLOW_UP: readonly TaskKind[] = ['self-assessment'];

/** The trajectory was cancelled or closed: nothing may be asked or recorded any more. */
export class TrajectoryClosedError extends Error {
  override readonly name = 'TrajectoryClosedError';
}

/** What the state machine reads after each Record step (`$step`). */
export interface StepOutput {
  taskId: string;
  task: TaskKind;
  /** HR's answer on a plan or a decision. */
  decision?: 'approve' | 'revise';
  /** The evaluation's decision, once HR confirmed it. */
  outcome?: DecisionOutcome;
  /** The next follow-up meeting to wait for; absent when none is left in the term. */
  nextFollowUp?: { number: number; at: string };
  /** ISO instant the current term ends (and the evaluation opens). */
  termEndsAt?: string;
  /** ISO instant the aftercare task opens. */
  aftercareAt?: string;
  /** The term that starts with an extension: names the execution the trajectory goes on in. */
  term?: number;
}

export interface StepEffects {
  /** The trajectory to write, when it changed. */
  trajectory?: Trajectory;
  /** The task to write, when it changed. */
  task?: Task;
  events: DossierEvent[];
  mails: MailIntent[];
}

const SYSTEM: Actor = { role: 'system' };

function event(
  trajectory: Trajectory,
  id: string,
  type: string,
  at: string,
  actor: Actor,
  extra: { taskId?: string; data?: Record<string, unknown> } = {},
): DossierEvent {
  return { id, trajectoryId: trajectory.id, at, type, actor, ...extra };
}

/** The latest task of `kind` in the dossier that satisfies `where` (tasks come oldest first). */
function latestTask(dossier: WorkState, kind: TaskKind, where: (task: Task) => boolean = () => true) {
  return dossier.tasks.filter((task) => task.kind === kind && where(task)).at(-1);
}

const answered = (task: Task) => task.response !== undefined;

function assertActive(trajectory: Trajectory): void {
  if (isClosed(trajectory.status)) {
    throw new TrajectoryClosedError(`Trajectory ${trajectory.id} is ${trajectory.status}`);
  }
}

function findTask(dossier: WorkState, taskId: string): Task {
  const task = dossier.tasks.find((candidate) => candidate.id === taskId);
  if (!task) throw new WorkflowStateError(`Trajectory ${dossier.trajectory.id} has no task ${taskId}`);
  return task;
}

// ---------------------------------------------------------------------------------------------
// Opening a task

export interface OpenTaskRequest {
  kind: TaskKind;
  /** The follow-up meeting the task reports on (`follow-up` only). */
  meeting?: number;
  /**
   * `identify` only: the process continues an older execution at the step of this kind. Its task
   * (if any) is open still; the process goes to that step, or opens identify again if it was there.
   */
  resumeAt?: TaskKind | undefined;
}

export interface OpenedTask extends StepEffects {
  task: Task;
  /** False when a retry found the task the first attempt opened. */
  created: boolean;
  /** Seconds until the first checkpoint of the chasing policy: the Ask state's timeout. */
  checkIn: number;
  /** For a follow-up: what the process waits for next (it does not wait for the report). */
  calendar?: CalendarStep;
  /**
   * For a follow-up: the employee's self-assessment that comes before it, which nothing waits
   * for. `created` is false when a retry finds it.
   */
  opens?: { task: Task; created: boolean; checkIn: number };
}

/**
 * The task a step opens, with its due time from the schedule. A follow-up's id is its meeting
 * number; other kinds count up (`plan-2` after a revision). An open task of the same kind is
 * the one an earlier attempt created, and is returned instead of a second one.
 */
export function openTask(dossier: WorkState, request: OpenTaskRequest, now: Date): OpenedTask {
  const { trajectory } = dossier;
  assertActive(trajectory);
  const { kind } = request;
  if (kind === 'identify' && request.resumeAt !== undefined && request.resumeAt !== 'identify') {
    throw new ResumesAtError(calendarAhead(trajectory));
  }
  // The first step of the process on a trajectory in its term: a continuation, not a new start.
  if (kind === 'identify' && trajectory.termEndsAt !== undefined) {
    throw new TermContinuesError(calendarAhead(trajectory));
  }
  let meeting: Meeting | undefined;
  if (kind === 'follow-up') {
    meeting = trajectory.meetings.find((candidate) => candidate.number === request.meeting);
    if (!meeting) throw new WorkflowStateError(`No follow-up meeting ${request.meeting} is planned`);
  }
  const id = meeting
    ? newTaskId(kind, meeting.number)
    : (dossier.tasks.find((task) => task.kind === kind && task.status === 'open')?.id ??
      newTaskId(kind, dossier.tasks.filter((task) => task.kind === kind).length + 1));
  const existing = dossier.tasks.find((task) => task.id === id);
  const at = now.toISOString();
  const task: Task = existing ?? {
    id,
    trajectoryId: trajectory.id,
    kind,
    assignee: TASK_ASSIGNEE[kind],
    status: 'open',
    openedAt: at,
    dueAt: dueForTask(kind, now, trajectory.schedule, meeting?.plannedOn).toISOString(),
    chaseStage: 'none',
    ...(meeting && { meeting: meeting.number }),
    version: 0,
  };

  const phase = TASK_PHASE[kind];
  const meetings = trajectory.meetings.map((candidate) =>
    candidate.number === meeting?.number ? { ...candidate, taskId: task.id } : candidate,
  );
  const changed = trajectory.phase !== phase || (meeting !== undefined && meeting.taskId !== task.id);
  const events = [
    event(trajectory, `${task.id}.opened`, 'task-opened', task.openedAt, SYSTEM, {
      taskId: task.id,
      data: {
        task: kind,
        assignee: task.assignee,
        dueAt: task.dueAt,
        ...(meeting && { meeting: meeting.number }),
      },
    }),
  ];
  // The employee may say beforehand how they see each goal; the manager reads it on the report's form.
  const opens = meeting && selfAssessmentFor(dossier, task, meeting, now);
  if (opens) events.push(taskOpenedEvent(trajectory, opens.task));
  // Nothing is mailed to the employee when a task opens: the trajectory is named to them only once
  // the manager has recorded the conversation (completeTask), after meeting them in person.
  const mails: MailIntent[] = [];
  const next = changed ? { ...trajectory, phase, meetings } : trajectory;
  return {
    task,
    created: !existing,
    checkIn: firstCheckIn(task, trajectory.schedule),
    ...(changed && { trajectory: next }),
    ...(meeting && { calendar: calendarAhead(next) }),
    ...(opens && { opens }),
    events,
    mails,
  };
}

/**
 * The employee's self-assessment before the follow-up `report`, opened with it (at the report's
 * own `openedAt`, so a retry derives the same task). Due at the end of the working day before the
 * meeting, or with the report should that come first (`selfAssessmentDue`). Optional: reminded
 * once, never escalated, and closed once the report is in (`completeTask`). None for a report
 * that is already answered or closed, nor once its deadline has passed (a follow-up opened before
 * self-assessments existed, taken up again): the moment to say something beforehand has gone.
 */
function selfAssessmentFor(
  dossier: WorkState,
  report: Task,
  meeting: Meeting,
  now: Date,
): NonNullable<OpenedTask['opens']> | undefined {
  const { schedule } = dossier.trajectory;
  const existing = dossier.tasks.find((task) => task.kind === 'self-assessment' && task.about === report.id);
  if (existing) return { task: existing, created: false, checkIn: firstCheckIn(existing, schedule) };
  if (report.status !== 'open' || answered(report)) return undefined;
  const openedAt = report.openedAt;
  const task: Task = {
    id: newTaskId('self-assessment', meeting.number),
    trajectoryId: dossier.trajectory.id,
    kind: 'self-assessment',
    assignee: TASK_ASSIGNEE['self-assessment'],
    status: 'open',
    openedAt,
    dueAt: selfAssessmentDue(meeting.plannedOn, new Date(openedAt), report.dueAt).toISOString(),
    chaseStage: 'none',
    meeting: meeting.number,
    about: report.id,
    version: 0,
  };
  if (Date.parse(task.dueAt) <= now.getTime()) return undefined;
  return { task, created: true, checkIn: firstCheckIn(task, schedule) };
}

/**
 * Seconds from the task's opening to its first checkpoint, or to the next working day when it
 * opened on a day without mail (its request waits for that day: the Ask state looks again then).
 * Counted from `openedAt`, not from now, so a retried Open hands the same input to the task's
 * execution, whose start by name is then a harmless repeat.
 */
export function firstCheckIn(task: Task, schedule: Trajectory['schedule']): number {
  const openedAt = new Date(task.openedAt);
  const window = mailWindow(openedAt);
  const checkpoint = firstCheckpoint(task, schedule, openedAt);
  const at =
    !window.open && (checkpoint === undefined || window.opensAt < checkpoint) ? window.opensAt : checkpoint;
  return checkInSeconds(at, openedAt);
}

/** What the process waits for next in a term: the next follow-up, or the end of the term. */
export interface CalendarStep {
  nextFollowUp?: { number: number; at: string };
  termEndsAt?: string;
}

/** The next follow-up not yet opened and the end of the term: after a follow-up opened, or when a new execution takes up a term. */
function calendarAhead(trajectory: Trajectory): CalendarStep {
  const next = nextFollowUp(trajectory);
  return {
    ...(next && { nextFollowUp: next }),
    ...(trajectory.termEndsAt !== undefined && { termEndsAt: trajectory.termEndsAt }),
  };
}

// ---------------------------------------------------------------------------------------------
// Asking

/** What a request mail quotes of an evaluation: its summary and decision, and an extension's weeks. */
function evaluationQuoted(evaluation: ActionBody<'evaluation'>): NonNullable<RequestDetails['evaluation']> {
  return {
    summary: evaluation.summary,
    decision: evaluation.decision,
    ...(evaluation.extendWeeks !== undefined && { extendWeeks: evaluation.extendWeeks }),
  };
}

/** What the request mail shows besides the question: what the person is asked to react to. */
export function requestDetails(dossier: WorkState, task: Task): RequestDetails {
  const { trajectory } = dossier;
  const before = (other: Task) => other.openedAt <= task.openedAt && other.id !== task.id;
  const revision = (kind: 'plan-approval' | 'decision-confirmation') => {
    const review = latestTask(dossier, kind, (other) => before(other) && answered(other));
    const response = review?.response as ActionBody<typeof kind> | undefined;
    return response?.decision === 'revise' && response.comments
      ? { revisionComments: response.comments }
      : {};
  };
  // The answered task a reaction or an answer is about (`task.about`), and its response.
  const about = dossier.tasks.find((other) => other.id === task.about && answered(other));
  const aboutResponse = <K extends TaskKind>() => about?.response as ActionBody<K> | undefined;
  switch (task.kind) {
    case 'employee-response': {
      const conversation = latestTask(dossier, 'conversation', answered)?.response as
        ActionBody<'conversation'> | undefined;
      return conversation ? { conversation } : {};
    }
    case 'plan':
      // Only a plan asked for again has a review before it; the first plan has none.
      return { ...revision('plan-approval'), ...(task.change && { planChange: task.change }) };
    case 'plan-approval':
    case 'plan-acknowledgement':
      return {
        // The version under review: a change is not in the trajectory's goals before it is approved.
        goals: planUnderReview(trajectory, dossier.tasks),
        ...(task.change && { planChange: task.change }),
        ...(trajectory.consequenceStatement && { consequenceStatement: trajectory.consequenceStatement }),
      };
    case 'follow-up': {
      const plannedOn = trajectory.meetings.find((meeting) => meeting.number === task.meeting)?.plannedOn;
      return plannedOn ? { plannedOn } : {};
    }
    case 'self-assessment': {
      const plannedOn = trajectory.meetings.find((meeting) => meeting.number === task.meeting)?.plannedOn;
      return { goals: trajectory.goals, ...(plannedOn && { plannedOn }) };
    }
    case 'evaluation': {
      const missing = missingReports(trajectory, dossier.tasks);
      return { ...revision('decision-confirmation'), ...(missing.length > 0 && { missingReports: missing }) };
    }
    case 'follow-up-reaction': {
      const response = aboutResponse<'follow-up'>();
      return response
        ? {
            followUpReport: {
              meeting: about?.meeting ?? 0,
              heldOn: response.heldOn,
              summary: response.summary,
              progress: goalLines(trajectory, response.progress, (line) => line.status),
            },
          }
        : {};
    }
    case 'disagreement-response': {
      const acknowledgement = aboutResponse<'plan-acknowledgement'>();
      return { goals: trajectory.goals, employeeComments: acknowledgement?.comments ?? '' };
    }
    case 'cause-follow-up': {
      const conversation = aboutResponse<'conversation'>();
      return conversation
        ? {
            causes: causesForHr(conversation.causes),
            ...(conversation.causesNote && { causesNote: conversation.causesNote }),
          }
        : {};
    }
    case 'evaluation-reaction': {
      const response = aboutResponse<'evaluation'>();
      return response
        ? {
            evaluation: evaluationQuoted(response),
            results: goalLines(trajectory, response.results, (line) => line.outcome),
          }
        : {};
    }
    case 'decision-confirmation': {
      const evaluation = latestTask(dossier, 'evaluation', answered)?.response as
        ActionBody<'evaluation'> | undefined;
      return evaluation ? { evaluation: evaluationQuoted(evaluation) } : {};
    }
    default:
      return {};
  }
}

/**
 * The request mail of a task, with its action link. Sent on the first entry of Ask only. With
 * `calendar`, a conversation or follow-up request also carries the meeting's invite (invites.ts).
 */
export function requestMail(
  dossier: WorkState,
  task: Task,
  calendar?: InviteOptions,
  privacy?: PrivacyNotice,
): MailIntent {
  const { trajectory } = dossier;
  const details = requestDetails(dossier, task);
  const invite = calendar && meetingInvite(trajectory, task, calendar);
  return {
    key: `${task.id}.request`,
    kind: 'task-request',
    recipient: task.assignee,
    taskId: task.id,
    linkTaskId: task.id,
    render: (link) => ({
      ...renderMail('task-request', {
        ...mailBase(trajectory, task.assignee),
        task: task.kind,
        ...(task.meeting !== undefined && { meeting: task.meeting }),
        dueAt: task.dueAt,
        link: link ?? '',
        details,
        ...(invite && { meetingAt: invite.startsAt }),
        ...(privacy && { privacy }),
      }),
      ...(invite && { attachments: [inviteAttachment(trajectory, invite)] }),
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Chasing

/**
 * `waiting`: ask again. `no-response`: an employee let the deadline pass. `done`: answered while
 * no token was live. `closed`: the task or the trajectory was closed (cancelled, or the trajectory
 * ended while this report was still outstanding): the task's execution ends quietly.
 */
export type ChaseOutcome = 'waiting' | 'no-response' | 'done' | 'closed';

/**
 * How long a paused trajectory's waiting task sleeps before it looks again. The resume wakes it
 * (`DueTimeMoved`); this is only the safety net should that wake-up not arrive.
 */
export const PAUSED_CHECK_IN_SECONDS = 7 * 24 * 60 * 60;

export interface ChaseStep extends StepEffects {
  outcome: ChaseOutcome;
  /** Seconds until the next checkpoint; the Ask state's next timeout. */
  checkIn: number;
}

const CHASE_EVENT: Record<ChaseAction, string> = {
  remind: 'task-reminded',
  overdue: 'task-overdue',
  escalate: 'task-escalated',
  'second-escalation': 'task-escalated-again',
  'no-response': 'no-response',
};

/**
 * Applies the chasing policy (chasing.ts) to a task whose Ask state timed out or was woken
 * because HR moved its deadline. Events and mail keys carry the due time: after a moved
 * deadline the policy starts afresh for the new one, and its notices are new notices.
 */
export function chaseTask(dossier: WorkState, taskId: string, now: Date): ChaseStep {
  const { trajectory } = dossier;
  const task = findTask(dossier, taskId);
  if (isClosed(trajectory.status) || task.status === 'closed') {
    return { outcome: 'closed', checkIn: MIN_CHECK_IN_SECONDS, events: [], mails: [] };
  }
  // Answered while no token was live: the response is recorded, the workflow moves on.
  if (answered(task) || task.status === 'done')
    return { outcome: 'done', checkIn: MIN_CHECK_IN_SECONDS, events: [], mails: [] };
  if (task.status === 'no-response')
    return { outcome: 'no-response', checkIn: MIN_CHECK_IN_SECONDS, events: [], mails: [] };
  if (task.status !== 'open') throw new WorkflowStateError(`Task ${task.id} is ${task.status}`);
  // While the employee is ill the trajectory stands still: nobody is chased. The resume shifts
  // the due times and wakes this task; the weekly look is the safety net.
  if (trajectory.pausedAt !== undefined) {
    return { outcome: 'waiting', checkIn: PAUSED_CHECK_IN_SECONDS, events: [], mails: [] };
  }

  const { schedule } = trajectory;
  const result = chase(task, schedule, now);
  // Checkpoints fall on working days; a late or woken run on a day without mail holds its
  // notices (and the stage they reach) until the next working day.
  const window = mailWindow(now);
  if (!window.open && result.actions.length > 0) {
    return { outcome: 'waiting', checkIn: checkInSeconds(window.opensAt, now), events: [], mails: [] };
  }
  const at = now.toISOString();
  const noResponse = result.actions.includes('no-response');
  const events = result.actions.map((action) =>
    event(
      trajectory,
      // Once per task for "no response"; once per deadline for everything else.
      action === 'no-response' ? `${task.id}.no-response` : `${task.id}.${CHASE_EVENT[action]}@${task.dueAt}`,
      CHASE_EVENT[action],
      at,
      SYSTEM,
      { taskId: task.id, data: { dueAt: task.dueAt, assignee: task.assignee } },
    ),
  );
  const mails = result.actions.flatMap((action) => chaseMails(trajectory, task, action));

  const nextTask: Task = {
    ...task,
    chaseStage: result.stage,
    // The token the timeout spent is dead; the next Ask entry stores a live one.
    taskToken: undefined,
    ...(noResponse && { status: 'no-response' as const, completedAt: at }),
  };
  const taskChanged = nextTask.chaseStage !== task.chaseStage || noResponse || task.taskToken !== undefined;
  // Its own cause, so answering or extending this task clears it and nothing else.
  const flagged = result.attention ? flagAttention(trajectory, lateTask(task.id)) : trajectory;
  return {
    outcome: noResponse ? 'no-response' : 'waiting',
    checkIn: checkInSeconds(result.nextCheckAt, now),
    ...(taskChanged && { task: nextTask }),
    ...(flagged !== trajectory && { trajectory: flagged }),
    events,
    mails,
  };
}

function chaseMails(trajectory: Trajectory, task: Task, action: ChaseAction): MailIntent[] {
  const ref = {
    task: task.kind,
    ...(task.meeting !== undefined && { meeting: task.meeting }),
    dueAt: task.dueAt,
  };
  const key = (name: string) => `${task.id}.${name}@${task.dueAt}`;
  const assignee = mailBase(trajectory, task.assignee);
  const hr = mailBase(trajectory, 'hr');
  const who = { assignee: task.assignee, assigneeName: assignee.recipientName };
  /** To the HR advisor: who has not done what. */
  const escalation = (kind: 'escalation' | 'second-escalation'): MailIntent => ({
    key: key(kind),
    kind,
    recipient: 'hr',
    taskId: task.id,
    render: () => renderMail(kind, { ...hr, ...ref, ...who }),
  });
  switch (action) {
    case 'remind':
      return [
        {
          key: key('reminder'),
          kind: 'reminder',
          recipient: task.assignee,
          taskId: task.id,
          linkTaskId: task.id,
          render: (link) => renderMail('reminder', { ...assignee, ...ref, link: link ?? '' }),
        },
      ];
    case 'overdue':
      return [
        {
          key: key('overdue'),
          kind: 'overdue',
          recipient: task.assignee,
          taskId: task.id,
          linkTaskId: task.id,
          render: (link) =>
            renderMail('overdue', { ...assignee, ...ref, link: link ?? '', assignee: task.assignee }),
        },
      ];
    case 'escalate':
      // The HR advisor's own task: the overdue notice already reached them.
      return task.assignee === 'hr' ? [] : [escalation('escalation')];
    case 'second-escalation':
      return [escalation('second-escalation')];
    case 'no-response':
      return [];
  }
}

// ---------------------------------------------------------------------------------------------
// Recording a completed task

export interface CompletedStep extends StepEffects {
  output: StepOutput;
  /**
   * The task the completed one calls for, which nothing waits for: the employee's reaction to a
   * follow-up report or a confirmed evaluation, HR's answer to an employee who disagreed with the
   * plan. `created` is false when a retry finds it.
   */
  opens?: { task: Task; created: boolean; checkIn: number };
  /** Tasks that lapse with this answer: a self-assessment still open when its follow-up is recorded. */
  closes?: Task[];
}

const EVENT_OF_RESPONSE: Record<TaskKind, string> = {
  identify: 'improvement-areas-identified',
  conversation: 'conversation-recorded',
  'employee-response': 'employee-responded',
  plan: 'plan-drafted',
  'plan-approval': 'plan-reviewed',
  'plan-acknowledgement': 'plan-acknowledged',
  'follow-up': 'follow-up-recorded',
  evaluation: 'evaluation-recorded',
  'decision-confirmation': 'decision-reviewed',
  aftercare: 'aftercare-recorded',
  'follow-up-reaction': 'employee-reacted',
  'evaluation-reaction': 'employee-reacted',
  'disagreement-response': 'disagreement-answered',
  'cause-follow-up': 'cause-followed-up',
  'self-assessment': 'employee-self-assessed',
};

/** The first planned meeting whose follow-up task has not been opened yet. */
export function nextFollowUp(trajectory: Trajectory): StepOutput['nextFollowUp'] {
  const meeting = [...trajectory.meetings]
    .sort((a, b) => a.number - b.number)
    .find((candidate) => candidate.taskId === undefined);
  return (
    meeting && {
      number: meeting.number,
      at: followUpRequestAt(meeting.plannedOn, trajectory.schedule).toISOString(),
    }
  );
}

/** The meetings of a term that starts at `start`, numbered on from the ones already planned. */
function termMeetings(trajectory: Trajectory, start: Date, weeks: number): Meeting[] {
  const last = trajectory.meetings.reduce((max, meeting) => Math.max(max, meeting.number), 0);
  return followUpDates(start, {
    followUpEveryDays: trajectory.schedule.followUpEveryDays,
    termWeeks: weeks,
    meetingNoticeWorkingDays: trajectory.schedule.meetingNoticeWorkingDays,
  }).map((plannedOn, index) => ({ number: last + index + 1, plannedOn }));
}

/**
 * Applies a completed task (answered, or an employee task that ended without a response) to the
 * trajectory. Idempotent: the dates derive from the task's own `completedAt`, and what is
 * already in the trajectory is not applied again.
 */
export function completeTask(dossier: WorkState, taskId: string, now: Date): CompletedStep {
  const { trajectory } = dossier;
  assertActive(trajectory);
  const task = findTask(dossier, taskId);
  const noResponse = task.status === 'no-response';
  if (!noResponse && !answered(task)) {
    throw new WorkflowStateError(`Task ${task.id} is ${task.status} without a response; nothing to record`);
  }
  if (task.status === 'closed') throw new WorkflowStateError(`Task ${task.id} was closed`);

  const at = task.completedAt ?? now.toISOString();
  const doneTask: Task = {
    ...task,
    status: noResponse ? 'no-response' : 'done',
    completedAt: at,
    taskToken: undefined,
  };
  const taskChanged =
    doneTask.status !== task.status || task.completedAt === undefined || task.taskToken !== undefined;

  const actor: Actor = noResponse ? SYSTEM : { role: task.assignee };
  const events: DossierEvent[] = [
    noResponse
      ? event(trajectory, `${task.id}.no-response`, 'no-response', at, SYSTEM, {
          taskId: task.id,
          data: { dueAt: task.dueAt, assignee: task.assignee },
        })
      : event(
          trajectory,
          `${task.id}.${EVENT_OF_RESPONSE[task.kind]}`,
          EVENT_OF_RESPONSE[task.kind],
          at,
          actor,
          {
            taskId: task.id,
            data: responseFacts(task),
          },
        ),
  ];
  const mails: MailIntent[] = [];
  // Answered (or settled without a response): it is late no more; other causes stay.
  let next: Trajectory = clearAttention(trajectory, lateTask(task.id));
  const output: StepOutput = { taskId: task.id, task: task.kind };
  let opens: CompletedStep['opens'];
  const closes: Task[] = [];

  switch (task.kind) {
    case 'identify': {
      const response = task.response as ActionBody<'identify'>;
      next = { ...next, improvementAreas: response.improvementAreas };
      break;
    }
    case 'conversation': {
      // A fair start: the employee hears of the trajectory from their manager, in the
      // conversation, and only then from the system (docs/completeness.md, "A fair start").
      mails.push(startedMail(trajectory));
      // A cause in health or working conditions is the employer's to act on first: HR is asked.
      const conversation = task.response as ActionBody<'conversation'>;
      if (causesForHr(conversation.causes).length > 0) {
        opens = followOnTask(dossier, 'cause-follow-up', task, at);
      }
      break;
    }
    case 'plan': {
      const response = task.response as ActionBody<'plan'>;
      // A changed plan waits for HR: until approved, the plan in force is the one before.
      if (task.change) opens = followOnTask(dossier, 'plan-approval', task, at);
      else next = { ...next, goals: response.goals };
      break;
    }
    case 'plan-approval': {
      const { decision } = task.response as ActionBody<'plan-approval'>;
      output.decision = decision;
      if (task.change) {
        // A change approved is in force at once and goes to the employee to acknowledge anew; one
        // sent back goes to the manager again, with HR's comments (functions/core/plan-change.ts).
        const proposal = dossier.tasks.find((other) => other.id === task.about && answered(other));
        if (!proposal) throw new WorkflowStateError(`No changed plan for ${task.id}`);
        if (decision === 'approve') {
          next = { ...next, goals: (proposal.response as ActionBody<'plan'>).goals };
          opens = followOnTask(dossier, 'plan-acknowledgement', proposal, at);
        } else {
          opens = followOnTask(dossier, 'plan', task, at);
        }
      }
      break;
    }
    case 'plan-acknowledgement': {
      // Receipt, not agreement: the term starts whether the employee acknowledged or let the
      // deadline pass, from the moment that was settled. A changed plan's acknowledgement leaves
      // the term as it runs.
      if (task.change === undefined && next.termEndsAt === undefined) {
        const start = new Date(at);
        next = {
          ...next,
          phase: 'follow-up',
          termEndsAt: termEnd(start, next.schedule.termWeeks).toISOString(),
          meetings: termMeetings(next, start, next.schedule.termWeeks),
        };
      }
      if (task.change === undefined) {
        events.push(termStartedEvent(next, at));
        output.nextFollowUp = nextFollowUp(next);
      }
      // Receipt is not agreement: an employee who disagrees gets an answer from HR.
      const acknowledgement = task.response as ActionBody<'plan-acknowledgement'> | undefined;
      if (!noResponse && acknowledgement?.agreement === 'disagree') {
        opens = followOnTask(dossier, 'disagreement-response', task, at);
      }
      break;
    }
    case 'disagreement-response': {
      mails.push(disagreementAnswer(trajectory, task, task.response as ActionBody<'disagreement-response'>));
      break;
    }
    case 'follow-up': {
      const response = task.response as ActionBody<'follow-up'>;
      // The meeting is held and reported: a self-assessment not given by now lapses, as an
      // optional reaction does; the employee's link answers "gone".
      closes.push(
        ...dossier.tasks
          .filter((other) => other.kind === 'self-assessment' && other.about === task.id)
          .filter((other) => other.status === 'open' && !answered(other))
          .map((other) => ({ ...other, status: 'closed' as const, taskToken: undefined })),
      );
      next = {
        ...next,
        meetings: next.meetings.map((meeting) =>
          meeting.number === task.meeting
            ? { ...meeting, taskId: task.id, heldOn: response.heldOn }
            : meeting,
        ),
      };
      output.nextFollowUp = nextFollowUp(next);
      opens = followOnTask(dossier, 'follow-up-reaction', task, at);
      mails.push(followUpSummary(next, task, response, opens.task));
      break;
    }
    case 'decision-confirmation': {
      const response = task.response as ActionBody<'decision-confirmation'>;
      output.decision = response.decision;
      if (response.decision === 'approve') {
        const evaluation = latestTask(dossier, 'evaluation', answered);
        if (!evaluation) throw new WorkflowStateError(`No evaluation to confirm for ${task.id}`);
        const result = evaluation.response as ActionBody<'evaluation'>;
        output.outcome = result.decision;
        next = { ...next, decision: result.decision };
        if (result.decision === 'extend') {
          // The extension counts from the confirmed decision, when the employee hears of it, so
          // the time HR took to confirm is not taken from the extra weeks.
          const start = new Date(at);
          const weeks = result.extendWeeks ?? next.schedule.termWeeks;
          const endsAt = termEnd(start, weeks).toISOString();
          if (next.termEndsAt !== endsAt) {
            next = {
              ...next,
              phase: 'follow-up',
              term: next.term + 1,
              termEndsAt: endsAt,
              meetings: [...next.meetings, ...termMeetings(next, start, weeks)],
            };
          }
          events.push(termStartedEvent(next, at));
          output.nextFollowUp = nextFollowUp(next);
          output.term = next.term;
        } else {
          // Stored, so a resume after a pause can move it (functions/core/pause.ts).
          const aftercareOn = next.aftercareOn ?? aftercareDate(new Date(at), next.schedule);
          next = { ...next, phase: 'aftercare', aftercareOn };
          output.aftercareAt = startOfWorkday(aftercareOn).toISOString();
        }
        // The employee reacts to the evaluation once HR confirmed it: what they were told.
        opens = followOnTask(dossier, 'evaluation-reaction', evaluation, at);
        mails.push(outcomeMail(next, task, result, opens.task));
      }
      break;
    }
    default:
      break;
  }
  if (next.termEndsAt !== undefined) output.termEndsAt = next.termEndsAt;
  if (opens) events.push(taskOpenedEvent(trajectory, opens.task));

  return {
    ...(next !== trajectory && trajectoryChanged(trajectory, next) && { trajectory: next }),
    ...(taskChanged && { task: doneTask }),
    events,
    mails,
    output,
    ...(opens && { opens }),
    ...(closes.length > 0 && { closes }),
  };
}

type FollowOnKind =
  | 'follow-up-reaction'
  | 'evaluation-reaction'
  | 'disagreement-response'
  | 'cause-follow-up'
  | 'plan'
  | 'plan-approval'
  | 'plan-acknowledgement';

/**
 * The task that answers `report`, opened when the report is recorded (`at`, its completion, so a
 * retry derives the same task and the same deadline). The employee's reaction is due
 * `REACTION_WORKING_DAYS` working days later; being the employee's, the chasing policy reminds
 * once and never escalates. HR's answer to a disagreement is due like HR's other tasks. Nothing in
 * the process waits for either, nor for the next step of a plan change (functions/core/plan-change.ts). A follow-up's reaction is numbered by its meeting, the others by
 * how many of their kind came before; the one that exists already is returned.
 */
/** The follow-on tasks whose request is the mail of the step that opens them. */
const REACTIONS: ReadonlySet<FollowOnKind> = new Set(['follow-up-reaction', 'evaluation-reaction']);

function followOnTask(
  dossier: WorkState,
  kind: FollowOnKind,
  report: Task,
  at: string,
): NonNullable<CompletedStep['opens']> {
  const existing = dossier.tasks.find((task) => task.kind === kind && task.about === report.id);
  if (existing)
    return { task: existing, created: false, checkIn: firstCheckIn(existing, dossier.trajectory.schedule) };
  const n = report.meeting ?? dossier.tasks.filter((task) => task.kind === kind).length + 1;
  const task: Task = {
    id: newTaskId(kind, n),
    trajectoryId: dossier.trajectory.id,
    kind,
    assignee: TASK_ASSIGNEE[kind],
    status: 'open',
    openedAt: at,
    dueAt: dueForTask(kind, new Date(at), dossier.trajectory.schedule).toISOString(),
    chaseStage: 'none',
    ...(report.meeting !== undefined && { meeting: report.meeting }),
    about: report.id,
    // The steps of a plan change carry it on: each is opened by the answer before it.
    ...(report.change && { change: report.change }),
    // A reaction is asked for in the mail that reports what it reacts to (the follow-up's summary,
    // the outcome), sent by the same step: its own Ask only waits, and mails no second request.
    ...(REACTIONS.has(kind) && { requestedAt: at }),
    version: 0,
  };
  return { task, created: true, checkIn: firstCheckIn(task, dossier.trajectory.schedule) };
}

function taskOpenedEvent(trajectory: Trajectory, task: Task): DossierEvent {
  return event(trajectory, `${task.id}.opened`, 'task-opened', task.openedAt, SYSTEM, {
    taskId: task.id,
    data: {
      task: task.kind,
      assignee: task.assignee,
      dueAt: task.dueAt,
      ...(task.meeting !== undefined && { meeting: task.meeting }),
      ...(task.about !== undefined && { about: task.about }),
    },
  });
}

/** The facts of a response worth an event's data; the texts themselves stay on the task. */
function responseFacts(task: Task): Record<string, unknown> {
  const response = task.response as Record<string, unknown>;
  const facts: Record<string, unknown> = { task: task.kind };
  for (const key of ['decision', 'heldOn', 'extendWeeks', 'acknowledged', 'agreement'] as const) {
    if (response[key] !== undefined) facts[key] = response[key];
  }
  if (Array.isArray(response.goals)) facts.goals = response.goals.length;
  if (Array.isArray(response.supportLedger) && response.supportLedger.length > 0) {
    facts.support = supportFacts(response.supportLedger as SupportLedgerEntry[]);
  }
  const redeployment = response.redeployment as ActionBody<'decision-confirmation'>['redeployment'];
  if (redeployment) facts.redeploymentConsidered = redeployment.considered;
  if (Array.isArray(response.improvementAreas)) facts.improvementAreas = response.improvementAreas.length;
  // How many causes, not which: a cause may be about someone's health.
  if (Array.isArray(response.causes)) facts.causes = response.causes.length;
  if (task.meeting !== undefined) facts.meeting = task.meeting;
  return facts;
}

/** The facts of a support ledger for the event (goal, kind, status, hours); descriptions stay on the task. */
function supportFacts(ledger: readonly SupportLedgerEntry[]) {
  return ledger.map(({ goal, kind, status, hours }) => ({
    goal,
    kind,
    status,
    ...(hours !== undefined && { hours }),
  }));
}

function termStartedEvent(trajectory: Trajectory, at: string): DossierEvent {
  return event(trajectory, `term-${trajectory.term}.started`, 'term-started', at, SYSTEM, {
    data: {
      term: trajectory.term,
      endsAt: trajectory.termEndsAt,
      meetings: trajectory.meetings.filter((meeting) => meeting.taskId === undefined).map((m) => m.plannedOn),
    },
  });
}

/** Structural comparison of the fields `completeTask` may change. */
function trajectoryChanged(before: Trajectory, after: Trajectory): boolean {
  return JSON.stringify(before) !== JSON.stringify(after);
}

function goalTitle(trajectory: Trajectory, index: number): string {
  return trajectory.goals[index]?.title ?? `#${index + 1}`;
}

/** A report's lines per goal, with the goal's title in place of its number, for a mail. */
function goalLines<L extends { goal: number; notes: string }, S extends string>(
  trajectory: Trajectory,
  lines: readonly L[],
  statusOf: (line: L) => S,
): GoalLine<S>[] {
  return lines.map((line) => ({
    goal: goalTitle(trajectory, line.goal),
    status: statusOf(line),
    notes: line.notes,
  }));
}

/**
 * A mail to the employee, sent once per `key`. Its details are given without the parts every mail
 * has (`mailBase`), which are filled in when the mail is rendered. With `reaction`, the mail also
 * offers the employee's reaction to what it reports, with a fresh link to that task: it is the
 * reaction's request, so the employee gets one mail, not two (see `followOnTask`).
 */
function employeeMail<K extends MailKind>(
  trajectory: Trajectory,
  kind: K,
  key: string,
  taskId: string | undefined,
  details: Omit<MailContexts[K], keyof MailBase>,
  reaction?: Task,
): MailIntent {
  const offer = (link: string | undefined) =>
    reaction && {
      reaction: { task: reaction.kind as ReactionOffer['task'], dueAt: reaction.dueAt, link: link ?? '' },
    };
  return {
    key,
    kind,
    recipient: 'employee',
    ...(taskId !== undefined && { taskId }),
    ...(reaction && { linkTaskId: reaction.id }),
    render: (link) =>
      renderMail(kind, {
        ...mailBase(trajectory, 'employee'),
        ...details,
        ...offer(link),
      } as MailContexts[K]),
  };
}

function followUpSummary(
  trajectory: Trajectory,
  task: Task,
  response: ActionBody<'follow-up'>,
  reaction: Task,
): MailIntent {
  return employeeMail(
    trajectory,
    'follow-up-summary',
    `${task.id}.summary`,
    task.id,
    {
      meeting: task.meeting ?? 0,
      heldOn: response.heldOn,
      summary: response.summary,
      progress: goalLines(trajectory, response.progress, (line) => line.status),
    },
    reaction,
  );
}

/** The employee's first mail naming the trajectory; its key keeps it to one, whatever the retries. */
function startedMail(trajectory: Trajectory): MailIntent {
  return employeeMail(trajectory, 'trajectory-started', 'trajectory-started', undefined, {
    reason: trajectory.reason,
  });
}

function disagreementAnswer(
  trajectory: Trajectory,
  task: Task,
  answer: ActionBody<'disagreement-response'>,
): MailIntent {
  return employeeMail(trajectory, 'disagreement-answer', `${task.id}.answer`, task.id, {
    response: answer.response,
  });
}

function outcomeMail(
  trajectory: Trajectory,
  task: Task,
  result: ActionBody<'evaluation'>,
  reaction: Task,
): MailIntent {
  return employeeMail(
    trajectory,
    'outcome',
    `${task.id}.outcome`,
    task.id,
    {
      decision: result.decision,
      summary: result.summary,
      results: goalLines(trajectory, result.results, (line) => line.outcome),
      ...(result.decision === 'extend' && trajectory.termEndsAt && { termEndsAt: trajectory.termEndsAt }),
    },
    reaction,
  );
}

// ---------------------------------------------------------------------------------------------
// Closing

export interface ClosedStep {
  trajectory?: Trajectory;
  /** Tasks still open, now closed: their links answer "gone". */
  tasks: Task[];
  events: DossierEvent[];
  status: Trajectory['status'];
}

/** Closes a trajectory after its aftercare: `completed` when successful, `ended` when not. */
export function closeTrajectory(dossier: WorkState, now: Date): ClosedStep {
  const { trajectory } = dossier;
  const at = now.toISOString();
  let next: Trajectory | undefined;
  if (!isClosed(trajectory.status)) {
    if (trajectory.decision !== 'successful' && trajectory.decision !== 'unsuccessful') {
      throw new WorkflowStateError(`Trajectory ${trajectory.id} has no final decision to close on`);
    }
    next = { ...trajectory, status: statusAfterDecision(trajectory.decision), phase: 'closed', closedAt: at };
  }
  const closed = next ?? trajectory;
  const tasks = dossier.tasks
    .filter((task) => task.status === 'open')
    .map((task) => ({ ...task, status: 'closed' as const, taskToken: undefined }));
  return {
    ...(next && { trajectory: next }),
    tasks,
    events: [
      event(closed, 'trajectory-closed', 'trajectory-closed', closed.closedAt ?? at, SYSTEM, {
        data: { status: closed.status, decision: closed.decision },
      }),
    ],
    status: closed.status,
  };
}

// ---------------------------------------------------------------------------------------------
// A step that failed for good

export interface FailedStep {
  trajectory?: Trajectory;
  events: DossierEvent[];
  mails: MailIntent[];
}

/** State names are the ASL's own (letters, spaces, `?`); a slug keeps an id a plain, bounded key. */
const slugOf = (state: string): string =>
  state
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

/**
 * The trajectory needs HR's attention and the HR advisor hears which step failed. A trajectory
 * that was cancelled or closed in the meantime only gets the dossier entry: nobody waits on it.
 * `taskId` names the task when the step failed in that task's own execution: then the cause is
 * the task's (`failedStep`), and a later step of that task that succeeds clears it.
 */
export function reportFailure(
  dossier: WorkState,
  failure: { state: string; error: string; taskId?: string | undefined },
  now: Date,
): FailedStep {
  const { trajectory } = dossier;
  const at = now.toISOString();
  const slug = slugOf(failure.state);
  const { taskId } = failure;
  // A human task reports its states as `<state> (<taskId>)`; the cause names the task apart.
  const own = taskId === undefined ? undefined : ` (${taskId})`;
  const step = own && failure.state.endsWith(own) ? failure.state.slice(0, -own.length) : failure.state;
  const cause = failedStep(slugOf(step), taskId);
  const events = [
    event(trajectory, `step-failed.${slug}`, 'step-failed', at, SYSTEM, {
      data: { state: failure.state, error: failure.error },
    }),
  ];
  if (isClosed(trajectory.status)) return { events, mails: [] };
  const flagged = flagAttention(trajectory, cause);
  return {
    ...(flagged !== trajectory && { trajectory: flagged }),
    events,
    mails: [
      {
        key: `step-failed.${slug}`,
        kind: 'step-failed',
        recipient: 'hr',
        render: () =>
          renderMail('step-failed', {
            ...mailBase(trajectory, 'hr'),
            trajectoryId: trajectory.id,
            state: failure.state,
            error: failure.error,
          }),
      },
    ],
  };
}
