/**
 * Typed errors. The HTTP layer maps `HttpError`s to their status in one place; Lambdas invoked
 * by the state machine throw errors whose `name` ASL `Retry`/`Catch` can match.
 */

export interface FieldError {
  /** Dotted path of the field, e.g. `goals.0.deadline`; empty for the body as a whole. */
  path: string;
  message: string;
}

export abstract class HttpError extends Error {
  abstract readonly statusCode: number;
  /** Stable machine-readable code for clients. */
  abstract readonly code: string;
}

/**
 * The base of an `HttpError` with a fixed status and code, so each such error is one line:
 * `class GoneError extends httpErrorClass('GoneError', 410, 'gone') {}`. `name` is what logs and the
 * state machine's `Catch` see; the class itself keeps its own name for `instanceof`.
 */
export function httpErrorClass<const N extends string, const S extends number, const C extends string>(
  name: N,
  statusCode: S,
  code: C,
) {
  return class extends HttpError {
    override readonly name = name;
    readonly statusCode = statusCode;
    readonly code = code;
  };
}

export class ValidationError extends httpErrorClass('ValidationError', 400, 'invalid_request') {
  constructor(
    readonly fieldErrors: FieldError[],
    message = 'The request is not valid.',
  ) {
    super(message);
  }
}

export class UnauthorizedError extends httpErrorClass('UnauthorizedError', 401, 'unauthorized') {}
export class ForbiddenError extends httpErrorClass('ForbiddenError', 403, 'forbidden') {}
export class NotFoundError extends httpErrorClass('NotFoundError', 404, 'not_found') {}
/** The request conflicts with the current state (e.g. the task is already done). */
export class ConflictError extends httpErrorClass('ConflictError', 409, 'conflict') {}

/**
 * A 409 whose code tells clients which state stood in the way (`paused`, `not_paused`, ...), for
 * refusals a client acts on differently. Its message comes from the catalogue (`error.<code>`).
 */
export class StateConflictError extends HttpError {
  override readonly name = 'StateConflictError';
  readonly statusCode = 409;
  constructor(
    readonly code: string,
    message = 'The request conflicts with the current state.',
  ) {
    super(message);
  }
}

/** The trajectory ended or was cancelled: the link is gone for good. */
export class GoneError extends httpErrorClass('GoneError', 410, 'gone') {}

/** A conditional write lost: someone else updated the item first. Callers re-read and retry. */
export class VersionConflictError extends Error {
  override readonly name = 'VersionConflictError';
}

/** A conditional create found the item already there. */
export class AlreadyExistsError extends Error {
  override readonly name = 'AlreadyExistsError';
}
