/**
 * Bundle size and module initialisation time per Lambda function. Every handler is bundled
 * twice: with the options the stack deploys (`BUNDLING` from infra/constructs/fn.ts, translated
 * the way NodejsFunction translates them into esbuild arguments), and naively (everything
 * bundled, nothing minified, no tree-shaking). Each bundle is then imported by fresh Node
 * processes with dummy configuration and no network, and the import is timed.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { SourceMapMode, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { ROUTES } from '#api/routes.ts';
import { WORKFLOW_FUNCTIONS } from '#workflow/registry.ts';
import { FUNCTION_ACCESS } from '#infra/access.ts';
import { BUNDLING, bundlingFor, handlerEntry } from '#infra/constructs/fn.ts';
import { median } from './stats.ts';

const run = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface BundleFigures {
  bytes: number;
  gzipBytes: number;
  /** Median import time over `initRuns` fresh processes, in ms. */
  initMs: number;
  /**
   * Median CPU time (user + system) of the same imports, in ms: what the import itself costs,
   * which on a busy machine grows much less than the time it takes.
   */
  initCpuMs: number;
  /** Largest inputs by bytes in the output, grouped by package or source folder. */
  topInputs: { name: string; bytes: number }[];
}

export interface FunctionFigures {
  handler: string;
  deployed: BundleFigures;
  naive: BundleFigures;
}

export interface BundleReport {
  functions: FunctionFigures[];
  initRuns: number;
  /** The same harness importing an empty module: the floor under every init figure. */
  floorMs: number;
  floorCpuMs: number;
  /** What the deployed bundles leave to the runtime (esbuild `external`). */
  external: string[];
  /** Import processes that ran at the same time (at most one per core). */
  workers: number;
  /** Wall time of building every bundle, and of the whole measurement. */
  buildSeconds: number;
  seconds: number;
}

/** Every function the stack deploys: the route handlers and the workflow steps, each once. */
export function deployedHandlers(): string[] {
  const handlers = new Set([...ROUTES.map((r) => r.handler), ...WORKFLOW_FUNCTIONS.map((f) => f.handler)]);
  for (const handler of Object.keys(FUNCTION_ACCESS)) handlers.add(handler);
  return [...handlers].sort();
}

/** The bundling options this file knows how to turn into esbuild options, as NodejsFunction does. */
const TRANSLATED = new Set<keyof BundlingOptions>([
  'format',
  'target',
  'mainFields',
  'banner',
  'minify',
  'sourceMap',
  'sourceMapMode',
  'sourcesContent',
  'bundleAwsSDK',
  'externalModules',
  'logLevel',
  // `--alias` only (a module swapped for another, e.g. the PDF function's fontkit stub).
  'esbuildArgs',
  // Files copied next to the bundle (the PDF function's font metrics): not part of index.mjs.
  'commandHooks',
]);

/**
 * esbuild's `alias` from NodejsFunction's `esbuildArgs`: `--alias: 'from=to'` or a list of them,
 * each of which NodejsFunction passes as an `--alias:from=to` argument of its own.
 */
function aliasesOf(bundling: BundlingOptions): Record<string, string> | undefined {
  const args = bundling.esbuildArgs ?? {};
  const other = Object.keys(args).filter((key) => key !== '--alias');
  if (other.length > 0) {
    throw new Error(`bench/bundles.ts does not translate the esbuild argument(s) ${other.join(', ')}`);
  }
  const value = args['--alias'];
  const pairs = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  if (pairs.length === 0) return undefined;
  return Object.fromEntries(
    pairs.map((pair) => {
      // As esbuild reads `--alias:from=to`: up to the first `=`, and the rest.
      const equals = pair.indexOf('=');
      return [pair.slice(0, equals), pair.slice(equals + 1)];
    }),
  );
}

/**
 * esbuild options equal to the arguments NodejsFunction passes for `bundling` (aws-lambda-nodejs
 * `Bundling.createBundlingCommand`). An option this function does not translate fails the bench
 * instead of being measured wrongly.
 */
