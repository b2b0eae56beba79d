/**
 * The domain model of an improvement trajectory: the shapes every layer shares.
 * Pure types: no AWS, no I/O. Dates are ISO-8601 strings in UTC (`2026-11-26T09:00:00.000Z`),
 * calendar days (`heldOn`, goal deadlines) are `YYYY-MM-DD` in Europe/Amsterdam.
 */
import type { EvidenceFile } from './files.ts';

import type { Locale } from '#shared/i18n/locale.ts';

export { LOCALES, type Locale } from '#shared/i18n/locale.ts';

export const STATUSES = ['active', 'completed', 'ended', 'cancelled'] as const;
/** `completed`: successful; `ended`: unsuccessful; `cancelled`: stopped by HR. */
export type TrajectoryStatus = (typeof STATUSES)[number];

export const PHASES = [
  'identify',
  'conversation',
  'plan',
  'follow-up',
  'evaluation',
  'aftercare',
  'closed',
] as const;
export type Phase = (typeof PHASES)[number];

export const ROLES = ['employee', 'manager', 'hr'] as const;
/** Who a task is assigned to. `hr` is the trajectory's HR advisor. */
export type Role = (typeof ROLES)[number];

/**
 * The kinds of task, in the order a trajectory meets them, and who does each (docs/design.md,
 * "The five steps").
 */
export const TASK_ASSIGNEE = {
  identify: 'manager',
  conversation: 'manager',
  'employee-response': 'employee',
  plan: 'manager',
  'plan-approval': 'hr',
  'plan-acknowledgement': 'employee',
  'follow-up': 'manager',
  evaluation: 'manager',
  'decision-confirmation': 'hr',
  aftercare: 'manager',
  'follow-up-reaction': 'employee',
  'evaluation-reaction': 'employee',
  'disagreement-response': 'hr',
  'cause-follow-up': 'hr',
  'self-assessment': 'employee',
} as const satisfies Record<string, Role>;
export type TaskKind = keyof typeof TASK_ASSIGNEE;
export const TASK_KINDS = /* @__PURE__ */ Object.keys(TASK_ASSIGNEE) as readonly TaskKind[];

/**
 * The employee's own word: offered, never required. Their requests and pages say until when it
 * can be given, not a deadline to meet; the deadline lapses as "no response".
 */
export const OPTIONAL_TASKS: readonly TaskKind[] = [
  'employee-response',
  'follow-up-reaction',
  'evaluation-reaction',
  'self-assessment',
];

/** The phase a task belongs to. */
export const TASK_PHASE: Record<TaskKind, Exclude<Phase, 'closed'>> = {
  identify: 'identify',
  conversation: 'conversation',
  'employee-response': 'conversation',
  plan: 'plan',
  'plan-approval': 'plan',
  'plan-acknowledgement': 'plan',
  'follow-up': 'follow-up',
  evaluation: 'evaluation',
  'decision-confirmation': 'evaluation',
  aftercare: 'aftercare',
  'follow-up-reaction': 'follow-up',
  'evaluation-reaction': 'evaluation',
  'disagreement-response': 'plan',
  'cause-follow-up': 'conversation',
  'self-assessment': 'follow-up',
};

export interface Person {
  name: string;
  email: string;
}

/** Per-trajectory schedule; every field has a default (see `DEFAULT_SCHEDULE` in schedule.ts). */
export interface Schedule {
  identifyDueDays: number;
  conversationDueDays: number;
  planDueDays: number;
  /** Extension of the contract: due time of HR approvals and the employee's acknowledgement. */
  approvalDueDays: number;
  /** Extension of the contract: how long the employee has for their own response. */
  employeeResponseDueDays: number;
  followUpEveryDays: number;
  /** Extension of the contract: a follow-up report is due this many days after its planned date. */
  followUpDueDays: number;
  termWeeks: number;
  reminderHoursBefore: number;
  escalationGraceDays: number;
  aftercareWeeks: number;
  /**
   * How many working days ahead a meeting's invite arrives: a follow-up's request goes out this
   * many working days before its planned date, the conversation is proposed at least this many
   * working days after its request. Absent on trajectories stored before it existed: read it with
   * `noticeWorkingDays` (schedule.ts), which gives those the default.
   */
  meetingNoticeWorkingDays?: number;
}

