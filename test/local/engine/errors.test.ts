/**
 * Conformance: "Handling errors in Step Functions workflows" — Retry (counts, backoff, caps),
 * Catch (order, States.ALL, errorOutput), error names. Retry intervals run on the frozen virtual
 * clock, so each attempt's time is exact.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { harness, invoke, machine, namedError, recorder, SECOND, START, type Harness } from './harness.ts';

let current: Harness | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});
const setup = async (...args: Parameters<typeof harness>) => (current = await harness(...args));

/** A Lambda that fails with `errors[i]` on call i (the last one repeating) and records when it ran. */
function failing(h: () => Harness, ...errors: (string | undefined)[]) {
  const times: number[] = [];
  const fn = recorder((_payload, call) => {
    times.push((h().clock.nowMs() - START) / SECOND);
    const name = errors[Math.min(call, errors.length) - 1];
    if (name) throw namedError(name);
    return { ok: true };
  });
  return Object.assign(fn, { times });
}

describe('Handling errors in Step Functions workflows: Retry', () => {
  it('a Lambda error is named by the thrown error name; uncaught, it fails the execution with that error', async () => {
    const fn = failing(() => current!, 'TaskNotOpen');
    const h = await setup({
      lambdas: { fn },
      definition: machine({ Call: invoke('fn', {}, { End: true }) }),
    });
    const arn = await h.start();
    const description = await h.describe(arn);
    expect(description).toMatchObject({ status: 'FAILED', error: 'TaskNotOpen' });
    expect(JSON.parse(description.cause!)).toMatchObject({
      errorType: 'TaskNotOpen',
      errorMessage: 'TaskNotOpen happened',
    });
    expect(await h.types(arn)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'ExecutionFailed',
    ]);
  });

  it('retries MaxAttempts times, waiting IntervalSeconds × BackoffRate^n on the virtual clock between attempts', async () => {
    const fn = failing(() => current!, 'Transient');
    const h = await setup({
      lambdas: { fn },
      definition: machine({
        Call: invoke(
          'fn',
          {},
          {
            Retry: [{ ErrorEquals: ['Transient'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 3 }],
            End: true,
          },
        ),
      }),
    });
    const arn = await h.start();
    await h.clock.advance(7.999 * SECOND);
    expect(fn.times).toEqual([0, 2]);
    await h.clock.advance(60 * SECOND);
    expect(fn.times).toEqual([0, 2, 8, 26]);
    expect(await h.describe(arn)).toMatchObject({ status: 'FAILED', error: 'Transient' });
  });

  it('the defaults are IntervalSeconds 1, BackoffRate 2.0, MaxAttempts 3', async () => {
    const fn = failing(() => current!, 'Transient');
    const h = await setup({
      lambdas: { fn },
      definition: machine({
        Call: invoke('fn', {}, { Retry: [{ ErrorEquals: ['States.ALL'] }], End: true }),
      }),
    });
    await h.start();
    await h.clock.advance(60 * SECOND);
    expect(fn.times).toEqual([0, 1, 3, 7]);
  });

  it('MaxDelaySeconds caps the interval the backoff would otherwise grow to', async () => {
    const fn = failing(() => current!, 'Transient');
    const h = await setup({
      lambdas: { fn },
      definition: machine({
        Call: invoke(
          'fn',
          {},
          {
            Retry: [
              {
                ErrorEquals: ['Transient'],
                IntervalSeconds: 10,
                BackoffRate: 2,
                MaxAttempts: 4,
                MaxDelaySeconds: 15,
              },
            ],
            End: true,
          },
        ),
      }),
    });
    await h.start();
    await h.clock.advance(120 * SECOND);
    expect(fn.times).toEqual([0, 10, 25, 40, 55]);
  });

  it('a retry that succeeds continues the workflow; $states.context.State.RetryCount counts the retries', async () => {
    const fn = failing(() => current!, 'Transient', 'Transient', undefined);
    const h = await setup({
      lambdas: { fn },
      definition: machine({
        Call: invoke(
          'fn',
          { retry: '{% $states.context.State.RetryCount %}' },
          {
            Retry: [{ ErrorEquals: ['Transient'], IntervalSeconds: 1 }],
            Output: { attempts: '{% $states.context.State.RetryCount + 1 %}' },
            End: true,
          },
        ),
      }),
    });
    const arn = await h.start();
    await h.clock.advance(10 * SECOND);
    expect(fn.calls).toEqual([{ retry: 0 }, { retry: 1 }, { retry: 2 }]);
    expect(await h.output(arn)).toEqual({ attempts: 3 });
  });

  it('MaxAttempts 0 means the error is never retried', async () => {
    const fn = failing(() => current!, 'Transient');
    const h = await setup({
      lambdas: { fn },
      definition: machine({
        Call: invoke('fn', {}, { Retry: [{ ErrorEquals: ['Transient'], MaxAttempts: 0 }], End: true }),
      }),
    });
    await h.start();
    await h.clock.advance(60 * SECOND);
    expect(fn.times).toEqual([0]);
  });

  it('only the first Retrier whose ErrorEquals matches applies; once it is exhausted the state fails on to Catch, not to a later Retrier', async () => {
    const fn = failing(() => current!, 'Specific');
    const h = await setup({
      lambdas: { fn },
      definition: machine({
        Call: invoke(
          'fn',
          {},
          {
            Retry: [
              { ErrorEquals: ['Specific'], MaxAttempts: 1 },
              { ErrorEquals: ['States.ALL'], MaxAttempts: 5 },
            ],
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
            End: true,
          },
        ),
        Caught: { Type: 'Succeed' },
      }),
    });
    const arn = await h.start();
    await h.clock.advance(60 * SECOND);
    expect(fn.times).toEqual([0, 1]);
    expect((await h.output(arn)) as object).toMatchObject({ Error: 'Specific' });
  });

  it('each Retrier keeps its own attempt count within the state', async () => {
    const fn = failing(() => current!, 'A', 'B', 'A', 'B');
    const h = await setup({
      lambdas: { fn },
      definition: machine({
        Call: invoke(
          'fn',
          {},
          {
            Retry: [
              { ErrorEquals: ['A'], MaxAttempts: 1 },
              { ErrorEquals: ['B'], MaxAttempts: 1 },
            ],
            End: true,
          },
        ),
      }),
    });
    const arn = await h.start();
    await h.clock.advance(60 * SECOND);
    expect(fn.times).toEqual([0, 1, 2]);
    expect((await h.describe(arn)).error).toBe('A');
  });

  it('retry counts reset when the state is entered again', async () => {
    const fn = failing(() => current!, 'Transient', undefined, 'Transient', undefined);
    const h = await setup({
      lambdas: { fn },
      definition: machine({
        Call: invoke(
          'fn',
          {},
          {
            Retry: [{ ErrorEquals: ['Transient'], MaxAttempts: 1 }],
            Assign: { rounds: '{% ($rounds ? $rounds : 0) + 1 %}' },
            Next: 'Again?',
          },
        ),
        'Again?': {
          Type: 'Choice',
          Choices: [{ Condition: '{% $rounds < 2 %}', Next: 'Call' }],
          Default: 'Done',
        },
        Done: { Type: 'Succeed' },
      }),
    });
    const arn = await h.start();
    await h.clock.advance(60 * SECOND);
    expect((await h.describe(arn)).status).toBe('SUCCEEDED');
    expect(fn.times).toEqual([0, 1, 1, 2]);
  });
});

