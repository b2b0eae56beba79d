/**
 * The engine behind the Step Functions wire protocol (AWS JSON 1.0: `POST /`, the operation in
 * `X-Amz-Target: AWSStepFunctions.<Operation>`, errors as `{ "__type", "message" }`, timestamps as
 * epoch seconds), so handlers use `@aws-sdk/client-sfn` unchanged against a local endpoint.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Engine } from './engine.ts';
import { ApiError } from './errors.ts';

export interface SfnHttpRequest {
  /** The `X-Amz-Target` header. */
  target: string | undefined;
  body: string;
}

export interface SfnHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const TARGET_PREFIX = 'AWSStepFunctions.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

type Operation = (engine: Engine, input: Record<string, unknown>) => Promise<unknown>;

// The SDK sends each operation's input members as named in the API; the engine takes the same names.
const OPERATIONS: Readonly<Record<string, Operation>> = {
  StartExecution: (engine, input) => engine.startExecution(input as never),
  DescribeExecution: (engine, input) => engine.describeExecution(input as never),
  StopExecution: (engine, input) => engine.stopExecution(input as never),
  SendTaskSuccess: (engine, input) => engine.sendTaskSuccess(input as never),
  SendTaskFailure: (engine, input) => engine.sendTaskFailure(input as never),
  SendTaskHeartbeat: (engine, input) => engine.sendTaskHeartbeat(input as never),
  GetExecutionHistory: (engine, input) => engine.getExecutionHistory(input as never),
  ListExecutions: (engine, input) => engine.listExecutions(input as never),
  DescribeStateMachine: (engine, input) => engine.describeStateMachine(input as never),
  ListStateMachines: (engine) => engine.listStateMachines(),
};

/** One request in, one response out: the protocol without a server, for tests and other hosts. */
export async function handleSfnRequest(engine: Engine, request: SfnHttpRequest): Promise<SfnHttpResponse> {
  const requestId = randomUUID();
  const headers = { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId };
  const answer = (status: number, payload: unknown): SfnHttpResponse => ({
    status,
    headers,
    body: JSON.stringify(toWire(payload)),
  });
  const operationName = request.target?.startsWith(TARGET_PREFIX)
    ? request.target.slice(TARGET_PREFIX.length)
    : undefined;
  const operation = operationName ? OPERATIONS[operationName] : undefined;
  if (!operation) {
    return answer(400, {
      __type: 'UnknownOperationException',
      message: `The local Step Functions endpoint does not implement ${request.target ?? '(no X-Amz-Target)'}`,
    });
  }
  let input: unknown;
  try {
    input = request.body.trim() === '' ? {} : JSON.parse(request.body);
  } catch {
    return answer(400, { __type: 'SerializationException', message: 'The request body is not valid JSON' });
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return answer(400, {
      __type: 'SerializationException',
      message: 'The request body must be a JSON object',
    });
  }
  try {
    return answer(200, await operation(engine, input as Record<string, unknown>));
  } catch (error) {
    if (error instanceof ApiError)
      return answer(error.status, { __type: error.code, message: error.message });
    console.error(`Local Step Functions: ${operationName} failed`, error);
    return answer(500, {
      __type: 'InternalFailure',
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

/** A Node `http` request listener serving the protocol; mount it at the endpoint's root. */
export function createSfnHttpHandler(engine: Engine): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void handleSfnHttp(engine, req, res);
  };
}

export async function handleSfnHttp(
  engine: Engine,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = req.headers['x-amz-target'];
    const response = await handleSfnRequest(engine, {
      target: Array.isArray(target) ? target[0] : target,
      body: Buffer.concat(chunks).toString('utf8'),
    });
    res.writeHead(response.status, response.headers);
    res.end(response.body);
  } catch (error) {
    console.error('Local Step Functions: the HTTP request failed', error);
    if (!res.headersSent) res.writeHead(500, { 'content-type': CONTENT_TYPE });
    res.end(JSON.stringify({ __type: 'InternalFailure', message: 'The request could not be read' }));
  }
}

/** Dates become epoch seconds (with milliseconds as the fraction), as the JSON protocol sends them. */
function toWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWire);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => [key, toWire(item)]),
    );
  }
  return value;
}
