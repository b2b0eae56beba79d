import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { MessageRejected, SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import {
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { DynamoMailLedger } from '#adapters/dynamo-mail-ledger.ts';
import type { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import { SesMailer } from '#adapters/ses-mailer.ts';
import { cancelTrajectoryHandler } from '#api/cancel-trajectory.ts';
import { getActionHandler } from '#api/get-action.ts';
import { submitActionHandler } from '#api/submit-action.ts';
import type { Task } from '#core/model.ts';
import { newTaskId } from '#core/trajectory.ts';
import { startDynalite, type LocalDynamo } from '../../support/dynalite.ts';
import {
  claimsFor,
  fixedClock,
  freshStore,
  NOW,
  STATE_MACHINE_ARN,
  TASK_STATE_MACHINE_ARN,
  workflowClient,
  type Claims,
} from '../api/support.ts';
import {
  BASE_URL,
  hrEvent,
  invoke,
  linkEvent,
  seedTask,
  snapshot,
  type RawReply,
  type SeedOptions,
} from './support.ts';

vi.hoisted(() => {
  // Vitest itself sets BASE_URL (Vite's `/`), so `??=` would keep that.
  process.env.BASE_URL = 'https://verbetertraject.example.test';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});

const sfnMock = mockClient(SFNClient);
const sesMock = mockClient(SESv2Client);
let dynamo: LocalDynamo;
let repository: DynamoTrajectoryRepository;
let handler: ReturnType<typeof cancelTrajectoryHandler>;
let table: string;

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
  table = tableName;
  sfnMock.on(StopExecutionCommand).resolves({ stopDate: NOW });
  // A cancel also lists what runs, for executions a long pause continued in: none here.
  sfnMock.on(ListExecutionsCommand).resolves({ executions: [] });
  sesMock.on(SendEmailCommand).callsFake(() => ({ MessageId: `message-${++messageIds}` }));
  handler = cancelTrajectoryHandler({
    repository,
    workflow: workflowClient(),
    mailer: new SesMailer(new SESv2Client({}), 'noreply@example.test'),
    ledger: new DynamoMailLedger(dynamo.client, tableName),
    clock: fixedClock,
  });
});

afterEach(() => {
  sfnMock.reset();
  sesMock.reset();
});

/**
 * A trajectory whose conversation is recorded, so the employee knows of it and hears of its
 * cancellation too; the plan is open.
 */
const TOLD: SeedOptions = {
  kind: 'plan',
  earlier: [
    { kind: 'identify', response: { improvementAreas: [] } },
    {
      kind: 'conversation',
      response: {
        heldOn: '2026-03-02',
        summary: 'Besproken.',
        employeePerspective: 'Herkend.',
        agreements: 'Plan volgt.',
      },
    },
  ],
};

const REASON = 'De medewerker is op eigen verzoek naar een andere afdeling overgestapt.';

const cancel = (id: string, body: unknown = { reason: REASON }, claims: Claims = claimsFor('hr')) =>
  invoke(handler, hrEvent('/trajectories/{id}/cancel', { id }, body, claims));

/** Who the dossier says was told, by role. */
async function told(trajectoryId: string): Promise<unknown[]> {
  const dossier = (await repository.getDossier(trajectoryId))!;
  return dossier.events
    .filter((event) => event.type === 'mail-sent' && event.data?.mail === 'trajectory-cancelled')
    .map((event) => event.data?.to)
    .sort();
}

const mailsTo = () =>
  sesMock.commandCalls(SendEmailCommand).map((call) => call.args[0].input.Destination?.ToAddresses);

describe('POST /trajectories/{id}/cancel', () => {
  it('stops the executions an extended trajectory continued in, and its open follow-up report', async () => {
    // Prepare: a trajectory in its second term, a follow-up report still open.
    const { trajectory, task } = await seedTask(repository, {
      kind: 'follow-up',
      trajectory: { term: 2, phase: 'follow-up' },
    });

    // Act
    const reply = await cancel(trajectory.id);

    // Assess
    expect(reply.statusCode).toBe(200);
    const executions = (machine: string) => machine.replace(':stateMachine:', ':execution:');
    expect(sfnMock.commandCalls(StopExecutionCommand).map((call) => call.args[0].input.executionArn)).toEqual(
      [
        `${executions(STATE_MACHINE_ARN)}:${trajectory.id}`,
        `${executions(STATE_MACHINE_ARN)}:${trajectory.id}.term-2`,
        `${executions(TASK_STATE_MACHINE_ARN)}:${trajectory.id}.${task.id}`,
      ],
    );
  });

  it('tells only the manager and HR when the employee has not yet been told of the trajectory', async () => {
    // Prepare: the conversation, in which the employee hears of it, is still to be recorded.
    const { trajectory } = await seedTask(repository, {
      kind: 'conversation',
      earlier: [{ kind: 'identify', response: { improvementAreas: [] } }],
    });

    // Act
    const reply = await cancel(trajectory.id);

    // Assess
    expect(reply.statusCode).toBe(200);
    expect(await told(trajectory.id)).toEqual(['hr', 'manager']);
    expect(mailsTo()).toHaveLength(2);
  });

  it('stops the execution, closes the trajectory and its open tasks, records why and tells everyone once', async () => {
    // Prepare
    const { trajectory, task } = await seedTask(repository, TOLD);

    // Act
    const reply = await cancel(trajectory.id);

    // Assess
    expect(reply.statusCode).toBe(200);
    expect(reply.json).toMatchObject({
      id: trajectory.id,
      status: 'cancelled',
      phase: 'closed',
      closedAt: NOW.toISOString(),
      version: 1,
    });
    // The trajectory's execution first, then the open task's own (each task runs in its own).
    expect(sfnMock.commandCalls(StopExecutionCommand).map((call) => call.args[0].input)).toEqual([
      {
        executionArn: `${STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${trajectory.id}`,
        error: 'TrajectoryStopped',
        cause: 'Cancelled by HR',
      },
      {
        executionArn: `${TASK_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${trajectory.id}.${task.id}`,
        error: 'TrajectoryStopped',
        cause: 'Cancelled by HR',
      },
    ]);
    const dossier = (await repository.getDossier(trajectory.id))!;
    expect(dossier.trajectory.status).toBe('cancelled');
    const byId = new Map(dossier.tasks.map((t): [string, Task] => [t.id, t]));
    // The open task is closed and its token forgotten; the answered one keeps its answer.
    expect(byId.get(task.id)).toMatchObject({ status: 'closed', version: 1 });
    expect(byId.get(task.id)).not.toHaveProperty('taskToken');
    expect(byId.get(newTaskId('identify', 1))).toMatchObject({ status: 'done', version: 1 });
    expect(dossier.events.find((event) => event.type === 'trajectory-cancelled')).toEqual({
      id: 'trajectory-cancelled',
      trajectoryId: trajectory.id,
      at: NOW.toISOString(),
      type: 'trajectory-cancelled',
      actor: { role: 'hr' },
      data: { reason: REASON },
    });
    expect(mailsTo()).toEqual([
      [trajectory.employee.email],
      [trajectory.manager.email],
      [trajectory.hrAdvisor.email],
    ]);
    const employeeMail = sesMock.commandCalls(SendEmailCommand)[0]!.args[0].input.Content!.Simple!;
    expect(employeeMail.Subject!.Data).toBe('Je verbetertraject is geannuleerd');
    expect(dossier.events.find((event) => event.id === 'mail.trajectory-cancelled.employee')).toEqual({
      id: 'mail.trajectory-cancelled.employee',
      trajectoryId: trajectory.id,
      at: NOW.toISOString(),
      type: 'mail-sent',
      actor: { role: 'system' },
      data: { mail: 'trajectory-cancelled', to: 'employee' },
    });
    expect(await told(trajectory.id)).toEqual(['employee', 'hr', 'manager']);
    // The cancelled trajectory item expires; the rest of the dossier and its links stay without an
    // expiry of their own: the purge fed by the stream deletes them after the trajectory item.
    const raw = async (Key: Record<string, string>) =>
      (await dynamo.direct.send(new GetCommand({ TableName: table, Key }))).Item;
    const partition = `TRAJECTORY#${trajectory.id}`;
    expect((await raw({ PK: partition, SK: 'META' }))?.expiresAt).toEqual(expect.any(Number));
    for (const key of [
      { PK: partition, SK: `TASK#${task.id}` },
      { PK: partition, SK: 'EVENT#trajectory-cancelled' },
      { PK: partition, SK: 'MAIL#trajectory-cancelled.employee' },
      { PK: `LINK#${task.linkHash}`, SK: 'LINK' },
    ]) {
      const item = await raw(key);
      expect(item, key.SK).toBeDefined();
      expect(item, key.SK).not.toHaveProperty('expiresAt');
    }
  });

  it('answers 409 when asked again, and mails nobody a second time', async () => {
    // Prepare
    const { trajectory } = await seedTask(repository, TOLD);
    await cancel(trajectory.id);
    const before = await snapshot(repository, trajectory.id);

    // Act
    const again = await cancel(trajectory.id, { reason: 'Nog een keer.' });

    // Assess
    expect(again.statusCode).toBe(409);
    expect(again.json.error.code).toBe('conflict');
    expect(mailsTo()).toHaveLength(3);
    expect(await snapshot(repository, trajectory.id)).toEqual(before);
  });

  it('lets exactly one of several concurrent cancels through; the mails still go out once', async () => {
    // Prepare
    const { trajectory } = await seedTask(repository, TOLD);

    // Act
    const replies = await Promise.all(Array.from({ length: 5 }, () => cancel(trajectory.id)));

    // Assess
    expect(replies.map((reply) => reply.statusCode).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(mailsTo()).toHaveLength(3);
    const dossier = (await repository.getDossier(trajectory.id))!;
    expect(dossier.events.filter((event) => event.type === 'trajectory-cancelled')).toHaveLength(1);
  });

  it('finishes a cancel that failed half-way when it is retried, and still answers 409', async () => {
    // Prepare: the trajectory was marked cancelled, then the request died before anything else.
    const { trajectory, task } = await seedTask(repository, TOLD);
    const stored = (await repository.getTrajectory(trajectory.id))!;
    await repository.updateTrajectory({
      ...stored,
      status: 'cancelled',
      phase: 'closed',
      closedAt: NOW.toISOString(),
    });

    // Act
    const retry = await cancel(trajectory.id);
    const again = await cancel(trajectory.id);

    // Assess
    expect([retry.statusCode, again.statusCode]).toEqual([409, 409]);
    expect((await repository.getTask(trajectory.id, task.id))!.status).toBe('closed');
    const dossier = (await repository.getDossier(trajectory.id))!;
    expect(dossier.events.filter((event) => event.type === 'trajectory-cancelled')).toHaveLength(1);
    expect(mailsTo()).toHaveLength(3);
    expect(await told(trajectory.id)).toEqual(['employee', 'hr', 'manager']);
  });

  it('makes the links of the cancelled trajectory answer 410, and shows them closed', async () => {
    // Prepare
    const { trajectory, token } = await seedTask(repository);
    await cancel(trajectory.id);
    const submit = submitActionHandler({
      repository,
      workflow: workflowClient(),
      clock: fixedClock,
      baseUrl: BASE_URL,
    });
    const get = getActionHandler({ repository });

    // Act
    const posted = await invoke(
      submit,
      linkEvent('POST', token, {
        body: { improvementAreas: [{ title: 'Planning', examples: ['Te laat'] }] },
        contentType: 'application/json',
      }),
    );
    const shown = await invoke(get, linkEvent('GET', token));

    // Assess
    expect(posted.statusCode).toBe(410);
    expect(shown.json.status).toBe('closed');
    expect(sfnMock.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
  });

  it('never takes an answer after the cancel: a submit racing it lands before or gets 410 (200 races)', async () => {
    // Prepare: one clock for both, a millisecond further on every reading, so the dossier's
    // times tell which came first.
    let tick = NOW.getTime();
    const clock = { now: () => new Date(++tick) };
    const racingCancel = cancelTrajectoryHandler({
      repository,
      workflow: workflowClient(),
      mailer: new SesMailer(new SESv2Client({}), 'noreply@example.test'),
      ledger: new DynamoMailLedger(dynamo.client, table),
      clock,
    });
    const submit = submitActionHandler({ repository, workflow: workflowClient(), clock, baseUrl: BASE_URL });
    const answer = { improvementAreas: [{ title: 'Planning', examples: ['Te laat'] }] };
    const outcomes = { answered: 0, refused: 0 };

    for (let race = 0; race < 200; race++) {
      const { trajectory, task, token } = await seedTask(repository);

      // Act: the answer and the cancel at once, in either order of starting.
      const post = () =>
        invoke(submit, linkEvent('POST', token, { body: answer, contentType: 'application/json' }));
      const stop = () =>
        invoke(
          racingCancel,
          hrEvent('/trajectories/{id}/cancel', { id: trajectory.id }, { reason: REASON }, claimsFor('hr')),
        );
      // Either may start first, the other up to a few milliseconds later, so that each wins
      // some of the races.
      const later = <T>(start: () => Promise<T>) =>
        new Promise<T>((resolve, reject) => setTimeout(() => start().then(resolve, reject), race % 7));
      let posted: RawReply;
      let cancelled: RawReply;
      if (race % 2 === 0) [posted, cancelled] = await Promise.all([post(), later(stop)]);
      else [cancelled, posted] = await Promise.all([stop(), later(post)]);

      // Assess: the cancel always goes through; the answer is either in the record before it, or refused.
      expect(cancelled.statusCode).toBe(200);
      const dossier = (await repository.getDossier(trajectory.id))!;
      const stored = dossier.tasks.find((candidate) => candidate.id === task.id)!;
      const cancelledAt = dossier.events.find((event) => event.type === 'trajectory-cancelled')!.at;
      if (posted.statusCode === 200) {
        outcomes.answered++;
        expect(stored.status).toBe('done');
        const completedAt = dossier.events.find((event) => event.type === 'task-completed')!.at;
        expect(completedAt < cancelledAt, `answered at ${completedAt}, cancelled at ${cancelledAt}`).toBe(
          true,
        );
      } else {
        outcomes.refused++;
        expect(posted.statusCode).toBe(410);
        expect(stored).toMatchObject({ status: 'closed' });
        expect(stored.response).toBeUndefined();
        expect(dossier.events.some((event) => event.type === 'task-completed')).toBe(false);
      }
    }
    // Both ways happened, or the race was never run.
    expect(outcomes.answered).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  }, 120_000);

  it('still cancels when a mail cannot be sent, and a retry sends only that one', async () => {
    // Prepare
    const { trajectory } = await seedTask(repository, TOLD);
    sesMock
      .on(SendEmailCommand)
      .rejectsOnce(new MessageRejected({ message: 'rejected', $metadata: {} }))
      .resolves({ MessageId: 'ok' });

    // Act
    const reply = await cancel(trajectory.id);
    const toldFirst = await told(trajectory.id);
    const retry = await cancel(trajectory.id);

    // Assess
    expect(reply.statusCode).toBe(200);
    expect(toldFirst).toEqual(['hr', 'manager']);
    expect(retry.statusCode).toBe(409);
    expect(await told(trajectory.id)).toEqual(['employee', 'hr', 'manager']);
    expect(mailsTo()).toEqual([
      [trajectory.employee.email],
      [trajectory.manager.email],
      [trajectory.hrAdvisor.email],
      [trajectory.employee.email],
    ]);
  });

  it('answers a manager 403 and changes nothing', async () => {
    // Prepare
    const { trajectory } = await seedTask(repository);
    const before = await snapshot(repository, trajectory.id);

    // Act
    const reply = await cancel(
      trajectory.id,
      { reason: REASON },
      claimsFor('manager', trajectory.manager.email),
    );

    // Assess
    expect(reply.statusCode).toBe(403);
    expect(await snapshot(repository, trajectory.id)).toEqual(before);
    expect(sfnMock.calls()).toHaveLength(0);
    expect(mailsTo()).toHaveLength(0);
  });

  it.each([
    ['completed', 'completed' as const],
    ['ended', 'ended' as const],
  ])('answers 409 for a trajectory that %s', async (_case, status) => {
    // Prepare
    const { trajectory } = await seedTask(repository, { status, locale: 'en' });

    // Act
    const reply = await invoke(
      handler,
      hrEvent('/trajectories/{id}/cancel', { id: trajectory.id }, { reason: REASON }, claimsFor('hr')),
    );

    // Assess
    expect(reply.statusCode).toBe(409);
    expect(sfnMock.calls()).toHaveLength(0);
    expect(mailsTo()).toHaveLength(0);
  });

  it('answers 404 for an unknown trajectory and 400 without a reason', async () => {
    // Prepare
    const { trajectory } = await seedTask(repository);

    // Act
    const unknown = await cancel('00000000-0000-4000-8000-000000000000');
    const noReason = await cancel(trajectory.id, { reason: '   ' });
    const extra = await cancel(trajectory.id, { reason: REASON, notify: false });

    // Assess
    expect(unknown.statusCode).toBe(404);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json.error.fieldErrors).toEqual([{ path: 'reason', message: 'Vul dit veld in.' }]);
    expect(extra.statusCode).toBe(400);
    expect((await repository.getTrajectory(trajectory.id))!.status).toBe('active');
  });

  it('returns no task token or link hash', async () => {
    // Prepare
    const { trajectory, task, token } = await seedTask(repository);

    // Act
    const reply = await cancel(trajectory.id);

    // Assess
    for (const secret of [token, task.linkHash!, task.taskToken!]) expect(reply.text).not.toContain(secret);
  });
});
