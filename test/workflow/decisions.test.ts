/**
 * HR's decisive moments on the local cloud: a plan sent back for revision, an evaluation that
 * extends the term, and one that ends the trajectory without success. Short terms (four weeks,
 * one follow-up each) keep the calendar small; the rules are the same as for twelve weeks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_STATE_MACHINE_ARN } from '#local/cloud.ts';
import { pdfText } from '../support/pdf-text.ts';
import {
  AFTERCARE,
  answer,
  APPROVE,
  APPROVE_ENDING,
  conversation,
  createTrajectory,
  dossier,
  EMPLOYEE_RESPONSE,
  evaluation,
  eventTypes,
  IDENTIFY,
  mailsTo,
  openTask,
  PLAN,
  requestLink,
  startTestCloud,
  submit,
  selfAssessing,
  SELF_ASSESSMENT_MAILS,
  summary,
  taskById,
  throughFollowUps,
  throughPlan,
  today,
  type Run,
  type TestCloud,
} from './support.ts';

const SHORT_TERM = { termWeeks: 4, followUpEveryDays: 14 };

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud.dispose();
});

/** Lets the aftercare request arrive (four weeks after the decision, on a working day) and answers it. */
async function throughAftercare(run: Run): Promise<void> {
  await cloud.advance({ days: 27 });
  for (let day = 0; day < 4; day++) {
    const tasks = (await dossier(run)).tasks as { kind: string }[];
    if (tasks.some((task) => task.kind === 'aftercare')) break;
    await cloud.advance({ days: 1 });
  }
  expect((await openTask(run)).kind).toBe('aftercare');
  await answer(run, AFTERCARE);
}

describe('HR asks for a revision of the plan', () => {
  it('gives the manager a new plan task with HR’s comments, and the approved revision goes to the employee', async () => {
    // Prepare
    const run = await createTrajectory(cloud);
    const { employee, manager, hrAdvisor } = run.people;
    await answer(run, IDENTIFY);
    await answer(run, conversation(await today(cloud)));
    await answer(run, EMPLOYEE_RESPONSE);
    await answer(run, PLAN);
    const comments = 'Maak het tweede doel meetbaar met een aantal per maand.';

    // Act
    await answer(run, { decision: 'revise', comments });

    // Assess: a second plan task, its request showing what HR wants changed.
    const revision = await openTask(run);
    expect(revision).toMatchObject({ id: 'plan-2', kind: 'plan' });
    const request = (await mailsTo(cloud, manager.email)).at(-1)!;
    expect(request.task).toEqual({ task: 'plan', taskId: 'plan-2' });
    expect(request.text).toContain(comments);
    // The employee has not seen a plan yet: HR has not approved one.
    expect(summary(await mailsTo(cloud, employee.email))).toEqual([
      'meeting-invite',
      'trajectory-started',
      'task-request:employee-response',
    ]);

    const revised = { goals: [PLAN.goals[0]!, { ...PLAN.goals[1]!, target: 'Vier rapportages per maand' }] };
    await answer(run, revised);
    expect(summary(await mailsTo(cloud, hrAdvisor.email))).toEqual([
      'task-request:plan-approval',
      'task-request:plan-approval',
    ]);
    await answer(run, APPROVE);

    const found = await dossier(run);
    expect(found.goals[1].target).toBe('Vier rapportages per maand');
    expect(taskById(found, 'plan-approval-1').response).toMatchObject({ decision: 'revise', comments });
    expect(taskById(found, 'plan-approval-2').response).toMatchObject({ decision: 'approve' });
    expect(eventTypes(found).filter((type) => type === 'plan-reviewed')).toHaveLength(2);
    expect(eventTypes(found).filter((type) => type === 'plan-drafted')).toHaveLength(2);
    const plan = (await mailsTo(cloud, employee.email)).at(-1)!;
    expect(plan.task?.task).toBe('plan-acknowledgement');
    expect(plan.text).toContain('Vier rapportages per maand');
  });
});

