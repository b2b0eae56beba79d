/**
 * The dashboard's sign-in through the Cognito Hosted UI: OAuth 2.0 authorization code with PKCE
 * (RFC 7636, S256) for a public client. `GET /sign-in` sends the browser to the Hosted UI with a
 * random `state` and a code challenge, and keeps `state` and the code verifier in a short-lived
 * HttpOnly cookie that only the callback path receives. `GET /auth/callback` checks the returned
 * `state` against that cookie, trades the code (plus the verifier) for tokens at the Hosted UI's
 * token endpoint, and the ID token becomes the session cookie after the same verification every
 * dashboard request makes (functions/shared/session-cookie.ts).
 *
 * Configuration, bound by the stack to every function with `session: true` (infra/access.ts):
 * AUTH_DOMAIN_URL (the Hosted UI, `https://<prefix>.auth.<region>.amazoncognito.com`),
 * AUTH_CLIENT_ID, AUTH_CALLBACK_URL and AUTH_SIGN_OUT_URL (exactly as registered on the app
 * client). Without AUTH_DOMAIN_URL there is no Hosted UI: the local cloud signs in on its own page
 * (SIGN_IN_URL), and a deployment without `cognitoDomainPrefix` explains that sign-in is not set up.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { requireEnv } from './env.ts';
import { cookieValue, isLocalHost, type CookieEvent } from './session-cookie.ts';

export const SIGN_IN_COOKIE = 'vt_signin';
/** Long enough to type a password and a one-time code, short enough that a stale attempt dies. */
const SIGN_IN_MAX_AGE_SECONDS = 10 * 60;
/** The token endpoint answers in well under a second; a hung request must not eat the Lambda's 10 s. */
const TOKEN_TIMEOUT_MS = 5_000;
export const SCOPES = 'openid email profile';

export interface HostedUi {
  /** `https://<prefix>.auth.<region>.amazoncognito.com`, without a trailing slash. */
  domainUrl: string;
  clientId: string;
  /** `<baseUrl>/auth/callback`, as registered on the app client. */
  callbackUrl: string;
  /** `<baseUrl>/`, as registered on the app client. */
  signOutUrl: string;
}

/** The Hosted UI settings, or `undefined` when this deployment has none. */
export function hostedUi(): HostedUi | undefined {
  const domainUrl = process.env.AUTH_DOMAIN_URL?.trim();
  if (!domainUrl) return undefined;
  return {
    domainUrl: domainUrl.replace(/\/+$/, ''),
    clientId: requireEnv('AUTH_CLIENT_ID'),
    callbackUrl: requireEnv('AUTH_CALLBACK_URL'),
    signOutUrl: requireEnv('AUTH_SIGN_OUT_URL'),
  };
}

/** Where the sign-in cookie goes: only to the callback, never along with every dashboard request. */
function callbackPath(ui: HostedUi): string {
  try {
    return new URL(ui.callbackUrl).pathname;
  } catch {
    return '/';
  }
}

const attributes = (ui: HostedUi, host: string | undefined, maxAge: number): string =>
  `Path=${callbackPath(ui)}; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${isLocalHost(host) ? '' : '; Secure'}`;

export function clearedSignInCookie(ui: HostedUi, host: string | undefined): string {
  return `${SIGN_IN_COOKIE}=; ${attributes(ui, host, 0)}`;
}

/**
 * A new sign-in attempt: the Hosted UI's authorize URL and the cookie that remembers the attempt.
 * SameSite=Lax is what lets the cookie come back: the return from the Hosted UI is a top-level
 * GET navigation from another site.
 */
export function startSignIn(ui: HostedUi, host: string | undefined): { location: string; cookie: string } {
  const state = randomBytes(32).toString('base64url');
  // 32 random bytes give a 43-character verifier, the shortest RFC 7636 allows, with 256 bits.
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: ui.clientId,
    redirect_uri: ui.callbackUrl,
    scope: SCOPES,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return {
    location: `${ui.domainUrl}/oauth2/authorize?${query.toString()}`,
    cookie: `${SIGN_IN_COOKIE}=${state}.${verifier}; ${attributes(ui, host, SIGN_IN_MAX_AGE_SECONDS)}`,
  };
}

/**
 * The code verifier of the attempt whose `state` came back, or `undefined` when the browser has
 * no attempt or another one (a forged or replayed callback, a second window, an expired cookie).
 */
export function verifierFor(event: CookieEvent, state: string | undefined): string | undefined {
  const [expected, verifier] = (cookieValue(event, SIGN_IN_COOKIE) ?? '').split('.');
  if (!expected || !verifier || !state) return undefined;
  const a = Buffer.from(expected);
  const b = Buffer.from(state);
  return a.length === b.length && timingSafeEqual(a, b) ? verifier : undefined;
}

/**
 * An OAuth error code (`invalid_grant`, `access_denied`, ...) as the Hosted UI sent it, or
 * `undefined` for anything else: the codes are a short fixed vocabulary, so whatever does not look
 * like one (a description, a text someone put in a crafted callback) is never passed on to a log.
 */
export function oauthErrorCode(value: unknown): string | undefined {
  return typeof value === 'string' && /^[a-z_]{1,40}$/.test(value) ? value : undefined;
}

/**
 * Why a code could not be traded: the token endpoint's HTTP status and OAuth error code, or that
 * it did not answer; nothing about a person.
 */
export class TokenExchangeError extends Error {
  override readonly name = 'TokenExchangeError';
  constructor(
    message: string,
    readonly answer: { httpStatus?: number; oauthError?: string } = {},
  ) {
    super(message);
  }
}

/** Trades an authorization code for the ID token at the Hosted UI's token endpoint. */
export async function exchangeCode(ui: HostedUi, code: string, verifier: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`${ui.domainUrl}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: ui.clientId,
        code,
        redirect_uri: ui.callbackUrl,
        code_verifier: verifier,
      }).toString(),
      redirect: 'error',
      signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
    });
  } catch (error) {
    throw new TokenExchangeError(
      error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'unreachable',
    );
  }
  const body = (await response.json().catch(() => undefined)) as
    { id_token?: unknown; error?: unknown } | undefined;
  if (!response.ok) {
    const oauthError = oauthErrorCode(body?.error);
    throw new TokenExchangeError(`status ${response.status}${oauthError ? ` ${oauthError}` : ''}`, {
      httpStatus: response.status,
      ...(oauthError ? { oauthError } : {}),
    });
  }
  if (typeof body?.id_token !== 'string' || body.id_token.length === 0) {
    throw new TokenExchangeError('no id_token');
  }
  return body.id_token;
}

/** The Hosted UI's sign-out: it ends its own session too, then returns to the dashboard. */
export function signOutLocation(ui: HostedUi): string {
  const query = new URLSearchParams({ client_id: ui.clientId, logout_uri: ui.signOutUrl });
  return `${ui.domainUrl}/logout?${query.toString()}`;
}
