/**
 * The interpreter: runs executions of compiled state machines on the virtual clock, with the
 * semantics of AWS Step Functions (Standard workflows) for the JSONata subset `definition.ts`
 * accepts. Each execution's changes are serialized through its own queue; everything the engine
 * starts (state processing, Lambda calls, timers, status change handlers) is tracked on the clock
 * so `whenIdle` and `clock.advance` know when the system has settled.
 *
 * Executions may start others (`states:startExecution`). A parent waiting for a child
 * (`.sync:2`) is woken by the child's end once that end is on disk, and finds it again after a
 * restart from its own record (`position.child`); the queues never wait on one another: work
 * for another execution is queued on its queue and not awaited, so two queues cannot deadlock.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ClockTimer, VirtualClock } from '../clock.ts';
import {
  loadDefinition,
  parseStateMachineArn,
  type ChoiceState,
  type CompiledMachine,
  type CompiledState,
  type FailState,
  type MachineSource,
  type TaskState,
  type WaitState,
} from './definition.ts';
import { ApiError, DefinitionError, StatesError, StatesErrors, errorMatches } from './errors.ts';
import {
  appendEvent,
  HistoryLimitReached,
  json,
  NOT_TRUNCATED,
  toHistoryEvent,
  type HistoryEvent,
} from './history.ts';
import { evaluateTemplate, type EvaluationScope, type StatesVariable, type Template } from './jsonata.ts';
import { MAX_PAYLOAD_BYTES, MAX_SECONDS, parseTimestamp, payloadBytes } from './limits.ts';
import {
  FileStore,
  MemoryStore,
  type ExecutionRecord,
  type ExecutionStatus,
  type ExecutionStore,
  type Position,
  type StartedBy,
} from './store.ts';

/** What a local Lambda receives besides its payload. */
export interface LocalLambdaContext {
  functionName: string;
  invokedFunctionArn: string;
  awsRequestId: string;
}

export type LambdaHandler = (payload: unknown, context: LocalLambdaContext) => unknown;

/**
 * A local function with the timeout its deployed twin has. A call that has not answered when the
 * timeout has passed (in real time: a call takes no virtual time of its own) fails as a Lambda
 * timeout does; the handler, which cannot be stopped in-process, runs on unheard.
 */
export interface LocalLambda {
  handler: LambdaHandler;
  timeoutSeconds: number;
}

export interface EngineOptions {
  clock: VirtualClock;
  /** Where executions are kept; without it nothing survives the process. */
  stateDir?: string;
  /**
   * Local implementations of the Lambda functions, by function ARN (a bare function name also
   * resolves). A bare handler has no timeout.
   */
  lambdas: Readonly<Record<string, LambdaHandler | LocalLambda>>;
  /** State machines by ARN (`arn:aws:states:<region>:<account>:stateMachine:<name>`). */
  definitions: Readonly<Record<string, MachineSource>>;
  /**
   * Called once for every execution that ends (SUCCEEDED, FAILED, TIMED_OUT, ABORTED) with the
   * event EventBridge delivers for it, as a rule on "Step Functions Execution Status Change"
   * would. Its work is tracked on the clock; what it throws is logged and goes no further.
   */
  onExecutionStatusChange?: (event: ExecutionStatusChangeEvent) => unknown;
}

export type TerminalStatus = Exclude<ExecutionStatus, 'RUNNING'>;

/**
 * "Step Functions Execution Status Change" as EventBridge delivers it ("Automating Step Functions
 * event delivery with EventBridge"): `detail` carries what DescribeExecution does, dates as epoch
 * milliseconds, and `output`/`outputDetails` null unless the execution succeeded.
 */
export interface ExecutionStatusChangeEvent {
  version: '0';
  id: string;
  'detail-type': 'Step Functions Execution Status Change';
  source: 'aws.states';
  account: string;
  /** The stop date, ISO 8601 to the second. */
  time: string;
  region: string;
  resources: string[];
  detail: {
    executionArn: string;
    stateMachineArn: string;
    name: string;
    status: TerminalStatus;
    startDate: number;
    stopDate: number;
    input: string;
    inputDetails: { included: boolean };
    output: string | null;
    outputDetails: { included: boolean } | null;
    error?: string;
    cause?: string;
  };
}

export interface StartExecutionInput {
  stateMachineArn: string;
  name?: string;
  /** JSON text, `{}` when absent. */
  input?: string;
  traceHeader?: string;
}

export interface DescribeExecutionOutput {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  input: string;
  inputDetails: { included: boolean };
  output?: string;
  outputDetails?: { included: boolean };
  error?: string;
  cause?: string;
  redriveCount: number;
  redriveStatus: 'NOT_REDRIVABLE';
}

export interface ExecutionListItem {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  redriveCount: number;
}

export interface GetExecutionHistoryInput {
  executionArn: string;
  maxResults?: number;
  nextToken?: string;
  reverseOrder?: boolean;
  includeExecutionData?: boolean;
}

export interface ListExecutionsInput {
  stateMachineArn: string;
  statusFilter?: ExecutionStatus;
  maxResults?: number;
  nextToken?: string;
}

export interface DescribeStateMachineOutput {
  stateMachineArn: string;
  name: string;
  status: 'ACTIVE';
  definition: string;
  roleArn: string;
  type: 'STANDARD';
  creationDate: Date;
}

/** The Step Functions API of the local engine. Method names and shapes mirror the AWS API. */
export interface Engine {
  startExecution(input: StartExecutionInput): Promise<{ executionArn: string; startDate: Date }>;
  describeExecution(input: { executionArn: string }): Promise<DescribeExecutionOutput>;
  stopExecution(input: { executionArn: string; error?: string; cause?: string }): Promise<{ stopDate: Date }>;
  sendTaskSuccess(input: { taskToken: string; output: string }): Promise<Record<string, never>>;
  sendTaskFailure(input: {
    taskToken: string;
    error?: string;
    cause?: string;
  }): Promise<Record<string, never>>;
  sendTaskHeartbeat(input: { taskToken: string }): Promise<Record<string, never>>;
  getExecutionHistory(
    input: GetExecutionHistoryInput,
  ): Promise<{ events: HistoryEvent[]; nextToken?: string }>;
  listExecutions(
    input: ListExecutionsInput,
  ): Promise<{ executions: ExecutionListItem[]; nextToken?: string }>;
  describeStateMachine(input: { stateMachineArn: string }): Promise<DescribeStateMachineOutput>;
  listStateMachines(): Promise<{
    stateMachines: { stateMachineArn: string; name: string; type: 'STANDARD'; creationDate: Date }[];
  }>;
  /** Resolves when no execution has work in flight (delegates to the clock). */
  whenIdle(): Promise<void>;
  /** Cancels the engine's timers and waits for queued work; the state on disk stays resumable. */
  close(): Promise<void>;
}

/** Creates the engine, loading and resuming the executions kept in `stateDir`. */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const engine = new LocalStepFunctions(options);
  await engine.start();
  return engine;
}

interface Run {
  record: ExecutionRecord;
  machine: CompiledMachine;
  queue: Promise<void>;
  timers: ClockTimer[];
  heartbeatTimer?: ClockTimer;
  deadlineTimer?: ClockTimer;
  /** `savedMark` of the record as last written. */
  saved?: string;
  /** Ended, but the end is not on disk yet: waiting parents and the status handler hear of it once it is. */
  unannounced?: boolean;
}

const savedMark = (record: ExecutionRecord): string =>
  `${record.step}:${record.history.length}:${record.status}`;

type InvokeOutcome = { ok: true; result: unknown } | { ok: false; error: StatesError };

const ROLE_ARN = 'arn:aws:iam::000000000000:role/local-step-functions';
/**
 * "Step Functions service quotas": the maximum execution time of a Standard workflow is one year;
 * an execution that runs longer fails with States.Timeout (TIMED_OUT), as with TimeoutSeconds.
 */
const MAX_EXECUTION_MS = 365 * 86_400_000;
const TOKEN_PREFIX = 'AQB';
const TOKEN_PATTERN = /^AQB[A-Za-z0-9_-]{86}$/;
/** "Naming rules" of StartExecution: 1-80 characters, none of these, no control characters. */
const FORBIDDEN_NAME_CHARACTERS = new Set('<>{}[]?*"#%\\^|~`$&,;:/');

