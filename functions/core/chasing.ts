/**
 * The chasing policy, shared by every human task: what to send when a deadline comes near or
 * passes. The workflow calls `chase` each time an Ask state times out and waits again for
 * `checkInSeconds`; the task's `chaseStage` records how far the policy has gone, which makes a
 * repeated or late call safe: every action happens at most once.
 *
 * Nobody is mailed on a Saturday, Sunday or Dutch public holiday: every checkpoint that falls on
 * one moves to 09:00 Amsterdam time on the next working day (`nextWorkingMoment`), and a step
 * that runs on such a day anyway (a late or woken run) holds its mails (`mailWindow`).
 */
import type { ChaseStage, Schedule, Task } from './model.ts';
import { sameTimeDaysLater, startOfWorkday } from './schedule.ts';
import { amsterdamDate, isWorkingDay, nextWorkingMoment } from './working-days.ts';

export const CHASE_ACTIONS = ['remind', 'overdue', 'escalate', 'second-escalation', 'no-response'] as const;
/**
 * `remind`: a reminder to the assignee. `overdue`: the assignee hears the deadline passed.
 * `escalate`: the HR advisor hears it too. `second-escalation`: HR again, after the grace period,
 * and the trajectory needs attention. `no-response`: an employee let the deadline pass.
 */
export type ChaseAction = (typeof CHASE_ACTIONS)[number];

export type ChaseTask = Pick<Task, 'assignee' | 'dueAt' | 'chaseStage' | 'status'> &
  Partial<Pick<Task, 'kind'>>;

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

/**
 * The longest an Ask state waits before it looks again: 30 days. A wait that ends with nothing to
 * do simply waits again, so a longer one gains nothing, and the short ones keep every task's
 * execution far from Step Functions' one-year limit on an execution.
 */
export const MAX_CHECK_IN_SECONDS = 30 * 24 * 60 * 60;
/**
 * The shortest wait: a minute. A Step Functions task token's timeout is never armed for less, so
 * a checkpoint that is already due fires a minute later (the policy's stage makes a late check
 * harmless), and a task whose checkpoints keep falling due cannot turn the Ask state round every
 * second.
 */
export const MIN_CHECK_IN_SECONDS = 60;

const HOUR_MS = 60 * 60 * 1000;

const RANK: Record<ChaseStage, number> = { none: 0, reminded: 1, overdue: 2, escalated: 3 };

interface Checkpoint {
  at: number;
  /** The stage reached once this checkpoint is handled. */
  stage: Exclude<ChaseStage, 'none'>;
  actions: ChaseAction[];
}

/**
 * The grace period ends at the due time's wall-clock time `days` calendar days later, on a
 * working day: escalating on a Saturday or a public holiday reaches nobody who can act.
 */
const graceEndsAt = (due: Date, days: number): Date => sameTimeDaysLater(due, days);

/** A checkpoint's moment: `instant`, or 09:00 on the next working day when that is no working day. */
const onWorkingDay = (instant: Date | number): number => nextWorkingMoment(new Date(instant)).getTime();

function checkpoints(
  task: Pick<Task, 'assignee' | 'dueAt'> & Partial<Pick<Task, 'kind'>>,
  schedule: Schedule,
): Checkpoint[] {
  const due = new Date(task.dueAt);
  if (Number.isNaN(due.getTime())) throw new RangeError(`Task has no valid dueAt: ${task.dueAt}`);
  const list: Checkpoint[] = [];
  // A reminder at the very deadline would arrive together with the overdue notice: pointless.
  // One that falls on a weekend or holiday (48 h before a Monday deadline: Saturday) comes at
  // 09:00 on the next working day, still before the deadline, which is on a working day itself.
  if (schedule.reminderHoursBefore > 0) {
    list.push({
      at: onWorkingDay(reminderAt(task, due, schedule)),
      stage: 'reminded',
      actions: ['remind'],
    });
  }
  // Deadlines are put on working days (`dueAt`); one that HR moved elsewhere is chased on the
  // next working day all the same.
  if (task.assignee === 'employee') {
    // Employees are never escalated about: the trajectory is about them, not their paperwork.
    list.push({ at: onWorkingDay(due), stage: 'overdue', actions: ['no-response'] });
  } else {
    list.push({ at: onWorkingDay(due), stage: 'overdue', actions: ['overdue', 'escalate'] });
    list.push({
      at: onWorkingDay(graceEndsAt(due, schedule.escalationGraceDays)),
      stage: 'escalated',
      actions: ['second-escalation'],
    });
  }
  return list;
}

