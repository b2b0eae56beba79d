/**
 * Turns the figures into the generated parts of docs/PERFORMANCE.md (each between its own pair
 * of markers, so running one part leaves the others' figures in place) and the chart
 * docs/performance.svg.
 */
import type { BundleReport, FunctionFigures } from './bundles.ts';
import type { LoadReport } from './load.ts';
import type { LoadResult } from './load-client.ts';

export const TARGETS = {
  bundleKb: 250,
  initMs: 80,
  dossierReadP99Ms: 50,
} as const;

export type Part = 'bundles' | 'load' | 'simulation';

export interface Environment {
  date: string;
  node: string;
  cpus: number;
  cpuModel: string;
  /** The 1-minute load average when the part started: other work on the machine inflates every figure. */
  loadAverage: number;
}

const machine = (env: Environment) =>
  `Measured ${env.date} on Node ${env.node}, ${env.cpus} × ${env.cpuModel}, load average ${env.loadAverage.toFixed(1)} at the start`;

const markers = (part: Part) => [`<!-- bench:${part}:start -->`, `<!-- bench:${part}:end -->`] as const;

/** `doc` with the block of `part` replaced by `body`; a doc without the markers gets the block appended. */
export function replaceBlock(doc: string, part: Part, body: string): string {
  const [start, end] = markers(part);
  const block = `${start}\n${body.trim()}\n${end}`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from === -1 || to === -1 || to < from) return `${doc.trimEnd()}\n\n${block}\n`;
  return doc.slice(0, from) + block + doc.slice(to + end.length);
}

const kb = (bytes: number) => (bytes / 1024).toFixed(0);
const ms = (value: number) => value.toFixed(1);
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');
const verdict = (met: boolean) => (met ? '**met**' : '**missed**');

function worst(functions: FunctionFigures[], pick: (f: FunctionFigures) => number): FunctionFigures {
  return functions.reduce((a, b) => (pick(b) > pick(a) ? b : a));
}

export function bundleTargets(report: BundleReport): { size: boolean; init: boolean; lines: string[] } {
  const biggest = worst(report.functions, (f) => f.deployed.bytes);
  const slowest = worst(report.functions, (f) => f.deployed.initMs);
  const size = biggest.deployed.bytes <= TARGETS.bundleKb * 1024;
  const init = slowest.deployed.initMs <= TARGETS.initMs;
  const over = (pick: (f: FunctionFigures) => boolean) => {
    const names = report.functions.filter(pick).map((f) => f.handler);
    if (names.length === 0) return 'none';
    return names.length === report.functions.length ? `all ${names.length}` : names.join(', ');
  };
  return {
    size,
    init,
    lines: [
      `| every bundle ≤ ${TARGETS.bundleKb} KB minified | ${verdict(size)} | largest: ${biggest.handler}, ${kb(biggest.deployed.bytes)} KB; over: ${over((f) => f.deployed.bytes > TARGETS.bundleKb * 1024)} |`,
      `| every init ≤ ${TARGETS.initMs} ms median | ${verdict(init)} | slowest: ${slowest.handler}, ${ms(slowest.deployed.initMs)} ms; over: ${over((f) => f.deployed.initMs > TARGETS.initMs)} |`,
    ],
  };
}

