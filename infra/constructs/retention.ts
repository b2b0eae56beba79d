import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TRAJECTORY_EXPIRY_PATTERN } from '#adapters/table-schema.ts';
import { Fn } from './fn.ts';
import { acknowledge } from './nag.ts';
import { streamFailureQueue } from './stream-failures.ts';

/** The handler module of the purge; its access is declared in infra/access.ts like any other. */
export const PURGE_HANDLER = 'retention/purge-dossier';

/** How the stream feeds the purge; exported for the infra tests. */
export const PURGE_STREAM = {
  /** Expiries come in bursts on the day a cohort of dossiers reaches its date; ten per call. */
  batchSize: 10,
  /** Delivered again this often before a batch is given up (bisected first, see below). */
  retryAttempts: 5,
  /**
   * A record older than this goes to the failure queue instead. The stream keeps records for 24
   * hours, so an operator still has most of a day to read it back after the alarm.
   */
  maxRecordAge: Duration.hours(6),
} as const;

export interface RetentionProps {
  /** The table; it must have a stream (infra/constructs/data.ts). */
  readonly table: ITable;
  readonly logRetention: RetentionDays;
}

/**
 * Retention after the TTL: the function that deletes the rest of an expired dossier when
 * DynamoDB's TTL removes its trajectory item, fed by the table's stream through an event source
 * mapping whose filter lets only those removals through (ordinary writes cost no invocation), and
 * the queue where a batch ends up that could not be purged. The function's table access is bound
 * by the stack from infra/access.ts.
 */
export class Retention extends Construct {
  readonly purge: Fn;
  /** On-failure destination of the mapping: what arrives here was not purged. */
  readonly failures: IQueue;

  constructor(scope: Construct, id: string, props: RetentionProps) {
    super(scope, id);

    this.purge = new Fn(this, 'PurgeDossier', {
      handler: PURGE_HANDLER,
      description: 'Deletes the rest of a dossier whose trajectory item expired (TTL)',
      logRetention: props.logRetention,
    });

    const failures = streamFailureQueue(this, 'PurgeFailures', 'purge');
    this.failures = failures;

    this.purge.lambda.addEventSource(
      new DynamoEventSource(props.table, {
        // From the oldest record still on the stream: a mapping created after an expiry still sees it.
        startingPosition: StartingPosition.TRIM_HORIZON,
        filters: [FilterCriteria.filter(TRAJECTORY_EXPIRY_PATTERN)],
        batchSize: PURGE_STREAM.batchSize,
        bisectBatchOnError: true,
        retryAttempts: PURGE_STREAM.retryAttempts,
        maxRecordAge: PURGE_STREAM.maxRecordAge,
        // The function reports the records it could not purge; the rest of a batch counts as done.
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(failures),
      }),
    );
    acknowledge(
      this.purge,
      'AwsSolutions-IAM5[Resource::*]',
      "The stream mapping's dynamodb:ListStreams and active tracing's xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions.",
    );
  }
}
