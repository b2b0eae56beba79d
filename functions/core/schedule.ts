/**
 * The calendar of a trajectory: defaults, due times and planned dates. People live in
 * Europe/Amsterdam, so days are counted on the Amsterdam calendar and converted to UTC instants
 * with Intl (the runtime's time-zone database), which keeps every rule right across DST.
 */
import type { Schedule, TaskKind } from './model.ts';

export const TIME_ZONE = 'Europe/Amsterdam';
/** Deadlines fall at the end of a working day, so "within 5 days" includes the fifth day. */
export const DUE_HOUR = 17;
/** Planned moments (follow-ups, term end, aftercare) open at the start of their working day. */
export const START_HOUR = 9;

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

export const DEFAULT_SCHEDULE: Schedule = Object.freeze({
  identifyDueDays: 5,
  conversationDueDays: 7,
  planDueDays: 14,
  approvalDueDays: 3,
  employeeResponseDueDays: 3,
  followUpEveryDays: 14,
  followUpDueDays: 3,
  termWeeks: 12,
  reminderHoursBefore: 48,
  escalationGraceDays: 3,
  aftercareWeeks: 4,
});

/** The defaults with a trajectory's overrides on top; absent or `undefined` keys keep the default. */
export function resolveSchedule(overrides?: Partial<Schedule>): Schedule {
  const schedule: Schedule = { ...DEFAULT_SCHEDULE };
  for (const key of Object.keys(DEFAULT_SCHEDULE) as (keyof Schedule)[]) {
    const value = overrides?.[key];
    if (value !== undefined) schedule[key] = value;
  }
  return schedule;
}

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

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instant: Date): WallClock {
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
  const wall = wallClock(new Date(instantMs));
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return wallAsUtc - (instantMs - (((instantMs % 1000) + 1000) % 1000));
}

