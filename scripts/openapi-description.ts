/**
 * The OpenAPI 3.1 description of the API (docs/openapi.json, served at `GET /openapi.json`),
 * generated from what the API is built from: the route table (functions/api/routes.ts), the zod
 * schemas the handlers validate requests with (functions/core/schemas.ts and the body schemas
 * beside their rules, functions/core/queries.ts for query strings,
 * functions/core/idempotency-key.ts for the header), and the zod schemas of the answers
 * (functions/core/responses.ts). What this module adds by hand is what no schema says: a sentence
 * per route, who may call it and which statuses it answers. Each kind of route (the JSON API, an
 * action link, a dashboard page, form or script call) has a builder that adds what every route of
 * that kind answers, so an entry of OPERATIONS lists only its own.
 *
 * Every route needs an entry in OPERATIONS, and every entry a route: `openApiDocument` throws
 * otherwise, naming it. `npm run openapi` writes the file; test/unit/api/openapi.test.ts fails
 * when the file and this module part ways.
 *
 * It runs where the file is written (scripts/openapi.ts) and in the tests, never in a Lambda: the
 * deployed function serves the written file (functions/api/openapi-document.ts). So it lives
 * beside its script, not among the functions.
 */
import * as z from 'zod';
import { cancelTrajectoryBody, extendTaskBody } from '#core/actions.ts';
import { TASK_ASSIGNEE, type TaskKind } from '#core/model.ts';
import { pauseTrajectoryBody } from '#core/pause.ts';
import { employmentEndBody, legalHoldBody } from '#core/retention.ts';
import { receiptBody } from '#core/receipts.ts';
import { planChangeBody } from '#core/plan-change.ts';
import { PLAN_CHANGE_REASON_FIELD } from '#web/plan-change-section.ts';
import { DEFAULT_MAX_FILE_BYTES, linkFileBody, newFileBody, removeFileBody } from '#core/files.ts';
import { actionBodies, createTrajectoryBody } from '#core/schemas.ts';
import { TOKEN_PATTERN } from '#shared/action-links.ts';
import { PRINCIPAL_ROLES, type PrincipalRole } from '#shared/auth.ts';
import { PARAM_PATTERN } from '#shared/http.ts';
import { SESSION_COOKIE } from '#shared/session-cookie.ts';
import { ASSETS } from '#web/assets.ts';
import { PAUSE_REASON_FIELD } from '#web/pause-section.ts';
import packageJson from '../package.json' with { type: 'json' };
import { csvPageQuery, csvQuery, dashboardFiltersQuery, listTrajectoriesQuery } from '#core/queries.ts';
import {
  IDEMPOTENCY_HEADER,
  IDEMPOTENCY_KEY_MAX_LENGTH,
  IDEMPOTENCY_KEY_PATTERN,
} from '#core/idempotency-key.ts';
import {
  actionSubmittedResponse,
  actionViewResponse,
  completenessResponse,
  dossierEventResponse,
  dossierResponse,
  errorResponse,
  gatewayErrorResponse,
  goalResponse,
  personResponse,
  resumedTrajectoryResponse,
  evidenceFileResponse,
  fileListResponse,
  newFileResponse,
  fileWithLinkResponse,
  scheduleResponse,
  supportEntryResponse,
  taskResponse,
  trajectoryPageResponse,
  trajectoryResponse,
} from '#core/responses.ts';
import { ROUTES, type RouteDefinition } from '#api/routes.ts';

type Json = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Schemas: zod → JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1)

const SCHEMA_PREFIX = '#/components/schemas/';
const ref = (id: string): Json => ({ $ref: `${SCHEMA_PREFIX}${id}` });

/** `plan-approval` → `PlanApproval`. */
const pascal = (name: string): string =>
  name
    .split(/[^A-Za-z0-9]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

/** The component name of the answer to a task of `kind`. */
export const answerSchemaId = (kind: string): string => `${pascal(kind)}Answer`;

/** The request bodies, read as a client writes them (`io: 'input'`: defaults make a field optional). */
function requestSchemas(): Record<string, z.ZodType> {
  return {
    NewTrajectory: createTrajectoryBody,
    CancelTrajectory: cancelTrajectoryBody,
    ExtendTask: extendTaskBody,
    PauseTrajectory: pauseTrajectoryBody,
    LegalHold: legalHoldBody,
    AnnounceFile: newFileBody(DEFAULT_MAX_FILE_BYTES),
    AnnounceLinkFile: linkFileBody(DEFAULT_MAX_FILE_BYTES),
    RemoveFile: removeFileBody,
    EmploymentEnd: employmentEndBody,
    Receipt: receiptBody,
    PlanChange: planChangeBody,
    // Every kind of task the schemas know, in their order: a new kind is described once it has a body.
    ...Object.fromEntries(
      Object.entries(actionBodies).map(([kind, schema]) => [answerSchemaId(kind), schema]),
    ),
  };
}

/** The answers, as the handlers send them (`io: 'output'`). */
const RESPONSE_SCHEMAS: Record<string, z.ZodType> = {
  Trajectory: trajectoryResponse,
  Dossier: dossierResponse,
  Task: taskResponse,
  DossierEvent: dossierEventResponse,
  SupportEntry: supportEntryResponse,
  Completeness: completenessResponse,
  TrajectoryPage: trajectoryPageResponse,
  ResumedTrajectory: resumedTrajectoryResponse,
  EvidenceFile: evidenceFileResponse,
  FileList: fileListResponse,
  NewFile: newFileResponse,
  FileWithLink: fileWithLinkResponse,
  ActionView: actionViewResponse,
  ActionSubmitted: actionSubmittedResponse,
  Person: personResponse,
  Schedule: scheduleResponse,
  Goal: goalResponse,
  Error: errorResponse,
  GatewayError: gatewayErrorResponse,
};

const DESCRIPTIONS: Record<string, string> = {
  ...Object.fromEntries(
    Object.keys(actionBodies).map((kind) => [
      answerSchemaId(kind),
      `The answer to a \`${kind}\` task (its assignee: ${TASK_ASSIGNEE[kind as TaskKind]}).`,
    ]),
  ),
  NewTrajectory:
    'Starts a trajectory. Every object is strict: an unknown field is a field error. Text is trimmed; the employee’s address may not be the manager’s or the HR advisor’s; the schedule must leave room for a follow-up in every term.',
  CancelTrajectory: 'Why HR stops the trajectory; everyone involved is told.',
  ExtendTask: 'How many calendar days the open task gets on top of its due time.',
  PauseTrajectory: 'Why the trajectory stands still (illness); kept in the dossier.',
  PlanChange:
    'Why HR asks for a change of the acknowledged plan; kept in the dossier and shown to the manager, HR and the employee with the changed plan.',
};

/**
 * A piped string whose output has a format (an e-mail address, trimmed and lower-cased first):
 * its input is meant to have that format too, which the input side of the pipe does not say.
 */
function formatOfPipe(zodSchema: z.core.$ZodType, jsonSchema: Json): void {
  const def = zodSchema._zod.def as { type: string; out?: z.core.$ZodType };
  if (def.type !== 'pipe' || !def.out) return;
  const format = (def.out._zod.def as { format?: string }).format;
  if (format && jsonSchema.format === undefined) jsonSchema.format = format;
}

/** zod bounds every integer by the safe range; a bound nobody chose only clutters the description. */
function withoutSafeIntegerBounds(jsonSchema: Json): void {
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
}

/** A date or an instant says what it is by its `format`; zod's regex for it adds 250 characters a field. */
function withoutFormatPattern(jsonSchema: Json): void {
  if (jsonSchema.format === 'date' || jsonSchema.format === 'date-time') delete jsonSchema.pattern;
}

/** How every schema is converted: requests as a client writes them, answers as they are sent. */
const conversion = (io: 'input' | 'output') =>
  ({
    target: 'draft-2020-12',
    io,
    unrepresentable: 'throw',
    override: ({ zodSchema, jsonSchema }: { zodSchema: z.core.$ZodType; jsonSchema: object }) => {
      if (io === 'input') formatOfPipe(zodSchema, jsonSchema as Json);
      withoutSafeIntegerBounds(jsonSchema as Json);
      withoutFormatPattern(jsonSchema as Json);
    },
  }) as const;

/** The JSON Schema of a request's object schema (a query string, a body), for its fields. */
function inputFields(schema: z.ZodType): { properties: Record<string, Json>; required?: string[] } {
  return z.toJSONSchema(schema, conversion('input')) as {
    properties: Record<string, Json>;
    required?: string[];
  };
}

function toJsonSchemas(schemas: Record<string, z.ZodType>, io: 'input' | 'output'): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const { schemas: out } = z.toJSONSchema(registry, {
    ...conversion(io),
    uri: (id) => `${SCHEMA_PREFIX}${id}`,
  });
  const result: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(out)) {
    // Only the registered schemas: a schema used twice is written out twice, never as a shared one.
    if (!(id in schemas)) throw new Error(`Unexpected shared JSON Schema "${id}"`);
    // `$id` would be a fragment, which 2020-12 forbids; the component's place is its name.
    const { $schema: _dialect, $id: _id, ...rest } = schema as Json;
    result[id] = DESCRIPTIONS[id] ? { description: DESCRIPTIONS[id], ...rest } : rest;
  }
  return result;
}

