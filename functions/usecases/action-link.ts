/**
 * The task behind a mailed link, as its page and the JSON answer of `GET /actions/{token}` show
 * it. The link's page after a refused answer (`POST /actions/{token}`) shows it again. Reads only.
 */
import { actionView, type ActionView } from '#core/actions.ts';
import type { TrajectoryRepository } from '#core/ports.ts';
import { hashToken } from '#shared/action-links.ts';
import { NotFoundError } from '#shared/errors.ts';

export interface GetActionDeps {
  repository: TrajectoryRepository;
}

/** The view of the task behind `token`; `NotFoundError` for a link nobody minted. */
export async function getAction(deps: GetActionDeps, token: string): Promise<ActionView> {
  return (await findAction(deps, token)).view;
}

/** The view, and whether the task lapsed unanswered (a page says so instead of "thank you"). */
export async function findAction(
  { repository }: GetActionDeps,
  token: string,
): Promise<{ view: ActionView; noResponse: boolean }> {
  const link = await repository.findActionLink(hashToken(token));
  if (!link) throw new NotFoundError('unknown link');
  const dossier = await repository.getWorkState(link.trajectoryId);
  const task = dossier?.tasks.find((candidate) => candidate.id === link.taskId);
  // A link whose dossier is gone (expired after retention) is as unknown as one never minted.
  if (!dossier || !task) throw new NotFoundError('unknown link');
  return {
    view: actionView(dossier.trajectory, task, dossier.tasks),
    noResponse: task.status === 'no-response',
  };
}
