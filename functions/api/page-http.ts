/**
 * The chain of the dashboard's HTML routes, the sibling of `jsonApi` and `actionApi`: security
 * headers with the pages' CSP, the session from its cookie, the caller's language, and every
 * error as a page (never a stack trace). The routes are `auth: 'none'` in ROUTES because the
 * HTTP API's JWT authorizer reads only the Authorization header; the session cookie carries the
 * same ID token and is verified here (functions/shared/session-cookie.ts).
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Locale } from '#core/model.ts';
import {
  ConflictError,
  ForbiddenError,
  HttpError,
  NotFoundError,
  StateConflictError,
  UnauthorizedError,
  ValidationError,
  VersionConflictError,
} from '#shared/errors.ts';
import {
  bodyText,
  decodedBody,
  DEFAULT_LOCALE,
  header,
  JSON_CONTENT_TYPE,
  jsonObject,
  requireJsonType,
  securityHeaders,
  type ApiEvent,
  type ApiResult,
  type ErrorBody,
} from '#shared/http.ts';
import { pickLocale, translator } from '#shared/i18n/catalogue.ts';
import { dashboardMessages } from '#shared/i18n/dashboard.ts';
import { actionMessages } from '#shared/i18n/actions.ts';
import { httpMessages } from '#shared/i18n/http.ts';
import { pauseMessages } from '#shared/i18n/pause.ts';
import { dashboardWorkMessages } from '#shared/i18n/dashboard-work.ts';
import { filesMessages } from '#shared/i18n/files.ts';
import { validationMessages } from '#shared/i18n/validation.ts';
import { logger } from '#shared/observability.ts';
import { csrfToken, sessionPrincipal, validCsrf } from '#shared/session-cookie.ts';
import { config } from '#shared/env.ts';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy } from '#web/headers.ts';
import { renderDashboardMessage, type Session } from '#web/dashboard-layout.ts';
import { TASK_FORBIDDEN } from '#usecases/signed-in-task.ts';
import { crossSiteForm } from './action-http.ts';

const t = /* @__PURE__ */ translator(
  dashboardMessages,
  actionMessages,
  httpMessages,
  pauseMessages,
  dashboardWorkMessages,
);

/** The JSON routes' words: the catalogue's `error.<code>` and the two refusals of who asks. */
const tJson = /* @__PURE__ */ translator(
  httpMessages,
  pauseMessages,
  filesMessages,
  validationMessages,
  dashboardWorkMessages,
  dashboardMessages,
);

export const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Cache-Control': 'no-store',
};

export interface PageRequest {
  event: ApiEvent;
  locale: Locale;
  /** The signed-in person; requests without a valid session never reach the handler. */
  session: Session;
  /** The raw session token, for the CSRF check of a form. */
  token: string;
}

export const page = (html: string, statusCode = 200): ApiResult => ({
  statusCode,
  headers: PAGE_HEADERS,
  body: html,
});
/**
 * A page whose script uploads documents straight to the evidence files' bucket (a task's page):
 * the bucket's origin joins `connect-src`, as on the mailed link's page.
 */
export const uploadPage = (html: string, statusCode = 200): ApiResult => ({
  statusCode,
  headers: { ...PAGE_HEADERS, 'Content-Security-Policy': contentSecurityPolicy(config.filesUploadOrigin) },
  body: html,
});
export const redirect = (location: string, cookies?: string[]): ApiResult => ({
  statusCode: 303,
  headers: { Location: location, 'Cache-Control': 'no-store' },
  body: '',
  ...(cookies ? { cookies } : {}),
});

/** The form fields of a POST body, as text. */
export function formFields(event: ApiEvent): URLSearchParams {
  return new URLSearchParams(decodedBody(event));
}

/**
 * A state-changing form is accepted only with the session's CSRF token, and only from this
 * site (the same `Sec-Fetch-Site`/`Origin` check as the action links). SameSite=Lax on the
 * cookie already keeps it off another site's posts; the token is the check that does not rely
 * on the browser.
 */
export function checkForm(request: PageRequest, fields: URLSearchParams): void {
  if (crossSiteForm(request.event) || !validCsrf(request.token, fields.get('csrf'))) {
    throw new ForbiddenError(t(request.locale, 'dash.csrf'));
  }
}

