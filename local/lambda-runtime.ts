/**
 * Runs Lambda handlers in-process the way the Lambda runtime would call them: the handler
 * module is imported once (module-scope clients and config are created once, as on a warm
 * Lambda) and invoked with an event and a context object. Each function has the timeout the
 * stack gives it (infra/function-timeouts.ts), measured in real time: a handler cannot be stopped
 * in-process, so one that runs past it is answered as timed out and left to finish unheard.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { timeoutSecondsFor } from '#infra/function-timeouts.ts';

const FUNCTIONS_DIR = fileURLToPath(new URL('../functions/', import.meta.url));
const REGION = 'eu-west-1';
const ACCOUNT = '000000000000';

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

const loaded = new Map<string, Promise<LambdaHandler>>();

/** `handlerPath` is the module under functions/ without extension, e.g. `api/create-trajectory`. */
export function loadHandler(handlerPath: string): Promise<LambdaHandler> {
  let handler = loaded.get(handlerPath);
  if (!handler) {
    handler = import(pathToFileURL(join(FUNCTIONS_DIR, `${handlerPath}.ts`)).href).then((module) => {
      if (typeof module.handler !== 'function') {
        throw new Error(`functions/${handlerPath}.ts does not export a handler`);
      }
      return module.handler as LambdaHandler;
    });
    loaded.set(handlerPath, handler);
  }
  return handler;
}

export function localFunctionName(handlerPath: string): string {
  return `verbetertraject-${handlerPath.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}

export function localFunctionArn(handlerPath: string): string {
  return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${localFunctionName(handlerPath)}`;
}

export function lambdaContext(handlerPath: string): Context {
  const started = Date.now();
  const timeoutMs = timeoutSecondsFor(handlerPath) * 1000;
  const functionName = localFunctionName(handlerPath);
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: localFunctionArn(handlerPath),
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Runs the handler to its end, however long it takes; the caller keeps the time (the engine does). */
export async function runHandler(handlerPath: string, event: unknown): Promise<unknown> {
  const handler = await loadHandler(handlerPath);
  return handler(event, lambdaContext(handlerPath));
}

/** A function that ran past its timeout, with the message Lambda reports for it. */
export class FunctionTimedOut extends Error {
  constructor(readonly timeoutSeconds: number) {
    super(`Task timed out after ${timeoutSeconds.toFixed(2)} seconds`);
    this.name = 'FunctionTimedOut';
  }
}

/** Runs the handler as Lambda would: it fails with FunctionTimedOut once its timeout has passed. */
export async function invokeHandler(handlerPath: string, event: unknown): Promise<unknown> {
  const timeoutSeconds = timeoutSecondsFor(handlerPath);
  const running = runHandler(handlerPath, event);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new FunctionTimedOut(timeoutSeconds)), timeoutSeconds * 1000);
    timer.unref();
  });
  try {
    return await Promise.race([running, timedOut]);
  } finally {
    clearTimeout(timer);
    // What it does after its time is up is nobody's answer any more.
    running.catch(() => undefined);
  }
}
