/**
 * The embedded local cloud behind `npm start`: one process serving the HTTP API (same route
 * table and handlers as the deployed API), the action links, the local-only endpoints, and
 * behind them DynamoDB (dynalite), SES (aws-ses-v2-local) and the Step Functions engine, all on
 * one virtual clock. Handlers reach the services through the real AWS SDK clients pointed at
 * loopback endpoints by the standard AWS_ENDPOINT_URL_* variables.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse } from 'aws-lambda';
import { ROUTES } from '#api/routes.ts';
import { WORKFLOW_FUNCTIONS } from '#workflow/registry.ts';
import { useTransport } from '#adapters/aws-clients.ts';
import { clock as systemClock, installClock } from '#adapters/clock.ts';
import { createMailLedgerFromEnv } from '#adapters/dynamo-mail-ledger.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { createMailerFromEnv } from '#adapters/ses-mailer.ts';
import { ensureTable } from '#adapters/dynamo-create-table.ts';
import { VirtualClock } from './clock.ts';
import {
  createEngine,
  createSfnHttpHandler,
  type Engine,
  type ExecutionStatusChangeEvent,
} from './engine/index.ts';
import { handleSfnRequest } from './engine/http.ts';
import { inProcessTransport } from './in-process-transport.ts';
import { createApiGateway, send } from './api-gateway.ts';
import { pickLocale, t } from '#shared/i18n/catalogue.ts';
import { timeoutSecondsFor } from '#infra/function-timeouts.ts';
import { invokeHandler, localFunctionArn, runHandler } from './lambda-runtime.ts';
import { createLocalIssuer, LOCAL_AUDIENCE, type LocalIssuer } from './local-auth.ts';
import { dataPaths, startDynamo, startS3, startSes, type Emulator, type SesEmulator } from './emulators.ts';
import { createLocalEndpoints } from './local-endpoints.ts';
import { expireDue } from './ttl.ts';
import { startEventBus, type LocalEventBus } from './event-bus.ts';
import { createTableStream } from './table-stream.ts';
import { PUBLISHER_HANDLER } from '#events/lifecycle-publisher.ts';
import { startFaultProxy, type LocalFaults } from './faults.ts';
import type { LocalMeter } from './meter.ts';
import { assertPortsFree, portError } from './ports.ts';
import { lockDataDir, wipeDataDir, writeJsonFile } from './data-dir.ts';
import { loopbackHost, loopbackOnly } from './loopback.ts';

const definitionFile = (name: string) =>
  fileURLToPath(new URL(`../statemachine/${name}.asl.json`, import.meta.url));
const REGION = 'eu-west-1';
const ACCOUNT = '000000000000';
export const LOCAL_STATE_MACHINE_ARN = `arn:aws:states:${REGION}:000000000000:stateMachine:verbetertraject-trajectory`;
/** The human-task state machine: one execution per task, started by the trajectory's. */
export const LOCAL_TASK_STATE_MACHINE_ARN = `arn:aws:states:${REGION}:000000000000:stateMachine:verbetertraject-human-task`;
export const LOCAL_TABLE_NAME = 'verbetertraject';
/** The evidence files' bucket in the local S3. */
export const LOCAL_FILES_BUCKET = 'verbetertraject-files';
export const LOCAL_MAIL_FROM = 'verbetertraject@example.nl';
/** The local bus lifecycle events go to (docs/events.md). */
export const LOCAL_EVENT_BUS_NAME = 'verbetertraject';

