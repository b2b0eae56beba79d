/**
 * Retention end to end against dynalite: the trajectory item of a closed dossier is the only item
 * with `expiresAt`; when TTL removes it (simulated here with a DeleteItem, since dynalite has no
 * TTL), the stream record of that removal makes the purge delete every other item of the dossier
 * and every action link it minted, and nothing of anyone else's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { DeleteCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoDossierPurge } from '#adapters/dynamo-dossier-purge.ts';
import { DynamoDrafts } from '#adapters/dynamo-drafts.ts';
import { DynamoMailLedger } from '#adapters/dynamo-mail-ledger.ts';
import { DynamoPauseTokens } from '#adapters/dynamo-pause-tokens.ts';
import { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import { copyLink } from '#core/employee-copy.ts';
import type { Trajectory } from '#core/model.ts';
import { mintActionLink } from '#shared/action-links.ts';
import { purgeExpiredDossiers } from '../../functions/retention/purge-dossier.ts';
import { recordCommands, startDynalite, type LocalDynamo } from '../support/dynalite.ts';
import { aLink, aTask, aTrajectory, anEvent } from './fixtures.ts';
import { startS3 } from '#local/emulators.ts';

type Item = Record<string, unknown>;

let dynamo: LocalDynamo;

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await dynamo.stop();
});

let sequence = 100;

/** A stream record as DynamoDB writes it on a `KEYS_ONLY` stream; TTL's removals carry `userIdentity`. */
function streamRecord(
  keys: { PK: string; SK: string },
  { eventName = 'REMOVE', byTtl = true }: { eventName?: DynamoDBRecord['eventName']; byTtl?: boolean } = {},
): DynamoDBRecord {
  sequence += 1;
  return {
    eventID: `c81e728d9d4c2f636f067f89cc14862c-${sequence}`,
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'eu-west-1',
    dynamodb: {
      ApproximateCreationDateTime: 1_843_000_000,
      Keys: { PK: { S: keys.PK }, SK: { S: keys.SK } },
      SequenceNumber: `4000000000000${sequence}`,
      SizeBytes: 72,
      StreamViewType: 'KEYS_ONLY',
    },
    ...(byTtl && { userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' } }),
    eventSourceARN:
      'arn:aws:dynamodb:eu-west-1:123456789012:table/verbetertraject-dev-table/stream/2026-06-01T00:00:00.000',
  };
}

const metaKey = (id: string) => ({ PK: `TRAJECTORY#${id}`, SK: 'META' });
const eventOf = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });

interface Fixture {
  tableName: string;
  repository: DynamoTrajectoryRepository;
  purge: DynamoDossierPurge;
}

async function fixture(): Promise<Fixture> {
  const tableName = await dynamo.createTable();
  return {
    tableName,
    repository: new DynamoTrajectoryRepository({ tableName, client: dynamo.client, retentionDays: 10 }),
    purge: new DynamoDossierPurge({ client: dynamo.client, tableName }),
  };
}

async function everyItem(tableName: string): Promise<Item[]> {
  // A test may look at the whole table; the code under test never scans.
  const { Items = [] } = await dynamo.direct.send(
    new ScanCommand({ TableName: tableName, ConsistentRead: true }),
  );
  return Items;
}

/**
 * A closed dossier with everything a trajectory leaves behind: tasks with their links, a reminder
 * link only its pointer knows, a link from before the pointers that only its task knows, 30 events,
 * mail claims, a pause token and a draft. Some 45 items, so the purge needs several batches.
 */
