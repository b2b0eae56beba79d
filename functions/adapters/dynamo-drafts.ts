/**
 * The drafts of the long forms (functions/core/ports.ts, `Drafts`) in the trajectory's own
 * partition: `PK = TRAJECTORY#<id>`, `SK = DRAFT#<taskId>`, one item per task. `DRAFT#` sorts
 * before `META`, so the work-state Query never reads a draft, and the dossier Query skips it (it
 * keeps `META`, `TASK#`, `EVENT#`, `FILE#`): a draft is no part of the record. The purge of an
 * expired dossier deletes the whole partition, drafts included.
 */
import type { Draft } from '#core/drafts.ts';
import type { Role } from '#core/model.ts';
import type { Drafts } from '#core/ports.ts';
import { config } from '#shared/env.ts';
import type { DocumentClient } from './document-client.ts';
import { onFirstUse } from './aws-clients.ts';
import { sharedDocumentClient } from './dynamo-repository.ts';
import { KEY_PREFIX, TABLE_KEY } from './table-schema.ts';

export const DRAFT_SORT_KEY_PREFIX = 'DRAFT#';

export const draftKey = (trajectoryId: string, taskId: string) => ({
  [TABLE_KEY.partitionKey]: `${KEY_PREFIX.trajectory}${trajectoryId}`,
  [TABLE_KEY.sortKey]: `${DRAFT_SORT_KEY_PREFIX}${taskId}`,
});

export class DynamoDrafts implements Drafts {
  constructor(
    private readonly client: DocumentClient,
    private readonly tableName: string,
  ) {}

  async get(trajectoryId: string, taskId: string): Promise<Draft | undefined> {
    const { Item } = await this.client.get({
      TableName: this.tableName,
      Key: draftKey(trajectoryId, taskId),
      ConsistentRead: true,
    });
    if (!Item || typeof Item.fields !== 'string') return undefined;
    return {
      trajectoryId,
      taskId,
      fields: JSON.parse(Item.fields) as Record<string, unknown>,
      savedAt: String(Item.savedAt),
      savedBy: Item.savedBy as Role,
    };
  }

  async put(draft: Draft): Promise<void> {
    // The fields as one JSON string: a half-filled form has empty lists and odd shapes that a
    // string stores as posted, and nothing ever queries inside a draft.
    await this.client.put({
      TableName: this.tableName,
      Item: {
        ...draftKey(draft.trajectoryId, draft.taskId),
        entity: 'draft',
        fields: JSON.stringify(draft.fields),
        savedAt: draft.savedAt,
        savedBy: draft.savedBy,
      },
    });
  }

  async delete(trajectoryId: string, taskId: string): Promise<void> {
    await this.client.delete({ TableName: this.tableName, Key: draftKey(trajectoryId, taskId) });
  }
}

/** The store a handler builds once at module scope, on the table from `TABLE_NAME`. */
export function createDraftsFromEnv(): DynamoDrafts {
  return onFirstUse(() => new DynamoDrafts(sharedDocumentClient(), config.tableName));
}
