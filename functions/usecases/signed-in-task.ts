/**
 * A task as a signed-in person reaches it on the dashboard, for its page
 * (`GET /dossiers/{id}/tasks/{taskId}`) and its answer (`POST`). The session stands in for the
 * mailed link's secret, so the checks the link makes by being sent to one person are made here:
 * the trajectory must be in the person's scope and the task must be for their role.
 */
import { actionView, withConcerns, type ActionView } from '#core/actions.ts';
import type { Dossier, Locale, Task, WorkState } from '#core/model.ts';
import type { TrajectoryRepository } from '#core/ports.ts';
import { assertVisible, type Principal } from '#shared/auth.ts';
import { ForbiddenError, NotFoundError } from '#shared/errors.ts';

/**
 * The work state and the task, once `principal` may answer it. A trajectory outside a manager's
 * scope is a 403 whether or not it exists, as on every route that names one; HR learns that an
 * id is unknown (404). A task for another role is a 403: the employee's tasks are the employee's
 * own, through their link, and HR does not answer for the manager nor the manager for HR.
 */
/** The message of the one refusal for a task out of reach, whichever check refused it. */
export const TASK_FORBIDDEN = 'task not open to this person';

export async function signedInTask(
  repository: TrajectoryRepository,
  principal: Principal,
  trajectoryId: string,
  taskId: string,
): Promise<{ state: WorkState | Dossier; task: Task }> {
  const state = await repository.getWorkState(trajectoryId);
  try {
    assertVisible(principal, state);
  } catch (error) {
    // One answer for both refusals below, so a manager cannot tell them apart.
    throw error instanceof ForbiddenError ? new ForbiddenError(TASK_FORBIDDEN) : error;
  }
  const task = state.tasks.find((candidate) => candidate.id === taskId);
  if (!task) throw new NotFoundError('task');
  if (task.assignee !== principal.role) throw new ForbiddenError(TASK_FORBIDDEN);
  // HR reads what the completeness check says before confirming: that needs the whole dossier.
  if (task.kind === 'decision-confirmation' && task.status === 'open') {
    const dossier = await repository.getDossier(trajectoryId);
    if (dossier) return { state: dossier, task };
  }
  return { state, task };
}

/**
 * What the task page shows: the same view as the mailed link's, in the language of the person
 * signed in (the dashboard's), and whether the task lapsed unanswered.
 */
export function signedInView(
  { state, task }: { state: WorkState | Dossier; task: Task },
  locale: Locale,
  now: Date = new Date(),
): { view: ActionView; noResponse: boolean } {
  const view = { ...actionView(state.trajectory, task, state.tasks), locale };
  const judged = 'events' in state ? withConcerns(view, state, now) : view;
  return { view: judged, noResponse: task.status === 'no-response' };
}
