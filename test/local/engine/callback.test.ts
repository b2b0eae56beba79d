/**
 * Conformance: "Wait for a callback with task token" (`lambda:invoke.waitForTaskToken`), task
 * timeouts and heartbeats, and the SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat API with
 * its documented errors (InvalidToken, TaskDoesNotExist, TaskTimedOut, InvalidOutput).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '#local/engine/index.ts';
import {
  functionArn,
  harness,
  INVOKE_WAIT,
  machine,
  namedError,
  recorder,
  SECOND,
  type Harness,
} from './harness.ts';

let current: Harness | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});
const setup = async (...args: Parameters<typeof harness>) => (current = await harness(...args));

/** A callback task asking `ask` with the token, like the workflow's "Ask ..." states. */
function ask(rest: object = {}): object {
  return {
    Type: 'Task',
    Resource: INVOKE_WAIT,
    Arguments: {
      FunctionName: functionArn('ask'),
      Payload: { task: '{% $states.context.State.Name %}', taskToken: '{% $states.context.Task.Token %}' },
    },
    ...rest,
  };
}

/** The Lambda behind `ask`: remembers every token it was handed. */
function asker(
  respond: (payload: { task?: string; taskToken: string }) => unknown = () => ({ mailed: true }),
) {
  return recorder<{ task?: string; taskToken: string }>((payload) => respond(payload));
}

const lastToken = (fn: { calls: { taskToken: string }[] }): string => fn.calls.at(-1)!.taskToken;

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('Wait for a callback with task token', () => {
  it('passes the token via $states.context.Task.Token, waits, and continues with the SendTaskSuccess output as $states.result', async () => {
    const fn = asker();
    const h = await setup({
      lambdas: { ask: fn },
      definition: machine({
        Ask: ask({
          Assign: { answer: '{% $states.result %}' },
          Output: '{% $states.result.decision %}',
          Next: 'Done',
        }),
        Done: { Type: 'Succeed', Output: { output: '{% $states.input %}', answer: '{% $answer %}' } },
      }),
    });
    const arn = await h.start({ task: 'plan-approval' });
    expect(fn.calls).toHaveLength(1);
    expect(fn.calls[0]!.task).toBe('Ask');
    expect((await h.describe(arn)).status).toBe('RUNNING');
    expect(await h.types(arn)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
    ]);

    await h.engine.sendTaskSuccess({
      taskToken: lastToken(fn),
      output: JSON.stringify({ decision: 'approve' }),
    });
    await h.engine.whenIdle();
    expect(await h.output(arn)).toEqual({ output: 'approve', answer: { decision: 'approve' } });
    const succeeded = (await h.events(arn)).find((event) => event.type === 'TaskSucceeded')!;
    expect(succeeded.taskSucceededEventDetails).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke.waitForTaskToken',
      output: '{"decision":"approve"}',
    });
  });

  it('SendTaskFailure fails the task with the given error and cause, which Catch matches and $states.errorOutput carries', async () => {
    const fn = asker();
    const h = await setup({
      lambdas: { ask: fn },
      definition: machine({
        Ask: ask({ Catch: [{ ErrorEquals: ['Declined'], Next: 'Declined' }], End: true }),
        Declined: { Type: 'Pass', End: true },
      }),
    });
    const arn = await h.start({ task: 'evaluation' });
    await h.engine.sendTaskFailure({ taskToken: lastToken(fn), error: 'Declined', cause: 'not now' });
    await h.engine.whenIdle();
    expect(await h.output(arn)).toEqual({ Error: 'Declined', Cause: 'not now' });
  });

  it('a task token is only in the context of a .waitForTaskToken task', async () => {
    const plain = recorder();
    const h = await setup({
      lambdas: { plain },
      definition: machine({
        Call: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: {
            FunctionName: functionArn('plain'),
            Payload: { hasTask: '{% $exists($states.context.Task) %}' },
          },
          End: true,
        },
      }),
    });
    await h.start();
    expect(plain.calls).toEqual([{ hasTask: false }]);
  });

  it('a token may be answered from inside the Lambda that received it, before the Lambda returns', async () => {
    const holder: { engine?: Harness['engine'] } = {};
    const fn = asker(async ({ taskToken }) => {
      await holder.engine!.sendTaskSuccess({ taskToken, output: '"already answered"' });
      return { mailed: false };
    });
    const h = await setup({ lambdas: { ask: fn }, definition: machine({ Ask: ask({ End: true }) }) });
    holder.engine = h.engine;
    const arn = await h.start();
    expect(await h.output(arn)).toBe('already answered');
  });

  it('a failing Lambda of a callback task fails the task (TaskFailed); a retry issues a new token and the old one is closed', async () => {
    const fn = asker((payload) => {
      if (fn.calls.length === 1) throw namedError('Lambda.ServiceException');
      return payload;
    });
    const h = await setup({
      lambdas: { ask: fn },
      definition: machine({
        Ask: ask({ Retry: [{ ErrorEquals: ['Lambda.ServiceException'], IntervalSeconds: 2 }], End: true }),
      }),
    });
    const arn = await h.start();
    await h.clock.advance(2 * SECOND);
    expect(fn.calls).toHaveLength(2);
    const [first, second] = fn.calls.map((call) => call.taskToken);
    expect(first).not.toBe(second);
    expect((await rejection(h.engine.sendTaskSuccess({ taskToken: first!, output: '{}' }))).code).toBe(
      'TaskTimedOut',
    );
    await h.engine.sendTaskSuccess({ taskToken: second!, output: '{"ok":true}' });
    await h.engine.whenIdle();
    expect(await h.output(arn)).toEqual({ ok: true });
  });
});

