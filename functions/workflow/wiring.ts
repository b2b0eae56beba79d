/**
 * The adapters the workflow's handlers hand their use cases, made on first use: a handler module
 * loads without any configuration, and a missing variable fails with its name at the first call
 * that needs it. Kept apart from ./support.ts so a step that sends no mail (sleep-while-paused)
 * does not bundle the mailer.
 */
import type { WorkflowClient } from '#core/ports.ts';
import { clock } from '#adapters/clock.ts';
import { createMailLedgerFromEnv } from '#adapters/dynamo-mail-ledger.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { createMailerFromEnv } from '#adapters/ses-mailer.ts';
import { createWorkflowFromEnv } from '#adapters/sfn-workflow.ts';
import { config } from '#shared/env.ts';
import type { MailDeps } from '#usecases/send-once.ts';

/** The dossier, the mail and its ledger, and the clock: what every step that mails uses. */
export function mailDeps(): MailDeps {
  return {
    repository: createRepositoryFromEnv(),
    mailer: createMailerFromEnv(),
    ledger: createMailLedgerFromEnv(),
    clock,
  };
}

/** As `mailDeps`, for a step whose mails carry action links: their base URL, read on first use. */
export function linkMailDeps(): MailDeps {
  return {
    ...mailDeps(),
    get baseUrl() {
      return config.baseUrl;
    },
  };
}

/** As `mailDeps`, for a step that starts task executions itself. */
export function startingMailDeps(): MailDeps & { workflow: WorkflowClient } {
  return { ...mailDeps(), workflow: createWorkflowFromEnv() };
}

/** As `linkMailDeps`, for a step that starts task executions itself. */
export function startingLinkMailDeps(): MailDeps & { workflow: WorkflowClient } {
  // Assigned, not spread: a spread would read the base URL now, at load.
  return Object.assign(linkMailDeps(), { workflow: createWorkflowFromEnv() });
}
