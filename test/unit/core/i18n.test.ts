import { describe, expect, it } from 'vitest';
import { LOCALES, PHASES, ROLES, STATUSES, TASK_KINDS, type Locale } from '#core/model.ts';
import {
  CATALOGUE,
  MESSAGE_GROUPS,
  defineMessages,
  isMessageKey,
  phaseKey,
  pickLocale,
  roleKey,
  statusKey,
  t,
  taskTitleKey,
} from '#shared/i18n/catalogue.ts';

const placeholders = (text: string) => [...text.matchAll(/\{([\w-]+)\}/g)].map((m) => m[1]).sort();

describe('message catalogue', () => {
  it('has exactly the same keys in every locale', () => {
    const dutch = Object.keys(CATALOGUE.nl).sort();

    for (const locale of LOCALES) expect(Object.keys(CATALOGUE[locale]).sort()).toEqual(dutch);
  });

  it('uses the same placeholders for a key in every locale', () => {
    for (const key of Object.keys(CATALOGUE.nl) as (keyof typeof CATALOGUE.nl)[]) {
      for (const locale of LOCALES) {
        expect({ key, locale, placeholders: placeholders(CATALOGUE[locale][key]) }).toEqual({
          key,
          locale,
          placeholders: placeholders(CATALOGUE.nl[key]),
        });
      }
    }
  });

  it('has no empty message', () => {
    for (const locale of LOCALES) {
      for (const [key, text] of Object.entries(CATALOGUE[locale]))
        expect({ key, text: text.trim() }).not.toEqual({ key, text: '' });
    }
  });

  it.each([
    ['nl', 'Nederlandse tijd', /amsterdam|\b(?!nederlandse)\w+ tijd\)|\b(CET|CEST)\b/i],
    ['en', 'Dutch time', /amsterdam|\b(?!dutch)\w+ time\)|\b(CET|CEST)\b/i],
  ] as const)('names the time zone one way in %s: "%s"', (locale, wording, other) => {
    const texts = Object.entries(CATALOGUE[locale]);
    expect(texts.some(([, text]) => text.includes(`(${wording})`))).toBe(true);
    for (const [key, text] of texts)
      expect({ key, other: other.exec(text)?.[0] }).toEqual({ key, other: undefined });
  });

  it('has no key in two groups, where one would silently overwrite the other', () => {
    const keysPerGroup = MESSAGE_GROUPS.flatMap((group) => Object.keys(group.nl));

    expect(new Set(keysPerGroup).size).toBe(keysPerGroup.length);
    expect(Object.keys(CATALOGUE.nl)).toHaveLength(keysPerGroup.length);
  });

  it('names every task kind, phase, status and role in both languages', () => {
    const keys = [
      ...TASK_KINDS.map(taskTitleKey),
      ...PHASES.map(phaseKey),
      ...STATUSES.map(statusKey),
      ...ROLES.map(roleKey),
    ];

    for (const key of keys) {
      expect(isMessageKey(key)).toBe(true);
      expect(t('nl', key)).not.toBe(t('en', key));
    }
  });

  it('lets the compiler catch a group whose locales drift apart', () => {
    const group = defineMessages({
      nl: { 'example.a': 'a', 'example.b': 'b' },
      // @ts-expect-error: `en` misses `example.b`
      en: { 'example.a': 'a' },
    });

    expect(Object.keys(group.nl)).toHaveLength(2);
  });
});

describe('t', () => {
  it('speaks Dutch and English', () => {
    expect(t('nl', 'validation.email')).toBe('Vul een geldig e-mailadres in.');
    expect(t('en', 'validation.email')).toBe('Enter a valid email address.');
  });

  it('fills placeholders', () => {
    expect(t('nl', 'validation.tooLong', { max: 200 })).toBe('Gebruik hoogstens 200 tekens.');
    expect(t('en', 'validation.goalMissing', { number: 2 })).toBe(
      'Goal 2 is missing; fill in something for every goal.',
    );
  });

  it('leaves a placeholder without a value visible', () => {
    expect(t('en', 'validation.tooLong', { min: 3 })).toBe('Use at most {max} characters.');
  });

  it('fills a value that looks like a placeholder literally', () => {
    expect(t('en', 'validation.choice', { options: '{max}, $&' })).toBe(
      'Choose one of these options: {max}, $&.',
    );
  });

  it('falls back to Dutch for an unknown locale', () => {
    expect(t('de' as Locale, 'phase.plan')).toBe('Verbeterplan');
  });

  it('knows its own keys only', () => {
    expect(isMessageKey('validation.email')).toBe(true);
    expect(isMessageKey('validation.nope')).toBe(false);
    expect(isMessageKey('toString')).toBe(false);
  });
});

describe('pickLocale', () => {
  it.each<[string | undefined, Locale]>([
    [undefined, 'nl'],
    ['', 'nl'],
    ['en', 'en'],
    ['EN', 'en'],
    ['nl-NL', 'nl'],
    ['en-GB,en;q=0.9', 'en'],
    ['fr, en;q=0.5', 'en'],
    ['en;q=0.5, nl;q=0.8', 'nl'],
    ['en, nl', 'en'],
    ['nl;q=0.7, en;q=0.7', 'nl'],
    ['de', 'nl'],
    ['en;q=0', 'nl'],
    ['en;q=0, nl;q=0.1', 'nl'],
    ['en;q=abc', 'nl'],
    ['en;q=1.5', 'nl'],
    ['*', 'nl'],
    ['en;q=0.8, *;q=0.9', 'nl'],
    [';;;,,', 'nl'],
    ['  en-US ; q=0.4 , fr', 'en'],
  ])('%j → %s', (header, expected) => {
    expect(pickLocale(header)).toBe(expected);
  });

  it('uses the given fallback when nothing matches', () => {
    expect(pickLocale('de-DE, fr;q=0.5', 'en')).toBe('en');
    expect(pickLocale(undefined, 'en')).toBe('en');
    expect(pickLocale('*', 'en')).toBe('en');
  });
});
