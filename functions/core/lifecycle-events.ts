/**
 * The lifecycle events other systems subscribe to (docs/events.md): which dossier events become
 * an event on the bus, and the `detail` each carries. Pure: no SDK, no I/O. The publisher
 * (functions/events/publish-lifecycle-events.ts) and the local cloud's bus both use this, so an
 * integrator developing against `npm start` sees exactly what AWS delivers.
 *
 * A detail names things by id and carries ids, roles, phases and times only: never a name, an
 * e-mail address or a text someone wrote. A subscriber looks everything else up through the API,
 * where the same access rules apply as for anyone else. Every schema is strict, so a field added
 * by mistake (a reason, a name) fails the publisher's own check instead of leaving the account.
 */
import * as z from 'zod';
import {
  PHASES,
  ROLES,
  TASK_KINDS,
  TASK_PHASE,
  type DossierEvent,
  type Phase,
  type TaskKind,
} from './model.ts';

/** The `source` of every event; a rule matches on it. */
export const EVENT_SOURCE = 'verbetertraject';

/** The version of every detail schema below; bumped when a field changes meaning or goes away. */
export const DETAIL_VERSION = 1;

export const LIFECYCLE_EVENT_TYPES = [
  'TrajectoryStarted',
  'TaskRequested',
  'TaskOverdue',
  'TaskEscalated',
  'TaskCompleted',
  'PlanApproved',
  'TrajectoryPaused',
  'TrajectoryResumed',
  'DecisionConfirmed',
  'TrajectoryClosed',
  'TrajectoryCancelled',
] as const;
/** The `detail-type` of an event on the bus. */
export type LifecycleEventType = (typeof LIFECYCLE_EVENT_TYPES)[number];

const instant = z.iso.datetime();

/** What every detail carries. */
const base = {
  version: z.literal(DETAIL_VERSION),
  /** Unique per fact and the same on every delivery: what a subscriber deduplicates on. */
  eventId: z.string().min(1).max(600),
  trajectoryId: z.string().min(1).max(200),
  /** When it happened (the dossier's time), not when it was published. */
  occurredAt: instant,
  /** The trajectory's phase the fact belongs to. */
  phase: z.enum(PHASES),
};

/** What every task event carries besides. */
const task = {
  ...base,
  taskId: z.string().min(1).max(200),
  kind: z.enum(TASK_KINDS),
  /** The role the task is for, never the person. */
  assignee: z.enum(ROLES),
  dueAt: instant,
  /** The follow-up meeting's number, for `follow-up` tasks. */
  meeting: z.number().int().positive().optional(),
};

export const DETAIL_SCHEMAS = {
  TrajectoryStarted: z.strictObject(base),
  TaskRequested: z.strictObject(task),
  TaskOverdue: z.strictObject(task),
  TaskEscalated: z.strictObject({
    ...task,
    /** 1 at the due time, 2 after the grace period (the trajectory then needs HR's attention). */
    escalation: z.union([z.literal(1), z.literal(2)]),
  }),
  TaskCompleted: z.strictObject({
    ...task,
    /** `answered` through the action link, or `no-response` when an employee let the deadline pass. */
    outcome: z.enum(['answered', 'no-response']),
  }),
  PlanApproved: z.strictObject({ ...base, taskId: z.string().min(1).max(200) }),
  TrajectoryPaused: z.strictObject(base),
  TrajectoryResumed: z.strictObject({ ...base, pausedDays: z.number().int().min(0) }),
  DecisionConfirmed: z.strictObject({ ...base, taskId: z.string().min(1).max(200) }),
  TrajectoryClosed: z.strictObject(base),
  TrajectoryCancelled: z.strictObject(base),
} as const satisfies Record<LifecycleEventType, z.ZodType>;

export type LifecycleDetail<T extends LifecycleEventType = LifecycleEventType> = z.output<
  (typeof DETAIL_SCHEMAS)[T]
>;

/** One event for the bus: its `detail-type`, its `detail` and its time. */
export interface LifecycleEvent<T extends LifecycleEventType = LifecycleEventType> {
  type: T;
  detail: LifecycleDetail<T>;
}

/** A lifecycle event whose detail does not match its schema: a bug, never a subscriber's problem. */
export class InvalidLifecycleEventError extends Error {
  override readonly name = 'InvalidLifecycleEventError';
}

/** Unique per fact across trajectories: the dossier event's id is unique within its trajectory. */
export function lifecycleEventId(event: Pick<DossierEvent, 'trajectoryId' | 'id'>): string {
  return `${event.trajectoryId}/${event.id}`;
}

