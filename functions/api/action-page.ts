/**
 * Which page answers a browser on an action link. The pages themselves are pure renderers in
 * functions/web/; this module only maps the handlers' outcomes (a view, an error code) onto them.
 */
import type { Locale } from '#core/model.ts';
import type { FieldError } from '#shared/errors.ts';
import { renderActionErrorPage, type ActionErrorKind } from '#web/action-pages.ts';

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
