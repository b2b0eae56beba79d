/**
 * The Dutch holidays work as deployed. date-holidays-parser imports at module scope the calendars
 * of every country (moment-timezone, astronomia, ...); the bundling options replace those with
 * stubs (HOLIDAY_CALENDAR_STUBS in infra/constructs/fn.ts). Here the core's holiday code is
 * bundled by NodejsFunction with the stack's own options, run by a plain Node process from its
 * asset folder, and held equal to the core unbundled; a rule that would need a stubbed calendar
 * fails, naming it; and a real function bundled by the stack's `Fn` stays small.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { App, Stack } from 'aws-cdk-lib';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isWorkingDay, publicHolidays } from '#core/working-days.ts';
import { BUNDLING, bundlingFor, Fn, handlerEntry, HOLIDAY_CALENDAR_STUBS } from '#infra/constructs/fn.ts';
import { deployedHandlers, esbuildOptionsFor } from '../../bench/bundles.ts';

const run = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = fileURLToPath(new URL('./fixtures/holidays-entry.ts', import.meta.url));
const YEARS = [2026, 2027, 2028];
const STUB_MESSAGE = 'is not used by the Dutch holiday rules';

/**
 * The core's holiday code alone (the parser keeps its own Hebrew and Islamic calendars): measured
 * at 66,339 bytes minified; with the real calendars it is 1,040,482.
 */
const HOLIDAYS_LIMIT_BYTES = 96 * 1024;
/**
 * A workflow step that imports the core, as the stack bundles it (AWS SDK, Powertools, zod, the
 * core): measured at 552,035 bytes; with the real calendars it was 1,528,466.
 */
const OPEN_TASK_LIMIT_BYTES = 640 * 1024;

let outdir: string;
/** The asset folder of each bundle, by the id of its function. */
const assets = new Map<string, string>();

/** Synthesizes a stack of one function into its own folder and returns the folder of its bundle. */
function bundleOne(id: string, add: (stack: Stack) => void): string {
  const appOutdir = join(outdir, id);
  const app = new App({ outdir: appOutdir });
  add(new Stack(app, id));
  app.synth();
  const found = readdirSync(appOutdir)
    .filter((name) => name.startsWith('asset.'))
    .map((name) => join(appOutdir, name))
    .filter((dir) => existsSync(join(dir, 'index.mjs')));
  expect(found).toHaveLength(1);
  return found[0] as string;
}

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'verbetertraject-holidays-bundle-'));
  // As `Fn` bundles a handler, from an entry that hands out the holiday functions.
  assets.set(
    'Holidays',
    bundleOne('Holidays', (stack) => {
      new NodejsFunction(stack, 'Holidays', {
        entry: ENTRY,
        runtime: Runtime.NODEJS_22_X,
        projectRoot: REPO_ROOT,
        depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
        bundling: BUNDLING,
      });
    }),
  );
  assets.set(
    'OpenTask',
    bundleOne('OpenTask', (stack) => {
      new Fn(stack, 'OpenTask', { handler: 'workflow/open-task', logRetention: RetentionDays.ONE_DAY });
    }),
  );
}, 120_000);

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

/** Runs `script` (ESM) in a Node process in the holidays bundle's folder, with nothing else around. */
async function runInBundle(script: string): Promise<unknown> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: assets.get('Holidays'),
    env: { PATH: process.env.PATH ?? '' },
  });
  return JSON.parse(stdout) as unknown;
}

/** Every date of `years`, YYYY-MM-DD. */
function datesOf(years: readonly number[]): string[] {
  const dates: string[] = [];
  for (let date = `${years[0]}-01-01`; date <= `${years.at(-1)}-12-31`; date = addDays(date, 1)) {
    dates.push(date);
  }
  return dates;
}

