/**
 * Attaching documents on a task's page in real Chromium, on the local cloud: the manager adds a
 * PDF and a PNG on the identify form and on a follow-up (the page's script announces each file,
 * posts it straight to the local S3 with the presigned form, and has the app check it), and the
 * exhibits bundle HR downloads, read back with pdfjs, holds all four as numbered exhibits, each
 * cited with its step in the dossier part. A program renamed `.pdf` is refused on the page, in
 * Dutch, and leaves nothing behind. axe checks the pages; screenshots land in test-results/browser/.
 */
import { createHash } from 'node:crypto';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { Browser, Page } from 'playwright-core';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../support/pdf-text.ts';
import { driver, people } from './drive.ts';
import {
  launchBrowser,
  linkFromMail,
  phonePage,
  skipWithoutBrowser,
  startTestCloud,
  type TestCloud,
  checkAtBothWidths,
} from './support.ts';

let cloud: TestCloud;
let browser: Browser;
let hr: string;
let drive: ReturnType<typeof driver>;
let bucket: S3Client;

beforeAll(async () => {
  if (skipWithoutBrowser) return;
  [cloud, browser] = await Promise.all([startTestCloud(), launchBrowser()]);
  hr = await cloud.tokenFor('hr-files@example.nl', 'hr');
  drive = driver(cloud, hr);
  bucket = new S3Client({
    endpoint: cloud.endpoints.s3.endpoint,
    region: cloud.endpoints.region,
    forcePathStyle: true,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});
afterAll(async () => {
  bucket?.destroy();
  await browser?.close();
  await cloud?.dispose();
});

async function letter(text: string): Promise<Buffer> {
  const document = await PDFDocument.create();
  const page = document.addPage([595, 842]);
  page.drawText(text, { x: 72, y: 760, size: 14, font: await document.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await document.save());
}

/** A real 1×1 PNG. */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
/** A Windows program: "MZ", whatever its name says. */
const PROGRAM = Buffer.from('MZ\x90\x00\x03\x00\x00\x00 This program cannot be run in DOS mode.', 'latin1');

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface Attachment {
  title: string;
  date: string;
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** Fills the page's "add a document" form and waits for what the page then says. */
async function attach(page: Page, file: Attachment): Promise<string> {
  const status = page.locator('[data-attach-status]');
  await page.fill('#attach-doc-title', file.title);
  await page.fill('#attach-doc-date', file.date);
  await page.setInputFiles('#attach-doc-file', {
    name: file.name,
    mimeType: file.mimeType,
    buffer: file.buffer,
  });
  await page.getByRole('button', { name: 'Document toevoegen' }).click();
  await expect.poll(() => status.textContent(), { timeout: 15_000 }).not.toMatch(/^$|wordt toegevoegd/);
  return (await status.textContent()) ?? '';
}

async function signIn(page: Page, email: string, role: 'hr' | 'manager'): Promise<void> {
  await page.goto(`${cloud.url}/`);
  await page.fill('#f-email', email);
  await page.check(role === 'hr' ? '#f-role' : '#f-role-manager');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(`${cloud.url}/`);
}

async function keysInBucket(trajectoryId: string): Promise<string[]> {
  const listed = await bucket.send(new ListObjectsV2Command({ Bucket: cloud.endpoints.s3.bucket }));
  return (listed.Contents ?? [])
    .map((object) => object.Key ?? '')
    .filter((key) => key.includes(trajectoryId));
}

describe.skipIf(skipWithoutBrowser)('attaching documents on a task’s page', () => {
  it('numbers a PDF and a PNG from identify and from a follow-up as exhibits of the bundle', async () => {
    // Prepare
    const who = people('files');
    const id = await drive.start(who, { termWeeks: 2, followUpEveryDays: 7 });
    const { page, context, problems } = await phonePage(browser);
    const complaint = await letter('Klachtbrief van de heer Jansen over de levertijd');
    const report = await letter('Verslag van het voortgangsgesprek met afspraken');

    // Act: identify, with what was typed before attaching still there after.
    await page.goto(await linkFromMail(cloud, who.manager.email));
    await page.fill('#f-improvementAreas-0-title', 'Planning');
    await page.fill('#f-improvementAreas-0-examples-0', 'Rapportage Q1 twee weken te laat.');
    const first = await attach(page, {
      title: 'Klacht van klant Jansen',
      date: '2026-02-20',
      name: 'klacht.pdf',
      mimeType: 'application/pdf',
      buffer: complaint,
    });
    const second = await attach(page, {
      title: 'Foto van het planbord',
      date: '2026-02-21',
      name: 'planbord.png',
      mimeType: 'image/png',
      buffer: PIXEL,
    });
    const refused = await attach(page, {
      title: 'Rooster',
      date: '2026-02-22',
      name: 'rooster.pdf',
      mimeType: 'application/pdf',
      buffer: PROGRAM,
    });

    // Assess: the numbers on the page, the refusal in the trajectory's language, nothing left of it.
    expect(first).toBe('Toegevoegd als productie 1.');
    expect(second).toBe('Toegevoegd als productie 2.');
    expect(refused).toContain('De inhoud van dit bestand past niet bij het soort bestand');
    expect(await page.locator('[data-attach-status]').getAttribute('class')).toContain('error');
    expect(await page.locator('[data-attached] > li [data-file-label]').allTextContents()).toEqual([
      'Productie 1: Klacht van klant Jansen (vrijdag 20 februari 2026)',
      'Productie 2: Foto van het planbord (zaterdag 21 februari 2026)',
    ]);
    const files = (await cloud.request('GET', `/trajectories/${id}/files`, { token: hr })).body.files;
    expect(files.map((file: { title: string; status: string }) => [file.title, file.status])).toEqual([
      ['Klacht van klant Jansen', 'stored'],
      ['Foto van het planbord', 'stored'],
    ]);
    expect((await keysInBucket(id)).filter((key) => key.startsWith('uploads/'))).toEqual([]);
    expect(await page.inputValue('#f-improvementAreas-0-title')).toBe('Planning');
    expect(await page.inputValue('#f-improvementAreas-0-examples-0')).toBe(
      'Rapportage Q1 twee weken te laat.',
    );
    await checkAtBothWidths(page, 'attach-identify');

    // A reload lists what is attached, from the dossier.
    await page.reload();
    expect(await page.locator('[data-attached] > li [data-file-label]').allTextContents()).toEqual([
      'Productie 1: Klacht van klant Jansen (vrijdag 20 februari 2026)',
      'Productie 2: Foto van het planbord (zaterdag 21 februari 2026)',
    ]);
    await page.fill('#f-improvementAreas-0-title', 'Planning');
    await page.fill('#f-improvementAreas-0-examples-0', 'Rapportage Q1 twee weken te laat.');
    const [sent] = await Promise.all([
      page.waitForResponse((answer) => answer.request().method() === 'POST'),
      page.getByRole('button', { name: 'Versturen' }).click(),
    ]);
    expect(sent.status()).toBe(303);
    await drive.settle();

    // Act: on to the first follow-up, and attach there too.
    await drive.conversation(who);
    await drive.answer(who.employee.email, { response: 'Ik herken de punten.' });
    await drive.plan(who);
    await drive.answer(who.hrAdvisor.email, { decision: 'approve' });
    await drive.acknowledge(who);
    const [meeting] = (await drive.dossier(id)).meetings;
    await drive.advanceTo(`${meeting.plannedOn}T12:00:00Z`);
    await page.goto(await linkFromMail(cloud, who.manager.email));
    expect(await page.locator('h1').textContent()).toContain('voortgangsgesprek');
    expect(await page.locator('[data-attached-none]').isVisible()).toBe(true);
    const third = await attach(page, {
      title: 'Verslag voortgangsgesprek',
      date: meeting.plannedOn,
      name: 'verslag.pdf',
      mimeType: 'application/pdf',
      buffer: report,
    });
    const fourth = await attach(page, {
      title: 'Foto van de planning',
      date: meeting.plannedOn,
      name: 'planning.png',
      mimeType: 'image/png',
      buffer: PIXEL,
    });
    expect(third).toBe('Toegevoegd als productie 3.');
    expect(fourth).toBe('Toegevoegd als productie 4.');
    await checkAtBothWidths(page, 'attach-follow-up');
    // The one failed request the browser logs is the refused file's check (400, by design).
    expect(problems).toEqual([
      'Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
    await context.close();

    // Assess: the bundle HR downloads.
    const answer = await cloud.request('GET', `/trajectories/${id}/bundle.pdf`, { token: hr });
    expect(answer.status).toBe(303);
    const bundle = new Uint8Array(await (await fetch(answer.headers.get('location') ?? '')).arrayBuffer());
    const text = (await pdfText(bundle)).replace(/\s+/g, ' ');
    const cited = (n: number, title: string) => text.indexOf(`Productie ${n}: ${title}`);
    for (const [n, title] of [
      [1, 'Klacht van klant Jansen'],
      [2, 'Foto van het planbord'],
      [3, 'Verslag voortgangsgesprek'],
      [4, 'Foto van de planning'],
    ] as const) {
      expect(cited(n, title), `Productie ${n}`).toBeGreaterThanOrEqual(0);
    }
    // Each cited with its own step: identify's two before the follow-up's section, the follow-up's after.
    const followUpSection = text.indexOf('Voortgangsgesprek');
    expect(followUpSection).toBeGreaterThan(0);
    expect(cited(1, 'Klacht van klant Jansen')).toBeLessThan(followUpSection);
    expect(cited(2, 'Foto van het planbord')).toBeLessThan(followUpSection);
    expect(text.indexOf('Productie 3: Verslag voortgangsgesprek', followUpSection)).toBeGreaterThan(
      followUpSection,
    );
    // Then the exhibits themselves, each behind a cover with its checksum.
    for (const bytes of [complaint, PIXEL, report]) expect(text).toContain(`SHA-256: ${sha256(bytes)}`);
    expect(text).toContain('Klachtbrief van de heer Jansen over de levertijd');
    expect(text).toContain('Verslag van het voortgangsgesprek met afspraken');
  }, 240_000);

  it('lets a signed-in manager attach a PDF on their open task from the dashboard, and no other manager', async () => {
    // Prepare
    const who = people('dash-files');
    const id = await drive.start(who);
    const taskPath = `/dossiers/${id}/tasks/identify-1`;
    const letterBytes = await letter('Verslag van het gesprek over de planning');
    const { page, context, problems } = await phonePage(browser);
    await signIn(page, who.manager.email, 'manager');

    // Act
    const opened = await page.goto(`${cloud.url}${taskPath}`);
    const said = await attach(page, {
      title: 'Verslag planning',
      date: '2026-02-20',
      name: 'verslag.pdf',
      mimeType: 'application/pdf',
      buffer: letterBytes,
    });

    // Assess: numbered on the page and in the dossier, as the manager's file of this task.
    const csp = opened?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain(`connect-src 'self' ${new URL(cloud.endpoints.s3.endpoint).origin}`);
    expect(said).toBe('Toegevoegd als productie 1.');
    expect(await page.locator('[data-attached] > li [data-file-label]').allTextContents()).toEqual([
      'Productie 1: Verslag planning (vrijdag 20 februari 2026)',
    ]);
    await page.reload();
    expect(await page.locator('[data-attached] > li [data-file-label]').allTextContents()).toEqual([
      'Productie 1: Verslag planning (vrijdag 20 februari 2026)',
    ]);
    const files = (await cloud.request('GET', `/trajectories/${id}/files`, { token: hr })).body.files;
    expect(files).toMatchObject([{ taskId: 'identify-1', addedBy: 'manager', status: 'stored', exhibit: 1 }]);
    expect(problems).toEqual([]);
    await checkAtBothWidths(page, 'attach-dashboard-task');
    await context.close();

    // Another manager, signed in, is refused the page and the file routes, and adds nothing.
    const other = await phonePage(browser);
    await signIn(other.page, people('dash-files-other').manager.email, 'manager');
    const csrf = await other.page.locator('input[name="csrf"]').first().inputValue();
    const refusedPage = await other.page.goto(`${cloud.url}${taskPath}`);
    expect(refusedPage?.status()).toBe(403);
    expect(await other.page.content()).toContain('Deze taak staat niet voor jou open.');
    expect(await other.page.locator('[data-attach]').count()).toBe(0);
    const refusedCall = await other.page.request.post(`${cloud.url}${taskPath}/files`, {
      data: {
        title: 'Iets',
        date: '2026-02-21',
        filename: 'x.pdf',
        contentType: 'application/pdf',
        size: 100,
      },
      headers: { 'x-csrf-token': csrf, 'sec-fetch-site': 'same-origin' },
    });
    expect(refusedCall.status()).toBe(403);
    expect((await refusedCall.json()).error.code).toBe('forbidden');
    // The page's own session without its CSRF token is refused as well.
    const ownWithoutToken = await other.page.request.post(`${cloud.url}${taskPath}/files`, {
      data: {},
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(ownWithoutToken.status()).toBe(403);
    expect((await cloud.request('GET', `/trajectories/${id}/files`, { token: hr })).body.files).toHaveLength(
      1,
    );
    await other.context.close();
  }, 120_000);
});
