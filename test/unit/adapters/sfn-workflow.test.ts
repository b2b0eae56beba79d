import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  InvalidToken,
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  SFNClient,
  SFNServiceException,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { executionArnFor, SfnWorkflowClient } from '#adapters/sfn-workflow.ts';

const STATE_MACHINE_ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:trajectory';
const EXECUTION_ARN = 'arn:aws:states:eu-west-1:123456789012:execution:trajectory:traj-1';

const sfnMock = mockClient(SFNClient);
const TASK_STATE_MACHINE_ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:human-task';
const workflow = () => new SfnWorkflowClient(new SFNClient({}), STATE_MACHINE_ARN, TASK_STATE_MACHINE_ARN);
const meta = { $metadata: {} };

beforeEach(() => {
  // Nothing running but what a test names.
  sfnMock.on(ListExecutionsCommand).resolves({ executions: [] });
});

afterEach(() => {
  sfnMock.reset();
});

/** A ListExecutions item of a running execution. */
const running = (stateMachineArn: string, name: string) => ({
  executionArn: executionArnFor(stateMachineArn, name),
  stateMachineArn,
  name,
  status: 'RUNNING' as const,
  startDate: new Date(),
});

describe('executionArnFor', () => {
  it('derives the execution ARN from the state machine ARN and the execution name', () => {
    expect(executionArnFor(STATE_MACHINE_ARN, 'traj-1')).toBe(EXECUTION_ARN);
  });

  it('refuses something that is not a state machine ARN', () => {
    expect(() => executionArnFor('arn:aws:lambda:eu-west-1:1:function:x', 'traj-1')).toThrow(
      /STATE_MACHINE_ARN/,
    );
  });
});

describe('SfnWorkflowClient.start', () => {
  it('starts an execution named after the trajectory with the input as JSON', async () => {
    // Prepare
    sfnMock.on(StartExecutionCommand).resolves({ executionArn: EXECUTION_ARN, startDate: new Date() });

    // Act
    await workflow().start('traj-1', { trajectoryId: 'traj-1' });

    // Assess
    const calls = sfnMock.commandCalls(StartExecutionCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      stateMachineArn: STATE_MACHINE_ARN,
      name: 'traj-1',
      input: JSON.stringify({ trajectoryId: 'traj-1' }),
    });
  });

  it('treats an existing execution with the same input as started', async () => {
    // Prepare
    sfnMock
      .on(StartExecutionCommand)
      .rejects(new ExecutionAlreadyExists({ message: 'Execution Already Exists', ...meta }));
    sfnMock.on(DescribeExecutionCommand).resolves({
      executionArn: EXECUTION_ARN,
      stateMachineArn: STATE_MACHINE_ARN,
      status: 'SUCCEEDED',
      startDate: new Date(),
      // Key order differs from the request: equality is on the parsed value.
      input: '{"locale":"nl","trajectoryId":"traj-1"}',
    });

    // Act
    await workflow().start('traj-1', { trajectoryId: 'traj-1', locale: 'nl' });

    // Assess
    const describe = sfnMock.commandCalls(DescribeExecutionCommand);
    expect(describe).toHaveLength(1);
    expect(describe[0]!.args[0].input).toEqual({ executionArn: EXECUTION_ARN });
  });

  it('fails when the existing execution was started with another input', async () => {
    // Prepare
    sfnMock.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', ...meta }));
    sfnMock.on(DescribeExecutionCommand).resolves({
      executionArn: EXECUTION_ARN,
      stateMachineArn: STATE_MACHINE_ARN,
      status: 'RUNNING',
      startDate: new Date(),
      input: '{"trajectoryId":"someone-else"}',
    });

    // Act + Assess
    await expect(workflow().start('traj-1', { trajectoryId: 'traj-1' })).rejects.toBeInstanceOf(
      ExecutionAlreadyExists,
    );
  });

  it('lets other errors through', async () => {
    // Prepare
    sfnMock
      .on(StartExecutionCommand)
      .rejects(new SFNServiceException({ name: 'ThrottlingException', $fault: 'client', ...meta }));

    // Act + Assess
    await expect(workflow().start('traj-1', {})).rejects.toThrow();
    expect(sfnMock.commandCalls(DescribeExecutionCommand)).toHaveLength(0);
  });
});

