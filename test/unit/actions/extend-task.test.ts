import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { MessageRejected, SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { SendTaskFailureCommand, SFNClient, TaskDoesNotExist } from '@aws-sdk/client-sfn';
import { DynamoMailLedger } from '#adapters/dynamo-mail-ledger.ts';
import type { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import { SesMailer } from '#adapters/ses-mailer.ts';
import { extendTaskHandler } from '#api/extend-task.ts';
import { formatInstant } from '#core/dates-in-words.ts';
import { startDynalite, type LocalDynamo } from '../../support/dynalite.ts';
import { claimsFor, fixedClock, freshStore, NOW, workflowClient, type Claims } from '../api/support.ts';
import { hrEvent, invoke, seedTask, snapshot } from './support.ts';

vi.hoisted(() => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});

const sfnMock = mockClient(SFNClient);
const sesMock = mockClient(SESv2Client);
let dynamo: LocalDynamo;
let repository: DynamoTrajectoryRepository;
let ledger: DynamoMailLedger;
let handler: ReturnType<typeof extendTaskHandler>;

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  await dynamo.stop();
});

let messageIds = 0;
beforeEach(async () => {
  let tableName: string;
  ({ repository, tableName } = await freshStore(dynamo));
  ledger = new DynamoMailLedger(dynamo.client, tableName);
  sfnMock.on(SendTaskFailureCommand).resolves({});
  sesMock.on(SendEmailCommand).callsFake(() => ({ MessageId: `message-${++messageIds}` }));
  handler = extendTaskHandler({
    repository,
    workflow: workflowClient(),
    mailer: new SesMailer(new SESv2Client({}), 'noreply@example.test'),
    ledger,
    clock: fixedClock,
  });
});

afterEach(() => {
  sfnMock.reset();
  sesMock.reset();
});

const ROUTE = '/trajectories/{id}/tasks/{taskId}/extend';

const extend = (id: string, taskId: string, body: unknown, claims: Claims = claimsFor('hr')) =>
  invoke(handler, hrEvent(ROUTE, { id, taskId }, body, claims));

const wakeCalls = () => sfnMock.commandCalls(SendTaskFailureCommand).map((call) => call.args[0].input);

/** Every mail sent, as the assignee sees it. */
const mails = () =>
  sesMock.commandCalls(SendEmailCommand).map((call) => {
    const input = call.args[0].input;
    return {
      to: input.Destination?.ToAddresses,
      subject: input.Content?.Simple?.Subject?.Data ?? '',
      text: input.Content?.Simple?.Body?.Text?.Data ?? '',
    };
  });

/** The `deadline-moved` entries of the dossier: which role was told. */
async function told(trajectoryId: string) {
  const dossier = (await repository.getDossier(trajectoryId))!;
  return dossier.events
    .filter((event) => event.type === 'mail-sent' && event.data?.mail === 'deadline-moved')
    .map((event) => ({ id: event.id, taskId: event.taskId, to: event.data?.to }));
}

