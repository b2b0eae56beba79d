/**
 * Documents attached through a mailed link, on the local cloud through the public contract: the
 * link reaches its own task of its own trajectory only, and only while that task is open; bad
 * uploads are refused in the trajectory's language and leave nothing in the bucket or the dossier;
 * a person removes only the files they added themselves.
 */
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfToken, SESSION_COOKIE } from '#shared/session-cookie.ts';
import { pdfText } from '../support/pdf-text.ts';
import {
  advanceTo,
  answer,
  createTrajectory,
  dossier,
  eventTypes,
  followUp,
  openTask,
  requestLink,
  startTestCloud,
  submit,
  throughPlan,
  today,
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
const PROGRAM = new TextEncoder().encode(
  'MZ\x90\x00\x03\x00\x00\x00 This program cannot be run in DOS mode.',
);
const json = { accept: 'application/json' };

const describeFile = (overrides: Record<string, unknown> = {}) => ({
  title: 'Klacht van klant Jansen',
  date: '2026-02-20',
  filename: 'klacht.pdf',
  contentType: 'application/pdf',
  size: PDF.length,
  ...overrides,
});

async function identifyLink(run: Run): Promise<string> {
  return requestLink(run, run.people.manager.email, (await openTask(run, 'identify')).id);
}

async function upload(form: { url: string; fields: Record<string, string> }, bytes: Uint8Array) {
  const data = new FormData();
  for (const [name, value] of Object.entries(form.fields)) data.append(name, value);
  data.append('file', new Blob([bytes]), 'upload');
  const response = await fetch(form.url, { method: 'POST', body: data });
  await response.arrayBuffer();
  return response.status;
}

const announce = (link: string, body: unknown) =>
  cloud.request('POST', `${link}/files`, { body, headers: json });
const confirm = (link: string, fileId: string) =>
  cloud.request('POST', `${link}/files/${fileId}/confirm`, { headers: json });

async function attach(link: string, bytes: Uint8Array, overrides: Record<string, unknown> = {}) {
  const announced = await announce(link, describeFile({ size: bytes.length, ...overrides }));
  expect(announced.status, JSON.stringify(announced.body)).toBe(201);
  expect(await upload(announced.body.upload, bytes)).toBeLessThan(300);
  return { announced, confirmed: await confirm(link, announced.body.file.id) };
}

async function keysOf(trajectoryId: string): Promise<string[]> {
  const listed = await bucket.send(new ListObjectsV2Command({ Bucket: cloud.endpoints.s3.bucket }));
  return (listed.Contents ?? [])
    .map((object) => object.Key ?? '')
    .filter((key) => key.includes(trajectoryId));
}

const filesOf = async (run: Run) =>
  (await cloud.request('GET', `/trajectories/${run.id}/files`, { token: run.hr })).body.files as {
    id: string;
    taskId: string;
    addedBy: string;
    status: string;
    exhibit?: number;
  }[];

describe('documents through a task’s link', () => {
  it('belong to the link’s own task, added by its person, as numbered exhibits', async () => {
    // Prepare
    const run = await createTrajectory(cloud);
    const link = await identifyLink(run);

    // Act
    const { confirmed } = await attach(link, PDF);
    const naming = await announce(link, describeFile({ taskId: 'plan-1' }));

    // Assess
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({ taskId: 'identify-1', addedBy: 'manager', exhibit: 1 });
    // The link names the task; a body that names another is refused, not redirected.
    expect(naming.status).toBe(400);
    expect(naming.body.error.fieldErrors.map((error: { path: string }) => error.path)).toEqual(['taskId']);
    expect(eventTypes(await dossier(run), 'identify-1')).toContain('file-attached');
  }, 60_000);

  it('refuses a file too large, of a type the dossier does not take, or a program renamed .pdf, leaving nothing', async () => {
    // Prepare
    const run = await createTrajectory(cloud);
    const link = await identifyLink(run);

    // Act
    const tooLarge = await announce(link, describeFile({ size: 11 * 1024 * 1024 }));
    const wrongType = await announce(
      link,
      describeFile({ filename: 'setup.exe', contentType: 'application/x-msdownload' }),
    );
    const renamed = await attach(link, PROGRAM, { filename: 'rooster.pdf' });
    const neverSent = await announce(link, describeFile());
    const unsent = await confirm(link, neverSent.body.file.id);

    // Assess: each on `file`, in the trajectory's language.
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.error.fieldErrors).toEqual([
      { path: 'file', message: 'Dit bestand is te groot; het mag hoogstens 10 MB zijn.' },
    ]);
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.fieldErrors[0].path).toBe('file');
    expect(wrongType.body.error.fieldErrors[0].message).toContain('past niet bij het soort bestand');
    expect(renamed.confirmed.status).toBe(400);
    expect(renamed.confirmed.body.error.fieldErrors[0].message).toContain('past niet bij het soort bestand');
    // An announcement whose upload never arrived goes too, with a word to try again.
    expect(unsent.status).toBe(400);
    expect(unsent.body.error.fieldErrors).toEqual([
      { path: 'file', message: 'Het document kon niet worden toegevoegd. Probeer het opnieuw.' },
    ]);
    expect(await filesOf(run)).toEqual([]);
    expect(await keysOf(run.id)).toEqual([]);
    expect(eventTypes(await dossier(run))).not.toContain('file-attached');
  }, 60_000);

  it('does not store what a reused form put, nor confirm a file of another trajectory', async () => {
    // Prepare
    const run = await createTrajectory(cloud);
    const other = await createTrajectory(cloud);
    const link = await identifyLink(run);
    const { announced } = await attach(link, PDF);
    const foreign = await cloud.request('POST', `/trajectories/${other.id}/files`, {
      token: other.hr,
      body: describeFile({ taskId: 'identify-1' }),
    });
    expect(foreign.status).toBe(201);

    // Act
    expect(await upload(announced.body.upload, PROGRAM)).toBeLessThan(300);
    const reused = await confirm(link, announced.body.file.id);
    const crossing = await confirm(link, foreign.body.file.id);

    // Assess
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('already_stored');
    expect((await keysOf(run.id)).filter((key) => key.startsWith('uploads/'))).toEqual([]);
    expect(crossing.status).toBe(404);
    // The other trajectory's file is untouched: still pending, for its own confirm.
    expect((await filesOf(other)).map((file) => file.status)).toEqual(['pending']);
  }, 60_000);

  it('takes no document once the task is answered, and drops an upload confirmed too late', async () => {
    // Prepare: an upload announced and sent, then the form answered before the check.
    const run = await createTrajectory(cloud);
    const link = await identifyLink(run);
    const announced = await announce(link, describeFile());
    expect(await upload(announced.body.upload, PDF)).toBeLessThan(300);
    const answered = await submit(run, link, {
      improvementAreas: [{ title: 'Planning', examples: ['Rapportage Q1 twee weken te laat.'] }],
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);

    // Act
    const late = await confirm(link, announced.body.file.id);
    const after = await announce(link, describeFile());

    // Assess
    expect(late.status).toBe(409);
    expect(after.status).toBe(409);
    expect(await filesOf(run)).toEqual([]);
    expect(await keysOf(run.id)).toEqual([]);
  }, 60_000);

  it('lets the person remove what they added, with a reason, and nothing HR added', async () => {
    // Prepare
    const run = await createTrajectory(cloud);
    const link = await identifyLink(run);
    const own = await attach(link, PDF);
    const byHr = await cloud.request('POST', `/trajectories/${run.id}/files`, {
      token: run.hr,
      body: describeFile({ taskId: 'identify-1', title: 'Verslag HR' }),
    });
    expect(await upload(byHr.body.upload, PDF)).toBeLessThan(300);
    const hrFile = await cloud.request('POST', `/trajectories/${run.id}/files/${byHr.body.file.id}/confirm`, {
      token: run.hr,
    });
    expect(hrFile.status).toBe(200);
    const reason = { reason: 'Verkeerd bestand gekozen.' };

    // Act
    const removed = await cloud.request('POST', `${link}/files/${own.announced.body.file.id}/remove`, {
      body: reason,
      headers: json,
    });
    const notOwn = await cloud.request('POST', `${link}/files/${byHr.body.file.id}/remove`, {
      body: reason,
      headers: json,
    });

    // Assess
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ status: 'removed', exhibit: 1 });
    expect(notOwn.status).toBe(404);
    expect((await filesOf(run)).map((file) => [file.exhibit, file.status])).toEqual([
      [1, 'removed'],
      [2, 'stored'],
    ]);
    expect(eventTypes(await dossier(run), 'identify-1')).toContain('file-removed');
    // The removed file itself is kept (legal hold): only its status changed.
    expect(await keysOf(run.id)).toContain(`files/${run.id}/${own.announced.body.file.id}`);
  }, 60_000);

  it('takes the employee’s document on their reaction link, as an exhibit of the reaction’s step', async () => {
    // Prepare: a follow-up reported, so the employee is invited to react.
    const run = await createTrajectory(cloud, { schedule: { termWeeks: 4 } });
    await throughPlan(run);
    const [meeting] = (await dossier(run)).meetings;
    await advanceTo(cloud, `${meeting.plannedOn}T12:00:00Z`);
    await answer(run, followUp(await today(cloud)), 'follow-up');
    const reaction = await openTask(run, 'follow-up-reaction');
    const link = await requestLink(run, run.people.employee.email, reaction.id);

    // Act
    const { confirmed } = await attach(link, PDF, { title: 'Mijn aantekeningen van het gesprek' });
    const reacted = await submit(run, link, { reaction: 'Mijn aantekeningen wijken af; zie de productie.' });

    // Assess: the employee's file, of the reaction's step, numbered, and cited in the dossier.
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({ taskId: reaction.id, addedBy: 'employee', exhibit: 1 });
    expect(reacted.status, JSON.stringify(reacted.body)).toBe(200);
    expect(
      (await filesOf(run)).map((file) => [file.taskId, file.addedBy, file.status, file.exhibit]),
    ).toEqual([[reaction.id, 'employee', 'stored', 1]]);
    expect(eventTypes(await dossier(run), reaction.id)).toContain('file-attached');
    const pdf = await fetch(`${cloud.url}/trajectories/${run.id}/dossier.pdf`, {
      headers: { authorization: `Bearer ${run.hr}` },
    });
    expect(pdf.status).toBe(200);
    const text = (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(text).toContain('Productie 1: Mijn aantekeningen van het gesprek');
  }, 120_000);
});

