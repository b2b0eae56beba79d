/**
 * The HR dashboard's pages (HTML, session cookie): `GET /` lists the trajectories the person may
 * see, with filters; `GET /dossiers/{id}` shows one dossier whole, the way its PDF does, with
 * the open tasks and HR's actions (`?timeline=key` leaves routine events out of view);
 * `GET /start` is the form that starts a trajectory (HR only); `GET /dossiers/{id}/tasks/{taskId}`
 * is a task's form for the person it waits for, signed in instead of holding the mailed link.
 * The list opens with the signed-in person's own open tasks. Filters travel in the query string
 * and hold no personal data (status, phase, two flags).
 */
import { assessCompleteness, type Completeness } from '#core/completeness.ts';
import type { Trajectory, WorkState } from '#core/model.ts';
import { byNextDeadline, matchesName } from '#core/list-order.ts';
import { nextDeadline, openTasksFor, type OpenTaskItem } from '#core/open-tasks.ts';
import { needsAttention } from '#core/trajectory.ts';
import type { Clock, Drafts, TrajectoryRepository } from '#core/ports.ts';
import { clock } from '#adapters/clock.ts';
import { taskFileRecordsFromEnv } from '#adapters/files-from-env.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { MAX_PAGE_SIZE } from '#core/list-order.ts';
import { createDraftsFromEnv } from '#adapters/dynamo-drafts.ts';
import { canSee, type Principal } from '#shared/auth.ts';
import { ForbiddenError, NotFoundError } from '#shared/errors.ts';
import { pathParam } from '#shared/http.ts';
import { openDraft } from '#usecases/drafts.ts';
import type { GetActionDeps } from '#usecases/action-link.ts';
import { signedInTask, signedInView } from '#usecases/signed-in-task.ts';
import {
  renderDashboard,
  renderDossierPage,
  renderStartPage,
  renderTaskPage,
  taskHref,
  TIMELINE_QUERY,
  type ListFilters,
} from '#web/dashboard-pages.ts';
import { COPY_NOTICE_QUERY, copyNoticeOf } from '#web/copy-section.ts';
import { attachmentsFor } from './action-page-outcomes.ts';
import { page, pageApi, uploadPage } from './page-http.ts';
import { dashboardFiltersQuery } from '#core/queries.ts';

export interface DashboardDeps {
  repository: TrajectoryRepository;
  clock: Clock;
  /** A task's page opens with its saved draft (functions/core/drafts.ts). */
  drafts?: Drafts;
  /** The evidence files' records: a task's page lists its exhibits and offers to add one. */
  files?: GetActionDeps['files'];
}

export function parseFilters(query: Record<string, string | undefined> | undefined): ListFilters {
  const parsed = dashboardFiltersQuery.parse(query ?? {});
  return {
    ...(parsed.status ? { status: parsed.status } : {}),
    ...(parsed.phase ? { phase: parsed.phase } : {}),
    ...(parsed.attention ? { attention: true } : {}),
    ...(parsed.overdue ? { overdue: true } : {}),
    ...(parsed.q ? { q: parsed.q } : {}),
    ...(parsed.sort && parsed.sort !== 'newest' ? { sort: parsed.sort } : {}),
  };
}

/**
 * What a row shows besides the trajectory: whether any open task's deadline has passed, the next
 * deadline, and the dossier-completeness check's overall status. Reads each dossier: fine for a
 * page of them.
 */
