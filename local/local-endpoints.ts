/**
 * The local-only endpoints of the contract (never deployed): `/_local/token` issues a token as
 * the sign-in would, `/_local/clock` reads and advances the virtual clock, `/_local/outbox` lists
 * every mail the local SES received (`?to=` one recipient's, `?after=<id>` those sent after one),
 * `/_local/expire` plays DynamoDB's TTL at the clock's now (local/ttl.ts), and
 * `/_local/events` lists every lifecycle event put on the local bus (`?type=`, `?trajectoryId=`,
 * `?after=<id>`; docs/events.md).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod';
import { parseBody } from '#core/schemas.ts';
import { pickLocale, t } from '#shared/i18n/catalogue.ts';
import type { VirtualClock } from './clock.ts';
import type { Engine } from './engine/index.ts';
import type { LocalIssuer } from './local-auth.ts';
import type { SesEmulator } from './emulators.ts';
import type { LocalEventBus } from './event-bus.ts';
import type { LocalTableStream } from './table-stream.ts';
import { send } from './api-gateway.ts';
import { sessionCookie } from '#shared/session-cookie.ts';
import { crossSiteForm } from '#api/action-http.ts';
import { renderDashboardMessage } from '#web/dashboard-layout.ts';
import { renderLocalSignIn } from '#web/dashboard-pages.ts';
import { CONTENT_SECURITY_POLICY } from '#web/headers.ts';

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'cache-control': 'no-store',
};

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const tokenQuery = z.strictObject({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'validation.email' })),
  role: z.enum(['hr', 'manager']),
  /** Optional, as Cognito's `name` attribute is: what the start form fills in for HR. */
  name: z.string().trim().max(200).optional(),
});

/** Ten years is more than any trajectory needs; a bigger jump is a typo. */
const clockBody = z
  .strictObject({
    days: z.number().min(0).max(3660).optional(),
    hours: z
      .number()
      .min(0)
      .max(3660 * 24)
      .optional(),
  })
  .refine((body) => body.days !== undefined || body.hours !== undefined, {
    error: 'validation.required',
    path: ['days'],
  });

const outboxQuery = z.strictObject({
  to: z.string().trim().toLowerCase().optional(),
  /** A message id: only the messages sent after it (a client reading the outbox as it grows). */
  after: z.string().trim().max(200).optional(),
});

const eventsQuery = z.strictObject({
  /** A `detail-type`, e.g. `TaskEscalated`. */
  type: z.string().trim().max(100).optional(),
  trajectoryId: z.string().trim().max(200).optional(),
  /** An event id: only the events put after it (a client reading the bus as it grows). */
  after: z.string().trim().max(200).optional(),
});

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

function json(res: ServerResponse, statusCode: number, body: unknown): void {
  send(res, {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  });
}

export function createLocalEndpoints(deps: {
  clock: VirtualClock;
  issuer: LocalIssuer;
  ses: SesEmulator;
  engine: Engine;
  /** DynamoDB's TTL and the purge it sets off, at the local clock's now (local/ttl.ts). */
  expire: () => Promise<string[]>;
  events: LocalEventBus;
  stream: LocalTableStream;
}) {
  return async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/_local/')) return false;
    const method = req.method ?? 'GET';
    const locale = pickLocale(req.headers['accept-language']);
    const invalid = (fieldErrors: unknown) =>
      json(res, 400, {
        error: { code: 'invalid_request', message: t(locale, 'error.invalid_request'), fieldErrors },
      });
    const query = Object.fromEntries(url.searchParams);
    // The sign-in sets the session cookie and the clock fires every deadline: neither may be
    // posted by a page of another site. The same check as the app's own forms.
    if (method === 'POST' && crossSiteForm({ headers: flatHeaders(req) })) {
      send(res, {
        statusCode: 403,
        headers: PAGE_HEADERS,
        body: renderDashboardMessage(locale, undefined, t(locale, 'dash.csrf')),
      });
      return true;
    }

    switch (`${method} ${url.pathname}`) {
      case 'GET /_local/token': {
        const parsed = parseBody(tokenQuery, query, locale);
        if (!parsed.ok) return (invalid(parsed.fieldErrors), true);
        json(res, 200, { token: await deps.issuer.issue(parsed.value) });
        return true;
      }
      case 'GET /_local/jwks.json':
        json(res, 200, deps.issuer.jwks());
        return true;
      case 'GET /_local/sign-in':
        send(res, { statusCode: 200, headers: PAGE_HEADERS, body: renderLocalSignIn(locale) });
        return true;
      case 'POST /_local/sign-in': {
        // The local stand-in for the Cognito Hosted UI: a token for the address and role chosen.
        const form = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
        const name = form.name?.trim();
        const parsed = parseBody(
          tokenQuery,
          { email: form.email ?? '', role: form.role ?? '', ...(name ? { name } : {}) },
          locale,
        );
        if (!parsed.ok) {
          send(res, {
            statusCode: 400,
            headers: PAGE_HEADERS,
            body: renderLocalSignIn(locale, parsed.fieldErrors),
          });
          return true;
        }
        const token = await deps.issuer.issue(parsed.value);
        send(res, {
          statusCode: 303,
          headers: { location: '/', 'cache-control': 'no-store' },
          body: '',
          cookies: [sessionCookie(token)],
        });
        return true;
      }
      case 'GET /_local/clock':
        json(res, 200, { now: deps.clock.now().toISOString() });
        return true;
      case 'POST /_local/clock': {
        let input: unknown;
        try {
          input = body.length ? JSON.parse(body.toString('utf8')) : {};
        } catch {
          return (invalid([{ path: '', message: t(locale, 'validation.body') }]), true);
        }
        const parsed = parseBody(clockBody, input, locale);
        if (!parsed.ok) return (invalid(parsed.fieldErrors), true);
        const ms = (parsed.value.days ?? 0) * DAY_MS + (parsed.value.hours ?? 0) * HOUR_MS;
        await deps.clock.advance(ms);
        await deps.engine.whenIdle();
        json(res, 200, { now: deps.clock.now().toISOString() });
        return true;
      }
      case 'POST /_local/expire':
        json(res, 200, { expired: await deps.expire() });
        return true;
      case 'GET /_local/outbox': {
        const parsed = parseBody(outboxQuery, query, locale);
        if (!parsed.ok) return (invalid(parsed.fieldErrors), true);
        const { to, after } = parsed.value;
        const messages = deps.ses
          .outbox(after)
          .filter((message) => !to || message.to.some((address) => address.toLowerCase() === to));
        json(res, 200, { messages });
        return true;
      }
      case 'GET /_local/events': {
        const parsed = parseBody(eventsQuery, query, locale);
        if (!parsed.ok) return (invalid(parsed.fieldErrors), true);
        const { type, trajectoryId, after } = parsed.value;
        // What was written so far has reached the bus: a reader never races the publisher.
        await deps.stream.drained();
        const events = deps.events
          .events(after)
          .filter((event) => !type || event['detail-type'] === type)
          .filter((event) => !trajectoryId || event.detail.trajectoryId === trajectoryId);
        json(res, 200, { events });
        return true;
      }
      default:
        json(res, 404, { message: 'Not Found' });
        return true;
    }
  };
}
