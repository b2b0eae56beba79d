import './env.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_CHECK_IN_SECONDS, MIN_CHECK_IN_SECONDS } from '#core/chasing.ts';
import { nextWorkingMoment } from '#core/working-days.ts';
import { chaseStep } from '#usecases/chase-task.ts';
import { TransientError } from '#usecases/errors.ts';
import { completeTaskStep } from '#usecases/record-answer.ts';
import { openTaskStep } from '#usecases/open-task.ts';
import { reportFailureStep } from '#usecases/report-failure.ts';
import { requestAction } from '#usecases/request-action.ts';
import { startDynalite, type LocalDynamo } from '../../support/dynalite.ts';
import { answer, DAY, dossier, harness, HOUR, linkHashIn, seedTrajectory, type Harness } from './support.ts';

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

/** A trajectory with the task open and its request mailed, as after the first Ask entry. */
async function asked(task: 'plan' | 'employee-response') {
  const trajectory = await seedTrajectory(h.repository, { phase: task === 'plan' ? 'plan' : 'conversation' });
  const opened = await openTaskStep(h.deps, { trajectoryId: trajectory.id, task });
  await requestAction(h.deps, { trajectoryId: trajectory.id, taskId: opened.taskId, taskToken: 'token-1' });
  h.mailer.sent.length = 0;
  return { trajectory, taskId: opened.taskId, due: Date.parse(opened.dueAt), checkIn: opened.checkIn };
}

/**
 * When the reminder comes: 48 h before the deadline, or 09:00 on the next working day when that
 * is a day without mail (the plan's deadline, Monday 16 March 2026: Saturday, so Monday 09:00).
 */
const remindAt = (due: number) => nextWorkingMoment(new Date(due - 48 * HOUR)).getTime();

const chaseAt = (trajectoryId: string, taskId: string, at: number) => {
  h.clock.set(new Date(at));
  return chaseStep(h.deps, { trajectoryId, taskId });
};

