/**
 * The one middy chain every JSON API handler is built with, so a handler is its options plus
 * one call: locale, identity, body and query validation, error mapping, headers and
 * serialisation all happen here, once, and the same way for every route.
 *
 * Middleware order matters: `before` hooks run in the order registered, `after` and `onError`
 * in reverse. The error responder is registered after the security headers, so on an error it
 * builds the response first and the headers are then added to it as to any other response.
 */
import middy, { type MiddlewareObj } from '@middy/core';
import httpSecurityHeaders from '@middy/http-security-headers';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { z } from 'zod';
import { pickLocale, translator } from './i18n/catalogue.ts';
import type { Locale } from './i18n/locale.ts';
import { parseBody } from './validation.ts';
import { validationMessages } from './i18n/validation.ts';
import { httpMessages } from './i18n/http.ts';
import { pauseMessages } from './i18n/pause.ts';
import { retentionMessages } from './i18n/retention.ts';
import { filesMessages } from './i18n/files.ts';
import { planChangeMessages } from './i18n/plan-change.ts';
import { principalFrom, requireRole, PRINCIPAL_ROLES, type Principal, type PrincipalRole } from './auth.ts';
import {
  AlreadyExistsError,
  ConflictError,
  HttpError,
  httpErrorClass,
  NotFoundError,
  ValidationError,
  VersionConflictError,
  type FieldError,
} from './errors.ts';
import { logger, metrics } from './observability.ts';

const t = /* @__PURE__ */ translator(
  validationMessages,
  httpMessages,
  pauseMessages,
  retentionMessages,
  filesMessages,
  planChangeMessages,
);

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = APIGatewayProxyStructuredResultV2;

/** The code of every unexpected failure; its cause is logged, never shown. */
const INTERNAL = 'internal';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
export const DEFAULT_LOCALE: Locale = 'nl';
/** Far below API Gateway's 10 MB: no legitimate request body of this API comes near it. */
export const MAX_BODY_BYTES = 64 * 1024;

export class PayloadTooLargeError extends httpErrorClass('PayloadTooLargeError', 413, 'payload_too_large') {}
export class UnsupportedMediaTypeError extends httpErrorClass(
  'UnsupportedMediaTypeError',
  415,
  'unsupported_media_type',
) {}

/** `application/json` or a `+json` type, with or without parameters; anything else is a 415. */
export function requireJsonType(contentType: string | undefined): void {
  if (!/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(contentType ?? '')) {
    throw new UnsupportedMediaTypeError('unsupported media type');
  }
}

/** The body as sent: API Gateway base64-encodes a body it does not take for text. */
export function decodedBody(event: Pick<ApiEvent, 'body' | 'isBase64Encoded'>): string {
  const raw = event.body ?? '';
  return event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
}

/** The body as text; over `maxBytes` it is a 413 before anything parses it. */
export function bodyText(
  event: Pick<ApiEvent, 'body' | 'isBase64Encoded'>,
  maxBytes: number = MAX_BODY_BYTES,
): string {
  const text = decodedBody(event);
  if (Buffer.byteLength(text, 'utf8') > maxBytes) throw new PayloadTooLargeError('payload too large');
  return text;
}

/**
 * JSON text that must be an object, or `invalid()` is thrown (a 400 in the caller's language).
 * Every body of the contract is an object; refusing anything else here also means no schema
 * refinement ever has to cope with an array or a bare string.
 */
export function jsonObject(text: string, invalid: () => Error): object {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid();
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid();
  return parsed;
}

/** The body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; fieldErrors?: FieldError[] };
}

/** What a handler returns; the chain serialises `body` as JSON, unless it is a `file`. */
export interface JsonResponse {
  statusCode: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Set by `file()`: `body` is already the file (text, or base64 for binary) and goes out as is. */
  file?: { contentType: string; isBase64Encoded: boolean };
}

export const ok = (body: unknown, headers?: Record<string, string>): JsonResponse => ({
  statusCode: 200,
  body,
  ...(headers ? { headers } : {}),
});
export const created = (body: unknown, headers?: Record<string, string>): JsonResponse => ({
  statusCode: 201,
  body,
  ...(headers ? { headers } : {}),
});

/**
 * A download (a PDF, a CSV) from a JSON API route: errors still answer as JSON. API Gateway's
 * HTTP API passes a binary body on only as base64 with `isBase64Encoded: true`.
 */
