/**
 * The HR dashboard's pages (HTML, session cookie): `GET /` lists the trajectories the person may
 * see, with filters; `GET /dossiers/{id}` shows one dossier as a timeline with HR's actions;
 * `GET /start` is the form that starts a trajectory (HR only). Filters travel in the query
 * string and hold no personal data (status, phase, two flags).
 */
import { assessCompleteness, type Completeness } from '#core/completeness.ts';
import type { Trajectory } from '#core/model.ts';
import type { Clock, TrajectoryRepository } from '#core/ports.ts';
import { clock } from '#adapters/clock.ts';
import { createRepositoryFromEnv, MAX_PAGE_SIZE } from '#adapters/dynamo-repository.ts';
import { canSee, type Principal } from '#shared/auth.ts';
import { ForbiddenError, NotFoundError } from '#shared/errors.ts';
import { pathParam } from '#shared/http.ts';
import {
  renderDashboard,
  renderDossierPage,
  renderStartPage,
  type ListFilters,
} from '#web/dashboard-pages.ts';
import { page, pageApi } from './page-http.ts';
import { dashboardFiltersQuery } from './requests.ts';

export interface DashboardDeps {
  repository: TrajectoryRepository;
  clock: Clock;
}

export function parseFilters(query: Record<string, string | undefined> | undefined): ListFilters {
  const parsed = dashboardFiltersQuery.parse(query ?? {});
  return {
    ...(parsed.status ? { status: parsed.status } : {}),
    ...(parsed.phase ? { phase: parsed.phase } : {}),
    ...(parsed.attention ? { attention: true } : {}),
    ...(parsed.overdue ? { overdue: true } : {}),
  };
}

/**
 * What a row shows besides the trajectory: whether any open task's deadline has passed, and the
 * dossier-completeness check's overall status. Reads each dossier: fine for a page of them.
 */
async function rowFacts(
  repository: TrajectoryRepository,
  trajectory: Trajectory,
  now: Date,
): Promise<{ overdue: boolean; completeness?: Completeness['status'] }> {
  const dossier = await repository.getDossier(trajectory.id);
  if (!dossier) return { overdue: false };
  const overdue =
    trajectory.status === 'active' &&
    dossier.tasks.some((task) => task.status === 'open' && Date.parse(task.dueAt) < now.getTime());
  return { overdue, completeness: assessCompleteness(dossier, { now: now.toISOString() }).status };
}

/** Enough to read a few hundred dossiers quickly without one request flooding the table. */
const DOSSIER_READS_AT_ONCE = 16;

/** `map` with at most `limit` calls in flight; the results keep the order of `items`. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * The trajectories the list starts from, newest first. Without a filter that the indexes cannot
 * answer, the newest page (MAX_PAGE_SIZE). Phase, attention and overdue are checked per item
 * after reading, so with one of them every page is read: a match beyond the newest hundred must
 * not go missing. Only an active trajectory can be overdue (its open tasks), so that filter
 * reads the active ones only, through the status index.
 */
export async function listFor(
  repository: TrajectoryRepository,
  principal: Principal,
  filters: ListFilters,
): Promise<Trajectory[]> {
  if (filters.overdue && filters.status && filters.status !== 'active') return [];
  const status = filters.overdue ? 'active' : filters.status;
  const everyPage = Boolean(filters.phase || filters.attention || filters.overdue);
  const items: Trajectory[] = [];
  let cursor: string | undefined;
  do {
    const query = { limit: MAX_PAGE_SIZE, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) };
    const page =
      principal.role === 'hr'
        ? await repository.listTrajectories(query)
        : await repository.listTrajectoriesForManager(principal.email, query);
    items.push(...page.items);
    cursor = everyPage ? page.next : undefined;
  } while (cursor);
  return items;
}

export const dashboardHandler = ({ repository, clock: time }: DashboardDeps) =>
  pageApi(async ({ event, locale, session }) => {
    const { principal } = session;
    switch (event.routeKey) {
      case 'GET /start':
        if (principal.role !== 'hr') throw new ForbiddenError('forbidden');
        return page(renderStartPage(locale, session));
      case 'GET /dossiers/{id}': {
        const dossier = await repository.getDossier(pathParam(event, 'id'));
        // Someone else's trajectory is as absent as a missing one: its existence is not told.
        if (!dossier || !canSee(principal, dossier.trajectory)) throw new NotFoundError('trajectory');
        return page(renderDossierPage(locale, session, dossier, { now: time.now() }));
      }
      default: {
        const filters = parseFilters(event.queryStringParameters);
        const items = await listFor(repository, principal, filters);
        const now = time.now();
        const rows = await mapLimited(
          items
            .filter((trajectory) => canSee(principal, trajectory))
            .filter((trajectory) => !filters.phase || trajectory.phase === filters.phase)
            .filter((trajectory) => !filters.attention || trajectory.attention),
          DOSSIER_READS_AT_ONCE,
          async (trajectory) => ({
            trajectory,
            ...(await rowFacts(repository, trajectory, now)),
          }),
        );
        return page(
          renderDashboard(
            locale,
            session,
            rows.filter((row) => !filters.overdue || row.overdue),
            filters,
          ),
        );
      }
    }
  });

export const handler = dashboardHandler({ repository: createRepositoryFromEnv(), clock });
