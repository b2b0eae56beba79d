/**
 * The AWS services the local cloud emulates with maintained packages: DynamoDB through
 * dynalite (persisted on disk) and SES v2 through aws-ses-v2-local (its store kept in a file so
 * the outbox survives a restart). Both listen on loopback ports of their own; handlers reach
 * them through the real SDK clients via the standard AWS_ENDPOINT_URL_* variables.
 */
import { createRequire } from 'node:module';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { AddressInfo, Server } from 'node:net';
import { join } from 'node:path';
import dynalite from 'dynalite';

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

export async function startDynamo(options: { path?: string }): Promise<Emulator> {
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(options.path ? { path: options.path } : {}),
  }) as Server;
  const port = await listen(server);
  return { endpoint: `http://127.0.0.1:${port}`, close: () => close(server) };
}

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
  outbox(): OutboxMessage[];
  /** Writes the outbox to its file now (it is also written whenever a mail arrives). */
  flush(): void;
}

export async function startSes(options: { file?: string; now: () => Date }): Promise<SesEmulator> {
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
    for (const email of JSON.parse(readFileSync(options.file, 'utf8')) as StoredEmail[])
      store.saveEmail(email);
  }
  const start = (
    require('aws-ses-v2-local') as { default: (config: { host: string; port: number }) => Promise<Server> }
  ).default;
  const server = await start({ host: '127.0.0.1', port: 0 });
  const port = (server.address() as AddressInfo).port;

  let written = store.getStoreReadonly().emails.length;
  const flush = () => {
    const emails = store.getStoreReadonly().emails;
    if (!options.file || emails.length === written) return;
    const temp = `${options.file}.tmp`;
    writeFileSync(temp, JSON.stringify(emails));
    renameSync(temp, options.file);
    written = emails.length;
  };
  server.on('request', (_req, res) => res.on('finish', flush));

  return {
    endpoint: `http://127.0.0.1:${port}`,
    outbox: () =>
      store.getStoreReadonly().emails.map((email) => ({
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

export function dataPaths(dataDir: string) {
  return {
    dynamo: join(dataDir, 'dynamodb'),
    outbox: join(dataDir, 'outbox.json'),
    engine: join(dataDir, 'executions'),
    clock: join(dataDir, 'clock.json'),
  };
}
