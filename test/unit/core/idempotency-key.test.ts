import { describe, expect, it } from 'vitest';
import {
  checkIdempotencyKey,
  IDEMPOTENCY_HEADER,
  IDEMPOTENCY_KEY_MAX_LENGTH,
} from '#core/idempotency-key.ts';
import { ValidationError } from '#shared/errors.ts';

/** The field errors `checkIdempotencyKey` throws for `key`, or undefined when it passes. */
function fieldErrors(key: string, locale: 'nl' | 'en' = 'nl') {
  try {
    checkIdempotencyKey(key, locale);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fieldErrors;
  }
}

const INVALID = 'Deze waarde klopt niet; controleer wat je hebt ingevuld.';

describe('checkIdempotencyKey', () => {
  it('answers the key trimmed, up to the longest allowed', () => {
    expect(checkIdempotencyKey('  create-eva-2026-03\t', 'nl')).toBe('create-eva-2026-03');
    const longest = 'k'.repeat(IDEMPOTENCY_KEY_MAX_LENGTH);
    expect(checkIdempotencyKey(longest, 'en')).toBe(longest);
  });

  it.each([
    ['blank', '   ', 'Vul dit veld in.'],
    [
      'too long',
      'k'.repeat(IDEMPOTENCY_KEY_MAX_LENGTH + 1),
      `Gebruik hoogstens ${IDEMPOTENCY_KEY_MAX_LENGTH} tekens.`,
    ],
    ['with a space inside', 'two words', INVALID],
    ['not ASCII', 'sleutel-é', INVALID],
  ])('refuses a key that is %s, naming the header, in Dutch by default', (_case, key, message) => {
    const errors = fieldErrors(key);
    expect(errors).toHaveLength(1);
    expect(errors![0]!.path).toBe(IDEMPOTENCY_HEADER);
    expect(errors![0]!.message).toBe(message);
  });

  it('speaks English when asked', () => {
    expect(fieldErrors('', 'en')![0]!.message).toBe('Fill in this field.');
  });
});
