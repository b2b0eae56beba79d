/**
 * The employee's self-assessment before each follow-up, end to end on the local cloud through the
 * public contract only: when a follow-up is asked for, the employee is invited to say per goal how
 * they stand. Given, it is on the manager's follow-up form and in the dossier (the HR dossier
 * page, the PDF, the completeness check); not given, it is reminded once, never escalated, and
 * the follow-up is asked for on time all the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subtractWorkingDays } from '#core/working-days.ts';
import { SESSION_COOKIE } from '#shared/session-cookie.ts';
import { pdfText } from '../support/pdf-text.ts';
import {
  advanceTo,
  amsterdam,
  answer,
  createTrajectory,
  dossier,
  followUp,
  linkView,
  mailsTo,
  requestLink,
  startTestCloud,
  summary,
  throughPlan,
  today,
  type Run,
  type TestCloud,
} from './support.ts';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud.dispose();
});

const SELF_ASSESSMENT = {
  goals: [
    { goal: 0, status: 'on-track', note: 'Alle offertes van deze maand gingen binnen vijf dagen weg.' },
    // A note without a status of their own: the employee need not pick one.
    { goal: 1, note: 'Hoe ik hier sta, bespreek ik liever in het gesprek.' },
  ],
  note: 'De rapportage lukt niet als ik ook de telefoon moet bemannen.',
};

type Task = { id: string; kind: string; status: string; about?: string; dueAt: string; meeting?: number };
type Criterion = { id: string; status: string; reason: string };

/** Up to the morning the first follow-up is asked for: two working days before its meeting. */
async function toFirstFollowUpRequest(run: Run): Promise<string> {
  await throughPlan(run);
  const [meeting] = (await dossier(run)).meetings;
  // 13:00 in Amsterdam on the day of the request (09:00), which went out with the invitation.
  await advanceTo(cloud, `${subtractWorkingDays(meeting.plannedOn, 2)}T12:00:00Z`);
  return meeting.plannedOn as string;
}

