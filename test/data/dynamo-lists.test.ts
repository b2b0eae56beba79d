import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Trajectory, TrajectoryStatus } from '#core/model.ts';
import type { TrajectorySummaryPage } from '#core/ports.ts';
import { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import { ValidationError } from '#shared/errors.ts';
import { startDynalite, type LocalDynamo } from '../support/dynalite.ts';
import { aTrajectory, minutesAfterBase } from './fixtures.ts';

let dynamo: LocalDynamo;

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  await dynamo.stop();
});

async function freshRepository(): Promise<DynamoTrajectoryRepository> {
  return new DynamoTrajectoryRepository({ tableName: await dynamo.createTable(), client: dynamo.client });
}

/** Creates one trajectory per entry, the n-th created n minutes after the base time. */
async function seed(
  repository: DynamoTrajectoryRepository,
  specs: { status?: TrajectoryStatus; managerEmail?: string }[],
): Promise<Trajectory[]> {
  const created = specs.map((spec, index) =>
    aTrajectory({
      status: spec.status ?? 'active',
      createdAt: minutesAfterBase(index),
      manager: { name: 'Manager Example', email: spec.managerEmail ?? 'manager@example.test' },
    }),
  );
  for (const trajectory of created) await repository.createTrajectory(trajectory, []);
  return created;
}

/** Follows `next` to the end; returns the pages' items in order. */
async function allPages(fetch: (cursor?: string) => Promise<TrajectorySummaryPage>): Promise<Trajectory[][]> {
  const pages: Trajectory[][] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    pages.push(page.items);
    cursor = page.next;
  } while (cursor);
  return pages;
}

const ids = (trajectories: Trajectory[]) => trajectories.map((trajectory) => trajectory.id);
const newestFirst = (trajectories: Trajectory[]) => [...trajectories].reverse();

describe('HR list', () => {
  it('lists one status newest first, page by page, without an empty last page', async () => {
    // Prepare
    const repository = await freshRepository();
    const seeded = await seed(repository, [
      ...Array.from({ length: 5 }, () => ({ status: 'active' as const })),
      { status: 'cancelled' },
      { status: 'active' },
    ]);
    const active = seeded.filter((trajectory) => trajectory.status === 'active');

    // Act
    const pages = await allPages((cursor) =>
      repository.listTrajectories({ status: 'active', limit: 2, cursor }),
    );

    // Assess
    expect(pages.map((page) => page.length)).toEqual([2, 2, 2]);
    expect(ids(pages.flat())).toEqual(ids(newestFirst(active)));
  });

  it('lists all statuses merged newest first, with exact pages across statuses', async () => {
    const repository = await freshRepository();
    const statuses: TrajectoryStatus[] = [
      'active',
      'completed',
      'ended',
      'cancelled',
      'active',
      'completed',
      'active',
    ];
    const seeded = await seed(
      repository,
      statuses.map((status) => ({ status })),
    );

    const pages = await allPages((cursor) => repository.listTrajectories({ limit: 3, cursor }));

    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    expect(ids(pages.flat())).toEqual(ids(newestFirst(seeded)));
  });

  it('returns everything on one page when it fits, with no cursor', async () => {
    const repository = await freshRepository();
    const seeded = await seed(repository, [{ status: 'active' }, { status: 'ended' }]);

    const page = await repository.listTrajectories({});

    expect(ids(page.items)).toEqual(ids(newestFirst(seeded)));
    expect(page.next).toBeUndefined();
  });

  it('follows a status change: the trajectory leaves one list and joins the other', async () => {
    const repository = await freshRepository();
    const [trajectory] = await seed(repository, [{ status: 'active' }]);
    if (!trajectory) throw new Error('not seeded');

    await repository.updateTrajectory({ ...trajectory, status: 'cancelled', phase: 'closed' });

    expect((await repository.listTrajectories({ status: 'active' })).items).toEqual([]);
    expect(ids((await repository.listTrajectories({ status: 'cancelled' })).items)).toEqual([trajectory.id]);
    expect(ids((await repository.listTrajectories({})).items)).toEqual([trajectory.id]);
  });

  it('rejects a malformed cursor and a non-positive limit as bad input', async () => {
    const repository = await freshRepository();

    await expect(repository.listTrajectories({ cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(repository.listTrajectories({ limit: 0 })).rejects.toBeInstanceOf(ValidationError);
    await expect(
      repository.listTrajectoriesForManager('m@example.test', { cursor: '!!' }),
    ).rejects.toMatchObject({
      fieldErrors: [{ path: 'cursor' }],
    });
  });
});

describe('manager list', () => {
  it("lists only the manager's own trajectories, paginated, whatever the case of the e-mail", async () => {
    const repository = await freshRepository();
    const seeded = await seed(repository, [
      { managerEmail: 'Anna.Manager@Example.test' },
      { managerEmail: 'someone.else@example.test' },
      { managerEmail: 'anna.manager@example.test', status: 'completed' },
      { managerEmail: 'ANNA.MANAGER@EXAMPLE.TEST' },
      { managerEmail: 'someone.else@example.test' },
    ]);
    const annas = seeded.filter((trajectory) => trajectory.manager.email.toLowerCase().startsWith('anna'));

    const pages = await allPages((cursor) =>
      repository.listTrajectoriesForManager(' anna.MANAGER@example.test ', { limit: 2, cursor }),
    );

    expect(pages.map((page) => page.length)).toEqual([2, 1]);
    expect(ids(pages.flat())).toEqual(ids(newestFirst(annas)));
    // The stored e-mail is the one that was given; only the index key is normalised.
    expect(pages.flat().map((trajectory) => trajectory.manager.email)).toContain('ANNA.MANAGER@EXAMPLE.TEST');
  });

  it("filters a manager's list by status", async () => {
    const repository = await freshRepository();
    const seeded = await seed(repository, [
      { status: 'active' },
      { status: 'completed' },
      { status: 'active' },
      { status: 'ended' },
      { status: 'active' },
    ]);
    const active = seeded.filter((trajectory) => trajectory.status === 'active');

    const pages = await allPages((cursor) =>
      repository.listTrajectoriesForManager('manager@example.test', { status: 'active', limit: 2, cursor }),
    );

    expect(ids(pages.flat())).toEqual(ids(newestFirst(active)));
    expect(pages.map((page) => page.length)).toEqual([2, 1]);
  });

  it('follows a change of manager', async () => {
    const repository = await freshRepository();
    const [trajectory] = await seed(repository, [{ managerEmail: 'first@example.test' }]);
    if (!trajectory) throw new Error('not seeded');

    await repository.updateTrajectory({
      ...trajectory,
      manager: { name: 'Second', email: 'second@example.test' },
    });

    expect((await repository.listTrajectoriesForManager('first@example.test', {})).items).toEqual([]);
    expect(ids((await repository.listTrajectoriesForManager('second@example.test', {})).items)).toEqual([
      trajectory.id,
    ]);
  });

  it('answers an empty page for a manager without trajectories', async () => {
    const repository = await freshRepository();
    await seed(repository, [{ managerEmail: 'someone@example.test' }]);

    expect(await repository.listTrajectoriesForManager('nobody@example.test', {})).toEqual({ items: [] });
  });
});
