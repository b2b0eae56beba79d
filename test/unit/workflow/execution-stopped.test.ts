import './env.ts';
import { STOPPED_BY_CANCEL } from '#core/ports.ts';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { metrics } from '#shared/observability.ts';
import {
  ABORTED_UNEXPECTEDLY_METRIC,
  TASK_CONTINUES,
  whatStopped,
  REPORTED_BY_WORKFLOW,
  STOPPED_STATUSES,
  type ExecutionStoppedDeps,
} from '#usecases/execution-stopped.ts';
import { executionStoppedStep, handler, InvalidExecutionEventError } from '#workflow/execution-stopped.ts';
import * as watch from '#infra/constructs/execution-watch.ts';
import { recordCommands, startDynalite, type LocalDynamo } from '../../support/dynalite.ts';
import { DAY, dossier, harness, MONDAY, seedTrajectory, type Harness } from './support.ts';

const TRAJECTORY_MACHINE =
  'arn:aws:states:eu-west-1:123456789012:stateMachine:verbetertraject-dev-trajectory';
const TASK_MACHINE = 'arn:aws:states:eu-west-1:123456789012:stateMachine:verbetertraject-dev-human-task';

/** An event as EventBridge delivers it; `input` as the trajectory starts a human task. */
function stoppedEvent(
  trajectoryId: string,
  detail: Partial<{
    taskId: string | undefined;
    status: string;
    input: string | null;
    error: string | null;
    cause: string | null;
  }> = {},
) {
  const taskId = 'taskId' in detail ? detail.taskId : 'plan-1';
  const name = taskId ? `${trajectoryId}.${taskId}` : trajectoryId;
  const machine = taskId ? TASK_MACHINE : TRAJECTORY_MACHINE;
  return {
    version: '0',
    id: '315c1398-40ff-a850-213b-158f73e60175',
    'detail-type': 'Step Functions Execution Status Change',
    source: 'aws.states',
    account: '123456789012',
    time: '2026-03-03T08:00:00Z',
    region: 'eu-west-1',
    resources: [`${machine.replace(':stateMachine:', ':execution:')}:${name}`],
    detail: {
      executionArn: `${machine.replace(':stateMachine:', ':execution:')}:${name}`,
      stateMachineArn: machine,
      name,
      status: detail.status ?? 'FAILED',
      startDate: 1772438400000,
      stopDate: 1772528400000,
      input: 'input' in detail ? detail.input : JSON.stringify({ trajectoryId, taskId, checkIn: 86_400 }),
      inputDetails: { included: true },
      output: null,
      outputDetails: null,
      error: 'error' in detail ? detail.error : 'States.TaskFailed',
      cause: 'cause' in detail ? detail.cause : 'Eva Jansen <eva@example.test> could not be reached',
    },
  };
}

let dynamo: LocalDynamo;
let h: Harness;
let deps: ExecutionStoppedDeps;

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  await dynamo.stop();
});

beforeEach(async () => {
  h = await harness(dynamo);
  deps = { ...h.deps, settle: async () => {} };
});

