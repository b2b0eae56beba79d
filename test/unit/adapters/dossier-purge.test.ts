/**
 * The edge dynalite never shows: DynamoDB leaving part of a BatchWriteItem unprocessed (throttling).
 * The purge sends the unprocessed deletes again, with backoff, until none is left; when DynamoDB
 * keeps refusing it gives up with an error, so the stream delivers the record again.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
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
const client = createDocumentClient(new DynamoDBClient({ region: 'eu-west-1' }));
const dynamo = mockClient(client);

afterEach(() => {
  dynamo.reset();
});

const key = (sk: string) => ({ PK: 'TRAJECTORY#t-1', SK: sk });
const deletes = (...keys: Record<string, string>[]) => keys.map((Key) => ({ DeleteRequest: { Key } }));

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
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { [TABLE]: deletes(key('EVENT#b'), key('MAIL#c')) } })
      .resolvesOnce({ UnprocessedItems: { [TABLE]: deletes(key('MAIL#c')) } })
      .resolvesOnce({ UnprocessedItems: {} });
    const { purge, waits } = purgeWithClock();

    // Act
    const result = await purge.purge('t-1');

    // Assess
    expect(result).toEqual({ outcome: 'purged', deleted: 3 });
    const sent = dynamo
      .commandCalls(BatchWriteCommand)
      .map((call) => call.args[0].input.RequestItems?.[TABLE]?.map((r) => r.DeleteRequest?.Key?.SK));
    expect(sent).toEqual([['TASK#a', 'EVENT#b', 'MAIL#c'], ['EVENT#b', 'MAIL#c'], ['MAIL#c']]);
    expect(waits).toHaveLength(2);
  });

  it('gives up with PurgeIncompleteError when DynamoDB keeps leaving deletes unprocessed', async () => {
    // Prepare
    dynamo.on(QueryCommand).resolves({ Items: [key('TASK#a')] });
    dynamo.on(BatchWriteCommand).resolves({ UnprocessedItems: { [TABLE]: deletes(key('TASK#a')) } });
    const { purge, waits } = purgeWithClock();

    // Act / Assess
    await expect(purge.purge('t-1')).rejects.toBeInstanceOf(PurgeIncompleteError);
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(MAX_BATCH_ATTEMPTS);
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