describe('POST /trajectories/{id}/tasks/{taskId}/extend', () => {
  it('moves the due time, restarts the chasing and wakes the waiting step with DueTimeMoved', async () => {
    // Prepare: due Thursday 5 March 2026, 17:00 in Amsterdam; the reminder went out already.
    const { trajectory, task } = await seedTask(repository, { chaseStage: 'reminded' });

    // Act
    const reply = await extend(trajectory.id, task.id, { days: 1 });

    // Assess
    expect(reply.statusCode).toBe(200);
    expect(reply.json).toMatchObject({
      id: task.id,
      status: 'open',
      dueAt: '2026-03-06T16:00:00.000Z',
      chaseStage: 'none',
      version: 1,
    });
    expect(await repository.getTask(trajectory.id, task.id)).toMatchObject({
      dueAt: '2026-03-06T16:00:00.000Z',
      chaseStage: 'none',
      taskToken: task.taskToken,
    });
    const dossier = (await repository.getDossier(trajectory.id))!;
    expect(dossier.events.filter((event) => event.type === 'due-date-extended')).toEqual([
      {
        id: `${task.id}.due-date-extended@${task.dueAt}`,
        trajectoryId: trajectory.id,
        at: NOW.toISOString(),
        type: 'due-date-extended',
        actor: { role: 'hr' },
        taskId: task.id,
        data: { days: 1, previousDueAt: task.dueAt, dueAt: '2026-03-06T16:00:00.000Z' },
      },
    ]);
    expect(wakeCalls()).toEqual([
      { taskToken: task.taskToken, error: 'DueTimeMoved', cause: 'The due time of the task was moved.' },
    ]);
    // The assignee (the manager, for `identify`) is told the new deadline, once.
    expect(mails()).toHaveLength(1);
    expect(mails()[0]!.to).toEqual([trajectory.manager.email]);
    expect(mails()[0]!.text).toContain(formatInstant('2026-03-06T16:00:00.000Z', 'nl'));
    expect(await told(trajectory.id)).toEqual([
      { id: `mail.${task.id}.deadline-moved@2026-03-06T16:00:00.000Z`, taskId: task.id, to: 'manager' },
    ]);
  });

  it('clears the attention the late task caused, and keeps another cause', async () => {
    // Prepare: the identify task was escalated twice; a step had failed as well.
    const { trajectory, task } = await seedTask(repository, {
      chaseStage: 'escalated',
      trajectory: { attention: true, attentionReasons: ['late:identify-1', 'failed:record-plan'] },
    });

    // Act
    const reply = await extend(trajectory.id, task.id, { days: 3 });

    // Assess
    expect(reply.statusCode).toBe(200);
    expect(await repository.getTrajectory(trajectory.id)).toMatchObject({
      attention: true,
      attentionReasons: ['failed:record-plan'],
    });
  });

  it.each([
    ['nl' as const, 'Nieuwe deadline:'],
    ['en' as const, 'New deadline:'],
  ])('tells the assignee in the trajectory language (%s)', async (locale, subject) => {
    // Prepare: the employee's response is the employee's task, so the employee is told.
    const { trajectory, task } = await seedTask(repository, {
      kind: 'employee-response',
      locale,
      earlier: [{ kind: 'conversation', response: {} }],
    });

    // Act
    const reply = await extend(trajectory.id, task.id, { days: 1 });

    // Assess
    expect(reply.statusCode).toBe(200);
    expect(mails()).toEqual([
      {
        to: [trajectory.employee.email],
        subject: expect.stringContaining(subject),
        text: expect.stringContaining(formatInstant(reply.json.dueAt, locale)),
      },
    ]);
  });

  it('tells the assignee once per extension: a retried request does not repeat the earlier mail', async () => {
    // Prepare
    const { trajectory, task } = await seedTask(repository);
    const first = await extend(trajectory.id, task.id, { days: 1 });

    // Act: the same request again, as a client that timed out retries it.
    const retried = await extend(trajectory.id, task.id, { days: 1 });

    // Assess: one mail per deadline, each naming its own; the first is not sent again.
    expect([first.statusCode, retried.statusCode]).toEqual([200, 200]);
    expect(mails().map((mail) => mail.to)).toEqual([[trajectory.manager.email], [trajectory.manager.email]]);
    expect(mails()[0]!.text).toContain(formatInstant(first.json.dueAt, 'nl'));
    expect(mails()[1]!.text).toContain(formatInstant(retried.json.dueAt, 'nl'));
    expect((await told(trajectory.id)).map((entry) => entry.id)).toEqual([
      `mail.${task.id}.deadline-moved@${first.json.dueAt}`,
      `mail.${task.id}.deadline-moved@${retried.json.dueAt}`,
    ]);
  });

  it('does not send the mail of an extension whose mail was claimed already', async () => {
    // Prepare: an earlier attempt at this very extension claimed its mail (Thursday + 1 = Friday).
    const { trajectory, task } = await seedTask(repository);
    const key = `${task.id}.deadline-moved@2026-03-06T16:00:00.000Z`;
    expect(await ledger.claim(trajectory.id, key, NOW.toISOString())).toBe(true);

    // Act
    const reply = await extend(trajectory.id, task.id, { days: 1 });

    // Assess
    expect(reply.statusCode).toBe(200);
    expect(reply.json.dueAt).toBe('2026-03-06T16:00:00.000Z');
    expect(mails()).toEqual([]);
    expect(await told(trajectory.id)).toEqual([]);
  });

  it('still extends when the mail cannot be sent, and gives the claim back', async () => {
    // Prepare
    const { trajectory, task } = await seedTask(repository);
    sesMock.on(SendEmailCommand).rejects(new MessageRejected({ message: 'rejected', $metadata: {} }));

    // Act
    const reply = await extend(trajectory.id, task.id, { days: 1 });

    // Assess
    expect(reply.statusCode).toBe(200);
    expect(await repository.getTask(trajectory.id, task.id)).toMatchObject({
      dueAt: '2026-03-06T16:00:00.000Z',
    });
    expect(await told(trajectory.id)).toEqual([]);
    const key = `${task.id}.deadline-moved@2026-03-06T16:00:00.000Z`;
    expect(await ledger.claim(trajectory.id, key, NOW.toISOString())).toBe(true);
  });

  it.each([
    // Thursday + 3 = Sunday: the deadline moves on to Monday, at the same time of day.
    [3, '2026-03-09T16:00:00.000Z'],
    // Thursday + 30 = Saturday 4 April, after the switch to summer time; Monday 6 April is
    // Easter Monday, so Tuesday 17:00 CEST.
    [30, '2026-04-07T15:00:00.000Z'],
  ])('keeps a deadline of %i more days on a working day, at 17:00 Amsterdam time', async (days, dueAt) => {
    // Prepare
    const { trajectory, task } = await seedTask(repository);

    // Act
    const reply = await extend(trajectory.id, task.id, { days });

    // Assess
    expect(reply.json.dueAt).toBe(dueAt);
  });

  it('keeps the chase stage of a task whose new deadline has still passed', async () => {
    // Prepare: due Friday 20 February, overdue and escalated to HR already.
    const { trajectory, task } = await seedTask(repository, {
      dueAt: '2026-02-20T16:00:00.000Z',
      chaseStage: 'overdue',
    });

    // Act
    const reply = await extend(trajectory.id, task.id, { days: 3 });

    // Assess
    expect(reply.json).toMatchObject({ dueAt: '2026-02-23T16:00:00.000Z', chaseStage: 'overdue' });
  });

  it('extends twice as two dossier entries', async () => {
    // Prepare
    const { trajectory, task } = await seedTask(repository);

    // Act
    await extend(trajectory.id, task.id, { days: 1 });
    const second = await extend(trajectory.id, task.id, { days: 1 });

    // Assess
    expect(second.json.dueAt).toBe('2026-03-09T16:00:00.000Z');
    const dossier = (await repository.getDossier(trajectory.id))!;
    expect(
      dossier.events.filter((event) => event.type === 'due-date-extended').map((event) => event.id),
    ).toEqual([
      `${task.id}.due-date-extended@${task.dueAt}`,
      `${task.id}.due-date-extended@2026-03-06T16:00:00.000Z`,
    ]);
  });

  it('wakes nothing while no token is live, and accepts a token that is spent', async () => {
    // Prepare
    const idle = await seedTask(repository, { taskToken: null });
    const spent = await seedTask(repository);
    sfnMock.on(SendTaskFailureCommand).rejects(new TaskDoesNotExist({ message: 'gone', $metadata: {} }));

    // Act
    const idleReply = await extend(idle.trajectory.id, idle.task.id, { days: 2 });
    const spentReply = await extend(spent.trajectory.id, spent.task.id, { days: 2 });

    // Assess
    expect(idleReply.statusCode).toBe(200);
    expect(spentReply.statusCode).toBe(200);
    expect(wakeCalls().map((input) => input.taskToken)).toEqual([spent.task.taskToken]);
  });

  it.each([
    ['done', { taskStatus: 'done' as const }],
    ['without response', { taskStatus: 'no-response' as const, kind: 'employee-response' as const }],
    ['closed', { taskStatus: 'closed' as const }],
    ['of a cancelled trajectory', { status: 'cancelled' as const }],
  ])('answers 409 for a task %s and changes nothing', async (_case, options) => {
    // Prepare
    const { trajectory, task } = await seedTask(repository, { ...options, locale: 'en' });
    const before = await snapshot(repository, trajectory.id);

    // Act
    const reply = await invoke(
      handler,
      hrEvent(ROUTE, { id: trajectory.id, taskId: task.id }, { days: 2 }, claimsFor('hr')),
    );

    // Assess
    expect(reply.statusCode).toBe(409);
    expect(reply.json.error.code).toBe('conflict');
    expect(await snapshot(repository, trajectory.id)).toEqual(before);
    expect(sfnMock.calls()).toHaveLength(0);
    expect(sesMock.calls()).toHaveLength(0);
  });

  it('answers 404 for an unknown trajectory or task', async () => {
    // Prepare
    const { trajectory, task } = await seedTask(repository);

    // Act
    const noTrajectory = await extend('00000000-0000-4000-8000-000000000000', task.id, { days: 2 });
    const noTask = await extend(trajectory.id, 'plan-7', { days: 2 });

    // Assess
    expect(noTrajectory.statusCode).toBe(404);
    expect(noTask.statusCode).toBe(404);
    expect(noTask.json.error.code).toBe('not_found');
  });

  it('answers a manager 403, even the manager of the trajectory', async () => {
    // Prepare
    const { trajectory, task } = await seedTask(repository);
    const before = await snapshot(repository, trajectory.id);

    // Act
    const reply = await extend(
      trajectory.id,
      task.id,
      { days: 2 },
      claimsFor('manager', trajectory.manager.email),
    );

    // Assess
    expect(reply.statusCode).toBe(403);
    expect(await snapshot(repository, trajectory.id)).toEqual(before);
    expect(sfnMock.calls()).toHaveLength(0);
    expect(sesMock.calls()).toHaveLength(0);
  });

  it.each([
    [{ days: 0 }, 'days'],
    [{ days: 61 }, 'days'],
    [{ days: 1.5 }, 'days'],
    [{ days: '3' }, 'days'],
    [{}, 'days'],
    [{ days: 3, until: '2026-04-01' }, 'until'],
  ])('answers 400 for %j and changes nothing', async (body, path) => {
    // Prepare
    const { trajectory, task } = await seedTask(repository);
    const before = await snapshot(repository, trajectory.id);

    // Act
    const reply = await extend(trajectory.id, task.id, body);

    // Assess
    expect(reply.statusCode).toBe(400);
    expect(reply.json.error.fieldErrors.map((error: { path: string }) => error.path)).toEqual([path]);
    expect(await snapshot(repository, trajectory.id)).toEqual(before);
  });

  it('returns the task without its token or link hash', async () => {
    // Prepare
    const { trajectory, task } = await seedTask(repository);

    // Act
    const reply = await extend(trajectory.id, task.id, { days: 2 });

    // Assess
    for (const secret of [task.linkHash!, task.taskToken!, 'taskToken', 'linkHash']) {
      expect(reply.text).not.toContain(secret);
    }
  });
});
