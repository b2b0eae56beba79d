/**
 * The wrapper every workflow step's handler shares: it validates the state machine's payload,
 * puts the trajectory and task ids on every log line and logs a failure by its name. What the
 * steps do is the use cases' (functions/usecases/); the handlers themselves stay a few lines each.
 */
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { logger } from '#shared/observability.ts';
import { InvalidStepInputError } from '#usecases/errors.ts';

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
