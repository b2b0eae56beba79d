import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { EventBridgeBus, EventNotPublishedError } from '#adapters/eventbridge-bus.ts';
import type { LifecycleEvent } from '#core/lifecycle-events.ts';

const eventsMock = mockClient(EventBridgeClient);
const bus = () => new EventBridgeBus(new EventBridgeClient({}), 'verbetertraject-events');
const meta = { $metadata: {} };

const ESCALATED: LifecycleEvent = {
  type: 'TaskEscalated',
  detail: {
    version: 1,
    eventId: 't-1/plan-1.task-escalated@2026-03-09T16:00:00.000Z',
    trajectoryId: 't-1',
    occurredAt: '2026-03-09T16:00:00.000Z',
    phase: 'plan',
    taskId: 'plan-1',
    kind: 'plan',
    assignee: 'manager',
    dueAt: '2026-03-09T16:00:00.000Z',
    escalation: 1,
  },
};

afterEach(() => {
  eventsMock.reset();
});

describe('EventBridgeBus', () => {
  it('puts one entry on its bus, with the project as source, the type as detail-type and the fact’s time', async () => {
    // Prepare
    eventsMock.on(PutEventsCommand).resolves({ ...meta, FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });

    // Act
    await bus().publish(ESCALATED);

    // Assess
    const calls = eventsMock.commandCalls(PutEventsCommand);
    expect(calls).toHaveLength(1);
    const entries = calls[0]!.args[0].input.Entries!;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      EventBusName: 'verbetertraject-events',
      Source: 'verbetertraject',
      DetailType: 'TaskEscalated',
      Time: new Date('2026-03-09T16:00:00.000Z'),
    });
    expect(JSON.parse(entries[0]!.Detail!)).toEqual(ESCALATED.detail);
  });

  it('throws when the bus answers 200 but refused the entry, naming its error code', async () => {
    // Prepare: PutEvents reports a failed entry in its answer, not as an error.
    eventsMock.on(PutEventsCommand).resolves({
      ...meta,
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' }],
    });

    // Act
    const publishing = bus().publish(ESCALATED);

    // Assess
    await expect(publishing).rejects.toThrow(EventNotPublishedError);
    await expect(bus().publish(ESCALATED)).rejects.toThrow(/ThrottlingException/);
  });
});
