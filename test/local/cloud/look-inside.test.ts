/**
 * README.md, "Look inside": `npm start` prints its emulators' endpoints and keeps them in
 * `endpoints.json`, and the AWS SDK gets there what the README's AWS CLI commands ask for. The
 * commands' values (the state machine, the execution, the table, the key) are read from the
 * README itself, so the section cannot drift from the code without this test failing.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORT_SETTINGS } from '#local/ports.ts';
import { freePort, startCli, type RunningCli } from './cli-support.ts';

const parent = mkdtempSync(join(tmpdir(), 'verbetertraject-look-inside-'));
const running: RunningCli[] = [];
afterAll(async () => {
  for (const cli of running) await cli.stop();
  rmSync(parent, { recursive: true, force: true });
});

function start(args: string[], env: Record<string, string> = {}): RunningCli {
  const cli = startCli(args, env);
  running.push(cli);
  return cli;
}

/** The section of the README, and the values its commands use. */
function readmeSection() {
  const readme = readFileSync('README.md', 'utf8');
  const section = /\n## Look inside\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
  const value = (pattern: RegExp) => pattern.exec(section)?.[1] ?? '';
  return {
    section,
    stateMachineArn: value(/--state-machine-arn (\S+)/),
    executionArn: (id: string) => value(/EXECUTION=(\S+)/).replace('$ID', id),
    tableName: value(/--table-name (\S+)/),
    keyCondition: value(/--key-condition-expression '([^']+)'/),
    partitionKey: (id: string) => value(/\\"S\\":\\"([^\\]+)\\"/).replace('$ID', id),
    credentials: {
      accessKeyId: value(/AWS_ACCESS_KEY_ID=(\S+)/),
      secretAccessKey: value(/AWS_SECRET_ACCESS_KEY=(\S+)/),
    },
    region: value(/AWS_DEFAULT_REGION=(\S+)/),
  };
}

/** The endpoints as `npm start` printed them. */
function printedEndpoints(output: string) {
  const url = (pattern: RegExp) => pattern.exec(output)?.[1];
  return {
    dynamodb: url(/^ {2}DynamoDB +(http:\S+)/m),
    stepfunctions: url(/^ {2}Step Functions +(http:\S+)/m),
    ses: url(/^ {2}SES +(http:\S+)/m),
    inbox: url(/inbox in a browser: (http:\S+)\)/),
  };
}

async function api(url: string, method: string, path: string, body?: unknown, token?: string) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(token && { authorization: `Bearer ${token}` }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const ports = { dynamodb: 0, sfn: 0, ses: 0 };
let first: RunningCli;
let firstUrl: string;
const firstDir = join(parent, 'first');

beforeAll(async () => {
  ports.dynamodb = await freePort();
  ports.sfn = await freePort();
  ports.ses = await freePort();
  first = start([
    '--data-dir',
    firstDir,
    '--dynamodb-port',
    String(ports.dynamodb),
    '--sfn-port',
    String(ports.sfn),
    '--ses-port',
    String(ports.ses),
  ]);
  firstUrl = await first.ready;
});

describe('README, "Look inside"', () => {
  it('prints the emulator endpoints, keeps them in endpoints.json, and the AWS SDK finds the trajectory there', async () => {
    // Prepare: the endpoints as printed, and a trajectory with its first mails.
    const printed = printedEndpoints(first.output());
    const kept = JSON.parse(readFileSync(join(firstDir, 'endpoints.json'), 'utf8'));
    const readme = readmeSection();
    const hr = (await api(firstUrl, 'GET', '/_local/token?email=fatima.elamrani@example.nl&role=hr')).body
      .token as string;
    const trajectory = JSON.parse(readFileSync('examples/trajectory.json', 'utf8'));
    const id = (await api(firstUrl, 'POST', '/trajectories', trajectory, hr)).body.id as string;
    await api(firstUrl, 'POST', '/_local/clock', { days: 0 });
    const client = { region: readme.region, credentials: readme.credentials };
    const sfn = new SFNClient({ ...client, endpoint: printed.stepfunctions });
    const dynamodb = new DynamoDBClient({ ...client, endpoint: printed.dynamodb });

    // Act: what the README's commands ask for.
    const executions = await sfn.send(new ListExecutionsCommand({ stateMachineArn: readme.stateMachineArn }));
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn: readme.executionArn(id) }));
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn: readme.executionArn(id) }));
    const dossier = await dynamodb.send(
      new QueryCommand({
        TableName: readme.tableName,
        KeyConditionExpression: readme.keyCondition,
        ExpressionAttributeValues: { ':pk': { S: readme.partitionKey(id) } },
      }),
    );
    const inbox = await fetch(printed.inbox!);
    const store = (await (await fetch(`${printed.ses}/store`)).json()) as {
      emails: { destination: { to: string[] }; subject: string }[];
    };
    sfn.destroy();
    dynamodb.destroy();

    // Assert
    expect(printed).toEqual({
      dynamodb: `http://127.0.0.1:${ports.dynamodb}`,
      stepfunctions: `http://127.0.0.1:${ports.sfn}`,
      ses: `http://127.0.0.1:${ports.ses}`,
      inbox: `http://127.0.0.1:${ports.ses}/`,
    });
    expect(kept).toMatchObject({
      api: firstUrl,
      dynamodb: { endpoint: printed.dynamodb, tableName: readme.tableName },
      stepfunctions: { endpoint: printed.stepfunctions, stateMachineArn: readme.stateMachineArn },
      ses: { endpoint: printed.ses, inbox: printed.inbox },
    });
    expect(executions.executions?.map((item) => item.name)).toContain(id);
    expect(execution.status).toBe('RUNNING');
    expect(history.events?.[0]?.type).toBe('ExecutionStarted');
    const sortKeys = dossier.Items?.map((item) => item.SK?.S) ?? [];
    expect(sortKeys).toContain('META');
    expect(sortKeys.some((key) => key?.startsWith('EVENT#'))).toBe(true);
    expect(inbox.status).toBe(200);
    expect(inbox.headers.get('content-type')).toMatch(/^text\/html/);
    const toManager = store.emails.filter((mail) => mail.destination.to.includes(trajectory.manager.email));
    expect(toManager.length).toBeGreaterThan(0);
  }, 60_000);

  it('names the default ports, flags and variables the code has', () => {
    const { section } = readmeSection();
    for (const service of ['dynamodb', 'sfn', 'ses'] as const) {
      const { flag, env, default: port } = PORT_SETTINGS[service];
      expect(section).toContain(`| \`http://127.0.0.1:${port}\` | \`${flag}\``);
      expect(section).toContain(`\`${env}\``);
    }
    expect(section).toContain(`SFN=http://127.0.0.1:${PORT_SETTINGS.sfn.default}`);
    expect(section).toContain(`DDB=http://127.0.0.1:${PORT_SETTINGS.dynamodb.default}`);
    expect(section).toContain(`http://127.0.0.1:${PORT_SETTINGS.ses.default}/`);
  });
});

