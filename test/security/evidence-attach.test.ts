/**
 * Where a manager may attach evidence through the dossier's files API, and whose upload a manager
 * may confirm. The task pages already let only the person a task waits for attach, and only to a
 * step that takes documents; the API let the trajectory's manager file documents under any step,
 * HR's own (the plan's approval, the decision's confirmation) and the employee's reactions
 * included, and confirm an upload the HR advisor or the employee had announced, which numbers it
 * as an exhibit or, when what arrived does not fit, deletes it. And a task's mailed link took a
 * document for any task, also one whose page offers none: the way round the first rule. Each
 * refusal is a 403 that says why and changes nothing: no file record, no event, not a call to the
 * bucket.
 *
 * The files handlers run as API Gateway invokes them, against dynalite; the bucket is an in-memory
 * stand-in that records every call.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoFileRecords } from '#adapters/dynamo-files.ts';
import type { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import { actionFilesHandler } from '#api/action-files.ts';
import { filesHandler, type FilesDeps } from '#api/files.ts';
import { stagingKey, type EvidenceFile } from '#core/files.ts';
import { TASK_ASSIGNEE, type Role, type TaskKind } from '#core/model.ts';
import type { FileStore } from '#core/ports.ts';
import { newTaskId, newTrajectory, startedEvent } from '#core/trajectory.ts';
import { startDynalite, type LocalDynamo } from '../support/dynalite.ts';
import { seedTask } from '../unit/actions/support.ts';
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

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

/** A bucket in memory that remembers every call made to it. */
function memoryBucket() {
  const objects = new Map<string, Uint8Array>();
  const calls: string[] = [];
  const store: FileStore = {
    uploadForm: async (key) => {
      calls.push(`uploadForm ${key}`);
      return { url: 'https://files.example.test/upload', fields: { key } };
    },
    size: async (key) => {
      calls.push(`size ${key}`);
      return objects.get(key)?.length;
    },
    head: async (key, bytes) => {
      calls.push(`head ${key}`);
      return (objects.get(key) ?? new Uint8Array()).slice(0, bytes);
    },
    read: async (key) => {
      calls.push(`read ${key}`);
      return objects.get(key) ?? new Uint8Array();
    },
    copy: async (from, to) => {
      calls.push(`copy ${from}`);
      objects.set(to, objects.get(from) ?? new Uint8Array());
    },
    delete: async (key) => {
      calls.push(`delete ${key}`);
      objects.delete(key);
    },
    put: async (key, bytes) => {
      calls.push(`put ${key}`);
      objects.set(key, bytes);
    },
    deletePrefix: async (prefix) => {
      calls.push(`deletePrefix ${prefix}`);
      return 0;
    },
    downloadUrl: async (key) => {
      calls.push(`downloadUrl ${key}`);
      return `https://files.example.test/${key}`;
    },
  };
  return { store, objects, calls };
}

let dynamo: LocalDynamo;
let repository: DynamoTrajectoryRepository;
let records: DynamoFileRecords;
let bucket: ReturnType<typeof memoryBucket>;
let handler: ReturnType<typeof filesHandler>;
let linkHandler: ReturnType<typeof actionFilesHandler>;

beforeAll(async () => {
  dynamo = await startDynalite();
  let tableName: string;
  ({ repository, tableName } = await freshStore(dynamo));
  records = new DynamoFileRecords(dynamo.client, tableName);
  bucket = memoryBucket();
  const deps: FilesDeps = { repository, records, store: bucket.store, clock: fixedClock, maxBytes: 1024 };
  handler = filesHandler(deps);
  linkHandler = actionFilesHandler(deps);
});
afterAll(async () => {
  await dynamo?.stop();
});

