/**
 * The blocks of the dossier document (dossier-document.ts) as HTML: one renderer for the
 * printable page and the dossier page, so both show a section the same way. Pure and escaped
 * like every page (html.ts). A table becomes a list of labelled cards on a phone (app.css,
 * `table.stack`) instead of scrolling sideways.
 */
import type { Block, DocumentSection } from './dossier-document.ts';
import { html, type Child, type Html } from './html.ts';

export function documentBlock(item: Block): Html {
  switch (item.kind) {
    case 'heading':
      return item.level === 2 ? html`<h4>${item.text}</h4>` : html`<h3>${item.text}</h3>`;
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
        <table class="stack">
          <thead>
            <tr>
              ${item.head.map((cell) => html`<th scope="col">${cell}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${item.rows.map(
              (row) =>
                html`<tr>
                  ${row.map((cell, index) => html`<td data-label="${item.head[index] ?? ''}">${cell}</td>`)}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }
}

export interface SectionOptions {
  /** The element's id (default: the section's own id); its heading is `<id>-title`. */
  id?: string;
  className?: string;
  /** In place of the section's blocks (a page's own, richer rendering of the same content). */
  body?: Child;
}

/** A document section as `<section>` with its `<h2>`, marked with `data-section`. */
export function documentSection(section: DocumentSection, options: SectionOptions = {}): Html {
  const id = options.id ?? section.id;
  const className = options.className ? html` class="${options.className}"` : '';
  return html`<section id="${id}" ${className} aria-labelledby="${id}-title" data-section="${section.id}">
    <h2 id="${id}-title">${section.title}</h2>
    ${options.body ?? section.blocks.map(documentBlock)}
  </section>`;
}
