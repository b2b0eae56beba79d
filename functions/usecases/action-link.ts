/**
 * The task behind a mailed link, as its page and the JSON answer of `GET /actions/{token}` show
 * it. The link's page after a refused answer (`POST /actions/{token}`) shows it again. Reads only.
 */
import { actionView, withConcerns, type ActionView } from '#core/actions.ts';
import type { Clock, FileRecords, TrajectoryRepository } from '#core/ports.ts';
import { hashToken } from '#shared/action-links.ts';
import { NotFoundError } from '#shared/errors.ts';

export interface GetActionDeps {
  repository: TrajectoryRepository;
  /**
   * When a decision confirmation's completeness is judged: the handlers pass the adapters' clock
   * (the local cloud's virtual one); without it, the system's time.
   */
  clock?: Clock;
  /** The evidence files' records: an open task that takes documents lists its own. */
  files?: { records: FileRecords; readonly maxBytes: number };
}

/** The view of the task behind `token`; `NotFoundError` for a link nobody minted. */
export async function getAction(deps: GetActionDeps, token: string): Promise<ActionView> {
  return (await findAction(deps, token)).view;
}

/** The view, and whether the task lapsed unanswered (a page says so instead of "thank you"). */
export async function findAction(
  { repository, clock }: GetActionDeps,
  token: string,
): Promise<{ view: ActionView; noResponse: boolean }> {
  const link = await repository.findActionLink(hashToken(token));
  if (!link) throw new NotFoundError('unknown link');
  const dossier = await repository.getWorkState(link.trajectoryId);
  const task = dossier?.tasks.find((candidate) => candidate.id === link.taskId);
  // A link whose dossier is gone (expired after retention) is as unknown as one never minted.
  if (!dossier || !task) throw new NotFoundError('unknown link');
  const view = actionView(dossier.trajectory, task, dossier.tasks);
  // HR reads what the completeness check says before confirming: that needs the whole dossier.
  const whole =
    view.task === 'decision-confirmation' &&
    view.context &&
    (await repository.getDossier(dossier.trajectory.id));
  return {
    view: whole ? withConcerns(view, whole, clock?.now() ?? new Date()) : view,
    noResponse: task.status === 'no-response',
  };
}
