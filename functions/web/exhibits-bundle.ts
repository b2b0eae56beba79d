/**
 * The exhibits bundle: the dossier PDF, then every exhibit behind a cover page of its own that
 * carries its number ("Productie 3"), title, date and SHA-256, as a lawyer hands a dossier to the
 * court. A PDF exhibit follows with all its pages, an image on a page of its own, scaled to fit;
 * another type (an e-mail, an Office document) cannot be drawn, so its cover page says so and
 * names the checksum the original can be checked against. A PDF that cannot be read (damaged,
 * or locked with a password) is treated the same way, never left out silently.
 *
 * Merged with pdf-lib; the text is drawn with a built-in font, so it goes through `printable`
 * like every text of the dossier PDF (functions/web/dossier-pdf.ts).
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { EvidenceFile } from '#core/files.ts';
import { formatDay } from '#core/dates-in-words.ts';
import type { Locale } from '#core/model.ts';
import { translator } from '#shared/i18n/catalogue.ts';
import { filesMessages } from '#shared/i18n/files.ts';
import { printable } from './dossier-pdf.ts';

const t = /* @__PURE__ */ translator(filesMessages);

/** A4 in points, and the margin the dossier PDF keeps too. */
const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const INK = rgb(0.1, 0.1, 0.1);

export interface Exhibit {
  file: EvidenceFile;
  bytes: Uint8Array;
}

function cover(page: PDFPage, fonts: { regular: PDFFont; bold: PDFFont }, lines: string[], note?: string) {
  const { height } = page.getSize();
  let y = height - MARGIN - 24;
  page.drawText(printable(lines[0] ?? ''), { x: MARGIN, y, size: 24, font: fonts.bold, color: INK });
  y -= 36;
  for (const line of lines.slice(1)) {
    page.drawText(printable(line), {
      x: MARGIN,
      y,
      size: 11,
      font: fonts.regular,
      color: INK,
      maxWidth: A4[0] - 2 * MARGIN,
    });
    y -= 18;
  }
  if (note) {
    page.drawText(printable(note), {
      x: MARGIN,
      y: y - 12,
      size: 11,
      font: fonts.regular,
      color: INK,
      maxWidth: A4[0] - 2 * MARGIN,
      lineHeight: 15,
    });
  }
}

/** The lines of an exhibit's cover page. */
function coverLines(locale: Locale, file: EvidenceFile): string[] {
  return [
    t(locale, 'files.exhibit', { n: file.exhibit ?? 0 }),
    file.title,
    formatDay(file.date, locale),
    file.filename,
    `${t(locale, 'files.checksum')}: ${file.sha256 ?? ''}`,
  ];
}

/** The exhibit as a document with pages, or undefined: pdf-lib reads a broken file leniently. */
async function readable(bytes: Uint8Array): Promise<PDFDocument | undefined> {
  try {
    const source = await PDFDocument.load(bytes);
    return source.getPageCount() > 0 ? source : undefined;
  } catch {
    return undefined;
  }
}

/** The dossier followed by its exhibits, in the order given (their numbers). */
export async function buildExhibitsBundle(
  dossierPdf: Uint8Array,
  exhibits: readonly Exhibit[],
  locale: Locale,
) {
  const bundle = await PDFDocument.load(dossierPdf);
  const fonts = {
    regular: await bundle.embedFont(StandardFonts.Helvetica),
    bold: await bundle.embedFont(StandardFonts.HelveticaBold),
  };
  for (const { file, bytes } of exhibits) {
    const lines = coverLines(locale, file);
    if (file.contentType === 'application/pdf') {
      const source = await readable(bytes);
      if (source) {
        cover(bundle.addPage(A4), fonts, lines);
        const pages = await bundle.copyPages(source, source.getPageIndices());
        for (const page of pages) bundle.addPage(page);
        continue;
      }
    } else if (file.contentType === 'image/png' || file.contentType === 'image/jpeg') {
      const image = await (
        file.contentType === 'image/png' ? bundle.embedPng(bytes) : bundle.embedJpg(bytes)
      ).catch(() => undefined);
      if (image) {
        const page = bundle.addPage(A4);
        cover(page, fonts, lines);
        // The image below the cover lines, as large as the rest of the page allows.
        const room = { width: A4[0] - 2 * MARGIN, height: A4[1] - 2 * MARGIN - 140 };
        const scale = Math.min(1, room.width / image.width, room.height / image.height);
        const size = { width: image.width * scale, height: image.height * scale };
        page.drawImage(image, { x: MARGIN, y: MARGIN + room.height - size.height, ...size });
        continue;
      }
    }
    cover(bundle.addPage(A4), fonts, lines, t(locale, 'files.notInBundle'));
  }
  return bundle.save();
}
