/**
 * The publisher's view of the table (functions/core/ports.ts, `EventOutbox`): a dossier event read
 * by its key, and one small mark per published event in the trajectory's own partition,
 * `PK = TRAJECTORY#<id>`, `SK = BUS#<eventId>`. `BUS#` sorts before `META`, so the work-state
 * Query (`SK >= META`) never reads the marks, and the purge of an expired dossier deletes them
 * with the rest of its partition.
 */
import type { DossierEvent } from '#core/model.ts';
import type { EventOutbox } from '#core/ports.ts';
import { config } from '#shared/env.ts';
import type { DocumentClient } from './document-client.ts';
import { onFirstUse } from './aws-clients.ts';
import { sharedDocumentClient } from './dynamo-repository.ts';
import { KEY_PREFIX, SORT_KEY, STORAGE_ATTRIBUTES, TABLE_KEY } from './table-schema.ts';

const key = (trajectoryId: string, sortKey: string) => ({
  [TABLE_KEY.partitionKey]: `${KEY_PREFIX.trajectory}${trajectoryId}`,
  [TABLE_KEY.sortKey]: sortKey,
});

export class DynamoEventOutbox implements EventOutbox {
  constructor(
    private readonly client: DocumentClient,
    private readonly tableName: string,
  ) {}

  async read(trajectoryId: string, eventId: string): Promise<DossierEvent | undefined> {
    const { Item } = await this.client.get({
      TableName: this.tableName,
      Key: key(trajectoryId, `${SORT_KEY.event}${eventId}`),
      ConsistentRead: true,
    });
    if (!Item) return undefined;
    const event: Record<string, unknown> = { ...Item };
    for (const attribute of STORAGE_ATTRIBUTES) delete event[attribute];
    return event as unknown as DossierEvent;
  }

  async isPublished(trajectoryId: string, eventId: string): Promise<boolean> {
    const { Item } = await this.client.get({
      TableName: this.tableName,
      Key: key(trajectoryId, `${SORT_KEY.published}${eventId}`),
      ConsistentRead: true,
      ProjectionExpression: '#pk',
      ExpressionAttributeNames: { '#pk': TABLE_KEY.partitionKey },
    });
    return Item !== undefined;
  }

  async markPublished(trajectoryId: string, eventId: string, at: string): Promise<void> {
    try {
      await this.client.put({
        TableName: this.tableName,
        Item: {
          ...key(trajectoryId, `${SORT_KEY.published}${eventId}`),
          entity: 'published',
          publishedAt: at,
        },
        // The first mark stays: it says when the event really went out.
        ConditionExpression: `attribute_not_exists(${TABLE_KEY.partitionKey})`,
      });
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }
}

/** The outbox a handler builds once at module scope, on the table from `TABLE_NAME`. */
export function createEventOutboxFromEnv(): DynamoEventOutbox {
  return onFirstUse(() => new DynamoEventOutbox(sharedDocumentClient(), config.tableName));
}
