/**
 * Stands in for jalaali-js in every bundle; see not-used.ts. date-holidays-parser needs it for the
 * Persian calendar, which no Dutch rule has.
 */
import { notUsed } from './not-used.ts';

const jalaali = {
  toJalaali: notUsed('jalaali-js (toJalaali)'),
  toGregorian: notUsed('jalaali-js (toGregorian)'),
};

export default jalaali;
