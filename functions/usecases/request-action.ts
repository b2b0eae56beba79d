/**
 * Asking for an action ("Ask …", a `.waitForTaskToken` state): stores the new task token on the task on every entry. On the
 * first entry only it mints the action link and mails the request; the link belongs to the task,
 * so every later entry (after a reminder, after HR moved the deadline) keeps it valid.
 *
 * A response recorded while no token was live (between a timeout and this entry) completes the
 * step here, with the token just handed over: nothing answered is ever lost.
 *
 * The request mail is guarded by the task itself: `requestedAt` is set by the same conditional
 * write that stores the link hash, before the mail goes out, and cleared again if sending fails.
 *
 * A conversation or follow-up request carries the meeting's calendar invite, and the employee gets
 * the same invite in a mail of their own (functions/core/invites.ts), claimed through the mail
 * ledger per meeting time: every entry offers it, so a moved meeting sends the update.
 *
 * Nothing is mailed on a weekend or a Dutch public holiday: an entry on such a day only stores
 * the token, and the task's check-in brings the next entry on the next working day.
 */
import type { ActionLink, Task, Trajectory, WorkState } from '#core/model.ts';
import { copyIssuedEvent, copyLink, copyRevocations } from '#core/employee-copy.ts';
import type { WorkflowClient } from '#core/ports.ts';
import { mailWindow } from '#core/chasing.ts';
import { MailRecipientNotVerifiedError } from '#core/failures.ts';
import { employeeInviteMail, type InviteOptions } from '#core/invites.ts';
import { requestMail } from '#core/steps.ts';
import { isClosed } from '#core/trajectory.ts';
import { addressed, type PrivacyNotice } from '#core/mails.ts';
import { actionUrl, copyUrl, mintActionLink, type MintedLink } from '#shared/action-links.ts';
import { logger } from '#shared/observability.ts';
import type { CopySettings } from './employee-copy.ts';
import { TransientError } from './errors.ts';
import { mailSentEvent, sendOnce, type MailDeps } from './send-once.ts';
import { loadWorkState, retryOnConflict, settleFailures } from './store.ts';

export interface RequestActionInput {
  trajectoryId: string;
  taskId: string;
  taskToken: string;
}

export interface RequestActionOutput {
  taskId: string;
  /**
   * `waiting`: the token is stored and the person can answer. `completed`: the task was already
   * answered and this entry completed the step itself. `closed`: the trajectory is over; nothing
   * was stored (its execution is being stopped).
   */
  status: 'waiting' | 'completed' | 'closed';
  /** Whether this entry sent the request mail. */
  requested: boolean;
}

export interface RequestActionDeps extends MailDeps {
  workflow: WorkflowClient;
  /**
   * The employee's copy of the dossier, offered in the first request to the employee after the
   * conversation (`employee-response`): how long its link works and how long a dossier is kept.
   * Without it that mail carries no copy link.
   */
  copy?: Pick<CopySettings, 'copyLinkDays' | 'retentionDays'>;
  /** The invites' organiser (`MAIL_FROM`); without it no mail carries an invite. */
  calendar?: { organizer: string };
}

type Entry =
  | { kind: 'closed' }
  | { kind: 'answered'; trajectory: Trajectory }
  | { kind: 'stored'; dossier: WorkState; task: Task; link?: MintedLink };