export interface ImprovementArea {
  title: string;
  examples: string[];
}

export interface Goal {
  title: string;
  specific: string;
  measure: string;
  target: string;
  /** YYYY-MM-DD */
  deadline: string;
  support: string;
}

export type DecisionOutcome = 'successful' | 'extend' | 'unsuccessful';

/** A planned follow-up meeting on the calendar of the term. */
export interface Meeting {
  /** 1-based number within the whole trajectory. */
  number: number;
  /** YYYY-MM-DD planned date. */
  plannedOn: string;
  /** Task id of the follow-up report once it was opened. */
  taskId?: string;
  /** YYYY-MM-DD when it was actually held (from the report). */
  heldOn?: string;
}

/** A dispute is pending: the dossier is kept until HR lifts the hold. */
export interface LegalHold {
  /** ISO instant HR placed it. */
  placedAt: string;
}

/** A cause of `Trajectory.attention`: a task late beyond its grace, or a step that failed for good. */
export type AttentionReason = `late:${string}` | `failed:${string}`;

export interface Trajectory {
  id: string;
  status: TrajectoryStatus;
  phase: Phase;
  /** Set when a deadline passed beyond grace or a step failed for good: HR should look. */
  attention: boolean;
  /**
   * Extension: why `attention` is set, one entry per cause (`late:<taskId>`, `failed:<step>`), so
   * answering or extending a late task clears its own cause and never hides a failed step. Absent
   * when nothing needs attention, and on a flag stored before the causes were kept.
   */
  attentionReasons?: AttentionReason[];
  locale: Locale;
  employee: Person;
  manager: Person;
  hrAdvisor: Person;
  reason: string;
  schedule: Schedule;
  improvementAreas: ImprovementArea[];
  goals: Goal[];
  meetings: Meeting[];
  /** ISO instant the current term ends, once the plan is acknowledged. */
  termEndsAt?: string;
  /** Number of the current term (1, then 2 after an `extend`, ...). */
  term: number;
  decision?: DecisionOutcome;
  /** Set while paused for illness (ISO instant the pause began). */
  pausedAt?: string;
  /**
   * Extension: YYYY-MM-DD of the aftercare conversation, once the decision is confirmed (kept, so
   * a resume after a pause can move it).
   */
  aftercareOn?: string;
  /**
   * Extension: set while HR holds the dossier for a dispute (functions/core/retention.ts). A held
   * dossier never expires, whatever its age, until HR lifts the hold.
   */
  legalHold?: LegalHold;
  /**
   * Extension: YYYY-MM-DD the employment ended, once HR records it. Retention counts from this day
   * (or from the close, if that is later) instead of from the close.
   */
  employmentEndedOn?: string;
  /**
   * Extension: what the employer says may follow when the plan's goals are not met (the
   * consequence statement), fixed when the trajectory is created: the deployment's text or the
   * catalogue's default in the trajectory's language. HR approves it with the plan and the
   * employee receives it with the plan. Absent on trajectories stored before it existed.
   */
  consequenceStatement?: string;
  /**
   * Extension: HR revoked the employee's copy links (functions/core/employee-copy.ts): how many
   * times, and when last. Every copy link issued before the latest revocation answers 410.
   */
  copyLinksRevoked?: { count: number; at: string };
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
  /** Optimistic-locking counter; every write must name the version it read. */
  version: number;
}

export const TASK_STATUSES = ['open', 'done', 'no-response', 'closed'] as const;
/** `no-response`: an employee task whose deadline passed; `closed`: ended by cancel or close. */
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** How far the chasing policy has gone on a task. */
export const CHASE_STAGES = ['none', 'reminded', 'overdue', 'escalated'] as const;
export type ChaseStage = (typeof CHASE_STAGES)[number];

