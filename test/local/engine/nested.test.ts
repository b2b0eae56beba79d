/**
 * Conformance: nested workflows (`states:startExecution` request-response and `.sync:2`),
 * StopExecution of a running child, the one-year maximum execution time, and the "Step Functions
 * Execution Status Change" events. Parent and child are two state machines of one engine, on the
 * frozen virtual clock.
 *
 * Where a page does not spell out a shape, the tests hold the engine to what AWS returns as
 * recorded elsewhere (noted at the test): Step Functions writes an integration's result with
 * PascalCase members and dates in epoch milliseconds.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VirtualClock } from '#local/clock.ts';
import {
  ApiError,
  createEngine,
  DefinitionError,
  START_EXECUTION,
  START_EXECUTION_SYNC,
  type Engine,
  type ExecutionStatusChangeEvent,
  type LambdaHandler,
} from '#local/engine/index.ts';
import {
  ACCOUNT,
  DAY,
  frozenClock,
  functionArn,
  INVOKE_WAIT,
  invoke,
  machine,
  namedError,
  recorder,
  REGION,
  SECOND,
  START,
  temporaryDir,
} from './harness.ts';

const PARENT = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:Trajectory`;
const CHILD = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:HumanTask`;
const YEAR = 365 * DAY;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const executionArn = (stateMachineArn: string, name: string): string =>
  `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.restoreAllMocks();
});

interface World {
  engine: Engine;
  clock: VirtualClock;
  /** What `onExecutionStatusChange` received, in order. */
  statusEvents: ExecutionStatusChangeEvent[];
  /** Starts an execution of `stateMachineArn` and waits until everything settles. */
  start(stateMachineArn: string, input?: unknown, name?: string): Promise<string>;
  describe(arn: string): ReturnType<Engine['describeExecution']>;
  output(arn: string): Promise<unknown>;
  types(arn: string): Promise<string[]>;
  events(arn: string): Promise<Awaited<ReturnType<Engine['getExecutionHistory']>>['events']>;
  close(): Promise<void>;
}

interface WorldOptions {
  machines: Record<string, object>;
  lambdas?: Record<string, LambdaHandler>;
  stateDir?: string;
  onStatusChange?: (event: ExecutionStatusChangeEvent) => unknown;
}

