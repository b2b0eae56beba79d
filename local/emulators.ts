/**
 * The AWS services the local cloud emulates with maintained packages: DynamoDB through
 * dynalite (persisted on disk) and SES v2 through aws-ses-v2-local (its store kept in a file, one
 * mail per line, so the outbox survives a restart). Both listen on loopback ports of their own; handlers reach
 * them through the real SDK clients via the standard AWS_ENDPOINT_URL_* variables.
 */
import { createRequire } from 'node:module';
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { AddressInfo, Server } from 'node:net';
import { join } from 'node:path';
import dynalite from 'dynalite';
import { listenerExchange, type Exchange } from './in-process-transport.ts';
import { loopbackOnly } from './loopback.ts';
import { SIGNING_KEY_FILE } from './local-auth.ts';

const require = createRequire(import.meta.url);

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

export interface Emulator {
  endpoint: string;
  close(): Promise<void>;
}

export interface DynamoEmulator extends Emulator {
  /** Hands a request to dynalite in this process, without its port (local/in-process-transport.ts). */
  exchange: Exchange;
  /** dynalite's HTTP server, listening on `endpoint`. */
  server: Server;
}

/** `port` 0 (the default) takes any free port. */
export async function startDynamo(options: { path?: string; port?: number }): Promise<DynamoEmulator> {
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(options.path ? { path: options.path } : {}),
  }) as Server;
  const port = await listen(server, options.port);
  const exchange = listenerExchange(server);
  loopbackOnly(server, 'DynamoDB');
  return {
    endpoint: `http://127.0.0.1:${port}`,
    exchange,
    server,
    close: () => close(server),
  };
}

export interface S3Emulator extends Emulator {
  bucket: string;
}

/**
 * S3 through s3rver, its objects as files under `directory`, with `bucket` in it. s3rver checks
 * signatures against the key pairs it knows, so the local cloud's credentials are registered
 * with it: a request signed with anything else is refused, as S3 would. It keeps no versions and
 * does not hold a presigned POST to its policy's conditions (size, type); the app checks both
 * again after every upload (functions/api/files.ts), which is what the tests rely on.
 */
export async function startS3(options: {
  directory: string;
  port?: number;
  bucket: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /**
   * Origins whose pages may post uploads to the bucket (its CORS rule, as the stack's bucket has
   * for the app's origin): the pages upload evidence files from the browser.
   */
  uploadOrigins?: readonly string[];
}): Promise<S3Emulator> {
  const S3rver = require('s3rver') as new (config: Record<string, unknown>) => {
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  };
  const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account.js') as {
    DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secretAccessKey: string): void };
  };
  // The local cloud's own pair, and `local`/`local` for the AWS CLI (README.md, "Look inside").
  DUMMY_ACCOUNT.createKeyPair(options.credentials.accessKeyId, options.credentials.secretAccessKey);
  DUMMY_ACCOUNT.createKeyPair('local', 'local');
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    silent: true,
    directory: options.directory,
    // Path-style addressing only: `http://127.0.0.1:<port>/<bucket>/<key>`.
    vhostBuckets: false,
    configureBuckets: [
      {
        name: options.bucket,
        ...(options.uploadOrigins?.length && { configs: [uploadCors(options.uploadOrigins)] }),
      },
    ],
  });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket: options.bucket,
    close: () => server.close(),
  };
}

/** The bucket's CORS configuration: browsers on `origins` may POST a presigned form, nothing else. */
export function uploadCors(origins: readonly string[]): string {
  const allowed = origins.map((origin) => `<AllowedOrigin>${origin}</AllowedOrigin>`).join('');
  return (
    '<CORSConfiguration><CORSRule>' +
    allowed +
    '<AllowedMethod>POST</AllowedMethod><AllowedHeader>*</AllowedHeader><MaxAgeSeconds>600</MaxAgeSeconds>' +
    '</CORSRule></CORSConfiguration>'
  );
}

/** The SES v2 `SendEmail` operation's path. */
const SEND_EMAIL_PATH = '/v2/email/outbound-emails';

/** A route handler of the emulator's HTTP framework, called with the few members it uses. */
type FrameworkHandler = (req: unknown, res: unknown, next: (error?: unknown) => void) => void;

/** The emulator's stored message, as aws-ses-v2-local keeps it. */
interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  attachments: { content: string; contentType: string; filename?: string; size: number }[];
  at: number;
}

export interface OutboxMessage {
  id: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  sentAt: string;
  attachments: { filename?: string; contentType: string; content: string }[];
}

export interface SesEmulator extends Emulator {
  /**
   * Hands an SES v2 `SendEmail` request (`POST /v2/email/outbound-emails`) to the emulator's own
   * handler in this process, without its port or its HTTP framework (local/in-process-transport.ts).
   */
  exchange: Exchange;
  /** Every mail in the order sent; with `after`, those sent after that message id (all when no such id). */
  outbox(after?: string): OutboxMessage[];
  /** Writes the outbox to its file now (it is also written whenever a mail arrives). */
  flush(): void;
}

