/**
 * The local bus of `npm start` (docs/events.md, "On the local cloud"): `GET /_local/events` lists
 * what was put on it, filtered by type, trajectory or position; every event is forwarded to the URL
 * given at start, as EventBridge hands it to a target; and the bus keeps its events in the data
 * directory, so a restart finds them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEventBus } from '#local/event-bus.ts';
import { startTestCloud, type TestCloud } from './support.ts';

/** A subscriber's endpoint: keeps every body it is sent; answers 500 to the first `failFirst` posts. */
async function startReceiver(failFirst = 0): Promise<{ url: string; bodies: unknown[]; server: Server }> {
  const bodies: unknown[] = [];
  let posts = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      posts += 1;
      if (posts <= failFirst) {
        res.writeHead(500).end();
        return;
      }
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, server };
}

let receiver: Awaited<ReturnType<typeof startReceiver>>;
let cloud: TestCloud;

beforeAll(async () => {
  // The subscriber is down for the first post: the local bus tries again.
  receiver = await startReceiver(1);
  cloud = await startTestCloud({ forwardEventsTo: receiver.url });
});

afterAll(async () => {
  await cloud.dispose();
  await new Promise<void>((resolve) => receiver.server.close(() => resolve()));
});

async function startTrajectory(): Promise<string> {
  const token = await cloud.tokenFor('hr@example.nl', 'hr');
  const created = await cloud.request('POST', '/trajectories', {
    token,
    body: {
      employee: { name: 'Sanne de Boer', email: 'sanne@example.nl' },
      manager: { name: 'Pieter Visser', email: 'pieter@example.nl' },
      hrAdvisor: { name: 'Fatima El Amrani', email: 'hr@example.nl' },
      reason: 'Afspraken worden niet nagekomen.',
    },
  });
  expect(created.status).toBe(201);
  await cloud.advance({ hours: 0 });
  return created.body.id as string;
}

describe('the local bus', () => {
  it('lists the events of a new trajectory, by type, by trajectory and after a position', async () => {
    // Prepare
    const first = await startTrajectory();
    const second = await startTrajectory();

    // Act
    const all = (await cloud.request('GET', '/_local/events')).body.events;
    const ofFirst = (await cloud.request('GET', `/_local/events?trajectoryId=${first}`)).body.events;
    const started = (await cloud.request('GET', '/_local/events?type=TrajectoryStarted')).body.events;
    const afterFirst = (await cloud.request('GET', `/_local/events?after=${ofFirst.at(-1).id}`)).body.events;

    // Assess
    expect(ofFirst.map((event: { 'detail-type': string }) => event['detail-type'])).toEqual([
      'TrajectoryStarted',
      'TaskRequested',
    ]);
    expect(ofFirst[0]).toMatchObject({
      version: '0',
      source: 'verbetertraject',
      'detail-type': 'TrajectoryStarted',
      account: '000000000000',
      region: 'eu-west-1',
      resources: [],
      detail: { version: 1, trajectoryId: first, phase: 'identify' },
    });
    expect(all).toHaveLength(4);
    expect(started.map((event: { detail: { trajectoryId: string } }) => event.detail.trajectoryId)).toEqual([
      first,
      second,
    ]);
    expect(
      afterFirst.every((event: { detail: { trajectoryId: string } }) => event.detail.trajectoryId === second),
    ).toBe(true);
  });

  it('forwards every event to the URL given at start, as EventBridge delivers it, trying again when the URL fails', async () => {
    // Act
    await cloud.events.forwarded();

    // Assess: what the endpoint received is exactly what the bus holds, in the same order.
    const held = (await cloud.request('GET', '/_local/events')).body.events;
    expect(receiver.bodies).toEqual(held);
  });

  it('refuses an unknown query parameter with field errors', async () => {
    const reply = await cloud.request('GET', '/_local/events?email=sanne@example.nl');
    expect(reply.status).toBe(400);
    expect(reply.body.error.fieldErrors.map((error: { path: string }) => error.path)).toEqual(['email']);
  });
});

describe('the local bus itself', () => {
  const put = (bus: ReturnType<typeof startEventBus>, entries: unknown[]) =>
    bus.exchange({
      method: 'POST',
      path: '/',
      headers: { 'x-amz-target': 'AWSEvents.PutEvents' },
      body: JSON.stringify({ Entries: entries }),
    });

  it('keeps its events in its file, so a restarted cloud still lists them, and refuses a malformed entry as EventBridge does', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'verbetertraject-bus-'));
    const file = join(dir, 'events.jsonl');
    const options = {
      file,
      now: () => new Date('2026-03-02T09:00:00.000Z'),
      region: 'eu-west-1',
      account: '1',
    };
    try {
      const bus = startEventBus(options);

      // Act
      const answer = await put(bus, [
        {
          Source: 'verbetertraject',
          DetailType: 'TrajectoryStarted',
          Detail: '{"trajectoryId":"t-1"}',
          Time: 1772442000,
        },
        { Source: 'verbetertraject', DetailType: 'TrajectoryStarted', Detail: 'not json' },
      ]);
      const restarted = startEventBus(options);

      // Assess
      expect(answer.statusCode).toBe(200);
      const body = JSON.parse(answer.body);
      expect(body.FailedEntryCount).toBe(1);
      expect(body.Entries[1]).toMatchObject({ ErrorCode: 'MalformedDetail' });
      expect(bus.events()).toHaveLength(1);
      expect(bus.events()[0]).toMatchObject({
        time: '2026-03-02T09:00:00.000Z',
        detail: { trajectoryId: 't-1' },
      });
      expect(restarted.events()).toEqual(bus.events());
      expect((await put(bus, [])).statusCode).toBe(400);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