describe('Handle Lambda service exceptions: a function timeout is Lambda.Unknown', () => {
  const TIMEOUT_SECONDS = 0.05;

  it("a call past the function's timeout fails the task with Lambda.Unknown, the cause quoting Lambda's timeout message", async () => {
    const h = await setup({
      // Never answers: only the timeout ends the call.
      lambdas: { slow: { handler: () => new Promise(() => undefined), timeoutSeconds: TIMEOUT_SECONDS } },
      definition: machine({ Call: invoke('slow', {}, { End: true }) }),
    });
    const arn = await h.start();
    const description = await h.describe(arn);
    expect(description).toMatchObject({ status: 'FAILED', error: 'Lambda.Unknown' });
    expect(description.cause).toMatch(
      /^The cause could not be determined because Lambda did not return an error type\. Returned payload: \{"errorMessage":"\S+ [0-9a-f-]{36} Task timed out after 0\.05 seconds"\}$/,
    );
    expect(await h.types(arn)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'ExecutionFailed',
    ]);
  });

  it('Retry on Lambda.Unknown calls the function again; an answer in time goes on, a late answer is not heard', async () => {
    let calls = 0;
    const fn = async () => {
      calls += 1;
      if (calls === 1) await new Promise((resolve) => setTimeout(resolve, 200));
      return { call: calls };
    };
    const h = await setup({
      lambdas: { flaky: { handler: fn, timeoutSeconds: TIMEOUT_SECONDS } },
      definition: machine({
        Call: invoke(
          'flaky',
          {},
          {
            Retry: [{ ErrorEquals: ['Lambda.Unknown'], IntervalSeconds: 1 }],
            Output: '{% $states.result.Payload %}',
            End: true,
          },
        ),
      }),
    });
    const arn = await h.start();
    await h.clock.advance(1 * SECOND);
    expect(await h.output(arn)).toEqual({ call: 2 });
  });
});

