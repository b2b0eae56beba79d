/**
 * `GET /dossiers/{id}/print`: the dossier document (dossier-document.ts) as a printable page, the
 * same sections as the PDF. No script of its own and nothing inline: print.css lays it out for
 * paper, and the browser's own print function does the rest.
 */
import { translator } from '#shared/i18n.ts';
import { exportMessages } from '#shared/i18n/export.ts';
import { webMessages } from '#shared/i18n/web.ts';
import type { Block, DossierDocument } from './dossier-document.ts';
import { html, type Html } from './html.ts';
import { layout } from './layout.ts';

const t = /* @__PURE__ */ translator(exportMessages, webMessages);

function block(item: Block): Html {
  switch (item.kind) {
    case 'heading':
      return html`<h3>${item.text}</h3>`;
    case 'fields':
      return html`<dl class="fields">
        ${item.rows.map(
          ([label, value]) =>
            html`<dt>${label}</dt>
              <dd>${value || '–'}</dd>`,
        )}
      </dl>`;
    case 'text':
      return html`${item.label ? html`<p class="label">${item.label}</p>` : ''}
        <p class="text">${item.text || '–'}</p>`;
    case 'list':
      return html`<ul>
        ${item.items.map((entry) => html`<li>${entry}</li>`)}
      </ul>`;
    case 'table':
      return html`<div class="table-wrap">
        <table>
          <thead>
            <tr>
              ${item.head.map((cell) => html`<th scope="col">${cell}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${item.rows.map(
              (row) =>
                html`<tr>
                  ${row.map((cell) => html`<td>${cell}</td>`)}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }
}

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
    ${document.sections.map(
      (section) =>
        html`<section id="${section.id}" aria-labelledby="${section.id}-title">
          <h2 id="${section.id}-title">${section.title}</h2>
          ${section.blocks.map(block)}
        </section>`,
    )}
  </article>`;
  return layout({
    locale,
    title: `${document.title}: ${document.subject} – ${t(locale, 'web.brand')}`,
    main,
    homeHref: '/',
    stylesheets: ['print.css'],
  });
}
