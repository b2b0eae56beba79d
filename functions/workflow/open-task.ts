/**
 * "Open <task> task": the use case is functions/usecases/open-task.ts; this handler validates the
 * state machine's payload and wires the adapters.
 */
import * as z from 'zod';
import { TASK_KINDS } from '#core/model.ts';
import { openTaskStep } from '#usecases/open-task.ts';
import { workflowHandler } from './support.ts';
import { startingMailDeps } from './wiring.ts';

export const openTaskInput = z.object({
  trajectoryId: z.string().min(1),
  task: z.enum(TASK_KINDS),
  meeting: z.number().int().positive().nullish(),
  runSuffix: z
    .string()
    .regex(/^(\.r[0-9a-z]{1,12})?$/)
    .optional(),
  resumeAt: z.enum(TASK_KINDS).nullish(),
});

const deps = startingMailDeps();

export const handler = workflowHandler(openTaskInput, (input) => openTaskStep(deps, input));
