/**
 * The 1,000-trajectory simulation: runs a seeded mix of whole trajectories on the local cloud,
 * through the public contract only, and puts a price on each from what it used: Step Functions
 * transitions, Lambda invocations and their duration, DynamoDB request units, API requests,
 * mails and log bytes, at the list prices of bench/prices.ts.
 *
 * The trajectories run in lock step rather than one after another: all are created, then each
 * round every trajectory's assignees answer what their mail asks of them, and the virtual clock
 * moves on a few hours. People act as people do: they read their mail (`/_local/outbox`), open
 * the link (`GET /actions/<token>`) and answer it (`POST`); HR uses the API with a token.
 *
 * The trajectories are split over a few processes (`processes`, default one per core, at most 2),
 * each running its own local cloud in memory; their figures are merged. The mix does not depend on
 * the split: every process draws the whole seeded mix and takes its share.
 *
 * `npx tsx bench/simulate.ts --trajectories 50 [--processes 2] [--concurrency 4] [--seed 1]` prints
 * the report; `npm run bench` (bench/run.ts) puts it into docs/PERFORMANCE.md.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DeleteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { clientConfig } from '#adapters/aws-clients.ts';
import {
  LOCAL_STATE_MACHINE_ARN,
  LOCAL_TABLE_NAME,
  LOCAL_TASK_STATE_MACHINE_ARN,
  startLocalCloud,
  type LocalCloud,
} from '#local/cloud.ts';
import type { HistoryEvent } from '#local/engine/index.ts';
import { invokeHandler } from '#local/lambda-runtime.ts';
import { PURGE_HANDLER, ttlRemoval } from '#local/ttl.ts';
import {
  addUsage,
  emptyUsage,
  LocalMeter,
  transitionsOf,
  type FunctionUsage,
  type Usage,
} from '#local/meter.ts';
import {
  CLOUDWATCH_LOGS_PER_BYTE,
  DYNAMODB_PER_READ_UNIT,
  DYNAMODB_PER_WRITE_UNIT,
  HTTP_API_PER_REQUEST,
  LAMBDA_ARM_PER_GB_SECOND,
  LAMBDA_MEMORY_GB,
  LAMBDA_PER_REQUEST,
  PRICE_SHEET,
  SES_PER_MAIL,
  STEP_FUNCTIONS_PER_TRANSITION,
  type PriceSheet,
} from './prices.ts';

// ---------------------------------------------------------------------------------------------
// What the simulation reports

export const SCENARIO_KINDS = [
  'standard',
  'escalation',
  'revision',
  'extension',
  'unsuccessful',
  'cancelled',
] as const;
export type ScenarioKind = (typeof SCENARIO_KINDS)[number];

/** What each kind of trajectory does, and how often it is drawn. */
export const SCENARIOS: Record<ScenarioKind, { share: number; description: string; expect: string }> = {
  standard: {
    share: 0.45,
    description: 'every task answered as soon as its mail arrives; successful',
    expect: 'completed',
  },
  escalation: {
    share: 0.15,
    description:
      'one manager task left until after the second escalation, then done late; the employee never responds',
    expect: 'completed',
  },
  revision: { share: 0.1, description: 'HR sends the plan back once, then approves it', expect: 'completed' },
  extension: {
    share: 0.1,
    description: 'HR moves the conversation deadline; the evaluation extends the term by 4 weeks once',
    expect: 'completed',
  },
  unsuccessful: {
    share: 0.1,
    description: 'the evaluation ends the trajectory unsuccessfully',
    expect: 'ended',
  },
  cancelled: {
    share: 0.1,
    description: 'HR cancels it while the plan waits for approval',
    expect: 'cancelled',
  },
};

export interface Stat {
  mean: number;
  p95: number;
  max: number;
}

/** Mean dollars per trajectory, by what they pay for. */
export interface CostParts {
  stepFunctions: number;
  lambdaRequests: number;
  lambdaDuration: number;
  dynamodbReads: number;
  dynamodbWrites: number;
  ses: number;
  httpApi: number;
  logs: number;
}

export interface GroupFigures {
  kind: ScenarioKind | 'all';
  trajectories: number;
  transitions: Stat;
  lambdaInvocations: Stat;
  /** Billed ms per trajectory: the measured in-process time of each invocation, a stand-in. */
  lambdaBilledMs: Stat;
  readUnits: Stat;
  /** Reported by DynamoDB (the emulator) plus the estimated units it does not report. */
  writeUnits: Stat;
  apiRequests: Stat;
  mails: Stat;
  logBytes: Stat;
  costUsd: Stat;
  costParts: CostParts;
}

export interface SimulationFigures {
  trajectories: number;
  /** Requests in flight at once, per process. */
  concurrency: number;
  seed: number;
  /** Processes the trajectories were split over, each with a local cloud of its own. */
  processes: number;
  /** Real seconds from the first create to the last trajectory closed (in any process). */
  wallSeconds: number;
  /** Real seconds of the whole run: starting the processes and their clouds, and reading the figures, included. */
  totalSeconds: number;
  /** Real seconds to create all trajectories (the slowest process). */
  createSeconds: number;
  /**
   * CPU seconds (user + system) the processes used over `wallSeconds`, summed: on a shared
   * machine, the fairer figure.
   */
  cpuSeconds: number;
  /** CPU seconds of every process over the whole run (`totalSeconds`), summed. */
  totalCpuSeconds: number;
  rounds: number;
  virtualDays: number;
  /** Final status counts; `unexpected` counts trajectories whose status is not their scenario's. */
  statuses: Record<string, number>;
  unexpected: number;
  /** Requests answered with a 5xx (an overloaded machine: a local Lambda ran past its timeout). */
  failures: number;
  overall: GroupFigures;
  scenarios: GroupFigures[];
  /** Transitions per state name, mean per standard trajectory, most first. */
  standardTransitionsByState: { state: string; perTrajectory: number }[];
  /**
   * History events per execution, the process's and each task's: Step Functions keeps at most
   * 25,000 per execution, so the most any one reached is the figure to watch.
   */
  historyEventsPerExecution: { executions: number; mean: number; max: number };
  /**
   * Per function: invocations and billed ms, mean per trajectory, mean ms per invocation, and the
   * DynamoDB calls of one invocation on average.
   */
  functions: {
    handler: string;
    perTrajectory: number;
    meanMs: number;
    maxMs: number;
    dynamoCallsPerInvocation: number;
  }[];
  /** The mails of one standard trajectory by kind and recipient role (its `mail-sent` events). */
  standardMails: { mail: string; to: string; count: number }[];
  /** DynamoDB calls by command, mean per trajectory. */
  dynamoCalls: Record<string, number>;
  /** Mean units per trajectory that the emulator does not report and the simulation estimated. */
  estimatedWriteUnits: number;
  /** Usage nobody trajectory caused (HR listing trajectories at the end). */
  unattributedInvocations: number;
  targets: {
    standardTransitions: { limit: number; value: number; met: boolean };
    standardCostUsd: { limit: number; value: number; met: boolean };
    wallSecondsPerThousand: { limit: number; value: number; met: boolean };
  };
  prices: PriceSheet;
}

