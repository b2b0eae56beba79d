/**
 * The HTTP API under load, on the local cloud (the same routes and handlers as the deployed
 * API, with dynalite, the SES emulator and the local Step Functions engine behind them, all in
 * this process). The load generator runs in a process of its own (bench/load-client.ts).
 *
 * Three measures, in this order:
 * (a) `POST /trajectories` by HR: every request a new trajectory (a different employee, no
 *     Idempotency-Key), so each one writes and starts an execution;
 * (b) `GET /trajectories/{id}` of one dossier of at least 200 events, built through the API
 *     (repeated deadline extensions of its open task), repeated for a fixed time; then the same
 *     on one connection, which shows what one read costs without waiting behind 19 others (the
 *     local cloud is one process; in AWS each request has a Lambda of its own);
 * (c) `POST /actions/{token}`: every trajectory created in (a) has an open identify task with a
 *     mailed link; each link is submitted exactly once with a valid answer. A real first answer
 *     every time: repeated submits of one link would measure the cheap 409 instead.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startLocalCloud, type LocalCloud } from '#local/cloud.ts';
import type { LoadJob, LoadRequest, LoadResult } from './load-client.ts';

const run = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const CONNECTIONS = 20;
const HR = 'hr.bench@example.nl';
const MANAGER = 'manager.bench@example.nl';

export interface LoadOptions {
  /** Trajectories created in (a), and so links submitted in (c). */
  trajectories: number;
  /** Seconds of dossier reads in (b). */
  readSeconds: number;
  /** Events the dossier of (b) holds at least. */
  dossierEvents: number;
  log?: (line: string) => void;
}

export interface LoadReport {
  connections: number;
  create: LoadResult;
  read: LoadResult & { events: number };
  /** The same reads on one connection: the time one read takes, without a queue. */
  readAlone: LoadResult;
  submit: LoadResult;
}

async function fireLoad(
  url: string,
  job: Omit<LoadJob, 'url' | 'connections'>,
  connections = CONNECTIONS,
): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'verbetertraject-load-'));
  try {
    const file = join(dir, 'job.json');
    writeFileSync(file, JSON.stringify({ url, connections, ...job } satisfies LoadJob));
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/load-client.ts', file], {
      cwd: REPO_ROOT,
      maxBuffer: 16 * 1024 * 1024,
      timeout: 300_000,
    });
    return JSON.parse(stdout) as LoadResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function call(
  cloud: LocalCloud,
  method: string,
  path: string,
  token: string,
  body?: unknown,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are read loosely, as a client would
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${cloud.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

function createBody(n: number): string {
  return JSON.stringify({
    employee: { name: `Medewerker ${n}`, email: `employee.${n}@example.nl` },
    manager: { name: 'Leidinggevende', email: MANAGER },
    hrAdvisor: { name: 'HR-adviseur', email: HR },
    reason: 'Herhaaldelijk gemiste deadlines in het afgelopen kwartaal.',
  });
}

const IDENTIFY_ANSWER = JSON.stringify({
  improvementAreas: [
    {
      title: 'Planning',
      examples: ['Het kwartaalrapport kwam twee weken te laat.', 'Gemiste sprintdoelen.'],
    },
  ],
});

async function settle(cloud: LocalCloud): Promise<void> {
  await cloud.clock.whenIdle();
  await cloud.engine.whenIdle();
}

/** The dossier of (b): one trajectory whose open task is extended until it holds `events` events. */
async function buildDossier(
  cloud: LocalCloud,
  token: string,
  events: number,
): Promise<{ id: string; events: number }> {
  const created = await call(cloud, 'POST', '/trajectories', token, JSON.parse(createBody(0)));
  if (created.status !== 201) throw new Error(`creating the dossier failed: ${created.status}`);
  const id = created.body.id as string;
  await settle(cloud);
  for (let round = 0; round < events * 2; round++) {
    const dossier = await call(cloud, 'GET', `/trajectories/${id}`, token);
    const count = (dossier.body.events as unknown[]).length;
    if (count >= events) return { id, events: count };
    const open = (dossier.body.tasks as { id: string; status: string }[]).find((t) => t.status === 'open');
    if (!open) throw new Error('the dossier has no open task to extend');
    const extended = await call(cloud, 'POST', `/trajectories/${id}/tasks/${open.id}/extend`, token, {
      days: 1,
    });
    if (extended.status !== 200) throw new Error(`extending a task failed: ${extended.status}`);
    await settle(cloud);
  }
  throw new Error(`the dossier did not reach ${events} events`);
}

export async function measureLoad(options: LoadOptions): Promise<LoadReport> {
  const log = options.log ?? (() => undefined);
  // In memory, as the simulation runs: the figures are the handlers' and emulators' work, not the disk's.
  const cloud = await startLocalCloud({ port: 0, inMemory: true, timeScale: 0 });
  try {
    const tokenResponse = await fetch(`${cloud.url}/_local/token?email=${encodeURIComponent(HR)}&role=hr`);
    const { token } = (await tokenResponse.json()) as { token: string };
    const hrHeaders = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    log(`  (a) POST /trajectories × ${options.trajectories}`);
    const createRequests: LoadRequest[] = Array.from({ length: options.trajectories }, (_, i) => ({
      method: 'POST',
      path: '/trajectories',
      headers: hrHeaders,
      body: createBody(i + 1),
    }));
    const create = await fireLoad(cloud.url, { requests: createRequests });
    await settle(cloud);

    log(
      `  (b) building a dossier of ≥ ${options.dossierEvents} events, then GET it for ${options.readSeconds} s`,
    );
    const dossier = await buildDossier(cloud, token, options.dossierEvents);
    const readJob = {
      requests: [
        {
          method: 'GET' as const,
          path: `/trajectories/${dossier.id}`,
          headers: { authorization: `Bearer ${token}` },
        },
      ],
      durationSeconds: options.readSeconds,
    };
    const read = await fireLoad(cloud.url, readJob);
    log(`      and on one connection for ${options.readSeconds} s`);
    const readAlone = await fireLoad(cloud.url, readJob, 1);

    // Every identify request mailed to the manager holds the link of one open task.
    const links = new Set<string>();
    for (const message of cloud.ses.outbox()) {
      if (!message.to.includes(MANAGER)) continue;
      for (const match of message.text.matchAll(/\/actions\/([A-Za-z0-9_-]{16,})/g)) links.add(match[0]);
    }
    log(`  (c) POST /actions/{token} × ${links.size} (one first answer per link)`);
    const submit = await fireLoad(cloud.url, {
      requests: [...links].map((path) => ({
        method: 'POST' as const,
        path,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: IDENTIFY_ANSWER,
      })),
    });
    await settle(cloud);
    return { connections: CONNECTIONS, create, read: { ...read, events: dossier.events }, readAlone, submit };
  } finally {
    await cloud.close();
  }
}