describe("the employee's self-assessment before a follow-up", () => {
  it('is asked with the follow-up, shown on its form, and kept under it in the dossier', async () => {
    // Prepare: a term of four weeks holds one follow-up, two weeks in.
    const run = await createTrajectory(cloud, { schedule: { termWeeks: 4 } });
    const plannedOn = await toFirstFollowUpRequest(run);

    // Act: the employee answers through the link in the mail that invites it; the manager opens
    // the follow-up's link after that, and reports after the meeting.
    const invitation = (await mailsTo(cloud, run.people.employee.email)).find(
      (mail) => mail.task?.task === 'self-assessment',
    );
    await answer(run, SELF_ASSESSMENT, 'self-assessment');
    const managerLink = await requestLink(run, run.people.manager.email, 'follow-up-1');
    const view = await linkView(cloud, managerLink);
    const page = await cloud.request('GET', managerLink, { headers: { accept: 'text/html' } });
    await advanceTo(cloud, `${plannedOn}T12:00:00Z`);
    await answer(run, followUp(await today(cloud)), 'follow-up');

    // Assess: the invitation names the meeting and the goals, is optional, and is due the
    // working day before the meeting, at the end of it.
    expect(invitation?.task).toEqual({ task: 'self-assessment', taskId: 'self-assessment-1' });
    expect(amsterdam(invitation!.sentAt)).toBe(`${subtractWorkingDays(plannedOn, 2)} 09:00`);
    expect(invitation!.text).toContain('Offertes op tijd');
    expect(invitation!.text).toContain('Je kunt reageren tot');
    const found = await dossier(run);
    const assessment = found.tasks.find((task: Task) => task.kind === 'self-assessment');
    expect(assessment).toMatchObject({
      id: 'self-assessment-1',
      status: 'done',
      about: 'follow-up-1',
      meeting: 1,
    });
    expect(amsterdam(assessment.dueAt)).toBe(`${subtractWorkingDays(plannedOn, 1)} 17:00`);

    // The manager's follow-up form shows it, in the view's context and on the page.
    expect(view.context).toMatchObject({ selfAssessment: SELF_ASSESSMENT });
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('Zelfbeoordeling van de medewerker');
    expect(String(page.body)).toContain(SELF_ASSESSMENT.note);
    expect(String(page.body)).toContain(SELF_ASSESSMENT.goals[0]!.note);
    expect(String(page.body)).toContain(SELF_ASSESSMENT.goals[1]!.note);
    expect(String(page.body)).toContain('Geen inschatting');

    // The dossier counts it, and its page and PDF show it under the follow-up.
    const heard = found.completeness.criteria.find(
      (criterion: Criterion) => criterion.id === 'employee-heard',
    );
    expect(heard).toMatchObject({
      status: 'pass',
      reason: expect.stringContaining('1 keer een zelfbeoordeling'),
    });
    const session = { cookie: `${SESSION_COOKIE}=${run.hr}` };
    const dossierPage = await cloud.request('GET', `/dossiers/${run.id}`, { headers: session });
    expect(dossierPage.status).toBe(200);
    const followUps = String(dossierPage.body).split('data-section="follow-ups"')[1]!.split('</section>')[0]!;
    expect(followUps).toContain('Zelfbeoordeling van de medewerker');
    expect(followUps).toContain(SELF_ASSESSMENT.note);
    expect(followUps).toContain(SELF_ASSESSMENT.goals[0]!.note);
    const pdf = await fetch(`${cloud.url}/trajectories/${run.id}/dossier.pdf`, {
      headers: { authorization: `Bearer ${run.hr}` },
    });
    expect(pdf.status).toBe(200);
    const text = (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(text).toContain('Zelfbeoordeling van de medewerker');
    expect(text).toContain(SELF_ASSESSMENT.note);
    expect(text).toContain('geen inschatting');
  });

  it('refuses an empty or unknown answer with field errors, and writes nothing', async () => {
    // Prepare
    const run = await createTrajectory(cloud, { schedule: { termWeeks: 4 } });
    await toFirstFollowUpRequest(run);
    const link = await requestLink(run, run.people.employee.email, 'self-assessment-1');

    // Act
    const empty = await cloud.request('POST', link, { body: {}, headers: { accept: 'application/json' } });
    const unknownGoal = await cloud.request('POST', link, {
      body: { goals: [{ goal: 5, status: 'on-track' }] },
      headers: { accept: 'application/json' },
    });

    // Assess
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('goals');
    expect(unknownGoal.status).toBe(400);
    expect(JSON.stringify(unknownGoal.body)).toContain('goals.0.goal');
    const found = await dossier(run);
    expect(found.tasks.find((task: Task) => task.kind === 'self-assessment')).toMatchObject({
      status: 'open',
    });
    expect(found.events.map((event: { type: string }) => event.type)).not.toContain('employee-self-assessed');
  });

  it('takes the form with a goal left without a status: a note alone counts, an untouched goal is not sent', async () => {
    // Prepare: the form sends every goal's number; "no assessment" sends an empty status.
    const run = await createTrajectory(cloud, { schedule: { termWeeks: 4 } });
    await toFirstFollowUpRequest(run);
    const link = await requestLink(run, run.people.employee.email, 'self-assessment-1');
    const post = (fields: Record<string, string>) =>
      cloud.request('POST', link, {
        body: new URLSearchParams(fields).toString(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'sec-fetch-site': 'same-origin',
          accept: 'text/html',
        },
      });
    const untouched = {
      'goals[0][goal]': '0',
      'goals[0][status]': '',
      'goals[0][note]': '',
      'goals[1][goal]': '1',
      'goals[1][status]': '',
      'goals[1][note]': '',
      note: '',
    };
    const form = await cloud.request('GET', link, { headers: { accept: 'text/html' } });

    // Act
    const empty = await post(untouched);
    const noteOnly = await post({ ...untouched, 'goals[1][note]': 'Over dit doel wil ik eerst praten.' });

    // Assess: the status is optional on the form; a form with nothing in it is still refused.
    expect(String(form.body)).toContain('Geen inschatting');
    expect(String(form.body)).not.toMatch(/name="goals\[0\]\[status\]"[^>]*required/);
    expect(empty.status).toBe(400);
    expect(noteOnly.status).toBe(303);
    const found = await dossier(run);
    expect(found.tasks.find((task: Task) => task.kind === 'self-assessment')).toMatchObject({
      status: 'done',
      response: { goals: [{ goal: 1, note: 'Over dit doel wil ik eerst praten.' }] },
    });
  });

  it('is reminded once when not given, never escalated, and the follow-up is asked on time', async () => {
    // Prepare
    const run = await createTrajectory(cloud, { schedule: { termWeeks: 4 } });
    const plannedOn = await toFirstFollowUpRequest(run);

    // Act: the employee lets it pass; the manager reports after the meeting.
    await advanceTo(cloud, `${plannedOn}T12:00:00Z`);
    const managerLink = await requestLink(run, run.people.manager.email, 'follow-up-1');
    const view = await linkView(cloud, managerLink);
    await answer(run, followUp(await today(cloud)), 'follow-up');

    // Assess: one request, one reminder on the morning of its last day, nothing more.
    const employeeMails = await mailsTo(cloud, run.people.employee.email);
    const about = employeeMails.filter((mail) => mail.task?.task === 'self-assessment');
    expect(summary(about)).toEqual(['task-request:self-assessment', 'reminder:self-assessment']);
    expect(amsterdam(about[1]!.sentAt)).toBe(`${subtractWorkingDays(plannedOn, 1)} 09:00`);
    const found = await dossier(run);
    expect(found.tasks.find((task: Task) => task.kind === 'self-assessment')).toMatchObject({
      status: 'no-response',
    });
    // HR heard nothing of it, and nothing marks the trajectory as needing attention.
    const hrMails = summary(await mailsTo(cloud, run.people.hrAdvisor.email));
    expect(hrMails).toEqual(['task-request:plan-approval']);
    expect(found.attention).toBe(false);
    expect(found.events.map((event: { type: string }) => event.type)).not.toContain('task-escalated');
    // The follow-up was asked for on time, and its form shows no self-assessment.
    const request = (await mailsTo(cloud, run.people.manager.email)).find(
      (mail) => mail.task?.task === 'follow-up',
    );
    expect(amsterdam(request!.sentAt)).toBe(`${subtractWorkingDays(plannedOn, 2)} 09:00`);
    expect(view.context).not.toHaveProperty('selfAssessment');
    // The dossier says it was offered and not taken up; the completeness check does not mind.
    const session = { cookie: `${SESSION_COOKIE}=${run.hr}` };
    const dossierPage = await cloud.request('GET', `/dossiers/${run.id}`, { headers: session });
    expect(String(dossierPage.body)).toContain(
      'vooraf een zelfbeoordeling te geven en heeft dat niet gedaan',
    );
    const heard = found.completeness.criteria.find(
      (criterion: Criterion) => criterion.id === 'employee-heard',
    );
    expect(heard).toMatchObject({ status: 'pass' });
  });
});