export interface SimulationOptions {
  trajectories: number;
  /** Requests in flight at once, per process. Default 4: the work is CPU-bound, more only lengthens each request. */
  concurrency?: number;
  seed?: number;
  /**
   * Processes to split the trajectories over, each running a local cloud of its own (in memory).
   * Default: one per core, at most 2. With 1 the simulation runs in the calling process.
   */
  processes?: number;
  /** Progress lines; default silent. */
  log?: (line: string) => void;
}

// ---------------------------------------------------------------------------------------------
// Log bytes AWS would ingest that the local cloud does not write

/**
 * Per invocation, the Lambda platform's own lines in TEXT format (START, END, REPORT with its
 * X-Ray segment): about 90 + 60 + 290 bytes.
 */
const LAMBDA_PLATFORM_LOG_BYTES = 440;
/** One access-log line per API request, the JSON format of infra/constructs/api.ts with typical values. */
const API_ACCESS_LOG_BYTES = Buffer.byteLength(
  JSON.stringify({
    requestId: 'Xq3bWj4aDoEEMkQ=',
    requestTime: '26/Nov/2026:09:12:31 +0000',
    ip: '203.0.113.17',
    routeKey: 'POST /actions/{token}',
    status: '200',
    protocol: 'HTTP/1.1',
    responseLength: '412',
    responseLatency: '87',
    integrationError: '-',
    authorizerError: '-',
  }),
);
/** The envelope Step Functions wraps around each history event in its log (level ALL, no execution data). */
const SFN_LOG_ENVELOPE_BYTES = Buffer.byteLength(
  JSON.stringify({
    id: '12',
    type: '',
    details: {},
    previous_event_id: '11',
    event_timestamp: '1795000000000',
    execution_arn:
      'arn:aws:states:eu-west-1:123456789012:execution:verbetertraject-prod-trajectory:0f7c2a64-1d3e-4b5a-9c8d-7e6f5a4b3c2d',
    redrive_count: '0',
  }),
);

// ---------------------------------------------------------------------------------------------
// The people and their answers

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
/** Virtual hours between two rounds: how long a mail may wait before its reader acts on it. */
const ROUND_HOURS = 6;
/** A trajectory still open after this many virtual days is stuck: the run fails. */
const MAX_VIRTUAL_DAYS = 500;

/** Mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function drawKind(next: () => number): ScenarioKind {
  let draw = next();
  for (const kind of SCENARIO_KINDS) {
    draw -= SCENARIOS[kind].share;
    if (draw < 0) return kind;
  }
  return 'standard';
}

/**
 * Roughly what a trajectory of each kind takes to run, in Lambda invocations (this bench's own
 * figures), to share the mix out evenly over the processes.
 */
export const SCENARIO_WORK: Record<ScenarioKind, number> = {
  standard: 73,
  escalation: 83,
  revision: 83,
  extension: 91,
  unsuccessful: 73,
  cancelled: 26,
};

/**
 * The process that runs each trajectory of the mix: in the mix's order, each goes to the process
 * with the least work so far (the lowest on a tie), so no process is left with the expensive
 * kinds and the others wait for it. The same for the same mix everywhere.
 */
export function shareOut(kinds: readonly ScenarioKind[], processes: number): number[] {
  const work = new Array<number>(processes).fill(0);
  return kinds.map((kind) => {
    let least = 0;
    for (let other = 1; other < processes; other++) if (work[other]! < work[least]!) least = other;
    work[least] = work[least]! + SCENARIO_WORK[kind];
    return least;
  });
}

const LATE_TASKS = ['identify', 'conversation', 'plan', 'follow-up', 'evaluation'] as const;

interface Sim {
  index: number;
  kind: ScenarioKind;
  emails: { employee: string; manager: string; hrAdvisor: string };
  id?: string;
  /** For `escalation`: the manager task answered late. */
  lateTask?: (typeof LATE_TASKS)[number];
  /** Task ids already answered, scheduled or acted on. */
  handled: Set<string>;
  evaluations: number;
  planApprovals: number;
  done: boolean;
  mails: number;
}

