/**
 * The publisher's view of the table (functions/core/ports.ts, `EventOutbox`): a dossier event read
 * by its key, and one small mark per published event in the trajectory's own partition,
 * `PK = TRAJECTORY#<id>`, `SK = BUS#<eventId>`. `BUS#` sorts before `META`, so the work-state
 * Query (`SK >= META`) never reads the marks, and the purge of an expired dossier deletes them
 * with the rest of its partition.
 */
import type { DossierEvent } from '#core/model.ts';
import type { EventOutbox } from '#core/ports.ts';
import { written } from './document-client.ts';
import { PartitionStore, storeFromEnv } from './partition-store.ts';
import { NOT_EXISTS, SORT_KEY, STORAGE_ATTRIBUTES, TABLE_KEY, trajectoryItemKey } from './table-schema.ts';

export class DynamoEventOutbox extends PartitionStore implements EventOutbox {
  async read(trajectoryId: string, eventId: string): Promise<DossierEvent | undefined> {
    const item = await this.item(trajectoryItemKey(trajectoryId, `${SORT_KEY.event}${eventId}`));
    if (!item) return undefined;
    const event: Record<string, unknown> = { ...item };
    for (const attribute of STORAGE_ATTRIBUTES) delete event[attribute];
    return event as unknown as DossierEvent;
  }

  async isPublished(trajectoryId: string, eventId: string): Promise<boolean> {
    const mark = await this.item(trajectoryItemKey(trajectoryId, `${SORT_KEY.published}${eventId}`), {
      ProjectionExpression: '#pk',
      ExpressionAttributeNames: { '#pk': TABLE_KEY.partitionKey },
    });
    return mark !== undefined;
  }

  async markPublished(trajectoryId: string, eventId: string, at: string): Promise<void> {
    await written(
      this.client.put({
        TableName: this.tableName,
        Item: {
          ...trajectoryItemKey(trajectoryId, `${SORT_KEY.published}${eventId}`),
          entity: 'published',
          publishedAt: at,
        },
        // The first mark stays: it says when the event really went out.
        ConditionExpression: NOT_EXISTS,
      }),
    );
  }
}

/** The outbox a handler builds once at module scope, on the table from `TABLE_NAME`. */
export function createEventOutboxFromEnv(): DynamoEventOutbox {
  return storeFromEnv(DynamoEventOutbox);
}
