/**
 * GET /trajectories/{id}: the whole dossier, for HR or the trajectory's own manager. Another
 * manager gets 403 whether the id exists or not; HR gets 404 for an unknown id.
 *
 * `completeness`: would the dossier hold in a dismissal for unsuitability? The core's check
 * (docs/completeness.md), judged at the clock's time, in the trajectory's language.
 */
import { eventForReader } from '#core/actions.ts';
import { assessCompleteness } from '#core/completeness.ts';
import type { Dossier, DossierEvent, Role, Task } from '#core/model.ts';
import type { Clock, TrajectoryRepository } from '#core/ports.ts';
import { supportLedger } from '#core/support-ledger.ts';
import { clock as systemClock } from '#adapters/clock.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { assertVisible } from '#shared/auth.ts';
import { jsonApi, ok } from '#shared/http.ts';

export interface GetTrajectoryDeps {
  repository: TrajectoryRepository;
  /** The time the completeness is judged at; the system (or local virtual) clock by default. */
  clock?: Clock;
}

/**
 * Fields that grant power over the workflow: a task token completes a step, a link hash
 * identifies an action link. They never leave the server, at whatever depth they appear.
 */
const SECRET_KEYS = new Set(['taskToken', 'linkHash', 'token', 'actionToken']);

function withoutSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutSecrets) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !SECRET_KEYS.has(key))
      .map(([key, inner]) => [key, withoutSecrets(inner)]),
  ) as T;
}

export type TaskView = Omit<Task, 'taskToken' | 'linkHash'>;

/**
 * The dossier in the shape of the public contract (README.md, "GET /trajectories/{id}"), as
 * `reader` may see it: HR's internal note on a cancellation is for HR only.
 */
export function dossierView(dossier: Dossier, now?: Date, reader: Role = 'manager') {
  const { trajectory, tasks, events } = dossier;
  return {
    ...trajectory,
    tasks: tasks.map((task): TaskView => withoutSecrets(task)),
    events: events.map((event): DossierEvent => withoutSecrets(eventForReader(event, reader))),
    // Extension of the contract: the support ledger, every entry of the plan and follow-ups.
    support: supportLedger(dossier),
    completeness: assessCompleteness(dossier, { ...(now && { now: now.toISOString() }) }),
  };
}

export const getTrajectoryHandler = ({ repository, clock = systemClock }: GetTrajectoryDeps) =>
  jsonApi({}, async ({ principal, param }) => {
    const dossier = await repository.getDossier(param('id'));
    assertVisible(principal, dossier);
    return ok(dossierView(dossier, clock.now(), principal.role));
  });

export const handler = getTrajectoryHandler({ repository: createRepositoryFromEnv() });
