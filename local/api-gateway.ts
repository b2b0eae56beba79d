/**
 * The local API Gateway: serves the same route table as the deployed HTTP API, turns each
 * request into a payload-format-2.0 event, runs the JWT authorizer's checks on `jwt` routes and
 * passes the verified claims in `requestContext.authorizer.jwt.claims`, exactly where the
 * deployed authorizer puts them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { RouteDefinition } from '#api/routes.ts';
import { claimsAsApiGatewayPassesThem, type LocalIssuer } from './local-auth.ts';

/** API Gateway's own payload limit. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

interface CompiledRoute {
  route: RouteDefinition;
  pattern: RegExp;
  params: string[];
}

function compile(route: RouteDefinition): CompiledRoute {
  const params: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const match = /^\{([^}+]+)\}$/.exec(segment);
      if (!match) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      params.push(match[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}$`), params };
}

export interface GatewayOptions {
  routes: readonly RouteDefinition[];
  invoke: (handler: string, event: unknown) => Promise<unknown>;
  issuer: LocalIssuer;
}

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface ApiResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded?: boolean;
  cookies?: string[];
}

export function createApiGateway(options: GatewayOptions) {
  const compiled = options.routes.map(compile);

  function match(method: string, path: string) {
    let pathExists = false;
    for (const candidate of compiled) {
      const found = candidate.pattern.exec(path);
      if (!found) continue;
      pathExists = true;
      if (candidate.route.method !== method) continue;
      const pathParameters: Record<string, string> = {};
      try {
        candidate.params.forEach((name, index) => {
          pathParameters[name] = decodeURIComponent(found[index + 1]!);
        });
      } catch {
        // A malformed percent-encoding (`%ZZ`, a lone `%`, invalid UTF-8) names no resource: the
        // caller's mistake, refused before any handler runs, never a crash of the gateway.
        return { pathExists: true, malformed: true };
      }
      return { route: candidate.route, pathParameters };
    }
    return { pathExists };
  }

  async function authorize(route: RouteDefinition, headers: Record<string, string>) {
    if (route.auth === 'none') return { ok: true as const, claims: undefined };
    const header = headers['authorization'] ?? '';
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
    if (!token) return { ok: false as const };
    try {
      return { ok: true as const, claims: claimsAsApiGatewayPassesThem(await options.issuer.verify(token)) };
    } catch {
      return { ok: false as const };
    }
  }

  /** Handles the request when a route matches; resolves `false` when none does. */
  return async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<boolean> {
    // Joined rather than resolved: a path starting with `//` is a path here, not a host.
    const url = new URL(`http://localhost${req.url?.startsWith('/') ? req.url : '/'}`);
    const method = (req.method ?? 'GET').toUpperCase();
    const found = match(method, url.pathname);
    if (!('route' in found) || !found.route) {
      if (!found.pathExists) return false;
      if ('malformed' in found) {
        send(res, { statusCode: 400, headers: jsonType, body: JSON.stringify({ message: 'Bad Request' }) });
        return true;
      }
      send(res, { statusCode: 404, headers: jsonType, body: JSON.stringify({ message: 'Not Found' }) });
      return true;
    }
    const headers = flattenHeaders(req);
    const auth = await authorize(found.route, headers);
    if (!auth.ok) {
      send(res, { statusCode: 401, headers: jsonType, body: JSON.stringify({ message: 'Unauthorized' }) });
      return true;
    }
    const event = buildEvent({
      req,
      url,
      method,
      headers,
      body,
      route: found.route,
      pathParameters: found.pathParameters,
      claims: auth.claims,
    });
    try {
      send(res, toResult(await options.invoke(found.route.handler, event)));
    } catch {
      // What API Gateway answers when the integration fails; the handler's own logs say why.
      send(res, {
        statusCode: 500,
        headers: jsonType,
        body: JSON.stringify({ message: 'Internal Server Error' }),
      });
    }
    return true;
  };
}

const jsonType = { 'content-type': 'application/json' };

export function bodyTooLarge(length: number): boolean {
  return length > MAX_BODY_BYTES;
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

function isTextual(contentType: string | undefined): boolean {
  if (!contentType) return true;
  return /^(text\/|application\/(json|x-www-form-urlencoded|xml|javascript))|\+json|\+xml/i.test(contentType);
}

function buildEvent(input: {
  req: IncomingMessage;
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Buffer;
  route: RouteDefinition;
  pathParameters: Record<string, string>;
  claims: Record<string, string> | undefined;
}): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { req, url, method, headers, body, route } = input;
  const routeKey = `${route.method} ${route.path}`;
  const now = new Date();
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = key in query ? `${query[key]},${value}` : value;
  const cookieHeader = req.headers.cookie;
  const textual = isTextual(headers['content-type']);
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    ...(cookieHeader ? { cookies: cookieHeader.split(/;\s*/) } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(Object.keys(input.pathParameters).length > 0 ? { pathParameters: input.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: input.claims ?? {}, scopes: [] } },
      domainName: headers['host'] ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 ? { body: textual ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !textual,
  };
}

/** Payload 2.0 responses: a full `{statusCode,...}` object, or anything else as JSON with 200. */
export function toResult(result: unknown): ApiResult {
  if (result && typeof result === 'object' && 'statusCode' in result) {
    const r = result as Partial<ApiResult> & { statusCode: number; headers?: Record<string, unknown> };
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(r.headers ?? {})) {
      // A header a handler unset (middy's security headers set `Server` to undefined) or left
      // empty is not sent, as API Gateway drops it; never the text `undefined`.
      if (value === undefined || value === null || value === '') continue;
      headers[name.toLowerCase()] = String(value);
    }
    return {
      statusCode: r.statusCode,
      headers,
      body: typeof r.body === 'string' ? r.body : '',
      ...(r.isBase64Encoded ? { isBase64Encoded: true } : {}),
      ...(r.cookies ? { cookies: r.cookies } : {}),
    };
  }
  return {
    statusCode: 200,
    headers: jsonType,
    body: typeof result === 'string' ? result : JSON.stringify(result ?? null),
  };
}

export function send(res: ServerResponse, result: ApiResult): void {
  const headers: Record<string, string | string[]> = { ...result.headers };
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  res.writeHead(result.statusCode, headers);
  res.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
}
