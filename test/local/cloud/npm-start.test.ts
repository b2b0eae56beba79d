import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ANY_FREE_PORTS } from './cli-support.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'verbetertraject-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs `npm start` as a new user would, and collects what it prints. */
function npmStart(args: string[]) {
  const child = spawn('npm', ['start', '--silent', '--', ...args], {
    env: { ...process.env, ...ANY_FREE_PORTS, VERBETERTRAJECT_LANG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so Ctrl-C can be simulated the way a terminal sends it: to the group.
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in time:\n${output}`)), 20_000);
    child.stdout.on('data', () => {
      const found = /draait op (http:\/\/localhost:\d+)/.exec(output);
      if (found && output.includes('Ctrl-C')) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    child.on('exit', () => reject(new Error(`exited early:\n${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return { child, url, exited, closed, output: () => output };
}

describe('npm start, tried as a new user would', () => {
  it('starts fresh, says where it runs and what to do next, serves the local endpoints and stops cleanly on Ctrl-C', async () => {
    const started = npmStart(['--fresh', '--data-dir', dataDir]);
    const url = await started.url;

    const readyIn = Number(/klaar in ([\d.]+) s/.exec(started.output())?.[1]);
    expect(readyIn).toBeLessThan(10);
    expect(started.output()).toContain(`${url}/_local/token`);
    expect(started.output()).toContain('/_local/outbox');
    expect(started.output()).toContain(`${url}/_local/events`);

    const token = (await (await fetch(`${url}/_local/token?email=hr@example.nl&role=hr`)).json()) as {
      token: string;
    };
    expect(token.token).toMatch(/^ey/);
    const clock = (await (await fetch(`${url}/_local/clock`)).json()) as { now: string };
    expect(Number.isNaN(Date.parse(clock.now))).toBe(false);
    expect(existsSync(join(dataDir, 'dynamodb'))).toBe(true);

    process.kill(-started.child.pid!, 'SIGINT');
    // npm itself ends on the signal; what counts is that the system shut down in order.
    await started.closed;
    expect(started.output()).toContain('Gestopt');
    await expect(fetch(`${url}/_local/clock`)).rejects.toThrow();
  });

  it('refuses an events URL that is no http(s) URL, naming the option, instead of starting', async () => {
    const started = npmStart(['--events-url', 'localhost:4000/hook']);
    started.url.catch(() => undefined);
    expect(await started.exited).toBe(2);
    expect(started.output()).toContain('--events-url moet een http- of https-URL zijn');
  });

  it('refuses an unknown option with a usage line instead of starting', async () => {
    const started = npmStart(['--frsh']);
    started.url.catch(() => undefined);
    expect(await started.exited).toBe(2);
    expect(started.output()).toContain('--fresh');
  });
});
