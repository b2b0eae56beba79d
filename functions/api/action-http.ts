/**
 * The middy chain of the public action-link routes (`/actions/{token}`), the sibling of
 * `jsonApi` in functions/shared/http.ts for routes without a JWT. The link's token is the only
 * credential, and the same URL serves a mail client's browser and a script, so this chain adds
 * what those need: content negotiation (HTML or JSON), form bodies next to JSON ones, a redirect
 * after a form post, error pages in the trajectory's language, and headers that keep a secret
 * URL out of caches, search engines and Referer headers.
 *
 * Order as in `jsonApi`: the error responder is registered after the header middlewares, so on
 * an error it builds the response first and the headers are then added to it.
 */
import middy, { type MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import type { Locale } from '#core/model.ts';
import { isWellFormedToken } from '#shared/action-links.ts';
import {
  ConflictError,
  ForbiddenError,
  HttpError,
  NotFoundError,
  ValidationError,
  VersionConflictError,
  type FieldError,
} from '#shared/errors.ts';
import {
  bodyText,
  DEFAULT_LOCALE,
  header,
  JSON_CONTENT_TYPE,
  jsonObject,
  requireJsonType,
  publishMetrics,
  MAX_BODY_BYTES,
  securityHeaders,
  type ApiEvent,
  type ApiResult,
  type ErrorBody,
} from '#shared/http.ts';
import { pickLocale, translator } from '#shared/i18n/catalogue.ts';
import { validationMessages } from '#shared/i18n/validation.ts';
import { actionMessages } from '#shared/i18n/actions.ts';
import { pauseMessages } from '#shared/i18n/pause.ts';
import { webMessages } from '#shared/i18n/web.ts';
import { logger, metrics } from '#shared/observability.ts';
import { config } from '#shared/env.ts';
import { contentSecurityPolicy } from '#web/headers.ts';
import { renderErrorPage } from './action-page-outcomes.ts';

const t = /* @__PURE__ */ translator(validationMessages, actionMessages, pauseMessages, webMessages);
type MessageKey = Parameters<typeof t>[1];

export const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;

export type ActionResponse =
  | { type: 'json'; statusCode: number; body: unknown }
  | { type: 'html'; statusCode: number; html: string }
  /** 303 See Other: after a form post the browser GETs the link again and shows its state. */
  | { type: 'redirect'; location: string }
  /** A download (the employee's copy of the dossier as a PDF), base64 on the wire. */
  | { type: 'file'; contentType: string; body: Buffer; filename: string };

export interface ActionRequest {
  event: ApiEvent;
  /** The link's token from the path; only well-formed tokens get this far. */
  token: string;
  /** Whether the caller is a browser that wants a page (else JSON). */
  html: boolean;
  /** The body as an object, from JSON or a form; `undefined` for a route without one. */
  body: unknown;
  /** Answers any later error in `locale`: the trajectory's, once the handler has read it. */
  setLocale(locale: Locale): void;
}

export interface ActionApiOptions {
  /** Read a JSON or form body (POST). */
  body?: boolean;
  maxBodyBytes?: number;
  /** For an error page's "back to the task" link (a page that lists what to fix, or "already done"). */
  backHref?: (token: string) => string;
}

interface ActionState {
  locale: Locale;
  html: boolean;
  token?: string;
  body?: unknown;
}
type ActionContext = Context & { action?: ActionState };

function state(context: ActionContext): ActionState {
  context.action ??= { locale: DEFAULT_LOCALE, html: false };
  return context.action;
}

// ---------------------------------------------------------------------------------------------
// Content negotiation

/** The quality `accept` gives `type`, from its most specific matching range (RFC 9110, 12.5.1). */
function quality(accept: string, type: string): { q: number; explicit: boolean } {
  const major = type.split('/')[0];
  let best = { specificity: -1, q: 0 };
  for (const range of accept.split(',')) {
    const [media = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    const specificity = media === type ? 2 : media === `${major}/*` ? 1 : media === '*/*' ? 0 : -1;
    if (specificity <= best.specificity) continue;
    let q = 1;
    for (const param of params) {
      const match = /^q\s*=\s*([0-9.]+)$/.exec(param);
      if (match) q = Number(match[1]);
    }
    best = { specificity, q: Number.isFinite(q) ? q : 0 };
  }
  return { q: best.q, explicit: best.specificity === 2 };
}

/**
 * Whether an `Accept` header asks for a page rather than JSON. A browser names `text/html`
 * and reaches JSON only through its trailing wildcard; a script names JSON or sends `*` / `*`,
 * where `fallback` decides.
 */
export function prefersHtml(accept: string | undefined, fallback: boolean): boolean {
  if (!accept) return fallback;
  const html = [quality(accept, 'text/html'), quality(accept, 'application/xhtml+xml')].reduce((a, b) =>
    b.q > a.q ? b : a,
  );
  const json = quality(accept, 'application/json');
  if (html.q !== json.q) return html.q > json.q;
  if (html.explicit !== json.explicit) return html.explicit;
  return fallback;
}

// ---------------------------------------------------------------------------------------------
// Form bodies

/** Far more than any task's form has; a body with more fields is not a person's answer. */
export const MAX_FORM_FIELDS = 500;
/** Every list of the contract holds at most 10 entries; two digits leave room and stop huge arrays. */
const MAX_INDEX = 99;
/** Fields whose value is a whole number in the JSON body (a goal's number, weeks). */
const NUMBER_FIELDS = new Set(['goal', 'extendWeeks']);
/** Fields whose value is `true` in the JSON body; a checked checkbox sends `on`. */
const TRUE_FIELDS = new Set(['acknowledged']);
const TRUE_VALUES = new Set(['true', 'on', '1', 'yes']);
/** Yes/no fields (radio buttons `true` / `false`) whose value is a boolean in the JSON body. */
const BOOLEAN_FIELDS = new Set(['considered']);
/** Fields whose value is a number that may have decimals (hours); a Dutch comma counts as point. */
const DECIMAL_FIELDS = new Set(['hours']);

const NAME = /^[A-Za-z][A-Za-z0-9]*/;
const SEGMENT = /^(?:\[([A-Za-z][A-Za-z0-9]*|\d+|)\]|\.([A-Za-z][A-Za-z0-9]*|\d+))/;

type Segment = string | number | 'append';
type Node = { [key: string]: unknown };

/**
 * The deepest field a form has (`improvementAreas[0][examples][]` is 4 segments) with room to
 * spare, and the longest name. A name beyond either is no field of ours: refused as unknown, before
 * a path of thousands of segments can nest the body that deep (and overflow the stack reading it).
 */
export const MAX_FIELD_DEPTH = 8;
export const MAX_FIELD_NAME_LENGTH = 200;

/** `goals[0][title]`, `goals.0.title` and `examples[]` (append) as path segments. */
function fieldPath(name: string): Segment[] | undefined {
  if (name.length > MAX_FIELD_NAME_LENGTH) return undefined;
  const first = NAME.exec(name);
  if (!first) return undefined;
  const path: Segment[] = [first[0]];
  let rest = name.slice(first[0].length);
  while (rest.length > 0) {
    if (path.length >= MAX_FIELD_DEPTH) return undefined;
    const match = SEGMENT.exec(rest);
    if (!match) return undefined;
    const segment = match[1] ?? match[2] ?? '';
    if (segment === '') path.push('append');
    else if (/^\d+$/.test(segment)) {
      const index = Number(segment);
      if (segment.length > 2 || index > MAX_INDEX) return undefined;
      path.push(index);
    } else path.push(segment);
    rest = rest.slice(match[0].length);
  }
  return path;
}

function coerce(key: string, value: string): unknown {
  if (NUMBER_FIELDS.has(key) && /^\s*\d{1,6}\s*$/.test(value)) return Number(value);
  if (TRUE_FIELDS.has(key) && TRUE_VALUES.has(value.trim().toLowerCase())) return true;
  if (BOOLEAN_FIELDS.has(key) && /^\s*(true|false)\s*$/i.test(value))
    return value.trim().toLowerCase() === 'true';
  if (DECIMAL_FIELDS.has(key) && /^\s*\d{1,6}([.,]\d{1,2})?\s*$/.test(value)) {
    return Number(value.trim().replace(',', '.'));
  }
  return value;
}

/** Containers whose keys are all list positions become arrays, in order, without the gaps. */
function finish(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const node = value as Node;
  const keys = Object.keys(node);
  const entries = keys.map((key) => [key, finish(node[key])] as const);
  if (keys.length > 0 && keys.every((key) => /^\d+$/.test(key))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, inner]) => inner);
  }
  return Object.fromEntries(entries);
}

