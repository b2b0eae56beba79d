/**
 * The load generator, run as a process of its own so that sending requests never competes with
 * the local cloud for the same event loop. Reads a `LoadJob` (JSON file named on the command
 * line), fires it with autocannon and prints a `LoadResult` as JSON on stdout.
 *
 * Requests are taken from the list in order, each exactly once, until the list is used up
 * (`amount` = its length); a list of one request with `durationSeconds` repeats that request.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadJob {
  url: string;
  connections: number;
  requests: LoadRequest[];
  /** Repeat the single request for this long instead of sending each request once. */
  durationSeconds?: number;
}

export interface LoadResult {
  requests: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  requestsPerSecond: number;
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  seconds: number;
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: load-client <job.json>');
  const job = JSON.parse(readFileSync(file, 'utf8')) as LoadJob;
  let next = 0;
  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    // A slow answer is a figure, not a failure: wait as long as API Gateway would (30 s) and more.
    timeout: 60,
    ...(job.durationSeconds ? { duration: job.durationSeconds } : { amount: job.requests.length }),
    requests: [
      {
        setupRequest: (request) => {
          const chosen = job.requests[job.durationSeconds ? 0 : next++ % job.requests.length];
          if (!chosen) throw new Error('no request to send');
          return { ...request, ...chosen };
        },
      },
    ],
  });
  const done = result.requests.total;
  const output: LoadResult = {
    requests: done,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    meanMs: result.latency.average,
    requestsPerSecond: result.duration > 0 ? done / result.duration : 0,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: result.duration,
  };
  process.stdout.write(JSON.stringify(output));
}

await main();
