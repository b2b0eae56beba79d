/**
 * What the stores beside the dossier in a trajectory's partition (the mail ledger, pause tokens,
 * drafts, the outbox's marks, the evidence records) have in common: the shared document client
 * and the table, a consistent read of one item by its key, and being made once per process on
 * first use.
 */
import { config } from '#shared/env.ts';
import type { DocumentClient, GetCommandInput, Item } from './document-client.ts';
import { onFirstUse } from './aws-clients.ts';
import { sharedDocumentClient } from './dynamo-repository.ts';

export abstract class PartitionStore {
  constructor(
    protected readonly client: DocumentClient,
    protected readonly tableName: string,
  ) {}

  /**
   * The item at `key`, read consistently: whatever a write just before stored is seen (a draft
   * saved, a token handed over, a number drawn). `options` narrow what is read.
   */
  protected async item(
    key: Item,
    options: Pick<GetCommandInput, 'ProjectionExpression' | 'ExpressionAttributeNames'> = {},
  ): Promise<Item | undefined> {
    const { Item } = await this.client.get({
      TableName: this.tableName,
      Key: key,
      ConsistentRead: true,
      ...options,
    });
    return Item;
  }
}

/** The store a handler declares at module scope: made on first use, on the table from `TABLE_NAME`. */
export function storeFromEnv<T extends object>(
  Store: new (client: DocumentClient, tableName: string) => T,
): T {
  return onFirstUse(() => new Store(sharedDocumentClient(), config.tableName));
}
