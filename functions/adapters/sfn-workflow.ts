/**
 * The workflow port over Step Functions. One execution per trajectory, named after the
 * trajectory id: the name is what makes `start` safe to repeat (a retried create, a crash between
 * the DynamoDB write and StartExecution) without ever running a trajectory twice.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  DescribeExecutionCommand,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { STOPPED_BY_CANCEL, type WorkflowClient } from '#core/ports.ts';
import { config } from '#shared/env.ts';
import { serviceAdapter } from './aws-clients.ts';

/** Errors of SendTask* that mean "this token is no longer waiting", not "try again". */
const SPENT_TOKEN_ERRORS = new Set(['TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken']);

/** The error an Ask state catches when HR moved its task's due time (statemachine/, `Catch`). */
export const DUE_TIME_MOVED = 'DueTimeMoved';

const errorName = (error: unknown): string | undefined => (error instanceof Error ? error.name : undefined);

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `arn:aws:states:r:a:stateMachine:m` + `t` → `arn:aws:states:r:a:execution:m:t`. */
export function executionArnFor(stateMachineArn: string, executionName: string): string {
  if (!stateMachineArn.includes(':stateMachine:')) {
    throw new Error('STATE_MACHINE_ARN is not a state machine ARN');
  }
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName}`;
}

/** The execution of one human task: `<trajectoryId>.<taskId>` (statemachine/trajectory.asl.json). */
export const taskExecutionName = (trajectoryId: string, taskId: string): string =>
  `${trajectoryId}.${taskId}`;

export class SfnWorkflowClient implements WorkflowClient {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
    private readonly taskStateMachineArn: string,
  ) {}

  executionArn(trajectoryId: string): string {
    return executionArnFor(this.stateMachineArn, trajectoryId);
  }

  taskExecutionArn(trajectoryId: string, taskId: string): string {
    return executionArnFor(this.taskStateMachineArn, taskExecutionName(trajectoryId, taskId));
  }

  async start(trajectoryId: string, input: Record<string, unknown>): Promise<void> {
    try {
      await this.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: trajectoryId,
          input: JSON.stringify(input),
        }),
      );
    } catch (error) {
      // Step Functions answers a repeat of a running execution with success itself; it refuses
      // a closed one or a different input. Same input means this trajectory already has its
      // execution, whatever its state; a different input is a real conflict and must surface.
      if (errorName(error) !== 'ExecutionAlreadyExists') throw error;
      const existing = await this.client.send(
        new DescribeExecutionCommand({ executionArn: this.executionArn(trajectoryId) }),
      );
      if (!isDeepStrictEqual(parseJson(existing.input), input)) throw error;
    }
  }

  async stop(trajectoryId: string, cause: string, term = 1): Promise<void> {
    const continued = Array.from({ length: Math.max(0, term - 1) }, (_, index) =>
      this.executionArn(`${trajectoryId}.term-${index + 2}`),
    );
    // Also any execution a long pause continued in (`<trajectoryId>.from-<start>`): its name
    // depends on when the one before it started, so it is found by listing, not derived.
    const running = await this.#running(this.stateMachineArn, `${trajectoryId}.`);
    const arns = new Set([this.executionArn(trajectoryId), ...continued, ...running]);
    await Promise.all([...arns].map((arn) => this.#stop(arn, cause)));
  }

  async stopTasks(trajectoryId: string, taskIds: readonly string[], cause: string): Promise<void> {
    // Named explicitly rather than left to Step Functions: a task the process did not wait for
    // (a follow-up report) is no child it would stop with it. A task that waited long goes on in
    // executions named `<trajectoryId>.<taskId>.<suffix>`, found by listing.
    const names = new Set(taskIds.map((taskId) => taskExecutionName(trajectoryId, taskId)));
    const continued =
      taskIds.length === 0 ? [] : await this.#running(this.taskStateMachineArn, `${trajectoryId}.`);
    const arns = new Set([
      ...[...names].map((name) => executionArnFor(this.taskStateMachineArn, name)),
      ...continued.filter((arn) =>
        [...names].some((name) => arn.endsWith(`:${name}`) || arn.includes(`:${name}.`)),
      ),
    ]);
    await Promise.all([...arns].map((arn) => this.#stop(arn, cause)));
  }

  async startTask(trajectoryId: string, taskId: string, checkIn: number, nameSuffix = ''): Promise<void> {
    try {
      await this.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.taskStateMachineArn,
          name: `${taskExecutionName(trajectoryId, taskId)}${nameSuffix}`,
          input: JSON.stringify({ trajectoryId, taskId, checkIn }),
        }),
      );
    } catch (error) {
      // A retry of the step that started it: it runs, or ran, already (a repeat with another
      // checkIn is refused the same way, and the first one's is as good).
      if (errorName(error) !== 'ExecutionAlreadyExists') throw error;
    }
  }

  /** The running executions of a state machine whose names start with `prefix`. */
  async #running(stateMachineArn: string, prefix: string): Promise<string[]> {
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING', maxResults: 1000, nextToken }),
      );
      for (const execution of page.executions ?? []) {
        if (execution.name?.startsWith(prefix) && execution.executionArn) arns.push(execution.executionArn);
      }
      nextToken = page.nextToken;
    } while (nextToken);
    return arns;
  }

  async #stop(executionArn: string, cause: string): Promise<void> {
    try {
      await this.client.send(new StopExecutionCommand({ executionArn, error: STOPPED_BY_CANCEL, cause }));
    } catch (error) {
      // Nothing runs, so nothing is left to stop (a start that never happened, or a retry).
      if (errorName(error) !== 'ExecutionDoesNotExist') throw error;
    }
  }

  async completeTask(taskToken: string, output: unknown): Promise<boolean> {
    try {
      await this.client.send(
        new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output ?? null) }),
      );
      return true;
    } catch (error) {
      if (SPENT_TOKEN_ERRORS.has(errorName(error) ?? '')) return false;
      throw error;
    }
  }

  async wake(taskToken: string): Promise<boolean> {
    try {
      await this.client.send(
        new SendTaskFailureCommand({
          taskToken,
          error: DUE_TIME_MOVED,
          // Lands in the execution history, which HR's tooling may show: no personal data.
          cause: 'The due time of the task was moved.',
        }),
      );
      return true;
    } catch (error) {
      // Between a timeout and the next Ask entry no token is live; Chase then reads the new due
      // time from the task anyway.
      if (SPENT_TOKEN_ERRORS.has(errorName(error) ?? '')) return false;
      throw error;
    }
  }
}

/** The client for a Lambda: endpoint from `AWS_ENDPOINT_URL_SFN` when set, the state machine from the environment. */
export function createWorkflowFromEnv(): SfnWorkflowClient {
  return serviceAdapter(
    'sfn',
    SFNClient,
    (client) => new SfnWorkflowClient(client, config.stateMachineArn, config.taskStateMachineArn),
  );
}
