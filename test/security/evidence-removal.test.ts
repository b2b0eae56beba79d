/**
 * Who may take a file out of a dossier's evidence (`POST /trajectories/{id}/files/{fileId}/remove`):
 * HR any file, a manager only a file the manager added. A manager who could withdraw the HR
 * advisor's or the employee's exhibits could quietly remove what speaks against their own account.
 * A refusal is a 403 that says why (`not_own_file`) and changes nothing: the file stays an
 * exhibit, with its number, and the dossier records no removal.
 *
 * The files handler runs as API Gateway invokes it, against dynalite; the bucket is a stub that
 * fails on any call, as removing a file never touches the object.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoFileRecords } from '#adapters/dynamo-files.ts';
import type { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import { filesHandler, type FilesDeps } from '#api/files.ts';
import type { EvidenceFile } from '#core/files.ts';
import type { Role } from '#core/model.ts';
import type { FileStore } from '#core/ports.ts';
import { newTrajectory, startedEvent } from '#core/trajectory.ts';
import { startDynalite, type LocalDynamo } from '../support/dynalite.ts';
import {
  apiEvent,
  call,
  claimsFor,
  fixedClock,
  freshStore,
  NOW,
  trajectoryInput,
  uniqueEmail,
  type Claims,
} from '../unit/api/support.ts';

vi.hoisted(() => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});

let dynamo: LocalDynamo;
let repository: DynamoTrajectoryRepository;
let records: DynamoFileRecords;
let handler: ReturnType<typeof filesHandler>;

/** Removing a file is a record and an event; the object in the bucket is kept, so no call is made. */
const untouchedBucket = new Proxy({} as FileStore, {
  get: (_target, method) => () => Promise.reject(new Error(`the bucket was asked to ${String(method)}`)),
});

beforeAll(async () => {
  dynamo = await startDynalite();
  let tableName: string;
  ({ repository, tableName } = await freshStore(dynamo));
  records = new DynamoFileRecords(dynamo.client, tableName);
  const deps: FilesDeps = { repository, records, store: untouchedBucket, clock: fixedClock, maxBytes: 1024 };
  handler = filesHandler(deps);
});
afterAll(async () => {
  await dynamo?.stop();
});

/** A trajectory of `managerEmail` with one stored exhibit added by `addedBy`. */
async function dossierWithExhibit(managerEmail: string, addedBy: Role) {
  const trajectory = newTrajectory(
    trajectoryInput({ manager: { name: 'Mark Jansen', email: managerEmail } }),
    {
      id: randomUUID(),
      now: NOW,
    },
  );
  await repository.createTrajectory(trajectory, [startedEvent(trajectory)]);
  const file: EvidenceFile = {
    id: randomUUID(),
    trajectoryId: trajectory.id,
    taskId: 'identify-1',
    title: 'Klacht van klant Jansen',
    date: '2026-02-20',
    filename: 'klacht.pdf',
    contentType: 'application/pdf',
    size: 512,
    addedBy,
    status: 'stored',
    createdAt: NOW.toISOString(),
    storedAt: NOW.toISOString(),
    sha256: 'a'.repeat(64),
    exhibit: 1,
  };
  await records.create(file);
  return { trajectoryId: trajectory.id, file };
}

const remove = (claims: Claims, trajectoryId: string, fileId: string) =>
  call(
    handler,
    apiEvent({
      method: 'POST',
      route: '/trajectories/{id}/files/{fileId}/remove',
      pathParameters: { id: trajectoryId, fileId },
      body: { reason: 'Hoort niet bij dit dossier.' },
      claims,
    }),
  );

async function removals(trajectoryId: string): Promise<number> {
  const dossier = await repository.getDossier(trajectoryId);
  return (dossier?.events ?? []).filter((event) => event.type === 'file-removed').length;
}

describe('removing an evidence file', () => {
  it.each<[string, Role]>([
    ["the HR advisor's", 'hr'],
    ["the employee's", 'employee'],
  ])(
    "refuses the trajectory's own manager %s file with 403, and the file stays an exhibit",
    async (_, by) => {
      // Prepare
      const managerEmail = uniqueEmail('manager');
      const { trajectoryId, file } = await dossierWithExhibit(managerEmail, by);

      // Act
      const refused = await remove(claimsFor('manager', managerEmail), trajectoryId, file.id);

      // Assess
      expect(refused.statusCode).toBe(403);
      expect(refused.body.error.code).toBe('not_own_file');
      expect(refused.body.error.message).toBe(
        'Je kunt alleen een bestand verwijderen dat je zelf hebt toegevoegd. Vraag de HR-adviseur om dit bestand te verwijderen.',
      );
      expect(await records.get(trajectoryId, file.id)).toEqual(file);
      expect(await removals(trajectoryId)).toBe(0);
    },
  );

  it("refuses a manager another manager's file with 403, and the file stays an exhibit", async () => {
    // Prepare: a trajectory has one manager, so another manager's file is on a trajectory outside
    // this manager's scope, and refused as that whole trajectory is
    const { trajectoryId, file } = await dossierWithExhibit(uniqueEmail('manager'), 'manager');

    // Act
    const refused = await remove(claimsFor('manager'), trajectoryId, file.id);

    // Assess
    expect(refused.statusCode).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect(await records.get(trajectoryId, file.id)).toEqual(file);
    expect(await removals(trajectoryId)).toBe(0);
  });

  it('lets the manager remove a file the manager added, keeping its number', async () => {
    const managerEmail = uniqueEmail('manager');
    const { trajectoryId, file } = await dossierWithExhibit(managerEmail, 'manager');

    const removed = await remove(claimsFor('manager', managerEmail), trajectoryId, file.id);

    expect(removed.statusCode).toBe(200);
    expect(removed.body).toMatchObject({ id: file.id, status: 'removed', exhibit: 1 });
    expect(await removals(trajectoryId)).toBe(1);
  });

  it.each<Role>(['manager', 'employee', 'hr'])('lets HR remove a file the %s added', async (by) => {
    const { trajectoryId, file } = await dossierWithExhibit(uniqueEmail('manager'), by);

    const removed = await remove(claimsFor('hr'), trajectoryId, file.id);

    expect(removed.statusCode).toBe(200);
    expect((await records.get(trajectoryId, file.id))?.status).toBe('removed');
    expect(await removals(trajectoryId)).toBe(1);
  });

  it('answers in English for an English caller', async () => {
    const managerEmail = uniqueEmail('manager');
    const { trajectoryId, file } = await dossierWithExhibit(managerEmail, 'hr');

    const refused = await call(
      handler,
      apiEvent({
        method: 'POST',
        route: '/trajectories/{id}/files/{fileId}/remove',
        pathParameters: { id: trajectoryId, fileId: file.id },
        body: { reason: 'Not part of this dossier.' },
        headers: { 'accept-language': 'en' },
        claims: claimsFor('manager', managerEmail),
      }),
    );

    expect(refused.statusCode).toBe(403);
    expect(refused.body.error.message).toBe(
      'You can only remove a file you added yourself. Ask the HR advisor to remove this file.',
    );
  });
});
