/**
 * Hostile input, generated: at least 10,000 requests built by fast-check from the route table
 * (every route of ROUTES, plus paths and methods that match none), with generated paths, query
 * strings, headers, credentials and bodies, sent concurrently to one local cloud. The same
 * handlers and the same gateway checks as the deployed API.
 *
 * What must hold over all of them:
 * - no 5xx: bad input is the caller's problem, never a crash;
 * - no writes: the generated POST bodies are invalid by construction (random JSON, random text,
 *   forms, oversized bodies, or a valid body with one field broken), so every one is rejected,
 *   and a rejected request must leave DynamoDB untouched: the number of write operations that
 *   reach DynamoDB during the run is 0 and a scan of the table is the same before and after;
 * - every 4xx explains itself: a JSON error with a code and a message (a 400 with at least one
 *   field error, each with a path and a message), API Gateway's own `{message}`, or an HTML page
 *   that says what happened.
 *
 * The figures (requests, statuses, 5xx, writes, per route) go to
 * test-results/security/hostile-input.json. `HOSTILE_SEED=<n>` replays another sample.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type RouteDefinition } from '#api/routes.ts';
import {
  countDynamoWrites,
  createLiveTrajectory,
  expiredToken,
  IDENTIFY_ANSWER,
  startTestCloud,
  tableSnapshot,
  tokenWithForeignSignature,
  trajectoryBody,
  uniqueEmail,
  type LiveTrajectory,
  type TestCloud,
  type WriteCounter,
} from './support.ts';

const REQUESTS = 10_000;
const CONCURRENCY = 24;
const SEED = Number(process.env.HOSTILE_SEED ?? 20260302);
const RESULTS_DIR = join('test-results', 'security');

let cloud: TestCloud;
let counter: WriteCounter;
let live: LiveTrajectory;
let credentials: Record<string, string | undefined>;

beforeAll(async () => {
  cloud = await startTestCloud();
  // Before any handler module loads: they build their DynamoDB clients from the endpoint then.
  counter = await countDynamoWrites();
  const hrEmail = uniqueEmail('hr');
  const hr = await cloud.tokenFor(hrEmail, 'hr');
  live = await createLiveTrajectory(cloud, hr);
  credentials = {
    none: undefined,
    hr: `Bearer ${hr}`,
    ownManager: `Bearer ${await cloud.tokenFor(live.managerEmail, 'manager')}`,
    otherManager: `Bearer ${await cloud.tokenFor(uniqueEmail('manager'), 'manager')}`,
    forged: `Bearer ${await tokenWithForeignSignature(cloud, hrEmail)}`,
    expired: `Bearer ${await expiredToken(cloud, hrEmail)}`,
    basic: 'Basic aHI6aHI=',
  };
}, 60_000);

afterAll(async () => {
  await counter?.close();
  await cloud?.dispose();
});

// ---------------------------------------------------------------------------------------------
// Generators

/** Printable ASCII: what fetch lets into a header value. */
const headerText = (maxLength: number) =>
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength });

/** A path segment: the fixture's real value, garbage, or something built to confuse a router. */
const segment = (real: () => string) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant(null).map(() => real()) },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }).map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.string({ minLength: 129, maxLength: 600 }).map(encodeURIComponent) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '%ZZ',
        '%',
        '%00',
        '%2F',
        '%2e%2e',
        '..%2F..%2Fetc%2Fpasswd',
        '%3Cscript%3E',
        "'%20OR%201%3D1",
        '__proto__',
        'constructor',
        'TRAJECTORY%23x',
        '%C0%AF',
        '%F0%9F%92%A9',
        '',
        '0',
        '-1',
      ),
    },
  );

const PARAM_VALUES: Record<string, () => string> = {
  id: () => live.id,
  token: () => live.linkToken,
  taskId: () => live.taskId,
};

/**
 * Routes whose request has nothing to fuzz but its path and headers: with HR's token and the live
 * trajectory's id, a body-less POST is simply a valid request (issuing the employee a copy link
 * mails them and writes the link; revoking revokes), so these get an id that exists nowhere. Their success is
 * tested elsewhere (test/workflow/employee-copy.test.ts, test/security/auth-matrix.test.ts).
 */
