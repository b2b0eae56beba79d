/**
 * A real DynamoDB API for tests: dynalite in this process, on a free loopback port, with tables
 * created from the same schema (functions/adapters/table-schema.ts) the stack deploys. Nothing mocked,
 * so conditional writes, GSI queries and 1 MB pages behave as the service's do.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo, Server } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { documentInputOf, type DocumentClient } from '#adapters/document-client.ts';
import { createDocumentClient } from '#adapters/dynamo-repository.ts';
import { ensureTable } from '#adapters/dynamo-create-table.ts';

export interface LocalDynamo {
  /** `http://127.0.0.1:<port>`, for clients built elsewhere (e.g. via AWS_ENDPOINT_URL_DYNAMODB). */
  endpoint: string;
  /** A table created at start; tests that need isolation call `createTable()` instead. */
  tableName: string;
  /** The adapters' document client (as `createDocumentClient` builds it), for repositories. */
  client: DocumentClient;
  /**
   * lib-dynamodb's document client on the same low-level client, for a test's own reads and
   * writes (a Scan to see everything, a seeded item): what the adapters never send.
   */
  direct: DynamoDBDocumentClient;
  /** Creates another table with the schema of table-schema.ts under a unique name and returns the name. */
  createTable(): Promise<string>;
  stop(): Promise<void>;
}

/** A unique, valid DynamoDB table name (letters, digits, `-`, 3 to 255 characters). */
export function uniqueTableName(prefix = 'test'): string {
  return `${prefix}-${randomUUID()}`;
}

/**
 * Starts dynalite. With `path` it keeps its data on disk there; starting again on the same path
 * with the same `tableName` finds the table and its items (a restart of the local cloud).
 */
export async function startDynalite(
  options: { path?: string; tableName?: string } = {},
): Promise<LocalDynamo> {
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(options.path ? { path: options.path } : {}),
  }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const base = new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const client = createDocumentClient(base);
  const direct = DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
  const createTable = async (name = uniqueTableName()) => {
    await ensureTable(base, name);
    return name;
  };
  const tableName = await createTable(options.tableName);

  return {
    endpoint,
    tableName,
    client,
    direct,
    createTable: () => createTable(),
    stop: async () => {
      // Close the client's keep-alive sockets first, or the server waits for them to time out.
      direct.destroy();
      client.destroy();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

export interface CommandLog {
  /**
   * Every command sent since `recordCommands`: DynamoDB's operation (`QueryCommand`,
   * `GetItemCommand`, ...) and the input as the caller gave it (plain values, not marshalled).
   */
  readonly commands: { name: string; input: Record<string, unknown> }[];
  stop(): void;
}

/**
 * Records the commands a client sends, through its middleware stack (the document client's is its
 * low-level client's), so a test can prove which operations a repository call used.
 */
export function recordCommands(client: Pick<DocumentClient, 'middlewareStack'>): CommandLog {
  const name = `record-commands-${randomUUID()}`;
  const commands: CommandLog['commands'] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      commands.push({
        name: String(context.commandName),
        input: { ...documentInputOf(args.input as object) },
      });
      return next(args);
    },
    { step: 'initialize', name },
  );
  return { commands, stop: () => void client.middlewareStack.remove(name) };
}
