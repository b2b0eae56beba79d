import { createHash } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { EvidenceFile } from '#core/files.ts';
import { buildExhibitsBundle } from '#web/exhibits-bundle.ts';
import { pdfInfo, pdfText } from '../../support/pdf-text.ts';

async function pdfWith(...pages: string[]): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (const text of pages) document.addPage([595, 842]).drawText(text, { x: 72, y: 760, size: 12, font });
  return document.save();
}

const exhibit = (
  n: number,
  bytes: Uint8Array,
  overrides: Partial<EvidenceFile>,
): { file: EvidenceFile; bytes: Uint8Array } => ({
  bytes,
  file: {
    id: `file-${n}`,
    trajectoryId: 'traject-1',
    taskId: 'identify-1',
    title: `Stuk ${n}`,
    date: '2026-09-01',
    filename: `stuk-${n}.pdf`,
    contentType: 'application/pdf',
    size: bytes.length,
    addedBy: 'hr',
    status: 'stored',
    createdAt: '2026-09-01T10:00:00.000Z',
    exhibit: n,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    ...overrides,
  },
});

describe('the exhibits bundle', () => {
  it('puts every page of a PDF exhibit behind its cover, and names what it cannot draw by its checksum', async () => {
    // Prepare
    const dossier = await pdfWith('Het dossier');
    const letter = exhibit(1, await pdfWith('Brief pagina een', 'Brief pagina twee'), {});
    const broken = exhibit(2, new TextEncoder().encode('%PDF-1.7\n%%EOF\n'), { title: 'Beschadigd' });
    const mail = exhibit(
      3,
      new TextEncoder().encode('From: klant@example.nl\r\nSubject: klacht\r\n\r\nHallo'),
      {
        title: 'E-mail van de klant',
        contentType: 'message/rfc822',
        filename: 'klacht.eml',
      },
    );

    // Act
    const bundle = await buildExhibitsBundle(dossier, [letter, broken, mail], 'nl');

    // Assess: 1 dossier page, cover + 2 letter pages, a cover for each of the other two.
    expect((await pdfInfo(bundle)).pages).toBe(1 + 3 + 1 + 1);
    const text = (await pdfText(bundle)).replace(/\s+/g, ' ');
    const order = [
      'Het dossier',
      'Productie 1',
      'Brief pagina een',
      'Brief pagina twee',
      'Productie 2',
      'Productie 3',
    ];
    const at = order.map((part) => text.indexOf(part));
    expect(at.every((index) => index >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).toContain(`SHA-256: ${broken.file.sha256}`);
    expect(text).toContain(`SHA-256: ${mail.file.sha256}`);
    expect(text.split('kan niet in de bundel worden opgenomen').length - 1).toBe(2);
  });
});