/**
 * A form body as the JSON body of the same request. The convention: a field's name is its path
 * in the JSON body, in brackets (`goals[0][title]`, `improvementAreas[0][examples][]`) or dotted
 * like the paths of field errors (`goals.0.title`); positions are 0-based and keep their order
 * (gaps close up). An empty field counts as not filled in and is left out; a line break is one
 * character (LF). `goal` and `extendWeeks` become numbers, `hours` a number with up to two
 * decimals (`1,5` or `1.5`); `acknowledged` becomes `true` for `true`/`on`/`1`/`yes`;
 * `considered` becomes `true` or `false`. Anything else stays text, for the task's schema to judge.
 */
export function formToBody(text: string, locale: Locale): Record<string, unknown> {
  // Null prototypes: a field named `constructor` or `toString` is just an unknown field.
  const root: Node = Object.create(null) as Node;
  const errors: FieldError[] = [];
  let count = 0;
  for (const [name, value] of new URLSearchParams(text)) {
    if (++count > MAX_FORM_FIELDS) {
      errors.push({ path: '', message: t(locale, 'validation.listMax', { max: MAX_FORM_FIELDS }) });
      break;
    }
    const path = fieldPath(name);
    if (!path) {
      // The name goes back as the error's path; a hostile one is cut, not echoed whole.
      errors.push({
        path: name.slice(0, MAX_FIELD_NAME_LENGTH),
        message: t(locale, 'validation.unknownField'),
      });
      continue;
    }
    if (value.trim() === '') continue;
    let node = root;
    let ok = true;
    for (let i = 0; i < path.length - 1 && ok; i++) {
      const segment = path[i] === 'append' ? String(Object.keys(node).length) : String(path[i]);
      const next = node[segment];
      if (next === undefined) node = node[segment] = Object.create(null) as Node;
      else if (next !== null && typeof next === 'object') node = next as Node;
      else ok = false;
    }
    const last = path.at(-1)!;
    const key = last === 'append' ? String(Object.keys(node).length) : String(last);
    const field = [...path]
      .reverse()
      .find((segment): segment is string => typeof segment === 'string' && segment !== 'append');
    if (!ok || (node[key] !== undefined && typeof node[key] === 'object')) {
      errors.push({ path: name, message: t(locale, 'validation.invalid') });
      continue;
    }
    // A browser sends a textarea's line breaks as CR LF, while its `maxlength` counted each as one
    // character: read them as the one character they were, so the limit means the same to both.
    node[key] = coerce(field ?? '', value.replace(/\r\n?/g, '\n'));
  }
  if (errors.length > 0) throw new ValidationError(errors);
  return finish(root) as Record<string, unknown>;
}

