/**
 * The PDF function works as deployed: the handler is bundled by the stack's own `Fn` construct
 * (NodejsFunction, esbuild, the project's bundling options plus the PDF function's own), and the
 * bundle, run by a plain Node process from its asset folder with nothing else around it, renders
 * a dossier from a real DynamoDB API (dynalite) into a PDF that pdfjs can read. pdfkit reads its
 * font metrics at run time by a specifier esbuild cannot follow; this is where a bundle that lost
 * them would fail.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { App, Stack } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import { Fn } from '#infra/constructs/fn.ts';
import { DossierBuilder } from '../support/dossier-builder.ts';
import { startDynalite, type LocalDynamo } from '../support/dynalite.ts';
import { pdfText } from '../support/pdf-text.ts';

const run = promisify(execFile);
/**
 * A guard, not the project's 250 KB target: the page functions already ship about 530 to 700 KB
 * (AWS SDK, Powertools, zod, the catalogue of their pages); pdfkit adds about 160 KB to that.
 * Installing pdfkit as a node module instead would ship several MB (fontkit and its decompressor).
 */
const LIMIT_BYTES = 800 * 1024;

let outdir: string;
let assetDir: string;
let dynamo: LocalDynamo;

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'verbetertraject-pdf-bundle-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'PdfBundle');
  new Fn(stack, 'DossierExport', { handler: 'api/dossier-export', logRetention: RetentionDays.ONE_DAY });
  app.synth();
  const assets = readdirSync(outdir)
    .filter((name) => name.startsWith('asset.'))
    .map((name) => join(outdir, name))
    .filter((dir) => existsSync(join(dir, 'index.mjs')));
  expect(assets).toHaveLength(1);
  assetDir = assets[0] as string;
  dynamo = await startDynalite();
}, 120_000);

afterAll(async () => {
  await dynamo?.stop();
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

/** Bytes of every file the function ships, source maps excepted (they are not loaded at start). */
function shippedBytes(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.map'))
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

describe('the bundled dossier PDF function', () => {
  it('renders a stored dossier to a PDF, run from its asset folder alone', async () => {
    // Prepare: a completed dossier in the table the bundle will read.
    const dossier = new DossierBuilder().successful().build();
    const repository = new DynamoTrajectoryRepository({ tableName: dynamo.tableName, client: dynamo.client });
    await repository.createTrajectory(dossier.trajectory, dossier.events);
    for (const task of dossier.tasks) await repository.createTask(task);
    const event = {
      version: '2.0',
      routeKey: 'GET /trajectories/{id}/dossier.pdf',
      rawPath: `/trajectories/${dossier.trajectory.id}/dossier.pdf`,
      rawQueryString: '',
      headers: { accept: 'application/pdf' },
      pathParameters: { id: dossier.trajectory.id },
      requestContext: {
        requestId: 'bundle-test',
        routeKey: 'GET /trajectories/{id}/dossier.pdf',
        http: { method: 'GET', path: `/trajectories/${dossier.trajectory.id}/dossier.pdf` },
        authorizer: {
          jwt: {
            claims: { email: 'hr@example.test', email_verified: 'true', 'cognito:groups': '[hr]' },
            scopes: [],
          },
        },
      },
      isBase64Encoded: false,
    };
    const script = `
      const { handler } = await import('./index.mjs');
      const result = await handler(JSON.parse(process.env.EVENT), { awsRequestId: 'bundle-test' });
      process.stdout.write(JSON.stringify(result));
    `;

    // Act: a Node process in the asset folder, with only what Lambda would give it.
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: assetDir,
      maxBuffer: 32 * 1024 * 1024,
      env: {
        PATH: process.env.PATH ?? '',
        EVENT: JSON.stringify(event),
        TABLE_NAME: dynamo.tableName,
        AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        POWERTOOLS_LOG_LEVEL: 'ERROR',
        AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
      },
    });
    const result = JSON.parse(stdout) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
      isBase64Encoded?: boolean;
    };

    // Assess: a base64 PDF as API Gateway needs it, holding the dossier's words.
    expect(result.statusCode, result.body.slice(0, 300)).toBe(200);
    expect(result.isBase64Encoded).toBe(true);
    expect(result.headers['Content-Type']).toBe('application/pdf');
    const pdf = Buffer.from(result.body, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain('Dossier verbetertraject');
    expect(text).toContain(dossier.trajectory.employee.name);
    expect(text).toContain('Te veel werk tegelijk sinds de reorganisatie.');

    // The bundle stays lean: fontkit replaced by its stub, only Helvetica's metrics shipped.
    const bundle = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
    expect(bundle).toContain('Embedding font files is not bundled');
    expect(readdirSync(join(assetDir, 'pdfkit-fonts')).filter((name) => name.endsWith('.cjs'))).toEqual([
      'Helvetica.cjs',
      'HelveticaBold.cjs',
      'HelveticaBoldOblique.cjs',
      'HelveticaOblique.cjs',
    ]);
    // ...and carries no mail composers: the dossier shows dates and names, it sends nothing. A
    // module-level call esbuild cannot prove pure (core/mails.ts) would keep the mail catalogue.
    expect(bundle).not.toContain('Herinnering: {task}');
    const bytes = shippedBytes(assetDir);
    expect(bytes, `dossier-export ships ${(bytes / 1024).toFixed(1)} KB`).toBeLessThan(LIMIT_BYTES);
  }, 120_000);
});
