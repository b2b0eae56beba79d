/**
 * The configuration every AWS SDK client of the adapters starts from. In AWS it is empty: the
 * clients take region, credentials and endpoint from the Lambda environment as usual, and sign
 * every request with SigV4.
 *
 * A process that hosts the handlers and the emulated services side by side (the local cloud)
 * may hand in a transport per service before the handlers load: a request handler that passes
 * each request to the emulator in memory rather than through a socket, and a signer. The SDK
 * then still builds, retries and parses every request. See local/in-process-transport.ts.
 *
 * Every adapter of a service shares one client (`sharedClient`), made on first use: a handler
 * that reaches DynamoDB through four adapters resolves one client's configuration and middleware
 * at cold start, not four, and keeps one connection pool.
 */
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

export type AwsService = 'dynamodb' | 'sesv2' | 'sfn' | 's3' | 'eventbridge';

/** What the SDK calls to send a request: the `requestHandler` of a client's configuration. */
export type RequestHandler = NonNullable<DynamoDBClientConfig['requestHandler']>;

/** What signs a request: the `signer` of a client's configuration. */
export type RequestSigner = Extract<NonNullable<DynamoDBClientConfig['signer']>, { sign: unknown }>;

/** Where a service's requests go, and how they are signed on the way (by default, with SigV4). */
export interface Transport {
  requestHandler?: RequestHandler;
  signer?: RequestSigner;
  /**
   * S3 only: address buckets in the path (`http://host/bucket/key`), as an emulator on a port of
   * its own needs; AWS uses the bucket's own host name.
   */
  forcePathStyle?: boolean;
}

const transports = new Map<AwsService, Transport>();

const clients = new Map<AwsService, unknown>();

/**
 * Sets (or with `undefined`, removes) the transport of the clients created from now on; the
 * shared client of `service` made before is forgotten, so the next use makes one that has it.
 */
export function useTransport(service: AwsService, transport: Transport | undefined): void {
  if (transport) transports.set(service, transport);
  else transports.delete(service);
  clients.delete(service);
}

/**
 * The one client of `service` in this process, made by `create` on its first use with the host's
 * transport (`clientConfig`). Each service has one creator, in the adapter module of that service.
 */
export function sharedClient<C>(service: AwsService, create: (config: Partial<Transport>) => C): C {
  if (!clients.has(service)) clients.set(service, create(clientConfig(service)));
  return clients.get(service) as C;
}

/**
 * An adapter of `service` made on its first use (`onFirstUse`) by `make`, around the process's one
 * client of the service: a `Client` made with the host's transport.
 */
export function serviceAdapter<C, A extends object>(
  service: AwsService,
  Client: new (transport: Partial<Transport>) => C,
  make: (client: C) => A,
): A {
  return onFirstUse(() => make(sharedClient(service, (transport) => new Client(transport))));
}

/** Forgets every shared client, for a test that changes the environment they were made from. */
export function resetClients(): void {
  clients.clear();
}

/**
 * An adapter made on its first use rather than when a handler module loads: the module can be
 * imported with no configuration at all (a test, a tool, the OpenAPI generator), and a missing
 * variable still fails with its name, at the first call that needs it. Methods are bound to the
 * adapter, so they may be passed around as the adapter's own are.
 */
export function onFirstUse<T extends object>(make: () => T): T {
  let made: T | undefined;
  const adapter = (): T => (made ??= make());
  return new Proxy({} as T, {
    get(_target, key) {
      const value: unknown = Reflect.get(adapter(), key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(adapter()) : value;
    },
    has: (_target, key) => Reflect.has(adapter(), key),
  });
}

/** The extra configuration of a new client for `service`: nothing, unless a host set a transport. */
export function clientConfig(service: AwsService): Partial<Transport> {
  const transport = transports.get(service);
  return transport ? { ...transport } : {};
}