describe('the bundled Dutch holidays', () => {
  it('are the core’s own, unbundled, for 2026 to 2028: every holiday and every working day', async () => {
    // Prepare: the core, unbundled, in this process.
    const expected = {
      holidays: YEARS.map((year) => [...publicHolidays(year)].sort()),
      notWorking: datesOf(YEARS).filter((date) => !isWorkingDay(date)),
    };

    // Act: the same questions to the bundle.
    const actual = await runInBundle(`
      const { isWorkingDay, publicHolidays } = await import('./index.mjs');
      const dates = ${JSON.stringify(datesOf(YEARS))};
      process.stdout.write(JSON.stringify({
        holidays: ${JSON.stringify(YEARS)}.map((year) => [...publicHolidays(year)].sort()),
        notWorking: dates.filter((date) => !isWorkingDay(date)),
      }));
    `);

    // Assess
    expect(actual).toEqual(expected);
    for (const holidays of expected.holidays) expect(holidays.length).toBeGreaterThanOrEqual(8);
    expect(expected.holidays[1]).toContain('2027-04-27'); // King's Day
  });

  it('leave the unused calendars out: stubs instead, and moment-timezone’s zone data gone', () => {
    // Act
    const dir = assets.get('Holidays') as string;
    const bundle = readFileSync(join(dir, 'index.mjs'), 'utf8');

    // Assess
    expect(bundle).toContain(STUB_MESSAGE);
    expect(bundle).not.toContain('Africa/Abidjan');
    const bytes = statSync(join(dir, 'index.mjs')).size;
    expect(bytes, `the holidays bundle is ${(bytes / 1024).toFixed(1)} KB`).toBeLessThan(
      HOLIDAYS_LIMIT_BYTES,
    );
  });

  it('fail loudly, naming the module, for a rule or time zone that would need a stubbed calendar', async () => {
    // Prepare: rules of other countries' kinds, each needing one of the stubbed modules.
    const cases = [
      { module: 'astronomia', rule: 'march equinox' },
      { module: 'date-chinese', rule: 'chinese 01-0-01' },
      { module: 'jalaali-js', rule: '1 Farvardin' },
      { module: 'date-bengali-revised', rule: 'bengali-revised 1-1' },
      { module: 'moment-timezone', rule: '01-01', timezone: 'Europe/Amsterdam' },
    ];

    // Act: each asked of the bundled parser, as the core asks its own rules.
    const messages = (await runInBundle(`
      const { HolidaysParser } = await import('./index.mjs');
      const messages = [];
      for (const { rule, timezone } of ${JSON.stringify(cases)}) {
        try {
          const days = { [rule]: { name: rule, type: 'public' } };
          new HolidaysParser({ holidays: { NL: { days } } }, 'NL', { types: ['public'], timezone })
            .getHolidays(2027);
          messages.push('no error');
        } catch (error) {
          messages.push(error.message);
        }
      }
      process.stdout.write(JSON.stringify(messages));
    `)) as string[];

    // Assess
    for (const [i, { module }] of cases.entries()) {
      expect(messages[i]).toContain(STUB_MESSAGE);
      expect(messages[i]).toMatch(new RegExp(`^${module} `));
    }
  });

  it('stand in only for what date-holidays-parser and caldate import, in every deployed function', async () => {
    // Act: every deployed function as the bench bundles it (byte for byte what the stack deploys).
    const handlers = deployedHandlers();
    const importers = new Set<string>();
    for (const options of new Set(handlers.map((handler) => JSON.stringify(bundlingFor(handler))))) {
      const members = handlers.filter((handler) => JSON.stringify(bundlingFor(handler)) === options);
      const result = await build({
        ...esbuildOptionsFor(bundlingFor(members[0] as string)),
        entryPoints: members.map(handlerEntry),
        outdir: join(outdir, 'all'),
        outExtension: { '.js': '.mjs' },
        absWorkingDir: REPO_ROOT,
        write: false,
        metafile: true,
        logLevel: 'error',
      });
      for (const [input, { imports }] of Object.entries(result.metafile.inputs)) {
        for (const { original } of imports) {
          if (original !== undefined && Object.hasOwn(HOLIDAY_CALENDAR_STUBS, original)) {
            importers.add(relative(REPO_ROOT, join(REPO_ROOT, input)));
          }
        }
      }
    }

    // Assess: should another package ever import one of these modules, it would get a stub too.
    expect(importers.size).toBeGreaterThan(0);
    for (const importer of importers) {
      expect(importer).toMatch(/^node_modules\/(date-holidays-parser|caldate)\//);
    }
  }, 120_000);
});

describe('a deployed function that imports the core', () => {
  it('stays small: workflow/open-task, as the stack bundles it', () => {
    // Act
    const dir = assets.get('OpenTask') as string;
    const bundle = readFileSync(join(dir, 'index.mjs'), 'utf8');
    const bytes = statSync(join(dir, 'index.mjs')).size;

    // Assess
    expect(bundle).toContain(STUB_MESSAGE);
    expect(bytes, `workflow/open-task is ${(bytes / 1024).toFixed(1)} KB`).toBeLessThan(
      OPEN_TASK_LIMIT_BYTES,
    );
  });
});
