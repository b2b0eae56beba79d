/**
 * The dossier document (dossier-document.ts) as a PDF, laid out with pdfkit on A4.
 *
 * Only pdfkit's built-in Helvetica is used: its metrics ship as small modules, so nothing is read
 * from a font file and no font parser is needed (infra/constructs/fn.ts leaves fontkit out of the
 * bundle and ships the metrics next to it). The built-in fonts cover Windows-1252, which holds
 * Dutch, English and the other Western European languages; a character outside it (Polish ł,
 * Turkish ş, any non-Latin script) cannot be drawn by them and is replaced (see `printable`).
 */
import PDFDocument from 'pdfkit';
import { translator } from '#shared/i18n/catalogue.ts';
import { exportMessages } from '#shared/i18n/export.ts';
import type { Block, DossierDocument } from './dossier-document.ts';

const t = /* @__PURE__ */ translator(exportMessages);

const MARGIN = 56;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const INK = '#1a1a1a';
const MUTED = '#555555';
const RULE = '#1f4e79';

/**
 * Windows-1252 beyond Latin-1: the characters the built-in fonts can draw in 0x80–0x9F. Every
 * other character above U+00FF is outside what a standard PDF font encodes.
 */
const WIN_ANSI_EXTRA = new Set(
  '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'.split('').map((character) => character.codePointAt(0)),
);

/**
 * Text the built-in fonts can draw: accents taken off where that leaves a drawable letter
 * (ł → l is not decomposable and becomes "?"), other characters as "?", so a name is never
 * silently dropped from the dossier.
 */
export function printable(text: string): string {
  let out = '';
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (code === 0x09 || code === 0x0a || (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff)) {
      out += character;
    } else if (WIN_ANSI_EXTRA.has(code)) {
      out += character;
    } else if (code === 0x0d) {
      continue;
    } else {
      const bare = character.normalize('NFD').replace(/\p{M}/gu, '');
      const bareCode = bare.codePointAt(0) ?? 0;
      out += bare.length === 1 && bareCode >= 0x20 && bareCode <= 0xff && bareCode !== 0x7f ? bare : '?';
    }
  }
  return out;
}

type Doc = InstanceType<typeof PDFDocument>;

/** Relative widths as points that add up to the table's width. */
const columnWidths = (weights: readonly number[], width: number) => {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.map((weight) => ({ width: (weight / total) * width }));
};

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function renderBlock(doc: Doc, block: Block): void {
  const width = doc.page.width - MARGIN * 2;
  switch (block.kind) {
    case 'heading':
      ensureRoom(doc, 60);
      doc
        .moveDown(block.level === 2 ? 0.4 : 0.6)
        .font(BOLD)
        .fontSize(block.level === 2 ? 10 : 11)
        .fillColor(block.level === 2 ? MUTED : INK)
        .text(printable(block.text), { width });
      doc.moveDown(0.2);
      return;
    case 'fields':
      for (const [label, value] of block.rows) {
        doc
          .font(BOLD)
          .fontSize(9.5)
          .fillColor(INK)
          .text(`${printable(label)}: `, { continued: true, width })
          .font(FONT)
          .text(printable(value || '–'));
      }
      doc.moveDown(0.3);
      return;
    case 'text':
      if (block.label) {
        ensureRoom(doc, 40);
        doc.font(BOLD).fontSize(9.5).fillColor(INK).text(printable(block.label), { width });
      }
      doc
        .font(FONT)
        .fontSize(9.5)
        .fillColor(INK)
        .text(printable(block.text || '–'), { width });
      doc.moveDown(0.4);
      return;
    case 'list':
      doc
        .font(FONT)
        .fontSize(9.5)
        .fillColor(INK)
        .list(block.items.map(printable), { width, bulletRadius: 1.5 });
      doc.moveDown(0.4);
      return;
    case 'table': {
      ensureRoom(doc, 50);
      doc.font(FONT).fontSize(8.5).fillColor(INK);
      doc.table({
        data: [
          block.head.map(printable),
          ...block.rows.map((row) => row.map((cell) => printable(cell || ' '))),
        ],
        defaultStyle: { padding: 3, border: 0.5, borderColor: '#999999' },
        rowStyles: (index: number) =>
          index === 0 ? { font: { src: BOLD }, backgroundColor: '#e8eef4' } : {},
        maxWidth: width,
        ...(block.widths && { columnStyles: columnWidths(block.widths, width) }),
      });
      doc.x = MARGIN;
      doc.moveDown(0.6);
      return;
    }
  }
}

/** The page numbers, drawn once every page exists ("page 1 of 7" needs the 7). */
function footers(doc: Doc, document: DossierDocument): void {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    // Writing below the bottom margin would start a new page; the footer lives in the margin.
    doc.page.margins.bottom = 0;
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor(MUTED)
      .text(
        printable(
          `${document.title} – ${document.subject} · ${t(document.locale, 'export.page', { n: index + 1, total: range.count })}`,
        ),
        MARGIN,
        doc.page.height - MARGIN / 2 - 8,
        { width: doc.page.width - MARGIN * 2, align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
}

/** The dossier document as the bytes of a PDF. */
export async function renderDossierPdf(document: DossierDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: document.locale === 'nl' ? 'nl-NL' : 'en-GB',
    displayTitle: true,
    info: {
      Title: printable(`${document.title} – ${document.subject}`),
      Creator: 'verbetertraject',
      Producer: 'verbetertraject',
    },
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  doc.font(BOLD).fontSize(18).fillColor(INK).text(printable(document.title));
  doc.font(FONT).fontSize(14).text(printable(document.subject));
  doc.font(FONT).fontSize(9).fillColor(MUTED).text(printable(document.generated));
  for (const section of document.sections) {
    ensureRoom(doc, 80);
    doc.moveDown(1);
    const top = doc.y;
    doc
      .moveTo(MARGIN, top)
      .lineTo(doc.page.width - MARGIN, top)
      .lineWidth(1)
      .strokeColor(RULE)
      .stroke();
    doc.y = top + 6;
    doc.font(BOLD).fontSize(13).fillColor(RULE).text(printable(section.title));
    doc.moveDown(0.3);
    for (const block of section.blocks) renderBlock(doc, block);
  }
  footers(doc, document);
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
