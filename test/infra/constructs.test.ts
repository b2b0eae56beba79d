import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, type CfnElement, Fn as CfnFn, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKFLOW_FUNCTIONS } from '#workflow/registry.ts';
import { constructIdFor } from '#infra/constructs/api.ts';
import { Fn } from '#infra/constructs/fn.ts';
import { nagReference } from '#infra/constructs/nag.ts';
import {
  placeholdersIn,
  SYNC_EXECUTION_RULE,
  TASK_STATE_MACHINE_SUBSTITUTION,
  Workflow,
} from '#infra/constructs/workflow.ts';

/**
 * Small definitions with the two files' contract (their substitutions, a human task started with
 * `.sync:2` and one without waiting), so the Workflow construct is tested apart from the real ASL.
 */
const FIXTURE = fileURLToPath(new URL('./fixtures/trajectory.asl.json', import.meta.url));
const TASK_FIXTURE = fileURLToPath(new URL('./fixtures/human-task.asl.json', import.meta.url));

type Json = Record<string, unknown>;
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}
const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

let outdir: string;
beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'verbetertraject-constructs-'));
});
afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

const newStack = () => new Stack(new App({ outdir }), 'Test');
/** A stack whose functions are not bundled: these tests read the template, not the code. */
const unbundledStack = () =>
  new Stack(new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } }), 'verbetertraject-test');
const idOf = (construct: IConstruct) =>
  Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
/** Every statement of the policies attached to the role `roleId`. */
function statementsOfRole(template: Template, roleId: string): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify((policy.Properties as Json).Roles).includes(`"${roleId}"`))
    .flatMap(
      (policy) => ((policy.Properties as Json).PolicyDocument as { Statement: Statement[] }).Statement,
    );
}
/** Each action of `statements` with the resources it is allowed on, as JSON text. */
function resourcesByAction(statements: Statement[]): Map<string, string[]> {
  const byAction = new Map<string, string[]>();
  for (const statement of statements) {
    for (const action of asArray(statement.Action)) {
      byAction.set(action, [
        ...(byAction.get(action) ?? []),
        ...asArray(statement.Resource).map((resource) => JSON.stringify(resource)),
      ]);
    }
  }
  return byAction;
}
const roleOfMachine = (template: Template, machine: StateMachine): string =>
  (
    (template.toJSON().Resources as Record<string, { Properties: Json }>)[idOf(machine)]?.Properties
      .RoleArn as { 'Fn::GetAtt': string[] }
  )['Fn::GetAtt'][0] as string;
const fixtureWorkflow = (stack: Stack, definitionFile = FIXTURE, taskDefinitionFile = TASK_FIXTURE) =>
  new Workflow(stack, 'Workflow', {
    logRetention: RetentionDays.ONE_WEEK,
    definitionFile,
    taskDefinitionFile,
  });
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

describe('Fn.bindStateMachine', () => {
  const bound = (uses: ('start' | 'stop' | 'respond')[]) => {
    const stack = unbundledStack();
    const trajectory = StateMachine.fromStateMachineName(stack, 'Trajectory', 'vt-trajectory');
    const task = StateMachine.fromStateMachineName(stack, 'Task', 'vt-human-task');
    const fn = new Fn(stack, 'Fn', {
      handler: 'api/dashboard-actions',
      logRetention: RetentionDays.ONE_WEEK,
    });
    fn.bindStateMachine({ trajectory, task }, uses);
    const template = Template.fromStack(stack);
    const role = (
      (template.toJSON().Resources as Record<string, { Properties: Json }>)[idOf(fn.lambda)]?.Properties
        .Role as { 'Fn::GetAtt': string[] }
    )['Fn::GetAtt'][0] as string;
    return { fn, byAction: resourcesByAction(statementsOfRole(template, role)) };
  };

  it('gives every bound function the ARNs of both state machines', () => {
    // Act
    const { fn } = bound(['respond']);

    // Assess
    const variables = JSON.stringify(variablesOf(fn).variables);
    expect(variables).toMatch(/STATE_MACHINE_ARN.*:stateMachine:vt-trajectory/);
    expect(variables).toMatch(/TASK_STATE_MACHINE_ARN.*:stateMachine:vt-human-task/);
  });

  it('starts and describes the trajectory only; stops and answers the executions of both', () => {
    // Act
    const { byAction } = bound(['start', 'stop', 'respond']);

    // Assess
    const only = (action: string) => byAction.get(action) ?? [];
    expect(only('states:StartExecution')).toHaveLength(1);
    expect(only('states:StartExecution')[0]).toContain(':stateMachine:vt-trajectory');
    expect(only('states:DescribeExecution')).toHaveLength(1);
    expect(only('states:DescribeExecution')[0]).toContain(':execution:vt-trajectory:*');
    expect(only('states:StopExecution')).toHaveLength(2);
    expect(only('states:StopExecution').join()).toContain(':execution:vt-trajectory:*');
    expect(only('states:StopExecution').join()).toContain(':execution:vt-human-task:*');
    for (const action of ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat']) {
      expect(only(action)).toHaveLength(2);
      expect(only(action).join()).toContain(':stateMachine:vt-trajectory');
      expect(only(action).join()).toContain(':stateMachine:vt-human-task');
    }
  });

  it('grants a responder nothing to start or stop', () => {
    // Act
    const { byAction } = bound(['respond']);

    // Assess
    const states = [...byAction.keys()].filter((action) => action.startsWith('states:')).sort();
    expect(states).toEqual(['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess']);
  });
});

