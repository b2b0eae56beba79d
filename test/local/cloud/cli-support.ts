import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { PORT_SETTINGS } from '#local/ports.ts';

/**
 * The environment that has `npm start` take free ports, API and emulators alike: its fixed
 * defaults would collide between test files running side by side, and with a developer's own
 * `npm start`.
 */
export const ANY_FREE_PORTS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(PORT_SETTINGS).map(({ env }) => [env, '0']),
);

export interface RunningCli {
  child: ChildProcess;
  /** Resolves with the API's URL once the start-up text is printed; rejects if it exits first. */
  ready: Promise<string>;
  /** The exit code (null after a signal). */
  exited: Promise<number | null>;
  output(): string;
  /** Ctrl-C, and the end of the process. */
  stop(): Promise<void>;
}

/** `local/cli.ts` (what `npm start` runs) in English, on free ports unless `env` names some. */
export function startCli(args: string[], env: Record<string, string> = {}): RunningCli {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/cli.ts', ...args], {
    env: { ...process.env, ...ANY_FREE_PORTS, VERBETERTRAJECT_LANG: 'en', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in time:\n${output}`)), 30_000);
    child.stdout!.on('data', () => {
      const found = /is running on (http:\/\/localhost:\d+)/.exec(output);
      if (found && output.includes('Ctrl-C')) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`exited early:\n${output}`));
    });
  });
  ready.catch(() => undefined);
  return {
    child,
    ready,
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
