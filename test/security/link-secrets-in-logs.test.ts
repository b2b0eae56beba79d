/**
 * Link secrets never reach a log line. The employee's copy link (`/copy/<token>`) and a task's
 * action link (`/actions/<token>`) carry their credential in the path, so every place a path can
 * end up in a log is a place the credential can: the invocation event (which Powertools writes
 * whole when `POWERTOOLS_LOGGER_LOG_EVENT` is switched on to debug a function), its `rawPath` and
 * `requestContext.http.path`, and the message and stack of an error that quotes the link.
 *
 * The handlers run here as API Gateway invokes them, against dynalite, with the event logged and
 * every line the logger writes captured; the token must appear in none of them.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

// Before the logger is built (it reads both when its module loads): log everything, event included.
vi.hoisted(() => {
  process.env.POWERTOOLS_LOGGER_LOG_EVENT = 'true';
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
});

import { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import { copyLink } from '#core/employee-copy.ts';
import type { TrajectoryRepository } from '#core/ports.ts';
import { newTrajectory, startedEvent } from '#core/trajectory.ts';
import { mintActionLink } from '#shared/action-links.ts';
import { employeeCopyHandler } from '../../functions/api/employee-copy.ts';
import { getActionHandler } from '../../functions/api/get-action.ts';
import { handler as sessionHandler } from '../../functions/api/session.ts';
import { startDynalite, type LocalDynamo } from '../support/dynalite.ts';
import {
  apiEvent,
  fixedClock,
  freshStore,
  lambdaContext,
  NOW,
  trajectoryInput,
} from '../unit/api/support.ts';

let dynamo: LocalDynamo;
let repository: DynamoTrajectoryRepository;

beforeAll(async () => {
  dynamo = await startDynalite();
  ({ repository } = await freshStore(dynamo));
});
afterAll(async () => {
  await dynamo?.stop();
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** Every line written to stdout or stderr while `act` runs (the logger writes JSON lines there). */
async function logLinesOf(act: () => Promise<unknown>): Promise<string[]> {
  const written: string[] = [];
  const capture = (chunk: string | Uint8Array): boolean => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    await act();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return written.join('').split('\n').filter(Boolean);
}

/** A trajectory with a copy link minted for its employee; `days` < 0 makes it an expired one. */
async function seedCopyLink(days = 30): Promise<{ trajectoryId: string; token: string }> {
  const trajectory = newTrajectory(trajectoryInput(), { id: randomUUID(), now: NOW });
  await repository.createTrajectory(trajectory, [startedEvent(trajectory)]);
  const { token, linkHash } = mintActionLink();
  await repository.putActionLink(copyLink(trajectory.id, linkHash, NOW, days));
  return { trajectoryId: trajectory.id, token };
}

const statusOf = async (result: Promise<unknown>): Promise<number> =>
  ((await result) as { statusCode: number }).statusCode;

const copyEvent = (token: string, route = '/copy/{token}', accept = 'text/html') =>
  apiEvent({ route, pathParameters: { token }, claims: null, headers: { accept } });

describe('the copy link in the logs', () => {
  it('is in no line of an opened copy, its PDF, an expired link or an unknown one', async () => {
    // Prepare
    const open = await seedCopyLink();
    const expired = await seedCopyLink(-1);
    const unknown = mintActionLink().token;
    const handler = employeeCopyHandler({ repository, clock: fixedClock });

    // Act
    const results: number[] = [];
    const lines = await logLinesOf(async () => {
      for (const event of [
        copyEvent(open.token),
        copyEvent(open.token, '/copy/{token}/dossier.pdf', 'application/pdf'),
        copyEvent(expired.token),
        copyEvent(unknown, '/copy/{token}', 'application/json'),
      ]) {
        results.push(await statusOf(handler(event, lambdaContext())));
      }
    });

    // Assess: the requests were answered, the events were logged, and no token is in any line
    expect(results).toEqual([200, 200, 410, 404]);
    const all = lines.join('\n');
    expect(all).toContain('/copy/[redacted]');
    for (const token of [open.token, expired.token, unknown]) expect(all).not.toContain(token);
  });

  it('is in no line of a failure whose error quotes the link', async () => {
    // Prepare: a store that fails the way an HTTP client does, with the URL in its message
    const { token } = await seedCopyLink();
    const failing: TrajectoryRepository = Object.create(repository) as TrajectoryRepository;
    failing.getDossier = () =>
      Promise.reject(new Error(`socket hang up while reading https://vt.example.test/copy/${token}`));
    const handler = employeeCopyHandler({ repository: failing, clock: fixedClock });

    // Act
    let statusCode = 0;
    const lines = await logLinesOf(async () => {
      statusCode = await statusOf(handler(copyEvent(token), lambdaContext()));
    });

    // Assess
    expect(statusCode).toBe(500);
    const failure = lines.map((line) => JSON.parse(line)).find((line) => line.message === 'Request failed');
    expect(failure.error.message).toContain('/copy/[redacted]');
    expect(lines.join('\n')).not.toContain(token);
  });
});

