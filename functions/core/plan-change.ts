/**
 * A change of the plan after the employee acknowledged it (extension of the contract): the goals
 * turn out too much or too little once a cause is known, a task moves, a deadline can no longer be
 * met. Changing them by word of mouth would leave the dossier describing a plan nobody works to,
 * so a change goes the way the first plan went: HR asks for it with a reason, the manager writes
 * the new version, HR approves it (or sends it back), and the employee acknowledges it anew. The
 * term and its meetings stay as they are; what changes is the plan they measure against.
 *
 * The change reuses the plan's own tasks (`plan`, `plan-approval`, `plan-acknowledgement`), each
 * carrying `change` ({number, reason}); nothing in the process waits for them: each is opened by
 * the answer before it (functions/core/steps.ts, `completeTask`) and runs in its own execution,
 * so the calendar of follow-ups goes on meanwhile. Until HR approves, the plan in force is the
 * one before.
 *
 * Pure: `POST /trajectories/{id}/plan-changes` (functions/usecases/request-plan-change.ts) checks
 * with `planChangeRefusal` and opens the manager's task with `openPlanChange`.
 */
import * as z from 'zod';
import type { DossierEvent, Goal, PlanChangeRef, Task, TaskKind, WorkState } from './model.ts';
import { TASK_ASSIGNEE } from './model.ts';
import { dueForTask } from './schedule.ts';
import { LIMITS, text } from './schemas.ts';
import { newTaskId } from './trajectory.ts';

export const planChangeBody = z.strictObject({ reason: text(LIMITS.reason) });
export type PlanChangeInput = z.output<typeof planChangeBody>;

export const PLAN_CHANGE_REQUESTED_EVENT = 'plan-change-requested';

/** The 409 codes of a refused request (messages: `error.<code>` in the catalogue). */
export type PlanChangeRefusal = 'not_active' | 'paused' | 'plan_not_acknowledged' | 'plan_change_open';

const PLAN_KINDS: readonly TaskKind[] = ['plan', 'plan-approval', 'plan-acknowledgement'];

/** A task of a plan change that has not been settled yet (answered tasks may still be recorded). */
const unsettled = (task: Task) => task.change !== undefined && task.status === 'open';

/**
 * Why HR cannot ask for a change now, if they cannot: only a running trajectory in its term (the
 * plan acknowledged, or its acknowledgement lapsed), not while it is paused, and one change at a
 * time: a second request while the first is under way would have two versions compete.
 */
export function planChangeRefusal({ trajectory, tasks }: WorkState): PlanChangeRefusal | undefined {
  if (trajectory.status !== 'active') return 'not_active';
  if (trajectory.pausedAt !== undefined) return 'paused';
  if (trajectory.termEndsAt === undefined || trajectory.phase !== 'follow-up') return 'plan_not_acknowledged';
  if (tasks.some((task) => PLAN_KINDS.includes(task.kind) && unsettled(task))) return 'plan_change_open';
  return undefined;
}

export interface OpenedPlanChange {
  task: Task;
  event: DossierEvent;
}

/**
 * The manager's task to write the changed plan, numbered on from the plan's versions (`plan-3`
 * after a first plan and one revision), due like the first plan; and the dossier's entry of HR's
 * request, with the reason (the reason is HR's own words about the plan, kept with the dossier).
 */
export function openPlanChange(state: WorkState, input: PlanChangeInput, now: Date): OpenedPlanChange {
  const { trajectory, tasks } = state;
  const change: PlanChangeRef = {
    number: Math.max(0, ...tasks.map((task) => task.change?.number ?? 0)) + 1,
    reason: input.reason,
  };
  const at = now.toISOString();
  const task: Task = {
    id: newTaskId('plan', tasks.filter((other) => other.kind === 'plan').length + 1),
    trajectoryId: trajectory.id,
    kind: 'plan',
    assignee: TASK_ASSIGNEE.plan,
    status: 'open',
    openedAt: at,
    dueAt: dueForTask('plan', now, trajectory.schedule).toISOString(),
    chaseStage: 'none',
    change,
    version: 0,
  };
  const event: DossierEvent = {
    id: `plan-change-${change.number}.requested`,
    trajectoryId: trajectory.id,
    at,
    type: PLAN_CHANGE_REQUESTED_EVENT,
    actor: { role: 'hr' },
    taskId: task.id,
    data: { change: change.number, reason: change.reason, dueAt: task.dueAt },
  };
  return { task, event };
}

/** Whether a `plan` task's version was approved by HR (a first plan: whenever its approval came). */
function approvedVersion(plan: Task, tasks: readonly Task[], until: string): boolean {
  if (plan.change === undefined) return true;
  return tasks.some(
    (task) =>
      task.kind === 'plan-approval' &&
      task.about === plan.id &&
      (task.response as { decision?: string } | undefined)?.decision === 'approve' &&
      task.completedAt !== undefined &&
      task.completedAt <= until,
  );
}

/**
 * The goals in force at `at`: those of the last plan version written before then, leaving out a
 * change HR had not approved by then. A follow-up report names its goals by number, so a report
 * written before a change is read against the plan it was written against. `fallback` (the
 * trajectory's goals) serves a dossier from before plan versions were kept.
 */
export function goalsInForceAt(
  tasks: readonly Task[],
  at: string,
  fallback: readonly Goal[],
): readonly Goal[] {
  const version = tasks
    .filter((task) => task.kind === 'plan' && task.response !== undefined)
    .filter((task) => (task.completedAt ?? task.openedAt) <= at && approvedVersion(task, tasks, at))
    .at(-1);
  return (version?.response as { goals?: Goal[] } | undefined)?.goals ?? fallback;
}
