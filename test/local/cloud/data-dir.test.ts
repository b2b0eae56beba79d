/**
 * One instance per data directory, and nothing touched before a start can succeed: a second
 * start on a port in use, or on the directory of an instance that runs, refuses before it wipes
 * (`--fresh`) or opens anything, and the instance that runs keeps its data.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud } from '#local/cloud.ts';
import { DataDirLockedError } from '#local/data-dir.ts';
import { dataPaths } from '#local/emulators.ts';
import { PortInUseError } from '#local/ports.ts';
import { startTestCloud, type TestCloud } from './support.ts';

const parent = mkdtempSync(join(tmpdir(), 'verbetertraject-data-dir-'));
let cloud: TestCloud;
let trajectoryId: string;
let hrToken: string;
let mailsBefore: number;

beforeAll(async () => {
  cloud = await startTestCloud({ dataDir: join(parent, 'running') });
  hrToken = await cloud.tokenFor('fatima.elamrani@example.nl', 'hr');
  const created = await cloud.request('POST', '/trajectories', {
    token: hrToken,
    body: JSON.parse(readFileSync('examples/trajectory.json', 'utf8')),
  });
  trajectoryId = created.body.id;
  await cloud.advance({ days: 0 });
  mailsBefore = (await cloud.outbox()).length;
});
afterAll(async () => {
  await cloud?.dispose();
  rmSync(parent, { recursive: true, force: true });
});

/** The running instance still has all it had: its files, its trajectory, its outbox. */
async function expectRunningCloudIntact(): Promise<void> {
  const paths = dataPaths(cloud.dataDir);
  for (const file of [
    paths.dynamo,
    paths.outbox,
    paths.engine,
    paths.clock,
    paths.signingKey,
    paths.endpoints,
  ])
    expect(existsSync(file), file).toBe(true);
  const read = await cloud.request('GET', `/trajectories/${trajectoryId}`, { token: hrToken });
  expect(read.status).toBe(200);
  expect(await cloud.outbox()).toHaveLength(mailsBefore);
  expect(mailsBefore).toBeGreaterThan(0);
}

async function occupiedPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

/** The id of a process that has ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('a second start beside a running local cloud', () => {
  it('on the port of the running one, with --fresh on its data directory, refuses before it wipes anything', async () => {
    // Act
    const second = startLocalCloud({
      port: Number(new URL(cloud.url).port),
      dataDir: cloud.dataDir,
      fresh: true,
      timeScale: 0,
    });

    // Assert
    await expect(second).rejects.toThrow(PortInUseError);
    await second.catch((error: PortInUseError) => expect(error.service).toBe('api'));
    await expectRunningCloudIntact();
  });

  it('on the data directory of the running one, on a free port, refuses with the process that holds it', async () => {
    // Act
    const second = startLocalCloud({ port: 0, dataDir: cloud.dataDir, fresh: true, timeScale: 0 });

    // Assert
    await expect(second).rejects.toThrow(DataDirLockedError);
    await second.catch((error: DataDirLockedError) => {
      expect(error.pid).toBe(process.pid);
      expect(error.message).toContain(cloud.dataDir);
    });
    expect(readFileSync(join(cloud.dataDir, 'lock'), 'utf8').trim()).toBe(String(process.pid));
    await expectRunningCloudIntact();
  });

  it('with an emulator port in use, names that port and leaves its own data directory alone', async () => {
    // Prepare: a data directory with a clock of its own, and the Step Functions port taken.
    const dataDir = join(parent, 'emulator-port');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'clock.json'), '{"kept":true}');
    const { port, server } = await occupiedPort();

    // Act
    const second = startLocalCloud({ port: 0, dataDir, fresh: true, emulatorPorts: { sfn: port } });

    // Assert
    await expect(second).rejects.toMatchObject({ name: 'PortInUseError', service: 'sfn', port });
    expect(readFileSync(join(dataDir, 'clock.json'), 'utf8')).toBe('{"kept":true}');
    expect(existsSync(join(dataDir, 'lock'))).toBe(false);
    server.close();
  });
});

describe('the lock of a data directory', () => {
  it('is taken over from a process that is gone, and released with the endpoints file when the cloud stops', async () => {
    // Prepare: the lock of a crashed instance.
    const dataDir = join(parent, 'stale');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'lock'), `${await deadPid()}\n`);

    // Act
    const started = await startLocalCloud({ port: 0, dataDir, timeScale: 0 });
    const lockWhileRunning = readFileSync(join(dataDir, 'lock'), 'utf8').trim();
    const endpoints = JSON.parse(readFileSync(join(dataDir, 'endpoints.json'), 'utf8'));
    await started.close();

    // Assert
    expect(lockWhileRunning).toBe(String(process.pid));
    expect(endpoints).toEqual(started.endpoints);
    expect(existsSync(join(dataDir, 'lock'))).toBe(false);
    expect(existsSync(join(dataDir, 'endpoints.json'))).toBe(false);
  });

  it('survives --fresh, which removes what the local cloud wrote and nothing else', async () => {
    // Prepare: a folder that also holds a file of someone else's.
    const dataDir = join(parent, 'shared');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'notes.txt'), 'mine');
    writeFileSync(join(dataDir, 'clock.json'), '{"kept":true}');
    writeFileSync(join(dataDir, 'clock.json.123.0.tmp'), 'torn');

    // Act
    const started = await startLocalCloud({ port: 0, dataDir, fresh: true, timeScale: 0 });
    const lockWhileRunning = existsSync(join(dataDir, 'lock'));
    await started.close();

    // Assert
    expect(lockWhileRunning).toBe(true);
    expect(readFileSync(join(dataDir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(join(dataDir, 'clock.json'), 'utf8')).not.toContain('kept');
    expect(existsSync(join(dataDir, 'clock.json.123.0.tmp'))).toBe(false);
  });
});
