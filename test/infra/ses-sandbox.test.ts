/**
 * `sesSandboxRecipients` in the synthesized template. While the account's SES is in its sandbox,
 * SES authorises a send against every recipient's identity as well as the sender's, so a trial
 * needs the verified recipients granted (README.md, "Deploy"). Each mail function, and only a mail
 * function, gets ses:SendEmail on exactly those identities, and only for mail from the sender;
 * without the value no function may send to any identity but the sender's. cdk-nag runs on both.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_ACCESS } from '#infra/access.ts';
import type { Fn } from '#infra/constructs/fn.ts';
import { createApp } from '#infra/create-app.ts';
import type { VerbetertrajectStack } from '#infra/stacks/verbetertraject-stack.ts';

type Json = Record<string, unknown>;
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Json;
}
interface Synthesized {
  stack: VerbetertrajectStack;
  resources: Record<string, { Type: string; Properties: Json }>;
  assemblyDir: string;
}

const RECIPIENTS = ['pieter.visser@example.nl', 'sanne.deboer@example.nl'];

const outdirs: string[] = [];
function synth(context: Json): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'verbetertraject-ses-sandbox-'));
  outdirs.push(outdir);
  const built = createApp({
    // The template is what counts here, not the code: no bundling (test/infra/stack.test.ts bundles).
    context: { mailFrom: 'hr@example.nl', 'aws:cdk:bundling-stacks': [], ...context },
    outdir,
    cloudFormationValidation: false,
  });
  // Throws with the full report when cdk-nag finds an unacknowledged error.
  const assemblyDir = built.app.synth().directory;
  const resources = Template.fromStack(built.stack).toJSON().Resources as Synthesized['resources'];
  return { stack: built.stack, resources, assemblyDir };
}

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

const functionsOf = ({ stack }: Synthesized): Fn[] => [
  ...stack.api.functions.values(),
  ...stack.workflow.functions.values(),
  stack.retention.purge,
  stack.executionWatch.handler,
];

/** Every statement of the policies attached to `fn`'s role. */
function statementsOf({ stack, resources }: Synthesized, fn: Fn): Statement[] {
  const role = stack.getLogicalId(fn.lambda.role?.node.defaultChild as CfnElement);
  return Object.values(resources)
    .filter((resource) => resource.Type === 'AWS::IAM::Policy')
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${role}"`))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

/** The statements that let `fn` send to an identity named as text in its ARN (not the sender's Ref). */
const recipientGrants = (synthesized: Synthesized, fn: Fn): Statement[] =>
  statementsOf(synthesized, fn).filter(
    (statement) =>
      asArray(statement.Action).includes('ses:SendEmail') &&
      /:identity\/[^"]+@/.test(JSON.stringify(statement.Resource)),
  );

function expectNagClean({ assemblyDir }: Synthesized): void {
  const report = JSON.parse(readFileSync(join(assemblyDir, 'validation-report.json'), 'utf8')) as {
    pluginReports: { pluginName: string; violations: { ruleName: string }[] }[];
  };
  for (const plugin of report.pluginReports) {
    expect(plugin.violations.map((v) => `${plugin.pluginName}: ${v.ruleName}`)).toEqual([]);
  }
}

let sandbox: Synthesized;
let production: Synthesized;

beforeAll(() => {
  sandbox = synth({ sesSandboxRecipients: RECIPIENTS.join(',') });
  production = synth({});
}, 180_000);

afterAll(() => {
  for (const outdir of outdirs) rmSync(outdir, { recursive: true, force: true });
});

describe('with sesSandboxRecipients', () => {
  it('lets every mail function send to exactly those identities, only as the sender, and no other function', () => {
    const mailFunctions = functionsOf(sandbox).filter((fn) => FUNCTION_ACCESS[fn.handler]?.mail);
    expect(mailFunctions.length).toBeGreaterThan(0);
    for (const fn of functionsOf(sandbox)) {
      const grants = recipientGrants(sandbox, fn);
      if (!FUNCTION_ACCESS[fn.handler]?.mail) {
        expect(grants, fn.handler).toEqual([]);
        continue;
      }
      expect(grants, fn.handler).toHaveLength(1);
      const [grant] = grants as [Statement];
      expect(grant.Effect).toBe('Allow');
      expect(asArray(grant.Action)).toEqual(['ses:SendEmail']);
      const identities = asArray(grant.Resource).map(
        (resource) => /:identity\/([^"]+)"/.exec(JSON.stringify(resource))?.[1],
      );
      expect(identities.sort(), fn.handler).toEqual(RECIPIENTS);
      expect(grant.Condition, fn.handler).toEqual({
        StringEquals: { 'ses:FromAddress': { Ref: 'MailFrom' } },
      });
    }
  });

  it('passes cdk-nag', () => {
    expectNagClean(sandbox);
  });
});

describe('without sesSandboxRecipients', () => {
  it('lets no function send to any identity but the sender’s', () => {
    for (const fn of functionsOf(production)) expect(recipientGrants(production, fn), fn.handler).toEqual([]);
  });

  it('passes cdk-nag', () => {
    expectNagClean(production);
  });
});
