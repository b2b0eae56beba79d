/**
 * The bounds AWS Step Functions holds executions to, where the engine holds them too. Each names
 * the AWS documentation page it comes from.
 */

/**
 * "Task workflow state" and "Wait workflow state": TimeoutSeconds, HeartbeatSeconds and a Wait's
 * Seconds are integers up to 99999999 (TimeoutSeconds and HeartbeatSeconds from 1, Seconds from 0).
 */
export const MAX_SECONDS = 99_999_999;

/**
 * "Step Functions service quotas": the input or output of a task, a state or an execution is at
 * most 256 KiB of data as a UTF-8 encoded string.
 */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

/**
 * "Step Functions service quotas": an execution's history holds at most 25,000 events; an
 * execution that reaches it fails (States.Runtime), its ExecutionFailed being the last event.
 */
export const MAX_HISTORY_EVENTS = 25_000;

/** The size a payload is measured in: its JSON text as UTF-8 bytes. */
export function payloadBytes(json: string): number {
  return Buffer.byteLength(json, 'utf8');
}

/** The RFC 3339 date-time the Wait state takes ("Timestamps" in the ASL specification). */
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * Epoch milliseconds of a Wait state's Timestamp, or undefined when it is not one. The ASL
 * specification ("Timestamps") wants RFC 3339 with an uppercase T between date and time and an
 * uppercase Z where there is no numeric offset, so an offset (+01:00) is allowed. Every field is
 * checked (no 13th month, no 30 February, no hour 24), as an ISO-8601 date-time parser does.
 * "Wait workflow state": Step Functions considers the time up to seconds and truncates milliseconds.
 */
export function parseTimestamp(text: string): number | undefined {
  const match = TIMESTAMP.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [, , , , , , , sign, offsetHours, offsetMinutes] = match;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offset = 0;
  if (sign !== undefined) {
    const hours = Number(offsetHours);
    const minutes = Number(offsetMinutes);
    if (minutes > 59 || hours * 60 + minutes > 18 * 60) return undefined;
    offset = (sign === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime() - offset;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
