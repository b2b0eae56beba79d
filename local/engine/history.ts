/**
 * Execution history in the shape GetExecutionHistory returns (type names and `<name>EventDetails`
 * members as in the Step Functions API reference), kept with epoch-ms timestamps for storage.
 */
import { MAX_HISTORY_EVENTS } from './limits.ts';
import type { HistoryRecord } from './store.ts';

export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: Date;
  type: string;
  [details: string]: unknown;
}

/** Payloads are not truncated here; the field exists so readers written for AWS find it. */
export const NOT_TRUNCATED = { truncated: false } as const;

/**
 * Thrown instead of appending an event that would leave no room for the execution's end: the
 * engine then fails the execution with States.Runtime, so that its ExecutionFailed is event
 * 25,000, as on AWS. Ending events (the execution's, a state's abort) are always appended.
 */
export class HistoryLimitReached extends Error {
  constructor() {
    super(`The execution reached the maximum number of history events (${MAX_HISTORY_EVENTS}).`);
    this.name = 'HistoryLimitReached';
  }
}

const endsSomething = (type: string): boolean =>
  type.startsWith('Execution') || type.endsWith('StateAborted');

export function appendEvent(
  history: HistoryRecord[],
  timestamp: number,
  type: string,
  details?: Record<string, unknown>,
): number {
  if (history.length >= MAX_HISTORY_EVENTS - 1 && !endsSomething(type)) throw new HistoryLimitReached();
  const id = history.length + 1;
  history.push({ id, previousEventId: id - 1, timestamp, type, ...(details ? { details } : {}) });
  return id;
}

export function toHistoryEvent(record: HistoryRecord, includeExecutionData: boolean): HistoryEvent {
  const details = includeExecutionData || !record.details ? record.details : withoutData(record.details);
  return {
    id: record.id,
    previousEventId: record.previousEventId,
    timestamp: new Date(record.timestamp),
    type: record.type,
    ...details,
  };
}

/** `includeExecutionData: false` drops inputs and outputs but keeps the rest of each event. */
function withoutData(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(details).map(([key, value]) => {
      if (value === null || typeof value !== 'object') return [key, value];
      const { input: _input, output: _output, ...rest } = value as Record<string, unknown>;
      return [key, rest];
    }),
  );
}

export function json(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value);
}
