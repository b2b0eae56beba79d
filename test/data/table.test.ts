import type { Context } from 'aws-lambda';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRepositoryFromEnv, DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import { createTableInput, idempotencyPersistenceAttributes, TABLE } from '#adapters/table-schema.ts';
import { resetClients } from '#adapters/aws-clients.ts';
import { resetEnvCache } from '#shared/env.ts';
import { startDynalite, uniqueTableName, type LocalDynamo } from '../support/dynalite.ts';
import { aTask, aTrajectory, anEvent } from './fixtures.ts';

let dynamo: LocalDynamo;

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  await dynamo.stop();
});

describe('table schema', () => {
  it('creates the table with the keys and indexes the description names', async () => {
    const { Table } = await dynamo.direct.send(new DescribeTableCommand({ TableName: dynamo.tableName }));

    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Table?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.KeySchema])).toEqual(
      TABLE.globalSecondaryIndexes.map((index) => [
        index.indexName,
        [
          { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
        ],
      ]),
    );
    expect(TABLE.timeToLiveAttribute).toBe('expiresAt');
  });

  it('describes only string keys, each defined once', () => {
    const input = createTableInput('any-name');

    const names = input.AttributeDefinitions?.map((definition) => definition.AttributeName);
    expect(new Set(names).size).toBe(names?.length);
    expect(input.AttributeDefinitions?.every((definition) => definition.AttributeType === 'S')).toBe(true);
    expect(input.TableName).toBe('any-name');
  });

  it('keeps its data across a restart when it runs on disk', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'verbetertraject-dynalite-'));
    const tableName = uniqueTableName();
    try {
      const first = await startDynalite({ path: folder, tableName });
      const trajectory = aTrajectory();
      await new DynamoTrajectoryRepository({ tableName, client: first.client }).createTrajectory(trajectory, [
        anEvent(trajectory.id),
      ]);
      await first.stop();

      const second = await startDynalite({ path: folder, tableName });
      const dossier = await new DynamoTrajectoryRepository({ tableName, client: second.client }).getDossier(
        trajectory.id,
      );
      await second.stop();

      expect(dossier?.trajectory).toEqual(trajectory);
      expect(dossier?.events).toHaveLength(1);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('idempotency records in the same table', () => {
  it('stores Powertools records under their own IDEMPOTENCY# partition with the table TTL', async () => {
    // Prepare
    const tableName = await dynamo.createTable();
    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    // Outside Lambda there is no remaining time to read; a stand-in keeps Powertools quiet.
    const config = new IdempotencyConfig({});
    config.registerLambdaContext({ getRemainingTimeInMillis: () => 30_000 } as Context);
    let calls = 0;
    const create = makeIdempotent(
      async (request: { key: string }) => ({ id: `created-${++calls}`, ...request }),
      {
        persistenceStore: new DynamoDBPersistenceLayer({
          tableName,
          awsSdkV3Client: client,
          ...idempotencyPersistenceAttributes('create-trajectory'),
        }),
        config,
      },
    );

    // Act
    const first = await create({ key: 'k-1' });
    const retry = await create({ key: 'k-1' });
    const { Items } = await dynamo.direct.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': 'IDEMPOTENCY#create-trajectory' },
      }),
    );
    client.destroy();

    // Assess
    expect(retry).toEqual(first);
    expect(calls).toBe(1);
    expect(Items).toHaveLength(1);
    expect(typeof Items?.[0]?.expiresAt).toBe('number');
    expect(Items?.[0]).not.toHaveProperty('GSI1PK');
  });
});

describe('createRepositoryFromEnv', () => {
  const saved = { ...process.env };

  afterEach(() => {
    for (const name of ['TABLE_NAME', 'RETENTION_DAYS', 'AWS_ENDPOINT_URL_DYNAMODB']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    resetEnvCache();
    resetClients();
  });

  // Read on the first call, not when a handler module loads (test/unit/handlers/import.test.ts).
  it('fails at its first call naming TABLE_NAME when it is missing', async () => {
    delete process.env.TABLE_NAME;
    resetEnvCache();

    await expect(async () => createRepositoryFromEnv().getTrajectory('t-1')).rejects.toThrow(/TABLE_NAME/);
  });

  it('fails at its first call naming RETENTION_DAYS when it is not a number of days', async () => {
    process.env.TABLE_NAME = dynamo.tableName;
    process.env.RETENTION_DAYS = 'two years';
    resetEnvCache();

    await expect(async () => createRepositoryFromEnv().getTrajectory('t-1')).rejects.toThrow(
      /RETENTION_DAYS/,
    );
  });

  it("reaches the endpoint in the SDK's own AWS_ENDPOINT_URL_DYNAMODB", async () => {
    process.env.TABLE_NAME = dynamo.tableName;
    process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
    resetEnvCache();
    const repository = createRepositoryFromEnv();
    const trajectory = aTrajectory();

    await repository.createTrajectory(trajectory, []);

    const seen = await new DynamoTrajectoryRepository({
      tableName: dynamo.tableName,
      client: dynamo.client,
    }).getTrajectory(trajectory.id);
    expect(seen).toEqual(trajectory);
  });

  it('drops a cleared field from the item instead of failing on it', async () => {
    const repository = new DynamoTrajectoryRepository({ tableName: dynamo.tableName, client: dynamo.client });
    const trajectory = aTrajectory();
    await repository.createTrajectory(trajectory, []);
    const task = aTask(trajectory.id);
    await repository.createTask({ ...task, taskToken: 'token-1' });

    const stored = await repository.updateTask({ ...task, taskToken: undefined });

    expect(await repository.getTask(trajectory.id, task.id)).toEqual(stored);
    const { Item } = await dynamo.direct.send(
      new GetCommand({
        TableName: dynamo.tableName,
        Key: { PK: `TRAJECTORY#${trajectory.id}`, SK: `TASK#${task.id}` },
      }),
    );
    expect(Item).not.toHaveProperty('taskToken');
  });
});