export function formatBundles(report: BundleReport, env: Environment): string {
  const rows = report.functions.map((f) => {
    const top = f.deployed.topInputs
      .slice(0, 3)
      .map((i) => `${i.name} ${kb(i.bytes)}`)
      .join(', ');
    return (
      `| ${f.handler} | ${kb(f.deployed.bytes)} | ${kb(f.deployed.gzipBytes)} | ${kb(f.naive.bytes)} | ` +
      `${ratio(f.deployed.bytes, f.naive.bytes)} | ${ms(f.deployed.initMs)} | ${ms(f.deployed.initCpuMs)} | ` +
      `${ms(f.naive.initMs)} | ${ratio(f.deployed.initMs, f.naive.initMs)} | ${top} |`
    );
  });
  const targets = bundleTargets(report);
  return [
    `${machine(env)}; init is the median of ` +
      `${report.initRuns} fresh processes per bundle, ${report.workers === 1 ? 'one at a time' : `${report.workers} at a time (at most one per core)`}. ` +
      `Building and timing all ${report.functions.length * 2} bundles took ${report.seconds.toFixed(0)} s. ` +
      'The empty-module floor of the same harness is ' +
      `${ms(report.floorMs)} ms (${ms(report.floorCpuMs)} ms of CPU) and is included in every init figure; ` +
      'init CPU is the CPU time of the same imports, which load from elsewhere on the machine inflates much less. ' +
      'Left to the runtime: ' +
      `${report.external.map((e) => `\`${e}\``).join(', ') || 'nothing'}.`,
    '',
    '| function | deployed KB | gzip KB | naive KB | size ratio | init ms | init CPU ms | naive init ms | init ratio | largest inputs (KB) |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|---|',
    ...rows,
    '',
    '| target | result | figure |',
    '|---|---|---|',
    ...targets.lines,
    '',
    '![Bundle size and init time per function, deployed and naive](performance.svg)',
  ].join('\n');
}

const loadRow = (label: string, r: LoadResult) =>
  `| ${label} | ${r.requests} | ${ms(r.p50Ms)} | ${ms(r.p99Ms)} | ${r.requestsPerSecond.toFixed(0)} | ${r.non2xx + r.errors} |`;

export function formatLoad(report: LoadReport, env: Environment): string {
  const met = report.read.p99Ms <= TARGETS.dossierReadP99Ms;
  return [
    `${machine(env)}; ${report.connections} ` +
      'connections; the local cloud and its emulators in one process, the load generator in another.',
    '',
    '| request | requests | p50 ms | p99 ms | requests/s | failed |',
    '|---|--:|--:|--:|--:|--:|',
    loadRow('(a) `POST /trajectories`', report.create),
    loadRow(`(b) \`GET /trajectories/{id}\`, ${report.read.events} events`, report.read),
    loadRow('(b) the same on 1 connection', report.readAlone),
    loadRow('(c) `POST /actions/{token}`, first answers', report.submit),
    '',
    '| target | result | figure |',
    '|---|---|---|',
    `| dossier read p99 ≤ ${TARGETS.dossierReadP99Ms} ms at ${report.connections} connections | ${verdict(met)} | ${ms(report.read.p99Ms)} ms |`,
  ].join('\n');
}

/** The console table of the bundle figures. */
export function printBundles(report: BundleReport): string[] {
  const pad = (text: string, width: number) => text.padStart(width);
  const lines = [
    `${'function'.padEnd(28)}${pad('KB', 7)}${pad('gzip', 7)}${pad('naive', 8)}${pad('ratio', 7)}${pad('init', 8)}${pad('cpu', 8)}${pad('naive', 8)}${pad('ratio', 7)}`,
  ];
  for (const f of report.functions) {
    lines.push(
      `${f.handler.padEnd(28)}${pad(kb(f.deployed.bytes), 7)}${pad(kb(f.deployed.gzipBytes), 7)}${pad(kb(f.naive.bytes), 8)}` +
        `${pad(ratio(f.deployed.bytes, f.naive.bytes), 7)}${pad(ms(f.deployed.initMs), 8)}${pad(ms(f.deployed.initCpuMs), 8)}${pad(ms(f.naive.initMs), 8)}` +
        `${pad(ratio(f.deployed.initMs, f.naive.initMs), 7)}`,
    );
    lines.push(
      `${''.padEnd(4)}largest: ${f.deployed.topInputs.map((i) => `${i.name} ${kb(i.bytes)}`).join(', ')}`,
    );
  }
  lines.push(
    `init floor (empty module): ${ms(report.floorMs)} ms, ${ms(report.floorCpuMs)} ms CPU; runs per bundle: ${report.initRuns}, ` +
      `${report.workers} at a time; built in ${report.buildSeconds.toFixed(1)} s, ` +
      `measured in ${report.seconds.toFixed(1)} s`,
  );
  return lines;
}

