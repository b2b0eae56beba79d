/**
 * "Open <task> task": creates the task with its due time, moves the trajectory's phase and
 * returns the seconds to the first checkpoint (the Ask state's timeout). A retry finds the task
 * the first attempt created and returns it: never a second task.
 *
 * A task the calendar opens (follow-up, evaluation, aftercare) is not opened while the trajectory
 * is paused (`TrajectoryPaused`: the state machine sleeps) or when a resume moved its date past
 * now (`CalendarMoved`, the new date in the message: the state machine waits again).
 *
 * The task itself runs in an execution of its own (statemachine/human-task.asl.json). The process
 * starts it after this step with the returned `taskId` and `checkIn` where it waits for the answer;
 * a task it does not wait for (a follow-up report, the employee's response) this step starts
 * itself, which saves the process a state per task.
 *
 * A follow-up opens with the employee's self-assessment before it, which this step starts too.
 *
 * A follow-up without a meeting is the calendar at the end of the term: `FollowUpsDone`, and the
 * process opens the evaluation.
 */
import * as z from 'zod';
import { TASK_KINDS, type TaskKind } from '#core/model.ts';
import { calendarHold } from '#core/pause.ts';
import type { WorkflowClient } from '#core/ports.ts';
import { FollowUpsDoneError, NOT_WAITED_FOR, openTask, type CalendarStep } from '#core/steps.ts';
import { clock } from '#adapters/clock.ts';
import { createMailLedgerFromEnv } from '#adapters/dynamo-mail-ledger.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { createMailerFromEnv } from '#adapters/ses-mailer.ts';
import { createWorkflowFromEnv } from '#adapters/sfn-workflow.ts';
import { AlreadyExistsError, VersionConflictError } from '#shared/errors.ts';
import {
  appendEvents,
  loadWorkState,
  retryOnConflict,
  sendOrHold,
  workflowHandler,
  writeTrajectory,
  type MailDeps,
} from './support.ts';

export const openTaskInput = z.object({
  trajectoryId: z.string().min(1),
  task: z.enum(TASK_KINDS),
  /** The follow-up's meeting; null past the last one (the end of the term). */
  meeting: z.number().int().positive().nullish(),
  /** What the process adds to its task executions' names (`.r<start>` after a long pause). */
  runSuffix: z
    .string()
    .regex(/^(\.r[0-9a-z]{1,12})?$/)
    .optional(),
  /** Set (else null) when the process continues an older execution: see `ResumesAtError`. */
  resumeAt: z.enum(TASK_KINDS).nullish(),
});

export interface OpenTaskInput {
  trajectoryId: string;
  task: TaskKind;
  meeting?: number | null;
  resumeAt?: TaskKind | null;
  runSuffix?: string;
}

export interface OpenTaskDeps extends MailDeps {
  workflow: Pick<WorkflowClient, 'startTask'>;
}

export interface OpenTaskOutput {
  taskId: string;
  /** Seconds to the first checkpoint of the chasing policy. */
  checkIn: number;
  dueAt: string;
  /** A follow-up's: the next follow-up or the end of the term, what the process waits for next. */
  calendar?: CalendarStep;
}

export async function openTaskStep(deps: OpenTaskDeps, input: OpenTaskInput): Promise<OpenTaskOutput> {
  const { repository } = deps;
  if (input.task === 'follow-up' && input.meeting == null) throw new FollowUpsDoneError();
  const opened = await retryOnConflict(async () => {
    const dossier = await loadWorkState(repository, input.trajectoryId);
    const request = {
      kind: input.task,
      meeting: input.meeting ?? undefined,
      resumeAt: input.resumeAt ?? undefined,
    };
    const now = deps.clock.now();
    // A date the calendar brought us to: paused → sleep; moved by a resume → wait again.
    calendarHold(dossier, request, now);
    const step = openTask(dossier, request, now);
    // The follow-up first: a retry after a failure in between finds it and creates only the
    // self-assessment that opens with it.
    for (const created of [step.created && step.task, step.opens?.created && step.opens.task]) {
      if (!created) continue;
      try {
        await repository.createTask(created);
      } catch (error) {
        // Someone created it between our read and our write: read again and return theirs.
        if (error instanceof AlreadyExistsError) throw new VersionConflictError(error.message);
        throw error;
      }
    }
    const trajectory = step.trajectory ? await writeTrajectory(deps, step.trajectory) : dossier.trajectory;
    return { step, trajectory };
  });
  await appendEvents(repository, opened.step.events);
  await sendOrHold(deps, opened.trajectory, opened.step.mails);
  const { task, checkIn, calendar, opens } = opened.step;
  if (NOT_WAITED_FOR.includes(task.kind))
    await deps.workflow.startTask(task.trajectoryId, task.id, checkIn, input.runSuffix);
  // The employee's self-assessment before a follow-up: nothing waits for it either.
  if (opens)
    await deps.workflow.startTask(opens.task.trajectoryId, opens.task.id, opens.checkIn, input.runSuffix);
  return { taskId: task.id, checkIn, dueAt: task.dueAt, ...(calendar && { calendar }) };
}

const deps: OpenTaskDeps = {
  repository: createRepositoryFromEnv(),
  mailer: createMailerFromEnv(),
  ledger: createMailLedgerFromEnv(),
  workflow: createWorkflowFromEnv(),
  clock,
};

export const handler = workflowHandler(openTaskInput, (input) => openTaskStep(deps, input));
