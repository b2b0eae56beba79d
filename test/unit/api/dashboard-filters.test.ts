/**
 * The dashboard's list filters over more trajectories than one page of the list (100): the
 * handler through its middy chain, with a session cookie verified against a fake user pool's
 * JWKS, on a real DynamoDB API (dynalite). The overdue and attention matches are the oldest
 * trajectories, so the newest page alone would never show them.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import { MAX_PAGE_SIZE } from '#core/list-order.ts';
import { dashboardHandler } from '#api/dashboard.ts';
import type { Trajectory } from '#core/model.ts';
import { resetEnvCache } from '#shared/env.ts';
import { SESSION_COOKIE } from '#shared/session-cookie.ts';
import { aTask, aTrajectory, minutesAfterBase } from '../../data/fixtures.ts';
import { startDynalite, type LocalDynamo } from '../../support/dynalite.ts';
import { startFakeCognito, type FakeCognito } from '../../support/fake-cognito.ts';
import { apiEvent, freshStore, lambdaContext, uniqueEmail } from './support.ts';

vi.hoisted(() => {
  process.env.TABLE_NAME ??= 'unused-by-these-tests';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});

const NOW = new Date('2026-03-10T09:00:00.000Z');
const PAST = '2026-03-01T09:00:00.000Z';
const FUTURE = '2026-04-01T09:00:00.000Z';
/** More than one page of the list, so the oldest trajectories are on the second. */
const RECENT = MAX_PAGE_SIZE + 10;

let dynamo: LocalDynamo;
let cognito: FakeCognito;
let repository: DynamoTrajectoryRepository;
let handler: ReturnType<typeof dashboardHandler>;
const saved = { ...process.env };
const manager = uniqueEmail('manager');
const otherManager = uniqueEmail('manager-other');
const expected = {
  overdue: [] as string[],
  overdueOfManager: [] as string[],
  attention: [] as string[],
  closed: [] as string[],
};

async function add(trajectory: Trajectory, taskDueAt: string): Promise<void> {
  await repository.createTrajectory(trajectory, []);
  await repository.createTask(aTask(trajectory.id, { status: 'open', dueAt: taskDueAt }));
}

beforeAll(async () => {
  [dynamo, cognito] = await Promise.all([startDynalite(), startFakeCognito()]);
  Object.assign(
    process.env,
    cognito.env('https://dashboard.example.test/auth/callback', 'https://dashboard.example.test/'),
  );
  resetEnvCache();
  ({ repository } = await freshStore(dynamo));
  handler = dashboardHandler({ repository, clock: { now: () => NOW } });

  const managed = (who: string) => ({ manager: { name: 'Manager Example', email: who } });
  // The oldest: three overdue (one of another manager), one closed with a task left open past
  // its date (not overdue: it is no longer active), and one flagged for attention.
  for (let i = 0; i < 3; i++) {
    const trajectory = aTrajectory({
      createdAt: minutesAfterBase(i),
      ...managed(i === 2 ? otherManager : manager),
      // The oldest of all is the one a search by name must find.
      ...(i === 0 && { employee: { name: 'Zoë Özdemir', email: 'zoe@example.test' } }),
    });
    await add(trajectory, PAST);
    expected.overdue.push(trajectory.id);
    if (i !== 2) expected.overdueOfManager.push(trajectory.id);
  }
  const completed = aTrajectory({ createdAt: minutesAfterBase(3), status: 'completed', ...managed(manager) });
  await add(completed, PAST);
  expected.closed.push(completed.id);
  const flagged = aTrajectory({ createdAt: minutesAfterBase(4), attention: true, ...managed(manager) });
  await add(flagged, FUTURE);
  expected.attention.push(flagged.id);
  // The newest page and more: active, nothing overdue, nothing flagged.
  for (let i = 0; i < RECENT; i++) {
    await add(aTrajectory({ createdAt: minutesAfterBase(1_000 + i), ...managed(manager) }), FUTURE);
  }
}, 120_000);

afterAll(async () => {
  process.env = { ...saved };
  resetEnvCache();
  await Promise.all([dynamo?.stop(), cognito?.close()]);
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** The dossier ids listed on `GET /?query` for a person with `role`. */
async function listed(role: 'hr' | 'manager', query: Record<string, string>): Promise<string[]> {
  const token = await cognito.idToken({ email: role === 'hr' ? uniqueEmail('hr') : manager, groups: [role] });
  const event = {
    ...apiEvent({ method: 'GET', route: '/', claims: null, query, headers: { accept: 'text/html' } }),
    cookies: [`${SESSION_COOKIE}=${token}`],
  };
  const result = (await handler(event, lambdaContext())) as {
    statusCode: number;
    headers: Record<string, unknown>;
    body: string;
  };
  expect(result.statusCode).toBe(200);
  // A dashboard page, like every page, goes without the legacy X-XSS-Protection header.
  expect(Object.keys(result.headers).map((name) => name.toLowerCase())).not.toContain('x-xss-protection');
  // The list's rows link to their dossiers; the open tasks above it link deeper (`/tasks/…`).
  return [...result.body.matchAll(/href="\/dossiers\/([^"/]+)"/g)].map((match) => match[1] as string);
}

describe('the dashboard list beyond its first page', () => {
  it('finds every overdue trajectory, however old, and only active ones', async () => {
    expect((await listed('hr', {})).length).toBe(MAX_PAGE_SIZE);
    expect((await listed('hr', { overdue: '1' })).sort()).toEqual([...expected.overdue].sort());
    expect((await listed('hr', { overdue: '1', status: 'active' })).sort()).toEqual(
      [...expected.overdue].sort(),
    );
    expect(await listed('hr', { overdue: '1', status: 'completed' })).toEqual([]);
  });

  it("finds a manager's own overdue trajectories beyond the first page, and no one else's", async () => {
    expect((await listed('manager', { overdue: '1' })).sort()).toEqual([...expected.overdueOfManager].sort());
  });

  it('finds a trajectory that needs attention beyond the first page', async () => {
    expect(await listed('hr', { attention: '1' })).toEqual(expected.attention);
    expect(await listed('manager', { attention: '1', phase: 'identify' })).toEqual(expected.attention);
  });

  it('finds an employee by name beyond the first page, without regard to case or accents', async () => {
    expect(await listed('hr', { q: 'ozdemir ZOE' })).toEqual([expected.overdue[0]]);
    expect(await listed('manager', { q: 'Özdemir' })).toEqual([expected.overdue[0]]);
    expect(await listed('hr', { q: 'Nobody Here' })).toEqual([]);
  });

  it('orders every trajectory by its next deadline, the closed ones last', async () => {
    // Act
    const ordered = await listed('hr', { sort: 'deadline' });

    // Assess: all pages; the three overdue first, the flagged one (due later) among the rest.
    expect(ordered).toHaveLength(RECENT + 5);
    expect(ordered.slice(0, 3).sort()).toEqual([...expected.overdue].sort());
    // The completed one has no next deadline (its left-open task counts no more): it comes last.
    expect(ordered.at(-1)).toBe(expected.closed[0]);
  });

  it('reads the dossiers a few at a time, not all at once', async () => {
    // Prepare
    let inFlight = 0;
    let most = 0;
    const read = repository.getDossier.bind(repository);
    vi.spyOn(repository, 'getDossier').mockImplementation(async (id) => {
      most = Math.max(most, ++inFlight);
      try {
        return await read(id);
      } finally {
        inFlight--;
      }
    });

    // Act
    await listed('hr', { overdue: '1' });

    // Assess
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(16);
  });
});
