/**
 * POST /trajectories (HR): records a new trajectory and starts its workflow; the use case
 * (functions/usecases/create-trajectory.ts) says how a retry with an `Idempotency-Key` is met.
 */
import { checkIdempotencyKey, IDEMPOTENCY_HEADER } from '#core/idempotency-key.ts';
import { createTrajectoryBody } from '#core/schemas.ts';
import { clock } from '#adapters/clock.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { createWorkflowFromEnv } from '#adapters/sfn-workflow.ts';
import { created, jsonApi } from '#shared/http.ts';
import { createTrajectory, type CreateTrajectoryDeps } from '#usecases/create-trajectory.ts';

export const createTrajectoryHandler = (deps: CreateTrajectoryDeps) =>
  jsonApi({ roles: ['hr'], body: createTrajectoryBody }, async ({ body, principal, locale, header }) => {
    const key = header(IDEMPOTENCY_HEADER);
    const idempotencyKey = key === undefined ? undefined : checkIdempotencyKey(key, locale);
    const result = await createTrajectory(deps, { input: body, principal, idempotencyKey });
    // A replay answers exactly as the first attempt did; the header tells the two apart.
    return created(result.trajectory, result.replayed ? { 'Idempotent-Replayed': 'true' } : undefined);
  });

export const handler = createTrajectoryHandler({
  repository: createRepositoryFromEnv(),
  workflow: createWorkflowFromEnv(),
  clock,
});
