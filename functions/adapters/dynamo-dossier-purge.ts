/**
 * Deletes what is left of a dossier once DynamoDB's TTL has removed its trajectory item: every item
 * of the partition `TRAJECTORY#<id>` (tasks, events, mail claims, link pointers, pause tokens) and
 * every action link `LINK#<hash>` those items point to. Access pattern 12 of docs/data-model.md:
 * one keys-only Query (all pages), then `BatchWriteItem` deletes, 25 keys per call.
 *
 * Safe to repeat: deleting a key that is gone is a no-op, and the links go before the partition,
 * so a run that stops half-way leaves the pointers that lead a second run to the links it missed.
 * A partition that has a trajectory item again is left alone: only an expired dossier is purged.
 */
import { config } from '#shared/env.ts';
import type { DocumentClient } from './document-client.ts';
import { onFirstUse } from './aws-clients.ts';
import { linkKey, queryAllPages, sharedDocumentClient } from './dynamo-repository.ts';
import { SORT_KEY, TABLE_KEY, trajectoryPartition } from './table-schema.ts';

/** DynamoDB's limit of requests in one BatchWriteItem. */
export const BATCH_SIZE = 25;
/** Calls per batch before the purge gives up and the stream delivers the record again. */
export const MAX_BATCH_ATTEMPTS = 8;

type Key = Record<string, unknown>;

export interface PurgeResult {
  /** `purged`, or `present` when the partition still (or again) has its trajectory item. */
  outcome: 'purged' | 'present';
  /** Keys sent for deletion (items already gone included): the partition's and its links'. */
  deleted: number;
}

export interface DossierPurgeOptions {
  client: DocumentClient;
  tableName: string;
  /** Waits before retrying unprocessed deletes; injectable so tests need not wait. */
  sleep?: (ms: number) => Promise<void>;
}

/** Thrown when DynamoDB keeps leaving deletes unprocessed (throttling): the record is retried. */
export class PurgeIncompleteError extends Error {
  override readonly name = 'PurgeIncompleteError';
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Exponential backoff with full jitter, 50 ms doubling up to 3.2 s: what DynamoDB advises for batches. */
export function backoff(attempt: number): number {
  return Math.round(Math.random() * Math.min(3_200, 50 * 2 ** (attempt - 1)));
}

export class DynamoDossierPurge {
  private readonly client: DocumentClient;
  private readonly tableName: string;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: DossierPurgeOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.sleep = options.sleep ?? wait;
  }

  async purge(trajectoryId: string): Promise<PurgeResult> {
    const partition = await this.partitionKeys(trajectoryId);
    if (partition.some((item) => item[TABLE_KEY.sortKey] === SORT_KEY.trajectory)) {
      return { outcome: 'present', deleted: 0 };
    }
    const hashes = new Set<string>();
    for (const item of partition) {
      if (typeof item.linkHash === 'string' && item.linkHash) hashes.add(item.linkHash);
    }
    const links: Key[] = [...hashes].map(linkKey);
    const items: Key[] = partition.map((item) => ({
      [TABLE_KEY.partitionKey]: item[TABLE_KEY.partitionKey],
      [TABLE_KEY.sortKey]: item[TABLE_KEY.sortKey],
    }));
    // Links first: their pointers are the only way back to them.
    await this.deleteAll(links);
    await this.deleteAll(items);
    return { outcome: 'purged', deleted: links.length + items.length };
  }

  /** Keys and `linkHash` (tasks and link pointers carry one) of the whole partition, all pages. */
  private partitionKeys(trajectoryId: string): Promise<Key[]> {
    return queryAllPages(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk',
      ProjectionExpression: '#pk, #sk, #linkHash',
      ExpressionAttributeNames: {
        '#pk': TABLE_KEY.partitionKey,
        '#sk': TABLE_KEY.sortKey,
        '#linkHash': 'linkHash',
      },
      ExpressionAttributeValues: { ':pk': trajectoryPartition(trajectoryId) },
      // The last writes before the close are seen, and a trajectory item that is back is too.
      ConsistentRead: true,
    });
  }

  private async deleteAll(keys: Key[]): Promise<void> {
    for (let start = 0; start < keys.length; start += BATCH_SIZE) {
      await this.deleteBatch(keys.slice(start, start + BATCH_SIZE));
    }
  }

  /** One BatchWriteItem, then the unprocessed rest again with backoff, until none is left. */
  private async deleteBatch(keys: Key[]): Promise<void> {
    let requests = keys.map((key) => ({ DeleteRequest: { Key: key } }));
    for (let attempt = 1; requests.length > 0; attempt++) {
      if (attempt > MAX_BATCH_ATTEMPTS) {
        throw new PurgeIncompleteError(
          `${requests.length} deletes still unprocessed after ${MAX_BATCH_ATTEMPTS} attempts`,
        );
      }
      if (attempt > 1) await this.sleep(backoff(attempt - 1));
      const output = await this.client.batchWrite({ RequestItems: { [this.tableName]: requests } });
      requests = (output.UnprocessedItems?.[this.tableName] ?? []).flatMap((request) =>
        request.DeleteRequest?.Key ? [{ DeleteRequest: { Key: request.DeleteRequest.Key } }] : [],
      );
    }
  }
}

/** The purge a handler builds once at module scope, on the table from `TABLE_NAME`. */
export function createDossierPurgeFromEnv(): DynamoDossierPurge {
  return onFirstUse(
    () => new DynamoDossierPurge({ tableName: config.tableName, client: sharedDocumentClient() }),
  );
}
