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

export class ValidationError extends HttpError {
  override readonly name = 'ValidationError';
  readonly statusCode = 400;
  readonly code = 'invalid_request';
  constructor(
    readonly fieldErrors: FieldError[],
    message = 'The request is not valid.',
  ) {
    super(message);
  }
}

export class UnauthorizedError extends HttpError {
  override readonly name = 'UnauthorizedError';
  readonly statusCode = 401;
  readonly code = 'unauthorized';
}

export class ForbiddenError extends HttpError {
  override readonly name = 'ForbiddenError';
  readonly statusCode = 403;
  readonly code = 'forbidden';
}

export class NotFoundError extends HttpError {
  override readonly name = 'NotFoundError';
  readonly statusCode = 404;
  readonly code = 'not_found';
}

/** The request conflicts with the current state (e.g. the task is already done). */
export class ConflictError extends HttpError {
  override readonly name = 'ConflictError';
  readonly statusCode = 409;
  readonly code = 'conflict';
}

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
export class GoneError extends HttpError {
  override readonly name = 'GoneError';
  readonly statusCode = 410;
  readonly code = 'gone';
}

/** A conditional write lost: someone else updated the item first. Callers re-read and retry. */
export class VersionConflictError extends Error {
  override readonly name = 'VersionConflictError';
}

/** A conditional create found the item already there. */
export class AlreadyExistsError extends Error {
  override readonly name = 'AlreadyExistsError';
}
