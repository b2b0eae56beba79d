/**
 * The dossier as a document, drawn up now, in the trajectory's language:
 * - `GET /trajectories/{id}/dossier.pdf` (JWT): for HR and the trajectory's own manager; as
 *   `GET /trajectories/{id}`, another manager gets 403 whether the id exists or not, HR 404 for
 *   an unknown id;
 * - `GET /dossiers/{id}/dossier.pdf` (session cookie): the same PDF as the dashboard's download
 *   link, since a browser following a link cannot send a Bearer token;
 * - `GET /dossiers/{id}/print` (session cookie): the same document as a printable page.
 * Someone else's dossier is as absent as a missing one on the cookie routes, like the dashboard's
 * own dossier page.
 *
 * And HR's internal completeness report (docs/completeness.md), which is not part of the dossier:
 * - `GET /trajectories/{id}/completeness.pdf` (JWT, HR only: a manager gets 403);
 * - `GET /dossiers/{id}/completeness` and `GET /dossiers/{id}/completeness.pdf` (session cookie,
 *   HR only: a manager, the trajectory's own included, gets 403). The report judges the manager's
 *   own work and is meant for HR and counsel, so the manager does not read it.
 *
 * One function serves all three: only it bundles pdfkit (see infra/constructs/fn.ts).
 */
import type { Context } from 'aws-lambda';
import type { Dossier } from '#core/model.ts';
import type { Clock, TrajectoryRepository } from '#core/ports.ts';
import { clock } from '#adapters/clock.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { assertVisible, canSee, requireRole } from '#shared/auth.ts';
import { NotFoundError } from '#shared/errors.ts';
import { file, jsonApi, pathParam, type ApiEvent, type ApiResult } from '#shared/http.ts';
import { buildCompletenessDocument, buildDossierDocument } from '#web/dossier-document.ts';
import { renderCompletenessReport } from '#web/dossier-print.ts';
import { renderDossierPdf } from '#web/dossier-pdf.ts';
import { renderDossierPrint } from '#web/dossier-print.ts';
import { page, pageApi } from './page-http.ts';

export interface DossierExportDeps {
  repository: TrajectoryRepository;
  clock: Clock;
}

export const PRINT_ROUTE = 'GET /dossiers/{id}/print';
export const COMPLETENESS_API_ROUTE = 'GET /trajectories/{id}/completeness.pdf';
export const COMPLETENESS_PAGE_ROUTE = 'GET /dossiers/{id}/completeness';
export const COMPLETENESS_PDF_ROUTE = 'GET /dossiers/{id}/completeness.pdf';

/** The PDF's headers: a download named after the trajectory, never cached on the way. */
export const pdfHeaders = (id: string, name = 'dossier'): Record<string, string> => ({
  'Content-Disposition': `attachment; filename="${name}-${id}.pdf"`,
  'Cache-Control': 'no-store',
});

const pdfOf = (dossier: Dossier, now: Date): Promise<Buffer> =>
  renderDossierPdf(buildDossierDocument(dossier, { now }));

const completenessPdfOf = (dossier: Dossier, now: Date): Promise<Buffer> =>
  renderDossierPdf(buildCompletenessDocument(dossier, { now }));

export const dossierExportHandler = ({ repository, clock: time }: DossierExportDeps) => {
  const api = jsonApi({}, async ({ principal, param }) => {
    const dossier = await repository.getDossier(param('id'));
    assertVisible(principal, dossier);
    return file('application/pdf', await pdfOf(dossier, time.now()), pdfHeaders(dossier.trajectory.id));
  });

  const completenessApi = jsonApi({ roles: ['hr'] }, async ({ param }) => {
    const dossier = await repository.getDossier(param('id'));
    if (!dossier) throw new NotFoundError('trajectory');
    const id = dossier.trajectory.id;
    return file(
      'application/pdf',
      await completenessPdfOf(dossier, time.now()),
      pdfHeaders(id, 'completeness'),
    );
  });

  const pages = pageApi(async ({ event, session }) => {
    const dossier = await repository.getDossier(pathParam(event, 'id'));
    if (!dossier || !canSee(session.principal, dossier.trajectory)) throw new NotFoundError('trajectory');
    const now = time.now();
    if (event.routeKey === PRINT_ROUTE) {
      return page(renderDossierPrint(buildDossierDocument(dossier, { now })));
    }
    const report = event.routeKey === COMPLETENESS_PAGE_ROUTE || event.routeKey === COMPLETENESS_PDF_ROUTE;
    // HR's internal report: the trajectory's own manager sees the dossier, not this.
    if (report) requireRole(session.principal, ['hr']);
    if (event.routeKey === COMPLETENESS_PAGE_ROUTE) {
      return page(renderCompletenessReport(buildCompletenessDocument(dossier, { now }), dossier, now));
    }
    const id = dossier.trajectory.id;
    const pdf = report ? await completenessPdfOf(dossier, now) : await pdfOf(dossier, now);
    return {
      statusCode: 200,
      headers: { 'Content-Type': 'application/pdf', ...pdfHeaders(id, report ? 'completeness' : 'dossier') },
      body: pdf.toString('base64'),
      isBase64Encoded: true,
    };
  });

  return (event: ApiEvent, context: Context): Promise<ApiResult> =>
    event.routeKey === COMPLETENESS_API_ROUTE
      ? completenessApi(event, context)
      : event.routeKey.startsWith('GET /trajectories/')
        ? api(event, context)
        : pages(event, context);
};

export const handler = dossierExportHandler({ repository: createRepositoryFromEnv(), clock });
