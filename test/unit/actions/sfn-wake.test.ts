import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  InvalidToken,
  SendTaskFailureCommand,
  SFNClient,
  SFNServiceException,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { DUE_TIME_MOVED, SfnWorkflowClient } from '#adapters/sfn-workflow.ts';

const STATE_MACHINE_ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:trajectory';
const sfnMock = mockClient(SFNClient);
const TASK_STATE_MACHINE_ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:human-task';
const workflow = () => new SfnWorkflowClient(new SFNClient({}), STATE_MACHINE_ARN, TASK_STATE_MACHINE_ARN);
const meta = { $metadata: {} };

afterEach(() => {
  sfnMock.reset();
});

describe('SfnWorkflowClient.wake', () => {
  it('fails the waiting task with DueTimeMoved, which the Ask state catches, and answers true', async () => {
    // Prepare
    sfnMock.on(SendTaskFailureCommand).resolves({});

    // Act
    const woken = await workflow().wake('token-1');

    // Assess
    expect(woken).toBe(true);
    expect(DUE_TIME_MOVED).toBe('DueTimeMoved');
    expect(sfnMock.commandCalls(SendTaskFailureCommand)[0]!.args[0].input).toEqual({
      taskToken: 'token-1',
      error: 'DueTimeMoved',
      cause: 'The due time of the task was moved.',
    });
  });

  it.each([
    ['TaskDoesNotExist', new TaskDoesNotExist({ message: 'gone', ...meta })],
    ['TaskTimedOut', new TaskTimedOut({ message: 'late', ...meta })],
    ['InvalidToken', new InvalidToken({ message: 'bad', ...meta })],
  ])('answers false when the token is no longer live (%s)', async (_name, error) => {
    // Prepare
    sfnMock.on(SendTaskFailureCommand).rejects(error);

    // Act + Assess
    await expect(workflow().wake('token-1')).resolves.toBe(false);
  });

  it('throws on errors that a retry may fix', async () => {
    // Prepare
    sfnMock
      .on(SendTaskFailureCommand)
      .rejects(new SFNServiceException({ name: 'ServiceUnavailable', $fault: 'server', ...meta }));

    // Act + Assess
    await expect(workflow().wake('token-1')).rejects.toThrow();
  });
});