describe('other link secrets in the logs', () => {
  it("an action link's token is in no line either", async () => {
    // Prepare
    const token = mintActionLink().token;
    const handler = getActionHandler({ repository, clock: fixedClock });
    const event = apiEvent({ route: '/actions/{token}', pathParameters: { token }, claims: null });

    // Act
    let statusCode = 0;
    const lines = await logLinesOf(async () => {
      statusCode = await statusOf(handler(event, lambdaContext()));
    });

    // Assess
    expect(statusCode).toBe(404);
    expect(lines.join('\n')).toContain('/actions/[redacted]');
    expect(lines.join('\n')).not.toContain(token);
  });

  it("the sign-in's code, state and PKCE verifier are in no line of the callback", async () => {
    // Prepare: a Hosted UI whose token endpoint cannot be reached, so the exchange fails
    vi.stubEnv('AUTH_DOMAIN_URL', 'http://127.0.0.1:9');
    vi.stubEnv('AUTH_CLIENT_ID', 'client-test');
    vi.stubEnv('AUTH_CALLBACK_URL', 'https://api.example.test/auth/callback');
    vi.stubEnv('AUTH_SIGN_OUT_URL', 'https://api.example.test/');
    const [state, verifier, code] = [1, 2, 3].map(() => mintActionLink().token) as [string, string, string];
    const event = apiEvent({
      route: '/auth/callback',
      query: { code, state },
      claims: null,
      headers: { accept: 'text/html', cookie: `vt_signin=${state}.${verifier}` },
    });
    event.cookies = [`vt_signin=${state}.${verifier}`];

    // Act
    let statusCode = 0;
    const lines = await logLinesOf(async () => {
      statusCode = await statusOf(sessionHandler(event, lambdaContext()));
    });

    // Assess: the exchange was tried (so the state matched) and failed, and nothing of it is logged
    expect(statusCode).toBe(400);
    expect(lines.some((line) => line.includes('Lambda invocation event'))).toBe(true);
    for (const secret of [state, verifier, code]) expect(lines.join('\n')).not.toContain(secret);
  });

  it('the signature and credentials of a presigned URL quoted in an error are in no line', async () => {
    // Prepare: a failure that quotes the download link it was handing out
    const signature = 'a'.repeat(64);
    const session = 'IQoJb3JpZ2luX2VjE' + 'b'.repeat(40);
    const url =
      'https://files.example.test/dossiers/t1/f1?X-Amz-Algorithm=AWS4-HMAC-SHA256' +
      `&X-Amz-Credential=ASIAEXAMPLE%2F20260302%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Security-Token=${session}` +
      `&X-Amz-Signature=${signature}`;
    const { token } = await seedCopyLink();
    const failing: TrajectoryRepository = Object.create(repository) as TrajectoryRepository;
    failing.getDossier = () => Promise.reject(new Error(`redirect to ${url} refused`));
    const handler = employeeCopyHandler({ repository: failing, clock: fixedClock });

    // Act
    const lines = await logLinesOf(() => handler(copyEvent(token), lambdaContext()));

    // Assess
    const all = lines.join('\n');
    expect(all).toContain('X-Amz-Signature=[redacted]');
    for (const secret of [signature, session, 'ASIAEXAMPLE']) expect(all).not.toContain(secret);
  });
});
