/**
 * The publisher of lifecycle events against dynalite: the dossier events a repository appends,
 * announced by keys-only stream records as DynamoDB writes them, go to the bus once each, in
 * order per trajectory, however often a batch is delivered and whichever put fails.
 */
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoEventOutbox } from '#adapters/dynamo-event-outbox.ts';
import { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import type { LifecycleEvent } from '#core/lifecycle-events.ts';
import type { DossierEvent } from '#core/model.ts';
import type { EventBus } from '#core/ports.ts';
import { publishLifecycleEvents } from '#events/lifecycle-publisher.ts';
import { startDynalite, type LocalDynamo } from '../support/dynalite.ts';
import { aTrajectory } from './fixtures.ts';

let dynamo: LocalDynamo;
let repository: DynamoTrajectoryRepository;
let outbox: DynamoEventOutbox;

beforeAll(async () => {
  dynamo = await startDynalite();
  repository = new DynamoTrajectoryRepository({ tableName: dynamo.tableName, client: dynamo.client });
  outbox = new DynamoEventOutbox(dynamo.client, dynamo.tableName);
});

afterAll(async () => {
  await dynamo.stop();
});

const NOW = new Date('2026-03-02T09:00:00.000Z');
const clock = { now: () => NOW };

/** A bus that keeps what it took, and refuses what `refuse` says (once each, unless told otherwise). */
class RecordingBus implements EventBus {
  readonly taken: LifecycleEvent[] = [];
  refuse: (event: LifecycleEvent) => boolean = () => false;
  async publish(event: LifecycleEvent): Promise<void> {
    if (this.refuse(event)) throw Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
    this.taken.push(event);
  }
}

let sequence = 0;

/** The record a `KEYS_ONLY` stream carries for an appended dossier event. */
function inserted(event: DossierEvent): DynamoDBRecord {
  sequence += 1;
  return {
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    dynamodb: {
      Keys: { PK: { S: `TRAJECTORY#${event.trajectoryId}` }, SK: { S: `EVENT#${event.id}` } },
      SequenceNumber: String(sequence).padStart(21, '0'),
      StreamViewType: 'KEYS_ONLY',
    },
  };
}

/** A trajectory with a started event, a task opened, a reminder (no lifecycle event) and a deadline missed. */
async function aStory(): Promise<DossierEvent[]> {
  const trajectory = aTrajectory();
  const id = trajectory.id;
  const opened: DossierEvent = {
    id: 'identify-1.opened',
    trajectoryId: id,
    at: '2026-03-02T09:00:00.000Z',
    type: 'task-opened',
    actor: { role: 'system' },
    taskId: 'identify-1',
    data: { task: 'identify', assignee: 'manager', dueAt: '2026-03-09T16:00:00.000Z' },
  };
  const reminded: DossierEvent = {
    ...opened,
    id: 'identify-1.task-reminded@2026-03-09T16:00:00.000Z',
    at: '2026-03-05T09:00:00.000Z',
    type: 'task-reminded',
    data: { dueAt: '2026-03-09T16:00:00.000Z', assignee: 'manager' },
  };
  const overdue: DossierEvent = {
    ...reminded,
    id: 'identify-1.task-overdue@2026-03-09T16:00:00.000Z',
    at: '2026-03-09T16:00:00.000Z',
    type: 'task-overdue',
  };
  const started: DossierEvent = {
    id: 'trajectory-started',
    trajectoryId: id,
    at: trajectory.createdAt,
    type: 'trajectory-started',
    actor: { role: 'hr' },
    data: { reason: trajectory.reason, locale: 'nl' },
  };
  await repository.createTrajectory(trajectory, [started]);
  for (const event of [opened, reminded, overdue]) await repository.appendEvent(event);
  return [started, opened, reminded, overdue];
}

const batch = (records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });
const typesOf = (bus: RecordingBus) => bus.taken.map((event) => `${event.detail.trajectoryId}:${event.type}`);

