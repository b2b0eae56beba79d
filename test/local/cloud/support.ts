import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '#local/cloud.ts';

export interface TestCloud extends LocalCloud {
  dataDir: string;
  /** JSON request against the local API; `token` adds the Authorization header. */
  request(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are read loosely, as a client would
  ): Promise<{ status: number; body: any; headers: Headers }>;
  tokenFor(email: string, role: 'hr' | 'manager'): Promise<string>;
  advance(time: { days?: number; hours?: number }): Promise<string>;
  outbox(to?: string): Promise<
    {
      id: string;
      to: string[];
      subject: string;
      text: string;
      html: string;
      sentAt: string;
      /** `content` is base64, as the SES emulator keeps it. */
      attachments?: { filename?: string; contentType: string; content: string }[];
    }[]
  >;
  dispose(): Promise<void>;
}

/**
 * Where the scenarios' clock starts unless a test names its own day: a Monday at 09:30 Amsterdam
 * time, the same on every run, so a scenario meets the same weekends and public holidays whatever
 * the day it runs on.
 */
export const TEST_CLOUD_START = new Date('2026-08-31T07:30:00.000Z');

/** A local cloud on a free port with its own data folder and a frozen clock (time moves only when told). */
export async function startTestCloud(options: LocalCloudOptions = {}): Promise<TestCloud> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'verbetertraject-cloud-'));
  const cloud = await startLocalCloud({
    port: 0,
    timeScale: 0,
    startAt: TEST_CLOUD_START,
    ...options,
    dataDir,
  });
  const request: TestCloud['request'] = async (method, path, { token, body, headers = {} } = {}) => {
    const response = await fetch(`${cloud.url}${path}`, {
      method,
      // A redirect is an answer worth seeing (e.g. to the sign-in page), not something to follow.
      redirect: 'manual',
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (an HTML page): keep the text.
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };
  return {
    ...cloud,
    dataDir,
    request,
    async tokenFor(email, role) {
      const { body } = await request('GET', `/_local/token?email=${encodeURIComponent(email)}&role=${role}`);
      return body.token as string;
    },
    async advance(time) {
      const { status, body } = await request('POST', '/_local/clock', { body: time });
      if (status !== 200) throw new Error(`clock advance failed: ${status} ${JSON.stringify(body)}`);
      return body.now as string;
    },
    async outbox(to) {
      const { body } = await request('GET', `/_local/outbox${to ? `?to=${encodeURIComponent(to)}` : ''}`);
      return body.messages;
    },
    async dispose() {
      // A test's last answers may leave executions, the table's stream and the Lambdas they call
      // still running: let them finish before the database closes under them.
      await cloud.clock.whenIdle();
      await cloud.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
