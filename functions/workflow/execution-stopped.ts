/**
 * "A workflow execution stopped without finishing": an execution of the trajectory or of a human
 * task failed, timed out or was aborted (EventBridge, `Step Functions Execution Status Change`).
 * A trajectory that is still `active` then stands still, with nobody waiting on it: it is flagged
 * for attention, the stop goes into the dossier and the HR advisor is mailed, once per execution.
 * A closed trajectory (completed, ended, cancelled) is left alone: a cancel aborts its executions
 * on purpose.
 *
 * Not a step of the state machines: invoked by an EventBridge rule (infra/constructs/execution-watch.ts),
 * so it validates the event itself and throws on a bad one; Lambda retries it and then hands it to
 * the dead-letter queue, which is alarmed.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { STOPPED_BY_CANCEL } from '#core/ports.ts';
import { reportFailure } from '#core/steps.ts';
import { isClosed } from '#core/trajectory.ts';
import { clock } from '#adapters/clock.ts';
import { createMailLedgerFromEnv } from '#adapters/dynamo-mail-ledger.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { createMailerFromEnv } from '#adapters/ses-mailer.ts';
import { logger, metrics } from '#shared/observability.ts';
import { appendEvents, retryOnConflict, sendAll, writeTrajectory, type MailDeps } from './support.ts';

/** The statuses of an execution that ended without finishing; the rule sends only these. */
export const STOPPED_STATUSES = ['FAILED', 'TIMED_OUT', 'ABORTED'] as const;
export type StoppedStatus = (typeof STOPPED_STATUSES)[number];

/**
 * The error of the definitions' own `Fail` state, entered after "Tell HR a step failed"
 * (ReportFailure) flagged the trajectory and mailed HR, or (in the trajectory) after a human task
 * it waited for failed: that task's execution has a stop event of its own, reported or handled
 * here. Either way a second mail about the same failure would only be noise.
 */
export const REPORTED_BY_WORKFLOW = 'TrajectoryStepFailed';

/**
 * The error of a human task's execution that waited 180 days and hands its task to a new
 * execution (statemachine/human-task.asl.json, "Hand the task to a new execution"): no failure.
 */
export const TASK_CONTINUES = 'TaskContinues';

/** Counted when an execution was aborted while its trajectory was active: not by a cancel. */
export const ABORTED_UNEXPECTEDLY_METRIC = 'ExecutionAbortedUnexpectedly';

/**
 * How long to wait before deciding that a trajectory really is still active. A cancel stops the
 * executions first and closes the trajectory right after (functions/usecases/cancel-trajectory.ts), so
 * the ABORTED event can arrive in between; Step Functions also aborts a waited-for human task when
 * its trajectory's execution is stopped. Both are written well within this.
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
const executionInput = z.object({ trajectoryId: z.string().min(1).max(100) });

/** The event is not one this function can act on: a bug in the rule, never worth a retry. */
export class InvalidExecutionEventError extends Error {
  override readonly name = 'InvalidExecutionEventError';
}

export interface ExecutionStoppedDeps extends MailDeps {
  /** Waits before the decisive read (see SETTLE_MS); none when absent. */
  settle?: () => Promise<void>;
}

export type ExecutionStoppedOutcome =
  | { action: 'flagged'; trajectoryId: string; mailed: boolean }
  | {
      action: 'ignored';
      trajectoryId: string;
      reason:
        'unknown-trajectory' | 'closed' | 'reported-by-workflow' | 'stopped-by-cancel' | 'task-continues';
    };

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
 * The trajectory an execution belongs to: from its input, or, when the event left the input out
 * (too large) or it has no id, from the execution's name, which starts with it.
 */
function trajectoryIdOf(detail: ExecutionStoppedEvent['detail']): string {
  if (detail.input) {
    try {
      const input = executionInput.safeParse(JSON.parse(detail.input));
      if (input.success) return input.data.trajectoryId;
    } catch {
      // Not JSON: fall back on the name.
    }
  }
  const fromName = detail.name.split('.')[0];
  if (!fromName) throw new InvalidExecutionEventError('The execution names no trajectory');
  return fromName;
}

