/**
 * The local cloud opens its port before everything behind it is ready. A client that connects in
 * that moment (a script started right after `npm start`) must get its answer once the cloud is
 * ready, not wait forever.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '#local/cloud.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'verbetertraject-early-'));
let cloud: LocalCloud | undefined;
afterAll(async () => {
  await cloud?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('a request while the local cloud starts', () => {
  it('is answered once the cloud is ready', async () => {
    // Prepare
    const port = await freePort();
    const starting = startLocalCloud({ port, dataDir, timeScale: 0 });
    let ready = false;
    void starting.then(() => (ready = true));

    // Act: knock until the port opens, then ask at once.
    let answer: Promise<Response> | undefined;
    while (!answer && !ready) {
      try {
        answer = Promise.resolve(
          await fetch(`http://127.0.0.1:${port}/_local/clock`, { signal: AbortSignal.timeout(20_000) }),
        );
      } catch (error) {
        if ((error as Error).name === 'TimeoutError') throw error;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
    cloud = await starting;

    // Assess
    const response = await (answer ?? fetch(`${cloud.url}/_local/clock`));
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveProperty('now');
  });
});