describe('two local clouds on one machine', () => {
  it('refuses a second one on an emulator port in use, naming the port and how to change it; with ports of its own it runs beside the first', async () => {
    // Act: the same DynamoDB port, everything else its own.
    const clash = start(['--data-dir', join(parent, 'clash')], {
      VERBETERTRAJECT_DYNAMODB_PORT: String(ports.dynamodb),
    });
    const clashCode = await clash.exited;
    const beside = start(['--data-dir', join(parent, 'beside')]);
    const besideUrl = await beside.ready;

    // Assert
    expect(clashCode).toBe(1);
    expect(clash.output()).toContain(`Port ${ports.dynamodb} for the DynamoDB emulator is already in use`);
    expect(clash.output()).toContain('--dynamodb-port <port> or VERBETERTRAJECT_DYNAMODB_PORT=<port>');
    expect(existsSync(join(parent, 'clash'))).toBe(false);
    expect((await fetch(`${firstUrl}/_local/clock`)).status).toBe(200);
    expect((await fetch(`${besideUrl}/_local/clock`)).status).toBe(200);
    expect(printedEndpoints(beside.output()).dynamodb).not.toBe(`http://127.0.0.1:${ports.dynamodb}`);
    await beside.stop();
  }, 60_000);

  it('refuses a second one on the same data directory, even with --fresh, and leaves the first its data', async () => {
    // Act
    const sameDir = start(['--fresh', '--data-dir', firstDir]);
    const sameDirCode = await sameDir.exited;
    const samePort = start(['--fresh', '--data-dir', firstDir], { PORT: new URL(firstUrl).port });
    const samePortCode = await samePort.exited;

    // Assert
    expect(sameDirCode).toBe(1);
    expect(sameDir.output()).toContain(
      `The folder ${firstDir} is in use by another verbetertraject (process ${first.child.pid})`,
    );
    expect(samePortCode).toBe(1);
    expect(samePort.output()).toContain(`Port ${new URL(firstUrl).port} is already in use`);
    for (const file of ['dynamodb', 'outbox.json', 'jwt-signing-key.json', 'endpoints.json', 'lock'])
      expect(existsSync(join(firstDir, file)), file).toBe(true);
    const outbox = (await api(firstUrl, 'GET', '/_local/outbox')).body.messages as unknown[];
    expect(outbox.length).toBeGreaterThan(0);
  }, 60_000);
});
