/**
 * GET /trajectories/{id}/bundle.pdf (HR, and the trajectory's own manager), a contract
 * extension: the dossier PDF followed by every exhibit, numbered (functions/web/exhibits-bundle.ts).
 *
 * A bundle holds the exhibits themselves, tens of megabytes, more than a Lambda answer may carry
 * (6 MB); so it is written to the files bucket (`bundles/`, cleared after a day) and the answer
 * is a 303 to a download good for a minute, which a browser and `curl -L` follow by themselves.
 * The JSON body carries the same `url`.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { bundleKey, DOWNLOAD_SECONDS, exhibits, storedKey } from '#core/files.ts';
import type { Clock, FileStore, TrajectoryRepository } from '#core/ports.ts';
import { clock } from '#adapters/clock.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { createFileStoreFromEnv } from '#adapters/s3-files.ts';
import { assertVisible } from '#shared/auth.ts';
import { jsonApi } from '#shared/http.ts';
import { metrics } from '#shared/observability.ts';
import { buildDossierDocument } from '#web/dossier-document.ts';
import { renderDossierPdf } from '#web/dossier-pdf.ts';
import { buildExhibitsBundle } from '#web/exhibits-bundle.ts';

export interface BundleDeps {
  repository: TrajectoryRepository;
  store: FileStore;
  clock: Clock;
}

export const bundleHandler = (deps: BundleDeps) =>
  jsonApi({}, async ({ principal, param }) => {
    const dossier = await deps.repository.getDossier(param('id'));
    assertVisible(principal, dossier);
    const now = deps.clock.now();
    const document = buildDossierDocument(dossier, { now });
    const files = exhibits(dossier.files ?? []);
    const contents = await Promise.all(
      files.map(async (file) => ({ file, bytes: await deps.store.read(storedKey(file)) })),
    );
    const bundle = await buildExhibitsBundle(await renderDossierPdf(document), contents, document.locale);
    const key = bundleKey(dossier.trajectory.id, now);
    await deps.store.put(key, bundle, 'application/pdf');
    const filename = `dossier-${dossier.trajectory.id}-producties.pdf`;
    const url = await deps.store.downloadUrl(key, filename, 'application/pdf', DOWNLOAD_SECONDS);
    metrics.addMetric('BundleMade', MetricUnit.Count, 1);
    return { statusCode: 303, body: { url }, headers: { Location: url, 'Cache-Control': 'no-store' } };
  });

export const handler = bundleHandler({
  repository: createRepositoryFromEnv(),
  store: createFileStoreFromEnv(),
  clock,
});
