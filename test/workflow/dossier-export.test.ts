/**
 * The dossier export end to end on the local cloud: a trajectory driven to `completed` through
 * the public contract only, then its PDF fetched through the API with an HR token (and through
 * the dashboard's cookie route), read back with pdfjs, and the CSV report of the same list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '#shared/session-cookie.ts';
import { pdfText } from '../support/pdf-text.ts';
import {
  ACKNOWLEDGE,
  AFTERCARE,
  answer,
  APPROVE,
  conversation,
  createTrajectory,
  dossier,
  EMPLOYEE_RESPONSE,
  evaluation,
  followUp,
  IDENTIFY,
  PLAN,
  startTestCloud,
  throughFollowUps,
  today,
  type Run,
  type TestCloud,
} from './support.ts';

let cloud: TestCloud;
let run: Run;

beforeAll(async () => {
  cloud = await startTestCloud();
  run = await createTrajectory(cloud);
  await answer(run, IDENTIFY);
  await answer(run, conversation(await today(cloud)));
  await answer(run, EMPLOYEE_RESPONSE);
  await answer(run, PLAN);
  await answer(run, APPROVE);
  await answer(run, ACKNOWLEDGE);
  await throughFollowUps(run);
  await answer(run, evaluation('successful'));
  await answer(run, APPROVE);
  for (
    let day = 0;
    day < 35 && (await dossier(run)).tasks.every((t: { kind: string }) => t.kind !== 'aftercare');
    day++
  ) {
    await cloud.advance({ days: 1 });
  }
  await answer(run, AFTERCARE);
  expect((await dossier(run)).status).toBe('completed');
}, 300_000);

afterAll(async () => {
  await cloud?.dispose();
});

async function fetchBytes(path: string, headers: Record<string, string>) {
  const response = await fetch(`${cloud.url}${path}`, { headers, redirect: 'manual' });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

describe('the dossier of a completed trajectory', () => {
  it('comes as a PDF through the API that holds every part of the dossier', async () => {
    // Act
    const { response, bytes } = await fetchBytes(`/trajectories/${run.id}/dossier.pdf`, {
      authorization: `Bearer ${run.hr}`,
    });

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="dossier-${run.id}.pdf"`);
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = (await pdfText(bytes)).replace(/\s+/g, ' ');
    const closed = await dossier(run);
    const reports = closed.tasks.filter((task: { kind: string }) => task.kind === 'follow-up');
    // The conversation report and the employee's own view and response.
    const talk = conversation('');
    expect(text).toContain(talk.summary);
    expect(text).toContain(talk.employeePerspective);
    expect(text).toContain(talk.agreements);
    expect(text).toContain(EMPLOYEE_RESPONSE.response);
    // Every follow-up with its summary.
    expect(reports).toHaveLength(5);
    for (const task of reports) expect(text).toContain(`Voortgangsgesprek ${task.meeting} –`);
    expect(text.split(followUp('').summary).length - 1).toBe(5);
    // Each HR decision with its comments, and the evaluation.
    expect(text).toContain('Beoordeling van het plan door HR');
    expect(text).toContain('Bevestiging van het besluit door HR');
    expect(text.split(`Toelichting van HR ${APPROVE.comments}`).length - 1).toBe(2);
    expect(text).toContain(evaluation('successful').summary);
    expect(text).toContain('Zie het teamkanaal.');
    expect(text).toContain(AFTERCARE.teamNotes);
    // Every follow-up report with the day it was recorded beside the day it is about.
    expect(
      text.match(/Voortgangsgesprek \d – \w+dag \d+ \w+ \d{4} Verslag vastgelegd op: \w+dag/g),
    ).toHaveLength(5);
    // The timeline names to whom each mail went; the completeness check is not part of the record.
    expect(text).toContain(`Mail verstuurd aan ${run.people.manager.name} (Leidinggevende)`);
    expect(text).toContain(`Mail verstuurd aan ${run.people.hrAdvisor.name} (HR-adviseur)`);
    expect(text).not.toContain('Volledigheid van het dossier');
    expect(text).toContain('Traject afgesloten');
  });

  it('has its completeness report apart, for HR only', async () => {
    const report = await fetchBytes(`/trajectories/${run.id}/completeness.pdf`, {
      authorization: `Bearer ${run.hr}`,
    });
    const byManager = await fetchBytes(`/trajectories/${run.id}/completeness.pdf`, {
      authorization: `Bearer ${run.manager}`,
    });
    const session = { cookie: `${SESSION_COOKIE}=${run.hr}` };
    const page = await cloud.request('GET', `/dossiers/${run.id}/completeness`, { headers: session });

    expect(report.response.status).toBe(200);
    const text = (await pdfText(report.bytes)).replace(/\s+/g, ' ');
    expect(text).toContain('Volledigheid van het dossier');
    expect(text).toMatch(/Oordeel: (In orde|Let op|Niet in orde)/);
    expect(byManager.response.status).toBe(403);
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('data-criterion="follow-up-cadence"');
  });

  it('comes as the same PDF, a printable page and a CSV row on the dashboard’s cookie routes', async () => {
    const session = { cookie: `${SESSION_COOKIE}=${run.hr}` };

    const pdf = await fetchBytes(`/dossiers/${run.id}/dossier.pdf`, session);
    const print = await cloud.request('GET', `/dossiers/${run.id}/print`, { headers: session });
    const csv = await cloud.request('GET', '/dossiers.csv?lang=en', { headers: session });

    expect(pdf.response.status).toBe(200);
    expect(await pdfText(pdf.bytes)).toContain(EMPLOYEE_RESPONSE.response);
    expect(print.status).toBe(200);
    expect(print.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(print.body).toContain(conversation('').employeePerspective);
    expect(csv.status).toBe(200);
    const row = String(csv.body)
      .split('\r\n')
      .find((line) => line.startsWith(run.id));
    // The CSV speaks the chosen language (docs/exports.md), its values included.
    expect(row?.split(';').slice(1, 4)).toEqual(['Completed successfully', 'Closed', 'no']);
  });
});
