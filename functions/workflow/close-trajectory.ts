/**
 * "Close trajectory": after the aftercare, the trajectory is `completed` (successful) or `ended`
 * (unsuccessful), with its `closedAt`; any task still open is closed, so its link answers "gone".
 */
import * as z from 'zod';
import type { TrajectoryStatus } from '#core/model.ts';
import { closeTrajectory } from '#core/steps.ts';
import { clock } from '#adapters/clock.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import {
  appendEvents,
  loadWorkState,
  retryOnConflict,
  workflowHandler,
  writeTrajectory,
  type StoreDeps,
} from './support.ts';

export const closeTrajectoryInput = z.object({ trajectoryId: z.string().min(1) });

export type CloseTrajectoryInput = z.output<typeof closeTrajectoryInput>;

export async function closeTrajectoryStep(
  deps: StoreDeps,
  input: CloseTrajectoryInput,
): Promise<{ status: TrajectoryStatus }> {
  const { repository } = deps;
  const step = await retryOnConflict(async () => {
    const closed = closeTrajectory(await loadWorkState(repository, input.trajectoryId), deps.clock.now());
    // The trajectory first: once it is closed every link answers "gone", whatever the tasks say.
    if (closed.trajectory) await writeTrajectory(deps, closed.trajectory);
    for (const task of closed.tasks) await repository.updateTask(task);
    return closed;
  });
  // Closing gave the trajectory item its `expiresAt`; when TTL removes that item, the stream's
  // purge deletes the rest of the dossier and its links (functions/retention/purge-dossier.ts).
  await appendEvents(repository, step.events);
  return { status: step.status };
}

const deps: StoreDeps = { repository: createRepositoryFromEnv(), clock };

export const handler = workflowHandler(closeTrajectoryInput, (input) => closeTrajectoryStep(deps, input));
