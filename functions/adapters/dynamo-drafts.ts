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
import { PartitionStore, storeFromEnv } from './partition-store.ts';
import { trajectoryItemKey } from './table-schema.ts';

export const DRAFT_SORT_KEY_PREFIX = 'DRAFT#';

export const draftKey = (trajectoryId: string, taskId: string) =>
  trajectoryItemKey(trajectoryId, `${DRAFT_SORT_KEY_PREFIX}${taskId}`);

export class DynamoDrafts extends PartitionStore implements Drafts {
  async get(trajectoryId: string, taskId: string): Promise<Draft | undefined> {
    const item = await this.item(draftKey(trajectoryId, taskId));
    if (!item || typeof item.fields !== 'string') return undefined;
    return {
      trajectoryId,
      taskId,
      fields: JSON.parse(item.fields) as Record<string, unknown>,
      savedAt: String(item.savedAt),
      savedBy: item.savedBy as Role,
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
  return storeFromEnv(DynamoDrafts);
}
