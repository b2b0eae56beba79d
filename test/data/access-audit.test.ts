/**
 * The access-pattern audit: every method of the DynamoDB repository, the mail ledger and the
 * dossier purge, run against dynalite, with the calls it sends counted by command through the client's
 * middleware stack, held to exactly what its pattern in docs/data-model.md allows. A method that
 * starts sending one call more (a read before a write, a second Query) fails here, not on the
 * bill. And no Scan, anywhere.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDossierPurge } from '#adapters/dynamo-dossier-purge.ts';
import { DynamoMailLedger } from '#adapters/dynamo-mail-ledger.ts';
import { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import { AlreadyExistsError, VersionConflictError } from '#shared/errors.ts';
import { recordCommands, startDynalite, type LocalDynamo } from '../support/dynalite.ts';
import { aLink, aTask, aTrajectory, anEvent } from './fixtures.ts';

let dynamo: LocalDynamo;
let tableName: string;
let repository: DynamoTrajectoryRepository;
let ledger: DynamoMailLedger;

beforeAll(async () => {
  dynamo = await startDynalite();
  tableName = dynamo.tableName;
  repository = new DynamoTrajectoryRepository({ tableName, client: dynamo.client });
  ledger = new DynamoMailLedger(dynamo.client, tableName);
});

afterAll(async () => {
  await dynamo.stop();
});

type Counts = Record<string, number>;
type Json = Record<string, unknown>;

/** Runs `act` and returns the DynamoDB commands it sent, counted by name, and the commands themselves. */
async function audit(act: () => Promise<unknown>) {
  const log = recordCommands(dynamo.client);
  try {
    await act();
  } finally {
    log.stop();
  }
  const counts: Counts = {};
  for (const command of log.commands) counts[command.name] = (counts[command.name] ?? 0) + 1;
  return { counts, commands: log.commands };
}

/** A stored trajectory with one open task, ready for the methods that need one. */
async function aStoredTrajectory(overrides: Parameters<typeof aTrajectory>[0] = {}) {
  const trajectory = aTrajectory(overrides);
  await repository.createTrajectory(trajectory, []);
  const task = aTask(trajectory.id);
  await repository.createTask(task);
  return { trajectory, task };
}