export function esbuildOptionsFor(bundling: BundlingOptions): BuildOptions {
  const unknown = Object.keys(bundling).filter((key) => !TRANSLATED.has(key as keyof BundlingOptions));
  if (unknown.length > 0) {
    throw new Error(
      `bench/bundles.ts does not translate the bundling option(s) ${unknown.join(', ')}; ` +
        'teach esbuildOptionsFor, so the bench keeps measuring what is deployed',
    );
  }
  const sourcemap = !bundling.sourceMap
    ? false
    : (
        {
          [SourceMapMode.DEFAULT]: 'linked',
          [SourceMapMode.EXTERNAL]: 'external',
          [SourceMapMode.INLINE]: 'inline',
          [SourceMapMode.BOTH]: 'both',
        } as const
      )[bundling.sourceMapMode ?? SourceMapMode.DEFAULT];
  // NodejsFunction leaves the SDK to the runtime unless told to bundle it; this app's cdk.json
  // sets `sdkV3ExcludeSmithyPackages`, which adds @smithy/* to that default.
  const external = bundling.externalModules ?? (bundling.bundleAwsSDK ? [] : ['@aws-sdk/*', '@smithy/*']);
  return {
    bundle: true,
    platform: 'node',
    format: bundling.format === 'cjs' ? 'cjs' : 'esm',
    target: bundling.target ?? 'node22',
    ...(bundling.mainFields ? { mainFields: bundling.mainFields } : {}),
    ...(bundling.banner ? { banner: { js: bundling.banner } } : {}),
    minify: bundling.minify ?? false,
    sourcemap,
    ...(bundling.sourcesContent === false ? { sourcesContent: false } : {}),
    external,
    ...(aliasesOf(bundling) ? { alias: aliasesOf(bundling) } : {}),
    logLevel: 'warning',
  };
}

/** The naive build of the same handler: same format, target and banner, everything bundled as is. */
function naiveOptions(deployed: BuildOptions): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    format: deployed.format,
    target: deployed.target,
    mainFields: deployed.mainFields,
    banner: deployed.banner,
    minify: false,
    treeShaking: false,
    external: [],
    logLevel: 'error',
  };
}

function groupOf(input: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (pkg?.[1]) return pkg[1];
  const parts = input.split('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : input;
}

function topInputs(metafile: Metafile, file: string, limit: number): BundleFigures['topInputs'] {
  const output = Object.entries(metafile.outputs).find(([name]) => resolve(REPO_ROOT, name) === file)?.[1];
  const groups = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    groups.set(groupOf(input), (groups.get(groupOf(input)) ?? 0) + bytesInOutput);
  }
  return [...groups]
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, limit);
}

export interface BuiltBundle {
  /** `index.mjs` in the folder given, as NodejsFunction names it. */
  file: string;
  bytes: number;
  gzipBytes: number;
  topInputs: BundleFigures['topInputs'];
}

/** Bundles `handler` into `outdir` the way the stack deploys it, or naively. */
export async function bundleHandler(
  handler: string,
  kind: 'deployed' | 'naive',
  outdir: string,
): Promise<BuiltBundle> {
  const built = await bundleHandlers([handler], kind, (): string => outdir);
  return built.get(handler) as BuiltBundle;
}

const optionsFor = (handler: string, kind: 'deployed' | 'naive'): BuildOptions => {
  const deployed = esbuildOptionsFor(bundlingFor(handler));
  return kind === 'deployed' ? deployed : naiveOptions(deployed);
};

/**
 * Bundles every handler in `handlers` into `outdirOf(handler)/index.mjs`. Handlers bundled with
 * the same options share one esbuild run with one entry point each: esbuild then parses every
 * shared module (the SDK, zod, the core) once instead of once per handler, and links each entry
 * into its own output exactly as a build of that entry alone would (the bench test compares the
 * bytes with CDK's bundle).
 */
