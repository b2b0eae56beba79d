/**
 * Lifecycle events on the local cloud (docs/events.md): a whole trajectory, with one missed
 * deadline that HR hears of, a pause and a resume, played through the public contract, and then
 * the local bus read through `GET /_local/events` as an integrator would. Every event is there
 * once, in the order it happened, each detail in its schema and with nothing personal in it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DETAIL_SCHEMAS, LIFECYCLE_EVENT_TYPES, type LifecycleEventType } from '#core/lifecycle-events.ts';
import {
  ACKNOWLEDGE,
  AFTERCARE,
  advanceTo,
  answer,
  APPROVE,
  conversation,
  createTrajectory,
  dossier,
  EMPLOYEE_RESPONSE,
  evaluation,
  IDENTIFY,
  mailsTo,
  MINUTE_MS,
  openTask,
  PLAN,
  startTestCloud,
  summary,
  throughFollowUps,
  today,
  type Run,
  type TestCloud,
} from './support.ts';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud.dispose();
});

interface BusEventJson {
  id: string;
  source: string;
  'detail-type': LifecycleEventType;
  time: string;
  detail: Record<string, unknown> & { eventId: string; trajectoryId: string; occurredAt: string };
}

async function busEvents(trajectoryId: string): Promise<BusEventJson[]> {
  const reply = await cloud.request('GET', `/_local/events?trajectoryId=${encodeURIComponent(trajectoryId)}`);
  expect(reply.status).toBe(200);
  return reply.body.events as BusEventJson[];
}

const REASON = { reason: 'Ziek gemeld door Sanne; de bedrijfsarts is ingeschakeld.' };

/** Every text a person put into the trajectory: none of it may travel on the bus. */
function personalTexts(run: Run): string[] {
  const { employee, manager, hrAdvisor } = run.people;
  return [
    employee.name,
    employee.email,
    manager.name,
    manager.email,
    hrAdvisor.name,
    hrAdvisor.email,
    'Sanne',
    'Pieter',
    'Fatima',
    REASON.reason,
    IDENTIFY.improvementAreas[0]!.title,
    PLAN.goals[0]!.title,
    AFTERCARE.employeeNotes,
    EMPLOYEE_RESPONSE.response,
  ];
}

