/**
 * The employee's own copy of their dossier (AVG art. 15), on their personal link (public; the
 * token is the credential, functions/core/employee-copy.ts):
 * - `GET /copy/{token}`: the dossier as a page (or, asked for JSON, as the document's sections);
 * - `GET /copy/{token}/dossier.pdf`: the same copy as a PDF.
 * Both show the employee's view: without HR's internal note, the legal hold, failed steps or the
 * completeness assessment. A link works as often as the employee likes until it expires; from then
 * on both answer 410 with a page that shows nothing of the dossier and says how to get a new link.
 * A link HR revoked (functions/usecases/employee-copy.ts) answers 410 the same way, its page
 * saying that it was withdrawn.
 * A token that is no copy link (a task's link, garbage) is as unknown as one never minted (404).
 *
 * Each day a link is opened, the dossier records that the employee read it: one entry per link per
 * day, so a mail scanner's visit or a reload adds nothing more. No name or address is logged.
 */
import type { Dossier } from '#core/model.ts';
import type { Clock, TrajectoryRepository } from '#core/ports.ts';
import { copyLinkState, copyOpenedEvent, isCopyLink } from '#core/employee-copy.ts';
import { clock } from '#adapters/clock.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { hashToken } from '#shared/action-links.ts';
import { NotFoundError } from '#shared/errors.ts';
import { translator } from '#shared/i18n/catalogue.ts';
import { exportMessages } from '#shared/i18n/export.ts';
import { buildDossierDocument } from '#web/dossier-document.ts';
import { renderDossierPdf } from '#web/dossier-pdf.ts';
import { renderCopyClosedPage, renderCopyPage } from '#web/copy-pages.ts';
import { actionApi, type ActionResponse } from './action-http.ts';

const t = /* @__PURE__ */ translator(exportMessages);

export interface EmployeeCopyDeps {
  repository: TrajectoryRepository;
  clock: Clock;
}

export const COPY_PDF_ROUTE = 'GET /copy/{token}/dossier.pdf';

type Found =
  { kind: 'open'; dossier: Dossier; expiresAt: string } | { kind: 'expired' | 'revoked'; dossier: Dossier };

async function findCopy({ repository, clock: time }: EmployeeCopyDeps, token: string, now: Date) {
  const link = await repository.findActionLink(hashToken(token));
  if (!link || !isCopyLink(link)) throw new NotFoundError('unknown link');
  const dossier = await repository.getDossier(link.trajectoryId);
  // A link whose dossier is gone (purged after retention) is as unknown as one never minted.
  if (!dossier) throw new NotFoundError('unknown link');
  const state = copyLinkState(link, dossier.trajectory, now);
  if (state !== 'open') return { kind: state, dossier } satisfies Found;
  await repository.appendEvent(copyOpenedEvent(link, time.now()));
  return { kind: 'open', dossier, expiresAt: link.validUntil ?? '' } satisfies Found;
}

export const employeeCopyHandler = (deps: EmployeeCopyDeps) =>
  actionApi({}, async ({ event, token, html, setLocale }): Promise<ActionResponse> => {
    const now = deps.clock.now();
    const found: Found = await findCopy(deps, token, now);
    const locale = found.dossier.trajectory.locale;
    setLocale(locale);
    if (found.kind !== 'open') {
      // Nothing of the dossier: the holder of an old link learns only how to get a new one.
      const message = t(locale, `export.copy.${found.kind}.body`);
      return html
        ? { type: 'html', statusCode: 410, html: renderCopyClosedPage(locale, found.kind) }
        : { type: 'json', statusCode: 410, body: { error: { code: 'gone', message } } };
    }
    const document = buildDossierDocument(found.dossier, { now, audience: 'employee' });
    if (event.routeKey === COPY_PDF_ROUTE) {
      return {
        type: 'file',
        contentType: 'application/pdf',
        body: await renderDossierPdf(document),
        filename: `dossier-${found.dossier.trajectory.id}.pdf`,
      };
    }
    if (!html) {
      return {
        type: 'json',
        statusCode: 200,
        body: { expiresAt: found.expiresAt, ...document },
      };
    }
    return {
      type: 'html',
      statusCode: 200,
      html: renderCopyPage(document, {
        pdfHref: `/copy/${encodeURIComponent(token)}/dossier.pdf`,
        expiresAt: found.expiresAt,
        hrAdvisorName: found.dossier.trajectory.hrAdvisor.name,
      }),
    };
  });

export const handler = employeeCopyHandler({ repository: createRepositoryFromEnv(), clock });
