/**
 * The documentation a newcomer follows, held to the code it describes. Each check reads the files
 * and nothing else, so a doc that drifts fails here in a second, not weeks later in someone's
 * deployment:
 * - the README's "Routes" table lists exactly the routes of functions/api/routes.ts;
 * - docs/operations.md names every context value infra/config.ts reads, and every environment
 *   variable the functions read (functions/shared/env.ts and the few read beside it) or the stack
 *   sets, and no variable that nothing reads or sets any more;
 * - every repository path README.md and docs/*.md cite exists, and so does every file and heading
 *   their links point to;
 * - every state the workflow docs name is a state of the ASL in statemachine/.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Node } from 'constructs';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '#api/routes.ts';
import { readConfig } from '#infra/config.ts';
import { config, resetEnvCache } from '#shared/env.ts';
import { LOCALES } from '#shared/i18n/locale.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

/** README.md and every page of docs/, by their paths from the repository's root. */
const DOCUMENTS = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** The text under the level-2 heading `title`, up to the next level-2 heading. */
function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`No section "${title}"`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

/** The code spans of a text (a span may run over a line break, as prettier wraps them), spaces collapsed. */
const codeSpans = (markdown: string): string[] =>
  [...markdown.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`\n]+(?:\n[^`\n]+)*)`/g)].map((found) =>
    found[1]!.replace(/\s+/g, ' ').trim(),
  );

/** What the docs leave out of the code's list, and what they list that the code does not have. */
function difference(documented: Iterable<string>, declared: Iterable<string>) {
  const doc = new Set(documented);
  const code = new Set(declared);
  return {
    undocumented: [...code].filter((name) => !doc.has(name)).sort(),
    notInTheCode: [...doc].filter((name) => !code.has(name)).sort(),
  };
}

/** Every `.ts` file under `folder`, by its path from the root. */
function typeScriptFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(folder, name));
}

describe('README, "Routes"', () => {
  it('lists every route of functions/api/routes.ts, each once, and no route it does not declare', () => {
    // Prepare
    const rows = [
      ...section(read('README.md'), 'Routes').matchAll(/^\|\s*`([A-Z]+)`\s*\|\s*`([^`]+)`\s*\|/gm),
    ].map((row) => `${row[1]} ${row[2]}`);
    const declared = ROUTES.map((route) => `${route.method} ${route.path}`);

    // Assess
    expect(rows.length, 'a route listed twice').toBe(new Set(rows).size);
    expect(difference(rows, declared)).toEqual({ undocumented: [], notInTheCode: [] });
  });
});