/**
 * Cross-site request forgery on the public forms. What authorises a post is the link's token in
 * the URL: 128 random bits that only the recipient of the mail has, so a forged post from
 * another site would need the very secret it is meant to abuse, and a CSRF token in the form
 * would add nothing the link's token does not already give. As defence in depth, a browser's
 * own word about the origin is checked: `Sec-Fetch-Site` (sent by every current browser, and
 * not settable by a page) must say `same-origin` (or `none`: typed or bookmarked); a browser
 * without it must send no `Origin` or this host's. (`Origin: null` is what a same-origin post
 * sends under the pages' `no-referrer` policy, so it alone proves nothing.) Scripts send neither
 * header and are unaffected.
 */
export function crossSiteForm(
  event: Pick<ApiEvent, 'headers'> & { requestContext?: { domainName?: string } },
): boolean {
  const site = header(event, 'sec-fetch-site')?.toLowerCase();
  if (site) return site !== 'same-origin' && site !== 'none';
  const origin = header(event, 'origin');
  if (!origin || origin === 'null') return false;
  const host = header(event, 'host') ?? event.requestContext?.domainName;
  try {
    return !host || new URL(origin).host.toLowerCase() !== host.toLowerCase();
  } catch {
    return true;
  }
}

// ---------------------------------------------------------------------------------------------
// Middlewares

