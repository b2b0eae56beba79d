/**
 * Targeted assertions on the synthesized template (no snapshot): the table, the routes, the
 * functions, the state machines' substitutions, least privilege, and cdk-nag. The app is
 * synthesized once, through the same createApp() that infra/app.ts uses.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import aslValidator from 'asl-validator';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '#api/routes.ts';
import { TABLE } from '#adapters/table-schema.ts';
import { WORKFLOW_FUNCTIONS } from '#workflow/registry.ts';
import { FUNCTION_ACCESS } from '#infra/access.ts';
import { timeoutSecondsFor } from '#infra/function-timeouts.ts';
import { USER_GROUPS } from '#infra/constructs/auth.ts';
import type { Fn } from '#infra/constructs/fn.ts';
import {
  DEFINITION_FILE,
  placeholdersIn,
  SYNC_EXECUTION_RULE,
  TASK_DEFINITION_FILE,
  TASK_STATE_MACHINE_SUBSTITUTION,
} from '#infra/constructs/workflow.ts';
import { createApp } from '#infra/create-app.ts';
import type { VerbetertrajectStack } from '#infra/stacks/verbetertraject-stack.ts';

const run = promisify(execFile);

type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties: Json;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

const MAIL_FROM = 'hr@example.nl';
/** Actions that support no resource-level permissions, so `Resource: "*"` is their only form. */
const NO_RESOURCE_LEVEL_ACTIONS = new Set([
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
  // Granted with a stream event source (the dossier purge): it lists a table's streams.
  'dynamodb:ListStreams',
]);
const TABLE_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];

let outdir: string;
let stack: VerbetertrajectStack;
let template: Template;
let resources: Record<string, Resource>;
let assemblyDir: string;

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const ofType = (type: string): [string, Resource][] =>
  Object.entries(resources).filter(([, resource]) => resource.Type === type);
const idOf = (construct: IConstruct): string => stack.getLogicalId(construct.node.defaultChild as CfnElement);
const logicalId = (fn: Fn): string => idOf(fn.lambda);
const getAtt = (id: string, attribute = 'Arn') => ({ 'Fn::GetAtt': [id, attribute] });
const allFunctions = (): Fn[] => [
  ...stack.api.functions.values(),
  ...stack.workflow.functions.values(),
  stack.retention.purge,
  stack.executionWatch.handler,
  stack.lifecycleEvents.publisher,
];
/** Every logical id a policy resource mentions (Ref / GetAtt), at any depth. */
function referencedIds(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) referencedIds(item, into);
  else if (value && typeof value === 'object') {
    const node = value as Json;
    if (typeof node.Ref === 'string' && !node.Ref.startsWith('AWS::')) into.add(node.Ref);
    const att = node['Fn::GetAtt'];
    if (Array.isArray(att)) into.add(String(att[0]));
    for (const child of Object.values(node)) referencedIds(child, into);
  }
  return into;
}
/** The statements of the policies attached to the role a function runs as. */
function statementsOf(fn: Fn): Statement[] {
  const role = (resources[logicalId(fn)]?.Properties.Role as { 'Fn::GetAtt': [string, string] })[
    'Fn::GetAtt'
  ][0];
  return ofType('AWS::IAM::Policy')
    .filter(([, policy]) => referencedIds(policy.Properties.Roles).has(role))
    .flatMap(([, policy]) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'verbetertraject-cdk-'));
  // CloudFormation's own template rules are left to `npm run synth`: they cost several
  // seconds here and are not what these tests are about.
  const built = createApp({
    context: {
      mailFrom: MAIL_FROM,
      employerName: 'Gemeente Voorbeeld',
      hrContact: 'HR-servicepunt',
      copyLinkDays: 14,
    },
    outdir,
    cloudFormationValidation: false,
  });
  stack = built.stack;
  // Throws with the full report when cdk-nag finds an unacknowledged error.
  assemblyDir = built.app.synth().directory;
  // Also refuses a template with a dependency cycle, which CloudFormation would only reject at
  // deploy time (e.g. a workflow function granted on the state machine resource that invokes it).
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, Resource>;
  // Bundling every function with esbuild is the slow part (about a minute on two busy cores).
}, 240_000);

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

