/**
 * The trajectories as a CSV report (functions/web/trajectories-csv.ts has the format):
 * - `GET /trajectories.csv` (JWT): HR gets every trajectory, a manager only their own, exactly
 *   as `GET /trajectories` but all pages at once; `?status=` narrows it, `?lang=en` gives the
 *   header row in English (default Dutch);
 * - `GET /dossiers.csv` (session cookie): the same file as the dashboard's download link; the
 *   header row in the language of `?lang=`, else of the browser.
 *
 * A row needs the whole dossier (the overdue tasks, the completeness check), so every listed
 * trajectory's dossier is read, a few at a time.
 */
import type { Context } from 'aws-lambda';
import type { Locale, TrajectoryStatus } from '#core/model.ts';
import type { Clock, ListQuery, TrajectoryRepository } from '#core/ports.ts';
import { clock } from '#adapters/clock.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { MAX_PAGE_SIZE } from '#core/list-order.ts';
import { canSee, type Principal } from '#shared/auth.ts';
import { DEFAULT_LOCALE, file, jsonApi, type ApiEvent, type ApiResult } from '#shared/http.ts';
import {
  CSV_CONTENT_TYPE,
  csvFileName,
  renderTrajectoriesCsv,
  reportRow,
  type ReportRow,
} from '#web/trajectories-csv.ts';
import { pageApi } from './page-http.ts';
import { csvPageQuery, csvQuery } from '#core/queries.ts';

export interface TrajectoriesCsvDeps {
  repository: TrajectoryRepository;
  clock: Clock;
}

/** How many dossiers are read at the same time. */
const CONCURRENT_READS = 8;

/** Every trajectory the principal may see (all pages), with its report row. */
export async function reportRows(
  repository: TrajectoryRepository,
  principal: Principal,
  now: Date,
  status?: TrajectoryStatus,
): Promise<ReportRow[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const query: ListQuery = {
      limit: MAX_PAGE_SIZE,
      ...(status ? { status } : {}),
      ...(cursor ? { cursor } : {}),
    };
    const page =
      principal.role === 'hr'
        ? await repository.listTrajectories(query)
        : await repository.listTrajectoriesForManager(principal.email, query);
    ids.push(...page.items.filter((trajectory) => canSee(principal, trajectory)).map(({ id }) => id));
    cursor = page.next;
  } while (cursor);

  const rows: (ReportRow | undefined)[] = new Array(ids.length);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const index = next++;
      const dossier = await repository.getDossier(ids[index] as string);
      // Listed a moment ago (the index is eventually consistent), gone or reassigned now: left out.
      if (dossier && canSee(principal, dossier.trajectory)) rows[index] = reportRow(dossier, now);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_READS, ids.length) }, worker));
  return rows.filter((row): row is ReportRow => row !== undefined);
}

const csvHeaders = (locale: Locale, now: Date): Record<string, string> => ({
  'Content-Disposition': `attachment; filename="${csvFileName(locale, now)}"`,
  'Cache-Control': 'no-store',
});

export const trajectoriesCsvHandler = ({ repository, clock: time }: TrajectoriesCsvDeps) => {
  const api = jsonApi({ query: csvQuery }, async ({ principal, query }) => {
    const now = time.now();
    const locale = query.lang ?? DEFAULT_LOCALE;
    const rows = await reportRows(repository, principal, now, query.status);
    return file(CSV_CONTENT_TYPE, renderTrajectoriesCsv(locale, rows), csvHeaders(locale, now));
  });

  const pages = pageApi(async ({ event, locale: browserLocale, session }) => {
    const query = csvPageQuery.parse(event.queryStringParameters ?? {});
    const now = time.now();
    const locale = query.lang ?? browserLocale;
    const rows = await reportRows(repository, session.principal, now, query.status);
    return {
      statusCode: 200,
      headers: { 'Content-Type': CSV_CONTENT_TYPE, ...csvHeaders(locale, now) },
      body: renderTrajectoriesCsv(locale, rows),
    };
  });

  return (event: ApiEvent, context: Context): Promise<ApiResult> =>
    event.routeKey === 'GET /trajectories.csv' ? api(event, context) : pages(event, context);
};

export const handler = trajectoriesCsvHandler({ repository: createRepositoryFromEnv(), clock });
