/**
 * HR and the employee's own copy of the dossier (AVG art. 15; functions/core/employee-copy.ts),
 * from the API (functions/api/issue-employee-copy.ts) and from the dashboard's dossier page:
 * - issue: mail the employee a new personal link, for when they ask for a copy or their link
 *   expired. Links issued before keep working until their own expiry: each is the employee's,
 *   mailed to the employee only, and a new one is no reason to break a copy they may be reading.
 *   The dossier records the link before it is stored, and both before the mail goes out, so no
 *   failure can leave a working link the dossier does not know of (the repository has no
 *   transaction to write both at once: dynalite has none, and DynamoDB's could not hold the mail
 *   anyway). A mail that fails withdraws its link at once, also recorded, and the request fails
 *   with a 502 that says so: HR asks again later and the employee gets one working link, never a
 *   link nobody can account for. Once the mail went, nothing fails the request any more, so HR is
 *   never led to ask again for a mail that was sent. Each request is a new link and a new mail.
 * - revoke: every copy link issued so far stops working (a mail went to the wrong address, the
 *   employee asks). The trajectory counts the revocation first, then the dossier records it;
 *   revoking again is harmless, and a link issued afterwards works.
 * Any trajectory, running or closed: the right of access lasts as long as the dossier is kept.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  copyIssuedEvent,
  copyLink,
  copyRevocations,
  copyRevokedEvent,
  copyWithdrawnEvent,
  withCopiesRevoked,
} from '#core/employee-copy.ts';
import { addressed, mailBase, renderMail } from '#core/mails.ts';
import type { ActionLink, Trajectory } from '#core/model.ts';
import type { Mailer } from '#core/ports.ts';
import { copyUrl, mintActionLink } from '#shared/action-links.ts';
import { httpErrorClass, NotFoundError } from '#shared/errors.ts';
import { logger, metrics } from '#shared/observability.ts';
import { mailSentEvent } from './send-once.ts';
import { retryOnConflict, type StoreDeps } from './store.ts';

/**
 * The mail with a new copy link could not be sent, and the link was withdrawn (a 502: the mail
 * service failed, not the request). Its message says both, from the catalogue.
 */
export class CopyNotMailedError extends httpErrorClass('CopyNotMailedError', 502, 'copy_not_mailed') {}

export interface IssueEmployeeCopyDeps extends StoreDeps {
  mailer: Mailer;
  settings: CopySettings;
}

/** What a copy link needs of the deployment's configuration (`config` in functions/shared/env.ts). */
export interface CopySettings {
  readonly baseUrl: string;
  /** How long the link works, in days. */
  readonly copyLinkDays: number;
  /** How long a closed dossier is kept, in days: the mail tells the employee. */
  readonly retentionDays: number;
}

export interface IssuedCopy {
  trajectoryId: string;
  /** When the new link stops working. */
  expiresAt: string;
}

export async function issueEmployeeCopy(deps: IssueEmployeeCopyDeps, id: string): Promise<IssuedCopy> {
  const trajectory = await deps.repository.getTrajectory(id);
  if (!trajectory) throw new NotFoundError('trajectory');
  const now = deps.clock.now();
  const minted = mintActionLink();
  const revocations = copyRevocations(trajectory);
  const link = copyLink(trajectory.id, minted.linkHash, now, deps.settings.copyLinkDays, revocations);
  const expiresAt = link.validUntil ?? '';
  // Recorded first: should storing the link fail after all, the dossier names a link that may
  // exist, which nobody holds and which expires; never the other way round.
  await deps.repository.appendEvent(copyIssuedEvent(trajectory, link, 'hr'));
  await deps.repository.putActionLink(link);
  const mail = renderMail('dossier-copy', {
    ...mailBase(trajectory, 'employee'),
    copyLink: copyUrl(deps.settings.baseUrl, minted.token),
    copyExpiresAt: expiresAt,
    retentionDays: deps.settings.retentionDays,
  });
  try {
    await deps.mailer.send(addressed(trajectory, 'employee', mail));
  } catch (error) {
    await withdrawUnsentLink(deps, trajectory, link, error);
    throw new CopyNotMailedError('The copy link was not mailed and is withdrawn.', { cause: error });
  }
  const intent = {
    key: `dossier-copy.${link.linkHash.slice(0, 12)}`,
    kind: 'dossier-copy' as const,
    recipient: 'employee' as const,
    render: () => mail,
  };
  try {
    await deps.repository.appendEvent(mailSentEvent(trajectory, intent, now.toISOString()));
  } catch (error) {
    // The mail went and the link is recorded: a failure now would have HR ask again, and the
    // employee get a second mail and link. The missing `mail-sent` entry is for the log to tell.
    logger.error('Could not record the mail of a copy link that was sent', { error });
  }
  metrics.addMetric('EmployeeCopyIssued', MetricUnit.Count, 1);
  return { trajectoryId: trajectory.id, expiresAt };
}

/**
 * A link whose mail failed is withdrawn, then the dossier says so. SES may have taken a mail it
 * reported as failed: the employee who opens it anyway is told it was withdrawn, and HR, told that
 * it failed, asks again. A withdrawal that fails too leaves a link nobody is known to hold, in the
 * dossier, until it expires; its own error then answers the request.
 */
async function withdrawUnsentLink(
  deps: IssueEmployeeCopyDeps,
  trajectory: Trajectory,
  link: ActionLink,
  failure: unknown,
): Promise<void> {
  logger.error('Could not send the mail with a copy link; withdrawing the link', { error: failure });
  metrics.addMetric('EmployeeCopyNotMailed', MetricUnit.Count, 1);
  const at = deps.clock.now().toISOString();
  await deps.repository.withdrawActionLink(link, at);
  await deps.repository.appendEvent(copyWithdrawnEvent(trajectory, link, at));
}

export interface RevokedCopies {
  trajectoryId: string;
  /** When the links were revoked: every copy link issued before no longer works. */
  revokedAt: string;
}

export async function revokeEmployeeCopies(deps: StoreDeps, id: string): Promise<RevokedCopies> {
  const stored = await retryOnConflict(async () => {
    const current = await deps.repository.getTrajectory(id);
    if (!current) throw new NotFoundError('trajectory');
    return deps.repository.updateTrajectory(withCopiesRevoked(current, deps.clock.now()));
  });
  await deps.repository.appendEvent(copyRevokedEvent(stored));
  metrics.addMetric('EmployeeCopyRevoked', MetricUnit.Count, 1);
  return { trajectoryId: stored.id, revokedAt: stored.copyLinksRevoked?.at ?? '' };
}