describe('each repository method sends what its access pattern allows, no more', () => {
  it('createTrajectory: a consistent GetItem, one PutItem per first event, then the trajectory item (pattern 9)', async () => {
    const trajectory = aTrajectory();
    const events = [anEvent(trajectory.id), anEvent(trajectory.id)];

    const { counts, commands } = await audit(() => repository.createTrajectory(trajectory, events));

    expect(counts).toEqual({ GetItemCommand: 1, PutItemCommand: 3 });
    expect(commands[0]!.input).toMatchObject({ ConsistentRead: true });
    expect(commands.at(-1)!.input.Item).toMatchObject({ PK: `TRAJECTORY#${trajectory.id}`, SK: 'META' });
  });

  it('createTrajectory of an id that exists: the GetItem only, nothing written', async () => {
    const { trajectory } = await aStoredTrajectory();

    const { counts } = await audit(() =>
      expect(repository.createTrajectory(trajectory, [anEvent(trajectory.id)])).rejects.toBeInstanceOf(
        AlreadyExistsError,
      ),
    );

    expect(counts).toEqual({ GetItemCommand: 1 });
  });

  it('getTrajectory, getTask, findActionLink: one consistent GetItem each (patterns 2, 3, 7)', async () => {
    const { trajectory, task } = await aStoredTrajectory();

    for (const read of [
      () => repository.getTrajectory(trajectory.id),
      () => repository.getTask(trajectory.id, task.id),
      () => repository.findActionLink('0'.repeat(64)),
    ]) {
      const { counts, commands } = await audit(read);
      expect(counts).toEqual({ GetItemCommand: 1 });
      expect(commands[0]!.input).toMatchObject({ ConsistentRead: true });
    }
  });

  it('getDossier: one consistent Query on its own partition for a dossier within one page (pattern 1)', async () => {
    const { trajectory } = await aStoredTrajectory();
    await repository.appendEvent(anEvent(trajectory.id));

    const { counts, commands } = await audit(() => repository.getDossier(trajectory.id));

    expect(counts).toEqual({ QueryCommand: 1 });
    expect(commands[0]!.input).toMatchObject({
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeValues: { ':pk': `TRAJECTORY#${trajectory.id}` },
      ConsistentRead: true,
    });
    expect(commands[0]!.input).not.toHaveProperty('IndexName');
  });

  it('getDossier beyond 1 MB: one Query per page, each starting where the last ended, and every event back in order', async () => {
    // Prepare: 14 events of about 100 KB (some 1.4 MB), appended out of order.
    const { trajectory, task } = await aStoredTrajectory();
    const events = Array.from({ length: 14 }, (_, index) =>
      anEvent(trajectory.id, {
        id: `large-${String(13 - index).padStart(2, '0')}`,
        at: new Date(Date.UTC(2026, 2, 2, 9, index)).toISOString(),
        type: 'follow-up-recorded',
        data: { summary: `${index}`.padEnd(100_000, '.') },
      }),
    );
    for (const index of [7, 0, 13, 3, 10, 1, 12, 5, 8, 2, 11, 6, 9, 4])
      await repository.appendEvent(events[index]!);

    // Act
    const { counts, commands } = await audit(async () => {
      const dossier = await repository.getDossier(trajectory.id);
      // Assess: complete and in the order the events happened.
      expect(dossier?.trajectory).toEqual(trajectory);
      expect(dossier?.tasks).toEqual([task]);
      expect(dossier?.events).toEqual(events);
    });

    // Assess: the pages, and only the pages.
    expect(Object.keys(counts)).toEqual(['QueryCommand']);
    expect(counts.QueryCommand).toBeGreaterThanOrEqual(2);
    expect(counts.QueryCommand).toBeLessThanOrEqual(3);
    expect(commands[0]!.input.ExclusiveStartKey).toBeUndefined();
    for (const command of commands.slice(1)) expect(command.input.ExclusiveStartKey).toBeDefined();
  });

  it('getWorkState: one consistent Query from META on, which reads no event however many there are (pattern 13)', async () => {
    // Prepare: a dossier whose events alone would take more than one 1 MB page, a mail claim,
    // and a second task.
    const { trajectory, task } = await aStoredTrajectory();
    const second = aTask(trajectory.id, {
      id: 'follow-up-1',
      kind: 'follow-up',
      openedAt: '2026-03-09T09:00:00.000Z',
    });
    await repository.createTask(second);
    for (let index = 0; index < 12; index++) {
      await repository.appendEvent(
        anEvent(trajectory.id, { id: `bulk-${index}`, data: { summary: `${index}`.padEnd(100_000, '.') } }),
      );
    }
    await ledger.claim(trajectory.id, 'request.conversation-1', '2026-03-02T09:00:00.000Z');

    // Act
    const { counts, commands } = await audit(async () => {
      const state = await repository.getWorkState(trajectory.id);
      // Assess: the trajectory and both tasks, in opening order, and nothing else.
      expect(state).toEqual({ trajectory, tasks: [task, second] });
    });

    // Assess: a single page, whatever the events weigh.
    expect(counts).toEqual({ QueryCommand: 1 });
    expect(commands[0]!.input).toMatchObject({
      KeyConditionExpression: '#pk = :pk AND #sk >= :meta',
      ExpressionAttributeValues: { ':pk': `TRAJECTORY#${trajectory.id}`, ':meta': 'META' },
      ConsistentRead: true,
    });
    await expect(repository.getWorkState('no-such-trajectory')).resolves.toBeUndefined();
  });

  it('listTrajectories: one bounded Query on by-status for one status, four for all (patterns 4, 5)', async () => {
    await aStoredTrajectory();

    const one = await audit(() => repository.listTrajectories({ status: 'active', limit: 10 }));
    const all = await audit(() => repository.listTrajectories({ limit: 10 }));

    expect(one.counts).toEqual({ QueryCommand: 1 });
    expect(all.counts).toEqual({ QueryCommand: 4 });
    for (const command of [...one.commands, ...all.commands]) {
      expect(command.input).toMatchObject({ IndexName: 'by-status', Limit: 11, ScanIndexForward: false });
    }
  });

  it('listTrajectoriesForManager: one Query on by-manager while the first page has enough (pattern 6)', async () => {
    const { trajectory } = await aStoredTrajectory({
      manager: { name: 'M', email: 'audit.manager@example.test' },
    });

    const { counts, commands } = await audit(() =>
      repository.listTrajectoriesForManager('Audit.Manager@example.test', { limit: 5 }),
    );

    expect(counts).toEqual({ QueryCommand: 1 });
    expect(commands[0]!.input).toMatchObject({
      IndexName: 'by-manager',
      ExpressionAttributeValues: { ':pk': 'MANAGER#audit.manager@example.test' },
    });
    expect(trajectory.manager.email).toBe('audit.manager@example.test');
  });

  it('updateTrajectory and updateTask: one conditional PutItem each, also when the condition fails (pattern 10)', async () => {
    const { trajectory, task } = await aStoredTrajectory();

    const updates = [
      await audit(() => repository.updateTrajectory({ ...trajectory, attention: true })),
      await audit(() => repository.updateTask({ ...task, chaseStage: 'reminded' })),
      // Both stored versions moved on: a writer still holding the old ones loses.
      await audit(() =>
        expect(repository.updateTrajectory(trajectory)).rejects.toBeInstanceOf(VersionConflictError),
      ),
      await audit(() => expect(repository.updateTask(task)).rejects.toBeInstanceOf(VersionConflictError)),
    ];

    for (const { counts, commands } of updates) {
      expect(counts).toEqual({ PutItemCommand: 1 });
      expect(commands[0]!.input.ConditionExpression).toBe('#version = :read');
    }
  });

  it('createTask and appendEvent: one conditional PutItem each; appending the same event again is one PutItem, still (patterns 8, 9)', async () => {
    const { trajectory } = await aStoredTrajectory();
    const event = anEvent(trajectory.id);

    const task = await audit(() => repository.createTask(aTask(trajectory.id)));
    const first = await audit(() => repository.appendEvent(event));
    const again = await audit(() => repository.appendEvent(event));

    for (const { counts, commands } of [task, first, again]) {
      expect(counts).toEqual({ PutItemCommand: 1 });
      expect(commands[0]!.input.ConditionExpression).toBe('attribute_not_exists(PK)');
    }
  });

  it('putActionLink: the pointer in the dossier, then the link; a retry of the same link adds one GetItem (pattern 9)', async () => {
    const { trajectory, task } = await aStoredTrajectory();
    const link = aLink(trajectory.id, task.id);

    const first = await audit(() => repository.putActionLink(link));
    const retry = await audit(() => repository.putActionLink(link));

    expect(first.counts).toEqual({ PutItemCommand: 2 });
    expect(first.commands.map((command) => (command.input.Item as { SK: string }).SK)).toEqual([
      `LINK#${link.linkHash}`,
      'LINK',
    ]);
    expect(retry.counts).toEqual({ PutItemCommand: 2, GetItemCommand: 1 });
  });

  it('putActionLink of a hash another trajectory owns: also deletes the pointer it just wrote, then refuses', async () => {
    const owner = await aStoredTrajectory();
    const other = await aStoredTrajectory();
    const link = aLink(owner.trajectory.id, owner.task.id);
    await repository.putActionLink(link);

    const { counts } = await audit(() =>
      expect(
        repository.putActionLink({ ...link, trajectoryId: other.trajectory.id, taskId: other.task.id }),
      ).rejects.toBeInstanceOf(AlreadyExistsError),
    );

    expect(counts).toEqual({ PutItemCommand: 2, GetItemCommand: 1, DeleteItemCommand: 1 });
  });

  it('withdrawActionLink: one PutItem of the link, conditional on it being there for its trajectory (pattern 9)', async () => {
    const { trajectory, task } = await aStoredTrajectory();
    const link = aLink(trajectory.id, task.id);
    await repository.putActionLink(link);
    const other = await aStoredTrajectory();
    const never = aLink(trajectory.id, task.id);

    const withdrawn = await audit(() => repository.withdrawActionLink(link, '2026-06-01T12:00:00.000Z'));
    const elsewhere = await audit(() =>
      repository.withdrawActionLink(
        { ...link, trajectoryId: other.trajectory.id },
        '2026-06-02T12:00:00.000Z',
      ),
    );
    const absent = await audit(() => repository.withdrawActionLink(never, '2026-06-01T12:00:00.000Z'));

    expect(withdrawn.counts).toEqual({ PutItemCommand: 1 });
    expect(withdrawn.commands[0]!.input).toMatchObject({
      ConditionExpression: expect.stringContaining('attribute_exists'),
    });
    expect(elsewhere.counts).toEqual({ PutItemCommand: 1 });
    expect(absent.counts).toEqual({ PutItemCommand: 1 });
    expect(await repository.findActionLink(link.linkHash)).toEqual({
      ...link,
      revokedAt: '2026-06-01T12:00:00.000Z',
    });
    // Neither another trajectory's withdrawal nor one of a link never stored wrote anything.
    expect(await repository.findActionLink(never.linkHash)).toBeUndefined();
  });

  it('closing a trajectory: the one conditional PutItem of its update carries the expiry, nothing else is written (patterns 10, 12)', async () => {
    const { trajectory } = await aStoredTrajectory();
    await repository.appendEvent(anEvent(trajectory.id));

    const { counts, commands } = await audit(() =>
      repository.updateTrajectory({
        ...trajectory,
        status: 'completed',
        closedAt: '2026-06-01T12:00:00.000Z',
      }),
    );

    expect(counts).toEqual({ PutItemCommand: 1 });
    expect(commands[0]!.input.Item).toMatchObject({ SK: 'META', expiresAt: expect.any(Number) });
  });
});