export function file(
  contentType: string,
  content: string | Buffer,
  headers?: Record<string, string>,
): JsonResponse {
  const binary = typeof content !== 'string';
  return {
    statusCode: 200,
    body: binary ? content.toString('base64') : content,
    ...(headers ? { headers } : {}),
    file: { contentType, isBase64Encoded: binary },
  };
}

type Schema = z.ZodType;
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface ApiRequest<TBody, TQuery> {
  event: ApiEvent;
  principal: Principal;
  locale: Locale;
  /** The validated body; `undefined` when the route declares no body schema. */
  body: TBody;
  /** The validated query string; `undefined` when the route declares no query schema. */
  query: TQuery;
  /** A request header, whatever its case. */
  header(name: string): string | undefined;
  /** A path parameter; a missing or malformed one is a 404, as no such resource can exist. */
  param(name: string): string;
}

export interface JsonApiOptions<B extends Schema | undefined, Q extends Schema | undefined> {
  /** Who may call the route at all; others get 403 before their body is looked at. Default: hr and manager. */
  roles?: readonly PrincipalRole[];
  body?: B;
  query?: Q;
  maxBodyBytes?: number;
}

/** Per-request state the middlewares hand to the handler. */
interface ApiState {
  locale: Locale;
  principal?: Principal;
  body?: unknown;
  query?: unknown;
}
type ApiContext = Context & { api?: ApiState };

export function header(event: Pick<ApiEvent, 'headers'>, name: string): string | undefined {
  const headers = event.headers ?? {};
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** Route ids are generated by us: anything else cannot name a resource, so it is not found. */
export const PARAM_PATTERN = /^[A-Za-z0-9._~:-]{1,128}$/;

export function pathParam(event: Pick<ApiEvent, 'pathParameters'>, name: string): string {
  const value = event.pathParameters?.[name];
  if (!value || !PARAM_PATTERN.test(value)) throw new NotFoundError('not found');
  return value;
}

function state(context: ApiContext): ApiState {
  context.api ??= { locale: DEFAULT_LOCALE };
  return context.api;
}

function invalid(message: string, path = ''): ValidationError {
  return new ValidationError([{ path, message }], message);
}

function validate<S extends Schema>(schema: S, input: unknown, locale: Locale): z.output<S> {
  const result = parseBody(schema, input, locale);
  if (!result.ok) throw new ValidationError(result.fieldErrors);
  return result.value as z.output<S>;
}

const requestContext = (): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> => ({
  before: ({ event, context }) => {
    // Fresh per request: a reused context object must never carry the previous caller's identity.
    context.api = { locale: pickLocale(header(event, 'accept-language'), DEFAULT_LOCALE) };
    // Correlates the log lines of one request without logging anything about the caller.
    logger.appendKeys({ requestId: event.requestContext?.requestId, routeKey: event.routeKey });
  },
});

const authenticate = (
  roles: readonly PrincipalRole[],
): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> => ({
  before: ({ event, context }) => {
    const principal = principalFrom(event);
    requireRole(principal, roles);
    state(context).principal = principal;
  },
});

const jsonBody = (
  schema: Schema,
  maxBytes: number,
): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> => ({
  before: ({ event, context }) => {
    const s = state(context);
    const text = bodyText(event, maxBytes);
    const unreadable = () => invalid(t(s.locale, 'validation.body'));
    if (text.trim() === '') throw unreadable();
    requireJsonType(header(event, 'content-type'));
    s.body = validate(schema, jsonObject(text, unreadable), s.locale);
  },
});

const queryString = (schema: Schema): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> => ({
  before: ({ event, context }) => {
    const s = state(context);
    s.query = validate(schema, event.queryStringParameters ?? {}, s.locale);
  },
});

/** Domain errors that are not `HttpError`s but have an obvious HTTP meaning. */
function asHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  // Two writers raced on the same item: the caller may simply retry. The original message names
  // items and versions, which is for the log, not for the client.
  if (error instanceof VersionConflictError || error instanceof AlreadyExistsError) {
    return new ConflictError('conflict', { cause: error });
  }
  return undefined;
}

/**
 * The catalogue's text (`error.<code>`) for the error's code. Without a catalogue entry the
 * error's own message is shown, so every `HttpError` is thrown with a message fit for a client.
 */
function errorMessage(locale: Locale, code: string, fallback: string): string {
  const key = `error.${code}`;
  return t.has(key) ? t(locale, key) : fallback;
}

