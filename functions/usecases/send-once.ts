/**
 * Sending a mail at most once, for every use case and workflow step: the claim in the mail
 * ledger comes before the send, and a sent mail is a `mail-sent` entry in the dossier. The
 * workflow's notices and the API's (a cancellation, a moved deadline) go through the same ledger.
 */
import { mailWindow } from '#core/chasing.ts';
import { MailRecipientNotVerifiedError } from '#core/failures.ts';
import { addressed } from '#core/mails.ts';
import type { DossierEvent, Trajectory } from '#core/model.ts';
import type { MailIntent, MailLedger } from '#core/outbox.ts';
import type { Mailer } from '#core/ports.ts';
import { actionUrl, mintActionLink } from '#shared/action-links.ts';
import { logger } from '#shared/observability.ts';
import { MailsHeldError, TransientError } from './errors.ts';
import type { StoreDeps } from './store.ts';

export interface MailDeps extends StoreDeps {
  mailer: Mailer;
  ledger: MailLedger;
  /** Public base URL of the action links; only functions that mail links have one. */
  baseUrl?: string;
}

/**
 * Sends one mail unless its key was claimed before. The claim comes first, so a retried step
 * never sends twice; a failed send gives the claim back and throws `TransientError`, so the
 * state machine's retry sends it then. A sent mail is an event in the dossier: the record that
 * the employee was informed, and when. Answers whether this call sent it.
 */
export async function sendOnce(deps: MailDeps, trajectory: Trajectory, intent: MailIntent): Promise<boolean> {
  const now = deps.clock.now().toISOString();
  if (!(await deps.ledger.claim(trajectory.id, intent.key, now))) return false;
  try {
    let link: string | undefined;
    if (intent.linkTaskId) {
      if (!deps.baseUrl)
        throw new Error(`The ${intent.kind} mail needs an action link but there is no base URL`);
      const minted = mintActionLink();
      await deps.repository.putActionLink({
        linkHash: minted.linkHash,
        trajectoryId: trajectory.id,
        taskId: intent.linkTaskId,
        createdAt: now,
      });
      link = actionUrl(deps.baseUrl, minted.token);
    }
    await deps.mailer.send(addressed(trajectory, intent.recipient, intent.render(link)));
  } catch (error) {
    await releaseClaim(deps, trajectory.id, intent.key);
    // SES's sandbox refused the address: no retry helps, so the step fails under that name for HR.
    if (error instanceof MailRecipientNotVerifiedError) throw error;
    throw new TransientError(`Could not send the ${intent.kind} mail ${intent.key}`, { cause: error });
  }
  await deps.repository.appendEvent(mailSentEvent(trajectory, intent, now));
  return true;
}

async function releaseClaim(deps: MailDeps, trajectoryId: string, key: string): Promise<void> {
  try {
    await deps.ledger.release(trajectoryId, key);
  } catch (error) {
    // The mail stays unsent for good; at most once wins over at least once (see MailLedger).
    logger.error('Could not release a mail claim; that mail will not be sent', { key, error });
  }
}

/** Sends each intent once, in order. */
export async function sendAll(
  deps: MailDeps,
  trajectory: Trajectory,
  intents: MailIntent[],
): Promise<number> {
  let sent = 0;
  for (const intent of intents) if (await sendOnce(deps, trajectory, intent)) sent++;
  return sent;
}

/**
 * Sends the intents now, or, on a day without mail (a weekend or a public holiday), holds them:
 * `MailsHeldError` tells the state machine to run the step again on the next working day. Call
 * it last, after everything the step writes: the repeat then only finds the mails left to send.
 */
export async function sendOrHold(
  deps: MailDeps,
  trajectory: Trajectory,
  intents: MailIntent[],
): Promise<void> {
  if (intents.length === 0) return;
  const window = mailWindow(deps.clock.now());
  if (!window.open) throw new MailsHeldError(window.opensAt);
  await sendAll(deps, trajectory, intents);
}

export function mailSentEvent(trajectory: Trajectory, intent: MailIntent, at: string): DossierEvent {
  return {
    id: `mail.${intent.key}`,
    trajectoryId: trajectory.id,
    at,
    type: 'mail-sent',
    actor: { role: 'system' },
    ...(intent.taskId && { taskId: intent.taskId }),
    // The role, never the address: the dossier says who was informed without copying contact data.
    data: { mail: intent.kind, to: intent.recipient },
  };
}