async function seedClosedDossier({ tableName, repository }: Fixture): Promise<Trajectory> {
  const trajectory = aTrajectory();
  await repository.createTrajectory(trajectory, [anEvent(trajectory.id)]);
  const requested = aLink(trajectory.id, 'identify');
  await repository.putActionLink(requested);
  await repository.createTask(aTask(trajectory.id, { id: 'identify', linkHash: requested.linkHash }));
  await repository.putActionLink(aLink(trajectory.id, 'identify'));
  const older = aLink(trajectory.id, 'conversation');
  await dynamo.direct.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...older, PK: `LINK#${older.linkHash}`, SK: 'LINK', entity: 'link' },
    }),
  );
  await repository.createTask(aTask(trajectory.id, { id: 'conversation', linkHash: older.linkHash }));
  for (let index = 0; index < 30; index++) await repository.appendEvent(anEvent(trajectory.id));
  const ledger = new DynamoMailLedger(dynamo.client, tableName);
  await ledger.claim(trajectory.id, 'identify.request', '2026-03-02T09:00:00.000Z');
  await ledger.claim(trajectory.id, 'trajectory-closed.employee', '2026-06-01T12:00:00.000Z');
  await new DynamoPauseTokens(dynamo.client, tableName).put(
    trajectory.id,
    '2026-04-01T09:00:00.000Z',
    'AQB4-task-token',
  );
  // A draft left behind (an answer's delete failed): the purge finds it by its partition too.
  await new DynamoDrafts(dynamo.client, tableName).put({
    trajectoryId: trajectory.id,
    taskId: 'conversation',
    fields: { summary: 'Half getypt verslag' },
    savedAt: '2026-03-05T10:00:00.000Z',
    savedBy: 'manager',
  });
  const stored = await repository.getTrajectory(trajectory.id);
  return repository.updateTrajectory({
    ...(stored as Trajectory),
    status: 'ended',
    phase: 'closed',
    closedAt: '2026-06-01T12:00:00.000Z',
  });
}

/** An active trajectory with a task, a link and an event: what must survive a neighbour's purge. */
async function seedActiveDossier({ repository }: Fixture): Promise<Trajectory> {
  const trajectory = aTrajectory();
  await repository.createTrajectory(trajectory, [anEvent(trajectory.id)]);
  const link = aLink(trajectory.id, 'identify');
  await repository.putActionLink(link);
  await repository.createTask(aTask(trajectory.id, { id: 'identify', linkHash: link.linkHash }));
  return trajectory;
}

const belongsTo = (id: string) => (item: Item) => item.PK === `TRAJECTORY#${id}` || item.trajectoryId === id;

/** The bucket's side of the purge, as it was asked: the prefixes whose files it deleted. */
const files = {
  prefixes: [] as string[],
  async deletePrefix(prefix: string): Promise<number> {
    this.prefixes.push(prefix);
    return 0;
  },
};

/** What DynamoDB's TTL does once `expiresAt` has passed: it deletes the trajectory item. */
async function expire(tableName: string, id: string): Promise<void> {
  await dynamo.direct.send(new DeleteCommand({ TableName: tableName, Key: metaKey(id) }));
}

describe('retention', () => {
  it('puts expiresAt on the trajectory item of a closed dossier and on nothing else', async () => {
    // Prepare / Act
    const setup = await fixture();
    const closed = await seedClosedDossier(setup);

    // Assess
    const items = (await everyItem(setup.tableName)).filter(belongsTo(closed.id));
    expect(items.length).toBeGreaterThan(40);
    const expiring = items.filter((item) => 'expiresAt' in item);
    expect(expiring.map((item) => item.SK)).toEqual(['META']);
    expect(expiring[0]?.expiresAt).toBe(Date.UTC(2026, 5, 11, 12) / 1000);
  });
});

