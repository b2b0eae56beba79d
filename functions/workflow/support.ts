/**
 * What every workflow handler shares: holding mails on a day without mail, and the handler
 * wrapper that validates the state machine's payload. Loading the trajectory and its tasks,
 * writing with re-reads and sending at most once are the use cases' (functions/usecases/store.ts
 * and send-once.ts), re-exported here for the steps. The handlers themselves stay a few lines each.
 */
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { mailWindow } from '#core/chasing.ts';
import type { Trajectory } from '#core/model.ts';
import type { MailIntent } from '#core/outbox.ts';
import { logger } from '#shared/observability.ts';
import { sendAll, type MailDeps } from '#usecases/send-once.ts';
import { InvalidStepInputError, MailsHeldError } from './errors.ts';

export { mailSentEvent, sendAll, sendOnce, type MailDeps } from '#usecases/send-once.ts';
export {
  appendEvents,
  loadWorkState,
  MAX_WRITE_ATTEMPTS,
  retryOnConflict,
  writeTrajectory,
  type StoreDeps,
} from '#usecases/store.ts';

/**
 * Sends the intents now, or, on a day without mail (a weekend or a public holiday), holds them:
 * `MailsHeldError` tells the state machine to run the step again on the next working day. Call
 * it last, after everything the step writes: the repeat then only finds the mails left to send.
 */
export async function sendOrHold(
  deps: MailDeps,
  trajectory: Trajectory,
  intents: MailIntent[],
): Promise<void> {
  if (intents.length === 0) return;
  const window = mailWindow(deps.clock.now());
  if (!window.open) throw new MailsHeldError(window.opensAt);
  await sendAll(deps, trajectory, intents);
}

/** Errors that steer the state machine (its `Catch`), not failures: functions/core/pause.ts. */
const WORKFLOW_SIGNALS = new Set([
  'TrajectoryPaused',
  'CalendarMoved',
  'MailsHeld',
  'TermContinues',
  'ResumesAt',
  'FollowUpsDone',
]);

/**
 * A workflow Lambda: the payload is validated once (a bad one is a bug in the definition and
 * is not retried), the trajectory and task ids go on every log line, and a failure is logged by
 * its name before it goes back to the state machine, which matches on that name.
 */
export function workflowHandler<S extends z.ZodType, R>(
  schema: S,
  run: (input: z.output<S>) => Promise<R>,
): (event: unknown, context?: Context) => Promise<R> {
  return async (event, context) => {
    const parsed = schema.safeParse(event);
    if (!parsed.success) {
      // The issues name paths and expectations only, never the values (a task token is one).
      const paths = parsed.error.issues.map((issue) => issue.path.join('.') || '(payload)');
      throw new InvalidStepInputError(`Invalid step input at ${paths.join(', ')}`);
    }
    const input = parsed.data as { trajectoryId?: string; taskId?: string };
    logger.resetKeys();
    if (context?.awsRequestId) logger.appendKeys({ requestId: context.awsRequestId });
    logger.appendKeys({ trajectoryId: input.trajectoryId, taskId: input.taskId });
    try {
      return await run(parsed.data);
    } catch (error) {
      const errorType = (error as Error).name;
      // Signals the state machine routes on (a paused trajectory, a moved date) are no failure.
      if (WORKFLOW_SIGNALS.has(errorType)) logger.info('Workflow step signalled', { errorType });
      else logger.error('Workflow step failed', { errorType, error });
      throw error;
    }
  };
}
