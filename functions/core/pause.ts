/**
 * Pause and resume for illness. Dutch law does not allow a dismissal for unsuitability to rest on
 * a period of illness, so while the employee is ill the trajectory stands still: nobody is chased,
 * no calendar date opens a task, and no answer is taken. On resume every pending date moves on by
 * the days the pause took: the open tasks' due times, the planned follow-ups, the term end, the
 * aftercare date and the goals' deadlines.
 *
 * How far: the pause in whole Amsterdam calendar days, rounded up (`pausedDays` in schedule.ts),
 * so nobody loses time by it. A due time keeps its wall-clock time (17:00 stays 17:00) and, like
 * every deadline, moves off the weekend; a planned date (follow-up, aftercare, goal deadline)
 * moves by the same days to a working day.
 *
 * Pure: the resume endpoint writes what `resumePlan` decides; the workflow's Open step asks
 * `calendarHold` whether it may open a task the calendar brought it to.
 */
import * as z from 'zod';
import { afterDueTimeMoved } from './chasing.ts';
import type { DossierEvent, WorkState, Task, TaskKind, Trajectory } from './model.ts';
import {
  amsterdamDate,
  followUpRequestAt,
  pausedDays,
  sameTimeDaysLater,
  shiftDate,
  shiftDueAt,
  startOfWorkday,
} from './schedule.ts';
import { LIMITS, text } from './schemas.ts';
import { isClosed } from './trajectory.ts';

export const pauseTrajectoryBody = z.strictObject({
  reason: text(LIMITS.reason),
});

export const PAUSED_EVENT = 'paused';
export const RESUMED_EVENT = 'resumed';

/** Why a pause or a resume is refused (409, the `code` of the error body). */
export type PauseRefusal = 'not_active' | 'already_paused' | 'not_paused';

/** A pause needs an active trajectory that is not paused already. */
export function pauseRefusal(trajectory: Trajectory): PauseRefusal | undefined {
  if (isClosed(trajectory.status)) return 'not_active';
  if (trajectory.pausedAt !== undefined) return 'already_paused';
  return undefined;
}

/** A resume needs an active trajectory that is paused. */
export function resumeRefusal(trajectory: Trajectory): PauseRefusal | undefined {
  if (isClosed(trajectory.status)) return 'not_active';
  if (trajectory.pausedAt === undefined) return 'not_paused';
  return undefined;
}

export function paused(trajectory: Trajectory, now: Date): Trajectory {
  const at = now.toISOString();
  return { ...trajectory, pausedAt: at, updatedAt: at };
}

/** One entry per pause: its id carries the moment the pause began. */
export function pausedEvent(trajectory: Trajectory, reason: string): DossierEvent {
  const at = trajectory.pausedAt ?? trajectory.updatedAt;
  return {
    id: `${PAUSED_EVENT}@${at}`,
    trajectoryId: trajectory.id,
    at,
    type: PAUSED_EVENT,
    actor: { role: 'hr' },
    // The phase it stands still in, for the lifecycle event (functions/core/lifecycle-events.ts).
    data: { reason, phase: trajectory.phase },
  };
}

export interface ResumePlan {
  /** Whole days the trajectory's dates move. */
  days: number;
  /** The trajectory to write: not paused, its calendar moved. */
  trajectory: Trajectory;
  /** The open tasks whose due times still have to move for this pause, moved. */
  tasks: Task[];
  event: DossierEvent;
}

/**
 * What resuming at `now` changes. A task remembers the pause it was moved for
 * (`shiftedForPause`), so a resume that is retried after a crash moves no task twice. A task
 * opened while paused (an answer that raced the pause) moves by the days since its opening only.
 */
export function resumePlan(dossier: WorkState, now: Date): ResumePlan {
  const { trajectory } = dossier;
  const { pausedAt } = trajectory;
  if (pausedAt === undefined) throw new RangeError(`Trajectory ${trajectory.id} is not paused`);
  const start = new Date(pausedAt);
  const days = pausedDays(start, now);
  const at = now.toISOString();

  const tasks = dossier.tasks.flatMap((task) => shiftedForResume(task, pausedAt, now) ?? []);

  const pending = (instant: string) => Date.parse(instant) > start.getTime();
  const firstDay = amsterdamDate(start);
  const next: Trajectory = {
    ...trajectory,
    pausedAt: undefined,
    updatedAt: at,
    // Meetings not yet opened: the pause took their turn.
    meetings: trajectory.meetings.map((meeting) =>
      meeting.taskId === undefined ? { ...meeting, plannedOn: shiftDate(meeting.plannedOn, days) } : meeting,
    ),
    goals: trajectory.goals.map((goal) =>
      goal.deadline >= firstDay ? { ...goal, deadline: shiftDate(goal.deadline, days) } : goal,
    ),
    ...(trajectory.termEndsAt !== undefined &&
      pending(trajectory.termEndsAt) && {
        termEndsAt: sameTimeDaysLater(new Date(trajectory.termEndsAt), days).toISOString(),
      }),
    ...(trajectory.aftercareOn !== undefined &&
      pending(startOfWorkday(trajectory.aftercareOn).toISOString()) && {
        aftercareOn: shiftDate(trajectory.aftercareOn, days),
      }),
  };
  return {
    days,
    trajectory: next,
    tasks,
    event: {
      id: `${RESUMED_EVENT}@${pausedAt}`,
      trajectoryId: trajectory.id,
      at,
      type: RESUMED_EVENT,
      actor: { role: 'hr' },
      data: { pausedDays: days, pausedAt, phase: trajectory.phase },
    },
  };
}