describe('ExecutionStopped', () => {
  it('flags an active trajectory, records the stop once and mails the HR advisor once', async () => {
    // Prepare
    const trajectory = await seedTrajectory(h.repository);
    h.clock.set(new Date(MONDAY.getTime() + DAY));

    // Act
    const output = await executionStoppedStep(deps, stoppedEvent(trajectory.id));

    // Assess
    expect(output).toEqual({ action: 'flagged', trajectoryId: trajectory.id, mailed: true });
    expect(h.mailer.sent.map((mail) => mail.to)).toEqual([[trajectory.hrAdvisor.email]]);
    const stored = await dossier(h.repository, trajectory.id);
    // The task's own execution stopped: the cause is the task's, which asking for it again settles.
    expect(stored.trajectory).toMatchObject({
      attention: true,
      attentionReasons: ['failed:plan-1:the-workflow-of-task-plan-1-failed'],
      status: 'active',
    });
    const failed = stored.events.filter((event) => event.type === 'step-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.data).toEqual({
      state: 'The workflow of task plan-1 failed',
      error: 'States.TaskFailed',
    });
    // The cause may quote a person; it goes nowhere.
    expect(JSON.stringify(stored)).not.toContain('eva@example.test');
    expect(h.mailer.sent[0]?.text).not.toContain('eva@example.test');
  });

  it('changes nothing when the same event is delivered again', async () => {
    // Prepare
    const trajectory = await seedTrajectory(h.repository);
    const event = stoppedEvent(trajectory.id, {
      taskId: undefined,
      status: 'TIMED_OUT',
      error: 'States.Timeout',
    });
    await executionStoppedStep(deps, event);
    const before = await dossier(h.repository, trajectory.id);

    // Act
    const again = await executionStoppedStep(deps, event);

    // Assess
    expect(again).toEqual({ action: 'flagged', trajectoryId: trajectory.id, mailed: false });
    expect(h.mailer.sent).toHaveLength(1);
    expect(await dossier(h.repository, trajectory.id)).toEqual(before);
    expect(before.events.filter((e) => e.type === 'step-failed').map((e) => e.data?.state)).toEqual([
      'The trajectory workflow timed out',
    ]);
    expect(before.trajectory.attentionReasons).toEqual(['failed:the-trajectory-workflow-timed-out']);
  });

  it.each(['cancelled', 'completed', 'ended'] as const)(
    'leaves a %s trajectory alone: no write, no mail',
    async (status) => {
      // Prepare
      const trajectory = await seedTrajectory(h.repository, { status });
      const log = recordCommands(dynamo.client);

      // Act
      const output = await executionStoppedStep(
        deps,
        stoppedEvent(trajectory.id, { status: 'TIMED_OUT', error: 'States.Timeout' }),
      );
      log.stop();

      // Assess
      expect(output).toEqual({ action: 'ignored', trajectoryId: trajectory.id, reason: 'closed' });
      expect(h.mailer.sent).toEqual([]);
      expect(log.commands.map((command) => command.name)).toEqual(['GetItemCommand']);
    },
  );

  it('leaves a trajectory alone that a cancel closed while it waited', async () => {
    // Prepare: the cancel stops the executions first and closes the trajectory right after.
    const trajectory = await seedTrajectory(h.repository);
    const settle = vi.fn(async () => {
      const current = await h.repository.getTrajectory(trajectory.id);
      await h.repository.updateTrajectory({
        ...current!,
        status: 'cancelled',
        closedAt: MONDAY.toISOString(),
      });
    });

    // Act
    const output = await executionStoppedStep(
      { ...deps, settle },
      stoppedEvent(trajectory.id, { status: 'ABORTED' }),
    );

    // Assess
    expect(settle).toHaveBeenCalledOnce();
    expect(output).toEqual({ action: 'ignored', trajectoryId: trajectory.id, reason: 'closed' });
    expect(h.mailer.sent).toEqual([]);
    const stored = await dossier(h.repository, trajectory.id);
    expect(stored.trajectory.attention).toBe(false);
    expect(stored.events.filter((event) => event.type === 'step-failed')).toEqual([]);
  });

  it('refuses a bad event with the paths that are wrong, without their values, and writes nothing', async () => {
    // Prepare
    const trajectory = await seedTrajectory(h.repository);
    const event = stoppedEvent(trajectory.id, { status: 'SUCCEEDED' });
    const log = recordCommands(dynamo.client);

    // Act
    const call = executionStoppedStep(deps, event);

    // Assess
    await expect(call).rejects.toBeInstanceOf(InvalidExecutionEventError);
    await expect(call).rejects.toThrow('Invalid execution status change event at detail.status');
    await expect(call).rejects.not.toThrow(/SUCCEEDED|eva@example/);
    await expect(executionStoppedStep(deps, { source: 'aws.states' })).rejects.toThrow(/detail-type, detail/);
    log.stop();
    expect(log.commands).toEqual([]);
    expect(h.mailer.sent).toEqual([]);
  });

  it('finds the trajectory by the execution name when the event left the input out', async () => {
    // Prepare
    const trajectory = await seedTrajectory(h.repository);

    // Act
    const output = await executionStoppedStep(
      deps,
      stoppedEvent(trajectory.id, { taskId: 'evaluation-1', input: null }),
    );

    // Assess
    expect(output).toMatchObject({ action: 'flagged', trajectoryId: trajectory.id });
    const stored = await dossier(h.repository, trajectory.id);
    expect(stored.events.find((event) => event.type === 'step-failed')?.data?.state).toBe(
      'The workflow of task evaluation-1 failed',
    );
  });

  it('ignores a trajectory it does not know', async () => {
    // Act
    const output = await executionStoppedStep(deps, stoppedEvent('00000000-0000-4000-8000-000000000000'));

    // Assess
    expect(output).toEqual({
      action: 'ignored',
      trajectoryId: '00000000-0000-4000-8000-000000000000',
      reason: 'unknown-trajectory',
    });
    expect(h.mailer.sent).toEqual([]);
  });

  it('does not mail again about a failure the workflow reported itself', async () => {
    // Prepare
    const trajectory = await seedTrajectory(h.repository);
    const log = recordCommands(dynamo.client);

    // Act
    const output = await executionStoppedStep(
      deps,
      stoppedEvent(trajectory.id, { error: REPORTED_BY_WORKFLOW }),
    );
    log.stop();

    // Assess
    expect(output).toEqual({
      action: 'ignored',
      trajectoryId: trajectory.id,
      reason: 'reported-by-workflow',
    });
    expect(log.commands).toEqual([]);
    expect(h.mailer.sent).toEqual([]);
  });

  it('leaves an execution a cancel stopped alone, even before the trajectory reads cancelled', async () => {
    // Prepare: a cancel stops the executions first and marks the trajectory afterwards.
    const trajectory = await seedTrajectory(h.repository);
    const log = recordCommands(dynamo.client);

    // Act
    const output = await executionStoppedStep(
      deps,
      stoppedEvent(trajectory.id, { status: 'ABORTED', error: STOPPED_BY_CANCEL, cause: 'Cancelled by HR' }),
    );
    log.stop();

    // Assess
    expect(output).toEqual({ action: 'ignored', trajectoryId: trajectory.id, reason: 'stopped-by-cancel' });
    expect(log.commands).toEqual([]);
    expect(h.mailer.sent).toEqual([]);
  });

  it('leaves a task execution alone that handed its task to a new one after a long wait', async () => {
    // Prepare
    const trajectory = await seedTrajectory(h.repository);
    const log = recordCommands(dynamo.client);

    // Act
    const output = await executionStoppedStep(
      deps,
      stoppedEvent(trajectory.id, { taskId: 'plan-1', status: 'FAILED', error: TASK_CONTINUES }),
    );
    log.stop();

    // Assess
    expect(output).toEqual({ action: 'ignored', trajectoryId: trajectory.id, reason: 'task-continues' });
    expect(log.commands).toEqual([]);
    expect(h.mailer.sent).toEqual([]);
  });

  it('names the execution an extension continued the trajectory in', () => {
    expect(whatStopped({ name: 'traj-1.term-2', status: 'TIMED_OUT' }, 'traj-1')).toBe(
      'The trajectory workflow of term 2 timed out',
    );
    expect(whatStopped({ name: 'traj-1.follow-up-3', status: 'FAILED' }, 'traj-1')).toBe(
      'The workflow of task follow-up-3 failed',
    );
  });

  it('counts an unexpected abort once, for the alarm', async () => {
    // Prepare
    const trajectory = await seedTrajectory(h.repository);
    const counted = vi.spyOn(metrics, 'addMetric');
    const event = stoppedEvent(trajectory.id, { status: 'ABORTED', error: null, cause: null });

    // Act
    await executionStoppedStep(deps, event);
    await executionStoppedStep(deps, event);

    // Assess
    expect(counted.mock.calls.filter(([name]) => name === ABORTED_UNEXPECTEDLY_METRIC)).toHaveLength(1);
    const stored = await dossier(h.repository, trajectory.id);
    expect(stored.events.find((event) => event.type === 'step-failed')?.data).toEqual({
      state: 'The workflow of task plan-1 was stopped',
      error: 'ABORTED',
    });
    counted.mockRestore();
  });

  it('rejects a bad event from EventBridge as a handler too', async () => {
    await expect(handler({ detail: { name: 'x' } })).rejects.toBeInstanceOf(InvalidExecutionEventError);
  });
});

