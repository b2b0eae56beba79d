/**
 * The key that makes starting a trajectory safe to retry (draft-ietf-httpapi-idempotency-key-header):
 * sent as the `Idempotency-Key` header of `POST /trajectories`, or carried by the dashboard's
 * start form. Both are checked by the same rules, and a bad key is a field error named after the
 * header either way, so the JSON route, the form and docs/openapi.json can never disagree.
 */
import { ValidationError } from '#shared/errors.ts';
import { translator } from '#shared/i18n/catalogue.ts';
import { validationMessages } from '#shared/i18n/validation.ts';
import type { Locale } from './model.ts';

/** The header's name, and the path of a key's field errors. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;
/** Printable ASCII without spaces, once trimmed. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]+$/;

const t = /* @__PURE__ */ translator(validationMessages);

/**
 * The key a caller sent (or the dashboard's start form carries), trimmed; a `ValidationError`
 * naming the header when it is blank, too long or not printable ASCII.
 */
export function checkIdempotencyKey(key: string, locale: Locale): string {
  const trimmed = key.trim();
  const fail = (message: string) => new ValidationError([{ path: IDEMPOTENCY_HEADER, message }], message);
  if (!trimmed) throw fail(t(locale, 'validation.required'));
  if (trimmed.length > IDEMPOTENCY_KEY_MAX_LENGTH) {
    throw fail(t(locale, 'validation.tooLong', { max: IDEMPOTENCY_KEY_MAX_LENGTH }));
  }
  if (!IDEMPOTENCY_KEY_PATTERN.test(trimmed)) throw fail(t(locale, 'validation.invalid'));
  return trimmed;
}
