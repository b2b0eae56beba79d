/**
 * Loading a state machine definition: definition substitutions, validation with asl-validator,
 * then a check against the subset this engine implements, so that anything it would run wrongly
 * is refused at load time with the state and field named, never half-run at execution time.
 */
import { createHash } from 'node:crypto';
import { DefinitionError, StatesErrors } from './errors.ts';
import { compileTemplate, expressionSource, type Template } from './jsonata.ts';
import { MAX_SECONDS, parseTimestamp } from './limits.ts';
import { validateAsl } from './validate.ts';

export const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
export const LAMBDA_INVOKE_WAIT = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
/** "Start a new AWS Step Functions state machine from a running execution", request-response. */
export const START_EXECUTION = 'arn:aws:states:::states:startExecution';
/** The same, run as a job (`.sync:2`): waits for the execution to end; its output comes as JSON. */
export const START_EXECUTION_SYNC = 'arn:aws:states:::states:startExecution.sync:2';

/**
 * How a Task waits ("Discover service integration patterns"): for the call's response, for a
 * task token, or for the job it started to end.
 */
export type IntegrationPattern = 'request-response' | 'callback' | 'job';

interface TaskResource {
  /** As history events name the service and the action (`resourceType`, `resource`). */
  resourceType: 'lambda' | 'states';
  resource: 'invoke' | 'invoke.waitForTaskToken' | 'startExecution' | 'startExecution.sync:2';
  pattern: IntegrationPattern;
  /** The Arguments fields the call takes; the first is required. */
  argumentFields: readonly string[];
}

const LAMBDA_ARGUMENT_FIELDS = ['FunctionName', 'Payload', 'Qualifier'];
const START_EXECUTION_ARGUMENT_FIELDS = ['StateMachineArn', 'Input', 'Name'];
const TASK_RESOURCES: Readonly<Record<string, TaskResource>> = {
  [LAMBDA_INVOKE]: {
    resourceType: 'lambda',
    resource: 'invoke',
    pattern: 'request-response',
    argumentFields: LAMBDA_ARGUMENT_FIELDS,
  },
  [LAMBDA_INVOKE_WAIT]: {
    resourceType: 'lambda',
    resource: 'invoke.waitForTaskToken',
    pattern: 'callback',
    argumentFields: LAMBDA_ARGUMENT_FIELDS,
  },
  [START_EXECUTION]: {
    resourceType: 'states',
    resource: 'startExecution',
    pattern: 'request-response',
    argumentFields: START_EXECUTION_ARGUMENT_FIELDS,
  },
  [START_EXECUTION_SYNC]: {
    resourceType: 'states',
    resource: 'startExecution.sync:2',
    pattern: 'job',
    argumentFields: START_EXECUTION_ARGUMENT_FIELDS,
  },
};

export interface MachineSource {
  /** The ASL, as JSON text or as an object. */
  definition: string | object;
  /** `${Name}` values, as CloudFormation's DefinitionSubstitutions. */
  substitutions?: Readonly<Record<string, string | number | boolean>>;
}

export interface Retrier {
  errorEquals: string[];
  intervalSeconds: number;
  maxAttempts: number;
  backoffRate: number;
  maxDelaySeconds?: number;
  jitter: 'FULL' | 'NONE';
}

export interface Catcher {
  errorEquals: string[];
  next: string;
  output?: Template;
  assign?: Template;
}

interface StateBase {
  name: string;
  next?: string;
  end: boolean;
  output?: Template;
  assign?: Template;
}

export interface TaskState extends StateBase {
  type: 'Task';
  resourceType: TaskResource['resourceType'];
  /** The action as history events name it: `invoke`, `startExecution.sync:2`, ... */
  resource: TaskResource['resource'];
  pattern: IntegrationPattern;
  arguments: Template;
  timeoutSeconds?: Template;
  heartbeatSeconds?: Template;
  retry: Retrier[];
  catch: Catcher[];
}

export interface ChoiceRule {
  condition: Template;
  next: string;
  output?: Template;
  assign?: Template;
}

