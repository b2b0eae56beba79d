import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Annotations, Duration, Stack } from 'aws-cdk-lib';
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
import { acknowledge, acknowledgeGrantWildcards } from './nag.ts';

/** The workflow definition, found from this file rather than from the working directory. */
export const DEFINITION_FILE = fileURLToPath(
  new URL('../../statemachine/trajectory.asl.json', import.meta.url),
);

/** The `${...}` definition substitutions a definition refers to. */
export function placeholdersIn(definition: string): Set<string> {
  return new Set([...definition.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1] as string));
}

export interface WorkflowProps {
  readonly logRetention: RetentionDays;
  /** @default the registry in functions/workflow/registry.ts */
  readonly registry?: readonly WorkflowFunction[];
  /** @default statemachine/trajectory.asl.json */
  readonly definitionFile?: string;
}

/**
 * The trajectory state machine, deployed from the same ASL file the local engine runs, and
 * the functions it invokes, created from the workflow registry.
 */
export class Workflow extends Construct {
  readonly stateMachine: IStateMachine;
  /**
   * The same state machine, referenced by its name instead of by the resource. Functions the
   * state machine invokes must use this one: the state machine's definition depends on their
   * ARNs, so their own permissions and variables cannot depend on the state machine resource
   * without a circular dependency.
   */
  readonly stateMachineByName: IStateMachine;
  /** The workflow's functions by registry name (`RequestAction`). */
  readonly functions: ReadonlyMap<string, Fn>;
  readonly logGroup: ILogGroup;

  constructor(scope: Construct, id: string, props: WorkflowProps) {
    super(scope, id);
    const registry = props.registry ?? WORKFLOW_FUNCTIONS;
    const definitionFile = props.definitionFile ?? DEFINITION_FILE;
    const used = placeholdersIn(readFileSync(definitionFile, 'utf8'));

    for (const key of ['name', 'handler', 'substitution'] as const) {
      const seen = registry.map((entry) => entry[key]);
      const twice = seen.filter((value, index) => seen.indexOf(value) !== index);
      if (twice.length > 0) {
        throw new Error(`The workflow registry has the ${key} ${twice.join(', ')} more than once`);
      }
    }

    const unknown = [...used].filter((name) => !registry.some((entry) => entry.substitution === name));
    if (unknown.length > 0) {
      throw new Error(
        `The workflow definition refers to ${unknown.map((name) => `\${${name}}`).join(', ')}, which no entry of the workflow registry (functions/workflow/registry.ts) provides`,
      );
    }

    const functions = new Map<string, Fn>();
    for (const entry of registry) {
      functions.set(
        entry.name,
        new Fn(this, entry.name, {
          handler: entry.handler,
          logRetention: props.logRetention,
          // Mail and a few conditional writes; well inside this, even on a cold start.
          timeout: Duration.seconds(30),
        }),
      );
      if (!used.has(entry.substitution)) {
        Annotations.of(this).addWarningV2(
          'verbetertraject:unused-workflow-function',
          `Workflow function ${entry.name} is in the registry but the definition never invokes \${${entry.substitution}}`,
        );
      }
    }
    this.functions = functions;

    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention });

    // A fixed name, so that the functions it invokes can be given its ARN (see stateMachineByName).
    const stateMachineName = `${Stack.of(this).stackName}-trajectory`;
    const stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName,
      // Standard: a trajectory runs for months and waits for people (task tokens).
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromFile(definitionFile),
      definitionSubstitutions: Object.fromEntries(
        registry
          .filter((entry) => used.has(entry.substitution))
          .map((entry) => [entry.substitution, (functions.get(entry.name) as Fn).lambda.functionArn]),
      ),
      logs: {
        destination: this.logGroup,
        level: LogLevel.ALL,
        // Every state's input and output would put task tokens and people's names and
        // addresses in the logs; the dossier in DynamoDB is the record of what happened.
        includeExecutionData: false,
      },
      tracingEnabled: true,
    });
    this.stateMachine = stateMachine;
    this.stateMachineByName = StateMachine.fromStateMachineName(this, 'ByName', stateMachineName);

    for (const entry of registry) {
      if (!used.has(entry.substitution)) continue;
      acknowledgeGrantWildcards(
        stateMachine,
        (functions.get(entry.name) as Fn).lambda.grantInvoke(stateMachine),
        `Invoking ${entry.name}: CDK's grant adds \`<arn>:*\` so a version or alias of that one function may be invoked too.`,
      );
    }
    acknowledge(
      stateMachine,
      'AwsSolutions-IAM5[Resource::*]',
      'Log delivery (logs:CreateLogDelivery, ...) and X-Ray (xray:PutTraceSegments, ...) support no resource-level permissions.',
    );
  }
}
