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

/** The routes of one kind of `auth`, written a line each in the table below. */
const withAuth =
  (auth: RouteDefinition['auth']) =>
  (method: HttpMethod, path: string, handler: string): RouteDefinition => ({ method, path, handler, auth });

/** A route behind the JWT authorizer. */
const guarded = withAuth('jwt');
/** A route API Gateway lets through: the handler checks what the caller holds (see `auth`). */
const open = withAuth('none');

export const ROUTES: readonly RouteDefinition[] = [
  guarded('POST', '/trajectories', 'api/create-trajectory'),
  guarded('GET', '/trajectories', 'api/list-trajectories'),
  guarded('GET', '/trajectories/{id}', 'api/get-trajectory'),
  // Exports: the dossier as a PDF, every visible trajectory as a CSV report (contract extensions).
  guarded('GET', '/trajectories/{id}/dossier.pdf', 'api/dossier-export'),
  guarded('GET', '/trajectories.csv', 'api/trajectories-csv'),
  // HR's internal report on the dossier's completeness: not part of the dossier (HR only).
  guarded('GET', '/trajectories/{id}/completeness.pdf', 'api/dossier-export'),
  // The employee's own copy (AVG art. 15): HR mails a new personal link, or revokes every link
  // sent; the link is read-only.
  guarded('POST', '/trajectories/{id}/employee-copy', 'api/issue-employee-copy'),
  guarded('POST', '/trajectories/{id}/employee-copy/revoke', 'api/issue-employee-copy'),
  open('GET', '/copy/{token}', 'api/employee-copy'),
  open('GET', '/copy/{token}/dossier.pdf', 'api/employee-copy'),
  open('GET', '/actions/{token}', 'api/get-action'),
  open('POST', '/actions/{token}', 'api/submit-action'),
  // A long form kept as a draft, not sent (the page's own button posts to the link with `intent=draft`).
  open('POST', '/actions/{token}/draft', 'api/submit-action'),
  // Evidence files of the link's own task, from its page's script (announce, check, remove).
  open('POST', '/actions/{token}/files', 'api/action-files'),
  open('POST', '/actions/{token}/files/{fileId}/confirm', 'api/action-files'),
  open('POST', '/actions/{token}/files/{fileId}/remove', 'api/action-files'),
  guarded('POST', '/trajectories/{id}/cancel', 'api/cancel-trajectory'),
  guarded('POST', '/trajectories/{id}/tasks/{taskId}/extend', 'api/extend-task'),
  // Illness: the trajectory stands still, and goes on with every pending date moved (HR).
  guarded('POST', '/trajectories/{id}/pause', 'api/pause-trajectory'),
  guarded('POST', '/trajectories/{id}/resume', 'api/resume-trajectory'),
  // Keeping the dossier: a legal hold stops its expiry; retention counts from the employment's end (HR).
  guarded('POST', '/trajectories/{id}/legal-hold', 'api/retention'),
  guarded('POST', '/trajectories/{id}/legal-hold/lift', 'api/retention'),
  guarded('POST', '/trajectories/{id}/employment-end', 'api/retention'),
  // Proof of receipt: a document handed over in person, with a witness or a refusal to sign (HR).
  guarded('POST', '/trajectories/{id}/receipts', 'api/retention'),
  // A change of the acknowledged plan: the manager rewrites it, HR approves, the employee acknowledges (HR).
  guarded('POST', '/trajectories/{id}/plan-changes', 'api/plan-change'),
  // Evidence files: upload (a pending file and its form, then the check), read, remove.
  guarded('GET', '/trajectories/{id}/files', 'api/files'),
  guarded('POST', '/trajectories/{id}/files', 'api/files'),
  guarded('POST', '/trajectories/{id}/files/{fileId}/confirm', 'api/files'),
  guarded('GET', '/trajectories/{id}/files/{fileId}', 'api/files'),
  guarded('POST', '/trajectories/{id}/files/{fileId}/remove', 'api/files'),
  // The dossier PDF followed by every exhibit, numbered: a redirect to the bundle, good for a minute.
  guarded('GET', '/trajectories/{id}/bundle.pdf', 'api/bundle'),
  // Stylesheet and script of the web pages (no inline code: the pages' CSP allows only 'self').
  open('GET', '/static/{file}', 'api/static-asset'),
  // The OpenAPI description of this table (docs/openapi.json), for client generators and catalogues.
  open('GET', '/openapi.json', 'api/openapi-document'),
  // The HR dashboard (HTML). The handlers check the session cookie themselves; see `auth` above.
  open('GET', '/', 'api/dashboard'),
  open('GET', '/start', 'api/dashboard'),
  open('GET', '/dossiers/{id}', 'api/dashboard'),
  // A task's form for the signed-in person it waits for, and their answer (as on the mailed link).
  open('GET', '/dossiers/{id}/tasks/{taskId}', 'api/dashboard'),
  open('GET', '/dossiers/{id}/print', 'api/dossier-export'),
  open('GET', '/dossiers/{id}/dossier.pdf', 'api/dossier-export'),
  open('GET', '/dossiers/{id}/completeness', 'api/dossier-export'),
  open('GET', '/dossiers/{id}/completeness.pdf', 'api/dossier-export'),
  open('GET', '/dossiers.csv', 'api/trajectories-csv'),
  open('POST', '/start', 'api/dashboard-actions'),
  open('POST', '/dossiers/{id}/cancel', 'api/dashboard-actions'),
  open('POST', '/dossiers/{id}/pause', 'api/dashboard-actions'),
  open('POST', '/dossiers/{id}/resume', 'api/dashboard-actions'),
  open('POST', '/dossiers/{id}/plan-change', 'api/dashboard-actions'),
  open('POST', '/dossiers/{id}/employee-copy', 'api/dashboard-actions'),
  open('POST', '/dossiers/{id}/employee-copy/revoke', 'api/dashboard-actions'),
  open('POST', '/dossiers/{id}/tasks/{taskId}', 'api/dashboard-actions'),
  // Documents of that task, attached by the same signed-in person (JSON for the page's script).
  open('POST', '/dossiers/{id}/tasks/{taskId}/files', 'api/dashboard-files'),
  open('POST', '/dossiers/{id}/tasks/{taskId}/files/{fileId}/confirm', 'api/dashboard-files'),
  open('POST', '/dossiers/{id}/tasks/{taskId}/files/{fileId}/remove', 'api/dashboard-files'),
  open('POST', '/dossiers/{id}/tasks/{taskId}/draft', 'api/dashboard-actions'),
  open('POST', '/dossiers/{id}/tasks/{taskId}/extend', 'api/dashboard-actions'),
  open('GET', '/sign-in', 'api/session'),
  // The Cognito Hosted UI's return (authorization code + state); see functions/api/session.ts.
  open('GET', '/auth/callback', 'api/session'),
  open('POST', '/sign-out', 'api/session'),
];