interface Action {
  at: number;
  sim: Sim;
  run: () => Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read loosely, as a client reads it
type Json = any;

const amsterdamDate = (ms: number): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(ms);

function answerFor(sim: Sim, kind: string, now: number, withRedeployment: boolean): unknown {
  const heldOn = amsterdamDate(now);
  switch (kind) {
    case 'identify':
      return {
        improvementAreas: [
          { title: 'Afspraken nakomen', examples: ['Offerte twee weken te laat (beoordeling maart)'] },
        ],
      };
    case 'conversation':
      return {
        heldOn,
        summary: 'De voorbeelden besproken en wat er nodig is.',
        employeePerspective: 'Herkent de punten; noemt de werkdruk.',
        agreements: 'Wekelijks overleg; knelpunten direct melden.',
      };
    case 'employee-response':
      return { response: 'Ik herken de punten, maar de werkdruk was hoog.' };
    case 'plan':
      return {
        goals: [
          {
            title: 'Offertes op tijd',
            specific: 'Elke offerte gaat binnen vijf werkdagen de deur uit.',
            measure: 'Doorlooptijd in het CRM',
            target: '95% binnen vijf werkdagen',
            // Inside the term, as a plan's deadlines must be (core/dossier-rules.ts).
            deadline: amsterdamDate(now + 28 * DAY_MS),
            support: 'Wekelijks overleg en een cursus timemanagement.',
          },
        ],
      };
    case 'plan-approval':
      sim.planApprovals += 1;
      return sim.kind === 'revision' && sim.planApprovals === 1
        ? { decision: 'revise', comments: 'Maak het doel meetbaarder.' }
        : { decision: 'approve', comments: 'Akkoord.' };
    case 'plan-acknowledgement':
      return { acknowledged: true, comments: 'Ontvangen.' };
    case 'follow-up':
      return {
        heldOn,
        summary: 'Voortgang besproken.',
        progress: [{ goal: 0, status: 'on-track', notes: 'Offertes op tijd.' }],
      };
    case 'evaluation': {
      sim.evaluations += 1;
      const decision =
        sim.kind === 'unsuccessful'
          ? 'unsuccessful'
          : sim.kind === 'extension' && sim.evaluations === 1
            ? 'extend'
            : 'successful';
      return {
        summary: 'De termijn geëvalueerd.',
        results: [
          { goal: 0, outcome: decision === 'successful' ? 'achieved' : 'partially', notes: 'Zie het CRM.' },
        ],
        decision,
        ...(decision === 'extend' ? { extendWeeks: 4 } : {}),
      };
    }
    case 'decision-confirmation':
      return {
        decision: 'approve',
        comments: 'Akkoord.',
        ...(withRedeployment
          ? { redeployment: { considered: true, outcome: 'Geen passende functie gevonden.' } }
          : {}),
      };
    case 'aftercare':
      return { employeeNotes: 'Gaat goed.', teamNotes: 'Het team merkt het verschil.' };
    // The employee reacts to each report and the evaluation at once: the cheaper of the two paths
    // (a reaction let pass costs a reminder, two Chase turns and a Record).
    case 'follow-up-reaction':
    case 'evaluation-reaction':
      return { reaction: 'Ik herken het verslag.' };
    case 'disagreement-response':
      return { response: 'We bespreken je bezwaren in het eerste voortgangsgesprek.' };
    // The employee assesses the first goal before each follow-up (a self-assessment let pass costs
    // a reminder, as a reaction does).
    case 'self-assessment':
      return { goals: [{ goal: 0, status: 'on-track' }], note: 'Het gaat beter met de planning.' };
    case 'cause-follow-up':
      return { action: 'Verwezen naar de bedrijfsarts.' };
    default:
      throw new Error(`No answer for a ${kind} task`);
  }
}

// ---------------------------------------------------------------------------------------------
// The run

/** Runs `work` over `items` with at most `limit` in flight. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function stat(values: number[]): Stat {
  if (values.length === 0) return { mean: 0, p95: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!;
  return { mean, p95, max: sorted.at(-1)! };
}

interface Measured {
  kind: ScenarioKind;
  usage: Usage;
  transitions: number;
  mails: number;
  logBytes: number;
  parts: CostParts;
  cost: number;
}

function costOf(usage: Usage, transitions: number, mails: number, logBytes: number): CostParts {
  return {
    stepFunctions: transitions * STEP_FUNCTIONS_PER_TRANSITION,
    lambdaRequests: usage.invocations * LAMBDA_PER_REQUEST,
    lambdaDuration: (usage.billedMs / 1000) * LAMBDA_MEMORY_GB * LAMBDA_ARM_PER_GB_SECOND,
    dynamodbReads: usage.readUnits * DYNAMODB_PER_READ_UNIT,
    dynamodbWrites: (usage.writeUnits + usage.estimatedWriteUnits) * DYNAMODB_PER_WRITE_UNIT,
    ses: mails * SES_PER_MAIL,
    httpApi: usage.apiRequests * HTTP_API_PER_REQUEST,
    logs: logBytes * CLOUDWATCH_LOGS_PER_BYTE,
  };
}

const sumParts = (parts: CostParts): number => Object.values(parts).reduce((sum, part) => sum + part, 0);

function group(kind: ScenarioKind | 'all', measured: Measured[]): GroupFigures {
  const pick = (fn: (m: Measured) => number) => stat(measured.map(fn));
  const parts = {} as CostParts;
  for (const key of Object.keys(costOf(emptyUsage(), 0, 0, 0)) as (keyof CostParts)[]) {
    parts[key] = measured.length ? measured.reduce((sum, m) => sum + m.parts[key], 0) / measured.length : 0;
  }
  return {
    kind,
    trajectories: measured.length,
    transitions: pick((m) => m.transitions),
    lambdaInvocations: pick((m) => m.usage.invocations),
    lambdaBilledMs: pick((m) => m.usage.billedMs),
    readUnits: pick((m) => m.usage.readUnits),
    writeUnits: pick((m) => m.usage.writeUnits + m.usage.estimatedWriteUnits),
    apiRequests: pick((m) => m.usage.apiRequests),
    mails: pick((m) => m.mails),
    logBytes: pick((m) => m.logBytes),
    costUsd: pick((m) => m.cost),
    costParts: parts,
  };
}

/** Counts what the handlers write to stdout/stderr against the invocation writing it, and keeps it off the terminal. */
function captureLogs(meter: LocalMeter): { restore(): void; bypass(write: () => void): void } {
  const streams = [process.stdout, process.stderr] as const;
  const originals = streams.map((stream) => stream.write);
  const captured = streams.map(
    () =>
      ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        meter.logged(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length);
        const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
        callback?.();
        return true;
      }) as typeof process.stdout.write,
  );
  const set = (writes: (typeof process.stdout.write)[]) =>
    streams.forEach((stream, index) => (stream.write = writes[index]!));
  set(captured);
  return {
    restore: () => set(originals),
    // The simulation's own progress lines reach the terminal.
    bypass: (write) => {
      set(originals);
      try {
        write();
      } finally {
        set(captured);
      }
    },
  };
}

/** What one process measured, merged by `runSimulation` into the figures. Crosses process boundaries as JSON. */
interface ShardResult {
  measured: Measured[];
  statuses: Record<string, number>;
  unexpected: number;
  /** Summed over the standard trajectories of this process. */
  standardTransitionsByState: [string, number][];
  /** History events of every execution (processes and tasks): how many executions, summed, the most. */
  historyEvents: { executions: number; total: number; max: number };
  /** The mails of this process's first standard trajectory, and that trajectory's index in the mix. */
  standardMails: SimulationFigures['standardMails'];
  sampleIndex: number | undefined;
  functions: FunctionUsage[];
  unattributedInvocations: number;
  rounds: number;
  virtualDays: number;
  failures: number;
  /** Epoch ms: the first create, all created, the last one closed. */
  startedAt: number;
  createdAt: number;
  closedAt: number;
  /** CPU seconds over `startedAt`..`closedAt`, and over the process's whole life. */
  cpuSeconds: number;
  processCpuSeconds: number;
}

type ShardMessage =
  | { type: 'log'; line: string }
  | { type: 'result'; result: ShardResult }
  | { type: 'error'; message: string };

interface ShardOptions {
  count: number;
  concurrency: number;
  seed: number;
  shard: number;
  processes: number;
  say: (line: string) => void;
}

