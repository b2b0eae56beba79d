/**
 * The in-process transport of the local cloud: the real SDK clients and the real repository talk
 * to dynalite through its own request listener, with no socket, and get the same answers as over
 * HTTP: items, conditional-write failures as the SDK's named errors, and 1 MB Query pages.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient, DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import { ensureTable } from '#adapters/dynamo-create-table.ts';
import { clientConfig, useTransport } from '#adapters/aws-clients.ts';
import { startDynamo, type DynamoEmulator } from '#local/emulators.ts';
import { inProcessTransport, listenerExchange } from '#local/in-process-transport.ts';
import { AlreadyExistsError, VersionConflictError } from '#shared/errors.ts';
import { aTask, aTrajectory, anEvent } from '../../data/fixtures.ts';

const TABLE = 'in-process-transport';

let dynamo: DynamoEmulator;
let repository: DynamoTrajectoryRepository;
let exchanges = 0;
let lastAuthorization: string | undefined;

beforeAll(async () => {
  dynamo = await startDynamo({});
  const counted = listenerExchange(dynamo.server);
  const transport = inProcessTransport('dynamodb', async (request) => {
    exchanges++;
    lastAuthorization = request.headers.authorization;
    return counted(request);
  });
  // An endpoint nobody listens on: a request that went over the network would fail.
  const client = new DynamoDBClient({
    endpoint: 'http://127.0.0.1:9',
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    ...transport,
  });
  await ensureTable(client, TABLE);
  repository = new DynamoTrajectoryRepository({ tableName: TABLE, client: createDocumentClient(client) });
});

afterAll(async () => {
  await dynamo.close();
});

describe('the in-process transport to dynalite', () => {
  it('stores and reads a dossier through the repository without a socket', async () => {
    const trajectory = aTrajectory();
    const task = aTask(trajectory.id);
    const before = exchanges;

    await repository.createTrajectory(trajectory, [anEvent(trajectory.id)]);
    await repository.createTask(task);
    const dossier = await repository.getDossier(trajectory.id);

    expect(dossier?.trajectory).toEqual(trajectory);
    expect(dossier?.tasks).toEqual([task]);
    expect(dossier?.events).toHaveLength(1);
    expect(exchanges - before).toBeGreaterThanOrEqual(4);
  });

  it('sends the placeholder signature, which dynalite takes as it takes any signature', async () => {
    await repository.getDossier(aTrajectory().id);

    expect(lastAuthorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=local\/\d{8}\/eu-west-1\/dynamodb\/aws4_request, SignedHeaders=host;x-amz-date, Signature=0{64}$/,
    );
  });

  it('turns dynalite’s failed conditions into the errors the adapters act on', async () => {
    const trajectory = aTrajectory();
    await repository.createTrajectory(trajectory, []);

    await expect(repository.createTrajectory(trajectory, [])).rejects.toBeInstanceOf(AlreadyExistsError);
    await expect(
      repository.updateTrajectory({ ...trajectory, version: trajectory.version + 5 }),
    ).rejects.toBeInstanceOf(VersionConflictError);
  });

  it('follows Query pages beyond 1 MB', async () => {
    const trajectory = aTrajectory();
    await repository.createTrajectory(trajectory, []);
    for (let index = 0; index < 12; index++) {
      await repository.appendEvent(
        anEvent(trajectory.id, { id: `large-${index}`, data: { summary: `${index}`.padEnd(100_000, '.') } }),
      );
    }

    const dossier = await repository.getDossier(trajectory.id);

    expect(dossier?.events.map((event) => event.id).sort()).toEqual(
      Array.from({ length: 12 }, (_, index) => `large-${index}`).sort(),
    );
  });
});

describe('the clients’ configuration seam', () => {
  it('gives new clients the transport a host set, and nothing once it is removed', () => {
    const transport = inProcessTransport('dynamodb', listenerExchange(dynamo.server));

    useTransport('dynamodb', transport);
    try {
      expect(clientConfig('dynamodb')).toEqual(transport);
      expect(clientConfig('sfn')).toEqual({});
    } finally {
      useTransport('dynamodb', undefined);
    }

    expect(clientConfig('dynamodb')).toEqual({});
  });
});
