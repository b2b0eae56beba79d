/**
 * GET /actions/{token} (public; the token is the credential): what the link is for and whether
 * it can still be answered, as JSON or, for a browser, as a page in the trajectory's language.
 *
 * Reads only. Mail scanners and link previews open every link in a mail before its recipient
 * does; a GET that recorded anything (a "seen" mark, a spent link) would be acted on by them.
 */
import { actionView, withConcerns, type ActionView } from '#core/actions.ts';
import { ATTACHING_KINDS, exhibits } from '#core/files.ts';
import type { Clock, FileRecords, TrajectoryRepository } from '#core/ports.ts';
import { clock as systemClock } from '#adapters/clock.ts';
import { createFileRecordsFromEnv } from '#adapters/dynamo-files.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { hashToken } from '#shared/action-links.ts';
import { config } from '#shared/env.ts';
import { NotFoundError } from '#shared/errors.ts';
import type { Attachments } from '#web/action-pages.ts';
import { actionApi } from './action-http.ts';
import { renderActionPage } from './action-page.ts';

export interface GetActionDeps {
  repository: TrajectoryRepository;
  /** When a decision confirmation's completeness is judged; the system (or local virtual) clock by default. */
  clock?: Clock;
  /** The evidence files' records: an open task that takes documents lists its own. */
  files?: { records: FileRecords; maxBytes: number };
}

/**
 * What the page of an open task that takes documents offers: the task's exhibits and the largest
 * file; undefined for any other page.
 */
export async function attachmentsFor(
  files: GetActionDeps['files'],
  view: ActionView,
): Promise<Attachments | undefined> {
  if (!files || view.status !== 'open' || !ATTACHING_KINDS.includes(view.task)) return undefined;
  const all = await files.records.list(view.trajectoryId);
  return {
    files: exhibits(all).filter((file) => file.taskId === view.taskId),
    maxBytes: files.maxBytes,
    role: view.assignee,
  };
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
    if (!html) return { type: 'json', statusCode: 200, body: view };
    const attachments = await attachmentsFor(deps.files, view);
    return {
      type: 'html',
      statusCode: 200,
      html: renderActionPage(view, { noResponse, ...(attachments && { attachments }) }),
    };
  });

export const handler = getActionHandler({
  repository: createRepositoryFromEnv(),
  files: { records: createFileRecordsFromEnv(), maxBytes: config.filesMaxBytes },
});
