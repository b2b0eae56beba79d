/**
 * Real answers of the local cloud against docs/openapi.json: every route, called as a client would
 * with good and with bad input, answers with a status the description lists for it, in a media
 * type it lists for that status, with a JSON body that fits the schema and the headers it calls
 * required. The last test checks that every route was met, well and badly.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '#api/routes.ts';
import { csrfToken, SESSION_COOKIE } from '#shared/session-cookie.ts';
import { DESCRIPTION_FILE, readDescription, schemaCheck, undescribed } from '../support/openapi.ts';
import {
  conversation,
  copyPathIn,
  dossier,
  IDENTIFY,
  newPeople,
  openTask,
  PLAN,
  requestLink,
  settle,
  startTestCloud,
  throughPlan,
  today,
  type People,
  type Run,
  type TestCloud,
} from './support.ts';

const description = readDescription();
const check = schemaCheck(description);

let cloud: TestCloud;
/**
 * Per route, whether it was met with a request it took (`ok`) and one it refused (`refused`: a
 * 4xx, or a page's redirect to the sign-in for want of a session).
 */
const met = new Map<string, Set<'ok' | 'refused'>>();

beforeAll(async () => {
  cloud = await startTestCloud();
});

afterAll(async () => {
  await cloud?.dispose();
});

interface Call {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * `method path` against the local cloud; `route` is its path template in ROUTES. The answer must
 * be described, and it is returned for the test's own checks.
 */
async function call(route: string, path: string, options: Call = {}) {
  const [method, template] = route.split(' ') as [string, string];
  const answer = await cloud.request(method, path, options);
  expect(
    undescribed(description, check, { method, path: template, ...answer }),
    `${route} (${path}): ${String(JSON.stringify(answer.body)).slice(0, 300)}`,
  ).toEqual([]);
  const toSignIn = answer.status === 303 && answer.headers.get('location')?.startsWith('/sign-in');
  const outcomes = met.get(route) ?? new Set();
  outcomes.add(answer.status >= 400 || (toSignIn && template !== '/sign-in') ? 'refused' : 'ok');
  met.set(route, outcomes);
  return answer;
}

const json = { accept: 'application/json' };
const browser = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  body: new URLSearchParams(fields).toString(),
  headers: {
    'content-type': 'application/x-www-form-urlencoded',
    'sec-fetch-site': 'same-origin',
    ...browser,
    ...headers,
  },
});
const session = (token: string) => ({ cookie: `${SESSION_COOKIE}=${token}` });
const unknownToken = () => randomBytes(32).toString('base64url');

function trajectoryBody(people: People) {
  return { ...people, reason: 'Afspraken met klanten worden herhaaldelijk niet nagekomen.' };
}

/** A trajectory started through the API, its first task open and mailed. */
async function start(): Promise<Run> {
  const people = newPeople();
  const hr = await cloud.tokenFor(people.hrAdvisor.email, 'hr');
  const manager = await cloud.tokenFor(people.manager.email, 'manager');
  const created = await call('POST /trajectories', '/trajectories', {
    token: hr,
    body: trajectoryBody(people),
  });
  expect(created.status).toBe(201);
  await settle(cloud);
  return { cloud, id: created.body.id as string, people, hr, manager };
}

async function linkOf(run: Run, kind: string): Promise<string> {
  const task = await openTask(run, kind);
  const email = kind === 'employee-response' ? run.people.employee.email : run.people.manager.email;
  return requestLink(run, email, task.id);
}

