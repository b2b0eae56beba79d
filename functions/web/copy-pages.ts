/**
 * The employee's own copy of their dossier (functions/core/employee-copy.ts) as a page: the same
 * document the PDF renders, in the employee's view, with the PDF download, until when the link
 * works, and how to ask for a correction. And the page of a link that no longer works. Pure and
 * escaped like every page (html.ts); no form, no script of its own.
 */
import { formatInstant } from '#core/dates-in-words.ts';
import type { Locale } from '#core/model.ts';
import { translator } from '#shared/i18n/catalogue.ts';
import { exportMessages } from '#shared/i18n/export.ts';
import { webMessages } from '#shared/i18n/web.ts';
import { documentSection } from './dossier-blocks.ts';
import type { DossierDocument } from './dossier-document.ts';
import { html } from './html.ts';
import { layout } from './layout.ts';

const t = /* @__PURE__ */ translator(exportMessages, webMessages);

export interface CopyPageOptions {
  /** The PDF of the same copy, relative to the page (`<token>/dossier.pdf`). */
  pdfHref: string;
  /** When the link stops working (ISO instant). */
  expiresAt: string;
  /** Whom to ask for a correction. */
  hrAdvisorName: string;
}

export function renderCopyPage(document: DossierDocument, options: CopyPageOptions): string {
  const { locale } = document;
  const main = html`<article class="dossier-document" data-page="employee-copy">
    <h1>${document.title}: ${document.subject}</h1>
    <p class="generated">${document.generated}</p>
    <div class="notice">
      <p>${t(locale, 'export.copy.intro')}</p>
      <p>${t(locale, 'export.copy.expires', { at: formatInstant(options.expiresAt, locale) })}</p>
      <p>${t(locale, 'export.copy.correction', { hrAdvisor: options.hrAdvisorName })}</p>
      <p><a class="button" href="${options.pdfHref}" data-copy-pdf>${t(locale, 'export.copy.pdf')}</a></p>
    </div>
    ${document.sections.map((section) => documentSection(section))}
  </article>`;
  return layout({
    locale,
    title: `${document.title} – ${t(locale, 'web.brand')}`,
    main,
    stylesheets: ['print.css'],
  });
}

/**
 * A copy link that expired or that HR revoked: nothing of the dossier, only that it no longer
 * works and how to get a new link.
 */
export function renderCopyClosedPage(locale: Locale, why: 'expired' | 'revoked' = 'expired'): string {
  const title = t(locale, `export.copy.${why}.title`);
  const main = html`<div class="narrow">
    <div class="notice warning" data-page="copy-${why}">
      <h1>${title}</h1>
      <p>${t(locale, `export.copy.${why}.body`)}</p>
    </div>
  </div>`;
  return layout({ locale, title: `${title} – ${t(locale, 'web.brand')}`, main });
}
