import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledge } from './nag.ts';

/**
 * The on-failure destination of a stream mapping: where Lambda sends a batch of the table's stream
 * it gave up on. Lambda's message describes the batch (shard, sequence numbers, stream), not its
 * records: no dossier content, so SQS's own encryption at rest is enough. An alarm watches it
 * (infra/constructs/monitoring.ts).
 */
export function streamFailureQueue(scope: Construct, id: string, mapping: string): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledge(
    queue,
    'AwsSolutions-SQS3',
    `This queue is itself the dead-letter destination: the on-failure destination of the ${mapping} stream mapping. An alarm watches it.`,
  );
  return queue;
}
