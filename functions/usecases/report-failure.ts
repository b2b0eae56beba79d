/**
 * Telling HR a step failed ("Tell HR a step failed"): a step failed for good (its retries are
 * spent). The trajectory is flagged for attention, the failure goes into the dossier, and the HR
 * advisor is mailed, so a trajectory never stands still without anybody knowing.
 */
import { reportFailure } from '#core/steps.ts';
import { sendAll, type MailDeps } from './send-once.ts';
import { appendEvents, loadWorkState, retryOnConflict, writeTrajectory } from './store.ts';

export interface ReportFailureInput {
  trajectoryId: string;
  /** The name of the state that failed. */
  state: string;
  /** The error name Step Functions reported (`States.TaskFailed`, `WorkflowStateError`, ...). */
  error?: string;
  /**
   * The task whose own execution failed; absent when the process failed. The cause then belongs
   * to the task, and the task's next step that succeeds clears it.
   */
  taskId?: string;
}

export async function reportFailureStep(
  deps: MailDeps,
  input: ReportFailureInput,
): Promise<{ attention: boolean }> {
  const { repository } = deps;
  const failure = { state: input.state, error: input.error ?? 'unknown', taskId: input.taskId };
  const reported = await retryOnConflict(async () => {
    const dossier = await loadWorkState(repository, input.trajectoryId);
    const step = reportFailure(dossier, failure, deps.clock.now());
    const trajectory = step.trajectory ? await writeTrajectory(deps, step.trajectory) : dossier.trajectory;
    return { step, trajectory };
  });
  await appendEvents(repository, reported.step.events);
  await sendAll(deps, reported.trajectory, reported.step.mails);
  return { attention: reported.trajectory.attention };
}
