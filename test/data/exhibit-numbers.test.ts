/**
 * Exhibit numbers under concurrency, against real dynalite: files confirmed on one dossier at the
 * same moment each get a number of their own, consecutive from 1, drawn from the dossier's counter
 * item (functions/adapters/dynamo-files.ts) instead of counted from the files read beforehand.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoFileRecords } from '#adapters/dynamo-files.ts';
import { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import { confirmFile, type FilesDeps } from '#api/files.ts';
import { stagingKey, type EvidenceFile } from '#core/files.ts';
import type { FileStore, UploadForm } from '#core/ports.ts';
import { startDynalite, type LocalDynamo } from '../support/dynalite.ts';
import { aTask, aTrajectory } from './fixtures.ts';

let dynamo: LocalDynamo;

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  await dynamo.stop();
});

const range = (length: number) => Array.from({ length }, (_, index) => index + 1);

const PDF = new TextEncoder().encode('%PDF-1.7\n%%EOF\n');

/**
 * The bucket, in memory: what these tests are about is the table. Each call yields to the event
 * loop first, as a network call would, so the confirms really interleave.
 */
class MemoryStore implements FileStore {
  readonly objects = new Map<string, Uint8Array>();
  private readonly tick = () => new Promise<void>((resolve) => setImmediate(resolve));
  async uploadForm(): Promise<UploadForm> {
    return { url: 'memory:', fields: {} };
  }
  async size(key: string) {
    await this.tick();
    return this.objects.get(key)?.length;
  }
  async head(key: string, bytes: number) {
    await this.tick();
    return (this.objects.get(key) ?? new Uint8Array()).slice(0, bytes);
  }
  async read(key: string) {
    await this.tick();
    return this.objects.get(key) ?? new Uint8Array();
  }
  async copy(from: string, to: string) {
    await this.tick();
    this.objects.set(to, this.objects.get(from) ?? new Uint8Array());
  }
  async delete(key: string) {
    await this.tick();
    this.objects.delete(key);
  }
  async put(key: string, bytes: Uint8Array) {
    this.objects.set(key, bytes);
  }
  async deletePrefix() {
    return 0;
  }
  async downloadUrl() {
    return 'memory:';
  }
}

function aPendingFile(trajectoryId: string, taskId: string, index: number): EvidenceFile {
  return {
    id: randomUUID(),
    trajectoryId,
    taskId,
    title: `Document ${index}`,
    date: '2026-03-02',
    filename: `document-${index}.pdf`,
    contentType: 'application/pdf',
    size: PDF.length,
    addedBy: 'hr',
    status: 'pending',
    createdAt: '2026-03-02T09:00:00.000Z',
  };
}

describe('exhibit numbers', () => {
  it('draws distinct consecutive numbers for many concurrent draws on one dossier', async () => {
    // Prepare
    const records = new DynamoFileRecords(dynamo.client, dynamo.tableName);
    const trajectoryId = randomUUID();

    // Act
    const drawn = await Promise.all(range(12).map(() => records.drawExhibit(trajectoryId, 0)));

    // Assess
    expect([...drawn].sort((a, b) => a - b)).toEqual(range(12));
  });

  it('goes on after the numbers a dossier gave before it had a counter', async () => {
    // Prepare
    const records = new DynamoFileRecords(dynamo.client, dynamo.tableName);
    const trajectoryId = randomUUID();

    // Act
    const drawn = await Promise.all(range(4).map(() => records.drawExhibit(trajectoryId, 3)));
    const later = await records.drawExhibit(trajectoryId, 0);

    // Assess
    expect([...drawn].sort((a, b) => a - b)).toEqual([4, 5, 6, 7]);
    expect(later).toBe(8);
  });

  it('numbers files confirmed at the same moment 1 to n, each once, in the dossier too', async () => {
    // Prepare
    const repository = new DynamoTrajectoryRepository({ tableName: dynamo.tableName, client: dynamo.client });
    const records = new DynamoFileRecords(dynamo.client, dynamo.tableName);
    const store = new MemoryStore();
    const trajectory = aTrajectory();
    const task = aTask(trajectory.id);
    await repository.createTrajectory(trajectory, []);
    await repository.createTask(task);
    const files = range(8).map((index) => aPendingFile(trajectory.id, task.id, index));
    for (const file of files) {
      await records.create(file);
      store.objects.set(stagingKey(file), PDF);
    }
    const deps: FilesDeps = {
      repository,
      records,
      store,
      clock: { now: () => new Date('2026-03-02T10:00:00.000Z') },
      maxBytes: 1024,
    };
    const hr = { role: 'hr' as const, email: 'hr@example.test' };

    // Act
    const stored = await Promise.all(
      files.map((file) => confirmFile(deps, hr, trajectory.id, file.id, 'nl')),
    );

    // Assess
    expect(stored.map((file) => file.exhibit).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(range(8));
    const listed = await records.list(trajectory.id);
    expect(listed.map((file) => file.exhibit)).toEqual(range(8));
    expect(listed.every((file) => file.sha256 === createHash('sha256').update(PDF).digest('hex'))).toBe(true);
    const dossier = await repository.getDossier(trajectory.id);
    const attached = (dossier?.events ?? []).filter((event) => event.type === 'file-attached');
    expect(attached.map((event) => event.data?.exhibit).sort((a, b) => Number(a) - Number(b))).toEqual(
      range(8),
    );
    // The counter item is storage only: the dossier's files are the eight, nothing more.
    expect(dossier?.files).toHaveLength(8);
  });
});
