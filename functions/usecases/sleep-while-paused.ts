/**
 * Sleeping while paused ("Sleep while paused", a `.waitForTaskToken` state): the calendar brought
 * the workflow to a follow-up, the term end or the aftercare while the trajectory is paused. The
 * token is left where the resume finds it (`PauseTokens`, one per pause); the resume completes it
 * (./resume-trajectory.ts), and the state machine goes back to the Open step, which looks at the
 * (moved) date again.
 *
 * Both sides write first and read second: this step stores the token and then reads the
 * trajectory, the resume writes the trajectory and then reads the token. Whatever the
 * interleaving, one of the two sees the other, so a resume that came in between is never missed:
 * here it shows as a trajectory no longer paused, and the step completes itself at once.
 */
import type { PauseTokens, WorkflowClient } from '#core/ports.ts';
import { isClosed } from '#core/trajectory.ts';
import { InvalidStepInputError } from './errors.ts';
import type { StoreDeps } from './store.ts';

export interface SleepWhilePausedInput {
  trajectoryId: string;
  taskToken: string;
}

export interface SleepWhilePausedDeps extends StoreDeps {
  pauseTokens: PauseTokens;
  workflow: WorkflowClient;
}

/**
 * `sleeping`: the token waits for the resume. `resumed`: not paused (any more); the step
 * completed itself. `closed`: the trajectory is over and its execution is being stopped.
 * (Ignored by the `.waitForTaskToken` state, whose result is what the resume sends.)
 */
export type SleepStatus = 'sleeping' | 'resumed' | 'closed';

export async function sleepWhilePaused(
  deps: SleepWhilePausedDeps,
  { trajectoryId, taskToken }: SleepWhilePausedInput,
): Promise<{ status: SleepStatus }> {
  const { repository } = deps;
  const before = await repository.getTrajectory(trajectoryId);
  if (!before) throw new InvalidStepInputError(`Unknown trajectory ${trajectoryId}`);
  if (isClosed(before.status)) return { status: 'closed' };
  if (before.pausedAt !== undefined) {
    await deps.pauseTokens.put(trajectoryId, before.pausedAt, taskToken);
    const after = await repository.getTrajectory(trajectoryId);
    if (after?.pausedAt === before.pausedAt) return { status: 'sleeping' };
  }
  await deps.workflow.completeTask(taskToken, { resumed: true });
  return { status: 'resumed' };
}
