/**
 * The evidence files' records (functions/core/ports.ts, `FileRecords`) in the trajectory's own
 * partition: `PK = TRAJECTORY#<id>`, `SK = FILE#<fileId>`. The dossier Query reads them with the
 * rest (pattern 1), the work state skips them (`FILE#` sorts before `META`), and the purge of an
 * expired dossier deletes them with the partition. Beside them, `SK = EXHIBITS` holds the last
 * exhibit number drawn, advanced only by a conditional write (compare and set).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { EvidenceFile } from '#core/files.ts';
import type { FileRecords } from '#core/ports.ts';
import { isConditionFailure, written, type Item } from './document-client.ts';
import { PartitionStore, storeFromEnv } from './partition-store.ts';
import { NOT_EXISTS, SORT_KEY, TABLE_KEY, trajectoryItemKey, trajectoryPartition } from './table-schema.ts';

const fileKey = (trajectoryId: string, fileId: string) =>
  trajectoryItemKey(trajectoryId, `${SORT_KEY.file}${fileId}`);
const counterKey = (trajectoryId: string) => trajectoryItemKey(trajectoryId, SORT_KEY.exhibits);

/** Lost compare-and-sets before a draw gives up (each loss means another draw won a number). */
const DRAW_ATTEMPTS = 50;

function fileOf(item: Item): EvidenceFile {
  const { [TABLE_KEY.partitionKey]: _pk, [TABLE_KEY.sortKey]: _sk, entity: _entity, ...file } = item;
  return file as EvidenceFile;
}

/** Exhibits by number, then what is still pending, oldest first. */
function byExhibit(a: EvidenceFile, b: EvidenceFile): number {
  const number = (a.exhibit ?? Number.MAX_SAFE_INTEGER) - (b.exhibit ?? Number.MAX_SAFE_INTEGER);
  if (number !== 0) return number;
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1;
}

export class DynamoFileRecords extends PartitionStore implements FileRecords {
  async create(file: EvidenceFile): Promise<void> {
    await this.client.put({
      TableName: this.tableName,
      Item: { ...file, ...fileKey(file.trajectoryId, file.id), entity: 'file' },
      ConditionExpression: NOT_EXISTS,
    });
  }

  async get(trajectoryId: string, fileId: string): Promise<EvidenceFile | undefined> {
    const item = await this.item(fileKey(trajectoryId, fileId));
    return item ? fileOf(item) : undefined;
  }

  async replace(file: EvidenceFile, status: EvidenceFile['status']): Promise<boolean> {
    return written(
      this.client.put({
        TableName: this.tableName,
        Item: { ...file, ...fileKey(file.trajectoryId, file.id), entity: 'file' },
        ConditionExpression: '#status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': status },
      }),
    );
  }

  async deletePending(trajectoryId: string, fileId: string): Promise<void> {
    // Not deleted when it is no longer pending: stored since, or gone already.
    await written(
      this.client.delete({
        TableName: this.tableName,
        Key: fileKey(trajectoryId, fileId),
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending' },
      }),
    );
  }

  async drawExhibit(trajectoryId: string, after: number): Promise<number> {
    // Compare and set on the counter item: read the last number, write the next one only if the
    // last is still what was read. Of any number of concurrent draws exactly one wins each round;
    // the others read again. (A Get and a conditional Put: the operations the table's users are
    // granted already, and that every DynamoDB emulator the tests use implements.)
    for (let attempt = 1; ; attempt++) {
      const item = await this.item(counterKey(trajectoryId));
      const last = typeof item?.last === 'number' ? item.last : undefined;
      const next = Math.max(last ?? 0, after) + 1;
      try {
        await this.client.put({
          TableName: this.tableName,
          Item: { ...counterKey(trajectoryId), entity: 'exhibit-counter', last: next },
          ...(last === undefined
            ? { ConditionExpression: `attribute_not_exists(${TABLE_KEY.partitionKey})` }
            : {
                ConditionExpression: '#last = :last',
                ExpressionAttributeNames: { '#last': 'last' },
                ExpressionAttributeValues: { ':last': last },
              }),
        });
        return next;
      } catch (error) {
        if (!isConditionFailure(error) || attempt >= DRAW_ATTEMPTS) throw error;
        // A little jitter, so the losers of one round do not all meet again in the next.
        await sleep(Math.floor(Math.random() * 5 * Math.min(attempt, 10)));
      }
    }
  }

  async list(trajectoryId: string): Promise<EvidenceFile[]> {
    const files: EvidenceFile[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.query({
        TableName: this.tableName,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :file)',
        ExpressionAttributeNames: { '#pk': TABLE_KEY.partitionKey, '#sk': TABLE_KEY.sortKey },
        ExpressionAttributeValues: {
          ':pk': trajectoryPartition(trajectoryId),
          ':file': SORT_KEY.file,
        },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      });
      files.push(...(page.Items ?? []).map(fileOf));
      start = page.LastEvaluatedKey;
    } while (start);
    return files.sort(byExhibit);
  }
}

/** The records a handler builds once at module scope, on the table from `TABLE_NAME`. */
export function createFileRecordsFromEnv(): DynamoFileRecords {
  return storeFromEnv(DynamoFileRecords);
}
