/**
 * Logger and metrics for every Lambda. A dossier is full of personal data (names, e-mail
 * addresses, what was said in a conversation) and of secrets (task tokens, action-link tokens),
 * and logs are kept and read far more widely than the dossier itself. So redaction is not left
 * to each call site: the logger's JSON serialisation drops personal fields at any depth and
 * scrubs e-mail addresses and tokens out of every string, including messages and stack traces.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { ConstructorOptions } from '@aws-lambda-powertools/logger/types';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { config } from './env.ts';

export const REDACTED = '[redacted]';

const normalizeKey = (key: string): string => key.toLowerCase().replace(/[-_\s]/g, '');

/**
 * Field names whose values are never logged, compared without case, `-` or `_`. People and
 * their contact data; the free text of a trajectory (it describes a person's performance);
 * credentials of every kind.
 */
const PERSONAL_KEYS = new Set(
  [
    'name',
    'firstName',
    'lastName',
    'fullName',
    'givenName',
    'familyName',
    'displayName',
    'email',
    'emailAddress',
    'to',
    'cc',
    'bcc',
    'replyTo',
    'employee',
    'manager',
    'hrAdvisor',
    'reason',
    'summary',
    'comments',
    'notes',
    'response',
    'employeePerspective',
    'agreements',
    'employeeNotes',
    'teamNotes',
    'examples',
    'token',
    'taskToken',
    'actionToken',
    'idToken',
    'accessToken',
    'authorization',
    'cookie',
    'claims',
    'password',
    'secret',
    'body',
    // An invocation event (which Powertools logs whole when POWERTOOLS_LOGGER_LOG_EVENT is on):
    // its cookies hold the session and the sign-in attempt's state and PKCE verifier, and its
    // query string the sign-in's authorization code, or a search for a person by name.
    'cookies',
    'rawQueryString',
    'queryStringParameters',
  ].map(normalizeKey),
);

/**
 * Names that end in a credential's noun (`csrfToken`, `linkToken`, `x-amz-signature`,
 * `codeVerifier`, `clientSecret`) are credentials whatever comes before.
 */
const SECRET_SUFFIX = /(token|secret|signature|verifier|credential|password)$/;

export function isPersonalKey(key: string): boolean {
  const normalized = normalizeKey(key);
  return PERSONAL_KEYS.has(normalized) || SECRET_SUFFIX.test(normalized);
}

const SCRUBBERS: [RegExp, string][] = [
  // A JWT carries the user's e-mail in its payload.
  [/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[jwt]'],
  [/\bBearer\s+[^\s"',;]+/gi, 'Bearer [redacted]'],
  // A link's token is its only credential: a task's action link, and the employee's copy link
  // (`/copy/<token>`), which reads the whole dossier. Its path reaches a log as the event's
  // `rawPath` and `requestContext.http.path`, or quoted in an error; `%2F` is the same path
  // inside another URL's query.
  [/(\/|%2F)(actions|copy)(\/|%2F)[^\s/?#&"'%]+/gi, `$1$2$3${REDACTED}`],
  // Secrets in a URL's query: the sign-in's authorization code and state, and the signature and
  // credentials of a presigned S3 URL (whoever holds one may read or upload that evidence file).
  [
    /([?&](?:code|state|code_verifier|x-amz-signature|x-amz-credential|x-amz-security-token)=)[^&\s#"']+/gi,
    `$1${REDACTED}`,
  ],
  // Tight on both sides, so scoped package paths in stack traces (`node_modules/@aws-sdk/...`) survive.
  [/[A-Za-z0-9._%+'-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}/g, '[email]'],
  // Step Functions task tokens and similar opaque secrets: long unbroken base64 runs.
  [/[A-Za-z0-9+/=_-]{100,}/g, REDACTED],
];

/**
 * `text` with e-mail addresses, JWTs, bearer credentials, the tokens of action and copy links,
 * secrets of a URL's query and long tokens removed.
 */
export function scrub(text: string): string {
  let result = text;
  for (const [pattern, replacement] of SCRUBBERS) result = result.replace(pattern, replacement);
  return result;
}

/**
 * An Error as a plain object. Powertools would format it with a `name` key, which the key rule
 * below cannot tell apart from a person's name, so the error's name goes under `type`.
 */
function errorToObject(error: Error): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) attributes[key] = value;
  return {
    ...attributes,
    type: error.name,
    message: error.message,
    stack: error.stack,
    ...(error.cause !== undefined ? { cause: error.cause } : {}),
  };
}

/** JSON replacer applied to every key/value of every log line, at any depth. */
export function redactPersonalData(key: string, value: unknown): unknown {
  if (key !== '' && isPersonalKey(key) && value !== undefined && value !== null) return REDACTED;
  if (value instanceof Error) return errorToObject(value);
  if (typeof value === 'string') return scrub(value);
  return value;
}

export function createLogger(options: ConstructorOptions = {}): Logger {
  return new Logger({ serviceName: config.serviceName, ...options, jsonReplacerFn: redactPersonalData });
}

export const logger = createLogger();

/**
 * Metric warnings (e.g. an invocation that recorded none) go through the redacting logger
 * rather than straight to the console.
 */
export const metrics = new Metrics({
  namespace: config.metricsNamespace,
  serviceName: config.serviceName,
  logger,
});
