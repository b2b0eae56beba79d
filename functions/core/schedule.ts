/**
 * The calendar of a trajectory: defaults, due times and planned dates. Days are counted on the
 * Amsterdam calendar, and every deadline and planned date falls on a working day: Monday to
 * Friday, not a Dutch public holiday (working-days.ts, which also holds the Amsterdam wall-clock
 * helpers re-exported here).
 */
import type { Schedule, TaskKind } from './model.ts';
import {
  START_HOUR,
  addDays,
  addWorkingDays,
  amsterdamDate,
  amsterdamWallClock,
  atAmsterdamTime,
  calendarDaysBetween,
  subtractWorkingDays,
  workingDayOnOrAfter,
} from './working-days.ts';

export {
  START_HOUR,
  TIME_ZONE,
  addDays,
  amsterdamDate,
  atAmsterdamTime,
  isCalendarDate,
  isWeekend,
} from './working-days.ts';

/** Deadlines fall at the end of a working day, so "within 5 days" includes the fifth day. */
export const DUE_HOUR = 17;

export const DEFAULT_SCHEDULE: Required<Schedule> = Object.freeze({
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
  meetingNoticeWorkingDays: 2,
});

/**
 * The defaults with a trajectory's overrides on top; absent or `undefined` keys keep the default.
 * A schedule stored before one of its fields existed reads the same way.
 */
export function resolveSchedule(overrides?: Partial<Schedule>): Required<Schedule> {
  const schedule: Required<Schedule> = { ...DEFAULT_SCHEDULE };
  for (const key of Object.keys(DEFAULT_SCHEDULE) as (keyof Schedule)[]) {
    const value = overrides?.[key];
    if (value !== undefined) schedule[key] = value;
  }
  return schedule;
}

/**
 * How many working days ahead a meeting is announced. Trajectories stored before the setting
 * existed have none: they get the default, like a new trajectory that leaves it out.
 */
export function noticeWorkingDays(schedule: Partial<Schedule>): number {
  return schedule.meetingNoticeWorkingDays ?? DEFAULT_SCHEDULE.meetingNoticeWorkingDays;
}

/**
 * A date on a weekend or a Dutch public holiday moves forward to the next working day. Forward,
 * never back: moving a deadline to the day before would take time away from the person it was
 * given to. Holidays are skipped like weekends because nobody is mailed on them, so nobody could
 * be reminded or escalated to on the day; an employer whose collective agreement gives further
 * days off can still extend a task.
 */
export function toWorkday(date: string): string {
  return workingDayOnOrAfter(date);
}

function assertWholeDays(days: number, what: string): void {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`${what} must be a whole number ≥ 0, got ${days}`);
}

// ---------------------------------------------------------------------------------------------
// Due times and the calendar of a trajectory

/**
 * The deadline for something given at `from` with `days` to do it: 17:00 Amsterdam time on the
 * `days`-th calendar day after `from`'s Amsterdam date, moved to the next working day if that is a
 * weekend day or a public holiday (25 December to the first working day after Boxing Day).
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
 * Two dates that land on the same working day (e.g. every 1 day) count once. A date whose
 * request would have to go out before the term started (`followUpRequestAt`) is left out: its
 * invite could not give the notice. A schedule without `meetingNoticeWorkingDays` (stored before
 * it existed) gives the default notice.
 */
export function followUpDates(
  termStart: Date,
  schedule: Pick<Schedule, 'followUpEveryDays' | 'termWeeks' | 'meetingNoticeWorkingDays'>,
): string[] {
  const every = schedule.followUpEveryDays;
  if (!Number.isInteger(every) || every < 1)
    throw new RangeError(`followUpEveryDays must be ≥ 1, got ${every}`);
  const first = amsterdamDate(termStart);
  const last = termEndDate(termStart, schedule.termWeeks);
  const dates: string[] = [];
  // Dates only grow, and so do their request moments: once one gives the notice, all later do.
  let noticeFits = false;
  for (let k = 1; ; k++) {
    const date = toWorkday(addDays(first, k * every));
    if (date >= last) break;
    noticeFits ||= followUpRequestAt(date, schedule).getTime() >= termStart.getTime();
    if (noticeFits && dates.at(-1) !== date) dates.push(date);
  }
  return dates;
}

