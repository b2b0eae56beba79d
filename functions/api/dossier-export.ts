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
 * One function serves all three: only it bundles pdfkit (see infra/constructs/fn.ts).
 */
import type { Context } from 'aws-lambda';
import type { Dossier } from '#core/model.ts';
import type { Clock, TrajectoryRepository } from '#core/ports.ts';
import { clock } from '#adapters/clock.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { assertVisible, canSee } from '#shared/auth.ts';
import { NotFoundError } from '#shared/errors.ts';
import { file, jsonApi, pathParam, type ApiEvent, type ApiResult } from '#shared/http.ts';
import { buildDossierDocument } from '#web/dossier-document.ts';
import { renderDossierPdf } from '#web/dossier-pdf.ts';
import { renderDossierPrint } from '#web/dossier-print.ts';
import { page, pageApi } from './page-http.ts';

export interface DossierExportDeps {
  repository: TrajectoryRepository;
  clock: Clock;
}

export const PRINT_ROUTE = 'GET /dossiers/{id}/print';

/** The PDF's headers: a download named after the trajectory, never cached on the way. */
export const pdfHeaders = (id: string): Record<string, string> => ({
  'Content-Disposition': `attachment; filename="dossier-${id}.pdf"`,
  'Cache-Control': 'no-store',
});

const pdfOf = (dossier: Dossier, now: Date): Promise<Buffer> =>
  renderDossierPdf(buildDossierDocument(dossier, { now }));

export const dossierExportHandler = ({ repository, clock: time }: DossierExportDeps) => {
  const api = jsonApi({}, async ({ principal, param }) => {
    const dossier = await repository.getDossier(param('id'));
    assertVisible(principal, dossier);
    return file('application/pdf', await pdfOf(dossier, time.now()), pdfHeaders(dossier.trajectory.id));
  });

  const pages = pageApi(async ({ event, session }) => {
    const dossier = await repository.getDossier(pathParam(event, 'id'));
    if (!dossier || !canSee(session.principal, dossier.trajectory)) throw new NotFoundError('trajectory');
    const now = time.now();
    if (event.routeKey === PRINT_ROUTE) {
      return page(renderDossierPrint(buildDossierDocument(dossier, { now })));
    }
    return {
      statusCode: 200,
      headers: { 'Content-Type': 'application/pdf', ...pdfHeaders(dossier.trajectory.id) },
      body: (await pdfOf(dossier, now)).toString('base64'),
      isBase64Encoded: true,
    };
  });

  return (event: ApiEvent, context: Context): Promise<ApiResult> =>
    event.routeKey.startsWith('GET /trajectories/') ? api(event, context) : pages(event, context);
};

export const handler = dossierExportHandler({ repository: createRepositoryFromEnv(), clock });
