/**
 * "Record …": applies a completed task to the trajectory (improvement areas, goals, the term and
 * its meetings, the decision), appends the dossier events, sends the employee what they must
 * receive, and returns what the next states need (`$step`).
 *
 * Idempotent: the task is marked done (fixing its `completedAt`) before the trajectory is
 * written, every date derives from that `completedAt`, and what the trajectory already holds is
 * not applied again. A retry writes nothing new, appends nothing twice and mails nobody twice.
 */
import * as z from 'zod';
import { completeTask, type StepOutput } from '#core/steps.ts';
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

export const completeTaskInput = z.object({ trajectoryId: z.string().min(1), taskId: z.string().min(1) });

export type CompleteTaskInput = z.output<typeof completeTaskInput>;

export async function completeTaskStep(deps: MailDeps, input: CompleteTaskInput): Promise<StepOutput> {
  const { repository } = deps;
  const done = await retryOnConflict(async () => {
    const dossier = await loadWorkState(repository, input.trajectoryId);
    const step = completeTask(dossier, input.taskId, deps.clock.now());
    if (step.task) await repository.updateTask(step.task);
    const trajectory = step.trajectory ? await writeTrajectory(deps, step.trajectory) : dossier.trajectory;
    return { step, trajectory };
  });
  await appendEvents(repository, done.step.events);
  await sendAll(deps, done.trajectory, done.step.mails);
  return done.step.output;
}

const deps: MailDeps = {
  repository: createRepositoryFromEnv(),
  mailer: createMailerFromEnv(),
  ledger: createMailLedgerFromEnv(),
  clock,
};

export const handler = workflowHandler(completeTaskInput, (input) => completeTaskStep(deps, input));
