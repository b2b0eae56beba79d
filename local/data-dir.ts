/**
 * The data directory of `npm start` (`.local` unless `--data-dir` says otherwise): one running
 * instance at a time, kept by a lock file that holds its process id. Two instances on one
 * directory would write the same DynamoDB files, outbox and executions over each other, and a
 * second `--fresh` would wipe the data under the first.
 */
import { linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly lockFile: string,
  ) {
    super(`The data directory ${dataDir} is in use by process ${pid} (lock file ${lockFile})`);
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

/** Whether a process with this id is running (a zombie, killed but not yet reaped, is not). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // No /proc (macOS, Windows): kill(0) is all there is.
  }
}

function holder(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined; // Removed in the meantime.
  }
}

/**
 * Takes the lock of `dataDir` (creating the directory), or refuses with DataDirLockedError while
 * the process that holds it runs. The lock of a process that is gone (killed, crashed) is stale
 * and taken over. Two starts taking over one stale lock in the same instant could both win;
 * dynalite's own database lock then stops the second.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'lock');
  // Written aside and linked into place: the lock never exists without its process id in it.
  const mine = `${file}.${process.pid}`;
  writeFileSync(mine, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(mine, file);
        return {
          file,
          release: () => {
            if (holder(file) === process.pid) rmSync(file, { force: true });
          },
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const pid = holder(file);
      if (pid !== undefined && alive(pid)) throw new DataDirLockedError(dataDir, pid, file);
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(mine, { force: true });
  }
  throw new DataDirLockedError(dataDir, holder(file) ?? 0, file);
}

/**
 * What `--fresh` removes: the files the local cloud writes (and the temporary files of a write a
 * crash cut short), nothing else, so a `--data-dir` pointed at a folder with other things in it
 * loses only those. The lock stays: it is held.
 */
export function wipeDataDir(files: readonly string[]): void {
  for (const file of files) {
    rmSync(file, { recursive: true, force: true });
    const dir = dirname(file);
    for (const entry of readdirSync(dir)) {
      if (entry.startsWith(`${basename(file)}.`) && entry.endsWith('.tmp'))
        rmSync(join(dir, entry), { force: true });
    }
  }
}

/** Written whole or not at all: a tool reading it while the cloud starts never sees half. */
export function writeJsonFile(file: string, value: unknown): void {
  const temp = `${file}.tmp`;
  writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temp, file);
}