describe('an evaluation that extends the term', () => {
  it('starts a new term with new follow-ups once HR confirms, and then ends successfully', async () => {
    // Prepare
    const run = await createTrajectory(cloud, { schedule: SHORT_TERM });
    const { employee, manager } = run.people;
    await throughPlan(run);
    expect(await throughFollowUps(run)).toEqual(['follow-up-1']);
    const firstTerm = await dossier(run);

    // Act: the manager proposes three more weeks; HR confirms.
    await answer(run, evaluation('extend', 3));
    await answer(run, APPROVE);

    // Assess: term 2, with its own meeting numbered on from the first term's.
    const extended = await dossier(run);
    expect(extended).toMatchObject({ status: 'active', phase: 'follow-up', term: 2, decision: 'extend' });
    expect(Date.parse(extended.termEndsAt)).toBeGreaterThan(Date.parse(firstTerm.termEndsAt));
    expect(extended.meetings.map((meeting: { number: number }) => meeting.number)).toEqual([1, 2]);
    expect(extended.meetings[1].taskId).toBeUndefined();
    expect(eventTypes(extended).filter((type) => type === 'term-started')).toHaveLength(2);
    // The outcome, which invites the employee's reaction to the evaluation it reports, with its link.
    const outcome = (await mailsTo(cloud, employee.email)).at(-1);
    expect(outcome!.kind).toBe('outcome');
    expect(outcome!.task?.task).toBe('evaluation-reaction');
    expect(outcome!.link).toBeTruthy();
    // The new term runs in an execution of its own, as an operator sees with the Step Functions API.
    const execution = (name: string) =>
      cloud.engine.describeExecution({
        executionArn: `${LOCAL_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${name}`,
      });
    expect((await execution(run.id)).status).toBe('SUCCEEDED');
    expect((await execution(`${run.id}.term-2`)).status).toBe('RUNNING');

    expect(await throughFollowUps(run)).toEqual(['follow-up-2']);
    expect((await openTask(run)).id).toBe('evaluation-2');
    await answer(run, evaluation('successful'));
    await answer(run, APPROVE);
    await throughAftercare(run);

    const closed = await dossier(run);
    expect(closed).toMatchObject({ status: 'completed', phase: 'closed', term: 2, decision: 'successful' });
    expect((await execution(`${run.id}.term-2`)).status).toBe('SUCCEEDED');
    // The self-assessment before each follow-up, reminded once, goes out beside the meeting's invite.
    const told = summary(await mailsTo(cloud, employee.email));
    expect(told.filter(selfAssessing)).toEqual(SELF_ASSESSMENT_MAILS(2));
    expect(told.filter((kind) => !selfAssessing(kind))).toEqual([
      'meeting-invite',
      'trajectory-started',
      'task-request:employee-response',
      'task-request:plan-acknowledgement',
      'meeting-invite',
      'follow-up-summary:follow-up-reaction',
      'reminder:follow-up-reaction',
      'outcome:evaluation-reaction',
      'reminder:evaluation-reaction',
      'meeting-invite',
      'follow-up-summary:follow-up-reaction',
      'reminder:follow-up-reaction',
      'outcome:evaluation-reaction',
      'reminder:evaluation-reaction',
    ]);
    expect(summary(await mailsTo(cloud, manager.email)).filter((s) => s.includes('evaluation'))).toEqual([
      'task-request:evaluation',
      'task-request:evaluation',
    ]);
  });
});

const OVERRIDE = { reason: 'Agreed with counsel: the employee asked for an early end.' };

