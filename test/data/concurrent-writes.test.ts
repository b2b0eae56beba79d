/**
 * Many writers on one dossier at once, against real dynalite: conditional writes let exactly one
 * writer win each round, the losers re-read and try again, and idempotent appends keep one copy
 * of a repeated event. Nothing written by a writer that returned may be lost.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import type { ImprovementArea } from '#core/model.ts';
import { VersionConflictError } from '#shared/errors.ts';
import { retryOnConflict } from '#usecases/store.ts';
import { startDynalite, type LocalDynamo } from '../support/dynalite.ts';
import { aTask, aTrajectory, anEvent } from './fixtures.ts';

let dynamo: LocalDynamo;
const tables: string[] = [];

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterEach(async () => {
  const created = tables.splice(0);
  await Promise.all(created.map((TableName) => dynamo.direct.send(new DeleteTableCommand({ TableName }))));
});

afterAll(async () => {
  await dynamo.stop();
});

/** A repository on a table of its own, deleted after the test. */
async function freshRepository(): Promise<DynamoTrajectoryRepository> {
  const tableName = await dynamo.createTable();
  tables.push(tableName);
  return new DynamoTrajectoryRepository({ tableName, client: dynamo.client });
}

/** How many conditional writes lost, over all writers of one test. */
interface Contention {
  conflicts: number;
}

/**
 * One writer as the workflow runs it: `retryOnConflict` re-reads and retries within the
 * invocation; when it gives up, the state machine retries the whole step after a short backoff.
 * Bounded, so a writer that could never win fails the test instead of hanging it.
 */
async function asWorkflowStep<T>(contention: Contention, attempt: () => Promise<T>): Promise<T> {
  const counted = async () => {
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof VersionConflictError) contention.conflicts++;
      throw error;
    }
  };
  for (let step = 1; ; step++) {
    try {
      return await retryOnConflict(counted);
    } catch (error) {
      if (!(error instanceof VersionConflictError) || step >= 20) throw error;
      await sleep(Math.floor(Math.random() * 10));
    }
  }
}

const range = (length: number) => Array.from({ length }, (_, index) => index);

describe('concurrent writers on one dossier', () => {
  it('keeps every distinct event and one copy of a repeated one', async () => {
    // Prepare
    const repository = await freshRepository();
    const trajectory = aTrajectory();
    await repository.createTrajectory(trajectory, []);
    const distinct = range(50).map((index) => anEvent(trajectory.id, { id: `note-${index}` }));
    const repeated = anEvent(trajectory.id, { id: 'mail.identify-1.reminder@2026-03-07T09:00:00.000Z' });

    // Act
    await Promise.all([
      ...distinct.map((event) => repository.appendEvent(event)),
      ...range(10).map(() => repository.appendEvent({ ...repeated })),
    ]);

    // Assess
    const dossier = await repository.getDossier(trajectory.id);
    const ids = dossier?.events.map((event) => event.id) ?? [];
    expect(ids).toHaveLength(51);
    expect(new Set(ids)).toEqual(new Set([...distinct, repeated].map((event) => event.id)));
    expect(dossier?.events.find((event) => event.id === repeated.id)).toEqual(repeated);
  });

  it('keeps the contribution of each of 20 writers of one task', async () => {
    // Prepare
    const repository = await freshRepository();
    const trajectory = aTrajectory();
    await repository.createTrajectory(trajectory, []);
    const task = aTask(trajectory.id, { response: { contributions: [] }, version: 1 });
    await repository.createTask(task);
    const contention: Contention = { conflicts: 0 };
    const contribute = (writer: number) =>
      asWorkflowStep(contention, async () => {
        const read = await repository.getTask(trajectory.id, task.id);
        if (!read) throw new Error('task vanished');
        const { contributions } = read.response as { contributions: string[] };
        return repository.updateTask({
          ...read,
          response: { contributions: [...contributions, `writer-${writer}`] },
        });
      });

    // Act
    await Promise.all(range(20).map(contribute));

    // Assess
    const stored = await repository.getTask(trajectory.id, task.id);
    const { contributions } = stored?.response as { contributions: string[] };
    expect([...contributions].sort()).toEqual(
      range(20)
        .map((writer) => `writer-${writer}`)
        .sort(),
    );
    expect(stored?.version).toBe(task.version + 20);
    // The writers really raced: some lost a conditional write and re-read.
    expect(contention.conflicts).toBeGreaterThan(0);
  });

  it('keeps the contribution of each of 20 writers of the trajectory item', async () => {
    // Prepare
    const repository = await freshRepository();
    const trajectory = aTrajectory({ improvementAreas: [], version: 1 });
    await repository.createTrajectory(trajectory, []);
    const contention: Contention = { conflicts: 0 };
    const contribute = (writer: number) =>
      asWorkflowStep(contention, async () => {
        const read = await repository.getTrajectory(trajectory.id);
        if (!read) throw new Error('trajectory vanished');
        const area: ImprovementArea = { title: `Area ${writer}`, examples: [`Example ${writer}`] };
        return repository.updateTrajectory({ ...read, improvementAreas: [...read.improvementAreas, area] });
      });

    // Act
    await Promise.all(range(20).map(contribute));

    // Assess
    const stored = await repository.getTrajectory(trajectory.id);
    expect(stored?.improvementAreas.map((area) => area.title).sort()).toEqual(
      range(20)
        .map((writer) => `Area ${writer}`)
        .sort(),
    );
    expect(stored?.version).toBe(trajectory.version + 20);
    expect(contention.conflicts).toBeGreaterThan(0);
  });
});
