import './env.ts';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FUNCTION_ACCESS } from '#infra/access.ts';
import { InvalidStepInputError } from '#workflow/errors.ts';
import { WORKFLOW_FUNCTIONS } from '#workflow/registry.ts';

describe('workflow handlers', () => {
  it('exist for every registry entry, each with an access declaration', async () => {
    for (const entry of WORKFLOW_FUNCTIONS) {
      // Act
      const url = new URL(`../../../functions/${entry.handler}.ts`, import.meta.url);
      const module = (await import(/* @vite-ignore */ pathToFileURL(url.pathname).href)) as {
        handler?: unknown;
      };

      // Assess
      expect(typeof module.handler, entry.handler).toBe('function');
      expect(FUNCTION_ACCESS[entry.handler], entry.handler).toBeDefined();
    }
  });

  it('refuse a payload the state machine should never send, without echoing its values', async () => {
    // Prepare
    const { handler } = await import('#workflow/request-action.ts');
    const secret = 'AQB4-super-secret-task-token';

    // Act
    const call = handler({ trajectoryId: 't', taskToken: secret });

    // Assess
    await expect(call).rejects.toBeInstanceOf(InvalidStepInputError);
    await expect(call).rejects.toThrow(/taskId/);
    await expect(call).rejects.not.toThrow(new RegExp(secret));
  });
});