describe('the dossier purge', () => {
  it('sends one keys-only consistent Query, then a BatchWriteItem per 25 keys, the links first; a repeat or a present trajectory item: the Query only (pattern 12)', async () => {
    // Prepare: a dossier of 30 items (META, a task, 26 events, a mail claim, a link pointer) and a link.
    const purge = new DynamoDossierPurge({ client: dynamo.client, tableName });
    const { trajectory, task } = await aStoredTrajectory({ closedAt: '2026-06-01T12:00:00.000Z' });
    for (let index = 0; index < 26; index++) await repository.appendEvent(anEvent(trajectory.id));
    const link = aLink(trajectory.id, task.id);
    await repository.putActionLink(link);
    await ledger.claim(trajectory.id, 'identify-1.request', '2026-06-01T12:00:00.000Z');
    const present = await audit(() => purge.purge(trajectory.id));
    // What DynamoDB's TTL does when `expiresAt` has passed.
    await dynamo.direct.send(
      new DeleteCommand({ TableName: tableName, Key: { PK: `TRAJECTORY#${trajectory.id}`, SK: 'META' } }),
    );

    // Act
    const purged = await audit(() => purge.purge(trajectory.id));
    const again = await audit(() => purge.purge(trajectory.id));

    // Assess
    expect(present.counts).toEqual({ QueryCommand: 1 });
    expect(purged.counts).toEqual({ QueryCommand: 1, BatchWriteItemCommand: 3 });
    expect(purged.commands[0]!.input).toMatchObject({
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeValues: { ':pk': `TRAJECTORY#${trajectory.id}` },
      ProjectionExpression: '#pk, #sk, #linkHash',
      ConsistentRead: true,
    });
    const batches = purged.commands
      .slice(1)
      .map(
        (command) =>
          (command.input.RequestItems as Record<string, { DeleteRequest: { Key: Json } }[]>)[tableName]!,
      );
    // The link alone, then the 29 items left in the partition: 25 and 4.
    expect(batches.map((batch) => batch.length)).toEqual([1, 25, 4]);
    expect(batches[0]![0]!.DeleteRequest.Key).toEqual({ PK: `LINK#${link.linkHash}`, SK: 'LINK' });
    expect(again.counts).toEqual({ QueryCommand: 1 });
  });
});

