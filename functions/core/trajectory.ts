/**
 * The life of a trajectory as plain data: how one starts, how its tasks are named and what its
 * status means. The workflow decides when things happen; these rules decide what they look like.
 */
import { translator } from '#shared/i18n/catalogue.ts';
import { fairMessages } from '#shared/i18n/fair.ts';
import {
  type AttentionReason,
  TASK_KINDS,
  TASK_PHASE,
  type Locale,
  type DecisionOutcome,
  type DossierEvent,
  type Phase,
  type Role,
  type Task,
  type TaskKind,
  type Trajectory,
  type TrajectoryStatus,
} from './model.ts';
import { resolveSchedule } from './schedule.ts';
import type { ActionBody, CreateTrajectoryInput } from './schemas.ts';

const t = /* @__PURE__ */ translator(fairMessages);

/** The employer's standard consequence statement, from the catalogue, in `locale`. */
export function defaultConsequenceStatement(locale: Locale): string {
  return t(locale, 'fair.consequence.default');
}

/**
 * A new trajectory. `consequenceStatement` is the deployment's own text in the trajectory's
 * language, when it set one; otherwise the catalogue's default. Stored with the trajectory, so a
 * later change of either never alters the statement of a plan already shown to an employee.
 */
export function newTrajectory(
  input: CreateTrajectoryInput,
  { id, now, consequenceStatement }: { id: string; now: Date; consequenceStatement?: string | undefined },
): Trajectory {
  const at = now.toISOString();
  return {
    id,
    status: 'active',
    phase: 'identify',
    attention: false,
    locale: input.locale,
    employee: { ...input.employee },
    manager: { ...input.manager },
    hrAdvisor: { ...input.hrAdvisor },
    reason: input.reason,
    // Stored resolved, so a later change of the defaults never moves a running trajectory.
    schedule: resolveSchedule(input.schedule),
    improvementAreas: [],
    goals: [],
    meetings: [],
    term: 1,
    consequenceStatement: consequenceStatement?.trim() || defaultConsequenceStatement(input.locale),
    createdAt: at,
    updatedAt: at,
    version: 0,
  };
}

export const STARTED_EVENT = 'trajectory-started';

/** The dossier's first entry. Its id is fixed, so a retried create cannot record it twice. */
export function startedEvent(trajectory: Trajectory): DossierEvent {
  return {
    id: STARTED_EVENT,
    trajectoryId: trajectory.id,
    at: trajectory.createdAt,
    type: STARTED_EVENT,
    actor: { role: 'hr' },
    data: { reason: trajectory.reason, locale: trajectory.locale, schedule: { ...trajectory.schedule } },
  };
}

/**
 * The id of the `n`-th task of a kind in a trajectory (`identify-1`, `follow-up-3`, a second
 * `plan-2` after a revision). Derived, never random, so a retried step finds the task it
 * created before instead of creating another.
 */
