/**
 * Action links end to end on the local cloud: the token in the mail is at least 128 random bits
 * (256 here), only its SHA-256 is stored, it is bound to one task, and it closes when that task is
 * done (409) or the trajectory ends (410). A GET never changes anything.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLiveTrajectory,
  IDENTIFY_ANSWER,
  startTestCloud,
  tableSnapshot,
  uniqueEmail,
  type TestCloud,
} from './support.ts';

let cloud: TestCloud;
let hr: string;
beforeAll(async () => {
  cloud = await startTestCloud();
  hr = await cloud.tokenFor(uniqueEmail('hr'), 'hr');
});
afterAll(async () => {
  await cloud?.dispose();
});

describe('an action link', () => {
  it('carries at least 128 random bits, and only its hash is stored', async () => {
    const live = await createLiveTrajectory(cloud, hr);
    expect(Buffer.from(live.linkToken, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    const stored = (await tableSnapshot()).join('\n');
    expect(stored).not.toContain(live.linkToken);
    expect(stored).toContain(`LINK#${createHash('sha256').update(live.linkToken).digest('hex')}`);
  });

  it('is bound to its one task, read-only on GET, and closed (409) once that task is done', async () => {
    const live = await createLiveTrajectory(cloud, hr);
    const before = await tableSnapshot();
    const view = await cloud.request('GET', `/actions/${live.linkToken}`, {
      headers: { accept: 'application/json' },
    });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ trajectoryId: live.id, status: 'open' });
    expect(await tableSnapshot()).toEqual(before);

    expect(
      (await cloud.request('POST', `/actions/${live.linkToken}`, { body: IDENTIFY_ANSWER })).status,
    ).toBe(200);
    await cloud.engine.whenIdle();
    const again = await cloud.request('POST', `/actions/${live.linkToken}`, { body: IDENTIFY_ANSWER });
    expect(again.status).toBe(409);
    const after = await cloud.request('GET', `/actions/${live.linkToken}`, {
      headers: { accept: 'application/json' },
    });
    expect(after.body).toMatchObject({ status: 'done' });
  });

  it('is closed (410) once the trajectory ends', async () => {
    const live = await createLiveTrajectory(cloud, hr);
    const cancel = await cloud.request('POST', `/trajectories/${live.id}/cancel`, {
      token: hr,
      body: { reason: 'Dubbel aangemaakt.' },
    });
    expect(cancel.status).toBe(200);
    const submit = await cloud.request('POST', `/actions/${live.linkToken}`, { body: IDENTIFY_ANSWER });
    expect(submit.status).toBe(410);
    const view = await cloud.request('GET', `/actions/${live.linkToken}`, {
      headers: { accept: 'application/json' },
    });
    expect(view.body).toMatchObject({ status: 'closed' });
  });

  it('is unknown (404) when one character is off, without telling how close it was', async () => {
    const live = await createLiveTrajectory(cloud, hr);
    const last = live.linkToken.at(-1) === 'A' ? 'B' : 'A';
    const near = `${live.linkToken.slice(0, -1)}${last}`;
    const response = await cloud.request('POST', `/actions/${near}`, { body: IDENTIFY_ANSWER });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: { code: 'not_found' } });
  });
});
