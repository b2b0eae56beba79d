/**
 * An illness can last longer than Step Functions lets an execution run (one year). A trajectory
 * paused that long goes on in fresh executions: the process and every task that waits continue
 * after 180 days in a new execution, with the same links and no new mail, and the trajectory
 * runs on after the resume as if nothing happened. A cancel still stops every one of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_STATE_MACHINE_ARN, LOCAL_TASK_STATE_MACHINE_ARN } from '#local/cloud.ts';
import {
  ACKNOWLEDGE,
  advanceTo,
  answer,
  APPROVE,
  createTrajectory,
  DAY_MS,
  dossier,
  EMPLOYEE_RESPONSE,
  followUp,
  IDENTIFY,
  conversation,
  mailsTo,
  now,
  PLAN,
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

const YEAR_MS = 365 * DAY_MS;
const REASON = { reason: 'Langdurig ziek.' };

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud.dispose();
});

async function hr(run: Run, action: 'pause' | 'resume' | 'cancel', body?: unknown) {
  const reply = await cloud.request('POST', `/trajectories/${run.id}/${action}`, {
    token: run.hr,
    ...(body !== undefined && { body }),
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  await settle(cloud);
}

/** Every execution of the trajectory, in both state machines, with its age in days at `at`. */
async function executionsOf(run: Run) {
  const at = await now(cloud);
  const all = [];
  for (const stateMachineArn of [LOCAL_STATE_MACHINE_ARN, LOCAL_TASK_STATE_MACHINE_ARN]) {
    const { executions } = await cloud.engine.listExecutions({ stateMachineArn, maxResults: 1000 });
    for (const execution of executions) {
      if (execution.name !== run.id && !execution.name.startsWith(`${run.id}.`)) continue;
      const description = await cloud.engine.describeExecution({ executionArn: execution.executionArn });
      all.push({
        name: execution.name,
        status: execution.status,
        error: description.error,
        ageMs: (execution.stopDate?.getTime() ?? at) - execution.startDate.getTime(),
      });
    }
  }
  return all;
}

/** Lets `days` pass in steps of a month, so each step's checks run as in production. */
async function pass(days: number) {
  for (let left = days; left > 0; left -= 30) await cloud.advance({ days: Math.min(30, left) });
}