export function newTaskId(kind: TaskKind, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Task number must be a whole number ≥ 1, got ${n}`);
  return `${kind}-${n}`;
}

const TASK_ID = /^([a-z-]+)-([1-9]\d*)$/;

/** The kind and number in a task id, or `undefined` for anything `newTaskId` cannot produce. */
export function parseTaskId(id: string): { kind: TaskKind; n: number } | undefined {
  const match = TASK_ID.exec(id);
  const kind = TASK_KINDS.find((candidate) => candidate === match?.[1]);
  return kind && match ? { kind, n: Number(match[2]) } : undefined;
}

/** `completed`, `ended` and `cancelled` are final: nothing can be asked or answered any more. */
export function isClosed(status: TrajectoryStatus): boolean {
  return status !== 'active';
}

/**
 * Whether HR should look at the trajectory: flagged (a deadline passed beyond grace, a step
 * failed) while it runs. Once it is closed there is nothing left to chase, whatever the flag.
 */
export function needsAttention(trajectory: Pick<Trajectory, 'status' | 'attention'>): boolean {
  return trajectory.status === 'active' && trajectory.attention;
}

/**
 * The trajectory flagged for `reason`. The same cause twice changes nothing, so a retried step
 * writes nothing new.
 */
export function flagAttention(trajectory: Trajectory, reason: AttentionReason): Trajectory {
  const reasons = trajectory.attentionReasons ?? [];
  if (trajectory.attention && reasons.includes(reason)) return trajectory;
  return { ...trajectory, attention: true, attentionReasons: [...reasons, reason] };
}

/**
 * The trajectory without `reason`; the flag stays while any other cause remains. A flag stored
 * without its causes is left alone: what set it is unknown, so only HR can tell it is settled.
 */
export function clearAttention(trajectory: Trajectory, reason: AttentionReason): Trajectory {
  return clearCauses(trajectory, (cause) => cause === reason);
}

/** The trajectory without the causes `settled` picks (unchanged when there are none), as above. */
function clearCauses(trajectory: Trajectory, settled: (cause: AttentionReason) => boolean): Trajectory {
  const reasons = trajectory.attentionReasons;
  if (!reasons?.some(settled)) return trajectory;
  const rest = reasons.filter((cause) => !settled(cause));
  const { attentionReasons: _dropped, ...without } = trajectory;
  return rest.length > 0
    ? { ...without, attention: true, attentionReasons: rest }
    : { ...without, attention: false };
}

/** The cause a task late beyond its grace adds, and its answer or extension clears. */
export const lateTask = (taskId: string): AttentionReason => `late:${taskId}`;

const FAILED = 'failed:';

/**
 * The cause a step that failed for good adds (`step` a slug of the state's name): in the execution
 * of task `taskId` (asking, chasing, recording) `failed:<taskId>:<step>`, which a step of that task
 * that succeeds later clears; in the process (opening a task, sleeping while paused)
 * `failed:<step>`, which the process going on clears. Task ids and slugs hold no `:`.
 */
export const failedStep = (step: string, taskId?: string): AttentionReason =>
  taskId === undefined ? `${FAILED}${step}` : `${FAILED}${taskId}:${step}`;

/**
 * The trajectory without the failures of task `taskId`: a step of that task just succeeded, so
 * its execution runs again (the operator started it again after fixing the cause).
 */
export function clearTaskFailures(trajectory: Trajectory, taskId: string): Trajectory {
  return clearCauses(trajectory, (cause) => cause.startsWith(`${FAILED}${taskId}:`));
}

/**
 * The trajectory without the failures of the process: its Open step just ran without failing, so
 * the process runs again. A failed task's cause stays: the process does not wait for every task.
 * A `failed:` cause stored before causes named their task counts as the process's.
 */
export function clearProcessFailures(trajectory: Trajectory): Trajectory {
  return clearCauses(
    trajectory,
    (cause) => cause.startsWith(FAILED) && !cause.slice(FAILED.length).includes(':'),
  );
}

/** The status a confirmed evaluation decision leads to; `extend` keeps the trajectory going. */
export function statusAfterDecision(decision: DecisionOutcome): TrajectoryStatus {
  switch (decision) {
    case 'successful':
      return 'completed';
    case 'unsuccessful':
      return 'ended';
    case 'extend':
      return 'active';
  }
}

/** The phase the trajectory is in while a task of `kind` is open. */
export function phaseOfTask(kind: TaskKind): Phase {
  return TASK_PHASE[kind];
}

/** The newest answered task of `kind`'s answer (ids are numbered per kind, and opened in order). */
export function latestResponse<K extends TaskKind>(
  tasks: readonly Task[],
  kind: K,
): ActionBody<K> | undefined {
  const answered = tasks.filter((task) => task.kind === kind && task.response !== undefined);
  answered.sort((a, b) => (a.openedAt < b.openedAt ? -1 : a.openedAt > b.openedAt ? 1 : 0));
  return answered.at(-1)?.response as ActionBody<K> | undefined;
}

/** The person in a role on a trajectory. */
export function personIn(trajectory: Pick<Trajectory, 'employee' | 'manager' | 'hrAdvisor'>, role: Role) {
  return role === 'employee'
    ? trajectory.employee
    : role === 'manager'
      ? trajectory.manager
      : trajectory.hrAdvisor;
}
