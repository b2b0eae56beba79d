/**
 * The import boundaries of functions/ (eslint.config.js, docs/design.md "The layers"): the rule
 * fires on each kind of crossing the layers forbid, stays quiet on the imports the layers allow,
 * and knows every deployed handler module.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_ACCESS } from '#infra/access.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// The config is plain JavaScript without types; its list of handler modules is all this needs.
const CONFIG = new URL('../../../eslint.config.js', import.meta.url).href;
const { HANDLER_MODULES } = (await import(CONFIG)) as { HANDLER_MODULES: string[] };

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The messages of the import rule for `code` as if it were the file `path`. */
async function importErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${path}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the import boundaries of functions/', () => {
  it('knows exactly the handler modules the stack deploys', () => {
    expect(HANDLER_MODULES).toEqual(Object.keys(FUNCTION_ACCESS).sort());
  });

  it.each([
    [
      'a handler importing a handler',
      'functions/api/fixture.ts',
      "import { handler } from './get-action.ts';",
    ],
    [
      'a handler importing a handler by alias',
      'functions/api/fixture.ts',
      "import { handler } from '#api/get-action.ts';",
    ],
    [
      'a workflow step importing an API handler',
      'functions/workflow/fixture.ts',
      "import { handler } from '#api/files.ts';",
    ],
    [
      'api/ importing workflow/',
      'functions/api/fixture.ts',
      "import { sendOnce } from '#workflow/support.ts';",
    ],
    [
      'shared/ importing core/',
      'functions/shared/fixture.ts',
      "import type { Trajectory } from '#core/model.ts';",
    ],
    [
      'core/ importing an adapter',
      'functions/core/fixture.ts',
      "import { clock } from '#adapters/clock.ts';",
    ],
    [
      'core/ importing the AWS SDK',
      'functions/core/fixture.ts',
      "import { SFNClient } from '@aws-sdk/client-sfn';",
    ],
    [
      'a use case importing an adapter',
      'functions/usecases/fixture.ts',
      "import { clock } from '#adapters/clock.ts';",
    ],
    [
      'a page importing a use case',
      'functions/web/fixture.ts',
      "import { getAction } from '#usecases/action-link.ts';",
    ],
    [
      'deployed code importing the local cloud',
      'functions/adapters/fixture.ts',
      "import { x } from '#local/clock.ts';",
    ],
  ])('refuses %s', async (_name, path, code) => {
    expect(await importErrors(path, `${code}\nexport {};\n`)).not.toEqual([]);
  });

  it.each([
    [
      'a handler importing a use case',
      'functions/api/fixture.ts',
      "import { cancelTrajectory } from '#usecases/cancel-trajectory.ts';",
    ],
    [
      'a handler importing a helper of its folder',
      'functions/api/fixture.ts',
      "import { formToBody } from './action-http.ts';",
    ],
    [
      'a workflow step importing its support',
      'functions/workflow/fixture.ts',
      "import { workflowHandler } from './support.ts';",
    ],
    [
      'a use case importing the core',
      'functions/usecases/fixture.ts',
      "import { isClosed } from '#core/trajectory.ts';",
    ],
    [
      'the core importing shared/',
      'functions/core/fixture.ts',
      "import { translator } from '#shared/i18n/catalogue.ts';",
    ],
  ])('allows %s', async (_name, path, code) => {
    expect(await importErrors(path, `${code}\nexport {};\n`)).toEqual([]);
  });
});
