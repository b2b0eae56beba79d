/**
 * The local cloud's meter: what each trajectory would be billed for in AWS, counted while it
 * runs locally. Every Lambda invocation (an API request through the gateway, or a workflow step
 * the engine calls) runs in an async context of its own; the DynamoDB calls it makes (announced
 * by the adapters, functions/adapters/dynamo-calls.ts) and the log lines it writes are added to
 * that invocation, and the invocation to the trajectory it turned out to be about: the one named
 * in its event, or else the dossier partition its DynamoDB calls touched.
 *
 * Step Functions transitions are not counted here: the engine's execution history holds every
 * state entered and every retry (see `transitionsOf`). Tests and the benchmark only: without a
 * meter in `LocalCloudOptions` nothing of this is wired in.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { DYNAMODB_CALLS_CHANNEL, type DynamoCallMessage } from '#adapters/dynamo-calls.ts';
import type { HistoryEvent } from './engine/history.ts';

/** What one trajectory (or the unattributed rest) used. */
export interface Usage {
  /** Lambda invocations, API requests included (each HTTP API route is a Lambda integration). */
  invocations: number;
  /**
   * Sum over invocations of their share of the real time, each rounded up to whole ms as Lambda
   * bills. Invocations run interleaved on one thread here; while n of them are in flight, each is
   * given 1/n of the time passing (processor sharing), so that one invocation's wait for the
   * others is not billed to it. A stand-in for the duration in AWS, no more.
   */
  billedMs: number;
  /** HTTP API requests. */
  apiRequests: number;
  /** DynamoDB request units as DynamoDB reports them (`ConsumedCapacity`, TOTAL). */
  readUnits: number;
  writeUnits: number;
  /**
   * Write units a local emulator does not report but DynamoDB bills: a failed conditional write
   * (≥ 1 unit by the size of the item written) and the writes a trajectory item makes in its
   * two global secondary indexes (one per index it is in; two when its index key changes).
   */
  estimatedWriteUnits: number;
  /** DynamoDB calls by command name. */
  dynamoCalls: Record<string, number>;
  /** Bytes the handlers logged (stdout and stderr) while metered. */
  logBytes: number;
}

export const emptyUsage = (): Usage => ({
  invocations: 0,
  billedMs: 0,
  apiRequests: 0,
  readUnits: 0,
  writeUnits: 0,
  estimatedWriteUnits: 0,
  dynamoCalls: {},
  logBytes: 0,
});

export function addUsage(into: Usage, from: Usage): void {
  into.invocations += from.invocations;
  into.billedMs += from.billedMs;
  into.apiRequests += from.apiRequests;
  into.readUnits += from.readUnits;
  into.writeUnits += from.writeUnits;
  into.estimatedWriteUnits += from.estimatedWriteUnits;
  into.logBytes += from.logBytes;
  for (const [command, count] of Object.entries(from.dynamoCalls))
    into.dynamoCalls[command] = (into.dynamoCalls[command] ?? 0) + count;
}

export interface FunctionUsage {
  handler: string;
  invocations: number;
  billedMs: number;
  maxMs: number;
  /** DynamoDB calls its invocations made, by command name. */
  dynamoCalls: Record<string, number>;
}

interface Invocation {
  trajectoryId: string | undefined;
  usage: Usage;
  /** The processor-sharing clock when it started. */
  startedShare: number;
}

const TRAJECTORY_PREFIX = 'TRAJECTORY#';
const LINK_PREFIX = 'LINK#';

/** A key attribute as the document client gives it (`'x'`) or marshalled (`{ S: 'x' }`). */
function stringValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { S?: unknown }).S === 'string')
    return (value as { S: string }).S;
  return undefined;
}

function capacityUnits(consumed: ConsumedCapacity | ConsumedCapacity[] | undefined): number {
  if (!consumed) return 0;
  const list = Array.isArray(consumed) ? consumed : [consumed];
  return list.reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
}

// No Scan: the data layer never sends one (test/data/access-audit.test.ts).
const READ_COMMANDS = new Set(['GetItemCommand', 'QueryCommand', 'BatchGetItemCommand']);