export interface Task {
  id: string;
  trajectoryId: string;
  kind: TaskKind;
  assignee: Role;
  status: TaskStatus;
  openedAt: string;
  dueAt: string;
  chaseStage: ChaseStage;
  /** The follow-up meeting number, for `follow-up` tasks and the employee's reaction to one. */
  meeting?: number;
  /**
   * Extension: the task whose answer this one responds to: for `follow-up-reaction` a `follow-up`,
   * for `evaluation-reaction` the evaluation HR confirmed, for `disagreement-response` the
   * `plan-acknowledgement` in which the employee disagreed with the plan, for `cause-follow-up` the
   * `conversation` that named a possible cause HR should act on, for `self-assessment` the
   * `follow-up` it comes before.
   */
  about?: string;
  /**
   * Extension: the change of an acknowledged plan this task belongs to (`plan`, `plan-approval`,
   * `plan-acknowledgement` opened after the term started): its number and HR's reason for it.
   * Absent on the tasks of the first plan.
   */
  change?: PlanChangeRef;
  /** The validated body the assignee submitted. */
  response?: unknown;
  completedAt?: string;
  /** SHA-256 (hex) of the action-link token; the token itself is never stored. */
  linkHash?: string;
  /** The live Step Functions task token, while the workflow waits for this task. */
  taskToken?: string;
  /** Whether the request mail was sent (it is sent once, whatever the re-entries). */
  requestedAt?: string;
  /** Extension: the pause (its `pausedAt`) whose days this task's due time has been given. */
  shiftedForPause?: string;
  version: number;
}

/** Which change of the plan a task belongs to, and why HR asked for it. */
export interface PlanChangeRef {
  /** 1 for the first change after the term started, then 2, … */
  number: number;
  reason: string;
}

/** Who caused an event. `system` is the workflow itself (timers, chasing). */
export type Actor = { role: Role } | { role: 'system' };

/** An append-only dossier entry. */
export interface DossierEvent {
  /** Deterministic where a retry could repeat it, so an append is idempotent. */
  id: string;
  trajectoryId: string;
  at: string;
  type: string;
  actor: Actor;
  taskId?: string;
  data?: Record<string, unknown>;
}

/** The whole dossier as `GET /trajectories/{id}` returns it (plus `completeness`). */
export interface Dossier {
  trajectory: Trajectory;
  tasks: Task[];
  events: DossierEvent[];
  /**
   * The evidence files, read with the rest of the partition (functions/core/files.ts); absent
   * where a dossier is built without them (tests, older callers): none then.
   */
  files?: EvidenceFile[];
}

/**
 * The trajectory and its tasks: everything a workflow step or an action decides on. The dossier
 * without its events, which only grow and are never read back to decide anything, so it is read
 * with one small Query however long the dossier has become.
 */
export type WorkState = Pick<Dossier, 'trajectory' | 'tasks'>;

/** An action link's stored record, found by the token's hash. */
export interface ActionLink {
  linkHash: string;
  trajectoryId: string;
  /** The task the link answers; for the employee's copy of the dossier, `COPY_LINK_TASK`. */
  taskId: string;
  createdAt: string;
  /**
   * Absent: a task's link, valid while its task is open. `dossier-copy`: the employee's read-only
   * copy of their dossier (functions/core/employee-copy.ts), valid until `validUntil`.
   */
  kind?: 'dossier-copy';
  /**
   * When a `dossier-copy` link stops working (ISO instant). Not `expiresAt`: that is the table's
   * TTL attribute (epoch seconds), which a link item does not carry; the purge removes it.
   */
  validUntil?: string;
  /**
   * A `dossier-copy` link: how many times HR had revoked the trajectory's copy links when it was
   * issued (absent: none). Fewer than `Trajectory.copyLinksRevoked.count` now: revoked.
   */
  revocations?: number;
  /**
   * A `dossier-copy` link withdrawn on its own (ISO instant): its mail could not be sent, so it was
   * revoked before anyone could rely on it (functions/usecases/employee-copy.ts).
   */
  revokedAt?: string;
}
