/**
 * docs/openapi.json as a test reads it: its JSON Schemas compiled with Ajv (draft 2020-12, formats
 * checked), and a check of one real answer against the operation it belongs to: the status is one
 * the operation lists, the media type one it lists for that status, a JSON body fits the schema,
 * and the headers it calls required are there.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;

export interface Answer {
  description: string;
  headers?: Record<string, { required?: boolean }>;
  content?: Record<string, { schema: Json }>;
}

export interface OperationJson {
  operationId: string;
  security: Record<string, string[]>[];
  parameters?: Json[];
  requestBody?: { required: boolean; content: Record<string, { schema: Json }> };
  responses: Record<string, Answer>;
}

export interface Description {
  openapi: string;
  info: Json;
  paths: Record<string, Record<string, OperationJson>>;
  components: { schemas: Record<string, Json>; parameters: Record<string, Json>; securitySchemes: Json };
}

export const DESCRIPTION_FILE = new URL('../../docs/openapi.json', import.meta.url);

export function readDescription(): Description {
  return JSON.parse(readFileSync(DESCRIPTION_FILE, 'utf8')) as Description;
}

const COMPONENT = '#/components/schemas/';
const URN = 'urn:verbetertraject:schema:';

/** The schema with its component references pointing at the compiled components. */
function resolvable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolvable);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) =>
      key === '$ref' && typeof inner === 'string' && inner.startsWith(COMPONENT)
        ? [key, URN + inner.slice(COMPONENT.length)]
        : [key, resolvable(inner)],
    ),
  );
}

export interface SchemaCheck {
  /** What is wrong with `value` against `schema` (a schema of the description); empty when it fits. */
  problems(schema: Json, value: unknown): string[];
  /** The same against a component by name. */
  component(name: string, value: unknown): string[];
}

/** Ajv with every component of `description` compiled; strict, so a keyword Ajv does not know fails. */
export function schemaCheck(description: Description): SchemaCheck {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  addFormats.default(ajv);
  for (const [name, schema] of Object.entries(description.components.schemas)) {
    ajv.addSchema({ ...(resolvable(schema) as Json), $id: URN + name });
  }
  const compiled = new Map<string, ValidateFunction>();
  const problems = (schema: Json, value: unknown): string[] => {
    const key = JSON.stringify(schema);
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(resolvable(schema) as Json);
      compiled.set(key, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map(
      (error) => `${error.instancePath || '(body)'} ${error.message} ${JSON.stringify(error.params)}`,
    );
  };
  return { problems, component: (name, value) => problems({ $ref: COMPONENT + name }, value) };
}

export interface ObservedAnswer {
  method: string;
  /** The route's path template, as in ROUTES (`/trajectories/{id}`). */
  path: string;
  status: number;
  headers: Headers;
  /** The body, parsed when it is JSON. */
  body: unknown;
}

/** What about `answer` the description does not say; empty when it says all of it. */
export function undescribed(description: Description, check: SchemaCheck, answer: ObservedAnswer): string[] {
  const where = `${answer.method} ${answer.path} → ${answer.status}`;
  const operation = description.paths[answer.path]?.[answer.method.toLowerCase()];
  if (!operation) return [`${where}: no such operation`];
  const documented = operation.responses[String(answer.status)];
  if (!documented) return [`${where}: status not described (${Object.keys(operation.responses).join(', ')})`];
  const found: string[] = [];
  for (const [name, header] of Object.entries(documented.headers ?? {})) {
    if (header.required && !answer.headers.has(name)) found.push(`${where}: no ${name} header`);
  }
  const contentType = answer.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (!documented.content) {
    if (contentType && answer.body !== undefined && answer.body !== '') {
      found.push(`${where}: a ${contentType} body where none is described`);
    }
    return found;
  }
  const media = contentType ? documented.content[contentType] : undefined;
  if (!media) {
    return [
      ...found,
      `${where}: ${contentType ?? 'no'} content, described: ${Object.keys(documented.content).join(', ')}`,
    ];
  }
  if (contentType === 'application/json') {
    found.push(...check.problems(media.schema, answer.body).map((problem) => `${where}: ${problem}`));
  }
  return found;
}