export async function bundleHandlers(
  handlers: readonly string[],
  kind: 'deployed' | 'naive',
  outdirOf: (handler: string) => string,
): Promise<Map<string, BuiltBundle>> {
  const groups = new Map<string, { options: BuildOptions; handlers: string[] }>();
  for (const handler of handlers) {
    const options = optionsFor(handler, kind);
    const key = JSON.stringify(options);
    const group = groups.get(key) ?? { options, handlers: [] };
    group.handlers.push(handler);
    groups.set(key, group);
  }
  const built = new Map<string, BuiltBundle>();
  await Promise.all(
    [...groups.values()].map(async ({ options, handlers: members }) => {
      // esbuild names outputs relative to the common folder of all its outputs; an absolute
      // name per entry under `/` keeps every handler's folder exactly where it was asked for.
      const entryPoints = Object.fromEntries(
        members.map((handler) => [join(outdirOf(handler), 'index').slice(1), handlerEntry(handler)]),
      );
      for (const handler of members) mkdirSync(outdirOf(handler), { recursive: true });
      const result = await build({
        ...options,
        entryPoints,
        outdir: '/',
        outExtension: { '.js': '.mjs' },
        absWorkingDir: REPO_ROOT,
        metafile: true,
      });
      for (const handler of members) {
        const file = join(outdirOf(handler), 'index.mjs');
        const code = readFileSync(file);
        built.set(handler, {
          file,
          bytes: code.length,
          gzipBytes: gzipSync(code).length,
          topInputs: topInputs(result.metafile, file, 6),
        });
      }
    }),
  );
  return built;
}

/**
 * The configuration a handler reads at import, with dummy values, plus what keeps the SDK off
 * the network: static credentials (the first provider in the chain) and an endpoint nobody
 * listens on.
 */
export function importEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    // As the stack sets it: source maps are read when a module loads, so they count.
    NODE_OPTIONS: '--enable-source-maps',
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_SERVICE_NAME: 'verbetertraject',
    POWERTOOLS_METRICS_NAMESPACE: 'Verbetertraject',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    TABLE_NAME: 'verbetertraject-bench',
    RETENTION_DAYS: '730',
    STATE_MACHINE_ARN: 'arn:aws:states:eu-west-1:123456789012:stateMachine:verbetertraject-bench',
    TASK_STATE_MACHINE_ARN:
      'arn:aws:states:eu-west-1:123456789012:stateMachine:verbetertraject-bench-human-task',
    MAIL_FROM: 'bench@example.nl',
    BASE_URL: 'https://bench.example.nl',
    EVENT_BUS_NAME: 'verbetertraject-bench',
    FILES_BUCKET: 'verbetertraject-bench-files',
    AUTH_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_bench',
    AUTH_AUDIENCE: 'bench',
    AUTH_JWKS_URL: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_bench/.well-known/jwks.json',
    AUTH_CLIENT_ID: 'bench',
    AUTH_DOMAIN_URL: 'https://bench.auth.eu-west-1.amazoncognito.com',
    AUTH_CALLBACK_URL: 'https://bench.example.nl/auth/callback',
    AUTH_SIGN_OUT_URL: 'https://bench.example.nl/',
    SIGN_IN_URL: 'https://bench.example.nl/sign-in',
  };
}

/**
 * Milliseconds one fresh Node process spends in `await import(file)`, in real and in CPU time;
 * fails unless it exports `handler`.
 */
async function timeImport(file: string, expectHandler: boolean): Promise<{ ms: number; cpuMs: number }> {
  const script = [
    'const cpu = process.cpuUsage();',
    'const started = performance.now();',
    `const module = await import(${JSON.stringify(pathToFileURL(file).href)});`,
    'const ms = performance.now() - started;',
    'const used = process.cpuUsage(cpu);',
    expectHandler ? "if (typeof module.handler !== 'function') throw new Error('no handler export');" : '',
    'process.stdout.write(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000 }));',
    // Module scope may hold a timer or a socket pool; the figure is in, nothing else matters.
    'process.exit(0);',
  ].join('\n');
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: importEnv(),
    cwd: tmpdir(),
    timeout: 60_000,
  });
  return JSON.parse(stdout) as { ms: number; cpuMs: number };
}

export interface BundleOptions {
  /** Fresh processes per bundle for the init time (≥ 20 for the published figures). */
  initRuns: number;
  /** Only these handlers (default: every deployed function). */
  handlers?: string[];
  /**
   * Import processes running at the same time (default: one per core, at most two). Never more
   * than the cores: two imports sharing one core would each measure the other's work.
   */
  workers?: number;
  log?: (line: string) => void;
}

