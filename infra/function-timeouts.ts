/**
 * Every function's timeout, by handler module: the one table both the stack (infra/constructs/fn.ts
 * gives each deployed function its entry) and the local cloud (local/lambda-runtime.ts, the local
 * Step Functions engine) read, so a function times out locally where it would in AWS. Plain
 * numbers: the local runtime imports this without pulling in CDK.
 */
import { WORKFLOW_FUNCTIONS } from '#workflow/registry.ts';

/** API Gateway gives up after 30 s; an API handler that needs longer than this is a bug. */
export const DEFAULT_TIMEOUT_SECONDS = 10;

/** Seconds, by handler module (`workflow/chase`); a handler not listed gets the default. */
export const FUNCTION_TIMEOUT_SECONDS: Readonly<Record<string, number>> = {
  // The functions the state machines invoke: mail and a few conditional writes, well inside this
  // even on a cold start.
  ...Object.fromEntries(WORKFLOW_FUNCTIONS.map((fn) => [fn.handler, 30])),
  // Waits a few seconds for a cancel that is still being written, then reads, writes and mails once
  // (infra/constructs/execution-watch.ts).
  'workflow/execution-stopped': 60,
  // Ten dossiers of a few hundred items each, batch deletes retried with backoff
  // (infra/constructs/retention.ts).
  'retention/purge-dossier': 120,
  // Merges the dossier with every exhibit (up to some tens of megabytes): inside API Gateway's 30 s.
  'api/bundle': 29,
  // A hundred records, each one or two reads, one PutEvents and one write, one after the other
  // (infra/constructs/events.ts).
  'events/publish-lifecycle-events': 60,
};

/** The timeout of the function that runs `handler`, in seconds. */
export function timeoutSecondsFor(handler: string): number {
  return FUNCTION_TIMEOUT_SECONDS[handler] ?? DEFAULT_TIMEOUT_SECONDS;
}
