/**
 * The HR dashboard's pages (HTML, session cookie): `GET /` lists the trajectories the person may
 * see, with filters; `GET /dossiers/{id}` shows one dossier as a timeline with HR's actions;
 * `GET /start` is the form that starts a trajectory (HR only). Filters travel in the query
 * string and hold no personal data (status, phase, two flags).
 */
import * as z from 'zod';
import { PHASES, STATUSES, type Trajectory } from '#core/model.ts';
import type { Clock, TrajectoryRepository } from '#core/ports.ts';
import { clock } from '#adapters/clock.ts';
import { createRepositoryFromEnv, MAX_PAGE_SIZE } from '#adapters/dynamo-repository.ts';
import { canSee } from '#shared/auth.ts';
import { ForbiddenError, NotFoundError } from '#shared/errors.ts';
import { pathParam } from '#shared/http.ts';
import {
  renderDashboard,
  renderDossierPage,
  renderStartPage,
  type ListFilters,
} from '#web/dashboard-pages.ts';
import { page, pageApi } from './page-http.ts';

export interface DashboardDeps {
  repository: TrajectoryRepository;
  clock: Clock;
}

const filtersQuery = z.object({
  status: z.enum(STATUSES).optional().catch(undefined),
  phase: z.enum(PHASES).optional().catch(undefined),
  attention: z.literal('1').optional().catch(undefined),
  overdue: z.literal('1').optional().catch(undefined),
});

export function parseFilters(query: Record<string, string | undefined> | undefined): ListFilters {
  const parsed = filtersQuery.parse(query ?? {});
  return {
    ...(parsed.status ? { status: parsed.status } : {}),
    ...(parsed.phase ? { phase: parsed.phase } : {}),
    ...(parsed.attention ? { attention: true } : {}),
    ...(parsed.overdue ? { overdue: true } : {}),
  };
}

/** Whether any open task's deadline has passed. Reads each dossier: fine for a page of them. */
async function isOverdue(
  repository: TrajectoryRepository,
  trajectory: Trajectory,
  now: Date,
): Promise<boolean> {
  if (trajectory.status !== 'active') return false;
  const dossier = await repository.getDossier(trajectory.id);
  return (dossier?.tasks ?? []).some(
    (task) => task.status === 'open' && Date.parse(task.dueAt) < now.getTime(),
  );
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
        const query = { limit: MAX_PAGE_SIZE, ...(filters.status ? { status: filters.status } : {}) };
        const { items } =
          principal.role === 'hr'
            ? await repository.listTrajectories(query)
            : await repository.listTrajectoriesForManager(principal.email, query);
        const now = time.now();
        const rows = await Promise.all(
          items
            .filter((trajectory) => canSee(principal, trajectory))
            .filter((trajectory) => !filters.phase || trajectory.phase === filters.phase)
            .filter((trajectory) => !filters.attention || trajectory.attention)
            .map(async (trajectory) => ({
              trajectory,
              overdue: await isOverdue(repository, trajectory, now),
            })),
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
