/**
 * Fault injection for the local cloud, for tests only: `startLocalCloud({ faults })` puts a
 * loopback proxy in front of the local SES and DynamoDB and a hook before every workflow
 * function, and each asks this object whether to fail. With no `faults` option none of it is
 * wired in, and nothing here ever reaches functions/: the handlers meet the failures exactly as
 * they would meet them from AWS (an SDK error, a Lambda error), through the same code paths.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a proxy answers instead of the service. */
interface InjectedReply {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** A versioned DynamoDB write (the repository's optimistic lock), as the fault hook sees it. */
export interface ConditionalWrite {
  operation: string;
  /** 1-based count of versioned writes since the hook was set. */
  count: number;
}

/** A workflow function invocation, as the fault hook sees it. */
export interface Invocation {
  /** The handler module, e.g. `workflow/open-task`. */
  handler: string;
  payload: unknown;
  /** 1-based count of invocations of this handler since the hook was set. */
  count: number;
}

/**
 * The switches. Each hook is consulted per request or invocation and is off when unset; `clear()`
 * turns everything off and restarts the counts.
 */
export class LocalFaults {
  /** Whether the n-th SES SendEmail request (1-based) is answered with throttling. */
  sesThrottle: ((count: number) => boolean) | undefined;
  /** Whether a versioned DynamoDB write loses with ConditionalCheckFailedException. */
  dynamoConflict: ((write: ConditionalWrite) => boolean) | undefined;
  /** Called before a workflow function runs; whatever it throws is that invocation's error. */
  lambda: ((invocation: Invocation) => void) | undefined;

  /** What was injected, for the test's report. */
  readonly injected = { sesThrottled: 0, dynamoConflicts: 0, lambdaErrors: 0 };
  #sends = 0;
  #writes = 0;
  readonly #invocations = new Map<string, number>();

  clear(): void {
    this.sesThrottle = undefined;
    this.dynamoConflict = undefined;
    this.lambda = undefined;
    this.#sends = 0;
    this.#writes = 0;
    this.#invocations.clear();
    Object.assign(this.injected, { sesThrottled: 0, dynamoConflicts: 0, lambdaErrors: 0 });
  }

  /** The SES proxy's question: a SendEmail request, throttled or passed on. */
  onSesRequest(method: string, path: string): InjectedReply | undefined {
    if (method !== 'POST' || !path.startsWith('/v2/email/outbound-emails') || !this.sesThrottle)
      return undefined;
    if (!this.sesThrottle(++this.#sends)) return undefined;
    this.injected.sesThrottled++;
    return {
      statusCode: 429,
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException' },
      body: JSON.stringify({ message: 'Maximum sending rate exceeded.' }),
    };
  }

  /** The DynamoDB proxy's question: a versioned write, lost to a (pretend) concurrent writer or passed on. */
  onDynamoRequest(target: string, body: string): InjectedReply | undefined {
    const operation = target.split('.')[1] ?? '';
    if (!this.dynamoConflict || !['PutItem', 'UpdateItem'].includes(operation)) return undefined;
    // Only the optimistic lock: a failed `attribute_not_exists` would claim the item exists,
    // which no real race can make true of an item that is not there.
    let condition: string;
    try {
      condition = String((JSON.parse(body) as { ConditionExpression?: unknown }).ConditionExpression ?? '');
    } catch {
      return undefined;
    }
    if (!/version/i.test(condition) || /attribute_not_exists/.test(condition)) return undefined;
    if (!this.dynamoConflict({ operation, count: ++this.#writes })) return undefined;
    this.injected.dynamoConflicts++;
    return {
      statusCode: 400,
      headers: { 'content-type': 'application/x-amz-json-1.0' },
      body: JSON.stringify({
        __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
        message: 'The conditional request failed',
      }),
    };
  }

  /** The Lambda runtime's question, before it runs `handler`. */
  beforeInvoke(handler: string, payload: unknown): void {
    if (!this.lambda) return;
    const count = (this.#invocations.get(handler) ?? 0) + 1;
    this.#invocations.set(handler, count);
    try {
      this.lambda({ handler, payload, count });
    } catch (error) {
      this.injected.lambdaErrors++;
      throw error;
    }
  }
}

/** An error as Lambda reports a failure of its own service: the state machine retries it. */
export function lambdaServiceError(message = 'Injected fault'): Error {
  const error = new Error(message);
  error.name = 'Lambda.ServiceException';
  return error;
}

/** An error the state machine does not retry, like a bug in a handler. */
export function handlerBug(message = 'Injected bug'): Error {
  const error = new Error(message);
  error.name = 'InjectedBug';
  return error;
}

export interface FaultProxy {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * A loopback HTTP proxy to `upstream` that first asks `decide` about each request (method, path,
 * headers and body) and answers with its reply instead when it gives one.
 */
export async function startFaultProxy(
  upstream: string,
  decide: (req: IncomingMessage, body: string) => InjectedReply | undefined,
): Promise<FaultProxy> {
  const target = new URL(upstream);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const reply = decide(req, body.toString('utf8'));
      if (reply) {
        res.writeHead(reply.statusCode, reply.headers);
        res.end(reply.body);
        return;
      }
      const forward = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
