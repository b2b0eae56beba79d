import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import { recordCommands, startDynalite, type LocalDynamo } from '../support/dynalite.ts';
import { aTask, aTrajectory, anEvent } from './fixtures.ts';

let dynamo: LocalDynamo;

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  await dynamo.stop();
});

describe('operations sent to DynamoDB', () => {
  it('loads a dossier with Queries on its one partition only, following every page', async () => {
    // Prepare
    const tableName = await dynamo.createTable();
    const repository = new DynamoTrajectoryRepository({ tableName, client: dynamo.client });
    const trajectory = aTrajectory();
    await repository.createTrajectory(trajectory, []);
    await repository.createTask(aTask(trajectory.id));
    for (let index = 0; index < 12; index++) {
      await repository.appendEvent(
        anEvent(trajectory.id, { id: `big-${index}`, data: { notes: ''.padEnd(120_000, 'x') } }),
      );
    }
    const log = recordCommands(dynamo.client);

    // Act
    const dossier = await repository.getDossier(trajectory.id);
    log.stop();

    // Assess
    expect(dossier?.events).toHaveLength(12);
    expect(dossier?.tasks).toHaveLength(1);
    expect(log.commands.length).toBeGreaterThan(1);
    for (const command of log.commands) {
      expect(command.name).toBe('QueryCommand');
      expect(command.input).toMatchObject({
        TableName: tableName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeValues: { ':pk': `TRAJECTORY#${trajectory.id}` },
      });
      expect(command.input).not.toHaveProperty('IndexName');
    }
  });

  it('lists with Queries on the indexes, never a Scan', async () => {
    const tableName = await dynamo.createTable();
    const repository = new DynamoTrajectoryRepository({ tableName, client: dynamo.client });
    await repository.createTrajectory(aTrajectory(), []);
    const log = recordCommands(dynamo.client);

    await repository.listTrajectories({ status: 'active' });
    await repository.listTrajectories({});
    await repository.listTrajectoriesForManager('manager@example.test', {});
    log.stop();

    expect(log.commands.map((command) => [command.name, command.input.IndexName])).toEqual([
      ['QueryCommand', 'by-status'],
      ...['active', 'completed', 'ended', 'cancelled'].map(() => ['QueryCommand', 'by-status']),
      ['QueryCommand', 'by-manager'],
    ]);
    expect(
      log.commands.map(
        (command) => (command.input.ExpressionAttributeValues as Record<string, string>)[':pk'],
      ),
    ).toEqual([
      'STATUS#active',
      'STATUS#active',
      'STATUS#completed',
      'STATUS#ended',
      'STATUS#cancelled',
      'MANAGER#manager@example.test',
    ]);
  });

  it('reads a trajectory, a task and a link each with one GetItem', async () => {
    const repository = new DynamoTrajectoryRepository({
      tableName: await dynamo.createTable(),
      client: dynamo.client,
    });
    const log = recordCommands(dynamo.client);

    await repository.getTrajectory('t');
    await repository.getTask('t', 'identify');
    await repository.findActionLink('hash');
    log.stop();

    expect(log.commands.map((command) => command.name)).toEqual([
      'GetItemCommand',
      'GetItemCommand',
      'GetItemCommand',
    ]);
  });

  it('has no Scan anywhere in the DynamoDB adapters', () => {
    const folder = fileURLToPath(new URL('../../functions/adapters/', import.meta.url));
    const adapters = readdirSync(folder).filter(
      (name) => name.startsWith('dynamo-') || name === 'table-schema.ts',
    );

    expect(adapters.length).toBeGreaterThan(0);
    for (const name of adapters) {
      // Written as a character class so this test itself does not show up when the repo is grepped for scans.
      expect(readFileSync(`${folder}${name}`, 'utf8'), name).not.toMatch(/Scan[C(]/);
    }
  });
});
