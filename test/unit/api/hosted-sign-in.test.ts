/**
 * The dashboard's sign-in through a Cognito Hosted UI, for real over HTTP: a fake user pool on a
 * loopback port (test/support/fake-cognito.ts) publishes its ES256 key and runs the token
 * endpoint; the session handler is driven through its middy chain from GET /sign-in to the
 * callback, and the cookie it sets is checked with the verification every dashboard page uses.
 */
import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '#api/session.ts';
import { resetEnvCache } from '#shared/env.ts';
import { SIGN_IN_COOKIE } from '#shared/hosted-sign-in.ts';
import { logger } from '#shared/observability.ts';
import { csrfToken, SESSION_COOKIE, sessionPrincipal } from '#shared/session-cookie.ts';
import {
  CLIENT_ID,
  startFakeCognito,
  type FakeCognito,
  type IdTokenOptions,
} from '../../support/fake-cognito.ts';
import { apiEvent, lambdaContext, uniqueEmail } from './support.ts';

const BASE = 'https://dashboard.example.test';
const CALLBACK_URL = `${BASE}/auth/callback`;
const HOST = 'dashboard.example.test';

interface Result {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
  body: string;
}

let cognito: FakeCognito;
const saved = { ...process.env };

beforeAll(async () => {
  cognito = await startFakeCognito();
});
afterAll(async () => {
  await cognito?.close();
});
beforeEach(() => {
  Object.assign(process.env, cognito.env(CALLBACK_URL, `${BASE}/`));
  delete process.env.SIGN_IN_URL;
  resetEnvCache();
});
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
  vi.restoreAllMocks();
});

function event(
  route: string,
  options: {
    method?: 'GET' | 'POST';
    query?: Record<string, string>;
    cookies?: string[];
    headers?: Record<string, string>;
    body?: string;
  } = {},
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const built = apiEvent({
    method: options.method ?? 'GET',
    route,
    claims: null,
    headers: { host: HOST, accept: 'text/html', ...options.headers },
    ...(options.query ? { query: options.query } : {}),
    ...(options.body !== undefined ? { body: options.body } : {}),
  });
  return { ...built, ...(options.cookies ? { cookies: options.cookies } : {}) };
}

async function call(request: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<Result> {
  const result = (await handler(request, lambdaContext())) as {
    statusCode: number;
    headers?: Record<string, unknown>;
    cookies?: string[];
    body?: string;
  };
  const headers = Object.fromEntries(
    Object.entries(result.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]),
  );
  return { statusCode: result.statusCode, headers, cookies: result.cookies ?? [], body: result.body ?? '' };
}

/** `name=value` of a Set-Cookie line, for the next request's `cookies`. */
const pair = (setCookie: string): string => setCookie.split(';')[0] ?? '';
const named = (result: Result, name: string) => result.cookies.find((c) => c.startsWith(`${name}=`));
const heading = (html: string) => /<h1>([^<]*)<\/h1>/.exec(html)?.[1];

/** GET /sign-in, then the Hosted UI signs the person in: the callback's query and the browser's cookie. */
async function signInAt(token: IdTokenOptions): Promise<{ query: Record<string, string>; cookie: string }> {
  const started = await call(event('/sign-in'));
  const location = started.headers.location ?? '';
  const state = new URL(location).searchParams.get('state') ?? '';
  const code = cognito.signIn(location, token);
  return { query: { code, state }, cookie: pair(named(started, SIGN_IN_COOKIE) ?? '') };
}

