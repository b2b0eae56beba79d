/**
 * Every route of ROUTES × every kind of caller, on the local cloud (the same authorizer checks
 * and the same handlers as the deployed API), against the status the route declares here.
 *
 * The table below is the one place a route states who may call it. A route in ROUTES without a
 * row fails the suite with a message naming it, and so does a row for a route that is gone:
 * adding a route means deciding its access, here, on purpose.
 *
 * Callers:
 * - `anonymous`: no Authorization header;
 * - `badSignature`: an HR token with valid claims, signed by a key the authorizer does not trust;
 * - `expired`: an HR token of the right issuer that expired a minute ago;
 * - `ownManager`: the manager of the trajectory the request is about;
 * - `otherManager`: a manager of another trajectory;
 * - `hr`: an HR advisor (HR sees every trajectory).
 * A caller's token goes in `Authorization: Bearer <token>` unless the row's `credentials` says
 * otherwise (a page route that reads a session cookie sends it as that cookie).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '#api/routes.ts';
import { csrfToken, SESSION_COOKIE } from '#shared/session-cookie.ts';
import {
  createLiveTrajectory,
  expiredToken,
  IDENTIFY_ANSWER,
  startTestCloud,
  tokenWithForeignSignature,
  trajectoryBody,
  uniqueEmail,
  type LiveTrajectory,
  type TestCloud,
} from './support.ts';

const CALLERS = ['anonymous', 'badSignature', 'expired', 'ownManager', 'otherManager', 'hr'] as const;
type Caller = (typeof CALLERS)[number];

interface Cell {
  /** The caller's token, or undefined for `anonymous`. */
  token: string | undefined;
  /** A trajectory managed by `ownManager`: fresh for each cell of a `mutates` row. */
  trajectory: LiveTrajectory;
}

