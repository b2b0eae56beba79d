/**
 * A tiny stand-in for a Cognito user pool with a Hosted UI, on a loopback port: it publishes an
 * ES256 signing key as a JWKS, "signs a person in" by minting an authorization code bound to a
 * PKCE challenge and a redirect URI (what the Hosted UI does when the person submits its form),
 * and trades such a code at `POST /oauth2/token` for an ID token, checking the grant as the real
 * token endpoint does (client, redirect URI, code verifier, single use). The handlers meet it
 * through the same environment variables the stack binds.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

export const CLIENT_ID = 'fake-cognito-client';

export interface IdTokenOptions {
  email: string;
  /** @default true: Cognito verified the address. */
  emailVerified?: boolean;
  groups?: string[];
  /** @default CLIENT_ID */
  audience?: string;
  /** @default the fake's issuer */
  issuer?: string;
  /** Sign with a key the JWKS does not publish. */
  foreignKey?: boolean;
  /** @default '1h'; `null`: no `exp` claim at all (Cognito never issues such a token). */
  expiresIn?: string | number | null;
}

interface PendingCode {
  challenge: string;
  redirectUri: string;
  clientId: string;
  token: IdTokenOptions;
}

export interface TokenRequest {
  grantType: string | null;
  clientId: string | null;
  code: string | null;
  redirectUri: string | null;
  codeVerifier: string | null;
  contentType: string | undefined;
}

export interface FakeCognito {
  /** The Hosted UI's base URL (`http://127.0.0.1:<port>`). */
  url: string;
  issuer: string;
  jwksUrl: string;
  /** Every request the token endpoint received. */
  tokenRequests: TokenRequest[];
  /** Answer the next token requests with this status and body instead (a broken endpoint). */
  failNextWith(status: number, body: unknown): void;
  /** What the Hosted UI does for `authorizeUrl` once the person signed in: a code for the callback. */
  signIn(authorizeUrl: string, token: IdTokenOptions): string;
  /** An ID token as the pool issues it (for a session cookie made without the Hosted UI). */
  idToken(options: IdTokenOptions): Promise<string>;
  /** The variables the stack binds to a function with `session: true` and a Hosted UI. */
  env(callbackUrl: string, signOutUrl: string): Record<string, string>;
  close(): Promise<void>;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startFakeCognito(): Promise<FakeCognito> {
  const key = await generateKeyPair('ES256', { extractable: true });
  const foreign = await generateKeyPair('ES256');
  const publicJwk: JWK = { ...(await exportJWK(key.publicKey)), kid: 'fake-key', alg: 'ES256', use: 'sig' };
  const codes = new Map<string, PendingCode>();
  const tokenRequests: TokenRequest[] = [];
  const failures: { status: number; body: unknown }[] = [];
  let url = '';

  const sign = (options: IdTokenOptions): Promise<string> => {
    const signingKey: CryptoKey = options.foreignKey ? foreign.privateKey : key.privateKey;
    const jwt = new SignJWT({
      email: options.email,
      email_verified: options.emailVerified ?? true,
      'cognito:groups': options.groups ?? ['hr'],
      token_use: 'id',
    })
      .setProtectedHeader({ alg: 'ES256', kid: 'fake-key' })
      .setSubject(randomUUID())
      .setIssuer(options.issuer ?? url)
      .setAudience(options.audience ?? CLIENT_ID)
      .setIssuedAt();
    if (options.expiresIn !== null) jwt.setExpirationTime(options.expiresIn ?? '1h');
    return jwt.sign(signingKey);
  };

  const server: Server = createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    void (async () => {
      if (req.method === 'GET' && req.url === '/.well-known/jwks.json')
        return reply(200, { keys: [publicJwk] });
      if (req.method !== 'POST' || req.url !== '/oauth2/token') return reply(404, { error: 'not_found' });
      const form = await readForm(req);
      const request: TokenRequest = {
        grantType: form.get('grant_type'),
        clientId: form.get('client_id'),
        code: form.get('code'),
        redirectUri: form.get('redirect_uri'),
        codeVerifier: form.get('code_verifier'),
        contentType: req.headers['content-type'],
      };
      tokenRequests.push(request);
      const failure = failures.shift();
      if (failure) return reply(failure.status, failure.body);
      const pending = request.code ? codes.get(request.code) : undefined;
      // A code is good once, whatever the outcome.
      if (request.code) codes.delete(request.code);
      const verified =
        pending &&
        request.grantType === 'authorization_code' &&
        request.clientId === pending.clientId &&
        request.redirectUri === pending.redirectUri &&
        createHash('sha256')
          .update(request.codeVerifier ?? '')
          .digest('base64url') === pending.challenge;
      if (!pending || !verified) return reply(400, { error: 'invalid_grant' });
      return reply(200, {
        id_token: await sign(pending.token),
        access_token: 'opaque-access-token',
        refresh_token: 'opaque-refresh-token',
        token_type: 'Bearer',
        expires_in: 3600,
      });
    })().catch(() => reply(500, { error: 'server_error' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    issuer: url,
    jwksUrl: `${url}/.well-known/jwks.json`,
    tokenRequests,
    failNextWith(status, body) {
      failures.push({ status, body });
    },
    signIn(authorizeUrl, token) {
      const query = new URL(authorizeUrl).searchParams;
      if (query.get('code_challenge_method') !== 'S256') throw new Error('the fake Hosted UI needs S256');
      const code = randomUUID();
      codes.set(code, {
        challenge: query.get('code_challenge') ?? '',
        redirectUri: query.get('redirect_uri') ?? '',
        clientId: query.get('client_id') ?? '',
        token,
      });
      return code;
    },
    idToken: sign,
    env(callbackUrl, signOutUrl) {
      return {
        AUTH_ISSUER: url,
        AUTH_AUDIENCE: CLIENT_ID,
        AUTH_JWKS_URL: `${url}/.well-known/jwks.json`,
        AUTH_DOMAIN_URL: url,
        AUTH_CLIENT_ID: CLIENT_ID,
        AUTH_CALLBACK_URL: callbackUrl,
        AUTH_SIGN_OUT_URL: signOutUrl,
      };
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