/** Every step of a trajectory, one task of each kind (done: evidence is often added afterwards). */
async function dossierWithEveryStep(managerEmail: string) {
  const trajectory = newTrajectory(
    trajectoryInput({ manager: { name: 'Mark Jansen', email: managerEmail } }),
    {
      id: randomUUID(),
      now: NOW,
    },
  );
  await repository.createTrajectory(trajectory, [startedEvent(trajectory)]);
  const taskIds = {} as Record<TaskKind, string>;
  for (const kind of Object.keys(TASK_ASSIGNEE) as TaskKind[]) {
    const id = newTaskId(kind, 1);
    taskIds[kind] = id;
    await repository.createTask({
      id,
      trajectoryId: trajectory.id,
      kind,
      assignee: TASK_ASSIGNEE[kind],
      status: 'done',
      openedAt: NOW.toISOString(),
      dueAt: NOW.toISOString(),
      chaseStage: 'none',
      completedAt: NOW.toISOString(),
      ...(kind === 'follow-up' ? { meeting: 1 } : {}),
      version: 1,
    });
  }
  return { trajectoryId: trajectory.id, taskIds };
}

/** A pending file of the `identify` step announced by `addedBy`, and its upload in the bucket. */
async function pendingUpload(trajectoryId: string, addedBy: Role): Promise<EvidenceFile> {
  const file: EvidenceFile = {
    id: randomUUID(),
    trajectoryId,
    taskId: 'identify-1',
    title: 'Klacht van klant Jansen',
    date: '2026-02-20',
    filename: 'klacht.pdf',
    contentType: 'application/pdf',
    size: PDF.length,
    addedBy,
    status: 'pending',
    createdAt: NOW.toISOString(),
  };
  await records.create(file);
  bucket.objects.set(stagingKey(file), PDF);
  return file;
}

const announce = (
  claims: Claims,
  trajectoryId: string,
  taskId: string,
  headers: Record<string, string> = {},
) =>
  call(
    handler,
    apiEvent({
      method: 'POST',
      route: '/trajectories/{id}/files',
      pathParameters: { id: trajectoryId },
      body: {
        title: 'Verslag van het gesprek',
        date: '2026-02-20',
        taskId,
        filename: 'verslag.pdf',
        contentType: 'application/pdf',
        size: PDF.length,
      },
      headers,
      claims,
    }),
  );

const confirm = (
  claims: Claims,
  trajectoryId: string,
  fileId: string,
  headers: Record<string, string> = {},
) =>
  call(
    handler,
    apiEvent({
      method: 'POST',
      route: '/trajectories/{id}/files/{fileId}/confirm',
      pathParameters: { id: trajectoryId, fileId },
      headers,
      claims,
    }),
  );

async function attachedEvents(trajectoryId: string): Promise<number> {
  const dossier = await repository.getDossier(trajectoryId);
  return (dossier?.events ?? []).filter((event) => event.type === 'file-attached').length;
}

/** The bucket calls `act` makes. */
async function bucketCallsOf(act: () => Promise<unknown>): Promise<string[]> {
  const before = bucket.calls.length;
  await act();
  return bucket.calls.slice(before);
}

