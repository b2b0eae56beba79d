/**
 * POST /trajectories/{id}/plan-changes (HR) `{reason}`: asks the manager for a changed version of
 * the acknowledged plan; the use case (functions/usecases/request-plan-change.ts) says how.
 * Answers 201 with the manager's task; 409 `plan_not_acknowledged`, `plan_change_open`,
 * `paused` or `not_active` when a change cannot be asked for now.
 */
import { taskView } from '#core/actions.ts';
import { planChangeBody } from '#core/plan-change.ts';
import { clock } from '#adapters/clock.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { createWorkflowFromEnv } from '#adapters/sfn-workflow.ts';
import { created, jsonApi } from '#shared/http.ts';
import { requestPlanChange, type RequestPlanChangeDeps } from '#usecases/request-plan-change.ts';

export const planChangeHandler = (deps: RequestPlanChangeDeps) =>
  jsonApi({ roles: ['hr'], body: planChangeBody }, async ({ body, param }) =>
    created(taskView(await requestPlanChange(deps, { id: param('id'), body }))),
  );

export const handler = planChangeHandler({
  repository: createRepositoryFromEnv(),
  workflow: createWorkflowFromEnv(),
  clock,
});
