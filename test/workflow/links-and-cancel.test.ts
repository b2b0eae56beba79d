/**
 * What the links and HR's endpoints do with what they are sent, on the local cloud: a link used
 * twice, bodies that do not fit, a token nobody minted, and a trajectory HR cancels mid-term,
 * after which nothing answers and nothing is mailed any more.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answer,
  dossier,
  createTrajectory,
  eventTypes,
  followUp,
  IDENTIFY,
  mailsTo,
  openTask,
  requestLink,
  settle,
  startTestCloud,
  submit,
  summary,
  taskById,
  throughPlan,
  today,
  advanceTo,
  HOUR_MS,
  type TestCloud,
} from './support.ts';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud.dispose();
});

const fieldPaths = (body: { error?: { fieldErrors?: { path: string }[] } }) =>
  (body.error?.fieldErrors ?? []).map((error) => error.path);

describe('a link used twice', () => {
  it('answers the second POST with 409 and keeps the one response', async () => {
    // Prepare
    const run = await createTrajectory(cloud);
    const link = await requestLink(run, run.people.manager.email, 'identify-1');

    // Act
    const first = await submit(run, link, IDENTIFY);
    const second = await submit(run, link, {
      improvementAreas: [{ title: 'Iets anders', examples: ['Een ander voorbeeld'] }],
    });
    await settle(cloud);
    const late = await submit(run, link, IDENTIFY);

    // Assess
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect(late.status).toBe(409);
    const found = await dossier(run);
    expect(taskById(found, 'identify-1').response).toEqual(IDENTIFY);
    expect(found.improvementAreas).toEqual(IDENTIFY.improvementAreas);
    expect(eventTypes(found, 'identify-1').filter((type) => type === 'task-completed')).toHaveLength(1);
    expect(
      eventTypes(found, 'identify-1').filter((type) => type === 'improvement-areas-identified'),
    ).toHaveLength(1);
    // The workflow moved on exactly once: one conversation task, one request for it.
    expect(found.tasks.map((task: { id: string }) => task.id).sort()).toEqual([
      'conversation-1',
      'identify-1',
    ]);
    expect(summary(await mailsTo(cloud, run.people.manager.email))).toEqual([
      'task-request:identify',
      'task-request:conversation',
    ]);
    const view = await cloud.request('GET', link, { headers: { accept: 'application/json' } });
    expect(view.body).toMatchObject({ status: 'done', taskId: 'identify-1' });
  });
});

describe('bad input', () => {
  it('answers invalid action bodies with 400 and field errors, and leaves the dossier as it was', async () => {
    // Prepare
    const run = await createTrajectory(cloud);
    const link = await requestLink(run, run.people.manager.email, 'identify-1');
    const before = await dossier(run);
    const invalid: [unknown, string[]][] = [
      [{ improvementAreas: [] }, ['improvementAreas']],
      [{ improvementAreas: [{ title: 'Afspraken nakomen', examples: [] }] }, ['improvementAreas.0.examples']],
      [{ improvementAreas: [{ title: '   ', examples: ['x'] }] }, ['improvementAreas.0.title']],
      [{ ...IDENTIFY, unexpected: true }, ['unexpected']],
      [{ heldOn: '2026-02-30', summary: 's', employeePerspective: 'p', agreements: 'a' }, []],
      ['{not json', []],
    ];

    // Act + Assess
    for (const [body, paths] of invalid) {
      const response = await submit(run, link, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.fieldErrors.length, JSON.stringify(body)).toBeGreaterThan(0);
      for (const path of paths) expect(fieldPaths(response.body)).toContain(path);
    }
    await settle(cloud);
    expect(await dossier(run)).toEqual(before);
    expect(summary(await mailsTo(cloud, run.people.manager.email))).toEqual(['task-request:identify']);

    // The link still takes a good answer afterwards.
    expect((await submit(run, link, IDENTIFY)).status).toBe(200);
  });

  it('refuses goals the plan does not have in a follow-up report', async () => {
    // Prepare
    const run = await createTrajectory(cloud, { schedule: { termWeeks: 4 } });
    await throughPlan(run);
    const meeting = (await dossier(run)).meetings[0];
    await advanceTo(cloud, `${meeting.plannedOn}T12:00:00Z`, HOUR_MS);
    const task = await openTask(run);
    const link = await requestLink(run, run.people.manager.email, task.id);
    const before = await dossier(run);

    // Act
    const body = followUp(await today(cloud));
    const response = await submit(run, link, {
      ...body,
      progress: [...body.progress, { goal: 7, status: 'on-track', notes: 'Bestaat niet.' }],
    });

    // Assess
    expect(response.status).toBe(400);
    expect(fieldPaths(response.body)).toContain('progress.2.goal');
    expect(await dossier(run)).toEqual(before);
  });

  it('answers 404 for a token nobody minted and for garbage, and 400 for bad HR requests', async () => {
    const unknown = randomBytes(32).toString('base64url');
    for (const method of ['GET', 'POST'] as const) {
      const response = await cloud.request(method, `/actions/${unknown}`, {
        headers: { accept: 'application/json' },
        ...(method === 'POST' && { body: IDENTIFY }),
      });
      expect(response.status).toBe(404);
    }
    expect((await cloud.request('POST', '/actions/x', { body: IDENTIFY })).status).toBe(404);

    const run = await createTrajectory(cloud);
    const before = await dossier(run);
    const bad = [
      ['/trajectories', { employee: { name: 'Sanne' } }],
      [`/trajectories/${run.id}/tasks/identify-1/extend`, { days: 0 }],
      [`/trajectories/${run.id}/tasks/identify-1/extend`, { days: 'twee' }],
      [`/trajectories/${run.id}/cancel`, {}],
    ] as const;
    for (const [path, body] of bad) {
      const response = await cloud.request('POST', path, { token: run.hr, body });
      expect(response.status, path).toBe(400);
      expect(response.body.error.fieldErrors.length).toBeGreaterThan(0);
    }
    expect(await dossier(run)).toEqual(before);
  });
});

describe('HR cancels mid-term', () => {
  it('closes everything: status cancelled, links answer 410, and months later nothing more was mailed', async () => {
    // Prepare: a trajectory in its term, with a follow-up waiting for the manager.
    const run = await createTrajectory(cloud);
    const { employee, manager, hrAdvisor } = run.people;
    await throughPlan(run);
    const meeting = (await dossier(run)).meetings[0];
    await advanceTo(cloud, `${meeting.plannedOn}T12:00:00Z`, HOUR_MS);
    const followUpTask = await openTask(run);
    expect(followUpTask.kind).toBe('follow-up');
    const openLink = await requestLink(run, manager.email, followUpTask.id);
    const doneLink = await requestLink(run, manager.email, 'identify-1');

    // Act
    const cancelled = await cloud.request('POST', `/trajectories/${run.id}/cancel`, {
      token: run.hr,
      body: { reason: 'De medewerker is naar een andere afdeling overgeplaatst.' },
    });
    await settle(cloud);

    // Assess
    expect(cancelled.status).toBe(200);
    const found = await dossier(run);
    expect(found).toMatchObject({ status: 'cancelled', phase: 'closed' });
    expect(taskById(found, followUpTask.id).status).toBe('closed');
    expect(eventTypes(found)).toContain('trajectory-cancelled');
    for (const email of [employee.email, manager.email, hrAdvisor.email]) {
      expect((await mailsTo(cloud, email)).at(-1)!.kind).toBe('trajectory-cancelled');
    }
    // Both links are gone; the one already answered still tells its person the answer arrived.
    for (const [link, status] of [
      [openLink, 'closed'],
      [doneLink, 'done'],
    ] as const) {
      expect((await submit(run, link, followUp(await today(cloud)))).status).toBe(410);
      const view = await cloud.request('GET', link, { headers: { accept: 'application/json' } });
      expect(view.body.status).toBe(status);
    }
    const again = await cloud.request('POST', `/trajectories/${run.id}/cancel`, {
      token: run.hr,
      body: { reason: 'Nog een keer.' },
    });
    expect(again.status).toBe(409);

    // Months pass: not one more mail to anybody, and the dossier stays as it was.
    const counts = async () =>
      Promise.all([employee, manager, hrAdvisor].map(async (p) => (await cloud.outbox(p.email)).length));
    const sent = await counts();
    const events = found.events.length;
    for (let month = 0; month < 6; month++) await cloud.advance({ days: 30 });
    expect(await counts()).toEqual(sent);
    const later = await dossier(run);
    expect(later.events).toHaveLength(events);
    expect(later.status).toBe('cancelled');
  });
});

describe('a cancelled trajectory before anything was answered', () => {
  it('stops chasing the waiting manager', async () => {
    const run = await createTrajectory(cloud);
    await answer(run, IDENTIFY);
    const cancelled = await cloud.request('POST', `/trajectories/${run.id}/cancel`, {
      token: run.hr,
      body: { reason: 'Ingetrokken.' },
    });
    expect(cancelled.status).toBe(200);
    await cloud.advance({ days: 30 });
    expect(summary(await mailsTo(cloud, run.people.hrAdvisor.email))).toEqual(['trajectory-cancelled']);
  });
});
