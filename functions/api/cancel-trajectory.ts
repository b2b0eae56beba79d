/**
 * POST /trajectories/{id}/cancel (HR): stops a running trajectory for good; the use case
 * (functions/usecases/cancel-trajectory.ts) says how.
 */
import { cancelTrajectoryBody } from '#core/actions.ts';
import { clock } from '#adapters/clock.ts';
import { createMailLedgerFromEnv } from '#adapters/dynamo-mail-ledger.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { createMailerFromEnv } from '#adapters/ses-mailer.ts';
import { createWorkflowFromEnv } from '#adapters/sfn-workflow.ts';
import { jsonApi, ok } from '#shared/http.ts';
import { cancelTrajectory, type CancelTrajectoryDeps } from '#usecases/cancel-trajectory.ts';

export const cancelTrajectoryHandler = (deps: CancelTrajectoryDeps) =>
  jsonApi({ roles: ['hr'], body: cancelTrajectoryBody }, async ({ body, param }) => {
    const trajectory = await cancelTrajectory(deps, {
      id: param('id'),
      reason: body.reason,
      ...(body.internalNote !== undefined && { internalNote: body.internalNote }),
    });
    return ok(trajectory);
  });

export const handler = cancelTrajectoryHandler({
  repository: createRepositoryFromEnv(),
  workflow: createWorkflowFromEnv(),
  mailer: createMailerFromEnv(),
  ledger: createMailLedgerFromEnv(),
  clock,
});
