/**
 * GET /actions/{token} (public; the token is the credential): what the link is for and whether
 * it can still be answered, as JSON or, for a browser, as a page in the trajectory's language.
 *
 * Reads only. Mail scanners and link previews open every link in a mail before its recipient
 * does; a GET that recorded anything (a "seen" mark, a spent link) would be acted on by them.
 */
import { actionView, withConcerns, type ActionView } from '#core/actions.ts';
import type { Clock, TrajectoryRepository } from '#core/ports.ts';
import { clock as systemClock } from '#adapters/clock.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { hashToken } from '#shared/action-links.ts';
import { NotFoundError } from '#shared/errors.ts';
import { actionApi } from './action-http.ts';
import { renderActionPage } from './action-page.ts';

export interface GetActionDeps {
  repository: TrajectoryRepository;
  /** When a decision confirmation's completeness is judged; the system (or local virtual) clock by default. */
  clock?: Clock;
}

/** The view of the task behind `token`; `NotFoundError` for a link nobody minted. */
export async function getAction(deps: GetActionDeps, token: string): Promise<ActionView> {
  return (await findAction(deps, token)).view;
}

/** The view, and whether the task lapsed unanswered (a page says so instead of "thank you"). */
export async function findAction(
  { repository, clock = systemClock }: GetActionDeps,
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
    view: whole ? withConcerns(view, whole, clock.now()) : view,
    noResponse: task.status === 'no-response',
  };
}

export const getActionHandler = (deps: GetActionDeps) =>
  actionApi({}, async ({ token, html, setLocale }) => {
    const { view, noResponse } = await findAction(deps, token);
    setLocale(view.locale);
    return html
      ? { type: 'html', statusCode: 200, html: renderActionPage(view, { noResponse }) }
      : { type: 'json', statusCode: 200, body: view };
  });

export const handler = getActionHandler({ repository: createRepositoryFromEnv() });
