/**
 * The evidence files' adapters as a handler builds them at module scope. The size limit is read
 * on first use, as every adapter's configuration, so a handler module loads without any; this is
 * the one place that says so for the files.
 */
import type { Clock, FileRecords, FileStore, TrajectoryRepository } from '#core/ports.ts';
import { config } from '#shared/env.ts';
import { clock } from './clock.ts';
import { createFileRecordsFromEnv } from './dynamo-files.ts';
import { createRepositoryFromEnv } from './dynamo-repository.ts';
import { createFileStoreFromEnv } from './s3-files.ts';

/** A task's documents as its page lists them: the records, and the largest size the page offers. */
export interface TaskFileRecords {
  records: FileRecords;
  readonly maxBytes: number;
}

export function taskFileRecordsFromEnv(): TaskFileRecords {
  return {
    records: createFileRecordsFromEnv(),
    get maxBytes() {
      return config.filesMaxBytes;
    },
  };
}

/** Everything the evidence-file use cases work with (functions/usecases/evidence-files.ts). */
export interface EvidenceFileAdapters extends TaskFileRecords {
  repository: TrajectoryRepository;
  store: FileStore;
  clock: Clock;
}

export function evidenceFilesFromEnv(): EvidenceFileAdapters {
  // Assigned onto the records' object, not spread: a spread would read `maxBytes` now.
  return Object.assign(taskFileRecordsFromEnv(), {
    repository: createRepositoryFromEnv(),
    store: createFileStoreFromEnv(),
    clock,
  });
}