export async function requestAction(
  deps: RequestActionDeps,
  input: RequestActionInput,
): Promise<RequestActionOutput> {
  const { repository } = deps;
  const { trajectoryId, taskId, taskToken } = input;
  // Decided once per entry: a request and its invite go out together or wait together.
  const mayMail = mailWindow(deps.clock.now()).open;
  const entry = await retryOnConflict(async (): Promise<Entry> => {
    const dossier = await loadWorkState(repository, trajectoryId);
    const task = dossier.tasks.find((candidate) => candidate.id === taskId);
    if (!task) throw new Error(`Trajectory ${trajectoryId} has no task ${taskId}`);
    if (isClosed(dossier.trajectory.status) || task.status === 'closed') return { kind: 'closed' };
    if (task.response !== undefined || task.status !== 'open')
      return { kind: 'answered', trajectory: dossier.trajectory };
    // On a day without mail the request waits: the task opened with a check-in on the next
    // working day, and the entry after that check-in mails it.
    if (task.requestedAt !== undefined || !mayMail) {
      const stored = await repository.updateTask({ ...task, taskToken });
      return { kind: 'stored', dossier, task: stored };
    }
    const link = mintActionLink();
    // The link record first: should the task write lose, it is an orphan nobody holds a token to.
    await repository.putActionLink({
      linkHash: link.linkHash,
      trajectoryId,
      taskId,
      createdAt: deps.clock.now().toISOString(),
    });
    const stored = await repository.updateTask({
      ...task,
      taskToken,
      linkHash: link.linkHash,
      requestedAt: deps.clock.now().toISOString(),
    });
    return { kind: 'stored', dossier, task: stored, link };
  });

  if (entry.kind === 'closed') return { taskId, status: 'closed', requested: false };
  if (entry.kind === 'answered') {
    // `false` would mean the token died meanwhile; then the state machine has moved on already.
    await deps.workflow.completeTask(taskToken, { taskId });
    // The task runs again (its answer is recorded next): what failed in it before is settled.
    await settleFailures(deps, entry.trajectory, { taskId });
    return { taskId, status: 'completed', requested: false };
  }
  // One set of invite options for both mails: the same meeting renders the same invite once.
  const calendar = calendarOf(deps);
  if (entry.link) await sendRequest(deps, entry.dossier, entry.task, entry.link, calendar);
  const invite =
    calendar &&
    entry.task.requestedAt !== undefined &&
    mayMail &&
    employeeInviteMail(entry.dossier.trajectory, entry.task, calendar);
  if (invite) await sendOnce(deps, entry.dossier.trajectory, invite);
  // The task is asked for again and waits for its answer: what failed in it before is settled.
  await settleFailures(deps, entry.dossier.trajectory, { taskId });
  return { taskId, status: 'waiting', requested: entry.link !== undefined };
}

const calendarOf = (deps: RequestActionDeps): InviteOptions | undefined =>
  deps.calendar && { ...deps.calendar, stamp: deps.clock.now() };

async function sendRequest(
  deps: RequestActionDeps,
  dossier: WorkState,
  task: Task,
  link: MintedLink,
  calendar: InviteOptions | undefined,
) {
  if (!deps.baseUrl) throw new Error('The request mail needs an action link but there is no base URL');
  const privacy = await privacyNotice(deps, deps.baseUrl, dossier, task);
  const intent = requestMail(dossier, task, calendar, privacy?.notice);
  try {
    const mail = intent.render(actionUrl(deps.baseUrl, link.token));
    await deps.mailer.send(addressed(dossier.trajectory, intent.recipient, mail));
  } catch (error) {
    await forgetRequest(deps, task, link);
    // SES's sandbox refused the address: no retry helps, so the step fails under that name for HR.
    if (error instanceof MailRecipientNotVerifiedError) throw error;
    throw new TransientError(`Could not send the request mail of ${task.id}`, { cause: error });
  }
  await deps.repository.appendEvent(
    mailSentEvent(dossier.trajectory, intent, deps.clock.now().toISOString()),
  );
  if (privacy) await deps.repository.appendEvent(copyIssuedEvent(dossier.trajectory, privacy.link, 'system'));
}

/**
 * The first mail to the employee after the conversation (the invitation to respond to it) tells
 * them what their dossier records, who sees it and how long it is kept, with a link to their own
 * copy (AVG art. 13, 15 and 16). The link's record is stored before the mail goes out; should the
 * mail fail, it is an unused link that expires, and the retry mints another.
 */
async function privacyNotice(
  deps: RequestActionDeps,
  baseUrl: string,
  dossier: WorkState,
  task: Task,
): Promise<{ notice: PrivacyNotice; link: ActionLink } | undefined> {
  if (task.kind !== 'employee-response' || !deps.copy) return undefined;
  const minted = mintActionLink();
  const { trajectory } = dossier;
  const link = copyLink(
    trajectory.id,
    minted.linkHash,
    deps.clock.now(),
    deps.copy.copyLinkDays,
    copyRevocations(trajectory),
  );
  await deps.repository.putActionLink(link);
  return {
    link,
    notice: {
      copyLink: copyUrl(baseUrl, minted.token),
      copyExpiresAt: link.validUntil ?? '',
      retentionDays: deps.copy.retentionDays,
    },
  };
}

/** Undoes the claim of a request that was not sent, so the state machine's retry sends it. */
async function forgetRequest(deps: RequestActionDeps, sent: Task, link: MintedLink): Promise<void> {
  try {
    await retryOnConflict(async () => {
      const task = await deps.repository.getTask(sent.trajectoryId, sent.id);
      if (!task || task.linkHash !== link.linkHash || task.requestedAt === undefined) return;
      await deps.repository.updateTask({ ...task, requestedAt: undefined });
    });
  } catch (error) {
    // The request stays unsent; the reminder, with a link of its own, reaches the person later.
    logger.error('Could not undo the claim of an unsent request mail', { taskId: sent.id, error });
  }
}