describe('the table', () => {
  it('has the keys and indexes of functions/adapters/table-schema.ts, on demand, with TTL on expiresAt', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey.name, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      GlobalSecondaryIndexes: TABLE.globalSecondaryIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: index.projectionType },
      })),
    });
  });

  it('is recoverable, protected and retained, and so is its key', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      }),
    });
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain' });
  });

  it('is encrypted with a customer-managed key that rotates', () => {
    const [[keyId, key]] = ofType('AWS::KMS::Key') as [[string, Resource]];
    expect(key.Properties.EnableKeyRotation).toBe(true);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: getAtt(keyId) },
    });
  });
});

describe('the HTTP API', () => {
  it('has exactly the routes of ROUTES, each with the authorizer its `auth` names', () => {
    const [[authorizerId]] = ofType('AWS::ApiGatewayV2::Authorizer') as [[string, Resource]];
    template.resourceCountIs('AWS::ApiGatewayV2::Route', ROUTES.length);
    for (const route of ROUTES) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: `${route.method} ${route.path}`,
        ...(route.auth === 'jwt'
          ? { AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } }
          : { AuthorizationType: 'NONE', AuthorizerId: Match.absent() }),
      });
    }
  });

  it('sends each route to the function of its handler module, one function per module', () => {
    expect([...stack.api.functions.keys()].sort()).toEqual([...new Set(ROUTES.map((r) => r.handler))].sort());
    const integrations = Object.fromEntries(ofType('AWS::ApiGatewayV2::Integration'));
    for (const route of ROUTES) {
      const [, routeResource] = ofType('AWS::ApiGatewayV2::Route').find(
        ([, r]) => r.Properties.RouteKey === `${route.method} ${route.path}`,
      ) as [string, Resource];
      const [integrationId] = [...referencedIds(routeResource.Properties.Target)];
      const integration = integrations[integrationId as string] as Resource;
      expect(integration.Properties.IntegrationUri).toEqual(
        getAtt(logicalId(stack.api.functions.get(route.handler) as Fn)),
      );
    }
  });

  it('verifies JWTs of the Cognito user pool, whose groups are hr and manager', () => {
    const [[poolId]] = ofType('AWS::Cognito::UserPool') as [[string, Resource]];
    const [[clientId]] = ofType('AWS::Cognito::UserPoolClient') as [[string, Resource]];
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: clientId }],
        Issuer: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([{ Ref: poolId }])] }),
      },
    });
    expect(USER_GROUPS).toEqual(['hr', 'manager']);
    for (const group of USER_GROUPS) {
      template.hasResourceProperties('AWS::Cognito::UserPoolGroup', {
        GroupName: group,
        UserPoolId: { Ref: poolId },
      });
    }
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
  });

  it('logs access to a log group with retention and throttles the stage', () => {
    const [[stageId, stage]] = ofType('AWS::ApiGatewayV2::Stage') as [[string, Resource]];
    expect(stageId).toBeDefined();
    expect(stage.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: expect.any(Number),
        ThrottlingBurstLimit: expect.any(Number),
      },
    });
    const settings = stage.Properties.AccessLogSettings as { DestinationArn: unknown; Format: string };
    const [logGroupId] = [...referencedIds(settings.DestinationArn)];
    expect(resources[logGroupId as string]?.Properties.RetentionInDays).toBe(90);
    // The path of an action link holds its secret: the log has the route key instead.
    expect(settings.Format).not.toContain('$context.path');
    expect(JSON.parse(settings.Format)).toMatchObject({ requestId: '$context.requestId' });
  });
});

