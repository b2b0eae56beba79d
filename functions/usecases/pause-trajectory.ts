/**
 * POST /trajectories/{id}/pause (HR) `{reason}`: the employee is ill, the trajectory stands still.
 *
 * Only `pausedAt` is written (a conditional write, so of two pauses one wins and the other gets
 * 409 `already_paused`), then the reason goes into the dossier. Nothing in the workflow has to be
 * told: a waiting task looks at `pausedAt` at its next checkpoint and chases nobody, a calendar
 * date that comes up opens nothing, and an answer through a link is refused (409 `paused`) until
 * HR resumes (functions/usecases/resume-trajectory.ts).
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Trajectory } from '#core/model.ts';
import { pauseRefusal, paused, pausedEvent } from '#core/pause.ts';
import { NotFoundError, StateConflictError } from '#shared/errors.ts';
import { metrics } from '#shared/observability.ts';
import { retryOnConflict, type StoreDeps } from './store.ts';

/** A pause reads and writes the trajectory, and records when. */
export type PauseTrajectoryDeps = StoreDeps;

export async function pauseTrajectory(
  deps: PauseTrajectoryDeps,
  { id, reason }: { id: string; reason: string },
): Promise<Trajectory> {
  const { repository } = deps;
  // The workflow's steps write the trajectory too (phase, attention): a lost write re-reads.
  const stored = await retryOnConflict(async () => {
    const current = await repository.getTrajectory(id);
    if (!current) throw new NotFoundError('trajectory');
    const refusal = pauseRefusal(current);
    if (refusal) throw new StateConflictError(refusal);
    return repository.updateTrajectory(paused(current, deps.clock.now()));
  });
  await repository.appendEvent(pausedEvent(stored, reason));
  metrics.addMetric('TrajectoryPaused', MetricUnit.Count, 1);
  return stored;
}
