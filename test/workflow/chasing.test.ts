/**
 * Deadlines on the local cloud: the chasing policy as people meet it. A manager who lets a task
 * pass its deadline is reminded, told it is overdue while HR hears of it, then HR again with the
 * trajectory flagged; the first mail's link still works. An employee who does not respond is
 * reminded once and never escalated about. A deadline HR moves is chased from its new time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextWorkingMoment } from '#core/working-days.ts';
import {
  advanceTo,
  amsterdam,
  answer,
  conversation,
  createTrajectory,
  DAY_MS,
  dossier,
  eventTypes,
  expectSentAt,
  HOUR_MS,
  IDENTIFY,
  linkView,
  MINUTE_MS,
  mailsTo,
  openTask,
  PLAN,
  APPROVE,
  requestLink,
  settle,
  startTestCloud,
  submit,
  summary,
  taskById,
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

describe('chasing a manager who misses a deadline', () => {
  it('reminds, then tells the manager and HR at the due time, then HR again with attention; the first link still works', async () => {
    // Prepare
    const run = await createTrajectory(cloud);
    const { manager, hrAdvisor } = run.people;
    const task = await openTask(run);
    expect(task.id).toBe('identify-1');
    const dueAt = Date.parse(task.dueAt);
    const link = await requestLink(run, manager.email, task.id);

    // Act + Assess: the reminder, 48 hours before the due time (on a working day: a Saturday's
    // moves to Monday 09:00), and not a minute earlier.
    const reminderAt = nextWorkingMoment(new Date(dueAt - 48 * HOUR_MS)).getTime();
    await advanceTo(cloud, reminderAt - MINUTE_MS);
    expect(summary(await mailsTo(cloud, manager.email))).toEqual(['task-request:identify']);
    await advanceTo(cloud, reminderAt + MINUTE_MS);
    const reminded = await mailsTo(cloud, manager.email);
    expect(summary(reminded)).toEqual(['task-request:identify', 'reminder:identify']);
    expectSentAt(reminded[1], reminderAt);
    expect(await mailsTo(cloud, hrAdvisor.email)).toEqual([]);

    // At the due time: overdue to the manager, escalation to the HR advisor.
    await advanceTo(cloud, dueAt - MINUTE_MS);
    expect(summary(await mailsTo(cloud, manager.email))).toHaveLength(2);
    await advanceTo(cloud, dueAt, MINUTE_MS);
    const overdue = (await mailsTo(cloud, manager.email)).at(-1)!;
    expect(overdue.kind).toBe('overdue');
    expectSentAt(overdue, task.dueAt);
    expect(await linkView(cloud, overdue.link!)).toMatchObject({ taskId: 'identify-1', status: 'open' });
    const escalations = await mailsTo(cloud, hrAdvisor.email);
    expect(summary(escalations)).toEqual(['escalation']);
    expectSentAt(escalations[0], task.dueAt);
    expect(escalations[0]!.text).toContain(manager.name);
    expect((await dossier(run)).attention).toBe(false);

    // After the grace period (three days at the same time of day, off the weekend): HR again,
    // and the flag. Not before: two days on, HR has heard only once.
    await advanceTo(cloud, dueAt + 2 * DAY_MS);
    expect(summary(await mailsTo(cloud, hrAdvisor.email))).toEqual(['escalation']);
    expect((await dossier(run)).attention).toBe(false);
    for (let day = 0; day < 4 && (await mailsTo(cloud, hrAdvisor.email)).length < 2; day++) {
      await cloud.advance({ days: 1 });
    }
    const second = (await mailsTo(cloud, hrAdvisor.email)).at(-1)!;
    expect(second.kind).toBe('second-escalation');
    expect(amsterdam(second.sentAt).slice(11)).toBe(amsterdam(dueAt).slice(11));
    const graceDays = Math.round((Date.parse(second.sentAt) - dueAt) / DAY_MS);
    expect(graceDays).toBeGreaterThanOrEqual(3);
    expect(graceDays).toBeLessThanOrEqual(5);
    const flagged = await dossier(run);
    expect(flagged.attention).toBe(true);
    expect(flagged.attentionReasons).toEqual(['late:identify-1']);
    expect(taskById(flagged, 'identify-1')).toMatchObject({ status: 'open', chaseStage: 'escalated' });
    expect(eventTypes(flagged, 'identify-1')).toEqual(
      expect.arrayContaining(['task-reminded', 'task-overdue', 'task-escalated', 'task-escalated-again']),
    );
    // Nothing more while nobody acts: the policy has had its say.
    await cloud.advance({ days: 14 });
    expect(await mailsTo(cloud, hrAdvisor.email)).toHaveLength(2);
    expect(await mailsTo(cloud, manager.email)).toHaveLength(3);

    // The manager finally answers, through the link of the very first mail.
    const late = await submit(run, link, IDENTIFY);
    expect(late.status).toBe(200);
    await settle(cloud);

    const resumed = await dossier(run);
    expect(taskById(resumed, 'identify-1').status).toBe('done');
    expect(resumed.phase).toBe('conversation');
    // Late no more, and nothing else needed HR: the flag is gone.
    expect(resumed.attention).toBe(false);
    expect(resumed.improvementAreas).toHaveLength(2);
    expect(summary(await mailsTo(cloud, manager.email)).at(-1)).toBe('task-request:conversation');
    await answer(run, conversation(await today(cloud)));
    // The employee is invited to respond, and the plan is asked for at the same time.
    expect((await openTask(run, 'employee-response')).kind).toBe('employee-response');
    expect((await openTask(run, 'plan')).kind).toBe('plan');
  });
});

describe('an employee who never responds', () => {
  it('is reminded once, "no response" is recorded and the workflow moves on without escalating', async () => {
    // Prepare
    const run = await createTrajectory(cloud);
    const { employee, manager, hrAdvisor } = run.people;
    await answer(run, IDENTIFY);
    await answer(run, conversation(await today(cloud)));
    const task = await openTask(run, 'employee-response');
    expect(task).toMatchObject({ id: 'employee-response-1', kind: 'employee-response' });
    const link = await requestLink(run, employee.email, task.id);

    // Act: the employee lets the deadline pass.
    await advanceTo(cloud, task.dueAt, MINUTE_MS);

    // Assess
    expect(summary(await mailsTo(cloud, employee.email))).toEqual([
      'meeting-invite',
      'trajectory-started',
      'task-request:employee-response',
      'reminder:employee-response',
    ]);
    const moved = await dossier(run);
    expect(taskById(moved, task.id)).toMatchObject({ status: 'no-response' });
    expect(taskById(moved, task.id).response).toBeUndefined();
    expect(eventTypes(moved, task.id)).toContain('no-response');
    expect(eventTypes(moved, task.id)).not.toContain('task-overdue');
    expect(moved.phase).toBe('plan');
    expect(summary(await mailsTo(cloud, manager.email)).at(-1)).toBe('task-request:plan');
    // The link has nothing left to answer.
    expect((await submit(run, link, { response: 'Te laat.' })).status).toBe(409);

    // Long past any grace period: nobody was ever escalated about the employee's task.
    await cloud.advance({ days: 6 });
    expect(await mailsTo(cloud, hrAdvisor.email)).toEqual([]);
    const employeeMails = await mailsTo(cloud, employee.email);
    expect(employeeMails.map((mail) => mail.kind)).not.toContain('overdue');
    // Nor was the manager told about it: their mails are about their own tasks.
    expect(
      (await mailsTo(cloud, manager.email)).every(
        (mail) => mail.task === undefined || mail.task.task !== 'employee-response',
      ),
    ).toBe(true);

    // Neither does the employee acknowledge the plan: receipt, not agreement, so the term starts anyway.
    await answer(run, PLAN);
    await answer(run, APPROVE);
    const acknowledgement = await openTask(run);
    expect(acknowledgement.kind).toBe('plan-acknowledgement');
    await advanceTo(cloud, acknowledgement.dueAt, MINUTE_MS);
    const term = await dossier(run);
    expect(taskById(term, acknowledgement.id).status).toBe('no-response');
    expect(term).toMatchObject({ phase: 'follow-up', term: 1 });
    expect(term.meetings.length).toBeGreaterThan(0);
    expect(eventTypes(term)).toContain('term-started');
    expect(summary(await mailsTo(cloud, employee.email))).toEqual([
      'meeting-invite',
      'trajectory-started',
      'task-request:employee-response',
      'reminder:employee-response',
      'task-request:plan-acknowledgement',
      'reminder:plan-acknowledgement',
    ]);
    // HR heard of the plan to approve, and of nothing the employee did or did not do.
    expect(summary(await mailsTo(cloud, hrAdvisor.email))).toEqual(['task-request:plan-approval']);
  });
});

describe('HR moves a deadline', () => {
  it('chases the new due time: no overdue notice at the old one, the overdue notice at the new one', async () => {
    // Prepare
    const run = await createTrajectory(cloud);
    const { manager, hrAdvisor } = run.people;
    const task = await openTask(run);
    const oldDue = Date.parse(task.dueAt);

    // Act: HR gives a week more while the task waits, before any reminder.
    await cloud.advance({ hours: 1 });
    const extended = await cloud.request('POST', `/trajectories/${run.id}/tasks/${task.id}/extend`, {
      token: run.hr,
      body: { days: 7 },
    });
    expect(extended.status).toBe(200);
    const newDue = Date.parse(extended.body.dueAt);
    expect(newDue - oldDue).toBeGreaterThanOrEqual(7 * DAY_MS - HOUR_MS);
    expect(amsterdam(newDue).slice(11)).toBe(amsterdam(oldDue).slice(11));
    await settle(cloud);

    // Assess: the old due time passes in silence.
    await advanceTo(cloud, oldDue, HOUR_MS);
    const kinds = () => mailsTo(cloud, manager.email).then((mails) => mails.map((mail) => mail.kind));
    expect(await kinds()).not.toContain('reminder');
    expect(await kinds()).not.toContain('overdue');
    expect(await mailsTo(cloud, hrAdvisor.email)).toEqual([]);

    // The new deadline gets its own reminder, and the overdue notice comes exactly at it.
    await advanceTo(cloud, nextWorkingMoment(new Date(newDue - 48 * HOUR_MS)).getTime(), MINUTE_MS);
    expect(await kinds()).toContain('reminder');
    await advanceTo(cloud, newDue - MINUTE_MS);
    expect(await kinds()).not.toContain('overdue');
    await advanceTo(cloud, newDue, MINUTE_MS);
    const overdue = (await mailsTo(cloud, manager.email)).find((mail) => mail.kind === 'overdue')!;
    expectSentAt(overdue, extended.body.dueAt);
    expect(summary(await mailsTo(cloud, hrAdvisor.email))).toEqual(['escalation']);
    const found = await dossier(run);
    expect(eventTypes(found, task.id)).toContain('due-date-extended');
    expect(taskById(found, task.id).dueAt).toBe(extended.body.dueAt);
  });
});