describe('SfnWorkflowClient.stop', () => {
  it('stops the execution of the trajectory', async () => {
    // Prepare
    sfnMock.on(StopExecutionCommand).resolves({ stopDate: new Date() });

    // Act
    await workflow().stop('traj-1', 'cancelled by HR');

    // Assess
    const calls = sfnMock.commandCalls(StopExecutionCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toMatchObject({ executionArn: EXECUTION_ARN, cause: 'cancelled by HR' });
  });

  it('stops every execution the trajectory continued in after an extension', async () => {
    // Prepare
    sfnMock.on(StopExecutionCommand).resolves({ stopDate: new Date() });

    // Act: a trajectory in its third term (extended twice).
    await workflow().stop('traj-1', 'cancelled by HR', 3);

    // Assess
    const stopped = sfnMock.commandCalls(StopExecutionCommand).map((call) => call.args[0].input.executionArn);
    expect(stopped.sort()).toEqual([EXECUTION_ARN, `${EXECUTION_ARN}.term-2`, `${EXECUTION_ARN}.term-3`]);
  });

  it('stops the executions a long pause continued in, found over every page of the running list', async () => {
    // Prepare: two pages; another trajectory's executions (a longer id with the same start) stay.
    sfnMock.on(StopExecutionCommand).resolves({ stopDate: new Date() });
    sfnMock
      .on(ListExecutionsCommand)
      .resolvesOnce({
        executions: [running(STATE_MACHINE_ARN, 'traj-1.from-mabc'), running(STATE_MACHINE_ARN, 'traj-12')],
        nextToken: 'page-2',
      })
      .resolves({ executions: [running(STATE_MACHINE_ARN, 'traj-1.from-mxyz')] });

    // Act
    await workflow().stop('traj-1', 'cancelled by HR');

    // Assess
    const listed = sfnMock.commandCalls(ListExecutionsCommand).map((call) => call.args[0].input);
    expect(listed).toEqual([
      { stateMachineArn: STATE_MACHINE_ARN, statusFilter: 'RUNNING', maxResults: 1000, nextToken: undefined },
      { stateMachineArn: STATE_MACHINE_ARN, statusFilter: 'RUNNING', maxResults: 1000, nextToken: 'page-2' },
    ]);
    const stopped = sfnMock.commandCalls(StopExecutionCommand).map((call) => call.args[0].input.executionArn);
    expect(stopped.sort()).toEqual([
      EXECUTION_ARN,
      `${EXECUTION_ARN}.from-mabc`,
      `${EXECUTION_ARN}.from-mxyz`,
    ]);
  });

  it('is done when there is no execution to stop', async () => {
    // Prepare
    sfnMock.on(StopExecutionCommand).rejects(new ExecutionDoesNotExist({ message: 'no', ...meta }));

    // Act + Assess
    await expect(workflow().stop('traj-1', 'cancelled')).resolves.toBeUndefined();
  });
});

describe('SfnWorkflowClient.stopTasks', () => {
  it("stops each task's own execution, named after the trajectory and the task", async () => {
    // Prepare
    sfnMock.on(StopExecutionCommand).resolves({ stopDate: new Date() });

    // Act
    await workflow().stopTasks('traj-1', ['follow-up-2', 'evaluation-1'], 'cancelled by HR');

    // Assess
    const stopped = sfnMock.commandCalls(StopExecutionCommand).map((call) => call.args[0].input.executionArn);
    expect(stopped.sort()).toEqual([
      'arn:aws:states:eu-west-1:123456789012:execution:human-task:traj-1.evaluation-1',
      'arn:aws:states:eu-west-1:123456789012:execution:human-task:traj-1.follow-up-2',
    ]);
  });

  it("stops the executions a task that waited long went on in, and no other task's", async () => {
    // Prepare
    sfnMock.on(StopExecutionCommand).resolves({ stopDate: new Date() });
    sfnMock.on(ListExecutionsCommand).resolves({
      executions: [
        running(TASK_STATE_MACHINE_ARN, 'traj-1.plan-1.cmabc'),
        running(TASK_STATE_MACHINE_ARN, 'traj-1.plan-10'),
        running(TASK_STATE_MACHINE_ARN, 'traj-2.plan-1.cmabc'),
      ],
    });

    // Act
    await workflow().stopTasks('traj-1', ['plan-1'], 'cancelled by HR');

    // Assess
    const stopped = sfnMock.commandCalls(StopExecutionCommand).map((call) => call.args[0].input.executionArn);
    expect(stopped.sort()).toEqual([
      'arn:aws:states:eu-west-1:123456789012:execution:human-task:traj-1.plan-1',
      'arn:aws:states:eu-west-1:123456789012:execution:human-task:traj-1.plan-1.cmabc',
    ]);
  });

  it('skips a task whose execution is not there (never started, or stopped by a retry)', async () => {
    // Prepare
    sfnMock
      .on(StopExecutionCommand)
      .rejectsOnce(new ExecutionDoesNotExist({ message: 'no', ...meta }))
      .resolves({ stopDate: new Date() });

    // Act + Assess
    await expect(
      workflow().stopTasks('traj-1', ['plan-1', 'follow-up-1'], 'cancelled'),
    ).resolves.toBeUndefined();
    expect(sfnMock.commandCalls(StopExecutionCommand)).toHaveLength(2);
  });
});

describe('SfnWorkflowClient.completeTask', () => {
  it('sends the output as JSON and answers true', async () => {
    // Prepare
    sfnMock.on(SendTaskSuccessCommand).resolves({});

    // Act
    const done = await workflow().completeTask('token-1', { decision: 'approve' });

    // Assess
    expect(done).toBe(true);
    expect(sfnMock.commandCalls(SendTaskSuccessCommand)[0]!.args[0].input).toEqual({
      taskToken: 'token-1',
      output: '{"decision":"approve"}',
    });
  });

  it.each([
    ['TaskDoesNotExist', new TaskDoesNotExist({ message: 'gone', ...meta })],
    ['TaskTimedOut', new TaskTimedOut({ message: 'late', ...meta })],
    ['InvalidToken', new InvalidToken({ message: 'bad', ...meta })],
  ])('answers false when the token is no longer live (%s)', async (_name, error) => {
    // Prepare
    sfnMock.on(SendTaskSuccessCommand).rejects(error);

    // Act + Assess
    await expect(workflow().completeTask('token-1', {})).resolves.toBe(false);
  });

  it('throws on errors that a retry may fix', async () => {
    // Prepare
    sfnMock
      .on(SendTaskSuccessCommand)
      .rejects(new SFNServiceException({ name: 'ServiceUnavailable', $fault: 'server', ...meta }));

    // Act + Assess
    await expect(workflow().completeTask('token-1', {})).rejects.toThrow();
  });
});
