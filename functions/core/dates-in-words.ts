/**
 * Dates and instants in words, as mails, pages and the dossier show them: an instant as Amsterdam
 * sees it, a calendar date as it is. Its own module, so a page or the dossier that shows a date does
 * not carry the mail composers and their catalogue with it.
 */
import type { Locale } from './model.ts';
import { TIME_ZONE } from './schedule.ts';

export const INTL_LOCALE: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB' };

const instantFormats = new Map<Locale, Intl.DateTimeFormat>();
const dayFormats = new Map<Locale, Intl.DateTimeFormat>();

/** An ISO instant as Amsterdam sees it, e.g. "vrijdag 6 maart 2026 om 17:00". */
export function formatInstant(iso: string, locale: Locale): string {
  let format = instantFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
      timeZone: TIME_ZONE,
      dateStyle: 'full',
      timeStyle: 'short',
    });
    instantFormats.set(locale, format);
  }
  return format.format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD), e.g. "vrijdag 6 maart 2026"; anything else is shown as is. */
export function formatDay(date: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  let format = dayFormats.get(locale);
  if (!format) {
    // UTC on purpose: a calendar date has no time zone, and UTC midnight never shifts the day.
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: 'UTC', dateStyle: 'full' });
    dayFormats.set(locale, format);
  }
  return format.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}
