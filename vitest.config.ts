import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The tests in layers (docs/design.md, "Tests in layers"), each a project of its own:
 * `npm run test:unit` and the others run one, `npm test` runs them all. A test file belongs to
 * exactly one project: integration takes every file the other three do not, so a new file is
 * never left out of `npm test`.
 */
// Pure code only: the core, pages rendered as strings, the import rules. No emulator, no SDK
// call, so the layer answers in seconds. A test that needs dynalite or the local cloud belongs
// to integration (test/unit/actions, api and workflow hold handler tests against dynalite).
const UNIT = [
  'test/unit/core/**/*.test.ts',
  'test/unit/web/**/*.test.ts',
  'test/unit/lint/**/*.test.ts',
  'test/unit/docs/**/*.test.ts',
  'test/unit/api/env.test.ts',
  'test/unit/api/observability.test.ts',
];
// Whole trajectories on the local cloud through the public contract, and the bench's own checks.
const WORKFLOW = ['test/workflow/**/*.test.ts', 'test/bench/**/*.test.ts'];
// Real Chromium against the local cloud.
const BROWSER = ['test/browser/**/*.test.ts'];

export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      // Pure modules share one module graph: without isolation the layer imports the core and the
      // page renderers once per worker instead of once per file (about 11 s instead of 28 s on two
      // cores). A unit test must therefore leave no global state behind (it restores what it sets).
      { extends: true, test: { name: 'unit', include: UNIT, pool: 'threads', isolate: false } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...UNIT, ...WORKFLOW, ...BROWSER],
        },
      },
      { extends: true, test: { name: 'workflow', include: WORKFLOW } },
      { extends: true, test: { name: 'browser', include: BROWSER } },
    ],
  },
});
