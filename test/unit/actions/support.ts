/**
 * Seeding and calling for the action-link and HR-action tests: a dossier on real dynalite with
 * a task the workflow waits on (its action link minted the way the workflow mints it), and a
 * caller that reads JSON, HTML and redirects alike.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import type { Goal, Locale, Task, TaskKind, Trajectory } from '#core/model.ts';
import { TASK_ASSIGNEE } from '#core/model.ts';
import { newTaskId, newTrajectory, startedEvent } from '#core/trajectory.ts';
import { mintActionLink } from '#shared/action-links.ts';
import { apiEvent, lambdaContext, NOW, trajectoryInput, type Claims } from '../api/support.ts';

export const BASE_URL = 'https://verbetertraject.example.test';
export const DAY_MS = 86_400_000;

/** Looks like a Step Functions task token: long, opaque, and worth keeping secret. */
export const taskTokenFor = (label: string) => `AQCEAAAAKgAAAAMAAAAAAAAAA${label}${'x'.repeat(120)}`;

export const goal = (n: number): Goal => ({
  title: `Doel ${n}`,
  specific: 'Klantprojecten op tijd opleveren',
  measure: 'Opleverdata in het projectsysteem',
  target: '9 van de 10 projecten op tijd',
  deadline: '2026-05-22',
  support: 'Wekelijks overleg over de planning',
});

export interface Seeded {
  trajectory: Trajectory;
  task: Task;
  /** The secret in the mailed link. */
  token: string;
}

export interface SeedOptions {
  kind?: TaskKind;
  locale?: Locale;
  status?: Trajectory['status'];
  taskStatus?: Task['status'];
  /** `null`: the workflow holds no live token (between a timeout and the next Ask entry). */
  taskToken?: string | null;
  dueAt?: string;
  chaseStage?: Task['chaseStage'];
  goals?: Goal[];
  employeeName?: string;
  trajectory?: Partial<Trajectory>;
  /** Tasks answered before this one (e.g. the conversation an employee responds to). */
  earlier?: { kind: TaskKind; response: unknown }[];
}

/** A trajectory with one task of `kind` that the workflow is waiting on, and its action link. */
export async function seedTask(repository: DynamoTrajectoryRepository, options: SeedOptions = {}) {
  const kind = options.kind ?? 'identify';
  const base = newTrajectory(
    trajectoryInput({
      locale: options.locale ?? 'nl',
      employee: {
        name: options.employeeName ?? 'Eva de Vries',
        email: `employee-${randomUUID()}@example.test`,
      },
    }),
    { id: randomUUID(), now: NOW },
  );
  const trajectory: Trajectory = {
    ...base,
    goals: options.goals ?? [],
    ...(options.status && options.status !== 'active'
      ? { status: options.status, phase: 'closed', closedAt: NOW.toISOString() }
      : {}),
    ...options.trajectory,
  };
  await repository.createTrajectory(trajectory, [startedEvent(trajectory)]);
  let opened = NOW.getTime();
  for (const [index, earlier] of (options.earlier ?? []).entries()) {
    await repository.createTask({
      id: newTaskId(earlier.kind, index + 1),
      trajectoryId: trajectory.id,
      kind: earlier.kind,
      assignee: TASK_ASSIGNEE[earlier.kind],
      status: 'done',
      openedAt: new Date(opened).toISOString(),
      dueAt: new Date(opened + 5 * DAY_MS).toISOString(),
      chaseStage: 'none',
      response: earlier.response,
      completedAt: new Date(opened + DAY_MS).toISOString(),
      version: 1,
    });
    opened += 2 * DAY_MS;
  }
  const { token, linkHash } = mintActionLink();
  const task: Task = {
    id: newTaskId(kind, 1),
    trajectoryId: trajectory.id,
    kind,
    assignee: TASK_ASSIGNEE[kind],
    status: options.taskStatus ?? 'open',
    openedAt: new Date(opened).toISOString(),
    // Thursday 5 March 2026, 17:00 in Amsterdam.
    dueAt: options.dueAt ?? '2026-03-05T16:00:00.000Z',
    chaseStage: options.chaseStage ?? 'none',
    ...(kind === 'follow-up' ? { meeting: 1 } : {}),
    linkHash,
    ...(options.taskToken === null ? {} : { taskToken: options.taskToken ?? taskTokenFor(kind) }),
    requestedAt: new Date(opened).toISOString(),
    version: 0,
  };
  await repository.createTask(task);
  await repository.putActionLink({
    linkHash,
    trajectoryId: trajectory.id,
    taskId: task.id,
    createdAt: task.openedAt,
  });
  return { trajectory, task, token } satisfies Seeded;
}

export interface RawReply {
  statusCode: number;
  headers: Record<string, string>;
  text: string;
  /** The body parsed, when it is JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

type Handler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: ReturnType<typeof lambdaContext>,
) => Promise<unknown>;

export async function invoke(
  handler: Handler,
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
): Promise<RawReply> {
  const result = (await handler(event, lambdaContext())) as {
    statusCode: number;
    headers?: Record<string, string | number | boolean>;
    body?: string;
  };
  const headers = Object.fromEntries(
    Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
  const text = result.body ?? '';
  const json = headers['content-type']?.startsWith('application/json') && text ? JSON.parse(text) : undefined;
  return { statusCode: result.statusCode, headers, text, json };
}

export interface LinkRequest {
  accept?: string;
  acceptLanguage?: string;
  /** An object is sent as JSON; a string as given (with `contentType`). */
  body?: unknown;
  contentType?: string;
}

/** A request to `/actions/{token}` as API Gateway passes it: no authorizer, the token in the path. */
export function linkEvent(method: 'GET' | 'POST', token: string, request: LinkRequest = {}) {
  const headers: Record<string, string> = { accept: request.accept ?? 'application/json' };
  if (request.acceptLanguage) headers['accept-language'] = request.acceptLanguage;
  if (request.contentType) headers['content-type'] = request.contentType;
  return apiEvent({
    method,
    route: '/actions/{token}',
    pathParameters: { token },
    headers,
    claims: null,
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
}

/** A form body the way a browser encodes it. */
export const form = (fields: [string, string][]): string => new URLSearchParams(fields).toString();

export const FORM = 'application/x-www-form-urlencoded';
export const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** An HR or manager call to one of the trajectory routes. */
export function hrEvent(
  route: string,
  pathParameters: Record<string, string>,
  body: unknown,
  claims: Claims,
) {
  return apiEvent({ method: 'POST', route, pathParameters, body, claims });
}

/** The parts of a dossier a request may change, for before/after comparisons. */
export async function snapshot(repository: DynamoTrajectoryRepository, id: string) {
  const dossier = await repository.getDossier(id);
  const links = dossier?.tasks.map((task) => task.linkHash).filter((hash): hash is string => !!hash) ?? [];
  return { dossier, links: await Promise.all(links.map((hash) => repository.findActionLink(hash))) };
}
