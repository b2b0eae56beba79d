/**
 * "Chase …": runs when an Ask state timed out or was woken because HR moved the deadline. The
 * step itself is the use case's (functions/usecases/chase-task.ts); this handler validates the
 * state machine's payload and wires the adapters.
 */
import * as z from 'zod';
import { clock } from '#adapters/clock.ts';
import { createMailLedgerFromEnv } from '#adapters/dynamo-mail-ledger.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { createMailerFromEnv } from '#adapters/ses-mailer.ts';
import { config } from '#shared/env.ts';
import { chaseStep } from '#usecases/chase-task.ts';
import { workflowHandler, type MailDeps } from './support.ts';

export { chaseStep, type ChaseInput, type ChaseOutput } from '#usecases/chase-task.ts';

export const chaseInput = z.object({ trajectoryId: z.string().min(1), taskId: z.string().min(1) });

const deps: MailDeps = {
  repository: createRepositoryFromEnv(),
  mailer: createMailerFromEnv(),
  ledger: createMailLedgerFromEnv(),
  clock,
  // Read on first use, as every adapter's configuration: the module loads without any.
  get baseUrl() {
    return config.baseUrl;
  },
};

export const handler = workflowHandler(chaseInput, (input) => chaseStep(deps, input));
