/**
 * The local cloud listens on loopback only, and that alone does not keep web pages out: a page on
 * any site can make the browser send requests to `127.0.0.1`. Two things stop them.
 *
 * - DNS rebinding: a name of the attacker's that first resolves to their server and then to
 *   127.0.0.1 makes the browser treat the local cloud as that site, scripts reading every answer
 *   (an HR token from `/_local/token`, the outbox with its action links). The `Host` header still
 *   carries the attacker's name, so a request for any host but a loopback name is refused with
 *   421 Misdirected Request: this server has no answer for that host.
 * - Cross-origin requests: dynalite allows every origin (`Access-Control-Allow-Origin: *`), so any
 *   page could read and write the table once it knew the port, and `npm start`'s ports are fixed
 *   and documented. An emulator refuses a request that a page of another origin sent (403); the
 *   AWS CLI and SDKs send no `Origin`, and the SES inbox's own page is of the same origin.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'node:net';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The host of a `Host` header without its port: `[::1]:3000` → `[::1]`. */
function hostName(host: string): string {
  return host.toLowerCase().replace(/:\d*$/, '');
}

/**
 * Whether a request's `Host` names this machine's loopback, with any port, or one of `extra`
 * (the host of a public base URL the cloud was given). A request without one (HTTP/1.0) comes
 * from no browser.
 */
export function loopbackHost(host: string | undefined, extra: readonly string[] = []): boolean {
  if (host === undefined) return true;
  const name = hostName(host);
  return LOOPBACK_NAMES.has(name) || extra.includes(name);
}

/** Whether a browser sent the request from a page of another origin than the one it addresses. */
export function foreignOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== (req.headers.host ?? '').toLowerCase();
  } catch {
    return true; // `null` (a sandboxed frame, a file) or garbage: no origin of ours.
  }
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

function refuse(res: ServerResponse, statusCode: number, message: string): void {
  res.writeHead(statusCode, { 'content-type': 'application/json', connection: 'close' });
  res.end(JSON.stringify({ message }));
}

/**
 * Puts the two checks in front of an emulator's own request listeners. Call it after the
 * in-process exchange took the listener it calls directly: that path has no browser in it.
 */
export function loopbackOnly(server: Server, name: string): void {
  const listeners = server.listeners('request') as Listener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!loopbackHost(req.headers.host)) {
      refuse(res, 421, `The local ${name} answers on localhost, 127.0.0.1 and [::1] only`);
      return;
    }
    if (foreignOrigin(req)) {
      refuse(res, 403, `The local ${name} takes no requests from web pages of other origins`);
      return;
    }
    for (const listener of listeners) listener.call(server, req, res);
  });
}
