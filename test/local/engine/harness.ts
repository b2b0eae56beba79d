/**
 * Shared set-up for the engine tests: a frozen virtual clock (time moves only by `advance`, so
 * every timing assertion is exact), a state machine from a few states, and short-hands for the
 * API calls the tests repeat.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock } from '#local/clock.ts';
import {
  createEngine,
  type Engine,
  type LambdaHandler,
  type LocalLambda,
  type MachineSource,
} from '#local/engine/index.ts';

export const REGION = 'eu-west-1';
export const ACCOUNT = '123456789012';
export const STATE_MACHINE_ARN = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:Conformance`;
export const START = Date.parse('2025-03-03T09:00:00.000Z');
export const INVOKE = 'arn:aws:states:::lambda:invoke';
export const INVOKE_WAIT = 'arn:aws:states:::lambda:invoke.waitForTaskToken';

export const functionArn = (name: string): string => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;

export function frozenClock(at = START): VirtualClock {
  return new VirtualClock({ timeScale: 0, startAt: at });
}

/** A JSONata state machine with `states`, starting at the first one listed. */
export function machine(states: Record<string, object>, extra: object = {}): object {
  return { QueryLanguage: 'JSONata', StartAt: Object.keys(states)[0], States: states, ...extra };
}

/** A lambda:invoke Task calling `fn` with `payload` (a template). */
export function invoke(fn: string, payload: unknown, rest: object = {}): object {
  return {
    Type: 'Task',
    Resource: INVOKE,
    Arguments: { FunctionName: functionArn(fn), Payload: payload },
    ...rest,
  };
}

export interface Harness {
  engine: Engine;
  clock: VirtualClock;
  /** Starts an execution and waits until it settles (finished, or waiting on a token or timer). */
  start(input?: unknown, name?: string): Promise<string>;
  describe(executionArn: string): Promise<Awaited<ReturnType<Engine['describeExecution']>>>;
  output(executionArn: string): Promise<unknown>;
  types(executionArn: string): Promise<string[]>;
  events(executionArn: string): Promise<Awaited<ReturnType<Engine['getExecutionHistory']>>['events']>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  definition: object | string;
  substitutions?: MachineSource['substitutions'];
  lambdas?: Record<string, LambdaHandler | LocalLambda>;
  clock?: VirtualClock;
  stateDir?: string;
}

export async function harness(options: HarnessOptions): Promise<Harness> {
  const clock = options.clock ?? frozenClock();
  const lambdas = Object.fromEntries(
    Object.entries(options.lambdas ?? {}).map(([name, fn]) => [
      name.startsWith('arn:') ? name : functionArn(name),
      fn,
    ]),
  );
  const engine = await createEngine({
    clock,
    lambdas,
    ...(options.stateDir ? { stateDir: options.stateDir } : {}),
    definitions: {
      [STATE_MACHINE_ARN]: {
        definition: options.definition,
        ...(options.substitutions ? { substitutions: options.substitutions } : {}),
      },
    },
  });
  const events = async (executionArn: string) => (await engine.getExecutionHistory({ executionArn })).events;
  return {
    engine,
    clock,
    async start(input = {}, name) {
      const { executionArn } = await engine.startExecution({
        stateMachineArn: STATE_MACHINE_ARN,
        input: JSON.stringify(input),
        ...(name ? { name } : {}),
      });
      await engine.whenIdle();
      return executionArn;
    },
    describe: (executionArn) => engine.describeExecution({ executionArn }),
    async output(executionArn) {
      const description = await engine.describeExecution({ executionArn });
      if (description.status !== 'SUCCEEDED') {
        throw new Error(
          `Expected SUCCEEDED, got ${description.status}: ${description.error} ${description.cause}`,
        );
      }
      return JSON.parse(description.output!) as unknown;
    },
    types: async (executionArn) => (await events(executionArn)).map((event) => event.type),
    events,
    async close() {
      await engine.close();
      clock.dispose();
    },
  };
}

/** A Lambda that records what it received and answers from `respond`. */
export function recorder<P = unknown>(
  respond: (payload: P, call: number) => unknown = () => ({}),
): LambdaHandler & { calls: P[] } {
  const calls: P[] = [];
  const fn = async (payload: unknown) => {
    calls.push(payload as P);
    return respond(payload as P, calls.length);
  };
  return Object.assign(fn, { calls });
}

/** An Error with a distinct name, as the workflow's handlers throw them for Retry/Catch to match. */
export function namedError(name: string, message = `${name} happened`): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

export async function temporaryDir(): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'sfn-engine-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export const SECOND = 1000;
export const DAY = 86_400 * SECOND;