describe('the contract with the infrastructure and the definitions', () => {
  it('handles exactly the statuses the rule sends, and counts the metric the alarm watches', () => {
    expect([...STOPPED_STATUSES]).toEqual([...watch.STOPPED_STATUSES]);
    expect(ABORTED_UNEXPECTEDLY_METRIC).toBe(watch.ABORTED_UNEXPECTEDLY_METRIC);
  });

  it.each(['trajectory', 'human-task'])(
    'sees %s fail with the reported error only after HR was told, or after a human task failed',
    (file) => {
      // Prepare
      const path = fileURLToPath(new URL(`../../../statemachine/${file}.asl.json`, import.meta.url));
      const definition = JSON.parse(readFileSync(path, 'utf8')) as {
        States: Record<string, Record<string, unknown>>;
      };
      const states = Object.values(definition.States);
      const reported = Object.keys(definition.States).filter(
        (name) =>
          definition.States[name]?.Type === 'Fail' && definition.States[name]?.Error === REPORTED_BY_WORKFLOW,
      );

      // Assess: a state that goes there invoked ReportFailure; a Catch that goes there caught a
      // human task that failed, whose own execution (reported or not) has an event of its own.
      expect(reported.length).toBeGreaterThan(0);
      const into = states.filter((state) => reported.includes(String(state.Next)));
      expect(into.length).toBeGreaterThan(0);
      for (const state of into) expect(JSON.stringify(state)).toContain('${ReportFailureFunctionArn}');
      for (const state of states) {
        const catches = (state.Catch as { Next: string }[] | undefined) ?? [];
        if (!catches.some((c) => reported.includes(c.Next))) continue;
        expect(state.Resource).toBe('arn:aws:states:::states:startExecution.sync:2');
      }
    },
  );
});
