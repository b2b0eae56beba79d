/**
 * The table's stream on the local cloud. dynalite has no streams, so the local cloud watches the
 * requests dynalite answers and turns each successful `PutItem` of a dossier event into the record
 * DynamoDB Streams would carry (keys only, `INSERT`), filtered as the event source mapping filters
 * (`DOSSIER_EVENT_INSERT_PATTERN`, checked by `dossierEventKey`). The records are handed, in order
 * and in batches, to the same publisher handler the stack deploys; a batch item failure is
 * delivered again from that record on, a few times, as the mapping does.
 *
 * Not kept across a restart: a record written just before the cloud stopped and not yet published
 * stays unpublished (its dossier event is there; the bus does not hear of it).
 */
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { dossierEventKey } from '#events/lifecycle-publisher.ts';
import { TABLE_KEY } from '#adapters/table-schema.ts';

export interface LocalTableStream {
  /** Tells the stream of a request dynalite answered with `statusCode`. */
  observe(target: string | undefined, body: string, statusCode: number): void;
  /** Resolves once every record so far has been handed over (or given up on). */
  drained(): Promise<void>;
}

/** As the deployed mapping (infra/constructs/events.ts): at most this many records per call. */
const BATCH_SIZE = 100;
const RETRY_ATTEMPTS = 5;
const RETRY_DELAY_MS = 100;

export function createTableStream(options: {
  tableName: string;
  region: string;
  now: () => Date;
  /** The publisher: invoked with a batch, answers the failures. */
  deliver: (records: DynamoDBRecord[]) => Promise<DynamoDBBatchResponse | undefined>;
  /** Registers the drain as work in flight (the virtual clock's `track`). */
  track: <T>(work: Promise<T>) => Promise<T>;
  /** Where a batch given up on is reported; default console.error. */
  onGivenUp?: (message: string) => void;
}): LocalTableStream {
  const queue: DynamoDBRecord[] = [];
  let sequence = 0;
  let draining: Promise<void> | undefined;
  const givenUp = options.onGivenUp ?? ((message: string) => console.error(message));

  const drain = async () => {
    // Records written in the same turn go out in one batch, as the mapping batches what is there.
    await new Promise((resolve) => setImmediate(resolve));
    let attempts = 0;
    while (queue.length > 0) {
      const batch = queue.slice(0, BATCH_SIZE);
      let failedAt = -1;
      try {
        const answer = await options.deliver(batch);
        const failed = answer?.batchItemFailures?.[0]?.itemIdentifier;
        if (failed !== undefined) {
          failedAt = Math.max(
            0,
            batch.findIndex((record) => record.dynamodb?.SequenceNumber === failed),
          );
        }
      } catch {
        failedAt = 0;
      }
      if (failedAt < 0) {
        queue.splice(0, batch.length);
        attempts = 0;
        continue;
      }
      // Everything before the failure is done; from it on, the batch comes again.
      queue.splice(0, failedAt);
      if (++attempts > RETRY_ATTEMPTS) {
        const dropped = queue.shift();
        givenUp(
          `Local stream: gave up on record ${dropped?.dynamodb?.SequenceNumber} after ${RETRY_ATTEMPTS} retries`,
        );
        attempts = 0;
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * attempts));
    }
  };

  const start = () => {
    draining ??= options.track(
      drain().finally(() => {
        draining = undefined;
        // A record that arrived after the last look starts the next round.
        if (queue.length > 0) start();
      }),
    );
  };

  return {
    observe(target, body, statusCode) {
      if (statusCode !== 200 || target !== 'DynamoDB_20120810.PutItem') return;
      let input: { TableName?: unknown; Item?: Record<string, { S?: unknown }> };
      try {
        input = JSON.parse(body) as typeof input;
      } catch {
        return;
      }
      if (input.TableName !== options.tableName || !input.Item) return;
      const pk = input.Item[TABLE_KEY.partitionKey]?.S;
      const sk = input.Item[TABLE_KEY.sortKey]?.S;
      if (typeof pk !== 'string' || typeof sk !== 'string') return;
      const record: DynamoDBRecord = {
        eventID: `${++sequence}`,
        eventName: 'INSERT',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: options.region,
        dynamodb: {
          ApproximateCreationDateTime: Math.floor(options.now().getTime() / 1000),
          Keys: { [TABLE_KEY.partitionKey]: { S: pk }, [TABLE_KEY.sortKey]: { S: sk } },
          SequenceNumber: String(sequence).padStart(21, '0'),
          SizeBytes: Buffer.byteLength(body),
          StreamViewType: 'KEYS_ONLY',
        },
      };
      // The mapping's filter: only dossier events reach the publisher.
      if (!dossierEventKey(record)) return;
      queue.push(record);
      start();
    },
    async drained() {
      while (draining) await draining;
    },
  };
}