describe('Handling errors in Step Functions workflows: Catch', () => {
  const catching = {
    Catch: [
      { ErrorEquals: ['Other'], Next: 'Other' },
      { ErrorEquals: ['Specific', 'Also'], Next: 'Specific' },
      { ErrorEquals: ['States.ALL'], Next: 'Everything' },
    ],
    End: true,
  };
  const targets = {
    Other: { Type: 'Pass', Output: "{% 'Other' %}", End: true },
    Specific: { Type: 'Pass', Output: "{% 'Specific' %}", End: true },
    Everything: { Type: 'Pass', Output: "{% 'Everything' %}", End: true },
  };

  it('the first Catcher whose ErrorEquals matches is used, in order', async () => {
    const h = await setup({
      lambdas: { fn: failing(() => current!, 'Also') },
      definition: machine({ Call: invoke('fn', {}, catching), ...targets }),
    });
    expect(await h.output(await h.start())).toBe('Specific');
  });

  it('States.ALL, alone in the last Catcher, catches any other error name', async () => {
    const h = await setup({
      lambdas: { fn: failing(() => current!, 'Unexpected') },
      definition: machine({ Call: invoke('fn', {}, catching), ...targets }),
    });
    expect(await h.output(await h.start())).toBe('Everything');
  });

  it('without a Catcher Output, the state output is the error output {Error, Cause}; a Lambda error Cause is its JSON error document', async () => {
    const h = await setup({
      lambdas: { fn: failing(() => current!, 'TaskNotOpen') },
      definition: machine({
        Call: invoke('fn', {}, { Catch: [{ ErrorEquals: ['TaskNotOpen'], Next: 'Show' }], End: true }),
        Show: { Type: 'Pass', End: true },
      }),
    });
    const output = (await h.output(await h.start())) as { Error: string; Cause: string };
    expect(Object.keys(output).sort()).toEqual(['Cause', 'Error']);
    expect(output.Error).toBe('TaskNotOpen');
    expect(JSON.parse(output.Cause)).toMatchObject({
      errorType: 'TaskNotOpen',
      errorMessage: 'TaskNotOpen happened',
    });
  });

  it('a Catcher Output shapes the output from $states.errorOutput and $states.input', async () => {
    const h = await setup({
      lambdas: { fn: failing(() => current!, 'Boom') },
      definition: machine({
        Call: invoke(
          'fn',
          {},
          {
            Catch: [
              {
                ErrorEquals: ['States.ALL'],
                Output: { failed: '{% $states.errorOutput.Error %}', was: '{% $states.input.id %}' },
                Next: 'Show',
              },
            ],
            End: true,
          },
        ),
        Show: { Type: 'Pass', End: true },
      }),
    });
    expect(await h.output(await h.start({ id: 'x-1' }))).toEqual({ failed: 'Boom', was: 'x-1' });
  });

  it('States.TaskFailed matches any task error except a timeout', async () => {
    const h = await setup({
      lambdas: { fn: failing(() => current!, 'Anything') },
      definition: machine({
        Call: invoke(
          'fn',
          {},
          { Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Caught' }], End: true },
        ),
        Caught: { Type: 'Pass', Output: "{% 'caught' %}", End: true },
      }),
    });
    expect(await h.output(await h.start())).toBe('caught');
  });

  it('a JSONata error in Arguments is a States.QueryEvaluationError the Task can catch', async () => {
    const fn = recorder();
    const h = await setup({
      lambdas: { fn },
      definition: machine({
        Call: invoke(
          'fn',
          { n: '{% $states.input.n * 2 %}' },
          {
            Catch: [{ ErrorEquals: ['States.QueryEvaluationError'], Next: 'Caught' }],
            End: true,
          },
        ),
        Caught: { Type: 'Pass', Output: '{% $states.input.Error %}', End: true },
      }),
    });
    expect(await h.output(await h.start({ n: 'two' }))).toBe('States.QueryEvaluationError');
    expect(fn.calls).toEqual([]);
  });

  it('an invocation of a function that does not exist fails with Lambda.ResourceNotFoundException', async () => {
    const h = await setup({ definition: machine({ Call: invoke('missing', {}, { End: true }) }) });
    const description = await h.describe(await h.start());
    expect(description.error).toBe('Lambda.ResourceNotFoundException');
    expect(description.cause).toContain('Function not found');
  });

  it('a state machine TimeoutSeconds ends a running execution as TIMED_OUT with States.Timeout', async () => {
    const h = await setup({
      definition: machine({ Pause: { Type: 'Wait', Seconds: 3600, End: true } }, { TimeoutSeconds: 60 }),
    });
    const arn = await h.start();
    await h.clock.advance(59 * SECOND);
    expect((await h.describe(arn)).status).toBe('RUNNING');
    await h.clock.advance(1 * SECOND);
    expect(await h.describe(arn)).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect((await h.types(arn)).at(-1)).toBe('ExecutionTimedOut');
  });
});
