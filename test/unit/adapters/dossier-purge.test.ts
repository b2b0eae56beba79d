/**
 * The edge dynalite never shows: DynamoDB leaving part of a BatchWriteItem unprocessed (throttling).
 * The purge sends the unprocessed deletes again, with backoff, until none is left; when DynamoDB
 * keeps refusing it gives up with an error, so the stream delivers the record again.
 */
import { BatchWriteItemCommand, DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  backoff,
  DynamoDossierPurge,
  MAX_BATCH_ATTEMPTS,
  PurgeIncompleteError,
} from '#adapters/dynamo-dossier-purge.ts';
import { createDocumentClient } from '#adapters/dynamo-repository.ts';

const TABLE = 'purge-test';
// Mocked below the document client: what it marshals and unmarshals is part of what is tested.
const lowLevel = new DynamoDBClient({ region: 'eu-west-1' });
const client = createDocumentClient(lowLevel);
const dynamo = mockClient(lowLevel);

afterEach(() => {
  dynamo.reset();
});

const key = (sk: string) => marshall({ PK: 'TRAJECTORY#t-1', SK: sk });
const deletes = (...keys: ReturnType<typeof key>[]) => keys.map((Key) => ({ DeleteRequest: { Key } }));

function purgeWithClock() {
  const waits: number[] = [];
  const purge = new DynamoDossierPurge({
    client,
    tableName: TABLE,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return { purge, waits };
}

describe('the dossier purge under throttling', () => {
  it('sends the unprocessed deletes again, with backoff, until DynamoDB has processed them all', async () => {
    // Prepare
    dynamo.on(QueryCommand).resolves({ Items: [key('TASK#a'), key('EVENT#b'), key('MAIL#c')] });
    dynamo
      .on(BatchWriteItemCommand)
      .resolvesOnce({ UnprocessedItems: { [TABLE]: deletes(key('EVENT#b'), key('MAIL#c')) } })
      .resolvesOnce({ UnprocessedItems: { [TABLE]: deletes(key('MAIL#c')) } })
      .resolvesOnce({ UnprocessedItems: {} });
    const { purge, waits } = purgeWithClock();

    // Act
    const result = await purge.purge('t-1');

    // Assess
    expect(result).toEqual({ outcome: 'purged', deleted: 3 });
    const sent = dynamo
      .commandCalls(BatchWriteItemCommand)
      .map((call) => call.args[0].input.RequestItems?.[TABLE]?.map((r) => r.DeleteRequest?.Key?.SK?.S));
    expect(sent).toEqual([['TASK#a', 'EVENT#b', 'MAIL#c'], ['EVENT#b', 'MAIL#c'], ['MAIL#c']]);
    expect(waits).toHaveLength(2);
  });

  it('gives up with PurgeIncompleteError when DynamoDB keeps leaving deletes unprocessed', async () => {
    // Prepare
    dynamo.on(QueryCommand).resolves({ Items: [key('TASK#a')] });
    dynamo.on(BatchWriteItemCommand).resolves({ UnprocessedItems: { [TABLE]: deletes(key('TASK#a')) } });
    const { purge, waits } = purgeWithClock();

    // Act / Assess
    await expect(purge.purge('t-1')).rejects.toBeInstanceOf(PurgeIncompleteError);
    expect(dynamo.commandCalls(BatchWriteItemCommand)).toHaveLength(MAX_BATCH_ATTEMPTS);
    expect(waits).toHaveLength(MAX_BATCH_ATTEMPTS - 1);
  });

  it('never waits longer than its cap: 50 ms doubling with each attempt, at most 3.2 s', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const cap = Math.min(3_200, 50 * 2 ** (attempt - 1));
      for (let sample = 0; sample < 20; sample++) {
        const ms = backoff(attempt);
        expect(ms).toBeGreaterThanOrEqual(0);
        expect(ms).toBeLessThanOrEqual(cap);
      }
    }
  });
});
