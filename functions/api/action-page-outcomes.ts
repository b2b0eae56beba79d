/**
 * Which page answers a browser on an action link. The pages themselves are pure renderers in
 * functions/web/; this module only maps the handlers' outcomes (a view, an error code) onto them.
 */
import type { ActionView } from '#core/actions.ts';
import { ATTACHING_KINDS, exhibits } from '#core/files.ts';
import type { Locale } from '#core/model.ts';
import type { FieldError } from '#shared/errors.ts';
import type { GetActionDeps } from '#usecases/action-link.ts';
import { renderActionErrorPage, type ActionErrorKind, type Attachments } from '#web/action-pages.ts';

export { renderActionPage, type ActionPageOptions } from '#web/action-pages.ts';

const KIND_BY_CODE: Record<string, ActionErrorKind> = {
  not_found: 'unknown',
  conflict: 'used',
  gone: 'closed',
  forbidden: 'crossSite',
};

export interface ErrorPage {
  locale: Locale;
  message: string;
  /** The error's code (`not_found`, `conflict`, `gone`, ...); it picks the page's title. */
  code?: string;
  fieldErrors?: readonly FieldError[];
  /** Where "back to the task" leads; omitted when there is no task to go back to. */
  backHref?: string;
}

/** The page for a refused request (unknown link, done, closed, cross-site post, bad form). */
export function renderErrorPage({ code, ...page }: ErrorPage): string {
  return renderActionErrorPage({ ...page, kind: (code && KIND_BY_CODE[code]) || 'other' });
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