describe('the functions', () => {
  it('all run nodejs22.x on arm64 with active tracing and a log group of their own with retention', () => {
    const functions = ofType('AWS::Lambda::Function');
    expect(functions).toHaveLength(allFunctions().length);
    for (const [, fn] of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
      });
      const logGroup = (fn.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      expect(resources[logGroup]).toMatchObject({
        Type: 'AWS::Logs::LogGroup',
        Properties: { RetentionInDays: 90 },
      });
      expect((fn.Properties.Environment as { Variables: Json }).Variables).toMatchObject({
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'verbetertraject',
        POWERTOOLS_LOG_LEVEL: 'INFO',
      });
    }
  });

  it('each have the timeout infra/function-timeouts.ts gives its handler, the one the local cloud enforces', () => {
    for (const fn of allFunctions()) {
      expect(resources[logicalId(fn)]?.Properties.Timeout).toBe(timeoutSecondsFor(fn.handler));
    }
    expect(timeoutSecondsFor('workflow/chase')).toBe(30);
    expect(timeoutSecondsFor('api/get-trajectory')).toBe(10);
  });

  it('run as roles of their own without AWS managed policies', () => {
    for (const [, role] of ofType('AWS::IAM::Role'))
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const roles = new Set(
      allFunctions().map((fn) => JSON.stringify(resources[logicalId(fn)]?.Properties.Role)),
    );
    expect(roles.size).toBe(allFunctions().length);
  });

  it('are real ESM bundles that load with exactly the environment the stack gives them', async () => {
    // Loading each bundle in a fresh Node proves esbuild resolved the `#core/*`-style imports
    // and the `.ts` specifiers, that the createRequire banner works, and that every variable a
    // handler reads at cold start is one the stack sets.
    const dummies: Record<string, string> = {
      TABLE_NAME: 'verbetertraject-table',
      STATE_MACHINE_ARN: 'arn:aws:states:eu-west-1:123456789012:stateMachine:verbetertraject-dev-trajectory',
      TASK_STATE_MACHINE_ARN:
        'arn:aws:states:eu-west-1:123456789012:stateMachine:verbetertraject-dev-human-task',
      MAIL_FROM: MAIL_FROM,
      BASE_URL: 'https://pip.example.nl',
      EVENT_BUS_NAME: 'verbetertraject-events',
    };
    await Promise.all(
      allFunctions().map(async (fn) => {
        const properties = resources[logicalId(fn)]?.Properties as Json;
        const key = (properties.Code as { S3Key: string }).S3Key.replace(/\.zip$/, '');
        const bundle = join(assemblyDir, `asset.${key}`, 'index.mjs');
        const code = readFileSync(bundle, 'utf8');
        expect(code.startsWith('import { createRequire')).toBe(true);
        expect(existsSync(`${bundle}.map`)).toBe(true);
        const variables = (properties.Environment as { Variables: Json }).Variables;
        const env: Record<string, string> = {
          PATH: process.env.PATH ?? '',
          AWS_REGION: 'eu-west-1',
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1',
        };
        for (const [name, value] of Object.entries(variables)) {
          env[name] = typeof value === 'string' ? value : (dummies[name] ?? `dummy-${name}`);
        }
        env.POWERTOOLS_LOG_LEVEL = 'SILENT';
        const { stdout } = await run(
          process.execPath,
          [
            '--input-type=module',
            '-e',
            `const m = await import(${JSON.stringify(bundle)}); console.log(typeof m.handler);`,
          ],
          { env, cwd: outdir },
        );
        expect(stdout.trim(), fn.handler).toBe('function');
      }),
    );
  });
});

