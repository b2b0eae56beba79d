/**
 * Evidence files through a task's mailed action link (`/actions/{token}/files`,
 * functions/api/action-files.ts): the link's token is the credential, and it reaches only its own
 * task of its own trajectory, while that task is open and the trajectory not paused. Every
 * refusal and field error is in the trajectory's language, which `onLocale` hears first.
 */
import { takesDocuments, type EvidenceFile } from '#core/files.ts';
import type { Locale } from '#core/model.ts';
import { hashToken } from '#shared/action-links.ts';
import { httpErrorClass, NotFoundError } from '#shared/errors.ts';
import type { FilesDeps } from './evidence-files.ts';
import { readTask, requireOpenTask, type TrajectoryTask } from './task-access.ts';
import { announceTaskFile, confirmTaskFile, discardLateUpload, removeTaskFile } from './task-files.ts';

/**
 * A document sent through the link of a task that takes none. Its page offers no attaching
 * (functions/core/files.ts, `takesDocuments`), and the link may not either: it would be the way
 * round the files API, which refuses a manager such a step (the aftercare) too.
 */
export class NoDocumentsError extends httpErrorClass('NoDocumentsError', 403, 'no_documents') {}

/** The link's trajectory and task, once the task takes files: the same refusals as answering it. */
export async function openLinkTask(
  deps: Pick<FilesDeps, 'repository'>,
  token: string,
  onLocale?: (locale: Locale) => void,
): Promise<TrajectoryTask> {
  const link = await deps.repository.findActionLink(hashToken(token));
  if (!link) throw new NotFoundError('unknown link');
  // A link whose dossier is gone (expired after retention) is as unknown as one never minted.
  const open = await readTask(deps.repository, link.trajectoryId, link.taskId, onLocale);
  requireOpenTask(open.trajectory, open.task);
  return open;
}

export async function announceLinkFile(
  deps: FilesDeps,
  token: string,
  body: unknown,
  onLocale?: (locale: Locale) => void,
) {
  const open = await openLinkTask(deps, token, onLocale);
  // Only a new file is refused: one of the task from before stays the person's to confirm or remove.
  if (!takesDocuments(open.task)) throw new NoDocumentsError('no_documents');
  return announceTaskFile(deps, open, body, open.trajectory.locale);
}

export async function confirmLinkFile(
  deps: FilesDeps,
  token: string,
  fileId: string,
  onLocale?: (locale: Locale) => void,
): Promise<EvidenceFile> {
  let open: TrajectoryTask;
  try {
    open = await openLinkTask(deps, token, onLocale);
  } catch (error) {
    const link = await deps.repository.findActionLink(hashToken(token));
    if (link) await discardLateUpload(deps, link.trajectoryId, link.taskId, fileId);
    throw error;
  }
  return confirmTaskFile(deps, open, fileId, open.trajectory.locale);
}

export async function removeLinkFile(
  deps: FilesDeps,
  token: string,
  fileId: string,
  body: unknown,
  onLocale?: (locale: Locale) => void,
): Promise<EvidenceFile> {
  const open = await openLinkTask(deps, token, onLocale);
  return removeTaskFile(deps, open, fileId, body, open.trajectory.locale);
}
