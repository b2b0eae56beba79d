/**
 * The publisher of lifecycle events, fed by the table's stream through a filter that passes only
 * dossier events written (`DOSSIER_EVENT_INSERT_PATTERN`, functions/adapters/table-schema.ts). What it
 * does and why: ./lifecycle-publisher.ts and docs/events.md.
 */
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { clock } from '#adapters/clock.ts';
import { createEventOutboxFromEnv } from '#adapters/dynamo-event-outbox.ts';
import { createEventBusFromEnv } from '#adapters/eventbridge-bus.ts';
import { logger } from '#shared/observability.ts';
import { publishLifecycleEvents, type PublishDeps } from './lifecycle-publisher.ts';

const deps: PublishDeps = { outbox: createEventOutboxFromEnv(), bus: createEventBusFromEnv(), clock };

export async function handler(event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> {
  logger.resetKeys();
  if (context?.awsRequestId) logger.appendKeys({ requestId: context.awsRequestId });
  return publishLifecycleEvents(deps, event);
}
