/**
 * Stand-ins for what date-holidays-parser imports but the Dutch holiday rules never call (see
 * `HOLIDAY_CALENDAR_STUBS` in infra/constructs/fn.ts, which puts them in every bundle in place of
 * the real modules). The parser imports every calendar it knows at module scope: the equinoxes'
 * planetary tables, the Chinese, Persian and Bengali calendars, and moment-timezone for holidays
 * given in a time zone, together about 1 MB of each function's bundle. The Dutch rules are fixed
 * dates and days counted from Easter, read without a time zone (functions/core/working-days.ts).
 * Should a rule ever need one of these after all, the stand-in says so instead of answering wrong.
 */

/**
 * A function that throws, naming `what` it stands in for. A plain function, not an arrow: the
 * parser calls some of these (the calendars) with `new`.
 */
export function notUsed(what: string): (...args: unknown[]) => never {
  return function notUsedByTheDutchHolidayRules(): never {
    throw new Error(
      `${what} is not used by the Dutch holiday rules and is not bundled: a holiday rule or time zone ` +
        'that needs it must first take its stub out of HOLIDAY_CALENDAR_STUBS (infra/constructs/fn.ts)',
    );
  };
}
