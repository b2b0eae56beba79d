/**
 * The wrapper every workflow step's handler shares: it validates the state machine's payload,
 * puts the trajectory and task ids on every log line, and logs and counts a failure by its name.
 * What the steps do is the use cases' (functions/usecases/); the handlers themselves stay a few
 * lines each.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { isWorkflowSignal } from '#core/failures.ts';
import { logger, metrics } from '#shared/observability.ts';
import { InvalidStepInputError } from '#usecases/errors.ts';

/**
 * Counted once for every invocation that fails: any error but a signal (`WORKFLOW_SIGNALS` of
 * functions/core/failures.ts). Lambda's own `Errors`
 * counts the signals too, which the workflow throws in normal operation (at the end of every
 * term, on every day off), so the steps' alarms watch this instead
 * (infra/constructs/monitoring.ts, `STEP_FAILED_METRIC`).
 */
export const STEP_FAILED_METRIC = 'WorkflowStepFailed';

/** The dimension that names the function, as Powertools names it for its own cold-start metric. */
export const FUNCTION_DIMENSION = 'function_name';

/**
 * One failure, published at once as a metric of its own, so its dimension (the function's name:
 * one alarm per function) stays off anything else the step may count.
 */
function countFailure(context: Context | undefined): void {
  try {
    const failure = metrics.singleMetric();
    if (context?.functionName) failure.addDimension(FUNCTION_DIMENSION, context.functionName);
    failure.addMetric(STEP_FAILED_METRIC, MetricUnit.Count, 1);
  } catch (error) {
    // The state machine routes on the step's own error, which counting must never replace.
    logger.warn('Could not count a failed workflow step', { error });
  }
}

/**
 * A workflow Lambda: the payload is validated once (a bad one is a bug in the definition and
 * is not retried), the trajectory and task ids go on every log line, and a failure is logged and
 * counted by its name before it goes back to the state machine, which matches on that name.
 */
export function workflowHandler<S extends z.ZodType, R>(
  schema: S,
  run: (input: z.output<S>) => Promise<R>,
): (event: unknown, context?: Context) => Promise<R> {
  return async (event, context) => {
    logger.resetKeys();
    if (context?.awsRequestId) logger.appendKeys({ requestId: context.awsRequestId });
    try {
      const parsed = schema.safeParse(event);
      if (!parsed.success) {
        // The issues name paths and expectations only, never the values (a task token is one).
        const paths = parsed.error.issues.map((issue) => issue.path.join('.') || '(payload)');
        throw new InvalidStepInputError(`Invalid step input at ${paths.join(', ')}`);
      }
      const input = parsed.data as { trajectoryId?: string; taskId?: string };
      logger.appendKeys({ trajectoryId: input.trajectoryId, taskId: input.taskId });
      return await run(parsed.data);
    } catch (error) {
      const errorType = (error as Error).name;
      // Signals the state machine routes on (a paused trajectory, a moved date) are no failure.
      if (isWorkflowSignal(error)) {
        logger.info('Workflow step signalled', { errorType });
      } else {
        logger.error('Workflow step failed', { errorType, error });
        countFailure(context);
      }
      throw error;
    }
  };
}
