import './env.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { termEnd } from '#core/schedule.ts';
import { completeTaskStep } from '#usecases/record-answer.ts';
import { TransientError } from '#usecases/errors.ts';
import { openTaskStep } from '#usecases/open-task.ts';
import { startDynalite, type LocalDynamo } from '../../support/dynalite.ts';
import { answer, DAY, dossier, harness, MONDAY, seedTrajectory, type Harness } from './support.ts';

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

const GOALS = [
  { title: 'Op tijd', specific: 'S', measure: 'M', target: 'T', deadline: '2026-05-29', support: 'Coach' },
];

const FOLLOW_UP = {
  heldOn: '2026-03-17',
  summary: 'Goed op weg.',
  progress: [{ goal: 0, status: 'on-track', notes: 'Alles op tijd.' }],
};

async function answeredFollowUp() {
  const trajectory = await seedTrajectory(h.repository, {
    phase: 'follow-up',
    goals: GOALS,
    termEndsAt: '2026-05-25T07:00:00.000Z',
    meetings: [
      { number: 1, plannedOn: '2026-03-16' },
      { number: 2, plannedOn: '2026-03-30' },
    ],
  });
  h.clock.set('2026-03-16T08:00:00.000Z');
  const { taskId } = await openTaskStep(h.deps, {
    trajectoryId: trajectory.id,
    task: 'follow-up',
    meeting: 1,
  });
  await answer(h.repository, trajectory.id, taskId, FOLLOW_UP, new Date('2026-03-17T12:00:00.000Z'));
  return { trajectory, taskId };
}

