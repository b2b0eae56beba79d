/**
 * Errors of the use cases that are not answers to a caller. A workflow step lets them go to the
 * state machine, whose `Retry` matches on the name (Lambda reports an error's `name` as its
 * type; functions/workflow/errors.ts); an API use case catches them where a failure must not
 * undo what was recorded.
 */

/** Worth another try later: a mail that could not be sent, a service that did not answer. */
export class TransientError extends Error {
  override readonly name = 'TransientError';
}

/** The state machine called a step with input it cannot act on: a bug, never retried. */
export class InvalidStepInputError extends Error {
  override readonly name = 'InvalidStepInputError';
}

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
