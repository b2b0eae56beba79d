/**
 * `inMemory` (LocalCloudOptions), which the simulation runs with: the whole local cloud works as
 * usual (a create reaches DynamoDB, the engine runs the workflow, the mail lands in the outbox),
 * and nothing of it is written to disk: the data folder is never even created.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_STATE_MACHINE_ARN } from '#local/cloud.ts';
import { startTestCloud, type TestCloud } from './support.ts';

let parent: string;
let dataDir: string;
let cloud: TestCloud;
beforeAll(async () => {
  parent = mkdtempSync(join(tmpdir(), 'verbetertraject-in-memory-'));
  dataDir = join(parent, 'data');
  cloud = await startTestCloud({ inMemory: true, dataDir });
});
afterAll(async () => {
  await cloud?.dispose();
  rmSync(parent, { recursive: true, force: true });
});

describe('a local cloud kept in memory', () => {
  it('runs a trajectory through the API, the engine and the outbox without touching its data folder', async () => {
    // Prepare
    const token = await cloud.tokenFor('hr@example.nl', 'hr');

    // Act
    const created = await cloud.request('POST', '/trajectories', {
      token,
      body: {
        employee: { name: 'Daan Smit', email: 'daan.memory@example.nl' },
        manager: { name: 'Lotte Mulder', email: 'lotte.memory@example.nl' },
        hrAdvisor: { name: 'Noor Bos', email: 'noor.memory@example.nl' },
        reason: 'Deadlines worden gemist.',
      },
    });
    await cloud.advance({ hours: 0 });
    const dossier = await cloud.request('GET', `/trajectories/${created.body.id}`, { token });
    const [request] = await cloud.outbox('lotte.memory@example.nl');

    // Assess
    expect(created.status).toBe(201);
    expect(dossier.status).toBe(200);
    expect(dossier.body.tasks.map((task: { kind: string }) => task.kind)).toEqual(['identify']);
    expect(request?.text).toMatch(/\/actions\/[A-Za-z0-9_-]+/);
    const { executions } = await cloud.engine.listExecutions({ stateMachineArn: LOCAL_STATE_MACHINE_ARN });
    expect(executions.map((execution) => execution.status)).toEqual(['RUNNING']);
    expect(existsSync(dataDir)).toBe(false);
  });
});
