/**
 * Validation with asl-validator, made affordable. asl-validator 4 builds a fresh Ajv instance on
 * every call and so recompiles all of its JSON schemas each time: about a second per definition,
 * which every engine start and every test would pay. During our own (synchronous) calls we hand it
 * one shared Ajv per option set instead, so the schemas compile once per process. The verdicts are
 * asl-validator's own; a definition text already judged is answered from memory.
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
  const result = withSharedAjv(() => aslValidator(structuredClone(definition), OPTIONS));
  const verdict = { isValid: result.isValid, errorsText: result.errorsText('; ') };
  verdicts.set(text, verdict);
  return verdict;
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
