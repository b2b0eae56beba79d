/**
 * POST /trajectories/{id}/tasks/{taskId}/extend (HR): gives an open task `days` more calendar
 * days; the use case (functions/usecases/extend-task.ts) says how.
 */
import { extendTaskBody, taskView } from '#core/actions.ts';
import { clock } from '#adapters/clock.ts';
import { createMailLedgerFromEnv } from '#adapters/dynamo-mail-ledger.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { createMailerFromEnv } from '#adapters/ses-mailer.ts';
import { createWorkflowFromEnv } from '#adapters/sfn-workflow.ts';
import { config } from '#shared/env.ts';
import { jsonApi, ok } from '#shared/http.ts';
import { extendTask, type ExtendTaskDeps } from '#usecases/extend-task.ts';

export const extendTaskHandler = (deps: ExtendTaskDeps) =>
  jsonApi({ roles: ['hr'], body: extendTaskBody }, async ({ body, param }) => {
    const task = await extendTask(deps, {
      trajectoryId: param('id'),
      taskId: param('taskId'),
      days: body.days,
    });
    return ok(taskView(task));
  });

export const handler = extendTaskHandler({
  repository: createRepositoryFromEnv(),
  workflow: createWorkflowFromEnv(),
  mailer: createMailerFromEnv(),
  ledger: createMailLedgerFromEnv(),
  clock,
  // Read on first use, as every adapter's configuration: the module loads without any.
  get calendar() {
    return { organizer: config.mailFrom };
  },
});
