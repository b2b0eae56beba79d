import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readConfig } from './config.ts';
import { VerbetertrajectStack } from './stacks/verbetertraject-stack.ts';

const CDK_JSON = fileURLToPath(new URL('../cdk.json', import.meta.url));

export interface CreateAppOptions {
  /** Context on top of cdk.json's (what `-c key=value` does on the command line). */
  readonly context?: Readonly<Record<string, unknown>>;
  /** Where the cloud assembly goes. @default CDK's choice (cdk.out under the CLI, a temp dir otherwise) */
  readonly outdir?: string;
  /**
   * CDK's built-in validation of the template against CloudFormation's own rules. `cdk synth`
   * (and so CI) always runs it; it takes several seconds, so the infra tests, which check
   * cdk-nag and the template themselves, may leave it out. @default true
   */
  readonly cloudFormationValidation?: boolean;
}

/**
 * The CDK app, built one way for `cdk synth`/`cdk deploy` (infra/app.ts) and for the tests, so
 * what the tests check is what gets deployed: same feature flags, same cdk-nag checks.
 */
export function createApp(options: CreateAppOptions = {}): { app: App; stack: VerbetertrajectStack } {
  // Under the CLI the context of cdk.json arrives anyway (and the CLI's values win); outside
  // it, e.g. in vitest, this is what brings in the feature flags.
  const cdkJson = JSON.parse(readFileSync(CDK_JSON, 'utf8')) as { context?: Record<string, unknown> };
  const app = new App({
    context: { ...cdkJson.context, ...options.context },
    ...(options.outdir ? { outdir: options.outdir } : {}),
    builtinCloudFormationValidation: options.cloudFormationValidation ?? true,
  });

  const config = readConfig(app.node);
  // No `env`: the stack is environment-agnostic, so it synthesizes without credentials and
  // deploys to whatever account and region the deploying profile points at.
  const stack = new VerbetertrajectStack(app, config.stackName, {
    config,
    description: `Verbetertraject (${config.stage}): improvement trajectories and their dossiers`,
  });
  Tags.of(app).add('project', 'verbetertraject');
  Tags.of(app).add('stage', config.stage);

  // Synth fails on any unacknowledged AwsSolutions error; the tests also hold warnings to zero.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
}
