/**
 * POST /trajectories/{id}/tasks/{taskId}/extend (HR): gives an open task `days` more calendar days.
 *
 * The new due time is stored first; then the Ask state waiting on the task is woken with
 * SendTaskFailure `DueTimeMoved`, which it catches like a timeout: Chase recomputes the
 * checkpoints from the stored due time and the workflow waits again, with the same link. Without
 * the wake-up the workflow would sleep until the old checkpoint, and after a last escalation
 * there is none: the new deadline would never get its reminder.
 *
 * The task's own cause of attention (late beyond its grace) is cleared with it; other causes stay.
 *
 * Last, the assignee is told the new deadline (`deadline-moved`, in the trajectory's language).
 * The mail goes through the mail ledger under a key that carries the new due time, the same
 * at-most-once sending the workflow and the cancel endpoint use: one mail per extension, however
 * often the send is attempted. A failed send does not fail the request; the extension stands.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { deadlineMovedMail, dueDateExtendedEvent, extended } from '#core/actions.ts';
import type { Task, Trajectory } from '#core/model.ts';
import type { MailLedger } from '#core/outbox.ts';
import type { Clock, Mailer, TrajectoryRepository, WorkflowClient } from '#core/ports.ts';
import { clearAttention, isClosed, lateTask } from '#core/trajectory.ts';
import { ConflictError, NotFoundError } from '#shared/errors.ts';
import { logger, metrics } from '#shared/observability.ts';
import { sendOnce } from './send-once.ts';
import { retryOnConflict } from './store.ts';

export interface ExtendTaskDeps {
  repository: TrajectoryRepository;
  workflow: WorkflowClient;
  mailer: Mailer;
  /** Claims the `deadline-moved` mail's key before it is sent (functions/core/outbox.ts). */
  ledger: MailLedger;
  clock: Clock;
  /** The invite's organiser (`MAIL_FROM`); without it the notice carries no updated invite. */
  calendar?: { organizer: string };
}

export interface ExtendTaskRequest {
  trajectoryId: string;
  taskId: string;
  days: number;
}

export async function extendTask(
  deps: ExtendTaskDeps,
  { trajectoryId, taskId, days }: ExtendTaskRequest,
): Promise<Task> {
  const { repository } = deps;
  const trajectory = await repository.getTrajectory(trajectoryId);
  if (!trajectory) throw new NotFoundError('trajectory');
  const now = deps.clock.now();
  // The workflow's own steps write the task too (a new token, a chase stage): re-read and retry.
  const { task, stored } = await retryOnConflict(async () => {
    const task = await repository.getTask(trajectoryId, taskId);
    if (!task) throw new NotFoundError('task');
    if (task.status !== 'open' || isClosed(trajectory.status)) {
      throw new ConflictError('task not open');
    }
    return { task, stored: await repository.updateTask(extended(task, days, now)) };
  });
  await repository.appendEvent(dueDateExtendedEvent(task, stored, days, now));
  await settleLateness(repository, trajectoryId, taskId);
  if (stored.taskToken) await wake(deps.workflow, stored);
  await tellAssignee(deps, trajectory, stored);
  return stored;
}

/**
 * The task is not late any more: its own cause of attention goes, any other (another late task,
 * a failed step) stays. Chasing flags it again if the new deadline passes beyond its grace too.
 */
async function settleLateness(repository: TrajectoryRepository, trajectoryId: string, taskId: string) {
  await retryOnConflict(async () => {
    const trajectory = await repository.getTrajectory(trajectoryId);
    if (!trajectory) return;
    const settled = clearAttention(trajectory, lateTask(taskId));
    if (settled !== trajectory) await repository.updateTrajectory(settled);
  });
}

async function wake(workflow: WorkflowClient, task: Task): Promise<void> {
  try {
    // `false`: no token is live right now; Chase reads the new due time when it runs anyway.
    await workflow.wake(task.taskToken as string);
  } catch (error) {
    // The new due time is stored and a retry would extend it a second time. The workflow picks
    // it up at its next checkpoint; the metric shows how often it had to wait for one.
    logger.warn('Extended the task but could not wake the workflow', { taskId: task.id, error });
    metrics.addMetric('DueTimeMovedWakeFailed', MetricUnit.Count, 1);
  }
}

async function tellAssignee(deps: ExtendTaskDeps, trajectory: Trajectory, task: Task): Promise<void> {
  try {
    const calendar = deps.calendar && { ...deps.calendar, stamp: deps.clock.now() };
    await sendOnce(deps, trajectory, deadlineMovedMail(trajectory, task, calendar));
  } catch (error) {
    // The extension stands and the claim is given back; a retry of the request would extend
    // a second time, so the metric is what shows a notice that did not go out.
    logger.error('Extended the task but could not tell the assignee', {
      taskId: task.id,
      recipient: task.assignee,
      error,
    });
    metrics.addMetric('DeadlineMovedMailFailed', MetricUnit.Count, 1);
  }
}
