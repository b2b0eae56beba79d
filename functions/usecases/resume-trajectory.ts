/**
 * POST /trajectories/{id}/resume (HR): the employee is back; the trajectory goes on where it
 * stood, every pending date moved by the days the pause took (functions/core/pause.ts).
 *
 * Order, so that a retry after a crash neither loses nor doubles a shift:
 * 1. each open task's due time moves, the task remembering the pause it moved for;
 * 2. the trajectory is written, no longer paused, its calendar moved (the commit point: a
 *    conditional write, and from here on a retry gets 409 `not_paused`);
 * 3. the `resumed` entry goes into the dossier;
 * 4. the workflow is woken: every waiting Ask (SendTaskFailure `DueTimeMoved`, so Chase
 *    recomputes its checkpoints from the moved due time) and the execution asleep in "Sleep while
 *    paused" (SendTaskSuccess, so it looks at its calendar date again). A wake-up that fails is
 *    logged and counted; the weekly look of a sleeping step picks the new dates up anyway.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Task, Trajectory } from '#core/model.ts';
import { resumePlan, resumeRefusal, shiftedForResume } from '#core/pause.ts';
import type { Clock, PauseTokens, TrajectoryRepository, WorkflowClient } from '#core/ports.ts';
import { NotFoundError, StateConflictError } from '#shared/errors.ts';
import { logger, metrics } from '#shared/observability.ts';
import { retryOnConflict } from './store.ts';

export interface ResumeTrajectoryDeps {
  repository: TrajectoryRepository;
  workflow: WorkflowClient;
  pauseTokens: PauseTokens;
  clock: Clock;
}

export interface ResumedTrajectory {
  trajectory: Trajectory;
  pausedDays: number;
}

export async function resumeTrajectory(
  deps: ResumeTrajectoryDeps,
  { id }: { id: string },
): Promise<ResumedTrajectory> {
  const { repository } = deps;
  const refuse = (current: Trajectory | undefined): string => {
    if (!current) throw new NotFoundError('trajectory');
    const refusal = resumeRefusal(current);
    if (refusal) throw new StateConflictError(refusal);
    return current.pausedAt as string;
  };
  const dossier = await repository.getWorkState(id);
  const pausedAt = refuse(dossier?.trajectory);
  const now = deps.clock.now();

  for (const task of dossier?.tasks ?? []) await shiftTask(repository, task, pausedAt, now);

  const resumed = await retryOnConflict(async () => {
    const current = await repository.getTrajectory(id);
    // Resumed (and perhaps paused again) by someone else since the read above.
    if (refuse(current) !== pausedAt) throw new StateConflictError('not_paused');
    const plan = resumePlan({ trajectory: current as Trajectory, tasks: [] }, now);
    return { plan, trajectory: await repository.updateTrajectory(plan.trajectory) };
  });
  await repository.appendEvent(resumed.plan.event);
  metrics.addMetric('TrajectoryResumed', MetricUnit.Count, 1);

  await wakeWorkflow(deps, id, pausedAt);
  return { trajectory: resumed.trajectory, pausedDays: resumed.plan.days };
}

async function shiftTask(repository: TrajectoryRepository, read: Task, pausedAt: string, now: Date) {
  let first: Task | undefined = read;
  await retryOnConflict(async () => {
    const task = first ?? (await repository.getTask(read.trajectoryId, read.id));
    first = undefined;
    const moved = task && shiftedForResume(task, pausedAt, now);
    if (moved) await repository.updateTask(moved);
  });
}

async function wakeWorkflow(deps: ResumeTrajectoryDeps, id: string, pausedAt: string): Promise<void> {
  const tasks = (await deps.repository.getWorkState(id))?.tasks ?? [];
  const waiting = tasks.filter((task) => task.status === 'open' && task.taskToken !== undefined);
  const wakes = waiting.map((task) => () => deps.workflow.wake(task.taskToken as string));
  const sleeping = await deps.pauseTokens.get(id, pausedAt);
  if (sleeping) wakes.push(() => deps.workflow.completeTask(sleeping, { resumed: true }));
  for (const wake of wakes) {
    try {
      // `false`: that token is no longer live; the step it belonged to reads the new dates itself.
      await wake();
    } catch (error) {
      logger.warn('Resumed the trajectory but could not wake a waiting step', { error });
      metrics.addMetric('ResumeWakeFailed', MetricUnit.Count, 1);
    }
  }
}
