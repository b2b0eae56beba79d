/**
 * The employee's own copy of their dossier (AVG art. 15, the right of access): a personal,
 * read-only link that works as often as the employee likes until it expires. It shows the
 * dossier as the employee may read it (`employeeDossier`): everything that was recorded about
 * them, without what HR keeps for itself (the internal note of a cancellation, the legal hold
 * and its reason, the failures of the workflow's own steps, HR's override of the completeness
 * rules). The completeness assessment is an internal report and never part of the dossier.
 *
 * Pure: the links are minted and stored by the handlers; this module decides how long a link
 * lives, whether it still works, and what the dossier records about it.
 */
import { INTERNAL_NOTE, TRAJECTORY_CANCELLED } from './actions.ts';
import type { ActionLink, Dossier, DossierEvent, Task, Trajectory } from './model.ts';
import { LEGAL_HOLD_LIFTED_EVENT, LEGAL_HOLD_PLACED_EVENT } from './retention.ts';

/** The kind of an employee's copy link, on its `ActionLink` record. */
export const COPY_LINK_KIND = 'dossier-copy';
/** The `taskId` of a copy link: no task has it, so the link never answers a task. */
export const COPY_LINK_TASK = 'dossier-copy';
/** How long a copy link works unless configured otherwise (`COPY_LINK_DAYS`). */
export const DEFAULT_COPY_LINK_DAYS = 30;
/** The longest a copy link may be configured to work: a link is a key, and keys should expire. */
export const MAX_COPY_LINK_DAYS = 365;

export const COPY_ISSUED_EVENT = 'employee-copy-issued';
export const COPY_OPENED_EVENT = 'employee-copy-opened';
export const COPY_REVOKED_EVENT = 'employee-copy-revoked';
export const COPY_WITHDRAWN_EVENT = 'employee-copy-withdrawn';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How many times HR revoked the trajectory's copy links so far (none: 0). */
export const copyRevocations = (trajectory: Pick<Trajectory, 'copyLinksRevoked'>): number =>
  trajectory.copyLinksRevoked?.count ?? 0;

/**
 * The record of a new copy link that works for `days` from `now`. `revocations`: how many times
 * the trajectory's links had been revoked when this one was issued (`copyRevocations`); a later
 * revocation outnumbers it, which is what revokes it.
 */
export function copyLink(
  trajectoryId: string,
  linkHash: string,
  now: Date,
  days: number,
  revocations = 0,
): ActionLink {
  return {
    linkHash,
    trajectoryId,
    taskId: COPY_LINK_TASK,
    createdAt: now.toISOString(),
    kind: COPY_LINK_KIND,
    validUntil: new Date(now.getTime() + days * DAY_MS).toISOString(),
    ...(revocations > 0 ? { revocations } : {}),
  };
}

export const isCopyLink = (link: Pick<ActionLink, 'kind'>): boolean => link.kind === COPY_LINK_KIND;

/** Whether a copy link still works at `now`: up to, not including, its expiry. */
export function copyLinkWorks(link: Pick<ActionLink, 'kind' | 'validUntil'>, now: Date): boolean {
  if (!isCopyLink(link) || !link.validUntil) return false;
  return now.getTime() < Date.parse(link.validUntil);
}

/**
 * What a copy link answers at `now`: the copy, or why not. Revoked wins over expired: whoever
 * holds a link HR took back, or one withdrawn because its mail failed, is told it was withdrawn.
 * Revocations are counted, not timed, so a link issued in the same millisecond as a revocation is
 * on the right side of it whatever the clock says.
 */
export function copyLinkState(
  link: Pick<ActionLink, 'kind' | 'validUntil' | 'revocations' | 'revokedAt'>,
  trajectory: Pick<Trajectory, 'copyLinksRevoked'>,
  now: Date,
): 'open' | 'expired' | 'revoked' {
  if (link.revokedAt !== undefined) return 'revoked';
  if ((link.revocations ?? 0) < copyRevocations(trajectory)) return 'revoked';
  return copyLinkWorks(link, now) ? 'open' : 'expired';
}

/**
 * HR revokes every copy link issued so far (a mail went to the wrong address, the employee asks):
 * one more revocation, counted on the trajectory. Always applies, so revoking again is harmless
 * and a link issued in between is revoked too.
 */
export function withCopiesRevoked<T extends Trajectory>(trajectory: T, now: Date): T {
  const at = now.toISOString();
  return {
    ...trajectory,
    copyLinksRevoked: { count: copyRevocations(trajectory) + 1, at },
    updatedAt: at,
  };
}