describe('an unsuccessful trajectory', () => {
  it('ends with status ended after HR confirms and the aftercare is recorded', async () => {
    // Prepare
    const run = await createTrajectory(cloud, { schedule: SHORT_TERM, locale: 'en' });
    const { employee } = run.people;
    await throughPlan(run);
    await throughFollowUps(run);

    // Act
    await answer(run, evaluation('unsuccessful'));
    const confirmation = await openTask(run);
    const link = await requestLink(run, run.people.hrAdvisor.email, confirmation.id);
    const withoutRedeployment = await submit(run, link, APPROVE);
    // A term below the minimum does not carry an unsuccessful end: HR must say why it confirms.
    const withoutOverride = await submit(run, link, APPROVE_ENDING);
    const refused = await dossier(run);
    await answer(run, { ...APPROVE_ENDING, override: OVERRIDE });
    const decided = await dossier(run);
    await throughAftercare(run);

    // Assess
    // Ending a trajectory needs the redeployment record (an extension of the contract).
    expect(withoutRedeployment.status).toBe(400);
    expect(withoutRedeployment.body.error.fieldErrors.map((e: { path: string }) => e.path)).toEqual([
      'redeployment',
    ]);
    expect(withoutOverride.status).toBe(400);
    expect(withoutOverride.body.error.fieldErrors).toEqual([
      {
        path: 'override.reason',
        message:
          'The dossier cannot carry an unsuccessful end yet: the term is shorter than 12 weeks. Send the evaluation back, or record why you confirm it anyway.',
      },
    ]);
    expect(taskById(refused, confirmation.id).status).toBe('open');
    expect(taskById(decided, confirmation.id).response).toMatchObject({
      redeployment: APPROVE_ENDING.redeployment,
      override: { reason: OVERRIDE.reason, rules: ['term-length'] },
    });
    // The override is an event of the dossier, and its reason is in the PDF.
    expect(decided.events.filter((e: { type: string }) => e.type === 'decision-overridden')).toMatchObject([
      { taskId: confirmation.id, actor: { role: 'hr' }, data: { rules: ['term-length'] } },
    ]);
    const pdf = await fetch(`${cloud.url}/trajectories/${run.id}/dossier.pdf`, {
      headers: { authorization: `Bearer ${run.hr}` },
    });
    expect(pdf.status).toBe(200);
    const text = (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(text).toContain(OVERRIDE.reason);
    expect(text).toContain('Confirmed despite: Reasonable term');
    expect(decided).toMatchObject({ status: 'active', phase: 'aftercare', decision: 'unsuccessful' });
    const closed = await dossier(run);
    expect(closed).toMatchObject({ status: 'ended', phase: 'closed', decision: 'unsuccessful' });
    expect(eventTypes(closed)).toContain('trajectory-closed');
    const employeeMails = await mailsTo(cloud, employee.email);
    expect(summary(employeeMails).filter(selfAssessing)).toEqual(SELF_ASSESSMENT_MAILS(1));
    expect(summary(employeeMails).filter((kind) => !selfAssessing(kind))).toEqual([
      'meeting-invite',
      'trajectory-started',
      'task-request:employee-response',
      'task-request:plan-acknowledgement',
      'meeting-invite',
      'follow-up-summary:follow-up-reaction',
      'reminder:follow-up-reaction',
      'outcome:evaluation-reaction',
      'reminder:evaluation-reaction',
    ]);
    // In the trajectory's language, English here.
    expect(employeeMails.find((mail) => mail.kind === 'outcome')!.subject).toMatch(/^The outcome/);
    expect(employeeMails.at(-1)!.subject).toBe('Reminder: Your reaction to the evaluation');
  });
});

describe('HR sends the evaluation back', () => {
  it('asks the manager to evaluate again, with HR’s comments, and only the confirmed decision counts', async () => {
    // Prepare
    const run = await createTrajectory(cloud, { schedule: { termWeeks: 2, followUpEveryDays: 7 } });
    const { employee, manager } = run.people;
    await throughPlan(run);
    await throughFollowUps(run);
    await answer(run, evaluation('extend', 4));
    const comments = 'Twee van de drie afspraken zijn weer gemist; een verlenging is niet te verdedigen.';

    // Act
    await answer(run, { decision: 'revise', comments });

    // Assess: a second evaluation, its request showing HR's comments; the employee heard nothing.
    expect(await openTask(run)).toMatchObject({ id: 'evaluation-2', kind: 'evaluation' });
    const request = (await mailsTo(cloud, manager.email)).at(-1)!;
    expect(request.task).toEqual({ task: 'evaluation', taskId: 'evaluation-2' });
    expect(request.text).toContain(comments);
    expect(summary(await mailsTo(cloud, employee.email))).not.toContain('outcome');
    expect(await dossier(run)).toMatchObject({ term: 1, phase: 'evaluation' });

    await answer(run, evaluation('unsuccessful'));
    await answer(run, { ...APPROVE_ENDING, override: OVERRIDE });
    const decided = await dossier(run);
    expect(decided).toMatchObject({ term: 1, decision: 'unsuccessful', phase: 'aftercare' });
    expect(
      summary(await mailsTo(cloud, employee.email)).filter((kind) => kind.startsWith('outcome')),
    ).toHaveLength(1);
  });
});
