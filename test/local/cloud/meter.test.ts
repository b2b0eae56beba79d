/**
 * The local cloud's meter (local/meter.ts), which the simulation prices trajectories with: each
 * trajectory is charged for its own API requests, Lambda invocations and DynamoDB units, also for
 * the action-link requests whose URL names no trajectory; and the outbox reads on from a cursor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_STATE_MACHINE_ARN, LOCAL_TASK_STATE_MACHINE_ARN } from '#local/cloud.ts';
import { LocalMeter, transitionsOf } from '#local/meter.ts';
import { startTestCloud, type TestCloud } from './support.ts';

const meter = new LocalMeter();
let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ meter });
});
afterAll(async () => {
  await cloud.dispose();
});

const people = (tag: string) => ({
  employee: { name: 'Daan Smit', email: `daan.${tag}@example.nl` },
  manager: { name: 'Lotte Mulder', email: `lotte.${tag}@example.nl` },
  hrAdvisor: { name: 'Noor Bos', email: `noor.${tag}@example.nl` },
  reason: 'Deadlines worden gemist.',
});

describe('the meter', () => {
  it('charges each trajectory its own requests, invocations, transitions and DynamoDB units', async () => {
    // Prepare: two trajectories, the first one's identify task answered through its link.
    const token = await cloud.tokenFor('hr@example.nl', 'hr');
    const first = await cloud.request('POST', '/trajectories', { token, body: people('a') });
    const second = await cloud.request('POST', '/trajectories', { token, body: people('b') });
    await cloud.advance({ hours: 0 });
    const [request] = await cloud.outbox('lotte.a@example.nl');
    const link = /\/actions\/[A-Za-z0-9_-]+/.exec(request!.text)![0];

    // Act
    const opened = await cloud.request('GET', link, { headers: { accept: 'application/json' } });
    const answered = await cloud.request('POST', link, {
      body: { improvementAreas: [{ title: 'Deadlines halen', examples: ['Rapport te laat'] }] },
    });
    await cloud.advance({ hours: 0 });

    // Assess
    expect([first.status, second.status, opened.status, answered.status]).toEqual([201, 201, 200, 200]);
    const a = meter.byTrajectory().get(first.body.id)!;
    const b = meter.byTrajectory().get(second.body.id)!;
    // Create, then the link opened and answered: three requests, none of them the other's.
    expect(a.apiRequests).toBe(3);
    expect(b.apiRequests).toBe(1);
    // The answer ran Record, Open and Ask for the conversation on top of the create's Open and Ask.
    expect(a.invocations - a.apiRequests).toBeGreaterThan(b.invocations - b.apiRequests);
    for (const usage of [a, b]) {
      expect(usage.readUnits).toBeGreaterThan(0);
      expect(usage.writeUnits).toBeGreaterThan(0);
      expect(usage.dynamoCalls.PutItemCommand).toBeGreaterThan(0);
      expect(usage.billedMs).toBeGreaterThanOrEqual(usage.invocations);
    }
    expect(a.dynamoCalls.QueryCommand).toBeGreaterThan(b.dynamoCalls.QueryCommand!);
    // Per function too: the link opened reads it (GetItem), the answer writes it.
    const byFunction = new Map(meter.byFunction().map((fn) => [fn.handler, fn]));
    expect(byFunction.get('api/get-action')?.invocations).toBe(1);
    expect(byFunction.get('api/get-action')?.dynamoCalls.GetItemCommand).toBeGreaterThan(0);
    expect(byFunction.get('api/get-action')?.dynamoCalls.PutItemCommand).toBeUndefined();
    const answerCalls = byFunction.get('api/submit-action')?.dynamoCalls ?? {};
    expect((answerCalls.PutItemCommand ?? 0) + (answerCalls.UpdateItemCommand ?? 0)).toBeGreaterThan(0);

    const history = async (machine: string, name: string) =>
      (
        await cloud.engine.getExecutionHistory({
          executionArn: `${machine.replace(':stateMachine:', ':execution:')}:${name}`,
        })
      ).events;
    const transitions = transitionsOf(await history(LOCAL_STATE_MACHINE_ARN, first.body.id));
    // The process: Open and the start of the task, for identify and for the conversation.
    expect(transitions.total).toBe(4);
    expect(transitions.byState.get('Ask manager to identify improvement areas')).toBe(1);
    // Each task in its own execution: Ask and Record for identify, Ask for the conversation.
    const identify = transitionsOf(
      await history(LOCAL_TASK_STATE_MACHINE_ARN, `${first.body.id}.identify-1`),
    );
    expect(Object.fromEntries(identify.byState)).toEqual({ 'Ask for the answer': 1, 'Record the answer': 1 });
    expect(
      transitionsOf(await history(LOCAL_TASK_STATE_MACHINE_ARN, `${first.body.id}.conversation-1`)).total,
    ).toBe(1);
    expect(transitionsOf(await history(LOCAL_STATE_MACHINE_ARN, second.body.id)).total).toBe(2);
  });

  it('lets the outbox be read on from the last message seen (`?after=`)', async () => {
    const all = await cloud.outbox();
    expect(all.length).toBeGreaterThan(2);

    const { body } = await cloud.request('GET', `/_local/outbox?after=${encodeURIComponent(all[1]!.id)}`);

    expect(body.messages.map((message: { id: string }) => message.id)).toEqual(all.slice(2).map((m) => m.id));
  });
});
