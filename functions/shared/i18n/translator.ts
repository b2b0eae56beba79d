/**
 * A translator over some message groups: `t(locale, key, params)` for the keys of exactly those
 * groups. Each module that shows text makes one over the groups it uses, so the compiler checks
 * every key against them and a function's bundle holds only the groups its modules name, instead
 * of the whole catalogue (both languages of every group) in every function.
 */
import type { Locale } from './locale.ts';
import type { MessageGroup } from './define.ts';

export type MessageParams = Record<string, string | number>;

/** The keys of a message group, or of a union of groups. */
export type KeysOf<G> = G extends MessageGroup<infer K> ? K : never;

export interface Translator<K extends string> {
  /**
   * The text for `key` in `locale` with `{placeholders}` filled from `params`. A placeholder
   * without a value stays visible rather than failing: a mail with `{name}` in it beats no mail.
   */
  (locale: Locale, key: K, params?: MessageParams): string;
  /** Whether `value` is one of this translator's keys (a message key carried as a string). */
  has(value: string): value is K;
}

/** The language of everything people read unless theirs is known: Dutch. */
export const DEFAULT_LOCALE: Locale = 'nl';

/**
 * A translator over `groups`; the catalogue is merged on the first call. Make it as
 * `const t = translator(...)` with a `@__PURE__` annotation, so a bundle without a use of `t`
 * drops it and the groups it names.
 */
export function translator<const G extends readonly MessageGroup<string>[]>(
  ...groups: G
): Translator<KeysOf<G[number]>> {
  return translatorOver(groups);
}

/**
 * `translator` over a list of groups. A call with a spread argument (`translator(...list)`) is
 * kept by esbuild even when annotated, since spreading may run code; this one is dropped.
 */
export function translatorOver<const G extends readonly MessageGroup<string>[]>(
  groups: G,
): Translator<KeysOf<G[number]>> {
  type K = KeysOf<G[number]>;
  let catalogue: Record<Locale, Record<string, string>> | undefined;
  const merged = () =>
    (catalogue ??= {
      nl: Object.assign({}, ...groups.map((group) => group.nl)) as Record<string, string>,
      en: Object.assign({}, ...groups.map((group) => group.en)) as Record<string, string>,
    });
  const t = (locale: Locale, key: K, params?: MessageParams): string => {
    const all = merged();
    const template = all[locale]?.[key] ?? all[DEFAULT_LOCALE][key] ?? key;
    if (!params) return template;
    return template.replace(/\{([\w-]+)\}/g, (placeholder, name: string) =>
      Object.hasOwn(params, name) ? String(params[name]) : placeholder,
    );
  };
  return Object.assign(t, {
    has: (value: string): value is K => Object.hasOwn(merged()[DEFAULT_LOCALE], value),
  });
}
