/**
 * What the routes read from a request's query string. Kept apart from the handlers (they are
 * the contract's, not one handler's), so that docs/openapi.json is generated from these very
 * schemas (scripts/openapi-description.ts). The
 * `Idempotency-Key` header follows the rules of functions/core/idempotency-key.ts.
 */
import * as z from 'zod';
import { LIST_ORDERS, MAX_PAGE_SIZE, MAX_SEARCH_LENGTH } from './list-order.ts';
import { LOCALES, PHASES, STATUSES } from './model.ts';

/**
 * `GET /trajectories`. Query strings are text; unknown parameters are ignored, as a browser or
 * proxy may add some.
 */
export const listTrajectoriesQuery = z.object({
  status: z.enum(STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  cursor: z.string().min(1).max(2048).optional(),
});

/** `GET /trajectories.csv`: an unknown `status` or `lang` is a 400 with field errors. */
export const csvQuery = z.object({
  status: z.enum(STATUSES).optional(),
  lang: z.enum(LOCALES).optional(),
});

/** `GET /dossiers.csv` reads its query like the dashboard: what does not fit is ignored. */
export const csvPageQuery = z.object({
  status: z.enum(STATUSES).optional().catch(undefined),
  lang: z.enum(LOCALES).optional().catch(undefined),
});

/**
 * The dashboard's list filters (`GET /`); what does not fit is ignored. Only the search term `q`
 * holds personal data (part of a name): the access log has no path or query, the handlers log
 * the route key only, and the pages send no Referer, so it stays in the browser's own history.
 */
export const dashboardFiltersQuery = z.object({
  status: z.enum(STATUSES).optional().catch(undefined),
  phase: z.enum(PHASES).optional().catch(undefined),
  attention: z.literal('1').optional().catch(undefined),
  overdue: z.literal('1').optional().catch(undefined),
  q: z.string().trim().min(1).max(MAX_SEARCH_LENGTH).optional().catch(undefined),
  sort: z.enum(LIST_ORDERS).optional().catch(undefined),
});
