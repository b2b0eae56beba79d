import './env.ts';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeTrajectoryStep } from '#usecases/record-answer.ts';
import { openTaskStep } from '#usecases/open-task.ts';
import { reportFailureStep } from '#usecases/report-failure.ts';
import { recordCommands, startDynalite, type LocalDynamo } from '../../support/dynalite.ts';
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

describe('CloseTrajectory', () => {
  it.each([
    ['successful', 'completed'],
    ['unsuccessful', 'ended'],
  ] as const)('closes a trajectory decided %s as %s, with its open tasks', async (decision, status) => {
    // Prepare
    const trajectory = await seedTrajectory(h.repository, { phase: 'aftercare', decision });
    const { taskId } = await openTaskStep(h.deps, { trajectoryId: trajectory.id, task: 'aftercare' });
    const closedAt = new Date(MONDAY.getTime() + DAY);
    h.clock.set(closedAt);
    const log = recordCommands(dynamo.client);

    // Act
    const output = await closeTrajectoryStep(h.deps, { trajectoryId: trajectory.id });
    log.stop();
    const retried = await closeTrajectoryStep(h.deps, { trajectoryId: trajectory.id });

    // Assess
    expect(output).toEqual({ status });
    expect(retried).toEqual({ status });
    const stored = await dossier(h.repository, trajectory.id);
    expect(stored.trajectory).toMatchObject({ status, phase: 'closed', closedAt: closedAt.toISOString() });
    expect(stored.tasks.find((task) => task.id === taskId)?.status).toBe('closed');
    expect(stored.events.filter((event) => event.type === 'trajectory-closed')).toHaveLength(1);
    // Only the trajectory item expires; the purge fed by the stream deletes the rest after it. The
    // close writes nothing for retention: one read, then the trajectory, the open task and the
    // closing entry; no call per dossier item.
    expect(log.commands.map((command) => command.name)).toEqual([
      'QueryCommand',
      'PutItemCommand',
      'PutItemCommand',
      'PutItemCommand',
    ]);
    const raw = async (SK: string) => {
      const tableName = (h.repository as unknown as { tableName: string }).tableName;
      const key = { PK: `TRAJECTORY#${trajectory.id}`, SK };
      return (await dynamo.direct.send(new GetCommand({ TableName: tableName, Key: key }))).Item;
    };
    const expiresAt = (await raw('META'))?.expiresAt;
    expect(expiresAt).toEqual(expect.any(Number));
    expect(await raw(`TASK#${taskId}`)).not.toHaveProperty('expiresAt');
  });
});

describe('ReportFailure', () => {
  it('flags attention, records the failure and mails the HR advisor once', async () => {
    // Prepare
    const trajectory = await seedTrajectory(h.repository);
    const input = { trajectoryId: trajectory.id, state: 'Record plan', error: 'WorkflowStateError' };

    // Act
    const output = await reportFailureStep(h.deps, input);
    await reportFailureStep(h.deps, input);

    // Assess
    expect(output).toEqual({ attention: true });
    expect(h.mailer.sent.map((mail) => [mail.to, mail.subject])).toEqual([
      [[trajectory.hrAdvisor.email], 'Storing in het verbetertraject van Eva Jansen'],
    ]);
    const stored = await dossier(h.repository, trajectory.id);
    expect(stored.trajectory.attention).toBe(true);
    expect(stored.events.filter((event) => event.type === 'step-failed')).toHaveLength(1);
  });

  it('only records a failure on a cancelled trajectory', async () => {
    // Prepare
    const trajectory = await seedTrajectory(h.repository, { status: 'cancelled' });

    // Act
    const output = await reportFailureStep(h.deps, { trajectoryId: trajectory.id, state: 'Open plan task' });

    // Assess
    expect(output).toEqual({ attention: false });
    expect(h.mailer.sent).toEqual([]);
  });
});

describe('DynamoMailLedger', () => {
  it('grants a key once, and again after it was released', async () => {
    // Prepare
    const trajectory = await seedTrajectory(h.repository);
    const at = MONDAY.toISOString();

    // Act
    const claims = [
      await h.ledger.claim(trajectory.id, 'plan-1.reminder', at),
      await h.ledger.claim(trajectory.id, 'plan-1.reminder', at),
    ];
    await h.ledger.release(trajectory.id, 'plan-1.reminder');
    const reclaimed = await h.ledger.claim(trajectory.id, 'plan-1.reminder', at);

    // Assess
    expect(claims).toEqual([true, false]);
    expect(reclaimed).toBe(true);
    // The marker never shows up in the dossier.
    const stored = await dossier(h.repository, trajectory.id);
    expect(stored.events.map((event) => event.type)).toEqual(['trajectory-started']);
  });
});
