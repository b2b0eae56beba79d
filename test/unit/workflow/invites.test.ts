import './env.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { extended } from '#core/actions.ts';
import { TransientError } from '#usecases/errors.ts';
import { openTaskStep } from '#usecases/open-task.ts';
import { requestAction, type RequestActionDeps } from '#usecases/request-action.ts';
import { startDynalite, type LocalDynamo } from '../../support/dynalite.ts';
import { dossier, harness, HOUR, seedTrajectory, type Harness } from './support.ts';

const ORGANIZER = 'Verbetertraject <verbetertraject@example.test>';

let dynamo: LocalDynamo;
let h: Harness;
let deps: RequestActionDeps;

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  await dynamo.stop();
});

beforeEach(async () => {
  h = await harness(dynamo);
  deps = { ...h.deps, calendar: { organizer: ORGANIZER } };
});

async function openConversation() {
  const trajectory = await seedTrajectory(h.repository, { phase: 'conversation' });
  const { taskId } = await openTaskStep(h.deps, { trajectoryId: trajectory.id, task: 'conversation' });
  return { trajectory, taskId };
}

const calendarPart = (mail: { attachments?: { content: string }[] } | undefined) =>
  mail?.attachments?.[0]?.content ?? '';

describe('RequestAction with calendar invites', () => {
  it('sends the manager the request with the invite and the employee the invite, once across entries', async () => {
    // Prepare
    const { trajectory, taskId } = await openConversation();

    // Act: the first entry, then two more (after reminders).
    for (const token of ['token-1', 'token-2', 'token-3']) {
      await requestAction(deps, { trajectoryId: trajectory.id, taskId, taskToken: token });
      h.clock.set(new Date(h.clock.now().getTime() + HOUR));
    }

    // Assess
    const [request] = h.mailer.to(trajectory.manager.email);
    const employeeMails = h.mailer.to(trajectory.employee.email);
    expect(h.mailer.to(trajectory.manager.email)).toHaveLength(1);
    expect(employeeMails).toHaveLength(1);
    expect(employeeMails[0]!.subject).toBe('Uitnodiging: gesprek met Mees de Vries');
    expect(calendarPart(request)).toContain(`UID:${trajectory.id}.conversation-1@verbetertraject`);
    expect(calendarPart(employeeMails[0])).toBe(calendarPart(request));
    const events = (await dossier(h.repository, trajectory.id)).events;
    const sent = events.filter((event) => event.type === 'mail-sent');
    expect(sent.map((event) => `${event.data?.mail}:${event.data?.to}`).sort()).toEqual([
      'meeting-invite:employee',
      'task-request:manager',
    ]);
  });

  it('sends the employee the update when the meeting moved, on the next entry', async () => {
    // Prepare
    const { trajectory, taskId } = await openConversation();
    await requestAction(deps, { trajectoryId: trajectory.id, taskId, taskToken: 'token-1' });
    const task = (await h.repository.getTask(trajectory.id, taskId))!;
    await h.repository.updateTask(extended(task, 2, h.clock.now()));

    // Act: the Ask state is woken and entered again.
    await requestAction(deps, { trajectoryId: trajectory.id, taskId, taskToken: 'token-2' });

    // Assess
    const employeeMails = h.mailer.to(trajectory.employee.email);
    expect(employeeMails.map((mail) => mail.subject)).toEqual([
      'Uitnodiging: gesprek met Mees de Vries',
      'Uitnodiging verplaatst: gesprek met Mees de Vries',
    ]);
    expect(calendarPart(employeeMails[0])).toContain('SEQUENCE:0\r\n');
    expect(calendarPart(employeeMails[1])).toMatch(/SEQUENCE:[1-9]\d*\r\n/);
  });

  it('gives the invite’s claim back when its send fails, so the retried entry sends it', async () => {
    // Prepare
    const { trajectory, taskId } = await openConversation();
    await requestAction(
      { ...deps, calendar: undefined },
      { trajectoryId: trajectory.id, taskId, taskToken: 't1' },
    );
    h.mailer.failures = 1;

    // Act
    const failed = requestAction(deps, { trajectoryId: trajectory.id, taskId, taskToken: 't2' });

    // Assess
    await expect(failed).rejects.toBeInstanceOf(TransientError);
    expect(h.mailer.to(trajectory.employee.email)).toHaveLength(0);
    await requestAction(deps, { trajectoryId: trajectory.id, taskId, taskToken: 't3' });
    expect(h.mailer.to(trajectory.employee.email)).toHaveLength(1);
  });

  it('attaches nothing to a task that is no meeting', async () => {
    const trajectory = await seedTrajectory(h.repository, { phase: 'plan' });
    const { taskId } = await openTaskStep(h.deps, { trajectoryId: trajectory.id, task: 'plan' });

    await requestAction(deps, { trajectoryId: trajectory.id, taskId, taskToken: 'token-1' });

    expect(h.mailer.sent.map((mail) => mail.attachments)).toEqual([undefined]);
    expect(h.mailer.to(trajectory.employee.email)).toHaveLength(0);
  });
});
