/**
 * The ports of the domain: what the core and the handlers need from the outside world.
 * Adapters in functions/adapters implement them; tests may supply their own.
 */
import type {
  ActionLink,
  Dossier,
  DossierEvent,
  Task,
  Trajectory,
  TrajectoryStatus,
  WorkState,
} from './model.ts';
import type { Draft } from './drafts.ts';
import type { EvidenceFile } from './files.ts';
import type { LifecycleEvent } from './lifecycle-events.ts';

export interface Clock {
  now(): Date;
}

export interface TrajectorySummaryPage {
  items: Trajectory[];
  /** Opaque cursor for the next page, absent on the last. */
  next?: string;
}

export interface ListQuery {
  status?: TrajectoryStatus;
  limit?: number;
  cursor?: string;
}

/**
 * Persistence of dossiers. Every update is conditional on the `version` the caller read and
 * throws `VersionConflictError` when someone else wrote first; creates throw
 * `AlreadyExistsError` when the item exists. Appending an event with an id that is already
 * stored is a no-op, so a retried step never duplicates a dossier entry.
 */
export interface TrajectoryRepository {
  createTrajectory(trajectory: Trajectory, events: DossierEvent[]): Promise<void>;
  getTrajectory(id: string): Promise<Trajectory | undefined>;
  /** Trajectory, tasks and events, all pages of one Query. */
  getDossier(id: string): Promise<Dossier | undefined>;
  /** Trajectory and tasks without the events: one Query whose size does not grow with the dossier. */
  getWorkState(id: string): Promise<WorkState | undefined>;
  /** For HR: by status (all statuses when absent), newest first. */
  listTrajectories(query: ListQuery): Promise<TrajectorySummaryPage>;
  /** For a manager: only trajectories where `managerEmail` is the manager, newest first. */
  listTrajectoriesForManager(managerEmail: string, query: ListQuery): Promise<TrajectorySummaryPage>;
  /** Writes `trajectory` with version+1; returns the stored item. */
  updateTrajectory(trajectory: Trajectory): Promise<Trajectory>;

  createTask(task: Task): Promise<void>;
  getTask(trajectoryId: string, taskId: string): Promise<Task | undefined>;
  /** Writes `task` with version+1 if the stored version still equals `task.version`. */
  updateTask(task: Task): Promise<Task>;

  appendEvent(event: DossierEvent): Promise<void>;

  putActionLink(link: ActionLink): Promise<void>;
  findActionLink(linkHash: string): Promise<ActionLink | undefined>;
  /**
   * Stores `link` again with `revokedAt`: it answers as revoked from then on. Only a link that is
   * stored, for its own trajectory; otherwise nothing is written.
   */
  withdrawActionLink(link: ActionLink, revokedAt: string): Promise<void>;
}

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Optional attachments (e.g. an .ics invite). */
  attachments?: { filename: string; contentType: string; content: string }[];
}

export interface Mailer {
  /**
   * Sends the mail. A refusal because the account may mail verified addresses only, and a
   * recipient is not one, is a `MailRecipientNotVerifiedError` (functions/core/failures.ts); any
   * other failure is thrown as it came.
   */
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}

/**
 * The workflow engine (Step Functions). Executions are named after the trajectory id, so
 * starting the same trajectory twice is answered with the existing execution, never a second one.
 */
/** The error a cancel stops the executions with; the watch on stopped executions ignores it. */
export const STOPPED_BY_CANCEL = 'TrajectoryStopped';

export interface WorkflowClient {
  start(trajectoryId: string, input: Record<string, unknown>): Promise<void>;
  /**
   * Stops the trajectory's process: its first execution, named after the trajectory, the one
   * each extension continued in (`<trajectoryId>.term-<n>` up to `term`), and any a long pause
   * continued in (`<trajectoryId>.from-<start>`).
   */
  stop(trajectoryId: string, cause: string, term?: number): Promise<void>;
  /**
   * Stops the executions of these tasks of the trajectory (each human task runs in an execution
   * of its own, named after the trajectory and the task, and after a long wait in one named
   * `<trajectoryId>.<taskId>.<suffix>`). A task without a running execution is skipped: stopping
   * is safe to repeat.
   */
  stopTasks(trajectoryId: string, taskIds: readonly string[], cause: string): Promise<void>;
  /**
   * Starts the execution of a task the process does not wait for (a follow-up report, the
   * employee's response), named `<trajectoryId>.<taskId><nameSuffix>`. Safe to repeat: an
   * execution of that name that runs or ran already is left as it is.
   */
  startTask(trajectoryId: string, taskId: string, checkIn: number, nameSuffix?: string): Promise<void>;
  /** SendTaskSuccess. Resolves `false` (instead of throwing) when the token is no longer live. */
  completeTask(taskToken: string, output: unknown): Promise<boolean>;
  /**
   * Wakes an Ask state that waits on `taskToken` because its task's due time moved: SendTaskFailure
   * with error `DueTimeMoved`, which the state machine catches like a timeout, so the chasing
   * policy recomputes its checkpoints. Resolves `false` when the token is no longer live.
   */
  wake(taskToken: string): Promise<boolean>;
}

