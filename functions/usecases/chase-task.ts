/**
 * Chasing a task whose Ask state timed out or was woken because HR moved the deadline: applies
 * the chasing policy of the core (reminder; overdue + escalation; second escalation + attention;
 * or "no response" for an employee), sends its mails, stores the stage, and says when to look
 * again.
 *
 * Order matters for retries: mails first (each at most once, by its key), then the events, then
 * the trajectory, then the task's stage last. Until the stage is stored a retry recomputes the
 * same actions, so nothing decided is lost and nothing done is repeated.
 */
import { chaseTask, type ChaseOutcome } from '#core/steps.ts';
import { sendAll, type MailDeps } from './send-once.ts';
import { appendEvents, loadWorkState, retryOnConflict, settleFailures, writeTrajectory } from './store.ts';

export interface ChaseInput {
  trajectoryId: string;
  taskId: string;
}

export interface ChaseOutput {
  /** Seconds until the next checkpoint: the next timeout of the Ask state. */
  checkIn: number;
  /** `waiting`: ask again. `no-response`: an employee let the deadline pass. `done`: answered. */
  outcome: ChaseOutcome;
}

export async function chaseStep(deps: MailDeps, input: ChaseInput): Promise<ChaseOutput> {
  const { repository } = deps;
  const chased = await retryOnConflict(async () => {
    const dossier = await loadWorkState(repository, input.trajectoryId);
    const step = chaseTask(dossier, input.taskId, deps.clock.now());
    await sendAll(deps, dossier.trajectory, step.mails);
    await appendEvents(repository, step.events);
    const trajectory = step.trajectory ? await writeTrajectory(deps, step.trajectory) : dossier.trajectory;
    if (step.task) await repository.updateTask(step.task);
    return { trajectory, output: { checkIn: step.checkIn, outcome: step.outcome } };
  });
  // The task's chasing runs again: what failed in it before is settled.
  await settleFailures(deps, chased.trajectory, { taskId: input.taskId });
  return chased.output;
}
