/**
 * Durability: executions survive the engine's process. A task token issued before a crash still
 * completes its task, Wait states and task timeouts fire at their original due times, and a Task
 * that was mid-Lambda-call runs again (at-least-once, as Step Functions invokes).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '#local/clock.ts';
import { ApiError, createEngine, type Engine, type LambdaHandler } from '#local/engine/index.ts';
import { CRASH_MACHINE_ARN, crashEngine, DAY } from './fixtures/crash-machine.ts';
import {
  functionArn,
  INVOKE,
  INVOKE_WAIT,
  machine,
  SECOND,
  START,
  STATE_MACHINE_ARN,
  temporaryDir,
} from './harness.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function stateDir(): Promise<string> {
  const dir = await temporaryDir();
  cleanups.push(dir.remove);
  return dir.path;
}

const definition = machine({
  Route: {
    Type: 'Choice',
    Choices: [
      { Condition: "{% $states.input.kind = 'callback' %}", Next: 'Ask' },
      { Condition: "{% $states.input.kind = 'call' %}", Next: 'Call' },
    ],
    Default: 'Pause',
  },
  Ask: {
    Type: 'Task',
    Resource: INVOKE_WAIT,
    Arguments: {
      FunctionName: functionArn('ask'),
      Payload: { taskToken: '{% $states.context.Task.Token %}' },
    },
    TimeoutSeconds: '{% $states.input.timeout %}',
    Catch: [{ ErrorEquals: ['States.Timeout'], Output: { timedOut: '{% $now() %}' }, Next: 'Done' }],
    Assign: { remembered: '{% $states.input.kind %}' },
    Next: 'Done',
  },
  Call: {
    Type: 'Task',
    Resource: INVOKE,
    Arguments: { FunctionName: functionArn('work'), Payload: { job: '{% $states.input.job %}' } },
    Output: '{% $states.result.Payload %}',
    Next: 'Done',
  },
  Pause: { Type: 'Wait', Seconds: 86_400, Next: 'Done' },
  Done: { Type: 'Succeed', Output: { input: '{% $states.input %}', at: '{% $now() %}' } },
});

async function open(
  dir: string,
  lambdas: Record<string, LambdaHandler>,
): Promise<{ engine: Engine; clock: VirtualClock }> {
  const clock = new VirtualClock({
    timeScale: 0,
    startAt: START,
    stateFile: `${dir}/clock.json`,
  });
  const engine = await createEngine({
    clock,
    stateDir: dir,
    lambdas: Object.fromEntries(Object.entries(lambdas).map(([name, fn]) => [functionArn(name), fn])),
    definitions: { [STATE_MACHINE_ARN]: { definition } },
  });
  cleanups.push(async () => {
    await engine.close();
    clock.dispose();
  });
  return { engine, clock };
}

async function start(engine: Engine, name: string, input: object): Promise<string> {
  const { executionArn } = await engine.startExecution({
    stateMachineArn: STATE_MACHINE_ARN,
    name,
    input: JSON.stringify(input),
  });
  return executionArn;
}

describe('Durable executions with a state directory', () => {
  it('after a restart, a token issued before it completes its task, a Wait fires at its original due time and a task timeout stays armed', async () => {
    const dir = await stateDir();
    const tokens: string[] = [];
    const first = await open(dir, {
      ask: async (payload) => void tokens.push((payload as { taskToken: string }).taskToken),
    });
    const callback = await start(first.engine, 'callback', { kind: 'callback', timeout: 10 * 86_400 });
    const timesOut = await start(first.engine, 'times-out', { kind: 'callback', timeout: 2 * 86_400 });
    const waiting = await start(first.engine, 'waiting', { kind: 'wait' });
    await first.engine.whenIdle();
    await first.clock.advance(6 * 3600 * SECOND);
    await first.engine.close();
    first.clock.dispose();

    const second = await open(dir, { ask: async () => ({}) });
    expect(second.clock.nowMs()).toBeGreaterThanOrEqual(START + 6 * 3600 * SECOND);
    await second.engine.sendTaskSuccess({ taskToken: tokens[0]!, output: '"answered after restart"' });
    await second.engine.whenIdle();
    expect((await second.engine.describeExecution({ executionArn: callback })).status).toBe('SUCCEEDED');

    await second.clock.advanceTo(new Date(START + DAY - SECOND));
    expect((await second.engine.describeExecution({ executionArn: waiting })).status).toBe('RUNNING');
    await second.clock.advance(SECOND);
    const waited = await second.engine.describeExecution({ executionArn: waiting });
    expect(JSON.parse(waited.output!).at).toBe(new Date(START + DAY).toISOString());

    await second.clock.advanceTo(new Date(START + 2 * DAY));
    const timedOut = await second.engine.describeExecution({ executionArn: timesOut });
    expect(JSON.parse(timedOut.output!).input).toEqual({ timedOut: new Date(START + 2 * DAY).toISOString() });
  });

  it('a Task interrupted mid-Lambda-call runs again after the restart, with the same arguments', async () => {
    const dir = await stateDir();
    const firstCalls: unknown[] = [];
    const first = await open(dir, {
      // The call never returns: the process "dies" while it is in flight.
      work: (payload) => {
        firstCalls.push(payload);
        return new Promise(() => undefined);
      },
    });
    const arn = await start(first.engine, 'interrupted', { kind: 'call', job: 'mail-reminder' });
    await expect.poll(() => firstCalls.length).toBe(1);
    await first.engine.close();

    const secondCalls: unknown[] = [];
    const second = await open(dir, {
      work: async (payload) => {
        secondCalls.push(payload);
        return { sent: true };
      },
    });
    await second.engine.whenIdle();
    expect(secondCalls).toEqual([{ job: 'mail-reminder' }]);
    const description = await second.engine.describeExecution({ executionArn: arn });
    expect(JSON.parse(description.output!).input).toEqual({ sent: true });
  });

  it('a closed token stays closed across a restart (TaskTimedOut), and StartExecution stays idempotent by name', async () => {
    const dir = await stateDir();
    const tokens: string[] = [];
    const first = await open(dir, {
      ask: async (payload) => void tokens.push((payload as { taskToken: string }).taskToken),
    });
    const arn = await start(first.engine, 'answered', { kind: 'callback', timeout: 60 });
    await first.engine.whenIdle();
    await first.engine.sendTaskSuccess({ taskToken: tokens[0]!, output: '{}' });
    await first.engine.close();

    const second = await open(dir, {});
    const error = await second.engine
      .sendTaskSuccess({ taskToken: tokens[0]!, output: '{}' })
      .catch((thrown: unknown) => thrown);
    expect((error as ApiError).code).toBe('TaskTimedOut');
    const again = await second.engine
      .startExecution({ stateMachineArn: STATE_MACHINE_ARN, name: 'answered', input: '{}' })
      .catch((thrown: unknown) => thrown);
    expect((again as ApiError).code).toBe('ExecutionAlreadyExists');
    expect((await second.engine.describeExecution({ executionArn: arn })).status).toBe('SUCCEEDED');
  });

  it('crash and resume: a child process killed with SIGKILL leaves executions that a new engine resumes', async () => {
    const dir = await stateDir();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./fixtures/crash-child.ts', import.meta.url)), dir],
      {
        cwd: fileURLToPath(new URL('../../..', import.meta.url)),
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    const report = await new Promise<{ token: string; now: number }>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', (line) =>
        resolve(JSON.parse(line) as { token: string; now: number }),
      );
      child.once('exit', (code) => reject(new Error(`the child exited (${code}) before reporting`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const resumed = await crashEngine(dir, async () => ({ mailed: 'again' }));
    cleanups.push(async () => {
      await resumed.engine.close();
      resumed.clock.dispose();
    });
    const arnOf = (name: string) => `${CRASH_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${name}`;
    expect(resumed.clock.nowMs()).toBeGreaterThanOrEqual(report.now);
    expect((await resumed.engine.describeExecution({ executionArn: arnOf('callback') })).status).toBe(
      'RUNNING',
    );

    await resumed.engine.sendTaskSuccess({ taskToken: report.token, output: '{"decision":"approve"}' });
    await resumed.engine.whenIdle();
    await resumed.clock.advance(DAY - SECOND);
    expect((await resumed.engine.describeExecution({ executionArn: arnOf('callback') })).status).toBe(
      'RUNNING',
    );
    await resumed.clock.advance(SECOND);
    const callback = await resumed.engine.describeExecution({ executionArn: arnOf('callback') });
    expect(JSON.parse(callback.output!)).toEqual({ answer: { decision: 'approve' } });

    // The long Wait started a virtual day before the crash; it is due two days after it.
    const waiting = arnOf('waiting');
    await resumed.clock.advanceTo(new Date(report.now + 2 * DAY - 2 * SECOND));
    expect((await resumed.engine.describeExecution({ executionArn: waiting })).status).toBe('RUNNING');
    await resumed.clock.advance(2 * SECOND);
    expect((await resumed.engine.describeExecution({ executionArn: waiting })).status).toBe('SUCCEEDED');
  });
});
