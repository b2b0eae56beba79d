import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Fn as CfnFn, Stack } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constructIdFor } from '#infra/constructs/api.ts';
import { Fn } from '#infra/constructs/fn.ts';
import { nagReference } from '#infra/constructs/nag.ts';
import { placeholdersIn, Workflow } from '#infra/constructs/workflow.ts';

let outdir: string;
beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'verbetertraject-constructs-'));
});
afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

const newStack = () => new Stack(new App({ outdir }), 'Test');
const variablesOf = (fn: Fn) =>
  Stack.of(fn).resolve((fn.lambda.node.defaultChild as CfnFunction).environment) as {
    variables: Record<string, unknown>;
  };

describe('Fn', () => {
  it("merges the caller's environment and every bind into the defaults", () => {
    // Prepare
    const stack = newStack();

    // Act
    const fn = new Fn(stack, 'Fn', {
      handler: 'workflow/request-action',
      logRetention: RetentionDays.ONE_WEEK,
      environment: { FEATURE: 'on' },
    });
    fn.bindBaseUrl('https://pip.example.nl');
    fn.setEnvironment('EXTRA', 'yes');

    // Assess
    expect(variablesOf(fn).variables).toEqual({
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: 'verbetertraject',
      POWERTOOLS_METRICS_NAMESPACE: 'Verbetertraject',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      FEATURE: 'on',
      BASE_URL: 'https://pip.example.nl',
      EXTRA: 'yes',
    });
  });

  it('refuses to let a bind overwrite a variable with a different value', () => {
    // Prepare
    const fn = new Fn(newStack(), 'Fn', {
      handler: 'workflow/request-action',
      logRetention: RetentionDays.ONE_WEEK,
    });
    fn.bindBaseUrl('https://a.example.nl');

    // Act / Assess
    expect(() => fn.bindBaseUrl('https://a.example.nl')).not.toThrow();
    expect(() => fn.bindBaseUrl('https://b.example.nl')).toThrow(/BASE_URL is already set/);
  });

  it('names the missing module when a handler does not exist', () => {
    expect(
      () =>
        new Fn(newStack(), 'Fn', { handler: 'api/no-such-handler', logRetention: RetentionDays.ONE_WEEK }),
    ).toThrow('functions/api/no-such-handler.ts does not exist');
  });
});

describe('Workflow', () => {
  it('refuses a definition that refers to a function the registry does not have', () => {
    // Prepare
    const file = join(outdir, 'unknown.asl.json');
    writeFileSync(
      file,
      JSON.stringify({
        StartAt: 'A',
        States: { A: { Type: 'Task', Resource: '${NopeFunctionArn}', End: true } },
      }),
    );

    // Act / Assess
    expect(
      () =>
        new Workflow(newStack(), 'Workflow', {
          logRetention: RetentionDays.ONE_WEEK,
          registry: [],
          definitionFile: file,
        }),
    ).toThrow('${NopeFunctionArn}');
  });
});

describe('helpers', () => {
  it('finds the ${...} placeholders of a definition', () => {
    expect(placeholdersIn('{"a":"${OneArn}","b":"${Two_Arn}","c":"${OneArn}","d":"{% $x %}"}')).toEqual(
      new Set(['OneArn', 'Two_Arn']),
    );
  });

  it('spells tokens the way cdk-nag reports them', () => {
    // Prepare
    const stack = newStack();
    const arn = CfnFn.getAtt('MyTable', 'Arn').toString();

    // Act / Assess
    expect(nagReference(stack, `${arn}/index/*`)).toBe('<MyTable.Arn>/index/*');
    expect(nagReference(stack, CfnFn.ref('MyBucket'))).toBe('<MyBucket>');
    expect(nagReference(stack, '*')).toBe('*');
  });

  it('turns a handler module into a construct id', () => {
    expect(constructIdFor('api/create-trajectory')).toBe('ApiCreateTrajectory');
  });
});