/** The properties of a query-string schema, one parameter each. */
function queryParameters(schema: z.ZodObject, descriptions: Record<string, string> = {}): Json[] {
  const json = inputFields(schema);
  return Object.entries(json.properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    ...(descriptions[name] ? { description: descriptions[name] } : {}),
    schema: property,
  }));
}

/** The JSON Schema of one field of a body schema. */
function fieldOf(schema: z.ZodType, field: string): Json {
  const property = inputFields(schema).properties[field];
  if (!property) throw new Error(`No field ${field}`);
  return property;
}

// ---------------------------------------------------------------------------------------------
// Who may call a route

type Access =
  /** `Authorization: Bearer <Cognito ID token>` with one of the groups. */
  | { kind: 'jwt'; roles: readonly PrincipalRole[] }
  /** The action link's secret, in the path. */
  | { kind: 'link' }
  /** The dashboard's session cookie with one of the roles. */
  | { kind: 'session'; roles: readonly PrincipalRole[] }
  | { kind: 'public' };

const HR: readonly PrincipalRole[] = ['hr'];
const EVERYONE = PRINCIPAL_ROLES;
const SESSION_HR: Access = { kind: 'session', roles: HR };
const SESSION_EVERYONE: Access = { kind: 'session', roles: EVERYONE };

const ID_TOKEN = 'idToken';
const SESSION = 'session';

function security(access: Access): Json[] {
  switch (access.kind) {
    case 'jwt':
      return access.roles.map((role) => ({ [ID_TOKEN]: [role] }));
    case 'session':
      return access.roles.map((role) => ({ [SESSION]: [role] }));
    default:
      return [];
  }
}

const SECURITY_SCHEMES = {
  [ID_TOKEN]: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'The Cognito user pool’s ID token (not the access token), verified by the HTTP API’s JWT authorizer: issuer, audience, expiry and signature. The role is the group in `cognito:groups` (`hr` or `manager`; `hr` wins when both), the caller the verified `email` claim. Each operation lists the roles that may call it; another role gets 403.',
  },
  [SESSION]: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description:
      'The dashboard’s session: the same ID token in an HttpOnly, Secure, SameSite=Lax cookie, set by `GET /auth/callback` (or the local sign-in) and verified by the handler against the same issuer, audience and keys. Every form that changes something also carries the session’s CSRF token in the field `csrf`, and is refused from another site.',
  },
};

// ---------------------------------------------------------------------------------------------
// Parameters, bodies and answers

const PARAMETERS = {
  AcceptLanguage: {
    name: 'Accept-Language',
    in: 'header',
    required: false,
    description:
      'The language of messages, field errors and pages: `nl` (the default) or `en`. An action link answers in its trajectory’s language once it knows it.',
    schema: { type: 'string' },
  },
  IdempotencyKey: {
    name: IDEMPOTENCY_HEADER,
    in: 'header',
    required: false,
    description:
      'Makes the request safe to retry: the same caller with the same key gets the trajectory the first attempt created (201, with `Idempotent-Replayed: true`), never a second one; the same key with another body is a 422.',
    schema: {
      type: 'string',
      minLength: 1,
      maxLength: IDEMPOTENCY_KEY_MAX_LENGTH,
      pattern: IDEMPOTENCY_KEY_PATTERN.source,
    },
  },
};

const PATH_PARAMETERS: Record<string, Json> = {
  token: {
    description:
      'The secret of an action link, as mailed to the task’s assignee: it is the only credential. Only its hash is stored.',
    schema: { type: 'string', pattern: TOKEN_PATTERN.source },
  },
  file: { schema: { type: 'string', enum: Object.keys(ASSETS) } },
  id: { description: 'The trajectory’s id.', schema: { type: 'string', pattern: PARAM_PATTERN.source } },
  taskId: {
    description: 'The task’s id (`plan-2`, `follow-up-3`).',
    schema: { type: 'string', pattern: PARAM_PATTERN.source },
  },
  fileId: {
    description: 'The evidence file’s id, as announcing it answered.',
    schema: { type: 'string', pattern: PARAM_PATTERN.source },
  },
};

function pathParameters(path: string): Json[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => {
    const spec = PATH_PARAMETERS[name as string];
    if (!spec) throw new Error(`No description of the path parameter {${name}}`);
    return { name, in: 'path', required: true, ...spec };
  });
}

interface Answer {
  description: string;
  headers?: Record<string, Json>;
  content?: Record<string, Json>;
}

const LOCATION = {
  Location: { required: true, schema: { type: 'string' }, description: 'Where to go next.' },
};
const SET_COOKIE = {
  'Set-Cookie': { schema: { type: 'string' }, description: 'The cookies set or cleared.' },
};
const ATTACHMENT = {
  'Content-Disposition': {
    required: true,
    schema: { type: 'string' },
    description: 'A download, with its file name.',
  },
};

const json = (schema: Json): Record<string, Json> => ({ 'application/json': { schema } });
const HTML_PAGE = { 'text/html': { schema: { type: 'string' } } };
const jsonError = (description: string): Answer => ({ description, content: json(ref('Error')) });
/** A refusal of the action-link routes: JSON, or a page for a browser. */
const linkError = (description: string): Answer => ({
  description,
  content: { ...json(ref('Error')), ...HTML_PAGE },
});
const pageAnswer = (description: string): Answer => ({ description, content: HTML_PAGE });
const redirect = (description: string, headers: Record<string, Json> = {}): Answer => ({
  description,
  headers: { ...LOCATION, ...headers },
});

/** The session's CSRF token, as a dashboard page's script sends it with a JSON call. */
const CSRF_HEADER_PARAMETER: Json = {
  name: 'X-CSRF-Token',
  in: 'header',
  required: true,
  schema: { type: 'string' },
  description: 'The session’s CSRF token, as the page carries it.',
};

const THROTTLED: Answer = {
  description: 'Throttled by API Gateway.',
  content: json(ref('GatewayError')),
};
const FAILED_JSON: Answer = {
  description: 'An unexpected failure; the cause is logged, never shown.',
  content: json({ anyOf: [ref('Error'), ref('GatewayError')] }),
};

/** What every JSON API route with a Bearer token may answer besides its own statuses. */
function jsonApiRefusals(options: {
  body?: boolean;
  input?: boolean;
  roles: readonly PrincipalRole[];
}): Record<number, Answer> {
  const answers: Record<number, Answer> = {};
  if (options.body || options.input) {
    answers[400] = jsonError('The request does not fit: `fieldErrors` says where and why.');
  }
  answers[401] = {
    description:
      'No valid token (API Gateway’s authorizer), or a token whose e-mail address is not verified.',
    content: json({ anyOf: [ref('GatewayError'), ref('Error')] }),
  };
  answers[403] = jsonError(
    options.roles.length === 1
      ? `Only the ${options.roles[0]} role may do this.`
      : 'Neither `hr` nor `manager`.',
  );
  if (options.body) {
    answers[413] = {
      description: 'The body is over 64 KB.',
      content: json({ anyOf: [ref('Error'), ref('GatewayError')] }),
    };
    answers[415] = jsonError('The body is not JSON (`Content-Type: application/json`).');
  }
  answers[429] = THROTTLED;
  answers[500] = FAILED_JSON;
  return answers;
}