/** The Amsterdam calendar date (YYYY-MM-DD) of an instant. */
export function amsterdamDate(instant: Date): string {
  const { year, month, day } = wallClock(instant);
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

export function isWeekend(date: string): boolean {
  const weekday = new Date(parseYmd(date)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/**
 * Saturday and Sunday move to the next Monday. Forward, never back: moving a deadline to the
 * Friday before would take time away from the person it was given to. Public holidays are not
 * skipped; they differ per employer (collective agreements) and HR can extend a task.
 */
export function toWorkday(date: string): string {
  let day = date;
  while (isWeekend(day)) day = addDays(day, 1);
  return day;
}

function assertWholeDays(days: number, what: string): void {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`${what} must be a whole number ≥ 0, got ${days}`);
}

// ---------------------------------------------------------------------------------------------
// Due times and the calendar of a trajectory

/**
 * The deadline for something given at `from` with `days` to do it: 17:00 Amsterdam time on the
 * `days`-th calendar day after `from`'s Amsterdam date, moved to Monday if that is a weekend day.
 * Calendar days, not working days, because that is how the schedule's numbers are understood
 * ("within 5 days"); only the last day is moved, so the person never gets less time.
 */
export function dueAt(from: Date, days: number): Date {
  assertWholeDays(days, 'days');
  return atAmsterdamTime(toWorkday(addDays(amsterdamDate(from), days)), DUE_HOUR);
}

/** The moment a planned date's task opens: 09:00 Amsterdam time on that date. */
export function startOfWorkday(date: string): Date {
  return atAmsterdamTime(date, START_HOUR);
}

/** The last date of a term of `weeks` starting at `start` (a working day). */
export function termEndDate(start: Date, weeks: number): string {
  assertWholeDays(weeks, 'weeks');
  return toWorkday(addDays(amsterdamDate(start), weeks * 7));
}

/**
 * When the term that starts at `start` ends and the evaluation opens: the start of the working
 * day `weeks` weeks later. An extended term starts where the previous one ended:
 * `termEnd(previousEnd, extendWeeks)`.
 */
export function termEnd(start: Date, weeks: number): Date {
  return startOfWorkday(termEndDate(start, weeks));
}

/**
 * The planned follow-up dates of a term: every `followUpEveryDays` after the term's start, on a
 * working day, strictly before the term's last date (that day belongs to the evaluation).
 * Two dates that land on the same Monday (e.g. every 1 day) count once.
 */
export function followUpDates(
  termStart: Date,
  schedule: Pick<Schedule, 'followUpEveryDays' | 'termWeeks'>,
): string[] {
  const every = schedule.followUpEveryDays;
  if (!Number.isInteger(every) || every < 1)
    throw new RangeError(`followUpEveryDays must be ≥ 1, got ${every}`);
  const first = amsterdamDate(termStart);
  const last = termEndDate(termStart, schedule.termWeeks);
  const dates: string[] = [];
  for (let k = 1; ; k++) {
    const date = toWorkday(addDays(first, k * every));
    if (date >= last) break;
    if (dates.at(-1) !== date) dates.push(date);
  }
  return dates;
}

/** The date of the aftercare conversation: `aftercareWeeks` after the decision, on a working day. */
export function aftercareDate(decidedAt: Date, schedule: Pick<Schedule, 'aftercareWeeks'>): string {
  assertWholeDays(schedule.aftercareWeeks, 'aftercareWeeks');
  return toWorkday(addDays(amsterdamDate(decidedAt), schedule.aftercareWeeks * 7));
}

/** How many days each kind of task gets. Evaluation and aftercare are reported like a follow-up. */
export function dueDaysFor(kind: TaskKind, schedule: Schedule): number {
  switch (kind) {
    case 'identify':
      return schedule.identifyDueDays;
    case 'conversation':
      return schedule.conversationDueDays;
    case 'employee-response':
      return schedule.employeeResponseDueDays;
    case 'plan':
      return schedule.planDueDays;
    case 'plan-approval':
    case 'plan-acknowledgement':
    case 'decision-confirmation':
      return schedule.approvalDueDays;
    case 'follow-up':
    case 'evaluation':
    case 'aftercare':
      return schedule.followUpDueDays;
  }
}

/**
 * The due time of a task opened at `openedAt`. A follow-up is due `followUpDueDays` after its
 * planned date; should it open later than planned (the workflow was held up), the period counts
 * from the opening instead, so nobody is handed a deadline that has already passed.
 */
export function dueForTask(kind: TaskKind, openedAt: Date, schedule: Schedule, plannedOn?: string): Date {
  const planned = kind === 'follow-up' && plannedOn !== undefined ? startOfWorkday(plannedOn) : openedAt;
  const from = planned.getTime() > openedAt.getTime() ? planned : openedAt;
  return dueAt(from, dueDaysFor(kind, schedule));
}

// ---------------------------------------------------------------------------------------------
// Pause and resume: while an employee is ill, the trajectory's clock stands still.

/** An ISO instant moved by `ms` milliseconds. */
export function shiftIso(iso: string, ms: number): string {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) throw new RangeError(`Not an ISO instant: ${iso}`);
  return new Date(instant + ms).toISOString();
}

/** Milliseconds since midnight on Amsterdam's wall clock. */
function timeOfDay(instant: Date): number {
  const { hour, minute, second } = wallClock(instant);
  return ((hour * 60 + minute) * 60 + second) * 1000 + instant.getUTCMilliseconds();
}

/**
 * The number of days a pause takes off the calendar: its length in whole Amsterdam calendar
 * days, rounded up, so a pause of an afternoon still gives a full day back and nobody loses time
 * by it. Counted on the calendar rather than in 24-hour blocks, so a pause across a DST switch
 * (a day of 23 or 25 hours) gives back exactly the days it spanned.
 */
export function pausedDays(pausedAt: Date, resumedAt: Date): number {
  if (resumedAt.getTime() <= pausedAt.getTime()) return 0;
  const days = (parseYmd(amsterdamDate(resumedAt)) - parseYmd(amsterdamDate(pausedAt))) / DAY_MS;
  return days + (timeOfDay(resumedAt) > timeOfDay(pausedAt) ? 1 : 0);
}

/**
 * The same Amsterdam wall-clock time `days` calendar days after `instant` (17:00 stays 17:00
 * across DST), moved to Monday if it lands on a weekend, like any deadline.
 */
export function sameTimeDaysLater(instant: Date, days: number): Date {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Not a valid instant');
  const { hour, minute } = wallClock(instant);
  return atAmsterdamTime(toWorkday(addDays(amsterdamDate(instant), days)), hour, minute);
}

/** A pending due time (ISO) after a pause of `days`. */
export function shiftDueAt(due: string, days: number): string {
  return sameTimeDaysLater(new Date(due), days).toISOString();
}

/** A planned calendar date (follow-up, aftercare) after a pause of `days`, off the weekend. */
export function shiftDate(date: string, days: number): string {
  return toWorkday(addDays(date, days));
}
