/**
 * Carries the AWS SDK's requests from the handlers to the emulators in this process without a
 * socket. The SDK still does all it does in AWS (serialise, sign, retry, parse the response);
 * only the hop over loopback HTTP, which cost more CPU than the emulator's work itself, is gone.
 * The emulators keep listening on their ports for everybody else (tests, the CLI, tools).
 *
 * The local cloud installs these through functions/adapters/aws-clients.ts before the handlers
 * load; with fault injection it does not, so the fault proxies stay in the path.
 */
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'node:net';
import type { RequestHandler } from '#adapters/aws-clients.ts';

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
