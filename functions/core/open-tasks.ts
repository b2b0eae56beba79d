/**
 * The open tasks a signed-in person can answer from the dashboard, and the next deadline of a
 * trajectory. Pure: the dashboard reads the work states, these functions pick and order.
 */
import type { Role, Task, TaskKind, WorkState } from './model.ts';

/** Who is looking: the role of the signed-in group and their address (a manager's scope). */
export interface Answerer {
  role: Extract<Role, 'hr' | 'manager'>;
  email: string;
}

export interface OpenTaskItem {
  trajectoryId: string;
  taskId: string;
  kind: TaskKind;
  /** Whom the trajectory is about, as the list names them. */
  employeeName: string;
  dueAt: string;
  /** The deadline has passed. */
  overdue: boolean;
  /** The trajectory is paused for illness: the task cannot be answered until it resumes. */
  paused: boolean;
}

/** Open and not yet answered: an answer recorded before its status was written counts. */
export const isAnswerable = (task: Pick<Task, 'status' | 'response'>): boolean =>
  task.status === 'open' && task.response === undefined;

const sameAddress = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The tasks `who` may answer, earliest deadline first: a manager the manager's tasks of their own
 * trajectories, HR the HR tasks of every trajectory. Only running trajectories have any.
 */
export function openTasksFor(who: Answerer, states: readonly WorkState[], now: Date): OpenTaskItem[] {
  return states
    .filter(({ trajectory }) => trajectory.status === 'active')
    .filter(({ trajectory }) => who.role === 'hr' || sameAddress(trajectory.manager.email, who.email))
    .flatMap(({ trajectory, tasks }) =>
      tasks
        .filter((task) => task.assignee === who.role && isAnswerable(task))
        .map((task) => ({
          trajectoryId: trajectory.id,
          taskId: task.id,
          kind: task.kind,
          employeeName: trajectory.employee.name,
          dueAt: task.dueAt,
          overdue: Date.parse(task.dueAt) < now.getTime(),
          paused: trajectory.pausedAt !== undefined,
        })),
    )
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.taskId.localeCompare(b.taskId));
}

/**
 * The earliest deadline among the trajectory's open tasks, whoever they are for; none once it is
 * closed, or while nothing is open (between steps, waiting for a planned date).
 */
export function nextDeadline({ trajectory, tasks }: WorkState): string | undefined {
  if (trajectory.status !== 'active') return undefined;
  let next: string | undefined;
  for (const task of tasks) {
    if (!isAnswerable(task)) continue;
    if (next === undefined || Date.parse(task.dueAt) < Date.parse(next)) next = task.dueAt;
  }
  return next;
}