export function printLoad(report: LoadReport): string[] {
  const row = (label: string, r: LoadResult) =>
    `${label.padEnd(36)}${String(r.requests).padStart(8)}${ms(r.p50Ms).padStart(9)}${ms(r.p99Ms).padStart(9)}` +
    `${r.requestsPerSecond.toFixed(0).padStart(9)}${String(r.non2xx + r.errors).padStart(8)}`;
  return [
    `${'request'.padEnd(36)}${'count'.padStart(8)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'req/s'.padStart(9)}${'failed'.padStart(8)}`,
    row('(a) POST /trajectories', report.create),
    row(`(b) GET /trajectories/{id} (${report.read.events} ev.)`, report.read),
    row('(b) the same, 1 connection', report.readAlone),
    row('(c) POST /actions/{token}', report.submit),
  ];
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Two bar charts side by side, one row per function: bundle size and init time, the deployed
 * bundle against the naive one, with the target as a dashed line.
 */
export function chartSvg(report: BundleReport): string {
  const rowHeight = 26;
  const labelWidth = 200;
  const panelWidth = 330;
  const gap = 40;
  const top = 58;
  const width = labelWidth + 2 * panelWidth + gap + 20;
  const height = top + report.functions.length * rowHeight + 40;
  const colours = { deployed: '#1f6feb', naive: '#c9d1d9', target: '#cf222e', text: '#24292f' };
  const panels = [
    {
      title: 'Bundle size (KB)',
      x: labelWidth,
      pick: (f: FunctionFigures, which: 'deployed' | 'naive') => f[which].bytes / 1024,
      target: TARGETS.bundleKb,
    },
    {
      title: 'Init time (ms, median)',
      x: labelWidth + panelWidth + gap,
      pick: (f: FunctionFigures, which: 'deployed' | 'naive') => f[which].initMs,
      target: TARGETS.initMs,
    },
  ];
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12" role="img">`,
    '<title>Bundle size and init time per Lambda function: deployed bundle against a naive bundle</title>',
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<rect x="${labelWidth}" y="10" width="12" height="12" fill="${colours.deployed}"/>`,
    `<text x="${labelWidth + 18}" y="20" fill="${colours.text}">deployed (minified, tree-shaken)</text>`,
    `<rect x="${labelWidth + 230}" y="10" width="12" height="12" fill="${colours.naive}"/>`,
    `<text x="${labelWidth + 248}" y="20" fill="${colours.text}">naive (no minify, no tree-shaking)</text>`,
    `<line x1="${labelWidth + 470}" y1="16" x2="${labelWidth + 490}" y2="16" stroke="${colours.target}" stroke-dasharray="4 3" stroke-width="2"/>`,
    `<text x="${labelWidth + 496}" y="20" fill="${colours.text}">target</text>`,
  ];
  for (const panel of panels) {
    const max = Math.max(
      panel.target,
      ...report.functions.flatMap((f) => [panel.pick(f, 'deployed'), panel.pick(f, 'naive')]),
    );
    const scale = (value: number) => (value / max) * (panelWidth - 50);
    parts.push(
      `<text x="${panel.x}" y="${top - 12}" font-weight="bold" fill="${colours.text}">${escapeXml(panel.title)}</text>`,
    );
    report.functions.forEach((f, i) => {
      const y = top + i * rowHeight;
      const deployed = panel.pick(f, 'deployed');
      const naive = panel.pick(f, 'naive');
      parts.push(
        `<rect x="${panel.x}" y="${y}" width="${scale(naive).toFixed(1)}" height="9" fill="${colours.naive}"/>`,
        `<rect x="${panel.x}" y="${y + 10}" width="${scale(deployed).toFixed(1)}" height="9" fill="${colours.deployed}"/>`,
        `<text x="${(panel.x + scale(Math.max(naive, deployed)) + 4).toFixed(1)}" y="${y + 18}" fill="${colours.text}" font-size="10">${deployed.toFixed(0)} / ${naive.toFixed(0)}</text>`,
      );
    });
    const targetX = (panel.x + scale(panel.target)).toFixed(1);
    parts.push(
      `<line x1="${targetX}" y1="${top - 4}" x2="${targetX}" y2="${top + report.functions.length * rowHeight}" stroke="${colours.target}" stroke-dasharray="4 3" stroke-width="1.5"/>`,
      `<text x="${targetX}" y="${top + report.functions.length * rowHeight + 14}" fill="${colours.target}" font-size="10" text-anchor="middle">${panel.target}</text>`,
    );
  }
  report.functions.forEach((f, i) => {
    parts.push(
      `<text x="${labelWidth - 8}" y="${top + i * rowHeight + 14}" text-anchor="end" fill="${colours.text}">${escapeXml(f.handler)}</text>`,
    );
  });
  parts.push(
    `<text x="${labelWidth}" y="${height - 8}" fill="${colours.text}" font-size="10">Each row: naive bar above, deployed bar below; labels read deployed / naive.</text>`,
    '</svg>',
  );
  return `${parts.join('\n')}\n`;
}
