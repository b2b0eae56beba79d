/**
 * Who is calling. API Gateway's JWT authorizer has already verified the token (signature,
 * issuer, audience, expiry) before a handler runs; what is left is reading the verified claims
 * and deciding the role. The local API gateway produces the same event shape.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { ForbiddenError, NotFoundError, UnauthorizedError } from './errors.ts';

export const PRINCIPAL_ROLES = ['hr', 'manager'] as const;
export type PrincipalRole = (typeof PRINCIPAL_ROLES)[number];

export interface Principal {
  role: PrincipalRole;
  /** From the token's `email` claim, trimmed and lower-cased. */
  email: string;
  /**
   * The person's name as the token gives it (`name`, else `given_name` and `family_name`), for
   * what a form can fill in for them; never used to decide anything. Absent when not given.
   */
  name?: string;
}

type Claims = Record<string, unknown>;

/**
 * `cognito:groups` arrives in several shapes: HTTP API flattens a JSON array claim into
 * `"[hr manager]"`, other issuers or proxies send `"hr,manager"`, a JSON string `'["hr"]'`, or
 * (the local gateway, a REST-style authorizer) a real array.
 */
export function parseGroups(value: unknown): string[] {
  if (Array.isArray(value))
    return value.filter((g): g is string => typeof g === 'string').map((g) => g.trim());
  if (typeof value !== 'string') return [];
  const text = value.trim();
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parseGroups(parsed);
    } catch {
      // Not JSON: API Gateway's own "[a b]" rendering, handled below.
    }
  }
  return text
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .map((g) => g.replace(/^"|"$/g, ''))
    .filter((g) => g.length > 0);
}

function claimsOf(event: Partial<APIGatewayProxyEventV2WithJWTAuthorizer>): Claims | undefined {
  const claims: unknown = event.requestContext?.authorizer?.jwt?.claims;
  return claims && typeof claims === 'object' ? (claims as Claims) : undefined;
}

/**
 * Whether the token vouches for its e-mail address. A manager's scope is matched on the address,
 * so an address nobody verified (Cognito keeps the original until a change is verified, but a
 * token minted elsewhere need not) establishes no identity. API Gateway passes the claim as the
 * string "true"; a token verified here carries the boolean.
 */
const emailVerified = (claims: Claims): boolean =>
  claims.email_verified === true || claims.email_verified === 'true';

/**
 * The caller's principal. 401 when the request carries no verified identity (no claims, no
 * e-mail, or an e-mail the token does not say was verified); 403 when the identity holds neither
 * the `hr` nor the `manager` group. HR wins when a person is in both groups, since HR's view
 * includes every manager's.
 */
export function principalFrom(event: Partial<APIGatewayProxyEventV2WithJWTAuthorizer>): Principal {
  const claims = claimsOf(event);
  const email = typeof claims?.email === 'string' ? claims.email.trim().toLowerCase() : '';
  if (!claims || !email || !emailVerified(claims)) throw new UnauthorizedError('unauthorized');
  const groups = parseGroups(claims['cognito:groups']).map((g) => g.toLowerCase());
  const role = PRINCIPAL_ROLES.find((r) => groups.includes(r));
  if (!role) throw new ForbiddenError('forbidden');
  const name = nameOf(claims);
  return { role, email, ...(name && { name }) };
}

/** The longest name a token may lend a form (the start form's own limit is the same order). */
const MAX_NAME_LENGTH = 200;

function nameOf(claims: Claims): string | undefined {
  const part = (value: unknown) => (typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : '');
  const name =
    part(claims.name) || [part(claims.given_name), part(claims.family_name)].filter(Boolean).join(' ');
  return name && name.length <= MAX_NAME_LENGTH ? name : undefined;
}

const sameEmail = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** What scope is decided on: a trajectory's manager (structurally, so auth needs nothing of the core). */
interface Managed {
  manager: { name: string; email: string };
}

/** HR sees every trajectory; a manager only the ones where they are the manager. */
export function canSee(principal: Principal, trajectory: Managed): boolean {
  return principal.role === 'hr' || sameEmail(principal.email, trajectory.manager.email);
}

/**
 * Lets a dossier through only to whoever may see it, without telling a manager whether an id
 * they may not see exists: a manager gets the same 403 for an unknown id as for another manager's
 * trajectory (neither is in their scope), while HR, who sees everything, learns that an id is
 * unknown (404). Load first, then call this, so both answers cost a manager the same read.
 */
export function assertVisible<T extends { trajectory: Managed }>(
  principal: Principal,
  dossier: T | undefined,
): asserts dossier is T {
  if (dossier && canSee(principal, dossier.trajectory)) return;
  if (principal.role === 'hr') throw new NotFoundError('not found');
  throw new ForbiddenError('forbidden');
}

/** Throws 403 unless the principal holds one of `roles`. */
export function requireRole(principal: Principal, roles: readonly PrincipalRole[]): void {
  if (!roles.includes(principal.role)) throw new ForbiddenError('forbidden');
}
