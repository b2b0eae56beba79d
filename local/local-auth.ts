/**
 * The local stand-in for Cognito: issues ID tokens with the same claims a Cognito user pool puts
 * in them, and verifies them the way the HTTP API JWT authorizer does (signature, issuer,
 * audience, expiry). The signing key is kept under the data folder so tokens survive a restart.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { REQUIRED_CLAIMS } from '#shared/session-cookie.ts';

export const LOCAL_AUDIENCE = 'verbetertraject-local';
const ALGORITHM = 'ES256';
const TOKEN_LIFETIME = '12h';
/** The signing key's file in the data directory. */
export const SIGNING_KEY_FILE = 'jwt-signing-key.json';

export type LocalRole = 'hr' | 'manager';

export interface LocalIssuer {
  readonly issuer: string;
  /** `name`: the person's name, as Cognito puts the user's `name` attribute in the token. */
  issue(input: {
    email: string;
    role: LocalRole;
    name?: string;
    expiresIn?: string | number;
  }): Promise<string>;
  /** Resolves the verified claims, or rejects when the token is not valid. */
  verify(token: string): Promise<JWTPayload>;
  /** The public signing key as a JWKS, as Cognito publishes its own (the dashboard verifies with it). */
  jwks(): { keys: JWK[] };
}

interface StoredKey {
  privateJwk: JWK;
  publicJwk: JWK;
}

async function loadOrCreateKey(dataDir: string | undefined): Promise<StoredKey> {
  const file = dataDir ? join(dataDir, SIGNING_KEY_FILE) : undefined;
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as StoredKey;
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const stored = { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
  if (file) writeFileSync(file, JSON.stringify(stored), { mode: 0o600 });
  return stored;
}

export async function createLocalIssuer(options: { issuer: string; dataDir?: string }): Promise<LocalIssuer> {
  const stored = await loadOrCreateKey(options.dataDir);
  const privateKey = await importJWK(stored.privateJwk, ALGORITHM);
  const publicKey = await importJWK(stored.publicJwk, ALGORITHM);
  const { issuer } = options;
  return {
    issuer,
    async issue({ email, role, name, expiresIn = TOKEN_LIFETIME }) {
      return new SignJWT({
        email: email.toLowerCase(),
        email_verified: true,
        ...(name && { name }),
        'cognito:groups': [role],
        token_use: 'id',
      })
        .setProtectedHeader({ alg: ALGORITHM })
        .setSubject(randomUUID())
        .setIssuer(issuer)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(privateKey);
    },
    jwks() {
      return { keys: [{ ...stored.publicJwk, alg: ALGORITHM, use: 'sig' }] };
    },
    async verify(token) {
      const { payload } = await jwtVerify(token, publicKey, {
        issuer,
        audience: LOCAL_AUDIENCE,
        requiredClaims: [...REQUIRED_CLAIMS],
      });
      return payload;
    },
  };
}

/**
 * API Gateway hands a Lambda the JWT claims as strings; an array claim such as
 * `cognito:groups` arrives as `[hr manager]`. Reproduce that so handlers meet the same shape.
 */
export function claimsAsApiGatewayPassesThem(payload: JWTPayload): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (value === undefined) continue;
    claims[key] = Array.isArray(value) ? `[${value.join(' ')}]` : String(value);
  }
  return claims;
}
