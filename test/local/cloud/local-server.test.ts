/**
 * The local cloud's servers over HTTP, with API Gateway's manners: no header a handler left unset.
 */
import { request, type Agent, type OutgoingHttpHeaders } from 'node:http';
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