export interface LocalCloudOptions {
  /** Port of the API; 0 picks a free one. Default 3000. */
  port?: number;
  /**
   * Ports of the emulators, for tools such as the AWS CLI (README, "Look inside"). Default 0, a
   * free one each; `npm start` passes fixed ones (local/ports.ts).
   */
  emulatorPorts?: { dynamodb?: number; sfn?: number; ses?: number; s3?: number };
  /** Where the data lives. Default `.local` in the working directory. */
  dataDir?: string;
  /** Wipe `dataDir` first. */
  fresh?: boolean;
  /**
   * Keep everything in memory: DynamoDB, the outbox, the executions, the clock and the signing
   * key. Nothing is read from or written to `dataDir` (which is not even created), so nothing
   * survives `close()`. For runs that never restart (the simulation): no disk writes to pay for.
   * Default false: `npm start` keeps its state in `dataDir`.
   */
  inMemory?: boolean;
  /** Virtual seconds per real second; 0 freezes time between clock advances. Default 1. */
  timeScale?: number;
  /**
   * Tests only: the virtual time to start at (a calendar to play through, say Christmas). A clock
   * saved in `dataDir` wins over it. Default: now.
   */
  startAt?: Date;
  /** Public base URL for links in mails; default the server's own URL. */
  baseUrl?: string;
  /**
   * Tests only: route SES and DynamoDB through fault-injecting proxies and ask before every
   * workflow function runs (local/faults.ts). Absent: nothing of it is wired in.
   */
  faults?: LocalFaults;
  /**
   * Benchmarks only: meters every Lambda invocation, API request and DynamoDB call per
   * trajectory (local/meter.ts). Absent: nothing of it is wired in.
   */
  meter?: LocalMeter;
  /**
   * Every lifecycle event put on the local bus is also POSTed here as JSON (`npm start --
   * --events-url <url>`). Absent: the events are only kept, for `GET /_local/events`.
   */
  forwardEventsTo?: string;
}

/** Where everything listens; also written to `endpoints.json` in the data directory. */
export interface CloudEndpoints {
  api: string;
  region: string;
  dynamodb: { endpoint: string; tableName: string };
  stepfunctions: { endpoint: string; stateMachineArn: string; taskStateMachineArn: string };
  ses: { endpoint: string; inbox: string };
  s3: { endpoint: string; bucket: string };
  events: { busName: string; forwardTo?: string };
}

export interface LocalCloud {
  url: string;
  endpoints: CloudEndpoints;
  clock: VirtualClock;
  engine: Engine;
  issuer: LocalIssuer;
  ses: SesEmulator;
  /** The local EventBridge bus and what was put on it. */
  events: LocalEventBus;
  close(): Promise<void>;
}

/**
 * The local stand-in for the rule on failed, timed-out and aborted executions: the same use case,
 * without the deployed handler's wait (a cancel's own stops are recognised by their error).
 */
async function watchStoppedExecution(event: ExecutionStatusChangeEvent): Promise<void> {
  if (event.detail.status === 'SUCCEEDED') return;
  const { executionStoppedStep } = await import('#workflow/execution-stopped.ts');
  await executionStoppedStep(
    {
      repository: createRepositoryFromEnv(),
      mailer: createMailerFromEnv(),
      ledger: createMailLedgerFromEnv(),
      clock: systemClock,
    },
    event,
  );
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * The body, or undefined when it is over `limit`. The rest of a body too large is still read (and
 * dropped): a server that stops reading mid-upload resets the connection, and the client then
 * gets that error instead of the 413.
 */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  return size > limit ? undefined : Buffer.concat(chunks);
}

/** The 413, on a connection that then closes: nothing of the refused upload is left on it. */
function tooLarge(res: ServerResponse): void {
  send(res, {
    statusCode: 413,
    headers: { 'content-type': 'application/json', connection: 'close' },
    body: JSON.stringify({ message: 'Request Entity Too Large' }),
  });
}

/** A request for another host than this machine's loopback: a web page's, through DNS rebinding. */
function misdirected(req: IncomingMessage, res: ServerResponse): void {
  const locale = pickLocale(req.headers['accept-language']);
  send(res, {
    statusCode: 421,
    headers: { 'content-type': 'text/plain; charset=utf-8', connection: 'close' },
    body: t(locale, 'local.misdirected'),
  });
}