const requestContext = (
  options: ActionApiOptions,
): MiddlewareObj<ApiEvent, ApiResult, Error, ActionContext> => ({
  before: ({ event, context }) => {
    const form = options.body === true && FORM_TYPE.test(header(event, 'content-type') ?? '');
    // Fresh per request: a reused context must never answer in the previous caller's language.
    context.action = {
      locale: pickLocale(header(event, 'accept-language'), DEFAULT_LOCALE),
      // A form comes from a browser unless it explicitly asks for JSON; a JSON body never does.
      html: form
        ? prefersHtml(header(event, 'accept'), true)
        : !options.body && prefersHtml(header(event, 'accept'), false),
    };
    // The route key has the template (`/actions/{token}`), never the token itself.
    logger.appendKeys({ requestId: event.requestContext?.requestId, routeKey: event.routeKey });
  },
});

const linkToken = (): MiddlewareObj<ApiEvent, ApiResult, Error, ActionContext> => ({
  before: ({ event, context }) => {
    const token = event.pathParameters?.token ?? '';
    // Garbage is answered like an unknown link, without hashing it or asking the table.
    if (!isWellFormedToken(token)) throw new NotFoundError('unknown link');
    state(context).token = token;
  },
});

const requestBody = (maxBytes: number): MiddlewareObj<ApiEvent, ApiResult, Error, ActionContext> => ({
  before: ({ event, context }) => {
    const s = state(context);
    const text = bodyText(event, maxBytes);
    const contentType = header(event, 'content-type') ?? '';
    if (FORM_TYPE.test(contentType)) {
      if (crossSiteForm(event)) throw new ForbiddenError('cross-site form post');
      s.body = formToBody(text, s.locale);
      return;
    }
    requireJsonType(contentType);
    const invalid = () => new ValidationError([{ path: '', message: t(s.locale, 'validation.body') }]);
    if (text.trim() === '') throw invalid();
    s.body = jsonObject(text, invalid);
  },
});

/** Secret URLs: nothing stores the answer, nothing indexes it, and caches know it varies by `Accept`. */
const privateHeaders = (): MiddlewareObj<ApiEvent, ApiResult, Error, ActionContext> => {
  const add = (request: { response?: ApiResult | null }): void => {
    if (!request.response) return;
    const isPage = /^text\/html/i.test(String(request.response.headers?.['Content-Type'] ?? ''));
    request.response.headers = {
      ...request.response.headers,
      // A task's page may upload its documents to the files bucket (functions/web/action-pages.ts).
      ...(isPage ? { 'Content-Security-Policy': contentSecurityPolicy(config.filesUploadOrigin) } : {}),
      'Cache-Control': 'no-store',
      'X-Robots-Tag': 'noindex, nofollow',
      Vary: 'Accept, Accept-Language',
    };
  };
  return { after: add, onError: add };
};

/** The text for a refusal, by its code: a link's holder needs no more than what happened. */
const ERROR_MESSAGES: Record<string, MessageKey> = {
  not_found: 'action.error.unknownLink',
  conflict: 'action.error.done',
  // The trajectory is paused for illness (functions/core/pause.ts).
  paused: 'error.paused',
  gone: 'action.error.closed',
  invalid_request: 'action.error.invalid',
  payload_too_large: 'action.error.tooLarge',
  unsupported_media_type: 'action.error.mediaType',
  // A document sent to a task that takes none (functions/core/files.ts, `takesDocuments`).
  no_documents: 'action.error.noDocuments',
  forbidden: 'web.crossSite.body',
  internal: 'action.error.internal',
};

function asHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  // Lost every retry of the conditional write to other writers: someone else answered.
  if (error instanceof VersionConflictError) return new ConflictError(error.message);
  return undefined;
}

