/**
 * POST /trajectories/{id}/plan-changes (HR) `{reason}`: a change of the acknowledged plan
 * (functions/core/plan-change.ts). Opens the manager's task to write the new version and starts
 * its execution, which asks, chases and records it like any task; the approval and the new
 * acknowledgement follow from the answers.
 *
 * Safe to repeat: the task is created under a condition, so two requests at once open one change
 * (the other gets 409 `plan_change_open`); a request repeated with the same reason while that task
 * still waits (a timeout after the task was written, before its execution started) finds it and
 * starts the execution again, which Step Functions answers as a repeat.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Task, WorkState } from '#core/model.ts';
import { openPlanChange, planChangeRefusal, type PlanChangeInput } from '#core/plan-change.ts';
import type { WorkflowClient } from '#core/ports.ts';
import { firstCheckIn } from '#core/steps.ts';
import { AlreadyExistsError, NotFoundError, StateConflictError } from '#shared/errors.ts';
import { metrics } from '#shared/observability.ts';
import type { StoreDeps } from './store.ts';

export interface RequestPlanChangeDeps extends StoreDeps {
  workflow: Pick<WorkflowClient, 'startTask'>;
}

export async function requestPlanChange(
  deps: RequestPlanChangeDeps,
  { id, body }: { id: string; body: PlanChangeInput },
): Promise<Task> {
  const { repository } = deps;
  const state = await repository.getWorkState(id);
  if (!state) throw new NotFoundError('trajectory');
  const repeat = state.tasks.find(
    (task) =>
      task.kind === 'plan' &&
      task.change?.reason === body.reason &&
      task.status === 'open' &&
      task.response === undefined,
  );
  const task = repeat ?? (await open(deps, state, body));
  await deps.workflow.startTask(id, task.id, firstCheckIn(task, state.trajectory.schedule));
  return task;
}

async function open(deps: RequestPlanChangeDeps, state: WorkState, body: PlanChangeInput): Promise<Task> {
  const refusal = planChangeRefusal(state);
  if (refusal) throw new StateConflictError(refusal);
  const { task, event } = openPlanChange(state, body, deps.clock.now());
  try {
    await deps.repository.createTask(task);
  } catch (error) {
    // Another request opened this version a moment ago.
    if (error instanceof AlreadyExistsError) throw new StateConflictError('plan_change_open');
    throw error;
  }
  await deps.repository.appendEvent(event);
  metrics.addMetric('PlanChangeRequested', MetricUnit.Count, 1);
  return task;
}