export interface ChoiceState extends StateBase {
  type: 'Choice';
  choices: ChoiceRule[];
  default?: string;
}

export interface WaitState extends StateBase {
  type: 'Wait';
  seconds?: Template;
  timestamp?: Template;
}

export interface PassState extends StateBase {
  type: 'Pass';
}

export interface SucceedState extends StateBase {
  type: 'Succeed';
}

export interface FailState extends StateBase {
  type: 'Fail';
  error?: Template;
  cause?: Template;
}

export type CompiledState = TaskState | ChoiceState | WaitState | PassState | SucceedState | FailState;

export interface CompiledMachine {
  stateMachineArn: string;
  name: string;
  region: string;
  account: string;
  /** The definition after substitution, as DescribeStateMachine returns it. */
  definitionText: string;
  /** Content hash: executions pin the definition they started with, as in AWS. */
  hash: string;
  startAt: string;
  timeoutSeconds?: number;
  states: ReadonlyMap<string, CompiledState>;
}

const COMMON_FIELDS = ['Type', 'Comment', 'QueryLanguage'];
const TRANSITION_FIELDS = ['Next', 'End'];
const ALLOWED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Task: [
    ...COMMON_FIELDS,
    ...TRANSITION_FIELDS,
    'Resource',
    'Arguments',
    'Output',
    'Assign',
    'Retry',
    'Catch',
    'TimeoutSeconds',
    'HeartbeatSeconds',
  ],
  Pass: [...COMMON_FIELDS, ...TRANSITION_FIELDS, 'Output', 'Assign'],
  Wait: [...COMMON_FIELDS, ...TRANSITION_FIELDS, 'Seconds', 'Timestamp', 'Output', 'Assign'],
  Choice: [...COMMON_FIELDS, 'Choices', 'Default', 'Output', 'Assign'],
  Succeed: [...COMMON_FIELDS, 'Output'],
  Fail: [...COMMON_FIELDS, 'Error', 'Cause'],
};
const TOP_LEVEL_FIELDS = ['StartAt', 'States', 'Comment', 'QueryLanguage', 'TimeoutSeconds', 'Version'];
const RETRIER_FIELDS = [
  'ErrorEquals',
  'IntervalSeconds',
  'MaxAttempts',
  'BackoffRate',
  'MaxDelaySeconds',
  'JitterStrategy',
  'Comment',
];
const CATCHER_FIELDS = ['ErrorEquals', 'Next', 'Output', 'Assign', 'Comment'];
const CHOICE_RULE_FIELDS = ['Condition', 'Next', 'Output', 'Assign', 'Comment'];
const VARIABLE_NAME = /^[\p{L}_][\p{L}\p{N}_]{0,79}$/u;

type Json = Record<string, unknown>;

/** Parses, substitutes, validates and compiles one state machine; throws DefinitionError. */
export function loadDefinition(stateMachineArn: string, source: MachineSource): CompiledMachine {
  const raw = typeof source.definition === 'string' ? parseJson(source.definition) : source.definition;
  const definition = substitute(raw, source.substitutions ?? {}) as Json;
  if (!isObject(definition)) throw new DefinitionError('A state machine definition must be a JSON object');

  const validation = validateAsl(definition);
  const unsupported = findUnsupported(definition);
  if (!validation.isValid) {
    const hint = unsupported.length > 0 ? ` (${unsupported.join('; ')})` : '';
    throw new DefinitionError(`Invalid state machine definition: ${validation.errorsText}${hint}`);
  }
  if (unsupported.length > 0) throw new DefinitionError(unsupported.join('; '));
  const invalid = findOutOfBounds(definition);
  if (invalid.length > 0)
    throw new DefinitionError(`Invalid state machine definition: ${invalid.join('; ')}`);

  const definitionText = JSON.stringify(definition);
  const states = new Map<string, CompiledState>();
  for (const [name, state] of Object.entries(definition.States as Record<string, Json>)) {
    states.set(name, compileState(name, state));
  }
  const { name, region, account } = parseStateMachineArn(stateMachineArn);
  return {
    stateMachineArn,
    name,
    region,
    account,
    definitionText,
    hash: createHash('sha256').update(definitionText).digest('hex'),
    startAt: definition.StartAt as string,
    ...(typeof definition.TimeoutSeconds === 'number' ? { timeoutSeconds: definition.TimeoutSeconds } : {}),
    states,
  };
}

