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
  /**
   * `jwt`: the JWT authorizer guards the route; `none`: API Gateway lets every request through.
   * `none` is for the action links and the employee's copy links (the link carries its own secret), the static assets, the
   * API's OpenAPI description, and the HR dashboard's pages: a browser sends the session as a
   * cookie, and the HTTP API's JWT authorizer reads only the `Authorization` header, so those
   * handlers verify the cookie's token themselves (functions/shared/session-cookie.ts) with the same
   * issuer, audience and keys.
   */
  auth: 'jwt' | 'none';
}

export const ROUTES: readonly RouteDefinition[] = [
  { method: 'POST', path: '/trajectories', handler: 'api/create-trajectory', auth: 'jwt' },
  { method: 'GET', path: '/trajectories', handler: 'api/list-trajectories', auth: 'jwt' },
  { method: 'GET', path: '/trajectories/{id}', handler: 'api/get-trajectory', auth: 'jwt' },
  // Exports: the dossier as a PDF, every visible trajectory as a CSV report (contract extensions).
  { method: 'GET', path: '/trajectories/{id}/dossier.pdf', handler: 'api/dossier-export', auth: 'jwt' },
  { method: 'GET', path: '/trajectories.csv', handler: 'api/trajectories-csv', auth: 'jwt' },
  // HR's internal report on the dossier's completeness: not part of the dossier (HR only).
  {
    method: 'GET',
    path: '/trajectories/{id}/completeness.pdf',
    handler: 'api/dossier-export',
    auth: 'jwt',
  },
  // The employee's own copy (AVG art. 15): HR mails a new personal link; the link is read-only.
  {
    method: 'POST',
    path: '/trajectories/{id}/employee-copy',
    handler: 'api/issue-employee-copy',
    auth: 'jwt',
  },
  { method: 'GET', path: '/copy/{token}', handler: 'api/employee-copy', auth: 'none' },
  { method: 'GET', path: '/copy/{token}/dossier.pdf', handler: 'api/employee-copy', auth: 'none' },
  { method: 'GET', path: '/actions/{token}', handler: 'api/get-action', auth: 'none' },
  { method: 'POST', path: '/actions/{token}', handler: 'api/submit-action', auth: 'none' },
  // A long form kept as a draft, not sent (the page's own button posts to the link with `intent=draft`).
  { method: 'POST', path: '/actions/{token}/draft', handler: 'api/submit-action', auth: 'none' },
  // Evidence files of the link's own task, from its page's script (announce, check, remove).
  { method: 'POST', path: '/actions/{token}/files', handler: 'api/action-files', auth: 'none' },
  {
    method: 'POST',
    path: '/actions/{token}/files/{fileId}/confirm',
    handler: 'api/action-files',
    auth: 'none',
  },
  {
    method: 'POST',
    path: '/actions/{token}/files/{fileId}/remove',
    handler: 'api/action-files',
    auth: 'none',
  },
  { method: 'POST', path: '/trajectories/{id}/cancel', handler: 'api/cancel-trajectory', auth: 'jwt' },
  {
    method: 'POST',
    path: '/trajectories/{id}/tasks/{taskId}/extend',
    handler: 'api/extend-task',
    auth: 'jwt',
  },
  // Illness: the trajectory stands still, and goes on with every pending date moved (HR).
  { method: 'POST', path: '/trajectories/{id}/pause', handler: 'api/pause-trajectory', auth: 'jwt' },
  { method: 'POST', path: '/trajectories/{id}/resume', handler: 'api/resume-trajectory', auth: 'jwt' },
  // Keeping the dossier: a legal hold stops its expiry; retention counts from the employment's end (HR).
  { method: 'POST', path: '/trajectories/{id}/legal-hold', handler: 'api/retention', auth: 'jwt' },
  { method: 'POST', path: '/trajectories/{id}/legal-hold/lift', handler: 'api/retention', auth: 'jwt' },
  { method: 'POST', path: '/trajectories/{id}/employment-end', handler: 'api/retention', auth: 'jwt' },
  // Proof of receipt: a document handed over in person, with a witness or a refusal to sign (HR).
  { method: 'POST', path: '/trajectories/{id}/receipts', handler: 'api/retention', auth: 'jwt' },
  // A change of the acknowledged plan: the manager rewrites it, HR approves, the employee acknowledges (HR).
  { method: 'POST', path: '/trajectories/{id}/plan-changes', handler: 'api/plan-change', auth: 'jwt' },
  // Evidence files: upload (a pending file and its form, then the check), read, remove.
  { method: 'GET', path: '/trajectories/{id}/files', handler: 'api/files', auth: 'jwt' },
  { method: 'POST', path: '/trajectories/{id}/files', handler: 'api/files', auth: 'jwt' },
  { method: 'POST', path: '/trajectories/{id}/files/{fileId}/confirm', handler: 'api/files', auth: 'jwt' },
  { method: 'GET', path: '/trajectories/{id}/files/{fileId}', handler: 'api/files', auth: 'jwt' },
  { method: 'POST', path: '/trajectories/{id}/files/{fileId}/remove', handler: 'api/files', auth: 'jwt' },
  // The dossier PDF followed by every exhibit, numbered: a redirect to the bundle, good for a minute.
  { method: 'GET', path: '/trajectories/{id}/bundle.pdf', handler: 'api/bundle', auth: 'jwt' },
  // Stylesheet and script of the web pages (no inline code: the pages' CSP allows only 'self').
  { method: 'GET', path: '/static/{file}', handler: 'api/static-asset', auth: 'none' },
  // The OpenAPI description of this table (docs/openapi.json), for client generators and catalogues.
  { method: 'GET', path: '/openapi.json', handler: 'api/openapi-document', auth: 'none' },
  // The HR dashboard (HTML). The handlers check the session cookie themselves; see `auth` above.
  { method: 'GET', path: '/', handler: 'api/dashboard', auth: 'none' },
  { method: 'GET', path: '/start', handler: 'api/dashboard', auth: 'none' },
  { method: 'GET', path: '/dossiers/{id}', handler: 'api/dashboard', auth: 'none' },
  // A task's form for the signed-in person it waits for, and their answer (as on the mailed link).
  { method: 'GET', path: '/dossiers/{id}/tasks/{taskId}', handler: 'api/dashboard', auth: 'none' },
  { method: 'GET', path: '/dossiers/{id}/print', handler: 'api/dossier-export', auth: 'none' },
  { method: 'GET', path: '/dossiers/{id}/dossier.pdf', handler: 'api/dossier-export', auth: 'none' },
  { method: 'GET', path: '/dossiers/{id}/completeness', handler: 'api/dossier-export', auth: 'none' },
  {
    method: 'GET',
    path: '/dossiers/{id}/completeness.pdf',
    handler: 'api/dossier-export',
    auth: 'none',
  },
  { method: 'GET', path: '/dossiers.csv', handler: 'api/trajectories-csv', auth: 'none' },
  { method: 'POST', path: '/start', handler: 'api/dashboard-actions', auth: 'none' },
  { method: 'POST', path: '/dossiers/{id}/cancel', handler: 'api/dashboard-actions', auth: 'none' },
  { method: 'POST', path: '/dossiers/{id}/pause', handler: 'api/dashboard-actions', auth: 'none' },
  { method: 'POST', path: '/dossiers/{id}/resume', handler: 'api/dashboard-actions', auth: 'none' },
  { method: 'POST', path: '/dossiers/{id}/plan-change', handler: 'api/dashboard-actions', auth: 'none' },
  { method: 'POST', path: '/dossiers/{id}/tasks/{taskId}', handler: 'api/dashboard-actions', auth: 'none' },
  // Documents of that task, attached by the same signed-in person (JSON for the page's script).
  {
    method: 'POST',
    path: '/dossiers/{id}/tasks/{taskId}/files',
    handler: 'api/dashboard-files',
    auth: 'none',
  },
  {
    method: 'POST',
    path: '/dossiers/{id}/tasks/{taskId}/files/{fileId}/confirm',
    handler: 'api/dashboard-files',
    auth: 'none',
  },
  {
    method: 'POST',
    path: '/dossiers/{id}/tasks/{taskId}/files/{fileId}/remove',
    handler: 'api/dashboard-files',
    auth: 'none',
  },
  {
    method: 'POST',
    path: '/dossiers/{id}/tasks/{taskId}/draft',
    handler: 'api/dashboard-actions',
    auth: 'none',
  },
  {
    method: 'POST',
    path: '/dossiers/{id}/tasks/{taskId}/extend',
    handler: 'api/dashboard-actions',
    auth: 'none',
  },
  { method: 'GET', path: '/sign-in', handler: 'api/session', auth: 'none' },
  // The Cognito Hosted UI's return (authorization code + state); see functions/api/session.ts.
  { method: 'GET', path: '/auth/callback', handler: 'api/session', auth: 'none' },
  { method: 'POST', path: '/sign-out', handler: 'api/session', auth: 'none' },
];