describe('documents on the signed-in dashboard’s task page', () => {
  /** What the task page's script sends: the session cookie and its CSRF token, from this site. */
  const asPage = (token: string, withCsrf = true) => ({
    cookie: `${SESSION_COOKIE}=${token}`,
    'sec-fetch-site': 'same-origin',
    ...(withCsrf ? { 'x-csrf-token': csrfToken(token) } : {}),
  });
  const taskFiles = (run: Run, taskId = 'identify-1') => `/dossiers/${run.id}/tasks/${taskId}/files`;

  it('stores the manager’s document as an exhibit of the task, and lets them remove it', async () => {
    // Prepare
    const run = await createTrajectory(cloud);
    const headers = asPage(run.manager);

    // Act
    const withoutToken = await cloud.request('POST', taskFiles(run), {
      body: describeFile(),
      headers: asPage(run.manager, false),
    });
    const announced = await cloud.request('POST', taskFiles(run), { body: describeFile(), headers });
    expect(announced.status, JSON.stringify(announced.body)).toBe(201);
    expect(await upload(announced.body.upload, PDF)).toBeLessThan(300);
    const fileId = announced.body.file.id as string;
    const confirmed = await cloud.request('POST', `${taskFiles(run)}/${fileId}/confirm`, { headers });
    const hrOnManagersTask = await cloud.request('POST', `${taskFiles(run)}/${fileId}/remove`, {
      body: { reason: 'Niet van mij.' },
      headers: asPage(run.hr),
    });
    const removed = await cloud.request('POST', `${taskFiles(run)}/${fileId}/remove`, {
      body: { reason: 'Verkeerd bestand gekozen.' },
      headers,
    });

    // Assess
    expect(withoutToken.status).toBe(403);
    expect(withoutToken.body.error.code).toBe('forbidden');
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({ taskId: 'identify-1', addedBy: 'manager', exhibit: 1 });
    expect(hrOnManagersTask.status).toBe(403);
    expect(removed.status).toBe(200);
    expect((await filesOf(run)).map((file) => [file.taskId, file.status, file.exhibit])).toEqual([
      ['identify-1', 'removed', 1],
    ]);
    expect(eventTypes(await dossier(run), 'identify-1')).toEqual(
      expect.arrayContaining(['file-attached', 'file-removed']),
    );
  }, 60_000);

  it('takes nothing once the task is answered, and drops an upload confirmed too late', async () => {
    // Prepare
    const run = await createTrajectory(cloud);
    const headers = asPage(run.manager);
    const announced = await cloud.request('POST', taskFiles(run), { body: describeFile(), headers });
    expect(await upload(announced.body.upload, PDF)).toBeLessThan(300);
    await submit(run, await identifyLink(run), {
      improvementAreas: [{ title: 'Planning', examples: ['Rapportage Q1 twee weken te laat.'] }],
    });

    // Act
    const late = await cloud.request('POST', `${taskFiles(run)}/${announced.body.file.id}/confirm`, {
      headers,
    });
    const after = await cloud.request('POST', taskFiles(run), { body: describeFile(), headers });

    // Assess
    expect(late.status).toBe(409);
    expect(after.status).toBe(409);
    expect(await filesOf(run)).toEqual([]);
    expect(await keysOf(run.id)).toEqual([]);
  }, 60_000);
});
