/**
 * Evidence files of a task as the signed-in person it waits for attaches them on its dashboard
 * page (`/dossiers/{id}/tasks/{taskId}/files`, functions/api/dashboard-files.ts): the same as
 * through the task's mailed link (functions/api/action-files.ts), with the session in place of
 * the link's secret. Who may is decided as for answering the task on that page
 * (functions/usecases/signed-in-task.ts): HR any trajectory, a manager only their own; only the
 * task's assignee; only a task that takes documents, while it is open and the trajectory runs
 * and is not paused. The file's step is always that task.
 */
import { answerRefusal } from '#core/actions.ts';
import { ATTACHING_KINDS, linkFileBody, removeFileBody, stagingKey, type EvidenceFile } from '#core/files.ts';
import type { Locale, Task, Trajectory } from '#core/model.ts';
import { parseBody } from '#core/schemas.ts';
import type { Principal } from '#shared/auth.ts';
import {
  ConflictError,
  ForbiddenError,
  GoneError,
  StateConflictError,
  ValidationError,
} from '#shared/errors.ts';
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
import { signedInTask, TASK_FORBIDDEN } from './signed-in-task.ts';

const t = /* @__PURE__ */ translator(filesMessages);

export interface SignedInFileTask {
  principal: Principal;
  trajectoryId: string;
  taskId: string;
}

interface OpenTask {
  trajectory: Trajectory;
  task: Task;
}

/**
 * The trajectory and the task, once `principal` may attach to it now. A task that takes no
 * documents is refused as a task of another role is: there is nothing to attach to.
 */
export async function openSignedInTask(
  deps: Pick<FilesDeps, 'repository'>,
  { principal, trajectoryId, taskId }: SignedInFileTask,
): Promise<OpenTask> {
  const { state, task } = await signedInTask(deps.repository, principal, trajectoryId, taskId);
  if (!ATTACHING_KINDS.includes(task.kind)) throw new ForbiddenError(TASK_FORBIDDEN);
  const refusal = answerRefusal(state.trajectory, task);
  if (refusal === 'gone') throw new GoneError('trajectory or task closed');
  if (refusal === 'done') throw new ConflictError('task already done');
  if (state.trajectory.pausedAt !== undefined) throw new StateConflictError('paused');
  return { trajectory: state.trajectory, task };
}

export async function announceSignedInFile(
  deps: FilesDeps,
  target: SignedInFileTask,
  body: unknown,
  locale: Locale,
) {
  const { trajectory, task } = await openSignedInTask(deps, target);
  const parsed = parseBody(linkFileBody(deps.maxBytes), body, locale);
  if (!parsed.ok) throw new ValidationError(fileFieldErrors(parsed.fieldErrors, locale, deps.maxBytes));
  return announceFile(deps, trajectory.id, { ...parsed.value, taskId: task.id }, task.assignee);
}

export async function confirmSignedInFile(
  deps: FilesDeps,
  target: SignedInFileTask,
  fileId: string,
  locale: Locale,
): Promise<EvidenceFile> {
  let open: OpenTask;
  try {
    open = await openSignedInTask(deps, target);
  } catch (error) {
    // The task was answered or closed between the upload and its confirm: the upload is not
    // evidence of a step that no longer takes files, and goes with its record. Only a refusal
    // of the moment does this; one of who is asking leaves the file alone.
    if (error instanceof GoneError || error instanceof ConflictError || error instanceof StateConflictError) {
      const file = await deps.records.get(target.trajectoryId, fileId);
      if (file && file.status === 'pending' && file.taskId === target.taskId) await discardFile(deps, file);
    }
    throw error;
  }
  const file = await taskOwnFile(deps, open.trajectory.id, open.task, fileId);
  if (file.status === 'pending' && (await deps.store.size(stagingKey(file))) === undefined) {
    // Nothing arrived: the page never confirms the same form twice, so the announcement goes.
    await discardFile(deps, file);
    throw new ValidationError([{ path: 'file', message: t(locale, 'files.attach.failed') }]);
  }
  return storeFile(deps, file, locale);
}

export async function removeSignedInFile(
  deps: FilesDeps,
  target: SignedInFileTask,
  fileId: string,
  body: unknown,
  locale: Locale,
): Promise<EvidenceFile> {
  const open = await openSignedInTask(deps, target);
  const parsed = parseBody(removeFileBody, body, locale);
  if (!parsed.ok) throw new ValidationError(parsed.fieldErrors);
  const file = await taskOwnFile(deps, open.trajectory.id, open.task, fileId);
  return withdrawFile(deps, file, open.task.assignee, parsed.value.reason);
}
