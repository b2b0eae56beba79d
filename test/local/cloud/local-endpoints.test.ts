import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from './support.ts';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud.dispose();
});

describe('local-only endpoints (README.md, the public contract)', () => {
  it('issues a token that the API accepts, with the role in cognito:groups', async () => {
    const token = await cloud.tokenFor('HR@Example.nl', 'hr');
    const [, payload] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ email: 'hr@example.nl', 'cognito:groups': ['hr'] });

    const list = await cloud.request('GET', '/trajectories', { token });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ items: expect.any(Array) });
  });

  it('refuses a token request without a valid email or role, with field errors', async () => {
    const response = await cloud.request('GET', '/_local/token?email=not-an-email&role=boss');
    expect(response.status).toBe(400);
    const paths = response.body.error.fieldErrors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['email', 'role']);
  });

  it('answers 401 like the JWT authorizer for no token, a forged token and an expired one', async () => {
    const valid = await cloud.tokenFor('hr@example.nl', 'hr');
    const [header, payload] = valid.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    const expired = await cloud.issuer.issue({
      email: 'hr@example.nl',
      role: 'hr',
      expiresIn: Math.floor(Date.now() / 1000) - 60,
    });
    for (const token of [undefined, forged, expired]) {
      const response = await cloud.request('GET', '/trajectories', token ? { token } : {});
      expect(response.status).toBe(401);
    }
  });

  it('signs in on plain http://localhost with the same __Host- session cookie as in AWS', async () => {
    // Act
    const response = await cloud.request('POST', '/_local/sign-in', {
      body: new URLSearchParams({ email: 'hr@example.nl', role: 'hr' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

    // Assess
    expect(response.status).toBe(303);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-vt_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/);
  });

  it('moves the virtual clock forward by days and hours and reports the new time', async () => {
    const before = Date.parse((await cloud.request('GET', '/_local/clock')).body.now);
    const after = Date.parse(await cloud.advance({ days: 2, hours: 3 }));
    // The clock is frozen between advances in tests, so the difference is exact.
    expect(after - before).toBe((2 * 24 + 3) * 3_600_000);
  });

  it('rejects a clock body without days or hours, or with a negative amount, and leaves the time alone', async () => {
    const before = (await cloud.request('GET', '/_local/clock')).body.now;
    for (const body of [{}, { days: -1 }, { minutes: 5 }, 'not json']) {
      const response = await cloud.request('POST', '/_local/clock', { body });
      expect(response.status).toBe(400);
      expect(response.body.error.fieldErrors.length).toBeGreaterThan(0);
    }
    expect((await cloud.request('GET', '/_local/clock')).body.now).toBe(before);
  });

  it('serves the outbox in the contract shape', async () => {
    const response = await cloud.request('GET', '/_local/outbox');
    expect(response.status).toBe(200);
    expect(Array.isArray(response.body.messages)).toBe(true);
  });

  it('answers an unknown path with 404 and never a 5xx', async () => {
    expect((await cloud.request('GET', '/nothing-here')).status).toBe(404);
    expect((await cloud.request('GET', '/_local/nothing')).status).toBe(404);
  });
});
