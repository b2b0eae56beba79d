import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import type { Trajectory } from '#core/model.ts';
import { newTrajectory, startedEvent } from '#core/trajectory.ts';
import { listTrajectoriesHandler } from '#api/list-trajectories.ts';
import { startDynalite, type LocalDynamo } from '../../support/dynalite.ts';
import {
  apiEvent,
  call,
  claimsFor,
  freshStore,
  trajectoryInput,
  uniqueEmail,
  type Claims,
} from './support.ts';

vi.hoisted(() => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});

let dynamo: LocalDynamo;
let repository: DynamoTrajectoryRepository;
let handler: ReturnType<typeof listTrajectoriesHandler>;

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  await dynamo.stop();
});

beforeEach(async () => {
  ({ repository } = await freshStore(dynamo));
  handler = listTrajectoriesHandler({ repository });
});

const list = (claims: Claims | null, query?: Record<string, string>) =>
  call(handler, apiEvent({ method: 'GET', route: '/trajectories', claims, ...(query ? { query } : {}) }));

/** Stores a trajectory for `managerEmail`, created `minute` minutes into the day. */
async function seed(managerEmail: string, minute: number, status: Trajectory['status'] = 'active') {
  const input = trajectoryInput({ manager: { name: 'Mark Jansen', email: managerEmail } });
  const trajectory = {
    ...newTrajectory(input, {
      id: `traj-${minute}-${Math.random().toString(36).slice(2, 8)}`,
      now: new Date(Date.UTC(2026, 2, 2, 9, minute)),
    }),
    status,
  };
  await repository.createTrajectory(trajectory, [startedEvent(trajectory)]);
  return trajectory;
}

describe('GET /trajectories', () => {
  it('shows HR every trajectory, newest first', async () => {
    // Prepare
    const a = await seed(uniqueEmail('manager'), 1);
    const b = await seed(uniqueEmail('manager'), 2, 'cancelled');
    const c = await seed(uniqueEmail('manager'), 3);

    // Act
    const reply = await list(claimsFor('hr'));

    // Assess
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(reply.body.items.map((t: Trajectory) => t.id)).toEqual([c.id, b.id, a.id]);
    expect(reply.body.next).toBeUndefined();
  });

  it('shows a manager only their own trajectories, whatever the case of their e-mail address', async () => {
    // Prepare
    const mine = uniqueEmail('manager');
    const own1 = await seed(mine, 1);
    await seed(uniqueEmail('other-manager'), 2);
    const own2 = await seed(mine, 3);

    // Act
    const reply = await list(claimsFor('manager', mine.toUpperCase()));

    // Assess
    expect(reply.statusCode).toBe(200);
    expect(reply.body.items.map((t: Trajectory) => t.id)).toEqual([own2.id, own1.id]);
  });

  it('shows a manager with no trajectories an empty list', async () => {
    await seed(uniqueEmail('manager'), 1);
    const reply = await list(claimsFor('manager'));
    expect(reply.statusCode).toBe(200);
    expect(reply.body).toEqual({ items: [] });
  });

  it('filters on a status', async () => {
    // Prepare
    await seed(uniqueEmail('manager'), 1);
    const cancelled = await seed(uniqueEmail('manager'), 2, 'cancelled');

    // Act
    const reply = await list(claimsFor('hr'), { status: 'cancelled' });

    // Assess
    expect(reply.body.items.map((t: Trajectory) => t.id)).toEqual([cancelled.id]);
  });

  it('refuses an unknown status with a field error', async () => {
    // Act
    const reply = await list(claimsFor('hr'), { status: 'paused' });

    // Assess
    expect(reply.statusCode).toBe(400);
    expect(reply.body.error.code).toBe('invalid_request');
    expect(reply.body.error.fieldErrors).toEqual([
      { path: 'status', message: expect.stringContaining('active') },
    ]);
  });

  it('pages with limit and the next cursor', async () => {
    // Prepare
    const oldest = await seed(uniqueEmail('manager'), 1);
    const middle = await seed(uniqueEmail('manager'), 2);
    const newest = await seed(uniqueEmail('manager'), 3);
    const hr = claimsFor('hr');

    // Act
    const first = await list(hr, { limit: '2' });
    const second = await list(hr, { limit: '2', cursor: first.body.next });

    // Assess
    expect(first.body.items.map((t: Trajectory) => t.id)).toEqual([newest.id, middle.id]);
    expect(typeof first.body.next).toBe('string');
    expect(second.body.items.map((t: Trajectory) => t.id)).toEqual([oldest.id]);
    expect(second.body.next).toBeUndefined();
  });

  it.each([
    ['a limit of 0', { limit: '0' }, 'limit'],
    ['a limit that is not a number', { limit: 'many' }, 'limit'],
    ['a limit above the maximum', { limit: '1000' }, 'limit'],
    ['a malformed cursor', { cursor: 'not-a-cursor' }, 'cursor'],
  ])('refuses %s with 400', async (_case, query, path) => {
    // Act
    const reply = await list(claimsFor('hr'), query);

    // Assess
    expect(reply.statusCode).toBe(400);
    expect(reply.body.error.fieldErrors.map((e: { path: string }) => e.path)).toEqual([path]);
  });

  it('answers 401 without claims and 403 to someone in neither group', async () => {
    expect((await list(null)).statusCode).toBe(401);
    expect((await list(claimsFor('employee'))).statusCode).toBe(403);
  });
});
