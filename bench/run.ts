/**
 * `npm run bench`: bundle sizes and init times per function, the API under load on the local
 * cloud, and the simulation of many trajectories with their cost. Prints every figure and
 * rewrites the generated parts of docs/PERFORMANCE.md and the chart docs/performance.svg.
 *
 *   npm run bench                          everything (a few minutes)
 *   npm run bench -- --only bundles,load   some parts; the others' figures in the doc stay
 *   npm run bench -- --quick               a smoke test: small counts, writes nothing
 *   npm run bench -- --no-write            the full figures, printed only
 */
import { cpus, loadavg } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { deployedHandlers, measureBundles } from './bundles.ts';
import { measureLoad } from './load.ts';
import {
  chartSvg,
  formatBundles,
  formatLoad,
  printBundles,
  printLoad,
  replaceBlock,
  type Environment,
  type Part,
} from './report.ts';

const PARTS: readonly Part[] = ['bundles', 'load', 'simulation'];
const DOC = fileURLToPath(new URL('../docs/PERFORMANCE.md', import.meta.url));
const CHART = fileURLToPath(new URL('../docs/performance.svg', import.meta.url));

export interface BenchOptions {
  parts: Part[];
  quick: boolean;
  write: boolean;
  /** Trajectories in the simulation (1,000 unless `--trajectories N` says otherwise). */
  trajectories: number;
}

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
      trajectories: { type: 'string' },
    },
    strict: true,
  });
  const parts = values.only ? values.only.split(',').map((p) => p.trim()) : [...PARTS];
  for (const part of parts) {
    if (!PARTS.includes(part as Part)) {
      throw new Error(`--only takes ${PARTS.join(', ')} (comma-separated); got "${part}"`);
    }
  }
  const trajectories = values.trajectories === undefined ? 1000 : Number(values.trajectories);
  if (!Number.isInteger(trajectories) || trajectories < 1) {
    throw new Error(`--trajectories takes a whole number of at least 1; got "${values.trajectories}"`);
  }
  // A smoke test's figures are not worth publishing.
  return {
    parts: parts as Part[],
    quick: values.quick,
    write: !values.quick && !values['no-write'],
    trajectories,
  };
}

function environment(): Environment {
  const cores = cpus();
  return {
    date: new Date().toISOString().slice(0, 10),
    node: process.versions.node,
    cpus: cores.length,
    cpuModel: (cores[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim(),
    loadAverage: loadavg()[0] ?? 0,
  };
}

const log = (line: string) => console.log(line);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

export async function runBench(options: BenchOptions): Promise<Partial<Record<Part, string>>> {
  const blocks: Partial<Record<Part, string>> = {};
  const started = performance.now();

  if (options.parts.includes('bundles')) {
    const since = performance.now();
    const env = environment();
    log('\n== Bundles: size and init time per function ==');
    const handlers = deployedHandlers();
    const report = await measureBundles({
      // The requirement is the median of at least 20 fresh processes.
      initRuns: options.quick ? 3 : 20,
      handlers: options.quick ? handlers.slice(0, 2) : handlers,
      log,
    });
    log('');
    for (const line of printBundles(report)) log(line);
    blocks.bundles = formatBundles(report, env);
    if (options.write) writeFileSync(CHART, chartSvg(report));
    log(`(bundles: ${seconds(since)})`);
  }

  if (options.parts.includes('load')) {
    const since = performance.now();
    const env = environment();
    log('\n== API under load on the local cloud ==');
    const report = await measureLoad(
      options.quick
        ? { trajectories: 20, readSeconds: 1, dossierEvents: 20, log }
        : { trajectories: 200, readSeconds: 6, dossierEvents: 200, log },
    );
    log('');
    for (const line of printLoad(report)) log(line);
    blocks.load = formatLoad(report, env);
    log(`(load: ${seconds(since)})`);
  }

  if (options.parts.includes('simulation')) {
    const since = performance.now();
    log('\n== Simulation: trajectories through the local cloud, cost per trajectory ==');
    // Loaded only when asked for: the other parts run without the simulation's dependencies.
    const { runSimulation, formatSimulation } = await import('./simulate.ts');
    const figures = await runSimulation({ trajectories: options.quick ? 12 : options.trajectories, log });
    const markdown = formatSimulation(figures);
    log('');
    log(markdown);
    blocks.simulation = markdown;
    log(`(simulation: ${seconds(since)})`);
  }

  if (options.write) {
    let doc = readFileSync(DOC, 'utf8');
    for (const [part, body] of Object.entries(blocks)) doc = replaceBlock(doc, part as Part, body);
    // Formatted as `npm run lint` expects, so a bench run leaves the page lint-clean.
    writeFileSync(DOC, await format(doc, { ...(await resolveConfig(DOC)), filepath: DOC }));
    log(`\nWrote docs/PERFORMANCE.md${blocks.bundles ? ' and docs/performance.svg' : ''}.`);
  }
  log(`Done in ${seconds(started)}.`);
  return blocks;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await runBench(parseOptions(process.argv.slice(2)));
    // The local cloud's emulators may keep a handle or two open after closing; the figures are in.
    process.exit(0);
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  }
}
