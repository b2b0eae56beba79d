/**
 * A workflow execution that stopped without finishing: an execution of the trajectory or of a
 * human task failed, timed out or was aborted. A trajectory that is still `active` then stands
 * still, with nobody waiting on it: it is flagged for attention, the stop goes into the dossier
 * and the HR advisor is mailed, once per execution. A closed trajectory (completed, ended,
 * cancelled) is left alone: a cancel aborts its executions on purpose.
 *
 * The event itself is read by its handler (functions/workflow/execution-stopped.ts), invoked by an
 * EventBridge rule, and by the local cloud's stand-in for that rule.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { STOPPED_BY_CANCEL } from '#core/ports.ts';
import { reportFailure } from '#core/steps.ts';
import { isClosed } from '#core/trajectory.ts';
import { logger, metrics } from '#shared/observability.ts';
import { sendAll, type MailDeps } from './send-once.ts';
import { appendEvents, retryOnConflict, writeTrajectory } from './store.ts';

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

/** What the event says of the execution that stopped. */
export interface StoppedExecution {
  /** `<trajectoryId>` for the trajectory, `<trajectoryId>.<taskId>` for a human task. */
  name: string;
  status: StoppedStatus;
  error?: string | null;
  /** A human task's task (from the execution's input): the stop is then that task's failure. */
  taskId?: string;
}

export interface ExecutionStoppedDeps extends MailDeps {
  /**
   * Waits before the decisive read; none when absent. A cancel stops the executions first and
   * closes the trajectory right after (./cancel-trajectory.ts), so the ABORTED event can arrive in
   * between; Step Functions also aborts a waited-for human task when its trajectory's execution is
   * stopped.
   */
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
export function whatStopped(detail: Pick<StoppedExecution, 'name' | 'status'>, trajectoryId: string): string {
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

/** Why a stop is nobody's concern before the trajectory is even read; undefined when it may be. */
function expectedStop(
  stopped: StoppedExecution,
): 'reported-by-workflow' | 'task-continues' | 'stopped-by-cancel' | undefined {
  if (stopped.status === 'FAILED' && stopped.error === REPORTED_BY_WORKFLOW) return 'reported-by-workflow';
  // A task's execution that grew old hands its task to a new one, which the waiting process starts.
  if (stopped.status === 'FAILED' && stopped.error === TASK_CONTINUES) return 'task-continues';
  // A cancel stops the executions with this error before it marks the trajectory cancelled.
  if (stopped.status === 'ABORTED' && stopped.error === STOPPED_BY_CANCEL) return 'stopped-by-cancel';
  return undefined;
}

export async function reportStoppedExecution(
  deps: ExecutionStoppedDeps,
  trajectoryId: string,
  stopped: StoppedExecution,
): Promise<ExecutionStoppedOutcome> {
  const expected = expectedStop(stopped);
  if (expected) return { action: 'ignored', trajectoryId, reason: expected };
  const first = await deps.repository.getTrajectory(trajectoryId);
  if (!first) return { action: 'ignored', trajectoryId, reason: 'unknown-trajectory' };
  if (isClosed(first.status)) return { action: 'ignored', trajectoryId, reason: 'closed' };
  await deps.settle?.();

  const failure = {
    state: whatStopped(stopped, trajectoryId),
    error: (stopped.error || stopped.status).slice(0, 200),
    taskId: stopped.taskId,
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
  if (mailed && stopped.status === 'ABORTED')
    metrics.addMetric(ABORTED_UNEXPECTEDLY_METRIC, MetricUnit.Count, 1);
  logger.warn('A workflow execution stopped while its trajectory was active; flagged for attention', {
    errorType: failure.error,
    mailed,
  });
  return { action: 'flagged', trajectoryId, mailed };
}
