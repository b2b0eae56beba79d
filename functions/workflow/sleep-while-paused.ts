/**
 * "Sleep while paused" (`.waitForTaskToken`): the use case is
 * functions/usecases/sleep-while-paused.ts; this handler validates the state machine's payload
 * and wires the adapters.
 */
import * as z from 'zod';
import { clock } from '#adapters/clock.ts';
import { createPauseTokensFromEnv } from '#adapters/dynamo-pause-tokens.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { createWorkflowFromEnv } from '#adapters/sfn-workflow.ts';
import { sleepWhilePaused, type SleepWhilePausedDeps } from '#usecases/sleep-while-paused.ts';
import { workflowHandler } from './support.ts';

export const sleepWhilePausedInput = z.object({
  trajectoryId: z.string().min(1),
  taskToken: z.string().min(1),
});

const deps: SleepWhilePausedDeps = {
  repository: createRepositoryFromEnv(),
  pauseTokens: createPauseTokensFromEnv(),
  workflow: createWorkflowFromEnv(),
  clock,
};

export const handler = workflowHandler(sleepWhilePausedInput, (input) => sleepWhilePaused(deps, input));
