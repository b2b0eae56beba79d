/**
 * The employee's own copy of their dossier (AVG art. 15) and HR's internal completeness report, on
 * the local cloud through the public contract only: the copy link comes from the employee's first
 * mail after the conversation, HR asks for a new one through the API, and time passes on the
 * virtual clock until the links expire.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../support/pdf-text.ts';
import {
  answer,
  conversation,
  DAY_MS,
  copyPathIn,
  createTrajectory,
  dossier,
  EMPLOYEE_RESPONSE,
  IDENTIFY,
  mailsTo,
  now,
  openTask,
  requestLink,
  startTestCloud,
  today,
  type Run,
  type TestCloud,
} from './support.ts';

const HOLD_REASON = 'Advocaat van de medewerker kondigt een procedure aan.';
const INTERNAL_NOTE = 'Intern: overleg met de jurist over de vaststellingsovereenkomst.';
const CANCEL_REASON = 'Het traject stopt in onderling overleg.';

let cloud: TestCloud;
let run: Run;
/** The copy link of the first mail after the conversation (`/copy/<token>`). */
let firstCopy: string;
let firstMailText: string;

beforeAll(async () => {
  cloud = await startTestCloud();
  run = await createTrajectory(cloud);
  await answer(run, IDENTIFY);
  await answer(run, conversation(await today(cloud)));
  // The employee's invitation to respond is their first mail after the conversation.
  const respond = await openTask(run, 'employee-response');
  await requestLink(run, run.people.employee.email, respond.id);
  const mail = (await mailsTo(cloud, run.people.employee.email)).find(
    (candidate) => candidate.task?.taskId === respond.id,
  );
  firstMailText = mail?.text ?? '';
  firstCopy = copyPathIn(firstMailText, cloud.url) ?? '';
  expect(firstCopy, 'a copy link in the first mail after the conversation').toMatch(/^\/copy\//);
  await answer(run, EMPLOYEE_RESPONSE, 'employee-response');
  // What HR keeps for itself: a legal hold with its reason, and a cancellation with a note.
  const hold = await cloud.request('POST', `/trajectories/${run.id}/legal-hold`, {
    token: run.hr,
    body: { reason: HOLD_REASON },
  });
  expect(hold.status).toBe(200);
  const cancel = await cloud.request('POST', `/trajectories/${run.id}/cancel`, {
    token: run.hr,
    body: { reason: CANCEL_REASON, internalNote: INTERNAL_NOTE },
  });
  expect(cancel.status).toBe(200);
}, 300_000);

afterAll(async () => {
  await cloud?.dispose();
});

const page = (path: string) => cloud.request('GET', path, { headers: { accept: 'text/html' } });

async function pdfOf(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${cloud.url}${path}`, { headers, redirect: 'manual' });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

describe('the first mail to the employee after the conversation', () => {
  it('says what is recorded, who sees it, how long it is kept and how to ask for a copy or a correction', () => {
    expect(firstMailText).toContain('In je dossier wordt vastgelegd');
    // Named in full once earlier in the mail, the manager is named by first name here.
    expect(firstMailText).toContain(`je leidinggevende ${run.people.manager.name.split(' ')[0]}`);
    expect(firstMailText).toContain('2 jaar bewaard');
    expect(firstMailText).toContain('AVG artikel 15');
    expect(firstMailText).toContain('AVG artikel 16');
    expect(firstMailText).toMatch(/Je dossier inzien: http\S+\/copy\//);
  });
});

describe('the employee’s copy on their link', () => {
  it('shows their dossier with the reports, without HR’s note, the hold’s reason or the completeness check, as often as they like', async () => {
    const views = [await page(firstCopy), await page(firstCopy), await page(firstCopy)];

    for (const view of views) {
      expect(view.status).toBe(200);
      const html = String(view.body);
      expect(html).toContain(conversation('').summary);
      expect(html).toContain(conversation('').employeePerspective);
      expect(html).toContain(EMPLOYEE_RESPONSE.response);
      expect(html).not.toContain(INTERNAL_NOTE);
      expect(html).not.toContain(HOLD_REASON);
      expect(html).not.toContain('Juridische bewaarplicht');
      expect(html).not.toContain('Volledigheid');
      expect(html).not.toContain('data-criterion');
    }
    expect(views[0]?.headers.get('cache-control')).toBe('no-store');
    // HR's own reading of the same dossier does hold the note: the copy leaves it out.
    const forHr = await dossier(run);
    expect(JSON.stringify(forHr.events)).toContain(INTERNAL_NOTE);
  });

  it('comes as a PDF of the same copy', async () => {
    const { response, bytes } = await pdfOf(`${firstCopy}/dossier.pdf`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const text = (await pdfText(bytes)).replace(/\s+/g, ' ');
    expect(text).toContain(conversation('').summary);
    expect(text).toContain(EMPLOYEE_RESPONSE.response);
    expect(text).not.toContain(INTERNAL_NOTE);
    expect(text).not.toContain(HOLD_REASON);
    expect(text).not.toContain('Volledigheid');
    expect(text).not.toContain('Juridische bewaarplicht');
  });

  it('is recorded in the dossier: issued once, opened once a day however often', async () => {
    await page(firstCopy);

    const events = (await dossier(run)).events as { type: string; actor: { role: string } }[];
    const issued = events.filter((event) => event.type === 'employee-copy-issued');
    const opened = events.filter((event) => event.type === 'employee-copy-opened');
    expect(issued).toHaveLength(1);
    expect(issued[0]?.actor.role).toBe('system');
    expect(opened).toHaveLength(1);
    expect(opened[0]?.actor.role).toBe('employee');
  });

  it('answers no task: on a task’s path the copy’s token is unknown', async () => {
    const token = firstCopy.slice('/copy/'.length);

    const asTask = await cloud.request('GET', `/actions/${token}`, {
      headers: { accept: 'application/json' },
    });

    expect(asTask.status).toBe(404);
  });
});

describe('a new link on request', () => {
  it('is mailed to the employee when HR asks, and is refused to the manager', async () => {
    const byManager = await cloud.request('POST', `/trajectories/${run.id}/employee-copy`, {
      token: run.manager,
    });
    const byHr = await cloud.request('POST', `/trajectories/${run.id}/employee-copy`, { token: run.hr });
    const unknown = await cloud.request('POST', '/trajectories/no-such-trajectory/employee-copy', {
      token: run.hr,
    });

    expect(byManager.status).toBe(403);
    expect(unknown.status).toBe(404);
    expect(byHr.status).toBe(201);
    // 30 days from now by default (COPY_LINK_DAYS).
    expect(Date.parse(byHr.body.expiresAt) - (await now(cloud))).toBe(30 * DAY_MS);
    const mails = (await mailsTo(cloud, run.people.employee.email)).filter(
      (mail) => mail.kind === 'dossier-copy',
    );
    expect(mails).toHaveLength(1);
    const fresh = copyPathIn(mails[0]?.text ?? '', cloud.url);
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(firstCopy);
    expect(mails[0]?.text).toContain('AVG artikel 15');
    // Nobody else got it.
    for (const other of [run.people.manager.email, run.people.hrAdvisor.email]) {
      expect((await mailsTo(cloud, other)).some((mail) => mail.kind === 'dossier-copy')).toBe(false);
    }
    const view = await page(fresh!);
    expect(view.status).toBe(200);
    expect(String(view.body)).toContain(EMPLOYEE_RESPONSE.response);
    // The older link keeps its own expiry.
    expect((await page(firstCopy)).status).toBe(200);
    const events = (await dossier(run)).events as { type: string; actor: { role: string } }[];
    expect(
      events
        .filter((event) => event.type === 'employee-copy-issued')
        .map((event) => event.actor.role)
        .sort(),
    ).toEqual(['hr', 'system']);
  });
});

describe('HR’s internal report and the dossier PDF', () => {
  it('gives HR the completeness report apart from the dossier, and refuses it to the manager', async () => {
    const report = await pdfOf(`/trajectories/${run.id}/completeness.pdf`, {
      authorization: `Bearer ${run.hr}`,
    });
    const byManager = await pdfOf(`/trajectories/${run.id}/completeness.pdf`, {
      authorization: `Bearer ${run.manager}`,
    });
    const record = await pdfOf(`/trajectories/${run.id}/dossier.pdf`, { authorization: `Bearer ${run.hr}` });

    expect(report.response.status).toBe(200);
    expect(report.response.headers.get('content-disposition')).toBe(
      `attachment; filename="completeness-${run.id}.pdf"`,
    );
    const reportText = (await pdfText(report.bytes)).replace(/\s+/g, ' ');
    expect(reportText).toContain('Volledigheidsrapport (intern)');
    expect(reportText).toContain('Intern rapport voor HR en de juridisch adviseur');
    expect(byManager.response.status).toBe(403);
    expect(record.response.status).toBe(200);
    const recordText = (await pdfText(record.bytes)).replace(/\s+/g, ' ');
    expect(recordText).not.toContain('Volledigheid van het dossier');
    // The record names people: who acted, and to whom each mail went.
    expect(recordText).toContain(`Mail verstuurd aan ${run.people.manager.name} (Leidinggevende)`);
    expect(recordText).toContain(`Mail verstuurd aan ${run.people.employee.name} (Medewerker)`);
    // HR's own PDF keeps what the copy leaves out, and records the copies.
    expect(recordText).toContain('Juridische bewaarplicht');
    expect(recordText).toContain('Persoonlijke inzagelink voor de medewerker aangemaakt');
  });
});

describe('after the link expired', () => {
  it('answers 410 with a page that shows nothing of the dossier and says how to get a new link', async () => {
    await cloud.advance({ days: 31 });

    const view = await page(firstCopy);
    const pdf = await pdfOf(`${firstCopy}/dossier.pdf`);
    const json = await cloud.request('GET', firstCopy, { headers: { accept: 'application/json' } });

    expect(view.status).toBe(410);
    const html = String(view.body);
    expect(html).toContain('Deze link werkt niet meer');
    expect(html).toContain('vraag je HR-adviseur om een nieuwe link');
    expect(html).not.toContain(conversation('').summary);
    expect(html).not.toContain(EMPLOYEE_RESPONSE.response);
    expect(html).not.toContain(run.people.employee.name);
    expect(pdf.response.status).toBe(410);
    expect(pdf.response.headers.get('content-type')).not.toBe('application/pdf');
    expect(json.status).toBe(410);
    expect(json.body.error.code).toBe('gone');
  });
});

describe('HR revokes the links', () => {
  /** The newest copy link mailed to the employee. */
  async function newestCopy(): Promise<string> {
    const mails = (await mailsTo(cloud, run.people.employee.email)).filter(
      (mail) => mail.kind === 'dossier-copy',
    );
    return copyPathIn(mails.at(-1)?.text ?? '', cloud.url) ?? '';
  }
  const revoke = (token?: string) =>
    cloud.request('POST', `/trajectories/${run.id}/employee-copy/revoke`, token ? { token } : {});

  it('stops every link issued before: 410 with a page that says so; recorded; a new link works again', async () => {
    expect(
      (await cloud.request('POST', `/trajectories/${run.id}/employee-copy`, { token: run.hr })).status,
    ).toBe(201);
    const issued = await newestCopy();
    expect((await page(issued)).status).toBe(200);

    expect((await revoke(run.manager)).status).toBe(403);
    expect((await revoke()).status).toBe(401);
    expect((await page(issued)).status, 'refused revocations change nothing').toBe(200);
    const revoked = await revoke(run.hr);

    expect(revoked.status).toBe(200);
    expect(revoked.body.trajectoryId).toBe(run.id);
    expect(Date.parse(revoked.body.revokedAt)).toBe(await now(cloud));
    for (const link of [issued, firstCopy]) {
      const view = await page(link);
      expect(view.status).toBe(410);
      const html = String(view.body);
      expect(html).toContain('Deze link is ingetrokken');
      expect(html).toContain('vraag je HR-adviseur om een nieuwe link');
      expect(html).not.toContain(EMPLOYEE_RESPONSE.response);
      expect(html).not.toContain(run.people.employee.name);
      expect((await pdfOf(`${link}/dossier.pdf`)).response.status).toBe(410);
    }
    const json = await cloud.request('GET', issued, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(410);
    expect(json.body.error.code).toBe('gone');
    const english = await cloud.request('GET', issued, {
      headers: { accept: 'text/html', 'accept-language': 'en' },
    });
    // The page speaks the dossier's language (Dutch here), whatever the browser asks.
    expect(String(english.body)).toContain('Deze link is ingetrokken');

    // Revoking again is harmless.
    expect((await revoke(run.hr)).status).toBe(200);
    const record = await dossier(run);
    const revocations = (record.events as { type: string; actor: { role: string }; data?: unknown }[]).filter(
      (event) => event.type === 'employee-copy-revoked',
    );
    expect(revocations.map((event) => event.actor.role)).toEqual(['hr', 'hr']);
    // Nothing personal in the entry: not the address, not the name.
    for (const event of revocations) {
      expect(JSON.stringify(event)).not.toContain(run.people.employee.email);
      expect(JSON.stringify(event)).not.toContain(run.people.employee.name);
    }
    expect(record.copyLinksRevoked).toMatchObject({ count: 2 });

    // A link issued afterwards works, and the revoked ones stay revoked.
    expect(
      (await cloud.request('POST', `/trajectories/${run.id}/employee-copy`, { token: run.hr })).status,
    ).toBe(201);
    const reissued = await newestCopy();
    expect(reissued).not.toBe(issued);
    const view = await page(reissued);
    expect(view.status).toBe(200);
    expect(String(view.body)).toContain(EMPLOYEE_RESPONSE.response);
    expect((await page(issued)).status).toBe(410);
  });

  it('refuses an unknown trajectory', async () => {
    const unknown = await cloud.request('POST', '/trajectories/no-such-trajectory/employee-copy/revoke', {
      token: run.hr,
    });

    expect(unknown.status).toBe(404);
  });
});