async function rowFacts(
  repository: TrajectoryRepository,
  trajectory: Trajectory,
  now: Date,
  read: Map<string, Promise<WorkState | undefined>>,
): Promise<{ overdue: boolean; nextDueAt?: string; completeness?: Completeness['status'] }> {
  const reading = repository.getDossier(trajectory.id);
  read.set(trajectory.id, reading);
  const dossier = await reading;
  if (!dossier) return { overdue: false };
  const overdue =
    trajectory.status === 'active' &&
    dossier.tasks.some((task) => task.status === 'open' && Date.parse(task.dueAt) < now.getTime());
  const nextDueAt = nextDeadline(dossier);
  return {
    overdue,
    ...(nextDueAt !== undefined && { nextDueAt }),
    completeness: assessCompleteness(dossier, { now: now.toISOString() }).status,
  };
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
 * answer, the newest page (MAX_PAGE_SIZE). Phase, attention, overdue and the name searched for are
 * checked per item after reading, and the order by next deadline needs every deadline, so with
 * one of them every page is read: a match beyond the newest hundred must not go missing. Only an active trajectory can be overdue (its open tasks), so that filter
 * reads the active ones only, through the status index.
 */
export async function listFor(
  repository: TrajectoryRepository,
  principal: Principal,
  filters: ListFilters,
  { allPages = false }: { allPages?: boolean } = {},
): Promise<Trajectory[]> {
  if (filters.overdue && filters.status && filters.status !== 'active') return [];
  const status = filters.overdue ? 'active' : filters.status;
  const everyPage =
    allPages ||
    Boolean(
      filters.phase || filters.attention || filters.overdue || filters.q || filters.sort === 'deadline',
    );
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

/**
 * The open tasks waiting for `principal`, over every running trajectory they may see (all pages):
 * a task must not go missing because its trajectory is not among the newest. A dossier the list
 * has read already is not read again.
 */
async function myOpenTasks(
  repository: TrajectoryRepository,
  principal: Principal,
  now: Date,
  read: Map<string, Promise<WorkState | undefined>>,
): Promise<OpenTaskItem[]> {
  const active = await listFor(repository, principal, { status: 'active' }, { allPages: true });
  const states = await mapLimited(
    active.filter((trajectory) => canSee(principal, trajectory)),
    DOSSIER_READS_AT_ONCE,
    (trajectory) => read.get(trajectory.id) ?? repository.getWorkState(trajectory.id),
  );
  return openTasksFor(
    principal,
    states.filter((state): state is WorkState => state !== undefined),
    now,
  );
}

const ordered = <T extends { nextDueAt?: string }>(rows: T[], filters: ListFilters): T[] =>
  filters.sort === 'deadline' ? byNextDeadline(rows) : rows;

export const dashboardHandler = ({ repository, clock: time, drafts, files }: DashboardDeps) =>
  pageApi(async ({ event, locale, session }) => {
    const { principal } = session;
    switch (event.routeKey) {
      case 'GET /start':
        if (principal.role !== 'hr') throw new ForbiddenError('forbidden');
        return page(renderStartPage(locale, session));
      case 'GET /dossiers/{id}/tasks/{taskId}': {
        const found = await signedInTask(
          repository,
          principal,
          pathParam(event, 'id'),
          pathParam(event, 'taskId'),
        );
        const { view, noResponse } = signedInView(found, locale, time.now());
        // The draft belongs to the task: one saved from the mailed link opens here too.
        const draft = await openDraft(drafts, view);
        // The script posts to this page's own file routes (functions/api/dashboard-files.ts),
        // with the session's CSRF token, and uploads to the bucket: its origin joins the CSP.
        const attachments = await attachmentsFor(files, view);
        const options = {
          noResponse,
          ...(draft && { values: draft.fields, draftSavedAt: draft.savedAt }),
          ...(attachments && {
            attachments: { ...attachments, base: taskHref(view.trajectoryId, view.taskId) },
          }),
        };
        return uploadPage(renderTaskPage(locale, session, view, options));
      }
      case 'GET /dossiers/{id}': {
        const dossier = await repository.getDossier(pathParam(event, 'id'));
        // Someone else's trajectory is as absent as a missing one: its existence is not told.
        if (!dossier || !canSee(principal, dossier.trajectory)) throw new NotFoundError('trajectory');
        const hideRoutine = event.queryStringParameters?.[TIMELINE_QUERY.name] === TIMELINE_QUERY.key;
        const copyNotice = copyNoticeOf(event.queryStringParameters?.[COPY_NOTICE_QUERY]);
        return page(
          renderDossierPage(locale, session, dossier, {
            now: time.now(),
            hideRoutine,
            ...(copyNotice ? { copyNotice } : {}),
          }),
        );
      }
      default: {
        const filters = parseFilters(event.queryStringParameters);
        const items = await listFor(repository, principal, filters);
        const now = time.now();
        const read = new Map<string, Promise<WorkState | undefined>>();
        const rows = await mapLimited(
          items
            .filter((trajectory) => canSee(principal, trajectory))
            .filter((trajectory) => !filters.phase || trajectory.phase === filters.phase)
            .filter((trajectory) => !filters.attention || needsAttention(trajectory))
            .filter((trajectory) => matchesName(trajectory.employee.name, filters.q)),
          DOSSIER_READS_AT_ONCE,
          async (trajectory) => ({
            trajectory,
            ...(await rowFacts(repository, trajectory, now, read)),
          }),
        );
        const mine = await myOpenTasks(repository, principal, now, read);
        return page(
          renderDashboard(
            locale,
            session,
            ordered(
              rows.filter((row) => !filters.overdue || row.overdue),
              filters,
            ),
            filters,
            mine,
          ),
        );
      }
    }
  });

export const handler = dashboardHandler({
  repository: createRepositoryFromEnv(),
  clock,
  drafts: createDraftsFromEnv(),
  files: taskFileRecordsFromEnv(),
});
