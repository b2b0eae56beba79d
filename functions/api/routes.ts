/**
 * The one route table: the deployed HTTP API (infra/) and the local API gateway (local/) are
 * both built from it, so the two can never drift apart.
 */

export type HttpMethod = 'GET' | 'POST';

export interface RouteDefinition {
  method: HttpMethod;
  /** API Gateway route path, with `{param}` placeholders. */
  path: string;
  /** The handler module under functions/, without extension; it exports `handler`. */
  handler: string;
  /** `jwt`: the JWT authorizer guards the route; `none`: public (action links carry their own secret). */
  auth: 'jwt' | 'none';
}

export const ROUTES: readonly RouteDefinition[] = [
  { method: 'POST', path: '/trajectories', handler: 'api/create-trajectory', auth: 'jwt' },
  { method: 'GET', path: '/trajectories', handler: 'api/list-trajectories', auth: 'jwt' },
  { method: 'GET', path: '/trajectories/{id}', handler: 'api/get-trajectory', auth: 'jwt' },
  { method: 'GET', path: '/actions/{token}', handler: 'api/get-action', auth: 'none' },
  { method: 'POST', path: '/actions/{token}', handler: 'api/submit-action', auth: 'none' },
  { method: 'POST', path: '/trajectories/{id}/cancel', handler: 'api/cancel-trajectory', auth: 'jwt' },
  {
    method: 'POST',
    path: '/trajectories/{id}/tasks/{taskId}/extend',
    handler: 'api/extend-task',
    auth: 'jwt',
  },
];