/**
 * Where the workflow, asleep while a trajectory is paused ("Sleep while paused"), leaves the task
 * token that wakes it, one per pause. Kept apart from the trajectory item, so the token never
 * travels with a trajectory to a client.
 */
export interface PauseTokens {
  /** Stores the token of the sleep for the pause that began at `pausedAt`, replacing an older one. */
  put(trajectoryId: string, pausedAt: string, taskToken: string): Promise<void>;
  get(trajectoryId: string, pausedAt: string): Promise<string | undefined>;
}

/**
 * The drafts of the long forms (functions/core/drafts.ts), one per task, in the trajectory's
 * partition. Not part of the dossier: the dossier's reads never return them.
 */
export interface Drafts {
  get(trajectoryId: string, taskId: string): Promise<Draft | undefined>;
  /** Replaces the task's draft, if any. */
  put(draft: Draft): Promise<void>;
  /** Idempotent: a task without a draft is fine. */
  delete(trajectoryId: string, taskId: string): Promise<void>;
}

/** The evidence files' records (functions/core/files.ts), in the trajectory's partition. */
export interface FileRecords {
  /** A conditional create: an id that exists is an error. */
  create(file: EvidenceFile): Promise<void>;
  get(trajectoryId: string, fileId: string): Promise<EvidenceFile | undefined>;
  /** Writes `file` if the stored record is still in `status`; answers whether it was. */
  replace(file: EvidenceFile, status: EvidenceFile['status']): Promise<boolean>;
  /** Deletes a record that is still pending (a rejected upload). */
  deletePending(trajectoryId: string, fileId: string): Promise<void>;
  list(trajectoryId: string): Promise<EvidenceFile[]>;
  /**
   * Draws the dossier's next exhibit number: every call gets its own, one more than the last
   * drawn, however many run at once. `after` is the highest number the dossier's files already
   * carry, for a dossier whose files were numbered before it had a counter.
   */
  drawExhibit(trajectoryId: string, after: number): Promise<number>;
}

/** A form that puts one object: post `fields` and then the file, as `multipart/form-data`, to `url`. */
export interface UploadForm {
  url: string;
  fields: Record<string, string>;
}

/** The bucket of the evidence files. Keys come from functions/core/files.ts. */
export interface FileStore {
  uploadForm(key: string, contentType: string, maxBytes: number, seconds: number): Promise<UploadForm>;
  /** Size of the object, or undefined when there is none. */
  size(key: string): Promise<number | undefined>;
  /** Its first `bytes` bytes. */
  head(key: string, bytes: number): Promise<Uint8Array>;
  /** The whole object (checksums, the exhibits bundle). */
  read(key: string): Promise<Uint8Array>;
  /** Copies within the bucket (server side). */
  copy(from: string, to: string, contentType: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Writes an object the app made itself (an exhibits bundle). */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** Deletes every object under `prefix`; answers how many. */
  deletePrefix(prefix: string): Promise<number>;
  downloadUrl(key: string, filename: string, contentType: string, seconds: number): Promise<string>;
}

/** Where lifecycle events go (docs/events.md): an EventBridge bus in AWS, the local bus on `npm start`. */
export interface EventBus {
  /** Puts one event on the bus; throws when the bus did not take it. */
  publish(event: LifecycleEvent): Promise<void>;
}

/**
 * The dossier events as the publisher of lifecycle events reads them, and the ledger of what it
 * published: one mark per dossier event, written once the bus took the event. A delivery of the
 * same stream record again (a retried batch) finds the mark and publishes nothing.
 */
export interface EventOutbox {
  /** The stored dossier event, or undefined when it is gone (the dossier was purged). */
  read(trajectoryId: string, eventId: string): Promise<DossierEvent | undefined>;
  isPublished(trajectoryId: string, eventId: string): Promise<boolean>;
  markPublished(trajectoryId: string, eventId: string, at: string): Promise<void>;
}
