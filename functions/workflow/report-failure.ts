/**
 * "Tell HR a step failed": the use case is functions/usecases/report-failure.ts; this handler
 * validates the state machine's payload and wires the adapters.
 */
import * as z from 'zod';
import { reportFailureStep } from '#usecases/report-failure.ts';
import { workflowHandler } from './support.ts';
import { mailDeps } from './wiring.ts';

export const reportFailureInput = z.object({
  trajectoryId: z.string().min(1),
  /** The name of the state that failed. */
  state: z.string().min(1).max(200),
  /** The error name Step Functions reported (`States.TaskFailed`, `WorkflowStateError`, ...). */
  error: z.string().max(200).optional(),
  /** The task whose own execution failed (the human task's input); absent for the process. */
  taskId: z
    .string()
    .regex(/^[a-z0-9-]{1,100}$/)
    .optional(),
});

const deps = mailDeps();

export const handler = workflowHandler(reportFailureInput, (input) => reportFailureStep(deps, input));
