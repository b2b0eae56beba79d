/**
 * Creates the table where nothing else does: the local cloud (dynalite), DynamoDB Local and the
 * tests. In AWS the CDK stack owns the table and this is never called.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { createTableInput } from './table-schema.ts';

/** Creates `tableName` from the schema in table-schema.ts unless it exists, and waits until it is active. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (error) {
    // A table kept on disk by the local cloud survives restarts; finding it is the normal case.
    if ((error as Error).name !== 'ResourceInUseException') throw error;
  }
  const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
  if (described.Table?.TableStatus === 'ACTIVE') return;
  await waitUntilTableExists({ client, maxWaitTime: 60 }, { TableName: tableName });
}
