/**
 * The evidence files' records (functions/core/ports.ts, `FileRecords`) in the trajectory's own
 * partition: `PK = TRAJECTORY#<id>`, `SK = FILE#<fileId>`. The dossier Query reads them with the
 * rest (pattern 1), the work state skips them (`FILE#` sorts before `META`), and the purge of an
 * expired dossier deletes them with the partition.
 */
import type { EvidenceFile } from '#core/files.ts';
import type { FileRecords } from '#core/ports.ts';
import { config } from '#shared/env.ts';
import type { DocumentClient, Item } from './document-client.ts';
import { onFirstUse } from './aws-clients.ts';
import { sharedDocumentClient } from './dynamo-repository.ts';
import { KEY_PREFIX, SORT_KEY, TABLE_KEY } from './table.ts';

const fileKey = (trajectoryId: string, fileId: string) => ({
  [TABLE_KEY.partitionKey]: `${KEY_PREFIX.trajectory}${trajectoryId}`,
  [TABLE_KEY.sortKey]: `${SORT_KEY.file}${fileId}`,
});

const isConditionFailure = (error: unknown) =>
  (error as { name?: unknown } | undefined)?.name === 'ConditionalCheckFailedException';

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

export class DynamoFileRecords implements FileRecords {
  constructor(
    private readonly client: DocumentClient,
    private readonly tableName: string,
  ) {}

  async create(file: EvidenceFile): Promise<void> {
    await this.client.put({
      TableName: this.tableName,
      Item: { ...file, ...fileKey(file.trajectoryId, file.id), entity: 'file' },
      ConditionExpression: `attribute_not_exists(${TABLE_KEY.partitionKey})`,
    });
  }

  async get(trajectoryId: string, fileId: string): Promise<EvidenceFile | undefined> {
    const { Item } = await this.client.get({
      TableName: this.tableName,
      Key: fileKey(trajectoryId, fileId),
      ConsistentRead: true,
    });
    return Item ? fileOf(Item) : undefined;
  }

  async replace(file: EvidenceFile, status: EvidenceFile['status']): Promise<boolean> {
    try {
      await this.client.put({
        TableName: this.tableName,
        Item: { ...file, ...fileKey(file.trajectoryId, file.id), entity: 'file' },
        ConditionExpression: '#status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': status },
      });
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async deletePending(trajectoryId: string, fileId: string): Promise<void> {
    try {
      await this.client.delete({
        TableName: this.tableName,
        Key: fileKey(trajectoryId, fileId),
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending' },
      });
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
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
          ':pk': `${KEY_PREFIX.trajectory}${trajectoryId}`,
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
  return onFirstUse(() => new DynamoFileRecords(sharedDocumentClient(), config.tableName));
}
