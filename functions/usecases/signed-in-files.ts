/**
 * Evidence files of a task as the signed-in person it waits for attaches them on its dashboard
 * page (`/dossiers/{id}/tasks/{taskId}/files`, functions/api/dashboard-files.ts): the same as
 * through the task's mailed link (functions/usecases/link-files.ts), with the session in place of
 * the link's secret. Who may is decided as for answering the task on that page
 * (functions/usecases/signed-in-task.ts): HR any trajectory, a manager only their own; only the
 * task's assignee; only a task that takes documents, while it is open and the trajectory runs
 * and is not paused. The file's step is always that task.
 */
import { takesDocuments, type EvidenceFile } from '#core/files.ts';
import type { Locale } from '#core/model.ts';
import type { Principal } from '#shared/auth.ts';
import { ConflictError, ForbiddenError, GoneError, StateConflictError } from '#shared/errors.ts';
import type { FilesDeps } from './evidence-files.ts';
import { requireOpenTask, type TrajectoryTask } from './task-access.ts';
import { signedInTask, TASK_FORBIDDEN } from './signed-in-task.ts';
import { announceTaskFile, confirmTaskFile, discardLateUpload, removeTaskFile } from './task-files.ts';

export interface SignedInFileTask {
  principal: Principal;
  trajectoryId: string;
  taskId: string;
}

/**
 * The trajectory and the task, once `principal` may attach to it now. A task that takes no
 * documents is refused as a task of another role is: there is nothing to attach to.
 */
export async function openSignedInTask(
  deps: Pick<FilesDeps, 'repository'>,
  { principal, trajectoryId, taskId }: SignedInFileTask,
): Promise<TrajectoryTask> {
  const { state, task } = await signedInTask(deps.repository, principal, trajectoryId, taskId);
  if (!takesDocuments(task)) throw new ForbiddenError(TASK_FORBIDDEN);
  requireOpenTask(state.trajectory, task);
  return { trajectory: state.trajectory, task };
}

export async function announceSignedInFile(
  deps: FilesDeps,
  target: SignedInFileTask,
  body: unknown,
  locale: Locale,
) {
  return announceTaskFile(deps, await openSignedInTask(deps, target), body, locale);
}

export async function confirmSignedInFile(
  deps: FilesDeps,
  target: SignedInFileTask,
  fileId: string,
  locale: Locale,
): Promise<EvidenceFile> {
  let open: TrajectoryTask;
  try {
    open = await openSignedInTask(deps, target);
  } catch (error) {
    // Only a refusal of the moment (answered, closed, paused) discards the upload; one of who is
    // asking leaves the file alone.
    if (error instanceof GoneError || error instanceof ConflictError || error instanceof StateConflictError) {
      await discardLateUpload(deps, target.trajectoryId, target.taskId, fileId);
    }
    throw error;
  }
  return confirmTaskFile(deps, open, fileId, locale);
}

export async function removeSignedInFile(
  deps: FilesDeps,
  target: SignedInFileTask,
  fileId: string,
  body: unknown,
  locale: Locale,
): Promise<EvidenceFile> {
  return removeTaskFile(deps, await openSignedInTask(deps, target), fileId, body, locale);
}