export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const dataDir = options.dataDir ?? '.local';
  const { inMemory = false } = options;
  const ports = {
    api: options.port ?? 3000,
    dynamodb: options.emulatorPorts?.dynamodb ?? 0,
    sfn: options.emulatorPorts?.sfn ?? 0,
    ses: options.emulatorPorts?.ses ?? 0,
    s3: options.emulatorPorts?.s3 ?? 0,
  };
  // Ports first, then the lock, and only then the data: a `--fresh` start on a port in use, or on
  // the data directory of an instance that runs, must not wipe that instance's data.
  await assertPortsFree(ports);
  // In memory, every part is given no file: each then keeps its state in the process only.
  const paths: Partial<ReturnType<typeof dataPaths>> = inMemory ? {} : dataPaths(dataDir);
  const lock = inMemory ? undefined : lockDataDir(dataDir);

  let clock: VirtualClock;
  try {
    if (options.fresh && !inMemory) wipeDataDir(Object.values(dataPaths(dataDir)));
    clock = new VirtualClock({
      stateFile: paths.clock,
      ...(options.timeScale !== undefined ? { timeScale: options.timeScale } : {}),
      ...(options.startAt !== undefined ? { startAt: options.startAt } : {}),
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  installClock(clock);

  // Closed in reverse when the cloud stops or fails to start: the lock is released last.
  const started: (Emulator | { close(): Promise<void> })[] = [];
  if (lock) started.push({ close: async () => lock.release() });
  try {
    const dynamo = await startDynamo({ path: paths.dynamo, port: ports.dynamodb }).catch(
      portError('dynamodb', ports.dynamodb),
    );
    started.push(dynamo);
    const ses = await startSes({ file: paths.outbox, now: () => clock.now(), port: ports.ses }).catch(
      portError('ses', ports.ses),
    );
    started.push(ses);
    // In memory, S3's objects go to a folder of the process's own, removed when it stops.
    const s3Directory = paths.s3 ?? mkdtempSync(join(tmpdir(), 'verbetertraject-s3-'));
    const s3 = await startS3({
      directory: s3Directory,
      port: ports.s3,
      bucket: LOCAL_FILES_BUCKET,
      // The API's port is chosen later: any port of this machine's own names, and the public URL.
      uploadOrigins: [
        'http://localhost:*',
        'http://127.0.0.1:*',
        ...(options.baseUrl ? [new URL(options.baseUrl).origin] : []),
      ],
      credentials: {
        accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'local',
        secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
      },
    }).catch(portError('s3', ports.s3));
    started.push(s3);
    // The local S3 knows buckets by path only (`http://127.0.0.1:<port>/<bucket>/<key>`).
    useTransport('s3', { forcePathStyle: true });
    started.push({ close: async () => useTransport('s3', undefined) });
    if (!paths.s3) started.push({ close: async () => rmSync(s3Directory, { recursive: true, force: true }) });
    // The bus, and the table's stream that feeds its publisher, as EventBridge and DynamoDB
    // Streams do in AWS (local/event-bus.ts, local/table-stream.ts).
    const events = startEventBus({
      file: paths.events,
      now: () => clock.now(),
      region: REGION,
      account: ACCOUNT,
      ...(options.forwardEventsTo ? { forwardTo: options.forwardEventsTo } : {}),
    });
    // With a meter, the publisher is an invocation of its own (its calls are not the writer's).
    const runPublisher = options.meter ? options.meter.wrap(runHandler, 'workflow') : runHandler;
    const stream = createTableStream({
      tableName: LOCAL_TABLE_NAME,
      region: REGION,
      now: () => clock.now(),
      deliver: async (records) =>
        (await runPublisher(PUBLISHER_HANDLER, { Records: records })) as DynamoDBBatchResponse | undefined,
      track: (work) => clock.track(work),
    });
    const dynamoExchange: typeof dynamo.exchange = async (request) => {
      const answer = await dynamo.exchange(request);
      stream.observe(request.headers['x-amz-target'], request.body, answer.statusCode);
      return answer;
    };
    // Requests over dynalite's port (the fault proxy, the AWS CLI) feed the stream as well.
    dynamo.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('finish', () =>
        stream.observe(
          String(req.headers['x-amz-target'] ?? ''),
          Buffer.concat(chunks).toString('utf8'),
          res.statusCode,
        ),
      );
    });
    started.push({ close: () => stream.drained() });
    const { faults } = options;
    let dynamoEndpoint = dynamo.endpoint;
    let sesEndpoint = ses.endpoint;
    if (faults) {
      const dynamoProxy = await startFaultProxy(dynamo.endpoint, (req, body) =>
        faults.onDynamoRequest(String(req.headers['x-amz-target'] ?? ''), body),
      );
      started.push(dynamoProxy);
      const sesProxy = await startFaultProxy(ses.endpoint, (req) =>
        faults.onSesRequest(req.method ?? 'GET', req.url ?? '/'),
      );
      started.push(sesProxy);
      dynamoEndpoint = dynamoProxy.endpoint;
      sesEndpoint = sesProxy.endpoint;
    }

    // Listen first: the port (and so the URL in every link) must be known before handlers load.
    const server = createServer();
    // The port is open before the rest is ready; a request arriving then (a script started next
    // to `npm start`) waits for the real handler instead of hanging with nobody to answer it.
    const entry: { serve?: (req: IncomingMessage, res: ServerResponse) => void } = {};
    const early: [IncomingMessage, ServerResponse][] = [];
    const hosts = options.baseUrl ? [new URL(options.baseUrl).hostname] : [];
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (!loopbackHost(req.headers.host, hosts)) misdirected(req, res);
      else if (entry.serve) entry.serve(req, res);
      else early.push([req, res]);
    });
    const port = await listen(server, ports.api).catch(portError('api', ports.api));
    started.push({ close: () => closeServer(server) });
    const url = `http://localhost:${port}`;

    const { meter } = options;
    meter?.start();
    // The engine keeps each function's time, and answers a call that runs past it as Step
    // Functions does (Lambda.Unknown); the timeouts are the stack's own.
    const runStep = meter ? meter.wrap(runHandler, 'workflow') : runHandler;
    const lambdas = Object.fromEntries(
      WORKFLOW_FUNCTIONS.map((fn) => [
        localFunctionArn(fn.handler),
        {
          handler: async (payload: unknown) => {
            faults?.beforeInvoke(fn.handler, payload);
            return runStep(fn.handler, payload);
          },
          timeoutSeconds: timeoutSecondsFor(fn.handler),
        },
      ]),
    );
    const substitutions = {
      ...Object.fromEntries(WORKFLOW_FUNCTIONS.map((fn) => [fn.substitution, localFunctionArn(fn.handler)])),
      HumanTaskStateMachineArn: LOCAL_TASK_STATE_MACHINE_ARN,
    };
    const engine = await createEngine({
      clock,
      stateDir: paths.engine,
      lambdas,
      // What the EventBridge rule on stopped executions does in AWS (infra/constructs/execution-watch.ts).
      onExecutionStatusChange: (event) => watchStoppedExecution(event),
      definitions: {
        [LOCAL_STATE_MACHINE_ARN]: {
          definition: readFileSync(definitionFile('trajectory'), 'utf8'),
          substitutions,
        },
        [LOCAL_TASK_STATE_MACHINE_ARN]: {
          definition: readFileSync(definitionFile('human-task'), 'utf8'),
          substitutions,
        },
      },
    });
    started.push({ close: () => engine.close() });
    const sfnServer = createServer(createSfnHttpHandler(engine));
    loopbackOnly(sfnServer, 'Step Functions');
    const sfnPort = await listen(sfnServer, ports.sfn).catch(portError('sfn', ports.sfn));
    started.push({ close: () => closeServer(sfnServer) });

    // The handlers' SDK clients reach dynalite, the SES emulator and the engine in memory rather
    // than over loopback HTTP; with faults injected they keep going through the fault proxies.
    if (!faults) {
      useTransport('dynamodb', inProcessTransport('dynamodb', dynamoExchange));
      useTransport('sesv2', inProcessTransport('sesv2', ses.exchange));
      useTransport(
        'sfn',
        inProcessTransport('sfn', async (request) => {
          const answer = await handleSfnRequest(engine, {
            target: request.headers['x-amz-target'],
            body: request.body,
          });
          return { statusCode: answer.status, headers: answer.headers, body: answer.body };
        }),
      );
      started.push({
        close: async () => {
          useTransport('dynamodb', undefined);
          useTransport('sesv2', undefined);
          useTransport('sfn', undefined);
        },
      });
    }

    // The bus is in this process whatever else is: no fault proxy stands in front of it.
    useTransport('eventbridge', inProcessTransport('eventbridge', events.exchange));
    started.push({ close: async () => useTransport('eventbridge', undefined) });

    Object.assign(process.env, {
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
      AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
      AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
      AWS_ENDPOINT_URL_SESV2: sesEndpoint,
      AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${sfnPort}`,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      FILES_BUCKET: LOCAL_FILES_BUCKET,
      TABLE_NAME: LOCAL_TABLE_NAME,
      STATE_MACHINE_ARN: LOCAL_STATE_MACHINE_ARN,
      TASK_STATE_MACHINE_ARN: LOCAL_TASK_STATE_MACHINE_ARN,
      MAIL_FROM: LOCAL_MAIL_FROM,
      EVENT_BUS_NAME: LOCAL_EVENT_BUS_NAME,
      BASE_URL: options.baseUrl ?? url,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
    process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
    // Locally nobody collects metrics: their EMF lines would bury the terminal of `npm start`
    // (one JSON line per answered task). Powertools' own switch, so the handlers stay unchanged.
    process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

    const tableClient = new DynamoDBClient({ endpoint: dynamo.endpoint, region: REGION });
    await ensureTable(tableClient, LOCAL_TABLE_NAME);
    tableClient.destroy();

    const issuer = await createLocalIssuer({
      issuer: `${url}/_local`,
      dataDir: inMemory ? undefined : dataDir,
    });
    // The dashboard verifies its session cookie against these, as it does against Cognito in AWS.
    Object.assign(process.env, {
      AUTH_ISSUER: issuer.issuer,
      AUTH_AUDIENCE: LOCAL_AUDIENCE,
      AUTH_JWKS_URL: `${url}/_local/jwks.json`,
      SIGN_IN_URL: `${url}/_local/sign-in`,
    });
    const gateway = createApiGateway({
      routes: ROUTES,
      invoke: meter ? meter.wrap(invokeHandler, 'api') : invokeHandler,
      issuer,
    });
    const expire = async () => {
      const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: REGION });
      try {
        return await expireDue({ client, tableName: LOCAL_TABLE_NAME, invoke: invokeHandler }, clock.now());
      } finally {
        client.destroy();
      }
    };
    const local = createLocalEndpoints({ clock, issuer, ses, engine, expire, events, stream });

    const handle = async (req: IncomingMessage, res: ServerResponse) => {
      const body = await readBody(req, 10 * 1024 * 1024);
      if (!body) return tooLarge(res);
      if (await gateway(req, res, body)) return;
      send(res, {
        statusCode: 404,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'Not Found' }),
      });
    };
    const failed = (res: ServerResponse) => (error: unknown) => {
      console.error('Local cloud: a request failed', error instanceof Error ? error.name : 'error');
      if (!res.headersSent) send(res, { statusCode: 500, headers: {}, body: '' });
      else res.end();
    };
    const serve = (req: IncomingMessage, res: ServerResponse) => {
      // The local endpoints run outside the idle tracking: a clock advance waits for idleness
      // and must not wait for itself.
      if (req.url?.startsWith('/_local/')) {
        void readBody(req, 64 * 1024)
          .then(async (body) => (body ? await local(req, res, body) : tooLarge(res)))
          .catch(failed(res));
        return;
      }
      // Every other request is work in progress, so a clock advance answers once it settled.
      void clock.track(handle(req, res).catch(failed(res)));
    };
    entry.serve = serve;
    for (const [req, res] of early.splice(0)) serve(req, res);

    const endpoints: CloudEndpoints = {
      api: url,
      region: REGION,
      dynamodb: { endpoint: dynamo.endpoint, tableName: LOCAL_TABLE_NAME },
      stepfunctions: {
        endpoint: `http://127.0.0.1:${sfnPort}`,
        stateMachineArn: LOCAL_STATE_MACHINE_ARN,
        taskStateMachineArn: LOCAL_TASK_STATE_MACHINE_ARN,
      },
      ses: { endpoint: ses.endpoint, inbox: `${ses.endpoint}/` },
      s3: { endpoint: s3.endpoint, bucket: LOCAL_FILES_BUCKET },
      events: {
        busName: LOCAL_EVENT_BUS_NAME,
        ...(options.forwardEventsTo ? { forwardTo: options.forwardEventsTo } : {}),
      },
    };
    const { endpoints: endpointsFile } = paths;
    if (endpointsFile) {
      writeJsonFile(endpointsFile, endpoints);
      // Gone once the cloud stops: a tool that finds the file finds a cloud to talk to.
      started.push({ close: async () => rmSync(endpointsFile, { force: true }) });
    }

    return {
      url,
      endpoints,
      clock,
      engine,
      issuer,
      ses,
      events,
      async close() {
        for (const part of started.reverse()) await part.close();
        meter?.stop();
        clock.dispose();
      },
    };
  } catch (error) {
    for (const part of started.reverse()) await part.close().catch(() => undefined);
    options.meter?.stop();
    clock.dispose();
    throw error;
  }
}
