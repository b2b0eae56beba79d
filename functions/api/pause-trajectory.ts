/**
 * POST /trajectories/{id}/pause (HR) `{reason}`: the employee is ill, the trajectory stands
 * still; the use case (functions/usecases/pause-trajectory.ts) says how.
 */
import { pauseTrajectoryBody } from '#core/pause.ts';
import { clock } from '#adapters/clock.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { jsonApi, ok } from '#shared/http.ts';
import { pauseTrajectory, type PauseTrajectoryDeps } from '#usecases/pause-trajectory.ts';

export const pauseTrajectoryHandler = (deps: PauseTrajectoryDeps) =>
  jsonApi({ roles: ['hr'], body: pauseTrajectoryBody }, async ({ body, param }) =>
    ok(await pauseTrajectory(deps, { id: param('id'), reason: body.reason })),
  );

export const handler = pauseTrajectoryHandler({ repository: createRepositoryFromEnv(), clock });