/** What every dashboard page may answer besides its own statuses. */
const PAGE_REFUSALS = {
  303: redirect('No valid session: to the sign-in.'),
  429: THROTTLED,
  500: pageAnswer('An unexpected failure, as a page.'),
};

const jsonBody = (schema: Json): Json => ({ required: true, content: json(schema) });

/**
 * A dashboard form: the session's CSRF token and `fields`, all required unless `optional`; with
 * `description`, more fields than those named (a form that mirrors a nested JSON body).
 */
function formBody(
  fields: Record<string, Json>,
  options: { optional?: readonly string[]; description?: string } = {},
): Json {
  const required = ['csrf', ...Object.keys(fields).filter((name) => !options.optional?.includes(name))];
  return {
    required: true,
    content: {
      'application/x-www-form-urlencoded': {
        schema: {
          type: 'object',
          properties: {
            csrf: { type: 'string', description: 'The session’s CSRF token, as the page holds it.' },
            ...fields,
          },
          required,
          ...(options.description
            ? { description: options.description, additionalProperties: { type: 'string' } }
            : {}),
        },
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The operations, one per route

interface Operation {
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  query?: { schema: z.ZodObject; descriptions?: Record<string, string> };
  /** Parameters no schema of the handler states, and references to PARAMETERS. */
  parameters?: Json[];
  /** Whether the answer follows `Accept-Language` (default true). */
  localized?: boolean;
  body?: () => Json;
  responses: Record<number, Answer>;
}

const TAGS = [
  { name: 'Trajectories', description: 'The JSON API for HR and managers (Bearer ID token).' },
  { name: 'Evidence files', description: 'Documents attached to a dossier as numbered exhibits.' },
  { name: 'Exports', description: 'The dossier as a PDF, the trajectories as CSV (docs/exports.md).' },
  { name: 'Action links', description: 'The mailed links: the token in the path is the credential.' },
  { name: 'Dashboard', description: 'HR’s and managers’ web pages and forms (session cookie).' },
  { name: 'Sign-in', description: 'The dashboard’s sign-in through the Cognito Hosted UI.' },
  { name: 'Public', description: 'Static files and this description.' },
];

const UNKNOWN_TRAJECTORY = 'No such trajectory (HR), or an id no trajectory can have.';
const NOT_YOURS =
  'Not this caller’s role or trajectory. A manager gets the same for an id that does not exist: it is in no manager’s scope.';

const FAILED = 'An unexpected failure.';
const PUBLIC: Access = { kind: 'public' };

/**
 * An operation as the table below writes it: the answers it adds to those every route of its kind
 * gives, its refusals by their sentence alone (the kind decides how each is sent), and a JSON
 * body by the name of its schema.
 */
interface OperationSpec extends Omit<Operation, 'access' | 'body' | 'responses'> {
  body?: string | (() => Json);
  answers?: Record<number, Answer>;
  refusals?: Record<number, string>;
}

/** The operation of `spec`: the kind's `standard` answers, then its own, then its refusals. */
function operation(
  spec: OperationSpec,
  access: Access,
  refusal: (description: string) => Answer,
  standard: Record<number, Answer>,
): Operation {
  const { body, answers, refusals = {}, ...rest } = spec;
  const responses: Record<number, Answer> = { ...standard, ...answers };
  for (const [status, description] of Object.entries(refusals))
    responses[Number(status)] = refusal(description);
  const request = typeof body === 'string' ? () => jsonBody(ref(body)) : body;
  return { ...rest, access, ...(request ? { body: request } : {}), responses };
}

/** A route of the JSON API, behind the ID token. */
const api = (roles: readonly PrincipalRole[], spec: OperationSpec): Operation =>
  operation(
    spec,
    { kind: 'jwt', roles },
    jsonError,
    jsonApiRefusals({ body: spec.body !== undefined, input: spec.query !== undefined, roles }),
  );

/** An action or copy link: a refusal is JSON, or a page for a browser. */
const link = (spec: OperationSpec): Operation =>
  operation(spec, { kind: 'link' }, linkError, { 429: THROTTLED, 500: linkError(FAILED) });

/** A dashboard page: without a session, to the sign-in. */
const page = (roles: readonly PrincipalRole[], spec: OperationSpec): Operation =>
  operation(spec, { kind: 'session', roles }, pageAnswer, PAGE_REFUSALS);

/** A dashboard form, or a step of the sign-in: it says itself where it redirects to. */
const form = (access: Access, spec: OperationSpec): Operation =>
  operation(spec, access, pageAnswer, { 429: THROTTLED, 500: PAGE_REFUSALS[500] });

/** A JSON call of a dashboard page's script: the session, and its CSRF token in a header. */
const pageScript = (spec: OperationSpec): Operation =>
  operation(
    { ...spec, parameters: [CSRF_HEADER_PARAMETER] },
    { kind: 'session', roles: EVERYONE },
    jsonError,
    {
      401: jsonError('No valid session.'),
      429: THROTTLED,
      500: jsonError(FAILED),
    },
  );

const jsonAnswer = (description: string, schema: string): Answer => ({
  description,
  content: json(ref(schema)),
});
const pdfDownload = (description: string): Answer => ({
  description,
  headers: ATTACHMENT,
  content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } },
});
const csvDownload = (description: string): Answer => ({
  description,
  headers: ATTACHMENT,
  content: { 'text/csv': { schema: { type: 'string' } } },
});

const OPERATIONS: Record<string, Operation> = {
  'POST /trajectories': api(HR, {
    operationId: 'createTrajectory',
    tag: 'Trajectories',
    summary: 'Start a trajectory',
    description:
      'Records the trajectory with its first dossier entry and starts its workflow: the manager is asked for the improvement areas. The employee is mailed once the manager has recorded the conversation, in which they hear of it first.',
    parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }],
    body: 'NewTrajectory',
    answers: {
      201: {
        description: 'Started (or, with an `Idempotency-Key` used before, the trajectory it started).',
        headers: {
          'Idempotent-Replayed': {
            schema: { type: 'string', const: 'true' },
            description: 'Present when this answers a retry of an earlier request with the same key.',
          },
        },
        content: json(ref('Trajectory')),
      },
    },
    refusals: {
      409: 'A concurrent write; try again.',
      422: 'The `Idempotency-Key` was used before for another trajectory (`idempotency_key_reused`).',
    },
  }),
  'GET /trajectories': api(EVERYONE, {
    operationId: 'listTrajectories',
    tag: 'Trajectories',
    summary: 'List trajectories',
    description: 'HR sees every trajectory, a manager the ones they manage; newest first, a page at a time.',
    query: {
      schema: listTrajectoriesQuery,
      descriptions: { limit: 'Page size (default 25).', cursor: 'The `next` of the previous page.' },
    },
    answers: { 200: jsonAnswer('A page.', 'TrajectoryPage') },
  }),
  'GET /trajectories/{id}': api(EVERYONE, {
    operationId: 'getTrajectory',
    tag: 'Trajectories',
    summary: 'Read a dossier',
    description:
      'The trajectory with its tasks (their answers included), every dossier entry, the support ledger and the completeness check, judged now.',
    answers: { 200: jsonAnswer('The dossier.', 'Dossier') },
    refusals: { 403: NOT_YOURS, 404: UNKNOWN_TRAJECTORY },
  }),
  'GET /trajectories/{id}/dossier.pdf': api(EVERYONE, {
    operationId: 'getDossierPdf',
    tag: 'Exports',
    summary: 'The dossier as a PDF',
    description: 'The whole dossier in the trajectory’s language, drawn up now.',
    answers: { 200: pdfDownload('The PDF, as a download (`dossier-<id>.pdf`).') },
    refusals: { 403: NOT_YOURS, 404: UNKNOWN_TRAJECTORY },
  }),
  'GET /trajectories/{id}/completeness.pdf': api(HR, {
    operationId: 'getCompletenessPdf',
    tag: 'Exports',
    summary: 'The internal completeness report as a PDF',
    description:
      'Every completeness criterion (docs/completeness.md) with its status, why and what to do, judged now. HR’s internal report, for HR and counsel: not part of the dossier, refused to managers.',
    answers: { 200: pdfDownload('The PDF, as a download (`completeness-<id>.pdf`).') },
    refusals: { 404: UNKNOWN_TRAJECTORY },
  }),
  'POST /trajectories/{id}/employee-copy': api(HR, {
    operationId: 'issueEmployeeCopy',
    tag: 'Trajectories',
    summary: 'Mail the employee a new link to their own copy',
    description:
      'The employee’s right of access (AVG art. 15): a new personal, read-only link to their copy of the dossier (`/copy/{token}`), mailed to the employee only, working for `COPY_LINK_DAYS` days (30 by default). Links issued before keep their own expiry. The dossier records the link (`employee-copy-issued`) before it is stored and mailed; once the mail went the answer is 201, whatever else fails.',
    answers: {
      201: {
        description: 'Mailed; the dossier records the link and the mail.',
        content: json({
          type: 'object',
          required: ['trajectoryId', 'expiresAt'],
          properties: {
            trajectoryId: { type: 'string' },
            expiresAt: {
              type: 'string',
              format: 'date-time',
              description: 'When the new link stops working.',
            },
          },
        }),
      },
    },
    refusals: {
      404: UNKNOWN_TRAJECTORY,
      502: '`copy_not_mailed`: the mail service did not take the mail. The new link was withdrawn at once (it answers 410, should the mail arrive after all) and the dossier records `employee-copy-withdrawn`; ask again later for a new link.',
    },
  }),
  'POST /trajectories/{id}/employee-copy/revoke': api(HR, {
    operationId: 'revokeEmployeeCopies',
    tag: 'Trajectories',
    summary: 'Revoke every link to the employee’s copy',
    description:
      'For a link that went to the wrong address, or when the employee asks: every copy link issued so far answers 410 from now on. Safe to repeat; a link issued afterwards works. The dossier records `employee-copy-revoked`.',
    answers: {
      200: {
        description: 'Revoked (the trajectory carries `copyLinksRevoked`).',
        content: json({
          type: 'object',
          required: ['trajectoryId', 'revokedAt'],
          properties: {
            trajectoryId: { type: 'string' },
            revokedAt: {
              type: 'string',
              format: 'date-time',
              description: 'When the links stopped working.',
            },
          },
        }),
      },
    },
    refusals: { 404: UNKNOWN_TRAJECTORY },
  }),
  'GET /copy/{token}': link({
    operationId: 'getEmployeeCopy',
    tag: 'Action links',
    summary: 'The employee’s own copy of their dossier',
    description:
      'The dossier as the employee may read it (without HR’s internal note, the legal hold or the completeness assessment): a page, or the document’s sections as JSON (`Accept: application/json`). Works as often as wanted until the link expires; the dossier records each day it was opened.',
    answers: { 200: { description: 'The copy.', content: { ...json({ type: 'object' }), ...HTML_PAGE } } },
    refusals: {
      404: 'No such copy link (or its dossier is gone).',
      410: 'The link expired or HR revoked it (`gone`): the page says which, and how to ask HR for a new one, and shows nothing else.',
    },
  }),
  'GET /copy/{token}/dossier.pdf': link({
    operationId: 'getEmployeeCopyPdf',
    tag: 'Action links',
    summary: 'The employee’s own copy as a PDF',
    answers: { 200: pdfDownload('The PDF of the same copy, as a download.') },
    refusals: {
      404: 'No such copy link (or its dossier is gone).',
      410: 'The link expired or HR revoked it (`gone`).',
    },
  }),
  'GET /trajectories.csv': api(EVERYONE, {
    operationId: 'exportTrajectoriesCsv',
    tag: 'Exports',
    summary: 'The trajectories as CSV',
    description:
      'One row per trajectory the caller may see, all pages at once: UTF-8 with BOM, `;`-separated, the header row in `lang`.',
    query: { schema: csvQuery, descriptions: { lang: 'The language of the header row (default `nl`).' } },
    answers: { 200: csvDownload('The report, as a download.') },
  }),
  'GET /actions/{token}': link({
    operationId: 'getAction',
    tag: 'Action links',
    summary: 'What a link asks',
    description:
      'The task behind the link and whether it can still be answered: JSON, or a page with the form for a browser (`Accept: text/html`). Never changes anything: mail scanners open links.',
    answers: { 200: { description: 'The task.', content: { ...json(ref('ActionView')), ...HTML_PAGE } } },
    refusals: { 404: 'No such link (or its dossier is gone).' },
  }),
  'POST /actions/{token}': link({
    operationId: 'submitAction',
    tag: 'Action links',
    summary: 'Answer a task',
    description:
      'The body is the answer to the task the link is for (the schema of its kind). The answer is recorded before the workflow is woken, so an accepted answer is never lost.',
    body: () => ({
      required: true,
      content: {
        ...json({
          anyOf: Object.keys(actionBodies).map((kind) => ref(answerSchemaId(kind))),
          description: 'The answer to the link’s task, by its kind.',
        }),
        'application/x-www-form-urlencoded': {
          schema: {
            type: 'object',
            additionalProperties: { type: 'string' },
            description:
              'The same answer as a form: each field named by its path in the JSON body (`goals[0][title]` or `goals.0.title`, `examples[]` to append); empty fields are left out; `goal`, `extendWeeks` and `hours` (decimal comma allowed) become numbers, `acknowledged` and `considered` booleans. Refused from another site.',
          },
        },
      },
    }),
    answers: {
      200: jsonAnswer('Recorded.', 'ActionSubmitted'),
      303: redirect('A browser’s form was recorded: back to the link, which shows its new state.'),
    },
    refusals: {
      400: 'The answer does not fit: `fieldErrors` says where (a browser gets its form back).',
      403: 'A form posted from another site.',
      404: 'No such link.',
      409: 'Answered already (`conflict`), or the trajectory is paused (`paused`; the link stays valid).',
      410: 'The trajectory ended or was cancelled, or the task was closed (`gone`).',
      413: 'The body is over 64 KB.',
      415: 'Neither JSON nor a form.',
    },
  }),
  'POST /actions/{token}/draft': link({
    operationId: 'saveActionDraft',
    tag: 'Action links',
    summary: 'Keep a long form as a draft',
    description:
      'The fields of the form of the link’s task, kept without being sent (identify, conversation, plan, follow-up and evaluation), in the same shape as the answer but checked for size and depth only: a draft may be incomplete. One draft per task, replaced by the next and deleted when the task is answered; the form opens with it from the link and from the dashboard. It is no part of the dossier. A browser’s form sends the same to `POST /actions/{token}` with `intent=draft`.',
    body: () => ({
      required: true,
      content: {
        ...json({
          type: 'object',
          description: 'The form’s fields as the answer’s JSON body would have them.',
        }),
        'application/x-www-form-urlencoded': {
          schema: {
            type: 'object',
            additionalProperties: { type: 'string' },
            description: 'The same fields as a form, named as for the answer.',
          },
        },
      },
    }),
    answers: {
      200: {
        description:
          'Kept: when (JSON), or the form again with the draft and the time it was saved (a browser).',
        content: {
          ...json({
            type: 'object',
            required: ['status', 'taskId', 'savedAt'],
            properties: {
              status: { const: 'draft' },
              taskId: { type: 'string' },
              savedAt: { type: 'string', format: 'date-time' },
            },
          }),
          ...HTML_PAGE,
        },
      },
    },
    refusals: {
      400: 'No object, a field nested deeper than 16 levels (`fieldErrors`, at that field), or a task whose form keeps no draft.',
      403: 'A form posted from another site.',
      404: 'No such link.',
      409: 'Answered already (`conflict`), or the trajectory is paused (`paused`).',
      410: 'The trajectory ended or was cancelled, or the task was closed (`gone`).',
      413: 'The body or the draft is over 64 KB; nothing was kept.',
      415: 'Neither JSON nor a form.',
    },
  }),
  'POST /actions/{token}/files': link({
    operationId: 'announceLinkFile',
    tag: 'Action links',
    summary: 'Announce a document for the link’s task',
    description:
      'As `POST /trajectories/{id}/files`, for the person the link is for: the file belongs to the link’s own task (no `taskId`), and only while that task is open and the trajectory not paused, and only for a task that takes documents (identify, conversation, plan, follow-up, evaluation and the employee’s reactions). The task’s page calls this from its script; the upload then goes straight to the bucket with the answered form.',
    body: 'AnnounceLinkFile',
    answers: { 201: jsonAnswer('The pending file and its form.', 'NewFile') },
    refusals: {
      400: 'The description does not fit (`fieldErrors`; a type or size the dossier does not take is on `file`).',
      403: '`no_documents`: the link’s task takes no documents (its page offers none); nothing is recorded.',
      404: 'No such link.',
      409: 'The task was answered already (`conflict`), or the trajectory is paused (`paused`).',
      410: 'The trajectory ended or the task was closed (`gone`).',
      413: 'The body is over 64 KB.',
      415: 'Not JSON.',
    },
  }),
  'POST /actions/{token}/files/{fileId}/confirm': link({
    operationId: 'confirmLinkFile',
    tag: 'Action links',
    summary: 'Check the upload and store it as an exhibit',
    description:
      'As `POST /trajectories/{id}/files/{fileId}/confirm`, for a file announced through this link. When the task is no longer open, the upload is deleted with its record and the answer says why.',
    answers: { 200: jsonAnswer('Stored.', 'EvidenceFile') },
    refusals: {
      400: 'Not what was announced (too large, or its content does not fit its type), or nothing arrived: deleted with its record, with a field error on `file`.',
      404: 'No such link, or no such file of its task.',
      409: '`already_stored`, `conflict` (task answered) or `paused`.',
      410: 'The trajectory ended or the task was closed (`gone`).',
    },
  }),
  'POST /actions/{token}/files/{fileId}/remove': link({
    operationId: 'removeLinkFile',
    tag: 'Action links',
    summary: 'Remove one’s own document as an exhibit',
    description:
      'As `POST /trajectories/{id}/files/{fileId}/remove`, for a file the link’s person added to its task, while the task is open. The file itself is kept.',
    body: 'RemoveFile',
    answers: { 200: jsonAnswer('Removed.', 'EvidenceFile') },
    refusals: {
      400: 'No reason given (`fieldErrors`).',
      404: 'No such link, or no such file of its task added by its person.',
      409: '`not_stored`, `conflict` (task answered) or `paused`.',
      410: 'The trajectory ended or the task was closed (`gone`).',
      413: 'The body is over 64 KB.',
      415: 'Not JSON.',
    },
  }),
  'POST /trajectories/{id}/cancel': api(HR, {
    operationId: 'cancelTrajectory',
    tag: 'Trajectories',
    summary: 'Cancel a trajectory',
    description:
      'Stops the workflow and every open task, closes the trajectory (`cancelled`), records the reason and tells everyone involved.',
    body: 'CancelTrajectory',
    answers: { 200: jsonAnswer('Cancelled.', 'Trajectory') },
    refusals: { 404: UNKNOWN_TRAJECTORY, 409: 'Closed already.' },
  }),
  'POST /trajectories/{id}/tasks/{taskId}/extend': api(HR, {
    operationId: 'extendTask',
    tag: 'Trajectories',
    summary: 'Move a deadline',
    description:
      'Gives an open task more days; the workflow chases against the new due time and the assignee is told.',
    body: 'ExtendTask',
    answers: { 200: jsonAnswer('The task with its new due time.', 'Task') },
    refusals: { 404: 'No such trajectory or task.', 409: 'The task is not open.' },
  }),
  'POST /trajectories/{id}/pause': api(HR, {
    operationId: 'pauseTrajectory',
    tag: 'Trajectories',
    summary: 'Pause for illness',
    description: 'Nobody is chased, no date opens a task and no answer is taken until HR resumes.',
    body: 'PauseTrajectory',
    answers: { 200: jsonAnswer('Paused (`pausedAt` is set).', 'Trajectory') },
    refusals: { 404: UNKNOWN_TRAJECTORY, 409: '`already_paused` or `not_active` (or a concurrent write).' },
  }),
  'POST /trajectories/{id}/resume': api(HR, {
    operationId: 'resumeTrajectory',
    tag: 'Trajectories',
    summary: 'Resume after illness',
    description: 'Every pending date moves on by the paused days, rounded up; the waiting workflow is woken.',
    answers: { 200: jsonAnswer('Resumed.', 'ResumedTrajectory') },
    refusals: { 404: UNKNOWN_TRAJECTORY, 409: '`not_paused` or `not_active` (or a concurrent write).' },
  }),
  'POST /trajectories/{id}/legal-hold': api(HR, {
    operationId: 'placeLegalHold',
    tag: 'Trajectories',
    summary: 'Place a legal hold',
    description:
      'A dispute is pending: the dossier is not deleted, however old, until the hold is lifted. The reason goes into the dossier.',
    body: 'LegalHold',
    answers: { 200: jsonAnswer('Held (`legalHold` is set).', 'Trajectory') },
    refusals: { 404: UNKNOWN_TRAJECTORY, 409: '`already_on_hold` (or a concurrent write).' },
  }),
  'POST /trajectories/{id}/legal-hold/lift': api(HR, {
    operationId: 'liftLegalHold',
    tag: 'Trajectories',
    summary: 'Lift a legal hold',
    description:
      'The dispute is over: a closed dossier expires again at the end of its retention period, which may already have passed.',
    body: 'LegalHold',
    answers: { 200: jsonAnswer('No longer held.', 'Trajectory') },
    refusals: { 404: UNKNOWN_TRAJECTORY, 409: '`not_on_hold` (or a concurrent write).' },
  }),
  'POST /trajectories/{id}/employment-end': api(HR, {
    operationId: 'recordEmploymentEnd',
    tag: 'Trajectories',
    summary: 'Record the end of the employment',
    description:
      'Retention counts from the day after this one when that is later than the close. Recorded again, the day is replaced and the dossier keeps both.',
    body: 'EmploymentEnd',
    answers: { 200: jsonAnswer('Recorded (`employmentEndedOn` is set).', 'Trajectory') },
    refusals: { 404: UNKNOWN_TRAJECTORY },
  }),
  'POST /trajectories/{id}/receipts': api(HR, {
    operationId: 'recordReceipt',
    tag: 'Trajectories',
    summary: 'Record that a document was handed over in person',
    description:
      'Proof of receipt: the plan (once HR approved one), the evaluation (once recorded) or another document was handed over on `handedOverOn` (not after today, not before the start), with a `witness` if there was one, or the employee refused to sign (`refusedToSign`). Recorded as a `receipt-recorded` entry in the dossier; the same document on the same day is recorded once.',
    body: 'Receipt',
    answers: { 200: jsonAnswer('Recorded.', 'Trajectory') },
    refusals: { 404: UNKNOWN_TRAJECTORY },
  }),
  'POST /trajectories/{id}/plan-changes': api(HR, {
    operationId: 'requestPlanChange',
    tag: 'Trajectories',
    summary: 'Ask for a change of the acknowledged plan',
    description:
      'While the term runs (the plan acknowledged, before the evaluation), HR asks the manager for a changed plan with a `reason`. The manager gets a `plan` task carrying `change` {number, reason}; once answered HR gets a `plan-approval` (`revise` sends it back), and once approved the new goals apply and the employee gets a new `plan-acknowledgement`. The term and its meetings stay as they are; nothing in the calendar waits for these tasks. A `plan-change-requested` entry with the reason goes into the dossier. Repeated with the same reason while the task waits, it answers the same task.',
    body: 'PlanChange',
    answers: { 201: jsonAnswer("The manager's task to write the changed plan.", 'Task') },
    refusals: {
      404: UNKNOWN_TRAJECTORY,
      409: '`plan_not_acknowledged`, `plan_change_open`, `paused` or `not_active`.',
    },
  }),
  'GET /trajectories/{id}/files': api(EVERYONE, {
    operationId: 'listFiles',
    tag: 'Evidence files',
    summary: 'List the evidence files',
    description: 'Every file of the dossier: exhibits by number, then uploads not yet confirmed.',
    answers: { 200: jsonAnswer('The files.', 'FileList') },
    refusals: { 403: NOT_YOURS, 404: UNKNOWN_TRAJECTORY },
  }),
  'POST /trajectories/{id}/files': api(EVERYONE, {
    operationId: 'announceFile',
    tag: 'Evidence files',
    summary: 'Announce a file and get its upload form',
    description:
      'Records a pending file (title, date, the step it belongs to, its type and size; at most 10 MB unless the deployment says otherwise) and answers a presigned form for exactly that upload. Nothing counts as evidence until it is confirmed. HR may attach to any step; a manager only to a step the manager answers that takes documents (identify, conversation, plan, follow-up, evaluation).',
    body: 'AnnounceFile',
    answers: { 201: jsonAnswer('The pending file and its form.', 'NewFile') },
    refusals: {
      403: `${NOT_YOURS} \`not_own_step\`: a manager named a step of HR or the employee, or one that takes no documents (the aftercare); nothing is recorded.`,
      404: UNKNOWN_TRAJECTORY,
    },
  }),
  'POST /trajectories/{id}/files/{fileId}/confirm': api(EVERYONE, {
    operationId: 'confirmFile',
    tag: 'Evidence files',
    summary: 'Check the upload and store it as an exhibit',
    description:
      'Checks what arrived: its size, and its first bytes against the announced type. A file that passes becomes the next exhibit, with its SHA-256; one that fails is deleted with its record (400 on `file`). HR may confirm any upload, a manager only one the manager announced (`addedBy`).',
    answers: { 200: jsonAnswer('Stored.', 'EvidenceFile') },
    refusals: {
      403: `${NOT_YOURS} \`not_own_upload\`: a manager asked to confirm an upload someone else announced (HR, the employee); the file and its upload stay as they were.`,
      404: 'No such trajectory, or no such file of it.',
      409: '`already_stored`: confirmed before; a second upload with the same form is deleted.',
    },
  }),
  'GET /trajectories/{id}/files/{fileId}': api(EVERYONE, {
    operationId: 'getFile',
    tag: 'Evidence files',
    summary: 'A file and a link to download it',
    description: 'The link is good for a minute and names the file as it was uploaded.',
    answers: { 200: jsonAnswer('The file.', 'FileWithLink') },
    refusals: { 403: NOT_YOURS, 404: 'No such trajectory, or no such file of it.' },
  }),
  'POST /trajectories/{id}/files/{fileId}/remove': api(EVERYONE, {
    operationId: 'removeFile',
    tag: 'Evidence files',
    summary: 'Remove a file as an exhibit',
    description:
      'It no longer counts as an exhibit; its number is not reused, the reason goes into the dossier, and the file itself is kept until the dossier is purged. HR may remove any file, a manager only one the manager added (`addedBy`).',
    body: 'RemoveFile',
    answers: { 200: jsonAnswer('Removed.', 'EvidenceFile') },
    refusals: {
      403: `${NOT_YOURS} \`not_own_file\`: a manager asked to remove a file someone else added (HR, the employee); nothing changes.`,
      404: 'No such trajectory, or no such file of it.',
      409: '`not_stored`: not an exhibit (pending, or removed already).',
    },
  }),
  'GET /trajectories/{id}/bundle.pdf': api(EVERYONE, {
    operationId: 'getExhibitsBundle',
    tag: 'Evidence files',
    summary: 'The dossier with its exhibits, as one PDF',
    description:
      'The dossier PDF, then every exhibit by number behind a cover page with its title, date and SHA-256: a PDF with all its pages, an image on a page of its own, any other type named by its checksum. Too large for an API answer, so it is written to the bucket and the answer redirects to a download good for a minute.',
    answers: {
      303: {
        ...redirect('To the bundle’s download, good for a minute.'),
        content: json({ type: 'object', properties: { url: { type: 'string' } }, required: ['url'] }),
      },
    },
    refusals: { 403: NOT_YOURS, 404: UNKNOWN_TRAJECTORY },
  }),
  'GET /static/{file}': {
    operationId: 'getStaticFile',
    tag: 'Public',
    summary: 'A stylesheet, script or icon of the pages',
    description: 'With `?v=<version>` of the current release it may be cached for a year.',
    access: PUBLIC,
    localized: false,
    responses: {
      200: {
        description: 'The file.',
        headers: { ETag: { required: true, schema: { type: 'string' } } },
        content: Object.fromEntries(
          [...new Set(Object.values(ASSETS).map((asset) => asset.contentType.split(';')[0] as string))].map(
            (type) => [type, { schema: { type: 'string' } }],
          ),
        ),
      },
      304: { description: 'Not modified (`If-None-Match`).' },
      404: { description: 'No such file.', content: { 'text/plain': { schema: { type: 'string' } } } },
      429: THROTTLED,
    },
  },
  'GET /': page(EVERYONE, {
    operationId: 'dashboard',
    tag: 'Dashboard',
    summary: 'The list of trajectories, under the person’s own open tasks',
    query: {
      schema: dashboardFiltersQuery,
      descriptions: {
        attention: 'Only those needing attention.',
        overdue: 'Only those with a deadline passed.',
        q: 'Part of the employee’s name: every word must occur, without regard to case or accents.',
        sort: '`newest` first (the default) or the earliest next `deadline` first.',
      },
    },
    answers: { 200: pageAnswer('The page.') },
  }),
  'GET /start': page(HR, {
    operationId: 'startPage',
    tag: 'Dashboard',
    summary: 'The form that starts a trajectory',
    answers: { 200: pageAnswer('The form.') },
    refusals: { 403: 'Not HR.' },
  }),
  'GET /dossiers/{id}': page(EVERYONE, {
    operationId: 'dossierPage',
    tag: 'Dashboard',
    summary: 'A dossier as a timeline, with HR’s actions',
    answers: { 200: pageAnswer('The page.') },
    refusals: { 404: 'No such dossier, or not this person’s.' },
  }),
  'GET /dossiers/{id}/tasks/{taskId}': page(EVERYONE, {
    operationId: 'taskPage',
    tag: 'Dashboard',
    summary: 'A task’s form, for the signed-in person it waits for',
    description:
      'The same form as the task’s mailed link, in the browser’s language; once the task is answered (here or through the link) it says so, as the link does. A manager reaches the manager’s tasks of their own trajectories, HR the HR tasks of every trajectory.',
    answers: { 200: pageAnswer('The form, or the task’s state (done, closed, paused).') },
    refusals: {
      403: 'The task is not for this person’s role, or the trajectory not in their scope (or unknown, to a manager).',
      404: 'No such trajectory (to HR) or task.',
    },
  }),
  'GET /dossiers/{id}/print': page(EVERYONE, {
    operationId: 'dossierPrint',
    tag: 'Exports',
    summary: 'The dossier as a printable page',
    answers: { 200: pageAnswer('The page.') },
    refusals: { 404: 'No such dossier, or not this person’s.' },
  }),
  'GET /dossiers/{id}/dossier.pdf': page(EVERYONE, {
    operationId: 'dossierPdfDownload',
    tag: 'Exports',
    summary: 'The dossier as a PDF, for the dashboard’s link',
    answers: { 200: pdfDownload('The PDF, as a download.') },
    refusals: { 404: 'No such dossier, or not this person’s.' },
  }),
  'GET /dossiers/{id}/completeness': page(HR, {
    operationId: 'completenessPage',
    tag: 'Exports',
    summary: 'The internal completeness report as a page (HR only)',
    answers: { 200: pageAnswer('The page.') },
    refusals: { 403: 'Not HR.', 404: 'No such dossier.' },
  }),
  'GET /dossiers/{id}/completeness.pdf': page(HR, {
    operationId: 'completenessPdfDownload',
    tag: 'Exports',
    summary: 'The internal completeness report as a PDF, for the report page’s link (HR only)',
    answers: { 200: pdfDownload('The PDF, as a download.') },
    refusals: { 403: 'Not HR.', 404: 'No such dossier.' },
  }),
  'GET /dossiers.csv': page(EVERYONE, {
    operationId: 'trajectoriesCsvDownload',
    tag: 'Exports',
    summary: 'The trajectories as CSV, for the dashboard’s link',
    description:
      'Without `lang` the header row follows the browser’s language; what does not fit is ignored.',
    query: { schema: csvPageQuery },
    answers: { 200: csvDownload('The report.') },
  }),
  'POST /start': form(SESSION_HR, {
    operationId: 'startForm',
    tag: 'Dashboard',
    summary: 'Start a trajectory from the form',
    description:
      'In two steps: a valid form is answered with a confirmation page that shows what will be mailed; only the same fields sent again with `confirm=1` start the trajectory (`edit=1` goes back to the form). The confirmation carries a `startKey`, used as the idempotency key, so a second confirm starts nothing new.',
    body: () =>
      formBody(
        {},
        {
          description:
            'The fields of `NewTrajectory`, each named by its path (`employee[name]`, `schedule[termWeeks]`), and `confirm`, `edit` or `startKey` from the confirmation step.',
        },
      ),
    answers: {
      200: pageAnswer('The confirmation step (or, with `edit`, the form again).'),
      303: redirect('Confirmed and started: to its dossier (or, without a session, to the sign-in).'),
    },
    refusals: {
      400: 'The form again, with its field errors.',
      403: 'Not HR, no valid CSRF token, or posted from another site.',
    },
  }),
  'POST /dossiers/{id}/cancel': form(SESSION_HR, {
    operationId: 'cancelForm',
    tag: 'Dashboard',
    summary: 'Cancel from the dossier page',
    description:
      'In two steps: a valid form is answered with a confirmation page that shows the mail the employee will read apart from the internal note; the same fields sent again with `confirm=1` cancel.',
    body: () =>
      formBody(
        {
          reason: fieldOf(cancelTrajectoryBody, 'reason'),
          internalNote: fieldOf(cancelTrajectoryBody, 'internalNote'),
          confirm: { type: 'string', enum: ['1'], description: 'Sent by the confirmation step: cancel now.' },
        },
        { optional: ['internalNote', 'confirm'] },
      ),
    answers: { 200: pageAnswer('The confirmation step.'), ...dossierFormAnswers('Cancelled') },
  }),
  'POST /dossiers/{id}/pause': form(SESSION_HR, {
    operationId: 'pauseForm',
    tag: 'Dashboard',
    summary: 'Pause from the dossier page',
    body: () => formBody({ [PAUSE_REASON_FIELD]: fieldOf(pauseTrajectoryBody, 'reason') }),
    answers: dossierFormAnswers('Paused'),
  }),
  'POST /dossiers/{id}/resume': form(SESSION_HR, {
    operationId: 'resumeForm',
    tag: 'Dashboard',
    summary: 'Resume from the dossier page',
    body: () => formBody({}),
    answers: dossierFormAnswers('Resumed'),
  }),
  'POST /dossiers/{id}/employee-copy': form(SESSION_HR, {
    operationId: 'issueEmployeeCopyForm',
    tag: 'Dashboard',
    summary: 'Mail the employee a copy link from the dossier page',
    description:
      'As `POST /trajectories/{id}/employee-copy`; the page it leads back to confirms it. When the mail service fails, the dossier page itself (502) says that the link was withdrawn and not mailed.',
    body: () => formBody({}),
    answers: dossierFormAnswers('Mailed (`?copy=issued`)'),
    refusals: {
      502: 'The mail service did not take the mail: the dossier page, saying the new link was withdrawn.',
    },
  }),
  'POST /dossiers/{id}/employee-copy/revoke': form(SESSION_HR, {
    operationId: 'revokeEmployeeCopiesForm',
    tag: 'Dashboard',
    summary: 'Revoke the employee’s copy links from the dossier page',
    description: 'As `POST /trajectories/{id}/employee-copy/revoke`; the page it leads back to confirms it.',
    body: () => formBody({}),
    answers: dossierFormAnswers('Revoked (`?copy=revoked`)'),
  }),
  'POST /dossiers/{id}/plan-change': form(SESSION_HR, {
    operationId: 'planChangeForm',
    tag: 'Dashboard',
    summary: 'Ask for a change of the plan from the dossier page',
    description:
      'As `POST /trajectories/{id}/plan-changes`; a change that cannot be asked for now is shown at the reason (400).',
    body: () => formBody({ [PLAN_CHANGE_REASON_FIELD]: fieldOf(planChangeBody, 'reason') }),
    answers: dossierFormAnswers('Asked'),
  }),
  'POST /dossiers/{id}/tasks/{taskId}': form(SESSION_EVERYONE, {
    operationId: 'answerTaskForm',
    tag: 'Dashboard',
    summary: 'Answer a task from the dashboard',
    description:
      'The answer as `POST /actions/{token}` takes it as a form, with the same checks and the same single use: a task answered here shows as done on its mailed link, and the other way round.',
    body: () =>
      formBody(
        {},
        {
          description:
            'The session’s CSRF token and the answer’s fields, each named by its path in the JSON body of the task’s kind (`goals[0][title]`), as on the mailed link’s form.',
        },
      ),
    answers: {
      303: redirect(
        'Recorded: back to the task’s page, which shows it done (or, without a session, to the sign-in).',
      ),
    },
    refusals: {
      400: 'The form again, with what was typed and the field errors; nothing was recorded.',
      403: 'Not this person’s task, no valid CSRF token, or posted from another site.',
      404: 'No such trajectory (to HR) or task.',
      409: 'Answered already (the page shows it done), or the trajectory is paused (the form comes back under a notice).',
      410: 'The trajectory ended or was cancelled, or the task was closed.',
    },
  }),
  'POST /dossiers/{id}/tasks/{taskId}/draft': form(SESSION_EVERYONE, {
    operationId: 'saveTaskDraftForm',
    tag: 'Dashboard',
    summary: 'Keep a task’s form as a draft from the dashboard',
    description:
      'As `POST /actions/{token}/draft`, signed in: the draft belongs to the task, so one kept here opens on the mailed link too, and the other way round.',
    body: () =>
      formBody(
        {},
        {
          description:
            'The session’s CSRF token and the form’s fields, named as for the answer (`goals[0][title]`).',
        },
      ),
    answers: {
      303: redirect(
        'Kept: back to the task’s page, which opens with the draft and the time it was saved (or, without a session, to the sign-in).',
      ),
    },
    refusals: {
      400: 'A field name the form does not have, or a task whose form keeps no draft.',
      403: 'Not this person’s task, no valid CSRF token, or posted from another site.',
      404: 'No such trajectory (to HR) or task.',
      409: 'Answered already, or the trajectory is paused (the form comes back under a notice).',
      410: 'The trajectory ended or was cancelled, or the task was closed.',
      413: 'The draft is over 64 KB: the form again with what was typed; nothing was kept.',
    },
  }),
  'POST /dossiers/{id}/tasks/{taskId}/files': pageScript({
    operationId: 'announceTaskPageFile',
    tag: 'Dashboard',
    summary: 'Announce a document for one’s task, from its dashboard page',
    description:
      'As `POST /actions/{token}/files`, for the signed-in person the task waits for (the checks of `GET /dossiers/{id}/tasks/{taskId}`), while the task is open and takes documents. The task’s page calls this from its script.',
    body: 'AnnounceLinkFile',
    answers: { 201: jsonAnswer('The pending file and its form.', 'NewFile') },
    refusals: {
      400: 'The description does not fit (`fieldErrors`; a type or size the dossier does not take is on `file`).',
      403: 'Not this person’s task, a task that takes no documents, no valid CSRF token, or sent from another site.',
      404: 'No such trajectory (to HR) or task.',
      409: 'The task was answered already (`conflict`), or the trajectory is paused (`paused`).',
      410: 'The trajectory ended or the task was closed (`gone`).',
      413: 'The body is over 64 KB.',
      415: 'Not JSON.',
    },
  }),
  'POST /dossiers/{id}/tasks/{taskId}/files/{fileId}/confirm': pageScript({
    operationId: 'confirmTaskPageFile',
    tag: 'Dashboard',
    summary: 'Check the upload and store it as an exhibit, from the task’s dashboard page',
    description:
      'As `POST /actions/{token}/files/{fileId}/confirm`, for a file of this task added by its person. When the task is no longer open, the upload is deleted with its record.',
    answers: { 200: jsonAnswer('Stored.', 'EvidenceFile') },
    refusals: {
      400: 'Not what was announced, or nothing arrived: deleted with its record, with a field error on `file`.',
      403: 'Not this person’s task, no valid CSRF token, or sent from another site.',
      404: 'No such trajectory (to HR), task, or file of this task.',
      409: '`already_stored`, `conflict` (task answered) or `paused`.',
      410: 'The trajectory ended or the task was closed (`gone`).',
    },
  }),
  'POST /dossiers/{id}/tasks/{taskId}/files/{fileId}/remove': pageScript({
    operationId: 'removeTaskPageFile',
    tag: 'Dashboard',
    summary: 'Remove one’s own document as an exhibit, from the task’s dashboard page',
    description:
      'As `POST /actions/{token}/files/{fileId}/remove`, for a file the person added to this task, while it is open. The file itself is kept.',
    body: 'RemoveFile',
    answers: { 200: jsonAnswer('Removed.', 'EvidenceFile') },
    refusals: {
      400: 'No reason given (`fieldErrors`).',
      403: 'Not this person’s task, no valid CSRF token, or sent from another site.',
      404: 'No such trajectory (to HR), task, or file of this task added by its person.',
      409: '`not_stored`, `conflict` (task answered) or `paused`.',
      410: 'The trajectory ended or the task was closed (`gone`).',
      413: 'The body is over 64 KB.',
      415: 'Not JSON.',
    },
  }),
  'POST /dossiers/{id}/tasks/{taskId}/extend': form(SESSION_HR, {
    operationId: 'extendForm',
    tag: 'Dashboard',
    summary: 'Move a deadline from the dossier page',
    body: () =>
      formBody(
        {
          days: {
            type: 'string',
            pattern: '^\\s*[0-9]+\\s*$',
            description: `Whole days, as \`ExtendTask.days\` (${daysRange()}); also accepted as \`days[<taskId>]\`.`,
          },
        },
        { optional: ['days'], description: 'The session’s CSRF token and the days.' },
      ),
    answers: dossierFormAnswers('Moved'),
  }),
  'GET /sign-in': form(PUBLIC, {
    operationId: 'signIn',
    tag: 'Sign-in',
    summary: 'Sign in to the dashboard',
    description: 'To the Cognito Hosted UI (with `state` and a PKCE challenge in a short-lived cookie).',
    answers: { 303: redirect('To the Hosted UI (locally: to the local sign-in page).', SET_COOKIE) },
    refusals: { 404: 'Sign-in is not set up (no `cognitoDomainPrefix`).' },
  }),
  'GET /auth/callback': form(PUBLIC, {
    operationId: 'signInCallback',
    tag: 'Sign-in',
    summary: 'The Hosted UI’s return',
    description:
      'Trades the authorization code for the ID token, which must pass the session’s own checks, and sets the session cookie. The `state` must belong to the attempt this browser started.',
    // The handler reads these three itself (functions/api/session.ts).
    parameters: [
      {
        name: 'code',
        in: 'query',
        description: 'The authorization code.',
        schema: { type: 'string', maxLength: 2048 },
      },
      {
        name: 'state',
        in: 'query',
        description: 'The attempt’s state, as sent to the Hosted UI.',
        schema: { type: 'string' },
      },
      {
        name: 'error',
        in: 'query',
        description: 'Set by the Hosted UI instead of a code.',
        schema: { type: 'string' },
      },
    ],
    answers: { 303: redirect('Signed in: to the dashboard, with the session cookie.', SET_COOKIE) },
    refusals: {
      400: 'No usable code, or the exchange failed.',
      403: 'A state of no attempt of this browser, a token that does not verify, or no role.',
      404: 'Sign-in is not set up.',
    },
  }),
  'POST /sign-out': form(PUBLIC, {
    operationId: 'signOut',
    tag: 'Sign-in',
    summary: 'Sign out of the dashboard',
    description:
      'Clears the session (only with its CSRF token, from this site) and ends the Hosted UI’s session too.',
    body: () => formBody({}),
    answers: {
      303: redirect(
        'To the Hosted UI’s sign-out, or the sign-in, or back to the dashboard when nothing was cleared.',
        SET_COOKIE,
      ),
    },
  }),
  'GET /openapi.json': {
    operationId: 'getOpenApiDescription',
    tag: 'Public',
    summary: 'This description',
    description: 'The OpenAPI 3.1 description of every route. No personal data.',
    access: PUBLIC,
    localized: false,
    responses: {
      200: {
        description: 'docs/openapi.json of this release.',
        content: json({ type: 'object', required: ['openapi', 'info', 'paths'] }),
      },
      429: THROTTLED,
    },
  },
};

