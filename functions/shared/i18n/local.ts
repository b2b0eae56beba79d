import { defineMessages } from './define.ts';

/** What `npm start` prints: the local cloud is the first thing a new user meets. */
export const localMessages = /* @__PURE__ */ defineMessages({
  nl: {
    'local.starting': 'verbetertraject start lokaal (gegevens in {dataDir}) ...',
    'local.ready': 'verbetertraject draait op {url} (klaar in {seconds} s)',
    'local.next':
      'Zo ga je verder:\n' +
      '  1. Haal een HR-token op:        curl "{url}/_local/token?email=hr@example.nl&role=hr"\n' +
      '  2. Start een traject:           curl -X POST {url}/trajectories -H "Authorization: Bearer <token>" -H "Content-Type: application/json" -d @examples/trajectory.json\n' +
      '  3. Lees de verstuurde mails:    curl {url}/_local/outbox\n' +
      '  4. Laat de tijd verstrijken:    curl -X POST {url}/_local/clock -H "Content-Type: application/json" -d \'{"days":7}\'\n' +
      'Een heel traject in een paar seconden: npm run demo (in een tweede terminal).\n' +
      'Zie README.md, "A trajectory by hand", voor elke stap. Stoppen: Ctrl-C.',
    'local.timeScale': 'De klok loopt {scale}x zo snel als de echte tijd.',
    'local.stopping': 'verbetertraject stopt ...',
    'local.stopped': 'Gestopt. De gegevens blijven bewaard in {dataDir}.',
    'local.portInUse': 'Poort {port} is al in gebruik. Kies een andere met PORT=3001 npm start.',
    'local.failed': 'verbetertraject kon niet starten: {reason}',
    'local.badOption':
      'Onbekende optie {option}. Gebruik: npm start [-- --fresh] [--time-scale <getal>] [--data-dir <map>]',
  },
  en: {
    'local.starting': 'verbetertraject is starting locally (data in {dataDir}) ...',
    'local.ready': 'verbetertraject is running on {url} (ready in {seconds} s)',
    'local.next':
      'What to do next:\n' +
      '  1. Get an HR token:             curl "{url}/_local/token?email=hr@example.nl&role=hr"\n' +
      '  2. Start a trajectory:          curl -X POST {url}/trajectories -H "Authorization: Bearer <token>" -H "Content-Type: application/json" -d @examples/trajectory.json\n' +
      '  3. Read the mails sent:         curl {url}/_local/outbox\n' +
      '  4. Let time pass:               curl -X POST {url}/_local/clock -H "Content-Type: application/json" -d \'{"days":7}\'\n' +
      'A whole trajectory in a few seconds: npm run demo (in a second terminal).\n' +
      'See README.md, "A trajectory by hand", for every step. Stop with Ctrl-C.',
    'local.timeScale': 'The clock runs {scale}x as fast as real time.',
    'local.stopping': 'verbetertraject is stopping ...',
    'local.stopped': 'Stopped. The data stays in {dataDir}.',
    'local.portInUse': 'Port {port} is already in use. Pick another with PORT=3001 npm start.',
    'local.failed': 'verbetertraject could not start: {reason}',
    'local.badOption':
      'Unknown option {option}. Use: npm start [-- --fresh] [--time-scale <number>] [--data-dir <folder>]',
  },
});