/** Every error becomes a JSON response here, and only here. */
const errorResponder = (): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> => ({
  onError: (request) => {
    const locale = request.context?.api?.locale ?? DEFAULT_LOCALE;
    const httpError = asHttpError(request.error);
    let statusCode: number;
    let body: ErrorBody;
    const headers: Record<string, string> = { 'Content-Type': JSON_CONTENT_TYPE };
    if (httpError) {
      statusCode = httpError.statusCode;
      body = {
        error: { code: httpError.code, message: errorMessage(locale, httpError.code, httpError.message) },
      };
      if (httpError instanceof ValidationError) body.error.fieldErrors = httpError.fieldErrors;
      if (statusCode === 401) headers['WWW-Authenticate'] = 'Bearer';
      // The code says what went wrong; the message and field errors may quote the caller's input.
      logger.info('Request refused', { statusCode, code: httpError.code });
    } else {
      statusCode = 500;
      body = { error: { code: INTERNAL, message: errorMessage(locale, INTERNAL, INTERNAL) } };
      // The logger's redaction keeps names, e-mail addresses and tokens out of this line.
      logger.error('Request failed', { error: request.error });
      metrics.addMetric('ApiError', MetricUnit.Count, 1);
    }
    request.response = { statusCode, headers, body: JSON.stringify(body) };
  },
});

/**
 * Middy's security headers, without `X-XSS-Protection`. The XSS auditor that header switched on
 * is gone from current browsers, and where one lingers its `1; mode=block` could be abused from
 * another site to block or probe a page; OWASP advises not to send it. The pages' strict
 * Content-Security-Policy is the defence. Every handler takes its headers from here.
 */
export const securityHeaders = (options: Parameters<typeof httpSecurityHeaders>[0] = {}) =>
  httpSecurityHeaders({ ...options, xssProtection: false });

/**
 * Every answer of the JSON API is about people (a dossier, a list of trajectories, a file's
 * link), so no cache may keep one: not a shared proxy, and not the browser of a shared computer,
 * where the next person could read it from its cache. Errors too, as they may say what exists.
 * Set after the handler, so no route can forget it; the pages say the same (functions/api/page-http.ts).
 */
const noStore = (): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> => {
  const add = (request: { response?: ApiResult | null }): void => {
    if (!request.response) return;
    request.response.headers = { ...request.response.headers, 'Cache-Control': 'no-store' };
  };
  return { after: add, onError: add };
};

/**
 * Flushes the metrics a request recorded, after its answer or its error (every API chain). Only
 * when something was recorded, so a quiet invocation logs no "no metrics" warning.
 */
export const publishMetrics = <C extends Context>(): MiddlewareObj<ApiEvent, ApiResult, Error, C> => {
  const publish = (): void => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: publish, onError: publish };
};

function toResult(response: JsonResponse): ApiResult {
  if (response.file) {
    return {
      statusCode: response.statusCode,
      headers: { ...response.headers, 'Content-Type': response.file.contentType },
      body: String(response.body),
      isBase64Encoded: response.file.isBase64Encoded,
    };
  }
  return {
    statusCode: response.statusCode,
    headers: { ...response.headers, 'Content-Type': JSON_CONTENT_TYPE },
    body: JSON.stringify(response.body),
  };
}

/**
 * A JSON API Lambda handler: authenticates (401/403), checks the role, validates query and body
 * (400 with field errors, 413, 415), runs `handle` and answers with its JSON, or with
 * `{ error: { code, message, fieldErrors? } }` for any error (500 for unknown ones, with a
 * generic message; the cause goes to the log, redacted).
 */
export function jsonApi<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined>(
  options: JsonApiOptions<B, Q>,
  handle: (request: ApiRequest<Parsed<B>, Parsed<Q>>) => Promise<JsonResponse>,
) {
  const chain = middy<ApiEvent, ApiResult, Error, ApiContext>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(publishMetrics<ApiContext>())
    .use(securityHeaders())
    .use(noStore())
    .use(errorResponder())
    .use(requestContext())
    .use(authenticate(options.roles ?? PRINCIPAL_ROLES));
  if (options.query) chain.use(queryString(options.query));
  if (options.body) chain.use(jsonBody(options.body, options.maxBodyBytes ?? MAX_BODY_BYTES));
  return chain.handler(async (event, context) => {
    const s = state(context);
    const response = await handle({
      event,
      principal: s.principal as Principal,
      locale: s.locale,
      body: s.body as Parsed<B>,
      query: s.query as Parsed<Q>,
      header: (name) => header(event, name),
      param: (name) => pathParam(event, name),
    });
    return toResult(response);
  });
}