/**
 * An open task after the pause that began at `pausedAt`, resumed at `now`; `undefined` when there
 * is nothing to move (not open, or already moved for this pause). A deadline that now lies ahead
 * gets the whole chasing policy again, like a deadline HR extended.
 */
export function shiftedForResume(task: Task, pausedAt: string, now: Date): Task | undefined {
  if (task.status !== 'open' || task.shiftedForPause === pausedAt) return undefined;
  const since = Math.max(Date.parse(pausedAt), Date.parse(task.openedAt));
  const days = pausedDays(new Date(since), now);
  const moved = days > 0 ? afterDueTimeMoved(task, shiftDueAt(task.dueAt, days), now) : {};
  return { ...task, ...moved, shiftedForPause: pausedAt };
}

// ---------------------------------------------------------------------------------------------
// The calendar's Open steps

/** The tasks a `Wait` state's date opens; their Open step checks the stored date first. */
export const CALENDAR_TASKS: readonly TaskKind[] = ['follow-up', 'evaluation', 'aftercare'];

/**
 * The trajectory is paused: the state machine sleeps ("Sleep while paused") until the resume
 * wakes it. The name is what the ASL's `Catch` matches.
 */
export class TrajectoryPausedError extends Error {
  override readonly name = 'TrajectoryPaused';
}

/**
 * The stored date lies ahead of the one the state machine waited for: a resume moved it. The
 * message is the JSON the ASL merges into `$step` before it waits again (`nextFollowUp`,
 * `termEndsAt` or `aftercareAt`); dates and numbers only, as it lands in the execution history.
 */
export class CalendarMovedError extends Error {
  override readonly name = 'CalendarMoved';
  constructor(readonly moved: Record<string, unknown>) {
    super(JSON.stringify(moved));
  }
}

/** A clock a little behind the state machine's is not a moved date; a resume moves whole days. */
const CLOCK_TOLERANCE_MS = 60_000;

/**
 * Whether the Open step of a calendar task may open it now. Throws `TrajectoryPausedError` while
 * paused, `CalendarMovedError` when the stored date moved past `now`. A task an earlier attempt
 * already opened is left alone (its retry returns it), and so is a closed trajectory (opening
 * refuses it with its own error).
 */
export function calendarHold(
  dossier: WorkState,
  request: { kind: TaskKind; meeting?: number },
  now: Date,
): void {
  const { trajectory } = dossier;
  if (!CALENDAR_TASKS.includes(request.kind) || isClosed(trajectory.status)) return;
  const meeting =
    request.kind === 'follow-up'
      ? trajectory.meetings.find((candidate) => candidate.number === request.meeting)
      : undefined;
  const opened =
    request.kind === 'follow-up'
      ? meeting?.taskId !== undefined
      : dossier.tasks.some((task) => task.kind === request.kind && task.status === 'open');
  if (opened) return;
  if (trajectory.pausedAt !== undefined) {
    throw new TrajectoryPausedError(`Trajectory ${trajectory.id} is paused`);
  }
  const moved = movedDate(trajectory, request.kind, meeting?.number, meeting?.plannedOn);
  if (moved && Date.parse(moved.at) > now.getTime() + CLOCK_TOLERANCE_MS)
    throw new CalendarMovedError(moved.step);
}

function movedDate(
  trajectory: Trajectory,
  kind: TaskKind,
  number: number | undefined,
  plannedOn: string | undefined,
): { at: string; step: Record<string, unknown> } | undefined {
  switch (kind) {
    case 'follow-up': {
      if (number === undefined || plannedOn === undefined) return undefined;
      const at = followUpRequestAt(plannedOn, trajectory.schedule).toISOString();
      return { at, step: { nextFollowUp: { number, at } } };
    }
    case 'evaluation':
      return trajectory.termEndsAt === undefined
        ? undefined
        : { at: trajectory.termEndsAt, step: { termEndsAt: trajectory.termEndsAt } };
    case 'aftercare': {
      if (trajectory.aftercareOn === undefined) return undefined;
      const at = startOfWorkday(trajectory.aftercareOn).toISOString();
      return { at, step: { aftercareAt: at } };
    }
    default:
      return undefined;
  }
}
