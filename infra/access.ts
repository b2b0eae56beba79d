import type { StateMachineUse, TableAccess } from './constructs/fn.ts';

/** What one function may reach; each entry becomes a `bind*` call (variable + grant). */
export interface Access {
  readonly table?: TableAccess;
  readonly stateMachine?: readonly StateMachineUse[];
  /** Send mail as the configured sender. */
  readonly mail?: boolean;
  /** Build links from the public base URL. */
  readonly links?: boolean;
}

/**
 * Every function's access, by handler module. A function without an entry, or an entry
 * without a function, fails the synth: permissions are decided here, on purpose, never by
 * default. The infra tests hold the synthesized policies to exactly these declarations.
 */
export const FUNCTION_ACCESS: Readonly<Record<string, Access>> = {
  // Writes the trajectory (and its idempotency record), then starts its execution.
  'api/create-trajectory': { table: 'readWrite', stateMachine: ['start'] },
  'api/list-trajectories': { table: 'read' },
  'api/get-trajectory': { table: 'read' },
  // Stores the task token on the task and mails the action link once; a response that arrived
  // while no token was live completes the task on the next entry (SendTaskSuccess).
  'workflow/request-action': { table: 'readWrite', stateMachine: ['respond'], mail: true, links: true },
  // Reads the link, the task and the dossier; a GET never writes (mail scanners open links).
  'api/get-action': { table: 'read' },
  // Records the answer on the task, then completes the waiting step (SendTaskSuccess); the
  // base URL is where a browser is redirected after a form post.
  'api/submit-action': { table: 'readWrite', stateMachine: ['respond'], links: true },
  // Stops the execution, closes the trajectory and its tasks, and tells everyone involved.
  'api/cancel-trajectory': { table: 'readWrite', stateMachine: ['stop'], mail: true },
  // Moves the due time, wakes the waiting step (SendTaskFailure `DueTimeMoved`) and tells the
  // assignee the new deadline.
  'api/extend-task': { table: 'readWrite', stateMachine: ['respond'], mail: true },
  // The pages' stylesheet and script, compiled into the function: it reaches nothing.
  'api/static-asset': {},
  // The dashboard's pages read trajectories and dossiers. (Session verification needs AUTH_* and
  // SIGN_IN_URL from the user pool; not bound yet, see the report.)
  'api/dashboard': { table: 'read' },
  // HR's dashboard forms run the create, cancel and extend use cases.
  'api/dashboard-actions': { table: 'readWrite', stateMachine: ['start', 'stop', 'respond'], mail: true },
  // Redirects to the sign-in page and clears the session cookie; reaches nothing.
  'api/session': {},
  // Creates the task and moves the phase; the first task also tells the employee the trajectory started.
  'workflow/open-task': { table: 'readWrite', mail: true },
  // Stores the chase stage and attention; reminders and overdue notices carry a fresh action link.
  'workflow/chase': { table: 'readWrite', mail: true, links: true },
  // Applies the answer to the trajectory; mails the employee the follow-up summaries and the outcome.
  'workflow/complete-task': { table: 'readWrite', mail: true },
  // Closes the trajectory and its remaining tasks, then stamps retention on the whole dossier.
  'workflow/close-trajectory': { table: 'readWrite' },
  // Flags the trajectory for attention and mails the HR advisor.
  'workflow/report-failure': { table: 'readWrite', mail: true },
};
