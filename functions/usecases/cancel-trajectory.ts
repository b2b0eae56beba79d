/**
 * POST /trajectories/{id}/cancel (HR): stops a running trajectory for good.
 *
 * The executions are stopped first, the trajectory's and then every open task's (each human
 * task runs in an execution of its own), so nothing can ask, chase or mail anything after HR
 * decided to stop; then its open tasks are closed (their links answer 410 from then on, and an
 * answer racing the cancel can no longer land after it), then the trajectory is marked cancelled
 * (the commit point: a conditional write that exactly one request can win), the reason goes into the dossier and everyone involved is told.
 *
 * A retry of a cancel that failed half-way meets a cancelled trajectory and gets 409, but first
 * finishes what is left: it closes what is still open, adds the dossier entry if it is missing
 * and sends the notices nobody claimed yet. Each notice goes through the mail ledger under a fixed
 * key, so nobody is told twice, whatever retries or races happen. The cancelled trajectory item
 * carries the retention `expiresAt`; when TTL removes it, the stream's purge deletes the rest of
 * the dossier and its action links (functions/retention/purge-dossier.ts).
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  cancellationMails,
  cancelled,
  cancelledEvent,
  closedTask,
  TRAJECTORY_CANCELLED,
} from '#core/actions.ts';
import type { Task, Trajectory } from '#core/model.ts';
import type { MailLedger } from '#core/outbox.ts';
import type { Clock, Mailer, TrajectoryRepository, WorkflowClient } from '#core/ports.ts';
import { isClosed } from '#core/trajectory.ts';
import { ConflictError, NotFoundError } from '#shared/errors.ts';
import { logger, metrics } from '#shared/observability.ts';
// The workflow's own at-most-once sending: the same ledger, the same `mail-sent` dossier entries.
import { sendOnce } from './send-once.ts';
import { retryOnConflict } from './store.ts';

export interface CancelTrajectoryDeps {
  repository: TrajectoryRepository;
  workflow: WorkflowClient;
  mailer: Mailer;
  /** Claims each notice's key before it is sent (functions/core/outbox.ts). */
  ledger: MailLedger;
  clock: Clock;
}

export interface CancelTrajectoryRequest {
  id: string;
  /** Mailed to the employee, the manager and the HR advisor. */
  reason: string;
  /** HR's own note: in the dossier for HR, in no mail. */
  internalNote?: string;
}

/** Lands in the execution history, which is not the dossier: no reason, no names. */
const STOP_CAUSE = 'Cancelled by HR';

export async function cancelTrajectory(
  deps: CancelTrajectoryDeps,
  { id, reason, internalNote }: CancelTrajectoryRequest,
): Promise<Trajectory> {
  const { repository } = deps;
  const notFound = () => new NotFoundError('trajectory');
  const alreadyClosed = async (current: Trajectory) => {
    if (current.status === 'cancelled') await finishCancel(deps, current, reason, internalNote);
    return new ConflictError('trajectory already closed');
  };

  let trajectory = await repository.getTrajectory(id);
  if (!trajectory) throw notFound();
  if (isClosed(trajectory.status)) throw await alreadyClosed(trajectory);

  await deps.workflow.stop(id, STOP_CAUSE, trajectory.term);
  // Then every task's own execution, so no reminder or escalation goes out after the cancel.
  const open = (await repository.getWorkState(id))?.tasks.filter((task) => task.status === 'open') ?? [];
  await deps.workflow.stopTasks(
    id,
    open.map((task) => task.id),
    STOP_CAUSE,
  );
  // And every open task closed before the trajectory reads cancelled. An answer writes its task
  // conditional on the task alone, so an answer racing the cancel either lands first, and is part
  // of the record before the cancellation, or finds its task closed (410): none is taken after.
  await Promise.all(open.map((task) => closeTask(repository, task)));
  // The moment of the cancellation is taken once the tasks are closed, after any answer that won.
  const now = deps.clock.now();
  // The workflow's steps write the same items (phase, attention, tokens). The first attempt
  // writes what was read above; a lost write re-reads and checks again.
  let read: Trajectory | undefined = trajectory;
  trajectory = await retryOnConflict(async () => {
    const current = read ?? (await repository.getTrajectory(id));
    read = undefined;
    if (!current) throw notFound();
    if (isClosed(current.status)) throw await alreadyClosed(current);
    return repository.updateTrajectory(cancelled(current, now));
  });
  metrics.addMetric('TrajectoryCancelled', MetricUnit.Count, 1);

  await finishCancel(deps, trajectory, reason, internalNote);
  return trajectory;
}

/**
 * Closes every open task, records the cancellation once and tells everyone who was not told yet.
 * Safe to run again: a retry of a cancel that failed half-way runs it to finish the job.
 */
async function finishCancel(
  deps: CancelTrajectoryDeps,
  trajectory: Trajectory,
  reason: string,
  internalNote: string | undefined,
): Promise<void> {
  const { repository } = deps;
  const dossier = await repository.getDossier(trajectory.id);
  const tasks = dossier?.tasks ?? [];
  await Promise.all(
    tasks.filter((task) => task.status === 'open').map((task) => closeTask(repository, task)),
  );
  // The reason recorded first is the one everybody reads, also in a notice sent by a retry.
  const recorded = dossier?.events.find((event) => event.id === TRAJECTORY_CANCELLED)?.data?.reason;
  const why = typeof recorded === 'string' ? recorded : reason;
  // The trajectory's own `closedAt` dates the entry, so a repair later still tells when it happened.
  const at = trajectory.closedAt ? new Date(trajectory.closedAt) : deps.clock.now();
  // The note never goes into a mail: the event keeps it for HR (eventForReader hides it from others).
  await repository.appendEvent(cancelledEvent(trajectory, why, at, internalNote));
  for (const intent of cancellationMails(trajectory, why, tasks)) {
    try {
      await sendOnce(deps, trajectory, intent);
    } catch (error) {
      // The cancel stands and the claim is given back: a retry of the request sends this one.
      logger.error('Could not send a cancellation mail', { recipient: intent.recipient, error });
      metrics.addMetric('CancellationMailFailed', MetricUnit.Count, 1);
    }
  }
}

async function closeTask(repository: TrajectoryRepository, read: Task): Promise<void> {
  let first: Task | undefined = read;
  await retryOnConflict(async () => {
    const task = first ?? (await repository.getTask(read.trajectoryId, read.id));
    first = undefined;
    // Answered or closed in the meantime: nothing left to close.
    if (task?.status !== 'open') return;
    await repository.updateTask(closedTask(task));
  });
}
