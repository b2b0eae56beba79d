/**
 * The mail ledger (functions/core/outbox.ts) in the trajectory's own partition: one small item
 * per mail key, `PK = TRAJECTORY#<id>`, `SK = MAIL#<key>`. It lives next to the dossier so it
 * goes when the dossier goes, and the dossier Query skips it (it reads `META`, `TASK#`, `EVENT#`).
 */
import type { MailLedger } from '#core/outbox.ts';
import { written } from './document-client.ts';
import { PartitionStore, storeFromEnv } from './partition-store.ts';
import { NOT_EXISTS, trajectoryItemKey } from './table-schema.ts';

export const MAIL_SORT_KEY_PREFIX = 'MAIL#';

const mailKey = (trajectoryId: string, key: string) =>
  trajectoryItemKey(trajectoryId, `${MAIL_SORT_KEY_PREFIX}${key}`);

export class DynamoMailLedger extends PartitionStore implements MailLedger {
  async claim(trajectoryId: string, key: string, at: string): Promise<boolean> {
    return written(
      this.client.put({
        TableName: this.tableName,
        Item: { ...mailKey(trajectoryId, key), entity: 'mail', key, claimedAt: at },
        ConditionExpression: NOT_EXISTS,
      }),
    );
  }

  async release(trajectoryId: string, key: string): Promise<void> {
    await this.client.delete({ TableName: this.tableName, Key: mailKey(trajectoryId, key) });
  }
}

/** The ledger a handler builds once at module scope, on the table from `TABLE_NAME`. */
export function createMailLedgerFromEnv(): DynamoMailLedger {
  return storeFromEnv(DynamoMailLedger);
}