describe('lifecycle events of a whole trajectory', () => {
  it('puts every event on the local bus once, in order, with ids, phases and due times only', async () => {
    // Prepare: HR starts a trajectory with a short term; the manager lets the first deadline pass.
    const run = await createTrajectory(cloud, { schedule: { termWeeks: 2, followUpEveryDays: 7 } });
    const identify = await openTask(run);
    await advanceTo(cloud, identify.dueAt, MINUTE_MS);
    expect(summary(await mailsTo(cloud, run.people.hrAdvisor.email))).toEqual(['escalation']);
    await answer(run, IDENTIFY);

    // The employee falls ill during the conversation phase; HR pauses and resumes.
    const paused = await cloud.request('POST', `/trajectories/${run.id}/pause`, {
      token: run.hr,
      body: REASON,
    });
    expect(paused.status).toBe(200);
    await cloud.advance({ days: 2 });
    const resumed = await cloud.request('POST', `/trajectories/${run.id}/resume`, { token: run.hr });
    expect(resumed.status).toBe(200);

    // Act: the rest of the trajectory, to its close.
    await answer(run, conversation(await today(cloud)));
    await answer(run, EMPLOYEE_RESPONSE, 'employee-response');
    await answer(run, PLAN, 'plan');
    await answer(run, APPROVE);
    await answer(run, ACKNOWLEDGE);
    await throughFollowUps(run);
    await answer(run, evaluation('successful'));
    await answer(run, APPROVE);
    for (
      let day = 0;
      day < 40 && (await dossier(run)).tasks.every((t: { kind: string }) => t.kind !== 'aftercare');
      day++
    ) {
      await cloud.advance({ days: 1 });
    }
    await answer(run, AFTERCARE);
    const closed = await dossier(run);
    expect(closed.status).toBe('completed');

    // Assess: what the bus holds for this trajectory.
    const events = await busEvents(run.id);
    const types = events.map((event) => event['detail-type']);
    const count = (type: LifecycleEventType) => types.filter((candidate) => candidate === type).length;

    // Each fact once: one start, one missed deadline and its escalation, one pause and resume,
    // one approval, one confirmation, one close; a request and a completion per task.
    for (const type of [
      'TrajectoryStarted',
      'TaskOverdue',
      'TaskEscalated',
      'PlanApproved',
      'TrajectoryPaused',
      'TrajectoryResumed',
      'DecisionConfirmed',
      'TrajectoryClosed',
    ] as const) {
      expect(count(type), type).toBe(1);
    }
    expect(count('TrajectoryCancelled')).toBe(0);
    const taskIds = closed.tasks.map((task: { id: string }) => task.id).sort();
    const about = (type: LifecycleEventType) =>
      events
        .filter((event) => event['detail-type'] === type)
        .map((event) => event.detail.taskId as string)
        .sort();
    expect(about('TaskRequested')).toEqual(taskIds);
    expect(about('TaskCompleted')).toEqual(taskIds);
    expect(new Set(events.map((event) => event.detail.eventId)).size).toBe(events.length);

    // In the order it happened: the trajectory's story, read off the bus.
    expect(types[0]).toBe('TrajectoryStarted');
    expect(types.at(-1)).toBe('TrajectoryClosed');
    const position = (type: LifecycleEventType, taskId?: string) =>
      events.findIndex(
        (event) => event['detail-type'] === type && (taskId === undefined || event.detail.taskId === taskId),
      );
    const story = [
      position('TaskRequested', 'identify-1'),
      position('TaskOverdue'),
      position('TaskEscalated'),
      position('TaskCompleted', 'identify-1'),
      position('TrajectoryPaused'),
      position('TrajectoryResumed'),
      position('TaskCompleted', 'plan-approval-1'),
      position('PlanApproved'),
      position('TaskRequested', 'plan-acknowledgement-1'),
      position('DecisionConfirmed'),
      position('TaskRequested', 'aftercare-1'),
      position('TrajectoryClosed'),
    ];
    expect(story.every((index) => index >= 0)).toBe(true);
    expect([...story].sort((a, b) => a - b)).toEqual(story);
    const times = events.map((event) => event.detail.occurredAt);
    expect([...times].sort()).toEqual(times);

    // Each detail is exactly its schema (strict: no field beyond it), about this trajectory.
    for (const event of events) {
      expect(event.source).toBe('verbetertraject');
      expect(DETAIL_SCHEMAS[event['detail-type']].safeParse(event.detail).success, event['detail-type']).toBe(
        true,
      );
      expect(event.detail).toMatchObject({ version: 1, trajectoryId: run.id });
      expect(event.time).toBe(event.detail.occurredAt);
    }
    expect(events.find((event) => event['detail-type'] === 'TaskOverdue')!.detail).toEqual({
      version: 1,
      eventId: expect.stringMatching(new RegExp(`^${run.id}/identify-1\\.`)),
      trajectoryId: run.id,
      occurredAt: expect.any(String),
      phase: 'identify',
      taskId: 'identify-1',
      kind: 'identify',
      assignee: 'manager',
      dueAt: identify.dueAt,
    });
    expect(events.find((event) => event['detail-type'] === 'TaskEscalated')!.detail).toMatchObject({
      taskId: 'identify-1',
      escalation: 1,
    });
    expect(events.find((event) => event['detail-type'] === 'TrajectoryPaused')!.detail.phase).toBe(
      'conversation',
    );

    // Nothing personal: no name, address or text anyone wrote, anywhere in the details.
    const details = JSON.stringify(events.map((event) => event.detail));
    for (const text of personalTexts(run)) expect(details).not.toContain(text);
    // No address at all (an event id may hold `@<due time>`, which is none).
    expect(details).not.toMatch(/[\w.+-]+@[\w-]+\.[a-z]{2,}/i);
  });

  it('tells of a cancelled trajectory once, and of nothing after it', async () => {
    // Prepare
    const run = await createTrajectory(cloud);

    // Act
    const cancelled = await cloud.request('POST', `/trajectories/${run.id}/cancel`, {
      token: run.hr,
      body: { reason: 'De medewerker is uit dienst gegaan.' },
    });
    expect(cancelled.status).toBe(200);
    await cloud.advance({ days: 30 });

    // Assess
    const types = (await busEvents(run.id)).map((event) => event['detail-type']);
    expect(types).toEqual(['TrajectoryStarted', 'TaskRequested', 'TrajectoryCancelled']);
    const all = (await cloud.request('GET', '/_local/events?type=TrajectoryCancelled')).body.events;
    expect(all.filter((event: BusEventJson) => event.detail.trajectoryId === run.id)).toHaveLength(1);
    expect(LIFECYCLE_EVENT_TYPES).toContain('TrajectoryCancelled');
  });
});
