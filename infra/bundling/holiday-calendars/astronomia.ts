/**
 * Stands in for astronomia in every bundle; see not-used.ts. date-holidays-parser needs it for
 * equinoxes and solstices and for Julian-calendar dates, which no Dutch rule has.
 */
import { notUsed } from './not-used.ts';

export const solstice = {
  march2: notUsed('astronomia (solstice.march2)'),
  june2: notUsed('astronomia (solstice.june2)'),
  september2: notUsed('astronomia (solstice.september2)'),
  december2: notUsed('astronomia (solstice.december2)'),
};

export const julian = {
  Calendar: notUsed('astronomia (julian.Calendar)'),
  CalendarJulian: notUsed('astronomia (julian.CalendarJulian)'),
};

export const planetposition = {
  /**
   * Made at module scope by the parser's equinox calendar (`new Planet(vsop87Bearth)`), so made
   * here too, holding nothing: only the solstice functions above would read it, and they throw.
   */
  Planet: class Planet {},
};