/**
 * The short, stable reference of a link in the dossier: the first 12 characters of its hash.
 * Enough to tell links apart, useless as a key (the token is not derivable from its hash).
 */
const linkRef = (linkHash: string): string => linkHash.slice(0, 12);

/**
 * A copy was issued. `by`: HR on request, or the workflow with the first mail after the
 * conversation. One entry per link (its id is the link's), so a retried step adds none.
 */
export function copyIssuedEvent(
  trajectory: Pick<Trajectory, 'id'>,
  link: ActionLink,
  by: 'hr' | 'system',
): DossierEvent {
  return {
    id: `${COPY_ISSUED_EVENT}.${linkRef(link.linkHash)}`,
    trajectoryId: trajectory.id,
    at: link.createdAt,
    type: COPY_ISSUED_EVENT,
    actor: { role: by },
    data: { link: linkRef(link.linkHash), expiresAt: link.validUntil ?? '' },
  };
}

/**
 * HR revoked the copy links: one entry per revocation (its number in the id, so a retried append
 * adds none). Nothing personal: not the address the link went to, not why.
 */
export function copyRevokedEvent(trajectory: Pick<Trajectory, 'id' | 'copyLinksRevoked'>): DossierEvent {
  const revoked = trajectory.copyLinksRevoked;
  return {
    id: `${COPY_REVOKED_EVENT}.${revoked?.count ?? 0}`,
    trajectoryId: trajectory.id,
    at: revoked?.at ?? '',
    type: COPY_REVOKED_EVENT,
    actor: { role: 'hr' },
    data: { revocation: revoked?.count ?? 0 },
  };
}

/**
 * A copy link was withdrawn on its own, the moment it was issued: its mail could not be sent. The
 * dossier holds its issue, so it holds this too, and reads that the employee was not given it.
 */
export function copyWithdrawnEvent(
  trajectory: Pick<Trajectory, 'id'>,
  link: ActionLink,
  at: string,
): DossierEvent {
  return {
    id: `${COPY_WITHDRAWN_EVENT}.${linkRef(link.linkHash)}`,
    trajectoryId: trajectory.id,
    at,
    type: COPY_WITHDRAWN_EVENT,
    actor: { role: 'system' },
    data: { link: linkRef(link.linkHash) },
  };
}

/**
 * The employee opened their copy. At most one entry per link per day (Amsterdam or not, a UTC
 * day is close enough for "opened on"), so reloading the page does not flood the timeline.
 */
export function copyOpenedEvent(link: ActionLink, now: Date): DossierEvent {
  const day = now.toISOString().slice(0, 10);
  return {
    id: `${COPY_OPENED_EVENT}.${linkRef(link.linkHash)}.${day}`,
    trajectoryId: link.trajectoryId,
    at: now.toISOString(),
    type: COPY_OPENED_EVENT,
    actor: { role: 'employee' },
    data: { link: linkRef(link.linkHash) },
  };
}

/** Events that are HR's own business, not a record about the employee. */
const HR_ONLY_EVENTS = new Set([LEGAL_HOLD_PLACED_EVENT, LEGAL_HOLD_LIFTED_EVENT, 'step-failed']);

function forEmployee(event: DossierEvent): DossierEvent {
  if (event.type !== TRAJECTORY_CANCELLED || !event.data || !(INTERNAL_NOTE in event.data)) return event;
  const { [INTERNAL_NOTE]: _note, ...data } = event.data;
  return { ...event, data };
}

/** A confirmation of the decision without HR's override of the completeness rules. */
function taskForEmployee(task: Task): Task {
  const response = task.response as { override?: unknown } | undefined;
  if (task.kind !== 'decision-confirmation' || !response || response.override === undefined) return task;
  const { override: _override, ...rest } = response as Record<string, unknown>;
  return { ...task, response: rest };
}

/**
 * The dossier as its employee reads it: every task and answer, every mail and step, but not
 * HR's internal note on a cancellation, the legal hold (its dates on the trajectory and its
 * reason in the events), failed workflow steps or HR's override of the completeness rules.
 */
export function employeeDossier(dossier: Dossier): Dossier {
  const { legalHold: _hold, ...trajectory } = dossier.trajectory;
  return {
    ...dossier,
    trajectory,
    tasks: dossier.tasks.map(taskForEmployee),
    events: dossier.events.filter((event) => !HR_ONLY_EVENTS.has(event.type)).map(forEmployee),
  };
}
