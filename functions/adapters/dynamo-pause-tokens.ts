/**
 * The sleeping workflow's task token (functions/core/ports.ts, `PauseTokens`) in the trajectory's
 * own partition: `PK = TRAJECTORY#<id>`, `SK = PAUSE#<pausedAt>`, one item per pause. The dossier
 * Query skips it (it reads `META`, `TASK#`, `EVENT#`), the purge of an expired dossier deletes it
 * with the rest of the partition, and no client ever sees it.
 */
import type { PauseTokens } from '#core/ports.ts';
import { PartitionStore, storeFromEnv } from './partition-store.ts';
import { trajectoryItemKey } from './table-schema.ts';

export const PAUSE_SORT_KEY_PREFIX = 'PAUSE#';

const pauseKey = (trajectoryId: string, pausedAt: string) =>
  trajectoryItemKey(trajectoryId, `${PAUSE_SORT_KEY_PREFIX}${pausedAt}`);

export class DynamoPauseTokens extends PartitionStore implements PauseTokens {
  async put(trajectoryId: string, pausedAt: string, taskToken: string): Promise<void> {
    // Unconditional: each entry of the sleep state hands over a newer token than the last.
    await this.client.put({
      TableName: this.tableName,
      Item: { ...pauseKey(trajectoryId, pausedAt), entity: 'pause', pausedAt, taskToken },
    });
  }

  async get(trajectoryId: string, pausedAt: string): Promise<string | undefined> {
    const item = await this.item(pauseKey(trajectoryId, pausedAt));
    return typeof item?.taskToken === 'string' ? item.taskToken : undefined;
  }
}

/** The store a handler builds once at module scope, on the table from `TABLE_NAME`. */
export function createPauseTokensFromEnv(): DynamoPauseTokens {
  return storeFromEnv(DynamoPauseTokens);
}
