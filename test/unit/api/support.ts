/**
 * Helpers for driving API handlers the way API Gateway does: payload-format-2.0 events with the
 * JWT authorizer's claims (flattened as HTTP API flattens them), a Lambda context, and the
 * result read back as JSON.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { AwsStub } from 'aws-sdk-client-mock';
import type { ServiceInputTypes, ServiceOutputTypes, SFNClientResolvedConfig } from '@aws-sdk/client-sfn';
import { SfnWorkflowClient } from '#adapters/sfn-workflow.ts';
import { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import type { CreateTrajectoryInput } from '#core/schemas.ts';
import type { LocalDynamo } from '../../support/dynalite.ts';

export const STATE_MACHINE_ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:trajectory';
export const TASK_STATE_MACHINE_ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:human-task';
const EXECUTION_ARN_PREFIX = `${STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:`;
export const NOW = new Date('2026-03-02T09:00:00.000Z');
export const fixedClock = { now: () => NOW };

export type Claims = Record<string, string>;

/** Unique per call, so tests never see each other's people. */
export const uniqueEmail = (who: string): string => `${who}-${randomUUID().slice(0, 8)}@example.test`;

/** Claims as the HTTP API JWT authorizer hands them over: every value a string, arrays as `[a b]`. */
export function claimsFor(role: 'hr' | 'manager' | 'employee', email = uniqueEmail(role)): Claims {
  return {
    sub: randomUUID(),
    email,
    email_verified: 'true',
    'cognito:groups': `[${role}]`,
    token_use: 'id',
    iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_test',
    aud: 'verbetertraject-test',
    exp: String(Math.floor(NOW.getTime() / 1000) + 3600),
  };
}

export interface EventOptions {
  method?: 'GET' | 'POST';
  /** Route path with `{param}` placeholders, as in the route table. */
  route?: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as it is. */
  body?: unknown;
  /** `null`: no authorizer context at all. */
  claims?: Claims | null;
}

export function apiEvent(options: EventOptions = {}): APIGatewayProxyEventV2WithJWTAuthorizer {
  const method = options.method ?? 'GET';
  const route = options.route ?? '/trajectories';
  const path = route.replace(/\{(\w+)\}/g, (_m, name: string) => options.pathParameters?.[name] ?? '');
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  const headers: Record<string, string> = {
    accept: 'application/json',
    host: 'api.example.test',
    'user-agent': 'vitest',
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
  };
  const query = options.query;
  const claims = options.claims === undefined ? claimsFor('hr') : options.claims;
  const event = {
    version: '2.0',
    routeKey: `${method} ${route}`,
    rawPath: path,
    rawQueryString: query ? new URLSearchParams(query).toString() : '',
    headers,
    ...(query ? { queryStringParameters: query } : {}),
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'api1234',
      ...(claims
        ? { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } } }
        : {}),
      domainName: 'api.example.test',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.10', userAgent: 'vitest' },
      requestId: randomUUID(),
      routeKey: `${method} ${route}`,
      stage: '$default',
      time: NOW.toUTCString(),
      timeEpoch: NOW.getTime(),
    },
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: false,
  };
  return event as APIGatewayProxyEventV2WithJWTAuthorizer;
}

export function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'verbetertraject-api-test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:verbetertraject-api-test',
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/verbetertraject-api-test',
    logStreamName: 'test',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * A reply body is loose JSON: the tests' assertions are what check its shape, so reading it
 * untyped keeps them short.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Reply<T = Json> {
  statusCode: number;
  headers: Record<string, string>;
  body: T;
}

type Handler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<unknown>;

/** Invokes a handler and parses its JSON body. */
export async function call<T = Json>(
  handler: Handler,
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
): Promise<Reply<T>> {
  const result = (await handler(event, lambdaContext())) as {
    statusCode: number;
    headers?: Record<string, string | number | boolean>;
    body?: string;
  };
  const headers = Object.fromEntries(
    Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
  return { statusCode: result.statusCode, headers, body: result.body ? JSON.parse(result.body) : undefined };
}

export type SfnMock = AwsStub<ServiceInputTypes, ServiceOutputTypes, SFNClientResolvedConfig>;

/**
 * Makes the mocked StartExecution behave as Step Functions does for names: a repeat with the same
 * name and input is answered with the existing execution, another input is refused. Returns the
 * executions that exist, by name. `failures` are thrown by the first calls, one each.
 */
export function simulateExecutions(
  sfnMock: SfnMock,
  options: { failures?: Error[] } = {},
): Map<string, string | undefined> {
  const executions = new Map<string, string | undefined>();
  const failures = [...(options.failures ?? [])];
  sfnMock.on(StartExecutionCommand).callsFake((input: { name?: string; input?: string }) => {
    const failure = failures.shift();
    if (failure) throw failure;
    const name = input.name ?? randomUUID();
    if (executions.has(name) && executions.get(name) !== input.input) {
      throw new ExecutionAlreadyExists({ message: 'Execution Already Exists', $metadata: {} });
    }
    executions.set(name, input.input);
    return { executionArn: `${EXECUTION_ARN_PREFIX}${name}`, startDate: NOW };
  });
  sfnMock.on(DescribeExecutionCommand).callsFake((input: { executionArn: string }) => {
    const name = input.executionArn.slice(EXECUTION_ARN_PREFIX.length);
    return {
      executionArn: input.executionArn,
      stateMachineArn: STATE_MACHINE_ARN,
      name,
      status: 'RUNNING',
      startDate: NOW,
      input: executions.get(name),
    };
  });
  return executions;
}

export function workflowClient(): SfnWorkflowClient {
  return new SfnWorkflowClient(new SFNClient({}), STATE_MACHINE_ARN, TASK_STATE_MACHINE_ARN);
}

/** A repository on its own fresh table, so every test starts from an empty store. */
export async function freshStore(
  dynamo: LocalDynamo,
): Promise<{ repository: DynamoTrajectoryRepository; tableName: string }> {
  const tableName = await dynamo.createTable();
  return { repository: new DynamoTrajectoryRepository({ tableName, client: dynamo.client }), tableName };
}

/** A create body as a client sends it. */
export const validBody = (overrides: Record<string, unknown> = {}) => ({
  employee: { name: 'Eva de Vries', email: uniqueEmail('employee') },
  manager: { name: 'Mark Jansen', email: uniqueEmail('manager') },
  hrAdvisor: { name: 'Hanna Bakker', email: uniqueEmail('hr-advisor') },
  reason: 'Deadlines van klantprojecten zijn het afgelopen kwartaal herhaaldelijk gemist.',
  ...overrides,
});

/** The validated input `newTrajectory` takes, for seeding the store directly. */
export const trajectoryInput = (overrides: Partial<CreateTrajectoryInput> = {}): CreateTrajectoryInput => ({
  employee: { name: 'Eva de Vries', email: uniqueEmail('employee') },
  manager: { name: 'Mark Jansen', email: uniqueEmail('manager') },
  hrAdvisor: { name: 'Hanna Bakker', email: uniqueEmail('hr-advisor') },
  reason: 'Deadlines van klantprojecten zijn het afgelopen kwartaal herhaaldelijk gemist.',
  locale: 'nl',
  ...overrides,
});