/**
 * When a follow-up meeting planned on `plannedOn` is asked for: 09:00 Amsterdam time on the
 * working day `meetingNoticeWorkingDays` working days before it. The request and its calendar
 * invite go out together, so the invite arrives at least that many working days ahead (a Monday
 * meeting with two days' notice: the Thursday before), and nobody is asked at 09:00 for a
 * meeting at 10:00 the same day. The report is still due `followUpDueDays` after the meeting's
 * date (`dueForTask`), whenever the task opened.
 */
export function followUpRequestAt(plannedOn: string, schedule: Partial<Schedule>): Date {
  return atAmsterdamTime(subtractWorkingDays(plannedOn, noticeWorkingDays(schedule)), START_HOUR);
}

/**
 * The most calendar days a date moves forward to reach a working day: Christmas on a Thursday
 * (Thursday, Friday, the weekend, then Monday), or a Saturday before Easter Monday and King's
 * Day on the Tuesday (2038: to Wednesday). A unit test checks it from 1990 to 2100.
 */
const MAX_MOVE_TO_WORKDAY = 4;

/**
 * At most this many public holidays fall on weekdays in any `days` consecutive days: two in a
 * week (Christmas and Boxing Day), three in 49 days (those two and New Year's Day, or King's Day,
 * Ascension and Whit Monday: Easter Monday and Whit Monday are 49 days apart, so a fourth needs a
 * fiftieth day).
 */
function maxWeekdayHolidays(days: number): number {
  if (days <= 1) return Math.max(0, days);
  return days <= 7 ? 2 : 3 * Math.ceil(days / 49);
}

/**
 * The fewest working days that any `days` consecutive calendar days hold, wherever they fall: a
 * lower bound from the worst weekends and holidays the Dutch calendar has (exact or one short up
 * to seven weeks, all a notice of ten working days needs; looser beyond). A unit test checks it
 * against every stretch of the library's calendar from 1990 to 2100.
 */
export function minWorkingDaysIn(days: number): number {
  if (days <= 0) return 0;
  const weekdays = 5 * Math.floor(days / 7) + Math.max(0, (days % 7) - 2);
  return Math.max(0, weekdays - maxWeekdayHolidays(days));
}

/**
 * Whether every term of `schedule` holds at least one follow-up (`followUpDates`), whenever the
 * term starts. A date `k × followUpEveryDays` after the start is planned when, moved to a working
 * day, it still comes before the term's last date, and its request can go out after the start:
 * the working days strictly between the start's date and the meeting's must hold the notice
 * (the start can come late on its day, after that day's 09:00). Both are judged for the worst
 * start, so a schedule refused here may suit some start dates, but one accepted suits all.
 */
export function followUpsFitTerm(
  schedule: Pick<Schedule, 'followUpEveryDays' | 'termWeeks' | 'meetingNoticeWorkingDays'>,
): boolean {
  const every = schedule.followUpEveryDays;
  if (!Number.isInteger(every) || every < 1) return false;
  const notice = noticeWorkingDays(schedule);
  for (let offset = every; offset + MAX_MOVE_TO_WORKDAY < schedule.termWeeks * 7; offset += every) {
    if (minWorkingDaysIn(offset - 1) >= notice) return true;
  }
  return false;
}

/** The date of the aftercare conversation: `aftercareWeeks` after the decision, on a working day. */
export function aftercareDate(decidedAt: Date, schedule: Pick<Schedule, 'aftercareWeeks'>): string {
  assertWholeDays(schedule.aftercareWeeks, 'aftercareWeeks');
  return toWorkday(addDays(amsterdamDate(decidedAt), schedule.aftercareWeeks * 7));
}

