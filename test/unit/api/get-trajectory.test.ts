import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import type { Task } from '#core/model.ts';
import { newTaskId, newTrajectory, startedEvent } from '#core/trajectory.ts';
import { dossierExportHandler } from '#api/dossier-export.ts';
import { getTrajectoryHandler } from '#api/get-trajectory.ts';
import { CRITERION_IDS } from '#core/completeness.ts';
import { DossierBuilder } from '../../support/dossier-builder.ts';
import { startDynalite, type LocalDynamo } from '../../support/dynalite.ts';
import {
  apiEvent,
  call,
  claimsFor,
  freshStore,
  lambdaContext,
  NOW,
  trajectoryInput,
  uniqueEmail,
  type Claims,
} from './support.ts';

vi.hoisted(() => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});

const TASK_TOKEN = 'AQCEAAAAKgAAAAMAAAAAAAAAAf0secret-task-token';
const LINK_HASH = 'a'.repeat(64);

let dynamo: LocalDynamo;
let repository: DynamoTrajectoryRepository;
let handler: ReturnType<typeof getTrajectoryHandler>;

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  await dynamo.stop();
});

beforeEach(async () => {
  ({ repository } = await freshStore(dynamo));
  handler = getTrajectoryHandler({ repository });
});

const get = (claims: Claims | null, id: string) =>
  call(handler, apiEvent({ method: 'GET', route: '/trajectories/{id}', pathParameters: { id }, claims }));

/** A trajectory with an open identify task that the workflow is waiting on. */
async function seedDossier(managerEmail = uniqueEmail('manager')) {
  const trajectory = newTrajectory(
    trajectoryInput({ manager: { name: 'Mark Jansen', email: managerEmail } }),
    {
      id: randomUUID(),
      now: NOW,
    },
  );
  await repository.createTrajectory(trajectory, [startedEvent(trajectory)]);
  const task: Task = {
    id: newTaskId('identify', 1),
    trajectoryId: trajectory.id,
    kind: 'identify',
    assignee: 'manager',
    status: 'open',
    openedAt: NOW.toISOString(),
    dueAt: new Date(NOW.getTime() + 5 * 86_400_000).toISOString(),
    chaseStage: 'none',
    linkHash: LINK_HASH,
    taskToken: TASK_TOKEN,
    requestedAt: NOW.toISOString(),
    version: 0,
  };
  await repository.createTask(task);
  await repository.appendEvent({
    id: 'identify-1-requested',
    trajectoryId: trajectory.id,
    at: new Date(NOW.getTime() + 60_000).toISOString(),
    type: 'task-requested',
    actor: { role: 'system' },
    taskId: task.id,
    // Defence in depth: even a careless event never hands out a token.
    data: { kind: 'identify', taskToken: TASK_TOKEN },
  });
  return { trajectory, task, managerEmail };
}

