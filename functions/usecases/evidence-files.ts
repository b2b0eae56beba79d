/**
 * Evidence files, whoever attaches them: HR and the trajectory's manager through the API
 * (functions/api/files.ts, after the dossier's authorisation), and the person a task waits for
 * through its mailed link (functions/usecases/link-files.ts, for that task only, while it is open).
 * Both run these functions, so a file is announced, checked, numbered and removed the same way
 * (functions/core/files.ts has the rules).
 */
import { createHash, randomUUID } from 'node:crypto';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  fileAttachedEvent,
  fileRemovedEvent,
  fitsType,
  highestExhibit,
  mayAttachTo,
  mayHandleFile,
  SNIFF_BYTES,
  stagingKey,
  storedKey,
  UPLOAD_SECONDS,
  type EvidenceFile,
  type NewFile,
} from '#core/files.ts';
import type { Locale, Role, Task, WorkState } from '#core/model.ts';
import type { Clock, FileRecords, FileStore, TrajectoryRepository } from '#core/ports.ts';
import {
  httpErrorClass,
  NotFoundError,
  StateConflictError,
  ValidationError,
  type FieldError,
} from '#shared/errors.ts';
import { translator } from '#shared/i18n/catalogue.ts';
import { filesMessages } from '#shared/i18n/files.ts';
import { metrics } from '#shared/observability.ts';

const t = /* @__PURE__ */ translator(filesMessages);

/** Someone who may see the file, but did not add it, asked to remove it (functions/core/files.ts). */
export class NotOwnFileError extends httpErrorClass('NotOwnFileError', 403, 'not_own_file') {}
/** Someone who may see the file, but did not announce it, asked to confirm its upload. */
export class NotOwnUploadError extends httpErrorClass('NotOwnUploadError', 403, 'not_own_upload') {}
/** Someone who may see the dossier asked to attach a file to a step that is not theirs to document. */
export class NotOwnStepError extends httpErrorClass('NotOwnStepError', 403, 'not_own_step') {}

export interface FilesDeps {
  repository: TrajectoryRepository;
  records: FileRecords;
  store: FileStore;
  clock: Clock;
  maxBytes: number;
}

/**
 * A pending file of the dossier's step `body.taskId`, announced through the dossier's files API by
 * `by`: 400 on `taskId` for a step the trajectory does not have, 403 `not_own_step` for one that is
 * not `by`'s to document (functions/core/files.ts, `mayAttachTo`). Either refusal comes before
 * anything is written or signed.
 */
export async function announceStepFile(
  deps: FilesDeps,
  work: WorkState,
  body: NewFile,
  by: Role,
  locale: Locale,
) {
  const task = work.tasks.find((candidate) => candidate.id === body.taskId);
  if (!task) throw new ValidationError([{ path: 'taskId', message: t(locale, 'files.error.step') }]);
  if (!mayAttachTo(task, by)) throw new NotOwnStepError('not_own_step');
  return announceFile(deps, work.trajectory.id, body, by);
}

/** Records a pending file and signs the form that uploads exactly it (type, largest size, key). */
export async function announceFile(deps: FilesDeps, trajectoryId: string, body: NewFile, addedBy: Role) {
  const file: EvidenceFile = {
    id: randomUUID(),
    trajectoryId,
    ...body,
    addedBy,
    status: 'pending',
    createdAt: deps.clock.now().toISOString(),
  };
  await deps.records.create(file);
  const upload = await deps.store.uploadForm(stagingKey(file), file.contentType, file.size, UPLOAD_SECONDS);
  return { file, upload };
}

/** Refuses what arrived: it goes, with its record, and the answer says why. */
export async function rejectFile(deps: FilesDeps, file: EvidenceFile, message: string): Promise<never> {
  await discardFile(deps, file);
  metrics.addMetric('FileRejected', MetricUnit.Count, 1);
  throw new ValidationError([{ path: 'file', message }]);
}

/** A pending file and whatever was uploaded for it, gone. */
export async function discardFile(deps: FilesDeps, file: EvidenceFile): Promise<void> {
  await deps.store.delete(stagingKey(file));
  await deps.records.deletePending(file.trajectoryId, file.id);
}

