/**
 * `GET /dossiers/{id}/print`: the dossier document (dossier-document.ts) as a printable page, the
 * same sections as the PDF. No script of its own and nothing inline: print.css lays it out for
 * paper, and the browser's own print function does the rest.
 */
import { translator } from '#shared/i18n/catalogue.ts';
import { exportMessages } from '#shared/i18n/export.ts';
import { webMessages } from '#shared/i18n/web.ts';
import type { Dossier } from '#core/model.ts';
import { completenessSection } from './completeness-view.ts';
import { documentSection } from './dossier-blocks.ts';
import type { DossierDocument } from './dossier-document.ts';
import { html, type Html } from './html.ts';
import { layout } from './layout.ts';

const t = /* @__PURE__ */ translator(exportMessages, webMessages);

/** The printable page of a dossier document. */
export function renderDossierPrint(document: DossierDocument): string {
  const { locale } = document;
  const main = html`<article class="dossier-document">
    <p class="no-print print-actions">
      <a href="/dossiers/${document.trajectoryId}">${t(locale, 'export.back')}</a>
      <a href="/dossiers/${document.trajectoryId}/dossier.pdf">${t(locale, 'export.link.pdf')}</a>
    </p>
    <p class="no-print">${t(locale, 'export.print.hint')}</p>
    <h1>${document.title}: ${document.subject}</h1>
    <p class="generated">${document.generated}</p>
    ${document.sections.map((section) => documentSection(section))}
  </article>`;
  return printPage(document, main);
}

/**
 * `GET /dossiers/{id}/completeness`: HR's internal completeness report as a page: every criterion
 * with its status as a badge (words and an icon, completeness-view.ts), why and what to do, with
 * the report's PDF and the way back to the dossier.
 */
export function renderCompletenessReport(document: DossierDocument, dossier: Dossier, now: Date): string {
  const { locale } = document;
  const main = html`<article class="dossier-document" data-page="completeness-report">
    <p class="no-print print-actions">
      <a href="/dossiers/${document.trajectoryId}">${t(locale, 'export.back')}</a>
      <a href="/dossiers/${document.trajectoryId}/completeness.pdf"
        >${t(locale, 'export.link.completenessPdf')}</a
      >
    </p>
    <h1>${document.title}: ${document.subject}</h1>
    <p class="generated">${document.generated}</p>
    <p class="notice">${t(locale, 'export.completeness.internal')}</p>
    ${completenessSection(locale, dossier, now)}
  </article>`;
  return printPage(document, main);
}

/** A printable page of the dossier: its title and subject, the print stylesheet. */
function printPage(document: DossierDocument, main: Html): string {
  const { locale } = document;
  return layout({
    locale,
    title: `${document.title}: ${document.subject} – ${t(locale, 'web.brand')}`,
    main,
    homeHref: '/',
    stylesheets: ['print.css'],
  });
}