/**
 * How many working days the employee has to react to a follow-up report or the evaluation. Counted
 * in working days, not calendar days like the schedule's numbers: a report written on a Friday
 * before a long weekend still leaves a week to react. Nothing waits for the reaction.
 */
export const REACTION_WORKING_DAYS = 5;

const REACTION_KINDS: readonly TaskKind[] = ['follow-up-reaction', 'evaluation-reaction'];

/** The employee's reaction to a report: optional, never waited for, never escalated. */
export function isReaction(kind: TaskKind): boolean {
  return REACTION_KINDS.includes(kind);
}

/**
 * How many days each kind of task gets. Evaluation and aftercare are reported like a follow-up.
 * A reaction's working days are `REACTION_WORKING_DAYS` (see `dueForTask`), counted in calendar days
 * here only as the least they span.
 */
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
    case 'disagreement-response':
    case 'cause-follow-up':
      return schedule.approvalDueDays;
    case 'follow-up':
    case 'evaluation':
    case 'aftercare':
      return schedule.followUpDueDays;
    case 'follow-up-reaction':
    case 'evaluation-reaction':
      return REACTION_WORKING_DAYS;
    case 'self-assessment':
      // Due before its meeting (`selfAssessmentDue`); a day is the least it spans.
      return 1;
  }
}

/**
 * When the employee's self-assessment before a follow-up planned on `plannedOn` is due: at the
 * end of the working day before the meeting, so the manager has it in hand when they meet; or with
 * the report itself (`reportDueAt`) should that come sooner (a follow-up opened late). A moment
 * that has passed by the time the task opens (`openedAt`) is no deadline: then the report's own.
 */
export function selfAssessmentDue(plannedOn: string, openedAt: Date, reportDueAt: string): Date {
  const dayBefore = atAmsterdamTime(subtractWorkingDays(plannedOn, 1), DUE_HOUR);
  const report = new Date(reportDueAt);
  const due = dayBefore.getTime() < report.getTime() ? dayBefore : report;
  return due.getTime() > openedAt.getTime() ? due : report;
}

/**
 * The due time of a task opened at `openedAt`. A follow-up is due `followUpDueDays` after its
 * planned date, also when its task opens days before the meeting (`followUpRequestAt`): the
 * report is about the meeting, so it is never due before it. Should it open later than planned
 * (the workflow was held up), the period counts from the opening instead, so nobody is handed a
 * deadline that has already passed.
 */
export function dueForTask(kind: TaskKind, openedAt: Date, schedule: Schedule, plannedOn?: string): Date {
  if (isReaction(kind)) {
    return atAmsterdamTime(addWorkingDays(amsterdamDate(openedAt), REACTION_WORKING_DAYS), DUE_HOUR);
  }
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
  const { hour, minute, second } = amsterdamWallClock(instant);
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
  const days = calendarDaysBetween(amsterdamDate(pausedAt), amsterdamDate(resumedAt));
  return days + (timeOfDay(resumedAt) > timeOfDay(pausedAt) ? 1 : 0);
}

/**
 * The same Amsterdam wall-clock time `days` calendar days after `instant` (17:00 stays 17:00
 * across DST), moved to the next working day if it lands on a weekend or public holiday, like
 * any deadline.
 */
export function sameTimeDaysLater(instant: Date, days: number): Date {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Not a valid instant');
  const { hour, minute } = amsterdamWallClock(instant);
  return atAmsterdamTime(toWorkday(addDays(amsterdamDate(instant), days)), hour, minute);
}

/** A pending due time (ISO) after a pause of `days`. */
export function shiftDueAt(due: string, days: number): string {
  return sameTimeDaysLater(new Date(due), days).toISOString();
}

/**
 * A planned calendar date (follow-up, aftercare) after a pause of `days`, on a working day (off
 * the weekend and public holidays).
 */
export function shiftDate(date: string, days: number): string {
  return toWorkday(addDays(date, days));
}
