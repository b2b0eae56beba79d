/**
 * The message catalogue: every text a person reads, in Dutch (the default) and English.
 * Messages live in groups under ./i18n/ (one file per area: validation, labels, later mail and
 * pages); a group declares both locales side by side so they are edited together.
 */
import {
  LOCALES,
  type Locale,
  type Phase,
  type Role,
  type TaskKind,
  type TrajectoryStatus,
} from '#core/model.ts';
import type { MessageGroup } from './i18n/define.ts';
import { actionMessages } from './i18n/actions.ts';
import { labelMessages } from './i18n/labels.ts';
import { mailMessages } from './i18n/mails.ts';
import { validationMessages } from './i18n/validation.ts';
import { httpMessages } from './i18n/http.ts';
import { eventMessages } from './i18n/events.ts';
import { localMessages } from './i18n/local.ts';
import { webMessages } from './i18n/web.ts';
import { dashboardMessages } from './i18n/dashboard.ts';
import { completenessMessages } from './i18n/completeness.ts';
import { evidenceMessages } from './i18n/evidence.ts';
import { inviteMessages } from './i18n/invites.ts';
import { signInMessages } from './i18n/sign-in.ts';
import { pauseMessages } from './i18n/pause.ts';
import { exportMessages } from './i18n/export.ts';

export { defineMessages, type MessageGroup } from './i18n/define.ts';

/** Every group; a new group is imported above and added here. */
export const MESSAGE_GROUPS = [
  validationMessages,
  eventMessages,
  labelMessages,
  httpMessages,
  localMessages,
  mailMessages,
  actionMessages,
  webMessages,
  dashboardMessages,
  evidenceMessages,
  completenessMessages,
  signInMessages,
  inviteMessages,
  pauseMessages,
  exportMessages,
] as const;

type KeysOf<G> = G extends MessageGroup<infer K> ? K : never;
export type MessageKey = KeysOf<(typeof MESSAGE_GROUPS)[number]>;

export type MessageParams = Record<string, string | number>;

export const DEFAULT_LOCALE: Locale = 'nl';

function merge(locale: Locale): Record<MessageKey, string> {
  return Object.assign({}, ...MESSAGE_GROUPS.map((group) => group[locale])) as Record<MessageKey, string>;
}

export const CATALOGUE: Record<Locale, Record<MessageKey, string>> = { nl: merge('nl'), en: merge('en') };

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(CATALOGUE[DEFAULT_LOCALE], value);
}

/**
 * The text for `key` in `locale` with `{placeholders}` filled from `params`. A placeholder without
 * a value stays visible rather than failing: a mail with `{name}` in it beats no mail at all.
 */
export function t(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = CATALOGUE[locale]?.[key] ?? CATALOGUE[DEFAULT_LOCALE][key] ?? key;
  if (!params) return template;
  return template.replace(/\{([\w-]+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : placeholder,
  );
}

export const taskTitleKey = (kind: TaskKind): MessageKey => `task.${kind}.title`;
export const phaseKey = (phase: Phase): MessageKey => `phase.${phase}`;
export const statusKey = (status: TrajectoryStatus): MessageKey => `status.${status}`;
export const roleKey = (role: Role): MessageKey => `role.${role}`;

function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/**
 * The best supported locale for an `Accept-Language` header (RFC 9110): highest quality first,
 * the header's order among equals; `en-GB` counts as `en`, `*` as the fallback. Anything
 * unparseable is ignored rather than rejected, since browsers and scripts send odd headers.
 */
export function pickLocale(acceptLanguage: string | undefined, fallback: Locale = DEFAULT_LOCALE): Locale {
  if (!acceptLanguage) return fallback;
  let best: { locale: Locale; q: number } | undefined;
  for (const range of acceptLanguage.split(',')) {
    const [tag = '', ...params] = range.split(';');
    const language = tag.trim().toLowerCase().split('-')[0] ?? '';
    let q = 1;
    for (const param of params) {
      const match = /^\s*q\s*=(.*)$/i.exec(param);
      // A quality that is not a number makes the whole range unusable (NaN fails the check below).
      if (match) q = /^\s*[0-9.]+\s*$/.test(match[1] ?? '') ? Number(match[1]) : NaN;
    }
    if (!(q > 0 && q <= 1)) continue;
    const locale = language === '*' ? fallback : isLocale(language) ? language : undefined;
    if (locale && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale ?? fallback;
}
