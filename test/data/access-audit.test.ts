/**
 * The access-pattern audit: every method of the DynamoDB repository and of the mail ledger,
 * run against dynalite, with the calls it sends counted by command through the client's
 * middleware stack, held to exactly what its pattern in docs/data-model.md allows. A method that
 * starts sending one call more (a read before a write, a second Query) fails here, not on the
 * bill. And no Scan, anywhere.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('stampRetention: one projected Query, then one UpdateItem per item and per link; an open trajectory: the Query only (pattern 12)', async () => {
    const closed = await aStoredTrajectory({ status: 'completed', closedAt: '2026-06-01T12:00:00.000Z' });
    await repository.appendEvent(anEvent(closed.trajectory.id));
    await repository.putActionLink(aLink(closed.trajectory.id, closed.task.id));
    await ledger.claim(closed.trajectory.id, 'identify-1.request', '2026-06-01T12:00:00.000Z');
    const open = await aStoredTrajectory();

    const stamped = await audit(() => repository.stampRetention(closed.trajectory.id));
    const untouched = await audit(() => repository.stampRetention(open.trajectory.id));

    // META, the task, the event, the mail claim and the link pointer in the partition; the link outside it.
    expect(stamped.counts).toEqual({ QueryCommand: 1, UpdateItemCommand: 6 });
    expect(stamped.commands[0]!.input).toMatchObject({ ConsistentRead: true });
    expect(stamped.commands[0]!.input.ProjectionExpression).toBeDefined();
    expect(untouched.counts).toEqual({ QueryCommand: 1 });
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
      await repository.stampRetention(trajectory.id);
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