describe('the purge of an expired dossier', () => {
  it("deletes every item of the dossier and every link it minted, in batches, and nothing of anyone else's", async () => {
    // Prepare
    const setup = await fixture();
    const closed = await seedClosedDossier(setup);
    const active = await seedActiveDossier(setup);
    // Closed too, but not yet expired: its trajectory item is still there.
    const notYet = await seedClosedDossier(setup);
    await expire(setup.tableName, closed.id);
    const before = await everyItem(setup.tableName);
    const ours = before.filter(belongsTo(closed.id));
    const others = before.filter((item) => !belongsTo(closed.id)(item));
    // 2 tasks, 31 events, 2 mail claims, a pause token, a draft, 2 link pointers; 3 links elsewhere.
    expect(ours).toHaveLength(42);
    expect(ours.filter((item) => String(item.SK).startsWith('DRAFT#'))).toHaveLength(1);
    expect(ours.filter((item) => String(item.PK).startsWith('LINK#'))).toHaveLength(3);
    const log = recordCommands(dynamo.client);

    // Act
    const response = await purgeExpiredDossiers(
      setup.purge,
      files,
      eventOf(streamRecord(metaKey(closed.id))),
    );
    log.stop();

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    const after = await everyItem(setup.tableName);
    expect(after.filter(belongsTo(closed.id))).toEqual([]);
    // Its evidence files go too, and nobody else's.
    expect(files.prefixes.filter((prefix) => prefix.includes(closed.id))).toEqual([
      `uploads/${closed.id}/`,
      `files/${closed.id}/`,
      `bundles/${closed.id}/`,
    ]);
    expect(files.prefixes.some((prefix) => prefix.includes(notYet.id) || prefix.includes(active.id))).toBe(
      false,
    );
    expect(after).toHaveLength(others.length);
    expect(after).toEqual(expect.arrayContaining(others));
    expect(after.filter(belongsTo(active.id)).length).toBeGreaterThan(0);
    expect(after.filter(belongsTo(notYet.id)).length).toBeGreaterThan(40);
    // One Query, then 42 keys in batches of at most 25: the three links, then 39 partition items.
    expect(log.commands.map((command) => command.name)).toEqual([
      'QueryCommand',
      'BatchWriteItemCommand',
      'BatchWriteItemCommand',
      'BatchWriteItemCommand',
    ]);
  });

  it("deletes the employee's copy links with the dossier, and they are found no more", async () => {
    // Prepare: a closed dossier whose employee got two copy links
    const setup = await fixture();
    const closed = await seedClosedDossier(setup);
    const now = new Date('2026-06-02T09:00:00.000Z');
    const links = [
      copyLink(closed.id, mintActionLink().linkHash, now, 30),
      copyLink(closed.id, mintActionLink().linkHash, now, 30),
    ];
    for (const link of links) await setup.repository.putActionLink(link);
    expect(await setup.repository.findActionLink(links[0]!.linkHash)).toMatchObject({
      kind: 'dossier-copy',
      validUntil: '2026-07-02T09:00:00.000Z',
    });
    await expire(setup.tableName, closed.id);

    // Act
    const response = await purgeExpiredDossiers(
      setup.purge,
      files,
      eventOf(streamRecord(metaKey(closed.id))),
    );

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    for (const link of links) expect(await setup.repository.findActionLink(link.linkHash)).toBeUndefined();
    expect((await everyItem(setup.tableName)).filter(belongsTo(closed.id))).toEqual([]);
  });

  it('deletes nothing more when the record is delivered again, and reports no failure', async () => {
    // Prepare
    const setup = await fixture();
    const closed = await seedClosedDossier(setup);
    await seedActiveDossier(setup);
    await expire(setup.tableName, closed.id);
    const record = streamRecord(metaKey(closed.id));
    await purgeExpiredDossiers(setup.purge, files, eventOf(record));
    const purged = await everyItem(setup.tableName);

    // Act
    const again = await purgeExpiredDossiers(setup.purge, files, eventOf(record, record));

    // Assess
    expect(again).toEqual({ batchItemFailures: [] });
    expect(await everyItem(setup.tableName)).toEqual(purged);
  });

  it('ignores what is not a TTL removal of a trajectory item: a removal by a caller, an insert, a TTL removal of another item', async () => {
    // Prepare
    const setup = await fixture();
    const closed = await seedClosedDossier(setup);
    await expire(setup.tableName, closed.id);
    const before = await everyItem(setup.tableName);
    const log = recordCommands(dynamo.client);

    // Act
    const response = await purgeExpiredDossiers(
      setup.purge,
      files,
      eventOf(
        streamRecord(metaKey(closed.id), { byTtl: false }),
        streamRecord(metaKey(closed.id), { eventName: 'INSERT', byTtl: false }),
        streamRecord(metaKey(closed.id), { eventName: 'MODIFY' }),
        streamRecord({ PK: `TRAJECTORY#${closed.id}`, SK: 'TASK#identify' }),
        streamRecord({ PK: 'IDEMPOTENCY#api-create-trajectory', SK: 'api-create-trajectory#abc' }),
        streamRecord({ PK: 'TRAJECTORY#', SK: 'META' }),
      ),
    );
    log.stop();

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(log.commands).toEqual([]);
    expect(await everyItem(setup.tableName)).toEqual(before);
  });

  it('leaves a dossier alone whose trajectory item is there (again)', async () => {
    // Prepare: a record for a trajectory that did not expire, e.g. one replayed by hand by mistake.
    const setup = await fixture();
    const closed = await seedClosedDossier(setup);
    const before = await everyItem(setup.tableName);

    // Act
    const response = await purgeExpiredDossiers(
      setup.purge,
      files,
      eventOf(streamRecord(metaKey(closed.id))),
    );

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await everyItem(setup.tableName)).toEqual(before);
  });

  it('reports the record it could not purge and still purges the others of the batch', async () => {
    // Prepare
    const setup = await fixture();
    const failing = await seedClosedDossier(setup);
    const fine = await seedClosedDossier(setup);
    await expire(setup.tableName, failing.id);
    await expire(setup.tableName, fine.id);
    const broken = streamRecord(metaKey(failing.id));
    const purge = {
      purge: (id: string) =>
        id === failing.id
          ? Promise.reject(new Error('ProvisionedThroughputExceeded'))
          : setup.purge.purge(id),
    };

    // Act
    const response = await purgeExpiredDossiers(
      purge,
      files,
      eventOf(broken, streamRecord(metaKey(fine.id))),
    );

    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: broken.dynamodb?.SequenceNumber }] });
    const after = await everyItem(setup.tableName);
    expect(after.filter(belongsTo(fine.id))).toEqual([]);
    expect(after.filter(belongsTo(failing.id)).length).toBeGreaterThan(40);
  });

  it('runs as the deployed handler, on the table named by TABLE_NAME and the bucket named by FILES_BUCKET', async () => {
    // Prepare: an expired dossier with a stored file and an unconfirmed upload, beside another's file.
    const setup = await fixture();
    const closed = await seedClosedDossier(setup);
    await expire(setup.tableName, closed.id);
    const directory = mkdtempSync(join(tmpdir(), 'purge-s3-'));
    const credentials = { accessKeyId: 'purge-test', secretAccessKey: 'purge-test' };
    const s3 = await startS3({ directory, bucket: 'files', credentials });
    const client = new S3Client({
      endpoint: s3.endpoint,
      region: 'eu-west-1',
      forcePathStyle: true,
      credentials,
    });
    const put = (Key: string) =>
      client.send(new PutObjectCommand({ Bucket: 'files', Key, Body: '%PDF-1.7' }));
    await put(`files/${closed.id}/a`);
    await put(`uploads/${closed.id}/b`);
    await put('files/someone-else/c');
    vi.stubEnv('TABLE_NAME', setup.tableName);
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', dynamo.endpoint);
    vi.stubEnv('FILES_BUCKET', 'files');
    vi.stubEnv('AWS_ENDPOINT_URL_S3', s3.endpoint);
    vi.stubEnv('AWS_ACCESS_KEY_ID', credentials.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey);
    // A fresh module graph: the environment is read (and kept) when the modules load.
    vi.resetModules();
    const clients = await import('../../functions/adapters/aws-clients.ts');
    clients.useTransport('s3', { forcePathStyle: true });
    const { handler } = await import('../../functions/retention/purge-dossier.ts');

    try {
      // Act
      const response = await handler(eventOf(streamRecord(metaKey(closed.id))));

      // Assess
      expect(response).toEqual({ batchItemFailures: [] });
      expect((await everyItem(setup.tableName)).filter(belongsTo(closed.id))).toEqual([]);
      const left = await client.send(new ListObjectsV2Command({ Bucket: 'files' }));
      expect((left.Contents ?? []).map((object) => object.Key)).toEqual(['files/someone-else/c']);
    } finally {
      clients.useTransport('s3', undefined);
      client.destroy();
      await s3.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
