/**
 * Evidence files on the local cloud, through the public contract: HR and the trajectory's manager
 * attach documents with a presigned upload and a confirm, the app checks what arrived (size and
 * first bytes, not the name), numbers what it stores as exhibits, and refuses the rest so that
 * nothing of it stays, in the dossier or in the bucket.
 */
import { createHash } from 'node:crypto';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfInfo, pdfText } from '../support/pdf-text.ts';
import {
  createTrajectory,
  dossier,
  eventTypes,
  newPeople,
  startTestCloud,
  type Run,
  type TestCloud,
} from './support.ts';

let cloud: TestCloud;
let bucket: S3Client;

beforeAll(async () => {
  cloud = await startTestCloud();
  bucket = new S3Client({
    endpoint: cloud.endpoints.s3.endpoint,
    region: cloud.endpoints.region,
    forcePathStyle: true,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  bucket?.destroy();
  await cloud?.dispose();
});

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);
/** A Windows program: "MZ", whatever its name says. */
const PROGRAM = new TextEncoder().encode(
  'MZ\x90\x00\x03\x00\x00\x00 This program cannot be run in DOS mode.',
);

interface Upload {
  url: string;
  fields: Record<string, string>;
}

const describeFile = (overrides: Record<string, unknown> = {}) => ({
  title: 'Klacht van klant Jansen',
  date: '2026-08-20',
  taskId: 'identify-1',
  filename: 'klacht-jansen.pdf',
  contentType: 'application/pdf',
  size: PDF.length,
  ...overrides,
});

async function announce(run: Run, body: unknown, token = run.hr) {
  return cloud.request('POST', `/trajectories/${run.id}/files`, { token, body });
}

/** Posts the form as a browser would: its fields, then the file. */
async function upload(form: Upload, bytes: Uint8Array, contentType: string): Promise<number> {
  const data = new FormData();
  for (const [name, value] of Object.entries(form.fields)) data.append(name, value);
  data.append('file', new Blob([bytes], { type: contentType }), 'upload');
  const response = await fetch(form.url, { method: 'POST', body: data });
  await response.arrayBuffer();
  return response.status;
}

const confirm = (run: Run, fileId: string, token = run.hr) =>
  cloud.request('POST', `/trajectories/${run.id}/files/${fileId}/confirm`, { token });

async function attach(run: Run, bytes: Uint8Array, overrides: Record<string, unknown> = {}, token = run.hr) {
  const announced = await announce(run, describeFile({ size: bytes.length, ...overrides }), token);
  expect(announced.status, JSON.stringify(announced.body)).toBe(201);
  expect(await upload(announced.body.upload, bytes, announced.body.file.contentType)).toBeLessThan(300);
  return { announced, confirmed: await confirm(run, announced.body.file.id, token) };
}

async function keysInBucket(): Promise<string[]> {
  const listed = await bucket.send(new ListObjectsV2Command({ Bucket: cloud.endpoints.s3.bucket }));
  return (listed.Contents ?? []).map((object) => object.Key ?? '');
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('attaching evidence', () => {
  it('stores a PDF and a PNG as numbered exhibits, with their checksums, in the dossier', async () => {
    // Prepare
    const run = await createTrajectory(cloud);

    // Act
    const pdf = await attach(run, PDF);
    const png = await attach(run, PNG, {
      title: 'Foto van het whiteboard',
      filename: 'whiteboard.png',
      contentType: 'image/png',
    });

    // Assess
    expect(pdf.confirmed.status, JSON.stringify(pdf.confirmed.body)).toBe(200);
    expect(pdf.confirmed.body).toMatchObject({
      status: 'stored',
      exhibit: 1,
      sha256: sha256(PDF),
      size: PDF.length,
    });
    expect(png.confirmed.body).toMatchObject({ status: 'stored', exhibit: 2, sha256: sha256(PNG) });
    const listed = await cloud.request('GET', `/trajectories/${run.id}/files`, { token: run.hr });
    expect(listed.body.files.map((file: { exhibit: number }) => file.exhibit)).toEqual([1, 2]);
    const found = await dossier(run);
    expect(eventTypes(found).filter((type) => type === 'file-attached')).toHaveLength(2);
    // Only the stored files are in the bucket; no upload waits any more.
    expect((await keysInBucket()).filter((key) => key.includes(run.id)).sort()).toEqual(
      [
        `files/${run.id}/${pdf.announced.body.file.id}`,
        `files/${run.id}/${png.announced.body.file.id}`,
      ].sort(),
    );
  }, 60_000);

  it('lets the manager attach and download on their own trajectory, and nobody else', async () => {
    // Prepare
    const run = await createTrajectory(cloud);
    const other = newPeople();
    const otherManager = await cloud.tokenFor(other.manager.email, 'manager');
    const { announced } = await attach(run, PDF, {}, run.manager);
    const fileId = announced.body.file.id;

    // Act
    const own = await cloud.request('GET', `/trajectories/${run.id}/files/${fileId}`, { token: run.manager });
    const foreign = await cloud.request('GET', `/trajectories/${run.id}/files/${fileId}`, {
      token: otherManager,
    });
    const foreignAdd = await announce(run, describeFile(), otherManager);

    // Assess
    expect(own.status).toBe(200);
    expect(own.body.file.addedBy).toBe('manager');
    const download = await fetch(own.body.downloadUrl);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);
    expect(download.headers.get('content-disposition')).toContain('klacht-jansen.pdf');
    expect(foreign.status).toBe(403);
    expect(foreignAdd.status).toBe(403);
  }, 60_000);
});

describe('refusing what would not hold up', () => {
  it('refuses a program renamed .pdf, a file larger than announced, a type nobody allowed and a step that does not exist, leaving nothing', async () => {
    // Prepare
    const run = await createTrajectory(cloud);
    const before = await keysInBucket();

    // Act
    const renamed = await attach(run, PROGRAM, { filename: 'factuur.pdf' });
    const announcedSmall = await announce(run, describeFile({ size: 10 }));
    await upload(announcedSmall.body.upload, PDF, 'application/pdf');
    const larger = await confirm(run, announcedSmall.body.file.id);
    const exe = await announce(
      run,
      describeFile({ filename: 'tool.exe', contentType: 'application/x-msdownload' }),
    );
    const huge = await announce(run, describeFile({ size: 11 * 1024 * 1024 }));
    const noStep = await announce(run, describeFile({ taskId: 'follow-up-9' }));

    // Assess
    expect(renamed.confirmed.status).toBe(400);
    expect(renamed.confirmed.body.error.fieldErrors).toEqual([
      { path: 'file', message: expect.stringContaining('past niet bij het soort bestand') },
    ]);
    expect(larger.status).toBe(400);
    expect(larger.body.error.fieldErrors[0]).toMatchObject({ path: 'file' });
    expect(exe.status).toBe(400);
    expect(exe.body.error.fieldErrors.map((error: { path: string }) => error.path)).toEqual(['contentType']);
    expect(huge.status).toBe(400);
    expect(huge.body.error.fieldErrors.map((error: { path: string }) => error.path)).toEqual(['size']);
    expect(noStep.status).toBe(400);
    expect(noStep.body.error.fieldErrors.map((error: { path: string }) => error.path)).toEqual(['taskId']);
    const listed = await cloud.request('GET', `/trajectories/${run.id}/files`, { token: run.hr });
    expect(listed.body.files).toEqual([]);
    expect(eventTypes(await dossier(run))).not.toContain('file-attached');
    expect(await keysInBucket()).toEqual(before);
  }, 60_000);

  it('does not let a used form replace a stored file, nor a file be confirmed under another trajectory', async () => {
    // Prepare
    const run = await createTrajectory(cloud);
    const other = await createTrajectory(cloud);
    const { announced, confirmed } = await attach(run, PDF);
    const fileId = announced.body.file.id;

    // Act: the same form again, with other content; and the file under another trajectory.
    await upload(
      announced.body.upload,
      new TextEncoder().encode('%PDF-1.7 something else entirely'),
      'application/pdf',
    );
    const again = await confirm(run, fileId);
    const elsewhere = await confirm(other, fileId);

    // Assess
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_stored');
    expect(elsewhere.status).toBe(404);
    const kept = await cloud.request('GET', `/trajectories/${run.id}/files/${fileId}`, { token: run.hr });
    expect(kept.body.file.sha256).toBe(confirmed.body.sha256);
    expect(new Uint8Array(await (await fetch(kept.body.downloadUrl)).arrayBuffer())).toEqual(PDF);
    expect((await keysInBucket()).filter((key) => key.includes(fileId))).toEqual([
      `files/${run.id}/${fileId}`,
    ]);
  }, 60_000);

  it('removes an exhibit as an event, keeps its number and its file', async () => {
    // Prepare
    const run = await createTrajectory(cloud);
    const first = await attach(run, PDF);
    const fileId = first.announced.body.file.id;

    // Act
    const removed = await cloud.request('POST', `/trajectories/${run.id}/files/${fileId}/remove`, {
      token: run.hr,
      body: { reason: 'Verkeerde klant; hoort niet bij dit dossier.' },
    });
    const twice = await cloud.request('POST', `/trajectories/${run.id}/files/${fileId}/remove`, {
      token: run.hr,
      body: { reason: 'Nog eens.' },
    });
    const next = await attach(run, PNG, { contentType: 'image/png', filename: 'b.png' });

    // Assess
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ status: 'removed', exhibit: 1 });
    expect(twice.status).toBe(409);
    expect(next.confirmed.body.exhibit).toBe(2);
    expect(eventTypes(await dossier(run))).toContain('file-removed');
    expect(await keysInBucket()).toContain(`files/${run.id}/${fileId}`);
  }, 60_000);
});

