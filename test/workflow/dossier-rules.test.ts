/**
 * Entries that would sink the dossier are refused, not flagged afterwards: through the public
 * contract (the mailed action links), each gets a 400 that names the field and writes nothing,
 * and the same answer corrected is taken. docs/completeness.md says why each matters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACKNOWLEDGE,
  answer,
  APPROVE,
  conversation,
  createTrajectory,
  DAY_MS,
  dossier,
  emailOf,
  EMPLOYEE_RESPONSE,
  evaluation,
  followUp,
  IDENTIFY,
  openTask,
  PLAN,
  requestLink,
  startTestCloud,
  submit,
  taskById,
  throughFollowUps,
  today,
  type Run,
  type TestCloud,
} from './support.ts';
import { pdfText } from '../support/pdf-text.ts';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud.dispose();
});

/** The calendar date `days` after `date` (YYYY-MM-DD). */
const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Sends `body` through the open task's link; expects a 400 at exactly `paths`, and nothing written. */
async function refused(run: Run, body: unknown, paths: string[]): Promise<string[]> {
  const task = await openTask(run);
  const before = await dossier(run);
  const email = emailOf(run.people, task.kind);
  const reply = await submit(run, await requestLink(run, email, task.id), body);
  expect(reply.status, JSON.stringify(reply.body)).toBe(400);
  const errors = reply.body.error.fieldErrors as { path: string; message: string }[];
  expect(errors.map((error) => error.path)).toEqual(paths);
  const after = await dossier(run);
  expect(taskById(after, task.id).status).toBe('open');
  expect(after.events).toHaveLength(before.events.length);
  return errors.map((error) => error.message);
}

describe('entries that would sink the dossier', () => {
  it('refuses a meeting dated in the future or before the start, and a goal deadline outside the term', async () => {
    // Prepare
    const run = await createTrajectory(cloud);
    const started = await today(cloud);
    await answer(run, IDENTIFY);

    // Act + Assess: a conversation dated tomorrow, or the day before the trajectory started.
    expect(await refused(run, conversation(plusDays(started, 90)), ['heldOn'])).toEqual([
      'Deze datum ligt in de toekomst; vul de datum in waarop het gesprek is gevoerd.',
    ]);
    const [beforeStart] = await refused(run, conversation(plusDays(started, -1)), ['heldOn']);
    expect(beforeStart).toMatch(/^Deze datum ligt vóór de start van het traject op /);
    await answer(run, conversation(await today(cloud)));
    await answer(run, EMPLOYEE_RESPONSE, 'employee-response');

    // A plan whose goals end a year from now, or ended last month.
    const day = await today(cloud);
    const [late, past] = PLAN.goals.map((goal) => goal.title);
    const outside = {
      goals: [
        { ...PLAN.goals[0]!, title: late, deadline: plusDays(day, 365) },
        { ...PLAN.goals[1]!, title: past, deadline: plusDays(day, -30) },
      ],
    };
    const [after, before] = await refused(run, outside, ['goals.0.deadline', 'goals.1.deadline']);
    expect(after).toMatch(/^Deze deadline valt na het einde van de termijn \(uiterlijk .+\)\.$/);
    expect(before).toBe('Deze deadline ligt in het verleden; kies een datum binnen de termijn.');
    await answer(run, PLAN, 'plan');
    await answer(run, APPROVE);
    await answer(run, ACKNOWLEDGE);

    // A follow-up report dated after today.
    const found = await dossier(run);
    const reportDay = found.meetings[0].plannedOn as string;
    while ((await today(cloud)) < reportDay) await cloud.advance({ days: 1 });
    const open = await openTask(run, 'follow-up');
    expect(open.kind).toBe('follow-up');
    await refused(run, followUp(plusDays(await today(cloud), 3)), ['heldOn']);
    await answer(run, followUp(await today(cloud)), 'follow-up');
  }, 120_000);

  it('asks for an explanation when the decision contradicts every result, and keeps it in the dossier', async () => {
    // Prepare: a trajectory at its evaluation.
    const run = await createTrajectory(cloud, { schedule: { termWeeks: 4, followUpEveryDays: 14 } });
    await answer(run, IDENTIFY);
    await answer(run, conversation(await today(cloud)));
    await answer(run, EMPLOYEE_RESPONSE, 'employee-response');
    await answer(run, PLAN, 'plan');
    await answer(run, APPROVE);
    await answer(run, ACKNOWLEDGE);
    await throughFollowUps(run);
    const everyGoalAchieved = {
      ...evaluation('unsuccessful'),
      results: evaluation('successful').results,
    };

    // Act + Assess: unsuccessful while every goal was achieved needs a word of explanation.
    expect(await refused(run, everyGoalAchieved, ['explanation'])).toEqual([
      'De resultaten per doel passen niet bij dit besluit. Licht toe waarom je toch voor dit besluit kiest.',
    ]);
    const explanation = 'De doelen zijn gehaald, maar alleen met hulp van collega’s die het werk overnamen.';
    await answer(run, { ...everyGoalAchieved, explanation });
    const recorded = await dossier(run);
    const task = recorded.tasks.find((candidate: { kind: string }) => candidate.kind === 'evaluation');
    expect(task.response.explanation).toBe(explanation);
    const pdf = await fetch(`${cloud.url}/trajectories/${run.id}/dossier.pdf`, {
      headers: { authorization: `Bearer ${run.hr}` },
    });
    const text = (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(text).toContain(`Toelichting op het besluit ${explanation}`);
  }, 120_000);
});
