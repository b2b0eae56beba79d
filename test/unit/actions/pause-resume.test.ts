import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient, TaskTimedOut } from '@aws-sdk/client-sfn';
import { DynamoPauseTokens } from '#adapters/dynamo-pause-tokens.ts';
import type { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import { pauseTrajectoryHandler } from '#api/pause-trajectory.ts';
import { resumeTrajectoryHandler } from '#api/resume-trajectory.ts';
import { getActionHandler } from '#api/get-action.ts';
import { submitActionHandler } from '#api/submit-action.ts';
import { LIMITS } from '#core/schemas.ts';
import { startDynalite, type LocalDynamo } from '../../support/dynalite.ts';
import { claimsFor, freshStore, NOW, workflowClient, type Claims } from '../api/support.ts';
import {
  BASE_URL,
  BROWSER_ACCEPT,
  DAY_MS,
  form,
  FORM,
  goal,
  hrEvent,
  invoke,
  linkEvent,
  seedTask,
  snapshot,
} from './support.ts';

vi.hoisted(() => {
  process.env.BASE_URL = 'https://verbetertraject.example.test';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});

const sfnMock = mockClient(SFNClient);
let dynamo: LocalDynamo;
let repository: DynamoTrajectoryRepository;
let pauseTokens: DynamoPauseTokens;
/** The clock of the handlers; each test moves it as it needs. */
let now = NOW;
const clock = { now: () => now };

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  await dynamo.stop();
});

beforeEach(async () => {
  let tableName: string;
  ({ repository, tableName } = await freshStore(dynamo));
  pauseTokens = new DynamoPauseTokens(dynamo.client, tableName);
  now = NOW;
  sfnMock.on(SendTaskFailureCommand).resolves({});
  sfnMock.on(SendTaskSuccessCommand).resolves({});
});

afterEach(() => {
  sfnMock.reset();
});

const pause = (id: string, body: unknown, claims: Claims = claimsFor('hr')) =>
  invoke(
    pauseTrajectoryHandler({ repository, clock }),
    hrEvent('/trajectories/{id}/pause', { id }, body, claims),
  );

const resume = (id: string, claims: Claims = claimsFor('hr')) =>
  invoke(
    resumeTrajectoryHandler({ repository, workflow: workflowClient(), pauseTokens, clock }),
    hrEvent('/trajectories/{id}/resume', { id }, undefined, claims),
  );

const REASON = { reason: 'Ziekmelding via de bedrijfsarts.' };

describe('POST /trajectories/{id}/pause', () => {
  it('sets pausedAt and records the reason, with HR as the actor', async () => {
    // Prepare
    const { trajectory } = await seedTask(repository);

    // Act
    const reply = await pause(trajectory.id, REASON);

    // Assess
    expect(reply.statusCode).toBe(200);
    expect(reply.json).toMatchObject({ id: trajectory.id, pausedAt: NOW.toISOString(), status: 'active' });
    const dossier = (await repository.getDossier(trajectory.id))!;
    expect(dossier.trajectory.pausedAt).toBe(NOW.toISOString());
    expect(dossier.events.filter((event) => event.type === 'paused')).toEqual([
      {
        id: `paused@${NOW.toISOString()}`,
        trajectoryId: trajectory.id,
        at: NOW.toISOString(),
        type: 'paused',
        actor: { role: 'hr' },
        data: { reason: REASON.reason, phase: trajectory.phase },
      },
    ]);
    // Nothing in the workflow is told: the steps read `pausedAt` themselves.
    expect(sfnMock.calls()).toHaveLength(0);
  });

  it.each([
    ['no reason', {}],
    ['an empty reason', { reason: '   ' }],
    ['a reason beyond the limit', { reason: 'x'.repeat(LIMITS.reason + 1) }],
    ['an unknown field', { reason: 'Ziek', days: 3 }],
  ])('answers 400 with field errors for %s, and changes nothing', async (_case, body) => {
    // Prepare
    const { trajectory } = await seedTask(repository);
    const before = await snapshot(repository, trajectory.id);

    // Act
    const reply = await pause(trajectory.id, body);

    // Assess
    expect(reply.statusCode).toBe(400);
    expect(reply.json.error.code).toBe('invalid_request');
    expect(reply.json.error.fieldErrors.length).toBeGreaterThan(0);
    expect(await snapshot(repository, trajectory.id)).toEqual(before);
  });

  it('refuses a manager (403), even the trajectory’s own, before looking at the body', async () => {
    // Prepare
    const { trajectory } = await seedTask(repository);
    const before = await snapshot(repository, trajectory.id);

    // Act
    const reply = await pause(trajectory.id, {}, claimsFor('manager', trajectory.manager.email));

    // Assess
    expect(reply.statusCode).toBe(403);
    expect(await snapshot(repository, trajectory.id)).toEqual(before);
  });

  it('answers 404 for an unknown trajectory', async () => {
    const reply = await pause('00000000-0000-4000-8000-000000000000', REASON);

    expect(reply.statusCode).toBe(404);
  });

  it('answers 409 already_paused the second time, keeping the first pause and its reason', async () => {
    // Prepare
    const { trajectory } = await seedTask(repository);
    await pause(trajectory.id, REASON);
    now = new Date(NOW.getTime() + DAY_MS);

    // Act
    const reply = await pause(trajectory.id, { reason: 'Nog een keer' });

    // Assess
    expect(reply.statusCode).toBe(409);
    expect(reply.json.error.code).toBe('already_paused');
    expect(reply.json.error.message).toBe('Dit traject is al gepauzeerd.');
    const dossier = (await repository.getDossier(trajectory.id))!;
    expect(dossier.trajectory.pausedAt).toBe(NOW.toISOString());
    expect(dossier.events.filter((event) => event.type === 'paused')).toHaveLength(1);
  });

  it('answers 409 not_active for a cancelled trajectory', async () => {
    const { trajectory } = await seedTask(repository, { status: 'cancelled' });

    const reply = await pause(trajectory.id, REASON);

    expect(reply.statusCode).toBe(409);
    expect(reply.json.error.code).toBe('not_active');
  });
});

