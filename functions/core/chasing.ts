/**
 * The chasing policy, shared by every human task: what to send when a deadline comes near or
 * passes. The workflow calls `chase` each time an Ask state times out and waits again for
 * `checkInSeconds`; the task's `chaseStage` records how far the policy has gone, which makes a
 * repeated or late call safe: every action happens at most once.
 */
import type { ChaseStage, Schedule, Task } from './model.ts';
import { sameTimeDaysLater } from './schedule.ts';

export const CHASE_ACTIONS = ['remind', 'overdue', 'escalate', 'second-escalation', 'no-response'] as const;
/**
 * `remind`: a reminder to the assignee. `overdue`: the assignee hears the deadline passed.
 * `escalate`: the HR advisor hears it too. `second-escalation`: HR again, after the grace period,
 * and the trajectory needs attention. `no-response`: an employee let the deadline pass.
 */
export type ChaseAction = (typeof CHASE_ACTIONS)[number];

export type ChaseTask = Pick<Task, 'assignee' | 'dueAt' | 'chaseStage' | 'status'>;

export interface ChaseResult {
  /** To carry out now, in this order. */
  actions: ChaseAction[];
  /** The stage to store on the task. */
  stage: ChaseStage;
  /** ISO instant of the next checkpoint; absent when the policy has nothing left to do. */
  nextCheckAt?: string;
  /** The trajectory needs HR's attention from now on. */
  attention: boolean;
}

/** Step Functions runs an execution for at most a year; no wait needs to be longer. */
export const MAX_CHECK_IN_SECONDS = 365 * 24 * 60 * 60;

const HOUR_MS = 60 * 60 * 1000;

const RANK: Record<ChaseStage, number> = { none: 0, reminded: 1, overdue: 2, escalated: 3 };

interface Checkpoint {
  at: number;
  /** The stage reached once this checkpoint is handled. */
  stage: Exclude<ChaseStage, 'none'>;
  actions: ChaseAction[];
}

/**
 * The grace period ends at the due time's wall-clock time `days` calendar days later, off the
 * weekend: escalating on a Saturday reaches nobody who can act.
 */
const graceEndsAt = (due: Date, days: number): number => sameTimeDaysLater(due, days).getTime();

function checkpoints(task: Pick<Task, 'assignee' | 'dueAt'>, schedule: Schedule): Checkpoint[] {
  const due = new Date(task.dueAt);
  if (Number.isNaN(due.getTime())) throw new RangeError(`Task has no valid dueAt: ${task.dueAt}`);
  const list: Checkpoint[] = [];
  // A reminder at the very deadline would arrive together with the overdue notice: pointless.
  if (schedule.reminderHoursBefore > 0) {
    list.push({
      at: due.getTime() - schedule.reminderHoursBefore * HOUR_MS,
      stage: 'reminded',
      actions: ['remind'],
    });
  }
  if (task.assignee === 'employee') {
    // Employees are never escalated about: the trajectory is about them, not their paperwork.
    list.push({ at: due.getTime(), stage: 'overdue', actions: ['no-response'] });
  } else {
    list.push({ at: due.getTime(), stage: 'overdue', actions: ['overdue', 'escalate'] });
    list.push({
      at: graceEndsAt(due, schedule.escalationGraceDays),
      stage: 'escalated',
      actions: ['second-escalation'],
    });
  }
  return list;
}

const isPending = (checkpoint: Checkpoint, stage: ChaseStage) => RANK[checkpoint.stage] > RANK[stage];

/** Applies the policy at `now`: every checkpoint passed since `task.chaseStage`, exactly once. */
export function chase(task: ChaseTask, schedule: Schedule, now: Date): ChaseResult {
  if (task.status !== 'open') return { actions: [], stage: task.chaseStage, attention: false };
  const nowMs = now.getTime();
  const pending = checkpoints(task, schedule).filter((checkpoint) => isPending(checkpoint, task.chaseStage));
  const passed = pending.filter((checkpoint) => checkpoint.at <= nowMs);
  const deadlinePassed = passed.some((checkpoint) => checkpoint.stage !== 'reminded');
  // A reminder that comes after the deadline is just a worse overdue notice.
  const actions = passed
    .filter((checkpoint) => !(deadlinePassed && checkpoint.stage === 'reminded'))
    .flatMap((checkpoint) => checkpoint.actions);
  const stage = passed.reduce<ChaseStage>(
    (reached, checkpoint) => (RANK[checkpoint.stage] > RANK[reached] ? checkpoint.stage : reached),
    task.chaseStage,
  );
  const next = pending.find((checkpoint) => checkpoint.at > nowMs && isPending(checkpoint, stage));
  return {
    actions,
    stage,
    ...(next && { nextCheckAt: new Date(next.at).toISOString() }),
    attention: actions.includes('second-escalation'),
  };
}

/**
 * The first checkpoint of a task that has just been opened (and its request mailed). A reminder
 * due before the task even opened is skipped, as the request itself just reached the assignee;
 * a deadline that already passed is returned as is and makes the first check immediate.
 */
export function firstCheckpoint(task: ChaseTask, schedule: Schedule, now: Date): string | undefined {
  if (task.status !== 'open') return undefined;
  const nowMs = now.getTime();
  const first = checkpoints(task, schedule)
    .filter((checkpoint) => isPending(checkpoint, task.chaseStage))
    .find((checkpoint) => !(checkpoint.stage === 'reminded' && checkpoint.at <= nowMs));
  return first && new Date(first.at).toISOString();
}

/**
 * Whole seconds until `nextCheckAt`, as a Step Functions `TimeoutSeconds`: at least 1 (a
 * checkpoint already due fires straight away) and at most a year. Without a checkpoint the
 * Ask state still waits, as long as possible: the link stays valid until the task is done.
 */
export function checkInSeconds(nextCheckAt: string | undefined, now: Date): number {
  if (nextCheckAt === undefined) return MAX_CHECK_IN_SECONDS;
  const at = Date.parse(nextCheckAt);
  if (Number.isNaN(at)) throw new RangeError(`Not an ISO instant: ${nextCheckAt}`);
  const seconds = Math.ceil((at - now.getTime()) / 1000);
  return Math.min(MAX_CHECK_IN_SECONDS, Math.max(1, seconds));
}

/**
 * The task after HR moved its due time. A deadline that now lies in the future starts the policy
 * afresh (reminder, then overdue and escalation for the new deadline); one that is still past
 * keeps its stage, so extending an overdue task a little does not escalate it all over again.
 * The workflow is still waiting for the old checkpoint and must be woken to pick up the new one.
 */
export function afterDueTimeMoved(
  task: Pick<Task, 'status' | 'chaseStage'>,
  newDueAt: string,
  now: Date,
): { dueAt: string; chaseStage: ChaseStage } {
  const due = Date.parse(newDueAt);
  if (Number.isNaN(due)) throw new RangeError(`Not an ISO instant: ${newDueAt}`);
  const restart = task.status === 'open' && due > now.getTime();
  return { dueAt: new Date(due).toISOString(), chaseStage: restart ? 'none' : task.chaseStage };
}