describe('the state machines', () => {
  const files = () =>
    [
      { machine: stack.workflow.stateMachine, file: DEFINITION_FILE },
      { machine: stack.workflow.taskStateMachine, file: TASK_DEFINITION_FILE },
    ] as const;
  const machineResource = (construct: IConstruct) => resources[idOf(construct)] as Resource;

  it('are two, each deployed from its own file under statemachine/', () => {
    expect(ofType('AWS::StepFunctions::StateMachine')).toHaveLength(2);
    for (const { machine, file } of files()) {
      const key = (machineResource(machine).Properties.DefinitionS3Location as { Key: string }).Key;
      expect(readFileSync(join(assemblyDir, `asset.${key}`), 'utf8')).toBe(readFileSync(file, 'utf8'));
    }
  });

  it('have every ${...} placeholder substituted: functions by their ARN, the human task by its own', () => {
    for (const { machine, file } of files()) {
      const substitutions = machineResource(machine).Properties.DefinitionSubstitutions as Record<
        string,
        unknown
      >;
      const placeholders = placeholdersIn(readFileSync(file, 'utf8'));
      expect(placeholders.size).toBeGreaterThan(0);
      expect(Object.keys(substitutions).sort()).toEqual([...placeholders].sort());
      for (const name of placeholders) {
        if (name === TASK_STATE_MACHINE_SUBSTITUTION) {
          expect(machine).toBe(stack.workflow.stateMachine);
          expect(substitutions[name]).toEqual({ Ref: idOf(stack.workflow.taskStateMachine) });
          continue;
        }
        const entry = WORKFLOW_FUNCTIONS.find((f) => f.substitution === name);
        expect(entry, `registry entry for \${${name}}`).toBeDefined();
        const fn = stack.workflow.functions.get(entry?.name ?? '') as Fn;
        expect(substitutions[name]).toEqual(getAtt(logicalId(fn)));
        expect(resources[logicalId(fn)]?.Type).toBe('AWS::Lambda::Function');
      }
    }
    // The trajectory starts human tasks; every registry function is invoked by one of the two.
    expect(placeholdersIn(readFileSync(DEFINITION_FILE, 'utf8')).has(TASK_STATE_MACHINE_SUBSTITUTION)).toBe(
      true,
    );
    const used = new Set(files().flatMap(({ file }) => [...placeholdersIn(readFileSync(file, 'utf8'))]));
    for (const entry of WORKFLOW_FUNCTIONS) expect(used.has(entry.substitution), entry.name).toBe(true);
  });

  it('log everything except execution data, to log groups with retention, and are traced', () => {
    for (const { machine } of files()) {
      const properties = machineResource(machine).Properties;
      expect(properties).toMatchObject({
        StateMachineType: 'STANDARD',
        LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false },
        TracingConfiguration: { Enabled: true },
      });
      const [logGroup] = [...referencedIds(properties.LoggingConfiguration)];
      expect(resources[logGroup as string]?.Properties.RetentionInDays).toBe(90);
    }
  });

  it('are valid JSONata definitions to asl-validator', () => {
    for (const { file } of files()) {
      const definition = JSON.parse(readFileSync(file, 'utf8')) as Json;
      const result = aslValidator(structuredClone(definition), { checkArn: true, checkPaths: true });
      expect(result.errors, file).toEqual([]);
      expect(result.isValid).toBe(true);
      expect(definition.QueryLanguage).toBe('JSONata');
    }
  });

  it('give every human task a timeout and retry every Lambda Task on transient Lambda errors', () => {
    const transient = [
      'Lambda.ServiceException',
      'Lambda.AWSLambdaException',
      'Lambda.SdkClientException',
      'Lambda.TooManyRequestsException',
    ];
    const tasks: Json[] = [];
    const collect = (states: Record<string, Json>) => {
      for (const state of Object.values(states)) {
        if (state.Type === 'Task') tasks.push(state);
        for (const branch of [
          ...((state.Branches as Json[]) ?? []),
          state.ItemProcessor as Json,
          state.Iterator as Json,
        ]) {
          if (branch?.States) collect(branch.States as Record<string, Json>);
        }
      }
    };
    for (const { file } of files()) {
      collect((JSON.parse(readFileSync(file, 'utf8')) as { States: Record<string, Json> }).States);
    }
    const lambdaTasks = tasks.filter((task) => String(task.Resource).startsWith('arn:aws:states:::lambda:'));
    expect(lambdaTasks.length).toBeGreaterThan(0);
    for (const task of lambdaTasks) {
      const retried = ((task.Retry as { ErrorEquals: string[] }[]) ?? []).flatMap((r) => r.ErrorEquals);
      expect(retried).toEqual(expect.arrayContaining(transient));
      if (String(task.Resource).endsWith('.waitForTaskToken')) expect(task.TimeoutSeconds).toBeDefined();
    }
  });
});

