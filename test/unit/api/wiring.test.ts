/**
 * The exported `handler`s as Lambda loads them: dependencies built at module scope from the
 * environment, DynamoDB reached through the SDK's own AWS_ENDPOINT_URL_DYNAMODB (here dynalite),
 * so the deployed and the local wiring are the code under test, not a test double.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { startDynalite, type LocalDynamo } from '../../support/dynalite.ts';
import { apiEvent, call, claimsFor, STATE_MACHINE_ARN, validBody } from './support.ts';

vi.hoisted(() => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});

const sfnMock = mockClient(SFNClient);
let dynamo: LocalDynamo;

beforeAll(async () => {
  dynamo = await startDynalite();
  vi.stubEnv('TABLE_NAME', dynamo.tableName);
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', dynamo.endpoint);
  vi.stubEnv('STATE_MACHINE_ARN', STATE_MACHINE_ARN);
  vi.stubEnv('TASK_STATE_MACHINE_ARN', 'arn:aws:states:eu-west-1:123456789012:stateMachine:human-task');
  vi.resetModules();
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await dynamo.stop();
});

describe('handlers built from the environment', () => {
  it('create, list and get a trajectory end to end on dynalite', async () => {
    // Prepare
    sfnMock.on(StartExecutionCommand).resolves({ executionArn: 'arn', startDate: new Date() });
    const create = (await import('#api/create-trajectory.ts')).handler;
    const list = (await import('#api/list-trajectories.ts')).handler;
    const get = (await import('#api/get-trajectory.ts')).handler;
    const hr = claimsFor('hr');

    // Act
    const created = await call(create, apiEvent({ method: 'POST', body: validBody(), claims: hr }));
    const listed = await call(list, apiEvent({ claims: hr }));
    const fetched = await call(
      get,
      apiEvent({ route: '/trajectories/{id}', pathParameters: { id: created.body.id }, claims: hr }),
    );

    // Assess
    expect(created.statusCode).toBe(201);
    expect(listed.body.items.map((t: { id: string }) => t.id)).toEqual([created.body.id]);
    expect(fetched.statusCode).toBe(200);
    expect(fetched.body.events).toHaveLength(1);
    expect(sfnMock.commandCalls(StartExecutionCommand)[0]!.args[0].input.name).toBe(created.body.id);
  });
});
