/**
 * The mail ledger (functions/core/outbox.ts) in the trajectory's own partition: one small item
 * per mail key, `PK = TRAJECTORY#<id>`, `SK = MAIL#<key>`. It lives next to the dossier so it
 * goes when the dossier goes, and the dossier Query skips it (it reads `META`, `TASK#`, `EVENT#`).
 */
import type { MailLedger } from '#core/outbox.ts';
import { config } from '#shared/env.ts';
import type { DocumentClient } from './document-client.ts';
import { onFirstUse } from './aws-clients.ts';
import { sharedDocumentClient } from './dynamo-repository.ts';
import { KEY_PREFIX, TABLE_KEY } from './table-schema.ts';

export const MAIL_SORT_KEY_PREFIX = 'MAIL#';

const mailKey = (trajectoryId: string, key: string) => ({
  [TABLE_KEY.partitionKey]: `${KEY_PREFIX.trajectory}${trajectoryId}`,
  [TABLE_KEY.sortKey]: `${MAIL_SORT_KEY_PREFIX}${key}`,
});

export class DynamoMailLedger implements MailLedger {
  constructor(
    private readonly client: DocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(trajectoryId: string, key: string, at: string): Promise<boolean> {
    try {
      await this.client.put({
        TableName: this.tableName,
        Item: { ...mailKey(trajectoryId, key), entity: 'mail', key, claimedAt: at },
        ConditionExpression: `attribute_not_exists(${TABLE_KEY.partitionKey})`,
      });
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async release(trajectoryId: string, key: string): Promise<void> {
    await this.client.delete({ TableName: this.tableName, Key: mailKey(trajectoryId, key) });
  }
}

/** The ledger a handler builds once at module scope, on the table from `TABLE_NAME`. */
export function createMailLedgerFromEnv(): DynamoMailLedger {
  return onFirstUse(() => new DynamoMailLedger(sharedDocumentClient(), config.tableName));
}