const STATUS_WORDS: Readonly<Record<StoppedStatus, string>> = {
  FAILED: 'failed',
  TIMED_OUT: 'timed out',
  ABORTED: 'was stopped',
};

/**
 * What stopped, in words for the dossier and the HR mail. ReportFailure keys its dossier entry and
 * mail on this text, so it is derived from the execution's name and status only: one entry and one
 * mail per execution, however often the event is delivered.
 */
export function whatStopped(
  detail: Pick<ExecutionStoppedEvent['detail'], 'name' | 'status'>,
  trajectoryId: string,
): string {
  const taskPrefix = `${trajectoryId}.`;
  const suffix = detail.name.startsWith(taskPrefix) ? detail.name.slice(taskPrefix.length) : undefined;
  const subject =
    detail.name === trajectoryId
      ? 'The trajectory workflow'
      : suffix?.startsWith('term-')
        ? `The trajectory workflow of ${suffix.replace('-', ' ')}`
        : suffix !== undefined
          ? `The workflow of task ${suffix}`
          : `Workflow execution ${detail.name}`;
  return `${subject} ${STATUS_WORDS[detail.status]}`;
}

export async function executionStoppedStep(
  deps: ExecutionStoppedDeps,
  event: unknown,
): Promise<ExecutionStoppedOutcome> {
  const { detail } = parseExecutionStoppedEvent(event);
  const trajectoryId = trajectoryIdOf(detail);
  logger.appendKeys({ trajectoryId, execution: detail.name, status: detail.status });

  if (detail.status === 'FAILED' && detail.error === REPORTED_BY_WORKFLOW) {
    return { action: 'ignored', trajectoryId, reason: 'reported-by-workflow' };
  }
  // A task's execution that grew old hands its task to a new one, which the waiting process starts.
  if (detail.status === 'FAILED' && detail.error === TASK_CONTINUES) {
    return { action: 'ignored', trajectoryId, reason: 'task-continues' };
  }
  // A cancel stops the executions with this error before it marks the trajectory cancelled.
  if (detail.status === 'ABORTED' && detail.error === STOPPED_BY_CANCEL) {
    return { action: 'ignored', trajectoryId, reason: 'stopped-by-cancel' };
  }
  const first = await deps.repository.getTrajectory(trajectoryId);
  if (!first) return { action: 'ignored', trajectoryId, reason: 'unknown-trajectory' };
  if (isClosed(first.status)) return { action: 'ignored', trajectoryId, reason: 'closed' };
  await deps.settle?.();

  const failure = {
    state: whatStopped(detail, trajectoryId),
    error: (detail.error || detail.status).slice(0, 200),
  };
  const reported = await retryOnConflict(async () => {
    const dossier = await deps.repository.getWorkState(trajectoryId);
    // Closed while we waited (a cancel that was being written): nothing to report.
    if (!dossier || isClosed(dossier.trajectory.status)) return undefined;
    const step = reportFailure(dossier, failure, deps.clock.now());
    const trajectory = step.trajectory ? await writeTrajectory(deps, step.trajectory) : dossier.trajectory;
    return { step, trajectory };
  });
  if (!reported) return { action: 'ignored', trajectoryId, reason: 'closed' };

  await appendEvents(deps.repository, reported.step.events);
  const mailed = (await sendAll(deps, reported.trajectory, reported.step.mails)) > 0;
  // Only the delivery that sent the mail counts, so a redelivered event does not count twice.
  if (mailed && detail.status === 'ABORTED')
    metrics.addMetric(ABORTED_UNEXPECTEDLY_METRIC, MetricUnit.Count, 1);
  logger.warn('A workflow execution stopped while its trajectory was active; flagged for attention', {
    errorType: failure.error,
    mailed,
  });
  return { action: 'flagged', trajectoryId, mailed };
}

const deps: ExecutionStoppedDeps = {
  repository: createRepositoryFromEnv(),
  mailer: createMailerFromEnv(),
  ledger: createMailLedgerFromEnv(),
  clock,
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