describe('GET /sign-in with a Hosted UI', () => {
  it('sends the browser to the authorize endpoint with state and an S256 code challenge', async () => {
    // Act
    const result = await call(event('/sign-in'));

    // Assess
    expect(result.statusCode).toBe(303);
    const location = new URL(result.headers.location ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(`${cognito.url}/oauth2/authorize`);
    const query = Object.fromEntries(location.searchParams);
    expect(query).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: CALLBACK_URL,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    expect(query.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(query.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // The attempt is remembered in a short-lived cookie that only the callback receives.
    const cookie = named(result, SIGN_IN_COOKIE) ?? '';
    const [state, verifier] = pair(cookie)
      .slice(SIGN_IN_COOKIE.length + 1)
      .split('.');
    expect(state).toBe(query.state);
    expect(
      createHash('sha256')
        .update(verifier ?? '')
        .digest('base64url'),
    ).toBe(query.code_challenge);
    expect(cookie).toContain('; Path=/auth/callback');
    expect(cookie).toContain('; HttpOnly');
    expect(cookie).toContain('; Secure');
    expect(cookie).toContain('; SameSite=Lax');
    expect(cookie).toContain('; Max-Age=600');

    // Every attempt is a new one.
    const again = new URL((await call(event('/sign-in'))).headers.location ?? '');
    expect(again.searchParams.get('state')).not.toBe(query.state);
    expect(again.searchParams.get('code_challenge')).not.toBe(query.code_challenge);
  });
});

describe('GET /auth/callback', () => {
  it('trades the code with the verifier, sets the session cookie as the local sign-in does, and goes to /', async () => {
    // Prepare
    const email = uniqueEmail('hr');
    const { query, cookie } = await signInAt({ email, groups: ['hr'] });
    const before = cognito.tokenRequests.length;

    // Act
    const result = await call(event('/auth/callback', { query, cookies: [cookie] }));

    // Assess
    expect(result.statusCode).toBe(303);
    expect(result.headers.location).toBe('/');
    const exchange = cognito.tokenRequests.slice(before);
    expect(exchange).toHaveLength(1);
    expect(exchange[0]).toMatchObject({
      grantType: 'authorization_code',
      clientId: CLIENT_ID,
      code: query.code,
      redirectUri: CALLBACK_URL,
      codeVerifier: cookie.split('.')[1],
      contentType: 'application/x-www-form-urlencoded',
    });
    const session = named(result, SESSION_COOKIE) ?? '';
    // `__Host-`: Secure, Path=/ and no Domain, or the browser drops it.
    expect(session).toMatch(
      /^__Host-vt_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/,
    );
    expect(session).not.toMatch(/Domain=/i);
    expect(named(result, SIGN_IN_COOKIE)).toContain('Max-Age=0');
    // The dashboard accepts the cookie: the same verification as every page.
    const found = await sessionPrincipal({ cookies: [pair(session)] });
    expect(found?.principal).toEqual({ role: 'hr', email });
  });

  it('refuses a state that is not the one this browser started with 403, before any exchange', async () => {
    // Prepare
    const { query, cookie } = await signInAt({ email: uniqueEmail('hr') });
    const other = await signInAt({ email: uniqueEmail('hr') });
    const before = cognito.tokenRequests.length;

    // Act
    const mismatch = await call(event('/auth/callback', { query, cookies: [other.cookie] }));
    const noCookie = await call(event('/auth/callback', { query }));
    const noState = await call(
      event('/auth/callback', { query: { code: query.code ?? '' }, cookies: [cookie] }),
    );

    // Assess
    for (const result of [mismatch, noCookie, noState]) {
      expect(result.statusCode).toBe(403);
      expect(result.headers['content-type']).toContain('text/html');
      expect(heading(result.body)).toBe('Inloggen is niet gelukt');
      expect(result.body).toContain('hoort niet bij deze browser');
      expect(named(result, SESSION_COOKIE)).toBeUndefined();
    }
    expect(cognito.tokenRequests.length).toBe(before);
  });

  it('refuses an ID token for another audience, from another key, without an expiry, or without a role', async () => {
    for (const [token, text] of [
      [{ email: uniqueEmail('hr'), audience: 'some-other-client' }, 'niet geldig voor deze omgeving'],
      [{ email: uniqueEmail('hr'), foreignKey: true }, 'niet geldig voor deze omgeving'],
      [{ email: uniqueEmail('hr'), expiresIn: null }, 'niet geldig voor deze omgeving'],
      [
        { email: uniqueEmail('hr'), issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/other' },
        'niet geldig',
      ],
      [{ email: uniqueEmail('employee'), groups: [] }, 'geen rol'],
    ] as [IdTokenOptions, string][]) {
      // Prepare
      const { query, cookie } = await signInAt(token);

      // Act
      const result = await call(event('/auth/callback', { query, cookies: [cookie] }));

      // Assess
      expect(result.statusCode, JSON.stringify(token)).toBe(403);
      expect(result.body).toContain(text);
      expect(named(result, SESSION_COOKIE)).toBeUndefined();
      expect(named(result, SIGN_IN_COOKIE)).toContain('Max-Age=0');
    }
  });

  it('answers a failed exchange with a 400 page: a used code, a broken token endpoint', async () => {
    // Prepare: a code traded once already.
    const { query, cookie } = await signInAt({ email: uniqueEmail('hr') });
    expect((await call(event('/auth/callback', { query, cookies: [cookie] }))).statusCode).toBe(303);
    const fresh = await signInAt({ email: uniqueEmail('hr') });

    // Act
    const replayed = await call(event('/auth/callback', { query, cookies: [cookie] }));
    cognito.failNextWith(500, 'not json');
    const broken = await call(event('/auth/callback', { query: fresh.query, cookies: [fresh.cookie] }));

    // Assess
    for (const result of [replayed, broken]) {
      expect(result.statusCode).toBe(400);
      expect(result.body).toContain('We konden het inloggen niet afronden');
      expect(named(result, SESSION_COOKIE)).toBeUndefined();
    }
  });

  it("shows a friendly page in the person's language when the Hosted UI says access_denied", async () => {
    // Prepare
    const { query, cookie } = await signInAt({ email: uniqueEmail('hr') });
    const denied = { error: 'access_denied', error_description: 'User cancelled', state: query.state ?? '' };

    // Act
    const dutch = await call(event('/auth/callback', { query: denied, cookies: [cookie] }));
    const english = await call(
      event('/auth/callback', { query: denied, cookies: [cookie], headers: { 'accept-language': 'en' } }),
    );
    const other = await call(
      event('/auth/callback', { query: { error: 'server_error' }, cookies: [cookie] }),
    );

    // Assess
    expect(dutch.statusCode).toBe(403);
    expect(heading(dutch.body)).toBe('Inloggen is niet gelukt');
    expect(dutch.body).toContain('afgebroken of geweigerd');
    expect(dutch.body).toContain('href="/sign-in"');
    expect(dutch.headers['content-security-policy']).toBeDefined();
    expect(dutch.headers['x-xss-protection']).toBeUndefined();
    expect(dutch.headers['cache-control']).toBe('no-store');
    expect(english.statusCode).toBe(403);
    expect(heading(english.body)).toBe('Signing in did not work');
    expect(english.body).toContain('cancelled or refused');
    expect(other.statusCode).toBe(400);
    expect(named(dutch, SESSION_COOKIE)).toBeUndefined();
  });

  it('logs nothing that identifies the person, nor the code or the token', async () => {
    // Prepare
    const email = uniqueEmail('hr');
    // What the handler hands the logger, before the logger's own redaction gets a chance.
    const written: string[] = [];
    for (const level of ['debug', 'info', 'warn', 'error'] as const) {
      vi.spyOn(logger, level).mockImplementation((...args: unknown[]) => {
        written.push(
          JSON.stringify(args, (_key, value: unknown) => (value instanceof Error ? value.message : value)),
        );
      });
    }
    const ok = await signInAt({ email });
    const wrongAudience = await signInAt({ email, audience: 'other' });

    // Act
    const session = await call(event('/auth/callback', { query: ok.query, cookies: [ok.cookie] }));
    await call(event('/auth/callback', { query: wrongAudience.query, cookies: [wrongAudience.cookie] }));
    cognito.failNextWith(400, { error: 'invalid_grant', error_description: `code for ${email}` });
    await call(event('/auth/callback', { query: ok.query, cookies: [ok.cookie] }));

    // Assess
    const log = written.join('\n');
    expect(log).toContain('Sign-in refused');
    expect(log).toContain('invalid_grant');
    const token = pair(named(session, SESSION_COOKIE) ?? '').split('=')[1] ?? '';
    for (const secret of [email, ok.query.code, ok.cookie.split('=')[1], token.split('.')[1]]) {
      expect(log).not.toContain(secret);
    }
  });

  it("logs the OAuth error code where it can be read: of a failed exchange and of the Hosted UI's return", async () => {
    // Prepare: the lines as the logger writes them, after its own redaction of personal fields. The
    // tests' logger is silent, and each invocation after its first puts it back to the level it was
    // built with, so that reset is held off while this test listens.
    vi.spyOn(logger, 'refreshSampleRateCalculation').mockImplementation(() => undefined);
    logger.setLogLevel('INFO');
    const written: string[] = [];
    const capture = (chunk: string | Uint8Array): boolean => {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    const email = uniqueEmail('hr');
    const attempt = await signInAt({ email });
    cognito.failNextWith(400, { error: 'invalid_grant', error_description: `code for ${email}` });
    const returned = await signInAt({ email });
    const crafted = await signInAt({ email });

    // Act
    try {
      await call(event('/auth/callback', { query: attempt.query, cookies: [attempt.cookie] }));
      await call(
        event('/auth/callback', {
          query: { error: 'invalid_scope', state: returned.query.state ?? '' },
          cookies: [returned.cookie],
        }),
      );
      await call(
        event('/auth/callback', {
          query: { error: `Mail ${email}`, state: crafted.query.state ?? '' },
          cookies: [crafted.cookie],
        }),
      );
    } finally {
      logger.setLogLevel('SILENT');
    }

    // Assess
    const lines = written
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((line) => line.message === 'Sign-in code exchange failed')).toMatchObject({
      failure: 'status 400 invalid_grant',
      httpStatus: 400,
      oauthError: 'invalid_grant',
    });
    const refused = lines.filter((line) => line.message === 'Sign-in refused');
    expect(
      refused.map(({ problem, statusCode, oauthError }) => ({ problem, statusCode, oauthError })),
    ).toEqual([
      { problem: 'exchange', statusCode: 400, oauthError: 'invalid_grant' },
      { problem: 'failed', statusCode: 400, oauthError: 'invalid_scope' },
      // Not an OAuth error code: whatever a crafted return put there stays out of the log.
      { problem: 'failed', statusCode: 400, oauthError: undefined },
    ]);
    expect(written.join('')).not.toContain(email.split('@')[0]);
  });
});

describe('the session cookie', () => {
  it('holds a session only with a token that expires; one of the pool without exp is none', async () => {
    // Prepare
    const email = uniqueEmail('hr');
    const expiring = await cognito.idToken({ email });
    const endless = await cognito.idToken({ email, expiresIn: null });

    // Act
    const valid = await sessionPrincipal({ cookies: [`${SESSION_COOKIE}=${expiring}`] });
    const refused = await sessionPrincipal({ cookies: [`${SESSION_COOKIE}=${endless}`] });

    // Assess
    expect(valid?.principal).toEqual({ role: 'hr', email });
    expect(refused).toBeUndefined();
  });
});

describe('POST /sign-out with a Hosted UI', () => {
  it('clears the session and ends the Hosted UI session too', async () => {
    // Prepare
    const token = await cognito.idToken({ email: uniqueEmail('hr') });
    const form = new URLSearchParams({ csrf: csrfToken(token) }).toString();

    // Act
    const result = await call(
      event('/sign-out', {
        method: 'POST',
        cookies: [`${SESSION_COOKIE}=${token}`],
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
        body: form,
      }),
    );

    // Assess
    expect(result.statusCode).toBe(303);
    const location = new URL(result.headers.location ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(`${cognito.url}/logout`);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      client_id: CLIENT_ID,
      logout_uri: `${BASE}/`,
    });
    // Cleared under the same prefix rules, or the browser would keep the session.
    expect(named(result, SESSION_COOKIE)).toMatch(/^__Host-vt_session=; Path=\/; .*Max-Age=0; Secure$/);
  });
});

describe('without a Hosted UI', () => {
  it('keeps sending the browser to SIGN_IN_URL (the local sign-in page)', async () => {
    // Prepare
    delete process.env.AUTH_DOMAIN_URL;
    process.env.SIGN_IN_URL = 'http://localhost:3000/_local/sign-in';

    // Act
    const result = await call(event('/sign-in'));

    // Assess
    expect(result.statusCode).toBe(303);
    expect(result.headers.location).toBe('http://localhost:3000/_local/sign-in');
    expect(result.cookies).toEqual([]);
  });

  it('explains that sign-in is not set up (404), never a 5xx, when nothing is configured', async () => {
    // Prepare
    delete process.env.AUTH_DOMAIN_URL;

    // Act
    const signIn = await call(event('/sign-in'));
    const callback = await call(event('/auth/callback', { query: { code: 'x', state: 'y' } }));

    // Assess
    for (const result of [signIn, callback]) {
      expect(result.statusCode).toBe(404);
      expect(heading(result.body)).toBe('Inloggen is hier niet ingericht');
      expect(result.body).toContain('cognitoDomainPrefix');
    }
  });
});