const errorResponder = (
  options: ActionApiOptions,
): MiddlewareObj<ApiEvent, ApiResult, Error, ActionContext> => ({
  onError: (request) => {
    const s = request.context?.action ?? { locale: DEFAULT_LOCALE, html: false };
    const httpError = asHttpError(request.error);
    const statusCode = httpError?.statusCode ?? 500;
    const code = httpError?.code ?? 'internal';
    const key = ERROR_MESSAGES[code];
    const message = key ? t(s.locale, key) : t(s.locale, 'action.error.internal');
    const fieldErrors = httpError instanceof ValidationError ? httpError.fieldErrors : undefined;
    if (httpError) {
      logger.info('Request refused', { statusCode, code });
    } else {
      // The logger's redaction keeps names, e-mail addresses and tokens out of this line.
      logger.error('Request failed', { error: request.error });
      metrics.addMetric('ApiError', MetricUnit.Count, 1);
    }
    if (s.html) {
      // Back to the task from a form to fix, and from an answer that came second (a second tab, a
      // double post without the script): the link's page then shows what became of the task.
      const back = fieldErrors !== undefined || code === 'conflict';
      const backHref = back && s.token && options.backHref ? options.backHref(s.token) : undefined;
      request.response = {
        statusCode,
        headers: { 'Content-Type': HTML_CONTENT_TYPE },
        body: renderErrorPage({
          locale: s.locale,
          code,
          message,
          ...(fieldErrors ? { fieldErrors } : {}),
          ...(backHref ? { backHref } : {}),
        }),
      };
      return;
    }
    const body: ErrorBody = { error: { code, message, ...(fieldErrors ? { fieldErrors } : {}) } };
    request.response = {
      statusCode,
      headers: { 'Content-Type': JSON_CONTENT_TYPE },
      body: JSON.stringify(body),
    };
  },
});

/** Middy's headers without its CSP: pages get theirs (functions/web/headers.ts) in `privateHeaders`. */
const SECURITY_HEADERS = { contentSecurityPolicy: false };

function toResult(response: ActionResponse): ApiResult {
  switch (response.type) {
    case 'json':
      return {
        statusCode: response.statusCode,
        headers: { 'Content-Type': JSON_CONTENT_TYPE },
        body: JSON.stringify(response.body),
      };
    case 'html':
      return {
        statusCode: response.statusCode,
        headers: { 'Content-Type': HTML_CONTENT_TYPE },
        body: response.html,
      };
    case 'redirect':
      return { statusCode: 303, headers: { Location: response.location }, body: '' };
    case 'file':
      return {
        statusCode: 200,
        headers: {
          'Content-Type': response.contentType,
          'Content-Disposition': `attachment; filename="${response.filename}"`,
        },
        body: response.body.toString('base64'),
        isBase64Encoded: true,
      };
  }
}

/**
 * A public action-link handler: 404 for a malformed token, 413/415/400 for a body it cannot
 * read, then `handle`; every error becomes a JSON error body or an HTML page, whichever the
 * caller asked for, in the language set by `setLocale` (else `Accept-Language`).
 */
export function actionApi(
  options: ActionApiOptions,
  handle: (request: ActionRequest) => Promise<ActionResponse>,
) {
  const chain = middy<ApiEvent, ApiResult, Error, ActionContext>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(publishMetrics<ActionContext>())
    .use(securityHeaders(SECURITY_HEADERS))
    .use(privateHeaders())
    .use(errorResponder(options))
    .use(requestContext(options))
    .use(linkToken());
  if (options.body) chain.use(requestBody(options.maxBodyBytes ?? MAX_BODY_BYTES));
  return chain.handler(async (event, context) =>
    toResult(await handle(actionRequest(event, state(context)))),
  );
}

/** What the handler gets: the request as the middlewares read it; `setLocale` writes back to the state. */
function actionRequest(event: ApiEvent, s: ActionState): ActionRequest {
  return {
    event,
    token: s.token as string,
    html: s.html,
    body: s.body,
    setLocale: (locale) => {
      s.locale = locale;
    },
  };
}
