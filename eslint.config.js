import { readFileSync } from 'node:fs';
import { URL } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/**
 * The Lambda entry points: the keys of FUNCTION_ACCESS in infra/access.ts, which the synth holds
 * to exactly the deployed functions. Read from that file's text, since this config is plain
 * JavaScript; test/unit/lint/boundaries.test.ts holds the two lists equal.
 */
const accessSource = readFileSync(new URL('./infra/access.ts', import.meta.url), 'utf8');
const accessTable = accessSource.slice(accessSource.indexOf('export const FUNCTION_ACCESS'));
export const HANDLER_MODULES = [...accessTable.matchAll(/^\s*'([a-z-]+\/[a-z-]+)':/gm)]
  .map((m) => m[1])
  .sort();

/**
 * The layers of functions/, lowest first, and what each may not import: a layer uses only the
 * ones below it. shared (errors, i18n, HTTP plumbing) < core (the pure domain) < adapters and web
 * (the ports made real; pages rendered from the core) < usecases (functions of ports) < the
 * handlers' folders (api, workflow, events, retention), which parse, wire and answer.
 */
const ENTRY_FOLDERS = ['api', 'workflow', 'events', 'retention'];
const LAYER_FORBIDS = {
  shared: ['core', 'adapters', 'web', 'usecases', ...ENTRY_FOLDERS],
  core: ['adapters', 'web', 'usecases', ...ENTRY_FOLDERS],
  adapters: ['web', 'usecases', ...ENTRY_FOLDERS],
  web: ['adapters', 'usecases', ...ENTRY_FOLDERS],
  usecases: ['adapters', 'web', ...ENTRY_FOLDERS],
  api: ['workflow', 'events', 'retention'],
  workflow: ['api', 'events', 'retention'],
  events: ['api', 'workflow', 'retention'],
  retention: ['api', 'workflow', 'events'],
};

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `no-restricted-imports` for the files of one folder of functions/: its layer, and no handler module. */
function layerRule(folder, extraPatterns = []) {
  const forbidden = LAYER_FORBIDS[folder];
  // A handler module by alias (`#api/get-action.ts`), from a sibling folder, or from its own.
  const handlerSpecifiers = HANDLER_MODULES.flatMap((module) => {
    const [dir, name] = module.split('/');
    const forms = [`#${module}.ts`, `../${module}.ts`];
    if (dir === folder) forms.push(`./${name}.ts`);
    return forms;
  });
  return [
    'error',
    {
      patterns: [
        ...extraPatterns,
        {
          regex: `^(#|\\.\\./)(${forbidden.join('|')})/`,
          message: `functions/${folder}/ may not import from ${forbidden.map((f) => `${f}/`).join(', ')} (docs/design.md, "The layers").`,
        },
        {
          regex: `^(${handlerSpecifiers.map(escape).join('|')})$`,
          message:
            'A handler module is a Lambda entry point: import the use case (functions/usecases/) or the module it uses instead.',
        },
        {
          regex: '^#(local|infra)/',
          message: 'Deployed code never imports the local cloud or the CDK app.',
        },
      ],
    },
  ];
}

const AWS_IN_CORE = {
  group: ['@aws-sdk/*', '@middy/*', '@aws-lambda-powertools/*'],
  message: 'The domain core stays free of AWS and Lambda code.',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.local/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  ...Object.keys(LAYER_FORBIDS).map((folder) => ({
    files: [`functions/${folder}/**`],
    rules: { 'no-restricted-imports': layerRule(folder, folder === 'core' ? [AWS_IN_CORE] : []) },
  })),
  {
    files: ['test/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only', message: 'A focused test hides the rest of the suite.' },
        { object: 'describe', property: 'only', message: 'A focused test hides the rest of the suite.' },
        { object: 'test', property: 'only', message: 'A focused test hides the rest of the suite.' },
        { object: 'it', property: 'skip', message: 'Skipped tests rot; delete or fix.' },
        { object: 'describe', property: 'skip', message: 'Skipped tests rot; delete or fix.' },
      ],
    },
  },
  {
    files: ['local/cli.ts', 'local/demo.ts', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
);