export function parseStateMachineArn(arn: string): { name: string; region: string; account: string } {
  const parts = arn.split(':');
  if (parts.length < 7 || parts[0] !== 'arn' || parts[5] !== 'stateMachine' || !parts[6]) {
    throw new DefinitionError(
      `"${arn}" is not a state machine ARN (arn:aws:states:<region>:<account>:stateMachine:<name>)`,
    );
  }
  return { name: parts[6], region: parts[3] || 'us-east-1', account: parts[4] || '000000000000' };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DefinitionError(`The state machine definition is not valid JSON: ${(error as Error).message}`);
  }
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `${Name}` in any string (key or value), like CloudFormation's DefinitionSubstitutions. */
function substitute(
  value: unknown,
  substitutions: Readonly<Record<string, string | number | boolean>>,
): unknown {
  const replace = (text: string): string =>
    text.replace(/\$\{([^}]+)\}/g, (_match, name: string) => {
      const replacement = substitutions[name];
      if (replacement === undefined)
        throw new DefinitionError(`No definition substitution given for \${${name}}`);
      return String(replacement);
    });
  if (typeof value === 'string') return replace(value);
  if (Array.isArray(value)) return value.map((item) => substitute(item, substitutions));
  if (isObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [replace(key), substitute(item, substitutions)]),
    );
  }
  return value;
}

/**
 * What asl-validator lets through but AWS refuses when a state machine is created: a literal
 * TimeoutSeconds, HeartbeatSeconds or Seconds above 99999999 or a fractional Seconds ("Task
 * workflow state", "Wait workflow state"), and a literal Timestamp that is not the RFC 3339 form
 * the Wait state takes. Expressions are held to the same bounds when they are evaluated.
 */
function findOutOfBounds(definition: Json): string[] {
  const problems: string[] = [];
  const states = isObject(definition.States) ? definition.States : {};
  for (const [name, state] of Object.entries(states)) {
    if (!isObject(state)) continue;
    for (const field of ['TimeoutSeconds', 'HeartbeatSeconds', 'Seconds']) {
      const value = state[field];
      if (typeof value !== 'number') continue;
      if (!Number.isInteger(value) || value > MAX_SECONDS) {
        problems.push(
          `${field} in state "${name}" must be an integer of at most ${MAX_SECONDS}, not ${value}`,
        );
      }
    }
    const timestamp = state.Timestamp;
    if (
      typeof timestamp === 'string' &&
      expressionSource(timestamp) === undefined &&
      parseTimestamp(timestamp) === undefined
    ) {
      problems.push(
        `Timestamp in state "${name}" must be an RFC 3339 date-time with an uppercase T and Z or an offset, not "${timestamp}"`,
      );
    }
  }
  return problems;
}

/** Everything valid ASL may contain that this engine does not implement, each named. */
function findUnsupported(definition: Json): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(definition)) {
    if (!TOP_LEVEL_FIELDS.includes(key)) problems.push(`Unsupported top-level field "${key}"`);
  }
  const topLanguage = definition.QueryLanguage ?? 'JSONPath';
  const states = isObject(definition.States) ? definition.States : {};
  for (const [name, state] of Object.entries(states)) {
    if (!isObject(state)) continue;
    const type = String(state.Type);
    const allowed = ALLOWED_FIELDS[type];
    if (!allowed) {
      problems.push(`Unsupported state type "${type}" in state "${name}"`);
      continue;
    }
    const language = state.QueryLanguage ?? topLanguage;
    if (language !== 'JSONata') {
      problems.push(
        `Unsupported query language "${String(language)}" in state "${name}": only JSONata states run here`,
      );
    }
    for (const key of Object.keys(state)) {
      if (!allowed.includes(key)) problems.push(`Unsupported field "${key}" in state "${name}"`);
    }
    if (type === 'Task') problems.push(...findUnsupportedInTask(name, state));
    if (type === 'Choice' && Array.isArray(state.Choices)) {
      for (const [index, rule] of state.Choices.entries()) {
        if (!isObject(rule)) continue;
        for (const key of Object.keys(rule)) {
          if (!CHOICE_RULE_FIELDS.includes(key)) {
            problems.push(`Unsupported field "${key}" in Choices[${index}] of state "${name}"`);
          }
        }
        if (isObject(rule.Assign)) problems.push(...checkVariableNames(name, rule.Assign));
      }
    }
    if (isObject(state.Assign)) problems.push(...checkVariableNames(name, state.Assign));
  }
  return problems;
}

