import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_ACCESS } from '#infra/access.ts';
import { BUNDLING, Fn } from '#infra/constructs/fn.ts';
import {
  bundleHandler,
  bundleHandlers,
  deployedHandlers,
  importEnv,
  esbuildOptionsFor,
  measureBundles,
} from '../../bench/bundles.ts';
import { chartSvg, replaceBlock } from '../../bench/report.ts';
import { parseOptions } from '../../bench/run.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'verbetertraject-bench-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the bundle measurements', () => {
  it('bundle byte for byte what the stack deploys', async () => {
    // Prepare: let CDK bundle one function the way the stack does.
    const outdir = join(dir, 'cdk');
    new Fn(new Stack(new App({ outdir }), 'Bench'), 'Asset', {
      handler: 'api/static-asset',
      logRetention: RetentionDays.ONE_WEEK,
    });
    const [asset] = readdirSync(outdir).filter((name) => name.startsWith('asset.'));

    // Act
    const bench = await bundleHandler('api/static-asset', 'deployed', join(dir, 'bench'));

    // Assess
    expect(asset).toBeDefined();
    expect(readFileSync(bench.file, 'utf8')).toBe(
      readFileSync(join(outdir, asset as string, 'index.mjs'), 'utf8'),
    );
  });

  it('bundle several handlers in one esbuild run exactly as each alone', async () => {
    const handlers = ['api/static-asset', 'api/session'];

    const together = await bundleHandlers(handlers, 'deployed', (h) => join(dir, 'together', h));
    const alone = await Promise.all(handlers.map((h) => bundleHandler(h, 'deployed', join(dir, 'alone', h))));

    for (const [i, handler] of handlers.entries()) {
      const built = together.get(handler);
      expect(built?.file).toBe(join(dir, 'together', handler, 'index.mjs'));
      expect(readFileSync(built?.file as string, 'utf8')).toBe(
        readFileSync(alone[i]?.file as string, 'utf8'),
      );
      expect(built?.topInputs).toEqual(alone[i]?.topInputs);
    }
  });

  it('refuse a bundling option they do not translate, instead of measuring something else', () => {
    expect(() => esbuildOptionsFor({ ...BUNDLING, keepNames: true })).toThrow(/keepNames/);
  });

  it('import each bundle with every variable a handler requires at import', () => {
    // Prepare: the variables functions/shared/env.ts requires, whatever the function.
    const source = readFileSync(new URL('../../functions/shared/env.ts', import.meta.url), 'utf8');
    const required = [...source.matchAll(/(?:requireEnv|validated)\(\s*'([A-Z_]+)'/g)].map(
      (match) => match[1]!,
    );

    // Assess
    expect(required).toEqual(
      expect.arrayContaining(['TABLE_NAME', 'STATE_MACHINE_ARN', 'TASK_STATE_MACHINE_ARN']),
    );
    expect(Object.keys(importEnv())).toEqual(expect.arrayContaining(required));
  });

  it('cover every function the stack deploys', () => {
    expect(deployedHandlers()).toEqual(Object.keys(FUNCTION_ACCESS).sort());
  });

  it('time a real import of both bundles, the naive one being larger', async () => {
    const report = await measureBundles({ initRuns: 1, handlers: ['api/static-asset'] });

    const [figures] = report.functions;
    expect(figures?.handler).toBe('api/static-asset');
    expect(figures?.deployed.bytes).toBeLessThan(figures?.naive.bytes ?? 0);
    expect(figures?.deployed.gzipBytes).toBeLessThan(figures?.deployed.bytes ?? 0);
    expect(figures?.deployed.initMs).toBeGreaterThan(0);
    expect(figures?.naive.initMs).toBeGreaterThan(0);
    expect(figures?.deployed.initCpuMs).toBeGreaterThan(0);
    expect(figures?.deployed.topInputs.map((i) => i.name)).toContain('functions/web');
    expect(report.floorMs).toBeGreaterThan(0);
  });
});

describe('the report', () => {
  it('replaces only the block of the part that ran', () => {
    const doc = [
      'hand-written',
      '<!-- bench:bundles:start -->\nold bundles\n<!-- bench:bundles:end -->',
      'more prose',
      '<!-- bench:load:start -->\nold load\n<!-- bench:load:end -->',
    ].join('\n');

    const updated = replaceBlock(doc, 'load', 'new load');

    expect(updated).toContain('hand-written');
    expect(updated).toContain('more prose');
    expect(updated).toContain('old bundles');
    expect(updated).toContain('<!-- bench:load:start -->\nnew load\n<!-- bench:load:end -->');
    expect(updated).not.toContain('old load');
  });

  it('appends a block the page has no markers for', () => {
    expect(replaceBlock('prose\n', 'simulation', 'figures')).toBe(
      'prose\n\n<!-- bench:simulation:start -->\nfigures\n<!-- bench:simulation:end -->\n',
    );
  });

  it('draws one row per function in a chart that escapes what it prints', () => {
    const bundle = { bytes: 100_000, gzipBytes: 30_000, initMs: 50, initCpuMs: 40, topInputs: [] };
    const svg = chartSvg({
      functions: [
        { handler: 'api/a<b>', deployed: bundle, naive: { ...bundle, bytes: 300_000, initMs: 90 } },
        { handler: 'workflow/c', deployed: bundle, naive: bundle },
      ],
      initRuns: 1,
      floorMs: 10,
      floorCpuMs: 9,
      external: [],
      workers: 2,
      buildSeconds: 1,
      seconds: 2,
    });

    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('api/a&lt;b&gt;');
    expect(svg).toContain('>workflow/c</text>');
    expect(svg).not.toContain('a<b>');
  });
});

describe('the command line', () => {
  it('runs the parts named by --only, and a quick run writes nothing', () => {
    expect(parseOptions(['--only', 'load,bundles'])).toEqual({
      parts: ['load', 'bundles'],
      quick: false,
      write: true,
      trajectories: 1000,
    });
    expect(parseOptions(['--quick'])).toEqual({
      parts: ['bundles', 'load', 'simulation'],
      quick: true,
      write: false,
      trajectories: 1000,
    });
    expect(parseOptions(['--no-write']).write).toBe(false);
  });

  it('takes the size of the simulation, and refuses one that is no count', () => {
    expect(parseOptions(['--trajectories', '250']).trajectories).toBe(250);
    expect(() => parseOptions(['--trajectories', '0'])).toThrow(/--trajectories takes a whole number/);
    expect(() => parseOptions(['--trajectories', 'many'])).toThrow(/--trajectories takes a whole number/);
  });

  it('refuses a part it does not know', () => {
    expect(() => parseOptions(['--only', 'bundle'])).toThrow(/--only takes bundles, load, simulation/);
  });
});
