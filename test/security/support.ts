/**
 * Shared set-up of the security tests: a local cloud (test/local/cloud/support.ts) and
 * trajectories created through the public API the way HR creates them, each waited on until
 * its first task is open and its action link has been mailed to the manager.
 */
import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { LOCAL_TABLE_NAME } from '#local/cloud.ts';
import { createLocalIssuer } from '#local/local-auth.ts';
import type { TestCloud } from '../local/cloud/support.ts';

export { startTestCloud, type TestCloud } from '../local/cloud/support.ts';

/** Unique per call, so no two tests (or cells of a matrix) ever share a person. */
export const uniqueEmail = (who: string): string => `${who}-${randomUUID().slice(0, 8)}@example.test`;

export function trajectoryBody(people: { manager: string; employee?: string; hrAdvisor?: string }) {
  return {
    employee: { name: 'Eva de Vries', email: people.employee ?? uniqueEmail('employee') },
    manager: { name: 'Mark Jansen', email: people.manager },
    hrAdvisor: { name: 'Hanna Bakker', email: people.hrAdvisor ?? uniqueEmail('hr-advisor') },
    reason: 'Projecten worden structureel te laat opgeleverd.',
  };
}

/** A valid answer to the first task (`identify`). */
export const IDENTIFY_ANSWER = {
  improvementAreas: [{ title: 'Planning', examples: ['Project X twee weken te laat opgeleverd.'] }],
};

export interface LiveTrajectory {
  id: string;
  /** The open `identify` task. */
  taskId: string;
  /** The secret of the action link mailed to the manager. */
  linkToken: string;
  managerEmail: string;
  employeeEmail: string;
  hrAdvisorEmail: string;
}

const LINK = /\/actions\/([A-Za-z0-9_-]{22,128})/;

/** The token of the newest action link in `text`, if any. */
export function linkTokenIn(text: string): string | undefined {
  return LINK.exec(text)?.[1];
}

/**
 * Creates a trajectory as HR through `POST /trajectories`, lets the workflow open the first task
 * and mail its link, and returns what a test needs to address it.
 */
export async function createLiveTrajectory(
  cloud: TestCloud,
  hrToken: string,
  options: { manager?: string; body?: Record<string, unknown> } = {},
): Promise<LiveTrajectory> {
  const managerEmail = options.manager ?? uniqueEmail('manager');
  const body = { ...trajectoryBody({ manager: managerEmail }), ...options.body };
  // A manager may have several trajectories: only the mails this one caused count, once
  // whatever an earlier request set in motion has settled.
  await cloud.engine.whenIdle();
  const mailedBefore = (await cloud.outbox(managerEmail)).length;
  const created = await cloud.request('POST', '/trajectories', { token: hrToken, body });
  if (created.status !== 201)
    throw new Error(`create failed: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  await cloud.engine.whenIdle();
  const dossier = await cloud.request('GET', `/trajectories/${id}`, { token: hrToken });
  const task = (dossier.body.tasks as { id: string; kind: string; status: string }[]).find(
    (candidate) => candidate.kind === 'identify' && candidate.status === 'open',
  );
  if (!task) throw new Error('the identify task did not open');
  const mails = (await cloud.outbox(managerEmail)).slice(mailedBefore);
  const linkToken = mails.map((mail) => linkTokenIn(mail.text)).find(Boolean);
  if (!linkToken) throw new Error('no action link was mailed to the manager');
  return {
    id,
    taskId: task.id,
    linkToken,
    managerEmail,
    employeeEmail: (body.employee as { email: string }).email,
    hrAdvisorEmail: (body.hrAdvisor as { email: string }).email,
  };
}

/** The same claims as a valid token, signed with a key the local authorizer does not trust. */
export async function tokenWithForeignSignature(cloud: TestCloud, email: string): Promise<string> {
  const stranger = await createLocalIssuer({ issuer: cloud.issuer.issuer });
  return stranger.issue({ email, role: 'hr' });
}

/** A token of the local issuer that expired a minute ago. */
export function expiredToken(cloud: TestCloud, email: string): Promise<string> {
  return cloud.issuer.issue({ email, role: 'hr', expiresIn: Math.floor(Date.now() / 1000) - 60 });
}

export interface WriteCounter {
  /** Write operations (PutItem, UpdateItem, DeleteItem, BatchWriteItem, Transact*) seen so far. */
  readonly writes: number;
  /** Every operation by name, e.g. `{ GetItem: 12, PutItem: 3 }`. */
  readonly operations: Readonly<Record<string, number>>;
  close(): Promise<void>;
}

const WRITE_OPERATIONS = new Set([
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
  'ExecuteStatement',
  'BatchExecuteStatement',
]);

/**
 * A loopback proxy in front of the local DynamoDB that counts operations by their
 * `X-Amz-Target`. Call it before the first request reaches a handler: handlers build their
 * clients when their module loads, from `AWS_ENDPOINT_URL_DYNAMODB`, which this repoints.
 */
export async function countDynamoWrites(): Promise<WriteCounter> {
  const target = process.env.AWS_ENDPOINT_URL_DYNAMODB;
  if (!target) throw new Error('start the local cloud first: AWS_ENDPOINT_URL_DYNAMODB is not set');
  const upstream = new URL(target);
  const operations: Record<string, number> = {};
  let writes = 0;
  const server = createServer((req, res) => {
    const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? 'unknown';
    operations[operation] = (operations[operation] ?? 0) + 1;
    if (WRITE_OPERATIONS.has(operation)) writes++;
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.AWS_ENDPOINT_URL_DYNAMODB = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    get writes() {
      return writes;
    },
    get operations() {
      return { ...operations };
    },
    close: () =>
      new Promise<void>((resolve) => {
        process.env.AWS_ENDPOINT_URL_DYNAMODB = target;
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Every item of the local table, sorted by key: a before/after picture of all that is stored. */
export async function tableSnapshot(): Promise<string[]> {
  const client = new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB });
  const items: string[] = [];
  try {
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({ TableName: LOCAL_TABLE_NAME, ConsistentRead: true, ExclusiveStartKey: start }),
      );
      for (const item of page.Items ?? []) items.push(JSON.stringify(Object.entries(item).sort()));
      start = page.LastEvaluatedKey;
    } while (start);
  } finally {
    client.destroy();
  }
  return items.sort();
}
