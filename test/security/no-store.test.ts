/**
 * No cache keeps an answer of the JSON API: a dossier, a list of trajectories, even a refusal is
 * about people, and a shared proxy or the browser cache of a shared computer would hand it to the
 * next person who asks. Every answer of `jsonApi` says `Cache-Control: no-store`, as the pages and
 * the links' answers do. The handlers run as API Gateway invokes them, against dynalite.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import { newTrajectory, startedEvent } from '#core/trajectory.ts';
import { getTrajectoryHandler } from '#api/get-trajectory.ts';
import { listTrajectoriesHandler } from '#api/list-trajectories.ts';
import { startDynalite, type LocalDynamo } from '../support/dynalite.ts';
import {
  apiEvent,
  call,
  claimsFor,
  freshStore,
  NOW,
  trajectoryInput,
  type Claims,
} from '../unit/api/support.ts';

vi.hoisted(() => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});

let dynamo: LocalDynamo;
let repository: DynamoTrajectoryRepository;
let trajectoryId: string;

beforeAll(async () => {
  dynamo = await startDynalite();
  ({ repository } = await freshStore(dynamo));
  const trajectory = newTrajectory(trajectoryInput(), { id: randomUUID(), now: NOW });
  await repository.createTrajectory(trajectory, [startedEvent(trajectory)]);
  trajectoryId = trajectory.id;
});
afterAll(async () => {
  await dynamo?.stop();
});

const getDossier = (id: string, claims: Claims | null = claimsFor('hr')) =>
  call(
    getTrajectoryHandler({ repository }),
    apiEvent({ route: '/trajectories/{id}', pathParameters: { id }, claims }),
  );

describe('an answer of the JSON API', () => {
  it('is not stored by any cache: a dossier', async () => {
    const reply = await getDossier(trajectoryId);
    expect(reply.statusCode).toBe(200);
    expect(reply.body.employee.name).toBe('Eva de Vries');
    expect(reply.headers['cache-control']).toBe('no-store');
  });

  it('is not stored by any cache: the list of trajectories', async () => {
    const reply = await call(listTrajectoriesHandler({ repository }), apiEvent({ route: '/trajectories' }));
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
  });

  it('is not stored by any cache: a refusal (401, 403, 404) or a 400', async () => {
    const refusals = [
      await getDossier(trajectoryId, null),
      await getDossier(trajectoryId, claimsFor('manager')),
      await getDossier(randomUUID()),
      await call(
        listTrajectoriesHandler({ repository }),
        apiEvent({ route: '/trajectories', query: { status: 'nonsense' } }),
      ),
    ];
    expect(refusals.map((reply) => reply.statusCode)).toEqual([401, 403, 404, 400]);
    for (const reply of refusals) expect(reply.headers['cache-control']).toBe('no-store');
  });
});
