import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, type IEventBus } from 'aws-cdk-lib/aws-events';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DOSSIER_EVENT_INSERT_PATTERN } from '#adapters/table-schema.ts';
import { PUBLISHER_HANDLER } from '#events/lifecycle-publisher.ts';
import { Fn } from './fn.ts';
import { acknowledge } from './nag.ts';
import { streamFailureQueue } from './stream-failures.ts';

/** How the stream feeds the publisher; exported for the infra tests. */
export const PUBLISHER_STREAM = {
  /** A hundred dossier events per call: a busy morning's worth, handled one by one in order. */
  batchSize: 100,
  /**
   * One batch per shard at a time: records of one trajectory are published in the order they were
   * written. More would still keep each item's order, but not the order between a trajectory's items.
   */
  parallelizationFactor: 1,
  /** Delivered again this often (from the failed record on) before a batch is given up. */
  retryAttempts: 10,
  /** Given up once this old; the stream keeps records for 24 hours. */
  maxRecordAge: Duration.hours(6),
} as const;

export interface LifecycleEventsProps {
  /** The table; it must have a stream (infra/constructs/data.ts). */
  readonly table: ITable;
  /** Put the events on the account's default bus instead of a bus of the stack's own. */
  readonly useDefaultBus: boolean;
  readonly logRetention: RetentionDays;
}

/**
 * Lifecycle events (docs/events.md): the bus they go to (the stack's own, or the account's default
 * bus), the publisher fed by the table's stream through a filter that passes only dossier events
 * written, and the queue where a batch ends up that could not be published. The publisher's
 * table and bus access are bound by the stack from infra/access.ts.
 */
export class LifecycleEvents extends Construct {
  readonly bus: IEventBus;
  readonly publisher: Fn;
  /** On-failure destination of the mapping: what arrives here was not published. */
  readonly failures: IQueue;

  constructor(scope: Construct, id: string, props: LifecycleEventsProps) {
    super(scope, id);

    this.bus = props.useDefaultBus
      ? EventBus.fromEventBusName(this, 'DefaultBus', 'default')
      : new EventBus(this, 'Bus', {
          description:
            'Lifecycle events of improvement trajectories (docs/events.md): ids, phases and times only',
        });

    this.publisher = new Fn(this, 'Publisher', {
      handler: PUBLISHER_HANDLER,
      description: 'Puts the lifecycle event of each dossier event written on the bus, once',
      logRetention: props.logRetention,
    });

    const failures = streamFailureQueue(this, 'PublishFailures', 'publisher');
    this.failures = failures;

    this.publisher.lambda.addEventSource(
      new DynamoEventSource(props.table, {
        // New writes only: dossier events written before the publisher existed are no news.
        startingPosition: StartingPosition.LATEST,
        filters: [FilterCriteria.filter(DOSSIER_EVENT_INSERT_PATTERN)],
        batchSize: PUBLISHER_STREAM.batchSize,
        parallelizationFactor: PUBLISHER_STREAM.parallelizationFactor,
        retryAttempts: PUBLISHER_STREAM.retryAttempts,
        maxRecordAge: PUBLISHER_STREAM.maxRecordAge,
        // The function reports the first record it could not publish; Lambda delivers again from it.
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        onFailure: new SqsDlq(failures),
      }),
    );
    acknowledge(
      this.publisher,
      'AwsSolutions-IAM5[Resource::*]',
      "The stream mapping's dynamodb:ListStreams and active tracing's xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions.",
    );
  }
}
