/**
 * `npm run demo` against a local cloud: it must keep driving a whole trajectory to `completed`
 * through the public contract, or the README's promise of a trajectory in seconds breaks.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from './support.ts';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud.dispose();
});

describe('npm run demo', () => {
  it('drives a trajectory from create to completed and says how long it took', async () => {
    // Act
    const child = spawn('npx', ['tsx', 'local/demo.ts'], {
      env: { ...process.env, VERBETERTRAJECT_URL: cloud.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));

    // Assess
    expect(code, output).toBe(0);
    expect(output).toMatch(/answered aftercare-1/);
    expect(output).toMatch(/From create to completed in [\d.]+ s of real time/);
    // Roles and task ids only: nobody's name or address in what it prints.
    expect(output).not.toMatch(/@example\.nl|Sanne|Pieter|Fatima/);
  });
});