function daysRange(): string {
  const days = fieldOf(extendTaskBody, 'days') as { minimum?: number; maximum?: number };
  return `${days.minimum}–${days.maximum}`;
}

function dossierFormAnswers(done: string): Record<number, Answer> {
  return {
    303: redirect(`${done}: back to the dossier (or, without a session, to the sign-in).`),
    400: pageAnswer('The dossier page again, with the field errors.'),
    403: pageAnswer('Not HR, no valid CSRF token, or posted from another site.'),
    404: pageAnswer('No such dossier.'),
    409: pageAnswer('The trajectory or task is not in a state that allows it.'),
  };
}

// ---------------------------------------------------------------------------------------------
// The document

const routeKey = (route: Pick<RouteDefinition, 'method' | 'path'>) => `${route.method} ${route.path}`;

function checkAccess(route: RouteDefinition, operation: Operation): void {
  if ((route.auth === 'jwt') !== (operation.access.kind === 'jwt')) {
    throw new Error(
      `${routeKey(route)}: the route's auth is ${route.auth}, its OpenAPI access ${operation.access.kind}`,
    );
  }
}

function operationObject(route: RouteDefinition, operation: Operation): Json {
  checkAccess(route, operation);
  const parameters = [
    ...pathParameters(route.path),
    ...(operation.query ? queryParameters(operation.query.schema, operation.query.descriptions) : []),
    ...(operation.parameters ?? []),
    ...(operation.localized === false ? [] : [{ $ref: '#/components/parameters/AcceptLanguage' }]),
  ];
  // Integer-like keys come out in ascending order whatever order they were written in.
  const responses = { ...operation.responses };
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    security: security(operation.access),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(operation.body ? { requestBody: operation.body() } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 description of `routes`; throws when a route and OPERATIONS do not match. */
export function openApiDocument(routes: readonly RouteDefinition[] = ROUTES): Json {
  const keys = new Set(routes.map(routeKey));
  const undescribed = [...keys].filter((key) => !OPERATIONS[key]);
  if (undescribed.length > 0) {
    throw new Error(`No OpenAPI operation in scripts/openapi-description.ts for ${undescribed.join(', ')}`);
  }
  const stale = Object.keys(OPERATIONS).filter((key) => !keys.has(key));
  if (stale.length > 0)
    throw new Error(`OpenAPI operations for routes that do not exist: ${stale.join(', ')}`);

  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    item[route.method.toLowerCase()] = operationObject(route, OPERATIONS[routeKey(route)] as Operation);
  }
  const requests = toJsonSchemas(requestSchemas(), 'input');
  const answers = toJsonSchemas(RESPONSE_SCHEMAS, 'output');
  const clash = Object.keys(requests).filter((id) => id in answers);
  if (clash.length > 0) throw new Error(`Schema names used twice: ${clash.join(', ')}`);

  return {
    openapi: '3.1.0',
    info: {
      title: 'Verbetertraject',
      version: packageJson.version,
      description:
        'Runs an employee improvement trajectory end to end and keeps its dossier. HR and managers use the JSON API with the Cognito ID token; the manager, the employee and the HR advisor answer their tasks through the action links they are mailed; the dashboard’s pages use a session cookie. Generated from the route table and the schemas the handlers validate with (`npm run openapi`). Every request object is strict: an unknown field is a `400` with field errors.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    tags: TAGS,
    paths,
    components: {
      schemas: { ...requests, ...answers },
      parameters: PARAMETERS,
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}
