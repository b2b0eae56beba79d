/**
 * Evidence files on the signed-in dashboard's task page (contract extensions, README.md): the
 * same three calls as the mailed link's (functions/api/action-files.ts), behind the session
 * cookie and its CSRF token instead of the link's secret:
 * - POST /dossiers/{id}/tasks/{taskId}/files `{title, date, filename, contentType, size}`: a
 *   pending file of that task and the form that uploads it (201 `{file, upload: {url, fields}}`);
 * - POST /dossiers/{id}/tasks/{taskId}/files/{fileId}/confirm: checks what arrived and stores it
 *   as the next exhibit (200 the file), or deletes it and its record (400 on `file`);
 * - POST /dossiers/{id}/tasks/{taskId}/files/{fileId}/remove `{reason}`: one's own file is no
 *   longer an exhibit.
 * Who may is who may answer the task there (functions/usecases/signed-in-files.ts). JSON only: the
 * page's script calls these (functions/web/assets/app-js.ts).
 */
import { evidenceFilesFromEnv } from '#adapters/files-from-env.ts';
import { pathParam } from '#shared/http.ts';
import type { FilesDeps } from '#usecases/evidence-files.ts';
import { announceSignedInFile, confirmSignedInFile, removeSignedInFile } from '#usecases/signed-in-files.ts';
import { json, sessionJsonApi } from './page-http.ts';

export const ANNOUNCE_ROUTE = 'POST /dossiers/{id}/tasks/{taskId}/files';
export const CONFIRM_ROUTE = 'POST /dossiers/{id}/tasks/{taskId}/files/{fileId}/confirm';
export const REMOVE_ROUTE = 'POST /dossiers/{id}/tasks/{taskId}/files/{fileId}/remove';

export const dashboardFilesHandler = (deps: FilesDeps) =>
  sessionJsonApi(async ({ event, locale, principal, body }) => {
    const target = { principal, trajectoryId: pathParam(event, 'id'), taskId: pathParam(event, 'taskId') };
    switch (event.routeKey) {
      case CONFIRM_ROUTE:
        return json(await confirmSignedInFile(deps, target, pathParam(event, 'fileId'), locale));
      case REMOVE_ROUTE:
        return json(await removeSignedInFile(deps, target, pathParam(event, 'fileId'), body, locale));
      default:
        return json(await announceSignedInFile(deps, target, body, locale), 201);
    }
  });

export const handler = dashboardFilesHandler(evidenceFilesFromEnv());
