/**
 * The dossier purge, fed by the table's stream. DynamoDB's TTL removes only the trajectory item of
 * a closed dossier (its `expiresAt` is set when the trajectory closes); for each such removal this
 * deletes the rest of the dossier and its action links (functions/adapters/dynamo-dossier-purge.ts),
 * then its evidence files in the bucket (functions/core/files.ts).
 *
 * The event source mapping's filter passes only TTL removals of trajectory items
 * (`TRAJECTORY_EXPIRY_PATTERN` in functions/adapters/table-schema.ts); every record is checked again
 * here, so anything else that arrives is ignored. A record whose purge fails is reported as a
 * batch item failure: the stream delivers it again (the purge is safe to repeat) while the
 * others of the batch count as done. Logs carry trajectory ids and counts, nothing personal.
 */
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { createDossierPurgeFromEnv, type DynamoDossierPurge } from '#adapters/dynamo-dossier-purge.ts';
import { KEY_PREFIX, SORT_KEY, TABLE_KEY, TRAJECTORY_EXPIRY_PATTERN } from '#adapters/table-schema.ts';
import { logger } from '#shared/observability.ts';
import { dossierPrefixes } from '#core/files.ts';
import type { FileStore } from '#core/ports.ts';
import { createFileStoreFromEnv } from '#adapters/s3-files.ts';

const TTL_IDENTITY = TRAJECTORY_EXPIRY_PATTERN.userIdentity;

/** The id of the trajectory whose item DynamoDB's TTL removed, or undefined for any other record. */
export function expiredTrajectoryId(record: DynamoDBRecord): string | undefined {
  if (record.eventName !== 'REMOVE') return undefined;
  // Only the service deletes for TTL; a person or a function deleting the item is no expiry.
  const identity = record.userIdentity as { type?: unknown; principalId?: unknown } | undefined;
  if (identity?.type !== TTL_IDENTITY.type[0] || identity.principalId !== TTL_IDENTITY.principalId[0]) {
    return undefined;
  }
  const partition = record.dynamodb?.Keys?.[TABLE_KEY.partitionKey]?.S;
  const sort = record.dynamodb?.Keys?.[TABLE_KEY.sortKey]?.S;
  if (sort !== SORT_KEY.trajectory || !partition?.startsWith(KEY_PREFIX.trajectory)) return undefined;
  return partition.slice(KEY_PREFIX.trajectory.length) || undefined;
}

export async function purgeExpiredDossiers(
  purge: Pick<DynamoDossierPurge, 'purge'>,
  files: Pick<FileStore, 'deletePrefix'>,
  event: DynamoDBStreamEvent,
): Promise<DynamoDBBatchResponse> {
  const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records ?? []) {
    const trajectoryId = expiredTrajectoryId(record);
    if (!trajectoryId) continue;
    try {
      const result = await purge.purge(trajectoryId);
      if (result.outcome === 'present') {
        logger.warn('Trajectory item present again; dossier left alone', { trajectoryId });
      } else {
        // Its evidence files go with it: uploads nobody confirmed and stored files alike.
        let deletedFiles = 0;
        for (const prefix of dossierPrefixes(trajectoryId)) deletedFiles += await files.deletePrefix(prefix);
        logger.info('Dossier purged', { trajectoryId, deleted: result.deleted, deletedFiles });
      }
    } catch (error) {
      logger.error('Could not purge a dossier', { trajectoryId, errorType: (error as Error).name, error });
      // Lambda retries from the lowest sequence number reported; an empty one fails the batch.
      batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
    }
  }
  return { batchItemFailures };
}

const purge = createDossierPurgeFromEnv();
const files = createFileStoreFromEnv();

export async function handler(event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> {
  logger.resetKeys();
  if (context?.awsRequestId) logger.appendKeys({ requestId: context.awsRequestId });
  return purgeExpiredDossiers(purge, files, event);
}
