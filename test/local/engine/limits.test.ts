/**
 * Conformance: "Step Functions service quotas" as the engine holds executions to them (256 KiB
 * of payload, 25,000 history events), and States.DataLimitExceeded as "Handling errors in Step
 * Functions workflows" describes it: a terminal error that no Retry or Catch matches.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '#local/engine/index.ts';
import {
  functionArn,
  harness,
  INVOKE_WAIT,
  invoke,
  machine,
  recorder,
  STATE_MACHINE_ARN,
  type Harness,
} from './harness.ts';

let current: Harness | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});
const setup = async (...args: Parameters<typeof harness>) => (current = await harness(...args));

const KIB = 1024;
/** A JSON string whose text is exactly `bytes` long. */
const jsonStringOf = (bytes: number): string => JSON.stringify('x'.repeat(bytes - 2));

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

const catchAll = { Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }] };
const caught = { Caught: { Type: 'Succeed' } };

describe('Step Functions service quotas: 256 KiB of input or output', () => {
  it('StartExecution refuses an input above 262144 bytes with ValidationException; 262144 bytes start', async () => {
    const h = await setup({ definition: machine({ Done: { Type: 'Succeed' } }) });
    const error = await rejection(
      h.engine.startExecution({ stateMachineArn: STATE_MACHINE_ARN, input: jsonStringOf(256 * KIB + 1) }),
    );
    expect(error.code).toBe('ValidationException');
    expect(error.message).toContain("Value at 'input' failed to satisfy constraint");
    const { executionArn } = await h.engine.startExecution({
      stateMachineArn: STATE_MACHINE_ARN,
      input: jsonStringOf(256 * KIB),
    });
    await h.engine.whenIdle();
    expect((await h.describe(executionArn)).status).toBe('SUCCEEDED');
  });

  it('a task result above the quota fails the execution with States.DataLimitExceeded, which Catch States.ALL does not catch', async () => {
    const h = await setup({
      lambdas: { big: async () => 'x'.repeat(256 * KIB) },
      definition: machine({ Call: invoke('big', {}, { ...catchAll, End: true }), ...caught }),
    });
    const arn = await h.start();
    expect(await h.describe(arn)).toMatchObject({
      status: 'FAILED',
      error: 'States.DataLimitExceeded',
      cause:
        "The state/task 'Call' returned a result with a size exceeding the maximum number of bytes service limit.",
    });
    expect((await h.types(arn)).at(-1)).toBe('ExecutionFailed');
  });

  it("a state's output above the quota fails the execution with States.DataLimitExceeded", async () => {
    const h = await setup({
      definition: machine({
        Grow: { Type: 'Pass', Output: "{% $pad('', 262145, 'x') %}", Next: 'Done' },
        Done: { Type: 'Succeed' },
      }),
    });
    const arn = await h.start();
    expect(await h.describe(arn)).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(await h.types(arn)).not.toContain('PassStateExited');
  });

  it("a task's Arguments above the quota fail the execution with States.DataLimitExceeded before the call", async () => {
    const fn = recorder();
    const h = await setup({
      lambdas: { fn },
      definition: machine({
        Call: invoke('fn', { padding: "{% $pad('', 262145, 'x') %}" }, { ...catchAll, End: true }),
        ...caught,
      }),
    });
    const arn = await h.start();
    expect(await h.describe(arn)).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(fn.calls).toEqual([]);
    expect(await h.types(arn)).not.toContain('TaskScheduled');
  });

  it('SendTaskSuccess refuses an output above 262144 bytes with ValidationException, and the task waits on', async () => {
    const ask = recorder<{ taskToken: string }>();
    const h = await setup({
      lambdas: { ask },
      definition: machine({
        Ask: {
          Type: 'Task',
          Resource: INVOKE_WAIT,
          Arguments: {
            FunctionName: functionArn('ask'),
            Payload: { taskToken: '{% $states.context.Task.Token %}' },
          },
          End: true,
        },
      }),
    });
    const arn = await h.start();
    const taskToken = ask.calls[0]!.taskToken;
    const error = await rejection(
      h.engine.sendTaskSuccess({ taskToken, output: jsonStringOf(256 * KIB + 1) }),
    );
    expect(error.code).toBe('ValidationException');
    expect((await h.describe(arn)).status).toBe('RUNNING');
    await h.engine.sendTaskSuccess({ taskToken, output: '"done"' });
    await h.engine.whenIdle();
    expect(await h.output(arn)).toBe('done');
  });
});

describe('Step Functions service quotas: 25,000 events of history', () => {
  it('an execution that reaches 25,000 events fails with States.Runtime; its ExecutionFailed is event 25,000', async () => {
    const h = await setup({
      definition: machine({
        Init: { Type: 'Pass', Assign: { i: 0 }, Next: 'Count' },
        Count: { Type: 'Pass', Assign: { i: '{% $i + 1 %}' }, Next: 'Again' },
        Again: {
          Type: 'Choice',
          Choices: [{ Condition: '{% $i < 20000 %}', Next: 'Count' }],
          Default: 'Done',
        },
        Done: { Type: 'Succeed' },
      }),
    });
    const arn = await h.start();
    expect(await h.describe(arn)).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: 'The execution reached the maximum number of history events (25000).',
    });
    const { events } = await h.engine.getExecutionHistory({
      executionArn: arn,
      reverseOrder: true,
      maxResults: 2,
    });
    expect(events[0]).toMatchObject({ id: 25_000, type: 'ExecutionFailed' });
    expect(events[1]).toMatchObject({ id: 24_999, type: 'ChoiceStateExited' });
  });
});
