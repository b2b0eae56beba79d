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
 * Who may see the dossier may handle its files; a manager meets the same 403 for another
 * manager's trajectory as for an unknown id (functions/shared/auth.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  attachableTo,
  DOWNLOAD_SECONDS,
  fileAttachedEvent,
  fileRemovedEvent,
  fitsType,
  newFileBody,
  nextExhibit,
  removeFileBody,
  SNIFF_BYTES,
  stagingKey,
  storedKey,
  UPLOAD_SECONDS,
  type EvidenceFile,
  type NewFile,
} from '#core/files.ts';
import type { Locale, Role } from '#core/model.ts';
import type { Clock, FileRecords, FileStore, TrajectoryRepository } from '#core/ports.ts';
import { clock } from '#adapters/clock.ts';
import { createFileRecordsFromEnv } from '#adapters/dynamo-files.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { createFileStoreFromEnv } from '#adapters/s3-files.ts';
import { assertVisible, type Principal } from '#shared/auth.ts';
import { config } from '#shared/env.ts';
import { NotFoundError, StateConflictError, ValidationError } from '#shared/errors.ts';
import { translator } from '#shared/i18n.ts';
import { filesMessages } from '#shared/i18n/files.ts';
import { created, jsonApi, ok, type ApiEvent, type ApiResult } from '#shared/http.ts';
import { metrics } from '#shared/observability.ts';

const t = /* @__PURE__ */ translator(filesMessages);

export interface FilesDeps {
  repository: TrajectoryRepository;
  records: FileRecords;
  store: FileStore;
  clock: Clock;
  maxBytes: number;
}

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
  if (!attachableTo(work.tasks, body.taskId)) {
    throw new ValidationError([{ path: 'taskId', message: t(locale, 'files.error.step') }]);
  }
  const file: EvidenceFile = {
    id: randomUUID(),
    trajectoryId: id,
    ...body,
    addedBy: roleOf(principal),
    status: 'pending',
    createdAt: deps.clock.now().toISOString(),
  };
  await deps.records.create(file);
  const upload = await deps.store.uploadForm(stagingKey(file), file.contentType, file.size, UPLOAD_SECONDS);
  return { file, upload };
}

/** Refuses what arrived: it goes, with its record, and the answer says why. */
async function reject(deps: FilesDeps, file: EvidenceFile, message: string): Promise<never> {
  await deps.store.delete(stagingKey(file));
  await deps.records.deletePending(file.trajectoryId, file.id);
  metrics.addMetric('FileRejected', MetricUnit.Count, 1);
  throw new ValidationError([{ path: 'file', message }]);
}

export async function confirmFile(
  deps: FilesDeps,
  principal: Principal,
  id: string,
  fileId: string,
  locale: Locale,
) {
  const file = await visibleFile(deps, principal, id, fileId);
  if (file.status !== 'pending') {
    // A form used again after its file was stored: what it put is not the file, and goes.
    await deps.store.delete(stagingKey(file));
    throw new StateConflictError('already_stored');
  }
  const staged = stagingKey(file);
  const size = await deps.store.size(staged);
  if (size === undefined)
    throw new ValidationError([{ path: 'file', message: t(locale, 'files.error.missing') }]);
  if (size > deps.maxBytes || size > file.size) {
    return reject(
      deps,
      file,
      t(locale, 'files.error.tooLarge', { mb: Math.floor(deps.maxBytes / 1024 / 1024) }),
    );
  }
  if (!fitsType(file.contentType, await deps.store.head(staged, SNIFF_BYTES))) {
    return reject(deps, file, t(locale, 'files.error.type'));
  }
  const content = await deps.store.read(staged);
  const sha256 = createHash('sha256').update(content).digest('hex');
  await deps.store.copy(staged, storedKey(file), file.contentType);

  const files = await deps.records.list(id);
  const storedAt = deps.clock.now().toISOString();
  const stored: EvidenceFile = {
    ...file,
    status: 'stored',
    size,
    sha256,
    storedAt,
    exhibit: nextExhibit(files),
  };
  if (!(await deps.records.replace(stored, 'pending'))) throw new StateConflictError('already_stored');
  await deps.store.delete(staged);
  await deps.repository.appendEvent(fileAttachedEvent(stored));
  metrics.addMetric('FileStored', MetricUnit.Count, 1);
  return stored;
}

export async function removeFile(
  deps: FilesDeps,
  principal: Principal,
  id: string,
  fileId: string,
  reason: string,
) {
  const file = await visibleFile(deps, principal, id, fileId);
  if (file.status !== 'stored') throw new StateConflictError('not_stored');
  const removed: EvidenceFile = { ...file, status: 'removed', removedAt: deps.clock.now().toISOString() };
  if (!(await deps.records.replace(removed, 'stored'))) throw new StateConflictError('not_stored');
  await deps.repository.appendEvent(fileRemovedEvent(removed, roleOf(principal), reason));
  return removed;
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

export const handler = filesHandler({
  repository: createRepositoryFromEnv(),
  records: createFileRecordsFromEnv(),
  store: createFileStoreFromEnv(),
  clock,
  // Read on first use, as every adapter's configuration: the module loads without any.
  get maxBytes() {
    return config.filesMaxBytes;
  },
});