function isValidName(name: string): boolean {
  if (name.length < 1 || name.length > 80) return false;
  for (const character of name) {
    const code = character.codePointAt(0)!;
    if (code <= 0x20 || (code >= 0x7f && code <= 0x9f) || /\s/u.test(character)) return false;
    if (FORBIDDEN_NAME_CHARACTERS.has(character)) return false;
  }
  return true;
}

class LocalStepFunctions implements Engine {
  readonly #clock: VirtualClock;
  readonly #store: ExecutionStore;
  readonly #lambdas: Readonly<Record<string, LambdaHandler | LocalLambda>>;
  readonly #machines = new Map<string, CompiledMachine>();
  readonly #machinesByHash = new Map<string, CompiledMachine>();
  readonly #runs = new Map<string, Run>();
  readonly #tokens = new Map<string, Run>();
  /** Child execution ARN → the parents whose `.sync:2` task waits for it. */
  readonly #waiters = new Map<string, Set<string>>();
  readonly #onStatusChange: EngineOptions['onExecutionStatusChange'];
  readonly #createdAt: Date;
  #closed = false;

  constructor(options: EngineOptions) {
    this.#clock = options.clock;
    this.#store = options.stateDir ? new FileStore(options.stateDir) : new MemoryStore();
    this.#lambdas = options.lambdas;
    this.#onStatusChange = options.onExecutionStatusChange;
    this.#createdAt = options.clock.now();
    for (const [arn, source] of Object.entries(options.definitions)) {
      const machine = loadDefinition(arn, source);
      this.#machines.set(arn, machine);
      this.#machinesByHash.set(machine.hash, machine);
    }
  }

  async start(): Promise<void> {
    for (const machine of this.#machines.values())
      await this.#store.saveDefinition(machine.hash, machine.definitionText);
    const loaded: Run[] = [];
    for (const record of await this.#store.loadExecutions()) {
      const machine = await this.#machineForRecord(record);
      const run: Run = { record, machine, queue: Promise.resolve(), timers: [] };
      this.#runs.set(record.executionArn, run);
      for (const token of record.tokens) this.#tokens.set(token, run);
      loaded.push(run);
    }
    // Resumed once all are loaded: a parent waiting for a child must find the child's record.
    for (const run of loaded) if (run.record.status === 'RUNNING') this.#resume(run);
  }

  // ---- API -------------------------------------------------------------------------------------

  async startExecution(input: StartExecutionInput): Promise<{ executionArn: string; startDate: Date }> {
    this.#assertOpen();
    const { record } = await this.#start(input);
    return { executionArn: record.executionArn, startDate: new Date(record.startDate) };
  }

  /**
   * StartExecution, for the API and for `states:startExecution` tasks alike. Answers the execution
   * the name stands for: a new one, or the running one with the same name and input (StartExecution
   * is idempotent), or the one `startedBy` itself started before a crash.
   */
  async #start(input: StartExecutionInput, startedBy?: StartedBy): Promise<Run> {
    // The API's length constraint on `input`: 262144 bytes of UTF-8 ("StartExecution").
    if (typeof input.input === 'string' && payloadBytes(input.input) > MAX_PAYLOAD_BYTES) {
      throw tooLong('input');
    }
    const machine = this.#machine(input.stateMachineArn);
    const name = input.name ?? randomUUID();
    if (!isValidName(name)) {
      throw new ApiError('InvalidName', `Invalid Name: '${name}'`);
    }
    const inputText = input.input ?? '{}';
    const parsedInput = parseJson(inputText, () => {
      throw new ApiError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${inputText}'`);
    });
    const executionArn = executionArnFor(machine.stateMachineArn, name);
    const existing = this.#runs.get(executionArn);
    if (existing) {
      const { record } = existing;
      if (startedBy && sameStarter(record.startedBy, startedBy)) return existing;
      if (record.status === 'RUNNING' && sameJson(record.input, inputText)) return existing;
      throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const now = this.#clock.nowMs();
    const record: ExecutionRecord = {
      version: 1,
      executionArn,
      stateMachineArn: machine.stateMachineArn,
      definitionHash: machine.hash,
      name,
      input: inputText,
      status: 'RUNNING',
      startDate: now,
      deadline: now + executionTimeoutMs(machine),
      ...(startedBy ? { startedBy } : {}),
      variables: {},
      position: {
        state: machine.startAt,
        input: parsedInput,
        phase: 'enter',
        retryCount: 0,
        retrierAttempts: [],
      },
      step: 0,
      tokens: [],
      history: [],
    };
    const run: Run = { record, machine, queue: Promise.resolve(), timers: [] };
    this.#runs.set(executionArn, run);
    appendEvent(record.history, now, 'ExecutionStarted', {
      executionStartedEventDetails: { input: inputText, inputDetails: NOT_TRUNCATED, roleArn: ROLE_ARN },
    });
    await this.#enqueue(run, () => this.#persist(run));
    this.#armDeadline(run);
    void this.#background(run, async () => {});
    return run;
  }

  async describeExecution({ executionArn }: { executionArn: string }): Promise<DescribeExecutionOutput> {
    return describeRecord(this.#run(executionArn).record);
  }

  async stopExecution(input: {
    executionArn: string;
    error?: string;
    cause?: string;
  }): Promise<{ stopDate: Date }> {
    this.#assertOpen();
    const run = this.#run(input.executionArn);
    return this.#enqueue(run, async () => {
      const { record } = run;
      if (record.status === 'RUNNING') {
        const now = this.#clock.nowMs();
        const position = record.position;
        const child = waitedChild(position);
        if (position && position.phase !== 'enter') {
          const type = this.#state(run, position.state).type;
          if (type === 'Task' || type === 'Wait') {
            appendEvent(record.history, now, `${type}StateAborted`, {
              stateExitedEventDetails: { name: position.state },
            });
          }
        }
        this.#close(run, 'ABORTED', {
          ...(input.error !== undefined ? { error: input.error } : {}),
          ...(input.cause !== undefined ? { cause: input.cause } : {}),
        });
        appendEvent(record.history, now, 'ExecutionAborted', {
          executionAbortedEventDetails: { error: input.error, cause: input.cause },
        });
        await this.#persist(run);
        this.#stopJob(child);
      }
      return { stopDate: new Date(record.stopDate ?? this.#clock.nowMs()) };
    });
  }

