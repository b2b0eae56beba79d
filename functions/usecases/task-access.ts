/**
 * Whether a task takes anything now: an answer (functions/usecases/answer-task.ts), a draft of
 * its form (functions/usecases/drafts.ts) or a document (functions/usecases/signed-in-files.ts,
 * functions/usecases/link-files.ts). One set of refusals, so a task that refuses its answer
 * refuses the rest in the same words, through its mailed link and on the dashboard alike.
 */
import { answerRefusal } from '#core/actions.ts';
import type { Locale, Task, Trajectory } from '#core/model.ts';
import type { TrajectoryRepository } from '#core/ports.ts';
import { ConflictError, GoneError, NotFoundError, StateConflictError } from '#shared/errors.ts';

/** What is sent to a task (an answer, a draft of its form), by its link or on the dashboard. */
export interface TaskSubmission {
  trajectoryId: string;
  taskId: string;
  /** As an object (from JSON or a form), not yet judged. */
  body: unknown;
  /**
   * The language of the field errors. The mailed link answers in the trajectory's language (the
   * default); the dashboard in the signed-in person's, which its page is in.
   */
  locale?: Locale;
  /** Called with the trajectory's language as soon as it is known, for any refusal after it. */
  onLocale?: (locale: Locale) => void;
}

export interface TrajectoryTask {
  trajectory: Trajectory;
  task: Task;
}

/**
 * The task and its trajectory, or a 404 (also for a dossier gone after its retention period);
 * `onLocale` hears the trajectory's language before any later refusal is answered.
 */
export async function readTask(
  repository: Pick<TrajectoryRepository, 'getTrajectory' | 'getTask'>,
  trajectoryId: string,
  taskId: string,
  onLocale?: (locale: Locale) => void,
): Promise<TrajectoryTask> {
  const [trajectory, task] = await Promise.all([
    repository.getTrajectory(trajectoryId),
    repository.getTask(trajectoryId, taskId),
  ]);
  if (!trajectory || !task) throw new NotFoundError('unknown task');
  onLocale?.(trajectory.locale);
  return { trajectory, task };
}

/**
 * 410 once the trajectory ended or the task closed, 409 once the task is answered, and 409
 * `paused` while the employee is ill: the trajectory stands still (functions/core/pause.ts).
 */
export function requireOpenTask(trajectory: Trajectory, task: Task): void {
  const refusal = answerRefusal(trajectory, task);
  if (refusal === 'gone') throw new GoneError('trajectory or task closed');
  if (refusal === 'done') throw new ConflictError('task already done');
  if (trajectory.pausedAt !== undefined) throw new StateConflictError('paused');
}
