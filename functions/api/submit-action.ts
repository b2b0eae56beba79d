/**
 * POST /actions/{token} (public; the token is the credential): the assignee's answer to a task.
 * The link names the task; recording the answer is the use case the dashboard runs too
 * (functions/usecases/answer-task.ts), which says why the write comes before `SendTaskSuccess`.
 *
 * POST /actions/{token}/draft, and a form post to the link with `intent=draft` (the page's draft
 * button, so the token stays out of the markup): the form kept as a draft, not sent
 * (functions/usecases/drafts.ts). A browser gets the form back, prefilled, with the time saved.
 */
import { isDraftIntent } from '#core/drafts.ts';
import type { Locale, Task } from '#core/model.ts';
import type { TrajectoryRepository } from '#core/ports.ts';
import { clock } from '#adapters/clock.ts';
import { createDraftsFromEnv } from '#adapters/dynamo-drafts.ts';
import { taskFileRecordsFromEnv } from '#adapters/files-from-env.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { createWorkflowFromEnv } from '#adapters/sfn-workflow.ts';
import { actionUrl, hashToken } from '#shared/action-links.ts';
import { config } from '#shared/env.ts';
import { NotFoundError, StateConflictError, ValidationError } from '#shared/errors.ts';
import { getAction, type GetActionDeps } from '#usecases/action-link.ts';
import { answerTask, type AnswerTaskDeps } from '#usecases/answer-task.ts';
import { saveDraft } from '#usecases/drafts.ts';
import { actionApi, type ActionResponse } from './action-http.ts';
import { attachmentsFor, renderActionPage } from './action-page-outcomes.ts';

export interface SubmitActionDeps extends AnswerTaskDeps {
  repository: TrajectoryRepository;
  /** The public base URL of the links, for the redirect back to the link after a form post. */
  baseUrl: string;
  /** A form sent back with its errors lists the task's documents again. */
  files?: GetActionDeps['files'];
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
  const link = await deps.repository.findActionLink(hashToken(token));
  if (!link) throw new NotFoundError('unknown link');
  try {
    return await answerTask(deps, {
      trajectoryId: link.trajectoryId,
      taskId: link.taskId,
      body,
      ...(onLocale && { onLocale }),
    });
  } catch (error) {
    // A link whose dossier is gone (expired after retention) is as unknown as one never minted.
    if (error instanceof NotFoundError) throw new NotFoundError('unknown link');
    throw error;
  }
}

export const submitActionHandler = (deps: SubmitActionDeps) =>
  actionApi(
    { body: true, backHref: (token) => actionUrl(deps.baseUrl, token) },
    async ({ event, token, body, html, setLocale }) => {
      if (event.routeKey === DRAFT_ROUTE || isDraftIntent(body)) {
        return saveLinkDraft(deps, { token, body, html, setLocale });
      }
      let task: Task;
      try {
        task = await submitAction(deps, { token, body, onLocale: setLocale });
      } catch (error) {
        // A browser gets its form back with what was typed: each message at its field, or, when
        // a pause came between opening the form and sending it, a notice that nothing was saved.
        const paused = error instanceof StateConflictError && error.code === 'paused';
        if (!html || !(error instanceof ValidationError || paused)) throw error;
        const view = await getAction(deps, token);
        if (view.status !== 'open') throw error;
        const attachments = await attachmentsFor(deps.files, view);
        const page =
          error instanceof ValidationError
            ? renderActionPage(view, {
                values: body,
                fieldErrors: error.fieldErrors,
                ...(attachments && { attachments }),
              })
            : renderActionPage(view, { values: body, paused: true });
        return { type: 'html', statusCode: error instanceof ValidationError ? 400 : 409, html: page };
      }
      // Post/redirect/get: the browser shows the link's new state, and a reload posts nothing.
      if (html) return { type: 'redirect', location: actionUrl(deps.baseUrl, token) };
      return { type: 'json', statusCode: 200, body: { status: 'done', taskId: task.id } };
    },
  );

const DRAFT_ROUTE = 'POST /actions/{token}/draft';

/** The link's form kept as a draft: the form again with it (a browser), or when it was saved. */
async function saveLinkDraft(
  deps: SubmitActionDeps,
  {
    token,
    body,
    html,
    setLocale,
  }: { token: string; body: unknown; html: boolean; setLocale: (l: Locale) => void },
): Promise<ActionResponse> {
  const { drafts } = deps;
  // A deployment without a drafts store keeps none: as if the route were not there.
  if (!drafts) throw new NotFoundError('no drafts');
  const link = await deps.repository.findActionLink(hashToken(token));
  if (!link) throw new NotFoundError('unknown link');
  let draft;
  try {
    draft = await saveDraft(
      { ...deps, drafts },
      {
        trajectoryId: link.trajectoryId,
        taskId: link.taskId,
        body,
        onLocale: setLocale,
      },
    );
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError('unknown link');
    // Paused since the form was opened: the form comes back with what was typed, as for an answer.
    const paused = error instanceof StateConflictError && error.code === 'paused';
    if (!html || !paused) throw error;
    const view = await getAction(deps, token);
    if (view.status !== 'open') throw error;
    return { type: 'html', statusCode: 409, html: renderActionPage(view, { values: body, paused: true }) };
  }
  if (!html)
    return {
      type: 'json',
      statusCode: 200,
      body: { status: 'draft', taskId: draft.taskId, savedAt: draft.savedAt },
    };
  const view = await getAction(deps, token);
  const attachments = await attachmentsFor(deps.files, view);
  return {
    type: 'html',
    statusCode: 200,
    html: renderActionPage(view, {
      values: draft.fields,
      draftSavedAt: draft.savedAt,
      ...(attachments && { attachments }),
    }),
  };
}

export const handler = submitActionHandler({
  repository: createRepositoryFromEnv(),
  workflow: createWorkflowFromEnv(),
  clock,
  drafts: createDraftsFromEnv(),
  // Read on first use, as every adapter's configuration: the module loads without any.
  get baseUrl() {
    return config.baseUrl;
  },
  files: taskFileRecordsFromEnv(),
});