  async sendTaskSuccess({
    taskToken,
    output,
  }: {
    taskToken: string;
    output: string;
  }): Promise<Record<string, never>> {
    this.#assertOpen();
    // The API's length constraint on `output`: 262144 bytes of UTF-8 ("SendTaskSuccess").
    if (typeof output === 'string' && payloadBytes(output) > MAX_PAYLOAD_BYTES) throw tooLong('output');
    const run = this.#runForToken(taskToken);
    const result = parseJson(output, () => {
      throw new ApiError('InvalidOutput', `Invalid Output: '${output}'`);
    });
    return this.#enqueue(run, async () => {
      const state = this.#liveTask(run, taskToken);
      await this.#withinHistoryLimit(run, async () => {
        appendEvent(run.record.history, this.#clock.nowMs(), 'TaskSucceeded', {
          taskSucceededEventDetails: {
            resourceType: state.resourceType,
            resource: state.resource,
            output,
            outputDetails: NOT_TRUNCATED,
          },
        });
        await this.#taskSucceeded(run, state, result);
        await this.#drive(run);
      });
      return {};
    });
  }

  async sendTaskFailure(input: {
    taskToken: string;
    error?: string;
    cause?: string;
  }): Promise<Record<string, never>> {
    this.#assertOpen();
    const run = this.#runForToken(input.taskToken);
    return this.#enqueue(run, async () => {
      const state = this.#liveTask(run, input.taskToken);
      await this.#withinHistoryLimit(run, async () => {
        appendEvent(run.record.history, this.#clock.nowMs(), 'TaskFailed', {
          taskFailedEventDetails: {
            resourceType: state.resourceType,
            resource: state.resource,
            error: input.error,
            cause: input.cause,
          },
        });
        await this.#taskError(run, state, new StatesError(input.error ?? '', input.cause ?? ''));
        await this.#drive(run);
      });
      return {};
    });
  }

  async sendTaskHeartbeat({ taskToken }: { taskToken: string }): Promise<Record<string, never>> {
    this.#assertOpen();
    const run = this.#runForToken(taskToken);
    return this.#enqueue(run, async () => {
      this.#liveTask(run, taskToken);
      const position = run.record.position!;
      if (position.heartbeatSeconds !== undefined) {
        position.heartbeatAt = this.#clock.nowMs() + position.heartbeatSeconds * 1000;
        await this.#persist(run);
        this.#armHeartbeat(run);
      }
      return {};
    });
  }

  async getExecutionHistory(
    input: GetExecutionHistoryInput,
  ): Promise<{ events: HistoryEvent[]; nextToken?: string }> {
    const { record } = this.#run(input.executionArn);
    const events = record.history.map((event) => toHistoryEvent(event, input.includeExecutionData ?? true));
    if (input.reverseOrder) events.reverse();
    return paginate(events, input.maxResults, input.nextToken, (page, nextToken) => ({
      events: page,
      ...(nextToken ? { nextToken } : {}),
    }));
  }

  async listExecutions(
    input: ListExecutionsInput,
  ): Promise<{ executions: ExecutionListItem[]; nextToken?: string }> {
    if (
      !this.#machines.has(input.stateMachineArn) &&
      ![...this.#runs.values()].some((run) => run.record.stateMachineArn === input.stateMachineArn)
    ) {
      throw new ApiError(
        'StateMachineDoesNotExist',
        `State Machine Does Not Exist: '${input.stateMachineArn}'`,
      );
    }
    const items = [...this.#runs.values()]
      .map((run) => run.record)
      .filter((record) => record.stateMachineArn === input.stateMachineArn)
      .filter((record) => !input.statusFilter || record.status === input.statusFilter)
      .sort((a, b) => b.startDate - a.startDate || a.name.localeCompare(b.name))
      .map((record): ExecutionListItem => ({
        executionArn: record.executionArn,
        stateMachineArn: record.stateMachineArn,
        name: record.name,
        status: record.status,
        startDate: new Date(record.startDate),
        ...(record.stopDate !== undefined ? { stopDate: new Date(record.stopDate) } : {}),
        redriveCount: 0,
      }));
    return paginate(items, input.maxResults, input.nextToken, (page, nextToken) => ({
      executions: page,
      ...(nextToken ? { nextToken } : {}),
    }));
  }

  async describeStateMachine({
    stateMachineArn,
  }: {
    stateMachineArn: string;
  }): Promise<DescribeStateMachineOutput> {
    const machine = this.#machine(stateMachineArn);
    return {
      stateMachineArn,
      name: machine.name,
      status: 'ACTIVE',
      definition: machine.definitionText,
      roleArn: ROLE_ARN,
      type: 'STANDARD',
      creationDate: this.#createdAt,
    };
  }

  async listStateMachines(): Promise<{
    stateMachines: { stateMachineArn: string; name: string; type: 'STANDARD'; creationDate: Date }[];
  }> {
    return {
      stateMachines: [...this.#machines.values()].map((machine) => ({
        stateMachineArn: machine.stateMachineArn,
        name: machine.name,
        type: 'STANDARD',
        creationDate: this.#createdAt,
      })),
    };
  }

  whenIdle(): Promise<void> {
    return this.#clock.whenIdle();
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const run of this.#runs.values()) this.#cancelTimers(run, true);
    await Promise.allSettled([...this.#runs.values()].map((run) => run.queue));
  }

  // ---- lookups ---------------------------------------------------------------------------------

  #assertOpen(): void {
    if (this.#closed)
      throw new ApiError('ServiceUnavailable', 'The local Step Functions engine is closed', 503);
  }

  #machine(stateMachineArn: string): CompiledMachine {
    if (typeof stateMachineArn !== 'string' || !stateMachineArn.startsWith('arn:')) {
      throw new ApiError('InvalidArn', `Invalid Arn: '${String(stateMachineArn)}'`);
    }
    const machine = this.#machines.get(stateMachineArn);
    if (!machine)
      throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
    return machine;
  }

  #run(executionArn: string): Run {
    if (typeof executionArn !== 'string' || !executionArn.startsWith('arn:')) {
      throw new ApiError('InvalidArn', `Invalid Arn: '${String(executionArn)}'`);
    }
    const run = this.#runs.get(executionArn);
    if (!run) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return run;
  }

  /**
   * Token errors as the SendTask* API documents them: InvalidToken for a malformed token,
   * TaskDoesNotExist for one this engine never issued, TaskTimedOut (in `#liveTask`) for one whose
   * task has already closed: succeeded, failed, timed out, or its execution stopped.
   */
  #runForToken(taskToken: string): Run {
    if (typeof taskToken !== 'string' || !TOKEN_PATTERN.test(taskToken)) {
      throw new ApiError('InvalidToken', `Invalid Token: '${String(taskToken).slice(0, 40)}'`);
    }
    const run = this.#tokens.get(taskToken);
    if (!run) throw new ApiError('TaskDoesNotExist', 'Task Does Not Exist');
    return run;
  }

  #liveTask(run: Run, taskToken: string): TaskState {
    const { record } = run;
    const position = record.position;
    if (record.status !== 'RUNNING' || position?.phase !== 'waiting-token' || position.token !== taskToken) {
      throw new ApiError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
    }
    return this.#state(run, position.state) as TaskState;
  }

  #state(run: Run, name: string): CompiledState {
    const state = run.machine.states.get(name);
    if (!state) throw new StatesError(StatesErrors.Runtime, `The state "${name}" does not exist`);
    return state;
  }

  async #machineForRecord(record: ExecutionRecord): Promise<CompiledMachine> {
    const known = this.#machinesByHash.get(record.definitionHash);
    if (known) return known;
    const text = await this.#store.loadDefinition(record.definitionHash);
    if (text === undefined) {
      throw new DefinitionError(
        `The definition ${record.definitionHash} of ${record.executionArn} is missing from the state directory`,
      );
    }
    const machine = loadDefinition(record.stateMachineArn, { definition: text });
    this.#machinesByHash.set(machine.hash, machine);
    return machine;
  }

  // ---- scheduling --------------------------------------------------------------------------------

  /** Runs `work` after everything queued for this execution; tracked on the clock. */
  #enqueue<T>(run: Run, work: () => Promise<T>): Promise<T> {
    const result = run.queue.then(work);
    run.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return this.#clock.track(result);
  }

  /**
   * Queued work nobody awaits (timers, Lambda results), followed by driving the execution on.
   * A failure here is a bug, not an ASL error: it ends the execution with States.Runtime, visibly.
   */
  #background(run: Run, work: () => Promise<void>): Promise<void> {
    return this.#enqueue(run, async () => {
      if (this.#closed) return;
      try {
        if (this.#pastDeadline(run)) return await this.#persist(run);
        await this.#withinHistoryLimit(run, async () => {
          await work();
          await this.#drive(run);
        });
      } catch (error) {
        console.error(`Local Step Functions: ${run.record.executionArn} failed unexpectedly`, error);
        if (run.record.status === 'RUNNING') {
          this.#fail(run, StatesErrors.Runtime, error instanceof Error ? error.message : String(error));
          await this.#persist(run).catch(() => undefined);
        }
      }
    });
  }

  /**
   * Runs work that appends history events; should the history fill up, the execution fails with
   * States.Runtime there and then ("Step Functions service quotas": 25,000 events).
   */
  async #withinHistoryLimit(run: Run, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof HistoryLimitReached) || run.record.status !== 'RUNNING') throw error;
      this.#fail(run, StatesErrors.Runtime, error.message);
      await this.#persist(run);
    }
  }

  /**
   * "Handling errors in Step Functions workflows": a result or an output above the payload quota
   * ends the execution with States.DataLimitExceeded, which no Retry or Catch matches. Answers
   * whether it did.
   */
  #overPayloadLimit(run: Run, stateName: string, text: string, what: 'result' | 'input'): boolean {
    if (payloadBytes(text) <= MAX_PAYLOAD_BYTES) return false;
    const cause =
      what === 'result'
        ? `The state/task '${stateName}' returned a result with a size exceeding the maximum number of bytes service limit.`
        : `The state/task '${stateName}' has an input with a size exceeding the maximum number of bytes service limit.`;
    this.#fail(run, StatesErrors.DataLimitExceeded, cause);
    return true;
  }

  #schedule(run: Run, at: number, work: () => Promise<void>): ClockTimer {
    const timer = this.#clock.schedule(at, () => this.#background(run, work));
    run.timers.push(timer);
    return timer;
  }

  #cancelTimers(run: Run, includingDeadline = false): void {
    for (const timer of run.timers) timer.cancel();
    run.timers = [];
    run.heartbeatTimer?.cancel();
    delete run.heartbeatTimer;
    if (includingDeadline) {
      run.deadlineTimer?.cancel();
      delete run.deadlineTimer;
    }
  }

  async #persist(run: Run): Promise<void> {
    run.saved = savedMark(run.record);
    await this.#store.saveExecution(run.record);
    // An end is told only once it is on disk: no parent moves on, and no handler acts, on an end
    // that a crash could still undo (the execution would run its last states again).
    if (run.unannounced) {
      run.unannounced = false;
      this.#announceEnd(run);
    }
  }

  /** The execution's end is durable: wakes the parents waiting for it and calls the status handler. */
  #announceEnd(run: Run): void {
    const { record } = run;
    const parents = this.#waiters.get(record.executionArn) ?? new Set<string>();
    this.#waiters.delete(record.executionArn);
    for (const parentArn of parents) {
      const parent = this.#runs.get(parentArn);
      if (parent) void this.#background(parent, () => this.#childEnded(parent, record.executionArn));
    }
    const handler = this.#onStatusChange;
    if (!handler) return;
    const event = statusChangeEvent(record, run.machine);
    void this.#clock.track(
      Promise.resolve()
        .then(() => handler(event))
        .then(undefined, (error: unknown) =>
          console.error(
            `Local Step Functions: the status change handler failed for ${record.executionArn}`,
            error,
          ),
        ),
    );
  }

  /** Skips the write when nothing changed since the last one (every change moves `step` or the history). */
  #persistIfChanged(run: Run): Promise<void> {
    return run.saved === savedMark(run.record) ? Promise.resolve() : this.#persist(run);
  }

  /** Picks an execution up where the state directory left it. */
  #resume(run: Run): void {
    const { record } = run;
    this.#armDeadline(run);
    const position = record.position;
    if (!position) return;
    switch (position.phase) {
      case 'enter':
      case 'attempt':
        void this.#background(run, async () => {});
        break;
      case 'invoking':
        this.#armTaskTimers(run);
        this.#launchCall(run);
        break;
      case 'waiting-token':
        this.#armTaskTimers(run);
        if (!position.invoked) this.#launchCall(run);
        break;
      case 'waiting-child':
        this.#armTaskTimers(run);
        this.#waitForChild(run, position.child!);
        break;
      case 'retry-wait':
      case 'waiting':
        this.#armWake(run);
        break;
    }
  }

  // ---- running states ----------------------------------------------------------------------------

  /** Processes states until the execution waits for something (a call, a token, a timer) or ends. */
  async #drive(run: Run): Promise<void> {
    const { record } = run;
    while (record.status === 'RUNNING' && record.position) {
      const position = record.position;
      const state = this.#state(run, position.state);
      if (position.phase === 'enter') await this.#enter(run, state);
      else if (position.phase === 'attempt' && state.type === 'Task') await this.#startAttempt(run, state);
      else break;
    }
    // Written once where the execution comes to rest, not after every state: the states run in
    // between have no effect outside the record, so after a crash they simply run again from the
    // last write. A Task's call is the exception, and `#startAttempt` writes before making it.
    await this.#persistIfChanged(run);
  }

  async #enter(run: Run, state: CompiledState): Promise<void> {
    const { record } = run;
    const position = record.position!;
    const now = this.#clock.nowMs();
    position.enteredAt = now;
    position.retryCount = 0;
    position.retrierAttempts = [];
    position.enteredEventId = appendEvent(record.history, now, `${state.type}StateEntered`, {
      stateEnteredEventDetails: {
        name: state.name,
        input: json(position.input),
        inputDetails: NOT_TRUNCATED,
      },
    });
    try {
      switch (state.type) {
        case 'Task':
          position.phase = 'attempt';
          record.step++;
          return;
        case 'Pass':
        case 'Succeed': {
          const { output, assigned } = await this.#outputAndAssign(
            run,
            {},
            state.output,
            [state.assign],
            position.input,
          );
          return this.#exit(run, state, output, assigned, nextOf(state));
        }
        case 'Choice':
          return await this.#choose(run, state);
        case 'Wait':
          return await this.#startWait(run, state);
        case 'Fail':
          return await this.#failState(run, state);
      }
    } catch (error) {
      if (!(error instanceof StatesError)) throw error;
      // Only Task states have Retry and Catch; anywhere else an error ends the execution.
      const located = this.#located(run, error);
      this.#fail(run, located.error, located.cause);
    }
  }

  async #choose(run: Run, state: ChoiceState): Promise<void> {
    const scope = this.#scope(run, {});
    for (const [index, rule] of state.choices.entries()) {
      const matched = await evaluateTemplate(rule.condition, scope, 'Condition');
      if (typeof matched !== 'boolean') {
        throw new StatesError(
          StatesErrors.QueryEvaluationError,
          `The JSONata expression specified for the field 'Condition' of Choices[${index}] returned an unexpected result type. Expected 'boolean', but was '${typeName(matched)}' for value: ${json(matched)}`,
          'Condition',
        );
      }
      if (matched) {
        // "Choice workflow state": a rule's Assign applies with the state-level Assign.
        const { output, assigned } = await this.#outputAndAssign(
          run,
          {},
          rule.output ?? state.output,
          [state.assign, rule.assign],
          run.record.position!.input,
        );
        return this.#exit(run, state, output, assigned, rule.next);
      }
    }
    if (state.default === undefined) {
      throw new StatesError(
        StatesErrors.NoChoiceMatched,
        `No Choice Rule matched and no Default is specified in state '${state.name}'.`,
      );
    }
    const { output, assigned } = await this.#outputAndAssign(
      run,
      {},
      state.output,
      [state.assign],
      run.record.position!.input,
    );
    this.#exit(run, state, output, assigned, state.default);
  }

  async #startWait(run: Run, state: WaitState): Promise<void> {
    const { record } = run;
    const position = record.position!;
    const scope = this.#scope(run, {});
    let wakeAt: number;
    if (state.seconds) {
      const seconds = await evaluateTemplate(state.seconds, scope, 'Seconds');
      if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0 || seconds > MAX_SECONDS) {
        throw unexpectedType('Seconds', `an integer from 0 to ${MAX_SECONDS}`, seconds);
      }
      wakeAt = position.enteredAt! + seconds * 1000;
    } else {
      const timestamp = await evaluateTemplate(state.timestamp!, scope, 'Timestamp');
      if (typeof timestamp !== 'string') throw unexpectedType('Timestamp', 'a string', timestamp);
      const at = parseTimestamp(timestamp);
      if (at === undefined) {
        // The cause AWS gives for a string that is not an RFC 3339 date-time.
        throw new StatesError(
          StatesErrors.QueryEvaluationError,
          `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${timestamp}`,
          'Timestamp',
        );
      }
      wakeAt = at;
    }
    position.phase = 'waiting';
    position.wakeAt = wakeAt;
    record.step++;
    this.#armWake(run);
  }

  async #finishWait(run: Run, state: WaitState): Promise<void> {
    try {
      const { output, assigned } = await this.#outputAndAssign(
        run,
        {},
        state.output,
        [state.assign],
        run.record.position!.input,
      );
      this.#exit(run, state, output, assigned, nextOf(state));
    } catch (error) {
      if (!(error instanceof StatesError)) throw error;
      const located = this.#located(run, error);
      this.#fail(run, located.error, located.cause);
    }
  }

  async #failState(run: Run, state: FailState): Promise<void> {
    const scope = this.#scope(run, {});
    const error = state.error ? await evaluateTemplate(state.error, scope, 'Error') : undefined;
    const cause = state.cause ? await evaluateTemplate(state.cause, scope, 'Cause') : undefined;
    if (error !== undefined && typeof error !== 'string') throw unexpectedType('Error', 'string', error);
    if (cause !== undefined && typeof cause !== 'string') throw unexpectedType('Cause', 'string', cause);
    this.#fail(run, error, cause);
  }

  async #startAttempt(run: Run, state: TaskState): Promise<void> {
    const { record } = run;
    const position = record.position!;
    const token =
      state.pattern === 'callback' ? TOKEN_PREFIX + randomBytes(64).toString('base64url') : undefined;
    let args: unknown;
    let timeoutSeconds: number | undefined;
    let heartbeatSeconds: number | undefined;
    try {
      const scope = this.#scope(run, {}, token);
      args = await evaluateTemplate(state.arguments, scope, 'Arguments');
      if (state.timeoutSeconds)
        timeoutSeconds = await positiveInteger(state.timeoutSeconds, scope, 'TimeoutSeconds');
      if (state.heartbeatSeconds)
        heartbeatSeconds = await positiveInteger(state.heartbeatSeconds, scope, 'HeartbeatSeconds');
      if (state.resourceType === 'states') checkStartExecutionArguments(args);
      else checkLambdaArguments(args);
    } catch (error) {
      if (!(error instanceof StatesError)) throw error;
      return this.#taskError(run, state, this.#located(run, error));
    }
    if (this.#overPayloadLimit(run, state.name, JSON.stringify(args), 'input')) return;
    const now = this.#clock.nowMs();
    appendEvent(record.history, now, 'TaskScheduled', {
      taskScheduledEventDetails: {
        resourceType: state.resourceType,
        resource: state.resource,
        region: run.machine.region,
        parameters: JSON.stringify(args),
        ...(timeoutSeconds !== undefined ? { timeoutInSeconds: timeoutSeconds } : {}),
        ...(heartbeatSeconds !== undefined ? { heartbeatInSeconds: heartbeatSeconds } : {}),
      },
    });
    appendEvent(record.history, now, 'TaskStarted', {
      taskStartedEventDetails: { resourceType: state.resourceType, resource: state.resource },
    });
    clearAttempt(position);
    position.phase = token ? 'waiting-token' : 'invoking';
    position.args = args;
    if (state.resourceType === 'states') {
      // StartExecution names an unnamed execution with a UUID; fixed here so a replay finds it.
      position.childName = (args as StartExecutionArguments).Name ?? randomUUID();
    }
    if (timeoutSeconds !== undefined) position.timeoutAt = now + timeoutSeconds * 1000;
    if (token) {
      position.token = token;
      position.invoked = false;
      record.tokens.push(token);
      this.#tokens.set(token, run);
      // Heartbeats exist for callback tasks; a request-response call or a job cannot send any.
      if (heartbeatSeconds !== undefined) {
        position.heartbeatSeconds = heartbeatSeconds;
        position.heartbeatAt = now + heartbeatSeconds * 1000;
      }
    }
    record.step++;
    // Durable before the call: the Lambda may hand the token to someone who answers after a crash,
    // and a started execution may end before this one writes again.
    await this.#persist(run);
    this.#armTaskTimers(run);
    this.#launchCall(run);
  }

  /** Makes the current attempt's call, outside the queue; its outcome is queued when it comes. */
  #launchCall(run: Run): void {
    const { record } = run;
    const step = record.step;
    const position = record.position!;
    const state = this.#state(run, position.state) as TaskState;
    const outcome =
      state.resourceType === 'states'
        ? this.#callStartExecution(run, step, position.args as StartExecutionArguments, position.childName!)
        : this.#invokeLambda(position.args as LambdaArguments);
    void this.#clock.track(
      outcome.then((result) => this.#background(run, () => this.#onInvoked(run, step, state, result))),
    );
  }

  /**
   * "Start a new AWS Step Functions state machine from a running execution": the optimized
   * integration calls StartExecution (the same path as the API) and answers its response with
   * PascalCase members, the date in epoch milliseconds, and the SDK metadata of every optimized
   * integration. A refusal of the call is the task's error, named `StepFunctions.<Code>Exception`.
   */
  async #callStartExecution(
    run: Run,
    step: number,
    args: StartExecutionArguments,
    name: string,
  ): Promise<InvokeOutcome> {
    const requestId = randomUUID();
    try {
      const child = await this.#start(
        { stateMachineArn: args.StateMachineArn, name, input: executionInput(args.Input) },
        { executionArn: run.record.executionArn, step },
      );
      return { ok: true, result: startExecutionResult(child.record, requestId) };
    } catch (thrown) {
      if (thrown instanceof ApiError) {
        return {
          ok: false,
          error: new StatesError(
            `StepFunctions.${thrown.code.endsWith('Exception') ? thrown.code : `${thrown.code}Exception`}`,
            `${thrown.message} (Service: AWSStepFunctions; Status Code: ${thrown.status}; Error Code: ${thrown.code}; Request ID: ${requestId}; Proxy: null)`,
          ),
        };
      }
      // Not a refusal of the call but a fault of the engine: the execution ends, visibly.
      const message = thrown instanceof Error ? thrown.message : String(thrown);
      return { ok: false, error: new StatesError(StatesErrors.Runtime, message) };
    }
  }

  async #invokeLambda(args: LambdaArguments): Promise<InvokeOutcome> {
    const requestId = randomUUID();
    const handler = this.#resolveLambda(args.FunctionName);
    if (!handler) {
      return {
        ok: false,
        error: new StatesError(
          'Lambda.ResourceNotFoundException',
          `Function not found: ${args.FunctionName} (Service: Lambda, Status Code: 404, Request ID: ${requestId})`,
        ),
      };
    }
    try {
      // Through JSON both ways, as over the wire: no shared references, no undefined, no Dates.
      const payload = JSON.parse(json(args.Payload ?? {})) as unknown;
      const returned = await withinTimeout(
        Promise.resolve().then(() =>
          handler.fn(payload, {
            functionName: handler.name,
            invokedFunctionArn: args.FunctionName,
            awsRequestId: requestId,
          }),
        ),
        handler.timeoutSeconds,
      );
      if (returned === TIMED_OUT) {
        // "Handle Lambda service exceptions": a function timeout is an unhandled error, reported
        // as Lambda.Unknown; the cause quotes the payload Lambda returns for it, which has no type.
        const errorMessage = `${this.#clock.now().toISOString()} ${requestId} Task timed out after ${handler.timeoutSeconds!.toFixed(2)} seconds`;
        return {
          ok: false,
          error: new StatesError(
            'Lambda.Unknown',
            `The cause could not be determined because Lambda did not return an error type. Returned payload: ${JSON.stringify({ errorMessage })}`,
          ),
        };
      }
      return {
        ok: true,
        result: {
          ExecutedVersion: '$LATEST',
          Payload: JSON.parse(json(returned)) as unknown,
          SdkHttpMetadata: {
            AllHttpHeaders: { 'X-Amz-Executed-Version': ['$LATEST'], 'x-amzn-RequestId': [requestId] },
            HttpHeaders: { 'X-Amz-Executed-Version': '$LATEST', 'x-amzn-RequestId': requestId },
            HttpStatusCode: 200,
          },
          SdkResponseMetadata: { RequestId: requestId },
          StatusCode: 200,
        },
      };
    } catch (thrown) {
      // A function error surfaces under its errorType (a thrown Error's name), the cause being
      // the JSON error document Lambda returns ("Handling errors in Step Functions workflows").
      const errorType = thrown instanceof Error ? thrown.name || 'Error' : 'Error';
      const errorMessage = thrown instanceof Error ? thrown.message : String(thrown);
      const trace = thrown instanceof Error && thrown.stack ? thrown.stack.split('\n') : [];
      return {
        ok: false,
        error: new StatesError(errorType, JSON.stringify({ errorType, errorMessage, trace })),
      };
    }
  }

  #resolveLambda(
    functionName: string,
  ): { fn: LambdaHandler; name: string; timeoutSeconds?: number } | undefined {
    const wanted = lambdaName(functionName);
    const found =
      this.#lambdas[functionName] ??
      Object.entries(this.#lambdas).find(([key]) => lambdaName(key) === wanted)?.[1];
    if (!found) return undefined;
    return typeof found === 'function'
      ? { fn: found, name: wanted }
      : { fn: found.handler, name: wanted, timeoutSeconds: found.timeoutSeconds };
  }

  async #onInvoked(run: Run, step: number, state: TaskState, outcome: InvokeOutcome): Promise<void> {
    const { record } = run;
    if (record.status !== 'RUNNING' || record.step !== step) {
      // The attempt ended (stopped, timed out) while its call was in flight: a job the call
      // started is stopped, as one the task was already waiting for would be.
      if (outcome.ok && state.pattern === 'job') this.#stopJob(startedExecutionArn(outcome.result));
      return;
    }
    const position = record.position!;
    const now = this.#clock.nowMs();
    const details = { resourceType: state.resourceType, resource: state.resource };
    if (outcome.ok && this.#overPayloadLimit(run, state.name, json(outcome.result), 'result')) return;
    if (!outcome.ok) {
      appendEvent(record.history, now, 'TaskFailed', {
        taskFailedEventDetails: { ...details, error: outcome.error.error, cause: outcome.error.cause },
      });
      return this.#taskError(run, state, outcome.error);
    }
    if (position.phase === 'waiting-token' || state.pattern === 'job') {
      // The call only delivered the token, or started the job: the task waits on.
      appendEvent(record.history, now, 'TaskSubmitted', {
        taskSubmittedEventDetails: { ...details, output: json(outcome.result), outputDetails: NOT_TRUNCATED },
      });
      if (position.phase === 'waiting-token') {
        position.invoked = true;
        return;
      }
      // Not a new step: the task's timers stay armed for the wait.
      position.phase = 'waiting-child';
      position.child = startedExecutionArn(outcome.result);
      this.#waitForChild(run, position.child);
      return;
    }
    appendEvent(record.history, now, 'TaskSucceeded', {
      taskSucceededEventDetails: { ...details, output: json(outcome.result), outputDetails: NOT_TRUNCATED },
    });
    await this.#taskSucceeded(run, state, outcome.result);
  }

  /** Waits for the child's announced end, or takes it at once when it is already durable. */
  #waitForChild(run: Run, childArn: string): void {
    const child = this.#runs.get(childArn);
    if (!child || (child.record.status !== 'RUNNING' && !child.unannounced)) {
      void this.#background(run, () => this.#childEnded(run, childArn));
      return;
    }
    let parents = this.#waiters.get(childArn);
    if (!parents) this.#waiters.set(childArn, (parents = new Set()));
    parents.add(run.record.executionArn);
  }

  /**
   * The child a `.sync:2` task waits for has ended. SUCCEEDED: the task's result is the
   * DescribeExecution response with Input and Output as JSON. Otherwise the task fails with
   * States.TaskFailed, the cause being that response as JSON text (with the child's Error and Cause).
   */
  async #childEnded(run: Run, childArn: string): Promise<void> {
    const { record } = run;
    const position = record.position;
    if (record.status !== 'RUNNING' || position?.phase !== 'waiting-child' || position.child !== childArn)
      return;
    const state = this.#state(run, position.state) as TaskState;
    const child = this.#run(childArn).record;
    const result = jobResult(describeRecord(child));
    const details = { resourceType: state.resourceType, resource: state.resource };
    const now = this.#clock.nowMs();
    if (child.status === 'SUCCEEDED') {
      if (this.#overPayloadLimit(run, state.name, json(result), 'result')) return;
      appendEvent(record.history, now, 'TaskSucceeded', {
        taskSucceededEventDetails: { ...details, output: json(result), outputDetails: NOT_TRUNCATED },
      });
      return this.#taskSucceeded(run, state, result);
    }
    const error = new StatesError(StatesErrors.TaskFailed, json(result));
    appendEvent(record.history, now, 'TaskFailed', {
      taskFailedEventDetails: { ...details, error: error.error, cause: error.cause },
    });
    await this.#taskError(run, state, error);
  }

  /**
   * "Discover service integration patterns", Run a Job (.sync): when the task waiting for a job
   * stops (its execution is stopped or times out, or the task times out), Step Functions tries
   * to stop the job. Here the job is the child execution; it is stopped on its own queue.
   */
  #stopJob(childArn: string | undefined): void {
    const child = childArn === undefined ? undefined : this.#runs.get(childArn);
    if (!child || child.record.status !== 'RUNNING' || this.#closed) return;
    void this.stopExecution({ executionArn: child.record.executionArn }).catch((error: unknown) =>
      console.error(`Local Step Functions: stopping ${child.record.executionArn} failed`, error),
    );
  }

  async #taskSucceeded(run: Run, state: TaskState, result: unknown): Promise<void> {
    this.#cancelTimers(run);
    let outcome: { output: unknown; assigned: Record<string, unknown> };
    try {
      outcome = await this.#outputAndAssign(run, { result }, state.output, [state.assign], result);
    } catch (error) {
      if (!(error instanceof StatesError)) throw error;
      return this.#taskError(run, state, this.#located(run, error));
    }
    this.#exit(run, state, outcome.output, outcome.assigned, nextOf(state));
  }

  /** A Task attempt failed: the first matching Retrier, else the first matching Catcher, else fail. */
  async #taskError(run: Run, state: TaskState, error: StatesError): Promise<void> {
    this.#cancelTimers(run);
    const { record } = run;
    const position = record.position!;
    clearAttempt(position);
    const retrierIndex = state.retry.findIndex((retrier) => errorMatches(retrier.errorEquals, error.error));
    const retrier = state.retry[retrierIndex];
    if (retrier) {
      const used = position.retrierAttempts[retrierIndex] ?? 0;
      if (used < retrier.maxAttempts) {
        // "Handling errors": interval × rate^(retries so far), capped by MaxDelaySeconds, FULL jitter in [0, delay).
        let delaySeconds = retrier.intervalSeconds * retrier.backoffRate ** used;
        if (retrier.maxDelaySeconds !== undefined)
          delaySeconds = Math.min(delaySeconds, retrier.maxDelaySeconds);
        if (retrier.jitter === 'FULL') delaySeconds *= Math.random();
        position.retrierAttempts[retrierIndex] = used + 1;
        position.retryCount += 1;
        position.phase = 'retry-wait';
        position.wakeAt = this.#clock.nowMs() + Math.round(delaySeconds * 1000);
        record.step++;
        this.#armWake(run);
        return;
      }
    }
    const catcher = state.catch.find((candidate) => errorMatches(candidate.errorEquals, error.error));
    if (!catcher) return this.#fail(run, error.error, error.cause);
    const errorOutput = { Error: error.error, Cause: error.cause };
    let outcome: { output: unknown; assigned: Record<string, unknown> };
    try {
      // The catcher's Output and Assign replace the state's own: $states.errorOutput is the result.
      outcome = await this.#outputAndAssign(
        run,
        { errorOutput },
        catcher.output,
        [catcher.assign],
        errorOutput,
      );
    } catch (evaluationError) {
      if (!(evaluationError instanceof StatesError)) throw evaluationError;
      const located = this.#located(run, evaluationError);
      return this.#fail(run, located.error, located.cause);
    }
    this.#exit(run, state, outcome.output, outcome.assigned, catcher.next);
  }

  #exit(
    run: Run,
    state: CompiledState,
    output: unknown,
    assigned: Record<string, unknown>,
    next: string | undefined,
  ): void {
    const { record } = run;
    const now = this.#clock.nowMs();
    if (this.#overPayloadLimit(run, state.name, json(output), 'result')) return;
    Object.assign(record.variables, assigned);
    const names = Object.keys(assigned);
    appendEvent(record.history, now, `${state.type}StateExited`, {
      stateExitedEventDetails: {
        name: state.name,
        output: json(output),
        outputDetails: NOT_TRUNCATED,
        ...(names.length > 0
          ? {
              assignedVariables: Object.fromEntries(names.map((name) => [name, json(assigned[name])])),
              assignedVariablesDetails: NOT_TRUNCATED,
            }
          : {}),
      },
    });
    if (next === undefined) {
      this.#close(run, 'SUCCEEDED', { output: json(output) });
      appendEvent(record.history, now, 'ExecutionSucceeded', {
        executionSucceededEventDetails: { output: json(output), outputDetails: NOT_TRUNCATED },
      });
      return;
    }
    this.#cancelTimers(run);
    record.position = { state: next, input: output, phase: 'enter', retryCount: 0, retrierAttempts: [] };
    record.step++;
  }

  #fail(run: Run, error: string | undefined, cause: string | undefined): void {
    this.#close(run, 'FAILED', {
      ...(error !== undefined ? { error } : {}),
      ...(cause !== undefined ? { cause } : {}),
    });
    appendEvent(run.record.history, this.#clock.nowMs(), 'ExecutionFailed', {
      executionFailedEventDetails: { error, cause },
    });
  }

  #close(
    run: Run,
    status: ExecutionStatus,
    fields: { output?: string; error?: string; cause?: string },
  ): void {
    const { record } = run;
    this.#cancelTimers(run, true);
    record.status = status;
    record.stopDate = this.#clock.nowMs();
    Object.assign(record, fields);
    delete record.position;
    record.step++;
    run.unannounced = true;
  }

  // ---- timers ------------------------------------------------------------------------------------

  /** When the execution's time is up: its TimeoutSeconds, or the one-year maximum if earlier. */
  #deadlineOf(run: Run): { at: number; byTimeoutSeconds: boolean } {
    const { record, machine } = run;
    // Records written before the maximum was kept may hold a later deadline, or none.
    const at = Math.min(record.deadline ?? Infinity, record.startDate + MAX_EXECUTION_MS);
    const byTimeoutSeconds =
      machine.timeoutSeconds !== undefined && record.startDate + machine.timeoutSeconds * 1000 <= at;
    return { at, byTimeoutSeconds };
  }

  #armDeadline(run: Run): void {
    if (run.record.status !== 'RUNNING') return;
    run.deadlineTimer = this.#clock.schedule(this.#deadlineOf(run).at, () =>
      this.#background(run, async () => {}),
    );
  }

  /**
   * Ends an execution whose time is up. Called before any work on its queue, so an execution past
   * its deadline takes no further step, whatever else fell due at the same instant (a child that
   * timed out at the parent's deadline does not let the parent's Catch run first).
   */
  #pastDeadline(run: Run): boolean {
    const { record } = run;
    if (record.status !== 'RUNNING') return false;
    const deadline = this.#deadlineOf(run);
    if (this.#clock.nowMs() < deadline.at) return false;
    const cause = deadline.byTimeoutSeconds
      ? `The execution ran longer than the state machine's TimeoutSeconds.`
      : `The execution ran longer than the maximum execution time of a Standard workflow (one year).`;
    const child = waitedChild(record.position);
    this.#close(run, 'TIMED_OUT', { error: StatesErrors.Timeout, cause });
    appendEvent(record.history, this.#clock.nowMs(), 'ExecutionTimedOut', {
      executionTimedOutEventDetails: { error: StatesErrors.Timeout, cause },
    });
    this.#stopJob(child);
    return true;
  }

  #armWake(run: Run): void {
    const { record } = run;
    const step = record.step;
    this.#schedule(run, record.position!.wakeAt!, async () => {
      if (record.status !== 'RUNNING' || record.step !== step) return;
      const position = record.position!;
      const state = this.#state(run, position.state);
      if (position.phase === 'retry-wait') {
        delete position.wakeAt;
        position.phase = 'attempt';
        record.step++;
      } else if (position.phase === 'waiting' && state.type === 'Wait') {
        delete position.wakeAt;
        await this.#finishWait(run, state);
      }
    });
  }

  #armTaskTimers(run: Run): void {
    const { record } = run;
    const position = record.position!;
    const step = record.step;
    if (position.timeoutAt !== undefined) {
      this.#schedule(run, position.timeoutAt, () =>
        this.#timedOut(
          run,
          step,
          StatesErrors.Timeout,
          `The task did not complete within its TimeoutSeconds.`,
        ),
      );
    }
    this.#armHeartbeat(run);
  }

  #armHeartbeat(run: Run): void {
    const { record } = run;
    const position = record.position!;
    run.heartbeatTimer?.cancel();
    delete run.heartbeatTimer;
    if (position.heartbeatAt === undefined) return;
    const step = record.step;
    const due = position.heartbeatAt;
    run.heartbeatTimer = this.#clock.schedule(due, () =>
      this.#background(run, async () => {
        // A heartbeat received since this timer was set moved heartbeatAt; this timer is stale.
        if (record.position?.heartbeatAt !== due) return;
        await this.#timedOut(
          run,
          step,
          StatesErrors.HeartbeatTimeout,
          `No heartbeat was received within ${position.heartbeatSeconds} seconds.`,
        );
      }),
    );
  }

  async #timedOut(run: Run, step: number, error: string, cause: string): Promise<void> {
    const { record } = run;
    if (record.status !== 'RUNNING' || record.step !== step) return;
    const position = record.position!;
    if (
      position.phase !== 'invoking' &&
      position.phase !== 'waiting-token' &&
      position.phase !== 'waiting-child'
    )
      return;
    const state = this.#state(run, position.state) as TaskState;
    const child = waitedChild(position);
    appendEvent(record.history, this.#clock.nowMs(), 'TaskTimedOut', {
      taskTimedOutEventDetails: { resourceType: state.resourceType, resource: state.resource, error, cause },
    });
    await this.#taskError(run, state, new StatesError(error, cause));
    this.#stopJob(child);
  }

  // ---- evaluation --------------------------------------------------------------------------------

  #context(run: Run, token?: string): Record<string, unknown> {
    const { record, machine } = run;
    const position = record.position!;
    return {
      Execution: {
        Id: record.executionArn,
        Input: JSON.parse(record.input) as unknown,
        Name: record.name,
        RoleArn: ROLE_ARN,
        StartTime: new Date(record.startDate).toISOString(),
        RedriveCount: 0,
      },
      // RetryCount belongs to Task states, the only ones that retry; the others have none.
      State: {
        Name: position.state,
        EnteredTime: new Date(position.enteredAt ?? this.#clock.nowMs()).toISOString(),
        ...(this.#state(run, position.state).type === 'Task' ? { RetryCount: position.retryCount } : {}),
      },
      StateMachine: { Id: record.stateMachineArn, Name: machine.name },
      ...(token ? { Task: { Token: token } } : {}),
    };
  }

  #scope(run: Run, states: Partial<StatesVariable>, token?: string): EvaluationScope {
    return {
      states: { input: run.record.position!.input, context: this.#context(run, token), ...states },
      variables: run.record.variables,
      nowMs: this.#clock.nowMs(),
    };
  }

  /**
   * Output and Assign of one state, evaluated against the same scope: Assign sees the variables as
   * they were on entering the state, and Output does not see what this state assigns
   * ("Passing data between states with variables").
   */
  async #outputAndAssign(
    run: Run,
    states: Partial<StatesVariable>,
    output: Template | undefined,
    assigns: (Template | undefined)[],
    defaultOutput: unknown,
  ): Promise<{ output: unknown; assigned: Record<string, unknown> }> {
    const scope = this.#scope(run, states);
    const assigned: Record<string, unknown> = {};
    for (const assign of assigns) {
      if (assign) Object.assign(assigned, await evaluateTemplate(assign, scope, 'Assign'));
    }
    return { output: output ? await evaluateTemplate(output, scope, 'Output') : defaultOutput, assigned };
  }

  /** Adds where the error happened, as AWS phrases the cause of States.QueryEvaluationError. */
  #located(run: Run, error: StatesError): StatesError {
    if (error.error !== StatesErrors.QueryEvaluationError) return error;
    const { record } = run;
    const position = record.position!;
    appendEvent(record.history, this.#clock.nowMs(), 'EvaluationFailed', {
      evaluationFailedEventDetails: {
        error: error.error,
        cause: error.cause,
        location: error.location,
        state: position.state,
      },
    });
    return new StatesError(
      error.error,
      `An error occurred while executing the state '${position.state}' (entered at the event id #${position.enteredEventId}). ${error.cause}`,
      error.location,
    );
  }
}

