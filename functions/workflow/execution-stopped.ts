/**
 * "A workflow execution stopped without finishing" (EventBridge, `Step Functions Execution Status
 * Change`): the use case (flag the active trajectory, record the stop, mail HR once) is
 * functions/usecases/execution-stopped.ts; this handler reads the event and wires the adapters.
 *
 * Not a step of the state machines: invoked by an EventBridge rule (infra/constructs/execution-watch.ts),
 * so it validates the event itself and throws on a bad one; Lambda retries it and then hands it to
 * the dead-letter queue, which is alarmed.
 */
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { logger, metrics } from '#shared/observability.ts';
import {
  reportStoppedExecution,
  STOPPED_STATUSES,
  type ExecutionStoppedDeps,
  type ExecutionStoppedOutcome,
} from '#usecases/execution-stopped.ts';
import { mailDeps } from './wiring.ts';

/**
 * How long to wait before deciding that a trajectory really is still active: a cancel closes the
 * trajectory right after it stopped the executions, well within this (see `settle` of the use case).
 */
export const SETTLE_MS = 10_000;

/**
 * The documented event (Step Functions developer guide, "EventBridge (CloudWatch Events) for Step
 * Functions execution status changes"). Only what is used is checked; other fields are dropped.
 */
export const executionStoppedEvent = z.object({
  source: z.literal('aws.states'),
  'detail-type': z.literal('Step Functions Execution Status Change'),
  detail: z.object({
    executionArn: z.string().min(1),
    stateMachineArn: z.string().min(1),
    /** `<trajectoryId>` for the trajectory, `<trajectoryId>.<taskId>` for a human task. */
    name: z.string().min(1).max(80),
    status: z.enum(STOPPED_STATUSES),
    /** The execution's input as JSON text; null when it was too large for the event. */
    input: z.string().nullish(),
    error: z.string().nullish(),
    /** May quote a person's data (an error message); never stored, mailed or logged. */
    cause: z.string().nullish(),
  }),
});

export type ExecutionStoppedEvent = z.output<typeof executionStoppedEvent>;

/** Both state machines start their executions with the trajectory id (and a task's with its task id). */
const executionInput = z.object({
  trajectoryId: z.string().min(1).max(100),
  taskId: z
    .string()
    .regex(/^[a-z0-9-]{1,100}$/)
    .optional(),
});

/** What the execution was started with: the trajectory and, for a human task, its task. */
interface Started {
  trajectoryId: string;
  taskId?: string;
}

/** The event is not one this function can act on: a bug in the rule, never worth a retry. */
export class InvalidExecutionEventError extends Error {
  override readonly name = 'InvalidExecutionEventError';
}

/** The event, validated; the error names the paths that are wrong, never their values. */
export function parseExecutionStoppedEvent(event: unknown): ExecutionStoppedEvent {
  const parsed = executionStoppedEvent.safeParse(event);
  if (!parsed.success) {
    const paths = parsed.error.issues.map((issue) => issue.path.join('.') || '(event)');
    throw new InvalidExecutionEventError(`Invalid execution status change event at ${paths.join(', ')}`);
  }
  return parsed.data;
}

/**
 * The trajectory an execution belongs to, and a human task's task: from its input, or, when the
 * event left the input out (too large) or it has no id, the trajectory from the execution's name,
 * which starts with it. The task is then unknown, and the stop counts as the process's.
 */
function startedWith(detail: ExecutionStoppedEvent['detail']): Started {
  if (detail.input) {
    try {
      const input = executionInput.safeParse(JSON.parse(detail.input));
      if (input.success) return input.data;
    } catch {
      // Not JSON: fall back on the name.
    }
  }
  const fromName = detail.name.split('.')[0];
  if (!fromName) throw new InvalidExecutionEventError('The execution names no trajectory');
  return { trajectoryId: fromName };
}

/** Reads the event and hands what it says to the use case (also the local cloud's stand-in rule). */
export async function executionStoppedStep(
  deps: ExecutionStoppedDeps,
  event: unknown,
): Promise<ExecutionStoppedOutcome> {
  const { detail } = parseExecutionStoppedEvent(event);
  const { trajectoryId, taskId } = startedWith(detail);
  logger.appendKeys({ trajectoryId, execution: detail.name, status: detail.status });
  return reportStoppedExecution(deps, trajectoryId, { ...detail, ...(taskId && { taskId }) });
}

const deps: ExecutionStoppedDeps = {
  ...mailDeps(),
  settle: () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS)),
};

export async function handler(event: unknown, context?: Context): Promise<ExecutionStoppedOutcome> {
  logger.resetKeys();
  if (context?.awsRequestId) logger.appendKeys({ requestId: context.awsRequestId });
  try {
    return await executionStoppedStep(deps, event);
  } catch (error) {
    // The error's name and message only: the event's input and cause stay out of the logs.
    logger.error('Could not handle a stopped workflow execution', {
      errorType: (error as Error).name,
      error,
    });
    throw error;
  } finally {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  }
}
