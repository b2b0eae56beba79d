/**
 * The engine behind a real HTTP endpoint, driven by the unmodified `@aws-sdk/client-sfn`
 * (AWS JSON 1.0 protocol: X-Amz-Target, application/x-amz-json-1.0, `__type` errors, epoch-second
 * timestamps), as the handlers will use it locally.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidToken,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSfnHttpHandler, handleSfnRequest } from '#local/engine/index.ts';
import {
  functionArn,
  harness,
  INVOKE_WAIT,
  machine,
  recorder,
  SECOND,
  START,
  STATE_MACHINE_ARN,
  type Harness,
} from './harness.ts';

const ask = recorder<{ taskToken: string }>(() => ({ mailed: true }));
let h: Harness;
let server: Server;
let sfn: SFNClient;

beforeAll(async () => {
  h = await harness({
    lambdas: { ask },
    definition: machine({
      Ask: {
        Type: 'Task',
        Resource: INVOKE_WAIT,
        Arguments: {
          FunctionName: functionArn('ask'),
          Payload: { taskToken: '{% $states.context.Task.Token %}' },
        },
        TimeoutSeconds: 3600,
        HeartbeatSeconds: 600,
        Catch: [{ ErrorEquals: ['Declined'], Next: 'Declined' }],
        Next: 'Done',
      },
      Declined: { Type: 'Fail', Error: 'Declined', Cause: '{% $states.input.Cause %}' },
      Done: { Type: 'Succeed', Output: { answer: '{% $states.input %}' } },
    }),
  });
  server = createServer(createSfnHttpHandler(h.engine));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  sfn = new SFNClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  sfn.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await h.close();
});

async function startWaiting(name: string): Promise<{ executionArn: string; taskToken: string }> {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({ stateMachineArn: STATE_MACHINE_ARN, name, input: JSON.stringify({ name }) }),
  );
  await h.engine.whenIdle();
  return { executionArn: executionArn!, taskToken: ask.calls.at(-1)!.taskToken };
}

describe('@aws-sdk/client-sfn against the local endpoint', () => {
  it('StartExecution, DescribeExecution, SendTaskSuccess and GetExecutionHistory round-trip, with timestamps as Dates', async () => {
    const { executionArn, taskToken } = await startWaiting('sdk-success');
    const running = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(running).toMatchObject({
      status: 'RUNNING',
      name: 'sdk-success',
      input: '{"name":"sdk-success"}',
    });
    expect(running.startDate).toEqual(new Date(START));

    await sfn.send(new SendTaskHeartbeatCommand({ taskToken }));
    await sfn.send(
      new SendTaskSuccessCommand({ taskToken, output: JSON.stringify({ decision: 'approve' }) }),
    );
    await h.engine.whenIdle();
    const done = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({ answer: { decision: 'approve' } });
    expect(done.stopDate).toBeInstanceOf(Date);

    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(history.events!.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    expect(history.events![0]!.timestamp).toEqual(new Date(START));
    expect(history.events![2]!.taskScheduledEventDetails).toMatchObject({
      timeoutInSeconds: 3600,
      heartbeatInSeconds: 600,
    });
  });

  it('SendTaskFailure and StopExecution work over the wire; ListExecutions filters by status', async () => {
    const failed = await startWaiting('sdk-failure');
    await sfn.send(
      new SendTaskFailureCommand({ taskToken: failed.taskToken, error: 'Declined', cause: 'no time' }),
    );
    await h.engine.whenIdle();
    expect(await sfn.send(new DescribeExecutionCommand({ executionArn: failed.executionArn }))).toMatchObject(
      {
        status: 'FAILED',
        error: 'Declined',
        cause: 'no time',
      },
    );

    const stopped = await startWaiting('sdk-stop');
    await h.clock.advance(5 * SECOND);
    const { stopDate } = await sfn.send(
      new StopExecutionCommand({ executionArn: stopped.executionArn, error: 'Cancelled', cause: 'by HR' }),
    );
    expect(stopDate).toEqual(new Date(START + 5 * SECOND));
    const aborted = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: STATE_MACHINE_ARN, statusFilter: 'ABORTED' }),
    );
    expect(aborted.executions!.map((execution) => execution.name)).toEqual(['sdk-stop']);
  });

  it('service errors arrive as the SDK exception classes: ExecutionAlreadyExists, ExecutionDoesNotExist, TaskTimedOut, TaskDoesNotExist, InvalidToken', async () => {
    const { executionArn, taskToken } = await startWaiting('sdk-errors');
    const error = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (thrown: unknown) => thrown as Error & { $metadata: { httpStatusCode?: number } },
      );

    const exists = await error(
      sfn.send(
        new StartExecutionCommand({
          stateMachineArn: STATE_MACHINE_ARN,
          name: 'sdk-errors',
          input: '{"other":1}',
        }),
      ),
    );
    expect(exists).toBeInstanceOf(ExecutionAlreadyExists);
    expect(exists!.$metadata.httpStatusCode).toBe(400);
    expect(exists!.message).toContain(executionArn);

    expect(
      await error(sfn.send(new DescribeExecutionCommand({ executionArn: `${executionArn}-missing` }))),
    ).toBeInstanceOf(ExecutionDoesNotExist);
    expect(
      await error(sfn.send(new SendTaskSuccessCommand({ taskToken: 'garbage', output: '{}' }))),
    ).toBeInstanceOf(InvalidToken);
    expect(
      await error(sfn.send(new SendTaskSuccessCommand({ taskToken: `AQB${'x'.repeat(86)}`, output: '{}' }))),
    ).toBeInstanceOf(TaskDoesNotExist);

    await sfn.send(new StopExecutionCommand({ executionArn }));
    expect(await error(sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{}' })))).toBeInstanceOf(
      TaskTimedOut,
    );
  });

  it('speaks the protocol itself: epoch-second timestamps, __type errors, UnknownOperationException', async () => {
    const { executionArn } = await startWaiting('sdk-raw');
    const described = await handleSfnRequest(h.engine, {
      target: 'AWSStepFunctions.DescribeExecution',
      body: JSON.stringify({ executionArn }),
    });
    expect(described.status).toBe(200);
    expect(described.headers['content-type']).toBe('application/x-amz-json-1.0');
    const { startDate } = await h.describe(executionArn);
    expect(JSON.parse(described.body).startDate).toBe(startDate.getTime() / 1000);

    const unknown = await handleSfnRequest(h.engine, {
      target: 'AWSStepFunctions.CreateActivity',
      body: '{}',
    });
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body).__type).toBe('UnknownOperationException');

    const missing = await handleSfnRequest(h.engine, {
      target: 'AWSStepFunctions.StartExecution',
      body: JSON.stringify({ stateMachineArn: `${STATE_MACHINE_ARN}-nope` }),
    });
    expect(JSON.parse(missing.body)).toEqual({
      __type: 'StateMachineDoesNotExist',
      message: `State Machine Does Not Exist: '${STATE_MACHINE_ARN}-nope'`,
    });
  });
});
