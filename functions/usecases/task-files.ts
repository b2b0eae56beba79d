/**
 * A task's own documents, as the person it waits for attaches them from the task's page: through
 * the mailed link (functions/usecases/link-files.ts) or signed in on the dashboard
 * (functions/usecases/signed-in-files.ts). Each finds the open task its own way; from there the
 * steps are these, the same for both: the file's step is always that task, and a file is the
 * page's to handle only when its assignee added it.
 */
import { linkFileBody, removeFileBody, stagingKey, type EvidenceFile } from '#core/files.ts';
import type { Locale } from '#core/model.ts';
import { parseBody } from '#core/schemas.ts';
import { ValidationError } from '#shared/errors.ts';
import { translator } from '#shared/i18n/catalogue.ts';
import { filesMessages } from '#shared/i18n/files.ts';
import {
  announceFile,
  discardFile,
  fileFieldErrors,
  storeFile,
  taskOwnFile,
  withdrawFile,
  type FilesDeps,
} from './evidence-files.ts';
import type { TrajectoryTask } from './task-access.ts';

const t = /* @__PURE__ */ translator(filesMessages);

/** A pending file of the task and the form that uploads it; field errors in `locale`. */
export async function announceTaskFile(
  deps: FilesDeps,
  { trajectory, task }: TrajectoryTask,
  body: unknown,
  locale: Locale,
) {
  const parsed = parseBody(linkFileBody(deps.maxBytes), body, locale);
  if (!parsed.ok) throw new ValidationError(fileFieldErrors(parsed.fieldErrors, locale, deps.maxBytes));
  return announceFile(deps, trajectory.id, { ...parsed.value, taskId: task.id }, task.assignee);
}

/** Checks what arrived and stores it as the next exhibit (functions/usecases/evidence-files.ts). */
export async function confirmTaskFile(
  deps: FilesDeps,
  { trajectory, task }: TrajectoryTask,
  fileId: string,
  locale: Locale,
): Promise<EvidenceFile> {
  const file = await taskOwnFile(deps, trajectory.id, task, fileId);
  if (file.status === 'pending' && (await deps.store.size(stagingKey(file))) === undefined) {
    // Nothing arrived (the bucket refused the upload, or it never left the browser). The page
    // never confirms the same form twice, so the announcement goes: nothing of it stays.
    await discardFile(deps, file);
    throw new ValidationError([{ path: 'file', message: t(locale, 'files.attach.failed') }]);
  }
  return storeFile(deps, file, task.assignee, locale);
}

/** One's own file is no longer an exhibit; the file itself is kept. */
export async function removeTaskFile(
  deps: FilesDeps,
  { trajectory, task }: TrajectoryTask,
  fileId: string,
  body: unknown,
  locale: Locale,
): Promise<EvidenceFile> {
  const parsed = parseBody(removeFileBody, body, locale);
  if (!parsed.ok) throw new ValidationError(parsed.fieldErrors);
  const file = await taskOwnFile(deps, trajectory.id, task, fileId);
  return withdrawFile(deps, file, task.assignee, parsed.value.reason);
}

/**
 * A confirm that came after the task was answered or closed: the upload is not evidence of a
 * step that no longer takes files, and goes with its record (a pending file of that task only).
 */
export async function discardLateUpload(
  deps: FilesDeps,
  trajectoryId: string,
  taskId: string,
  fileId: string,
): Promise<void> {
  const file = await deps.records.get(trajectoryId, fileId);
  if (file && file.status === 'pending' && file.taskId === taskId) await discardFile(deps, file);
}
