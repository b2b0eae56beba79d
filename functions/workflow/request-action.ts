/**
 * "Ask …" (`.waitForTaskToken`): the use case (the token stored, the request and its invite
 * mailed once) is functions/usecases/request-action.ts; this handler validates the state
 * machine's payload and wires the adapters, with what the mails need from the configuration.
 */
import * as z from 'zod';
import { config } from '#shared/env.ts';
import { requestAction, type RequestActionDeps } from '#usecases/request-action.ts';
import { workflowHandler } from './support.ts';
import { startingMailDeps } from './wiring.ts';

export const requestActionInput = z.object({
  trajectoryId: z.string().min(1),
  taskId: z.string().min(1),
  taskToken: z.string().min(1),
});

const deps: RequestActionDeps = {
  ...startingMailDeps(),
  // Read on first use, as every adapter's configuration: the module loads without any.
  get baseUrl() {
    return config.baseUrl;
  },
  get calendar() {
    return { organizer: config.mailFrom };
  },
  copy: config,
};

export const handler = workflowHandler(requestActionInput, (input) => requestAction(deps, input));
