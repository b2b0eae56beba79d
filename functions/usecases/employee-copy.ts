/**
 * HR and the employee's own copy of the dossier (AVG art. 15; functions/core/employee-copy.ts),
 * from the API (functions/api/issue-employee-copy.ts) and from the dashboard's dossier page:
 * - issue: mail the employee a new personal link, for when they ask for a copy or their link
 *   expired. Links issued before keep working until their own expiry: each is the employee's,
 *   mailed to the employee only, and a new one is no reason to break a copy they may be reading.
 *   The record of the new link is stored first, then the mail goes out, then the dossier records
 *   both; a mail that fails leaves an unused link nobody holds (it expires) and the request fails,
 *   so HR can simply ask again. Each request is a new link and a new mail.
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
  withCopiesRevoked,
} from '#core/employee-copy.ts';
import { addressed, mailBase, renderMail } from '#core/mails.ts';
import type { Mailer } from '#core/ports.ts';
import { copyUrl, mintActionLink } from '#shared/action-links.ts';
import { NotFoundError } from '#shared/errors.ts';
import { metrics } from '#shared/observability.ts';
import { mailSentEvent } from './send-once.ts';
import { retryOnConflict, type StoreDeps } from './store.ts';

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
  await deps.repository.putActionLink(link);
  const expiresAt = link.validUntil ?? '';
  const mail = renderMail('dossier-copy', {
    ...mailBase(trajectory, 'employee'),
    copyLink: copyUrl(deps.settings.baseUrl, minted.token),
    copyExpiresAt: expiresAt,
    retentionDays: deps.settings.retentionDays,
  });
  await deps.mailer.send(addressed(trajectory, 'employee', mail));
  const intent = {
    key: `dossier-copy.${link.linkHash.slice(0, 12)}`,
    kind: 'dossier-copy' as const,
    recipient: 'employee' as const,
    render: () => mail,
  };
  await deps.repository.appendEvent(mailSentEvent(trajectory, intent, now.toISOString()));
  await deps.repository.appendEvent(copyIssuedEvent(trajectory, link, 'hr'));
  metrics.addMetric('EmployeeCopyIssued', MetricUnit.Count, 1);
  return { trajectoryId: trajectory.id, expiresAt };
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
