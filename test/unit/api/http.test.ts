import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ConflictError,
  ForbiddenError,
  GoneError,
  HttpError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
  VersionConflictError,
} from '#shared/errors.ts';
import { jsonApi, ok, PayloadTooLargeError, UnsupportedMediaTypeError } from '#shared/http.ts';
import { t } from '#shared/i18n/catalogue.ts';
import { logger } from '#shared/observability.ts';
import { apiEvent, call, claimsFor } from './support.ts';

vi.hoisted(() => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});

class TeapotError extends HttpError {
  readonly statusCode = 418;
  readonly code = 'teapot';
}

afterEach(() => {
  vi.restoreAllMocks();
  logger.setLogLevel('SILENT');
});

const throwing = (error: unknown) =>
  jsonApi({}, async () => {
    throw error;
  });

/** What the logger writes from now on; errors go to stderr, the rest to stdout. */
function captureOutput(): string[] {
  const written: string[] = [];
  const record = (chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(record);
  vi.spyOn(process.stderr, 'write').mockImplementation(record);
  return written;
}

describe('the JSON API chain', () => {
  it('answers an unexpected error with a generic 500 and logs it without personal data', async () => {
    // Prepare
    logger.setLogLevel('INFO');
    const written = captureOutput();
    const handler = throwing(new TypeError('Cannot send to eva.devries@example.test'));

    // Act
    const reply = await call(handler, apiEvent());

    // Assess
    expect(reply.statusCode).toBe(500);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(reply.body).toEqual({ error: { code: 'internal', message: expect.any(String) } });
    expect(reply.body.error.message).not.toContain('eva');
    const lines = written
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    const failure = lines.find((line) => line.message === 'Request failed');
    expect(failure.error.type).toBe('TypeError');
    expect(failure.error.message).toBe('Cannot send to [email]');
    expect(failure.error.stack).toContain('node_modules/@vitest');
    expect(written.join('')).not.toContain('eva.devries');
  });

  it('maps a lost optimistic-locking race to 409', async () => {
    const reply = await call(throwing(new VersionConflictError('version 3')), apiEvent());
    expect(reply.statusCode).toBe(409);
    expect(reply.body.error.code).toBe('conflict');
  });

  it('maps an HttpError to its own status and code', async () => {
    const reply = await call(throwing(new ConflictError('already done')), apiEvent());
    expect(reply.statusCode).toBe(409);
    expect(reply.body).toEqual({ error: { code: 'conflict', message: expect.any(String) } });
  });

  it('answers every kind of HttpError with its own status and code, each its own class and name', async () => {
    const errors = [
      [new ValidationError([{ path: 'x', message: 'm' }]), 400, 'invalid_request'],
      [new UnauthorizedError('who'), 401, 'unauthorized'],
      [new ForbiddenError('no'), 403, 'forbidden'],
      [new NotFoundError('none'), 404, 'not_found'],
      [new ConflictError('again'), 409, 'conflict'],
      [new GoneError('gone'), 410, 'gone'],
      [new PayloadTooLargeError('big'), 413, 'payload_too_large'],
      [new UnsupportedMediaTypeError('xml'), 415, 'unsupported_media_type'],
    ] as const;
    for (const [error, status, code] of errors) {
      // The name is what the log and a state machine's Catch see: the class's own.
      expect(error.name).toBe(error.constructor.name);
      expect(String(error)).toMatch(new RegExp(`^${error.constructor.name}: `));
      expect(errors.filter(([other]) => other instanceof error.constructor)).toHaveLength(1);
      const reply = await call(throwing(error), apiEvent());
      expect([reply.statusCode, reply.body.error.code]).toEqual([status, code]);
    }
  });

  it('shows the thrower’s message for a code the catalogue does not know', async () => {
    const reply = await call(throwing(new TeapotError('Ik ben een theepot.')), apiEvent());
    expect(reply.statusCode).toBe(418);
    expect(reply.body).toEqual({ error: { code: 'teapot', message: 'Ik ben een theepot.' } });
  });

  it('adds the security headers to success and error responses alike', async () => {
    const success = await call(
      jsonApi({}, async () => ok({ fine: true })),
      apiEvent(),
    );
    const failure = await call(throwing(new Error('x')), apiEvent());
    for (const reply of [success, failure]) {
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['referrer-policy']).toBe('no-referrer');
      expect(reply.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    }
    expect(success.body).toEqual({ fine: true });
  });

  it('answers in the language the caller prefers, Dutch by default', async () => {
    // Prepare
    const { z } = await import('zod');
    const handler = jsonApi({ body: z.strictObject({ days: z.number() }) }, async ({ body }) => ok(body));
    const badBody = { method: 'POST' as const, body: { days: 'drie' } };

    // Act
    const dutch = await call(handler, apiEvent(badBody));
    const english = await call(
      handler,
      apiEvent({ ...badBody, headers: { 'accept-language': 'en;q=0.8, de' } }),
    );

    // Assess
    expect(dutch.body.error.fieldErrors).toEqual([{ path: 'days', message: t('nl', 'validation.number') }]);
    expect(english.body.error.fieldErrors).toEqual([{ path: 'days', message: t('en', 'validation.number') }]);
  });

  it('hands the handler the principal, the locale, headers and path parameters', async () => {
    // Prepare
    const seen: unknown[] = [];
    const handler = jsonApi({}, async ({ principal, locale, header, param }) => {
      seen.push(principal, locale, header('X-Custom'), param('id'));
      return ok({});
    });
    const claims = claimsFor('manager', 'mark@example.test');

    // Act
    await call(
      handler,
      apiEvent({
        claims,
        route: '/trajectories/{id}',
        pathParameters: { id: 'traj-1' },
        headers: { 'x-custom': 'yes', 'accept-language': 'en-US' },
      }),
    );

    // Assess
    expect(seen).toEqual([{ role: 'manager', email: 'mark@example.test' }, 'en', 'yes', 'traj-1']);
  });

  it('reads a base64-encoded JSON body', async () => {
    // Prepare
    const { z } = await import('zod');
    const handler = jsonApi({ body: z.strictObject({ days: z.number() }) }, async ({ body }) => ok(body));
    const event = {
      ...apiEvent({ method: 'POST', body: { days: 3 } }),
      body: Buffer.from('{"days":3}').toString('base64'),
      isBase64Encoded: true,
    };

    // Act
    const reply = await call(handler, event);

    // Assess
    expect(reply.statusCode).toBe(200);
    expect(reply.body).toEqual({ days: 3 });
  });
});
