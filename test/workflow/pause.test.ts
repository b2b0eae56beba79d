/**
 * Pause and resume for illness on the local cloud: while the trajectory is paused nothing opens
 * and nobody is chased, whatever dates pass; on resume every pending date moves by the paused
 * days, the waiting steps pick the new dates up, and the trajectory runs to its end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextWorkingMoment, subtractWorkingDays } from '#core/working-days.ts';
import {
  advanceTo,
  AFTERCARE,
  amsterdam,
  answer,
  APPROVE,
  createTrajectory,
  DAY_MS,
  dossier,
  evaluation,
  expectSentAt,
  followUp,
  HOUR_MS,
  IDENTIFY,
  mailsTo,
  openTask,
  requestLink,
  settle,
  startTestCloud,
  submit,
  summary,
  throughFollowUps,
  throughPlan,
  today,
  type Run,
  type TestCloud,
} from './support.ts';

const MINUTE_MS = 60_000;
const REASON = { reason: 'Ziekmelding; de bedrijfsarts is ingeschakeld.' };

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud.dispose();
});

/** `date` plus `days` calendar days, on the Monday after when that is a weekend day. */
function later(date: string, days: number): string {
  const day = new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

async function pause(run: Run) {
  const reply = await cloud.request('POST', `/trajectories/${run.id}/pause`, { token: run.hr, body: REASON });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  await settle(cloud);
  return reply.body;
}

async function resume(run: Run) {
  const reply = await cloud.request('POST', `/trajectories/${run.id}/resume`, { token: run.hr });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  await settle(cloud);
  return reply.body;
}

/** Every mail anyone on the trajectory received, in order. */
async function allMails(run: Run) {
  const { employee, manager, hrAdvisor } = run.people;
  return [
    ...summary(await mailsTo(cloud, employee.email)),
    ...summary(await mailsTo(cloud, manager.email)),
    ...summary(await mailsTo(cloud, hrAdvisor.email)),
  ];
}

describe('a pause in the follow-up phase', () => {
  it('opens nothing while paused, moves every date on resume, and the trajectory completes', async () => {
    // Prepare: a four-week term with a weekly follow-up; the first follow-up is reported.
    const run = await createTrajectory(cloud, { schedule: { termWeeks: 4, followUpEveryDays: 7 } });
    const { manager } = run.people;
    await throughPlan(run);
    const planned = await dossier(run);
    expect(planned.meetings).toHaveLength(3);
    await advanceTo(cloud, `${planned.meetings[0].plannedOn}T12:00:00Z`, HOUR_MS);
    await answer(run, followUp(await today(cloud)));

    // Act: HR pauses; thirty days pass, through both remaining follow-ups and the term end.
    const paused = await pause(run);
    expect(paused.pausedAt).toBe(
      new Date(await cloud.request('GET', '/_local/clock').then((r) => r.body.now)).toISOString(),
    );
    const before = await dossier(run);
    const mailsBefore = await allMails(run);
    await cloud.advance({ days: 30 });

    // Assess: nothing opened, nobody was mailed. Only the employee's reaction to the report, opened
    // before the pause, is still open: unchased.
    const during = await dossier(run);
    expect(during.tasks.filter((task: { status: string }) => task.status === 'open')).toEqual([
      expect.objectContaining({ id: 'follow-up-reaction-1', chaseStage: 'none' }),
    ]);
    expect(during.tasks).toHaveLength(before.tasks.length);
    expect(await allMails(run)).toEqual(mailsBefore);
    expect(Date.parse(before.meetings[1].plannedOn)).toBeLessThan(
      Date.parse(await cloud.request('GET', '/_local/clock').then((r) => r.body.now)),
    );
    expect(Date.parse(before.termEndsAt)).toBeLessThan(
      Date.parse(await cloud.request('GET', '/_local/clock').then((r) => r.body.now)),
    );

    // Act: HR resumes after exactly thirty days.
    const resumed = await resume(run);

    // Assess: every pending date moved thirty days on (off the weekend), the held one did not.
    expect(resumed.pausedDays).toBe(30);
    const after = await dossier(run);
    expect(after.pausedAt).toBeUndefined();
    expect(after.meetings[0]).toEqual(before.meetings[0]);
    expect(after.meetings.slice(1).map((meeting: { plannedOn: string }) => meeting.plannedOn)).toEqual(
      before.meetings.slice(1).map((meeting: { plannedOn: string }) => later(meeting.plannedOn, 30)),
    );
    expect(amsterdam(after.termEndsAt)).toBe(`${later(amsterdam(before.termEndsAt).slice(0, 10), 30)} 09:00`);
    expect(after.goals.map((goal: { deadline: string }) => goal.deadline)).toEqual(
      before.goals.map((goal: { deadline: string }) => later(goal.deadline, 30)),
    );
    const reactionDue = (found: { tasks: { id: string; dueAt: string }[] }) =>
      amsterdam(found.tasks.find((task) => task.id === 'follow-up-reaction-1')!.dueAt);
    expect(reactionDue(after)).toBe(`${later(reactionDue(before).slice(0, 10), 30)} 17:00`);
    const events = after.events.filter((event: { type: string }) =>
      ['paused', 'resumed'].includes(event.type),
    );
    expect(events).toMatchObject([
      { type: 'paused', actor: { role: 'hr' }, data: { reason: REASON.reason } },
      { type: 'resumed', actor: { role: 'hr' }, data: { pausedDays: 30 } },
    ]);

    // The second follow-up is requested from its new date: at 09:00 two working days before its
    // meeting, and not a minute before.
    const second = after.meetings[1].plannedOn as string;
    const requestedOn = subtractWorkingDays(second, 2);
    await advanceTo(cloud, `${requestedOn}T06:00:00Z`);
    expect(
      (await dossier(run)).tasks.filter(
        (task: { status: string; kind: string }) => task.status === 'open' && task.kind === 'follow-up',
      ),
    ).toEqual([]);
    expect(await allMails(run)).toEqual(mailsBefore);
    await advanceTo(cloud, `${second}T12:00:00Z`);
    expect((await openTask(run)).id).toBe('follow-up-2');
    const request = (await mailsTo(cloud, manager.email)).find(
      (mail) => mail.task?.taskId === 'follow-up-2',
    )!;
    expect(amsterdam(request.sentAt)).toBe(`${requestedOn} 09:00`);

    // The rest of the trajectory runs on the moved calendar to its end.
    await answer(run, followUp(await today(cloud)));
    expect(await throughFollowUps(run)).toEqual(['follow-up-3']);
    const evaluationRequest = (await mailsTo(cloud, manager.email)).at(-1)!;
    expect(evaluationRequest.task?.task).toBe('evaluation');
    expect(evaluationRequest.sentAt).toBe(after.termEndsAt);
    await answer(run, evaluation('successful'));
    await answer(run, APPROVE);
    // The aftercare comes four weeks after the decision: nothing is moved that was not paused.
    await cloud.advance({ days: 27 });
    for (
      let day = 0;
      day < 40 && (await dossier(run)).tasks.every((t: { kind: string }) => t.kind !== 'aftercare');
      day++
    )
      await cloud.advance({ days: 1 });
    await answer(run, AFTERCARE);
    expect(await dossier(run)).toMatchObject({ status: 'completed', phase: 'closed', attention: false });
    // Nobody was ever chased: the pause took no time from anyone.
    expect(new Set(summary(await mailsTo(cloud, manager.email)).map((mail) => mail.split(':')[0]))).toEqual(
      new Set(['task-request']),
    );
  }, 120_000);
});

describe('a pause while a task waits for its answer', () => {
  it('chases nobody and takes no answer while paused; the deadline moves and is chased from there', async () => {
    // Prepare: the manager's first task is open, due in five days.
    const run = await createTrajectory(cloud);
    const { manager, hrAdvisor } = run.people;
    const task = await openTask(run);
    const link = await requestLink(run, manager.email, task.id);

    // Act: HR pauses at once; twenty days pass, far beyond the deadline and its grace.
    await pause(run);
    const refused = await submit(run, link, IDENTIFY);
    await cloud.advance({ days: 20 });

    // Assess: no answer taken, no reminder, no overdue notice, no escalation.
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('paused');
    expect(summary(await mailsTo(cloud, manager.email))).toEqual(['task-request:identify']);
    expect(await mailsTo(cloud, hrAdvisor.email)).toEqual([]);
    const during = await dossier(run);
    expect(during.tasks[0]).toMatchObject({ id: 'identify-1', status: 'open', chaseStage: 'none' });
    expect(during.attention).toBe(false);

    // Act: resume after exactly twenty days.
    const resumed = await resume(run);

    // Assess: the due time moved twenty days, still at 17:00, and is chased from there.
    expect(resumed.pausedDays).toBe(20);
    const moved = (await openTask(run)).dueAt;
    expect(amsterdam(moved)).toBe(`${later(amsterdam(task.dueAt).slice(0, 10), 20)} 17:00`);
    const reminderAt = nextWorkingMoment(new Date(Date.parse(moved) - 48 * HOUR_MS)).getTime();
    await advanceTo(cloud, reminderAt - MINUTE_MS);
    expect(summary(await mailsTo(cloud, manager.email))).toEqual(['task-request:identify']);
    await advanceTo(cloud, reminderAt + MINUTE_MS);
    const reminder = (await mailsTo(cloud, manager.email)).at(-1)!;
    expect(reminder.kind).toBe('reminder');
    expectSentAt(reminder, reminderAt);

    // The link of the first mail works again.
    const taken = await submit(run, link, IDENTIFY);
    expect(taken.status).toBe(200);
    await settle(cloud);
    expect((await openTask(run)).kind).toBe('conversation');
  });
});
