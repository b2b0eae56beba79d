/**
 * The Amsterdam calendar and its working days: Monday to Friday, except the Dutch public holidays.
 * Nobody is mailed on a day that is not a working day, and no deadline or planned date falls on
 * one: a checkpoint that lands there waits for 09:00 Amsterdam time on the next working day.
 *
 * The wall-clock helpers live here rather than in schedule.ts because working days need them and
 * schedule.ts needs working days: this module sits below it, and schedule.ts re-exports them.
 * People live in Europe/Amsterdam, so days are counted on the Amsterdam calendar and converted to
 * UTC instants with Intl (the runtime's time-zone database), which keeps every rule right across
 * DST.
 *
 * The holidays come from date-holidays, a maintained library, not from a list of our own. Its
 * default entry carries the rules of every country (some 450 KB minified in each function's
 * bundle), so this module runs the library's own rule parser, date-holidays-parser, on the
 * Netherlands' rules alone (see `NL_PUBLIC_HOLIDAY_RULES`). The parser still imports, at module
 * scope, what other countries' calendars need (moment-timezone's data, astronomia's planetary
 * tables: some 950 KB minified, about 100 ms of a cold start); the Dutch rules call none of it,
 * so a bundler alias can replace those packages with stand-ins, as done for fontkit.
 */
// @ts-expect-error -- date-holidays-parser ships no type declarations; the part used is typed below.
import HolidaysParserModule from 'date-holidays-parser';

export const TIME_ZONE = 'Europe/Amsterdam';
/** Planned moments (follow-ups, term end, aftercare) and held mail start at 09:00 on a working day. */
export const START_HOUR = 9;

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

// ---------------------------------------------------------------------------------------------
// Amsterdam wall clock <-> UTC

// Made on first use, not at module scope: the first formatter with a time zone loads ICU's
// time-zone data, some 20 ms of every cold start of every function importing this module,
// while many of them never convert a time.
let wallClockFormat: Intl.DateTimeFormat | undefined;
const wallClockFormatter = (): Intl.DateTimeFormat =>
  (wallClockFormat ??= new Intl.DateTimeFormat('en-US', {
    timeZone: TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }));

/** What Amsterdam's clocks and calendar show at an instant. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The Amsterdam date and time of an instant, field by field. */
export function amsterdamWallClock(instant: Date): WallClock {
  const fields: Record<string, number> = {};
  for (const part of wallClockFormatter().formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? NaN,
    month: fields.month ?? NaN,
    day: fields.day ?? NaN,
    hour: fields.hour ?? NaN,
    minute: fields.minute ?? NaN,
    second: fields.second ?? NaN,
  };
}

/** How far Amsterdam's wall clock runs ahead of UTC at `instant` (1 h in winter, 2 h in summer). */
function offsetAt(instantMs: number): number {
  const wall = amsterdamWallClock(new Date(instantMs));
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return wallAsUtc - (instantMs - (((instantMs % 1000) + 1000) % 1000));
}

/** The Amsterdam calendar date (YYYY-MM-DD) of an instant. */
export function amsterdamDate(instant: Date): string {
  const { year, month, day } = amsterdamWallClock(instant);
  return formatYmd(Date.UTC(year, month - 1, day));
}

/**
 * The instant Amsterdam's clocks show `hour:minute` on `date`. The offset is looked up twice
 * because the first guess can sit on the other side of a DST switch; a wall time inside the
 * spring-forward gap (02:00–03:00) resolves to the hour after, but business hours never hit it.
 */
export function atAmsterdamTime(date: string, hour: number, minute = 0): Date {
  const wallAsUtc = parseYmd(date) + hour * HOUR_MS + minute * 60_000;
  const guess = wallAsUtc - offsetAt(wallAsUtc);
  return new Date(wallAsUtc - offsetAt(guess));
}

// ---------------------------------------------------------------------------------------------
// Calendar dates (YYYY-MM-DD, no time zone)

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a YYYY-MM-DD date that exists (no 2027-02-29, no 2026-04-31). */
export function isCalendarDate(value: string): boolean {
  const match = YMD.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const utc = new Date(Date.UTC(y, m - 1, d));
  return utc.getUTCFullYear() === y && utc.getUTCMonth() === m - 1 && utc.getUTCDate() === d;
}