describe('a pause longer than an execution may run', () => {
  it('goes on in fresh executions while a task the process waits for is open, then runs on after the resume', async () => {
    // Prepare: the plan is asked for; the manager has not written it when the employee falls ill.
    const run = await createTrajectory(cloud);
    const { manager, hrAdvisor } = run.people;
    await answer(run, IDENTIFY);
    await answer(run, conversation(await today(cloud)));
    await answer(run, EMPLOYEE_RESPONSE, 'employee-response');
    const planLink = await requestLink(run, manager.email, 'plan-1');
    const mailsBefore = summary(await mailsTo(cloud, manager.email));

    // Act: paused for 420 days.
    await hr(run, 'pause', REASON);
    await pass(420);

    // Assess: no execution ran longer than 180 days and a month, none failed or timed out, and
    // the process and the plan task each went on in a fresh execution.
    const during = await executionsOf(run);
    for (const execution of during) {
      expect(execution.ageMs, execution.name).toBeLessThan(YEAR_MS);
      expect(['RUNNING', 'SUCCEEDED', 'FAILED'], execution.name).toContain(execution.status);
      if (execution.status === 'FAILED') expect(execution.error, execution.name).toBe('TaskContinues');
    }
    const runningNow = during.filter((execution) => execution.status === 'RUNNING').map((e) => e.name);
    expect(
      runningNow.some((name) => name.startsWith(`${run.id}.from-`)),
      runningNow.join(),
    ).toBe(true);
    expect(
      runningNow.some((name) => name.startsWith(`${run.id}.plan-1.`)),
      runningNow.join(),
    ).toBe(true);
    // Nobody was mailed, HR was not told of a failure, and the trajectory needs no attention.
    expect(summary(await mailsTo(cloud, manager.email))).toEqual(mailsBefore);
    expect(await mailsTo(cloud, hrAdvisor.email)).toEqual([]);
    const paused = await dossier(run);
    expect(paused).toMatchObject({ status: 'active', attention: false });
    expect(paused.tasks.filter((task: { status: string }) => task.status === 'open')).toMatchObject([
      { id: 'plan-1' },
    ]);

    // Act: HR resumes; the manager writes the plan through the link of 420 days ago.
    await hr(run, 'resume');
    const written = await submit(run, planLink, PLAN);
    expect(written.status, JSON.stringify(written.body)).toBe(200);
    await settle(cloud);

    // Assess: the process goes on from there as ever: HR is asked to approve the plan, once.
    const hrRequests = summary(await mailsTo(cloud, hrAdvisor.email));
    expect(hrRequests).toEqual(['task-request:plan-approval']);
    await answer(run, APPROVE);
    await answer(run, ACKNOWLEDGE);
    const after = await dossier(run);
    expect(after).toMatchObject({ status: 'active', phase: 'follow-up', attention: false });
    expect(
      summary(await mailsTo(cloud, manager.email)).filter((m) => m === 'task-request:plan'),
    ).toHaveLength(1);

    // A cancel stops every execution still running, the continued ones too.
    await hr(run, 'cancel', { reason: 'Dienstverband beëindigd.' });
    expect((await executionsOf(run)).filter((execution) => execution.status === 'RUNNING')).toEqual([]);
  }, 180_000);

  it('goes on in fresh executions while the calendar sleeps and a report runs on its own, then runs on after the resume', async () => {
    // Prepare: in the follow-up phase, the first report is asked for and not written.
    const run = await createTrajectory(cloud);
    const { manager, hrAdvisor } = run.people;
    await throughPlan(run);
    const planned = await dossier(run);
    await advanceTo(cloud, `${planned.meetings[0].plannedOn}T12:00:00Z`);
    expect(
      (await dossier(run)).tasks.find((task: { id: string }) => task.id === 'follow-up-1'),
    ).toMatchObject({
      status: 'open',
    });
    const reportLink = await requestLink(run, manager.email, 'follow-up-1');
    const hrMailsBefore = summary(await mailsTo(cloud, hrAdvisor.email));

    // Act: paused for 420 days, through every remaining date of the term.
    await hr(run, 'pause', REASON);
    await pass(420);

    // Assess: the report's task and the sleeping process each went on in a fresh execution.
    const during = await executionsOf(run);
    for (const execution of during) {
      expect(execution.ageMs, execution.name).toBeLessThan(YEAR_MS);
      expect(['RUNNING', 'SUCCEEDED'], execution.name).toContain(execution.status);
    }
    const runningNow = during.filter((execution) => execution.status === 'RUNNING').map((e) => e.name);
    expect(
      runningNow.some((name) => name.startsWith(`${run.id}.from-`)),
      runningNow.join(),
    ).toBe(true);
    expect(
      runningNow.some((name) => name.startsWith(`${run.id}.follow-up-1.c`)),
      runningNow.join(),
    ).toBe(true);
    expect(summary(await mailsTo(cloud, hrAdvisor.email))).toEqual(hrMailsBefore);
    expect(await dossier(run)).toMatchObject({ status: 'active', attention: false });

    // Act: HR resumes; the late report arrives through its old link.
    await hr(run, 'resume');
    const written = await submit(run, reportLink, followUp(await today(cloud)));
    expect(written.status, JSON.stringify(written.body)).toBe(200);
    await settle(cloud);

    // Assess: the calendar runs on from the moved dates to the evaluation, one request each.
    expect((await dossier(run)).tasks.find((task: { id: string }) => task.id === 'follow-up-1')?.status).toBe(
      'done',
    );
    await throughFollowUps(run);
    const requests = summary(await mailsTo(cloud, manager.email)).filter((mail) =>
      mail.startsWith('task-request:'),
    );
    expect(requests.filter((mail) => mail === 'task-request:follow-up')).toHaveLength(
      planned.meetings.length,
    );
    expect(requests.at(-1)).toBe('task-request:evaluation');
    expect(await dossier(run)).toMatchObject({ status: 'active', phase: 'evaluation', attention: false });
  }, 180_000);
});
