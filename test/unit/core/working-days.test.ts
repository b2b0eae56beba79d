import { fileURLToPath } from 'node:url';
import Holidays, { type HolidaysTypes } from 'date-holidays';
import { build } from 'esbuild';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  NL_PUBLIC_HOLIDAY_RULES,
  addDays,
  addWorkingDays,
  amsterdamDate,
  isPublicHoliday,
  isWorkingDay,
  nextWorkingMoment,
  publicHolidays,
  subtractWorkingDays,
  workingDayOnOrAfter,
} from '#core/working-days.ts';

// 2026: Christmas Day is a Friday, DST starts Sunday 29 March and ends Sunday 25 October.
// 2027: Easter Sunday 28 March, King's Day Tuesday 27 April, Ascension 6 May, Whit Sunday 16 May.
const at = (iso: string) => new Date(iso);

/** The library's own answer, through its default entry with every country's data. */
function libraryPublicHolidays(year: number): string[] {
  return new Holidays('NL', { types: ['public'] })
    .getHolidays(year)
    .map((holiday) => holiday.date.slice(0, 10))
    .sort();
}

describe('Dutch public holidays', () => {
  it('knows the public holidays of 2027 at their known dates', () => {
    // Act
    const holidays = [...publicHolidays(2027)].sort();

    // Assess
    expect(holidays).toEqual([
      '2027-01-01', // New Year's Day
      '2027-03-28', // Easter Sunday
      '2027-03-29', // Easter Monday
      '2027-04-27', // King's Day
      '2027-05-06', // Ascension Day
      '2027-05-16', // Whit Sunday
      '2027-05-17', // Whit Monday
      '2027-12-25', // Christmas Day
      '2027-12-26', // Boxing Day
    ]);
  });

  it('moves King’s Day to the Saturday before when 27 April is a Sunday', () => {
    expect(isPublicHoliday('2025-04-26')).toBe(true);
    expect(isPublicHoliday('2025-04-27')).toBe(false);
  });

  it.each([
    ['2027-03-26', 'Good Friday'],
    ['2027-05-05', 'Liberation Day (a Wednesday)'],
    ['2026-12-31', 'New Year’s Eve'],
    ['2026-12-24', 'Christmas Eve'],
  ])('leaves %s (%s) a working day, as the library does not mark it public', (date) => {
    expect(isPublicHoliday(date)).toBe(false);
    expect(isWorkingDay(date)).toBe(true);
  });

  it('gives exactly the library’s public holidays for the Netherlands, year after year', () => {
    for (let year = 2000; year <= 2060; year++) {
      expect([...publicHolidays(year)].sort()).toEqual(libraryPublicHolidays(year));
    }
  });

  it('carries the library’s own rules for the Netherlands, so an update of its data shows here', () => {
    // Prepare: the installed library's rules of type public for the Netherlands. Its typings leave
    // the fields of a returned rule out; the objects carry them (rule, name, type and options).
    const rules = new Holidays('NL').getRules() as unknown as HolidaysTypes.HolidayRule[];
    const publicRules = rules.filter((rule) => rule.type === 'public');

    // Assess: the same rules, and none needs more than its rule text (no `disable`, `active`...).
    expect([...NL_PUBLIC_HOLIDAY_RULES].sort()).toEqual(publicRules.map((rule) => rule.rule).sort());
    for (const rule of publicRules) {
      expect(Object.keys(rule).filter((key) => !['rule', 'name', 'type'].includes(key))).toEqual([]);
    }
  });

  it('computes a year once and keeps it', () => {
    expect(publicHolidays(2031)).toBe(publicHolidays(2031));
  });

  it('bundles the Netherlands’ rules only, not every country’s data', async () => {
    // Prepare
    const entry = fileURLToPath(new URL('../../../functions/core/working-days.ts', import.meta.url));

    // Act: as a function is bundled (esbuild, ESM, minified).
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'node',
      write: false,
      logLevel: 'silent',
    });

    // Assess: other countries' holidays stay out (and so do the Dutch names nobody reads).
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).toContain('easter 39');
    for (const foreign of ['Tag der Deutschen Einheit', 'Thanksgiving', 'Independence Day', 'Koningsdag']) {
      expect(code).not.toContain(foreign);
    }
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2026-12-24', true, 'Thursday, Christmas Eve'],
    ['2026-12-25', false, 'Friday, Christmas Day'],
    ['2026-12-26', false, 'Saturday, Boxing Day'],
    ['2026-12-28', true, 'Monday after Christmas'],
    ['2027-01-01', false, 'Friday, New Year’s Day'],
    ['2027-04-27', false, 'Tuesday, King’s Day'],
    ['2027-03-29', false, 'Easter Monday'],
    ['2027-05-06', false, 'Ascension Day'],
    ['2027-05-17', false, 'Whit Monday'],
    ['2027-05-07', true, 'the Friday after Ascension'],
    ['2026-03-07', false, 'a Saturday'],
    ['2026-03-08', false, 'a Sunday'],
    ['2026-03-09', true, 'a Monday'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it('refuses something that is not a date', () => {
    expect(() => isWorkingDay('2027-02-29')).toThrow(RangeError);
    expect(() => isWorkingDay('tomorrow')).toThrow(RangeError);
  });
});