export class LocalMeter {
  readonly #context = new AsyncLocalStorage<Invocation>();
  readonly #byTrajectory = new Map<string, Usage>();
  readonly #unattributed = emptyUsage();
  readonly #byFunction = new Map<string, FunctionUsage>();
  /** Action-link hash → trajectory, learned from the link items written. */
  readonly #links = new Map<string, string>();
  readonly #onCall = (message: unknown) => this.#dynamoCall(message as DynamoCallMessage);
  #listening = false;
  /** Invocations in flight, and ∫ dt / inFlight (ms) up to `#shareAt`. */
  #inFlight = 0;
  #share = 0;
  #shareAt = performance.now();

  /** Starts listening to the adapters' DynamoDB calls. */
  start(): void {
    if (this.#listening) return;
    subscribe(DYNAMODB_CALLS_CHANNEL, this.#onCall);
    this.#listening = true;
  }

  stop(): void {
    if (!this.#listening) return;
    unsubscribe(DYNAMODB_CALLS_CHANNEL, this.#onCall);
    this.#listening = false;
  }

  /** Wraps the local Lambda runtime's `invoke`: each call is one metered invocation. */
  wrap(
    invoke: (handler: string, event: unknown) => Promise<unknown>,
    source: 'api' | 'workflow',
  ): (handler: string, event: unknown) => Promise<unknown> {
    return (handler, event) => {
      const invocation: Invocation = {
        trajectoryId: trajectoryOfEvent(event, this.#links),
        usage: emptyUsage(),
        startedShare: this.#shareNow(+1),
      };
      const finish = () =>
        this.#finish(handler, invocation, source, this.#shareNow(-1) - invocation.startedShare);
      return this.#context.run(invocation, () =>
        invoke(handler, event).then(
          (result) => {
            if (source === 'api') this.#learnFromApiResult(invocation, result);
            finish();
            return result;
          },
          (error: unknown) => {
            finish();
            throw error;
          },
        ),
      );
    };
  }

  /** Counts `bytes` of log output against the invocation running now, if any. */
  logged(bytes: number): void {
    const invocation = this.#context.getStore();
    if (invocation) invocation.usage.logBytes += bytes;
    else this.#unattributed.logBytes += bytes;
  }

  /** Usage per trajectory id. */
  byTrajectory(): ReadonlyMap<string, Usage> {
    return this.#byTrajectory;
  }

  /** Invocations that named no trajectory and touched none (a list of trajectories, a sign-in page). */
  unattributed(): Usage {
    return this.#unattributed;
  }

  byFunction(): FunctionUsage[] {
    return [...this.#byFunction.values()].sort((a, b) => a.handler.localeCompare(b.handler));
  }

  /** Advances the processor-sharing clock to now, then counts `change` invocations in or out. */
  #shareNow(change: number): number {
    const now = performance.now();
    if (this.#inFlight > 0) this.#share += (now - this.#shareAt) / this.#inFlight;
    this.#shareAt = now;
    this.#inFlight += change;
    return this.#share;
  }

  #finish(handler: string, invocation: Invocation, source: 'api' | 'workflow', ms: number): void {
    const { usage } = invocation;
    const billed = Math.max(1, Math.ceil(ms));
    usage.invocations += 1;
    usage.billedMs += billed;
    if (source === 'api') usage.apiRequests += 1;
    const target = invocation.trajectoryId ? this.#usageOf(invocation.trajectoryId) : this.#unattributed;
    addUsage(target, usage);
    const fn = this.#byFunction.get(handler) ?? {
      handler,
      invocations: 0,
      billedMs: 0,
      maxMs: 0,
      dynamoCalls: {},
    };
    fn.invocations += 1;
    fn.billedMs += billed;
    fn.maxMs = Math.max(fn.maxMs, ms);
    for (const [command, count] of Object.entries(usage.dynamoCalls))
      fn.dynamoCalls[command] = (fn.dynamoCalls[command] ?? 0) + count;
    this.#byFunction.set(handler, fn);
  }

  #usageOf(trajectoryId: string): Usage {
    let usage = this.#byTrajectory.get(trajectoryId);
    if (!usage) {
      usage = emptyUsage();
      this.#byTrajectory.set(trajectoryId, usage);
    }
    return usage;
  }

  /** A create answers with the new trajectory: its id is what the request was about. */
  #learnFromApiResult(invocation: Invocation, result: unknown): void {
    if (invocation.trajectoryId || !result || typeof result !== 'object') return;
    const body = (result as { body?: unknown }).body;
    if (typeof body !== 'string' || !body.startsWith('{')) return;
    try {
      const id = (JSON.parse(body) as { id?: unknown }).id;
      if (typeof id === 'string') invocation.trajectoryId = id;
    } catch {
      // Not JSON: nothing to learn.
    }
  }

  #dynamoCall(message: DynamoCallMessage): void {
    const invocation = this.#context.getStore();
    const usage = invocation?.usage ?? this.#unattributed;
    const { command, input } = message;
    usage.dynamoCalls[command] = (usage.dynamoCalls[command] ?? 0) + 1;
    const units = capacityUnits(message.consumedCapacity);
    if (READ_COMMANDS.has(command)) usage.readUnits += units;
    else usage.writeUnits += units;
    const item = input.Item as Record<string, unknown> | undefined;
    if (message.error === 'ConditionalCheckFailedException' && !READ_COMMANDS.has(command)) {
      usage.estimatedWriteUnits += Math.max(1, Math.ceil(approximateSize(item ?? input.Key) / 1024));
    }
    if (!message.error && item && stringValue(item.GSI1PK) !== undefined) {
      // A trajectory item lives in both indexes; DynamoDB bills the index writes on top. A changed
      // status moves it within `by-status` (a delete and a put); counted as one write per index.
      usage.estimatedWriteUnits += 2 * Math.max(1, Math.ceil(approximateSize(item) / 1024));
    }
    const trajectoryId = this.#trajectoryOfCall(input, item);
    if (invocation && !invocation.trajectoryId && trajectoryId) invocation.trajectoryId = trajectoryId;
  }

