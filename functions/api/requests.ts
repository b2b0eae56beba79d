/**
 * What the routes read from a request besides its body: the query strings and the
 * `Idempotency-Key` header. Kept apart from the handlers, which build their clients when they
 * load, so that docs/openapi.json is generated from these very schemas (functions/api/openapi.ts)
 * without starting a handler.
 */
import * as z from 'zod';
import { LOCALES, PHASES, STATUSES } from '#core/model.ts';
import { MAX_PAGE_SIZE } from '#adapters/dynamo-repository.ts';

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

/** The dashboard's list filters (`GET /`); they hold no personal data, and what does not fit is ignored. */
export const dashboardFiltersQuery = z.object({
  status: z.enum(STATUSES).optional().catch(undefined),
  phase: z.enum(PHASES).optional().catch(undefined),
  attention: z.literal('1').optional().catch(undefined),
  overdue: z.literal('1').optional().catch(undefined),
});

/** The header that makes `POST /trajectories` safe to retry (draft-ietf-httpapi-idempotency-key-header). */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;
/** Printable ASCII without spaces, once trimmed. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]+$/;
