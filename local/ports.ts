/**
 * The ports of the local cloud: the API's and one per emulator. `npm start` gives each a fixed
 * default, so a cloud engineer can point the AWS CLI at the same address every day; tests and
 * benchmarks pass 0 (any free port), so runs side by side never collide.
 */
import { createServer } from 'node:net';

export type LocalService = 'api' | 'dynamodb' | 'sfn' | 'ses' | 's3';

/**
 * How `npm start` sets each port (flag before variable before default). The emulators sit at
 * 3010–3013, next to the API's 3000 and clear of what people run beside it: DynamoDB Local
 * (8000), Step Functions Local (8083), aws-ses-v2-local on its own (8005), LocalStack
 * (4566 and 4510–4559), and the 3001–3009 that dev servers count up to when 3000 is taken.
 */
export const PORT_SETTINGS: Readonly<
  Record<LocalService, { label: string; flag: string; env: string; default: number }>
> = {
  api: { label: 'API', flag: '--port', env: 'PORT', default: 3000 },
  dynamodb: {
    label: 'DynamoDB',
    flag: '--dynamodb-port',
    env: 'VERBETERTRAJECT_DYNAMODB_PORT',
    default: 3010,
  },
  sfn: { label: 'Step Functions', flag: '--sfn-port', env: 'VERBETERTRAJECT_SFN_PORT', default: 3011 },
  ses: { label: 'SES', flag: '--ses-port', env: 'VERBETERTRAJECT_SES_PORT', default: 3012 },
  s3: { label: 'S3', flag: '--s3-port', env: 'VERBETERTRAJECT_S3_PORT', default: 3013 },
};

/** A port of the local cloud is taken: by another program, another instance, or one of its own. */
export class PortInUseError extends Error {
  readonly code = 'EADDRINUSE';
  constructor(
    readonly service: LocalService,
    readonly port: number,
  ) {
    super(`Port ${port} (${PORT_SETTINGS[service].label}) is already in use`);
    this.name = 'PortInUseError';
  }
}

/** A port number as a flag or variable gives it: an integer from 0 (any free port) to 65535. */
export function parsePort(value: string): number | undefined {
  if (!/^\d{1,5}$/.test(value.trim())) return undefined;
  const port = Number(value);
  return port <= 65535 ? port : undefined;
}

/** Turns a listen error on `port` into a PortInUseError that names the service. */
export function portError(service: LocalService, port: number) {
  return (error: unknown): never => {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(service, port);
    throw error;
  };
}

function probe(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve()));
  });
}

/**
 * Refuses before anything else happens when a fixed port is taken, or given to two services: a
 * start that failed only at its `listen` had already wiped the data (`--fresh`) of the instance
 * that held the port. Port 0 is always free.
 */
export async function assertPortsFree(ports: Readonly<Record<LocalService, number>>): Promise<void> {
  const seen = new Set<number>();
  for (const [service, port] of Object.entries(ports) as [LocalService, number][]) {
    if (port === 0) continue;
    if (seen.has(port)) throw new PortInUseError(service, port);
    seen.add(port);
    await probe(port).catch(portError(service, port));
  }
}