function parseYmd(date: string): number {
  if (!isCalendarDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function formatYmd(utcMidnightMs: number): string {
  return new Date(utcMidnightMs).toISOString().slice(0, 10);
}

/** `date` plus `days` calendar days (negative goes back). */
export function addDays(date: string, days: number): string {
  return formatYmd(parseYmd(date) + days * DAY_MS);
}

/** Calendar days from `from` to `to` (negative when `to` comes first). */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((parseYmd(to) - parseYmd(from)) / DAY_MS);
}

export function isWeekend(date: string): boolean {
  const weekday = new Date(parseYmd(date)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

// ---------------------------------------------------------------------------------------------
// Dutch public holidays

/**
 * The Netherlands' rules of type `public` in date-holidays (data/countries/NL.yaml), verbatim, in
 * the library's own rule language: the library computes every date from them (Easter and the
 * days that follow it, King's Day moved off a Sunday). They are the part of its data this module
 * needs, so that the other countries' rules stay out of every bundle; a unit test holds them equal
 * to the rules of the installed library, so an update of its data cannot pass unnoticed.
 * What the library marks public: New Year's Day, Easter Sunday and Monday, King's Day (Queen's
 * Day before 2014), Ascension Day, Whit Sunday and Monday, Christmas Day and Boxing Day. Good
 * Friday and Liberation Day are `school` there, New Year's Eve `bank`: working days here, as for
 * most employers.
 */
export const NL_PUBLIC_HOLIDAY_RULES: readonly string[] = Object.freeze([
  '01-01',
  'easter',
  'easter 1',
  '04-27 if sunday then previous saturday since 2014',
  '04-30 if sunday then next monday since 1949 and prior to 1980',
  '04-30 if sunday then previous saturday since 1980 and prior to 2014',
  'easter 39',
  'easter 49',
  'easter 50',
  '08-31 since 1885 and prior to 1891',
  '08-31 since 1891 and prior to 1949',
  '12-25',
  '12-26',
]);

/** The part of date-holidays-parser's API used here. */
interface HolidaysParser {
  /** A holiday's `date` is its local start, `YYYY-MM-DD hh:mm:ss`. */
  getHolidays(year: number): { date: string }[];
}
interface HolidaysData {
  holidays: Record<string, { days: Record<string, { name: string; type: 'public' }> }>;
}
type HolidaysParserClass = new (
  data: HolidaysData,
  country: string,
  options: { types: 'public'[] },
) => HolidaysParser;
const HolidaysParserClass: HolidaysParserClass = HolidaysParserModule;

let parser: HolidaysParser | undefined;
/** Made on first use: building the rules costs some 10 ms that a cold start need not pay. */
function holidayParser(): HolidaysParser {
  if (parser === undefined) {
    // Each rule is its own name: the parser keeps one holiday per name and date. No time zone is
    // given, as only the calendar date of a holiday is read (with one, the library would unpack
    // moment-timezone's data to compute start and end instants that nobody here needs).
    const days = Object.fromEntries(
      NL_PUBLIC_HOLIDAY_RULES.map((rule) => [rule, { name: rule, type: 'public' as const }]),
    );
    parser = new HolidaysParserClass({ holidays: { NL: { days } } }, 'NL', { types: ['public'] });
  }
  return parser;
}

/** A year's holidays, computed once per year and process (a few ms each). */
const holidaysByYear = new Map<number, ReadonlySet<string>>();

/** The Dutch public holidays of `year`, as YYYY-MM-DD dates. */
export function publicHolidays(year: number): ReadonlySet<string> {
  if (!Number.isInteger(year)) throw new RangeError(`Not a year: ${year}`);
  let dates = holidaysByYear.get(year);
  if (dates === undefined) {
    const prefix = `${String(year).padStart(4, '0')}-`;
    dates = new Set(
      holidayParser()
        .getHolidays(year)
        .map((holiday) => holiday.date.slice(0, 10))
        .filter((date) => date.startsWith(prefix)),
    );
    holidaysByYear.set(year, dates);
  }
  return dates;
}

/** Whether `date` (YYYY-MM-DD) is a Dutch public holiday. */
export function isPublicHoliday(date: string): boolean {
  parseYmd(date);
  return publicHolidays(Number(date.slice(0, 4))).has(date);
}

// ---------------------------------------------------------------------------------------------
// Working days

/** Whether `date` (YYYY-MM-DD, Amsterdam) is Monday to Friday and no Dutch public holiday. */
export function isWorkingDay(date: string): boolean {
  return !isWeekend(date) && !isPublicHoliday(date);
}

/** `date` itself when it is a working day, otherwise the first working day after it. */
export function workingDayOnOrAfter(date: string): string {
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

function assertWholeDays(days: number): void {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`working days must be a whole number ≥ 0, got ${days}`);
}

/** The `days`-th working day from `date` in `step`'s direction, `date` itself not counted. */
function countWorkingDays(date: string, days: number, step: 1 | -1): string {
  assertWholeDays(days);
  let day = date;
  if (days === 0) {
    while (!isWorkingDay(day)) day = addDays(day, step);
    return day;
  }
  for (let counted = 0; counted < days;) {
    day = addDays(day, step);
    if (isWorkingDay(day)) counted++;
  }
  return day;
}

/**
 * The `days`-th working day after `date`: `date` itself is never counted, so from a Saturday,
 * or from a Friday, one working day later is the Monday (a working day permitting). With 0 days:
 * `date` when it is a working day, otherwise the first working day after it, so the result is
 * always a working day.
 */
export function addWorkingDays(date: string, days: number): string {
  return countWorkingDays(date, days, 1);
}

/**
 * The `days`-th working day before `date`: `date` itself is never counted, so from a Sunday, or
 * from a Monday, one working day earlier is the Friday (a working day permitting). With 0 days:
 * `date` when it is a working day, otherwise the last working day before it.
 */
export function subtractWorkingDays(date: string, days: number): string {
  return countWorkingDays(date, days, -1);
}

/**
 * When a mail or checkpoint meant for `instant` may happen: `instant` itself when its Amsterdam
 * date is a working day; otherwise 09:00 Amsterdam time on the next working day. Nobody is mailed
 * on a Saturday, Sunday or public holiday, and the start of the working day is the first moment
 * someone can act on it. The time of day on a working day is left alone: deadlines are 17:00.
 */
export function nextWorkingMoment(instant: Date): Date {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Not a valid instant');
  const date = amsterdamDate(instant);
  if (isWorkingDay(date)) return instant;
  return atAmsterdamTime(workingDayOnOrAfter(date), START_HOUR);
}