/** Where a state goes when it completes normally: undefined for an End or Succeed state. */
function nextOf(state: CompiledState): string | undefined {
  return state.end || state.type === 'Succeed' ? undefined : state.next;
}

interface LambdaArguments {
  FunctionName: string;
  Payload?: unknown;
  Qualifier?: string;
}

function checkLambdaArguments(args: unknown): asserts args is LambdaArguments {
  if (
    args === null ||
    typeof args !== 'object' ||
    typeof (args as LambdaArguments).FunctionName !== 'string'
  ) {
    throw new StatesError(
      StatesErrors.QueryEvaluationError,
      `The Arguments of a lambda:invoke task must be an object with a string FunctionName, got ${json(args)}`,
      'Arguments',
    );
  }
}

interface StartExecutionArguments {
  StateMachineArn: string;
  /** The child's input: JSON text as is, any other value as its JSON; absent or null is `{}`. */
  Input?: unknown;
  Name?: string;
}

const START_EXECUTION_ARGUMENTS: ReadonlySet<string> = new Set(['StateMachineArn', 'Input', 'Name']);

function checkStartExecutionArguments(args: unknown): asserts args is StartExecutionArguments {
  const valid =
    args !== null &&
    typeof args === 'object' &&
    !Array.isArray(args) &&
    typeof (args as StartExecutionArguments).StateMachineArn === 'string' &&
    ['undefined', 'string'].includes(typeof (args as StartExecutionArguments).Name) &&
    Object.keys(args).every((key) => START_EXECUTION_ARGUMENTS.has(key));
  if (!valid) {
    throw new StatesError(
      StatesErrors.QueryEvaluationError,
      `The Arguments of a states:startExecution task must be an object with a string StateMachineArn and only Input and a string Name besides, got ${json(args)}`,
      'Arguments',
    );
  }
}