function isTaskKind(value: unknown): value is TaskKind {
  return (TASK_KINDS as readonly unknown[]).includes(value);
}

function isPhase(value: unknown): value is Phase {
  return (PHASES as readonly unknown[]).includes(value);
}

/**
 * The task fields of a chasing or completion event. The dossier event carries the due time and
 * the assignee; the kind comes from its data or, as the task id says it (`follow-up-3`), from the id.
 */
function taskFields(event: DossierEvent) {
  const data = event.data ?? {};
  const fromId = event.taskId?.replace(/-\d+$/, '');
  const kind = isTaskKind(data.task) ? data.task : isTaskKind(data.kind) ? data.kind : fromId;
  const meeting = typeof data.meeting === 'number' ? data.meeting : undefined;
  return {
    taskId: event.taskId,
    kind,
    assignee: data.assignee,
    dueAt: data.dueAt,
    ...(meeting !== undefined && { meeting }),
    phase: isTaskKind(kind) ? TASK_PHASE[kind] : undefined,
  };
}

/** The detail fields every event shares. */
function common(event: DossierEvent) {
  return {
    version: DETAIL_VERSION,
    eventId: lifecycleEventId(event),
    trajectoryId: event.trajectoryId,
    occurredAt: event.at,
  };
}

/**
 * The draft of the lifecycle event a dossier event stands for, before its detail is checked; or
 * undefined when the dossier event is not one subscribers hear of (a mail sent, a reminder, an
 * answer's own record, a revision asked for).
 */
function draft(event: DossierEvent): { type: LifecycleEventType; detail: object } | undefined {
  const data = event.data ?? {};
  switch (event.type) {
    case 'trajectory-started':
      return { type: 'TrajectoryStarted', detail: { ...common(event), phase: 'identify' } };
    case 'task-opened':
      return { type: 'TaskRequested', detail: { ...common(event), ...taskFields(event) } };
    case 'task-overdue':
      return { type: 'TaskOverdue', detail: { ...common(event), ...taskFields(event) } };
    case 'task-escalated':
      return { type: 'TaskEscalated', detail: { ...common(event), ...taskFields(event), escalation: 1 } };
    case 'task-escalated-again':
      return { type: 'TaskEscalated', detail: { ...common(event), ...taskFields(event), escalation: 2 } };
    case 'task-completed':
      return {
        type: 'TaskCompleted',
        detail: { ...common(event), ...taskFields(event), outcome: 'answered' },
      };
    case 'no-response':
      return {
        type: 'TaskCompleted',
        detail: { ...common(event), ...taskFields(event), outcome: 'no-response' },
      };
    case 'plan-reviewed':
      if (data.decision !== 'approve') return undefined;
      return { type: 'PlanApproved', detail: { ...common(event), phase: 'plan', taskId: event.taskId } };
    case 'decision-reviewed':
      if (data.decision !== 'approve') return undefined;
      return {
        type: 'DecisionConfirmed',
        detail: { ...common(event), phase: 'evaluation', taskId: event.taskId },
      };
    case 'paused':
      return {
        type: 'TrajectoryPaused',
        detail: { ...common(event), phase: isPhase(data.phase) ? data.phase : undefined },
      };
    case 'resumed':
      return {
        type: 'TrajectoryResumed',
        detail: {
          ...common(event),
          phase: isPhase(data.phase) ? data.phase : undefined,
          pausedDays: data.pausedDays,
        },
      };
    case 'trajectory-closed':
      return { type: 'TrajectoryClosed', detail: { ...common(event), phase: 'closed' } };
    case 'trajectory-cancelled':
      return { type: 'TrajectoryCancelled', detail: { ...common(event), phase: 'closed' } };
    default:
      return undefined;
  }
}

/**
 * The lifecycle event a dossier event stands for, its detail checked against its schema; undefined
 * for a dossier event subscribers do not hear of. A detail that fails its schema (a dossier event
 * written before a field existed, say) throws `InvalidLifecycleEventError`, naming only paths.
 */
export function lifecycleEventOf(event: DossierEvent): LifecycleEvent | undefined {
  const found = draft(event);
  if (!found) return undefined;
  const parsed = DETAIL_SCHEMAS[found.type].safeParse(found.detail);
  if (!parsed.success) {
    const paths = parsed.error.issues.map((issue) => issue.path.join('.') || '(detail)');
    throw new InvalidLifecycleEventError(
      `The ${found.type} event of dossier event ${event.id} has an invalid detail at ${paths.join(', ')}`,
    );
  }
  return { type: found.type, detail: parsed.data } as LifecycleEvent;
}
