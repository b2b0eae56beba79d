import type { Locale } from './locale.ts';

/** One group of messages (validation, labels, mail, ...) in every locale, keyed alike. */
export type MessageGroup<K extends string> = Record<Locale, Record<K, string>>;

/**
 * Declares a message group. Keys are inferred from `nl` (the default language) only, so the
 * compiler rejects an `en` that misses a key or adds one: the locales cannot drift apart.
 * Call it with a `@__PURE__` annotation: so marked, a bundle drops every group that none of its
 * modules uses (esbuild honours the annotation at the call, not on the function).
 */
export function defineMessages<K extends string>(group: {
  nl: Record<K, string>;
  en: Record<NoInfer<K>, string>;
}): MessageGroup<K> {
  return group;
}
