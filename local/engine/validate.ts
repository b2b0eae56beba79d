/**
 * Validation with asl-validator, made affordable. asl-validator 4 builds a fresh Ajv instance on
 * every call and so recompiles all of its JSON schemas each time: about a second per definition,
 * which every engine start and every test would pay. During our own (synchronous) calls we hand it
 * one shared Ajv per option set instead, so the schemas compile once per process. The verdicts are
 * asl-validator's own, except for the two rules of its schema that are stricter than the ASL
 * specification (see `withSpecLiterals`); a definition text already judged is answered from memory.
 */
import { createRequire } from 'node:module';
import aslValidator from 'asl-validator';

export interface AslVerdict {
  isValid: boolean;
  errorsText: string;
}

const OPTIONS = { checkArn: true, checkPaths: true } as const;

interface AjvLike {
  getKeyword(keyword: string): unknown;
  addKeyword(definition: { keyword?: string | string[] } | string): unknown;
}
type AjvConstructor = new (options: unknown) => AjvLike;

const requireFromValidator = createRequire(createRequire(import.meta.url).resolve('asl-validator'));
const ajvModule = requireFromValidator('ajv') as { default?: AjvConstructor };
const verdicts = new Map<string, AslVerdict>();
let shared: AjvLike | undefined;

export function validateAsl(definition: object): AslVerdict {
  const text = JSON.stringify(definition);
  const known = verdicts.get(text);
  if (known) return known;
  // asl-validator mutates its input (it fills in QueryLanguage): it gets a copy.
  const result = withSharedAjv(() =>
    aslValidator(withSpecLiterals(structuredClone(definition) as Json), OPTIONS),
  );
  const verdict = { isValid: result.isValid, errorsText: result.errorsText('; ') };
  verdicts.set(text, verdict);
  return verdict;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * asl-validator 4's schema refuses two things the ASL specification allows and AWS runs, in
 * JSONata states:
 * - an `Output` that is a plain JSON literal (`null`, a number, a boolean, a string, an array):
 *   the specification lets Output be any JSON value, in which `{% %}` strings are expressions;
 *   the schema wants an object or one expression;
 * - a Choice rule whose `Condition` is the literal `true` or `false`: the specification lets a
 *   Condition be a boolean or an expression that evaluates to one; the schema wants a string.
 * These values are put out of the schema's sight (an empty object, an equivalent expression) in
 * the copy it judges; everything else it judges as it is. The engine compiles the real values
 * itself, and refuses an invalid expression anywhere in them by name.
 */
function withSpecLiterals(definition: Json): Json {
  if (!isObject(definition.States)) return definition;
  const topLanguage = definition.QueryLanguage ?? 'JSONPath';
  for (const state of Object.values(definition.States)) {
    if (!isObject(state) || (state.QueryLanguage ?? topLanguage) !== 'JSONata') continue;
    if ('Output' in state && !isObject(state.Output) && !looksLikeExpression(state.Output)) {
      state.Output = {};
    }
    if (state.Type === 'Choice' && Array.isArray(state.Choices)) {
      for (const rule of state.Choices) {
        if (isObject(rule) && typeof rule.Condition === 'boolean') {
          rule.Condition = `{% ${String(rule.Condition)} %}`;
        }
      }
    }
  }
  return definition;
}

/** A `{%...%}` string: left to the schema, which checks that it parses. */
function looksLikeExpression(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('{%') && value.endsWith('%}');
}

function withSharedAjv<T>(validate: () => T): T {
  const found = ajvModule.default;
  if (typeof found !== 'function') return validate();
  const Original: AjvConstructor = found;
  // asl-validator reads `require("ajv").default` at each call, so swapping it for the duration of
  // the call reaches exactly that call and nothing else in the process.
  function SharedAjv(options: unknown): AjvLike {
    shared ??= new Original(options);
    return dedupingKeywords(shared);
  }
  SharedAjv.prototype = Original.prototype;
  ajvModule.default = SharedAjv as unknown as AjvConstructor;
  try {
    return validate();
  } catch {
    // Whatever went wrong with the shared instance, the plain path still gives the verdict.
    shared = undefined;
    ajvModule.default = Original;
    return validate();
  } finally {
    ajvModule.default = Original;
  }
}

/** ajv-formats adds its keywords to every instance it is given; a second time would throw. */
function dedupingKeywords(ajv: AjvLike): AjvLike {
  return new Proxy(ajv, {
    get(target, property, receiver) {
      if (property === 'addKeyword') {
        return (definition: { keyword?: string | string[] } | string) => {
          const keyword = typeof definition === 'string' ? definition : definition.keyword;
          const names = Array.isArray(keyword) ? keyword : keyword ? [keyword] : [];
          if (names.length > 0 && names.every((name) => target.getKeyword(name))) return receiver;
          return target.addKeyword(definition);
        };
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
    set(target, property, value) {
      return Reflect.set(target, property, value, target);
    },
  });
}
