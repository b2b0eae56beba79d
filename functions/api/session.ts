/**
 * Sign-in and sign-out of the dashboard.
 *
 * - `GET /sign-in`: with a Cognito Hosted UI configured (AWS), to its authorize endpoint with
 *   `state` and a PKCE challenge (functions/shared/hosted-sign-in.ts); otherwise to SIGN_IN_URL
 *   (the local cloud's own sign-in page); with neither, a page that says sign-in is not set up.
 * - `GET /auth/callback?code&state`: the Hosted UI's return. The state must match the attempt
 *   this browser started (403 otherwise); the code is traded for the ID token, which must pass
 *   the session's own verification, and becomes the session cookie. Every failure is a page in
 *   the person's language with a 4xx, and nothing that identifies them is logged.
 * - `POST /sign-out`: clears the cookie (with the CSRF token, so no other site can sign a person
 *   out), and with a Hosted UI ends its session too.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Locale } from '#core/model.ts';
import { DEFAULT_LOCALE, header, securityHeaders, type ApiEvent, type ApiResult } from '#shared/http.ts';
import {
  clearedSignInCookie,
  exchangeCode,
  hostedUi,
  oauthErrorCode,
  signOutLocation,
  startSignIn,
  TokenExchangeError,
  verifierFor,
  type HostedUi,
} from '#shared/hosted-sign-in.ts';
import { pickLocale } from '#shared/i18n/catalogue.ts';
import { logger } from '#shared/observability.ts';
import {
  clearedSessionCookie,
  principalOfClaims,
  sessionCookie,
  sessionPrincipal,
  validCsrf,
  verifiedClaims,
} from '#shared/session-cookie.ts';
import { renderSignInProblem, type SignInProblem } from '#web/sign-in-pages.ts';
import { crossSiteForm } from './action-http.ts';
import { formFields, page, redirect } from './page-http.ts';

/** An authorization code is a short opaque string; anything far longer is not one. */
const MAX_CODE_LENGTH = 2048;

function problem(
  locale: Locale,
  kind: SignInProblem,
  statusCode: number,
  cookies?: string[],
  oauthError?: string,
): ApiResult {
  logger.info('Sign-in refused', { problem: kind, statusCode, ...(oauthError ? { oauthError } : {}) });
  return { ...page(renderSignInProblem(locale, kind), statusCode), ...(cookies ? { cookies } : {}) };
}

async function callback(event: ApiEvent, locale: Locale, ui: HostedUi): Promise<ApiResult> {
  const host = header(event, 'host');
  // Whatever happens next, this attempt is used up.
  const cleared = [clearedSignInCookie(ui, host)];
  const query = event.queryStringParameters ?? {};
  if (query.error !== undefined) {
    // The person cancelled or may not use the app client; anything else is the Hosted UI's fault.
    const denied = query.error === 'access_denied';
    return problem(
      locale,
      denied ? 'refused' : 'failed',
      denied ? 403 : 400,
      cleared,
      oauthErrorCode(query.error),
    );
  }
  const verifier = verifierFor(event, query.state);
  if (!verifier) return problem(locale, 'state', 403, cleared);
  const code = query.code;
  if (!code || code.length > MAX_CODE_LENGTH) return problem(locale, 'failed', 400, cleared);

  let idToken: string;
  try {
    idToken = await exchangeCode(ui, code, verifier);
  } catch (error) {
    if (!(error instanceof TokenExchangeError)) throw error;
    // Under keys of their own: the logger drops every `reason` (people write reasons), and an OAuth
    // error code or a status says nothing about a person but everything about what went wrong.
    logger.warn('Sign-in code exchange failed', { failure: error.message, ...error.answer });
    return problem(locale, 'exchange', 400, cleared, error.answer.oauthError);
  }
  const claims = await verifiedClaims(idToken);
  if (!claims) return problem(locale, 'token', 403, cleared);
  if (!principalOfClaims(claims)) return problem(locale, 'noRole', 403, cleared);
  return redirect('/', [sessionCookie(idToken), ...cleared]);
}

async function signOut(event: ApiEvent): Promise<ApiResult> {
  const found = await sessionPrincipal(event);
  if (!found || crossSiteForm(event) || !validCsrf(found.token, formFields(event).get('csrf'))) {
    return redirect('/');
  }
  const cleared = [clearedSessionCookie()];
  const ui = hostedUi();
  return redirect(ui ? signOutLocation(ui) : '/sign-in', cleared);
}

export const handler = middy<ApiEvent, ApiResult>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(securityHeaders({ contentSecurityPolicy: false }))
  .handler(async (event) => {
    logger.appendKeys({ requestId: event.requestContext?.requestId, routeKey: event.routeKey });
    const locale = pickLocale(header(event, 'accept-language'), DEFAULT_LOCALE);
    if (event.routeKey === 'POST /sign-out') return signOut(event);
    const ui = hostedUi();
    if (event.routeKey === 'GET /auth/callback') {
      return ui ? callback(event, locale, ui) : problem(locale, 'notConfigured', 404);
    }
    if (ui) {
      const { location, cookie } = startSignIn(ui, header(event, 'host'));
      return redirect(location, [cookie]);
    }
    const signInUrl = process.env.SIGN_IN_URL?.trim();
    return signInUrl ? redirect(signInUrl) : problem(locale, 'notConfigured', 404);
  });
