/**
 * `npm start`: runs the whole system on this machine. Options: `--fresh` wipes the data first,
 * `--time-scale N` makes the virtual clock run N times real speed (e.g. 86400: a day a second),
 * `--data-dir DIR` keeps the data somewhere else than `.local`,
 * `--events-url URL` (or `VERBETERTRAJECT_EVENTS_URL`) forwards every lifecycle event put on the
 * local bus to URL as JSON (docs/events.md).
 * Ports (flag, else variable, else default; local/ports.ts): `--port`/`PORT` (3000) for the API,
 * `--dynamodb-port`, `--sfn-port`, `--ses-port`, `--s3-port` (`VERBETERTRAJECT_DYNAMODB_PORT`,
 * `_SFN_PORT`, `_SES_PORT`, `_S3_PORT`; 3010, 3011, 3012, 3013) for the emulators; 0 takes a free port.
 * `VERBETERTRAJECT_LANG=en` prints in English.
 */
import { performance } from 'node:perf_hooks';
import { t } from '#shared/i18n/catalogue.ts';
import type { Locale } from '#core/model.ts';
import { startLocalCloud, type LocalCloud } from './cloud.ts';
import { DataDirLockedError } from './data-dir.ts';
import { dataPaths } from './emulators.ts';
import { parsePort, PortInUseError, PORT_SETTINGS, type LocalService } from './ports.ts';

const locale: Locale = process.env.VERBETERTRAJECT_LANG === 'en' ? 'en' : 'nl';
const began = performance.now();

const SERVICES = Object.keys(PORT_SETTINGS) as LocalService[];

function exitWith(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

/** A port as given by `name` (a flag or a variable), refused with a usage line when it is none. */
function port(name: string, value: string): number {
  const parsed = parsePort(value);
  return parsed ?? exitWith(t(locale, 'local.badPort', { name, value }), 2);
}

/** The URL events are forwarded to, refused with a usage line when it is no http(s) URL. */
function httpUrl(name: string, value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    exitWith(t(locale, 'local.badEventsUrl', { name, value }), 2);
  }
  return value;
}

function parseArgs(argv: string[]) {
  const options: {
    fresh: boolean;
    timeScale?: number;
    dataDir: string;
    ports: Partial<Record<LocalService, number>>;
    eventsUrl?: string;
  } = { fresh: false, dataDir: '.local', ports: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const service = SERVICES.find((candidate) => PORT_SETTINGS[candidate].flag === arg);
    if (arg === '--fresh') options.fresh = true;
    else if (arg === '--data-dir' && argv[i + 1]) options.dataDir = argv[++i]!;
    else if (arg === '--time-scale' && argv[i + 1] !== undefined && Number(argv[i + 1]) >= 0)
      options.timeScale = Number(argv[++i]);
    else if (service && argv[i + 1] !== undefined) options.ports[service] = port(arg, argv[++i]!);
    else if (arg === '--events-url' && argv[i + 1] !== undefined)
      options.eventsUrl = httpUrl(arg, argv[++i]!);
    else exitWith(t(locale, 'local.badOption', { option: arg }), 2);
  }
  return options;
}

/** Each port: its flag, else its variable (an empty one counts as unset), else its default. */
function portsOf(flags: Partial<Record<LocalService, number>>): Record<LocalService, number> {
  const chosen = (service: LocalService) => {
    const { env, default: fallback } = PORT_SETTINGS[service];
    const fromEnv = process.env[env]?.trim();
    return flags[service] ?? (fromEnv ? port(env, fromEnv) : fallback);
  };
  return {
    api: chosen('api'),
    dynamodb: chosen('dynamodb'),
    sfn: chosen('sfn'),
    ses: chosen('ses'),
    s3: chosen('s3'),
  };
}

function printEndpoints(cloud: LocalCloud, dataDir: string): void {
  const { endpoints } = cloud;
  console.log(
    `\n${t(locale, 'local.endpoints', {
      region: endpoints.region,
      dynamodb: endpoints.dynamodb.endpoint,
      table: endpoints.dynamodb.tableName,
      sfn: endpoints.stepfunctions.endpoint,
      ses: endpoints.ses.endpoint,
      inbox: endpoints.ses.inbox,
      s3: endpoints.s3.endpoint,
      bucket: endpoints.s3.bucket,
      file: dataPaths(dataDir).endpoints,
    })}`,
  );
}

/** Why the start failed, said so that the next attempt can succeed. */
function explain(error: unknown): string {
  if (error instanceof PortInUseError) {
    if (error.service === 'api') return t(locale, 'local.portInUse', { port: error.port });
    const { label, flag, env } = PORT_SETTINGS[error.service];
    return t(locale, 'local.emulatorPortInUse', { port: error.port, service: label, flag, env });
  }
  if (error instanceof DataDirLockedError) {
    const { dataDir, pid, lockFile } = error;
    return t(locale, 'local.locked', { dataDir, pid, lockFile });
  }
  return t(locale, 'local.failed', { reason: error instanceof Error ? error.message : String(error) });
}

const options = parseArgs(process.argv.slice(2));
const eventsFromEnv = process.env.VERBETERTRAJECT_EVENTS_URL?.trim();
const eventsUrl =
  options.eventsUrl ?? (eventsFromEnv ? httpUrl('VERBETERTRAJECT_EVENTS_URL', eventsFromEnv) : undefined);
const ports = portsOf(options.ports);
const { dataDir } = options;
console.log(t(locale, 'local.starting', { dataDir }));

try {
  const cloud = await startLocalCloud({
    port: ports.api,
    emulatorPorts: { dynamodb: ports.dynamodb, sfn: ports.sfn, ses: ports.ses, s3: ports.s3 },
    dataDir,
    fresh: options.fresh,
    ...(eventsUrl ? { forwardEventsTo: eventsUrl } : {}),
    ...(options.timeScale !== undefined ? { timeScale: options.timeScale } : {}),
  });
  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  console.log(t(locale, 'local.ready', { url: cloud.url, seconds }));
  if (cloud.clock.timeScale !== 1)
    console.log(t(locale, 'local.timeScale', { scale: cloud.clock.timeScale }));
  printEndpoints(cloud, dataDir);
  console.log(
    eventsUrl
      ? t(locale, 'local.eventsForwarded', { url: cloud.url, target: eventsUrl })
      : t(locale, 'local.events', { url: cloud.url }),
  );
  console.log(`\n${t(locale, 'local.next', { url: cloud.url })}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log(t(locale, 'local.stopping'));
    await cloud.close();
    console.log(t(locale, 'local.stopped', { dataDir }));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
} catch (error) {
  exitWith(explain(error), 1);
}
