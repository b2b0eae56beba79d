/**
 * Validation with zod, answered in a person's language: `parseBody` checks a value against a
 * schema and turns zod's issues into field errors a person can act on. It sits below the core
 * (functions/core/schemas.ts holds the request schemas and re-exports it) so that the HTTP
 * plumbing in this folder can validate a body without importing the core.
 */
import type * as z from 'zod';
import type { FieldError } from './errors.ts';
import { type MessageParams, translator } from './i18n/catalogue.ts';
import { evidenceMessages } from './i18n/evidence.ts';
import type { Locale } from './i18n/locale.ts';
import { validationMessages } from './i18n/validation.ts';

// The schemas name their own messages by key from these groups (functions/core/schemas.ts).
const t = /* @__PURE__ */ translator(validationMessages, evidenceMessages);
type MessageKey = Parameters<typeof t>[1];

export type ParseResult<T> = { ok: true; value: T } | { ok: false; fieldErrors: FieldError[] };

const joinPath = (path: readonly PropertyKey[]) => path.map(String).join('.');

/** The catalogue key and parameters that explain an issue to a person. */
function messageFor(issue: z.core.$ZodIssue): [MessageKey, MessageParams?] {
  if (t.has(issue.message)) {
    return [issue.message];
  }
  switch (issue.code) {
    case 'invalid_type':
      if (issue.path.length === 0 && issue.expected === 'object') return ['validation.body'];
      if (issue.input === undefined || issue.input === null) return ['validation.required'];
      if (issue.expected === 'string') return ['validation.text'];
      if (issue.expected === 'int') {
        return typeof issue.input === 'number' ? ['validation.wholeNumber'] : ['validation.number'];
      }
      if (issue.expected === 'number') return ['validation.number'];
      if (issue.expected === 'array') return ['validation.list'];
      if (issue.expected === 'object')
        return issue.path.length === 0 ? ['validation.body'] : ['validation.group'];
      return ['validation.invalid'];
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string')
        return min <= 1 ? ['validation.required'] : ['validation.tooShort', { min }];
      if (issue.origin === 'array') return ['validation.listMin', { min }];
      if (issue.origin === 'number' || issue.origin === 'int') return ['validation.numberMin', { min }];
      return ['validation.invalid'];
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return ['validation.tooLong', { max }];
      if (issue.origin === 'array') return ['validation.listMax', { max }];
      if (issue.origin === 'number' || issue.origin === 'int') return ['validation.numberMax', { max }];
      return ['validation.invalid'];
    }
    case 'invalid_format':
      return issue.format === 'email' ? ['validation.email'] : ['validation.invalid'];
    case 'invalid_value':
      // A fixed set of values is a choice on the form (radio buttons, a list): ask for one.
      if (issue.input === undefined || issue.input === null) return ['validation.chooseOne'];
      return ['validation.choice', { options: issue.values.map(String).join(', ') }];
    default:
      return ['validation.invalid'];
  }
}

/** zod issues as field errors in `locale`, one per field and message. */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[], locale: Locale): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const add = (path: string, message: string) => {
    const id = `${path}\u0000${message}`;
    if (!seen.has(id)) {
      seen.add(id);
      errors.push({ path, message });
    }
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add(joinPath([...issue.path, key]), t(locale, 'validation.unknownField'));
      continue;
    }
    const [key, params] = messageFor(issue);
    add(joinPath(issue.path), t(locale, key, params));
  }
  return errors;
}

/** Validates `body` against `schema`; field errors come in `locale`. */
export function parseBody<S extends z.ZodType>(
  schema: S,
  body: unknown,
  locale: Locale,
): ParseResult<z.output<S>> {
  // `reportInput` keeps each issue's input, which tells a missing field from a wrong one.
  const result = schema.safeParse(body, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, fieldErrors: toFieldErrors(result.error.issues, locale) };
}
