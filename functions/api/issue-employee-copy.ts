/**
 * POST /trajectories/{id}/employee-copy (HR, contract extension): mails the employee a new
 * personal link to their own copy of the dossier (AVG art. 15; functions/core/employee-copy.ts),
 * for when they ask for a copy or their link expired. Any trajectory, running or closed: the right
 * of access lasts as long as the dossier is kept.
 *
 * Links issued before keep working until their own expiry: each is the employee's, mailed to the
 * employee only, and a new one is no reason to break a copy the employee may be reading. The
 * record of the new link is stored first, then the mail goes out, then the dossier records both;
 * a mail that fails leaves an unused link nobody holds (it expires) and answers 500, so HR can
 * simply ask again. Each request is a new link and a new mail: there is nothing to deduplicate.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { copyIssuedEvent, copyLink } from '#core/employee-copy.ts';
import { addressed, mailBase, renderMail } from '#core/mails.ts';
import type { Clock, Mailer, TrajectoryRepository } from '#core/ports.ts';
import { clock } from '#adapters/clock.ts';
import { createRepositoryFromEnv, retentionDaysFromEnv } from '#adapters/dynamo-repository.ts';
import { createMailerFromEnv } from '#adapters/ses-mailer.ts';
import { copyUrl, mintActionLink } from '#shared/action-links.ts';
import { config } from '#shared/env.ts';
import { NotFoundError } from '#shared/errors.ts';
import { created, jsonApi } from '#shared/http.ts';
import { metrics } from '#shared/observability.ts';
import { mailSentEvent } from '#usecases/send-once.ts';

export interface IssueEmployeeCopyDeps {
  repository: TrajectoryRepository;
  mailer: Mailer;
  clock: Clock;
  baseUrl: string;
  /** How long the link works, in days. */
  linkDays: number;
  /** How long a closed dossier is kept, in days: the mail tells the employee. */
  retentionDays: number;
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
  const link = copyLink(trajectory.id, minted.linkHash, now, deps.linkDays);
  await deps.repository.putActionLink(link);
  const expiresAt = link.validUntil ?? '';
  const mail = renderMail('dossier-copy', {
    ...mailBase(trajectory, 'employee'),
    copyLink: copyUrl(deps.baseUrl, minted.token),
    copyExpiresAt: expiresAt,
    retentionDays: deps.retentionDays,
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

export const issueEmployeeCopyHandler = (deps: IssueEmployeeCopyDeps) =>
  jsonApi({ roles: ['hr'] }, async ({ param }) => created(await issueEmployeeCopy(deps, param('id'))));

export const handler = issueEmployeeCopyHandler({
  repository: createRepositoryFromEnv(),
  mailer: createMailerFromEnv(),
  clock,
  // Read on first use: the module loads without configuration.
  get baseUrl() {
    return config.baseUrl;
  },
  get linkDays() {
    return config.copyLinkDays;
  },
  get retentionDays() {
    return retentionDaysFromEnv();
  },
});