/** A real one-page PDF with a line of text, as a scanned letter would be. */
async function letter(text: string): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const page = document.addPage([595, 842]);
  page.drawText(text, { x: 72, y: 760, size: 14, font: await document.embedFont(StandardFonts.Helvetica) });
  return document.save();
}

/** A real 1×1 PNG. */
const PIXEL = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  ),
);

describe('the exhibits bundle', () => {
  it('is the dossier, citing each exhibit by number, followed by each exhibit behind its cover page', async () => {
    // Prepare: a letter (PDF) and a photo (PNG) with the identify step.
    const run = await createTrajectory(cloud);
    const pdf = await letter('Klachtbrief van de heer Jansen over de levertijd');
    await attach(run, pdf, { title: 'Klacht van klant Jansen', filename: 'klacht.pdf' });
    await attach(run, PIXEL, {
      title: 'Foto van het planbord',
      filename: 'planbord.png',
      contentType: 'image/png',
    });
    const plain = new Uint8Array(
      await (
        await fetch(`${cloud.url}/trajectories/${run.id}/dossier.pdf`, {
          headers: { authorization: `Bearer ${run.hr}` },
        })
      ).arrayBuffer(),
    );

    // Act
    const answer = await cloud.request('GET', `/trajectories/${run.id}/bundle.pdf`, { token: run.manager });
    const download = await fetch(answer.headers.get('location') ?? '');
    const bundle = new Uint8Array(await download.arrayBuffer());

    // Assess
    expect(answer.status).toBe(303);
    expect(answer.body.url).toBe(answer.headers.get('location'));
    expect(download.headers.get('content-disposition')).toContain(`dossier-${run.id}-producties.pdf`);
    const text = (await pdfText(bundle)).replace(/\s+/g, ' ');
    // The dossier part names both, with the step they came with.
    expect(text).toContain('Productie 1: Klacht van klant Jansen');
    expect(text).toContain('Productie 2: Foto van het planbord');
    // Then each exhibit: its cover page with its checksum, then the letter itself.
    expect(text).toContain(`SHA-256: ${sha256(pdf)}`);
    expect(text).toContain(`SHA-256: ${sha256(PIXEL)}`);
    expect(text).toContain('Klachtbrief van de heer Jansen over de levertijd');
    expect(text.indexOf('Klachtbrief van de heer Jansen')).toBeGreaterThan(
      text.indexOf(`SHA-256: ${sha256(pdf)}`),
    );
    // The dossier's pages, a cover page and the letter's page, and the photo's page.
    expect((await pdfInfo(bundle)).pages).toBe((await pdfInfo(plain)).pages + 3);
    // The bundle is the manager's to download for a minute, and nobody else's.
    const other = await cloud.tokenFor(newPeople().manager.email, 'manager');
    expect((await cloud.request('GET', `/trajectories/${run.id}/bundle.pdf`, { token: other })).status).toBe(
      403,
    );
  }, 60_000);
});
