/**
 * The dossier page's part of the employee's own copy (functions/usecases/employee-copy.ts): HR's
 * forms to mail the employee a new link and to revoke every link sent so far, and the confirmation
 * after either (`?copy=issued` or `?copy=revoked` on the page the form redirects to). HR only: a
 * manager neither sees the forms nor may post them.
 */
import { formatInstant } from '#core/dates-in-words.ts';
import type { Locale, Trajectory } from '#core/model.ts';
import { translator } from '#shared/i18n/catalogue.ts';
import { exportMessages } from '#shared/i18n/export.ts';
import { html, type Html } from './html.ts';

const t = /* @__PURE__ */ translator(exportMessages);

/** The query that confirms what the copy forms did, on the dossier page they redirect to. */
export const COPY_NOTICE_QUERY = 'copy';
export const COPY_NOTICES = ['issued', 'revoked'] as const;
export type CopyNotice = (typeof COPY_NOTICES)[number];

export const copyNoticeOf = (value: string | undefined): CopyNotice | undefined =>
  COPY_NOTICES.find((notice) => notice === value);

export function copySection(
  locale: Locale,
  csrf: string,
  trajectory: Trajectory,
  notice: CopyNotice | undefined,
): Html {
  const csrfField = html`<input type="hidden" name="csrf" value="${csrf}" />`;
  const revoked = trajectory.copyLinksRevoked;
  return html`<section class="card" aria-labelledby="employee-copy" data-employee-copy>
    <h2 id="employee-copy">${t(locale, 'export.copy.dash.title')}</h2>
    ${
      notice
        ? html`<div class="notice" role="status" data-copy-notice="${notice}">
            <p>${t(locale, `export.copy.dash.${notice}`)}</p>
          </div>`
        : ''
    }
    <p>${t(locale, 'export.copy.dash.intro')}</p>
    <form method="post" action="/dossiers/${trajectory.id}/employee-copy">
      ${csrfField}
      <button type="submit" class="secondary">${t(locale, 'export.copy.dash.issue')}</button>
    </form>
    <p>${t(locale, 'export.copy.dash.revokeIntro')}</p>
    ${
      revoked
        ? html`<p class="meta">
            ${t(locale, 'export.copy.dash.lastRevoked', { at: formatInstant(revoked.at, locale) })}
          </p>`
        : ''
    }
    <form method="post" action="/dossiers/${trajectory.id}/employee-copy/revoke">
      ${csrfField}
      <button type="submit" class="danger">${t(locale, 'export.copy.dash.revoke')}</button>
    </form>
  </section>`;
}
