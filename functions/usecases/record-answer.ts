/**
 * Recording an answer ("Record the answer"): applies a completed task to the trajectory
 * (improvement areas, goals, the term and its meetings, the decision), appends the dossier events,
 * sends the employee what they must receive, and answers what the process needs next (`$step`).
 * Recording the aftercare, the last task, also closes the trajectory.
 *
 * A follow-up report, and an evaluation once HR confirmed it, invite the employee's own reaction;
 * an acknowledgement in which the employee disagrees with the plan asks HR for an answer. This step
 * opens that task and starts its execution itself, like opening does for the tasks the process
 * does not wait for (./open-task.ts). The process never waits for it, so the calendar runs on.
 *
 * Idempotent: the task is marked done (fixing its `completedAt`) before the trajectory is
 * written, every date derives from that `completedAt`, and what the trajectory already holds is
 * not applied again. A retry writes nothing new, appends nothing twice and mails nobody twice;
 * which is also what lets a step whose mails were held over a weekend simply run again.
 */
import type { TrajectoryStatus, WorkState } from '#core/model.ts';
import { closeTrajectory, completeTask, type StepOutput } from '#core/steps.ts';
import type { OpenTaskDeps } from './open-task.ts';
import { sendOrHold } from './send-once.ts';
import {
  appendEvents,
  createTask,
  loadWorkState,
  retryOnConflict,
  settleFailures,
  writeTrajectory,
  type StoreDeps,
} from './store.ts';

export interface CompleteTaskInput {
  trajectoryId: string;
  taskId: string;
}

export interface CompleteTaskOutput extends StepOutput {
  /** Set once recording the aftercare closed the trajectory. */
  status?: TrajectoryStatus;
}

/** The same as opening a task: the reaction this step may open is started here too. */
export type CompleteTaskDeps = OpenTaskDeps;

export async function completeTaskStep(
  deps: CompleteTaskDeps,
  input: CompleteTaskInput,
): Promise<CompleteTaskOutput> {
  const { repository } = deps;
  const done = await retryOnConflict(async () => {
    const dossier = await loadWorkState(repository, input.trajectoryId);
    const closedBy = closedByAftercare(dossier, input.taskId);
    if (closedBy) return { closedBy };
    const step = completeTask(dossier, input.taskId, deps.clock.now());
    if (step.task) await repository.updateTask(step.task);
    // A self-assessment the report overtook: its link answers "gone", its execution ends.
    for (const closed of step.closes ?? []) await repository.updateTask(closed);
    if (step.opens?.created) await createTask(repository, step.opens.task);
    const trajectory = step.trajectory ? await writeTrajectory(deps, step.trajectory) : dossier.trajectory;
    return { step, trajectory };
  });
  if (done.closedBy) return done.closedBy;
  await appendEvents(repository, done.step.events);
  // Started before the mails, which a day off holds: the reaction's own request waits for a
  // working day by itself. A repeat finds the execution already there.
  const { opens } = done.step;
  if (opens) await deps.workflow.startTask(opens.task.trajectoryId, opens.task.id, opens.checkIn);
  await sendOrHold(deps, done.trajectory, done.step.mails);
  // The answer is recorded: what failed in this task before is settled (before a close, which
  // leaves a closed trajectory as it is).
  await settleFailures(deps, done.trajectory, { taskId: input.taskId });
  if (done.step.output.task !== 'aftercare') return done.step.output;
  const { status } = await closeTrajectoryStep(deps, { trajectoryId: input.trajectoryId });
  return { ...done.step.output, status };
}

/** A repeat of the step that recorded the aftercare and closed the trajectory: its output again. */
function closedByAftercare(dossier: WorkState, taskId: string): CompleteTaskOutput | undefined {
  const { trajectory } = dossier;
  const task = dossier.tasks.find((candidate) => candidate.id === taskId);
  if (task?.kind !== 'aftercare' || task.status !== 'done' || trajectory.closedAt === undefined)
    return undefined;
  if (trajectory.status !== 'completed' && trajectory.status !== 'ended') return undefined;
  return { taskId, task: 'aftercare', status: trajectory.status };
}

/**
 * Closing: after the aftercare the trajectory is `completed` (successful) or `ended`
 * (unsuccessful), with its `closedAt`; any task still open is closed, so its link answers "gone"
 * and its execution ends at its next look (Chase answers `closed`).
 */
export async function closeTrajectoryStep(
  deps: StoreDeps,
  input: { trajectoryId: string },
): Promise<{ status: TrajectoryStatus }> {
  const { repository } = deps;
  const step = await retryOnConflict(async () => {
    const closed = closeTrajectory(await loadWorkState(repository, input.trajectoryId), deps.clock.now());
    // The trajectory first: once it is closed every link answers "gone", whatever the tasks say.
    if (closed.trajectory) await writeTrajectory(deps, closed.trajectory);
    for (const task of closed.tasks) await repository.updateTask(task);
    return closed;
  });
  // Closing gave the trajectory item its `expiresAt`; when TTL removes that item, the stream's
  // purge deletes the rest of the dossier and its links (functions/retention/purge-dossier.ts).
  await appendEvents(repository, step.events);
  return { status: step.status };
}