export async function startSes(options: {
  file?: string;
  now: () => Date;
  /** 0 (the default) takes any free port. */
  port?: number;
}): Promise<SesEmulator> {
  const store = require('aws-ses-v2-local/dist/store.js') as {
    saveEmail(email: StoredEmail): void;
    clearStore(): void;
    getStoreReadonly(): { emails: StoredEmail[] };
  };
  // The emulator stamps mails with the wall clock; the local cloud runs on a virtual clock.
  const util = require('aws-ses-v2-local/dist/util.js') as { getCurrentTimestamp: () => number };
  util.getCurrentTimestamp = () => options.now().getTime() / 1000;
  store.clearStore();
  if (options.file && existsSync(options.file)) {
    const { emails, lines } = readOutboxFile(options.file);
    for (const email of emails) store.saveEmail(email);
    // An outbox of an older version (one JSON array), or one whose last line a crash cut short:
    // rewritten as whole lines, so that appending carries on from a clean end.
    if (!lines) rewriteOutboxFile(options.file, emails);
  }
  const start = (
    require('aws-ses-v2-local') as { default: (config: { host: string; port: number }) => Promise<Server> }
  ).default;
  const server = await start({ host: '127.0.0.1', port: options.port ?? 0 });
  // The emulator resolves even when its listen failed; the port was taken then.
  if (!server.listening)
    throw Object.assign(new Error(`SES emulator: port ${options.port} is in use`), { code: 'EADDRINUSE' });
  const port = (server.address() as AddressInfo).port;

  // Appended, one mail per line: rewriting the whole outbox for every mail grows with its square.
  let written = store.getStoreReadonly().emails.length;
  const flush = () => {
    const emails = store.getStoreReadonly().emails;
    if (!options.file || emails.length === written) return;
    appendFileSync(options.file, outboxLines(emails.slice(written)));
    written = emails.length;
  };
  server.on('request', (_req, res) => res.on('finish', flush));
  loopbackOnly(server, 'SES');

  const sendEmail = (require('aws-ses-v2-local/dist/v2/sendEmail.js') as { default: FrameworkHandler })
    .default;
  const exchange: Exchange = (request) =>
    new Promise((resolve) => {
      const answer = (statusCode: number, body: unknown) => {
        flush();
        resolve({
          statusCode,
          headers: { 'content-type': 'application/json' },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        });
      };
      if (request.method !== 'POST' || request.path !== SEND_EMAIL_PATH) {
        answer(404, {
          message: `The in-process SES takes SendEmail only, not ${request.method} ${request.path}`,
        });
        return;
      }
      // As the emulator's server checks: some AWS signature, whatever its key.
      if (!request.headers.authorization?.startsWith('AWS')) {
        answer(403, { message: 'Missing Authentication Token' });
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(request.body);
      } catch {
        answer(400, { message: 'Bad Request Exception', detail: 'The body is not JSON' });
        return;
      }
      const res = {
        statusCode: 200,
        status(code: number) {
          this.statusCode = code;
          return this;
        },
        send(payload: unknown) {
          answer(this.statusCode, payload);
          return this;
        },
      };
      const req = {
        body,
        headers: request.headers,
        header: (name: string) => request.headers[name.toLowerCase()],
      };
      sendEmail(req, res, (error) => answer(500, { message: String(error ?? 'unhandled') }));
    });

  return {
    endpoint: `http://127.0.0.1:${port}`,
    exchange,
    outbox: (after) =>
      emailsAfter(store.getStoreReadonly().emails, after).map((email) => ({
        id: email.messageId,
        to: email.destination.to,
        subject: email.subject,
        text: email.body.text ?? '',
        html: email.body.html ?? '',
        sentAt: new Date(email.at * 1000).toISOString(),
        attachments: email.attachments.map(({ filename, contentType, content }) => ({
          filename,
          contentType,
          content,
        })),
      })),
    flush,
    close: async () => {
      flush();
      await close(server);
    },
  };
}

const outboxLines = (emails: StoredEmail[]): string =>
  emails.map((email) => `${JSON.stringify(email)}\n`).join('');

/**
 * The outbox file: one JSON mail per line. `lines` is false when it must be rewritten before
 * appending: it holds one JSON array (as older versions wrote it), or ends in a torn line.
 */
function readOutboxFile(file: string): { emails: StoredEmail[]; lines: boolean } {
  const text = readFileSync(file, 'utf8');
  if (text.trimStart().startsWith('[')) return { emails: JSON.parse(text) as StoredEmail[], lines: false };
  const emails: StoredEmail[] = [];
  let lines = true;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      emails.push(JSON.parse(line) as StoredEmail);
    } catch {
      // Only the last line can be torn (a crash during an append): that mail is lost, no other.
      lines = false;
    }
  }
  return { emails, lines };
}

function rewriteOutboxFile(file: string, emails: StoredEmail[]): void {
  const temp = `${file}.tmp`;
  writeFileSync(temp, outboxLines(emails));
  renameSync(temp, file);
}

/** The tail after message `after`, looked for from the end: a reader's cursor is usually recent. */
function emailsAfter(emails: StoredEmail[], after: string | undefined): StoredEmail[] {
  if (after === undefined) return emails;
  for (let index = emails.length - 1; index >= 0; index--) {
    if (emails[index]!.messageId === after) return emails.slice(index + 1);
  }
  return emails;
}

/** Every file the local cloud keeps in its data directory (`--fresh` removes them, and only them). */
export function dataPaths(dataDir: string) {
  return {
    dynamo: join(dataDir, 'dynamodb'),
    s3: join(dataDir, 's3'),
    outbox: join(dataDir, 'outbox.json'),
    /** What was put on the local bus, one event per line (local/event-bus.ts). */
    events: join(dataDir, 'events.jsonl'),
    engine: join(dataDir, 'executions'),
    clock: join(dataDir, 'clock.json'),
    signingKey: join(dataDir, SIGNING_KEY_FILE),
    /** Where the emulators listen, for tools (README, "Look inside"); there while the cloud runs. */
    endpoints: join(dataDir, 'endpoints.json'),
  };
}