/**
 * Checks what arrived for a pending file (size, first bytes) and stores it as the dossier's next
 * exhibit, with its checksum and a `file-attached` event; or deletes it and its record and
 * answers 400 on `file`. Only HR, or the role that announced it, may (403 `not_own_upload`,
 * checked before anything else, so a refusal leaves the file and its upload as they were).
 */
export async function storeFile(
  deps: FilesDeps,
  file: EvidenceFile,
  by: Role,
  locale: Locale,
): Promise<EvidenceFile> {
  if (!mayHandleFile(file, by)) throw new NotOwnUploadError('not_own_upload');
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
    return rejectFile(
      deps,
      file,
      t(locale, 'files.error.tooLarge', { mb: Math.floor(deps.maxBytes / 1024 / 1024) }),
    );
  }
  if (!fitsType(file.contentType, await deps.store.head(staged, SNIFF_BYTES))) {
    return rejectFile(deps, file, t(locale, 'files.error.type'));
  }
  const content = await deps.store.read(staged);
  const sha256 = createHash('sha256').update(content).digest('hex');
  await deps.store.copy(staged, storedKey(file), file.contentType);

  // Drawn, not counted: two confirms at the same moment would both count the same files. A number
  // drawn by a confirm that then loses to another confirm of this same file is not given again:
  // numbers may skip, never repeat (and never shift, as a removed file keeps its own).
  const exhibit = await deps.records.drawExhibit(
    file.trajectoryId,
    highestExhibit(await deps.records.list(file.trajectoryId)),
  );
  const storedAt = deps.clock.now().toISOString();
  const stored: EvidenceFile = { ...file, status: 'stored', size, sha256, storedAt, exhibit };
  if (!(await deps.records.replace(stored, 'pending'))) throw new StateConflictError('already_stored');
  await deps.store.delete(staged);
  await deps.repository.appendEvent(fileAttachedEvent(stored));
  metrics.addMetric('FileStored', MetricUnit.Count, 1);
  return stored;
}

/**
 * No longer an exhibit: a `file-removed` event with the reason; the object stays. Only HR, or the
 * role that added it, may (403 `not_own_file`, checked before anything else, so a refusal changes
 * nothing and says nothing of the file's state).
 */
export async function withdrawFile(
  deps: FilesDeps,
  file: EvidenceFile,
  by: Role,
  reason: string,
): Promise<EvidenceFile> {
  if (!mayHandleFile(file, by)) throw new NotOwnFileError('not_own_file');
  if (file.status !== 'stored') throw new StateConflictError('not_stored');
  const removed: EvidenceFile = { ...file, status: 'removed', removedAt: deps.clock.now().toISOString() };
  if (!(await deps.records.replace(removed, 'stored'))) throw new StateConflictError('not_stored');
  await deps.repository.appendEvent(fileRemovedEvent(removed, by, reason));
  return removed;
}

/**
 * Field errors of a task page's announcement in the page's words: a type or size the dossier does
 * not take is said on `file`, the one field the page shows for it.
 */
export function fileFieldErrors(
  errors: readonly FieldError[],
  locale: Locale,
  maxBytes: number,
): FieldError[] {
  const mb = Math.floor(maxBytes / 1024 / 1024);
  return errors.map((error) => {
    if (error.path === 'contentType') return { path: 'file', message: t(locale, 'files.error.type') };
    if (error.path === 'size') return { path: 'file', message: t(locale, 'files.error.tooLarge', { mb }) };
    return error;
  });
}

/**
 * A task's own file, as its page may handle it: of that task and added by its assignee. Anything
 * else is as unknown (404), whether or not it exists.
 */
export async function taskOwnFile(
  deps: Pick<FilesDeps, 'records'>,
  trajectoryId: string,
  task: Pick<Task, 'id' | 'assignee'>,
  fileId: string,
): Promise<EvidenceFile> {
  const file = await deps.records.get(trajectoryId, fileId);
  if (!file || file.taskId !== task.id || file.addedBy !== task.assignee) throw new NotFoundError('file');
  return file;
}
