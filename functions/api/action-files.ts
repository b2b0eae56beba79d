/**
 * Evidence files through a mailed action link (public; the token is the credential), so the
 * person a task waits for can attach documents to that task from its page (contract extensions,
 * README.md):
 * - POST /actions/{token}/files `{title, date, filename, contentType, size}`: a pending file of the
 *   link's task and the form that uploads it (201 `{file, upload: {url, fields}}`);
 * - POST /actions/{token}/files/{fileId}/confirm: checks what arrived and stores it as the next
 *   exhibit (200 the file), or deletes it and its record (400 with a field error on `file`), also
 *   when nothing arrived;
 * - POST /actions/{token}/files/{fileId}/remove `{reason}`: one's own file is no longer an exhibit.
 * A link reaches only its own task of its own trajectory, and only while that task is open (and
 * the trajectory not paused): the file's step is the link's task, never one the caller names.
 * JSON only: the page's script calls these (functions/web/assets/app-js.ts); the answer form
 * itself still posts to `POST /actions/{token}`.
 */
import type { Context } from 'aws-lambda';
import { answerRefusal } from '#core/actions.ts';
import { linkFileBody, removeFileBody, stagingKey, type EvidenceFile } from '#core/files.ts';
import type { Locale, Task, Trajectory } from '#core/model.ts';
import { parseBody } from '#core/schemas.ts';
import { evidenceFilesFromEnv } from '#adapters/files-from-env.ts';
import { hashToken } from '#shared/action-links.ts';
import {
  ConflictError,
  GoneError,
  NotFoundError,
  StateConflictError,
  ValidationError,
} from '#shared/errors.ts';
import { translator } from '#shared/i18n/catalogue.ts';
import { filesMessages } from '#shared/i18n/files.ts';
import type { ApiEvent, ApiResult } from '#shared/http.ts';
import {
  announceFile,
  discardFile,
  fileFieldErrors,
  storeFile,
  taskOwnFile,
  withdrawFile,
  type FilesDeps,
} from '#usecases/evidence-files.ts';
import { actionApi, type ActionResponse } from './action-http.ts';

const t = /* @__PURE__ */ translator(filesMessages);

interface LinkTask {
  trajectory: Trajectory;
  task: Task;
}

/**
 * The link's trajectory and task, once the task takes files: open, its trajectory running and not
 * paused. The same refusals as answering it (functions/usecases/answer-task.ts).
 */
export async function openLinkTask(
  deps: Pick<FilesDeps, 'repository'>,
  token: string,
  onLocale?: (locale: Locale) => void,
): Promise<LinkTask> {
  const link = await deps.repository.findActionLink(hashToken(token));
  if (!link) throw new NotFoundError('unknown link');
  const [trajectory, task] = await Promise.all([
    deps.repository.getTrajectory(link.trajectoryId),
    deps.repository.getTask(link.trajectoryId, link.taskId),
  ]);
  // A link whose dossier is gone (expired after retention) is as unknown as one never minted.
  if (!trajectory || !task) throw new NotFoundError('unknown link');
  onLocale?.(trajectory.locale);
  const refusal = answerRefusal(trajectory, task);
  if (refusal === 'gone') throw new GoneError('trajectory or task closed');
  if (refusal === 'done') throw new ConflictError('task already done');
  if (trajectory.pausedAt !== undefined) throw new StateConflictError('paused');
  return { trajectory, task };
}

export async function announceLinkFile(
  deps: FilesDeps,
  token: string,
  body: unknown,
  onLocale?: (locale: Locale) => void,
) {
  const { trajectory, task } = await openLinkTask(deps, token, onLocale);
  const parsed = parseBody(linkFileBody(deps.maxBytes), body, trajectory.locale);
  if (!parsed.ok) {
    throw new ValidationError(fileFieldErrors(parsed.fieldErrors, trajectory.locale, deps.maxBytes));
  }
  return announceFile(deps, trajectory.id, { ...parsed.value, taskId: task.id }, task.assignee);
}

