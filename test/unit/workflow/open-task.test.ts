import './env.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTaskStep } from '#usecases/open-task.ts';
import { startDynalite, type LocalDynamo } from '../../support/dynalite.ts';
import { DAY, dossier, harness, MONDAY, seedTrajectory, type Harness } from './support.ts';

let dynamo: LocalDynamo;
let h: Harness;

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  await dynamo.stop();
});

beforeEach(async () => {
  h = await harness(dynamo);
});

describe('OpenTask', () => {
  it('opens the task with its due time and first checkpoint, and tells the employee nothing yet', async () => {
    // Prepare
    const trajectory = await seedTrajectory(h.repository);

    // Act
    const output = await openTaskStep(h.deps, { trajectoryId: trajectory.id, task: 'identify' });

    // Assess
    expect(output).toEqual({
      taskId: 'identify-1',
      dueAt: '2026-03-09T16:00:00.000Z',
      // The reminder, 48 h before, would be Saturday 7 March: it comes Monday 9 March at 09:00.
      checkIn: (Date.parse('2026-03-09T08:00:00.000Z') - MONDAY.getTime()) / 1000,
    });
    const stored = await dossier(h.repository, trajectory.id);
    expect(stored.tasks.map((task) => [task.id, task.status, task.assignee])).toEqual([
      ['identify-1', 'open', 'manager'],
    ]);
    expect(stored.events.map((event) => event.type).sort()).toEqual(['task-opened', 'trajectory-started']);
    // A fair start: the employee hears of the trajectory from the manager first, in the
    // conversation; the mail that names it follows once that is recorded.
    expect(h.mailer.sent).toEqual([]);
  });

  it('returns the already open task on a retry, and never mails twice', async () => {
    // Prepare
    const trajectory = await seedTrajectory(h.repository);
    const first = await openTaskStep(h.deps, { trajectoryId: trajectory.id, task: 'identify' });

    // Act
    h.clock.set(new Date(MONDAY.getTime() + 60_000));
    const retried = await openTaskStep(h.deps, { trajectoryId: trajectory.id, task: 'identify' });
    const concurrent = await Promise.all([
      openTaskStep(h.deps, { trajectoryId: trajectory.id, task: 'identify' }),
      openTaskStep(h.deps, { trajectoryId: trajectory.id, task: 'identify' }),
    ]);

    // Assess
    expect(retried.taskId).toBe(first.taskId);
    expect(retried.dueAt).toBe(first.dueAt);
    expect(concurrent.map((output) => output.taskId)).toEqual(['identify-1', 'identify-1']);
    const stored = await dossier(h.repository, trajectory.id);
    expect(stored.tasks).toHaveLength(1);
    expect(stored.events.filter((event) => event.type === 'task-opened')).toHaveLength(1);
    expect(h.mailer.sent).toHaveLength(0);
  });

  it('opens a follow-up for its meeting and moves the phase', async () => {
    // Prepare
    const trajectory = await seedTrajectory(h.repository, {
      phase: 'plan',
      meetings: [{ number: 1, plannedOn: '2026-03-16' }],
    });
    h.clock.set(new Date(MONDAY.getTime() + 14 * DAY));

    // Act
    const output = await openTaskStep(h.deps, { trajectoryId: trajectory.id, task: 'follow-up', meeting: 1 });

    // Assess
    expect(output.taskId).toBe('follow-up-1');
    const stored = await dossier(h.repository, trajectory.id);
    expect(stored.trajectory.phase).toBe('follow-up');
    expect(stored.trajectory.meetings).toEqual([
      { number: 1, plannedOn: '2026-03-16', taskId: 'follow-up-1' },
    ]);
    expect(h.mailer.sent).toEqual([]);
    // Nobody waits for the report, nor for the self-assessment that opens with it (opened on the
    // meeting's day, it is due with the report): this step starts both executions.
    expect(h.workflow.startedTasks).toEqual([
      `${trajectory.id}.follow-up-1`,
      `${trajectory.id}.self-assessment-1`,
    ]);
  });

  it("opens the employee's self-assessment with a follow-up and starts it, once however often retried", async () => {
    // Prepare: the follow-up of Monday 16 March is asked for on Thursday 12 March at 09:00.
    const trajectory = await seedTrajectory(h.repository, {
      phase: 'follow-up',
      meetings: [{ number: 1, plannedOn: '2026-03-16' }],
    });
    h.clock.set('2026-03-12T08:00:00.000Z');
    const input = {
      trajectoryId: trajectory.id,
      task: 'follow-up' as const,
      meeting: 1,
      runSuffix: '.rmabc',
    };

    // Act
    await openTaskStep(h.deps, input);
    h.clock.set('2026-03-12T08:05:00.000Z');
    await openTaskStep(h.deps, input);

    // Assess: one self-assessment about the follow-up, due at 17:00 the working day before the
    // meeting; its execution started by name with the process's suffix (a repeat is harmless).
    const stored = await dossier(h.repository, trajectory.id);
    expect(stored.tasks.map((task) => [task.id, task.assignee, task.about, task.dueAt])).toEqual([
      ['follow-up-1', 'manager', undefined, '2026-03-19T16:00:00.000Z'],
      ['self-assessment-1', 'employee', 'follow-up-1', '2026-03-13T16:00:00.000Z'],
    ]);
    expect(stored.events.filter((event) => event.id === 'self-assessment-1.opened')).toHaveLength(1);
    expect(h.workflow.startedTasks).toEqual([
      `${trajectory.id}.follow-up-1.rmabc`,
      `${trajectory.id}.self-assessment-1.rmabc`,
      `${trajectory.id}.follow-up-1.rmabc`,
      `${trajectory.id}.self-assessment-1.rmabc`,
    ]);
    // Its request is mailed when its own execution asks, not here.
    expect(h.mailer.sent).toEqual([]);
  });

  it('starts the execution of a task nobody waits for, and of no other', async () => {
    // Prepare
    const trajectory = await seedTrajectory(h.repository, { phase: 'conversation' });

    // Act
    await openTaskStep(h.deps, {
      trajectoryId: trajectory.id,
      task: 'employee-response',
      runSuffix: '.rmabc',
    });
    await openTaskStep(h.deps, { trajectoryId: trajectory.id, task: 'plan', runSuffix: '.rmabc' });

    // Assess: the plan's execution is the process's to start (it waits for the answer).
    expect(h.workflow.startedTasks).toEqual([`${trajectory.id}.employee-response-1.rmabc`]);
  });

  it("settles the process's failures once it opens a task again, and leaves a failed task's", async () => {
    // Prepare: opening the plan failed before, and so did recording a follow-up report, which the
    // process does not wait for.
    const trajectory = await seedTrajectory(h.repository, {
      phase: 'conversation',
      attention: true,
      attentionReasons: ['failed:open-plan-task', 'failed:follow-up-1:record-the-answer'],
    });

    // Act
    await openTaskStep(h.deps, { trajectoryId: trajectory.id, task: 'plan' });

    // Assess
    expect((await dossier(h.repository, trajectory.id)).trajectory).toMatchObject({
      attention: true,
      attentionReasons: ['failed:follow-up-1:record-the-answer'],
    });
  });

  it('settles them as well when the process goes another way, by a signal', async () => {
    // Prepare
    const trajectory = await seedTrajectory(h.repository, {
      phase: 'follow-up',
      attention: true,
      attentionReasons: ['failed:open-follow-up-task'],
    });

    // Act
    const opening = openTaskStep(h.deps, { trajectoryId: trajectory.id, task: 'follow-up', meeting: null });

    // Assess: the signal still goes to the state machine.
    await expect(opening).rejects.toMatchObject({ name: 'FollowUpsDone' });
    const stored = (await dossier(h.repository, trajectory.id)).trajectory;
    expect(stored.attention).toBe(false);
    expect(stored).not.toHaveProperty('attentionReasons');
  });

  it('answers FollowUpsDone past the last meeting, and opens nothing', async () => {
    // Prepare
    const trajectory = await seedTrajectory(h.repository, { phase: 'follow-up' });

    // Act + Assess
    await expect(
      openTaskStep(h.deps, { trajectoryId: trajectory.id, task: 'follow-up', meeting: null }),
    ).rejects.toMatchObject({ name: 'FollowUpsDone' });
    expect((await dossier(h.repository, trajectory.id)).tasks).toEqual([]);
    expect(h.workflow.startedTasks).toEqual([]);
  });
});
