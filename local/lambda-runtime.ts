/**
 * Runs Lambda handlers in-process the way the Lambda runtime would call them: the handler
 * module is imported once (module-scope clients and config are created once, as on a warm
 * Lambda) and invoked with an event and a context object.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';

const FUNCTIONS_DIR = fileURLToPath(new URL('../functions/', import.meta.url));
const REGION = 'eu-west-1';
const ACCOUNT = '000000000000';
const TIMEOUT_MS = 30_000;

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
    getRemainingTimeInMillis: () => Math.max(0, TIMEOUT_MS - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export async function invokeHandler(handlerPath: string, event: unknown): Promise<unknown> {
  const handler = await loadHandler(handlerPath);
  return handler(event, lambdaContext(handlerPath));
}
