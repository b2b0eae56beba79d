/**
 * JSONata in Step Functions terms ("Transforming data with JSONata in Step Functions"): a string
 * value `"{% expr %}"` anywhere inside a field is an expression, everything else is a literal.
 * Each expression is compiled once (compiling dominates evaluation cost) and evaluated with the
 * reserved `$states` variable, the workflow variables, and the functions Step Functions adds.
 */
import { createHash, randomUUID } from 'node:crypto';
import jsonata from 'jsonata';
import { DefinitionError, StatesError, StatesErrors } from './errors.ts';

export type Template =
  | { readonly kind: 'literal'; readonly value: unknown }
  | { readonly kind: 'expression'; readonly source: string; readonly expression: jsonata.Expression }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, Template])[] }
  | { readonly kind: 'array'; readonly items: readonly Template[] };

/** The reserved `$states` variable. */
export interface StatesVariable {
  input: unknown;
  result?: unknown;
  errorOutput?: unknown;
  context: unknown;
}

export interface EvaluationScope {
  states: StatesVariable;
  variables: Readonly<Record<string, unknown>>;
  /** Virtual time for `$now()` and `$millis()`: a local run must not read the wall clock. */
  nowMs: number;
}

const compiled = new Map<string, jsonata.Expression>();

function compileExpression(source: string): jsonata.Expression {
  let expression = compiled.get(source);
  if (!expression) {
    expression = jsonata(source);
    compiled.set(source, expression);
  }
  return expression;
}

/** The expression inside `{% ... %}`, or undefined for a plain string. */
export function expressionSource(value: string): string | undefined {
  if (value.length >= 4 && value.startsWith('{%') && value.endsWith('%}')) return value.slice(2, -2).trim();
  return undefined;
}

/** Compiles a field's value; `where` names the field in errors (`state "X" field Arguments`). */
export function compileTemplate(value: unknown, where: string): Template {
  if (typeof value === 'string') {
    const source = expressionSource(value);
    if (source === undefined) return { kind: 'literal', value };
    try {
      return { kind: 'expression', source, expression: compileExpression(source) };
    } catch (error) {
      throw new DefinitionError(`Invalid JSONata expression in ${where}: ${describeJsonataError(error)}`);
    }
  }
  if (Array.isArray(value)) {
    const items = value.map((item, index) => compileTemplate(item, `${where}[${index}]`));
    return items.every((item) => item.kind === 'literal')
      ? { kind: 'literal', value }
      : { kind: 'array', items };
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([key, item]) => [key, compileTemplate(item, `${where}.${key}`)] as const,
    );
    return entries.every(([, item]) => item.kind === 'literal')
      ? { kind: 'literal', value }
      : { kind: 'object', entries };
  }
  return { kind: 'literal', value };
}

/**
 * Evaluates a compiled field. `field` is the location AWS reports (`Arguments/Payload/taskToken`).
 * Failures raise States.QueryEvaluationError, including an expression that returns nothing:
 * the ASL spec lists "an undefined result" among that error's causes.
 */
export async function evaluateTemplate(
  template: Template,
  scope: EvaluationScope,
  field: string,
): Promise<unknown> {
  switch (template.kind) {
    case 'literal':
      return structuredClone(template.value);
    case 'array': {
      const items: unknown[] = [];
      for (const [index, item] of template.items.entries()) {
        items.push(await evaluateTemplate(item, scope, `${field}/${index}`));
      }
      return items;
    }
    case 'object': {
      const object: Record<string, unknown> = {};
      for (const [key, item] of template.entries) {
        object[key] = await evaluateTemplate(item, scope, `${field}/${key}`);
      }
      return object;
    }
    case 'expression':
      return evaluateExpression(template.source, template.expression, scope, field);
  }
}

async function evaluateExpression(
  source: string,
  expression: jsonata.Expression,
  scope: EvaluationScope,
  field: string,
): Promise<unknown> {
  let result: unknown;
  try {
    // No input document: in a JSONata state the state input is `$states.input`, not `$`.
    result = await expression.evaluate(undefined, bindings(scope));
  } catch (error) {
    throw new StatesError(
      StatesErrors.QueryEvaluationError,
      `The JSONata expression '${source}' specified for the field '${field}' threw an error during evaluation. ${describeJsonataError(error)}`,
      field,
    );
  }
  const json = result === undefined ? undefined : JSON.stringify(result);
  if (json === undefined) {
    throw new StatesError(
      StatesErrors.QueryEvaluationError,
      `The JSONata expression '${source}' specified for the field '${field}' returned nothing (undefined).`,
      field,
    );
  }
  // JSONata sequences and null-prototype objects become plain JSON, as they would on the wire.
  return JSON.parse(json) as unknown;
}

function describeJsonataError(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) {
    const { code, message } = error as { code?: unknown; message: unknown };
    return typeof code === 'string' ? `${code}: ${String(message)}` : String(message);
  }
  return String(error);
}

const fromMillis = jsonata('$fromMillis($millis, $picture, $timezone)');

function bindings(scope: EvaluationScope): Record<string, unknown> {
  return {
    ...STEP_FUNCTIONS_FUNCTIONS,
    ...scope.variables,
    states: scope.states,
    millis: () => scope.nowMs,
    now: (picture?: string, timezone?: string) =>
      fromMillis.evaluate(undefined, { millis: scope.nowMs, picture, timezone }),
  };
}

const HASH_ALGORITHMS: Readonly<Record<string, string>> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

/** The functions Step Functions adds to JSONata ("JSONata functions provided by Step Functions"). */
const STEP_FUNCTIONS_FUNCTIONS: Readonly<Record<string, unknown>> = {
  partition(array: unknown, size: unknown): unknown[][] {
    if (!Array.isArray(array)) throw new Error('$partition expects an array as its first argument');
    if (typeof size !== 'number' || !Number.isInteger(size) || size <= 0) {
      throw new Error('$partition expects a positive integer chunk size');
    }
    const chunks: unknown[][] = [];
    for (let start = 0; start < array.length; start += size) chunks.push(array.slice(start, start + size));
    return chunks;
  },
  // A JSONata sequence, as Step Functions' own $range returns: one value comes out as that value
  // (`$range(1, 9, 9)` is 1, not [1]), none as nothing.
  range(start: unknown, end: unknown, step: unknown): number[] {
    if (typeof start !== 'number' || typeof end !== 'number' || typeof step !== 'number' || step === 0) {
      throw new Error('$range expects numbers start, end and a non-zero step');
    }
    const values: number[] & { sequence?: true } = [];
    for (let value = start; step > 0 ? value <= end : value >= end; value += step) values.push(value);
    values.sequence = true;
    return values;
  },
  hash(data: unknown, algorithm: unknown): string {
    const name = typeof algorithm === 'string' ? HASH_ALGORITHMS[algorithm] : undefined;
    if (!name) throw new Error(`$hash supports ${Object.keys(HASH_ALGORITHMS).join(', ')}`);
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    return createHash(name).update(text).digest('hex');
  },
  random(): number {
    return Math.random();
  },
  uuid(): string {
    return randomUUID();
  },
  parse(text: unknown): unknown {
    if (typeof text !== 'string') throw new Error('$parse expects a string');
    return JSON.parse(text) as unknown;
  },
  // Step Functions removes $eval; a local run that allowed it would pass where AWS fails.
  eval(): never {
    throw new Error('$eval is not available in Step Functions; use $parse');
  },
};
