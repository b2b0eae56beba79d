/**
 * "Chase …": runs when an Ask state timed out or was woken because HR moved the deadline. The
 * step itself is the use case's (functions/usecases/chase-task.ts); this handler validates the
 * state machine's payload and wires the adapters.
 */
import * as z from 'zod';
import { chaseStep } from '#usecases/chase-task.ts';
import { workflowHandler } from './support.ts';
import { linkMailDeps } from './wiring.ts';

export const chaseInput = z.object({ trajectoryId: z.string().min(1), taskId: z.string().min(1) });

const deps = linkMailDeps();

export const handler = workflowHandler(chaseInput, (input) => chaseStep(deps, input));