describe('IAM', () => {
  const roleStatements = (machine: IConstruct): Statement[] => {
    const roleId = String(
      ((resources[idOf(machine)]?.Properties.RoleArn as { 'Fn::GetAtt': string[] })['Fn::GetAtt'] ?? [])[0],
    );
    return ofType('AWS::IAM::Policy')
      .filter(([, p]) => referencedIds(p.Properties.Roles).has(roleId))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  };
  /** Each action with the resources it is allowed on, for actions matching `prefix`. */
  const grantsOf = (statements: Statement[], prefix: RegExp): Record<string, unknown[]> => {
    const grants: Record<string, unknown[]> = {};
    for (const statement of statements) {
      expect(statement.Effect).toBe('Allow');
      for (const action of asArray(statement.Action).filter((a) => prefix.test(a))) {
        grants[action] = [...(grants[action] ?? []), ...asArray(statement.Resource)];
      }
    }
    return grants;
  };
  const arnOf = (service: string, resource: string) => ({
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        `:${service}:`,
        { Ref: 'AWS::Region' },
        ':',
        { Ref: 'AWS::AccountId' },
        `:${resource}`,
      ],
    ],
  });

  it('lets each state machine invoke exactly the workflow functions its own definition uses', () => {
    for (const [machine, file] of [
      [stack.workflow.stateMachine, DEFINITION_FILE],
      [stack.workflow.taskStateMachine, TASK_DEFINITION_FILE],
    ] as const) {
      const invoke = grantsOf(roleStatements(machine), /^lambda:/);
      expect(Object.keys(invoke)).toEqual(['lambda:InvokeFunction']);
      const used = placeholdersIn(readFileSync(file, 'utf8'));
      const expected = WORKFLOW_FUNCTIONS.filter((f) => used.has(f.substitution)).map((f) =>
        logicalId(stack.workflow.functions.get(f.name) as Fn),
      );
      expect([...referencedIds(invoke['lambda:InvokeFunction'])].sort(), file).toEqual(expected.sort());
    }
  });

  it('lets the trajectory start, follow and stop human-task executions, continue in a new execution of its own, and nothing else of Step Functions', () => {
    const executions = arnOf('states', 'execution:verbetertraject-dev-human-task:*');
    const rule = arnOf('events', `rule/${SYNC_EXECUTION_RULE}`);
    expect(grantsOf(roleStatements(stack.workflow.stateMachine), /^(states|events):/)).toEqual({
      // Its own by name (an extension's new term), as a reference would depend on itself.
      'states:StartExecution': [
        arnOf('states', 'stateMachine:verbetertraject-dev-trajectory'),
        { Ref: idOf(stack.workflow.taskStateMachine) },
      ],
      'states:DescribeExecution': [executions],
      'states:StopExecution': [executions],
      'events:PutTargets': [rule],
      'events:PutRule': [rule],
      'events:DescribeRule': [rule],
    });
    // The human task starts only a new execution of its own (a task that waited long), by name,
    // and stops or watches nothing.
    expect(grantsOf(roleStatements(stack.workflow.taskStateMachine), /^(states|events):/)).toEqual({
      'states:StartExecution': [arnOf('states', 'stateMachine:verbetertraject-dev-human-task')],
    });
  });

  it('allows "*" as a resource only for actions that have no resource-level permissions', () => {
    for (const [id, policy] of ofType('AWS::IAM::Policy')) {
      for (const statement of (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement) {
        for (const action of asArray(statement.Action)) {
          // No service-wide actions (`states:*`), anywhere.
          expect(action.endsWith(':*'), `${id}: ${action}`).toBe(false);
        }
        if (!asArray(statement.Resource).includes('*')) continue;
        for (const action of asArray(statement.Action)) {
          expect(NO_RESOURCE_LEVEL_ACTIONS.has(action), `${id}: ${action} on *`).toBe(true);
        }
      }
    }
  });

  it('gives every function exactly the variables and grants its entry in infra/access.ts declares', () => {
    const tableId = idOf(stack.data.table);
    const keyId = idOf(stack.data.key);
    const machineIds = [idOf(stack.workflow.stateMachine), idOf(stack.workflow.taskStateMachine)];
    const mailIds = [stack.mail.identity, stack.mail.configurationSet].map((r) => idOf(r));
    for (const fn of allFunctions()) {
      const access = FUNCTION_ACCESS[fn.handler];
      expect(access, fn.handler).toBeDefined();
      const statements = statementsOf(fn);
      const actions = new Set(statements.flatMap((s) => asArray(s.Action)));
      const variables = (resources[logicalId(fn)]?.Properties.Environment as { Variables: Json }).Variables;
      const logGroup = idOf(fn.logGroup);
      const uses = new Set(access?.stateMachine ?? []);

      const expectedIds = new Set([logGroup]);
      if (access?.table) [tableId, keyId].forEach((id) => expectedIds.add(id));
      if (access?.mail) mailIds.forEach((id) => expectedIds.add(id));
      // The files bucket (its two key prefixes), and its key for whoever reads or writes content.
      if (access?.files) {
        expectedIds.add(idOf(stack.files.bucket));
        if (access.files !== 'purge') expectedIds.add(keyId);
      }
      // Functions the state machines invoke name them by their ARNs, not by a reference (no
      // cycle). The API's functions reach both, except a starter that only starts (the trajectory)
      // and one that only starts human tasks (a change of the plan: the task machine alone).
      if (uses.size > 0 && stack.api.functions.has(fn.handler)) {
        const tasksOnly = [...uses].every((use) => use === 'startTask');
        if (!tasksOnly) expectedIds.add(machineIds[0] as string);
        if (uses.has('stop') || uses.has('respond') || uses.has('startTask')) {
          expectedIds.add(machineIds[1] as string);
        }
      }
      // The purge's stream mapping sends a batch it gave up on to the failure queue.
      if (fn === stack.retention.purge) expectedIds.add(idOf(stack.retention.failures));
      // Lambda hands an event the execution-stopped handler kept failing on to the dead-letter queue.
      if (fn === stack.executionWatch.handler) expectedIds.add(idOf(stack.executionWatch.deadLetters));
      // The publisher puts on the stack's bus, and its stream mapping parks a batch in its queue.
      if (access?.events) expectedIds.add(idOf(stack.lifecycleEvents.bus as unknown as IConstruct));
      if (fn === stack.lifecycleEvents.publisher) expectedIds.add(idOf(stack.lifecycleEvents.failures));
      expect([...referencedIds(statements.map((s) => s.Resource))].sort(), fn.handler).toEqual(
        [...expectedIds].sort(),
      );

      // The publisher reads one event by its key and writes one mark: no Query, no update.
      const publishes = access?.table === 'publish';
      expect(actions.has('dynamodb:Query'), fn.handler).toBe(Boolean(access?.table) && !publishes);
      for (const write of TABLE_WRITE_ACTIONS)
        expect(actions.has(write), fn.handler).toBe(
          access?.table === 'readWrite' || (publishes && write === 'dynamodb:PutItem'),
        );
      expect(actions.has('events:PutEvents'), fn.handler).toBe(Boolean(access?.events));
      expect(actions.has('states:StartExecution'), fn.handler).toBe(
        uses.has('start') || uses.has('startTask'),
      );
      expect(actions.has('states:StopExecution'), fn.handler).toBe(uses.has('stop'));
      expect(actions.has('states:SendTaskSuccess'), fn.handler).toBe(uses.has('respond'));
      expect(actions.has('ses:SendEmail'), fn.handler).toBe(Boolean(access?.mail));

      // Stopping and answering reach the executions of both state machines; starting only the
      // trajectory's, or (the step that opens a task nobody waits for) only the human task's, or
      // (the dashboard's forms: a trajectory, and the task of a plan change) exactly those two.
      const grants = grantsOf(statements, /^states:/);
      const names = (action: string) =>
        (grants[action] ?? []).map((resource) => {
          const text = JSON.stringify(resource);
          if (text.includes('human-task') || text.includes(`"${machineIds[1]}"`)) return 'task';
          if (text.includes('trajectory') || text.includes(`"${machineIds[0]}"`)) return 'trajectory';
          return text;
        });
      const starts = [
        ...(uses.has('start') ? ['trajectory'] : []),
        ...(uses.has('startTask') ? ['task'] : []),
      ];
      if (starts.length > 0) expect(names('states:StartExecution').sort(), fn.handler).toEqual(starts.sort());
      if (uses.has('stop'))
        expect(names('states:StopExecution').sort(), fn.handler).toEqual(['task', 'trajectory']);
      if (uses.has('respond'))
        expect(names('states:SendTaskSuccess').sort(), fn.handler).toEqual(['task', 'trajectory']);

      expect('TABLE_NAME' in variables, fn.handler).toBe(Boolean(access?.table));
      expect('STATE_MACHINE_ARN' in variables, fn.handler).toBe(uses.size > 0);
      expect('TASK_STATE_MACHINE_ARN' in variables, fn.handler).toBe(uses.size > 0);
      expect('MAIL_FROM' in variables, fn.handler).toBe(Boolean(access?.mail));
      // Every mail's footer: the employer and whom to ask, wherever mail is sent from.
      expect(variables.EMPLOYER_NAME, fn.handler).toBe(access?.mail ? 'Gemeente Voorbeeld' : undefined);
      expect(variables.HR_CONTACT, fn.handler).toBe(access?.mail ? 'HR-servicepunt' : undefined);
      expect('BASE_URL' in variables, fn.handler).toBe(Boolean(access?.links));
      expect('FILES_BUCKET' in variables, fn.handler).toBe(Boolean(access?.files));
      expect([...actions].filter((action) => action.startsWith('s3:')).length > 0, fn.handler).toBe(
        Boolean(access?.files),
      );
      expect('EVENT_BUS_NAME' in variables, fn.handler).toBe(Boolean(access?.events));
      // The context's copyLinkDays, on exactly the functions that make links to the employee's copy.
      expect(variables.COPY_LINK_DAYS, fn.handler).toBe(access?.copyLinks ? '14' : undefined);
    }
    expect(
      Object.entries(FUNCTION_ACCESS)
        .filter(([, access]) => access.copyLinks)
        .map(([handler]) => handler)
        .sort(),
    ).toEqual(['api/dashboard-actions', 'api/issue-employee-copy', 'workflow/request-action']);
    expect(Object.keys(FUNCTION_ACCESS).sort()).toEqual(
      allFunctions()
        .map((fn) => fn.handler)
        .sort(),
    );
    expect(FUNCTION_ACCESS['workflow/close-trajectory']).toBeUndefined();
  });

  it('gives a function the state machines invoke the ARNs of those same state machines', () => {
    const nameOf = (machine: IConstruct) => resources[idOf(machine)]?.Properties.StateMachineName as string;
    for (const fn of stack.workflow.functions.values()) {
      if (!FUNCTION_ACCESS[fn.handler]?.stateMachine?.length) continue;
      const variables = (resources[logicalId(fn)]?.Properties.Environment as { Variables: Json }).Variables;
      expect(JSON.stringify(variables.STATE_MACHINE_ARN)).toContain(
        `:stateMachine:${nameOf(stack.workflow.stateMachine)}`,
      );
      expect(JSON.stringify(variables.TASK_STATE_MACHINE_ARN)).toContain(
        `:stateMachine:${nameOf(stack.workflow.taskStateMachine)}`,
      );
    }
  });
});

describe('mail', () => {
  it('verifies the sender from context as an SES identity with a configuration set that requires TLS', () => {
    template.hasParameter('MailFrom', { Type: 'String', Default: MAIL_FROM });
    const [[setId]] = ofType('AWS::SES::ConfigurationSet') as [[string, Resource]];
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: { Ref: 'MailFrom' },
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: setId } },
    });
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
    });
  });
});

describe('cdk-nag', () => {
  it('reports nothing unacknowledged, and every acknowledgement has a reason', () => {
    const report = JSON.parse(readFileSync(join(assemblyDir, 'validation-report.json'), 'utf8')) as {
      pluginReports: {
        pluginName: string;
        violations: { ruleName: string }[];
        suppressedViolations?: { ruleName: string; reason: string }[];
      }[];
    };
    const nag = report.pluginReports.find((p) => p.pluginName === 'AwsSolutions');
    expect(nag).toBeDefined();
    for (const plugin of report.pluginReports) {
      expect(plugin.violations.map((v) => `${plugin.pluginName}: ${v.ruleName}`)).toEqual([]);
    }
    for (const suppressed of nag?.suppressedViolations ?? []) {
      expect(suppressed.reason.length, suppressed.ruleName).toBeGreaterThan(30);
    }
  });
});
