import './env.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TransientError } from '#usecases/errors.ts';
import { openTaskStep } from '#usecases/open-task.ts';
import { requestAction } from '#usecases/request-action.ts';
import { startDynalite, type LocalDynamo } from '../../support/dynalite.ts';
import {
  answer,
  BASE_URL,
  dossier,
  harness,
  HOUR,
  linkHashIn,
  MONDAY,
  seedTrajectory,
  type Harness,
} from './support.ts';

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

async function openPlan() {
  const trajectory = await seedTrajectory(h.repository, { phase: 'plan' });
  const { taskId } = await openTaskStep(h.deps, { trajectoryId: trajectory.id, task: 'plan' });
  return { trajectory, taskId };
}

describe('RequestAction', () => {
  it('stores every new token, but mints the link and mails the request only on the first entry', async () => {
    // Prepare
    const { trajectory, taskId } = await openPlan();

    // Act
    const entries = [];
    for (const token of ['token-1', 'token-2', 'token-3']) {
      entries.push(await requestAction(h.deps, { trajectoryId: trajectory.id, taskId, taskToken: token }));
      h.clock.set(new Date(h.clock.now().getTime() + HOUR));
    }

    // Assess
    expect(entries.map((entry) => [entry.status, entry.requested])).toEqual([
      ['waiting', true],
      ['waiting', false],
      ['waiting', false],
    ]);
    const mails = h.mailer.to(trajectory.manager.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe('Gevraagd: Het verbeterplan opstellen – verbetertraject Eva Jansen');
    expect(mails[0]?.text).toContain(`${BASE_URL}/actions/`);
    const task = await h.repository.getTask(trajectory.id, taskId);
    expect(task).toMatchObject({ taskToken: 'token-3', requestedAt: MONDAY.toISOString() });
    // The mailed link is the task's link, and it leads to this task.
    expect(task?.linkHash).toBe(linkHashIn(mails[0]!));
    expect(await h.repository.findActionLink(task!.linkHash!)).toMatchObject({
      trajectoryId: trajectory.id,
      taskId,
    });
    const events = (await dossier(h.repository, trajectory.id)).events;
    expect(events.filter((event) => event.type === 'mail-sent' && event.taskId === taskId)).toHaveLength(1);
  });

  it('completes the step itself when the answer came while no token was live', async () => {
    // Prepare
    const { trajectory, taskId } = await openPlan();
    await requestAction(h.deps, { trajectoryId: trajectory.id, taskId, taskToken: 'token-1' });
    // The Ask state timed out (Chase spent the token), then the manager answered.
    await answer(h.repository, trajectory.id, taskId, { goals: [] }, new Date(MONDAY.getTime() + HOUR));

    // Act
    const entry = await requestAction(h.deps, { trajectoryId: trajectory.id, taskId, taskToken: 'token-2' });

    // Assess
    expect(entry).toEqual({ taskId, status: 'completed', requested: false });
    expect(h.workflow.completed).toEqual([{ taskToken: 'token-2', output: { taskId } }]);
    expect(h.mailer.sent).toHaveLength(1);
  });

  it('gives the claim back when the mail cannot be sent, so the retry sends it', async () => {
    // Prepare
    const { trajectory, taskId } = await openPlan();
    h.mailer.failures = 1;

    // Act
    const failed = requestAction(h.deps, { trajectoryId: trajectory.id, taskId, taskToken: 'token-1' });
    await expect(failed).rejects.toBeInstanceOf(TransientError);
    const afterFailure = await h.repository.getTask(trajectory.id, taskId);
    const retried = await requestAction(h.deps, {
      trajectoryId: trajectory.id,
      taskId,
      taskToken: 'token-2',
    });

    // Assess
    expect(afterFailure?.requestedAt).toBeUndefined();
    expect(retried.requested).toBe(true);
    expect(h.mailer.sent).toHaveLength(1);
    const task = await h.repository.getTask(trajectory.id, taskId);
    expect(task?.linkHash).toBe(linkHashIn(h.mailer.sent[0]!));
  });

  it('stores nothing for a trajectory that was cancelled', async () => {
    // Prepare
    const { trajectory, taskId } = await openPlan();
    const stored = await h.repository.getTrajectory(trajectory.id);
    await h.repository.updateTrajectory({ ...stored!, status: 'cancelled' });

    // Act
    const entry = await requestAction(h.deps, { trajectoryId: trajectory.id, taskId, taskToken: 'token-1' });

    // Assess
    expect(entry.status).toBe('closed');
    expect((await h.repository.getTask(trajectory.id, taskId))?.taskToken).toBeUndefined();
    expect(h.mailer.sent).toEqual([]);
  });
});
