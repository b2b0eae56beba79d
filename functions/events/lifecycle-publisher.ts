/**
 * The use case of the publisher of lifecycle events (docs/events.md), fed by the table's stream
 * (the handler: ./publish-lifecycle-events.ts): for each dossier
 * event written it reads the event item (the stream carries keys only), maps it to its lifecycle
 * event (functions/core/lifecycle-events.ts) and puts that on the bus, unless the mark that it
 * went out already is there. The mark is written after the bus took the event, so an event is
 * never lost to a crash; a crash between the two sends it once more, with the same `eventId`.
 *
 * Order: a trajectory's records are handled one after the other, in stream order. The first
 * record of a trajectory that fails stops that trajectory for this batch (its later records are
 * not published ahead of it) and is reported as the batch item failure, so the stream delivers it
 * and everything after it again; what went out already is skipped by its mark. Other trajectories
 * in the batch go on. Logs carry ids and types only.
 */
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { KEY_PREFIX, SORT_KEY, TABLE_KEY } from '#adapters/table-schema.ts';
import { InvalidLifecycleEventError, lifecycleEventOf } from '#core/lifecycle-events.ts';
import type { Clock, EventBus, EventOutbox } from '#core/ports.ts';
import { logger } from '#shared/observability.ts';

/** The handler module, as the stack and the local cloud name it. */
export const PUBLISHER_HANDLER = 'events/publish-lifecycle-events';

export interface PublishDeps {
  outbox: EventOutbox;
  bus: EventBus;
  clock: Clock;
}

/** The dossier event a stream record announces, or undefined for any other record. */
export function dossierEventKey(
  record: DynamoDBRecord,
): { trajectoryId: string; eventId: string } | undefined {
  if (record.eventName !== 'INSERT') return undefined;
  const partition = record.dynamodb?.Keys?.[TABLE_KEY.partitionKey]?.S;
  const sort = record.dynamodb?.Keys?.[TABLE_KEY.sortKey]?.S;
  if (!partition?.startsWith(KEY_PREFIX.trajectory) || !sort?.startsWith(SORT_KEY.event)) return undefined;
  const trajectoryId = partition.slice(KEY_PREFIX.trajectory.length);
  const eventId = sort.slice(SORT_KEY.event.length);
  return trajectoryId && eventId ? { trajectoryId, eventId } : undefined;
}

type Outcome = 'published' | 'already' | 'not-a-lifecycle-event' | 'gone' | 'invalid';

async function publishOne(deps: PublishDeps, trajectoryId: string, eventId: string): Promise<Outcome> {
  const stored = await deps.outbox.read(trajectoryId, eventId);
  // Purged since (the stream keeps records for a day; a dossier goes years later): nothing to say.
  if (!stored) return 'gone';
  let lifecycle;
  try {
    lifecycle = lifecycleEventOf(stored);
  } catch (error) {
    // No retry can mend it; holding the trajectory's later events back for it would not either.
    if (error instanceof InvalidLifecycleEventError) {
      logger.error('Dossier event not published: its detail is invalid', {
        trajectoryId,
        eventId,
        type: stored.type,
        reason: error.message,
      });
      return 'invalid';
    }
    throw error;
  }
  if (!lifecycle) return 'not-a-lifecycle-event';
  if (await deps.outbox.isPublished(trajectoryId, eventId)) return 'already';
  await deps.bus.publish(lifecycle);
  await deps.outbox.markPublished(trajectoryId, eventId, deps.clock.now().toISOString());
  logger.info('Lifecycle event published', { trajectoryId, eventId, detailType: lifecycle.type });
  return 'published';
}

export async function publishLifecycleEvents(
  deps: PublishDeps,
  event: DynamoDBStreamEvent,
): Promise<DynamoDBBatchResponse> {
  const stopped = new Set<string>();
  let firstFailure: string | undefined;
  for (const record of event.Records ?? []) {
    const key = dossierEventKey(record);
    if (!key || stopped.has(key.trajectoryId)) continue;
    try {
      await publishOne(deps, key.trajectoryId, key.eventId);
    } catch (error) {
      logger.error('Could not publish a lifecycle event', {
        trajectoryId: key.trajectoryId,
        eventId: key.eventId,
        errorType: (error as Error).name,
        error,
      });
      stopped.add(key.trajectoryId);
      // Lambda delivers again from the lowest sequence number reported: this one, and all after.
      firstFailure ??= record.dynamodb?.SequenceNumber ?? '';
    }
  }
  return { batchItemFailures: firstFailure === undefined ? [] : [{ itemIdentifier: firstFailure }] };
}