describe('Chase', () => {
  it('reminds the manager, then tells them and HR at the deadline, then HR again with attention after grace', async () => {
    // Prepare
    const { trajectory, taskId, due } = await asked('plan');
    const manager = trajectory.manager.email;
    const hr = trajectory.hrAdvisor.email;

    // Act
    const reminder = await chaseAt(trajectory.id, taskId, remindAt(due));
    const afterReminder = h.mailer.sent.map((mail) => mail.to[0]);
    const overdue = await chaseAt(trajectory.id, taskId, due);
    const afterOverdue = h.mailer.sent.slice(afterReminder.length).map((mail) => mail.to[0]);
    const attention = (await h.repository.getTrajectory(trajectory.id))?.attention;
    const second = await chaseAt(trajectory.id, taskId, due + 3 * DAY);

    // Assess
    expect(reminder).toEqual({ outcome: 'waiting', checkIn: (due - remindAt(due)) / 1000 });
    expect(afterReminder).toEqual([manager]);
    expect(h.mailer.sent[0]?.subject).toMatch(/^Herinnering: Het verbeterplan opstellen/);
    expect(overdue).toEqual({ outcome: 'waiting', checkIn: 3 * 24 * 3600 });
    expect(afterOverdue).toEqual([manager, hr]);
    expect(h.mailer.sent[1]?.subject).toMatch(/^Deadline verstreken/);
    expect(h.mailer.sent[2]?.subject).toMatch(/^Niet op tijd/);
    expect(h.mailer.sent[2]?.text).toContain('Mees de Vries (Leidinggevende)');
    expect(attention).toBe(false);
    expect(second).toEqual({ outcome: 'waiting', checkIn: MAX_CHECK_IN_SECONDS });
    expect(h.mailer.sent.slice(3).map((mail) => [mail.to[0], mail.subject.split(':')[0]])).toEqual([
      [hr, 'Aandacht nodig'],
    ]);
    const stored = await dossier(h.repository, trajectory.id);
    expect(stored.trajectory.attention).toBe(true);
    expect(stored.tasks[0]).toMatchObject({ chaseStage: 'escalated', status: 'open' });
    expect(stored.tasks[0]?.taskToken).toBeUndefined();
    expect(stored.events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['task-reminded', 'task-overdue', 'task-escalated', 'task-escalated-again']),
    );
  });

  it('clears the flag once the late task is answered, and keeps it for a step that failed', async () => {
    // Prepare: two plans escalated twice; the second trajectory also has a step that failed.
    const plain = await asked('plan');
    const failing = await asked('plan');
    for (const run of [plain, failing]) await chaseAt(run.trajectory.id, run.taskId, run.due);
    for (const run of [plain, failing]) await chaseAt(run.trajectory.id, run.taskId, run.due + 3 * DAY);
    await reportFailureStep(h.deps, {
      trajectoryId: failing.trajectory.id,
      state: 'Record plan',
      error: 'X',
    });
    const flagged = await Promise.all(
      [plain, failing].map(async (run) => (await dossier(h.repository, run.trajectory.id)).trajectory),
    );

    // Act: the manager finally answers both.
    for (const run of [plain, failing]) {
      await answer(h.repository, run.trajectory.id, run.taskId, { goals: [] }, new Date(run.due + 4 * DAY));
      await completeTaskStep(h.deps, { trajectoryId: run.trajectory.id, taskId: run.taskId });
    }

    // Assess
    expect(flagged[0]).toMatchObject({ attention: true, attentionReasons: [`late:${plain.taskId}`] });
    expect(flagged[1]).toMatchObject({
      attention: true,
      attentionReasons: [`late:${failing.taskId}`, 'failed:record-plan'],
    });
    const settled = (await dossier(h.repository, plain.trajectory.id)).trajectory;
    expect(settled.attention).toBe(false);
    expect(settled).not.toHaveProperty('attentionReasons');
    expect((await dossier(h.repository, failing.trajectory.id)).trajectory).toMatchObject({
      attention: true,
      attentionReasons: ['failed:record-plan'],
    });
  });

  it('puts a working link of its own into reminders and overdue notices', async () => {
    // Prepare
    const { trajectory, taskId, due } = await asked('plan');

    // Act
    await chaseAt(trajectory.id, taskId, remindAt(due));
    await chaseAt(trajectory.id, taskId, due);

    // Assess
    const [reminder, overdue, escalation] = h.mailer.sent;
    for (const mail of [reminder!, overdue!]) {
      expect(await h.repository.findActionLink(linkHashIn(mail))).toMatchObject({
        trajectoryId: trajectory.id,
        taskId,
      });
    }
    expect(linkHashIn(reminder!)).not.toBe(linkHashIn(overdue!));
    // The request's link stays the task's link.
    expect((await h.repository.getTask(trajectory.id, taskId))?.linkHash).not.toBe(linkHashIn(reminder!));
    // HR is told, not handed the manager's task.
    expect(escalation?.text).not.toContain('/actions/');
  });

  it('reminds an employee, then records no response, and never escalates', async () => {
    // Prepare
    const { trajectory, taskId, due } = await asked('employee-response');

    // Act
    const reminder = await chaseAt(trajectory.id, taskId, due - 48 * HOUR);
    const late = await chaseAt(trajectory.id, taskId, due);
    const again = await chaseAt(trajectory.id, taskId, due + 10 * DAY);

    // Assess
    expect(reminder.outcome).toBe('waiting');
    expect(late.outcome).toBe('no-response');
    expect(again.outcome).toBe('no-response');
    expect(h.mailer.sent.map((mail) => mail.to[0])).toEqual([trajectory.employee.email]);
    const stored = await dossier(h.repository, trajectory.id);
    expect(stored.tasks[0]?.status).toBe('no-response');
    expect(stored.trajectory.attention).toBe(false);
    expect(stored.events.filter((event) => event.type === 'no-response')).toHaveLength(1);
    expect(stored.events.some((event) => event.type.startsWith('task-escalated'))).toBe(false);
  });

  it('sends nothing twice when retried, and finishes the mails a failed attempt left', async () => {
    // Prepare
    const { trajectory, taskId, due } = await asked('plan');
    h.mailer.failures = 0;
    h.clock.set(new Date(due));
    // The escalation to HR fails: the overdue notice went, the stage is not stored yet.
    const sendOnce = h.mailer.send.bind(h.mailer);
    let calls = 0;
    h.mailer.send = async (mail) => {
      calls++;
      if (calls === 2) throw new Error('SES unavailable');
      return sendOnce(mail);
    };

    // Act
    const failed = chaseStep(h.deps, { trajectoryId: trajectory.id, taskId });
    await expect(failed).rejects.toBeInstanceOf(TransientError);
    const stageAfterFailure = (await h.repository.getTask(trajectory.id, taskId))?.chaseStage;
    await chaseStep(h.deps, { trajectoryId: trajectory.id, taskId });
    await chaseStep(h.deps, { trajectoryId: trajectory.id, taskId });

    // Assess
    expect(stageAfterFailure).toBe('none');
    expect(h.mailer.sent.map((mail) => mail.to[0])).toEqual([
      trajectory.manager.email,
      trajectory.hrAdvisor.email,
    ]);
    expect((await h.repository.getTask(trajectory.id, taskId))?.chaseStage).toBe('overdue');
  });

  it('answers done for a task answered between a timeout and the next Ask entry', async () => {
    // Prepare
    const { trajectory, taskId, due } = await asked('plan');
    await answer(h.repository, trajectory.id, taskId, { goals: [] }, new Date(due - 50 * HOUR));

    // Act
    const result = await chaseAt(trajectory.id, taskId, due - 48 * HOUR);

    // Assess
    expect(result).toEqual({ outcome: 'done', checkIn: MIN_CHECK_IN_SECONDS });
    expect(h.mailer.sent).toEqual([]);
  });

  it('chases a moved deadline afresh', async () => {
    // Prepare
    const { trajectory, taskId, due } = await asked('plan');
    await chaseAt(trajectory.id, taskId, due);
    const task = await h.repository.getTask(trajectory.id, taskId);
    const newDue = due + 7 * DAY;
    await h.repository.updateTask({ ...task!, dueAt: new Date(newDue).toISOString(), chaseStage: 'none' });
    h.mailer.sent.length = 0;

    // Act
    const woken = await chaseAt(trajectory.id, taskId, due + HOUR);
    const reminded = await chaseAt(trajectory.id, taskId, remindAt(newDue));

    // Assess
    expect(woken).toEqual({ outcome: 'waiting', checkIn: (remindAt(newDue) - due - HOUR) / 1000 });
    expect(reminded.outcome).toBe('waiting');
    expect(h.mailer.sent.map((mail) => mail.subject.split(':')[0])).toEqual(['Herinnering']);
  });
});
