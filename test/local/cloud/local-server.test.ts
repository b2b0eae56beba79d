/**
 * The local cloud's servers over HTTP, with API Gateway's manners: a 413 the client can read, and
 * no header a handler left unset.
 */
import { Agent, request, type OutgoingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from './support.ts';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud.dispose();
});

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with every header as given, `Host` included (fetch would set its own). */
function send(
  base: string,
  options: {
    method?: string;
    path?: string;
    headers?: OutgoingHttpHeaders;
    body?: Buffer | string;
    agent?: Agent;
  },
): Promise<RawAnswer> {
  const url = new URL(options.path ?? '/', base);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers ?? {}, agent: options.agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the local server over HTTP', () => {
  it('answers a body over 10 MiB with a 413 the client can read, and the next request goes through', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const tooLarge = await send(cloud.url, {
        method: 'POST',
        path: '/trajectories',
        headers: { 'content-type': 'application/json' },
        body: Buffer.alloc(10 * 1024 * 1024 + 1, 0x20),
        agent,
      });
      const next = await send(cloud.url, { path: '/_local/clock', agent });

      expect(tooLarge.status).toBe(413);
      expect(tooLarge.headers.connection).toBe('close');
      expect(JSON.parse(tooLarge.body)).toEqual({ message: 'Request Entity Too Large' });
      expect(next.status).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  it('answers a local endpoint body over 64 KiB with a 413 too, not as an empty body', async () => {
    const answer = await send(cloud.url, {
      method: 'POST',
      path: '/_local/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=hr%40example.nl&role=hr&pad=${'x'.repeat(70_000)}`,
    });
    expect(answer.status).toBe(413);
    expect(answer.headers['set-cookie']).toBeUndefined();
  });

  it('sends no header a handler left unset or empty', async () => {
    for (const path of ['/', '/sign-in', '/actions/not-a-token', '/_local/sign-in']) {
      const answer = await send(cloud.url, { path });
      expect(answer.headers.server, path).toBeUndefined();
      expect(answer.headers['x-powered-by'], path).toBeUndefined();
      for (const [name, value] of Object.entries(answer.headers)) {
        expect(value, `${path} ${name}`).not.toBe('');
        expect(value, `${path} ${name}`).not.toBe('undefined');
      }
    }
  });
});
