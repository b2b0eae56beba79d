/**
 * Reading and writing the dossier safely, for every use case and workflow step: the work state
 * read consistently, re-reads on a lost conditional write, the trajectory written with a fresh
 * `updatedAt`, events appended in order.
 */
import type { DossierEvent, Task, Trajectory, WorkState } from '#core/model.ts';
import type { Clock, TrajectoryRepository } from '#core/ports.ts';
import { clearProcessFailures, clearTaskFailures, isClosed } from '#core/trajectory.ts';
import { AlreadyExistsError, VersionConflictError } from '#shared/errors.ts';
import { InvalidStepInputError } from './errors.ts';

/** The trajectory and its tasks (no events: no step decides on them), read consistently. */
export async function loadWorkState(
  repository: TrajectoryRepository,
  trajectoryId: string,
): Promise<WorkState> {
  const state = await repository.getWorkState(trajectoryId);
  if (!state) throw new InvalidStepInputError(`Unknown trajectory ${trajectoryId}`);
  return state;
}

export interface StoreDeps {
  repository: TrajectoryRepository;
  clock: Clock;
}

/** Re-reads within one invocation before the state machine's own retry takes over. */
export const MAX_WRITE_ATTEMPTS = 5;

/**
 * Runs `attempt` again from a fresh read each time a conditional write loses. After
 * `MAX_WRITE_ATTEMPTS` the `VersionConflictError` goes to the state machine, which retries the
 * whole step with backoff.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>): Promise<T> {
  for (let round = 1; ; round++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof VersionConflictError) || round >= MAX_WRITE_ATTEMPTS) throw error;
    }
  }
}

/** Writes the trajectory with a fresh `updatedAt`, conditional on the version it was read at. */
export function writeTrajectory(deps: StoreDeps, trajectory: Trajectory): Promise<Trajectory> {
  return deps.repository.updateTrajectory({ ...trajectory, updatedAt: deps.clock.now().toISOString() });
}

/** Appends in order; each append of an id already stored is a no-op. */
export async function appendEvents(repository: TrajectoryRepository, events: DossierEvent[]): Promise<void> {
  for (const event of events) await repository.appendEvent(event);
}

/**
 * Creates a task a step decided on. Should another run of the step have created it between our
 * read and our write, the `VersionConflictError` makes `retryOnConflict` read again, and this
 * time the step finds theirs: never a second task.
 */
export async function createTask(repository: TrajectoryRepository, task: Task): Promise<void> {
  try {
    await repository.createTask(task);
  } catch (error) {
    if (error instanceof AlreadyExistsError) throw new VersionConflictError(error.message);
    throw error;
  }
}

/** Whose failures a step that succeeded settles: one task's, or the process's. */
export type FailureScope = { taskId: string } | 'process';

/**
 * A step succeeded, so what failed before in its task (or in the process) runs again: the
 * `failed:` causes it left on the trajectory no longer hold, and the attention filter should no
 * longer count them. `seen` is the trajectory as the step read it: without such a cause (nearly
 * always) nothing more is read or written. A closed trajectory is left as it is.
 */
export async function settleFailures(deps: StoreDeps, seen: Trajectory, scope: FailureScope): Promise<void> {
  const settle = (trajectory: Trajectory) =>
    scope === 'process' ? clearProcessFailures(trajectory) : clearTaskFailures(trajectory, scope.taskId);
  if (settle(seen) === seen) return;
  await retryOnConflict(async () => {
    const current = await deps.repository.getTrajectory(seen.id);
    if (!current || isClosed(current.status)) return;
    const settled = settle(current);
    if (settled !== current) await writeTrajectory(deps, settled);
  });
}
