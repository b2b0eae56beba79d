/**
 * The data directory of `npm start` (`.local` unless `--data-dir` says otherwise).
 */
import { renameSync, writeFileSync } from 'node:fs';

/** Written whole or not at all: a tool reading it while the cloud starts never sees half. */
export function writeJsonFile(file: string, value: unknown): void {
  const temp = `${file}.tmp`;
  writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temp, file);
}
