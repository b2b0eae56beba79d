/**
 * "Record the answer": the use case, with closing the trajectory after the aftercare, is
 * functions/usecases/record-answer.ts; this handler validates the state machine's payload and
 * wires the adapters, with the base URL of the reaction links its mails carry.
 */
import * as z from 'zod';
import { completeTaskStep } from '#usecases/record-answer.ts';
import { workflowHandler } from './support.ts';
import { startingLinkMailDeps } from './wiring.ts';

export const completeTaskInput = z.object({ trajectoryId: z.string().min(1), taskId: z.string().min(1) });

// The summary and the outcome carry the link to the employee's reaction.
const deps = startingLinkMailDeps();

export const handler = workflowHandler(completeTaskInput, (input) => completeTaskStep(deps, input));