describe('POST /trajectories/{id}/resume', () => {
  it('moves the due time and the calendar by the paused days, records them and wakes the waiting step', async () => {
    // Prepare: paused Monday 2 March 10:00; the open task is due Thursday 5 March 17:00.
    const { trajectory, task } = await seedTask(repository, {
      chaseStage: 'reminded',
      goals: [goal(1), { ...goal(2), deadline: '2026-02-27' }],
      trajectory: {
        phase: 'follow-up',
        termEndsAt: '2026-05-25T07:00:00.000Z',
        meetings: [
          { number: 1, plannedOn: '2026-02-23', taskId: 'follow-up-1', heldOn: '2026-02-23' },
          { number: 2, plannedOn: '2026-03-09' },
        ],
      },
    });
    await pause(trajectory.id, REASON);
    await pauseTokens.put(trajectory.id, NOW.toISOString(), 'sleeping-token');
    // Resumed 13 days and 2 hours later: 14 days given back.
    now = new Date(NOW.getTime() + 13 * DAY_MS + 2 * 3_600_000);

    // Act
    const reply = await resume(trajectory.id);

    // Assess
    expect(reply.statusCode).toBe(200);
    expect(reply.json).toMatchObject({ id: trajectory.id, pausedDays: 14 });
    expect(reply.json.pausedAt).toBeUndefined();
    const dossier = (await repository.getDossier(trajectory.id))!;
    expect(dossier.trajectory.pausedAt).toBeUndefined();
    // 17:00 stays 17:00: 19 March 2026.
    expect(dossier.tasks[0]).toMatchObject({
      dueAt: '2026-03-19T16:00:00.000Z',
      chaseStage: 'none',
      shiftedForPause: NOW.toISOString(),
    });
    // A held meeting stays; the pending one moves 14 days (23 March, a Monday).
    expect(dossier.trajectory.meetings.map((meeting) => meeting.plannedOn)).toEqual([
      '2026-02-23',
      '2026-03-23',
    ]);
    // 25 May + 14 = 8 June, still 09:00 in Amsterdam.
    expect(dossier.trajectory.termEndsAt).toBe('2026-06-08T07:00:00.000Z');
    // A deadline that had passed before the pause stays; one ahead moves (29 May + 14 = 12 June).
    expect(dossier.trajectory.goals.map((g) => g.deadline)).toEqual(['2026-06-05', '2026-02-27']);
    expect(dossier.events.find((event) => event.type === 'resumed')).toMatchObject({
      id: `resumed@${NOW.toISOString()}`,
      actor: { role: 'hr' },
      data: { pausedDays: 14, pausedAt: NOW.toISOString(), phase: trajectory.phase },
    });
    // The Ask wakes up to recompute its checkpoints; the sleeping step goes back to its date.
    expect(sfnMock.commandCalls(SendTaskFailureCommand).map((call) => call.args[0].input)).toEqual([
      expect.objectContaining({ taskToken: task.taskToken, error: 'DueTimeMoved' }),
    ]);
    expect(sfnMock.commandCalls(SendTaskSuccessCommand).map((call) => call.args[0].input.taskToken)).toEqual([
      'sleeping-token',
    ]);
  });

  it('moves a task once per pause, even when a resume that failed half-way is repeated', async () => {
    // Prepare: the first attempt moved the task, then lost its trajectory write (crash).
    const { trajectory, task } = await seedTask(repository);
    await pause(trajectory.id, REASON);
    const stored = (await repository.getTask(trajectory.id, task.id))!;
    await repository.updateTask({
      ...stored,
      dueAt: '2026-03-12T16:00:00.000Z',
      shiftedForPause: NOW.toISOString(),
    });
    now = new Date(NOW.getTime() + 7 * DAY_MS);

    // Act
    const reply = await resume(trajectory.id);

    // Assess
    expect(reply.statusCode).toBe(200);
    expect((await repository.getTask(trajectory.id, task.id))!.dueAt).toBe('2026-03-12T16:00:00.000Z');
  });

  it('still answers 200 when a token is spent: the step reads the new dates itself', async () => {
    // Prepare
    const { trajectory } = await seedTask(repository);
    await pause(trajectory.id, REASON);
    sfnMock.on(SendTaskFailureCommand).rejects(new TaskTimedOut({ message: 'gone', $metadata: {} }));
    now = new Date(NOW.getTime() + 2 * DAY_MS);

    // Act
    const reply = await resume(trajectory.id);

    // Assess
    expect(reply.statusCode).toBe(200);
    expect((await repository.getTrajectory(trajectory.id))!.pausedAt).toBeUndefined();
  });

  it('answers 409 not_paused for a trajectory that is not paused, and changes nothing', async () => {
    // Prepare
    const { trajectory } = await seedTask(repository);
    const before = await snapshot(repository, trajectory.id);

    // Act
    const reply = await resume(trajectory.id);

    // Assess
    expect(reply.statusCode).toBe(409);
    expect(reply.json.error).toMatchObject({
      code: 'not_paused',
      message: 'Dit traject is niet gepauzeerd; er is niets te hervatten.',
    });
    expect(await snapshot(repository, trajectory.id)).toEqual(before);
    expect(sfnMock.calls()).toHaveLength(0);
  });

  it('answers 403 for a manager and 404 for an unknown trajectory', async () => {
    const { trajectory } = await seedTask(repository);
    await pause(trajectory.id, REASON);

    expect((await resume(trajectory.id, claimsFor('manager', trajectory.manager.email))).statusCode).toBe(
      403,
    );
    expect((await resume('00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await repository.getTrajectory(trajectory.id))!.pausedAt).toBe(NOW.toISOString());
  });
});

describe('an action link while the trajectory is paused', () => {
  it('refuses the answer with 409 paused and records nothing; after the resume it is taken', async () => {
    // Prepare
    const { trajectory, task, token } = await seedTask(repository);
    await pause(trajectory.id, REASON);
    const submit = submitActionHandler({ repository, workflow: workflowClient(), clock, baseUrl: BASE_URL });
    const body = { improvementAreas: [{ title: 'Afspraken', examples: ['Offerte te laat'] }] };

    // Act
    const refused = await invoke(submit, linkEvent('POST', token, { body }));

    // Assess
    expect(refused.statusCode).toBe(409);
    expect(refused.json.error.code).toBe('paused');
    expect((await repository.getTask(trajectory.id, task.id))!.status).toBe('open');

    now = new Date(NOW.getTime() + DAY_MS);
    await resume(trajectory.id);
    const taken = await invoke(submit, linkEvent('POST', token, { body }));
    expect(taken.statusCode).toBe(200);
  });

  it('shows a browser a notice instead of the form, and says so in the JSON view', async () => {
    // Prepare
    const { trajectory, token } = await seedTask(repository);
    await pause(trajectory.id, REASON);
    const get = getActionHandler({ repository });

    // Act
    const page = await invoke(get, linkEvent('GET', token, { accept: BROWSER_ACCEPT }));
    const view = await invoke(get, linkEvent('GET', token));

    // Assess
    expect(page.statusCode).toBe(200);
    expect(page.text).toContain('data-status="paused"');
    expect(page.text).toContain('Het traject staat stil');
    expect(page.text).not.toContain('<form');
    expect(view.json).toMatchObject({ status: 'open', paused: true });
  });

  it('gives a form posted after a pause back with what was typed, under a notice, and saves nothing', async () => {
    // Prepare: the form was opened before the pause.
    const { trajectory, task, token } = await seedTask(repository);
    await pause(trajectory.id, REASON);
    const submit = submitActionHandler({ repository, workflow: workflowClient(), clock, baseUrl: BASE_URL });

    // Act
    const refused = await invoke(
      submit,
      linkEvent('POST', token, {
        body: form([
          ['improvementAreas[0][title]', 'Afspraken'],
          ['improvementAreas[0][examples][0]', 'Offerte <te> laat'],
        ]),
        contentType: FORM,
        accept: BROWSER_ACCEPT,
      }),
    );

    // Assess
    expect(refused.statusCode).toBe(409);
    expect(refused.text).toContain('data-paused');
    expect(refused.text).toContain('Er is niets opgeslagen.');
    expect(refused.text).toMatch(/name="improvementAreas\[0\]\[title\]"\s+value="Afspraken"/);
    expect(refused.text).toContain('Offerte &lt;te&gt; laat</textarea>');
    expect(refused.text).toContain('<form method="post" novalidate');
    expect((await repository.getTask(trajectory.id, task.id))!.status).toBe('open');
  });
});