describe('the publisher of lifecycle events', () => {
  it('publishes each lifecycle event of a batch in order, skips the rest, and nothing more when the batch comes again', async () => {
    // Prepare
    const story = await aStory();
    const id = story[0]!.trajectoryId;
    const records = story.map(inserted);
    const bus = new RecordingBus();

    // Act
    const first = await publishLifecycleEvents({ outbox, bus, clock }, batch(records));
    const again = await publishLifecycleEvents({ outbox, bus, clock }, batch(records));

    // Assess
    expect(first.batchItemFailures).toEqual([]);
    expect(again.batchItemFailures).toEqual([]);
    expect(typesOf(bus)).toEqual([`${id}:TrajectoryStarted`, `${id}:TaskRequested`, `${id}:TaskOverdue`]);
    // The reason HR gave is in the dossier, never in the detail.
    expect(JSON.stringify(bus.taken)).not.toContain(aTrajectory().reason);
    expect(await outbox.isPublished(id, 'identify-1.task-overdue@2026-03-09T16:00:00.000Z')).toBe(true);
    expect(await outbox.isPublished(id, 'identify-1.task-reminded@2026-03-09T16:00:00.000Z')).toBe(false);
  });

  it('holds a trajectory back at its first failed put, lets the others through, and catches up in order on redelivery', async () => {
    // Prepare: two trajectories' records interleaved, as one shard may carry them.
    const a = await aStory();
    const b = await aStory();
    const [a0, a1, a2, a3] = a.map(inserted);
    const [b0, b1, b2, b3] = b.map(inserted);
    const records = [a0!, b0!, a1!, b1!, a2!, b2!, a3!, b3!];
    const bus = new RecordingBus();
    const aId = a[0]!.trajectoryId;
    const bId = b[0]!.trajectoryId;
    bus.refuse = (event) => event.detail.trajectoryId === aId && event.type === 'TaskRequested';

    // Act: the put of A's task request fails.
    const failed = await publishLifecycleEvents({ outbox, bus, clock }, batch(records));

    // Assess: A stopped before its request (its overdue notice not published ahead of it); B went on.
    expect(failed.batchItemFailures).toEqual([{ itemIdentifier: a1!.dynamodb!.SequenceNumber }]);
    expect(typesOf(bus)).toEqual([
      `${aId}:TrajectoryStarted`,
      `${bId}:TrajectoryStarted`,
      `${bId}:TaskRequested`,
      `${bId}:TaskOverdue`,
    ]);

    // Act: Lambda delivers again from the failed record on; the bus takes it now.
    bus.refuse = () => false;
    const retried = await publishLifecycleEvents({ outbox, bus, clock }, batch(records.slice(2)));

    // Assess: A's rest in order, nothing of B twice.
    expect(retried.batchItemFailures).toEqual([]);
    expect(typesOf(bus).slice(4)).toEqual([`${aId}:TaskRequested`, `${aId}:TaskOverdue`]);
    const ids = bus.taken.map((event) => event.detail.eventId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('skips a dossier event whose detail cannot be built, without holding back the ones after it', async () => {
    // Prepare: a pause written before pauses named their phase.
    const [started] = await aStory();
    const id = started!.trajectoryId;
    const paused: DossierEvent = {
      id: 'paused@2026-03-03T09:00:00.000Z',
      trajectoryId: id,
      at: '2026-03-03T09:00:00.000Z',
      type: 'paused',
      actor: { role: 'hr' },
      data: { reason: 'Ziek' },
    };
    const cancelled: DossierEvent = {
      id: 'trajectory-cancelled',
      trajectoryId: id,
      at: '2026-03-04T09:00:00.000Z',
      type: 'trajectory-cancelled',
      actor: { role: 'hr' },
      data: { reason: 'Uit dienst' },
    };
    await repository.appendEvent(paused);
    await repository.appendEvent(cancelled);
    const bus = new RecordingBus();

    // Act
    const answer = await publishLifecycleEvents(
      { outbox, bus, clock },
      batch([inserted(paused), inserted(cancelled), { eventName: 'MODIFY', dynamodb: {} }]),
    );

    // Assess
    expect(answer.batchItemFailures).toEqual([]);
    expect(typesOf(bus)).toEqual([`${id}:TrajectoryCancelled`]);
    expect(bus.taken[0]!.detail).toEqual({
      version: 1,
      eventId: `${id}/trajectory-cancelled`,
      trajectoryId: id,
      occurredAt: '2026-03-04T09:00:00.000Z',
      phase: 'closed',
    });
  });
});
