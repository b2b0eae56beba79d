/**
 * The text of a PDF as a reader's copy-and-paste would give it, read with pdfjs (the PDF engine
 * of Firefox), page after page: lines joined with newlines, pages with a blank line.
 */

/** Errors only: pdfjs warns about glyph data it needs for drawing, never for reading text. */
const QUIET = 0;

async function open(pdf: Uint8Array) {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  return getDocument({ data: new Uint8Array(pdf), verbosity: QUIET }).promise;
}

export async function pdfText(pdf: Uint8Array): Promise<string> {
  const document = await open(pdf);
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(
      content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''),
    );
  }
  await document.destroy();
  return pages.join('\n\n');
}

/** The number of pages and the document's title from its metadata. */
export async function pdfInfo(pdf: Uint8Array): Promise<{ pages: number; title: unknown }> {
  const document = await open(pdf);
  const { info } = await document.getMetadata();
  const result = { pages: document.numPages, title: (info as { Title?: unknown }).Title };
  await document.destroy();
  return result;
}
