/**
 * Every Lambda entry point loads without any configuration: a handler module declares its
 * adapters, and they read their variables and make their SDK clients on first use
 * (functions/adapters/aws-clients.ts `onFirstUse`). So a test or a tool imports a handler with no
 * dummy values, and a missing variable still fails with its name, at the first call.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FUNCTION_ACCESS } from '#infra/access.ts';
import { resetEnvCache } from '#shared/env.ts';

const CONFIGURATION = [
  'TABLE_NAME',
  'RETENTION_DAYS',
  'STATE_MACHINE_ARN',
  'TASK_STATE_MACHINE_ARN',
  'MAIL_FROM',
  'BASE_URL',
  'FILES_BUCKET',
  'EVENT_BUS_NAME',
];

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

describe('handler modules', () => {
  it.each(Object.keys(FUNCTION_ACCESS).sort())('%s imports with no configuration', async (handler) => {
    for (const name of CONFIGURATION) vi.stubEnv(name, undefined);
    resetEnvCache();

    const file = new URL(`../../../functions/${handler}.ts`, import.meta.url).href;
    const module = (await import(/* @vite-ignore */ file)) as { handler?: unknown };

    expect(typeof module.handler).toBe('function');
  });

  it('fails at the first call that needs a variable, naming it', async () => {
    for (const name of CONFIGURATION) vi.stubEnv(name, undefined);
    resetEnvCache();
    const { createRepositoryFromEnv } = await import('#adapters/dynamo-repository.ts');
    const repository = createRepositoryFromEnv();

    await expect(async () => repository.getTrajectory('t-1')).rejects.toThrow(/TABLE_NAME/);
  });
});
