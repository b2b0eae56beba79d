/**
 * Stands in for moment in every bundle; see not-used.ts. Only moment-timezone, itself replaced by
 * a stub, imports it: this keeps it out should another path to it ever appear.
 */
import { notUsed } from './not-used.ts';

const moment = notUsed('moment');

export default moment;
