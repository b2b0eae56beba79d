/**
 * `npm start`: runs the whole system on this machine. Options: `--fresh` wipes the data first,
 * `--time-scale N` makes the virtual clock run N times real speed (e.g. 86400: a day a second),
 * `--data-dir DIR` keeps the data somewhere else than `.local`.
 * `PORT` picks the port (default 3000); `VERBETERTRAJECT_LANG=en` prints in English.
 */
import { performance } from 'node:perf_hooks';
import { t } from '#shared/i18n.ts';
import type { Locale } from '#core/model.ts';
import { startLocalCloud } from './cloud.ts';

const locale: Locale = process.env.VERBETERTRAJECT_LANG === 'en' ? 'en' : 'nl';
const began = performance.now();

function parseArgs(argv: string[]) {
  const options: { fresh: boolean; timeScale?: number; dataDir: string } = {
    fresh: false,
    dataDir: '.local',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--fresh') options.fresh = true;
    else if (arg === '--data-dir' && argv[i + 1]) options.dataDir = argv[++i]!;
    else if (arg === '--time-scale' && argv[i + 1] !== undefined && Number(argv[i + 1]) >= 0)
      options.timeScale = Number(argv[++i]);
    else {
      console.error(t(locale, 'local.badOption', { option: arg }));
      process.exit(2);
    }
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));
const port = process.env.PORT ? Number(process.env.PORT) : 3000;
const { dataDir } = options;
console.log(t(locale, 'local.starting', { dataDir }));

try {
  const cloud = await startLocalCloud({
    port,
    dataDir,
    fresh: options.fresh,
    ...(options.timeScale !== undefined ? { timeScale: options.timeScale } : {}),
  });
  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  console.log(t(locale, 'local.ready', { url: cloud.url, seconds }));
  if (cloud.clock.timeScale !== 1)
    console.log(t(locale, 'local.timeScale', { scale: cloud.clock.timeScale }));
  console.log(`\n${t(locale, 'local.next', { url: cloud.url })}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log(t(locale, 'local.stopping'));
    await cloud.close();
    console.log(t(locale, 'local.stopped', { dataDir }));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
} catch (error) {
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
    console.error(t(locale, 'local.portInUse', { port }));
  else
    console.error(
      t(locale, 'local.failed', { reason: error instanceof Error ? error.message : String(error) }),
    );
  process.exit(1);
}
