/**
 * Sign-in and sign-out of the dashboard. `GET /sign-in` sends the browser to the configured
 * sign-in page (SIGN_IN_URL: the Cognito Hosted UI in AWS, the local cloud's own page in local
 * mode), which sets the session cookie and returns to `/`. `POST /sign-out` clears the cookie
 * (with the CSRF token, so no other site can sign a person out).
 */
import { requireEnv } from '#shared/env.ts';
import { header, type ApiEvent, type ApiResult } from '#shared/http.ts';
import { clearedSessionCookie, sessionPrincipal, validCsrf } from '#shared/session.ts';
import { crossSiteForm } from './action-http.ts';
import { formFields, redirect } from './page-http.ts';

export async function handler(event: ApiEvent): Promise<ApiResult> {
  if (event.routeKey === 'POST /sign-out') {
    const found = await sessionPrincipal(event);
    if (found && !crossSiteForm(event) && validCsrf(found.token, formFields(event).get('csrf'))) {
      return redirect('/sign-in', [clearedSessionCookie(header(event, 'host'))]);
    }
    return redirect('/');
  }
  return redirect(requireEnv('SIGN_IN_URL'));
}
