/**
 * The whole local cloud survives a crash: `npm start`'s process is killed with SIGKILL in the
 * middle of a trajectory, started again on the same data folder, and the trajectory carries on
 * where it was: the link from a mail sent before the crash still answers its task, and the next
 * task's request goes out.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ANY_FREE_PORTS } from './cli-support.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'verbetertraject-restart-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) kill(child);
  rmSync(dataDir, { recursive: true, force: true });
});

/** SIGKILL to the whole process group: npx, tsx and the node process running the cloud. */
function kill(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** `npx tsx local/cli.ts` on the shared data folder, frozen clock, any free port. */
async function startCloud(): Promise<{ url: string; child: ChildProcess; exited: Promise<void> }> {
  const child = spawn('npx', ['tsx', 'local/cli.ts', '--data-dir', dataDir, '--time-scale', '0'], {
    env: { ...process.env, ...ANY_FREE_PORTS, VERBETERTRAJECT_LANG: 'en' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in time:\n${output}`)), 30_000);
    child.stdout!.on('data', () => {
      const found = /is running on (http:\/\/localhost:\d+)/.exec(output);
      if (found && output.includes('Ctrl-C')) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    void exited.then(() => reject(new Error(`exited early:\n${output}`)));
  });
  return { url, child, exited };
}

async function call(url: string, method: string, path: string, body?: unknown, token?: string) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(token && { authorization: `Bearer ${token}` }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const hrToken = async (url: string, email: string) =>
  (await call(url, 'GET', `/_local/token?email=${encodeURIComponent(email)}&role=hr`)).body.token as string;

async function mailsTo(url: string, email: string): Promise<{ subject: string; text: string }[]> {
  return (await call(url, 'GET', `/_local/outbox?to=${encodeURIComponent(email)}`)).body.messages;
}

describe('the local cloud after a crash', () => {
  it('carries a trajectory on: a link mailed before a SIGKILL answers its task after the restart', async () => {
    // Prepare: a trajectory waiting for the manager's improvement areas.
    const people = {
      employee: { name: 'Daan Smit', email: 'daan.smit@example.nl' },
      manager: { name: 'Lotte Mulder', email: 'lotte.mulder@example.nl' },
      hrAdvisor: { name: 'Noor Bos', email: 'noor.bos@example.nl' },
    };
    const first = await startCloud();
    const created = await call(
      first.url,
      'POST',
      '/trajectories',
      { ...people, reason: 'Deadlines worden gemist.' },
      await hrToken(first.url, people.hrAdvisor.email),
    );
    expect(created.status).toBe(201);
    await call(first.url, 'POST', '/_local/clock', { hours: 0 });
    const [request] = await mailsTo(first.url, people.manager.email);
    const link = /\/actions\/[A-Za-z0-9_-]+/.exec(request!.text)?.[0];
    expect(link).toBeDefined();

    // Act: crash, with no chance to shut down in order, and start again on the same data.
    kill(first.child);
    await first.exited;
    const second = await startCloud();
    const answered = await call(second.url, 'POST', link!, {
      improvementAreas: [{ title: 'Deadlines halen', examples: ['Kwartaalrapport twee weken te laat'] }],
    });
    await call(second.url, 'POST', '/_local/clock', { hours: 1 });

    // Assess
    expect(answered.status).toBe(200);
    const mails = await mailsTo(second.url, people.manager.email);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.subject).toMatch(/^Gevraagd: /);
    const token = await hrToken(second.url, people.hrAdvisor.email);
    const dossier = await call(second.url, 'GET', `/trajectories/${created.body.id}`, undefined, token);
    expect(dossier.body).toMatchObject({ status: 'active', phase: 'conversation' });
    expect(
      dossier.body.tasks.map((task: { id: string; status: string }) => `${task.id}:${task.status}`).sort(),
    ).toEqual(['conversation-1:open', 'identify-1:done']);
    kill(second.child);
    await second.exited;
  });
});
