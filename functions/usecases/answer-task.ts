/**
 * Answering a task, wherever the answer comes from: the mailed link (`POST /actions/{token}`) or
 * the signed-in dashboard (`POST /dossiers/{id}/tasks/{taskId}`). Both run this one function, so
 * an answer is validated, recorded and handed to the workflow the same way, and a task takes one
 * answer whichever way it arrives: the second, by either route, is refused as already done.
 *
 * The answer is written to DynamoDB first, conditional on the task being open at the version
 * read, and only then handed to the waiting workflow (docs/design.md, "The human-task pattern"). Of
 * any number of concurrent submits exactly one wins that write; the others re-read, find the
 * task done and get 409. Should the workflow not be reached (no live token between a timeout and
 * the next Ask entry, or Step Functions failing), the answer is not lost: the next entry of the
 * Ask state finds it on the task and completes the step itself.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  decisionOverriddenEvent,
  taskCompletedEvent,
  validateResponse,
  withResponse,
} from '#core/actions.ts';
import type { Task, TaskKind } from '#core/model.ts';
import type { Clock, Drafts, TrajectoryRepository, WorkflowClient } from '#core/ports.ts';
import type { ActionBody } from '#core/schemas.ts';
import { ValidationError } from '#shared/errors.ts';
import { logger, metrics } from '#shared/observability.ts';
import { readTask, requireOpenTask, type TaskSubmission } from './task-access.ts';
import { retryOnConflict } from './store.ts';

export interface AnswerTaskDeps {
  repository: TrajectoryRepository;
  workflow: WorkflowClient;
  clock: Clock;
  /** The task's draft (functions/core/drafts.ts) is deleted once the answer is stored. */
  drafts?: Drafts;
}

/** The answer, validated against the task's kind before anything is written. */
export type AnswerTaskRequest = TaskSubmission;

/**
 * Records the answer and wakes the workflow; returns the task as stored. `NotFoundError` for an
 * unknown trajectory or task, `GoneError` (410) once the trajectory ended or the task closed,
 * `ConflictError` (409) for a task already answered, `StateConflictError('paused')` while the
 * trajectory is paused, `ValidationError` (400, nothing written) for an answer that does not fit.
 */
export async function answerTask(
  deps: AnswerTaskDeps,
  { trajectoryId, taskId, body, locale, onLocale }: AnswerTaskRequest,
): Promise<Task> {
  const { repository } = deps;
  let response: ActionBody<TaskKind> | undefined;
  // Other writers of the task (the Ask state storing a fresh token, Chase storing its stage) can
  // make the conditional write lose while the task is still open; each such loss is a re-read.
  const stored = await retryOnConflict(async () => {
    const { trajectory, task } = await readTask(repository, trajectoryId, taskId, onLocale);
    requireOpenTask(trajectory, task);
    // Validated once: neither the task's kind nor the plan's goals change while it is open.
    if (!response) {
      // A decision confirmation is judged against the evaluation it confirms (redeployment) and
      // the whole dossier (an unsuccessful end it does not carry needs HR's written override).
      const dossier =
        task.kind === 'decision-confirmation' ? await repository.getDossier(trajectory.id) : undefined;
      const tasks = dossier?.tasks ?? [];
      const rules = { trajectory, tasks, ...(dossier && { dossier }), now: deps.clock.now() };
      const language = locale ?? trajectory.locale;
      const result = validateResponse(task.kind, body, trajectory.goals, language, tasks, rules);
      if (!result.ok) throw new ValidationError(result.fieldErrors);
      response = result.value;
    }
    return repository.updateTask(withResponse(task, response, deps.clock.now()));
  });
  metrics.addMetric('ActionSubmitted', MetricUnit.Count, 1);
  await repository.appendEvent(taskCompletedEvent(stored));
  const overridden = decisionOverriddenEvent(stored);
  if (overridden) await repository.appendEvent(overridden);
  if (deps.drafts) await dropDraft(deps.drafts, stored);
  if (stored.taskToken) await wakeWorkflow(deps.workflow, stored);
  return stored;
}

async function wakeWorkflow(workflow: WorkflowClient, task: Task): Promise<void> {
  try {
    // `false`: the token is spent; the next Ask entry finds the answer and completes the step.
    await workflow.completeTask(task.taskToken as string, { taskId: task.id });
  } catch (error) {
    // The answer is safely recorded, and a retry of this request could only get a 409. The Ask
    // state completes the step at its next checkpoint; the metric shows how often one waits.
    logger.warn('Recorded the answer but could not complete the workflow step', { taskId: task.id, error });
    metrics.addMetric('ActionCompletionDeferred', MetricUnit.Count, 1);
  }
}

async function dropDraft(drafts: Drafts, task: Task): Promise<void> {
  try {
    await drafts.delete(task.trajectoryId, task.id);
  } catch (error) {
    // The answer is recorded; a draft left behind is never shown (its task is done) and goes with
    // the dossier's purge. Failing the request now would only turn a retry into a 409.
    logger.warn('Recorded the answer but could not delete its draft', { taskId: task.id, error });
  }
}
