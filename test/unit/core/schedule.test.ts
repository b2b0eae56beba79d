import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TASK_KINDS, type Schedule, type TaskKind } from '#core/model.ts';
import {
  DEFAULT_SCHEDULE,
  addDays,
  aftercareDate,
  amsterdamDate,
  atAmsterdamTime,
  dueAt,
  dueDaysFor,
  dueForTask,
  followUpDates,
  followUpRequestAt,
  followUpsFitTerm,
  isCalendarDate,
  isWeekend,
  minWorkingDaysIn,
  noticeWorkingDays,
  pausedDays,
  resolveSchedule,
  sameTimeDaysLater,
  selfAssessmentDue,
  shiftDate,
  shiftDueAt,
  shiftIso,
  startOfWorkday,
  termEnd,
  termEndDate,
  toWorkday,
} from '#core/schedule.ts';
import { isWorkingDay } from '#core/working-days.ts';

// 2026: DST starts Sunday 29 March (CET +1 → CEST +2) and ends Sunday 25 October.
const at = (iso: string) => new Date(iso);
const HOUR = 60 * 60 * 1000;

describe('DEFAULT_SCHEDULE', () => {
  it('holds the defaults of the design', () => {
    expect(DEFAULT_SCHEDULE).toEqual({
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
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(DEFAULT_SCHEDULE)).toBe(true);
  });
});

describe('resolveSchedule', () => {
  it('returns the defaults without overrides, as a copy', () => {
    const schedule = resolveSchedule();

    expect(schedule).toEqual(DEFAULT_SCHEDULE);
    expect(schedule).not.toBe(DEFAULT_SCHEDULE);
  });

  it('puts overrides on top of the defaults', () => {
    const schedule = resolveSchedule({ termWeeks: 16, escalationGraceDays: 0, reminderHoursBefore: 0 });

    expect(schedule).toEqual({
      ...DEFAULT_SCHEDULE,
      termWeeks: 16,
      escalationGraceDays: 0,
      reminderHoursBefore: 0,
    });
  });

  it('keeps the default where an override is undefined', () => {
    const schedule = resolveSchedule({ planDueDays: undefined, identifyDueDays: 2 });

    expect(schedule.planDueDays).toBe(14);
    expect(schedule.identifyDueDays).toBe(2);
  });

  it('ignores keys that are not part of a schedule', () => {
    const schedule = resolveSchedule({ termWeeks: 8, bogus: 1 } as Partial<Schedule>);

    expect(Object.keys(schedule).sort()).toEqual(Object.keys(DEFAULT_SCHEDULE).sort());
  });

  it('gives a schedule stored before the meeting notice existed the default notice', () => {
    // Prepare: a trajectory's schedule as stored before the field was added.
    const { meetingNoticeWorkingDays: _, ...stored } = DEFAULT_SCHEDULE;

    // Act + Assess
    expect(resolveSchedule(stored).meetingNoticeWorkingDays).toBe(2);
    expect(noticeWorkingDays(stored)).toBe(2);
    expect(noticeWorkingDays({ meetingNoticeWorkingDays: 5 })).toBe(5);
    expect(followUpRequestAt('2026-03-16', stored).toISOString()).toBe('2026-03-12T08:00:00.000Z');
  });
});

describe('followUpRequestAt', () => {
  it('asks for a Monday meeting on the Thursday before at 09:00', () => {
    // Act: Monday 16 March 2026, two working days' notice.
    const requestAt = followUpRequestAt('2026-03-16', DEFAULT_SCHEDULE);

    // Assess
    expect(requestAt.toISOString()).toBe('2026-03-12T08:00:00.000Z');
  });

  it('skips Easter Monday for the meeting after it', () => {
    // Wednesday 31 March 2027: Tuesday the 30th is one day, Easter Monday none, Friday 26 two.
    expect(followUpRequestAt('2027-03-31', DEFAULT_SCHEDULE).toISOString()).toBe('2027-03-26T08:00:00.000Z');
  });

  it('follows the schedule’s notice, at 09:00 in summer time too', () => {
    const schedule = { ...DEFAULT_SCHEDULE, meetingNoticeWorkingDays: 5 };

    // Monday 15 June 2026: five working days back is Monday 8 June, 09:00 CEST.
    expect(followUpRequestAt('2026-06-15', schedule).toISOString()).toBe('2026-06-08T07:00:00.000Z');
  });

  it('always gives at least the notice: the request’s day and the meeting’s are that many working days apart', () => {
    const plannedOn = fc.integer({ min: 0, max: 3 * 366 }).map((n) => toWorkday(addDays('2026-01-01', n)));

    fc.assert(
      fc.property(plannedOn, fc.integer({ min: 1, max: 10 }), (date, notice) => {
        // Act
        const requestAt = followUpRequestAt(date, { meetingNoticeWorkingDays: notice });

        // Assess: working days after the request's day, up to the meeting's, number the notice.
        const requestedOn = amsterdamDate(requestAt);
        let workingDays = 0;
        for (let d = addDays(requestedOn, 1); d <= date; d = addDays(d, 1))
          if (isWorkingDay(d)) workingDays++;
        expect(workingDays).toBe(notice);
        expect(isWorkingDay(requestedOn)).toBe(true);
        expect(startOfWorkday(requestedOn).getTime()).toBe(requestAt.getTime());
      }),
    );
  });
});

describe('followUpsFitTerm', () => {
  it('accepts the default schedule and the short terms the workflow tests use', () => {
    expect(followUpsFitTerm(DEFAULT_SCHEDULE)).toBe(true);
    expect(followUpsFitTerm({ termWeeks: 2, followUpEveryDays: 7 })).toBe(true);
    expect(followUpsFitTerm({ termWeeks: 3, followUpEveryDays: 7 })).toBe(true);
  });

  it('refuses a cadence that a holiday move could push past the term’s last date', () => {
    // Every 10 days in a 2-week term: Christmas on a Thursday moves day 10 to day 14, the last.
    expect(followUpsFitTerm({ termWeeks: 2, followUpEveryDays: 9 })).toBe(true);
    expect(followUpsFitTerm({ termWeeks: 2, followUpEveryDays: 10 })).toBe(false);
  });

  it('refuses a notice that no meeting in the term leaves room for', () => {
    expect(followUpsFitTerm({ termWeeks: 2, followUpEveryDays: 7, meetingNoticeWorkingDays: 10 })).toBe(
      false,
    );
    expect(followUpsFitTerm({ termWeeks: 4, followUpEveryDays: 7, meetingNoticeWorkingDays: 10 })).toBe(true);
  });

  it('is never wrong to accept: every start around Christmas 2025, Easter 2038 and a DST switch gets a follow-up', () => {
    // Prepare: the tightest schedules (short terms, every cadence and notice) that it accepts,
    // and starts late in the day (after 09:00: the worst) on days around the worst holidays:
    // Christmas on a Thursday, and Easter Monday 26 April 2038 before King's Day.
    const schedules: Schedule[] = [];
    for (let termWeeks = 1; termWeeks <= 3; termWeeks++)
      for (let followUpEveryDays = 1; followUpEveryDays <= 3 * 7; followUpEveryDays++)
        for (let meetingNoticeWorkingDays = 1; meetingNoticeWorkingDays <= 10; meetingNoticeWorkingDays++) {
          const schedule = { ...DEFAULT_SCHEDULE, termWeeks, followUpEveryDays, meetingNoticeWorkingDays };
          if (followUpsFitTerm(schedule)) schedules.push(schedule);
        }
    const starts: Date[] = [];
    for (const first of ['2025-12-08', '2038-04-05', '2026-10-19'])
      for (let n = 0; n < 21; n++) starts.push(atAmsterdamTime(addDays(first, n), 23, 30));

    // Act + Assess
    expect(schedules.length).toBeGreaterThan(50);
    for (const schedule of schedules)
      for (const start of starts)
        expect([schedule, start, followUpDates(start, schedule).length > 0]).toEqual([schedule, start, true]);
  });
});

describe('minWorkingDaysIn', () => {
  it('never promises more working days than any stretch of the calendar holds, 1990–2100', () => {
    // Prepare: every day's working-day status, from the library's holidays.
    const days: number[] = [];
    for (let date = '1990-01-01'; date <= '2100-12-31'; date = addDays(date, 1))
      days.push(isWorkingDay(date) ? 1 : 0);
    const prefix = [0];
    for (const day of days) prefix.push((prefix.at(-1) ?? 0) + day);

    // Act + Assess: for each length, the fewest working days of any stretch of that length.
    for (let length = 0; length <= 120; length++) {
      let fewest = Infinity;
      for (let i = 0; i + length <= days.length; i++)
        fewest = Math.min(fewest, (prefix[i + length] ?? 0) - (prefix[i] ?? 0));
      expect([length, minWorkingDaysIn(length)]).toEqual([
        length,
        Math.min(minWorkingDaysIn(length), fewest),
      ]);
      // Short by one at most over the stretches a notice of up to ten working days needs, so it
      // refuses few schedules that would fit.
      if (length < 50) expect(fewest - minWorkingDaysIn(length)).toBeLessThanOrEqual(1);
    }
  });

  it('moves no date more than four days to reach a working day, 1990–2100', () => {
    let longest = 0;
    for (let date = '1990-01-01'; date <= '2100-12-31'; date = addDays(date, 1)) {
      let moved = 0;
      while (!isWorkingDay(addDays(date, moved))) moved++;
      longest = Math.max(longest, moved);
    }
    expect(longest).toBe(4);
  });
});

describe('calendar dates', () => {
  it.each([
    ['2028-02-29', true],
    ['2027-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-3-5', false],
    ['05-03-2026', false],
    ['2026-03-05T00:00:00Z', false],
    ['', false],
  ])('isCalendarDate(%j) is %s', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });

  it('adds days across month, leap day and year ends', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('rejects a date that does not exist', () => {
    expect(() => addDays('2027-02-29', 1)).toThrow(RangeError);
  });

  it('moves public holidays forward to the next working day, like weekends', () => {
    expect(toWorkday('2026-12-25')).toBe('2026-12-28'); // Christmas Day, a Friday
    expect(toWorkday('2026-12-26')).toBe('2026-12-28'); // Boxing Day, a Saturday
    expect(toWorkday('2027-01-01')).toBe('2027-01-04'); // New Year's Day, a Friday
    expect(toWorkday('2027-03-29')).toBe('2027-03-30'); // Easter Monday
    expect(toWorkday('2027-04-27')).toBe('2027-04-28'); // King's Day, a Tuesday
    expect(toWorkday('2027-05-06')).toBe('2027-05-07'); // Ascension Day
    expect(toWorkday('2027-05-17')).toBe('2027-05-18'); // Whit Monday
    expect(toWorkday('2026-12-24')).toBe('2026-12-24'); // Christmas Eve works
  });

  it('moves Saturday and Sunday forward to Monday and leaves weekdays', () => {
    expect(isWeekend('2026-03-07')).toBe(true);
    expect(isWeekend('2026-03-06')).toBe(false);
    expect(toWorkday('2026-03-07')).toBe('2026-03-09');
    expect(toWorkday('2026-03-08')).toBe('2026-03-09');
    expect(toWorkday('2026-03-06')).toBe('2026-03-06');
  });

  it('reads the date on the Amsterdam calendar, not the UTC one', () => {
    expect(amsterdamDate(at('2026-03-02T23:30:00Z'))).toBe('2026-03-03');
    expect(amsterdamDate(at('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(amsterdamDate(at('2026-06-30T21:59:59Z'))).toBe('2026-06-30');
  });
});

describe('atAmsterdamTime', () => {
  it('uses CET in winter and CEST in summer', () => {
    expect(atAmsterdamTime('2026-01-15', 17).toISOString()).toBe('2026-01-15T16:00:00.000Z');
    expect(atAmsterdamTime('2026-07-15', 17).toISOString()).toBe('2026-07-15T15:00:00.000Z');
  });

  it('is right on both DST switch days', () => {
    expect(atAmsterdamTime('2026-03-29', 17).toISOString()).toBe('2026-03-29T15:00:00.000Z');
    expect(atAmsterdamTime('2026-03-29', 1).toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(atAmsterdamTime('2026-10-25', 17).toISOString()).toBe('2026-10-25T16:00:00.000Z');
    expect(atAmsterdamTime('2026-10-25', 9).toISOString()).toBe('2026-10-25T08:00:00.000Z');
  });

  it('resolves a wall time inside the spring-forward gap to the hour after', () => {
    expect(atAmsterdamTime('2026-03-29', 2, 30).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });
});

describe('dueAt', () => {
  it('is 17:00 Amsterdam time on the N-th calendar day', () => {
    const due = dueAt(at('2026-03-02T10:00:00Z'), 3);

    expect(due.toISOString()).toBe('2026-03-05T16:00:00.000Z');
  });

  it('moves a deadline on Saturday to Monday', () => {
    const due = dueAt(at('2026-03-02T10:00:00Z'), 5);

    expect(due.toISOString()).toBe('2026-03-09T16:00:00.000Z');
  });

  it('moves a deadline on Sunday to Monday', () => {
    const due = dueAt(at('2026-03-02T10:00:00Z'), 6);

    expect(due.toISOString()).toBe('2026-03-09T16:00:00.000Z');
  });

  it('counts from the Amsterdam date of `from`, just after midnight local time', () => {
    const due = dueAt(at('2026-03-02T23:30:00Z'), 1);

    expect(due.toISOString()).toBe('2026-03-04T16:00:00.000Z');
  });

  it('lands at 17:00 CEST when the clocks went forward on the last Sunday of March', () => {
    const due = dueAt(at('2026-03-25T12:00:00Z'), 5);

    expect(due.toISOString()).toBe('2026-03-30T15:00:00.000Z');
  });

  it('moves a deadline on the spring DST Sunday itself to Monday 17:00 CEST', () => {
    const due = dueAt(at('2026-03-26T12:00:00Z'), 3);

    expect(due.toISOString()).toBe('2026-03-30T15:00:00.000Z');
  });

  it('lands at 17:00 CET when the clocks went back on the last Sunday of October', () => {
    const due = dueAt(at('2026-10-21T12:00:00Z'), 5);

    expect(due.toISOString()).toBe('2026-10-26T16:00:00.000Z');
  });

  it('is still 17:00 CEST on the Friday before the autumn switch', () => {
    const due = dueAt(at('2026-10-21T12:00:00Z'), 2);

    expect(due.toISOString()).toBe('2026-10-23T15:00:00.000Z');
  });

  it('can fall on a leap day', () => {
    expect(dueAt(at('2028-02-26T10:00:00Z'), 3).toISOString()).toBe('2028-02-29T16:00:00.000Z');
    expect(dueAt(at('2027-02-26T10:00:00Z'), 3).toISOString()).toBe('2027-03-01T16:00:00.000Z');
  });

  it('moves a deadline on Christmas Day 2026 to Monday 28 December at 17:00', () => {
    // Prepare: four days from Monday 21 December is Friday the 25th, then Boxing Day and Sunday.
    const from = at('2026-12-21T10:00:00Z');

    // Act
    const due = dueAt(from, 4);

    // Assess
    expect(due.toISOString()).toBe('2026-12-28T16:00:00.000Z');
  });

  it('moves a deadline on New Year’s Day 2027 to Monday 4 January', () => {
    expect(dueAt(at('2026-12-28T10:00:00Z'), 4).toISOString()).toBe('2027-01-04T16:00:00.000Z');
  });

  it('moves a deadline on King’s Day 2027 to the Wednesday', () => {
    expect(dueAt(at('2027-04-20T10:00:00Z'), 7).toISOString()).toBe('2027-04-28T15:00:00.000Z');
  });

  it('crosses the year end and skips the weekend after it', () => {
    const due = dueAt(at('2026-12-31T10:00:00Z'), 2);

    expect(due.toISOString()).toBe('2027-01-04T16:00:00.000Z');
  });

  it('with zero days is today at 17:00', () => {
    expect(dueAt(at('2026-03-02T08:00:00Z'), 0).toISOString()).toBe('2026-03-02T16:00:00.000Z');
  });

  it.each([-1, 1.5, Number.NaN])('rejects %s days', (days) => {
    expect(() => dueAt(at('2026-03-02T08:00:00Z'), days)).toThrow(RangeError);
  });
});

describe('term and calendar', () => {
  const monday = at('2026-03-02T10:00:00Z');

  it('ends the term at 09:00 on the day `weeks` weeks later', () => {
    expect(termEndDate(monday, 11)).toBe('2026-05-18');
    expect(termEnd(monday, 11).toISOString()).toBe('2026-05-18T07:00:00.000Z');
  });

  it('ends a term that would end on Whit Monday on the Tuesday after', () => {
    // Twelve weeks after Monday 2 March 2026 is Whit Monday, 25 May.
    expect(termEndDate(monday, 12)).toBe('2026-05-26');
    expect(termEnd(monday, 12).toISOString()).toBe('2026-05-26T07:00:00.000Z');
  });

  it('continues an extended term from where the previous one ended', () => {
    const first = termEnd(monday, 12);

    const extended = termEnd(first, 4);

    // From Tuesday 26 May (the first term's end, off Whit Monday) four weeks on.
    expect(extended.toISOString()).toBe('2026-06-23T07:00:00.000Z');
  });

  it('ends a term that started on Saturday on the Monday after', () => {
    expect(termEndDate(at('2026-03-07T10:00:00Z'), 12)).toBe('2026-06-01');
  });

  it('plans a follow-up every 14 days, strictly before the term ends', () => {
    const dates = followUpDates(monday, DEFAULT_SCHEDULE);

    // Monday 27 April 2026 is King's Day: that follow-up is on the Tuesday.
    expect(dates).toEqual(['2026-03-16', '2026-03-30', '2026-04-13', '2026-04-28', '2026-05-11']);
  });

  it('moves follow-ups that fall on a weekend to Monday, and past Easter Monday', () => {
    const dates = followUpDates(at('2026-03-07T10:00:00Z'), DEFAULT_SCHEDULE);

    // Saturday 4 April 2026 would move to Easter Monday the 6th: the Tuesday after.
    expect(dates).toEqual(['2026-03-23', '2026-04-07', '2026-04-20', '2026-05-04', '2026-05-18']);
  });

  it('plans a weekend-moved Monday only once', () => {
    // Prepare: a term starting on Friday 6 March 2026 at 08:00, before that day's 09:00, so even
    // Monday's request (one working day ahead: Friday 09:00) comes after the start.
    const start = at('2026-03-06T07:00:00Z');

    // Act
    const dates = followUpDates(start, { followUpEveryDays: 1, termWeeks: 1, meetingNoticeWorkingDays: 1 });

    // Assess: Saturday, Sunday and Monday itself all land on Monday 9 March.
    expect(dates).toEqual(['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12']);
  });

  it('follows overrides of cadence and term', () => {
    const dates = followUpDates(monday, { followUpEveryDays: 7, termWeeks: 4 });

    expect(dates).toEqual(['2026-03-09', '2026-03-16', '2026-03-23']);
  });

  it('plans the follow-ups of an extended term from its start', () => {
    const dates = followUpDates(termEnd(monday, 12), { followUpEveryDays: 14, termWeeks: 4 });

    // The extension starts Tuesday 26 May 2026 (the first term ended off Whit Monday).
    expect(dates).toEqual(['2026-06-09']);
  });

  it('plans nothing when the cadence does not fit in the term', () => {
    expect(followUpDates(monday, { followUpEveryDays: 28, termWeeks: 4 })).toEqual([]);
  });

  it('rejects a cadence below one day', () => {
    expect(() => followUpDates(monday, { followUpEveryDays: 0, termWeeks: 4 })).toThrow(RangeError);
  });

  it('plans aftercare `aftercareWeeks` after the decision, on a working day', () => {
    expect(aftercareDate(at('2026-06-05T10:00:00Z'), { aftercareWeeks: 4 })).toBe('2026-07-03');
    expect(aftercareDate(at('2026-06-06T10:00:00Z'), { aftercareWeeks: 4 })).toBe('2026-07-06');
    expect(aftercareDate(at('2026-06-05T10:00:00Z'), { aftercareWeeks: 1 })).toBe('2026-06-12');
  });

  it('plans aftercare off Christmas Day', () => {
    expect(aftercareDate(at('2026-11-27T10:00:00Z'), { aftercareWeeks: 4 })).toBe('2026-12-28');
  });

  it('never plans a meeting whose request would have to go out before the term started', () => {
    // Prepare: the term starts Monday 2 March 2026 at 11:00; a meeting every day, two working
    // days' notice. Tuesday's request would be Thursday before, Wednesday's Monday 09:00.
    const start = at('2026-03-02T10:00:00Z');

    // Act
    const dates = followUpDates(start, { followUpEveryDays: 1, termWeeks: 1 });

    // Assess: Thursday 5 March is the first, asked for on Tuesday 3 March at 09:00.
    expect(dates).toEqual(['2026-03-05', '2026-03-06']);
    expect(followUpRequestAt('2026-03-05', DEFAULT_SCHEDULE).toISOString()).toBe('2026-03-03T08:00:00.000Z');
  });

  it('opens a planned date at 09:00 Amsterdam time', () => {
    expect(startOfWorkday('2026-03-16').toISOString()).toBe('2026-03-16T08:00:00.000Z');
    expect(startOfWorkday('2026-03-30').toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });
});

describe('selfAssessmentDue', () => {
  // A follow-up on Monday 16 March 2026, asked for on Thursday 12 March at 09:00.
  const opened = at('2026-03-12T08:00:00Z');
  const reportDue = '2026-03-19T16:00:00.000Z';

  it('is the end of the working day before the meeting', () => {
    // Friday 13 March, 17:00 in Amsterdam.
    expect(selfAssessmentDue('2026-03-16', opened, reportDue).toISOString()).toBe('2026-03-13T16:00:00.000Z');
  });

  it('skips a public holiday back to the working day before it', () => {
    // Tuesday 28 April 2026 comes after King's Day (Monday 27 April): Friday 24 April.
    expect(
      selfAssessmentDue('2026-04-28', at('2026-04-22T07:00:00Z'), '2026-05-01T15:00:00.000Z').toISOString(),
    ).toBe('2026-04-24T15:00:00.000Z');
  });

  it("is the report's own due time when that comes first, or when the day before has passed", () => {
    expect(selfAssessmentDue('2026-03-16', opened, '2026-03-13T10:00:00.000Z').toISOString()).toBe(
      '2026-03-13T10:00:00.000Z',
    );
    // A follow-up that opened after its meeting (the workflow was held up).
    const late = at('2026-03-17T10:00:00Z');
    expect(selfAssessmentDue('2026-03-16', late, '2026-03-20T16:00:00.000Z').toISOString()).toBe(
      '2026-03-20T16:00:00.000Z',
    );
  });
});

describe('dueForTask', () => {
  // Distinct numbers per field, so a kind wired to the wrong field shows up.
  const schedule: Schedule = {
    ...DEFAULT_SCHEDULE,
    identifyDueDays: 1,
    conversationDueDays: 2,
    employeeResponseDueDays: 3,
    planDueDays: 4,
    approvalDueDays: 7,
    followUpDueDays: 8,
  };
  const openedMonday = at('2026-03-02T08:00:00Z');

  const expected: Record<TaskKind, string> = {
    identify: '2026-03-03',
    conversation: '2026-03-04',
    'employee-response': '2026-03-05',
    plan: '2026-03-06',
    'plan-approval': '2026-03-09',
    'plan-acknowledgement': '2026-03-09',
    'decision-confirmation': '2026-03-09',
    'follow-up': '2026-03-10',
    evaluation: '2026-03-10',
    aftercare: '2026-03-10',
    // Five working days, whatever the schedule: Monday to the next Monday.
    'follow-up-reaction': '2026-03-09',
    'evaluation-reaction': '2026-03-09',
    // HR's answer to a disagreement is due like HR's other tasks.
    'disagreement-response': '2026-03-09',
    // So is HR's follow-up of a cause the conversation named.
    'cause-follow-up': '2026-03-09',
    // Its due time comes from its follow-up (`selfAssessmentDue`); on its own, a day.
    'self-assessment': '2026-03-03',
  };

  it.each(TASK_KINDS)('gives %s its own period from the schedule', (kind) => {
    const due = dueForTask(kind, openedMonday, schedule);

    expect(due.toISOString()).toBe(`${expected[kind]}T16:00:00.000Z`);
  });

  it('knows a period for every kind of task', () => {
    for (const kind of TASK_KINDS) expect(dueDaysFor(kind, DEFAULT_SCHEDULE)).toBeGreaterThan(0);
  });

  it('makes a follow-up due followUpDueDays after its planned date', () => {
    const due = dueForTask('follow-up', at('2026-03-13T08:00:00Z'), DEFAULT_SCHEDULE, '2026-03-16');

    expect(due.toISOString()).toBe('2026-03-19T16:00:00.000Z');
  });

  it('counts a follow-up that opens late from its opening', () => {
    const due = dueForTask('follow-up', at('2026-03-18T10:00:00Z'), DEFAULT_SCHEDULE, '2026-03-16');

    expect(due.toISOString()).toBe('2026-03-23T16:00:00.000Z');
  });

  it('keeps a follow-up due after its meeting when the task opens days before it', () => {
    // Prepare: a meeting on Monday 8 March 2027, its request out on Thursday 4 March at 09:00.
    const opened = followUpRequestAt('2027-03-08', DEFAULT_SCHEDULE);

    // Act
    const due = dueForTask('follow-up', opened, DEFAULT_SCHEDULE, '2027-03-08');

    // Assess: three days after the meeting, not after the request.
    expect(opened.toISOString()).toBe('2027-03-04T08:00:00.000Z');
    expect(due.toISOString()).toBe('2027-03-11T16:00:00.000Z');
  });

  it('ignores a planned date for other kinds', () => {
    const due = dueForTask('identify', openedMonday, DEFAULT_SCHEDULE, '2026-04-01');

    expect(due.toISOString()).toBe('2026-03-09T16:00:00.000Z');
  });
});

describe('pause and resume helpers', () => {
  it('shifts an ISO instant by milliseconds', () => {
    expect(shiftIso('2026-03-02T16:00:00.000Z', 3 * HOUR)).toBe('2026-03-02T19:00:00.000Z');
    expect(shiftIso('2026-03-02T16:00:00Z', -HOUR)).toBe('2026-03-02T15:00:00.000Z');
  });

  it('refuses to shift something that is not an instant', () => {
    expect(() => shiftIso('soon', HOUR)).toThrow(RangeError);
  });

  it.each([
    ['2026-03-02T10:00:00Z', '2026-03-02T10:00:00Z', 0],
    ['2026-03-02T10:00:00Z', '2026-03-02T15:00:00Z', 1],
    ['2026-03-02T10:00:00Z', '2026-03-04T10:00:00Z', 2],
    ['2026-03-02T10:00:00Z', '2026-03-04T10:00:00.001Z', 3],
    ['2026-03-04T10:00:00Z', '2026-03-02T10:00:00Z', 0],
  ])('a pause from %s to %s gives back %i days', (from, to, days) => {
    expect(pausedDays(at(from), at(to))).toBe(days);
  });

  it('keeps a due time at 17:00 local across the spring switch', () => {
    expect(shiftDueAt('2026-03-24T16:00:00.000Z', 7)).toBe('2026-03-31T15:00:00.000Z');
  });

  it('keeps a due time at 17:00 local across the autumn switch', () => {
    expect(shiftDueAt('2026-10-20T15:00:00.000Z', 7)).toBe('2026-10-27T16:00:00.000Z');
  });

  it('moves a shifted due time off the weekend', () => {
    expect(shiftDueAt('2026-03-24T16:00:00.000Z', 4)).toBe('2026-03-30T15:00:00.000Z');
  });

  it('moves a shifted planned date off the weekend', () => {
    expect(shiftDate('2026-03-16', 5)).toBe('2026-03-23');
    expect(shiftDate('2026-03-16', 3)).toBe('2026-03-19');
  });

  it('moves a shifted planned date and due time off public holidays', () => {
    expect(shiftDate('2026-12-22', 3)).toBe('2026-12-28');
    expect(shiftDueAt('2027-03-22T16:00:00.000Z', 7)).toBe('2027-03-30T15:00:00.000Z');
  });

  it('gives a grace period the same local time a number of days later', () => {
    expect(sameTimeDaysLater(at('2026-03-27T16:00:00Z'), 3).toISOString()).toBe('2026-03-30T15:00:00.000Z');
    expect(sameTimeDaysLater(at('2026-03-03T16:00:00Z'), 0).toISOString()).toBe('2026-03-03T16:00:00.000Z');
  });
});

describe('calendar properties', () => {
  const instant = fc.date({
    min: at('2024-01-01T00:00:00Z'),
    max: at('2032-12-31T23:59:59Z'),
    noInvalidDate: true,
  });
  const localHour = (date: Date) =>
    Number(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Amsterdam',
        hour: 'numeric',
        hourCycle: 'h23',
      }).format(date),
    );

  it('puts every deadline at 17:00 Amsterdam time on a working day, no earlier than asked', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 365 }), (from, days) => {
        const due = dueAt(from, days);

        const date = amsterdamDate(due);
        const asked = addDays(amsterdamDate(from), days);
        expect(localHour(due)).toBe(17);
        expect(due.getUTCMinutes()).toBe(0);
        expect(isWorkingDay(date)).toBe(true);
        // At most four days later: Christmas on a Thursday moves to the Monday after.
        expect(date >= asked && date <= addDays(asked, 4)).toBe(true);
      }),
    );
  });

  it('plans at least one follow-up, on working days inside the term, for every schedule the API accepts', () => {
    const schedule = fc
      .record({
        followUpEveryDays: fc.integer({ min: 1, max: 365 }),
        termWeeks: fc.integer({ min: 1, max: 104 }),
        meetingNoticeWorkingDays: fc.integer({ min: 1, max: 10 }),
      })
      .filter((s) => followUpsFitTerm(s));

    fc.assert(
      fc.property(instant, schedule, (start, s) => {
        const dates = followUpDates(start, s);

        expect(dates.length).toBeGreaterThan(0);
        const first = amsterdamDate(start);
        const last = termEndDate(start, s.termWeeks);
        dates.forEach((date, i) => {
          expect(isWorkingDay(date)).toBe(true);
          expect(date > first && date < last).toBe(true);
          // Its request, and the invite with it, goes out after the term started.
          expect(followUpRequestAt(date, s).getTime()).toBeGreaterThanOrEqual(start.getTime());
          if (i > 0) expect(date > (dates[i - 1] ?? '')).toBe(true);
        });
      }),
    );
  });
});
