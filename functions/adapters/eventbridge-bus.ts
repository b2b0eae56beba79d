/**
 * The EventBridge adapter of `EventBus` (functions/core/ports.ts): one PutEvents entry per
 * lifecycle event, on the bus named by `EVENT_BUS_NAME`. The endpoint comes from the SDK's own
 * `AWS_ENDPOINT_URL_EVENTBRIDGE` when set; the local cloud hands the requests to its local bus.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { EVENT_SOURCE, type LifecycleEvent } from '#core/lifecycle-events.ts';
import type { EventBus } from '#core/ports.ts';
import { config } from '#shared/env.ts';
import { serviceAdapter } from './aws-clients.ts';

/** The bus answered the entry with an error code (throttled, an internal failure): try again later. */
export class EventNotPublishedError extends Error {
  override readonly name = 'EventNotPublishedError';
}

export class EventBridgeBus implements EventBus {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
  ) {}

  async publish(event: LifecycleEvent): Promise<void> {
    const output = await this.client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: this.busName,
            Source: EVENT_SOURCE,
            DetailType: event.type,
            Detail: JSON.stringify(event.detail),
            Time: new Date(event.detail.occurredAt),
          },
        ],
      }),
    );
    // PutEvents answers 200 even when an entry failed; the entry says so.
    if ((output.FailedEntryCount ?? 0) > 0 || !output.Entries?.[0]?.EventId) {
      const code = output.Entries?.[0]?.ErrorCode ?? 'unknown';
      throw new EventNotPublishedError(`The bus refused the ${event.type} event (${code})`);
    }
  }
}

/** The bus a handler declares at module scope, made on its first use. */
export function createEventBusFromEnv(): EventBridgeBus {
  return serviceAdapter(
    'eventbridge',
    EventBridgeClient,
    (client) => new EventBridgeBus(client, config.eventBusName),
  );
}
