/**
 * Stands in for date-chinese in every bundle; see not-used.ts. date-holidays-parser needs it for
 * the Chinese, Korean and Vietnamese lunar calendars, which no Dutch rule has.
 */
import { notUsed } from './not-used.ts';

export const CalendarChinese = notUsed('date-chinese (CalendarChinese)');
export const CalendarKorean = notUsed('date-chinese (CalendarKorean)');
export const CalendarVietnamese = notUsed('date-chinese (CalendarVietnamese)');