/**
 * When the assignee is reminded: `reminderHoursBefore` before the deadline. A self-assessment
 * opens with its follow-up, a few working days before the meeting, and is due the working day
 * before it: a reminder that many hours ahead would come before the request. It is reminded on
 * the morning of its last day instead, or that many hours ahead if that is later still.
 */
function reminderAt(task: Partial<Pick<Task, 'kind'>>, due: Date, schedule: Schedule): number {
  const before = due.getTime() - schedule.reminderHoursBefore * HOUR_MS;
  if (task.kind !== 'self-assessment') return before;
  return Math.max(before, startOfWorkday(amsterdamDate(due)).getTime());
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
 * due no later than the request reaches the assignee is skipped, as the request itself does its
 * work: the request goes out at `now`, or at 09:00 on the next working day when the task opened
 * on a day without mail. A deadline that already passed is returned as is and makes the first
 * check come as soon as it can.
 */
export function firstCheckpoint(task: ChaseTask, schedule: Schedule, now: Date): string | undefined {
  if (task.status !== 'open') return undefined;
  const requestedMs = nextWorkingMoment(now).getTime();
  const first = checkpoints(task, schedule)
    .filter((checkpoint) => isPending(checkpoint, task.chaseStage))
    .find((checkpoint) => !(checkpoint.stage === 'reminded' && checkpoint.at <= requestedMs));
  return first && new Date(first.at).toISOString();
}

/**
 * Whole seconds until `nextCheckAt`, as a Step Functions `TimeoutSeconds`: at least
 * `MIN_CHECK_IN_SECONDS` (a checkpoint already due fires a minute later) and at most
 * `MAX_CHECK_IN_SECONDS` (a checkpoint further away is waited for in turns of 30 days: `chase`
 * finds nothing to do at the end of each and the Ask state waits again). Without a checkpoint the
 * Ask state still waits, as long as it may: the link stays valid until the task is done.
 */
export function checkInSeconds(nextCheckAt: string | undefined, now: Date): number {
  if (nextCheckAt === undefined) return MAX_CHECK_IN_SECONDS;
  const at = Date.parse(nextCheckAt);
  if (Number.isNaN(at)) throw new RangeError(`Not an ISO instant: ${nextCheckAt}`);
  const seconds = Math.ceil((at - now.getTime()) / 1000);
  return Math.min(MAX_CHECK_IN_SECONDS, Math.max(MIN_CHECK_IN_SECONDS, seconds));
}

/** Whether a step may mail now, and if not, from when. */
export type MailWindow = { open: true } | { open: false; opensAt: string };

/**
 * Whether a workflow step may send its mails at `now`: only on a working day (Amsterdam date).
 * On a Saturday, Sunday or Dutch public holiday the window is shut until `opensAt` (ISO), 09:00
 * Amsterdam time on the next working day; the step holds its mails until then and runs again.
 * Checkpoints already fall on working days; this catches a late run, a wake-up or a task opened
 * on a day off.
 */
export function mailWindow(now: Date): MailWindow {
  if (Number.isNaN(now.getTime())) throw new RangeError('Not a valid instant');
  if (isWorkingDay(amsterdamDate(now))) return { open: true };
  return { open: false, opensAt: nextWorkingMoment(now).toISOString() };
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
