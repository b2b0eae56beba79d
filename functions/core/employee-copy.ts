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

const DAY_MS = 24 * 60 * 60 * 1000;

/** The record of a new copy link that works for `days` from `now`. */
export function copyLink(trajectoryId: string, linkHash: string, now: Date, days: number): ActionLink {
  return {
    linkHash,
    trajectoryId,
    taskId: COPY_LINK_TASK,
    createdAt: now.toISOString(),
    kind: COPY_LINK_KIND,
    validUntil: new Date(now.getTime() + days * DAY_MS).toISOString(),
  };
}

export const isCopyLink = (link: Pick<ActionLink, 'kind'>): boolean => link.kind === COPY_LINK_KIND;

/** Whether a copy link still works at `now`: up to, not including, its expiry. */
export function copyLinkWorks(link: Pick<ActionLink, 'kind' | 'validUntil'>, now: Date): boolean {
  if (!isCopyLink(link) || !link.validUntil) return false;
  return now.getTime() < Date.parse(link.validUntil);
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
