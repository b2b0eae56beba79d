/**
 * What every workflow handler shares: loading the trajectory and its tasks, writing with re-reads on a lost
 * conditional write, appending events, sending mails at most once, and the handler wrapper that
 * validates the state machine's payload. The handlers themselves stay a few lines each.
 */
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { mailWindow } from '#core/chasing.ts';
import { MailRecipientNotVerifiedError } from '#core/failures.ts';
import { addressed } from '#core/mails.ts';
import type { DossierEvent, Trajectory, WorkState } from '#core/model.ts';
import type { MailIntent, MailLedger } from '#core/outbox.ts';
import type { Clock, Mailer, TrajectoryRepository } from '#core/ports.ts';
import { actionUrl, mintActionLink } from '#shared/action-links.ts';
import { VersionConflictError } from '#shared/errors.ts';
import { logger } from '#shared/observability.ts';
import { InvalidStepInputError, MailsHeldError, TransientError } from './errors.ts';

export interface StoreDeps {
  repository: TrajectoryRepository;
  clock: Clock;
}

export interface MailDeps extends StoreDeps {
  mailer: Mailer;
  ledger: MailLedger;
  /** Public base URL of the action links; only functions that mail links have one. */
  baseUrl?: string;
}

/** Re-reads within one invocation before the state machine's own retry takes over. */
export const MAX_WRITE_ATTEMPTS = 5;

/**
 * Runs `attempt` again from a fresh read each time a conditional write loses. After
 * `MAX_WRITE_ATTEMPTS` the `VersionConflictError` goes to the state machine, which retries the
 * whole step with backoff.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>): Promise<T> {
  for (let round = 1; ; round++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof VersionConflictError) || round >= MAX_WRITE_ATTEMPTS) throw error;
    }
  }
}

/** The trajectory and its tasks (no events: no step decides on them), read consistently. */
export async function loadWorkState(
  repository: TrajectoryRepository,
  trajectoryId: string,
): Promise<WorkState> {
  const state = await repository.getWorkState(trajectoryId);
  if (!state) throw new InvalidStepInputError(`Unknown trajectory ${trajectoryId}`);
  return state;
}

/** Writes the trajectory with a fresh `updatedAt`, conditional on the version it was read at. */
export function writeTrajectory(deps: StoreDeps, trajectory: Trajectory): Promise<Trajectory> {
  return deps.repository.updateTrajectory({ ...trajectory, updatedAt: deps.clock.now().toISOString() });
}

/** Appends in order; each append of an id already stored is a no-op. */
export async function appendEvents(repository: TrajectoryRepository, events: DossierEvent[]): Promise<void> {
  for (const event of events) await repository.appendEvent(event);
}

/**
 * Sends one mail unless its key was claimed before. The claim comes first, so a retried step
 * never sends twice; a failed send gives the claim back and throws `TransientError`, so the
 * state machine's retry sends it then. A sent mail is an event in the dossier: the record that
 * the employee was informed, and when. Answers whether this call sent it.
 */
export async function sendOnce(deps: MailDeps, trajectory: Trajectory, intent: MailIntent): Promise<boolean> {
  const now = deps.clock.now().toISOString();
  if (!(await deps.ledger.claim(trajectory.id, intent.key, now))) return false;
  try {
    let link: string | undefined;
    if (intent.linkTaskId) {
      if (!deps.baseUrl)
        throw new Error(`The ${intent.kind} mail needs an action link but there is no base URL`);
      const minted = mintActionLink();
      await deps.repository.putActionLink({
        linkHash: minted.linkHash,
        trajectoryId: trajectory.id,
        taskId: intent.linkTaskId,
        createdAt: now,
      });
      link = actionUrl(deps.baseUrl, minted.token);
    }
    await deps.mailer.send(addressed(trajectory, intent.recipient, intent.render(link)));
  } catch (error) {
    await releaseClaim(deps, trajectory.id, intent.key);
    // SES's sandbox refused the address: no retry helps, so the step fails under that name for HR.
    if (error instanceof MailRecipientNotVerifiedError) throw error;
    throw new TransientError(`Could not send the ${intent.kind} mail ${intent.key}`, { cause: error });
  }
  await deps.repository.appendEvent(mailSentEvent(trajectory, intent, now));
  return true;
}