describe('Task timeouts and heartbeats', () => {
  it('TimeoutSeconds ends the wait with States.Timeout at exactly the due time; Catch can loop back to a new wait with a new token', async () => {
    const fn = asker();
    const h = await setup({
      lambdas: { ask: fn },
      definition: machine({
        Ask: ask({
          TimeoutSeconds: 60,
          Catch: [
            {
              ErrorEquals: ['States.Timeout'],
              Assign: { chased: true },
              Output: '{% $states.input %}',
              Next: 'Chase',
            },
          ],
          Next: 'Done',
        }),
        Chase: { Type: 'Pass', Next: 'Ask' },
        Done: { Type: 'Succeed', Output: { chased: '{% $chased %}', answer: '{% $states.input %}' } },
      }),
    });
    const arn = await h.start({ task: 'identify' });
    await h.clock.advance(59 * SECOND);
    expect(fn.calls).toHaveLength(1);
    await h.clock.advance(1 * SECOND);
    expect(fn.calls).toHaveLength(2);
    const timedOut = (await h.events(arn)).find((event) => event.type === 'TaskTimedOut')!;
    expect(timedOut.taskTimedOutEventDetails).toMatchObject({
      error: 'States.Timeout',
      resource: 'invoke.waitForTaskToken',
    });

    const stale = await rejection(
      h.engine.sendTaskSuccess({ taskToken: fn.calls[0]!.taskToken, output: '{}' }),
    );
    expect(stale.code).toBe('TaskTimedOut');
    await h.engine.sendTaskSuccess({ taskToken: lastToken(fn), output: '"done"' });
    await h.engine.whenIdle();
    expect(await h.output(arn)).toEqual({ chased: true, answer: 'done' });
  });

  it('TimeoutSeconds may be a JSONata expression, evaluated on each entry (the time to the next checkpoint)', async () => {
    const fn = asker();
    const h = await setup({
      lambdas: { ask: fn },
      definition: machine({
        Init: { Type: 'Pass', Assign: { checkIn: '{% $states.input.checkIn %}' }, Next: 'Ask' },
        Ask: ask({
          TimeoutSeconds: '{% $checkIn %}',
          Catch: [
            { ErrorEquals: ['States.Timeout'], Assign: { checkIn: '{% $checkIn * 2 %}' }, Next: 'Ask' },
          ],
          End: true,
        }),
      }),
    });
    const arn = await h.start({ checkIn: 100 });
    await h.clock.advance(100 * SECOND);
    expect(fn.calls).toHaveLength(2);
    await h.clock.advance(199 * SECOND);
    expect(fn.calls).toHaveLength(2);
    await h.clock.advance(1 * SECOND);
    expect(fn.calls).toHaveLength(3);
    const scheduled = (await h.events(arn)).filter((event) => event.type === 'TaskScheduled');
    expect(
      scheduled.map(
        (event) => (event.taskScheduledEventDetails as { timeoutInSeconds: number }).timeoutInSeconds,
      ),
    ).toEqual([100, 200, 400]);
  });

  it('a TimeoutSeconds expression that is not a positive integer is States.QueryEvaluationError', async () => {
    const h = await setup({
      lambdas: { ask: asker() },
      definition: machine({ Ask: ask({ TimeoutSeconds: '{% $states.input.seconds %}', End: true }) }),
    });
    expect((await h.describe(await h.start({ seconds: -5 }))).error).toBe('States.QueryEvaluationError');
  });

  it('Task workflow state: TimeoutSeconds and HeartbeatSeconds from an expression are at most 99999999', async () => {
    const fn = asker();
    const h = await setup({
      lambdas: { ask: fn },
      definition: machine({
        Ask: ask({
          TimeoutSeconds: '{% $states.input.timeout %}',
          HeartbeatSeconds: '{% $states.input.heartbeat %}',
          End: true,
        }),
      }),
    });
    expect((await h.describe(await h.start({ timeout: 99_999_999, heartbeat: 60 }))).status).toBe('RUNNING');
    for (const [input, field] of [
      [{ timeout: 100_000_000, heartbeat: 60 }, 'TimeoutSeconds'],
      [{ timeout: 99_999_999, heartbeat: 100_000_000 }, 'HeartbeatSeconds'],
    ] as const) {
      const description = await h.describe(await h.start(input));
      expect(description.error).toBe('States.QueryEvaluationError');
      expect(description.cause).toContain(
        `The value of the field '${field}' must be an integer from 1 to 99999999`,
      );
    }
    expect(fn.calls).toHaveLength(1);
  });

  it('HeartbeatSeconds: SendTaskHeartbeat keeps the task alive; without a heartbeat the task fails with States.HeartbeatTimeout', async () => {
    const fn = asker();
    const h = await setup({
      lambdas: { ask: fn },
      definition: machine({
        Ask: ask({
          TimeoutSeconds: 3600,
          HeartbeatSeconds: 60,
          Catch: [{ ErrorEquals: ['States.HeartbeatTimeout'], Next: 'NoHeartbeat' }],
          End: true,
        }),
        NoHeartbeat: { Type: 'Pass', End: true },
      }),
    });
    const arn = await h.start();
    for (let beat = 0; beat < 3; beat++) {
      await h.clock.advance(50 * SECOND);
      await h.engine.sendTaskHeartbeat({ taskToken: lastToken(fn) });
    }
    expect((await h.describe(arn)).status).toBe('RUNNING');
    await h.clock.advance(60 * SECOND);
    expect(await h.output(arn)).toMatchObject({ Error: 'States.HeartbeatTimeout' });
    expect((await rejection(h.engine.sendTaskHeartbeat({ taskToken: lastToken(fn) }))).code).toBe(
      'TaskTimedOut',
    );
  });

  it('States.Timeout in ErrorEquals also matches a heartbeat timeout (ASL spec, Appendix A); States.TaskFailed does not', async () => {
    const fn = asker();
    const h = await setup({
      lambdas: { ask: fn },
      definition: machine({
        Ask: ask({
          HeartbeatSeconds: 10,
          Catch: [
            { ErrorEquals: ['States.TaskFailed'], Next: 'Failed' },
            { ErrorEquals: ['States.Timeout'], Next: 'TimedOut' },
          ],
          End: true,
        }),
        Failed: { Type: 'Pass', Output: "{% 'failed' %}", End: true },
        TimedOut: { Type: 'Pass', Output: '{% $states.input.Error %}', End: true },
      }),
    });
    const arn = await h.start();
    await h.clock.advance(10 * SECOND);
    expect(await h.output(arn)).toBe('States.HeartbeatTimeout');
  });
});

