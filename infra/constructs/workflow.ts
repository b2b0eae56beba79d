import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Annotations, ArnFormat, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type ILogGroup, LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  DefinitionBody,
  type IStateMachine,
  LogLevel,
  StateMachine,
  StateMachineType,
} from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { WORKFLOW_FUNCTIONS, type WorkflowFunction } from '#workflow/registry.ts';
import { Fn } from './fn.ts';
import { acknowledge, acknowledgeGrantWildcards, nagReference } from './nag.ts';

/** The trajectory's definition, found from this file rather than from the working directory. */
export const DEFINITION_FILE = fileURLToPath(
  new URL('../../statemachine/trajectory.asl.json', import.meta.url),
);

/** The human task's definition (Ask → Chase → Record), found the same way. */
export const TASK_DEFINITION_FILE = fileURLToPath(
  new URL('../../statemachine/human-task.asl.json', import.meta.url),
);

/**
 * The placeholder through which the trajectory names the human-task state machine it starts. The
 * construct fills it in with that machine's ARN; it is not a function, so not in the registry.
 */
export const TASK_STATE_MACHINE_SUBSTITUTION = 'HumanTaskStateMachineArn';

/**
 * The EventBridge rule Step Functions itself creates in the account to learn when a child
 * execution started with `startExecution.sync` ends; the parent's role must be allowed to create
 * and read it (Step Functions developer guide, "IAM policies for AWS Step Functions" nested
 * workflows, synchronous).
 */
export const SYNC_EXECUTION_RULE = 'StepFunctionsGetEventsForStepFunctionsExecutionRule';

/** How a definition starts an execution of its own state machine. */
export const CONTINUES_ITSELF = '"StateMachineArn": "{% $states.context.StateMachine.Id %}"';

/** The names of the two state machines in a stack; fixed, so ARNs can be derived from them. */
export const stateMachineNamesFor = (stackName: string) =>
  ({ trajectory: `${stackName}-trajectory`, task: `${stackName}-human-task` }) as const;

/** The `${...}` definition substitutions a definition refers to. */
export function placeholdersIn(definition: string): Set<string> {
  return new Set([...definition.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1] as string));
}

/** Whether a definition starts executions of another state machine, and whether it waits for them. */
function childExecutionsIn(definition: string): { starts: boolean; waits: boolean } {
  return {
    starts: definition.includes('arn:aws:states:::states:startExecution'),
    waits: definition.includes('arn:aws:states:::states:startExecution.sync'),
  };
}

export interface WorkflowProps {
  readonly logRetention: RetentionDays;
  /** @default the registry in functions/workflow/registry.ts */
  readonly registry?: readonly WorkflowFunction[];
  /** @default statemachine/trajectory.asl.json */
  readonly definitionFile?: string;
  /** @default statemachine/human-task.asl.json */
  readonly taskDefinitionFile?: string;
}

/**
 * The workflow as two state machines, each deployed from the same ASL file the local engine runs,
 * and the functions they invoke, created from the workflow registry:
 * - the trajectory: the process and its calendar, one execution per trajectory named after it;
 * - the human task: one task (Ask → Chase → Record), started by the trajectory as a child
 *   execution named `<trajectoryId>.<taskId>`, waited for (`.sync:2`) or not.
 */
export class Workflow extends Construct {
  /** The trajectory state machine. */
  readonly stateMachine: StateMachine;
  /** The human-task state machine, whose executions the trajectory starts. */
  readonly taskStateMachine: StateMachine;
  /**
   * The trajectory state machine, referenced by its name instead of by the resource. Functions a
   * state machine invokes must use this one (and `taskStateMachineByName`): the definitions depend
   * on their ARNs, so their own permissions and variables cannot depend on the state machine
   * resources without a circular dependency.
   */
  readonly stateMachineByName: IStateMachine;
  /** The human-task state machine by its name; see `stateMachineByName`. */
  readonly taskStateMachineByName: IStateMachine;
  /** The workflow's functions by registry name (`RequestAction`). */
  readonly functions: ReadonlyMap<string, Fn>;
  /** The trajectory state machine's log group. */
  readonly logGroup: ILogGroup;
  /** The human-task state machine's log group. */
  readonly taskLogGroup: ILogGroup;

