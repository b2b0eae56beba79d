/**
 * "Chase …": runs when an Ask state timed out or was woken because HR moved the deadline.
 * Applies the chasing policy of the core (reminder; overdue + escalation; second escalation +
 * attention; or "no response" for an employee), sends its mails, stores the stage, and tells
 * the state machine when to look again.
 *
 * Order matters for retries: mails first (each at most once, by its key), then the events, then
 * the trajectory, then the task's stage last. Until the stage is stored a retry recomputes the
 * same actions, so nothing decided is lost and nothing done is repeated.
 */
import * as z from 'zod';
import { chaseTask, type ChaseOutcome } from '#core/steps.ts';
import { clock } from '#adapters/clock.ts';
import { createMailLedgerFromEnv } from '#adapters/dynamo-mail-ledger.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { createMailerFromEnv } from '#adapters/ses-mailer.ts';
import { config } from '#shared/env.ts';
import {
  appendEvents,
  loadWorkState,
  retryOnConflict,
  sendAll,
  workflowHandler,
  writeTrajectory,
  type MailDeps,
} from './support.ts';

export const chaseInput = z.object({ trajectoryId: z.string().min(1), taskId: z.string().min(1) });

export type ChaseInput = z.output<typeof chaseInput>;

export interface ChaseOutput {
  /** Seconds until the next checkpoint: the next timeout of the Ask state. */
  checkIn: number;
  /** `waiting`: ask again. `no-response`: an employee let the deadline pass. `done`: answered. */
  outcome: ChaseOutcome;
}

export async function chaseStep(deps: MailDeps, input: ChaseInput): Promise<ChaseOutput> {
  const { repository } = deps;
  return retryOnConflict(async () => {
    const dossier = await loadWorkState(repository, input.trajectoryId);
    const step = chaseTask(dossier, input.taskId, deps.clock.now());
    await sendAll(deps, dossier.trajectory, step.mails);
    await appendEvents(repository, step.events);
    if (step.trajectory) await writeTrajectory(deps, step.trajectory);
    if (step.task) await repository.updateTask(step.task);
    return { checkIn: step.checkIn, outcome: step.outcome };
  });
}

const deps: MailDeps = {
  repository: createRepositoryFromEnv(),
  mailer: createMailerFromEnv(),
  ledger: createMailLedgerFromEnv(),
  clock,
  // Read on first use, as every adapter's configuration: the module loads without any.
  get baseUrl() {
    return config.baseUrl;
  },
};

export const handler = workflowHandler(chaseInput, (input) => chaseStep(deps, input));
