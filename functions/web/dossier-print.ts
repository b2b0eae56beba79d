/**
 * `GET /dossiers/{id}/print`: the dossier document (dossier-document.ts) as a printable page, the
 * same sections as the PDF. No script of its own and nothing inline: print.css lays it out for
 * paper, and the browser's own print function does the rest.
 */
import { translator } from '#shared/i18n.ts';
import { exportMessages } from '#shared/i18n/export.ts';
import { webMessages } from '#shared/i18n/web.ts';
import { documentSection } from './dossier-blocks.ts';
import type { DossierDocument } from './dossier-document.ts';
import { html } from './html.ts';
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
  return layout({
    locale,
    title: `${document.title}: ${document.subject} – ${t(locale, 'web.brand')}`,
    main,
    homeHref: '/',
    stylesheets: ['print.css'],
  });
}