  constructor(scope: Construct, id: string, props: WorkflowProps) {
    super(scope, id);
    const registry = props.registry ?? WORKFLOW_FUNCTIONS;
    const definition = readFileSync(props.definitionFile ?? DEFINITION_FILE, 'utf8');
    const taskDefinition = readFileSync(props.taskDefinitionFile ?? TASK_DEFINITION_FILE, 'utf8');
    const used = placeholdersIn(definition);
    const taskUsed = placeholdersIn(taskDefinition);

    for (const key of ['name', 'handler', 'substitution'] as const) {
      const seen = registry.map((entry) => entry[key]);
      const twice = seen.filter((value, index) => seen.indexOf(value) !== index);
      if (twice.length > 0) {
        throw new Error(`The workflow registry has the ${key} ${twice.join(', ')} more than once`);
      }
    }
    if (registry.some((entry) => entry.substitution === TASK_STATE_MACHINE_SUBSTITUTION)) {
      throw new Error(
        `The workflow registry may not use \${${TASK_STATE_MACHINE_SUBSTITUTION}}: it names the human-task state machine`,
      );
    }

    // Every placeholder must get a value: a function of the registry, or (in the trajectory only)
    // the human-task state machine. The human task starts no executions of its own.
    const provided = (name: string) => registry.some((entry) => entry.substitution === name);
    for (const [file, placeholders, extra] of [
      ['trajectory', used, [TASK_STATE_MACHINE_SUBSTITUTION]],
      ['human-task', taskUsed, []],
    ] as const) {
      const unknown = [...placeholders].filter(
        (name) => !provided(name) && !(extra as readonly string[]).includes(name),
      );
      if (unknown.length > 0) {
        throw new Error(
          `The ${file} definition refers to ${unknown.map((name) => `\${${name}}`).join(', ')}, which no entry of the workflow registry (functions/workflow/registry.ts) provides`,
        );
      }
    }

    const functions = new Map<string, Fn>();
    for (const entry of registry) {
      functions.set(
        entry.name,
        new Fn(this, entry.name, {
          handler: entry.handler,
          logRetention: props.logRetention,
        }),
      );
      if (!used.has(entry.substitution) && !taskUsed.has(entry.substitution)) {
        Annotations.of(this).addWarningV2(
          'verbetertraject:unused-workflow-function',
          `Workflow function ${entry.name} is in the registry but neither definition invokes \${${entry.substitution}}`,
        );
      }
    }
    this.functions = functions;
    const fn = (entry: WorkflowFunction) => functions.get(entry.name) as Fn;
    const functionArns = (placeholders: ReadonlySet<string>) =>
      Object.fromEntries(
        registry
          .filter((entry) => placeholders.has(entry.substitution))
          .map((entry) => [entry.substitution, fn(entry).lambda.functionArn]),
      );

    // Fixed names, so that the functions they invoke can be given their ARNs (see stateMachineByName).
    const names = stateMachineNamesFor(Stack.of(this).stackName);
    const common = {
      // Standard: a trajectory runs for months and a task waits for people (task tokens).
      stateMachineType: StateMachineType.STANDARD,
      tracingEnabled: true,
    } as const;
    const logsTo = (logGroup: ILogGroup) => ({
      destination: logGroup,
      level: LogLevel.ALL,
      // Every state's input and output would put task tokens and people's names and
      // addresses in the logs; the dossier in DynamoDB is the record of what happened.
      includeExecutionData: false,
    });

    // The child first: the trajectory's definition names it.
    this.taskLogGroup = new LogGroup(this, 'TaskLogs', { retention: props.logRetention });
    const taskStateMachine = new StateMachine(this, 'TaskStateMachine', {
      ...common,
      stateMachineName: names.task,
      definitionBody: DefinitionBody.fromFile(props.taskDefinitionFile ?? TASK_DEFINITION_FILE),
      definitionSubstitutions: functionArns(taskUsed),
      logs: logsTo(this.taskLogGroup),
    });
    this.taskStateMachine = taskStateMachine;

    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention });
    const stateMachine = new StateMachine(this, 'StateMachine', {
      ...common,
      stateMachineName: names.trajectory,
      definitionBody: DefinitionBody.fromFile(props.definitionFile ?? DEFINITION_FILE),
      definitionSubstitutions: {
        ...functionArns(used),
        ...(used.has(TASK_STATE_MACHINE_SUBSTITUTION) && {
          [TASK_STATE_MACHINE_SUBSTITUTION]: taskStateMachine.stateMachineArn,
        }),
      },
      logs: logsTo(this.logGroup),
    });
    this.stateMachine = stateMachine;
    if (!used.has(TASK_STATE_MACHINE_SUBSTITUTION)) {
      Annotations.of(this).addWarningV2(
        'verbetertraject:unused-task-state-machine',
        `The trajectory definition never refers to \${${TASK_STATE_MACHINE_SUBSTITUTION}}: no human task would ever run`,
      );
    }

    this.stateMachineByName = StateMachine.fromStateMachineName(this, 'ByName', names.trajectory);
    this.taskStateMachineByName = StateMachine.fromStateMachineName(this, 'TaskByName', names.task);

    // Each machine may invoke the functions its own definition names, and no other.
    for (const [machine, placeholders] of [
      [stateMachine, used],
      [taskStateMachine, taskUsed],
    ] as const) {
      for (const entry of registry) {
        if (!placeholders.has(entry.substitution)) continue;
        acknowledgeGrantWildcards(
          machine,
          fn(entry).lambda.grantInvoke(machine),
          `Invoking ${entry.name}: CDK's grant adds \`<arn>:*\` so a version or alias of that one function may be invoked too.`,
        );
      }
      acknowledge(
        machine,
        'AwsSolutions-IAM5[Resource::*]',
        'Log delivery (logs:CreateLogDelivery, ...) and X-Ray (xray:PutTraceSegments, ...) support no resource-level permissions.',
      );
    }

    this.allowChildExecutions(stateMachine, taskStateMachine, names.task, definition);
    // After an extension or a long pause the trajectory goes on in a fresh execution of its own
    // state machine (statemachine/trajectory.asl.json, "Continue in a new execution"), and a task
    // that waited long in a fresh execution of its own (human-task.asl.json): each names its own
    // machine from its context; by name, since a role cannot refer to the resource it belongs to.
    for (const [machine, text, byName] of [
      [stateMachine, definition, this.stateMachineByName],
      [taskStateMachine, taskDefinition, this.taskStateMachineByName],
    ] as const) {
      if (!text.includes(CONTINUES_ITSELF)) continue;
      machine.addToRolePolicy(
        new PolicyStatement({ actions: ['states:StartExecution'], resources: [byName.stateMachineArn] }),
      );
    }
  }

  /**
   * What the trajectory needs to run human tasks as child executions; CDK adds nothing for a
   * definition read from a file. Only what the definition uses, and only on the human-task machine:
   * - `startExecution` (also `.sync`): StartExecution on that state machine;
   * - `startExecution.sync`: DescribeExecution and StopExecution on its executions (Step Functions
   *   follows the child, and stops it when the parent is stopped), and the managed rule through
   *   which Step Functions learns that a child ended.
   */
  private allowChildExecutions(
    parent: StateMachine,
    child: StateMachine,
    childName: string,
    definition: string,
  ): void {
    const { starts, waits } = childExecutionsIn(definition);
    if (!starts) return;
    const stack = Stack.of(this);
    parent.addToRolePolicy(
      new PolicyStatement({ actions: ['states:StartExecution'], resources: [child.stateMachineArn] }),
    );
    if (!waits) return;
    // Execution ARNs are `...:execution:<state machine name>:<execution name>`; the execution
    // names are the trajectory's own (`<trajectoryId>.<taskId>`), so only the name is fixed.
    const childExecutions = stack.formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: `${childName}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    parent.addToRolePolicy(
      new PolicyStatement({
        actions: ['states:DescribeExecution', 'states:StopExecution'],
        resources: [childExecutions],
      }),
    );
    parent.addToRolePolicy(
      new PolicyStatement({
        actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
        resources: [
          stack.formatArn({
            service: 'events',
            resource: 'rule',
            resourceName: SYNC_EXECUTION_RULE,
            arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
          }),
        ],
      }),
    );
    acknowledge(
      parent,
      `AwsSolutions-IAM5[Resource::${nagReference(parent, childExecutions)}]`,
      'Following (DescribeExecution) and stopping (StopExecution) the human-task executions the trajectory started: execution names are per task, so the pattern covers the executions of that one state machine.',
    );
  }
}