async function releaseClaim(deps: MailDeps, trajectoryId: string, key: string): Promise<void> {
  try {
    await deps.ledger.release(trajectoryId, key);
  } catch (error) {
    // The mail stays unsent for good; at most once wins over at least once (see MailLedger).
    logger.error('Could not release a mail claim; that mail will not be sent', { key, error });
  }
}

/** Sends each intent once, in order. */
export async function sendAll(
  deps: MailDeps,
  trajectory: Trajectory,
  intents: MailIntent[],
): Promise<number> {
  let sent = 0;
  for (const intent of intents) if (await sendOnce(deps, trajectory, intent)) sent++;
  return sent;
}

/**
 * Sends the intents now, or, on a day without mail (a weekend or a public holiday), holds them:
 * `MailsHeldError` tells the state machine to run the step again on the next working day. Call
 * it last, after everything the step writes: the repeat then only finds the mails left to send.
 */
export async function sendOrHold(
  deps: MailDeps,
  trajectory: Trajectory,
  intents: MailIntent[],
): Promise<void> {
  if (intents.length === 0) return;
  const window = mailWindow(deps.clock.now());
  if (!window.open) throw new MailsHeldError(window.opensAt);
  await sendAll(deps, trajectory, intents);
}

export function mailSentEvent(trajectory: Trajectory, intent: MailIntent, at: string): DossierEvent {
  return {
    id: `mail.${intent.key}`,
    trajectoryId: trajectory.id,
    at,
    type: 'mail-sent',
    actor: { role: 'system' },
    ...(intent.taskId && { taskId: intent.taskId }),
    // The role, never the address: the dossier says who was informed without copying contact data.
    data: { mail: intent.kind, to: intent.recipient },
  };
}

/** Errors that steer the state machine (its `Catch`), not failures: functions/core/pause.ts. */
const WORKFLOW_SIGNALS = new Set([
  'TrajectoryPaused',
  'CalendarMoved',
  'MailsHeld',
  'TermContinues',
  'ResumesAt',
  'FollowUpsDone',
]);

/**
 * A workflow Lambda: the payload is validated once (a bad one is a bug in the definition and
 * is not retried), the trajectory and task ids go on every log line, and a failure is logged by
 * its name before it goes back to the state machine, which matches on that name.
 */
export function workflowHandler<S extends z.ZodType, R>(
  schema: S,
  run: (input: z.output<S>) => Promise<R>,
): (event: unknown, context?: Context) => Promise<R> {
  return async (event, context) => {
    const parsed = schema.safeParse(event);
    if (!parsed.success) {
      // The issues name paths and expectations only, never the values (a task token is one).
      const paths = parsed.error.issues.map((issue) => issue.path.join('.') || '(payload)');
      throw new InvalidStepInputError(`Invalid step input at ${paths.join(', ')}`);
    }
    const input = parsed.data as { trajectoryId?: string; taskId?: string };
    logger.resetKeys();
    if (context?.awsRequestId) logger.appendKeys({ requestId: context.awsRequestId });
    logger.appendKeys({ trajectoryId: input.trajectoryId, taskId: input.taskId });
    try {
      return await run(parsed.data);
    } catch (error) {
      const errorType = (error as Error).name;
      // Signals the state machine routes on (a paused trajectory, a moved date) are no failure.
      if (WORKFLOW_SIGNALS.has(errorType)) logger.info('Workflow step signalled', { errorType });
      else logger.error('Workflow step failed', { errorType, error });
      throw error;
    }
  };
}
