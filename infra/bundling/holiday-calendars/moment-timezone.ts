/**
 * Stands in for moment-timezone (and its 725 KB of zone data) in every bundle; see not-used.ts.
 * date-holidays-parser and caldate call it only for a holiday in a time zone, or for an equinox;
 * functions/core/working-days.ts gives the parser no time zone and no equinox rule.
 */
import { notUsed } from './not-used.ts';

const moment = Object.assign(notUsed('moment-timezone (moment())'), {
  tz: notUsed('moment-timezone (moment.tz())'),
});

export default moment;