describe('the JSON API for HR and managers', () => {
  it('answers starting, listing, reading and exporting as described', async () => {
    // Prepare
    const people = newPeople();
    const hr = await cloud.tokenFor(people.hrAdvisor.email, 'hr');
    const manager = await cloud.tokenFor(people.manager.email, 'manager');
    const body = trajectoryBody(people);
    const key = { 'idempotency-key': `openapi-${randomUUID()}` };

    // Act and assess
    const created = await call('POST /trajectories', '/trajectories', { token: hr, body, headers: key });
    expect(created.status).toBe(201);
    const replay = await call('POST /trajectories', '/trajectories', { token: hr, body, headers: key });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const reused = { token: hr, body: { ...body, reason: 'Iets anders.' }, headers: key };
    expect((await call('POST /trajectories', '/trajectories', reused)).status).toBe(422);
    const invalid = await call('POST /trajectories', '/trajectories', {
      token: hr,
      body: { ...body, employee: { name: '' }, locale: 'de' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.fieldErrors.length).toBeGreaterThan(0);
    expect((await call('POST /trajectories', '/trajectories', { body })).status).toBe(401);
    expect((await call('POST /trajectories', '/trajectories', { token: manager, body })).status).toBe(403);
    const text = { token: hr, body: JSON.stringify(body), headers: { 'content-type': 'text/plain' } };
    expect((await call('POST /trajectories', '/trajectories', text)).status).toBe(415);
    const huge = { token: hr, body: { ...body, reason: 'x'.repeat(70 * 1024) } };
    expect((await call('POST /trajectories', '/trajectories', huge)).status).toBe(413);
    await settle(cloud);
    const id = created.body.id as string;

    expect((await call('GET /trajectories', '/trajectories?limit=5', { token: hr })).status).toBe(200);
    expect((await call('GET /trajectories', '/trajectories?status=active', { token: manager })).status).toBe(
      200,
    );
    expect((await call('GET /trajectories', '/trajectories?limit=0', { token: hr })).status).toBe(400);

    const dossier = await call('GET /trajectories/{id}', `/trajectories/${id}`, { token: hr });
    expect(dossier.status).toBe(200);
    expect(dossier.body.tasks.length).toBeGreaterThan(0);
    expect((await call('GET /trajectories/{id}', `/trajectories/${id}`, { token: manager })).status).toBe(
      200,
    );
    const nobody = `/trajectories/${randomUUID()}`;
    expect((await call('GET /trajectories/{id}', nobody, { token: hr })).status).toBe(404);
    expect((await call('GET /trajectories/{id}', nobody, { token: manager })).status).toBe(403);

    const pdf = `/trajectories/${id}/dossier.pdf`;
    expect((await call('GET /trajectories/{id}/dossier.pdf', pdf, { token: hr })).status).toBe(200);
    const noPdf = `/trajectories/${randomUUID()}/dossier.pdf`;
    expect((await call('GET /trajectories/{id}/dossier.pdf', noPdf, { token: hr })).status).toBe(404);
    const report = 'GET /trajectories/{id}/completeness.pdf';
    expect((await call(report, `/trajectories/${id}/completeness.pdf`, { token: hr })).status).toBe(200);
    expect((await call(report, `/trajectories/${randomUUID()}/completeness.pdf`, { token: hr })).status).toBe(
      404,
    );

    expect((await call('GET /trajectories.csv', '/trajectories.csv?lang=en', { token: hr })).status).toBe(
      200,
    );
    expect((await call('GET /trajectories.csv', '/trajectories.csv?lang=de', { token: hr })).status).toBe(
      400,
    );
  });
});

describe('the action links and HR’s actions', () => {
  it('answer seeing, answering, moving, pausing, resuming and cancelling as described', async () => {
    // Prepare
    const run = await start();
    const identify = await linkOf(run, 'identify');
    const action = (method: 'GET' | 'POST') => `${method} /actions/{token}`;

    // Act and assess: the link
    const open = await call(action('GET'), identify, { headers: json });
    expect(open.body).toMatchObject({ task: 'identify', status: 'open', context: expect.any(Object) });
    expect((await call(action('GET'), identify, { headers: browser })).status).toBe(200);
    expect((await call(action('GET'), `/actions/${unknownToken()}`, { headers: json })).status).toBe(404);
    expect((await call(action('GET'), `/actions/${unknownToken()}`, { headers: browser })).status).toBe(404);

    expect(
      (await call(action('POST'), identify, { body: { improvementAreas: [] }, headers: json })).status,
    ).toBe(400);
    expect(
      (await call(action('POST'), identify, form({ 'improvementAreas[0][title]': 'Plannen' }))).status,
    ).toBe(400);
    const crossSite = form({ 'improvementAreas[0][title]': 'x' }, { 'sec-fetch-site': 'cross-site' });
    expect((await call(action('POST'), identify, crossSite)).status).toBe(403);
    const plain = { body: 'hallo', headers: { 'content-type': 'text/plain', ...json } };
    expect((await call(action('POST'), identify, plain)).status).toBe(415);
    const huge = {
      body: { improvementAreas: [{ title: 'x'.repeat(70 * 1024), examples: ['y'] }] },
      headers: json,
    };
    expect((await call(action('POST'), identify, huge)).status).toBe(413);
    const unknown = `/actions/${unknownToken()}`;
    expect((await call(action('POST'), unknown, { body: IDENTIFY, headers: json })).status).toBe(404);
    expect((await call(action('POST'), identify, { body: IDENTIFY, headers: json })).status).toBe(200);
    expect((await call(action('POST'), identify, { body: IDENTIFY, headers: json })).status).toBe(409);
    const done = await call(action('GET'), identify, { headers: json });
    expect(done.body).toMatchObject({ status: 'done' });
    expect(done.body).not.toHaveProperty('context');
    await settle(cloud);

    // A browser's form: recorded, and back to the link.
    const heldOn = await today(cloud);
    const fields = Object.fromEntries(Object.entries(conversation(heldOn)));
    const conversationLink = await linkOf(run, 'conversation');
    expect((await call(action('POST'), conversationLink, form(fields))).status).toBe(303);
    await settle(cloud);

    // HR moves a deadline.
    const plan = await openTask(run, 'plan');
    const extend = 'POST /trajectories/{id}/tasks/{taskId}/extend';
    const extendPath = `/trajectories/${run.id}/tasks/${plan.id}/extend`;
    expect((await call(extend, extendPath, { token: run.hr, body: { days: 3 } })).status).toBe(200);
    expect((await call(extend, extendPath, { token: run.hr, body: { days: 0 } })).status).toBe(400);
    expect((await call(extend, extendPath, { token: run.manager, body: { days: 3 } })).status).toBe(403);
    const noTask = `/trajectories/${run.id}/tasks/plan-9/extend`;
    expect((await call(extend, noTask, { token: run.hr, body: { days: 3 } })).status).toBe(404);

    // Pause, an answer while paused, resume.
    const planLink = await linkOf(run, 'plan');
    const pause = 'POST /trajectories/{id}/pause';
    const resume = 'POST /trajectories/{id}/resume';
    const reason = { reason: 'Ziekmelding.' };
    expect((await call(pause, `/trajectories/${run.id}/pause`, { token: run.hr, body: {} })).status).toBe(
      400,
    );
    expect((await call(pause, `/trajectories/${run.id}/pause`, { token: run.hr, body: reason })).status).toBe(
      200,
    );
    expect((await call(pause, `/trajectories/${run.id}/pause`, { token: run.hr, body: reason })).status).toBe(
      409,
    );
    const whilePaused = await call(action('POST'), planLink, { body: PLAN, headers: json });
    expect(whilePaused.status).toBe(409);
    expect(whilePaused.body.error.code).toBe('paused');
    const draft = 'POST /actions/{token}/draft';
    const halfPlan = { body: { goals: [{ title: 'Offertes op tijd' }] }, headers: json };
    expect((await call(draft, `${planLink}/draft`, halfPlan)).status).toBe(409);
    await cloud.advance({ days: 2 });
    const resumed = await call(resume, `/trajectories/${run.id}/resume`, { token: run.hr });
    expect(resumed.status).toBe(200);
    expect(resumed.body.pausedDays).toBeGreaterThan(0);
    expect((await call(resume, `/trajectories/${run.id}/resume`, { token: run.hr })).status).toBe(409);
    expect((await call(resume, `/trajectories/${randomUUID()}/resume`, { token: run.hr })).status).toBe(404);
    await settle(cloud);
    expect((await call(draft, `${planLink}/draft`, halfPlan)).status).toBe(200);

    // The employee's own copy: HR mails a fresh link; a manager may not.
    const copy = 'POST /trajectories/{id}/employee-copy';
    expect((await call(copy, `/trajectories/${run.id}/employee-copy`, { token: run.hr })).status).toBe(201);
    expect((await call(copy, `/trajectories/${randomUUID()}/employee-copy`, { token: run.hr })).status).toBe(
      404,
    );
    await settle(cloud);
    const copyMail = (await cloud.outbox(run.people.employee.email)).at(-1);
    const copyPath = copyPathIn(copyMail?.text ?? '', cloud.url);
    expect(copyPath).toBeDefined();
    expect((await call('GET /copy/{token}', copyPath!, {})).status).toBe(200);
    expect((await call('GET /copy/{token}', `/copy/${'x'.repeat(43)}`, {})).status).toBe(404);
    const copyPdf = 'GET /copy/{token}/dossier.pdf';
    expect((await call(copyPdf, `${copyPath!}/dossier.pdf`, {})).status).toBe(200);
    expect((await call(copyPdf, `/copy/${'x'.repeat(43)}/dossier.pdf`, {})).status).toBe(404);
    // HR revokes every copy link: the one just read answers 410 from then on.
    const revoke = 'POST /trajectories/{id}/employee-copy/revoke';
    expect(
      (await call(revoke, `/trajectories/${run.id}/employee-copy/revoke`, { token: run.hr })).status,
    ).toBe(200);
    expect(
      (await call(revoke, `/trajectories/${run.id}/employee-copy/revoke`, { token: run.manager })).status,
    ).toBe(403);
    expect((await call('GET /copy/{token}', copyPath!, {})).status).toBe(410);
    expect((await call(copyPdf, `${copyPath!}/dossier.pdf`, {})).status).toBe(410);

    // Keeping the dossier: a legal hold, its lift, the end of the employment.
    const hold = 'POST /trajectories/{id}/legal-hold';
    const lift = 'POST /trajectories/{id}/legal-hold/lift';
    const employmentEnd = 'POST /trajectories/{id}/employment-end';
    const why = { reason: 'Geschil aangekondigd.' };
    expect((await call(hold, `/trajectories/${run.id}/legal-hold`, { token: run.hr, body: {} })).status).toBe(
      400,
    );
    expect(
      (await call(hold, `/trajectories/${run.id}/legal-hold`, { token: run.hr, body: why })).status,
    ).toBe(200);
    expect(
      (await call(hold, `/trajectories/${run.id}/legal-hold`, { token: run.hr, body: why })).status,
    ).toBe(409);
    expect(
      (await call(lift, `/trajectories/${run.id}/legal-hold/lift`, { token: run.hr, body: why })).status,
    ).toBe(200);
    expect(
      (await call(lift, `/trajectories/${run.id}/legal-hold/lift`, { token: run.hr, body: why })).status,
    ).toBe(409);
    const endsOn = { endedOn: await today(cloud) };
    expect(
      (await call(employmentEnd, `/trajectories/${run.id}/employment-end`, { token: run.hr, body: endsOn }))
        .status,
    ).toBe(200);
    expect(
      (await call(employmentEnd, `/trajectories/${run.id}/employment-end`, { token: run.hr, body: {} }))
        .status,
    ).toBe(400);
    expect(
      (
        await call(employmentEnd, `/trajectories/${randomUUID()}/employment-end`, {
          token: run.hr,
          body: endsOn,
        })
      ).status,
    ).toBe(404);

    // Proof of receipt: a document handed over in person.
    const receipts = 'POST /trajectories/{id}/receipts';
    const handedOver = { document: 'other', handedOverOn: await today(cloud), witness: 'Karin de Groot' };
    expect(
      (await call(receipts, `/trajectories/${run.id}/receipts`, { token: run.hr, body: handedOver })).status,
    ).toBe(200);
    expect(
      (await call(receipts, `/trajectories/${run.id}/receipts`, { token: run.hr, body: {} })).status,
    ).toBe(400);
    expect(
      (await call(receipts, `/trajectories/${randomUUID()}/receipts`, { token: run.hr, body: handedOver }))
        .status,
    ).toBe(404);

    // Evidence files: announce, upload, confirm, read, remove; and the refusals.
    const files = `/trajectories/${run.id}/files`;
    const pdf = new TextEncoder().encode('%PDF-1.7\n%%EOF\n');
    const announce = { title: 'Klacht', date: await today(cloud), taskId: 'identify-1', filename: 'k.pdf' };
    const announced = await call('POST /trajectories/{id}/files', files, {
      token: run.hr,
      body: { ...announce, contentType: 'application/pdf', size: pdf.length },
    });
    expect(announced.status).toBe(201);
    const upload = new FormData();
    for (const [name, value] of Object.entries(announced.body.upload.fields as Record<string, string>)) {
      upload.append(name, value);
    }
    upload.append('file', new Blob([pdf]));
    expect((await fetch(announced.body.upload.url, { method: 'POST', body: upload })).ok).toBe(true);
    const fileId = announced.body.file.id as string;
    const confirmRoute = 'POST /trajectories/{id}/files/{fileId}/confirm';
    expect((await call(confirmRoute, `${files}/${fileId}/confirm`, { token: run.hr })).status).toBe(200);
    expect((await call(confirmRoute, `${files}/${fileId}/confirm`, { token: run.hr })).status).toBe(409);
    expect((await call('GET /trajectories/{id}/files', files, { token: run.hr })).status).toBe(200);
    expect((await call('GET /trajectories/{id}/files', files, { token: 'nope' })).status).toBe(401);
    expect(
      (await call('GET /trajectories/{id}/files/{fileId}', `${files}/${fileId}`, { token: run.hr })).status,
    ).toBe(200);
    expect(
      (await call('GET /trajectories/{id}/files/{fileId}', `${files}/nothing`, { token: run.hr })).status,
    ).toBe(404);
    expect(
      (await call('POST /trajectories/{id}/files', files, { token: run.hr, body: { ...announce, size: 0 } }))
        .status,
    ).toBe(400);
    const bundle = await call('GET /trajectories/{id}/bundle.pdf', `/trajectories/${run.id}/bundle.pdf`, {
      token: run.hr,
    });
    expect(bundle.status).toBe(303);
    expect(
      (await call('GET /trajectories/{id}/bundle.pdf', `/trajectories/${run.id}/bundle.pdf`)).status,
    ).toBe(401);
    const removeRoute = 'POST /trajectories/{id}/files/{fileId}/remove';
    const removal = { reason: 'Hoort niet bij dit dossier.' };
    expect(
      (await call(removeRoute, `${files}/${fileId}/remove`, { token: run.hr, body: removal })).status,
    ).toBe(200);
    expect(
      (await call(removeRoute, `${files}/${fileId}/remove`, { token: run.hr, body: removal })).status,
    ).toBe(409);

    // The same through the plan's link, for its own task: announce, upload, confirm, remove.
    const linkFiles = `${planLink}/files`;
    const linkAnnounced = await call('POST /actions/{token}/files', linkFiles, {
      headers: json,
      body: {
        title: 'Verslag',
        date: await today(cloud),
        filename: 'v.pdf',
        contentType: 'application/pdf',
        size: pdf.length,
      },
    });
    expect(linkAnnounced.status).toBe(201);
    const linkUpload = new FormData();
    for (const [name, value] of Object.entries(linkAnnounced.body.upload.fields as Record<string, string>)) {
      linkUpload.append(name, value);
    }
    linkUpload.append('file', new Blob([pdf]));
    expect((await fetch(linkAnnounced.body.upload.url, { method: 'POST', body: linkUpload })).ok).toBe(true);
    const linkFileId = linkAnnounced.body.file.id as string;
    const linkConfirm = 'POST /actions/{token}/files/{fileId}/confirm';
    expect((await call(linkConfirm, `${linkFiles}/${linkFileId}/confirm`, { headers: json })).status).toBe(
      200,
    );
    expect((await call(linkConfirm, `${linkFiles}/nothing/confirm`, { headers: json })).status).toBe(404);
    expect(
      (await call('POST /actions/{token}/files', linkFiles, { headers: json, body: { ...announce } })).status,
    ).toBe(400);
    const linkRemove = 'POST /actions/{token}/files/{fileId}/remove';
    expect(
      (await call(linkRemove, `${linkFiles}/${linkFileId}/remove`, { headers: json, body: removal })).status,
    ).toBe(200);
    expect(
      (await call(linkRemove, `${linkFiles}/${linkFileId}/remove`, { headers: json, body: {} })).status,
    ).toBe(400);

    // Cancel; the link is gone for good.
    const cancel = 'POST /trajectories/{id}/cancel';
    const cancelPath = `/trajectories/${run.id}/cancel`;
    expect((await call(cancel, cancelPath, { token: run.hr, body: { reason: '' } })).status).toBe(400);
    const cancelled = await call(cancel, cancelPath, { token: run.hr, body: { reason: 'Dubbel.' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await call(cancel, cancelPath, { token: run.hr, body: { reason: 'Dubbel.' } })).status).toBe(409);
    expect((await call(action('POST'), planLink, { body: PLAN, headers: json })).status).toBe(410);
    expect((await call(action('GET'), planLink, { headers: json })).body).toMatchObject({ status: 'closed' });
  });
});

describe('the dashboard', () => {
  it('answers its pages, downloads and forms as described', async () => {
    // Prepare
    const run = await start();
    const hr = session(run.hr);
    const manager = session(run.manager);
    const csrf = { csrf: csrfToken(run.hr) };
    const dossier = `/dossiers/${run.id}`;
    const nobody = `/dossiers/${randomUUID()}`;
    const identify = await openTask(run, 'identify');

    // Act and assess: pages and downloads
    expect((await call('GET /', '/?status=active&attention=1', { headers: hr })).status).toBe(200);
    expect((await call('GET /', '/?status=nonsense', { headers: manager })).status).toBe(200);
    expect((await call('GET /', '/')).status).toBe(303);
    expect((await call('GET /start', '/start', { headers: hr })).status).toBe(200);
    expect((await call('GET /start', '/start', { headers: manager })).status).toBe(403);
    expect((await call('GET /dossiers/{id}', dossier, { headers: hr })).status).toBe(200);
    expect((await call('GET /dossiers/{id}', nobody, { headers: hr })).status).toBe(404);
    expect((await call('GET /dossiers/{id}/print', `${dossier}/print`, { headers: manager })).status).toBe(
      200,
    );
    expect((await call('GET /dossiers/{id}/print', `${nobody}/print`, { headers: hr })).status).toBe(404);
    const report = 'GET /dossiers/{id}/completeness';
    expect((await call(report, `${dossier}/completeness`, { headers: hr })).status).toBe(200);
    expect((await call(report, `${dossier}/completeness`, { headers: manager })).status).toBe(403);
    const reportPdf = 'GET /dossiers/{id}/completeness.pdf';
    expect((await call(reportPdf, `${dossier}/completeness.pdf`, { headers: hr })).status).toBe(200);
    expect((await call(reportPdf, `${dossier}/completeness.pdf`, { headers: manager })).status).toBe(403);
    const pdf = 'GET /dossiers/{id}/dossier.pdf';
    expect((await call(pdf, `${dossier}/dossier.pdf`, { headers: hr })).status).toBe(200);
    expect((await call(pdf, `${nobody}/dossier.pdf`, { headers: hr })).status).toBe(404);
    expect((await call('GET /dossiers.csv', '/dossiers.csv?lang=en', { headers: hr })).status).toBe(200);
    expect((await call('GET /dossiers.csv', '/dossiers.csv')).status).toBe(303);

    // Forms
    const post = (route: string, path: string, fields: Record<string, string>) => {
      const request = form(fields);
      return call(route, path, { ...request, headers: { ...request.headers, ...hr } });
    };
    const people = newPeople();
    const startForm = {
      ...csrf,
      'employee[name]': people.employee.name,
      'employee[email]': people.employee.email,
      'manager[name]': people.manager.name,
      'manager[email]': people.manager.email,
      'hrAdvisor[name]': people.hrAdvisor.name,
      'hrAdvisor[email]': people.hrAdvisor.email,
      reason: 'Afspraken worden niet nagekomen.',
    };
    expect((await post('POST /start', '/start', startForm)).status).toBe(200);
    expect((await post('POST /start', '/start', { ...startForm, edit: '1' })).status).toBe(200);
    expect((await post('POST /start', '/start', { ...startForm, confirm: '1' })).status).toBe(303);
    expect((await post('POST /start', '/start', { ...startForm, reason: '' })).status).toBe(400);
    expect((await post('POST /start', '/start', { ...startForm, csrf: 'nope' })).status).toBe(403);

    const pauseRoute = 'POST /dossiers/{id}/pause';
    expect((await post(pauseRoute, `${dossier}/pause`, { ...csrf, pauseReason: '' })).status).toBe(400);
    expect((await post(pauseRoute, `${dossier}/pause`, { ...csrf, pauseReason: 'Ziek.' })).status).toBe(303);
    expect((await post('POST /dossiers/{id}/resume', `${dossier}/resume`, csrf)).status).toBe(303);
    expect((await post('POST /dossiers/{id}/resume', `${dossier}/resume`, csrf)).status).toBe(409);
    const copyForm = 'POST /dossiers/{id}/employee-copy';
    expect((await post(copyForm, `${dossier}/employee-copy`, csrf)).status).toBe(303);
    expect((await post(copyForm, `${dossier}/employee-copy`, { csrf: 'nope' })).status).toBe(403);
    const revokeForm = 'POST /dossiers/{id}/employee-copy/revoke';
    expect((await post(revokeForm, `${dossier}/employee-copy/revoke`, csrf)).status).toBe(303);
    expect((await post(revokeForm, `${nobody}/employee-copy/revoke`, csrf)).status).toBe(404);
    const extendRoute = 'POST /dossiers/{id}/tasks/{taskId}/extend';
    const extendPath = `${dossier}/tasks/${identify.id}/extend`;
    expect((await post(extendRoute, extendPath, { ...csrf, days: '0' })).status).toBe(400);
    expect((await post(extendRoute, extendPath, { ...csrf, days: '2' })).status).toBe(303);
    // The manager answers their task on the dashboard: refused, then recorded, then done.
    const taskRoute = 'GET /dossiers/{id}/tasks/{taskId}';
    const taskPath = `${dossier}/tasks/${identify.id}`;
    expect((await call(taskRoute, taskPath, { headers: manager })).status).toBe(200);
    expect((await call(taskRoute, taskPath, { headers: hr })).status).toBe(403);
    const answerRoute = 'POST /dossiers/{id}/tasks/{taskId}';
    const answer = (fields: Record<string, string>) => {
      const request = form({ csrf: csrfToken(run.manager), ...fields });
      return call(answerRoute, taskPath, { ...request, headers: { ...request.headers, ...manager } });
    };
    const areas = {
      'improvementAreas[0][title]': 'Planning',
      'improvementAreas[0][examples][]': 'Rapportage twee weken te laat.',
    };
    const keep = (fields: Record<string, string>) => {
      const request = form({ csrf: csrfToken(run.manager), ...fields });
      const route = 'POST /dossiers/{id}/tasks/{taskId}/draft';
      return call(route, `${taskPath}/draft`, { ...request, headers: { ...request.headers, ...manager } });
    };
    expect((await keep(areas)).status).toBe(303);
    // A document on the task's page: announce, upload, confirm, remove, with the session's CSRF header.
    const script = (route: string, path: string, body?: object) =>
      call(route, path, {
        headers: { ...manager, 'x-csrf-token': csrfToken(run.manager) },
        ...(body && { body }),
      });
    const letter = new TextEncoder().encode('%PDF-1.7\n%%EOF\n');
    const pageFiles = `${taskPath}/files`;
    const announceRoute = 'POST /dossiers/{id}/tasks/{taskId}/files';
    const announced = await script(announceRoute, pageFiles, {
      title: 'Beoordeling',
      date: await today(cloud),
      filename: 'b.pdf',
      contentType: 'application/pdf',
      size: letter.length,
    });
    expect(announced.status).toBe(201);
    expect((await script(announceRoute, pageFiles, {})).status).toBe(400);
    const upload = new FormData();
    for (const [name, value] of Object.entries(announced.body.upload.fields as Record<string, string>)) {
      upload.append(name, value);
    }
    upload.append('file', new Blob([letter]));
    expect((await fetch(announced.body.upload.url, { method: 'POST', body: upload })).ok).toBe(true);
    const pageFileId = announced.body.file.id as string;
    const pageConfirm = 'POST /dossiers/{id}/tasks/{taskId}/files/{fileId}/confirm';
    expect((await script(pageConfirm, `${pageFiles}/${pageFileId}/confirm`)).status).toBe(200);
    expect((await script(pageConfirm, `${pageFiles}/nothing/confirm`)).status).toBe(404);
    const pageRemove = 'POST /dossiers/{id}/tasks/{taskId}/files/{fileId}/remove';
    expect((await script(pageRemove, `${pageFiles}/${pageFileId}/remove`, {})).status).toBe(400);
    expect(
      (await script(pageRemove, `${pageFiles}/${pageFileId}/remove`, { reason: 'Verkeerd bestand.' })).status,
    ).toBe(200);
    expect((await answer({})).status).toBe(400);
    expect((await answer(areas)).status).toBe(303);
    expect((await answer(areas)).status).toBe(409);
    expect((await keep(areas)).status).toBe(409);
    await settle(cloud);
    const cancelRoute = 'POST /dossiers/{id}/cancel';
    expect((await post(cancelRoute, `${nobody}/cancel`, { ...csrf, reason: 'Dubbel.' })).status).toBe(404);
    expect((await post(cancelRoute, `${dossier}/cancel`, { ...csrf, reason: '' })).status).toBe(400);
    const cancelForm = { ...csrf, reason: 'Dubbel.', internalNote: 'Alleen voor HR.' };
    expect((await post(cancelRoute, `${dossier}/cancel`, cancelForm)).status).toBe(200);
    expect((await post(cancelRoute, `${dossier}/cancel`, { ...cancelForm, confirm: '1' })).status).toBe(303);
    await settle(cloud);
  });
});

describe('sign-in and the public routes', () => {
  it('answer as described, and /openapi.json is docs/openapi.json', async () => {
    expect((await call('GET /sign-in', '/sign-in')).status).toBe(303);
    // Locally there is no Hosted UI to return from.
    expect((await call('GET /auth/callback', '/auth/callback?code=x&state=y')).status).toBe(404);
    const signOut = form({ csrf: 'nope' });
    expect((await call('POST /sign-out', '/sign-out', signOut)).status).toBe(303);

    const css = await call('GET /static/{file}', '/static/app.css');
    expect(css.status).toBe(200);
    const etag = css.headers.get('etag') ?? '';
    expect(
      (await call('GET /static/{file}', '/static/app.css', { headers: { 'if-none-match': etag } })).status,
    ).toBe(304);
    expect((await call('GET /static/{file}', '/static/nothing.css')).status).toBe(404);

    const served = await call('GET /openapi.json', '/openapi.json');
    expect(served.status).toBe(200);
    expect(served.body).toEqual(JSON.parse(readFileSync(DESCRIPTION_FILE, 'utf8')));
  });
});

describe('coverage', () => {
  /** Routes that cannot be met well or badly here, and why. */
  const NO_SUCCESS: Record<string, string> = {
    'GET /auth/callback': 'the local cloud has no Hosted UI to return from',
  };
  const NO_REFUSAL: Record<string, string> = {
    'GET /openapi.json': 'it takes no input',
    'GET /sign-in': 'it sends everyone on to the sign-in',
    'POST /sign-out': 'it sends everyone on, signed out or not',
  };

  it('answers a change of the acknowledged plan as described', async () => {
    // Prepare: a trajectory in its term.
    const run = await start();
    await throughPlan(run);
    const route = 'POST /trajectories/{id}/plan-changes';
    const path = `/trajectories/${run.id}/plan-changes`;

    // Act and assess: refused without a reason or for an unknown trajectory; opened with one.
    expect((await call(route, path, { token: run.hr, body: {} })).status).toBe(400);
    const unknown = `/trajectories/${randomUUID()}/plan-changes`;
    expect((await call(route, unknown, { token: run.hr, body: { reason: 'Anders verdeeld.' } })).status).toBe(
      404,
    );
    const opened = await call(route, path, { token: run.hr, body: { reason: 'Anders verdeeld.' } });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ kind: 'plan', change: { number: 1, reason: 'Anders verdeeld.' } });
    expect((await call(route, path, { token: run.hr, body: { reason: 'Nog iets.' } })).status).toBe(409);
    // The dossier page's form: refused at the reason while this change is open; on a second
    // trajectory in its term it asks, and answers with the dossier page (post/redirect/get).
    const formRoute = 'POST /dossiers/{id}/plan-change';
    const onPage = (token: string, fields: Record<string, string>) => {
      const request = form(fields);
      return { ...request, headers: { ...request.headers, ...session(token) } };
    };
    const formPath = `/dossiers/${run.id}/plan-change`;
    const refusedForm = await call(
      formRoute,
      formPath,
      onPage(run.hr, { csrf: csrfToken(run.hr), planChangeReason: 'Nog iets.' }),
    );
    expect(refusedForm.status).toBe(400);
    expect(String(refusedForm.body)).toContain('Er loopt al een wijziging van het plan');
    const second = await start();
    await throughPlan(second);
    const asked = await call(
      formRoute,
      `/dossiers/${second.id}/plan-change`,
      onPage(second.hr, { csrf: csrfToken(second.hr), planChangeReason: 'Anders verdeeld.' }),
    );
    expect(asked.status).toBe(303);
    expect((await dossier(second)).tasks.filter((task: { change?: unknown }) => task.change)).toHaveLength(1);
  });

  it('met every route of ROUTES with a good and with a bad request', () => {
    for (const route of ROUTES) {
      const key = `${route.method} ${route.path}`;
      const outcomes = met.get(key) ?? new Set();
      if (!NO_SUCCESS[key]) expect(outcomes.has('ok'), `${key} was never taken`).toBe(true);
      if (!NO_REFUSAL[key]) expect(outcomes.has('refused'), `${key} was never refused`).toBe(true);
    }
  });
});
