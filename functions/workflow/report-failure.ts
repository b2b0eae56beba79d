/**
 * "Tell HR a step failed": a step failed for good (its retries are spent). The trajectory is
 * flagged for attention, the failure goes into the dossier, and the HR advisor is mailed, so a
 * trajectory never stands still without anybody knowing.
 */
import * as z from 'zod';
import { reportFailure } from '#core/steps.ts';
import { clock } from '#adapters/clock.ts';
import { createMailLedgerFromEnv } from '#adapters/dynamo-mail-ledger.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { createMailerFromEnv } from '#adapters/ses-mailer.ts';
import {
  appendEvents,
  loadWorkState,
  retryOnConflict,
  sendAll,
  workflowHandler,
  writeTrajectory,
  type MailDeps,
} from './support.ts';

export const reportFailureInput = z.object({
  trajectoryId: z.string().min(1),
  /** The name of the state that failed. */
  state: z.string().min(1).max(200),
  /** The error name Step Functions reported (`States.TaskFailed`, `WorkflowStateError`, ...). */
  error: z.string().max(200).optional(),
});

export type ReportFailureInput = z.output<typeof reportFailureInput>;

export async function reportFailureStep(
  deps: MailDeps,
  input: ReportFailureInput,
): Promise<{ attention: boolean }> {
  const { repository } = deps;
  const failure = { state: input.state, error: input.error ?? 'unknown' };
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

const deps: MailDeps = {
  repository: createRepositoryFromEnv(),
  mailer: createMailerFromEnv(),
  ledger: createMailLedgerFromEnv(),
  clock,
};

export const handler = workflowHandler(reportFailureInput, (input) => reportFailureStep(deps, input));