describe('the mail ledger', () => {
  it('claims a mail with one conditional PutItem, also when it was claimed before, and releases it with one DeleteItem (pattern 11)', async () => {
    const { trajectory } = await aStoredTrajectory();

    const first = await audit(() =>
      ledger.claim(trajectory.id, 'plan-1.request', '2026-03-02T09:00:00.000Z'),
    );
    const second = await audit(() =>
      ledger.claim(trajectory.id, 'plan-1.request', '2026-03-02T09:00:01.000Z'),
    );
    const release = await audit(() => ledger.release(trajectory.id, 'plan-1.request'));

    expect(first.counts).toEqual({ PutItemCommand: 1 });
    expect(second.counts).toEqual({ PutItemCommand: 1 });
    expect(release.counts).toEqual({ DeleteItemCommand: 1 });
    expect(await ledger.claim(trajectory.id, 'plan-1.request', '2026-03-02T09:00:02.000Z')).toBe(true);
  });
});

describe('no Scan', () => {
  it('is sent by any method above', async () => {
    const { trajectory, task } = await aStoredTrajectory({ closedAt: '2026-06-01T12:00:00.000Z' });

    const { counts } = await audit(async () => {
      await repository.getDossier(trajectory.id);
      await repository.listTrajectories({});
      await repository.listTrajectoriesForManager(trajectory.manager.email, { status: 'active' });
      await repository.getTask(trajectory.id, task.id);
      await new DynamoDossierPurge({ client: dynamo.client, tableName }).purge('no-such-trajectory');
    });

    expect(counts.ScanCommand ?? 0).toBe(0);
  });

  it('appears nowhere in the code that runs in Lambda or locally', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const files = (folder: string): string[] =>
      readdirSync(join(root, folder)).flatMap((name) => {
        const path = join(folder, name);
        return statSync(join(root, path)).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
      });
    const sources = [...files('functions'), ...files('local')];

    expect(sources.length).toBeGreaterThan(20);
    for (const path of sources) {
      // `ScanIndexForward` (a Query's sort order) is no Scan.
      expect(readFileSync(join(root, path), 'utf8'), path).not.toMatch(/Scan(Command|Input|\()|\.scan\(/);
    }
  });
});
