/**
 * The sleeping workflow's task token (functions/core/ports.ts, `PauseTokens`) in the trajectory's
 * own partition: `PK = TRAJECTORY#<id>`, `SK = PAUSE#<pausedAt>`, one item per pause. The dossier
 * Query skips it (it reads `META`, `TASK#`, `EVENT#`), the purge of an expired dossier deletes it
 * with the rest of the partition, and no client ever sees it.
 */
import type { PauseTokens } from '#core/ports.ts';
import { config } from '#shared/env.ts';
import type { DocumentClient } from './document-client.ts';
import { onFirstUse } from './aws-clients.ts';
import { sharedDocumentClient } from './dynamo-repository.ts';
import { KEY_PREFIX, TABLE_KEY } from './table-schema.ts';

export const PAUSE_SORT_KEY_PREFIX = 'PAUSE#';

const pauseKey = (trajectoryId: string, pausedAt: string) => ({
  [TABLE_KEY.partitionKey]: `${KEY_PREFIX.trajectory}${trajectoryId}`,
  [TABLE_KEY.sortKey]: `${PAUSE_SORT_KEY_PREFIX}${pausedAt}`,
});

export class DynamoPauseTokens implements PauseTokens {
  constructor(
    private readonly client: DocumentClient,
    private readonly tableName: string,
  ) {}

  async put(trajectoryId: string, pausedAt: string, taskToken: string): Promise<void> {
    // Unconditional: each entry of the sleep state hands over a newer token than the last.
    await this.client.put({
      TableName: this.tableName,
      Item: { ...pauseKey(trajectoryId, pausedAt), entity: 'pause', pausedAt, taskToken },
    });
  }

  async get(trajectoryId: string, pausedAt: string): Promise<string | undefined> {
    const { Item } = await this.client.get({
      TableName: this.tableName,
      Key: pauseKey(trajectoryId, pausedAt),
      ConsistentRead: true,
    });
    return typeof Item?.taskToken === 'string' ? Item.taskToken : undefined;
  }
}

/** The store a handler builds once at module scope, on the table from `TABLE_NAME`. */
export function createPauseTokensFromEnv(): DynamoPauseTokens {
  return onFirstUse(() => new DynamoPauseTokens(sharedDocumentClient(), config.tableName));
}