function findUnsupportedInTask(name: string, state: Json): string[] {
  const problems: string[] = [];
  const resource = TASK_RESOURCES[String(state.Resource)];
  if (!resource) {
    problems.push(unsupportedResource(name, String(state.Resource)));
  } else if (state.Arguments === undefined) {
    problems.push(`Missing Arguments (${resource.argumentFields.join(', ')}) in state "${name}"`);
  } else if (isObject(state.Arguments)) {
    for (const key of Object.keys(state.Arguments)) {
      if (!resource.argumentFields.includes(key))
        problems.push(`Unsupported Arguments field "${key}" in state "${name}"`);
    }
    const required = resource.argumentFields[0]!;
    if (state.Arguments[required] === undefined)
      problems.push(`Missing Arguments.${required} in state "${name}"`);
  }
  for (const [list, fields, label] of [
    [state.Retry, RETRIER_FIELDS, 'Retry'],
    [state.Catch, CATCHER_FIELDS, 'Catch'],
  ] as const) {
    if (!Array.isArray(list)) continue;
    for (const [index, entry] of list.entries()) {
      if (!isObject(entry)) continue;
      for (const key of Object.keys(entry)) {
        if (!fields.includes(key))
          problems.push(`Unsupported field "${key}" in ${label}[${index}] of state "${name}"`);
      }
      const errors = Array.isArray(entry.ErrorEquals) ? entry.ErrorEquals : [];
      // "Handling errors in Step Functions workflows": States.ALL must appear alone, in the last entry.
      if (errors.includes(StatesErrors.ALL) && (errors.length > 1 || index !== list.length - 1)) {
        problems.push(`States.ALL must appear alone in the last ${label} entry of state "${name}"`);
      }
      if (label === 'Catch' && isObject(entry.Assign))
        problems.push(...checkVariableNames(name, entry.Assign));
    }
  }
  if (typeof state.TimeoutSeconds === 'number' && typeof state.HeartbeatSeconds === 'number') {
    if (state.HeartbeatSeconds >= state.TimeoutSeconds) {
      problems.push(`HeartbeatSeconds must be smaller than TimeoutSeconds in state "${name}"`);
    }
  }
  return problems;
}

/** Names the resource and says what runs instead, for the variants a reader might expect to work. */
function unsupportedResource(name: string, resource: string): string {
  const supported = Object.keys(TASK_RESOURCES).join(', ');
  if (resource === `${START_EXECUTION}.sync`) {
    return `Unsupported Resource "${resource}" in state "${name}": only ${START_EXECUTION_SYNC} (the execution's output as JSON) runs here, not .sync`;
  }
  if (resource.startsWith(`${START_EXECUTION}.`)) {
    return `Unsupported Resource "${resource}" in state "${name}": states:startExecution runs here only as ${START_EXECUTION} or ${START_EXECUTION_SYNC}`;
  }
  return `Unsupported Resource "${resource}" in state "${name}": only ${supported} run here`;
}

function checkVariableNames(state: string, assign: Json): string[] {
  return Object.keys(assign)
    .filter((key) => key === 'states' || !VARIABLE_NAME.test(key))
    .map((key) =>
      key === 'states'
        ? `The variable name "states" is reserved (Assign in state "${state}")`
        : `Invalid variable name "${key}" in Assign of state "${state}"`,
    );
}

