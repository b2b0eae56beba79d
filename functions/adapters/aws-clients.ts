/**
 * The configuration every AWS SDK client of the adapters starts from. In AWS it is empty: the
 * clients take region, credentials and endpoint from the Lambda environment as usual, and sign
 * every request with SigV4.
 *
 * A process that hosts the handlers and the emulated services side by side (the local cloud)
 * may hand in a transport per service before the handlers load: a request handler that passes
 * each request to the emulator in memory rather than through a socket, and a signer. The SDK
 * then still builds, retries and parses every request. See local/in-process-transport.ts.
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

/** Sets (or with `undefined`, removes) the transport of the clients created from now on. */
export function useTransport(service: AwsService, transport: Transport | undefined): void {
  if (transport) transports.set(service, transport);
  else transports.delete(service);
}

/** The extra configuration of a new client for `service`: nothing, unless a host set a transport. */
export function clientConfig(service: AwsService): Partial<Transport> {
  const transport = transports.get(service);
  return transport ? { ...transport } : {};
}
