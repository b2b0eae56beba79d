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
  VersionConflictError,
} from '#shared/errors.ts';
import { DEFAULT_LOCALE, header, securityHeaders, type ApiEvent, type ApiResult } from '#shared/http.ts';
import { pickLocale, translator } from '#shared/i18n/catalogue.ts';
import { dashboardMessages } from '#shared/i18n/dashboard.ts';
import { actionMessages } from '#shared/i18n/actions.ts';
import { httpMessages } from '#shared/i18n/http.ts';
import { pauseMessages } from '#shared/i18n/pause.ts';
import { dashboardWorkMessages } from '#shared/i18n/dashboard-work.ts';
import { logger } from '#shared/observability.ts';
import { csrfToken, sessionPrincipal, validCsrf } from '#shared/session-cookie.ts';
import { CONTENT_SECURITY_POLICY } from '#web/headers.ts';
import { renderDashboardMessage, type Session } from '#web/dashboard-pages.ts';
import { TASK_FORBIDDEN } from '#usecases/signed-in-task.ts';
import { crossSiteForm } from './action-http.ts';

const t = /* @__PURE__ */ translator(
  dashboardMessages,
  actionMessages,
  httpMessages,
  pauseMessages,
  dashboardWorkMessages,
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
export const redirect = (location: string, cookies?: string[]): ApiResult => ({
  statusCode: 303,
  headers: { Location: location, 'Cache-Control': 'no-store' },
  body: '',
  ...(cookies ? { cookies } : {}),
});

/** The form fields of a POST body, as text. */
export function formFields(event: ApiEvent): URLSearchParams {
  const raw = event.body ?? '';
  return new URLSearchParams(event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw);
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
