/**
 * Carries the AWS SDK's requests from the handlers to the emulators in this process without a
 * socket. The SDK still does what it does in AWS (serialise, retry, parse the response, turn an
 * error into its named exception); two things are left out because nothing in memory needs them:
 *
 * - the hop over loopback HTTP, which cost more CPU than the emulator's work itself;
 * - the SigV4 signature. No emulator checks one (dynalite and the SES emulator look only at the
 *   header's shape, the engine not at all), and computing it cost about 0.3 ms of CPU per call
 *   here, more than dynalite takes to answer a GetItem. The placeholder has the real header's
 *   shape. In AWS the clients sign as ever: functions/adapters/aws-clients.ts is empty there.
 *
 * The emulators keep listening on their ports, and checking signatures as they do, for everybody
 * else (tests, the CLI, tools). The local cloud installs these transports before the handlers
 * load; with fault injection it does not, so the fault proxies stay in the path.
 */
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'node:net';
import type { AwsService, RequestHandler, RequestSigner, Transport } from '#adapters/aws-clients.ts';

/** One request as the emulator sees it, and its answer. */
export interface Exchange {
  (request: { method: string; path: string; headers: Record<string, string>; body: string }): Promise<{
    statusCode: number;
    headers: Record<string, string>;
    body: string;
  }>;
}

interface SdkRequest {
  method: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array)
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  // Streams and blobs: no operation the handlers call sends one.
  throw new TypeError('The in-process transport takes string or byte bodies only');
}

/** A request handler for an SDK client that hands each request to `exchange`. */
export function inProcessRequestHandler(exchange: Exchange): RequestHandler {
  const handler = {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request: SdkRequest) {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
      const answer = await exchange({
        method: request.method,
        path: request.path,
        headers,
        body: bodyText(request.body),
      });
      return {
        response: {
          statusCode: answer.statusCode,
          headers: answer.headers,
          body: Buffer.from(answer.body, 'utf8'),
        },
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
    destroy() {},
  };
  return handler as unknown as RequestHandler;
}

/** Where SigV4 would put `Region` and `Service`: any valid values do for the emulators. */
const PLACEHOLDER_REGION = 'eu-west-1';

/**
 * Puts a SigV4-shaped `Authorization` header (and its `X-Amz-Date`) on each request without
 * computing a signature: the signature is zeros, the key `local`.
 */
export function placeholderSigner(service: AwsService): RequestSigner {
  let second = -1;
  let amzDate = '';
  let authorization = '';
  const signer = {
    sign(request: { headers: Record<string, string> }) {
      const now = Date.now();
      // The header changes once a second, with its date; built again only then.
      if (Math.floor(now / 1000) !== second) {
        second = Math.floor(now / 1000);
        amzDate = new Date(now).toISOString().replace(/[-:]|\.\d{3}/g, '');
        authorization =
          `AWS4-HMAC-SHA256 Credential=local/${amzDate.slice(0, 8)}/${PLACEHOLDER_REGION}/${service}/aws4_request, ` +
          `SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`;
      }
      request.headers['x-amz-date'] = amzDate;
      request.headers.authorization = authorization;
      return Promise.resolve(request);
    },
  };
  return signer as unknown as RequestSigner;
}

/** The transport of a service's clients to an emulator in this process: no socket, no signature. */
export function inProcessTransport(service: AwsService, exchange: Exchange): Transport {
  return { requestHandler: inProcessRequestHandler(exchange), signer: placeholderSigner(service) };
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * An exchange with a server's own request listener, on stand-ins for the request and response
 * with the few members a JSON API emulator uses (events `data`/`end`, `setHeader`, `end`).
 */
export function listenerExchange(server: Server): Exchange {
  const listener = server.listeners('request')[0] as Listener | undefined;
  if (!listener) throw new Error('The server has no request listener to hand requests to');
  return (request) =>
    new Promise((resolve, reject) => {
      const req = Object.assign(new EventEmitter(), {
        method: request.method,
        url: request.path,
        headers: request.headers,
      });
      const headers: Record<string, string> = {};
      const res = {
        statusCode: 200,
        headersSent: false,
        setHeader(name: string, value: unknown) {
          headers[name.toLowerCase()] = String(value);
        },
        getHeader(name: string) {
          return headers[name.toLowerCase()];
        },
        removeHeader(name: string) {
          delete headers[name.toLowerCase()];
        },
        end(chunk?: string | Buffer) {
          this.headersSent = true;
          resolve({
            statusCode: this.statusCode,
            headers,
            body: chunk === undefined ? '' : chunk.toString(),
          });
        },
      };
      try {
        listener(req as unknown as IncomingMessage, res as unknown as ServerResponse);
        if (request.body) req.emit('data', Buffer.from(request.body, 'utf8'));
        req.emit('end');
      } catch (error) {
        reject(error as Error);
      }
    });
}