  #trajectoryOfCall(input: Readonly<Record<string, unknown>>, item: Record<string, unknown> | undefined) {
    const key = (item ?? input.Key) as Record<string, unknown> | undefined;
    const pk =
      stringValue(key?.PK) ??
      stringValue((input.ExpressionAttributeValues as Record<string, unknown> | undefined)?.[':pk']);
    if (!pk) return undefined;
    if (pk.startsWith(TRAJECTORY_PREFIX)) return pk.slice(TRAJECTORY_PREFIX.length);
    if (pk.startsWith(LINK_PREFIX)) {
      const hash = pk.slice(LINK_PREFIX.length);
      const owner = stringValue(item?.trajectoryId);
      if (owner) this.#links.set(hash, owner);
      return owner ?? this.#links.get(hash);
    }
    return undefined;
  }
}

/** The trajectory an event names: a workflow step's payload, or a route's `{id}`; an action link's token. */
function trajectoryOfEvent(event: unknown, links: ReadonlyMap<string, string>): string | undefined {
  if (!event || typeof event !== 'object') return undefined;
  const fromPayload = (event as { trajectoryId?: unknown }).trajectoryId;
  if (typeof fromPayload === 'string') return fromPayload;
  const params = (event as { pathParameters?: Record<string, string> }).pathParameters;
  if (params?.id) return params.id;
  if (params?.token) return links.get(createHash('sha256').update(params.token).digest('hex'));
  return undefined;
}

/** DynamoDB's item size, near enough for rounding to 1 KB: names plus values, as UTF-8. */
function approximateSize(value: unknown): number {
  return value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value));
}

/**
 * State transitions of one execution as Step Functions Standard bills them: every state entered,
 * plus every retry of a Task (an attempt after the first within one entry). By state name too.
 */
export function transitionsOf(history: readonly HistoryEvent[]): {
  total: number;
  byState: Map<string, number>;
} {
  const byState = new Map<string, number>();
  let total = 0;
  let current: string | undefined;
  let attempts = 0;
  const count = (state: string) => {
    total += 1;
    byState.set(state, (byState.get(state) ?? 0) + 1);
  };
  for (const event of history) {
    if (event.type.endsWith('StateEntered')) {
      current = (event.stateEnteredEventDetails as { name: string }).name;
      attempts = 0;
      count(current);
    } else if (event.type === 'TaskScheduled' && current) {
      attempts += 1;
      if (attempts > 1) count(current);
    }
  }
  return { total, byState };
}