function executionInput(input: unknown): string {
  if (input === undefined || input === null) return '{}';
  return typeof input === 'string' ? input : JSON.stringify(input);
}

/** StartExecution's response as the optimized integration returns it (see `#callStartExecution`). */
function startExecutionResult(record: ExecutionRecord, requestId: string): Record<string, unknown> {
  return {
    ExecutionArn: record.executionArn,
    SdkHttpMetadata: {
      AllHttpHeaders: {
        'Content-Type': ['application/x-amz-json-1.0'],
        'x-amzn-RequestId': [requestId],
      },
      HttpHeaders: { 'Content-Type': 'application/x-amz-json-1.0', 'x-amzn-RequestId': requestId },
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StartDate: record.startDate,
  };
}

function startedExecutionArn(result: unknown): string {
  return (result as { ExecutionArn: string }).ExecutionArn;
}

/**
 * A `.sync:2` task's result: the DescribeExecution response with PascalCase members (in the
 * alphabetical order AWS writes them), dates in epoch milliseconds, and Input and Output parsed
 * as JSON; `.sync:2` differs from `.sync` by the parsing.
 */
function jobResult(description: DescribeExecutionOutput): Record<string, unknown> {
  return {
    ...(description.cause !== undefined ? { Cause: description.cause } : {}),
    ...(description.error !== undefined ? { Error: description.error } : {}),
    ExecutionArn: description.executionArn,
    Input: JSON.parse(description.input) as unknown,
    InputDetails: { Included: description.inputDetails.included },
    Name: description.name,
    ...(description.output !== undefined
      ? { Output: JSON.parse(description.output) as unknown, OutputDetails: { Included: true } }
      : {}),
    RedriveCount: description.redriveCount,
    RedriveStatus: description.redriveStatus,
    StartDate: description.startDate.getTime(),
    StateMachineArn: description.stateMachineArn,
    Status: description.status,
    ...(description.stopDate !== undefined ? { StopDate: description.stopDate.getTime() } : {}),
  };
}

/** The execution a `.sync:2` task is waiting for, if it is. */
function waitedChild(position: Position | undefined): string | undefined {
  return position?.phase === 'waiting-child' ? position.child : undefined;
}

function sameStarter(a: StartedBy | undefined, b: StartedBy): boolean {
  return a !== undefined && a.executionArn === b.executionArn && a.step === b.step;
}

function executionTimeoutMs(machine: CompiledMachine): number {
  return Math.min(
    machine.timeoutSeconds === undefined ? Infinity : machine.timeoutSeconds * 1000,
    MAX_EXECUTION_MS,
  );
}

/** DescribeExecution's answer for a record (redrive is not implemented: never redriven). */
function describeRecord(record: ExecutionRecord): DescribeExecutionOutput {
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: new Date(record.startDate),
    ...(record.stopDate !== undefined ? { stopDate: new Date(record.stopDate) } : {}),
    input: record.input,
    inputDetails: { included: true },
    ...(record.output !== undefined ? { output: record.output, outputDetails: { included: true } } : {}),
    ...(record.error !== undefined ? { error: record.error } : {}),
    ...(record.cause !== undefined ? { cause: record.cause } : {}),
    redriveCount: 0,
    redriveStatus: 'NOT_REDRIVABLE',
  };
}