describe('nextWorkingMoment', () => {
  it('moves Saturday 17:00 to Monday 09:00', () => {
    // Saturday 7 March 2026, 17:00 CET.
    const moved = nextWorkingMoment(at('2026-03-07T16:00:00Z'));

    expect(moved.toISOString()).toBe('2026-03-09T08:00:00.000Z');
  });

  it('leaves an instant on Christmas Eve, a working day, as it is', () => {
    const christmasEve = at('2026-12-24T15:30:00Z');

    expect(nextWorkingMoment(christmasEve)).toBe(christmasEve);
  });

  it('moves Christmas Day and Boxing Day 2026 to Monday the 28th at 09:00', () => {
    expect(nextWorkingMoment(at('2026-12-25T09:00:00Z')).toISOString()).toBe('2026-12-28T08:00:00.000Z');
    expect(nextWorkingMoment(at('2026-12-26T20:00:00Z')).toISOString()).toBe('2026-12-28T08:00:00.000Z');
  });

  it('moves New Year’s Day 2027, a Friday, to Monday 4 January', () => {
    expect(nextWorkingMoment(at('2027-01-01T11:00:00Z')).toISOString()).toBe('2027-01-04T08:00:00.000Z');
  });

  it('reads the day on the Amsterdam calendar: Friday 23:30 is Friday, Saturday 00:30 is not', () => {
    const fridayLate = at('2026-03-06T22:30:00Z');

    expect(nextWorkingMoment(fridayLate)).toBe(fridayLate);
    expect(nextWorkingMoment(at('2026-03-06T23:30:00Z')).toISOString()).toBe('2026-03-09T08:00:00.000Z');
  });

  it('lands at 09:00 CEST across the spring DST switch', () => {
    // Saturday 28 March 2026, 12:00 CET; clocks go forward on the Sunday.
    const moved = nextWorkingMoment(at('2026-03-28T11:00:00Z'));

    expect(moved.toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('lands at 09:00 CET across the autumn DST switch, from the hour that happens twice', () => {
    // Sunday 25 October 2026, 02:30 CEST (the first of the two 02:30s).
    const moved = nextWorkingMoment(at('2026-10-25T00:30:00Z'));

    expect(moved.toISOString()).toBe('2026-10-26T08:00:00.000Z');
  });

  it('skips Easter Monday and King’s Day 2027', () => {
    expect(nextWorkingMoment(at('2027-03-27T10:00:00Z')).toISOString()).toBe('2027-03-30T07:00:00.000Z');
    expect(nextWorkingMoment(at('2027-04-27T08:00:00Z')).toISOString()).toBe('2027-04-28T07:00:00.000Z');
  });

  it('refuses an invalid instant', () => {
    expect(() => nextWorkingMoment(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('is never earlier, always on a working day, the very next one, and idempotent (2026–2028)', () => {
    const instant = fc.date({
      min: at('2026-01-01T00:00:00Z'),
      max: at('2028-12-31T23:59:59Z'),
      noInvalidDate: true,
    });

    fc.assert(
      fc.property(instant, (x) => {
        // Act
        const moved = nextWorkingMoment(x);

        // Assess
        const from = amsterdamDate(x);
        const to = amsterdamDate(moved);
        expect(moved.getTime()).toBeGreaterThanOrEqual(x.getTime());
        expect(isWorkingDay(to)).toBe(true);
        expect(nextWorkingMoment(moved).getTime()).toBe(moved.getTime());
        if (isWorkingDay(from)) {
          expect(moved.getTime()).toBe(x.getTime());
        } else {
          // 09:00 on the first working day after: every day before it was no working day.
          expect(workingDayOnOrAfter(from)).toBe(to);
          expect(
            new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', timeStyle: 'short' }).format(
              moved,
            ),
          ).toBe('09:00');
        }
      }),
    );
  });
});

describe('addWorkingDays and subtractWorkingDays', () => {
  it('counts from the day after: Friday plus one is Monday, and so is Saturday plus one', () => {
    expect(addWorkingDays('2026-03-06', 1)).toBe('2026-03-09');
    expect(addWorkingDays('2026-03-07', 1)).toBe('2026-03-09');
    expect(addWorkingDays('2026-03-07', 2)).toBe('2026-03-10');
  });

  it('skips Christmas and New Year', () => {
    // Thursday 24 December 2026: Friday and Saturday are holidays, Monday 28 is the first.
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-28');
    expect(addWorkingDays('2026-12-24', 5)).toBe('2027-01-04');
  });

  it('counts back from the day before: Monday minus one is Friday, and so is Sunday minus one', () => {
    expect(subtractWorkingDays('2026-03-09', 1)).toBe('2026-03-06');
    expect(subtractWorkingDays('2026-03-08', 1)).toBe('2026-03-06');
    expect(subtractWorkingDays('2026-03-09', 2)).toBe('2026-03-05');
  });

  it('skips Easter Monday counting back', () => {
    expect(subtractWorkingDays('2027-03-30', 1)).toBe('2027-03-26');
  });

  it('with zero days stays on a working day, or goes to the nearest one in its direction', () => {
    expect(addWorkingDays('2026-03-06', 0)).toBe('2026-03-06');
    expect(addWorkingDays('2026-12-25', 0)).toBe('2026-12-28');
    expect(subtractWorkingDays('2026-03-06', 0)).toBe('2026-03-06');
    expect(subtractWorkingDays('2026-12-26', 0)).toBe('2026-12-24');
  });

  it.each([-1, 1.5, Number.NaN])('refuses %s working days', (days) => {
    expect(() => addWorkingDays('2026-03-06', days)).toThrow(RangeError);
    expect(() => subtractWorkingDays('2026-03-06', days)).toThrow(RangeError);
  });

  it('counts exactly `days` working days there, and back again to the same day', () => {
    const day = fc
      .integer({ min: 0, max: 3 * 366 })
      .map((n) => workingDayOnOrAfter(addDays('2026-01-01', n)));

    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 30 }), (date, days) => {
        // Act
        const later = addWorkingDays(date, days);

        // Assess: the working days after `date` up to `later` number `days`, `later` one of them.
        let counted = 0;
        for (let d = addDays(date, 1); d <= later; d = addDays(d, 1)) if (isWorkingDay(d)) counted++;
        expect(counted).toBe(days);
        expect(isWorkingDay(later)).toBe(true);
        expect(subtractWorkingDays(later, days)).toBe(date);
      }),
    );
  });
});
