/**
 * Errors of the workflow's Lambdas, named so the state machine's `Retry` can tell them apart
 * (Lambda reports an error's `name` as its type). `VersionConflictError` (shared/errors.ts) is
 * retried too: a conditional write that kept losing after a few re-reads inside the function.
 */

// Worth another try later: a mail that could not be sent. Thrown by the use cases' sending too.
export { TransientError } from '#usecases/errors.ts';

// The state machine called a step with input it cannot act on: a bug, never retried. Thrown by
// the use cases' reads for a step too.
export { InvalidStepInputError } from '#usecases/errors.ts';

/**
 * The step did its work, but the mails it brings would go out on a day without mail (a weekend
 * or a Dutch public holiday). The message is the JSON `{ until }` (an ISO instant, the next
 * working day at 09:00): the state machine waits until then and runs the step again, which,
 * being idempotent, only sends what it held. A signal, not a failure.
 */
export class MailsHeldError extends Error {
  override readonly name = 'MailsHeld';
  constructor(readonly until: string) {
    super(JSON.stringify({ until }));
  }
}
