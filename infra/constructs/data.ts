import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  type ITable,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
// The schema is defined once, next to the repository that uses it; the local cloud and the
// tests create their tables from the same description.
import { TABLE } from '#adapters/table-schema.ts';

const ATTRIBUTE_TYPE = { S: AttributeType.STRING } as const;

/**
 * The single DynamoDB table: trajectories, tasks, dossier events, action links and idempotency
 * records. It holds the dossier, so it outlives the stack: retained on delete, protected
 * against deletion, recoverable to any second of the last 35 days, encrypted with a key of
 * our own.
 */
export class Data extends Construct {
  readonly table: ITable;
  readonly key: IKey;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    // A customer-managed key: access to the dossier can be audited and revoked in KMS, apart
    // from IAM. Retained with the table: without it the retained data could not be read.
    this.key = new Key(this, 'Key', {
      description: 'Encrypts the verbetertraject dossier table',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Table, not TableV2: TableV2 cannot name a customer-managed key in a stack without a
    // fixed region, and this stack is environment-agnostic.
    const table = new Table(this, 'Table', {
      partitionKey: { name: TABLE.partitionKey.name, type: ATTRIBUTE_TYPE[TABLE.partitionKey.type] },
      sortKey: { name: TABLE.sortKey.name, type: ATTRIBUTE_TYPE[TABLE.sortKey.type] },
      billingMode: BillingMode[TABLE.billingMode],
      // Closed dossiers and idempotency records carry an expiry; DynamoDB deletes them for free.
      timeToLiveAttribute: TABLE.timeToLiveAttribute,
      // TTL removes a closed dossier's trajectory item; its removal on the stream starts the purge
      // of the rest (infra/constructs/retention.ts); a dossier event written starts its lifecycle
      // event (infra/constructs/lifecycle-events.ts). Keys only: the key names the partition, and
      // no dossier content travels through the stream. Adding a stream to the existing table is
      // an in-place update (same logical id, no replacement).
      stream: StreamViewType[TABLE.stream],
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of TABLE.globalSecondaryIndexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey.name, type: ATTRIBUTE_TYPE[index.partitionKey.type] },
        sortKey: { name: index.sortKey.name, type: ATTRIBUTE_TYPE[index.sortKey.type] },
        projectionType: ProjectionType[index.projectionType],
      });
    }
    this.table = table;
  }
}
