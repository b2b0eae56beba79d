/**
 * Every DynamoDB call the adapters make is announced on a diagnostics channel, with the capacity
 * it consumed, for whoever listens: the local cloud's meter does, to put a price on a trajectory
 * (bench/simulate.ts). Nobody listens in AWS, and then the middleware passes each call through
 * untouched: no `ReturnConsumedCapacity`, no message, no cost.
 */
import { channel } from 'node:diagnostics_channel';
import type { ConsumedCapacity, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { documentInputOf } from './document-client.ts';

export const DYNAMODB_CALLS_CHANNEL = 'verbetertraject:dynamodb-call';

export interface DynamoCallMessage {
  /** The low-level command's name, e.g. `PutItemCommand`, also for the document client's `put`. */
  command: string;
  /** The command's input as the caller gave it (plain values where a `DocumentClient` sent it, not marshalled). */
  input: Readonly<Record<string, unknown>>;
  /** What DynamoDB reported; absent for a failed call (a failed conditional write is billed all the same). */
  consumedCapacity?: ConsumedCapacity | ConsumedCapacity[];
  /** The error's name when the call failed, e.g. `ConditionalCheckFailedException`. */
  error?: string;
}

const calls = channel(DYNAMODB_CALLS_CHANNEL);

/** Adds the announcing middleware to `client` (and so to a document client built on it). Idempotent. */
export function announceDynamoCalls(client: DynamoDBClient): void {
  const name = 'announceDynamoCalls';
  if (client.middlewareStack.identify().some((entry) => entry.startsWith(name))) return;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (!calls.hasSubscribers) return next(args);
      const given = args.input as Record<string, unknown>;
      const input = { ...given, ReturnConsumedCapacity: given.ReturnConsumedCapacity ?? 'TOTAL' };
      const command = context.commandName ?? 'unknown';
      const announced = { ...documentInputOf(given), ReturnConsumedCapacity: input.ReturnConsumedCapacity };
      try {
        const result = await next({ ...args, input });
        const output = result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] };
        calls.publish({
          command,
          input: announced,
          consumedCapacity: output.ConsumedCapacity,
        } satisfies DynamoCallMessage);
        return result;
      } catch (error) {
        calls.publish({
          command,
          input: announced,
          error: (error as { name?: string } | undefined)?.name ?? 'Error',
        } satisfies DynamoCallMessage);
        throw error;
      }
    },
    { step: 'initialize', name },
  );
}
