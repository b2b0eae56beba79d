/**
 * The adapters' document client on dynalite: plain values in and out of all five operations,
 * each command's middleware stack resolved once per client (`cacheMiddleware`), and the calls
 * still announced, with the values as the caller wrote them, to whoever meters them.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClient, type DocumentClient } from '#adapters/document-client.ts';
import { DYNAMODB_CALLS_CHANNEL, type DynamoCallMessage } from '#adapters/dynamo-calls.ts';
import { createDocumentClient } from '#adapters/dynamo-repository.ts';
import { startDynalite, type LocalDynamo } from '../support/dynalite.ts';

let dynamo: LocalDynamo;
let documents: DocumentClient;
let tableName: string;

beforeAll(async () => {
  dynamo = await startDynalite();
  tableName = await dynamo.createTable();
  documents = createDocumentClient(
    new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      cacheMiddleware: true,
    }),
  );
});

afterAll(async () => {
  documents.destroy();
  await dynamo.stop();
});

const item = (sk: string) => ({
  PK: 'TRAJECTORY#doc',
  SK: sk,
  title: 'Afspraken nakomen',
  examples: ['Offerte te laat'],
  progress: [{ goal: 0, status: 'on-track' }],
  version: 3,
  cleared: undefined,
});

describe('the adapters’ document client', () => {
  it('is built with the SDK’s middleware cache', () => {
    const client = createDynamoClient();
    try {
      expect(client.config.cacheMiddleware).toBe(true);
    } finally {
      client.destroy();
    }
  });

  it('writes, reads, queries, deletes and batch-deletes plain values', async () => {
    await documents.put({ TableName: tableName, Item: item('TASK#a') });
    await documents.put({
      TableName: tableName,
      Item: item('TASK#b'),
      ConditionExpression: 'attribute_not_exists(PK) OR #v = :v',
      ExpressionAttributeNames: { '#v': 'version' },
      ExpressionAttributeValues: { ':v': 3 },
    });

    const { Item } = await documents.get({
      TableName: tableName,
      Key: { PK: 'TRAJECTORY#doc', SK: 'TASK#a' },
    });
    const { cleared: _cleared, ...stored } = item('TASK#a');
    expect(Item).toEqual(stored);

    const page = await documents.query({
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': 'TRAJECTORY#doc' },
      Limit: 1,
    });
    expect(page.Items.map((found) => found.SK)).toEqual(['TASK#a']);
    expect(page.LastEvaluatedKey).toEqual({ PK: 'TRAJECTORY#doc', SK: 'TASK#a' });
    const next = await documents.query({
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': 'TRAJECTORY#doc' },
      ExclusiveStartKey: page.LastEvaluatedKey,
    });
    expect(next.Items.map((found) => found.SK)).toEqual(['TASK#b']);

    await documents.delete({ TableName: tableName, Key: { PK: 'TRAJECTORY#doc', SK: 'TASK#a' } });
    const { UnprocessedItems } = await documents.batchWrite({
      RequestItems: { [tableName]: [{ DeleteRequest: { Key: { PK: 'TRAJECTORY#doc', SK: 'TASK#b' } } }] },
    });
    expect(UnprocessedItems).toEqual({});
    const left = await documents.query({
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': 'TRAJECTORY#doc' },
    });
    expect(left.Items).toEqual([]);
  });

  it('fails a lost condition with the SDK’s named error', async () => {
    await documents.put({ TableName: tableName, Item: item('TASK#c') });

    await expect(
      documents.put({
        TableName: tableName,
        Item: item('TASK#c'),
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    ).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
  });

  it('announces every call, cached stack or not, with the values as the caller wrote them', async () => {
    const heard: DynamoCallMessage[] = [];
    const listener = (message: unknown) => heard.push(message as DynamoCallMessage);
    subscribe(DYNAMODB_CALLS_CHANNEL, listener);
    try {
      for (const sk of ['TASK#d', 'TASK#e']) await documents.put({ TableName: tableName, Item: item(sk) });
      await documents.get({ TableName: tableName, Key: { PK: 'TRAJECTORY#doc', SK: 'TASK#d' } });
      await documents.get({ TableName: tableName, Key: { PK: 'TRAJECTORY#doc', SK: 'TASK#e' } });
    } finally {
      unsubscribe(DYNAMODB_CALLS_CHANNEL, listener);
    }

    expect(heard.map((message) => message.command)).toEqual([
      'PutItemCommand',
      'PutItemCommand',
      'GetItemCommand',
      'GetItemCommand',
    ]);
    expect(heard[1]!.input.Item).toMatchObject({ PK: 'TRAJECTORY#doc', SK: 'TASK#e', version: 3 });
    expect(heard[3]!.input.Key).toEqual({ PK: 'TRAJECTORY#doc', SK: 'TASK#e' });
    for (const message of heard) expect(message.consumedCapacity).toMatchObject({ TableName: tableName });
  });
});