/** Runs `jobs` with at most `workers` of them at a time, each worker taking the next when done. */
async function runPool<T>(jobs: readonly (() => Promise<T>)[], workers: number): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await (jobs[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, jobs.length)) }, worker));
  return results;
}

export async function measureBundles(options: BundleOptions): Promise<BundleReport> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const deployedOptions = esbuildOptionsFor(BUNDLING);
  const workers = Math.min(options.workers ?? 2, availableParallelism());
  const handlers = options.handlers ?? deployedHandlers();
  const workDir = mkdtempSync(join(tmpdir(), 'verbetertraject-bench-'));
  try {
    // An external module is one the Lambda runtime provides; here the project's own copy stands in.
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(workDir, 'node_modules'), 'dir');
    const empty = join(workDir, 'empty.mjs');
    writeFileSync(empty, 'export {};\n');

    const folder = (kind: string) => (handler: string) => join(workDir, handler.replace(/\//g, '-'), kind);
    const [deployed, naive] = await Promise.all([
      bundleHandlers(handlers, 'deployed', folder('deployed')),
      bundleHandlers(handlers, 'naive', folder('naive')),
    ]);
    const buildMs = performance.now() - started;
    log(`  built ${handlers.length * 2} bundles in ${(buildMs / 1000).toFixed(1)} s`);

    // Every round imports every bundle once (the empty module, then each handler's deployed and
    // naive bundle in turn), so a burst of load from elsewhere on the machine hits all of them
    // alike instead of the few that happened to be measured during it.
    const targets = [
      { key: 'floor', file: empty, expectHandler: false },
      ...handlers.flatMap((handler) => [
        {
          key: `deployed ${handler}`,
          file: (deployed.get(handler) as BuiltBundle).file,
          expectHandler: true,
        },
        { key: `naive ${handler}`, file: (naive.get(handler) as BuiltBundle).file, expectHandler: true },
      ]),
    ];
    const jobs = Array.from({ length: options.initRuns }, (_, round) =>
      targets.map((target, i) => async () => {
        const time = await timeImport(target.file, target.expectHandler);
        if (i === targets.length - 1 && (round + 1) % 5 === 0) {
          log(`  init round ${round + 1} of ${options.initRuns} (${seconds(started)})`);
        }
        return { key: target.key, ...time };
      }),
    ).flat();
    const samples = new Map<string, { ms: number[]; cpuMs: number[] }>();
    for (const { key, ms, cpuMs } of await runPool(jobs, workers)) {
      const sample = samples.get(key) ?? { ms: [], cpuMs: [] };
      sample.ms.push(ms);
      sample.cpuMs.push(cpuMs);
      samples.set(key, sample);
    }
    const medianOf = (key: string) => median(samples.get(key)?.ms ?? []);
    const cpuMedianOf = (key: string) => median(samples.get(key)?.cpuMs ?? []);

    const functions = handlers.map((handler): FunctionFigures => {
      const figures: FunctionFigures = {
        handler,
        deployed: {
          ...(deployed.get(handler) as BuiltBundle),
          initMs: medianOf(`deployed ${handler}`),
          initCpuMs: cpuMedianOf(`deployed ${handler}`),
        },
        naive: {
          ...(naive.get(handler) as BuiltBundle),
          initMs: medianOf(`naive ${handler}`),
          initCpuMs: cpuMedianOf(`naive ${handler}`),
        },
      };
      log(
        `  ${handler}: ${kb(figures.deployed.bytes)} KB (naive ${kb(figures.naive.bytes)} KB), ` +
          `init ${figures.deployed.initMs.toFixed(1)} ms (naive ${figures.naive.initMs.toFixed(1)} ms)`,
      );
      return figures;
    });
    return {
      functions,
      initRuns: options.initRuns,
      floorMs: medianOf('floor'),
      floorCpuMs: cpuMedianOf('floor'),
      external: (deployedOptions.external ?? []).slice(),
      workers,
      buildSeconds: buildMs / 1000,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

export const kb = (bytes: number): string => (bytes / 1024).toFixed(0);
