/**
 * The configuration every AWS SDK client of the adapters starts from. In AWS it is empty: the
 * clients take region, credentials and endpoint from the Lambda environment as usual.
 *
 * A process that hosts the handlers and the emulated services side by side (the local cloud)
 * may hand in a request handler per service before the handlers load; the SDK then still builds,
 * signs and parses every request, but passes it to the emulator in memory rather than through a
 * socket. See local/in-process-transport.ts.
 */
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

export type AwsService = 'dynamodb' | 'sesv2' | 'sfn';

/** What the SDK calls to send a request: the `requestHandler` of a client's configuration. */
export type RequestHandler = NonNullable<DynamoDBClientConfig['requestHandler']>;

const handlers = new Map<AwsService, RequestHandler>();

/** Sets (or with `undefined`, removes) the request handler of the clients created from now on. */
export function useRequestHandler(service: AwsService, handler: RequestHandler | undefined): void {
  if (handler) handlers.set(service, handler);
  else handlers.delete(service);
}

/** The extra configuration of a new client for `service`: nothing, unless a host set a handler. */
export function clientConfig(service: AwsService): { requestHandler?: RequestHandler } {
  const requestHandler = handlers.get(service);
  return requestHandler ? { requestHandler } : {};
}
