/**
 * Evidence files of a dossier (functions/core/files.ts), contract extensions for HR and the
 * trajectory's own manager:
 * - GET  /trajectories/{id}/files: every file, pending ones included;
 * - POST /trajectories/{id}/files `{title, date, taskId, filename, contentType, size}`: a pending
 *   file and the form that uploads it (201 `{file, upload: {url, fields}}`);
 * - POST /trajectories/{id}/files/{fileId}/confirm: checks what arrived and stores it as the next
 *   exhibit (200 the file), or deletes it and its record (400 with a field error on `file`);
 * - GET  /trajectories/{id}/files/{fileId}: the file and a download link good for a minute;
 * - POST /trajectories/{id}/files/{fileId}/remove `{reason}`: no longer an exhibit; the object
 *   stays until the dossier is purged.
 * Who may see the dossier may list and read its files; a manager meets the same 403 for another
 * manager's trajectory as for an unknown id (functions/shared/auth.ts). HR may handle every file;
 * a manager attaches only to the steps the manager answers that take documents, and confirms and
 * removes only the files the manager added (functions/core/files.ts, `mayAttachTo` and
 * `mayHandleFile`).
 */
import type { Context } from 'aws-lambda';
import { DOWNLOAD_SECONDS, newFileBody, removeFileBody, storedKey, type NewFile } from '#core/files.ts';
import type { Locale, Role } from '#core/model.ts';
import { evidenceFilesFromEnv } from '#adapters/files-from-env.ts';
import { assertVisible, type Principal } from '#shared/auth.ts';
import { NotFoundError } from '#shared/errors.ts';
import { created, jsonApi, ok, type ApiEvent, type ApiResult } from '#shared/http.ts';
import { announceStepFile, storeFile, withdrawFile, type FilesDeps } from '#usecases/evidence-files.ts';

export type { FilesDeps } from '#usecases/evidence-files.ts';

const roleOf = (principal: Principal): Role => (principal.role === 'hr' ? 'hr' : 'manager');

async function visibleWork(deps: FilesDeps, principal: Principal, id: string) {
  const work = await deps.repository.getWorkState(id);
  assertVisible(principal, work);
  return work;
}

async function visibleFile(deps: FilesDeps, principal: Principal, id: string, fileId: string) {
  await visibleWork(deps, principal, id);
  const file = await deps.records.get(id, fileId);
  if (!file) throw new NotFoundError('file');
  return file;
}

export async function addFile(
  deps: FilesDeps,
  principal: Principal,
  id: string,
  body: NewFile,
  locale: Locale,
) {
  const work = await visibleWork(deps, principal, id);
  return announceStepFile(deps, work, body, roleOf(principal), locale);
}

export async function confirmFile(
  deps: FilesDeps,
  principal: Principal,
  id: string,
  fileId: string,
  locale: Locale,
) {
  return storeFile(deps, await visibleFile(deps, principal, id, fileId), roleOf(principal), locale);
}

export async function removeFile(
  deps: FilesDeps,
  principal: Principal,
  id: string,
  fileId: string,
  reason: string,
) {
  const file = await visibleFile(deps, principal, id, fileId);
  return withdrawFile(deps, file, roleOf(principal), reason);
}

export async function fileWithLink(deps: FilesDeps, principal: Principal, id: string, fileId: string) {
  const file = await visibleFile(deps, principal, id, fileId);
  if (file.status === 'pending') return { file };
  const downloadUrl = await deps.store.downloadUrl(
    storedKey(file),
    file.filename,
    file.contentType,
    DOWNLOAD_SECONDS,
  );
  return { file, downloadUrl };
}

export const LIST_ROUTE = 'GET /trajectories/{id}/files';
export const ADD_ROUTE = 'POST /trajectories/{id}/files';
export const CONFIRM_ROUTE = 'POST /trajectories/{id}/files/{fileId}/confirm';
export const GET_ROUTE = 'GET /trajectories/{id}/files/{fileId}';
export const REMOVE_ROUTE = 'POST /trajectories/{id}/files/{fileId}/remove';

export function filesHandler(deps: FilesDeps) {
  const roles = ['hr', 'manager'] as const;
  const routes: Record<string, (event: ApiEvent, context: Context) => Promise<ApiResult>> = {
    [LIST_ROUTE]: jsonApi({ roles }, async ({ principal, param }) => {
      await visibleWork(deps, principal, param('id'));
      return ok({ files: await deps.records.list(param('id')) });
    }),
    [ADD_ROUTE]: jsonApi(
      { roles, body: newFileBody(deps.maxBytes) },
      async ({ principal, param, body, locale }) =>
        created(await addFile(deps, principal, param('id'), body, locale)),
    ),
    [CONFIRM_ROUTE]: jsonApi({ roles }, async ({ principal, param, locale }) =>
      ok(await confirmFile(deps, principal, param('id'), param('fileId'), locale)),
    ),
    [GET_ROUTE]: jsonApi({ roles }, async ({ principal, param }) =>
      ok(await fileWithLink(deps, principal, param('id'), param('fileId'))),
    ),
    [REMOVE_ROUTE]: jsonApi({ roles, body: removeFileBody }, async ({ principal, param, body }) =>
      ok(await removeFile(deps, principal, param('id'), param('fileId'), body.reason)),
    ),
  };
  return (event: ApiEvent, context: Context): Promise<ApiResult> =>
    (routes[event.routeKey] ?? routes[LIST_ROUTE]!)(event, context);
}

export const handler = filesHandler(evidenceFilesFromEnv());
