/**
 * The single-table schema (docs/data-model.md), defined once: the CDK stack, the local cloud and
 * the tests all create the table from these constants. Kept free of runtime SDK imports so the
 * CDK app can read it without loading a client.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** The table's own key attributes. */
export const TABLE_KEY = { partitionKey: 'PK', sortKey: 'SK' } as const;

/** Epoch seconds; the table's TTL attribute, shared with the Powertools idempotency records. */
export const TTL_ATTRIBUTE = 'expiresAt';

/** Sparse indexes: only trajectory items carry their keys, so they hold trajectories only. */
export const INDEXES = {
  /** HR's list: `STATUS#<status>`, sorted by `<createdAt>#<id>`. */
  byStatus: { indexName: 'by-status', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  /** A manager's list: `MANAGER#<lower-cased e-mail>`, sorted by `<createdAt>#<id>`. */
  byManager: { indexName: 'by-manager', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
} as const;

/** Every attribute that exists for storage only; the repository strips them from domain objects. */
export const STORAGE_ATTRIBUTES = [
  TABLE_KEY.partitionKey,
  TABLE_KEY.sortKey,
  INDEXES.byStatus.partitionKey,
  INDEXES.byStatus.sortKey,
  INDEXES.byManager.partitionKey,
  INDEXES.byManager.sortKey,
  'entity',
  TTL_ATTRIBUTE,
] as const;

/** Partition-key prefixes; each kind of record owns its prefix so none can collide. */
export const KEY_PREFIX = {
  trajectory: 'TRAJECTORY#',
  link: 'LINK#',
  idempotency: 'IDEMPOTENCY#',
} as const;

/** Sort keys and sort-key prefixes within a trajectory's partition. */
export const SORT_KEY = {
  trajectory: 'META',
  task: 'TASK#',
  event: 'EVENT#',
  link: 'LINK',
  /** A pointer to one of the trajectory's action links, so the purge can find every link it minted. */
  linkRef: 'LINK#',
  /** An evidence file's record (functions/adapters/dynamo-files.ts). */
  file: 'FILE#',
  /**
   * The dossier's exhibit counter: the last exhibit number given (functions/adapters/dynamo-files.ts).
   * Sorts before `META`, so the work-state Query never reads it; the dossier Query skips it.
   */
  exhibits: 'EXHIBITS',
  /**
   * The mark that a dossier event went out as a lifecycle event (docs/events.md). Sorts before
   * `META`, so the work-state Query never reads it.
   */
  published: 'BUS#',
} as const;

/** The partition of a trajectory: its record, tasks, events and everything kept beside them. */
export const trajectoryPartition = (trajectoryId: string) => `${KEY_PREFIX.trajectory}${trajectoryId}`;

/** The key of an item in a trajectory's partition, `sortKey` saying which. */
export const trajectoryItemKey = (trajectoryId: string, sortKey: string) => ({
  [TABLE_KEY.partitionKey]: trajectoryPartition(trajectoryId),
  [TABLE_KEY.sortKey]: sortKey,
});

/** The condition of a write that creates an item and must not overwrite one. */
export const NOT_EXISTS = `attribute_not_exists(${TABLE_KEY.partitionKey})`;

export interface KeyAttribute {
  name: string;
  /** DynamoDB's type letter; equal to CDK's `AttributeType.STRING`. */
  type: 'S';
}

export interface IndexDescription {
  indexName: string;
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  /** Equal to CDK's `ProjectionType.ALL`: lists return whole trajectories without a second read. */
  projectionType: 'ALL';
}

/**
 * The table in the shape of CDK's `TableProps` / `TableV2Props` (same property names; the string
 * values equal CDK's enum values), so the construct maps it one to one.
 */
export interface TableDescription {
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  /** Equal to CDK's `BillingMode.PAY_PER_REQUEST`. */
  billingMode: 'PAY_PER_REQUEST';
  timeToLiveAttribute: string;
  /**
   * Equal to CDK's `StreamViewType.KEYS_ONLY`: the stream feeds the dossier purge, which needs
   * only the key of a removed trajectory item (the partition names the dossier), and the publisher
   * of lifecycle events, which reads the dossier event it is told of by its key.
   */
  stream: 'KEYS_ONLY';
  globalSecondaryIndexes: IndexDescription[];
}

const string = (name: string): KeyAttribute => ({ name, type: 'S' });

export const TABLE: TableDescription = {
  partitionKey: string(TABLE_KEY.partitionKey),
  sortKey: string(TABLE_KEY.sortKey),
  // A few writes per trajectory per week: on-demand costs nothing while idle.
  billingMode: 'PAY_PER_REQUEST',
  timeToLiveAttribute: TTL_ATTRIBUTE,
  stream: 'KEYS_ONLY',
  globalSecondaryIndexes: Object.values(INDEXES).map((index) => ({
    indexName: index.indexName,
    partitionKey: string(index.partitionKey),
    sortKey: string(index.sortKey),
    projectionType: 'ALL',
  })),
};

/**
 * The stream records the dossier purge is invoked for, as a Lambda event filter pattern: DynamoDB's
 * TTL (the service itself, not a caller) removed a trajectory item (`TRAJECTORY#<id>` / `META`).
 * Every other write to the table matches nothing and costs no invocation. The purge checks each
 * record against the same conditions again (functions/retention/purge-dossier.ts).
 */
export const TRAJECTORY_EXPIRY_PATTERN = {
  eventName: ['REMOVE'],
  userIdentity: { type: ['Service'], principalId: ['dynamodb.amazonaws.com'] },
  dynamodb: {
    Keys: {
      [TABLE_KEY.partitionKey]: { S: [{ prefix: KEY_PREFIX.trajectory }] },
      [TABLE_KEY.sortKey]: { S: [SORT_KEY.trajectory] },
    },
  },
} as const;

/**
 * The stream records the publisher of lifecycle events is invoked for, as a Lambda event filter
 * pattern: a dossier event written (`TRAJECTORY#<id>` / `EVENT#<eventId>`, an insert: events are
 * appended, never rewritten). The stream carries keys only; the publisher reads the event item
 * itself (functions/events/publish-lifecycle-events.ts, which checks each record again).
 */
export const DOSSIER_EVENT_INSERT_PATTERN = {
  eventName: ['INSERT'],
  dynamodb: {
    Keys: {
      [TABLE_KEY.partitionKey]: { S: [{ prefix: KEY_PREFIX.trajectory }] },
      [TABLE_KEY.sortKey]: { S: [{ prefix: SORT_KEY.event }] },
    },
  },
} as const;

/**
 * CreateTable input for DynamoDB Local, dynalite or an account without CDK. TTL is not part of
 * CreateTable (it takes a separate UpdateTimeToLive, which dynalite does not implement), and
 * neither is the stream: nothing expires there, so nothing would ever be purged.
 */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const keyNames = [
    TABLE.partitionKey.name,
    TABLE.sortKey.name,
    ...TABLE.globalSecondaryIndexes.flatMap((index) => [index.partitionKey.name, index.sortKey.name]),
  ];
  return {
    TableName: tableName,
    BillingMode: TABLE.billingMode,
    AttributeDefinitions: keyNames.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey.name, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: TABLE.globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: index.projectionType },
    })),
  };
}

/**
 * The attribute mapping for Powertools' `DynamoDBPersistenceLayer` when its records share this
 * table: their own `IDEMPOTENCY#` partition and the table's TTL attribute.
 */
export function idempotencyPersistenceAttributes(functionName: string): {
  keyAttr: string;
  sortKeyAttr: string;
  staticPkValue: string;
  expiryAttr: string;
} {
  return {
    keyAttr: TABLE_KEY.partitionKey,
    sortKeyAttr: TABLE_KEY.sortKey,
    staticPkValue: `${KEY_PREFIX.idempotency}${functionName}`,
    expiryAttr: TTL_ATTRIBUTE,
  };
}
