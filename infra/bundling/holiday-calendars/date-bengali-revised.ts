/**
 * Stands in for date-bengali-revised in every bundle; see not-used.ts. date-holidays-parser needs
 * it for the revised Bengali calendar, which no Dutch rule has.
 */
import { notUsed } from './not-used.ts';

const CalBengali = notUsed('date-bengali-revised');

export default CalBengali;
