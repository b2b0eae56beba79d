/**
 * A change of the acknowledged plan, end to end on the local cloud through the public contract
 * only: HR asks for it with a reason, the manager writes the new version from the plan in force,
 * HR sends it back once and then approves it, and the employee is asked to acknowledge the changed
 * plan anew. The term and its meetings stay as they were and nothing in the calendar waits for the
 * change; the dossier keeps every version, the reason, and the reports written against the plan
 * before it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '#shared/session-cookie.ts';
import { pdfText } from '../support/pdf-text.ts';
import {
  ACKNOWLEDGE,
  advanceTo,
  answer,
  createTrajectory,
  dossier,
  eventTypes,
  followUp,
  linkView,
  mailsTo,
  openTask,
  PLAN,
  requestLink,
  settle,
  startTestCloud,
  submit,
  throughPlan,
  today,
  WITHIN_TERM,
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

const REASON = 'Na het gesprek met de bedrijfsarts is de rapportage tijdelijk naar een collega gegaan.';

/** The plan with the report goal replaced by another: what the manager sends as the change. */
const CHANGED = {
  goals: [
    PLAN.goals[0]!,
    {
      title: 'Klantcontact binnen een dag',
      specific: 'Elke klantvraag krijgt binnen één werkdag een eerste antwoord.',
      measure: 'Reactietijd in het ticketsysteem',
      target: '90% binnen één werkdag',
      deadline: WITHIN_TERM,
      support: 'Een sjabloon voor veelgestelde vragen.',
    },
  ],
};

type Task = {
  id: string;
  kind: string;
  status: string;
  about?: string;
  change?: { number: number; reason: string };
};
type Criterion = { id: string; status: string };

const ask = (run: Run, body: unknown) =>
  cloud.request('POST', `/trajectories/${run.id}/plan-changes`, { token: run.hr, body });

const acknowledged = (found: { completeness: { criteria: Criterion[] } }) =>
  found.completeness.criteria.find((criterion) => criterion.id === 'plan-acknowledged')?.status;

