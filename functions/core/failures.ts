/**
 * Failures whose cause HR can be told in words rather than as "a step failed". Each is known by
 * the error type the workflow reports: the thrown error's `name`, which Lambda passes to Step
 * Functions as the failure's `Error`, and the state machine on to "Tell HR a step failed". And
 * the errors a step throws that are no failure at all.
 */

/**
 * Errors that steer the state machine (each caught by its name in statemachine/), not failures:
 * the term's follow-ups are done, the mails wait for a working day, the trajectory is paused, a
 * resume moved the date, an extension or a long pause continues in a new execution.
 */
export const WORKFLOW_SIGNALS: ReadonlySet<string> = new Set([
  'TrajectoryPaused',
  'CalendarMoved',
  'MailsHeld',
  'TermContinues',
  'ResumesAt',
  'FollowUpsDone',
]);

/** Whether a step's error is one of the signals: the step did its part, the process goes on. */
export const isWorkflowSignal = (error: unknown): boolean =>
  error instanceof Error && WORKFLOW_SIGNALS.has(error.name);

/**
 * The mail service may mail verified addresses only, and a recipient is not one: Amazon SES's
 * sandbox, until the account has production access. No retry helps, so it is not a
 * `TransientError`: the step fails under this name at once and HR reads why.
 */
export class MailRecipientNotVerifiedError extends Error {
  override readonly name = 'MailRecipientNotVerified';
}

const CAUSES = {
  MailRecipientNotVerified: 'mail-recipient-not-verified',
} as const;

/** The catalogue's word for a known cause (`event.step-failed.cause.<cause>`, and in the mail). */
export type FailureCause = (typeof CAUSES)[keyof typeof CAUSES];

/** The cause behind a reported error type, when it is one HR can be told about. */
export function failureCause(error: unknown): FailureCause | undefined {
  return typeof error === 'string' && Object.hasOwn(CAUSES, error)
    ? CAUSES[error as keyof typeof CAUSES]
    : undefined;
}