describe('attaching a file through the dossier files API', () => {
  it.each<[string, TaskKind]>([
    ["HR's approval of the plan", 'plan-approval'],
    ["HR's confirmation of the decision", 'decision-confirmation'],
    ["HR's follow-up of a cause", 'cause-follow-up'],
    ["HR's answer to a disagreement", 'disagreement-response'],
    ["the employee's response", 'employee-response'],
    ["the employee's acknowledgement of the plan", 'plan-acknowledgement'],
    ["the employee's self-assessment", 'self-assessment'],
    ["the employee's reaction to a follow-up", 'follow-up-reaction'],
    ["the employee's reaction to the evaluation", 'evaluation-reaction'],
    ['the aftercare, a step that takes no documents', 'aftercare'],
  ])('refuses the manager a file under %s with 403, and records nothing', async (_, kind) => {
    // Prepare
    const managerEmail = uniqueEmail('manager');
    const { trajectoryId, taskIds } = await dossierWithEveryStep(managerEmail);

    // Act
    let refused: Awaited<ReturnType<typeof announce>> | undefined;
    const calls = await bucketCallsOf(async () => {
      refused = await announce(claimsFor('manager', managerEmail), trajectoryId, taskIds[kind]);
    });

    // Assess
    expect(refused?.statusCode).toBe(403);
    expect(refused?.body.error).toEqual({
      code: 'not_own_step',
      message:
        'Je kunt alleen een document toevoegen bij een stap die je zelf vastlegt en waar documenten bij horen. Vraag de HR-adviseur om het bij deze stap te voegen.',
    });
    expect(await records.list(trajectoryId)).toEqual([]);
    expect(calls).toEqual([]);
  });

  it.each<TaskKind>(['identify', 'conversation', 'plan', 'follow-up', 'evaluation'])(
    'lets the manager attach a file to the %s, a step the manager records',
    async (kind) => {
      const managerEmail = uniqueEmail('manager');
      const { trajectoryId, taskIds } = await dossierWithEveryStep(managerEmail);

      const announced = await announce(claimsFor('manager', managerEmail), trajectoryId, taskIds[kind]);

      expect(announced.statusCode).toBe(201);
      expect(announced.body.file).toMatchObject({
        taskId: taskIds[kind],
        addedBy: 'manager',
        status: 'pending',
      });
    },
  );

  it.each<TaskKind>(['plan-approval', 'employee-response', 'evaluation-reaction', 'aftercare'])(
    'lets HR, who keeps the dossier, attach a file to the %s',
    async (kind) => {
      const { trajectoryId, taskIds } = await dossierWithEveryStep(uniqueEmail('manager'));

      const announced = await announce(claimsFor('hr'), trajectoryId, taskIds[kind]);

      expect(announced.statusCode).toBe(201);
      expect(announced.body.file).toMatchObject({ taskId: taskIds[kind], addedBy: 'hr' });
    },
  );

  it('answers an unknown step with 400 on taskId, before who may attach to it', async () => {
    const managerEmail = uniqueEmail('manager');
    const { trajectoryId } = await dossierWithEveryStep(managerEmail);

    const refused = await announce(claimsFor('manager', managerEmail), trajectoryId, 'follow-up-9');

    expect(refused.statusCode).toBe(400);
    expect(refused.body.error.fieldErrors.map((error: { path: string }) => error.path)).toEqual(['taskId']);
  });

  it('says why in English for an English caller', async () => {
    const managerEmail = uniqueEmail('manager');
    const { trajectoryId, taskIds } = await dossierWithEveryStep(managerEmail);

    const refused = await announce(
      claimsFor('manager', managerEmail),
      trajectoryId,
      taskIds['plan-approval'],
      {
        'accept-language': 'en',
      },
    );

    expect(refused.statusCode).toBe(403);
    expect(refused.body.error.message).toBe(
      'You can only add a document to a step you record yourself and that takes documents. Ask the HR advisor to add it to this step.',
    );
  });
});

