/**
 * The local EventBridge bus of `npm start`: takes `PutEvents` from the handlers' SDK client (in
 * memory, local/in-process-transport.ts), keeps every event in the order it was put, as
 * EventBridge hands it to a rule's target (`version`, `id`, `detail-type`, `source`, `time`,
 * `detail`, ...), in a file of the data directory (one event per line, so it survives a restart),
 * and forwards each to a URL when one is given (`npm start -- --events-url <url>`), so an
 * integrator can develop a subscriber against the local cloud. `GET /_local/events` reads it.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { Exchange } from './in-process-transport.ts';

/** An event as a rule's target receives it from EventBridge. */
export interface BusEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

export interface LocalEventBus {
  /** Hands a `PutEvents` request to the bus (the only operation the handlers use). */
  exchange: Exchange;
  /** Every event in the order put; with `after`, those put after that event id (all when no such id). */
  events(after?: string): BusEvent[];
  /** Resolves once every forward started so far has been answered or given up. */
  forwarded(): Promise<void>;
}

interface PutEventsEntry {
  Source?: unknown;
  DetailType?: unknown;
  Detail?: unknown;
  EventBusName?: unknown;
  Time?: unknown;
  Resources?: unknown;
}

/** EventBridge's own limit on the entries of one call. */
const MAX_ENTRIES = 10;
const FORWARD_ATTEMPTS = 3;
const FORWARD_TIMEOUT_MS = 5000;

function json(statusCode: number, body: unknown) {
  return {
    statusCode,
    headers: { 'content-type': 'application/x-amz-json-1.1' },
    body: JSON.stringify(body),
  };
}

function failure(statusCode: number, type: string, message: string) {
  return json(statusCode, { __type: type, message });
}

/** The SDK sends `Time` as epoch seconds (awsJson); a number, or a string a person typed. */
function timeOf(value: unknown, now: Date): string {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value * 1000).toISOString();
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
  return now.toISOString();
}

function readEventsFile(file: string): BusEvent[] {
  const events: BusEvent[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      events.push(JSON.parse(line) as BusEvent);
    } catch {
      // Only the last line can be torn (a crash during an append): that event is lost, no other.
    }
  }
  return events;
}

export function startEventBus(options: {
  /** Where the events are kept; none: in memory only. */
  file?: string;
  now: () => Date;
  region: string;
  account: string;
  /** Each event is POSTed here as JSON, as an API destination would send it. */
  forwardTo?: string;
  /** Where a forward that failed for good is reported; default console.warn. */
  onForwardFailed?: (message: string) => void;
}): LocalEventBus {
  const events: BusEvent[] = options.file && existsSync(options.file) ? readEventsFile(options.file) : [];
  const warn = options.onForwardFailed ?? ((message: string) => console.warn(message));
  // One forward at a time, in the order the events were put: the subscriber sees the bus's order,
  // also when an event had to be tried again.
  let forwarding: Promise<void> = Promise.resolve();

  const send = async (target: string, event: BusEvent) => {
    for (let attempt = 1; attempt <= FORWARD_ATTEMPTS; attempt++) {
      try {
        const response = await fetch(target, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(event),
          signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
        });
        if (response.ok) return;
      } catch {
        // Not reachable (yet): the next attempt, then the warning.
      }
      if (attempt < FORWARD_ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
    // The event id and type only: the detail holds nothing personal, but it is not ours to print.
    warn(`Local bus: could not forward ${event['detail-type']} ${event.id} to ${target}`);
  };

  const forward = (event: BusEvent) => {
    const target = options.forwardTo;
    if (!target) return;
    forwarding = forwarding.then(() => send(target, event));
  };

  const put = (entry: PutEventsEntry): { EventId: string } | { ErrorCode: string; ErrorMessage: string } => {
    if (typeof entry.Source !== 'string' || typeof entry.DetailType !== 'string') {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Source and DetailType are required' };
    }
    let detail: unknown;
    try {
      detail = JSON.parse(typeof entry.Detail === 'string' ? entry.Detail : '');
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is not valid JSON' };
    }
    if (!detail || typeof detail !== 'object' || Array.isArray(detail)) {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is not a JSON object' };
    }
    const event: BusEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: options.account,
      time: timeOf(entry.Time, options.now()),
      region: options.region,
      resources: Array.isArray(entry.Resources) ? entry.Resources.map(String) : [],
      detail: detail as Record<string, unknown>,
    };
    events.push(event);
    if (options.file) appendFileSync(options.file, `${JSON.stringify(event)}\n`);
    forward(event);
    return { EventId: event.id };
  };

  const exchange: Exchange = async (request) => {
    if (request.method !== 'POST' || request.headers['x-amz-target'] !== 'AWSEvents.PutEvents') {
      return failure(400, 'UnknownOperationException', 'The local bus takes PutEvents only');
    }
    let body: { Entries?: unknown };
    try {
      body = JSON.parse(request.body) as { Entries?: unknown };
    } catch {
      return failure(400, 'SerializationException', 'The body is not JSON');
    }
    const entries = body.Entries;
    if (!Array.isArray(entries) || entries.length === 0 || entries.length > MAX_ENTRIES) {
      return failure(400, 'ValidationException', `Entries must hold 1 to ${MAX_ENTRIES} entries`);
    }
    const results = (entries as PutEventsEntry[]).map(put);
    return json(200, {
      FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length,
      Entries: results,
    });
  };

  return {
    exchange,
    events(after) {
      if (after === undefined) return [...events];
      const index = events.findIndex((event) => event.id === after);
      return index < 0 ? [...events] : events.slice(index + 1);
    },
    async forwarded() {
      let seen: Promise<void> | undefined;
      // Forwards queued while waiting are waited for too.
      while (seen !== forwarding) {
        seen = forwarding;
        await seen;
      }
    },
  };
}
