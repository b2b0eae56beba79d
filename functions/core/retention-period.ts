/**
 * The moment a dossier expires: the rule of functions/core/retention.ts that the table adapter
 * applies on every write of a trajectory. A module of its own, without schemas or messages, so
 * every function that writes a trajectory stays small.
 */
import type { Trajectory } from './model.ts';

const SECONDS_PER_DAY = 24 * 60 * 60;

/**
 * When the dossier's trajectory item expires, in epoch seconds (DynamoDB TTL), or undefined when
 * it must not: still running, or under a legal hold. The retention counts from the later of the
 * close and the end of the employment (the day after the last working day, 00:00 UTC).
 */
export function expiresAtSeconds(trajectory: Trajectory, retentionDays: number): number | undefined {
  if (trajectory.legalHold) return undefined;
  const closedAt = trajectory.closedAt ? Date.parse(trajectory.closedAt) : Number.NaN;
  if (!Number.isFinite(closedAt)) return undefined;
  const left = trajectory.employmentEndedOn
    ? Date.parse(`${trajectory.employmentEndedOn}T00:00:00.000Z`) + SECONDS_PER_DAY * 1000
    : Number.NaN;
  const from = Number.isFinite(left) ? Math.max(closedAt, left) : closedAt;
  return Math.floor(from / 1000) + retentionDays * SECONDS_PER_DAY;
}
