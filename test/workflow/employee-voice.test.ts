/**
 * The employee's voice after the plan, end to end on the local cloud through the public contract
 * only: after each follow-up report and after the evaluation HR confirmed, the employee is invited
 * to add their own reaction. A reaction given is part of the dossier (the HR dossier page, the
 * PDF, the completeness check); one not given is reminded once, never escalated, and never holds
 * up the calendar. An employee who disagrees with the plan gets an answer from HR.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subtractWorkingDays } from '#core/working-days.ts';
import { SESSION_COOKIE } from '#shared/session-cookie.ts';
import { pdfText } from '../support/pdf-text.ts';
import {
  advanceTo,
  amsterdam,
  answer,
  APPROVE,
  conversation,
  EMPLOYEE_RESPONSE,
  IDENTIFY,
  PLAN,
  createTrajectory,
  dossier,
  evaluation,
  expectSentAt,
  followUp,
  HOUR_MS,
  mailsTo,
  startTestCloud,
  summary,
  throughFollowUps,
  throughPlan,
  today,
  type TestCloud,
} from './support.ts';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud.dispose();
});

const ON_REPORT = {
  reaction: 'Ik heb in het gesprek om een tweede cursusdag gevraagd; dat staat er niet in.',
};
const ON_EVALUATION = { reaction: 'Ik ben blij met de uitkomst en wil het overleg graag voortzetten.' };

type Task = { id: string; kind: string; status: string; about?: string; dueAt: string };
type Criterion = { id: string; status: string; reason: string };

const heard = (found: { completeness: { criteria: Criterion[] } }) =>
  found.completeness.criteria.find((criterion) => criterion.id === 'employee-heard');

describe("the employee's voice after the plan", () => {
  it('is asked after a follow-up report and the evaluation, and both reactions are in the dossier', async () => {
    // Prepare: a term of four weeks holds one follow-up, two weeks in.
    const run = await createTrajectory(cloud, { schedule: { termWeeks: 4 } });
    await throughPlan(run);
    const [meeting] = (await dossier(run)).meetings;
    await advanceTo(cloud, `${meeting.plannedOn}T12:00:00Z`);

    // Act: the manager reports; the employee reacts through the link in the mail that invites it.
    await answer(run, followUp(await today(cloud)), 'follow-up');
    const invitation = (await mailsTo(cloud, run.people.employee.email)).at(-1)!;
    await answer(run, ON_REPORT, 'follow-up-reaction');
    await advanceTo(cloud, (await dossier(run)).termEndsAt, HOUR_MS);
    await answer(run, evaluation('successful'), 'evaluation');
    await answer(run, APPROVE, 'decision-confirmation');
    const evaluationInvitation = (await mailsTo(cloud, run.people.employee.email)).at(-1)!;
    await answer(run, ON_EVALUATION, 'evaluation-reaction');

    // Assess: each invitation shows what it is about, with the deadline, and is optional.
    expect(invitation.task).toEqual({ task: 'follow-up-reaction', taskId: 'follow-up-reaction-1' });
    expect(invitation.text).toContain(followUp('').summary);
    expect(invitation.text).toContain('Eén week te laat.');
    expect(invitation.text).toContain('Je kunt reageren tot');
    expect(evaluationInvitation.task).toEqual({
      task: 'evaluation-reaction',
      taskId: 'evaluation-reaction-1',
    });
    expect(evaluationInvitation.text).toContain(evaluation('successful').summary);
    // The invitation is the mail that reports what it is about, not a second mail beside it: the
    // report's summary and the outcome carry the reaction's link, and no request of its own follows.
    expect(invitation.kind).toBe('follow-up-summary');
    expect(invitation.text).toContain('Je kunt op dit verslag je eigen reactie geven.');
    expect(evaluationInvitation.kind).toBe('outcome');
    expect(evaluationInvitation.text).toContain('Je kunt op deze evaluatie je eigen reactie geven.');
    expect(
      summary(await mailsTo(cloud, run.people.employee.email)).filter((kind) => kind.endsWith('-reaction')),
    ).toEqual(['follow-up-summary:follow-up-reaction', 'outcome:evaluation-reaction']);
    const found = await dossier(run);
    const reactions = found.tasks.filter((task: Task) => task.kind.endsWith('-reaction'));
    expect(reactions).toEqual([
      expect.objectContaining({ id: 'follow-up-reaction-1', status: 'done', about: 'follow-up-1' }),
      expect.objectContaining({ id: 'evaluation-reaction-1', status: 'done', about: 'evaluation-1' }),
    ]);
    expect(heard(found)).toMatchObject({ status: 'pass', reason: expect.stringContaining('2 keer') });

    // The HR dossier page shows both, under the report each is about.
    const session = { cookie: `${SESSION_COOKIE}=${run.hr}` };
    const page = await cloud.request('GET', `/dossiers/${run.id}`, { headers: session });
    expect(page.status).toBe(200);
    const followUps = String(page.body).split('data-section="follow-ups"')[1]!.split('</section>')[0]!;
    const evaluations = String(page.body).split('data-section="evaluation"')[1]!.split('</section>')[0]!;
    expect(followUps).toContain(ON_REPORT.reaction);
    expect(evaluations).toContain(ON_EVALUATION.reaction);
    // The criterion is in HR's internal completeness report, apart from the dossier.
    const report = await cloud.request('GET', `/dossiers/${run.id}/completeness`, { headers: session });
    expect(report.status).toBe(200);
    expect(report.body).toContain('Medewerker gehoord bij elke stap');

    // And so does the PDF.
    const pdf = await fetch(`${cloud.url}/trajectories/${run.id}/dossier.pdf`, {
      headers: { authorization: `Bearer ${run.hr}` },
    });
    expect(pdf.status).toBe(200);
    const text = (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(text).toContain(ON_REPORT.reaction);
    expect(text).toContain(ON_EVALUATION.reaction);
    const reportPdf = await fetch(`${cloud.url}/trajectories/${run.id}/completeness.pdf`, {
      headers: { authorization: `Bearer ${run.hr}` },
    });
    expect(reportPdf.status).toBe(200);
    expect((await pdfText(new Uint8Array(await reportPdf.arrayBuffer()))).replace(/\s+/g, ' ')).toContain(
      'Medewerker gehoord bij elke stap',
    );
  });

  it('is reminded once when not given, never escalated, and holds up nothing', async () => {
    // Prepare: a weekly follow-up in a term of four weeks, so each reaction (five working days)
    // is still open when the next meeting is asked for, and the last one when the term ends.
    const run = await createTrajectory(cloud, { schedule: { termWeeks: 4, followUpEveryDays: 7 } });
    await throughPlan(run);
    const planned = await dossier(run);
    expect(planned.meetings).toHaveLength(3);

    // Act: the manager reports on every follow-up and the evaluation; the employee never reacts.
    await throughFollowUps(run);
    await answer(run, evaluation('successful'), 'evaluation');
    await answer(run, APPROVE, 'decision-confirmation');
    await cloud.advance({ days: 10 });

    // Assess: each reaction lapsed after one reminder; the employee was never told it was late.
    const found = await dossier(run);
    const reactions = found.tasks.filter((task: Task) => task.kind.endsWith('-reaction'));
    expect(reactions.map((task: Task) => [task.id, task.status])).toEqual([
      ['follow-up-reaction-1', 'no-response'],
      ['follow-up-reaction-2', 'no-response'],
      ['follow-up-reaction-3', 'no-response'],
      ['evaluation-reaction-1', 'no-response'],
    ]);
    const employeeMails = await mailsTo(cloud, run.people.employee.email);
    const chased = summary(employeeMails).filter(
      (kind) => kind.startsWith('reminder:') && kind.endsWith('-reaction'),
    );
    expect(chased).toEqual([
      'reminder:follow-up-reaction',
      'reminder:follow-up-reaction',
      'reminder:follow-up-reaction',
      'reminder:evaluation-reaction',
    ]);
    // HR heard nothing about it, and nothing marks the trajectory as needing attention.
    expect(summary(await mailsTo(cloud, run.people.hrAdvisor.email))).toEqual([
      'task-request:plan-approval',
      'task-request:decision-confirmation',
    ]);
    expect(found.attention).toBe(false);
    expect(found.events.map((event: { type: string }) => event.type)).not.toContain('task-escalated');
    // Being offered is what counts: the dossier is in order on this point.
    expect(heard(found)).toMatchObject({ status: 'pass', reason: expect.stringContaining('0 keer') });

    // The calendar ran on time, each next step while the reaction before it was still open: every
    // follow-up requested two working days before its meeting, the evaluation at the term's end.
    const managerMails = await mailsTo(cloud, run.people.manager.email);
    const requests = managerMails.filter((mail) => mail.task?.task === 'follow-up');
    expect(requests.map((mail) => amsterdam(mail.sentAt))).toEqual(
      planned.meetings.map(
        (meeting: { plannedOn: string }) => `${subtractWorkingDays(meeting.plannedOn, 2)} 09:00`,
      ),
    );
    expectSentAt(
      managerMails.find((mail) => mail.task?.task === 'evaluation'),
      found.termEndsAt,
    );
    const lapsedAt = (taskId: string) =>
      found.events.find((event: { id: string }) => event.id === `${taskId}.no-response`).at as string;
    expect(requests[1]!.sentAt < lapsedAt('follow-up-reaction-1')).toBe(true);
    expect(requests[2]!.sentAt < lapsedAt('follow-up-reaction-2')).toBe(true);
    expect(found.termEndsAt < lapsedAt('follow-up-reaction-3')).toBe(true);
  });

  it('asks HR to answer an employee who disagrees with the plan, and mails the employee the answer', async () => {
    // Prepare: up to the plan's acknowledgement, in which the employee disagrees.
    const run = await createTrajectory(cloud);
    await answer(run, IDENTIFY);
    await answer(run, conversation(await today(cloud)));
    await answer(run, EMPLOYEE_RESPONSE, 'employee-response');
    await answer(run, PLAN, 'plan');
    await answer(run, APPROVE);
    const objection = 'Het tweede doel is met de huidige werkdruk niet haalbaar.';
    await answer(run, { acknowledged: true, agreement: 'disagree', comments: objection });

    // Act: HR answers through the link in the request mail.
    const hrRequest = (await mailsTo(cloud, run.people.hrAdvisor.email)).at(-1)!;
    const reply = {
      response: 'We bespreken doel 2 in het eerste voortgangsgesprek en passen het zo nodig aan.',
    };
    await answer(run, reply, 'disagreement-response');

    // Assess: HR saw the objection; the employee got the answer; the term runs regardless.
    expect(hrRequest.task).toEqual({ task: 'disagreement-response', taskId: 'disagreement-response-1' });
    expect(hrRequest.text).toContain(objection);
    const answered = (await mailsTo(cloud, run.people.employee.email)).at(-1)!;
    expect(answered.kind).toBe('disagreement-answer');
    expect(answered.text).toContain(reply.response);
    const found = await dossier(run);
    expect(found).toMatchObject({ phase: 'follow-up', attention: false });
    expect(found.tasks.find((task: Task) => task.kind === 'disagreement-response')).toMatchObject({
      status: 'done',
      about: 'plan-acknowledgement-1',
    });
    const pdf = await fetch(`${cloud.url}/trajectories/${run.id}/dossier.pdf`, {
      headers: { authorization: `Bearer ${run.hr}` },
    });
    const text = (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(text).toContain(objection);
    expect(text).toContain(reply.response);
  });
});