interface Request {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Row {
  /** The request to send for this route; the method is the route's own. */
  request: (cell: Cell) => Request;
  /** The status each caller gets. */
  expect: Record<Caller, number>;
  /**
   * Whether the request changes the trajectory: then each cell gets a trajectory of its own, so
   * one caller's success (a cancel, an answer) does not decide the next caller's status.
   */
  mutates?: boolean;
  /** How the caller's token travels. Default: the Authorization header. */
  credentials?: (token: string) => Record<string, string>;
  /** More to check on a response, e.g. that a list holds only what the caller may see. */
  check?: (caller: Caller, body: unknown, cell: Cell) => void;
}

const UNAUTHENTICATED = { anonymous: 401, badSignature: 401, expired: 401 } as const;
/** The same status for every caller: a public route that ignores any Authorization header. */
const mapAll = (status: number): Record<Caller, number> =>
  Object.fromEntries(CALLERS.map((caller) => [caller, status])) as Record<Caller, number>;
/** Public routes: the link's secret is the credential, any Authorization header is ignored. */
const LINK_HOLDER = {
  anonymous: 200,
  badSignature: 200,
  expired: 200,
  ownManager: 200,
  otherManager: 200,
  hr: 200,
};

/**
 * The employee's copy links: the token is the only credential, so no header grants anything. The
 * matrix's trajectories have no copy yet: a well-formed token nobody minted is unknown to everyone
 * (test/workflow/employee-copy.test.ts reads a real copy).
 */
const UNKNOWN_COPY = {
  anonymous: 404,
  badSignature: 404,
  expired: 404,
  ownManager: 404,
  otherManager: 404,
  hr: 404,
};
const NOBODY_S_COPY = 'c'.repeat(43);

/** Page routes without a valid session send the browser to the sign-in page. */
const TO_SIGN_IN = { anonymous: 303, badSignature: 303, expired: 303 } as const;
/** The dashboard reads the same ID token from its session cookie, not from a header. */
const asSession = (token: string) => ({ cookie: `${SESSION_COOKIE}=${token}` });
/** A dashboard form post from the dashboard itself, with the session's CSRF token. */
function pageForm(token: string | undefined, fields: Record<string, string>, path = '/start'): Request {
  const form = new URLSearchParams({ ...fields, csrf: token ? csrfToken(token) : '' });
  return {
    path,
    body: form.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
  };
}

/**
 * A call of a dashboard page's script: JSON, from the page itself, with the session's CSRF token
 * in its header.
 */
function pageScript(token: string | undefined, path: string, body: unknown = {}): Request {
  return {
    path,
    body,
    headers: { 'x-csrf-token': token ? csrfToken(token) : '', 'sec-fetch-site': 'same-origin' },
  };
}

const MATRIX: Record<string, Row> = {
  'POST /trajectories': {
    request: ({ trajectory }) => ({
      path: '/trajectories',
      body: trajectoryBody({ manager: trajectory.managerEmail }),
    }),
    expect: { ...UNAUTHENTICATED, ownManager: 403, otherManager: 403, hr: 201 },
    mutates: true,
  },
  'GET /trajectories': {
    request: () => ({ path: '/trajectories?limit=100' }),
    expect: { ...UNAUTHENTICATED, ownManager: 200, otherManager: 200, hr: 200 },
    check: (caller, body, { trajectory }) => {
      const ids = (body as { items: { id: string }[] }).items.map((item) => item.id);
      // A manager's list holds their own trajectories and no one else's.
      if (caller === 'ownManager') expect(ids).toContain(trajectory.id);
      if (caller === 'otherManager') expect(ids).not.toContain(trajectory.id);
    },
  },
  'GET /trajectories/{id}': {
    request: ({ trajectory }) => ({ path: `/trajectories/${trajectory.id}` }),
    expect: { ...UNAUTHENTICATED, ownManager: 200, otherManager: 403, hr: 200 },
  },
  'GET /trajectories/{id}/dossier.pdf': {
    request: ({ trajectory }) => ({ path: `/trajectories/${trajectory.id}/dossier.pdf` }),
    expect: { ...UNAUTHENTICATED, ownManager: 200, otherManager: 403, hr: 200 },
  },
  'GET /trajectories/{id}/completeness.pdf': {
    request: ({ trajectory }) => ({ path: `/trajectories/${trajectory.id}/completeness.pdf` }),
    // HR's internal report: not for a manager, the trajectory's own included.
    expect: { ...UNAUTHENTICATED, ownManager: 403, otherManager: 403, hr: 200 },
  },
  'POST /trajectories/{id}/employee-copy': {
    request: ({ trajectory }) => ({ path: `/trajectories/${trajectory.id}/employee-copy` }),
    expect: { ...UNAUTHENTICATED, ownManager: 403, otherManager: 403, hr: 201 },
  },
  'POST /trajectories/{id}/employee-copy/revoke': {
    request: ({ trajectory }) => ({ path: `/trajectories/${trajectory.id}/employee-copy/revoke` }),
    expect: { ...UNAUTHENTICATED, ownManager: 403, otherManager: 403, hr: 200 },
  },
  'GET /copy/{token}': {
    request: () => ({ path: `/copy/${NOBODY_S_COPY}`, headers: { accept: 'application/json' } }),
    expect: UNKNOWN_COPY,
  },
  'GET /copy/{token}/dossier.pdf': {
    request: () => ({ path: `/copy/${NOBODY_S_COPY}/dossier.pdf` }),
    expect: UNKNOWN_COPY,
  },
  'GET /trajectories.csv': {
    request: () => ({ path: '/trajectories.csv' }),
    expect: { ...UNAUTHENTICATED, ownManager: 200, otherManager: 200, hr: 200 },
    check: (caller, body, { trajectory }) => {
      // Like the list: a manager's report holds their own trajectories and no one else's.
      if (caller === 'ownManager' || caller === 'hr') expect(String(body)).toContain(trajectory.id);
      if (caller === 'otherManager') expect(String(body)).not.toContain(trajectory.id);
    },
  },
  'GET /actions/{token}': {
    request: ({ trajectory }) => ({
      path: `/actions/${trajectory.linkToken}`,
      headers: { accept: 'application/json' },
    }),
    expect: LINK_HOLDER,
  },
  'POST /actions/{token}': {
    request: ({ trajectory }) => ({ path: `/actions/${trajectory.linkToken}`, body: IDENTIFY_ANSWER }),
    expect: LINK_HOLDER,
    mutates: true,
  },
  // A draft through the link: its secret is the credential, whoever holds it (no record changes).
  'POST /actions/{token}/draft': {
    request: ({ trajectory }) => ({ path: `/actions/${trajectory.linkToken}/draft`, body: IDENTIFY_ANSWER }),
    expect: LINK_HOLDER,
  },
  // Evidence files through the link: its secret is the credential, for its own task only. A file
  // announced is pending, no part of the dossier; an unknown file id is unknown to every caller.
  'POST /actions/{token}/files': {
    request: ({ trajectory }) => ({
      path: `/actions/${trajectory.linkToken}/files`,
      body: {
        title: 'Klacht van klant Jansen',
        date: '2026-02-20',
        filename: 'klacht.pdf',
        contentType: 'application/pdf',
        size: 1000,
      },
    }),
    expect: { ...mapAll(201) },
  },
  'POST /actions/{token}/files/{fileId}/confirm': {
    request: ({ trajectory }) => ({ path: `/actions/${trajectory.linkToken}/files/no-such-file/confirm` }),
    expect: { ...mapAll(404) },
  },
  'POST /actions/{token}/files/{fileId}/remove': {
    request: ({ trajectory }) => ({
      path: `/actions/${trajectory.linkToken}/files/no-such-file/remove`,
      body: { reason: 'Onjuist bestand.' },
    }),
    expect: { ...mapAll(404) },
  },
  'POST /trajectories/{id}/cancel': {
    request: ({ trajectory }) => ({
      path: `/trajectories/${trajectory.id}/cancel`,
      body: { reason: 'Dubbel aangemaakt.' },
    }),
    expect: { ...UNAUTHENTICATED, ownManager: 403, otherManager: 403, hr: 200 },
    mutates: true,
  },
  'POST /trajectories/{id}/tasks/{taskId}/extend': {
    request: ({ trajectory }) => ({
      path: `/trajectories/${trajectory.id}/tasks/${trajectory.taskId}/extend`,
      body: { days: 3 },
    }),
    expect: { ...UNAUTHENTICATED, ownManager: 403, otherManager: 403, hr: 200 },
    mutates: true,
  },
  'POST /trajectories/{id}/pause': {
    request: ({ trajectory }) => ({
      path: `/trajectories/${trajectory.id}/pause`,
      body: { reason: 'Ziekmelding.' },
    }),
    expect: { ...UNAUTHENTICATED, ownManager: 403, otherManager: 403, hr: 200 },
    mutates: true,
  },
  // A fresh trajectory is not paused: HR passes every check up to the state and meets 409.
  'POST /trajectories/{id}/resume': {
    request: ({ trajectory }) => ({ path: `/trajectories/${trajectory.id}/resume` }),
    expect: { ...UNAUTHENTICATED, ownManager: 403, otherManager: 403, hr: 409 },
    check: (caller, body) => {
      if (caller === 'hr') expect((body as { error: { code: string } }).error.code).toBe('not_paused');
    },
  },
  // Keeping the dossier: HR only. An empty body keeps the shared trajectory as it was (HR gets 400).
  'POST /trajectories/{id}/legal-hold': {
    request: ({ trajectory }) => ({ path: `/trajectories/${trajectory.id}/legal-hold`, body: {} }),
    expect: { ...UNAUTHENTICATED, ownManager: 403, otherManager: 403, hr: 400 },
  },
  'POST /trajectories/{id}/legal-hold/lift': {
    request: ({ trajectory }) => ({ path: `/trajectories/${trajectory.id}/legal-hold/lift`, body: {} }),
    expect: { ...UNAUTHENTICATED, ownManager: 403, otherManager: 403, hr: 400 },
  },
  'POST /trajectories/{id}/employment-end': {
    request: ({ trajectory }) => ({ path: `/trajectories/${trajectory.id}/employment-end`, body: {} }),
    expect: { ...UNAUTHENTICATED, ownManager: 403, otherManager: 403, hr: 400 },
  },
  'POST /trajectories/{id}/receipts': {
    request: ({ trajectory }) => ({ path: `/trajectories/${trajectory.id}/receipts`, body: {} }),
    expect: { ...UNAUTHENTICATED, ownManager: 403, otherManager: 403, hr: 400 },
  },
  // A change of the plan: HR only; the fresh trajectory has no acknowledged plan (HR meets 409).
  'POST /trajectories/{id}/plan-changes': {
    request: ({ trajectory }) => ({
      path: `/trajectories/${trajectory.id}/plan-changes`,
      body: { reason: 'Het werk is anders verdeeld.' },
    }),
    expect: { ...UNAUTHENTICATED, ownManager: 403, otherManager: 403, hr: 409 },
    check: (caller, body) => {
      if (caller === 'hr')
        expect((body as { error: { code: string } }).error.code).toBe('plan_not_acknowledged');
    },
  },
  // Evidence files: whoever may read the dossier. An unknown file id answers 404 to them only; an
  // empty announcement answers 400 to every signed-in caller (the body is checked first, which
  // tells nobody anything about the trajectory) and writes nothing.
  'GET /trajectories/{id}/files': {
    request: ({ trajectory }) => ({ path: `/trajectories/${trajectory.id}/files` }),
    expect: { ...UNAUTHENTICATED, ownManager: 200, otherManager: 403, hr: 200 },
  },
  'POST /trajectories/{id}/files': {
    request: ({ trajectory }) => ({ path: `/trajectories/${trajectory.id}/files`, body: {} }),
    expect: { ...UNAUTHENTICATED, ownManager: 400, otherManager: 400, hr: 400 },
  },
  'POST /trajectories/{id}/files/{fileId}/confirm': {
    request: ({ trajectory }) => ({ path: `/trajectories/${trajectory.id}/files/no-such-file/confirm` }),
    expect: { ...UNAUTHENTICATED, ownManager: 404, otherManager: 403, hr: 404 },
  },
  'GET /trajectories/{id}/files/{fileId}': {
    request: ({ trajectory }) => ({ path: `/trajectories/${trajectory.id}/files/no-such-file` }),
    expect: { ...UNAUTHENTICATED, ownManager: 404, otherManager: 403, hr: 404 },
  },
  'GET /trajectories/{id}/bundle.pdf': {
    request: ({ trajectory }) => ({ path: `/trajectories/${trajectory.id}/bundle.pdf` }),
    expect: { ...UNAUTHENTICATED, ownManager: 303, otherManager: 403, hr: 303 },
  },
  'POST /trajectories/{id}/files/{fileId}/remove': {
    request: ({ trajectory }) => ({
      path: `/trajectories/${trajectory.id}/files/no-such-file/remove`,
      body: { reason: 'Onjuist bestand.' },
    }),
    expect: { ...UNAUTHENTICATED, ownManager: 404, otherManager: 403, hr: 404 },
  },
  'GET /static/{file}': {
    request: () => ({ path: '/static/app.css' }),
    expect: LINK_HOLDER,
  },
  // The API's description is public: it holds no personal data, whoever asks.
  'GET /openapi.json': {
    request: () => ({ path: '/openapi.json' }),
    expect: LINK_HOLDER,
  },
  'GET /': {
    request: () => ({ path: '/' }),
    expect: { ...TO_SIGN_IN, ownManager: 200, otherManager: 200, hr: 200 },
    credentials: asSession,
  },
  'GET /start': {
    request: () => ({ path: '/start' }),
    expect: { ...TO_SIGN_IN, ownManager: 403, otherManager: 403, hr: 200 },
    credentials: asSession,
  },
  'GET /dossiers/{id}': {
    request: ({ trajectory }) => ({ path: `/dossiers/${trajectory.id}` }),
    // Someone else's dossier does not exist as far as a manager can tell.
    expect: { ...TO_SIGN_IN, ownManager: 200, otherManager: 404, hr: 200 },
    credentials: asSession,
  },
  // The identify task waits for the manager: HR may see the dossier but not answer for them.
  'GET /dossiers/{id}/tasks/{taskId}': {
    request: ({ trajectory }) => ({ path: `/dossiers/${trajectory.id}/tasks/${trajectory.taskId}` }),
    expect: { ...TO_SIGN_IN, ownManager: 200, otherManager: 403, hr: 403 },
    credentials: asSession,
  },
  'GET /dossiers/{id}/print': {
    request: ({ trajectory }) => ({ path: `/dossiers/${trajectory.id}/print` }),
    expect: { ...TO_SIGN_IN, ownManager: 200, otherManager: 404, hr: 200 },
    credentials: asSession,
  },
  'GET /dossiers/{id}/dossier.pdf': {
    request: ({ trajectory }) => ({ path: `/dossiers/${trajectory.id}/dossier.pdf` }),
    expect: { ...TO_SIGN_IN, ownManager: 200, otherManager: 404, hr: 200 },
    credentials: asSession,
  },
  // HR's internal completeness report: the trajectory's own manager is refused, another manager
  // does not learn that the dossier exists.
  'GET /dossiers/{id}/completeness': {
    request: ({ trajectory }) => ({ path: `/dossiers/${trajectory.id}/completeness` }),
    expect: { ...TO_SIGN_IN, ownManager: 403, otherManager: 404, hr: 200 },
    credentials: asSession,
  },
  'GET /dossiers/{id}/completeness.pdf': {
    request: ({ trajectory }) => ({ path: `/dossiers/${trajectory.id}/completeness.pdf` }),
    expect: { ...TO_SIGN_IN, ownManager: 403, otherManager: 404, hr: 200 },
    credentials: asSession,
  },
  'GET /dossiers.csv': {
    request: () => ({ path: '/dossiers.csv' }),
    expect: { ...TO_SIGN_IN, ownManager: 200, otherManager: 200, hr: 200 },
    credentials: asSession,
    check: (caller, body, { trajectory }) => {
      if (caller === 'ownManager' || caller === 'hr') expect(String(body)).toContain(trajectory.id);
      if (caller === 'otherManager') expect(String(body)).not.toContain(trajectory.id);
    },
  },
  'POST /start': {
    request: ({ token, trajectory }) =>
      pageForm(token, {
        'employee[name]': 'Noor Bakker',
        'employee[email]': uniqueEmail('employee'),
        'manager[name]': 'Ruud Smit',
        'manager[email]': trajectory.managerEmail,
        'hrAdvisor[name]': 'Eva Mulder',
        'hrAdvisor[email]': uniqueEmail('hr-advisor'),
        reason: 'Afspraken over de kwaliteit van rapportages worden niet nagekomen.',
        // The confirmation step's answer: without it the form only shows what would be mailed.
        confirm: '1',
      }),
    expect: { ...TO_SIGN_IN, ownManager: 403, otherManager: 403, hr: 303 },
    credentials: asSession,
    mutates: true,
  },
  'POST /dossiers/{id}/cancel': {
    request: ({ token, trajectory }) =>
      pageForm(token, { reason: 'Dubbel aangemaakt.', confirm: '1' }, `/dossiers/${trajectory.id}/cancel`),
    expect: { ...TO_SIGN_IN, ownManager: 403, otherManager: 403, hr: 303 },
    credentials: asSession,
    mutates: true,
  },
  'POST /dossiers/{id}/pause': {
    request: ({ token, trajectory }) =>
      pageForm(token, { pauseReason: 'Ziekmelding.' }, `/dossiers/${trajectory.id}/pause`),
    expect: { ...TO_SIGN_IN, ownManager: 403, otherManager: 403, hr: 303 },
    credentials: asSession,
    mutates: true,
  },
  // No plan acknowledged yet: the dashboard shows HR the refusal at the reason (400).
  'POST /dossiers/{id}/plan-change': {
    request: ({ token, trajectory }) =>
      pageForm(token, { planChangeReason: 'Anders verdeeld.' }, `/dossiers/${trajectory.id}/plan-change`),
    expect: { ...TO_SIGN_IN, ownManager: 403, otherManager: 403, hr: 400 },
    credentials: asSession,
  },
  // Not paused: the dashboard shows HR the refusal (409); everyone else is stopped before that.
  'POST /dossiers/{id}/resume': {
    request: ({ token, trajectory }) => pageForm(token, {}, `/dossiers/${trajectory.id}/resume`),
    expect: { ...TO_SIGN_IN, ownManager: 403, otherManager: 403, hr: 409 },
    credentials: asSession,
  },
  'POST /dossiers/{id}/employee-copy': {
    request: ({ token, trajectory }) => pageForm(token, {}, `/dossiers/${trajectory.id}/employee-copy`),
    expect: { ...TO_SIGN_IN, ownManager: 403, otherManager: 403, hr: 303 },
    credentials: asSession,
  },
  'POST /dossiers/{id}/employee-copy/revoke': {
    request: ({ token, trajectory }) =>
      pageForm(token, {}, `/dossiers/${trajectory.id}/employee-copy/revoke`),
    expect: { ...TO_SIGN_IN, ownManager: 403, otherManager: 403, hr: 303 },
    credentials: asSession,
  },
  'POST /dossiers/{id}/tasks/{taskId}': {
    request: ({ token, trajectory }) =>
      pageForm(
        token,
        {
          'improvementAreas[0][title]': 'Planning',
          'improvementAreas[0][examples][]': 'Rapportage twee weken te laat.',
        },
        `/dossiers/${trajectory.id}/tasks/${trajectory.taskId}`,
      ),
    expect: { ...TO_SIGN_IN, ownManager: 303, otherManager: 403, hr: 403 },
    credentials: asSession,
    mutates: true,
  },
  // A draft of the manager's own task: the same checks as the answer (HR does not draft for them).
  'POST /dossiers/{id}/tasks/{taskId}/draft': {
    request: ({ token, trajectory }) =>
      pageForm(
        token,
        { 'improvementAreas[0][title]': 'Planning' },
        `/dossiers/${trajectory.id}/tasks/${trajectory.taskId}/draft`,
      ),
    expect: { ...TO_SIGN_IN, ownManager: 303, otherManager: 403, hr: 403 },
    credentials: asSession,
  },
  // Documents of a task on its dashboard page: only the signed-in person the task waits for (the
  // manager's identify here). Without a session a script gets a 401, not a sign-in page. An empty
  // announcement is a 400 to them once they are let through, and writes nothing.
  'POST /dossiers/{id}/tasks/{taskId}/files': {
    request: ({ token, trajectory }) =>
      pageScript(token, `/dossiers/${trajectory.id}/tasks/${trajectory.taskId}/files`),
    expect: { ...UNAUTHENTICATED, ownManager: 400, otherManager: 403, hr: 403 },
    credentials: asSession,
  },
  'POST /dossiers/{id}/tasks/{taskId}/files/{fileId}/confirm': {
    request: ({ token, trajectory }) =>
      pageScript(token, `/dossiers/${trajectory.id}/tasks/${trajectory.taskId}/files/no-such-file/confirm`),
    expect: { ...UNAUTHENTICATED, ownManager: 404, otherManager: 403, hr: 403 },
    credentials: asSession,
  },
  'POST /dossiers/{id}/tasks/{taskId}/files/{fileId}/remove': {
    request: ({ token, trajectory }) =>
      pageScript(token, `/dossiers/${trajectory.id}/tasks/${trajectory.taskId}/files/no-such-file/remove`, {
        reason: 'Onjuist bestand.',
      }),
    expect: { ...UNAUTHENTICATED, ownManager: 404, otherManager: 403, hr: 403 },
    credentials: asSession,
  },
  'POST /dossiers/{id}/tasks/{taskId}/extend': {
    request: ({ token, trajectory }) =>
      pageForm(token, { days: '3' }, `/dossiers/${trajectory.id}/tasks/${trajectory.taskId}/extend`),
    expect: { ...TO_SIGN_IN, ownManager: 403, otherManager: 403, hr: 303 },
    credentials: asSession,
    mutates: true,
  },
  // Sign-in only sends the browser on to the sign-in page, whoever asks.
  'GET /sign-in': {
    request: () => ({ path: '/sign-in' }),
    expect: { anonymous: 303, badSignature: 303, expired: 303, ownManager: 303, otherManager: 303, hr: 303 },
    credentials: asSession,
  },
  // The Hosted UI's return. The local cloud signs in on its own page and has no Hosted UI, so
  // the callback says sign-in is not set up here, to everyone; the flow against a Hosted UI is
  // test/unit/api/hosted-sign-in.test.ts. No session, however valid, makes a callback succeed.
  'GET /auth/callback': {
    request: () => ({ path: '/auth/callback?code=x&state=y' }),
    expect: { anonymous: 404, badSignature: 404, expired: 404, ownManager: 404, otherManager: 404, hr: 404 },
    credentials: asSession,
  },
  // Sign-out answers every caller with a redirect; only a valid session with its CSRF token is cleared.
  'POST /sign-out': {
    request: ({ token }) => pageForm(token, {}, '/sign-out'),
    expect: { anonymous: 303, badSignature: 303, expired: 303, ownManager: 303, otherManager: 303, hr: 303 },
    credentials: asSession,
  },
};

const routeKey = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

let cloud: TestCloud;
let hrToken: string;
let tokens: Record<Caller, string | undefined>;
let shared: LiveTrajectory;

beforeAll(async () => {
  cloud = await startTestCloud();
  const hrEmail = uniqueEmail('hr');
  hrToken = await cloud.tokenFor(hrEmail, 'hr');
  tokens = {
    anonymous: undefined,
    badSignature: await tokenWithForeignSignature(cloud, hrEmail),
    expired: await expiredToken(cloud, hrEmail),
    ownManager: undefined, // per cell: the manager of the cell's trajectory
    otherManager: await cloud.tokenFor(uniqueEmail('manager-other'), 'manager'),
    hr: hrToken,
  };
  shared = await createLiveTrajectory(cloud, hrToken);
});

afterAll(async () => {
  await cloud?.dispose();
});

describe('the route × caller matrix', () => {
  it('has a row for every route in ROUTES, and no row for a route that is gone', () => {
    const routes = ROUTES.map(routeKey);
    const missing = routes.filter((key) => !(key in MATRIX));
    const stale = Object.keys(MATRIX).filter((key) => !routes.includes(key));
    expect(
      missing,
      `No row in MATRIX (test/security/auth-matrix.test.ts) for ${missing.join(', ')}: declare what each caller gets`,
    ).toEqual([]);
    expect(stale, `MATRIX has rows for routes that are not in ROUTES: ${stale.join(', ')}`).toEqual([]);
  });

  describe.each(ROUTES.map((route) => [routeKey(route), route] as const))('%s', (key, route) => {
    it.each(CALLERS)(`answers %s with the declared status`, async (caller) => {
      const row = MATRIX[key];
      if (!row) {
        throw new Error(
          `No row in MATRIX (test/security/auth-matrix.test.ts) for ${key}: declare what each caller gets`,
        );
      }
      // Prepare
      // A mutating cell gets a trajectory, and so a manager, of its own.
      const trajectory = row.mutates ? await createLiveTrajectory(cloud, hrToken) : shared;
      const token =
        caller === 'ownManager' ? await cloud.tokenFor(trajectory.managerEmail, 'manager') : tokens[caller];
      const cell: Cell = { token, trajectory };
      const request = row.request(cell);
      const credentials = cell.token
        ? (row.credentials ?? ((token: string) => ({ authorization: `Bearer ${token}` })))(cell.token)
        : {};

      // Act
      const response = await cloud.request(route.method, request.path, {
        ...(request.body !== undefined ? { body: request.body } : {}),
        headers: { ...request.headers, ...credentials },
      });

      // Assess
      expect(response.status, `${key} as ${caller}: ${JSON.stringify(response.body)}`).toBe(
        row.expect[caller],
      );
      // The gateway's authorizer answers a JWT route; a session's JSON route answers as JSON does.
      if (response.status === 401) {
        const unauthorized = row.credentials
          ? { error: { code: 'unauthorized' } }
          : { message: 'Unauthorized' };
        expect(response.body).toMatchObject(unauthorized);
      }
      // JSON routes say why in the error body; pages say it in the page.
      if (response.status === 403 && typeof response.body === 'object') {
        expect(response.body).toMatchObject({ error: { code: 'forbidden' } });
      }
      // A page refused for want of a session sends the browser to the sign-in page (the
      // sign-in and sign-out routes redirect everyone, so they say nothing about sessions).
      const sessionRefused = caller in TO_SIGN_IN && !key.includes('/sign-');
      if (row.expect[caller] === 303 && sessionRefused) {
        expect(response.headers.get('location')).toMatch(/sign-in/);
      }
      if (response.status < 300) row.check?.(caller, response.body, cell);
    });
  });
});

describe('a trajectory outside a manager’s scope', () => {
  /**
   * Whether a trajectory exists is not for another manager to learn: on every route that names
   * one, an id nobody has answers them exactly as someone else's trajectory does (docs/SECURITY.md).
   */
  const byId = ROUTES.filter((route) => route.path.includes('{id}'));
  it.each(byId.map((route) => [routeKey(route), route] as const))(
    '%s answers another manager alike for an unknown id',
    async (key, route) => {
      // Prepare
      const row = MATRIX[key];
      const token = tokens.otherManager;
      if (!row || !token) throw new Error(`No row in MATRIX for ${key}`);
      const send = async (trajectory: LiveTrajectory) => {
        const request = row.request({ token, trajectory });
        const credentials = (row.credentials ?? ((value: string) => ({ authorization: `Bearer ${value}` })))(
          token,
        );
        const response = await cloud.request(route.method, request.path, {
          ...(request.body !== undefined ? { body: request.body } : {}),
          headers: { ...request.headers, ...credentials },
        });
        return { status: response.status, body: response.body as unknown };
      };

      // Act
      const someoneElses = await send(shared);
      const unknown = await send({ ...shared, id: randomUUID() });

      // Assess
      expect(unknown).toEqual(someoneElses);
    },
  );
});