describe('docs/operations.md', () => {
  const operations = read('docs/operations.md');
  const named = new Set(codeSpans(operations));

  it('names every context value infra/config.ts reads', () => {
    // Prepare: the keys readConfig asks the CDK app for, as it asks them.
    const keys = new Set<string>();
    const app = { tryGetContext: (key: string) => void keys.add(key) } as unknown as Node;
    readConfig(app);

    // Assess
    expect(keys.size, 'readConfig reads its context through tryGetContext').toBeGreaterThan(10);
    expect([...keys].filter((key) => !named.has(key))).toEqual([]);
  });

  /** Every variable `config` of functions/shared/env.ts reads, found by reading all of it in an empty environment. */
  function variablesOfConfig(): Set<string> {
    const names = new Set<string>();
    const environment = process.env;
    process.env = new Proxy({} as NodeJS.ProcessEnv, {
      get: (_target, name) => {
        if (typeof name === 'string') names.add(name);
        return undefined;
      },
    });
    resetEnvCache();
    try {
      for (const [name, property] of Object.entries(Object.getOwnPropertyDescriptors(config))) {
        const reads: (() => unknown)[] = property.get
          ? [() => property.get!.call(config)]
          : LOCALES.map(
              (locale) => () => (config[name as keyof typeof config] as (l: string) => unknown)(locale),
            );
        for (const readIt of reads) {
          try {
            readIt();
          } catch {
            // A required variable is missing here by design: what matters is that it was read.
          }
        }
      }
    } finally {
      process.env = environment;
      resetEnvCache();
    }
    return names;
  }

  /** Variables read beside env.ts (`requireEnv('…')`, `process.env.…`) and set by the stack (`setEnvironment('…'`). */
  function variablesInSource(): Set<string> {
    const patterns = [
      /\b(?:requireEnv|optionalEnv|validated)\(\s*'([A-Z][A-Z0-9_]*)'/g,
      /\bprocess\.env\.([A-Z][A-Z0-9_]*)/g,
      /\bprocess\.env\[\s*'([A-Z][A-Z0-9_]*)'\s*\]/g,
      /\bsetEnvironment\(\s*'([A-Z][A-Z0-9_]*)'/g,
    ];
    const names = new Set<string>();
    for (const file of [...typeScriptFiles('functions'), ...typeScriptFiles('infra')]) {
      const text = read(file);
      for (const pattern of patterns) for (const found of text.matchAll(pattern)) names.add(found[1]!);
    }
    return names;
  }

  it('names every environment variable the functions read or the stack sets', () => {
    // Prepare
    const fromConfig = variablesOfConfig();
    const fromSource = variablesInSource();

    // Assess: enough found to mean something, and each one named.
    expect(fromConfig.has('TABLE_NAME') && fromConfig.has('CONSEQUENCE_STATEMENT_EN')).toBe(true);
    expect(fromSource.has('AUTH_ISSUER') && fromSource.has('NODE_OPTIONS')).toBe(true);
    expect([...new Set([...fromConfig, ...fromSource])].filter((name) => !named.has(name)).sort()).toEqual(
      [],
    );
  });

  it('names no environment variable that nothing reads or sets any more', () => {
    // Prepare: the variables of the table in "Environment variables", and all the code that could use them.
    const table = section(operations, 'Environment variables')
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .flatMap((line) => codeSpans(line.split('|')[1]!));
    const code = ['functions', 'infra', 'local']
      .flatMap((folder) => typeScriptFiles(folder))
      .map((file) => read(file))
      .join('\n');

    // Assess
    expect(table.length).toBeGreaterThan(20);
    expect(table.filter((name) => !new RegExp(`\\b${name}\\b`).test(code))).toEqual([]);
  });
});

describe('paths and links in README.md and docs/', () => {
  // A repository path as prose and code spans cite it: a top-level folder of the project, then a path.
  const TOP = ['functions', 'infra', 'test', 'docs', 'scripts', 'statemachine', 'local', 'bench', 'examples'];
  const CITED = new RegExp(`(?<![\\w./-])((?:${TOP.join('|')})/[\\w./-]*)`, 'g');

  it('cite only files and folders that exist', () => {
    const missing: string[] = [];
    for (const document of DOCUMENTS) {
      for (const found of read(document).matchAll(CITED)) {
        const path = found[1]!.replace(/[.,;:)]+$/, '');
        if (!existsSync(join(ROOT, path))) missing.push(`${document}: ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  /** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
  const anchor = (heading: string): string =>
    heading
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
  const anchorsOf = (path: string): Set<string> =>
    new Set(
      read(path)
        .replace(/```[\s\S]*?```/g, '')
        .split('\n')
        .filter((line) => /^#{1,6} /.test(line))
        .map((line) => anchor(line.replace(/^#+ /, ''))),
    );

  it('link to files that exist, and to headings those files have', () => {
    const broken: string[] = [];
    for (const document of DOCUMENTS) {
      for (const [, target] of read(document).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        const [path, fragment] = target!.split('#');
        const linked = path ? relative(ROOT, normalize(join(ROOT, dirname(document), path))) : document;
        if (!existsSync(join(ROOT, linked))) broken.push(`${document}: ${target}`);
        else if (fragment && statSync(join(ROOT, linked)).isFile() && linked.endsWith('.md')) {
          if (!anchorsOf(linked).has(fragment)) broken.push(`${document}: ${target}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('state names in the workflow docs', () => {
  /** Every state of both state machines, nested ones included. */
  function statesOf(definition: { States: Record<string, unknown> }): string[] {
    return Object.entries(definition.States).flatMap(([name, state]) => {
      const {
        Branches = [],
        ItemProcessor,
        Iterator,
      } = state as {
        Branches?: { States: Record<string, unknown> }[];
        ItemProcessor?: { States: Record<string, unknown> };
        Iterator?: { States: Record<string, unknown> };
      };
      return [
        name,
        ...[...Branches, ItemProcessor, Iterator].flatMap((inner) => (inner ? statesOf(inner) : [])),
      ];
    });
  }
  const STATES = readdirSync(join(ROOT, 'statemachine'))
    .filter((name) => name.endsWith('.asl.json'))
    .flatMap((name) => statesOf(JSON.parse(read(`statemachine/${name}`))));

  /**
   * A code span that reads as a state's name: two words or more, the first capitalised, none of the
   * marks of a path, a key, an address or an expression. `<task>` and `…` stand for any words; a
   * note in brackets after the name (`Record the answer (identify-1)`) is not part of it.
   */
  function citedStates(markdown: string): string[] {
    return codeSpans(markdown)
      .map((span) => span.replace(/ \([^)]*\)$/, ''))
      .filter((span) => /^[A-Z][a-z]*( \S+)+$/.test(span) && !/[@#=:/{}$.]/.test(span));
  }
  const matches = (cited: string) => {
    const pattern = cited
      .split(/(<[^>]+>|…)/)
      .map((part, index) => (index % 2 ? '.+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    return STATES.some((state) => new RegExp(`^${pattern}$`).test(state));
  };

  it.each(['docs/workflow.md', 'docs/design.md', 'docs/operations.md'])(
    '%s names only states the ASL has',
    (path) => {
      const cited = citedStates(read(path));
      if (path === 'docs/workflow.md') expect(cited.length).toBeGreaterThan(15);
      expect([...new Set(cited)].filter((name) => !matches(name))).toEqual([]);
    },
  );
});
