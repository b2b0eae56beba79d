/**
 * Durable execution state. Each execution is one JSON file, rewritten whole (write to a temporary
 * file, then rename) at every transition, so a crash leaves either the previous or the next state,
 * never a torn one. Definitions are stored once by content hash: an execution keeps running the
 * definition it started with, as in AWS, even when the ASL file changed before a restart.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/**
 * Where an execution stands inside its current state:
 * - `enter`: transitioned to, not yet entered (no StateEntered event yet);
 * - `attempt`: a Task entered (or retrying) whose next attempt has not started;
 * - `invoking`: a call (Lambda, StartExecution) in flight; after a crash it is made again
 *   (at-least-once, as AWS);
 * - `waiting-token`: a `.waitForTaskToken` task waiting for SendTaskSuccess/Failure;
 * - `waiting-child`: a `startExecution.sync:2` task waiting for the execution it started to end;
 * - `retry-wait`: waiting out a Retry interval until `wakeAt`;
 * - `waiting`: a Wait state waiting until `wakeAt`.
 */
export type Phase =
  'enter' | 'attempt' | 'invoking' | 'waiting-token' | 'waiting-child' | 'retry-wait' | 'waiting';

export interface Position {
  state: string;
  input: unknown;
  phase: Phase;
  enteredAt?: number;
  enteredEventId?: number;
  /** `$states.context.State.RetryCount`. */
  retryCount: number;
  /** Attempts used per Retrier, by index; reset on every state entry. */
  retrierAttempts: number[];
  /** Evaluated Arguments of the current attempt, replayed when a crash interrupted the call. */
  args?: unknown;
  token?: string;
  /** A `.waitForTaskToken` task's Lambda call returned (TaskSubmitted). */
  invoked?: boolean;
  /**
   * A `states:startExecution` task: the name of the execution it starts, fixed when the attempt
   * starts, so that the call made again after a crash finds the execution it already started.
   */
  childName?: string;
  /** A `startExecution.sync:2` task waiting (`waiting-child`): the ARN of the execution. */
  child?: string;
  timeoutAt?: number;
  heartbeatSeconds?: number;
  heartbeatAt?: number;
  wakeAt?: number;
}

export interface HistoryRecord {
  id: number;
  previousEventId: number;
  /** Virtual epoch ms. */
  timestamp: number;
  type: string;
  /** One `<name>EventDetails` member, shaped as the API returns it. */
  details?: Record<string, unknown>;
}

export interface ExecutionRecord {
  version: 1;
  executionArn: string;
  stateMachineArn: string;
  /** Hash of the definition this execution runs. */
  definitionHash: string;
  name: string;
  /** The input as given to StartExecution (JSON text). */
  input: string;
  status: ExecutionStatus;
  startDate: number;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
  /**
   * When the execution times out: the top-level TimeoutSeconds or the one-year maximum execution
   * time, whichever comes first (absent in records written before the maximum was kept).
   */
  deadline?: number;
  /** The Task attempt (execution and its `step`) whose `states:startExecution` started this one. */
  startedBy?: StartedBy;
  variables: Record<string, unknown>;
  position?: Position;
  /** Bumped at every change of position: a timer or Lambda result for an older step is stale. */
  step: number;
  /** Every task token issued, live or closed, to tell TaskTimedOut from TaskDoesNotExist. */
  tokens: string[];
  history: HistoryRecord[];
}

export interface StartedBy {
  executionArn: string;
  step: number;
}

export interface ExecutionStore {
  saveExecution(record: ExecutionRecord): Promise<void>;
  loadExecutions(): Promise<ExecutionRecord[]>;
  saveDefinition(hash: string, text: string): Promise<void>;
  loadDefinition(hash: string): Promise<string | undefined>;
}

/** Keeps nothing: an engine without `stateDir` lives as long as its process. */
export class MemoryStore implements ExecutionStore {
  async saveExecution(): Promise<void> {}
  async loadExecutions(): Promise<ExecutionRecord[]> {
    return [];
  }
  async saveDefinition(): Promise<void> {}
  async loadDefinition(): Promise<string | undefined> {
    return undefined;
  }
}

export class FileStore implements ExecutionStore {
  readonly #executions: string;
  readonly #definitions: string;
  #ready: Promise<void> | undefined;
  #counter = 0;

  constructor(stateDir: string) {
    this.#executions = join(stateDir, 'executions');
    this.#definitions = join(stateDir, 'definitions');
  }

  async saveExecution(record: ExecutionRecord): Promise<void> {
    await this.#ensureDirs();
    await this.#atomicWrite(
      join(this.#executions, `${fileKey(record.executionArn)}.json`),
      JSON.stringify(record),
    );
  }

  async loadExecutions(): Promise<ExecutionRecord[]> {
    await this.#ensureDirs();
    const records: ExecutionRecord[] = [];
    for (const file of (await readdir(this.#executions)).sort()) {
      if (!file.endsWith('.json')) continue;
      records.push(JSON.parse(await readFile(join(this.#executions, file), 'utf8')) as ExecutionRecord);
    }
    return records;
  }

  async saveDefinition(hash: string, text: string): Promise<void> {
    await this.#ensureDirs();
    await this.#atomicWrite(join(this.#definitions, `${hash}.json`), text);
  }

  async loadDefinition(hash: string): Promise<string | undefined> {
    try {
      return await readFile(join(this.#definitions, `${hash}.json`), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  #ensureDirs(): Promise<void> {
    this.#ready ??= Promise.all([
      mkdir(this.#executions, { recursive: true }),
      mkdir(this.#definitions, { recursive: true }),
    ]).then(() => undefined);
    return this.#ready;
  }

  async #atomicWrite(file: string, text: string): Promise<void> {
    const temp = `${file}.${process.pid}.${this.#counter++}.tmp`;
    await writeFile(temp, text);
    await rename(temp, file);
  }
}

/** Execution names may hold characters a file system dislikes; a hash never does. */
function fileKey(executionArn: string): string {
  return createHash('sha256').update(executionArn).digest('hex').slice(0, 40);
}
