import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import { AlreadyExistsError, VersionConflictError } from '#shared/errors.ts';
import { startDynalite, type LocalDynamo } from '../support/dynalite.ts';
import { aLink, aTask, aTrajectory, anEvent } from './fixtures.ts';

let dynamo: LocalDynamo;

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  await dynamo.stop();
});

/** A repository on a table of its own, so no test sees another's items. */
async function freshRepository(): Promise<DynamoTrajectoryRepository> {
  return new DynamoTrajectoryRepository({ tableName: await dynamo.createTable(), client: dynamo.client });
}

async function rawItem(repository: DynamoTrajectoryRepository, key: Record<string, string>) {
  const tableName = (repository as unknown as { tableName: string }).tableName;
  const { Item } = await dynamo.direct.send(new GetCommand({ TableName: tableName, Key: key }));
  return Item;
}

describe('dossier', () => {
  it('creates a trajectory and loads it back with its tasks and events', async () => {
    // Prepare
    const repository = await freshRepository();
    const trajectory = aTrajectory();
    const started = anEvent(trajectory.id, { id: 'started' });
    const task = aTask(trajectory.id);

    // Act
    await repository.createTrajectory(trajectory, [started]);
    await repository.createTask(task);
    const dossier = await repository.getDossier(trajectory.id);

    // Assess
    expect(dossier).toEqual({ trajectory, tasks: [task], events: [started] });
    expect(await repository.getTrajectory(trajectory.id)).toEqual(trajectory);
    expect(await repository.getTask(trajectory.id, task.id)).toEqual(task);
  });

  it('answers undefined for a trajectory, task or dossier that does not exist', async () => {
    const repository = await freshRepository();

    expect(await repository.getTrajectory('missing')).toBeUndefined();
    expect(await repository.getDossier('missing')).toBeUndefined();
    expect(await repository.getTask('missing', 'identify')).toBeUndefined();
  });

  it('keeps storage attributes out of the domain objects it returns', async () => {
    const repository = await freshRepository();
    const trajectory = aTrajectory({ status: 'ended', closedAt: '2026-06-01T12:00:00.000Z' });
    await repository.createTrajectory(trajectory, [anEvent(trajectory.id)]);
    await repository.createTask(aTask(trajectory.id));

    const dossier = await repository.getDossier(trajectory.id);

    const storage = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'entity', 'expiresAt'];
    for (const object of [dossier?.trajectory, ...(dossier?.tasks ?? []), ...(dossier?.events ?? [])]) {
      for (const attribute of storage) expect(object).not.toHaveProperty(attribute);
    }
  });

  it('returns events in the order they happened, whatever the order of appending', async () => {
    const repository = await freshRepository();
    const trajectory = aTrajectory();
    await repository.createTrajectory(trajectory, []);
    const later = anEvent(trajectory.id, { id: 'a-later', at: '2026-03-05T10:00:00.000Z' });
    const earliest = anEvent(trajectory.id, { id: 'z-earliest', at: '2026-03-02T09:00:00.000Z' });
    const middle = anEvent(trajectory.id, { id: 'm-middle', at: '2026-03-03T09:00:00.000Z' });

    for (const event of [later, earliest, middle]) await repository.appendEvent(event);
    const dossier = await repository.getDossier(trajectory.id);

    expect(dossier?.events.map((event) => event.id)).toEqual(['z-earliest', 'm-middle', 'a-later']);
  });

  it('treats a retried append as a no-op, even when the retry carries a later time', async () => {
    const repository = await freshRepository();
    const trajectory = aTrajectory();
    await repository.createTrajectory(trajectory, []);
    const first = anEvent(trajectory.id, { id: 'task-completed#identify', at: '2026-03-04T09:00:00.000Z' });

    await repository.appendEvent(first);
    await repository.appendEvent({ ...first, at: '2026-03-04T09:00:05.000Z' });
    await Promise.all([repository.appendEvent(first), repository.appendEvent(first)]);
    const dossier = await repository.getDossier(trajectory.id);

    expect(dossier?.events).toEqual([first]);
  });

  it('refuses a second create of the same trajectory and leaves the dossier untouched', async () => {
    const repository = await freshRepository();
    const trajectory = aTrajectory();
    const started = anEvent(trajectory.id, { id: 'started' });
    await repository.createTrajectory(trajectory, [started]);

    const duplicate = repository.createTrajectory({ ...trajectory, reason: 'another' }, [
      anEvent(trajectory.id, { id: 'started-again' }),
    ]);

    await expect(duplicate).rejects.toBeInstanceOf(AlreadyExistsError);
    expect(await repository.getDossier(trajectory.id)).toEqual({ trajectory, tasks: [], events: [started] });
  });

  it('lets exactly one of two concurrent creates of the same trajectory win', async () => {
    const repository = await freshRepository();
    const trajectory = aTrajectory();

    const results = await Promise.allSettled([
      repository.createTrajectory(trajectory, []),
      repository.createTrajectory(trajectory, []),
    ]);

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const [rejected] = results.filter((result) => result.status === 'rejected');
    expect(rejected?.reason).toBeInstanceOf(AlreadyExistsError);
  });

  it('refuses a second create of the same task', async () => {
    const repository = await freshRepository();
    const task = aTask('trajectory-1');
    await repository.createTask(task);

    await expect(
      repository.createTask({ ...task, dueAt: '2026-04-01T09:00:00.000Z' }),
    ).rejects.toBeInstanceOf(AlreadyExistsError);
    expect(await repository.getTask(task.trajectoryId, task.id)).toEqual(task);
  });

  it('loads a dossier larger than one 1 MB Query page completely', async () => {
    const repository = await freshRepository();
    const trajectory = aTrajectory();
    await repository.createTrajectory(trajectory, []);
    // 14 events of ~100 KB: about 1.4 MB, so DynamoDB answers in at least two pages.
    const events = Array.from({ length: 14 }, (_, index) =>
      anEvent(trajectory.id, {
        id: `report-${String(index).padStart(2, '0')}`,
        at: new Date(Date.UTC(2026, 2, 2 + index)).toISOString(),
        type: 'follow-up-recorded',
        data: { summary: `${index}`.padEnd(100_000, '.') },
      }),
    );
    for (const event of events) await repository.appendEvent(event);

    const dossier = await repository.getDossier(trajectory.id);

    expect(dossier?.trajectory).toEqual(trajectory);
    expect(dossier?.events).toEqual(events);
  });
});