export async function confirmLinkFile(
  deps: FilesDeps,
  token: string,
  fileId: string,
  onLocale?: (locale: Locale) => void,
): Promise<EvidenceFile> {
  let open: LinkTask;
  try {
    open = await openLinkTask(deps, token, onLocale);
  } catch (error) {
    // The task was answered or closed between the upload and its confirm: the upload is not
    // evidence of a step that no longer takes files, and goes with its record.
    const link = await deps.repository.findActionLink(hashToken(token));
    const file = link && (await deps.records.get(link.trajectoryId, fileId));
    if (file && file.status === 'pending' && file.taskId === link.taskId) await discardFile(deps, file);
    throw error;
  }
  const file = await taskOwnFile(deps, open.trajectory.id, open.task, fileId);
  if (file.status === 'pending' && (await deps.store.size(stagingKey(file))) === undefined) {
    // Nothing arrived (the bucket refused the upload, or it never left the browser). The page
    // never confirms the same form twice, so the announcement goes: nothing of it stays.
    await discardFile(deps, file);
    throw new ValidationError([{ path: 'file', message: t(open.trajectory.locale, 'files.attach.failed') }]);
  }
  return storeFile(deps, file, open.trajectory.locale);
}

export async function removeLinkFile(
  deps: FilesDeps,
  token: string,
  fileId: string,
  body: unknown,
  onLocale?: (locale: Locale) => void,
): Promise<EvidenceFile> {
  const open = await openLinkTask(deps, token, onLocale);
  const parsed = parseBody(removeFileBody, body, open.trajectory.locale);
  if (!parsed.ok) throw new ValidationError(parsed.fieldErrors);
  const file = await taskOwnFile(deps, open.trajectory.id, open.task, fileId);
  return withdrawFile(deps, file, open.task.assignee, parsed.value.reason);
}

/**
 * 200 with what `run` returns, or the file's own conflicts (stored already, no longer stored) as
 * a 409 in the catalogue's words: in the trajectory's language once `run` has read the link,
 * which it reports through `remember`.
 */
async function withFileConflicts(
  setLocale: (locale: Locale) => void,
  run: (remember: (locale: Locale) => void) => Promise<unknown>,
): Promise<ActionResponse> {
  let locale: Locale = 'nl';
  const remember = (chosen: Locale) => {
    locale = chosen;
    setLocale(chosen);
  };
  try {
    return { type: 'json', statusCode: 200, body: await run(remember) };
  } catch (error) {
    if (
      error instanceof StateConflictError &&
      (error.code === 'already_stored' || error.code === 'not_stored')
    ) {
      const message = t(locale, `error.${error.code}`);
      return { type: 'json', statusCode: 409, body: { error: { code: error.code, message } } };
    }
    throw error;
  }
}

export const ANNOUNCE_ROUTE = 'POST /actions/{token}/files';
export const CONFIRM_ROUTE = 'POST /actions/{token}/files/{fileId}/confirm';
export const REMOVE_ROUTE = 'POST /actions/{token}/files/{fileId}/remove';

export function actionFilesHandler(deps: FilesDeps) {
  const fileIdOf = (event: ApiEvent) => event.pathParameters?.fileId ?? '';
  const routes: Record<string, (event: ApiEvent, context: Context) => Promise<ApiResult>> = {
    [ANNOUNCE_ROUTE]: actionApi({ body: true }, async ({ token, body, setLocale }) => ({
      type: 'json',
      statusCode: 201,
      body: await announceLinkFile(deps, token, body, setLocale),
    })),
    [CONFIRM_ROUTE]: actionApi({}, ({ event, token, setLocale }) =>
      withFileConflicts(setLocale, (remember) => confirmLinkFile(deps, token, fileIdOf(event), remember)),
    ),
    [REMOVE_ROUTE]: actionApi({ body: true }, ({ event, token, body, setLocale }) =>
      withFileConflicts(setLocale, (remember) =>
        removeLinkFile(deps, token, fileIdOf(event), body, remember),
      ),
    ),
  };
  return (event: ApiEvent, context: Context): Promise<ApiResult> =>
    (routes[event.routeKey] ?? routes[ANNOUNCE_ROUTE]!)(event, context);
}

export const handler = actionFilesHandler(evidenceFilesFromEnv());