const ROUTE_PARAM_VALUES: Record<string, Record<string, () => string>> = {
  'POST /trajectories/{id}/employee-copy': { id: () => 'no-such-trajectory' },
  'POST /trajectories/{id}/employee-copy/revoke': { id: () => 'no-such-trajectory' },
  // A draft keeps what was typed, checked for size, depth and field names only (it may be half a form),
  // so on a live link almost any body is a valid draft that is kept. Fuzzed on a link nobody
  // minted; its refusals and its escaping are tested in test/workflow/drafts.test.ts and
  // test/unit/web/drafts.test.ts.
  'POST /actions/{token}/draft': { token: () => 'x'.repeat(43) },
};

const pathFor = (route: RouteDefinition) => {
  const own = ROUTE_PARAM_VALUES[`${route.method} ${route.path}`] ?? {};
  const parts = route.path.split('/').map((part) => {
    const param = /^\{(\w+)\}$/.exec(part)?.[1];
    return param ? segment(own[param] ?? PARAM_VALUES[param] ?? (() => 'x')) : fc.constant(part);
  });
  return fc.tuple(...parts).map((values) => values.join('/') || '/');
};

const query = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  {
    weight: 2,
    arbitrary: fc
      .array(
        fc.tuple(
          fc.constantFrom('status', 'limit', 'cursor', 'x', '__proto__', 'email', 'role'),
          fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('-1', '0', '1e9', 'active', 'NaN', '[]')),
        ),
        { maxLength: 4 },
      )
      .map((pairs) => `?${new URLSearchParams(pairs).toString()}`),
  },
);

/** A value that no field of any body of the contract accepts where a valid value stood. */
const brokenValue = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, '', '   ', [], {}, [null], { $ne: null }),
  fc.string({ minLength: 10_001, maxLength: 20_000 }),
  fc.constant('<script>alert(1)</script>'.repeat(1000)),
  // Invisible characters no field takes: NUL, a bell, an escape, a right-to-left override.
  fc.constantFrom('Jan\u0000de Vries', 'Rapport\u0007', '\u001b[31mrood', 'factuur\u202Efdp.exe'),
);

type JsonObject = Record<string, unknown>;

/** A valid body with one field broken: a value replaced, a required field removed, or an unknown one added. */
const brokenBody = (valid: JsonObject) => {
  const leaves: string[][] = [];
  const objects: string[][] = [];
  const walk = (value: unknown, path: string[]) => {
    if (value && typeof value === 'object') {
      if (!Array.isArray(value)) objects.push(path);
      for (const [key, inner] of Object.entries(value)) walk(inner, [...path, key]);
    } else leaves.push(path);
  };
  walk(valid, []);
  const at = (copy: JsonObject, path: string[]): JsonObject => {
    let node = copy;
    for (const key of path) node = node[key] as JsonObject;
    return node;
  };
  const change = (path: string[], apply: (parent: JsonObject, key: string) => void): JsonObject => {
    const copy = structuredClone(valid);
    apply(at(copy, path.slice(0, -1)), path.at(-1) as string);
    return copy;
  };
  return fc.oneof(
    fc.tuple(fc.constantFrom(...leaves), brokenValue).map(([path, value]) =>
      change(path, (parent, key) => {
        parent[key] = value;
      }),
    ),
    fc.constantFrom(...leaves).map((path) =>
      change(path, (parent, key) => {
        delete parent[key];
      }),
    ),
    // An unknown field on an object (an array would drop it when serialised). `__proto__` as an
    // own property, as JSON.parse creates it, checks that nothing merges it into a prototype.
    fc
      .tuple(fc.constantFrom(...objects), fc.constantFrom('isAdmin', '__proto__', 'status', 'version', 'PK'))
      .map(([path, extra]) => {
        const copy = structuredClone(valid);
        Object.defineProperty(at(copy, path), extra, { value: 1, enumerable: true });
        return copy;
      }),
  );
};

