import type { FilesAccess, StateMachineUse, TableAccess } from './constructs/fn.ts';

/** What one function may reach; each entry becomes a `bind*` call (variable + grant). */
export interface Access {
  readonly table?: TableAccess;
  readonly stateMachine?: readonly StateMachineUse[];
  /** Send mail as the configured sender. */
  readonly mail?: boolean;
  /** Build links from the public base URL. */
  readonly links?: boolean;
  /**
   * Read the dashboard's session cookie: the user pool's issuer, the app client (audience) and
   * the signing keys, plus the Hosted UI's domain and URLs when it has one. Every handler of a
   * cookie route (the dashboard's pages, forms and downloads) sets it.
   */
  readonly session?: boolean;
  /** The evidence files' bucket (infra/constructs/files.ts). */
  readonly files?: FilesAccess;
  /**
   * Serve a task's page, whose script uploads documents from the browser straight to the files
   * bucket: the bucket's origin for the page's CSP (`connect-src`) and the largest file, to say
   * so. Nothing is granted: the upload is signed by `api/action-files` or `api/dashboard-files`.
   */
  readonly uploadPages?: boolean;
  /** Put lifecycle events on the stack's bus (docs/events.md). */
  readonly events?: boolean;
  /**
   * Make links to the employee's own copy of the dossier: how long such a link works
   * (`copyLinkDays`). Nothing is granted beyond the table and mail access declared beside it.
   */
  readonly copyLinks?: boolean;
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
  // Read a dossier (the PDF and the printable page) or every visible trajectory's dossier (the
  // CSV); the cookie routes among them verify the dashboard's session.
  'api/dossier-export': { table: 'read', session: true },
  'api/trajectories-csv': { table: 'read', session: true },
  // HR's new link to the employee's own copy: stores the link, mails the employee, records both;
  // revoking counts on the trajectory item.
  'api/issue-employee-copy': { table: 'readWrite', mail: true, links: true, copyLinks: true },
  // The employee's copy on their link: reads the link and the dossier, and records that it was
  // read (one entry per link per day). No mail, no state machine, no session.
  'api/employee-copy': { table: 'readWrite' },
  // Stores the task token on the task and mails the action link once; a response that arrived
  // while no token was live completes the task on the next entry (SendTaskSuccess). The employee's
  // first request after the conversation carries a link to their own copy of the dossier.
  'workflow/request-action': {
    table: 'readWrite',
    stateMachine: ['respond'],
    mail: true,
    links: true,
    copyLinks: true,
  },
  // Reads the link, the task and the dossier; a GET never writes (mail scanners open links).
  'api/get-action': { table: 'read', uploadPages: true },
  // Records the answer on the task, then completes the waiting step (SendTaskSuccess); the
  // base URL is where a browser is redirected after a form post.
  'api/submit-action': { table: 'readWrite', stateMachine: ['respond'], links: true, uploadPages: true },
  // Stops the executions (the trajectory's and its running human tasks'), closes the trajectory
  // and its tasks, and tells everyone involved.
  'api/cancel-trajectory': { table: 'readWrite', stateMachine: ['stop'], mail: true },
  // Moves the due time, wakes the waiting step (SendTaskFailure `DueTimeMoved`) and tells the
  // assignee the new deadline.
  'api/extend-task': { table: 'readWrite', stateMachine: ['respond'], mail: true },
  // The pages' stylesheet and script, compiled into the function: it reaches nothing.
  'api/static-asset': {},
  // docs/openapi.json, compiled into the function: it reaches nothing either.
  'api/openapi-document': {},
  // The dashboard's pages read trajectories and dossiers. Every handler behind the session
  // cookie (pages, forms, downloads) sets `session: true`, or it cannot tell who is asking.
  'api/dashboard': { table: 'read', session: true, uploadPages: true },
  // HR's dashboard forms run the create, cancel, extend, pause, resume and plan-change use cases,
  // and mail the employee a link to their own copy (from the public base URL).
  'api/dashboard-actions': {
    table: 'readWrite',
    stateMachine: ['start', 'stop', 'respond', 'startTask'],
    mail: true,
    links: true,
    session: true,
    copyLinks: true,
  },
  // Signs in through the Hosted UI (code exchange at its token endpoint, a public HTTPS call that
  // needs no grant) and clears the session cookie; reaches nothing of the stack.
  'api/session': { session: true },
  // Creates the task and moves the phase, and starts the execution of a task the process does not
  // wait for (a follow-up report and the self-assessment before it). The employee first hears of
  // the trajectory when the conversation is recorded (workflow/complete-task), not when a task opens.
  'workflow/open-task': { table: 'readWrite', stateMachine: ['startTask'], mail: true },
  // Stores the chase stage and attention; reminders and overdue notices carry a fresh action link.
  'workflow/chase': { table: 'readWrite', mail: true, links: true },
  // Applies the answer to the trajectory; mails the employee the follow-up summaries and the outcome,
  // each with the link to the employee's reaction to it, and starts that reaction's execution
  // (nothing waits for it).
  'workflow/complete-task': { table: 'readWrite', stateMachine: ['startTask'], mail: true, links: true },
  // Flags the trajectory for attention and mails the HR advisor.
  'workflow/report-failure': { table: 'readWrite', mail: true },
  // Fed by EventBridge (an execution failed, timed out or was aborted): flags a still-active
  // trajectory for attention and mails the HR advisor, like report-failure. Reaches no state machine.
  'workflow/execution-stopped': { table: 'readWrite', mail: true },
  // Leaves the sleeping step's token for the resume; completes itself when already resumed.
  'workflow/sleep-while-paused': { table: 'readWrite', stateMachine: ['respond'] },
  // Sets `pausedAt` and records the reason; nothing in the workflow needs to be told.
  'api/pause-trajectory': { table: 'readWrite' },
  // Moves the dates, then wakes the waiting steps (SendTaskFailure) and the sleeping one (SendTaskSuccess).
  'api/resume-trajectory': { table: 'readWrite', stateMachine: ['respond'] },
  // Records a legal hold or the end of the employment on the trajectory item (which sets or drops
  // its TTL) and the entry in the dossier; nothing in the workflow has to be told.
  'api/retention': { table: 'readWrite' },
  // Opens the manager's task to change the acknowledged plan and starts its execution; the task's
  // own request step mails the link.
  'api/plan-change': { table: 'readWrite', stateMachine: ['startTask'] },
  // Fed by the table's stream (TTL removals of trajectory items only): one keys-only Query of the
  // expired dossier, then BatchWriteItem deletes. No PutItem or UpdateItem, no index; reading the
  // stream is granted by its event source mapping (infra/constructs/retention.ts).
  'retention/purge-dossier': { table: 'purge', files: 'purge' },
  // Records evidence files, signs their upload forms, checks and moves what arrived, signs downloads.
  'api/files': { table: 'readWrite', files: 'readWrite' },
  // The same for the person a mailed link is for, on that link's task only.
  'api/action-files': { table: 'readWrite', files: 'readWrite' },
  // The same for the signed-in person a task waits for, on that task's dashboard page only.
  'api/dashboard-files': { table: 'readWrite', files: 'readWrite', session: true },
  // Reads the dossier and its stored files, writes the exhibits bundle and signs its download.
  'api/bundle': { table: 'read', files: 'bundle' },
  // Fed by the table's stream (dossier events written only): reads the event by its key, puts its
  // lifecycle event on the bus, writes the published mark. Reading the stream is granted by its
  // event source mapping (infra/constructs/lifecycle-events.ts).
  'events/publish-lifecycle-events': { table: 'publish', events: true },
};