describe('optimistic locking', () => {
  it('writes a task update with the next version and drops fields that were cleared', async () => {
    const repository = await freshRepository();
    const task = aTask('trajectory-1', { taskToken: 'token-1', requestedAt: '2026-03-02T09:00:01.000Z' });
    await repository.createTask(task);

    const { taskToken: _spent, ...withoutToken } = task;
    const stored = await repository.updateTask({
      ...withoutToken,
      taskToken: undefined,
      chaseStage: 'reminded',
    });

    expect(stored.version).toBe(task.version + 1);
    const reread = await repository.getTask(task.trajectoryId, task.id);
    expect(reread).toEqual({ ...withoutToken, chaseStage: 'reminded', version: task.version + 1 });
    expect(reread).not.toHaveProperty('taskToken');
  });

  it('lets exactly one of two concurrent task updates from the same read win', async () => {
    const repository = await freshRepository();
    const task = aTask('trajectory-1');
    await repository.createTask(task);
    const read = await repository.getTask(task.trajectoryId, task.id);
    if (!read) throw new Error('task not stored');

    const results = await Promise.allSettled([
      repository.updateTask({ ...read, status: 'done', completedAt: '2026-03-03T10:00:00.000Z' }),
      repository.updateTask({ ...read, chaseStage: 'reminded' }),
    ]);

    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result) => result.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.reason).toBeInstanceOf(VersionConflictError);
    const winner = (won[0] as PromiseFulfilledResult<unknown>).value;
    expect(await repository.getTask(task.trajectoryId, task.id)).toEqual(winner);
  });

  it('lets exactly one of two concurrent trajectory updates from the same read win', async () => {
    const repository = await freshRepository();
    const trajectory = aTrajectory();
    await repository.createTrajectory(trajectory, []);
    const read = await repository.getTrajectory(trajectory.id);
    if (!read) throw new Error('trajectory not stored');

    const results = await Promise.allSettled([
      repository.updateTrajectory({ ...read, phase: 'conversation' }),
      repository.updateTrajectory({ ...read, attention: true }),
    ]);

    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result) => result.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost[0]?.reason).toBeInstanceOf(VersionConflictError);
    const winner = (won[0] as PromiseFulfilledResult<unknown>).value;
    expect(await repository.getTrajectory(trajectory.id)).toEqual(winner);
  });

  it('refuses an update based on a stale read, and an update of something that was never created', async () => {
    const repository = await freshRepository();
    const trajectory = aTrajectory();
    await repository.createTrajectory(trajectory, []);
    await repository.updateTrajectory({ ...trajectory, phase: 'conversation' });

    await expect(repository.updateTrajectory({ ...trajectory, phase: 'plan' })).rejects.toBeInstanceOf(
      VersionConflictError,
    );
    await expect(repository.updateTrajectory(aTrajectory())).rejects.toBeInstanceOf(VersionConflictError);
    await expect(repository.updateTask(aTask('trajectory-1'))).rejects.toBeInstanceOf(VersionConflictError);
    expect((await repository.getTrajectory(trajectory.id))?.phase).toBe('conversation');
  });

  it('sets the retention TTL when a trajectory closes and clears it when it reopens', async () => {
    const repository = new DynamoTrajectoryRepository({
      tableName: await dynamo.createTable(),
      client: dynamo.client,
      retentionDays: 10,
    });
    const trajectory = aTrajectory();
    await repository.createTrajectory(trajectory, []);
    const key = { PK: `TRAJECTORY#${trajectory.id}`, SK: 'META' };
    expect(await rawItem(repository, key)).not.toHaveProperty('expiresAt');

    const closed = await repository.updateTrajectory({
      ...trajectory,
      status: 'completed',
      phase: 'closed',
      closedAt: '2026-06-01T12:00:00.000Z',
    });
    expect((await rawItem(repository, key))?.expiresAt).toBe(Date.UTC(2026, 5, 11, 12) / 1000);

    await repository.updateTrajectory({
      ...closed,
      status: 'active',
      phase: 'follow-up',
      closedAt: undefined,
    });
    expect(await rawItem(repository, key)).not.toHaveProperty('expiresAt');
  });
});

describe('action links', () => {
  it('finds a link by the hash of its token', async () => {
    const repository = await freshRepository();
    const link = aLink('trajectory-1', 'identify');

    await repository.putActionLink(link);

    expect(await repository.findActionLink(link.linkHash)).toEqual(link);
    expect(await repository.findActionLink('0'.repeat(64))).toBeUndefined();
  });

  it('accepts the same link again for the same task, and refuses the same hash for another task', async () => {
    const repository = await freshRepository();
    const link = aLink('trajectory-1', 'identify');
    await repository.putActionLink(link);

    await repository.putActionLink({ ...link, createdAt: '2026-03-02T09:00:09.000Z' });
    await expect(repository.putActionLink({ ...link, taskId: 'conversation' })).rejects.toBeInstanceOf(
      AlreadyExistsError,
    );
    expect(await repository.findActionLink(link.linkHash)).toEqual(link);
  });
});