function statusChangeEvent(record: ExecutionRecord, machine: CompiledMachine): ExecutionStatusChangeEvent {
  const stopDate = record.stopDate!;
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Step Functions Execution Status Change',
    source: 'aws.states',
    account: machine.account,
    time: new Date(stopDate).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: machine.region,
    resources: [record.executionArn],
    detail: {
      executionArn: record.executionArn,
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      status: record.status as TerminalStatus,
      startDate: record.startDate,
      stopDate,
      input: record.input,
      inputDetails: { included: true },
      output: record.output ?? null,
      outputDetails: record.output !== undefined ? { included: true } : null,
      ...(record.error !== undefined ? { error: record.error } : {}),
      ...(record.cause !== undefined ? { cause: record.cause } : {}),
    },
  };
}

/** `arn:aws:lambda:<region>:<account>:function:<name>[:qualifier]` or a bare name → the name. */
function lambdaName(functionName: string): string {
  const parts = functionName.split(':');
  const index = parts.indexOf('function');
  return index >= 0 && parts[index + 1] ? parts[index + 1]! : functionName;
}

const TIMED_OUT = Symbol('timed out');

/**
 * The call's outcome, or TIMED_OUT once `seconds` of real time have passed without one. A call
 * that answers after that is not heard: its outcome (or failure) goes nowhere.
 */