async function pdfOf(run: Run): Promise<string> {
  const pdf = await fetch(`${cloud.url}/trajectories/${run.id}/dossier.pdf`, {
    headers: { authorization: `Bearer ${run.hr}` },
  });
  expect(pdf.status).toBe(200);
  return (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
}

describe('a change of the acknowledged plan', () => {
  it('is rewritten by the manager, approved by HR and acknowledged anew, while the term runs on', async () => {
    // Prepare: a term of six weeks with its first follow-up reported against the first plan.
    const run = await createTrajectory(cloud, { schedule: { termWeeks: 6 } });
    await throughPlan(run);
    const before = await dossier(run);
    const [first] = before.meetings;
    await advanceTo(cloud, `${first.plannedOn}T12:00:00Z`);
    await answer(run, followUp(await today(cloud)), 'follow-up');
    await cloud.advance({ hours: 1 });

    // Act 1: HR asks for the change; a second request with another reason is refused.
    expect((await ask(run, {})).status).toBe(400);
    const asked = await ask(run, { reason: REASON });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect(asked.body).toMatchObject({
      kind: 'plan',
      assignee: 'manager',
      change: { number: 1, reason: REASON },
    });
    const again = await ask(run, { reason: REASON });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(asked.body.id);
    const other = await ask(run, { reason: 'Iets anders.' });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('plan_change_open');
    await settle(cloud);

    // Assess 1: the manager's mail and link say why, and the form starts from the plan in force.
    const planLink = await requestLink(run, run.people.manager.email, asked.body.id);
    const request = (await mailsTo(cloud, run.people.manager.email)).find((mail) => mail.link === planLink)!;
    expect(request.text).toContain(REASON);
    expect(request.text).toContain('Wijziging 1 van het verbeterplan');
    const view = await linkView(cloud, planLink);
    expect(view.context.change).toEqual({ number: 1, reason: REASON });
    expect(view.context.revision.goals.map((goal: { title: string }) => goal.title)).toEqual(
      before.goals.map((goal: { title: string }) => goal.title),
    );
    const page = await cloud.request('GET', planLink, { headers: { accept: 'text/html' } });
    expect(page.body).toContain('data-context="plan-change"');
    expect(page.body).toContain(REASON);

    // Act 2: a deadline after the term is refused and writes nothing; then the change is sent.
    const late = await submit(run, planLink, {
      goals: CHANGED.goals.map((goal) => ({ ...goal, deadline: '2099-01-01' })),
    });
    expect(late.status).toBe(400);
    expect(late.body.error.fieldErrors.map((error: { path: string }) => error.path)).toContain(
      'goals.0.deadline',
    );
    expect((await dossier(run)).tasks.find((task: Task) => task.id === asked.body.id).status).toBe('open');
    await answer(run, CHANGED, 'plan');

    // Assess 2: until HR approves, the plan in force is the one before.
    let found = await dossier(run);
    expect(found.goals.map((goal: { title: string }) => goal.title)).toEqual([
      'Offertes op tijd',
      'Weekrapportage',
    ]);
    const approval = found.tasks.find(
      (task: Task) => task.kind === 'plan-approval' && task.status === 'open',
    );
    expect(approval).toMatchObject({ about: asked.body.id, change: { number: 1, reason: REASON } });
    const approvalView = await linkView(
      cloud,
      await requestLink(run, run.people.hrAdvisor.email, approval.id),
    );
    expect(approvalView.context.goals.map((goal: { title: string }) => goal.title)).toEqual([
      'Offertes op tijd',
      'Klantcontact binnen een dag',
    ]);

    // Act 3: HR sends it back once; the manager's new form starts from the version sent back.
    await answer(run, { decision: 'revise', comments: 'Maak het doel meetbaar per week.' }, 'plan-approval');
    const revision = await openTask(run, 'plan');
    const revisionView = await linkView(cloud, await requestLink(run, run.people.manager.email, revision.id));
    expect(revisionView.context.revision).toMatchObject({ comments: 'Maak het doel meetbaar per week.' });
    expect(revisionView.context.revision.goals[1].title).toBe('Klantcontact binnen een dag');
    // Sent back, the plan in force is still approved.
    expect(
      (await dossier(run)).completeness.criteria.find((c: Criterion) => c.id === 'hr-approved-plan').status,
    ).toBe('pass');
    await answer(run, CHANGED, 'plan');
    await answer(run, { decision: 'approve', comments: 'Akkoord met de wijziging.' }, 'plan-approval');

    // Assess 3: the change is in force; the employee is asked to acknowledge it, told why; the
    // completeness check waits for that acknowledgement.
    found = await dossier(run);
    expect(found.goals.map((goal: { title: string }) => goal.title)).toEqual([
      'Offertes op tijd',
      'Klantcontact binnen een dag',
    ]);
    const ack = found.tasks.find(
      (task: Task) => task.kind === 'plan-acknowledgement' && task.status === 'open',
    );
    expect(ack).toMatchObject({ id: 'plan-acknowledgement-2', change: { number: 1 } });
    expect(acknowledged(found)).toBe('pending');
    const ackLink = await requestLink(run, run.people.employee.email, ack.id);
    const employeeMail = (await mailsTo(cloud, run.people.employee.email)).find(
      (mail) => mail.link === ackLink,
    )!;
    expect(employeeMail.text).toContain(REASON);
    expect(employeeMail.text).toContain('Klantcontact binnen een dag');
    await answer(run, ACKNOWLEDGE, 'plan-acknowledgement');

    // Assess 4: the term and its meetings are as they were; one term started, not two.
    found = await dossier(run);
    expect(found.termEndsAt).toBe(before.termEndsAt);
    expect(found.meetings.map((meeting: { plannedOn: string }) => meeting.plannedOn)).toEqual(
      before.meetings.map((meeting: { plannedOn: string }) => meeting.plannedOn),
    );
    expect(eventTypes(found).filter((type) => type === 'term-started')).toHaveLength(1);
    expect(eventTypes(found)).toContain('plan-change-requested');
    expect(acknowledged(found)).toBe('pass');

    // The dossier keeps the request, every version and the report written against the old plan.
    const text = await pdfOf(run);
    expect(text).toContain('Wijziging 1 gevraagd door HR');
    expect(text).toContain(REASON);
    expect(text).toContain('Versie 3: wijziging 1');
    // The first report is read against the plan it was written against; the progress table has a
    // row for the goal the change left out and one for the goal it added.
    const report = text.split('Voortgangsgesprek 1 –')[1]!.split('Voortgang per doel in de tijd')[0]!;
    expect(report).toMatch(/Doel 2: Weekrapportage[^]*Eén week te laat/);
    expect(report).not.toContain('Klantcontact binnen een dag');
    const progress = text.split('Voortgang per doel in de tijd')[1]!.split('Ondersteuning')[0]!;
    expect(progress).toMatch(
      /Doel 2: Klantcontact binnen een dag – Weekrapportage \(niet meer in het plan\) risico/,
    );
    const dossierPage = await cloud.request('GET', `/dossiers/${run.id}`, {
      headers: { cookie: `${SESSION_COOKIE}=${run.hr}` },
    });
    expect(String(dossierPage.body)).toContain('Klantcontact binnen een dag');
    expect(String(dossierPage.body)).toContain(REASON);
  });

  it('holds up no follow-up, and is refused before the term and while paused', async () => {
    // Prepare: a trajectory whose plan is not acknowledged yet.
    const run = await createTrajectory(cloud, { schedule: { termWeeks: 6 } });
    const early = await ask(run, { reason: REASON });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('plan_not_acknowledged');
    await throughPlan(run);

    // Act: paused, HR cannot ask; resumed, HR asks and the manager does not answer.
    const pause = await cloud.request('POST', `/trajectories/${run.id}/pause`, {
      token: run.hr,
      body: { reason: 'Ziek gemeld.' },
    });
    expect(pause.status).toBe(200);
    const paused = await ask(run, { reason: REASON });
    expect(paused.status).toBe(409);
    expect(paused.body.error.code).toBe('paused');
    expect((await cloud.request('POST', `/trajectories/${run.id}/resume`, { token: run.hr })).status).toBe(
      200,
    );
    await settle(cloud);
    expect((await ask(run, { reason: REASON })).status).toBe(201);
    const [first] = (await dossier(run)).meetings;
    await advanceTo(cloud, `${first.plannedOn}T12:00:00Z`);

    // Assess: the follow-up was asked for on its date with the change still open beside it.
    const found = await dossier(run);
    const open = found.tasks.filter((task: Task) => task.status === 'open').map((task: Task) => task.kind);
    expect(open).toEqual(expect.arrayContaining(['plan', 'follow-up']));
  });
});