/** A dashboard handler: no session → to the sign-in; errors → a page in the caller's language. */
export function pageApi(handle: (request: PageRequest) => Promise<ApiResult>) {
  return middy<ApiEvent, ApiResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(securityHeaders({ contentSecurityPolicy: false }))
    .handler(async (event) => {
      logger.appendKeys({ requestId: event.requestContext?.requestId, routeKey: event.routeKey });
      const locale = pickLocale(header(event, 'accept-language'), DEFAULT_LOCALE);
      const found = await sessionPrincipal(event);
      if (!found) return redirect('/sign-in');
      const session: Session = { principal: found.principal, csrf: csrfToken(found.token) };
      try {
        return await handle({ event, locale, session, token: found.token });
      } catch (error) {
        const known =
          error instanceof VersionConflictError ? new ConflictError(t(locale, 'dash.conflict')) : error;
        if (!(known instanceof HttpError)) {
          logger.error('Request failed', { error });
          return page(renderDashboardMessage(locale, session, t(locale, 'action.error.internal')), 500);
        }
        logger.info('Request refused', { statusCode: known.statusCode, code: known.code });
        const stateKey = `error.${known.code}`;
        const message =
          known instanceof NotFoundError
            ? t(locale, 'dash.notFound')
            : known instanceof ConflictError
              ? t(locale, 'dash.conflict')
              : known instanceof StateConflictError && t.has(stateKey)
                ? t(locale, stateKey)
                : known instanceof ForbiddenError && known.message === 'forbidden'
                  ? t(locale, 'dash.forbidden')
                  : known instanceof ForbiddenError && known.message === TASK_FORBIDDEN
                    ? t(locale, 'work.task.forbidden')
                    : known.message;
        return page(renderDashboardMessage(locale, session, message), known.statusCode);
      }
    });
}

export interface SessionJsonRequest {
  event: ApiEvent;
  locale: Locale;
  principal: PageRequest['session']['principal'];
  /** The JSON body as an object (`{}` when none was sent). */
  body: unknown;
}

/** The header a page's script sends the session's CSRF token in (it reads it from the page). */
export const CSRF_HEADER = 'x-csrf-token';

/** A JSON body as an object; anything else is a 400 (413, 415) before the handler runs. */
function requestObject(event: ApiEvent, locale: Locale): unknown {
  const text = bodyText(event);
  if (text.trim() === '') return {};
  requireJsonType(header(event, 'content-type'));
  return jsonObject(text, () => {
    const message = tJson(locale, 'validation.body');
    return new ValidationError([{ path: '', message }], message);
  });
}

/** `{error: {code, message, fieldErrors?}}` as the JSON routes answer it, in the caller's language. */
function jsonError(locale: Locale, error: unknown): ApiResult {
  const known = error instanceof VersionConflictError ? new ConflictError('conflict') : error;
  let statusCode = 500;
  let body: ErrorBody = { error: { code: 'internal', message: tJson(locale, 'error.internal') } };
  if (known instanceof HttpError) {
    statusCode = known.statusCode;
    const key = `error.${known.code}`;
    const message =
      known instanceof ForbiddenError && known.message === TASK_FORBIDDEN
        ? tJson(locale, 'work.task.forbidden')
        : known instanceof ForbiddenError && known.message === CSRF_REFUSED
          ? tJson(locale, 'dash.csrf')
          : tJson.has(key)
            ? tJson(locale, key)
            : known.message;
    body = { error: { code: known.code, message } };
    if (known instanceof ValidationError) body.error.fieldErrors = known.fieldErrors;
    logger.info('Request refused', { statusCode, code: known.code });
  } else {
    logger.error('Request failed', { error });
  }
  return {
    statusCode,
    headers: { 'Content-Type': JSON_CONTENT_TYPE, 'Cache-Control': 'no-store' },
    body: JSON.stringify(body),
  };
}

const CSRF_REFUSED = 'csrf';

/**
 * A JSON route behind the session cookie, for a dashboard page's script (the sibling of
 * `pageApi`): no session is a 401 (a script cannot follow a sign-in redirect); every request
 * changes something, so each needs this site (`Sec-Fetch-Site`/`Origin`) and the session's CSRF
 * token, sent in the `X-CSRF-Token` header; errors answer as JSON, never as a page.
 */
export function sessionJsonApi(handle: (request: SessionJsonRequest) => Promise<ApiResult>) {
  return middy<ApiEvent, ApiResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(securityHeaders())
    .handler(async (event) => {
      logger.appendKeys({ requestId: event.requestContext?.requestId, routeKey: event.routeKey });
      const locale = pickLocale(header(event, 'accept-language'), DEFAULT_LOCALE);
      try {
        const found = await sessionPrincipal(event);
        if (!found) throw new UnauthorizedError('unauthorized');
        if (crossSiteForm(event) || !validCsrf(found.token, header(event, CSRF_HEADER))) {
          throw new ForbiddenError(CSRF_REFUSED);
        }
        const body = requestObject(event, locale);
        return await handle({ event, locale, principal: found.principal, body });
      } catch (error) {
        return jsonError(locale, error);
      }
    });
}

/** A JSON answer of `sessionJsonApi`. */
export const json = (body: unknown, statusCode = 200): ApiResult => ({
  statusCode,
  headers: { 'Content-Type': JSON_CONTENT_TYPE, 'Cache-Control': 'no-store' },
  body: JSON.stringify(body),
});
