/**
 * What the routes read from a request besides its body: the query strings and the
 * `Idempotency-Key` header. Kept apart from the handlers, so that docs/openapi.json is generated
 * from these very schemas (functions/api/openapi.ts) and the JSON route and the dashboard's start
 * form check a key alike.
 */
import * as z from 'zod';
import { LOCALES, PHASES, STATUSES, type Locale } from '#core/model.ts';
import { MAX_PAGE_SIZE } from '#adapters/dynamo-repository.ts';
import { LIST_ORDERS, MAX_SEARCH_LENGTH } from '#core/list-order.ts';
import { ValidationError } from '#shared/errors.ts';
import { translator } from '#shared/i18n/catalogue.ts';
import { validationMessages } from '#shared/i18n/validation.ts';

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

/** The header that makes `POST /trajectories` safe to retry (draft-ietf-httpapi-idempotency-key-header). */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;
/** Printable ASCII without spaces, once trimmed. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]+$/;

const t = /* @__PURE__ */ translator(validationMessages);

/**
 * The `Idempotency-Key` a caller sent (or the dashboard's start form carries), trimmed; a
 * `ValidationError` naming the header when it is blank, too long or not printable ASCII.
 */
export function checkIdempotencyKey(key: string, locale: Locale): string {
  const trimmed = key.trim();
  const fail = (message: string) => new ValidationError([{ path: IDEMPOTENCY_HEADER, message }], message);
  if (!trimmed) throw fail(t(locale, 'validation.required'));
  if (trimmed.length > IDEMPOTENCY_KEY_MAX_LENGTH) {
    throw fail(t(locale, 'validation.tooLong', { max: IDEMPOTENCY_KEY_MAX_LENGTH }));
  }
  if (!IDEMPOTENCY_KEY_PATTERN.test(trimmed)) throw fail(t(locale, 'validation.invalid'));
  return trimmed;
}