export async function runSimulation(options: SimulationOptions): Promise<SimulationFigures> {
  const began = performance.now();
  const cpuBefore = process.cpuUsage();
  const count = options.trajectories;
  if (!Number.isInteger(count) || count < 1) throw new Error('trajectories must be a positive whole number');
  const concurrency = options.concurrency ?? 4;
  const seed = options.seed ?? 1;
  const processes = Math.min(count, options.processes ?? Math.min(2, availableParallelism()));
  if (!Number.isInteger(processes) || processes < 1)
    throw new Error('processes must be a positive whole number');
  const say = options.log ?? (() => undefined);

  const shardOptions = (shard: number): ShardOptions => ({ count, concurrency, seed, shard, processes, say });
  const results =
    processes === 1
      ? [await runShard(shardOptions(0))]
      : await Promise.all(Array.from({ length: processes }, (_, shard) => forkShard(shardOptions(shard))));
  const parentCpu = process.cpuUsage(cpuBefore);
  return merge(results, {
    count,
    concurrency,
    seed,
    processes,
    totalSeconds: (performance.now() - began) / 1000,
    // In one process the shard's own figure already counts this process.
    parentCpuSeconds: processes === 1 ? 0 : (parentCpu.user + parentCpu.system) / 1e6,
  });
}

/** Runs one share of the mix in a child process (this file, `--shard`), with the tsx loader. */
function forkShard(options: ShardOptions): Promise<ShardResult> {
  const { shard, processes } = options;
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const args = ['--shard', String(shard), '--processes', String(processes)];
  args.push('--trajectories', String(options.count), '--concurrency', String(options.concurrency));
  args.push('--seed', String(options.seed));
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), args, {
    // A larger young generation: the handlers make short-lived garbage at a high rate, and fewer
    // scavenges saved about 4% of the CPU here.
    execArgv: ['--import', tsx, '--max-semi-space-size=64'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let result: ShardResult | undefined;
    let failure: string | undefined;
    child.on('message', (message: ShardMessage) => {
      if (message.type === 'log') options.say(`[${shard + 1}/${processes}] ${message.line}`);
      else if (message.type === 'result') result = message.result;
      else failure = message.message;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (result) resolve(result);
      else
        reject(
          new Error(
            `simulation process ${shard + 1}/${processes} failed: ${failure ?? signal ?? `exit ${code}`}`,
          ),
        );
    });
  });
}

/** The stream record DynamoDB writes when its TTL removes a trajectory item. */
/**
 * Retention as it happens when a closed trajectory's time is up: DynamoDB's TTL deletes the
 * trajectory item (free, so not counted), and the table's stream hands that removal to
 * retention/purge-dossier, which deletes the rest of the dossier and its links. The local cloud
 * has neither TTL nor streams, so the simulation plays both; the purge runs as deployed and its
 * invocation, calls and units count with the trajectory it purged.
 */
