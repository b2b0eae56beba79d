/**
 * Mails the workflow wants sent, as data: the rules in steps.ts decide what to send and to whom;
 * the workflow handlers send them. Every mail has a deterministic key, and a mail is sent at
 * most once per key and trajectory, however often Lambda or Step Functions retry a step.
 */
import type { MailKind, RenderedMail } from './mails.ts';
import type { Role } from './model.ts';

export interface MailIntent {
  /** Unique within the trajectory and the same on every retry, e.g. `follow-up-2.summary`. */
  key: string;
  kind: MailKind;
  recipient: Role;
  /** The task the mail is about, if any. */
  taskId?: string;
  /**
   * Put a fresh action link to this task into the mail. Tokens are stored only hashed, so a
   * reminder cannot repeat the link of the request; it gets its own, for the same task.
   */
  linkTaskId?: string;
  /** The mail itself; `link` is the action URL when `linkTaskId` is set. */
  render(link: string | undefined): RenderedMail;
}

/**
 * Marks mails as sent. `claim` is a conditional create: it answers `true` to exactly one caller
 * per key, so only that caller sends. A caller whose send failed `release`s the key again so a
 * retry can send. A crash between claim and send loses that mail rather than doubling it:
 * a second copy of an escalation is worse than a reminder that never came, and the chasing
 * policy sends the next notice anyway.
 */
export interface MailLedger {
  claim(trajectoryId: string, key: string, at: string): Promise<boolean>;
  release(trajectoryId: string, key: string): Promise<void>;
}
