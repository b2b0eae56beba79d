/**
 * POST /actions/{token} (public; the token is the credential): the assignee's answer to a task.
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
  linkStatus,
  taskCompletedEvent,
  validateResponse,
  withResponse,
} from '#core/actions.ts';
import type { Locale, Task, TaskKind } from '#core/model.ts';
import type { Clock, TrajectoryRepository, WorkflowClient } from '#core/ports.ts';
import type { ActionBody } from '#core/schemas.ts';
import { clock } from '#adapters/clock.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { createWorkflowFromEnv } from '#adapters/sfn-workflow.ts';
import { actionUrl, hashToken } from '#shared/action-links.ts';
import { config } from '#shared/env.ts';
import {
  ConflictError,
  GoneError,
  NotFoundError,
  StateConflictError,
  ValidationError,
} from '#shared/errors.ts';
import { logger, metrics } from '#shared/observability.ts';
import { retryOnConflict } from '#workflow/support.ts';
import { actionApi } from './action-http.ts';
import { renderActionPage } from './action-page.ts';
import { getAction } from './get-action.ts';

export interface SubmitActionDeps {
  repository: TrajectoryRepository;
  workflow: WorkflowClient;
  clock: Clock;
  /** The public base URL of the links, for the redirect back to the link after a form post. */
  baseUrl: string;
}

export interface SubmitActionRequest {
  token: string;
  /** The request body as an object (from JSON or a form), not yet validated. */
  body: unknown;
  /** Called with the trajectory's language as soon as it is known, for any refusal after it. */
  onLocale?: (locale: Locale) => void;
}

/** Records the answer; returns the task as stored. 404 / 410 / 409 / 400 as the contract says. */
export async function submitAction(
  deps: SubmitActionDeps,
  { token, body, onLocale }: SubmitActionRequest,
): Promise<Task> {
  const { repository } = deps;
  const link = await repository.findActionLink(hashToken(token));
  if (!link) throw new NotFoundError('unknown link');
  let response: ActionBody<TaskKind> | undefined;
  // Other writers of the task (the Ask state storing a fresh token, Chase storing its stage) can
  // make the conditional write lose while the task is still open; each such loss is a re-read.
  const stored = await retryOnConflict(async () => {
    const [trajectory, task] = await Promise.all([
      repository.getTrajectory(link.trajectoryId),
      repository.getTask(link.trajectoryId, link.taskId),
    ]);
    if (!trajectory || !task) throw new NotFoundError('unknown link');
    onLocale?.(trajectory.locale);
    const status = linkStatus(trajectory, task);
    if (status === 'closed') throw new GoneError('trajectory or task closed');
    if (status === 'done') throw new ConflictError('task already done');
    // While the employee is ill the trajectory stands still: nothing is answered (core/pause.ts).
    if (trajectory.pausedAt !== undefined) throw new StateConflictError('paused');
    // Validated once: neither the task's kind nor the plan's goals change while it is open.
    if (!response) {
      // A decision confirmation is judged against the evaluation it confirms (redeployment) and
      // the whole dossier (an unsuccessful end it does not carry needs HR's written override).
      const dossier =
        task.kind === 'decision-confirmation' ? await repository.getDossier(trajectory.id) : undefined;
      const tasks = dossier?.tasks ?? [];
      const rules = { trajectory, tasks, ...(dossier && { dossier }), now: deps.clock.now() };
      const result = validateResponse(task.kind, body, trajectory.goals, trajectory.locale, tasks, rules);
      if (!result.ok) throw new ValidationError(result.fieldErrors);
      response = result.value;
    }
    return repository.updateTask(withResponse(task, response, deps.clock.now()));
  });
  metrics.addMetric('ActionSubmitted', MetricUnit.Count, 1);
  await repository.appendEvent(taskCompletedEvent(stored));
  const overridden = decisionOverriddenEvent(stored);
  if (overridden) await repository.appendEvent(overridden);
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

export const submitActionHandler = (deps: SubmitActionDeps) =>
  actionApi(
    { body: true, backHref: (token) => actionUrl(deps.baseUrl, token) },
    async ({ token, body, html, setLocale }) => {
      let task: Task;
      try {
        task = await submitAction(deps, { token, body, onLocale: setLocale });
      } catch (error) {
        // A browser gets its form back, with what was typed and each message at its field.
        if (!html || !(error instanceof ValidationError)) throw error;
        const view = await getAction(deps, token);
        if (view.status !== 'open') throw error;
        const page = renderActionPage(view, { values: body, fieldErrors: error.fieldErrors });
        return { type: 'html', statusCode: 400, html: page };
      }
      // Post/redirect/get: the browser shows the link's new state, and a reload posts nothing.
      if (html) return { type: 'redirect', location: actionUrl(deps.baseUrl, token) };
      return { type: 'json', statusCode: 200, body: { status: 'done', taskId: task.id } };
    },
  );

export const handler = submitActionHandler({
  repository: createRepositoryFromEnv(),
  workflow: createWorkflowFromEnv(),
  clock,
  baseUrl: config.baseUrl,
});