function optionalTemplate(value: unknown, where: string): Template | undefined {
  return value === undefined ? undefined : compileTemplate(value, where);
}

function compileState(name: string, state: Json): CompiledState {
  const where = (field: string): string => `state "${name}" field ${field}`;
  const base = {
    name,
    ...(typeof state.Next === 'string' ? { next: state.Next } : {}),
    end: state.End === true,
    ...(state.Output !== undefined ? { output: compileTemplate(state.Output, where('Output')) } : {}),
    ...(state.Assign !== undefined ? { assign: compileTemplate(state.Assign, where('Assign')) } : {}),
  };
  switch (state.Type) {
    case 'Task': {
      const { resourceType, resource, pattern } = TASK_RESOURCES[String(state.Resource)]!;
      return {
        ...base,
        type: 'Task',
        resourceType,
        resource,
        pattern,
        arguments: compileTemplate(state.Arguments, where('Arguments')),
        ...withTemplate('timeoutSeconds', state.TimeoutSeconds, where('TimeoutSeconds')),
        ...withTemplate('heartbeatSeconds', state.HeartbeatSeconds, where('HeartbeatSeconds')),
        retry: ((state.Retry as Json[] | undefined) ?? []).map(compileRetrier),
        catch: ((state.Catch as Json[] | undefined) ?? []).map((catcher, index) => ({
          errorEquals: catcher.ErrorEquals as string[],
          next: catcher.Next as string,
          ...withTemplate('output', catcher.Output, where(`Catch[${index}].Output`)),
          ...withTemplate('assign', catcher.Assign, where(`Catch[${index}].Assign`)),
        })),
      };
    }
    case 'Choice':
      return {
        ...base,
        type: 'Choice',
        choices: (state.Choices as Json[]).map((rule, index) => ({
          condition: compileTemplate(rule.Condition, where(`Choices[${index}].Condition`)),
          next: rule.Next as string,
          ...withTemplate('output', rule.Output, where(`Choices[${index}].Output`)),
          ...withTemplate('assign', rule.Assign, where(`Choices[${index}].Assign`)),
        })),
        ...(typeof state.Default === 'string' ? { default: state.Default } : {}),
      };
    case 'Wait':
      return {
        ...base,
        type: 'Wait',
        ...withTemplate('seconds', state.Seconds, where('Seconds')),
        ...withTemplate('timestamp', state.Timestamp, where('Timestamp')),
      };
    case 'Pass':
      return { ...base, type: 'Pass' };
    case 'Succeed':
      return { ...base, type: 'Succeed' };
    case 'Fail':
      return {
        ...base,
        type: 'Fail',
        ...withTemplate('error', state.Error, where('Error')),
        ...withTemplate('cause', state.Cause, where('Cause')),
      };
    default:
      throw new DefinitionError(`Unsupported state type "${String(state.Type)}" in state "${name}"`);
  }
}

function withTemplate<K extends string>(key: K, value: unknown, where: string): { [P in K]?: Template } {
  const template = optionalTemplate(value, where);
  return (template ? { [key]: template } : {}) as { [P in K]?: Template };
}

function compileRetrier(retrier: Json): Retrier {
  // Defaults from "Handling errors in Step Functions workflows": 1 s, 3 attempts, rate 2.0, no jitter.
  return {
    errorEquals: retrier.ErrorEquals as string[],
    intervalSeconds: typeof retrier.IntervalSeconds === 'number' ? retrier.IntervalSeconds : 1,
    maxAttempts: typeof retrier.MaxAttempts === 'number' ? retrier.MaxAttempts : 3,
    backoffRate: typeof retrier.BackoffRate === 'number' ? retrier.BackoffRate : 2,
    ...(typeof retrier.MaxDelaySeconds === 'number' ? { maxDelaySeconds: retrier.MaxDelaySeconds } : {}),
    jitter: retrier.JitterStrategy === 'FULL' ? 'FULL' : 'NONE',
  };
}
