import './env.ts';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { WORKFLOW_SIGNALS } from '#core/failures.ts';
import { CalendarMovedError, TrajectoryPausedError } from '#core/pause.ts';
import { FollowUpsDoneError, ResumesAtError, TermContinuesError } from '#core/steps.ts';
import { FUNCTION_ACCESS } from '#infra/access.ts';
import * as monitoring from '#infra/constructs/monitoring.ts';
import { InvalidStepInputError, MailsHeldError, TransientError } from '#workflow/errors.ts';
import { WORKFLOW_FUNCTIONS } from '#workflow/registry.ts';
import { FUNCTION_DIMENSION, STEP_FAILED_METRIC, workflowHandler } from '#workflow/support.ts';

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

/** The EMF lines Powertools printed while `call` ran: one per metric published. */
async function metricLines(call: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const printed: string[] = [];
  // The tests turn metrics off (./env.ts); a step's failure metric is made when it is counted.
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    printed.push(String(chunk));
    return true;
  });
  try {
    await call();
  } catch {
    // The error goes back to the state machine; what matters here is what was counted.
  } finally {
    write.mockRestore();
    vi.unstubAllEnvs();
  }
  return printed
    .flatMap((text) => text.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const lambdaContext = { functionName: 'verbetertraject-prod-OpenTask', awsRequestId: 'r-1' } as Context;
const failing = (error: Error) =>
  workflowHandler(z.object({ trajectoryId: z.string() }), async () => {
    throw error;
  });

describe('a workflow step that ends in an error', () => {
  it.each([
    new FollowUpsDoneError(),
    new MailsHeldError('2026-03-16T08:00:00.000Z'),
    new TrajectoryPausedError(),
    new CalendarMovedError({ nextFollowUp: { number: 2 } }),
    new TermContinuesError({ waitUntil: '2026-03-16T08:00:00.000Z' } as never),
    new ResumesAtError({ waitUntil: '2026-03-16T08:00:00.000Z' } as never),
  ])('counts no failure for the signal $name, which the state machine routes on', async (signal) => {
    // Act
    const printed = await metricLines(() => failing(signal)({ trajectoryId: 't-1' }, lambdaContext));

    // Assess: the signal still goes back to the state machine by its name, and nothing is counted.
    await expect(failing(signal)({ trajectoryId: 't-1' }, lambdaContext)).rejects.toBe(signal);
    expect(printed).toEqual([]);
  });

  it.each([
    ['an unexpected error', new TypeError('Cannot read properties of undefined')],
    ['a transient one the state machine retries', new TransientError('SES did not answer')],
  ])('counts %s once, as a failure of its own function', async (_kind, error) => {
    // Act
    const printed = await metricLines(() => failing(error)({ trajectoryId: 't-1' }, lambdaContext));

    // Assess: the metric and dimensions the step's alarm watches (infra/constructs/monitoring.ts).
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatchObject({
      [STEP_FAILED_METRIC]: 1,
      service: 'verbetertraject',
      [FUNCTION_DIMENSION]: 'verbetertraject-prod-OpenTask',
      _aws: {
        CloudWatchMetrics: [
          {
            Namespace: 'Verbetertraject',
            Dimensions: [['service', FUNCTION_DIMENSION]],
            Metrics: [{ Name: STEP_FAILED_METRIC, Unit: 'Count' }],
          },
        ],
      },
    });
  });

  it('counts a payload the state machine should never send as a failure too', async () => {
    // Act
    const printed = await metricLines(() => failing(new Error('never run'))({}, lambdaContext));

    // Assess
    expect(printed.map((line) => line[STEP_FAILED_METRIC])).toEqual([1]);
  });
});

describe('the contract with the infrastructure and the definitions', () => {
  it('counts the metric, under the dimension, that the steps’ alarms watch', () => {
    expect(STEP_FAILED_METRIC).toBe(monitoring.STEP_FAILED_METRIC);
    expect(FUNCTION_DIMENSION).toBe(monitoring.STEP_FAILED_FUNCTION_DIMENSION);
  });

  it('treats as signals exactly the errors the definitions catch by name after invoking a step', () => {
    // Prepare: every error name a Catch of a Lambda Task names, other than Step Functions' own.
    const caught = new Set<string>();
    for (const file of ['trajectory', 'human-task']) {
      const path = fileURLToPath(new URL(`../../../statemachine/${file}.asl.json`, import.meta.url));
      const definition = JSON.parse(readFileSync(path, 'utf8')) as {
        States: Record<string, { Resource?: string; Catch?: { ErrorEquals: string[] }[] }>;
      };
      for (const state of Object.values(definition.States)) {
        // A `.waitForTaskToken` state's errors come from whoever answers its token, not the step.
        if (state.Resource !== 'arn:aws:states:::lambda:invoke') continue;
        for (const { ErrorEquals } of state.Catch ?? [])
          for (const name of ErrorEquals) if (!name.startsWith('States.')) caught.add(name);
      }
    }

    // Assess
    expect([...caught].sort()).toEqual([...WORKFLOW_SIGNALS].sort());
  });
});
