/**
 * The HR dashboard's session: the same ID token the API takes as a Bearer token, carried in an
 * HttpOnly cookie. API Gateway's JWT authorizer reads only the Authorization header, so the
 * dashboard's routes are `auth: 'none'` and their handlers verify the cookie's token here,
 * against the same issuer, audience and signing keys (the user pool's JWKS in AWS; the local
 * issuer's in local mode; both through the environment, with no local branch).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { principalFrom, type Principal } from './auth.ts';
import { requireEnv } from './env.ts';

/**
 * `__Host-`: a browser keeps the cookie only if it is Secure, has `Path=/` and no `Domain`, so no
 * sibling subdomain and no plain-http page can plant or overwrite a session. Chromium and
 * Firefox treat http://localhost as secure, so the local sign-in sets the very same cookie.
 */
export const SESSION_COOKIE = '__Host-vt_session';
/** Matches the token's lifetime; the token's own expiry is what counts. */
const MAX_AGE_SECONDS = 12 * 60 * 60;

export interface CookieEvent {
  cookies?: string[];
  headers?: Record<string, string | undefined>;
}

/** The value of the cookie `name` from the request's cookies (payload 2.0 puts them in `cookies`). */
export function cookieValue(event: CookieEvent, name: string): string | undefined {
  for (const cookie of event.cookies ?? []) {
    const at = cookie.indexOf('=');
    if (at > 0 && cookie.slice(0, at).trim() === name) return cookie.slice(at + 1).trim() || undefined;
  }
  return undefined;
}

/** The session token from the request's cookies. */
export function sessionToken(event: CookieEvent): string | undefined {
  return cookieValue(event, SESSION_COOKIE);
}

let keys: { url: string; set: ReturnType<typeof createRemoteJWKSet> } | undefined;

/**
 * Claims a token must carry to be taken at all. jose checks `exp` only when it is there, and a
 * token without it would be a session that never ends: Cognito always sets it, so its absence
 * means the token was not minted the way ours are. The local gateway holds tokens to the same.
 */
export const REQUIRED_CLAIMS: readonly string[] = ['exp'];

/**
 * The claims of an ID token signed by the configured issuer for the configured audience, or
 * `undefined` when it is not one (bad signature, other issuer or audience, expired or without an
 * expiry). The one verification of both the session cookie and the token the Hosted UI sign-in
 * returns.
 */
export async function verifiedClaims(token: string): Promise<Record<string, unknown> | undefined> {
  const url = requireEnv('AUTH_JWKS_URL');
  if (keys?.url !== url) keys = { url, set: createRemoteJWKSet(new URL(url)) };
  try {
    const { payload } = await jwtVerify(token, keys.set, {
      issuer: requireEnv('AUTH_ISSUER'),
      audience: requireEnv('AUTH_AUDIENCE'),
      requiredClaims: [...REQUIRED_CLAIMS],
    });
    return payload;
  } catch {
    return undefined;
  }
}

/**
 * The person behind verified claims, read the same way as on the API (role from the groups,
 * e-mail lower-cased); `undefined` when the token carries no role of this application.
 */
export function principalOfClaims(claims: Record<string, unknown>): Principal | undefined {
  try {
    return principalFrom({ requestContext: { authorizer: { jwt: { claims, scopes: [] } } } } as never);
  } catch {
    return undefined;
  }
}

/** The principal behind a valid session cookie; `undefined` when there is none or it is not valid. */
export async function sessionPrincipal(
  event: CookieEvent,
): Promise<{ principal: Principal; token: string } | undefined> {
  const token = sessionToken(event);
  if (!token) return undefined;
  const claims = await verifiedClaims(token);
  const principal = claims && principalOfClaims(claims);
  return principal ? { principal, token } : undefined;
}

/**
 * The CSRF token of a session: derived from the session token, which a page of another site
 * can neither read (HttpOnly) nor guess, so a form that carries it came from our own page.
 */
export function csrfToken(sessionTokenValue: string): string {
  return createHash('sha256').update(`csrf:${sessionTokenValue}`).digest('base64url');
}

export function validCsrf(sessionTokenValue: string, submitted: unknown): boolean {
  if (typeof submitted !== 'string') return false;
  const expected = Buffer.from(csrfToken(sessionTokenValue));
  const given = Buffer.from(submitted);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A developer's own machine, where a cookie may go without `Secure` (plain http://localhost). */
export const isLocalHost = (host: string | undefined): boolean =>
  /^(localhost|127\.0\.0\.1)(:\d+)?$/i.test(host ?? '');

/** HttpOnly, SameSite=Lax, and Secure with `Path=/` and no `Domain`, as `__Host-` requires. */
export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${MAX_AGE_SECONDS}; Secure`;
}

/** Clearing needs the same prefix rules: a browser ignores a `__Host-` cookie without them. */
export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure`;
}
