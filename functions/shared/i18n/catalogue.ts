/**
 * The message catalogue: every text a person reads, in Dutch (the default) and English.
 * Messages live in groups in this folder (one file per area: validation, labels, later mail and
 * pages); a group declares both locales side by side so they are edited together.
 */
import { LOCALES, type Locale } from './locale.ts';
import { actionMessages } from './actions.ts';
import { labelMessages } from './labels.ts';
import { mailMessages } from './mails.ts';
import { validationMessages } from './validation.ts';
import { httpMessages } from './http.ts';
import { eventMessages } from './events.ts';
import { localMessages } from './local.ts';
import { webMessages } from './web.ts';
import { dashboardMessages } from './dashboard.ts';
import { dashboardWorkMessages } from './dashboard-work.ts';
import { completenessMessages } from './completeness.ts';
import { evidenceMessages } from './evidence.ts';
import { inviteMessages } from './invites.ts';
import { signInMessages } from './sign-in.ts';
import { pauseMessages } from './pause.ts';
import { draftMessages } from './drafts.ts';
import { exportMessages } from './export.ts';
import { retentionMessages } from './retention.ts';
import { filesMessages } from './files.ts';
import { fairMessages } from './fair.ts';
import { planChangeMessages } from './plan-change.ts';

import { DEFAULT_LOCALE, translatorOver, type KeysOf } from './translator.ts';

export { defineMessages, type MessageGroup } from './define.ts';
export {
  DEFAULT_LOCALE,
  translator,
  type KeysOf,
  type MessageParams,
  type Translator,
} from './translator.ts';

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
  dashboardWorkMessages,
  evidenceMessages,
  completenessMessages,
  signInMessages,
  inviteMessages,
  pauseMessages,
  exportMessages,
  retentionMessages,
  filesMessages,
  fairMessages,
  draftMessages,
  planChangeMessages,
] as const;

export type MessageKey = KeysOf<(typeof MESSAGE_GROUPS)[number]>;

function merge(locale: Locale): Record<MessageKey, string> {
  return Object.assign({}, ...MESSAGE_GROUPS.map((group) => group[locale])) as Record<MessageKey, string>;
}

/** Every message in every locale (the catalogue's own tests read it). */
export const CATALOGUE: Record<Locale, Record<MessageKey, string>> = {
  nl: /* @__PURE__ */ merge('nl'),
  en: /* @__PURE__ */ merge('en'),
};

/**
 * A translator over every group, for what may show any message (the local command line, tests).
 * A module of a deployed function makes a translator over the groups it uses instead, so its
 * function's bundle holds those groups only; nothing of the catalogue is bundled unless used.
 */
export const t = /* @__PURE__ */ translatorOver(MESSAGE_GROUPS);

export function isMessageKey(value: string): value is MessageKey {
  return t.has(value);
}

// Typed as the key itself, so a translator over the labels group accepts them: a task kind, a
// phase, a status or a role the labels do not name is a compile error where the key is used.
// Generic over strings, so the catalogue needs nothing from the domain model.
export const taskTitleKey = <T extends string>(kind: T) => `task.${kind}.title` as const;
export const phaseKey = <P extends string>(phase: P) => `phase.${phase}` as const;
export const statusKey = <S extends string>(status: S) => `status.${status}` as const;
export const roleKey = <R extends string>(role: R) => `role.${role}` as const;

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
