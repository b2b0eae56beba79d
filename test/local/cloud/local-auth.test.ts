/**
 * The local stand-in for Cognito and the authorizer: what `npm start` issues carries an expiry,
 * and what its gateway takes must carry one, as the HTTP API's JWT authorizer requires `exp`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalIssuer, LOCAL_AUDIENCE } from '#local/local-auth.ts';

const ISSUER = 'http://localhost:3000/_local';
const dataDir = mkdtempSync(join(tmpdir(), 'vt-local-auth-'));

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

/** A token with the issuer's own key and the claims `issue` sets, but no `exp`. */
async function tokenWithoutExpiry(): Promise<string> {
  const stored = JSON.parse(readFileSync(join(dataDir, 'jwt-signing-key.json'), 'utf8')) as {
    privateJwk: JWK;
  };
  return new SignJWT({
    email: 'hr@example.nl',
    email_verified: true,
    'cognito:groups': ['hr'],
    token_use: 'id',
  })
    .setProtectedHeader({ alg: 'ES256' })
    .setSubject('someone')
    .setIssuer(ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .sign(await importJWK(stored.privateJwk, 'ES256'));
}

describe('the local issuer', () => {
  it('issues tokens that expire, and takes them back', async () => {
    // Prepare
    const issuer = await createLocalIssuer({ issuer: ISSUER, dataDir });

    // Act
    const token = await issuer.issue({ email: 'hr@example.nl', role: 'hr' });

    // Assess
    const { exp, iat } = decodeJwt(token);
    expect(exp).toBeGreaterThan(iat ?? 0);
    await expect(issuer.verify(token)).resolves.toMatchObject({ email: 'hr@example.nl' });
  });

  it('puts the name in the token when one is given, as Cognito does with the name attribute', async () => {
    const issuer = await createLocalIssuer({ issuer: ISSUER, dataDir });

    const named = decodeJwt(await issuer.issue({ email: 'hr@example.nl', role: 'hr', name: 'Hanna Bakker' }));
    const unnamed = decodeJwt(await issuer.issue({ email: 'hr@example.nl', role: 'hr' }));

    expect(named.name).toBe('Hanna Bakker');
    expect(unnamed).not.toHaveProperty('name');
  });

  it('refuses a token of its own key that carries no exp', async () => {
    // Prepare
    const issuer = await createLocalIssuer({ issuer: ISSUER, dataDir });

    // Act
    const verified = issuer.verify(await tokenWithoutExpiry());

    // Assess
    await expect(verified).rejects.toThrow(/"exp"/);
  });
});