const VALID_BODIES: Record<string, () => JsonObject> = {
  'POST /trajectories': () => trajectoryBody({ manager: live.managerEmail }),
  'POST /actions/{token}': () => IDENTIFY_ANSWER,
  'POST /trajectories/{id}/cancel': () => ({ reason: 'Dubbel aangemaakt.' }),
  'POST /trajectories/{id}/tasks/{taskId}/extend': () => ({ days: 3 }),
  'POST /trajectories/{id}/pause': () => ({ reason: 'Ziekmelding.' }),
};

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';

interface Body {
  text: string;
  contentType: string | undefined;
}

const bodyFor = (key: string): fc.Arbitrary<Body | undefined> => {
  const valid = VALID_BODIES[key];
  const json = (arbitrary: fc.Arbitrary<unknown>) =>
    arbitrary.map((value): Body => ({ text: JSON.stringify(value) ?? 'null', contentType: JSON_TYPE }));
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: json(fc.jsonValue({ maxDepth: 4 })) },
    {
      weight: 2,
      arbitrary: json(fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }))),
    },
    ...(valid ? [{ weight: 6, arbitrary: fc.constant(null).chain(() => json(brokenBody(valid()))) }] : []),
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.constantFrom(JSON_TYPE, FORM_TYPE, 'text/plain', undefined),
        )
        .map(([text, contentType]): Body => ({ text, contentType })),
    },
    {
      weight: 2,
      arbitrary: fc
        .array(fc.tuple(fc.string({ maxLength: 30 }), fc.string({ maxLength: 50 })), { maxLength: 12 })
        .map((pairs): Body => ({ text: new URLSearchParams(pairs).toString(), contentType: FORM_TYPE })),
    },
    {
      // A field nested thousands deep (`a[a][a]…=x`, `a.a.a…=x`): a few KB that once overflowed
      // the form parser's stack.
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 9, max: 3000 }), fc.constantFrom('[a]', '.a'))
        .map(([depth, segment]): Body => ({ text: `a${segment.repeat(depth)}=x`, contentType: FORM_TYPE })),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 64 * 1024 + 1, max: 200 * 1024 }).map((size): Body => ({
        text: JSON.stringify({ reason: 'x'.repeat(size) }),
        contentType: JSON_TYPE,
      })),
    },
  );
};

