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

// The step's mails wait for the next working day: a signal the state machine waits on. Thrown by
// the use cases' sending (functions/usecases/send-once.ts `sendOrHold`).
export { MailsHeldError } from '#usecases/errors.ts';