describe('GET /trajectories/{id}', () => {
  it('answers HR with the dossier in the contract shape, without secrets', async () => {
    // Prepare
    const { trajectory, task } = await seedDossier();

    // Act
    const reply = await get(claimsFor('hr'), trajectory.id);

    // Assess
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    const dossier = reply.body;
    for (const key of [
      'id',
      'status',
      'phase',
      'attention',
      'employee',
      'manager',
      'hrAdvisor',
      'schedule',
      'goals',
      'meetings',
      'tasks',
      'events',
      'completeness',
    ]) {
      expect(dossier).toHaveProperty(key);
    }
    expect(dossier).toMatchObject({
      id: trajectory.id,
      status: 'active',
      phase: 'identify',
      attention: false,
      employee: trajectory.employee,
      manager: trajectory.manager,
      hrAdvisor: trajectory.hrAdvisor,
      schedule: trajectory.schedule,
      goals: [],
      meetings: [],
      // Nothing is due yet while the improvement areas are being identified.
      completeness: {
        status: 'pass',
        criteria: CRITERION_IDS.map((id) => ({
          id,
          status: 'pending',
          reason: expect.any(String),
          todo: null,
        })),
      },
    });
    expect(dossier.tasks).toEqual([
      {
        id: task.id,
        trajectoryId: trajectory.id,
        kind: 'identify',
        assignee: 'manager',
        status: 'open',
        openedAt: task.openedAt,
        dueAt: task.dueAt,
        chaseStage: 'none',
        requestedAt: task.requestedAt,
        version: 0,
      },
    ]);
    expect(dossier.events.map((e: { type: string }) => e.type)).toEqual([
      'trajectory-started',
      'task-requested',
    ]);
    const raw = JSON.stringify(dossier);
    expect(raw).not.toContain(TASK_TOKEN);
    expect(raw).not.toContain(LINK_HASH);
    expect(raw).not.toContain('taskToken');
    expect(raw).not.toContain('linkHash');
  });

  it('judges the completeness of the stored dossier at the clock’s time', async () => {
    // Prepare: a running term whose second follow-up was let pass, stored as the workflow stores it
    const built = new DossierBuilder().throughPlan().followUp(1).build();
    await repository.createTrajectory(built.trajectory, []);
    for (const task of built.tasks) await repository.createTask(task);
    for (const event of built.events) await repository.appendEvent(event);
    const firstHeldOn = built.trajectory.meetings[0]!.heldOn!;
    const now = new Date(`${firstHeldOn}T12:00:00.000Z`);
    now.setUTCDate(now.getUTCDate() + 30);
    const atClock = getTrajectoryHandler({ repository, clock: { now: () => now } });

    // Act
    const reply = await call(
      atClock,
      apiEvent({
        method: 'GET',
        route: '/trajectories/{id}',
        pathParameters: { id: built.trajectory.id },
        claims: claimsFor('hr'),
      }),
    );

    // Assess
    expect(reply.statusCode).toBe(200);
    const { completeness } = reply.body;
    expect(completeness.status).toBe('fail');
    expect(completeness.criteria.map((c: { id: string }) => c.id)).toEqual([...CRITERION_IDS]);
    const cadence = completeness.criteria.find((c: { id: string }) => c.id === 'follow-up-cadence');
    expect(cadence).toMatchObject({ status: 'fail', todo: expect.any(String) });
    expect(cadence.reason).toContain('30 dagen');
    expect(completeness.criteria.find((c: { id: string }) => c.id === 'smart-goals').status).toBe('pass');
  });

  it('answers the trajectory’s own manager, whatever the case of their e-mail address', async () => {
    // Prepare
    const { trajectory, managerEmail } = await seedDossier();

    // Act
    const reply = await get(claimsFor('manager', managerEmail.toUpperCase()), trajectory.id);

    // Assess
    expect(reply.statusCode).toBe(200);
    expect(reply.body.id).toBe(trajectory.id);
  });

  it('answers 403 to another manager', async () => {
    // Prepare
    const { trajectory } = await seedDossier();

    // Act
    const reply = await get(claimsFor('manager'), trajectory.id);

    // Assess
    expect(reply.statusCode).toBe(403);
    expect(reply.body).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
    expect(JSON.stringify(reply.body)).not.toContain(trajectory.employee.email);
  });

  it('answers HR 404 for an unknown id', async () => {
    const reply = await get(claimsFor('hr'), randomUUID());
    expect(reply.statusCode).toBe(404);
    expect(reply.body.error.code).toBe('not_found');
  });

  it('answers 404 for an id that cannot be one', async () => {
    const reply = await get(claimsFor('hr'), 'not an id/../x');
    expect(reply.statusCode).toBe(404);
  });

  it('answers 401 without claims', async () => {
    const { trajectory } = await seedDossier();
    const reply = await get(null, trajectory.id);
    expect(reply.statusCode).toBe(401);
  });
});

/**
 * Whether a trajectory exists is itself something a manager outside it may not learn: to them an
 * unknown id and another manager's trajectory answer alike, on every route that reads one.
 */
describe.each([
  ['GET /trajectories/{id}', '/trajectories/{id}'],
  ['GET /trajectories/{id}/dossier.pdf', '/trajectories/{id}/dossier.pdf'],
])('%s outside a manager’s scope', (_name, route) => {
  /** The PDF route answers a PDF on success, so its body is read only when it is JSON. */
  const readPdf = async (claims: Claims, id: string) => {
    const handle = dossierExportHandler({ repository, clock: { now: () => NOW } });
    const result = await handle(
      apiEvent({ method: 'GET', route, pathParameters: { id }, claims }),
      lambdaContext(),
    );
    const headers = Object.fromEntries(
      Object.entries(result.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]),
    );
    const json = headers['content-type']?.startsWith('application/json');
    return { statusCode: result.statusCode, headers, body: json ? JSON.parse(result.body ?? '') : undefined };
  };
  const readAny = (claims: Claims, id: string) =>
    route === '/trajectories/{id}' ? get(claims, id) : readPdf(claims, id);

  it('answers a manager the same 403 for an unknown id as for another manager’s trajectory', async () => {
    // Prepare
    const { trajectory } = await seedDossier();
    const stranger = claimsFor('manager');

    // Act
    const someoneElses = await readAny(stranger, trajectory.id);
    const unknown = await readAny(stranger, randomUUID());

    // Assess
    expect(someoneElses.statusCode).toBe(403);
    expect(unknown.statusCode).toBe(403);
    expect(unknown.body).toEqual(someoneElses.body);
    expect(unknown.headers).toEqual(someoneElses.headers);
  });

  it('answers HR 404 for an unknown id, and the own manager 200', async () => {
    // Prepare
    const { trajectory, managerEmail } = await seedDossier();

    // Act
    const unknown = await readAny(claimsFor('hr'), randomUUID());
    const own = await readAny(claimsFor('manager', managerEmail), trajectory.id);

    // Assess
    expect(unknown.statusCode).toBe(404);
    expect(own.statusCode).toBe(200);
  });
});
