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
 * itself still posts to `POST /actions/{token}`. The use cases are functions/usecases/link-files.ts.
 */
import type { Context } from 'aws-lambda';
import type { Locale } from '#core/model.ts';
import { evidenceFilesFromEnv } from '#adapters/files-from-env.ts';
import { StateConflictError } from '#shared/errors.ts';
import { translator } from '#shared/i18n/catalogue.ts';
import { filesMessages } from '#shared/i18n/files.ts';
import type { ApiEvent, ApiResult } from '#shared/http.ts';
import type { FilesDeps } from '#usecases/evidence-files.ts';
import { announceLinkFile, confirmLinkFile, removeLinkFile } from '#usecases/link-files.ts';
import { actionApi, type ActionResponse } from './action-http.ts';

const t = /* @__PURE__ */ translator(filesMessages);

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
