/**
 * The successful path end to end on the local cloud: HR starts, every person answers through the
 * link in their mail, the follow-ups arrive on their dates, the evaluation at the end of the
 * term, the aftercare weeks after HR confirmed, and the trajectory closes as completed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subtractWorkingDays } from '#core/working-days.ts';
import {
  ACKNOWLEDGE,
  AFTERCARE,
  amsterdam,
  answer,
  APPROVE,
  conversation,
  createTrajectory,
  DAY_MS,
  dossier,
  EMPLOYEE_RESPONSE,
  evaluation,
  eventTypes,
  IDENTIFY,
  mailsTo,
  PLAN,
  startTestCloud,
  selfAssessing,
  SELF_ASSESSMENT_MAILS,
  summary,
  throughFollowUps,
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

describe('a trajectory that succeeds', () => {
  it('runs from HR creating it to completed, informing the employee of every step on time', async () => {
    // Prepare: HR starts a trajectory with the default schedule.
    const run = await createTrajectory(cloud);
    const { employee, manager, hrAdvisor } = run.people;

    const started = await dossier(run);
    expect(started).toMatchObject({ status: 'active', phase: 'identify', attention: false });
    expect(started.tasks.map((task: { id: string }) => task.id)).toEqual(['identify-1']);
    // A fair start: nothing names the trajectory to the employee before the conversation.
    expect(summary(await mailsTo(cloud, employee.email))).toEqual([]);
    expect(summary(await mailsTo(cloud, manager.email))).toEqual(['task-request:identify']);

    // Act: phases 1 to 3, each answered through the link in its request mail.
    await answer(run, IDENTIFY);
    expect((await dossier(run)).phase).toBe('conversation');
    await answer(run, conversation(await today(cloud)));
    const invitation = (await mailsTo(cloud, employee.email)).at(-1)!;
    expect(invitation.task?.task).toBe('employee-response');
    // The invitation is also the conversation summary the employee must receive.
    expect(invitation.text).toContain(conversation('').summary);
    await answer(run, EMPLOYEE_RESPONSE);
    await answer(run, PLAN);
    expect(summary(await mailsTo(cloud, hrAdvisor.email))).toEqual(['task-request:plan-approval']);
    await answer(run, APPROVE);
    const plan = (await mailsTo(cloud, employee.email)).at(-1)!;
    expect(plan.task?.task).toBe('plan-acknowledgement');
    expect(plan.text).toContain(PLAN.goals[0]!.title);
    await answer(run, ACKNOWLEDGE);

    // Phase 4: the term and its meetings are planned from the acknowledgement.
    const term = await dossier(run);
    expect(term).toMatchObject({ phase: 'follow-up', term: 1 });
    expect(term.goals).toHaveLength(2);
    expect(term.improvementAreas).toHaveLength(2);
    // Twelve weeks with a follow-up every fourteen days: five meetings before the last day.
    expect(term.meetings).toHaveLength(5);
    const followUps = await throughFollowUps(run);
    expect(followUps).toEqual(['follow-up-1', 'follow-up-2', 'follow-up-3', 'follow-up-4', 'follow-up-5']);

    // Phase 5: the evaluation opens at the end of the term; HR confirms.
    await answer(run, evaluation('successful'));
    expect(summary(await mailsTo(cloud, hrAdvisor.email)).at(-1)).toBe('task-request:decision-confirmation');
    const confirmedOn = await today(cloud);
    await answer(run, APPROVE);
    expect(await dossier(run)).toMatchObject({
      phase: 'aftercare',
      decision: 'successful',
      status: 'active',
    });

    // Aftercare: nothing until four weeks after the decision, then the request on that morning.
    await cloud.advance({ days: 27 });
    expect(summary(await mailsTo(cloud, manager.email))).not.toContain('task-request:aftercare');
    for (
      let day = 0;
      day < 4 && (await dossier(run)).tasks.every((t: { kind: string }) => t.kind !== 'aftercare');
      day++
    )
      await cloud.advance({ days: 1 });
    await answer(run, AFTERCARE);

    // Assess: closed as completed.
    const closed = await dossier(run);
    expect(closed).toMatchObject({
      status: 'completed',
      phase: 'closed',
      attention: false,
      decision: 'successful',
    });
    // Every task was answered, except the employee's reactions and self-assessments, which nobody
    // has to give.
    const reaction = (task: { kind: string }) =>
      task.kind.endsWith('-reaction') || task.kind === 'self-assessment';
    expect(
      closed.tasks
        .filter((task: { kind: string }) => !reaction(task))
        .every((task: { status: string }) => task.status === 'done'),
    ).toBe(true);
    expect(closed.tasks.filter(reaction).map((task: { status: string }) => task.status)).toEqual(
      Array(11).fill('no-response'),
    );
    expect(eventTypes(closed)).toEqual(
      expect.arrayContaining([
        'trajectory-started',
        'improvement-areas-identified',
        'conversation-recorded',
        'employee-responded',
        'plan-drafted',
        'plan-reviewed',
        'plan-acknowledged',
        'term-started',
        'follow-up-recorded',
        'evaluation-recorded',
        'decision-reviewed',
        'aftercare-recorded',
        'trajectory-closed',
      ]),
    );
    expect(eventTypes(closed).filter((type) => type === 'follow-up-recorded')).toHaveLength(5);
    expect(closed.meetings.every((meeting: { heldOn?: string }) => meeting.heldOn)).toBe(true);

    // HR sees it among all trajectories; the manager sees their own, another manager does not.
    const listed = await cloud.request('GET', '/trajectories', { token: run.hr });
    expect(listed.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: run.id, status: 'completed' })]),
    );
    expect((await dossier(run, run.manager)).status).toBe('completed');
    const stranger = await cloud.tokenFor(`another.manager.${run.id.slice(0, 8)}@example.nl`, 'manager');
    expect((await cloud.request('GET', `/trajectories/${run.id}`, { token: stranger })).status).toBe(403);

    // The employee was told of every step that concerns them, and of nothing else.
    const employeeMails = await mailsTo(cloud, employee.email);
    // Each follow-up invites the employee's self-assessment beforehand, reminded once; its request
    // goes out beside the meeting's invite, in either order.
    expect(summary(employeeMails).filter(selfAssessing)).toEqual(SELF_ASSESSMENT_MAILS(5));
    expect(summary(employeeMails).filter((kind) => !selfAssessing(kind))).toEqual([
      // The conversation's calendar invite, and one for each follow-up meeting before its report;
      // the trajectory is named to the employee once the conversation is recorded.
      'meeting-invite',
      'trajectory-started',
      'task-request:employee-response',
      'task-request:plan-acknowledgement',
      // Each report and the outcome invite the employee's reaction in the same mail, with its
      // link (so no request of its own), reminded once.
      ...Array(5)
        .fill(['meeting-invite', 'follow-up-summary:follow-up-reaction', 'reminder:follow-up-reaction'])
        .flat(),
      'outcome:evaluation-reaction',
      'reminder:evaluation-reaction',
    ]);
    const reports = employeeMails.filter((mail) => mail.kind === 'follow-up-summary');
    expect(reports.map((mail) => /\d+$/.exec(mail.subject)?.[0])).toEqual(['1', '2', '3', '4', '5']);
    // The dossier records each of them: that and when the employee was informed.
    const informed = closed.events.filter(
      (event: { type: string; data?: { to?: string } }) =>
        event.type === 'mail-sent' && event.data?.to === 'employee',
    );
    expect(informed).toHaveLength(employeeMails.length);

    // Nobody was chased: every answer came in time.
    const managerMails = await mailsTo(cloud, manager.email);
    expect(new Set(managerMails.map((mail) => mail.kind))).toEqual(new Set(['task-request']));
    expect(summary(managerMails)).toEqual([
      'task-request:identify',
      'task-request:conversation',
      'task-request:plan',
      ...Array(5).fill('task-request:follow-up'),
      'task-request:evaluation',
      'task-request:aftercare',
    ]);
    expect(summary(await mailsTo(cloud, hrAdvisor.email))).toEqual([
      'task-request:plan-approval',
      'task-request:decision-confirmation',
    ]);

    // Each follow-up request arrived at 09:00 two working days before its meeting (in time for
    // the invite), the evaluation at the term's end.
    const requests = managerMails.filter((mail) => mail.task?.task === 'follow-up');
    expect(requests.map((mail) => amsterdam(mail.sentAt))).toEqual(
      closed.meetings.map(
        (meeting: { plannedOn: string }) => `${subtractWorkingDays(meeting.plannedOn, 2)} 09:00`,
      ),
    );
    expect(requests.map((mail) => amsterdam(mail.sentAt).slice(0, 10))).toEqual([
      '2026-09-10',
      '2026-09-24',
      '2026-10-08',
      '2026-10-22',
      '2026-11-05',
    ]);
    const evaluationRequest = managerMails.find((mail) => mail.task?.task === 'evaluation')!;
    expect(evaluationRequest.sentAt).toBe(closed.termEndsAt);
    const aftercareRequest = managerMails.at(-1)!;
    const sentOn = Date.parse(aftercareRequest.sentAt);
    const days = Math.round((sentOn - Date.parse(`${confirmedOn}T12:00:00Z`)) / DAY_MS);
    expect(days).toBeGreaterThanOrEqual(28);
    expect(days).toBeLessThanOrEqual(30);
    expect(amsterdam(sentOn).slice(11)).toBe('09:00');
    // The outcome reached the employee after HR confirmed, naming the decision's result.
    const outcome = employeeMails.find((mail) => mail.kind === 'outcome')!;
    expect(outcome.text).toContain(evaluation('successful').summary);
  });
});