/** An engine with several state machines; with `stateDir`, the clock persists there too. */
async function world(options: WorldOptions): Promise<World> {
  const clock = options.stateDir
    ? new VirtualClock({ timeScale: 0, startAt: START, stateFile: join(options.stateDir, 'clock.json') })
    : frozenClock();
  const statusEvents: ExecutionStatusChangeEvent[] = [];
  const engine = await createEngine({
    clock,
    ...(options.stateDir ? { stateDir: options.stateDir } : {}),
    lambdas: Object.fromEntries(
      Object.entries(options.lambdas ?? {}).map(([name, fn]) => [functionArn(name), fn]),
    ),
    definitions: Object.fromEntries(
      Object.entries(options.machines).map(([arn, definition]) => [arn, { definition }]),
    ),
    onExecutionStatusChange: (event) => {
      statusEvents.push(event);
      return options.onStatusChange?.(event);
    },
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await engine.close();
    clock.dispose();
  };
  cleanups.push(close);
  const events = async (arn: string) => (await engine.getExecutionHistory({ executionArn: arn })).events;
  return {
    engine,
    clock,
    statusEvents,
    async start(stateMachineArn, input = {}, name) {
      const { executionArn: arn } = await engine.startExecution({
        stateMachineArn,
        input: JSON.stringify(input),
        ...(name ? { name } : {}),
      });
      await engine.whenIdle();
      return arn;
    },
    describe: (arn) => engine.describeExecution({ executionArn: arn }),
    async output(arn) {
      const description = await engine.describeExecution({ executionArn: arn });
      if (description.status !== 'SUCCEEDED') {
        throw new Error(
          `Expected SUCCEEDED, got ${description.status}: ${description.error} ${description.cause}`,
        );
      }
      return JSON.parse(description.output!) as unknown;
    },
    types: async (arn) => (await events(arn)).map((event) => event.type),
    events,
    close,
  };
}

async function stateDir(): Promise<string> {
  const dir = await temporaryDir();
  cleanups.push(dir.remove);
  return dir.path;
}

/** A Task starting the CHILD machine, named and fed from the parent's input. */
function startChild(resource: string, rest: object = {}): object {
  return {
    Type: 'Task',
    Resource: resource,
    Arguments: {
      StateMachineArn: CHILD,
      Name: '{% $states.input.name %}',
      Input: '{% $states.input.payload %}',
    },
    ...rest,
  };
}

/** The parent: waits for the child; any error is caught and the parent ends with it as output. */
const waitsForChild = machine({
  Ask: startChild(START_EXECUTION_SYNC, {
    Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
    End: true,
  }),
  Failed: { Type: 'Pass', End: true },
});

/** The child: a human task, waiting for the answer to a token handed to `ask`. */
const asksForAnswer = machine({
  Ask: {
    Type: 'Task',
    Resource: INVOKE_WAIT,
    Arguments: {
      FunctionName: functionArn('ask'),
      Payload: { taskToken: '{% $states.context.Task.Token %}' },
    },
    Output: { answer: '{% $states.result %}', task: '{% $states.input.task %}' },
    End: true,
  },
});

/** The Lambda behind `ask`, remembering the tokens it was handed. */
const asker = () => recorder<{ taskToken: string }>();
const lastToken = (fn: { calls: { taskToken: string }[] }): string => fn.calls.at(-1)!.taskToken;

/** `.sync:2` task failures carry the child's DescribeExecution response as the cause. */
function causeOf(output: unknown): Record<string, unknown> {
  const { Error: error, Cause: cause } = output as { Error: string; Cause: string };
  expect(error).toBe('States.TaskFailed');
  return JSON.parse(cause) as Record<string, unknown>;
}

describe('states:startExecution: request-response', () => {
  // "Start a new AWS Step Functions state machine from a running execution"
  // (https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html): the Task
  // calls StartExecution and goes on at once with its response. The response's shape (PascalCase,
  // StartDate in epoch ms, SDK metadata) is what AWS records in the TaskSucceeded event.
  it('starts the child through StartExecution and goes on with {ExecutionArn, StartDate} at once', async () => {
    const w = await world({
      machines: {
        [PARENT]: machine({ Invite: startChild(START_EXECUTION, { End: true }) }),
        [CHILD]: machine({ Pause: { Type: 'Wait', Seconds: 3600, End: true } }),
      },
    });
    const parent = await w.start(PARENT, { name: 'traj-1.evaluation', payload: { task: 'evaluation' } });
    const child = executionArn(CHILD, 'traj-1.evaluation');

    expect(await w.output(parent)).toEqual({
      ExecutionArn: child,
      SdkHttpMetadata: {
        AllHttpHeaders: {
          'Content-Type': ['application/x-amz-json-1.0'],
          'x-amzn-RequestId': [expect.stringMatching(UUID)],
        },
        HttpHeaders: {
          'Content-Type': 'application/x-amz-json-1.0',
          'x-amzn-RequestId': expect.stringMatching(UUID),
        },
        HttpStatusCode: 200,
      },
      SdkResponseMetadata: { RequestId: expect.stringMatching(UUID) },
      StartDate: START,
    });
    expect(await w.describe(child)).toMatchObject({ status: 'RUNNING', input: '{"task":"evaluation"}' });
    expect(await w.types(parent)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    const scheduled = (await w.events(parent)).find((event) => event.type === 'TaskScheduled')!;
    expect(scheduled.taskScheduledEventDetails).toEqual({
      resourceType: 'states',
      resource: 'startExecution',
      region: REGION,
      parameters: JSON.stringify({
        StateMachineArn: CHILD,
        Name: 'traj-1.evaluation',
        Input: { task: 'evaluation' },
      }),
    });
    const succeeded = (await w.events(parent)).find((event) => event.type === 'TaskSucceeded')!;
    expect(succeeded.taskSucceededEventDetails).toMatchObject({
      resourceType: 'states',
      resource: 'startExecution',
    });
  });

  // "StartExecution" (https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html):
  // input is JSON text, "{}" when there is none; without a name the execution gets a UUID.
  it('Input may be JSON text; without Input the child gets {} and without Name a UUID', async () => {
    const w = await world({
      machines: {
        [PARENT]: machine({
          Text: {
            Type: 'Task',
            Resource: START_EXECUTION,
            Arguments: { StateMachineArn: CHILD, Name: 'as-text', Input: '{"from":"text"}' },
            Assign: { first: '{% $states.result.ExecutionArn %}' },
            Next: 'Bare',
          },
          Bare: {
            Type: 'Task',
            Resource: START_EXECUTION,
            Arguments: { StateMachineArn: CHILD },
            Output: { first: '{% $first %}', second: '{% $states.result.ExecutionArn %}' },
            End: true,
          },
        }),
        [CHILD]: machine({ Pause: { Type: 'Wait', Seconds: 60, End: true } }),
      },
    });
    const { first, second } = (await w.output(await w.start(PARENT))) as { first: string; second: string };
    expect(first).toBe(executionArn(CHILD, 'as-text'));
    expect((await w.describe(first)).input).toBe('{"from":"text"}');
    expect(second.split(':').at(-1)).toMatch(UUID);
    expect((await w.describe(second)).input).toBe('{}');
  });

  // "StartExecution": the same name and input while the execution runs is idempotent (the same
  // execution); a different input, or a name whose execution has closed, is ExecutionAlreadyExists.
  // "Learning to use AWS service SDK integrations in Step Functions"
  // (https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html): a
  // service's error is named <Service>.<Error> with the Exception suffix; the optimized
  // integration's prefix is StepFunctions (as the Retry example of "Start workflow executions
  // from a task state" shows with StepFunctions.ExecutionLimitExceeded).
  it('starting by name is idempotent for the same input; otherwise StepFunctions.ExecutionAlreadyExistsException', async () => {
    const w = await world({
      machines: {
        [PARENT]: machine({
          Invite: startChild(START_EXECUTION, {
            Output: '{% $states.result.ExecutionArn %}',
            Catch: [{ ErrorEquals: ['StepFunctions.ExecutionAlreadyExistsException'], Next: 'Exists' }],
            End: true,
          }),
          Exists: { Type: 'Pass', End: true },
        }),
        [CHILD]: machine({ Pause: { Type: 'Wait', Seconds: 60, End: true } }),
      },
    });
    const input = { name: 'traj-1.identify', payload: { task: 'identify' } };
    const child = executionArn(CHILD, 'traj-1.identify');
    expect(await w.output(await w.start(PARENT, input))).toBe(child);
    expect(await w.output(await w.start(PARENT, input))).toBe(child);
    expect((await w.engine.listExecutions({ stateMachineArn: CHILD })).executions).toHaveLength(1);

    const different = await w.output(await w.start(PARENT, { ...input, payload: { task: 'other' } }));
    expect(different).toEqual({
      Error: 'StepFunctions.ExecutionAlreadyExistsException',
      Cause: expect.stringContaining(`Execution Already Exists: '${child}'`),
    });

    await w.clock.advance(60 * SECOND);
    expect((await w.describe(child)).status).toBe('SUCCEEDED');
    expect(await w.output(await w.start(PARENT, input))).toMatchObject({
      Error: 'StepFunctions.ExecutionAlreadyExistsException',
    });
  });

  // "StartExecution": StateMachineDoesNotExist for a state machine the service does not know.
  it('a StateMachineArn the engine does not know fails the task with StepFunctions.StateMachineDoesNotExistException', async () => {
    const unknown = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:Nowhere`;
    const w = await world({
      machines: {
        [PARENT]: machine({
          Invite: {
            Type: 'Task',
            Resource: START_EXECUTION_SYNC,
            Arguments: { StateMachineArn: unknown },
            End: true,
          },
        }),
      },
    });
    const description = await w.describe(await w.start(PARENT));
    expect(description).toMatchObject({
      status: 'FAILED',
      error: 'StepFunctions.StateMachineDoesNotExistException',
    });
    expect(description.cause).toContain(`State Machine Does Not Exist: '${unknown}'`);
  });
});

describe('states:startExecution.sync:2: run a job', () => {
  // "Start a new AWS Step Functions state machine from a running execution": `.sync:2` starts the
  // execution and waits for it to complete; "Discover service integration patterns"
  // (https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html), Run a Job:
  // the workflow pauses until the job completes. The result is the DescribeExecution response
  // ("DescribeExecution", API reference) in PascalCase with Input and Output as JSON objects, as
  // AWS records it in TaskSucceeded; TaskSubmitted carries the StartExecution response.
  it('waits for the child, then goes on with its DescribeExecution response, Input and Output parsed', async () => {
    const w = await world({
      machines: {
        [PARENT]: machine({
          Ask: startChild(START_EXECUTION_SYNC, { Output: '{% $states.result %}', End: true }),
        }),
        [CHILD]: machine({
          Pause: { Type: 'Wait', Seconds: 3600, Next: 'Answer' },
          Answer: {
            Type: 'Pass',
            Output: { decision: 'approve', task: '{% $states.input.task %}' },
            End: true,
          },
        }),
      },
    });
    const parent = await w.start(PARENT, { name: 'traj-1.plan', payload: { task: 'plan' } });
    const child = executionArn(CHILD, 'traj-1.plan');
    expect((await w.describe(parent)).status).toBe('RUNNING');
    expect(await w.types(parent)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
    ]);
    const submitted = (await w.events(parent)).find((event) => event.type === 'TaskSubmitted')!;
    expect(submitted.taskSubmittedEventDetails).toMatchObject({
      resourceType: 'states',
      resource: 'startExecution.sync:2',
    });
    expect(JSON.parse((submitted.taskSubmittedEventDetails as { output: string }).output)).toMatchObject({
      ExecutionArn: child,
      StartDate: START,
    });

    await w.clock.advance(3600 * SECOND);
    expect(await w.output(parent)).toEqual({
      ExecutionArn: child,
      Input: { task: 'plan' },
      InputDetails: { Included: true },
      Name: 'traj-1.plan',
      Output: { decision: 'approve', task: 'plan' },
      OutputDetails: { Included: true },
      RedriveCount: 0,
      RedriveStatus: 'NOT_REDRIVABLE',
      StartDate: START,
      StateMachineArn: CHILD,
      Status: 'SUCCEEDED',
      StopDate: START + 3600 * SECOND,
    });
    const succeeded = (await w.events(parent)).find((event) => event.type === 'TaskSucceeded')!;
    expect(succeeded.timestamp).toEqual(new Date(START + 3600 * SECOND));
    expect(succeeded.taskSucceededEventDetails).toMatchObject({
      resourceType: 'states',
      resource: 'startExecution.sync:2',
    });
  });

  // A child that ends before the parent hears back from StartExecution is still seen to end.
  it('a child that ends at once (no waiting state) completes the parent task', async () => {
    const w = await world({
      machines: {
        [PARENT]: machine({
          Ask: startChild(START_EXECUTION_SYNC, { Output: '{% $states.result.Output %}', End: true }),
        }),
        [CHILD]: machine({ Answer: { Type: 'Pass', Output: { quick: true }, End: true } }),
      },
    });
    expect(await w.output(await w.start(PARENT, { name: 'quick', payload: {} }))).toEqual({ quick: true });
  });

  // "Handling errors in Step Functions workflows"
  // (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html): a Task
  // failure is caught by name. A child that fails makes the `.sync:2` task fail with
  // States.TaskFailed; the cause is the child's DescribeExecution response as JSON text, carrying
  // its Error and Cause (AWS's own cause, as recorded from a failed nested execution).
  it('a FAILED child fails the task with States.TaskFailed; the cause carries the child Error and Cause', async () => {
    const w = await world({
      machines: {
        [PARENT]: waitsForChild,
        [CHILD]: machine({
          Pause: { Type: 'Wait', Seconds: 60, Next: 'Give up' },
          'Give up': { Type: 'Fail', Error: 'NoAnswer', Cause: 'the employee left' },
        }),
      },
    });
    const parent = await w.start(PARENT, { name: 'traj-1.assess', payload: { task: 'assess' } });
    await w.clock.advance(60 * SECOND);
    expect(causeOf(await w.output(parent))).toEqual({
      Cause: 'the employee left',
      Error: 'NoAnswer',
      ExecutionArn: executionArn(CHILD, 'traj-1.assess'),
      Input: { task: 'assess' },
      InputDetails: { Included: true },
      Name: 'traj-1.assess',
      RedriveCount: 0,
      RedriveStatus: 'NOT_REDRIVABLE',
      StartDate: START,
      StateMachineArn: CHILD,
      Status: 'FAILED',
      StopDate: START + 60 * SECOND,
    });
    const failed = (await w.events(parent)).find((event) => event.type === 'TaskFailed')!;
    expect(failed.taskFailedEventDetails).toMatchObject({
      resourceType: 'states',
      resource: 'startExecution.sync:2',
      error: 'States.TaskFailed',
    });
  });

  // A child that times out (its state machine's TimeoutSeconds) is TIMED_OUT with States.Timeout;
  // the parent's task fails with States.TaskFailed, not States.Timeout: the task did not time out.
  it('a TIMED_OUT child (state machine TimeoutSeconds) fails the task with States.TaskFailed', async () => {
    const w = await world({
      machines: {
        [PARENT]: waitsForChild,
        [CHILD]: machine({ Pause: { Type: 'Wait', Seconds: 3600, End: true } }, { TimeoutSeconds: 60 }),
      },
    });
    const parent = await w.start(PARENT, { name: 'slow', payload: {} });
    await w.clock.advance(60 * SECOND);
    expect(causeOf(await w.output(parent))).toMatchObject({
      Status: 'TIMED_OUT',
      Error: 'States.Timeout',
      StopDate: START + 60 * SECOND,
    });
  });

  // "StopExecution" (https://docs.aws.amazon.com/step-functions/latest/apireference/API_StopExecution.html)
  // stops a running execution, whatever it waits for: a task token, a Wait, a Retry interval.
  // The child is ABORTED with the given error and cause, its state ends with <Type>StateAborted,
  // nothing of it runs afterwards, and the parent's `.sync:2` task fails with States.TaskFailed.
  it.each([
    {
      waitingIn: 'a .waitForTaskToken task',
      child: asksForAnswer,
      aborted: 'TaskStateAborted',
      busyCalls: 0,
    },
    {
      waitingIn: 'a Wait state',
      child: machine({ Pause: { Type: 'Wait', Seconds: 3600, End: true } }),
      aborted: 'WaitStateAborted',
      busyCalls: 0,
    },
    {
      waitingIn: 'a retry interval',
      child: machine({
        Call: invoke(
          'busy',
          {},
          { Retry: [{ ErrorEquals: ['Busy'], IntervalSeconds: 600, MaxAttempts: 3 }], End: true },
        ),
      }),
      aborted: 'TaskStateAborted',
      busyCalls: 1,
    },
  ])(
    'StopExecution of a child waiting in $waitingIn aborts it, and the waiting parent sees States.TaskFailed',
    async ({ child: definition, aborted, busyCalls }) => {
      const ask = asker();
      const busy = recorder(() => {
        throw namedError('Busy');
      });
      const w = await world({
        machines: { [PARENT]: waitsForChild, [CHILD]: definition },
        lambdas: { ask, busy },
      });
      const parent = await w.start(PARENT, { name: 'traj-9.identify', payload: {} });
      const child = executionArn(CHILD, 'traj-9.identify');
      expect((await w.describe(child)).status).toBe('RUNNING');

      await w.engine.stopExecution({
        executionArn: child,
        error: 'Cancelled',
        cause: 'HR cancelled the trajectory',
      });
      await w.engine.whenIdle();
      expect(await w.describe(child)).toMatchObject({
        status: 'ABORTED',
        error: 'Cancelled',
        cause: 'HR cancelled the trajectory',
      });
      expect((await w.types(child)).slice(-2)).toEqual([aborted, 'ExecutionAborted']);
      expect(causeOf(await w.output(parent))).toMatchObject({
        Status: 'ABORTED',
        Error: 'Cancelled',
        Cause: 'HR cancelled the trajectory',
      });

      const length = (await w.types(child)).length;
      await w.clock.advance(DAY);
      expect(await w.types(child)).toHaveLength(length);
      expect(busy.calls).toHaveLength(busyCalls);
      if (ask.calls.length > 0) {
        const late = await w.engine
          .sendTaskSuccess({ taskToken: lastToken(ask), output: '{}' })
          .catch((thrown: unknown) => thrown);
        expect((late as ApiError).code).toBe('TaskTimedOut');
      }
    },
  );

  // "Discover service integration patterns", Run a Job (.sync): when the task is stopped, Step
  // Functions tries to stop the job, here the child execution. Stopping the parent (StopExecution)
  // or its timing out (TimeoutSeconds of its state machine, or of the task) ends the wait.
  it('stopping a parent that waits stops its child', async () => {
    const w = await world({
      machines: { [PARENT]: waitsForChild, [CHILD]: asksForAnswer },
      lambdas: { ask: asker() },
    });
    const parent = await w.start(PARENT, { name: 'traj-2.identify', payload: {} });
    await w.engine.stopExecution({ executionArn: parent, error: 'Cancelled' });
    await w.engine.whenIdle();
    expect(await w.describe(parent)).toMatchObject({ status: 'ABORTED', error: 'Cancelled' });
    expect((await w.types(parent)).slice(-2)).toEqual(['TaskStateAborted', 'ExecutionAborted']);
    expect((await w.describe(executionArn(CHILD, 'traj-2.identify'))).status).toBe('ABORTED');
  });

  it('a parent timing out (state machine TimeoutSeconds) stops its child', async () => {
    const w = await world({
      machines: {
        [PARENT]: machine({ Ask: startChild(START_EXECUTION_SYNC, { End: true }) }, { TimeoutSeconds: 600 }),
        [CHILD]: asksForAnswer,
      },
      lambdas: { ask: asker() },
    });
    const parent = await w.start(PARENT, { name: 'traj-3.identify', payload: {} });
    await w.clock.advance(600 * SECOND);
    expect(await w.describe(parent)).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect((await w.describe(executionArn(CHILD, 'traj-3.identify'))).status).toBe('ABORTED');
  });

  // "Handling errors in Step Functions workflows": TimeoutSeconds, Retry and Catch of a Task
  // apply to these tasks as to any: a timed-out `.sync:2` task (its child stopped) is caught by
  // States.Timeout; a Retry starts a new attempt, with a new child.
  it('TimeoutSeconds of the task: States.Timeout, caught; the child is stopped', async () => {
    const w = await world({
      machines: {
        [PARENT]: machine({
          Ask: startChild(START_EXECUTION_SYNC, {
            TimeoutSeconds: 300,
            Catch: [
              { ErrorEquals: ['States.Timeout'], Output: '{% $states.errorOutput.Error %}', Next: 'Late' },
            ],
            End: true,
          }),
          Late: { Type: 'Pass', End: true },
        }),
        [CHILD]: asksForAnswer,
      },
      lambdas: { ask: asker() },
    });
    const parent = await w.start(PARENT, { name: 'traj-4.identify', payload: {} });
    await w.clock.advance(300 * SECOND);
    expect(await w.output(parent)).toBe('States.Timeout');
    expect(await w.types(parent)).toContain('TaskTimedOut');
    expect((await w.describe(executionArn(CHILD, 'traj-4.identify'))).status).toBe('ABORTED');
  });

  it('Retry on States.TaskFailed starts a new child for the next attempt', async () => {
    const decide = recorder((_payload, call) => {
      if (call === 1) throw namedError('NotYet');
      return { decided: true };
    });
    const w = await world({
      machines: {
        [PARENT]: machine({
          Ask: {
            Type: 'Task',
            Resource: START_EXECUTION_SYNC,
            Arguments: {
              StateMachineArn: CHILD,
              Input: { attempt: '{% $states.context.State.RetryCount %}' },
            },
            Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 10, MaxAttempts: 1 }],
            Output: { input: '{% $states.result.Input %}', output: '{% $states.result.Output %}' },
            End: true,
          },
        }),
        [CHILD]: machine({
          Decide: invoke('decide', {}, { Output: '{% $states.result.Payload %}', End: true }),
        }),
      },
      lambdas: { decide },
    });
    const parent = await w.start(PARENT);
    expect((await w.describe(parent)).status).toBe('RUNNING');
    await w.clock.advance(10 * SECOND);
    expect(await w.output(parent)).toEqual({ input: { attempt: 1 }, output: { decided: true } });
    const children = (await w.engine.listExecutions({ stateMachineArn: CHILD })).executions;
    expect(children.map((execution) => execution.status).sort()).toEqual(['FAILED', 'SUCCEEDED']);
  });

  // "StartExecution": a running execution with the same name and input is the same execution, so
  // two `.sync:2` tasks starting it both wait for that one execution, and both see its end.
  it('a .sync:2 start of a name already running with the same input waits for that execution', async () => {
    const ask = asker();
    const w = await world({
      machines: { [PARENT]: waitsForChild, [CHILD]: asksForAnswer },
      lambdas: { ask },
    });
    const input = { name: 'traj-5.plan', payload: { task: 'plan' } };
    const first = await w.start(PARENT, input);
    const second = await w.start(PARENT, input);
    expect((await w.engine.listExecutions({ stateMachineArn: CHILD })).executions).toHaveLength(1);
    expect(ask.calls).toHaveLength(1);

    await w.engine.sendTaskSuccess({ taskToken: lastToken(ask), output: '"yes"' });
    await w.engine.whenIdle();
    for (const parent of [first, second]) {
      expect(await w.output(parent)).toMatchObject({
        ExecutionArn: executionArn(CHILD, 'traj-5.plan'),
        Output: { answer: 'yes', task: 'plan' },
      });
    }
  });
});

describe('The maximum execution time', () => {
  // "Step Functions service quotas" (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html):
  // the maximum execution time is one year; an execution running longer fails with States.Timeout
  // (and counts in ExecutionsTimedOut), as with the state machine's own TimeoutSeconds.
  it('an execution waiting for a token, without any timeout, times out after one year', async () => {
    const w = await world({ machines: { [CHILD]: asksForAnswer }, lambdas: { ask: asker() } });
    const arn = await w.start(CHILD, {}, 'forgotten');
    await w.clock.advance(YEAR - SECOND);
    expect((await w.describe(arn)).status).toBe('RUNNING');
    await w.clock.advance(SECOND);
    expect(await w.describe(arn)).toMatchObject({
      status: 'TIMED_OUT',
      error: 'States.Timeout',
      stopDate: new Date(START + YEAR),
    });
    expect((await w.types(arn)).at(-1)).toBe('ExecutionTimedOut');
  });

  it('TimeoutSeconds beyond a year does not extend it; a shorter one wins', async () => {
    const w = await world({
      machines: {
        [PARENT]: machine(
          { Pause: { Type: 'Wait', Seconds: 99_999_999, End: true } },
          { TimeoutSeconds: 99_999_999 },
        ),
        [CHILD]: machine(
          { Pause: { Type: 'Wait', Seconds: 99_999_999, End: true } },
          { TimeoutSeconds: 3600 },
        ),
      },
    });
    const long = await w.start(PARENT);
    const short = await w.start(CHILD);
    await w.clock.advance(3600 * SECOND);
    expect((await w.describe(short)).status).toBe('TIMED_OUT');
    expect((await w.describe(long)).status).toBe('RUNNING');
    await w.clock.advanceTo(new Date(START + YEAR));
    expect(await w.describe(long)).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
  });
});

describe('Execution status change events', () => {
  // "AWS Step Functions events" (https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-states.html)
  // and "CloudWatch Events for Step Functions execution status changes" (developer guide): the
  // event's `detail` carries what DescribeExecution does, startDate/stopDate in epoch ms, output
  // null unless the execution succeeded. One event per ending; a rule on FAILED, TIMED_OUT and
  // ABORTED sees the failures.
  it('the handler is called once per ended execution with the EventBridge event', async () => {
    const w = await world({
      machines: {
        [PARENT]: waitsForChild,
        [CHILD]: machine({
          Pause: { Type: 'Wait', Seconds: 3600, Next: 'Give up' },
          'Give up': { Type: 'Fail', Error: 'NoAnswer', Cause: 'the employee left' },
        }),
      },
    });
    const parent = await w.start(PARENT, { name: 'traj-6.assess', payload: { task: 'assess' } });
    const child = executionArn(CHILD, 'traj-6.assess');
    expect(w.statusEvents).toEqual([]);
    await w.clock.advance(3600 * SECOND);
    await w.clock.advance(DAY);

    expect(w.statusEvents.map((event) => [event.detail.executionArn, event.detail.status])).toEqual([
      [child, 'FAILED'],
      [parent, 'SUCCEEDED'],
    ]);
    expect(w.statusEvents[0]).toEqual({
      version: '0',
      id: expect.stringMatching(UUID),
      'detail-type': 'Step Functions Execution Status Change',
      source: 'aws.states',
      account: ACCOUNT,
      time: '2025-03-03T10:00:00Z',
      region: REGION,
      resources: [child],
      detail: {
        executionArn: child,
        stateMachineArn: CHILD,
        name: 'traj-6.assess',
        status: 'FAILED',
        startDate: START,
        stopDate: START + 3600 * SECOND,
        input: '{"task":"assess"}',
        inputDetails: { included: true },
        output: null,
        outputDetails: null,
        error: 'NoAnswer',
        cause: 'the employee left',
      },
    });
    const succeeded = w.statusEvents[1]!.detail;
    expect(succeeded.outputDetails).toEqual({ included: true });
    expect(causeOf(JSON.parse(succeeded.output!))).toMatchObject({ Status: 'FAILED' });
    expect(succeeded).not.toHaveProperty('error');
  });

  it('ABORTED and TIMED_OUT executions are announced too', async () => {
    const w = await world({
      machines: {
        [PARENT]: machine({ Pause: { Type: 'Wait', Seconds: 3600, End: true } }),
        [CHILD]: machine({ Pause: { Type: 'Wait', Seconds: 3600, End: true } }, { TimeoutSeconds: 60 }),
      },
    });
    const stopped = await w.start(PARENT, {}, 'stopped');
    const slow = await w.start(CHILD, {}, 'slow');
    await w.engine.stopExecution({ executionArn: stopped, error: 'Cancelled', cause: 'by HR' });
    await w.engine.stopExecution({ executionArn: stopped });
    await w.clock.advance(DAY);
    expect(w.statusEvents.map((event) => [event.detail.name, event.detail.status])).toEqual([
      ['stopped', 'ABORTED'],
      ['slow', 'TIMED_OUT'],
    ]);
    expect(w.statusEvents[0]!.detail).toMatchObject({ error: 'Cancelled', cause: 'by HR', output: null });
    expect(w.statusEvents[1]!.detail).toMatchObject({ executionArn: slow, error: 'States.Timeout' });
  });

  it('the handler runs on the clock (whenIdle waits for it); what it throws is logged and changes nothing', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const handled: string[] = [];
    const w = await world({
      machines: { [PARENT]: machine({ Done: { Type: 'Pass', End: true } }) },
      onStatusChange: async (event) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        handled.push(event.detail.name);
        if (event.detail.name === 'throws') throw new Error('the rule target is down');
      },
    });
    await w.start(PARENT, {}, 'throws');
    expect(handled).toEqual(['throws']);
    expect(logged).toHaveBeenCalledWith(
      expect.stringContaining('status change handler failed'),
      expect.objectContaining({ message: 'the rule target is down' }),
    );
    const next = await w.start(PARENT, {}, 'next');
    expect((await w.describe(next)).status).toBe('SUCCEEDED');
    expect(handled).toEqual(['throws', 'next']);
  });
});

describe('Nested executions across a restart', () => {
  /** Reads the record of `arn` from the state directory, as the engine wrote it. */
  async function recordFile(dir: string, arn: string): Promise<{ file: string; text: string }> {
    const folder = join(dir, 'executions');
    for (const name of await readdir(folder)) {
      if (!name.endsWith('.json')) continue;
      const text = await readFile(join(folder, name), 'utf8');
      if ((JSON.parse(text) as { executionArn: string }).executionArn === arn)
        return { file: join(folder, name), text };
    }
    throw new Error(`no record of ${arn}`);
  }

  const machines = { [PARENT]: waitsForChild, [CHILD]: asksForAnswer };

  it('a parent waiting for a child is woken when the child, resumed after the restart, ends', async () => {
    const dir = await stateDir();
    const ask = asker();
    const first = await world({ machines, lambdas: { ask }, stateDir: dir });
    const parent = await first.start(PARENT, { name: 'traj-7.plan', payload: { task: 'plan' } });
    await first.close();

    const second = await world({ machines, lambdas: { ask: asker() }, stateDir: dir });
    await second.engine.whenIdle();
    expect((await second.describe(parent)).status).toBe('RUNNING');
    await second.engine.sendTaskSuccess({ taskToken: lastToken(ask), output: '"approved"' });
    await second.engine.whenIdle();
    expect(await second.output(parent)).toMatchObject({
      Status: 'SUCCEEDED',
      Output: { answer: 'approved', task: 'plan' },
    });
    // Executions that ended before the restart are not announced again.
    expect(second.statusEvents.map((event) => event.detail.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
  });

  it('a child that ended before the parent heard of it (the engine stopped in between) completes the parent after the restart', async () => {
    const dir = await stateDir();
    const ask = asker();
    const first = await world({ machines, lambdas: { ask }, stateDir: dir });
    const parent = await first.start(PARENT, { name: 'traj-8.plan', payload: { task: 'plan' } });
    const waiting = await recordFile(dir, parent);
    await first.engine.sendTaskSuccess({ taskToken: lastToken(ask), output: '"approved"' });
    await first.engine.whenIdle();
    await first.close();
    // Put the parent back where it was before it heard of the child's end, as a crash between the
    // child's write and the parent's would leave it: the child's end is on disk, the parent waits.
    await writeFile(waiting.file, waiting.text);
    expect(JSON.parse((await recordFile(dir, executionArn(CHILD, 'traj-8.plan'))).text)).toMatchObject({
      status: 'SUCCEEDED',
    });

    const second = await world({ machines, stateDir: dir });
    await second.engine.whenIdle();
    expect(await second.output(parent)).toMatchObject({
      Status: 'SUCCEEDED',
      Output: { answer: 'approved' },
    });
  });

  // A crash while StartExecution was in flight leaves the parent "invoking": the call is made again
  // on resume (at least once, as every task call) and must find the execution the same attempt
  // started (unnamed, its UUID is fixed when the attempt starts), even one that has ended since,
  // which a plain StartExecution would answer with ExecutionAlreadyExists.
  it('a start interrupted by a crash is made again and finds the execution it started, even ended', async () => {
    const dir = await stateDir();
    const ask = asker();
    const unnamed = {
      [PARENT]: machine({
        Ask: {
          Type: 'Task',
          Resource: START_EXECUTION_SYNC,
          Arguments: { StateMachineArn: CHILD, Input: { task: 'plan' } },
          End: true,
        },
      }),
      [CHILD]: asksForAnswer,
    };
    const first = await world({ machines: unnamed, lambdas: { ask }, stateDir: dir });
    const parent = await first.start(PARENT, {}, 'traj-11');
    const waiting = await recordFile(dir, parent);
    await first.engine.sendTaskSuccess({ taskToken: lastToken(ask), output: '"approved"' });
    await first.engine.whenIdle();
    await first.close();
    // Rewind the parent to its write before the call: no TaskSubmitted, no child known yet.
    const record = JSON.parse(waiting.text) as {
      history: { type: string }[];
      position: Record<string, unknown>;
    };
    expect(record.history.at(-1)!.type).toBe('TaskSubmitted');
    record.history.pop();
    record.position.phase = 'invoking';
    delete record.position.child;
    await writeFile(waiting.file, JSON.stringify(record));

    const second = await world({ machines: unnamed, stateDir: dir });
    await second.engine.whenIdle();
    const children = (await second.engine.listExecutions({ stateMachineArn: CHILD })).executions;
    expect(children.map((child) => child.status)).toEqual(['SUCCEEDED']);
    expect(await second.output(parent)).toMatchObject({
      ExecutionArn: children[0]!.executionArn,
      Output: { answer: 'approved', task: 'plan' },
    });
    expect((await second.types(parent)).filter((type) => type === 'TaskSubmitted')).toHaveLength(1);
  });

  // "Step Functions service quotas": the one-year maximum counts from the start, across restarts.
  it('the one-year maximum survives a restart', async () => {
    const dir = await stateDir();
    const first = await world({ machines, lambdas: { ask: asker() }, stateDir: dir });
    const parent = await first.start(PARENT, { name: 'traj-10.plan', payload: {} });
    await first.clock.advance(200 * DAY);
    await first.close();

    const second = await world({ machines, stateDir: dir });
    await second.clock.advanceTo(new Date(START + YEAR - SECOND));
    expect((await second.describe(parent)).status).toBe('RUNNING');
    await second.clock.advanceTo(new Date(START + YEAR));
    expect(await second.describe(parent)).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect((await second.describe(executionArn(CHILD, 'traj-10.plan'))).status).not.toBe('RUNNING');
  });
});

describe('Loading: unsupported startExecution variants are refused by name', () => {
  async function refusal(task: object): Promise<string> {
    const error = await createEngine({
      clock: frozenClock(),
      lambdas: {},
      definitions: { [PARENT]: { definition: machine({ Start: { Type: 'Task', End: true, ...task } }) } },
    }).then(
      async (engine) => {
        await engine.close();
        return undefined;
      },
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(DefinitionError);
    return (error as DefinitionError).message;
  }

  // "Start a new AWS Step Functions state machine from a running execution" lists `.sync`,
  // `.sync:2` and `.waitForTaskToken`; only request-response and `.sync:2` run here.
  it('.sync (output as text) and .waitForTaskToken are refused, naming the state', async () => {
    const args = { Arguments: { StateMachineArn: CHILD } };
    expect(await refusal({ Resource: `${START_EXECUTION}.sync`, ...args })).toContain(
      `Unsupported Resource "${START_EXECUTION}.sync" in state "Start": only ${START_EXECUTION_SYNC}`,
    );
    expect(await refusal({ Resource: `${START_EXECUTION}.waitForTaskToken`, ...args })).toContain(
      `Unsupported Resource "${START_EXECUTION}.waitForTaskToken" in state "Start"`,
    );
  });

  it('Arguments other than StateMachineArn, Input and Name are refused; StateMachineArn is required', async () => {
    expect(
      await refusal({
        Resource: START_EXECUTION_SYNC,
        Arguments: { StateMachineArn: CHILD, TraceHeader: 'x' },
      }),
    ).toContain('Unsupported Arguments field "TraceHeader" in state "Start"');
    expect(await refusal({ Resource: START_EXECUTION, Arguments: { Input: {} } })).toContain(
      'Missing Arguments.StateMachineArn in state "Start"',
    );
    expect(await refusal({ Resource: START_EXECUTION })).toContain(
      'Missing Arguments (StateMachineArn, Input, Name) in state "Start"',
    );
  });
});