async function withinTimeout<T>(
  call: Promise<T>,
  seconds: number | undefined,
): Promise<T | typeof TIMED_OUT> {
  if (seconds === undefined) return call;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), seconds * 1000);
    timer.unref();
  });
  try {
    return await Promise.race([call, expired]);
  } finally {
    clearTimeout(timer);
    call.catch(() => undefined);
  }
}

function clearAttempt(position: Position): void {
  delete position.args;
  delete position.token;
  delete position.invoked;
  delete position.childName;
  delete position.child;
  delete position.timeoutAt;
  delete position.heartbeatSeconds;
  delete position.heartbeatAt;
  delete position.wakeAt;
}

/** TimeoutSeconds and HeartbeatSeconds: "Task workflow state" takes integers from 1 to 99999999. */
async function positiveInteger(template: Template, scope: EvaluationScope, field: string): Promise<number> {
  const value = await evaluateTemplate(template, scope, field);
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || value > MAX_SECONDS) {
    throw unexpectedType(field, `an integer from 1 to ${MAX_SECONDS}`, value);
  }
  return value;
}

function unexpectedType(field: string, expected: string, value: unknown): StatesError {
  return new StatesError(
    StatesErrors.QueryEvaluationError,
    `The value of the field '${field}' must be ${expected}, but was '${typeName(value)}' for value: ${json(value)}`,
    field,
  );
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function executionArnFor(stateMachineArn: string, name: string): string {
  parseStateMachineArn(stateMachineArn);
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}

/** A request member over its length constraint, answered as the AWS APIs answer it. */
function tooLong(member: string): ApiError {
  return new ApiError(
    'ValidationException',
    `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${MAX_PAYLOAD_BYTES}`,
  );
}

function parseJson(text: string, onError: () => never): unknown {
  if (typeof text !== 'string') return onError();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return onError();
  }
}

function sameJson(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
}

function paginate<T, R>(
  items: T[],
  maxResults: number | undefined,
  nextToken: string | undefined,
  build: (page: T[], nextToken: string | undefined) => R,
): R {
  const size = maxResults && maxResults > 0 ? Math.min(maxResults, 1000) : 1000;
  let start = 0;
  if (nextToken) {
    start = Number(Buffer.from(nextToken, 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0)
      throw new ApiError('InvalidToken', `Invalid Token: '${nextToken}'`);
  }
  const page = items.slice(start, start + size);
  const end = start + page.length;
  return build(page, end < items.length ? Buffer.from(String(end)).toString('base64url') : undefined);
}
