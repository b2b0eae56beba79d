/**
 * The four handlers as Lambda loads them: every dependency built at module scope from the
 * environment, DynamoDB reached through the SDK's own AWS_ENDPOINT_URL_DYNAMODB (here dynalite),
 * Step Functions and SES mocked at the SDK client, and the route table pointing at the modules.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import {
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  ListExecutionsCommand,
  SFNClient,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import { ROUTES } from '#api/routes.ts';
import { FUNCTION_ACCESS } from '#infra/access.ts';
import { startDynalite, type LocalDynamo } from '../../support/dynalite.ts';
import { claimsFor, STATE_MACHINE_ARN } from '../api/support.ts';
import { BROWSER_ACCEPT, form, FORM, hrEvent, invoke, linkEvent, seedTask } from './support.ts';

vi.hoisted(() => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});

const BASE = 'http://localhost:3000';
const sfnMock = mockClient(SFNClient);
const sesMock = mockClient(SESv2Client);
let dynamo: LocalDynamo;
let repository: DynamoTrajectoryRepository;

beforeAll(async () => {
  dynamo = await startDynalite();
  repository = new DynamoTrajectoryRepository({ tableName: dynamo.tableName, client: dynamo.client });
  vi.stubEnv('TABLE_NAME', dynamo.tableName);
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', dynamo.endpoint);
  vi.stubEnv('STATE_MACHINE_ARN', STATE_MACHINE_ARN);
  vi.stubEnv('TASK_STATE_MACHINE_ARN', 'arn:aws:states:eu-west-1:123456789012:stateMachine:human-task');
  vi.stubEnv('MAIL_FROM', 'noreply@example.test');
  vi.stubEnv('BASE_URL', `${BASE}/`);
  vi.resetModules();
  sfnMock.on(SendTaskSuccessCommand).resolves({});
  sfnMock.on(SendTaskFailureCommand).resolves({});
  sfnMock.on(StopExecutionCommand).resolves({ stopDate: new Date() });
  // A cancel also lists what runs, for executions a long pause continued in: none here.
  sfnMock.on(ListExecutionsCommand).resolves({ executions: [] });
  sesMock.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  sfnMock.reset();
  sesMock.reset();
  await dynamo.stop();
});

describe('the action and HR-action routes', () => {
  it('are in the route table with their auth, and each handler has its access declared', () => {
    const routes = ROUTES.filter(
      (route) => /actions|cancel|extend/.test(route.path) && !route.handler.startsWith('api/dashboard'),
    );

    expect(routes.map(({ method, path, handler, auth }) => `${method} ${path} ${handler} ${auth}`)).toEqual([
      'GET /actions/{token} api/get-action none',
      'POST /actions/{token} api/submit-action none',
      'POST /actions/{token}/draft api/submit-action none',
      'POST /actions/{token}/files api/action-files none',
      'POST /actions/{token}/files/{fileId}/confirm api/action-files none',
      'POST /actions/{token}/files/{fileId}/remove api/action-files none',
      'POST /trajectories/{id}/cancel api/cancel-trajectory jwt',
      'POST /trajectories/{id}/tasks/{taskId}/extend api/extend-task jwt',
    ]);
    for (const route of routes) expect(FUNCTION_ACCESS[route.handler]).toBeDefined();
  });

  it('run end to end on handlers built from the environment', async () => {
    // Prepare
    const getAction = (await import('#api/get-action.ts')).handler;
    const submitAction = (await import('#api/submit-action.ts')).handler;
    const extendTask = (await import('#api/extend-task.ts')).handler;
    const cancelTrajectory = (await import('#api/cancel-trajectory.ts')).handler;
    const first = await seedTask(repository, { kind: 'employee-response' });
    const second = await seedTask(repository);
    const hr = claimsFor('hr');

    // Act
    const shown = await invoke(getAction, linkEvent('GET', first.token));
    const posted = await invoke(
      submitAction,
      linkEvent('POST', first.token, {
        body: form([['response', 'Mijn kant.']]),
        contentType: FORM,
        accept: BROWSER_ACCEPT,
      }),
    );
    const extended = await invoke(
      extendTask,
      hrEvent(
        '/trajectories/{id}/tasks/{taskId}/extend',
        { id: second.trajectory.id, taskId: second.task.id },
        { days: 2 },
        hr,
      ),
    );
    const cancelled = await invoke(
      cancelTrajectory,
      hrEvent('/trajectories/{id}/cancel', { id: second.trajectory.id }, { reason: 'Overgeplaatst.' }, hr),
    );

    // Assess
    expect(shown.json.status).toBe('open');
    expect(posted.statusCode).toBe(303);
    // The trailing slash of BASE_URL does not double up.
    expect(posted.headers.location).toBe(`${BASE}/actions/${first.token}`);
    expect(extended.statusCode).toBe(200);
    expect(cancelled.statusCode).toBe(200);
    expect(sfnMock.commandCalls(SendTaskSuccessCommand)).toHaveLength(1);
    expect(sfnMock.commandCalls(SendTaskFailureCommand)).toHaveLength(1);
    // The trajectory's execution and its one open task's.
    expect(sfnMock.commandCalls(StopExecutionCommand)).toHaveLength(2);
    // The manager is told the new deadline of the identify task, then the manager and HR the
    // cancellation: the employee, never told of the trajectory, is not told of its end either.
    expect(
      sesMock.commandCalls(SendEmailCommand).map((call) => call.args[0].input.Destination?.ToAddresses),
    ).toEqual([
      [second.trajectory.manager.email],
      [second.trajectory.manager.email],
      [second.trajectory.hrAdvisor.email],
    ]);
  });
});