describe('SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat errors', () => {
  it('a malformed token is InvalidToken; a well-formed token never issued is TaskDoesNotExist', async () => {
    const h = await setup({ lambdas: { ask: asker() }, definition: machine({ Ask: ask({ End: true }) }) });
    await h.start();
    expect((await rejection(h.engine.sendTaskSuccess({ taskToken: 'not-a-token', output: '{}' }))).code).toBe(
      'InvalidToken',
    );
    const unknown = `AQB${'A'.repeat(86)}`;
    expect((await rejection(h.engine.sendTaskSuccess({ taskToken: unknown, output: '{}' }))).code).toBe(
      'TaskDoesNotExist',
    );
    expect((await rejection(h.engine.sendTaskFailure({ taskToken: unknown }))).code).toBe('TaskDoesNotExist');
    expect((await rejection(h.engine.sendTaskHeartbeat({ taskToken: unknown }))).code).toBe(
      'TaskDoesNotExist',
    );
  });

  it('a token whose task already closed is TaskTimedOut ("the task associated with the token has already been closed")', async () => {
    const fn = asker();
    const h = await setup({ lambdas: { ask: fn }, definition: machine({ Ask: ask({ End: true }) }) });
    await h.start();
    await h.engine.sendTaskSuccess({ taskToken: lastToken(fn), output: '{}' });
    const again = await rejection(h.engine.sendTaskSuccess({ taskToken: lastToken(fn), output: '{}' }));
    expect(again.code).toBe('TaskTimedOut');
    expect(
      (await rejection(h.engine.sendTaskFailure({ taskToken: lastToken(fn), error: 'Late' }))).code,
    ).toBe('TaskTimedOut');
  });

  it('output that is not JSON is InvalidOutput, and the task keeps waiting', async () => {
    const fn = asker();
    const h = await setup({ lambdas: { ask: fn }, definition: machine({ Ask: ask({ End: true }) }) });
    const arn = await h.start();
    expect(
      (await rejection(h.engine.sendTaskSuccess({ taskToken: lastToken(fn), output: '{oops' }))).code,
    ).toBe('InvalidOutput');
    expect((await h.describe(arn)).status).toBe('RUNNING');
  });

  it('StopExecution aborts a waiting task: ABORTED with error and cause, TaskStateAborted recorded, and its token answers TaskTimedOut', async () => {
    const fn = asker();
    const h = await setup({
      lambdas: { ask: fn },
      definition: machine({ Ask: ask({ TimeoutSeconds: 60, End: true }) }),
    });
    const arn = await h.start();
    await h.clock.advance(10 * SECOND);
    const { stopDate } = await h.engine.stopExecution({
      executionArn: arn,
      error: 'Trajectory.Cancelled',
      cause: 'HR cancelled',
    });
    expect(await h.describe(arn)).toMatchObject({
      status: 'ABORTED',
      error: 'Trajectory.Cancelled',
      cause: 'HR cancelled',
      stopDate,
    });
    expect((await h.types(arn)).slice(-2)).toEqual(['TaskStateAborted', 'ExecutionAborted']);
    expect((await rejection(h.engine.sendTaskSuccess({ taskToken: lastToken(fn), output: '{}' }))).code).toBe(
      'TaskTimedOut',
    );
    await h.clock.advance(120 * SECOND);
    expect((await h.types(arn)).at(-1)).toBe('ExecutionAborted');
  });
});