describe('CompleteTask', () => {
  it('records a follow-up, mails the employee the summary and names the next meeting', async () => {
    // Prepare
    const { trajectory, taskId } = await answeredFollowUp();

    // Act
    const output = await completeTaskStep(h.deps, { trajectoryId: trajectory.id, taskId });

    // Assess
    expect(output).toEqual({
      taskId,
      task: 'follow-up',
      // Meeting 2 is on Monday 30 March: its request goes out two working days ahead, on the
      // Thursday at 09:00 CET.
      nextFollowUp: { number: 2, at: '2026-03-26T08:00:00.000Z' },
      termEndsAt: '2026-05-25T07:00:00.000Z',
    });
    expect(h.mailer.sent.map((mail) => [mail.to[0], mail.subject])).toEqual([
      [trajectory.employee.email, 'Verslag van voortgangsgesprek 1'],
    ]);
    expect(h.mailer.sent[0]?.text).toContain('Op tijd: op koers. Alles op tijd.');
    const stored = await dossier(h.repository, trajectory.id);
    expect(stored.trajectory.meetings[0]).toMatchObject({ heldOn: '2026-03-17', taskId });
  });

  it('appends no duplicate event and sends no duplicate mail when retried', async () => {
    // Prepare
    const { trajectory, taskId } = await answeredFollowUp();
    const first = await completeTaskStep(h.deps, { trajectoryId: trajectory.id, taskId });
    const before = await dossier(h.repository, trajectory.id);

    // Act
    h.clock.set(new Date(h.clock.now().getTime() + DAY));
    const retries = [
      await completeTaskStep(h.deps, { trajectoryId: trajectory.id, taskId }),
      await completeTaskStep(h.deps, { trajectoryId: trajectory.id, taskId }),
    ];

    // Assess
    const after = await dossier(h.repository, trajectory.id);
    expect(retries).toEqual([first, first]);
    expect(after.events.map((event) => event.id)).toEqual(before.events.map((event) => event.id));
    expect(after.trajectory.version).toBe(before.trajectory.version);
    expect(h.mailer.sent).toHaveLength(1);
  });

  it('sends the summary on the retry when the first attempt could not', async () => {
    // Prepare
    const { trajectory, taskId } = await answeredFollowUp();
    h.mailer.failures = 1;

    // Act
    await expect(completeTaskStep(h.deps, { trajectoryId: trajectory.id, taskId })).rejects.toBeInstanceOf(
      TransientError,
    );
    await completeTaskStep(h.deps, { trajectoryId: trajectory.id, taskId });

    // Assess
    expect(h.mailer.sent).toHaveLength(1);
    const events = (await dossier(h.repository, trajectory.id)).events;
    expect(events.filter((event) => event.type === 'mail-sent' && event.taskId === taskId)).toHaveLength(1);
  });

  it("opens the employee's reaction to the report and starts its execution, once however often retried", async () => {
    // Prepare
    const { trajectory, taskId } = await answeredFollowUp();
    h.clock.set('2026-03-17T13:00:00.000Z');

    // Act: the step runs twice, as a retry after a lost answer would.
    await completeTaskStep(h.deps, { trajectoryId: trajectory.id, taskId });
    await completeTaskStep(h.deps, { trajectoryId: trajectory.id, taskId });

    // Assess: one open reaction about the report, its execution started by name (a repeat of a
    // start is harmless), and one request mail only once its own execution asks.
    const stored = await dossier(h.repository, trajectory.id);
    const reactions = stored.tasks.filter((task) => task.kind === 'follow-up-reaction');
    expect(reactions).toEqual([
      expect.objectContaining({
        id: 'follow-up-reaction-1',
        status: 'open',
        assignee: 'employee',
        about: taskId,
        meeting: 1,
        // Opened when the report was answered, so a retry derives the same deadline.
        openedAt: '2026-03-17T12:00:00.000Z',
      }),
    ]);
    expect(h.workflow.startedTasks).toEqual([
      `${trajectory.id}.follow-up-1`,
      // Opened with the follow-up; the report, recorded first, closed it.
      `${trajectory.id}.self-assessment-1`,
      `${trajectory.id}.follow-up-reaction-1`,
      `${trajectory.id}.follow-up-reaction-1`,
    ]);
    expect(stored.tasks.find((task) => task.kind === 'self-assessment')).toMatchObject({
      id: 'self-assessment-1',
      about: taskId,
      status: 'closed',
    });
    expect(stored.events.filter((event) => event.id === 'follow-up-reaction-1.opened')).toHaveLength(1);
    expect(h.mailer.to(trajectory.employee.email).map((mail) => mail.subject)).toEqual([
      'Verslag van voortgangsgesprek 1',
    ]);
  });

  it('starts the term when the plan is acknowledged', async () => {
    // Prepare
    const trajectory = await seedTrajectory(h.repository, { phase: 'plan', goals: GOALS });
    const { taskId } = await openTaskStep(h.deps, {
      trajectoryId: trajectory.id,
      task: 'plan-acknowledgement',
    });
    const acknowledged = new Date(MONDAY.getTime() + DAY);
    await answer(h.repository, trajectory.id, taskId, { acknowledged: true }, acknowledged);

    // Act
    const output = await completeTaskStep(h.deps, { trajectoryId: trajectory.id, taskId });

    // Assess
    const stored = await dossier(h.repository, trajectory.id);
    expect(output.termEndsAt).toBe(termEnd(acknowledged, 12).toISOString());
    expect(output.nextFollowUp?.number).toBe(1);
    expect(stored.trajectory).toMatchObject({ phase: 'follow-up', termEndsAt: output.termEndsAt });
    expect(stored.trajectory.meetings.length).toBeGreaterThanOrEqual(5);
    expect(stored.events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['plan-acknowledged', 'term-started']),
    );
  });

  it('confirms the decision, informs the employee of the outcome and plans the aftercare', async () => {
    // Prepare
    const trajectory = await seedTrajectory(h.repository, {
      phase: 'evaluation',
      goals: GOALS,
      // The term ended just before the evaluation opens (the workflow waits for it).
      termEndsAt: '2026-03-02T07:00:00.000Z',
    });
    const evaluation = await openTaskStep(h.deps, { trajectoryId: trajectory.id, task: 'evaluation' });
    await answer(
      h.repository,
      trajectory.id,
      evaluation.taskId,
      {
        summary: 'Behaald.',
        results: [{ goal: 0, outcome: 'achieved', notes: 'Ja.' }],
        decision: 'unsuccessful',
      },
      MONDAY,
    );
    await completeTaskStep(h.deps, { trajectoryId: trajectory.id, taskId: evaluation.taskId });
    const confirmation = await openTaskStep(h.deps, {
      trajectoryId: trajectory.id,
      task: 'decision-confirmation',
    });
    await answer(h.repository, trajectory.id, confirmation.taskId, { decision: 'approve' }, MONDAY);

    // Act
    const output = await completeTaskStep(h.deps, {
      trajectoryId: trajectory.id,
      taskId: confirmation.taskId,
    });

    // Assess
    expect(output).toMatchObject({
      decision: 'approve',
      outcome: 'unsuccessful',
      aftercareAt: '2026-03-30T07:00:00.000Z',
    });
    expect(h.mailer.to(trajectory.employee.email).map((mail) => mail.subject)).toEqual([
      'De uitkomst van je verbetertraject',
    ]);
    expect((await h.repository.getTrajectory(trajectory.id))?.decision).toBe('unsuccessful');
  });
});
