/**
 * The HTML of the action-link pages: one small renderer, every value escaped, no script and no
 * inline style (the pages are served with a Content-Security-Policy of `default-src 'none'`).
 * Minimal for now: what the task is, for whom, its state and due time. The forms come later.
 */
import type { ActionView } from '#core/actions.ts';
// The mails' own escaping and Amsterdam-time formatting: a page and a mail read alike.
import { escapeHtml, formatInstant } from '#core/mails.ts';
import type { Locale } from '#core/model.ts';
import type { FieldError } from '#shared/errors.ts';
import { roleKey, t, taskTitleKey, type MessageKey } from '#shared/i18n.ts';

function page(locale: Locale, title: string, body: string[]): string {
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(locale)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // The URL holds the link's secret: no search engine, no Referer to another site.
    '<meta name="robots" content="noindex, nofollow">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)}</title>`,
    '</head>',
    '<body>',
    '<main>',
    ...body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const STATUS_MESSAGE: Record<ActionView['status'], MessageKey> = {
  open: 'action.page.open',
  done: 'action.page.done',
  closed: 'action.page.closed',
};

/** The page behind `GET /actions/{token}` for a browser, in the trajectory's language. */
export function renderActionPage(view: ActionView): string {
  const { locale } = view;
  const task = t(locale, taskTitleKey(view.task));
  const employee = view.context && 'employee' in view.context ? view.context.employee.firstName : undefined;
  const lines = [
    `<h1>${escapeHtml(task)}</h1>`,
    `<p>${escapeHtml(t(locale, 'action.page.for', { role: t(locale, roleKey(view.assignee)) }))}</p>`,
  ];
  if (employee) lines.push(`<p>${escapeHtml(t(locale, 'action.page.about', { employee }))}</p>`);
  const message = t(locale, STATUS_MESSAGE[view.status], { dueAt: formatInstant(view.dueAt, locale) });
  lines.push(`<p data-status="${escapeHtml(view.status)}">${escapeHtml(message)}</p>`);
  return page(locale, t(locale, 'action.page.title', { task }), lines);
}

export interface ErrorPage {
  locale: Locale;
  message: string;
  fieldErrors?: readonly FieldError[];
  /** Where "back to the task" leads; omitted when there is no task to go back to. */
  backHref?: string;
}

/** The page for a refused request (unknown link, done, closed, bad form). */
export function renderErrorPage({ locale, message, fieldErrors, backHref }: ErrorPage): string {
  const lines = [
    `<h1>${escapeHtml(t(locale, 'action.page.errorTitle'))}</h1>`,
    `<p>${escapeHtml(message)}</p>`,
  ];
  if (fieldErrors?.length) {
    lines.push(`<p>${escapeHtml(t(locale, 'action.page.fieldErrors'))}</p>`, '<ul>');
    for (const error of fieldErrors) {
      const field = error.path ? `<code>${escapeHtml(error.path)}</code>: ` : '';
      lines.push(`<li>${field}${escapeHtml(error.message)}</li>`);
    }
    lines.push('</ul>');
  }
  if (backHref)
    lines.push(`<p><a href="${escapeHtml(backHref)}">${escapeHtml(t(locale, 'action.page.back'))}</a></p>`);
  return page(locale, t(locale, 'action.page.errorTitle'), lines);
}
