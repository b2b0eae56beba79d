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
    'local.endpoints':
      "Emulators, voor de AWS CLI en SDK's met --endpoint-url (regio {region}, sleutels naar keuze):\n" +
      '  DynamoDB        {dynamodb}   (tabel {table})\n' +
      '  Step Functions  {sfn}\n' +
      '  SES             {ses}   (inbox in de browser: {inbox})\n' +
      '  S3              {s3}   (bucket {bucket}; sleutel local, geheim local)\n' +
      'Ook in {file}. Zie README.md, "Look inside".',
    'local.timeScale': 'De klok loopt {scale}x zo snel als de echte tijd.',
    'local.stopping': 'verbetertraject stopt ...',
    'local.stopped': 'Gestopt. De gegevens blijven bewaard in {dataDir}.',
    'local.portInUse':
      'Poort {port} is al in gebruik. Kies een andere met PORT=3001 npm start (of npm start -- --port 3001). ' +
      'Er is niets gewist.',
    'local.emulatorPortInUse':
      'Poort {port} voor de {service}-emulator is al in gebruik (door een ander programma of een tweede verbetertraject). ' +
      'Kies een andere met {flag} <poort> of {env}=<poort>; 0 neemt een vrije poort. Er is niets gewist.',
    'local.locked':
      'De map {dataDir} is in gebruik door een ander verbetertraject (proces {pid}). Stop dat eerst, of kies een ' +
      'andere map met --data-dir. Er is niets gewist. Draait proces {pid} geen verbetertraject, verwijder dan {lockFile}.',
    'local.badPort': '{name} moet een poortnummer zijn van 0 tot 65535 (0: een vrije poort), niet {value}.',
    'local.failed': 'verbetertraject kon niet starten: {reason}',
    'local.badOption':
      'Onbekende optie {option}. Gebruik: npm start [-- --fresh] [--time-scale <getal>] [--data-dir <map>] ' +
      '[--port <poort>] [--dynamodb-port <poort>] [--sfn-port <poort>] [--ses-port <poort>] [--events-url <url>]',
    'local.badEventsUrl': '{name} moet een http- of https-URL zijn, niet {value}.',
    'local.events': 'Levensloopgebeurtenissen: {url}/_local/events (zie docs/events.md).',
    'local.eventsForwarded':
      'Levensloopgebeurtenissen: {url}/_local/events, en elk ook naar {target} (zie docs/events.md).',
    'local.misdirected':
      'Deze lokale server antwoordt alleen op localhost, 127.0.0.1 en [::1]. Open hem via http://localhost:<poort>.',
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
    'local.endpoints':
      'Emulators, for the AWS CLI and SDKs with --endpoint-url (region {region}, any credentials):\n' +
      '  DynamoDB        {dynamodb}   (table {table})\n' +
      '  Step Functions  {sfn}\n' +
      '  SES             {ses}   (inbox in a browser: {inbox})\n' +
      '  S3              {s3}   (bucket {bucket}; key local, secret local)\n' +
      'Also in {file}. See README.md, "Look inside".',
    'local.timeScale': 'The clock runs {scale}x as fast as real time.',
    'local.stopping': 'verbetertraject is stopping ...',
    'local.stopped': 'Stopped. The data stays in {dataDir}.',
    'local.portInUse':
      'Port {port} is already in use. Pick another with PORT=3001 npm start (or npm start -- --port 3001). ' +
      'Nothing was wiped.',
    'local.emulatorPortInUse':
      'Port {port} for the {service} emulator is already in use (by another program or a second verbetertraject). ' +
      'Pick another with {flag} <port> or {env}=<port>; 0 takes a free port. Nothing was wiped.',
    'local.locked':
      'The folder {dataDir} is in use by another verbetertraject (process {pid}). Stop that one first, or pick ' +
      'another folder with --data-dir. Nothing was wiped. If process {pid} is no verbetertraject, delete {lockFile}.',
    'local.badPort': '{name} must be a port number from 0 to 65535 (0: a free port), not {value}.',
    'local.failed': 'verbetertraject could not start: {reason}',
    'local.badOption':
      'Unknown option {option}. Use: npm start [-- --fresh] [--time-scale <number>] [--data-dir <folder>] ' +
      '[--port <port>] [--dynamodb-port <port>] [--sfn-port <port>] [--ses-port <port>] [--events-url <url>]',
    'local.badEventsUrl': '{name} must be an http or https URL, not {value}.',
    'local.events': 'Lifecycle events: {url}/_local/events (see docs/events.md).',
    'local.eventsForwarded':
      'Lifecycle events: {url}/_local/events, and each also to {target} (see docs/events.md).',
    'local.misdirected':
      'This local server answers on localhost, 127.0.0.1 and [::1] only. Open it at http://localhost:<port>.',
  },
});
