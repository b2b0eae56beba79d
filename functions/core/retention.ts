/**
 * How long a dossier is kept, and the two things HR can record that change it.
 *
 * A closed dossier is kept for the retention period (`retentionYears` of the deployment) and then
 * removed: DynamoDB's TTL deletes its trajectory item at `expiresAt`, and the purge deletes the
 * rest (docs/data-model.md, "Retention"). The period counts from the close, or from the end of the
 * employment once HR records it, whichever is later: a dossier of an employee who stays is kept
 * for the period after the trajectory, one of an employee who leaves for the period after they
 * left (as the Dutch data protection authority advises for personnel files).
 *
 * A legal hold stops the clock: while a dispute is pending (a case before the kantonrechter, a
 * complaint, a request of the employee's lawyer) the dossier is evidence and must not disappear.
 * A held trajectory item carries no `expiresAt` at all, so TTL has nothing to act on; lifting the
 * hold gives it back its expiry, which may already have passed (then TTL removes it within days).
 *
 * Pure: the API (functions/api/retention.ts) writes what these functions decide, and the table
 * adapter asks `expiresAtSeconds` (./retention-period.ts, kept apart so the adapter bundles no
 * schema) for the item's TTL on every write of the trajectory.
 */
import * as z from 'zod';
import type { FieldError } from '#shared/errors.ts';
import { translator } from '#shared/i18n/catalogue.ts';
import { validationMessages } from '#shared/i18n/validation.ts';
import { formatDay } from './dates-in-words.ts';
import type { DossierEvent, Locale, Trajectory } from './model.ts';
import { calendarDate, LIMITS, text } from './schemas.ts';
import { amsterdamDate } from './working-days.ts';

const t = /* @__PURE__ */ translator(validationMessages);

export const legalHoldBody = z.strictObject({
  reason: text(LIMITS.reason),
});

export const employmentEndBody = z.strictObject({
  endedOn: calendarDate(),
});

export const LEGAL_HOLD_PLACED_EVENT = 'legal-hold-placed';
export const LEGAL_HOLD_LIFTED_EVENT = 'legal-hold-lifted';
export const EMPLOYMENT_END_EVENT = 'employment-end-recorded';

/** Why a hold or a lift is refused (409, the `code` of the error body). */
export type LegalHoldRefusal = 'already_on_hold' | 'not_on_hold';

export function placeRefusal(trajectory: Trajectory): LegalHoldRefusal | undefined {
  return trajectory.legalHold ? 'already_on_hold' : undefined;
}

export function liftRefusal(trajectory: Trajectory): LegalHoldRefusal | undefined {
  return trajectory.legalHold ? undefined : 'not_on_hold';
}

export function withLegalHold(trajectory: Trajectory, now: Date): Trajectory {
  const at = now.toISOString();
  return { ...trajectory, legalHold: { placedAt: at }, updatedAt: at };
}

export function withoutLegalHold(trajectory: Trajectory, now: Date): Trajectory {
  return { ...trajectory, legalHold: undefined, updatedAt: now.toISOString() };
}

/** The hold's entry: who asked is HR; why is their reason (read by HR and counsel only). */
export function legalHoldEvent(
  trajectory: Trajectory,
  type: typeof LEGAL_HOLD_PLACED_EVENT | typeof LEGAL_HOLD_LIFTED_EVENT,
  reason: string,
): DossierEvent {
  return {
    id: `${type}@${trajectory.updatedAt}`,
    trajectoryId: trajectory.id,
    at: trajectory.updatedAt,
    type,
    actor: { role: 'hr' },
    data: { reason },
  };
}

/**
 * The day the employment ended can be recorded ahead (a settlement agreement names it), but not
 * before the trajectory started: the dossier would then describe someone who had already left.
 */
export function checkEmploymentEnd(endedOn: string, trajectory: Trajectory, locale: Locale): FieldError[] {
  const started = amsterdamDate(new Date(trajectory.createdAt));
  if (endedOn >= started) return [];
  const date = formatDay(started, locale);
  return [{ path: 'endedOn', message: t(locale, 'validation.dateBeforeStart', { date }) }];
}

export function withEmploymentEnd(trajectory: Trajectory, endedOn: string, now: Date): Trajectory {
  return { ...trajectory, employmentEndedOn: endedOn, updatedAt: now.toISOString() };
}

/** Recorded again with another day, the entry keeps the day it replaces. */
export function employmentEndEvent(trajectory: Trajectory, previous: string | undefined): DossierEvent {
  return {
    id: `${EMPLOYMENT_END_EVENT}@${trajectory.updatedAt}`,
    trajectoryId: trajectory.id,
    at: trajectory.updatedAt,
    type: EMPLOYMENT_END_EVENT,
    actor: { role: 'hr' },
    data: { endedOn: trajectory.employmentEndedOn, ...(previous !== undefined && { previous }) },
  };
}