describe('Workflow', () => {
  it('deploys both state machines with the substitutions each file uses; the trajectory names the human task', () => {
    // Prepare
    const stack = unbundledStack();

    // Act
    const workflow = fixtureWorkflow(stack);

    // Assess
    const template = Template.fromStack(stack);
    const resources = template.toJSON().Resources as Record<string, { Properties: Json }>;
    const fnArn = (name: string) => ({
      'Fn::GetAtt': [idOf((workflow.functions.get(name) as Fn).lambda), 'Arn'],
    });
    expect(resources[idOf(workflow.stateMachine)]?.Properties).toMatchObject({
      StateMachineName: 'verbetertraject-test-trajectory',
      DefinitionSubstitutions: {
        OpenTaskFunctionArn: fnArn('OpenTask'),
        SleepWhilePausedFunctionArn: fnArn('SleepWhilePaused'),
        ReportFailureFunctionArn: fnArn('ReportFailure'),
        [TASK_STATE_MACHINE_SUBSTITUTION]: { Ref: idOf(workflow.taskStateMachine) },
      },
    });
    expect(resources[idOf(workflow.taskStateMachine)]?.Properties).toMatchObject({
      StateMachineName: 'verbetertraject-test-human-task',
      DefinitionSubstitutions: {
        RequestActionFunctionArn: fnArn('RequestAction'),
        ChaseFunctionArn: fnArn('Chase'),
        CompleteTaskFunctionArn: fnArn('CompleteTask'),
        ReportFailureFunctionArn: fnArn('ReportFailure'),
      },
    });
    for (const [machine, file] of [
      [workflow.stateMachine, FIXTURE],
      [workflow.taskStateMachine, TASK_FIXTURE],
    ] as const) {
      const substitutions = resources[idOf(machine)]?.Properties.DefinitionSubstitutions as Json;
      expect(Object.keys(substitutions).sort()).toEqual(
        [...placeholdersIn(readFileSync(file, 'utf8'))].sort(),
      );
    }
    expect(Stack.of(workflow).resolve(workflow.taskStateMachineByName.stateMachineArn)).toEqual(
      expect.objectContaining({
        'Fn::Join': ['', expect.arrayContaining([':stateMachine:verbetertraject-test-human-task'])],
      }),
    );
  });

  it('lets each state machine invoke the functions its own definition names, and no other', () => {
    // Prepare
    const stack = unbundledStack();
    const workflow = fixtureWorkflow(stack);
    const template = Template.fromStack(stack);

    // Act / Assess
    for (const [machine, file] of [
      [workflow.stateMachine, FIXTURE],
      [workflow.taskStateMachine, TASK_FIXTURE],
    ] as const) {
      const used = placeholdersIn(readFileSync(file, 'utf8'));
      const invoke = resourcesByAction(statementsOfRole(template, roleOfMachine(template, machine)));
      const expected = WORKFLOW_FUNCTIONS.filter((entry) => used.has(entry.substitution)).map((entry) =>
        idOf((workflow.functions.get(entry.name) as Fn).lambda),
      );
      const invoked = [
        ...new Set(
          (invoke.get('lambda:InvokeFunction') ?? []).map((r) => /"Fn::GetAtt":\["(\w+)"/.exec(r)?.[1]),
        ),
      ];
      expect(invoked.sort()).toEqual(expected.sort());
      expect([...invoke.keys()].filter((action) => action.startsWith('lambda:'))).toEqual([
        'lambda:InvokeFunction',
      ]);
    }
  });

  it('lets the trajectory start, follow and stop human tasks, with exactly what .sync:2 needs', () => {
    // Prepare
    const stack = unbundledStack();
    const workflow = fixtureWorkflow(stack);
    const template = Template.fromStack(stack);

    // Act
    const parent = resourcesByAction(
      statementsOfRole(template, roleOfMachine(template, workflow.stateMachine)),
    );
    const child = resourcesByAction(
      statementsOfRole(template, roleOfMachine(template, workflow.taskStateMachine)),
    );

    // Assess
    const granted = (map: Map<string, string[]>) =>
      Object.fromEntries([...map].filter(([action]) => /^(states|events):/.test(action)));
    const executions = JSON.stringify({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':states:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          ':execution:verbetertraject-test-human-task:*',
        ],
      ],
    });
    const rule = JSON.stringify({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':events:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          `:rule/${SYNC_EXECUTION_RULE}`,
        ],
      ],
    });
    expect(granted(parent)).toEqual({
      'states:StartExecution': [JSON.stringify({ Ref: idOf(workflow.taskStateMachine) })],
      'states:DescribeExecution': [executions],
      'states:StopExecution': [executions],
      'events:PutTargets': [rule],
      'events:PutRule': [rule],
      'events:DescribeRule': [rule],
    });
    // The human task starts nothing and stops nothing.
    expect(granted(child)).toEqual({});
  });

  it('grants only StartExecution when the trajectory never waits for a human task', () => {
    // Prepare
    const file = join(outdir, 'fire-and-forget.asl.json');
    writeFileSync(file, readFileSync(FIXTURE, 'utf8').replace('startExecution.sync:2', 'startExecution'));
    const stack = unbundledStack();
    const workflow = fixtureWorkflow(stack, file);
    const template = Template.fromStack(stack);

    // Act
    const parent = resourcesByAction(
      statementsOfRole(template, roleOfMachine(template, workflow.stateMachine)),
    );

    // Assess
    expect([...parent.keys()].filter((action) => /^(states|events):/.test(action))).toEqual([
      'states:StartExecution',
    ]);
  });

  it('logs both state machines without execution data, each to a log group of its own, and traces them', () => {
    // Prepare
    const stack = unbundledStack();
    const workflow = fixtureWorkflow(stack);

    // Act
    const resources = Template.fromStack(stack).toJSON().Resources as Record<string, { Properties: Json }>;

    // Assess
    for (const [machine, logGroup] of [
      [workflow.stateMachine, workflow.logGroup],
      [workflow.taskStateMachine, workflow.taskLogGroup],
    ] as const) {
      expect(resources[idOf(machine)]?.Properties).toMatchObject({
        StateMachineType: 'STANDARD',
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: {
          Level: 'ALL',
          IncludeExecutionData: false,
          Destinations: [
            { CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [idOf(logGroup), 'Arn'] } } },
          ],
        },
      });
      expect(resources[idOf(logGroup)]?.Properties.RetentionInDays).toBe(7);
    }
  });

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
        new Workflow(unbundledStack(), 'Workflow', {
          logRetention: RetentionDays.ONE_WEEK,
          registry: [],
          definitionFile: file,
          taskDefinitionFile: file,
        }),
    ).toThrow('The trajectory definition refers to ${NopeFunctionArn}');
  });

  it('refuses a human task that would start human tasks itself', () => {
    // Prepare
    const file = join(outdir, 'recursive-task.asl.json');
    writeFileSync(
      file,
      readFileSync(TASK_FIXTURE, 'utf8').replace('${ChaseFunctionArn}', '${HumanTaskStateMachineArn}'),
    );

    // Act / Assess
    expect(() => fixtureWorkflow(unbundledStack(), FIXTURE, file)).toThrow(
      'The human-task definition refers to ${HumanTaskStateMachineArn}',
    );
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