async function expireAndPurge(meter: LocalMeter, ids: string[], concurrency: number): Promise<void> {
  // Not announced to the meter: TTL's own delete costs nothing.
  const ttl = new DynamoDBClient(clientConfig('dynamodb'));
  const invoke = meter.wrap(invokeHandler, 'workflow');
  const queue = [...ids];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const removal = ttlRemoval(id);
      const key = removal.Records[0]!.dynamodb!.Keys!;
      await ttl.send(new DeleteItemCommand({ TableName: LOCAL_TABLE_NAME, Key: key as never }));
      const result = (await invoke(PURGE_HANDLER, removal)) as { batchItemFailures?: unknown[] };
      if (result.batchItemFailures?.length) throw new Error(`The purge of trajectory ${id} failed`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  ttl.destroy();
}

/** Runs one share of the mix in this process, on a local cloud of its own kept in memory. */
async function runShard(options: ShardOptions): Promise<ShardResult> {
  // Log as deployed (INFO, metrics on), so the log bytes are those AWS would ingest.
  const savedEnv = {
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL,
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED,
    POWERTOOLS_METRICS_NAMESPACE: process.env.POWERTOOLS_METRICS_NAMESPACE,
  };
  Object.assign(process.env, {
    POWERTOOLS_LOG_LEVEL: 'INFO',
    POWERTOOLS_METRICS_DISABLED: 'false',
    POWERTOOLS_METRICS_NAMESPACE: 'Verbetertraject',
  });

  const meter = new LocalMeter();
  let cloud: LocalCloud | undefined;
  let capture: ReturnType<typeof captureLogs> | undefined;
  try {
    // Nothing of a simulation outlives it: no disk writes to pay for.
    cloud = await startLocalCloud({ port: 0, timeScale: 0, inMemory: true, meter });
    capture = captureLogs(meter);
    const { bypass } = capture;
    return await drive(cloud, meter, { ...options, say: (line) => bypass(() => options.say(line)) });
  } finally {
    capture?.restore();
    await cloud?.close();
    for (const [key, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

function merge(
  results: ShardResult[],
  run: {
    count: number;
    concurrency: number;
    seed: number;
    processes: number;
    totalSeconds: number;
    parentCpuSeconds: number;
  },
): SimulationFigures {
  const { count } = run;
  const measured = results.flatMap((result) => result.measured);
  const sum = (pick: (result: ShardResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  const max = (pick: (result: ShardResult) => number) => Math.max(...results.map(pick));
  const wallSeconds = (max((r) => r.closedAt) - Math.min(...results.map((r) => r.startedAt))) / 1000;

  const statuses: Record<string, number> = {};
  for (const result of results)
    for (const [status, n] of Object.entries(result.statuses)) statuses[status] = (statuses[status] ?? 0) + n;

  const transitionsByState = new Map<string, number>();
  for (const result of results)
    for (const [state, n] of result.standardTransitionsByState)
      transitionsByState.set(state, (transitionsByState.get(state) ?? 0) + n);

  const functions = new Map<string, FunctionUsage>();
  for (const fn of results.flatMap((result) => result.functions)) {
    const into = functions.get(fn.handler);
    if (!into) {
      functions.set(fn.handler, { ...fn, dynamoCalls: { ...fn.dynamoCalls } });
      continue;
    }
    into.invocations += fn.invocations;
    into.billedMs += fn.billedMs;
    into.maxMs = Math.max(into.maxMs, fn.maxMs);
    for (const [command, n] of Object.entries(fn.dynamoCalls))
      into.dynamoCalls[command] = (into.dynamoCalls[command] ?? 0) + n;
  }

  // The sample standard trajectory: the first in the mix, whichever process ran it.
  const sample = results
    .filter((result) => result.sampleIndex !== undefined)
    .sort((a, b) => a.sampleIndex! - b.sampleIndex!)[0];

  const total = emptyUsage();
  for (const m of measured) addUsage(total, m.usage);
  const standard = measured.filter((m) => m.kind === 'standard');
  const scenarios = SCENARIO_KINDS.map((kind) =>
    group(
      kind,
      measured.filter((m) => m.kind === kind),
    ),
  ).filter((figures) => figures.trajectories > 0);
  const standardFigures = group('standard', standard);
  const perTrajectory = (n: number) => n / count;
  const callsOf = (fn: FunctionUsage) => Object.values(fn.dynamoCalls).reduce((a, b) => a + b, 0);

  return {
    trajectories: count,
    concurrency: run.concurrency,
    seed: run.seed,
    processes: run.processes,
    wallSeconds,
    totalSeconds: run.totalSeconds,
    createSeconds: max((r) => r.createdAt - r.startedAt) / 1000,
    historyEventsPerExecution: {
      executions: sum((r) => r.historyEvents.executions),
      mean:
        sum((r) => r.historyEvents.total) /
        Math.max(
          1,
          sum((r) => r.historyEvents.executions),
        ),
      max: Math.max(...results.map((r) => r.historyEvents.max)),
    },
    cpuSeconds: sum((r) => r.cpuSeconds),
    totalCpuSeconds: sum((r) => r.processCpuSeconds) + run.parentCpuSeconds,
    rounds: max((r) => r.rounds),
    virtualDays: max((r) => r.virtualDays),
    statuses,
    unexpected: sum((r) => r.unexpected),
    failures: sum((r) => r.failures),
    overall: group('all', measured),
    scenarios,
    standardTransitionsByState: [...transitionsByState]
      .map(([state, n]) => ({ state, perTrajectory: standard.length ? n / standard.length : 0 }))
      .sort((a, b) => b.perTrajectory - a.perTrajectory || a.state.localeCompare(b.state)),
    functions: [...functions.values()]
      .sort((a, b) => a.handler.localeCompare(b.handler))
      .map((fn) => ({
        handler: fn.handler,
        perTrajectory: perTrajectory(fn.invocations),
        meanMs: fn.billedMs / fn.invocations,
        maxMs: fn.maxMs,
        dynamoCallsPerInvocation: callsOf(fn) / fn.invocations,
      })),
    standardMails: sample?.standardMails ?? [],
    dynamoCalls: Object.fromEntries(
      Object.entries(total.dynamoCalls)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([command, n]) => [command, perTrajectory(n)]),
    ),
    estimatedWriteUnits: perTrajectory(total.estimatedWriteUnits),
    unattributedInvocations: sum((r) => r.unattributedInvocations),
    targets: {
      standardTransitions: {
        limit: 70,
        value: standardFigures.transitions.mean,
        met: standardFigures.transitions.mean <= 70,
      },
      standardCostUsd: {
        limit: 0.005,
        value: standardFigures.costUsd.mean,
        met: standardFigures.costUsd.mean <= 0.005,
      },
      wallSecondsPerThousand: {
        limit: 120,
        value: (wallSeconds * 1000) / count,
        met: (wallSeconds * 1000) / count <= 120,
      },
    },
    prices: PRICE_SHEET,
  };
}

/**
 * A trajectory's executions besides its first, by the trajectory they belong to: every task's
 * (`<trajectoryId>.<taskId>`) and, after an extension, the process's own continuation
 * (`<trajectoryId>.term-<n>`).
 */
async function taskExecutionsByTrajectory(cloud: LocalCloud): Promise<Map<string, string[]>> {
  const byTrajectory = new Map<string, string[]>();
  for (const stateMachineArn of [LOCAL_TASK_STATE_MACHINE_ARN, LOCAL_STATE_MACHINE_ARN]) {
    let nextToken: string | undefined;
    do {
      const page = await cloud.engine.listExecutions({
        stateMachineArn,
        maxResults: 1000,
        ...(nextToken ? { nextToken } : {}),
      });
      for (const execution of page.executions) {
        const dot = execution.name.indexOf('.');
        if (dot < 0) continue;
        const trajectoryId = execution.name.slice(0, dot);
        byTrajectory.set(trajectoryId, [...(byTrajectory.get(trajectoryId) ?? []), execution.executionArn]);
      }
      nextToken = page.nextToken;
    } while (nextToken);
  }
  return byTrajectory;
}

async function drive(cloud: LocalCloud, meter: LocalMeter, options: ShardOptions): Promise<ShardResult> {
  const { concurrency, seed, shard, processes, say } = options;
  // Plain node:http over kept-alive connections: `fetch` costs several times the CPU per request,
  // taken from the same cores as the local cloud it is measuring.
  const base = new URL(cloud.url);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency + 2 });
  const call = (method: string, path: string, init: { token?: string; body?: unknown } = {}) => {
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    return new Promise<{ status: number; body: Json }>((resolve, reject) => {
      const req = request(
        {
          // The local cloud listens on 127.0.0.1; `localhost` may resolve to ::1 first.
          host: '127.0.0.1',
          port: base.port,
          method,
          path,
          agent,
          headers: {
            host: base.host,
            accept: 'application/json',
            ...(body !== undefined && {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
            }),
            ...(init.token && { authorization: `Bearer ${init.token}` }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : undefined) as Json });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  };
  const must = async (method: string, path: string, init: { token?: string; body?: unknown } = {}) => {
    const result = await call(method, path, init);
    if (result.status >= 300) {
      const where = path.replace(/\/actions\/.*/, '/actions/…');
      throw new Error(`${method} ${where}: ${result.status} ${JSON.stringify(result.body)}`);
    }
    return result.body;
  };

  // The whole mix is drawn, the same in every process; this one runs its share (`shareOut`).
  const next = random(seed);
  const mix: Sim[] = Array.from({ length: options.count }, (_, index) => {
    const kind = drawKind(next);
    const tag = String(index).padStart(5, '0');
    return {
      index,
      kind,
      emails: {
        employee: `medewerker-${tag}@sim.example.nl`,
        manager: `leidinggevende-${tag}@sim.example.nl`,
        hrAdvisor: `hr-${tag}@sim.example.nl`,
      },
      ...(kind === 'escalation' ? { lateTask: LATE_TASKS[Math.floor(next() * LATE_TASKS.length)]! } : {}),
      handled: new Set<string>(),
      evaluations: 0,
      planApprovals: 0,
      done: false,
      mails: 0,
    };
  });
  const shares = shareOut(
    mix.map((sim) => sim.kind),
    processes,
  );
  const sims = mix.filter((sim) => shares[sim.index] === shard);
  const count = sims.length;
  const byAddress = new Map<string, Sim>();
  for (const sim of sims) for (const address of Object.values(sim.emails)) byAddress.set(address, sim);

  const hr = (await must('GET', `/_local/token?email=${encodeURIComponent('hr@sim.example.nl')}&role=hr`))
    .token as string;
  let now = Date.parse((await must('GET', '/_local/clock')).now);
  const startedAt = now;
  const began = performance.now();
  const cpuBefore = process.cpuUsage();
  const epochMs = () => performance.timeOrigin + performance.now();
  const startedAtMs = epochMs();

  // Create all.
  await inParallel(sims, concurrency, async (sim) => {
    const created = await must('POST', '/trajectories', {
      token: hr,
      body: {
        employee: { name: `Medewerker ${sim.index}`, email: sim.emails.employee },
        manager: { name: `Leidinggevende ${sim.index}`, email: sim.emails.manager },
        hrAdvisor: { name: `HR-adviseur ${sim.index}`, email: sim.emails.hrAdvisor },
        reason: 'Afspraken met klanten worden herhaaldelijk niet nagekomen.',
        locale: 'nl',
      },
    });
    sim.id = created.id as string;
  });
  const createSeconds = (performance.now() - began) / 1000;
  const createdAtMs = epochMs();
  say(`created ${count} trajectories in ${createSeconds.toFixed(1)} s`);

  const advance = async (hours: number) => {
    now = Date.parse((await must('POST', '/_local/clock', { body: { hours } })).now);
  };
  await advance(0);

  let cursor: string | undefined;
  let rounds = 0;
  let failures = 0;
  const scheduled: Action[] = [];
  let lastReport = performance.now();

  /** What the assignee does with a task they were mailed about. */
  const plan = (sim: Sim, link: string, view: Json) => {
    const key = view.taskId as string;
    if (sim.handled.has(key) || view.status !== 'open') return;
    sim.handled.add(key);
    const kind = view.task as string;
    const answer = (at: number) =>
      scheduled.push({
        at,
        sim,
        run: async () => {
          let result = await call('POST', link, {
            body: answerFor(sim, kind, now, sim.kind === 'unsuccessful'),
          });
          if (result.status === 400 && kind === 'decision-confirmation') {
            // A contract without the redeployment check: the same answer without it.
            result = await call('POST', link, { body: answerFor(sim, kind, now, false) });
          }
          if (result.status >= 500) {
            // Overloaded (a local Lambda past its timeout): the answer may have been stored. Once more;
            // a 409 then means it was.
            failures += 1;
            result = await call('POST', link, {
              body: answerFor(sim, kind, now, sim.kind === 'unsuccessful'),
            });
            if (result.status === 409) result = { status: 200, body: undefined };
          }
          if (result.status !== 200) {
            throw new Error(
              `answering ${key} (${sim.kind}): ${result.status} ${JSON.stringify(result.body)}`,
            );
          }
          if (kind === 'aftercare') sim.done = true;
        },
      });
    if (sim.kind === 'cancelled' && kind === 'plan-approval') {
      scheduled.push({
        at: now,
        sim,
        run: async () => {
          await must('POST', `/trajectories/${sim.id}/cancel`, {
            token: hr,
            body: { reason: 'De medewerker is uit dienst gegaan.' },
          });
          sim.done = true;
        },
      });
      return;
    }
    if (sim.kind === 'escalation' && kind === 'employee-response') return; // never answered
    if (sim.kind === 'escalation' && kind === sim.lateTask && !sim.handled.has(`late:${kind}`)) {
      sim.handled.add(`late:${kind}`);
      // After the second escalation (due + grace 3 days), as an assignee who was chased does.
      answer(Date.parse(view.dueAt as string) + 3 * DAY_MS + 6 * HOUR_MS);
      return;
    }
    if (sim.kind === 'extension' && kind === 'conversation') {
      scheduled.push({
        at: now,
        sim,
        run: async () => {
          // Not repeated on a failure: a repeated extension is a second extension.
          const result = await call('POST', `/trajectories/${sim.id}/tasks/${key}/extend`, {
            token: hr,
            body: { days: 3 },
          });
          if (result.status !== 200) failures += 1;
        },
      });
      answer(now + HOUR_MS);
      return;
    }
    answer(now);
  };

  for (;;) {
    rounds += 1;
    // 1. Read the new mail.
    const { messages } = await must(
      'GET',
      `/_local/outbox${cursor ? `?after=${encodeURIComponent(cursor)}` : ''}`,
    );
    const links: { sim: Sim; link: string }[] = [];
    for (const message of messages as { id: string; to: string[]; text: string }[]) {
      cursor = message.id;
      const sim = message.to.map((to) => byAddress.get(to.toLowerCase())).find(Boolean);
      if (!sim) continue;
      sim.mails += 1;
      const link = /\/actions\/[A-Za-z0-9_-]+/.exec(message.text)?.[0];
      if (link && !sim.done) links.push({ sim, link });
    }
    // 2. Open each link, as its reader does, and decide what to do.
    await inParallel(links, concurrency, async ({ sim, link }) => {
      const view = await must('GET', link);
      plan(sim, link, view);
    });
    // 3. Do what is due now.
    const due = scheduled.filter((action) => action.at <= now);
    if (due.length > 0) {
      const later = scheduled.filter((action) => action.at > now);
      scheduled.length = 0;
      scheduled.push(...later);
      // One action per trajectory at a time: an extension before the answer it makes room for.
      const queues = new Map<Sim, Action[]>();
      for (const action of due) queues.set(action.sim, [...(queues.get(action.sim) ?? []), action]);
      await inParallel([...queues.values()], concurrency, async (queue) => {
        for (const action of queue) await action.run();
      });
      await advance(0);
      continue;
    }
    if (links.length > 0) continue;
    if (sims.every((sim) => sim.done)) break;
    if (now - startedAt > MAX_VIRTUAL_DAYS * DAY_MS) {
      const stuck = sims.filter((sim) => !sim.done).slice(0, 5);
      throw new Error(
        `${sims.filter((sim) => !sim.done).length} trajectories still open after ${MAX_VIRTUAL_DAYS} days, e.g. ` +
          stuck.map((sim) => `${sim.id} (${sim.kind})`).join(', '),
      );
    }
    // 4. Nothing to do now: let time pass until the next round (or the next planned action).
    const nextAction = Math.min(...scheduled.map((action) => action.at));
    await advance(Math.max(0, Math.min(ROUND_HOURS * HOUR_MS, nextAction - now)) / HOUR_MS);
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      const open = sims.filter((sim) => !sim.done).length;
      say(
        `day ${((now - startedAt) / DAY_MS).toFixed(0)}: ${open} open, ${((performance.now() - began) / 1000).toFixed(0)} s`,
      );
    }
  }
  await advance(0);
  const wallSeconds = (performance.now() - began) / 1000;
  const closedAtMs = epochMs();
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  say(`all ${count} closed after ${rounds} rounds, ${wallSeconds.toFixed(1)} s`);

  // Final statuses, as HR sees them.
  const statusOf = new Map<string, string>();
  for (const status of ['active', 'completed', 'ended', 'cancelled']) {
    let next: string | undefined;
    do {
      const page = await must(
        'GET',
        `/trajectories?status=${status}&limit=100${next ? `&cursor=${encodeURIComponent(next)}` : ''}`,
        { token: hr },
      );
      for (const item of page.items as { id: string }[]) statusOf.set(item.id, status);
      next = page.next as string | undefined;
    } while (next);
  }

  // What a standard trajectory mails, from its dossier: the first of the mix, read by the process
  // that ran it (reading it adds a request to its figures, so only that one is read).
  const firstStandard = mix.find((sim) => sim.kind === 'standard');
  const sample = firstStandard && sims.includes(firstStandard) ? firstStandard : undefined;
  const standardMails: SimulationFigures['standardMails'] = [];
  if (sample) {
    const dossier = await must('GET', `/trajectories/${sample.id}`, { token: hr });
    const counts = new Map<string, number>();
    for (const event of dossier.events as { type: string; data?: { mail?: string; to?: string } }[]) {
      if (event.type !== 'mail-sent') continue;
      const key = `${event.data?.mail}\u0000${event.data?.to}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [key, n] of counts) {
      const [mail, to] = key.split('\u0000') as [string, string];
      standardMails.push({ mail, to, count: n });
    }
    standardMails.sort((a, b) => b.count - a.count || a.mail.localeCompare(b.mail));
  }

  // Retention, two years on: counted with the trajectory, as its last cost.
  const closed = sims.filter((sim) =>
    ['completed', 'ended', 'cancelled'].includes(statusOf.get(sim.id!) ?? ''),
  );
  await expireAndPurge(
    meter,
    closed.map((sim) => sim.id!),
    options.concurrency,
  );

  // What each trajectory used.
  const usageOf = meter.byTrajectory();
  const transitionsByState = new Map<string, number>();
  const measured: Measured[] = [];
  const executionPrefix = `${LOCAL_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:`;
  const tasksOf = await taskExecutionsByTrajectory(cloud);
  const historyEvents: number[] = [];
  for (const sim of sims) {
    // The process and every task's own execution: Step Functions bills the transitions of both.
    const executionArns = [`${executionPrefix}${sim.id}`, ...(tasksOf.get(sim.id!) ?? [])];
    const events: HistoryEvent[] = [];
    for (const executionArn of executionArns) {
      const history = await cloud.engine.getExecutionHistory({ executionArn, includeExecutionData: false });
      historyEvents.push(history.events.length);
      events.push(...history.events);
    }
    const { total, byState } = transitionsOf(events);
    if (sim.kind === 'standard') {
      for (const [state, n] of byState)
        transitionsByState.set(state, (transitionsByState.get(state) ?? 0) + n);
    }
    const usage = usageOf.get(sim.id!) ?? emptyUsage();
    const sfnLogBytes = events.reduce(
      (sum, event) => sum + SFN_LOG_ENVELOPE_BYTES + Buffer.byteLength(JSON.stringify(event)),
      0,
    );
    const logBytes =
      usage.logBytes +
      usage.invocations * LAMBDA_PLATFORM_LOG_BYTES +
      usage.apiRequests * API_ACCESS_LOG_BYTES +
      sfnLogBytes;
    const parts = costOf(usage, total, sim.mails, logBytes);
    measured.push({
      kind: sim.kind,
      usage,
      transitions: total,
      mails: sim.mails,
      logBytes,
      parts,
      cost: sumParts(parts),
    });
  }

  const statuses: Record<string, number> = {};
  let unexpected = 0;
  for (const sim of sims) {
    const status = statusOf.get(sim.id!) ?? 'missing';
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status !== SCENARIOS[sim.kind].expect) unexpected += 1;
  }

  agent.destroy();
  const processCpu = process.cpuUsage();
  return {
    measured,
    statuses,
    unexpected,
    standardTransitionsByState: [...transitionsByState],
    historyEvents: {
      executions: historyEvents.length,
      total: historyEvents.reduce((a, b) => a + b, 0),
      max: Math.max(0, ...historyEvents),
    },
    standardMails,
    sampleIndex: sample?.index,
    functions: meter.byFunction(),
    unattributedInvocations: meter.unattributed().invocations,
    rounds,
    virtualDays: (now - startedAt) / DAY_MS,
    failures,
    startedAt: startedAtMs,
    createdAt: createdAtMs,
    closedAt: closedAtMs,
    cpuSeconds,
    processCpuSeconds: (processCpu.user + processCpu.system) / 1e6,
  };
}

// ---------------------------------------------------------------------------------------------
// The report

const usd = (value: number) => `$${value.toFixed(value < 0.001 ? 6 : 5)}`;
const num = (value: number, digits = 1) => value.toFixed(digits);
const triple = (s: Stat, digits = 1) =>
  `${num(s.mean, digits)} / ${num(s.p95, digits)} / ${num(s.max, digits)}`;

export function formatSimulation(figures: SimulationFigures): string {
  const lines: string[] = [];
  const { targets } = figures;
  const mark = (met: boolean) => (met ? 'met' : '**not met**');
  const split =
    figures.processes === 1
      ? `${figures.concurrency} requests in flight`
      : `${figures.processes} processes, ${figures.concurrency} requests in flight in each`;
  lines.push(
    `${figures.trajectories} trajectories (seed ${figures.seed}, ${split}) ` +
      `ran to their end in **${num(figures.wallSeconds)} s** of real time ` +
      `(${num(figures.createSeconds)} s of it creating them; ${num(figures.cpuSeconds)} s of CPU, ` +
      `${num(figures.cpuSeconds / figures.trajectories, 2)} s per trajectory), ` +
      `${figures.rounds} rounds, ` +
      `${num(figures.virtualDays, 0)} virtual days. The whole run, starting the local clouds and ` +
      `reading the figures included: ${num(figures.totalSeconds)} s, ${num(figures.totalCpuSeconds)} s of CPU.`,
    '',
    `Final statuses: ${Object.entries(figures.statuses)
      .map(([status, n]) => `${status} ${n}`)
      .join(', ')}; ${figures.unexpected} not as their scenario expects; ` +
      `${figures.failures} requests failed with a 5xx.`,
    '',
    '| target | limit | measured | |',
    '| --- | --- | --- | --- |',
    `| state transitions per standard trajectory | ≤ ${targets.standardTransitions.limit} | ${num(targets.standardTransitions.value)} | ${mark(targets.standardTransitions.met)} |`,
    `| cost per standard trajectory | ≤ ${usd(targets.standardCostUsd.limit)} | ${usd(targets.standardCostUsd.value)} | ${mark(targets.standardCostUsd.met)} |`,
    `| real time per 1,000 trajectories | ≤ ${targets.wallSecondsPerThousand.limit} s | ${num(targets.wallSecondsPerThousand.value)} s | ${mark(targets.wallSecondsPerThousand.met)} |`,
    '',
    `History events per execution (${num(figures.historyEventsPerExecution.executions, 0)} executions, ` +
      `the trajectories' and their tasks'): ${num(figures.historyEventsPerExecution.mean)} on average, ` +
      `${num(figures.historyEventsPerExecution.max, 0)} at most (Step Functions keeps up to 25,000).`,
    '',
    '### Per trajectory (mean / p95 / max)',
    '',
    '| scenario | n | transitions | Lambda invocations | Lambda billed ms | RRU | WRU | API requests | mails | log KB | cost |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const g of [...figures.scenarios, figures.overall]) {
    lines.push(
      `| ${g.kind} | ${g.trajectories} | ${triple(g.transitions)} | ${triple(g.lambdaInvocations)} | ` +
        `${triple(g.lambdaBilledMs, 0)} | ${triple(g.readUnits)} | ${triple(g.writeUnits)} | ` +
        `${triple(g.apiRequests)} | ${triple(g.mails)} | ` +
        `${triple({ mean: g.logBytes.mean / 1024, p95: g.logBytes.p95 / 1024, max: g.logBytes.max / 1024 })} | ` +
        `${usd(g.costUsd.mean)} / ${usd(g.costUsd.p95)} / ${usd(g.costUsd.max)} |`,
    );
  }
  lines.push(
    '',
    '### Where the money goes (mean dollars per trajectory)',
    '',
    '| scenario | Step Functions | Lambda requests | Lambda duration | DynamoDB reads | DynamoDB writes | SES | HTTP API | CloudWatch Logs |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const g of [...figures.scenarios, figures.overall]) {
    const p = g.costParts;
    lines.push(
      `| ${g.kind} | ${usd(p.stepFunctions)} | ${usd(p.lambdaRequests)} | ${usd(p.lambdaDuration)} | ` +
        `${usd(p.dynamodbReads)} | ${usd(p.dynamodbWrites)} | ${usd(p.ses)} | ${usd(p.httpApi)} | ${usd(p.logs)} |`,
    );
  }
  lines.push(
    '',
    '### State transitions of a standard trajectory, by state',
    '',
    '| state | per trajectory |',
    '| --- | --- |',
    ...figures.standardTransitionsByState.map((s) => `| ${s.state} | ${num(s.perTrajectory, 2)} |`),
    '',
    '### The mails of one standard trajectory',
    '',
    '| mail | to | count |',
    '| --- | --- | --- |',
    ...figures.standardMails.map((m) => `| ${m.mail} | ${m.to} | ${m.count} |`),
    '',
    '### Lambda functions (all scenarios)',
    '',
    `Every closed trajectory is finally expired as DynamoDB's TTL does it (the free delete of its trajectory item) ` +
      `and purged by \`${PURGE_HANDLER}\` from the stream record that removal makes; the purge's ` +
      'invocation, calls and units count with the trajectory, as its retention will cost in AWS.',
    '',
    '| handler | invocations per trajectory | mean ms (stand-in) | max ms | DynamoDB calls per invocation |',
    '| --- | --- | --- | --- | --- |',
    ...figures.functions.map(
      (fn) =>
        `| ${fn.handler} | ${num(fn.perTrajectory, 2)} | ${num(fn.meanMs)} | ${num(fn.maxMs, 0)} | ` +
        `${num(fn.dynamoCallsPerInvocation)} |`,
    ),
    '',
    '### DynamoDB calls per trajectory (all scenarios)',
    '',
    '| command | calls |',
    '| --- | --- |',
    ...Object.entries(figures.dynamoCalls).map(([command, n]) => `| ${command} | ${num(n, 1)} |`),
    '',
    `WRU include ${num(figures.estimatedWriteUnits)} estimated units per trajectory that the emulator does not ` +
      'report: failed conditional writes and the writes of trajectory items into the two indexes. ' +
      `${figures.unattributedInvocations} invocations belonged to no trajectory (HR's lists at the end) and are left out.`,
    '',
    `Prices: ${figures.prices.region}, checked ${figures.prices.checkedOn} (bench/prices.ts). Lambda duration is ` +
      "each invocation's share of the real time while it ran (time passing is split evenly over the invocations " +
      'in flight), rounded up to whole ms: a stand-in for the billed duration in AWS, measured on a machine ' +
      'shared with other work, that includes the time the local DynamoDB and SES take to answer.',
  );
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      trajectories: { type: 'string', default: '1000' },
      concurrency: { type: 'string', default: '4' },
      seed: { type: 'string', default: '1' },
      processes: { type: 'string' },
      /** Internal: this process is one share of a run that `runSimulation` split (see `forkShard`). */
      shard: { type: 'string' },
    },
  });
  const trajectories = Number(values.trajectories);
  const concurrency = Number(values.concurrency);
  const seed = Number(values.seed);
  const processes = values.processes === undefined ? undefined : Number(values.processes);
  // Bound now: while the simulation runs, stderr counts the handlers' log bytes instead of showing them.
  const writeError = process.stderr.write.bind(process.stderr);
  if (values.shard !== undefined && process.send) {
    const send = (message: ShardMessage, then: () => void = () => undefined) =>
      process.send!(message, undefined, undefined, then);
    // The local cloud's emulators may keep a handle open after closing: exit once the message is out.
    runShard({
      count: trajectories,
      concurrency,
      seed,
      shard: Number(values.shard),
      processes: processes ?? 1,
      say: (line) => send({ type: 'log', line }),
    })
      .then((result) => send({ type: 'result', result }, () => process.exit(0)))
      .catch((error: unknown) => {
        writeError(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        send({ type: 'error', message: error instanceof Error ? error.message : String(error) }, () =>
          process.exit(1),
        );
      });
  } else {
    const log = (line: string) => writeError(`${line}\n`);
    runSimulation({ trajectories, concurrency, seed, ...(processes ? { processes } : {}), log })
      .then((figures) => console.log(formatSimulation(figures)))
      .catch((error: unknown) => {
        console.error(error);
        process.exitCode = 1;
      });
  }
}
