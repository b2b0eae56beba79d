/**
 * The local cloud's servers against what a web page can make a browser send them (DNS rebinding,
 * cross-site posts, cross-origin reads), and its HTTP manners where API Gateway has them: a 413
 * the client can read, and no header a handler left unset.
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

const port = () => new URL(cloud.url).port;

describe('the local server and a web page of another site', () => {
  it('answers a request for any host but localhost, 127.0.0.1 or [::1] with 421, whatever the path', async () => {
    for (const host of ['evil.example', `evil.example:${port()}`, `127.0.0.1.evil.example:${port()}`]) {
      for (const path of [
        '/_local/token?email=hr@example.nl&role=hr',
        '/_local/outbox',
        '/trajectories',
        '/',
      ]) {
        const answer = await send(cloud.url, { path, headers: { host, 'accept-language': 'en' } });
        expect(answer.status, `${host} ${path}`).toBe(421);
        expect(answer.body).toContain('localhost, 127.0.0.1 and [::1]');
        expect(answer.body).not.toContain('ey');
      }
    }
  });

  it('answers the loopback names, with or without the port, as before', async () => {
    for (const host of [
      `localhost:${port()}`,
      `127.0.0.1:${port()}`,
      `[::1]:${port()}`,
      'localhost',
      'LOCALHOST',
    ]) {
      const answer = await send(cloud.url, {
        path: '/_local/token?email=hr@example.nl&role=hr',
        headers: { host },
      });
      expect(answer.status, host).toBe(200);
    }
  });

  it('refuses a cross-site post to /_local/sign-in (403, no session cookie), as the app refuses its own forms', async () => {
    const form = 'email=fatima.elamrani%40example.nl&role=hr';
    const type = { 'content-type': 'application/x-www-form-urlencoded' };
    const crossSite = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example' },
    ];
    for (const headers of crossSite) {
      const answer = await send(cloud.url, {
        method: 'POST',
        path: '/_local/sign-in',
        headers: { ...type, ...headers },
        body: form,
      });
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(answer.headers['set-cookie']).toBeUndefined();
    }

    const sameOrigin = await send(cloud.url, {
      method: 'POST',
      path: '/_local/sign-in',
      headers: { ...type, 'sec-fetch-site': 'same-origin', origin: cloud.url },
      body: form,
    });
    expect(sameOrigin.status).toBe(303);
    expect(String(sameOrigin.headers['set-cookie'])).toContain('vt_session=');
  });

  it('refuses a cross-site clock advance, and takes one from a script', async () => {
    const before = (await cloud.request('GET', '/_local/clock')).body.now;
    const refused = await send(cloud.url, {
      method: 'POST',
      path: '/_local/clock',
      headers: { 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site' },
      body: '{"days":30}',
    });
    expect(refused.status).toBe(403);
    expect((await cloud.request('GET', '/_local/clock')).body.now).toBe(before);
    expect(await cloud.advance({ hours: 1 })).not.toBe(before);
  });
});

describe('the emulators and a web page of another site', () => {
  it('answer a request for another host with 421, on every emulator', async () => {
    const { dynamodb, stepfunctions, ses } = cloud.endpoints;
    for (const endpoint of [dynamodb.endpoint, stepfunctions.endpoint, ses.endpoint]) {
      const answer = await send(endpoint, { path: '/', headers: { host: 'evil.example' } });
      expect(answer.status, endpoint).toBe(421);
    }
  });

  it('refuse what a page of another origin sends: no CORS preflight passes, no read of the inbox', async () => {
    const preflight = await send(cloud.endpoints.dynamodb.endpoint, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-amz-target',
      },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const store = await send(cloud.endpoints.ses.endpoint, {
      path: '/store',
      headers: { origin: 'https://evil.example' },
    });
    expect(store.status).toBe(403);
  });

  it('serve the SES inbox to its own page: same origin, loopback host', async () => {
    const inbox = new URL(cloud.endpoints.ses.inbox);
    const page = await send(inbox.href, { path: '/' });
    const store = await send(inbox.href, { path: '/store', headers: { origin: inbox.origin } });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(store.status).toBe(200);
  });
});

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
