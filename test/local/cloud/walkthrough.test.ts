/**
 * README.md, "A trajectory by hand": its shell commands, run as they are written, take a trajectory
 * from start to `completed` with curl alone. Only the URL changes, to this cloud's. Dates in the
 * commands once were fixed, and the walk-through broke as soon as the calendar passed them; this
 * test keeps it walking.
 *
 * The clock starts on a winter weekday at 08:30 in Amsterdam: before 09:00, when the term's end and
 * the aftercare fall due, so a wait of whole days from the start lands just short of them unless
 * the walk-through allows for it.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from './support.ts';

const WINTER_MORNING = new Date('2026-12-03T07:30:00.000Z');

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ startAt: WINTER_MORNING });
});
afterAll(async () => {
  await cloud?.dispose();
});

/** The section's `sh` blocks, in order, as one script. */
function walkThrough(): string {
  const readme = readFileSync('README.md', 'utf8');
  const section = /\n## A trajectory by hand\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((block) => block[1]).join('\n');
}

/** Runs `script` with bash in the repository, with the `node` running this test first on the path. */
function bash(script: string): Promise<{ code: number | null; output: string }> {
  const child = spawn('bash', ['-s'], {
    env: { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  child.stdin.end(script);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

describe('README, "A trajectory by hand"', () => {
  it('takes a trajectory from start to completed, every answer accepted', { timeout: 180_000 }, async () => {
    // Prepare
    const written = walkThrough();
    const script = written.replace(/^URL=http:\/\/localhost:3000$/m, `URL=${cloud.url}`);
    expect(script, 'the walk-through starts by naming npm start’s URL').not.toBe(written);

    // Act
    const { code, output } = await bash(script);

    // Assess
    expect(code, output).toBe(0);
    expect(output, 'no answer was refused').not.toMatch(/"error"/);
    const answered = [...output.matchAll(/"status":"done","taskId":"([^"]+)"/g)].map((found) => found[1]);
    expect(answered).toEqual([
      'identify-1',
      'conversation-1',
      'employee-response-1',
      'plan-1',
      'plan-approval-1',
      'plan-acknowledgement-1',
      'follow-up-1',
      'follow-up-2',
      'follow-up-3',
      'follow-up-4',
      'follow-up-5',
      'evaluation-1',
      'decision-confirmation-1',
      'aftercare-1',
    ]);
    expect(output).toMatch(/"status":"completed","phase":"closed"/);
  });
});
