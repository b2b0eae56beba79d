/**
 * DynamoDB's TTL and the table's stream, played on demand: dynalite has neither. `expireDue`
 * deletes every trajectory item whose `expiresAt` has passed on the local clock, as TTL's
 * background sweep does (idempotency records, the only other items with an expiry, stay), and hands each removal of a trajectory item to the dossier purge
 * (functions/retention/purge-dossier.ts) in the stream record TTL would have made, so the rest of
 * the dossier goes as it would in AWS. `POST /_local/expire` (local/local-endpoints.ts) runs it,
 * so a scenario can let a retention period pass and see what is left.
 *
 * A delete is conditional on the item still being expired, as TTL re-checks before it deletes: a
 * legal hold placed meanwhile (which drops `expiresAt`) keeps the item.
 */
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  QueryCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { INDEXES, KEY_PREFIX, SORT_KEY, TABLE_KEY, TTL_ATTRIBUTE } from '#adapters/table-schema.ts';
import { STATUSES } from '#core/model.ts';

export const PURGE_HANDLER = 'retention/purge-dossier';

/** The stream record DynamoDB writes when TTL removes a trajectory item (keys only). */
export function ttlRemoval(trajectoryId: string): DynamoDBStreamEvent {
  const keys = {
    [TABLE_KEY.partitionKey]: { S: `${KEY_PREFIX.trajectory}${trajectoryId}` },
    [TABLE_KEY.sortKey]: { S: SORT_KEY.trajectory },
  };
  return {
    Records: [
      {
        eventID: `ttl-${trajectoryId}`,
        eventName: 'REMOVE',
        eventSource: 'aws:dynamodb',
        awsRegion: 'eu-west-1',
        userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
        dynamodb: { Keys: keys, StreamViewType: 'KEYS_ONLY', SizeBytes: 80 },
      },
    ],
  };
}

export interface ExpireDeps {
  client: DynamoDBClient;
  tableName: string;
  /** Runs a handler as Lambda would (local/lambda-runtime.ts). */
  invoke: (handler: string, event: unknown) => Promise<unknown>;
}

/**
 * Ids of the trajectories whose dossier expired at `now` and was purged. Only a closed trajectory
 * carries `expiresAt`, so the closed statuses of the status index (access pattern 2) hold every
 * candidate: no Scan, here as in the app (docs/data-model.md).
 */
export async function expireDue(deps: ExpireDeps, now: Date): Promise<string[]> {
  const nowSeconds = String(Math.floor(now.getTime() / 1000));
  const due: Record<string, AttributeValue>[] = [];
  for (const status of STATUSES.filter((candidate) => candidate !== 'active')) {
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await deps.client.send(
        new QueryCommand({
          TableName: deps.tableName,
          IndexName: INDEXES.byStatus.indexName,
          KeyConditionExpression: '#status = :status',
          FilterExpression: '#ttl <= :now',
          ExpressionAttributeNames: {
            '#status': INDEXES.byStatus.partitionKey,
            '#ttl': TTL_ATTRIBUTE,
            '#pk': TABLE_KEY.partitionKey,
            '#sk': TABLE_KEY.sortKey,
          },
          ExpressionAttributeValues: { ':status': { S: `STATUS#${status}` }, ':now': { N: nowSeconds } },
          ProjectionExpression: '#pk, #sk',
          ExclusiveStartKey: start,
        }),
      );
      due.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
  }

  const purged: string[] = [];
  for (const key of due) {
    try {
      await deps.client.send(
        new DeleteItemCommand({
          TableName: deps.tableName,
          Key: key,
          ConditionExpression: '#ttl <= :now',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':now': { N: nowSeconds } },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) continue;
      throw error;
    }
    const partition = key[TABLE_KEY.partitionKey]?.S ?? '';
    if (key[TABLE_KEY.sortKey]?.S !== SORT_KEY.trajectory || !partition.startsWith(KEY_PREFIX.trajectory)) {
      continue;
    }
    const id = partition.slice(KEY_PREFIX.trajectory.length);
    const result = (await deps.invoke(PURGE_HANDLER, ttlRemoval(id))) as { batchItemFailures?: unknown[] };
    if (result.batchItemFailures?.length) throw new Error(`The purge of trajectory ${id} failed`);
    purged.push(id);
  }
  return purged;
}
