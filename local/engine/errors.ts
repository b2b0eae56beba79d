/**
 * The two kinds of error the engine deals in, kept apart because they travel different roads:
 * an `ApiError` answers a Step Functions API call (HTTP 400 with `__type`), a `StatesError` is an
 * error inside an execution that Retry and Catch match by name.
 */

/** An error of the Step Functions API, named as the service names it (`ExecutionDoesNotExist`, ...). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** HTTP status of the JSON protocol answer. */
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

/** An error raised while running a state: `error` is what ErrorEquals matches, `cause` the detail. */
export class StatesError extends Error {
  constructor(
    readonly error: string,
    override readonly cause: string,
    /** For States.QueryEvaluationError: the field whose expression failed, as AWS reports it. */
    readonly location?: string,
  ) {
    super(`${error}: ${cause}`);
    this.name = 'StatesError';
  }
}

/** A definition the engine cannot run: invalid ASL, or ASL outside the subset it implements. */
export class DefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DefinitionError';
  }
}

export const StatesErrors = {
  ALL: 'States.ALL',
  Timeout: 'States.Timeout',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  TaskFailed: 'States.TaskFailed',
  Runtime: 'States.Runtime',
  QueryEvaluationError: 'States.QueryEvaluationError',
  NoChoiceMatched: 'States.NoChoiceMatched',
  DataLimitExceeded: 'States.DataLimitExceeded',
} as const;

/** Terminal errors no Retry or Catch can match, not even States.ALL ("Handling errors in Step Functions workflows"). */
const UNCATCHABLE: ReadonlySet<string> = new Set([StatesErrors.Runtime, StatesErrors.DataLimitExceeded]);
const TIMEOUTS: ReadonlySet<string> = new Set([StatesErrors.Timeout, StatesErrors.HeartbeatTimeout]);

/**
 * Does a Retrier's or Catcher's ErrorEquals match `error`?
 * - States.ALL matches every error except the terminal ones.
 * - States.Timeout also matches States.HeartbeatTimeout: the ASL spec defines States.Timeout as
 *   "ran longer than TimeoutSeconds, or failed to heartbeat for longer than HeartbeatSeconds".
 * - States.TaskFailed acts as a wildcard for every error except the timeouts.
 */
export function errorMatches(errorEquals: readonly string[], error: string): boolean {
  if (UNCATCHABLE.has(error)) return false;
  return errorEquals.some(
    (name) =>
      name === error ||
      name === StatesErrors.ALL ||
      (name === StatesErrors.Timeout && error === StatesErrors.HeartbeatTimeout) ||
      (name === StatesErrors.TaskFailed && !TIMEOUTS.has(error)),
  );
}