describe('confirming an upload through the dossier files API', () => {
  it.each<[string, Role]>([
    ["the HR advisor's", 'hr'],
    ["the employee's", 'employee'],
  ])("refuses the trajectory's own manager %s upload with 403, and leaves it as it was", async (_, by) => {
    // Prepare
    const managerEmail = uniqueEmail('manager');
    const { trajectoryId } = await dossierWithEveryStep(managerEmail);
    const file = await pendingUpload(trajectoryId, by);

    // Act
    let refused: Awaited<ReturnType<typeof confirm>> | undefined;
    const calls = await bucketCallsOf(async () => {
      refused = await confirm(claimsFor('manager', managerEmail), trajectoryId, file.id);
    });

    // Assess: still pending, its upload still waiting, no exhibit number drawn, no event
    expect(refused?.statusCode).toBe(403);
    expect(refused?.body.error).toEqual({
      code: 'not_own_upload',
      message:
        'Je kunt alleen een upload bevestigen die je zelf hebt aangekondigd. Dit bestand is door iemand anders toegevoegd.',
    });
    expect(calls).toEqual([]);
    expect(await records.get(trajectoryId, file.id)).toEqual(file);
    expect(bucket.objects.get(stagingKey(file))).toEqual(PDF);
    expect(await attachedEvents(trajectoryId)).toBe(0);
  });

  it("refuses the manager a stored file of HR's too, without touching the bucket", async () => {
    const managerEmail = uniqueEmail('manager');
    const { trajectoryId } = await dossierWithEveryStep(managerEmail);
    const file = await pendingUpload(trajectoryId, 'hr');
    expect((await confirm(claimsFor('hr'), trajectoryId, file.id)).statusCode).toBe(200);

    let refused: Awaited<ReturnType<typeof confirm>> | undefined;
    const calls = await bucketCallsOf(async () => {
      refused = await confirm(claimsFor('manager', managerEmail), trajectoryId, file.id);
    });

    expect(refused?.statusCode).toBe(403);
    expect(refused?.body.error.code).toBe('not_own_upload');
    expect(calls).toEqual([]);
    expect(await attachedEvents(trajectoryId)).toBe(1);
  });

  it("lets the manager confirm the manager's own upload, which becomes an exhibit", async () => {
    const managerEmail = uniqueEmail('manager');
    const { trajectoryId } = await dossierWithEveryStep(managerEmail);
    const file = await pendingUpload(trajectoryId, 'manager');

    const confirmed = await confirm(claimsFor('manager', managerEmail), trajectoryId, file.id);

    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toMatchObject({ id: file.id, status: 'stored', exhibit: 1, addedBy: 'manager' });
    expect(await attachedEvents(trajectoryId)).toBe(1);
  });

  it.each<Role>(['manager', 'employee'])('lets HR confirm an upload the %s announced', async (by) => {
    const { trajectoryId } = await dossierWithEveryStep(uniqueEmail('manager'));
    const file = await pendingUpload(trajectoryId, by);

    const confirmed = await confirm(claimsFor('hr'), trajectoryId, file.id);

    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'stored', addedBy: by });
  });

  it('says why in English for an English caller', async () => {
    const managerEmail = uniqueEmail('manager');
    const { trajectoryId } = await dossierWithEveryStep(managerEmail);
    const file = await pendingUpload(trajectoryId, 'hr');

    const refused = await confirm(claimsFor('manager', managerEmail), trajectoryId, file.id, {
      'accept-language': 'en',
    });

    expect(refused.statusCode).toBe(403);
    expect(refused.body.error.message).toBe(
      'You can only confirm an upload you announced yourself. This file was added by someone else.',
    );
  });
});

describe("attaching a file through a task's mailed link", () => {
  const announceByLink = (token: string) =>
    call(
      linkHandler,
      apiEvent({
        method: 'POST',
        route: '/actions/{token}/files',
        pathParameters: { token },
        body: {
          title: 'Verslag van het gesprek',
          date: '2026-02-20',
          filename: 'verslag.pdf',
          contentType: 'application/pdf',
          size: PDF.length,
        },
        claims: null,
      }),
    );

  it.each<TaskKind>(['aftercare', 'plan-acknowledgement', 'plan-approval'])(
    'refuses a file for the %s, a step whose page takes none, with 403, and records nothing',
    async (kind) => {
      // Prepare: the link of an open task that takes no documents
      const { trajectory, token } = await seedTask(repository, { kind });

      // Act
      let refused: Awaited<ReturnType<typeof announceByLink>> | undefined;
      const calls = await bucketCallsOf(async () => {
        refused = await announceByLink(token);
      });

      // Assess
      expect(refused?.statusCode).toBe(403);
      expect(refused?.body.error).toEqual({
        code: 'no_documents',
        message: 'Bij deze stap horen geen documenten; hier kun je niets toevoegen.',
      });
      expect(await records.list(trajectory.id)).toEqual([]);
      expect(calls).toEqual([]);
    },
  );

  it('takes a file for a step whose page offers it', async () => {
    const { task, token } = await seedTask(repository, { kind: 'follow-up-reaction' });

    const announced = await announceByLink(token);

    expect(announced.statusCode).toBe(201);
    expect(announced.body.file).toMatchObject({ taskId: task.id, addedBy: 'employee' });
  });
});