const OTHER_METHODS = ['PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];

interface HostileRequest {
  /** The route the request was generated from, or `unrouted`. */
  target: string;
  /** Which credential it carries (the report names it; the token itself stays out). */
  credential: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const requestFor = (route: RouteDefinition): fc.Arbitrary<HostileRequest> => {
  const key = `${route.method} ${route.path}`;
  return fc
    .record({
      method: fc.oneof(
        { weight: 9, arbitrary: fc.constant(route.method) },
        { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS) },
      ),
      path: pathFor(route),
      query,
      credential: fc.constantFrom(...Object.keys(credentials)),
      accept: fc.option(
        fc.constantFrom(
          'application/json',
          'text/html',
          '*/*',
          'text/html;q=0.1, application/json',
          'x/y;q=zz',
        ),
        { nil: undefined },
      ),
      language: fc.option(fc.oneof(fc.constantFrom('nl', 'en', 'de', 'en-GB,nl;q=0.5'), headerText(20)), {
        nil: undefined,
      }),
      idempotencyKey: fc.option(fc.oneof(headerText(40), headerText(300)), { nil: undefined }),
      contentTypeOverride: fc.option(
        fc.oneof(
          headerText(30),
          fc.constantFrom('application/json; charset=utf-16', 'application/merge-patch+json'),
        ),
        {
          nil: undefined,
          freq: 8,
        },
      ),
      extra: fc.dictionary(
        fc.constantFrom('x-forwarded-for', 'x-amz-target', 'origin', 'cookie', 'x-http-method-override'),
        headerText(60),
        { maxKeys: 2 },
      ),
      body: bodyFor(key),
    })
    .map((r): HostileRequest => {
      const headers: Record<string, string> = { ...r.extra };
      const credential = credentials[r.credential];
      if (credential) headers.authorization = credential;
      if (r.accept) headers.accept = r.accept;
      if (r.language) headers['accept-language'] = r.language;
      if (r.idempotencyKey) headers['idempotency-key'] = r.idempotencyKey;
      const hasBody = r.body && r.method !== 'GET' && r.method !== 'HEAD';
      const contentType = r.contentTypeOverride ?? r.body?.contentType;
      if (hasBody && contentType) headers['content-type'] = contentType;
      return {
        target: key,
        credential: r.credential,
        method: r.method,
        path: `${r.path}${r.query}`,
        headers,
        ...(hasBody && r.body ? { body: r.body.text } : {}),
      };
    });
};

/** Paths no route serves, to check the gateway's own refusals too. */
const unrouted: fc.Arbitrary<HostileRequest> = fc
  .record({
    method: fc.constantFrom('GET', 'POST', ...OTHER_METHODS),
    path: fc.oneof(
      fc.webPath(),
      fc.constantFrom(
        '/trajectories/',
        '//trajectories',
        '/actions',
        '/actions/',
        '/TRAJECTORIES',
        '/trajectories/a/b/c/d/e',
      ),
    ),
  })
  .map(({ method, path }) => ({
    target: 'unrouted',
    credential: 'none',
    method,
    path: path.startsWith('/') ? path : `/${path}`,
    headers: {},
  }));

// ---------------------------------------------------------------------------------------------
// Checks

interface Outcome {
  request: HostileRequest;
  status: number;
  contentType: string;
  location: string | null;
  text: string;
}

/** Why a refusal does not explain itself, or undefined when it does. */
function unexplained({ request, status, contentType, text }: Outcome): string | undefined {
  if (status < 400 || status >= 500 || request.method === 'HEAD') return undefined;
  if (contentType.startsWith('text/html')) {
    return /<(h1|p)\b[^>]*>[^<]*[^\s<]/.test(text) ? undefined : 'an HTML refusal without a message';
  }
  if (contentType.startsWith('text/plain')) {
    return text.trim().length > 0 ? undefined : 'an empty plain-text refusal';
  }
  let body: { message?: unknown; error?: { code?: unknown; message?: unknown; fieldErrors?: unknown } };
  try {
    body = JSON.parse(text);
  } catch {
    return 'a refusal that is neither JSON nor HTML';
  }
  if (typeof body.message === 'string' && body.message.length > 0) return undefined;
  const error = body.error;
  if (typeof error?.code !== 'string' || typeof error.message !== 'string' || !error.message) {
    return 'a JSON refusal without error.code and error.message';
  }
  if (status === 400) {
    const fieldErrors = error.fieldErrors as { path?: unknown; message?: unknown }[] | undefined;
    if (!Array.isArray(fieldErrors) || fieldErrors.length === 0) return 'a 400 without field errors';
    if (fieldErrors.some((e) => typeof e.path !== 'string' || typeof e.message !== 'string' || !e.message)) {
      return 'a field error without a path or a message';
    }
  }
  return undefined;
}

async function send(request: HostileRequest): Promise<Outcome> {
  const response = await fetch(`${cloud.url}${request.path}`, {
    method: request.method,
    headers: request.headers,
    redirect: 'manual',
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
  return {
    request,
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    location: response.headers.get('location'),
    text: await response.text(),
  };
}

async function sendAll(requests: HostileRequest[], onOutcome: (outcome: Outcome) => void): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++] as HostileRequest;
      onOutcome(await send(request));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

const describeRequest = ({ method, path, headers, body, credential }: HostileRequest) => {
  const { authorization: _authorization, ...rest } = headers;
  return JSON.stringify({
    method,
    path: path.slice(0, 200),
    credential,
    headers: rest,
    body: body?.slice(0, 200),
  });
};

describe(`${REQUESTS} generated hostile requests across every route (seed ${SEED})`, () => {
  it('get no 5xx, write nothing, and every refusal says what is wrong', { timeout: 120_000 }, async () => {
    // Prepare
    const perRoute = Math.ceil((REQUESTS * 0.95) / ROUTES.length);
    const requests = [
      ...ROUTES.flatMap((route) => fc.sample(requestFor(route), { numRuns: perRoute, seed: SEED })),
      ...fc.sample(unrouted, {
        numRuns: REQUESTS - perRoute * ROUTES.length > 0 ? REQUESTS - perRoute * ROUTES.length : 500,
        seed: SEED,
      }),
    ];
    await cloud.engine.whenIdle();
    const before = await tableSnapshot();
    const writesBefore = counter.writes;
    const statuses: Record<string, number> = {};
    const byRoute: Record<string, Record<string, number>> = {};
    const serverErrors: Outcome[] = [];
    const badRefusals: { outcome: Outcome; why: string }[] = [];
    const accepted: Outcome[] = [];
    const started = Date.now();

    // Act
    await sendAll(requests, (outcome) => {
      const status = String(outcome.status);
      statuses[status] = (statuses[status] ?? 0) + 1;
      const route = (byRoute[outcome.request.target] ??= {});
      route[status] = (route[status] ?? 0) + 1;
      if (outcome.status >= 500) serverErrors.push(outcome);
      const why = unexplained(outcome);
      if (why) badRefusals.push({ outcome, why });
      // A redirect to the sign-in page is a refusal (a page route without a session).
      const toSignIn = outcome.status === 303 && outcome.location?.startsWith('/sign-in');
      // Signing out changes nothing stored (it clears the caller's cookie), whatever the body.
      const signOut = outcome.request.target === 'POST /sign-out';
      if (outcome.request.method === 'POST' && outcome.status < 400 && !toSignIn && !signOut) {
        accepted.push(outcome);
      }
    });
    await cloud.engine.whenIdle();
    const writes = counter.writes - writesBefore;
    const after = await tableSnapshot();

    // Assess
    const figures = {
      seed: SEED,
      requests: requests.length,
      concurrency: CONCURRENCY,
      seconds: (Date.now() - started) / 1000,
      serverErrors: serverErrors.length,
      refusalsWithoutExplanation: badRefusals.length,
      acceptedPosts: accepted.length,
      dynamoWrites: writes,
      tableUnchanged: JSON.stringify(before) === JSON.stringify(after),
      statuses,
      byRoute,
      // The first few of each kind of failure, to reproduce them by hand.
      examples: {
        serverErrors: serverErrors.slice(0, 10).map((o) => `${o.status} ${describeRequest(o.request)}`),
        refusalsWithoutExplanation: badRefusals
          .slice(0, 10)
          .map(
            (b) =>
              `${b.why}: ${b.outcome.status} ${b.outcome.text.slice(0, 200)} for ${describeRequest(b.outcome.request)}`,
          ),
        acceptedPosts: accepted.slice(0, 10).map((o) => `${o.status} ${describeRequest(o.request)}`),
      },
    };
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, 'hostile-input.json'), `${JSON.stringify(figures, null, 2)}\n`);

    expect(requests.length).toBeGreaterThanOrEqual(REQUESTS);
    for (const route of ROUTES) {
      const key = `${route.method} ${route.path}`;
      expect(
        Object.values(byRoute[key] ?? {}).reduce((a, b) => a + b, 0),
        key,
      ).toBeGreaterThanOrEqual(perRoute);
    }
    expect(serverErrors.slice(0, 5).map((o) => `${o.status} ${describeRequest(o.request)}`)).toEqual([]);
    expect(
      badRefusals
        .slice(0, 5)
        .map(
          (b) =>
            `${b.why}: ${b.outcome.status} ${b.outcome.text.slice(0, 200)} for ${describeRequest(b.outcome.request)}`,
        ),
    ).toEqual([]);
    expect(accepted.slice(0, 5).map((o) => `${o.status} ${describeRequest(o.request)}`)).toEqual([]);
    expect(writes).toBe(0);
    expect(after).toEqual(before);
  });
});
