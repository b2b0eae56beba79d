/**
 * Opening a task ("Open <task> task"): creates the task with its due time, moves the trajectory's
 * phase and answers the seconds to the first checkpoint (the Ask state's timeout). A retry finds
 * the task the first attempt created and answers it: never a second task.
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
 *
 * Every Open step that does not fail shows the process running: opened, or gone another way by a
 * signal (paused, waiting again, continued in a new execution). A failure of the process reported
 * earlier (`failed:<step>`) is settled then: the operator started it again.
 */
import { isWorkflowSignal } from '#core/failures.ts';
import type { TaskKind, Trajectory } from '#core/model.ts';
import { calendarHold } from '#core/pause.ts';
import type { WorkflowClient } from '#core/ports.ts';
import { FollowUpsDoneError, NOT_WAITED_FOR, openTask, type CalendarStep } from '#core/steps.ts';
import { sendOrHold, type MailDeps } from './send-once.ts';
import {
  appendEvents,
  createTask,
  loadWorkState,
  retryOnConflict,
  settleFailures,
  writeTrajectory,
} from './store.ts';

export interface OpenTaskInput {
  trajectoryId: string;
  task: TaskKind;
  /** The follow-up's meeting; null past the last one (the end of the term). */
  meeting?: number | null;
  /** Set (else null) when the process continues an older execution: see `ResumesAtError`. */
  resumeAt?: TaskKind | null;
  /** What the process adds to its task executions' names (`.r<start>` after a long pause). */
  runSuffix?: string;
}

/** The store, the mail, and the task executions the step starts itself. */
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
  let opened: { output: OpenTaskOutput; trajectory: Trajectory };
  try {
    opened = await open(deps, input);
  } catch (error) {
    // A signal is the process going another way (paused, waiting again, continued), not failing.
    if (isWorkflowSignal(error)) {
      const trajectory = await deps.repository.getTrajectory(input.trajectoryId);
      if (trajectory) await settleFailures(deps, trajectory, 'process');
    }
    throw error;
  }
  await settleFailures(deps, opened.trajectory, 'process');
  return opened.output;
}

async function open(
  deps: OpenTaskDeps,
  input: OpenTaskInput,
): Promise<{ output: OpenTaskOutput; trajectory: Trajectory }> {
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
      if (created) await createTask(repository, created);
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
  return {
    output: { taskId: task.id, checkIn, dueAt: task.dueAt, ...(calendar && { calendar }) },
    trajectory: opened.trajectory,
  };
}
