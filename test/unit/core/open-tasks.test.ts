import { describe, expect, it } from 'vitest';
import { nextDeadline, openTasksFor } from '#core/open-tasks.ts';
import type { Task, TaskKind, Trajectory, WorkState } from '#core/model.ts';
import { TASK_ASSIGNEE } from '#core/model.ts';
import { newTrajectory } from '#core/trajectory.ts';
import { NOW, trajectoryInput } from '../api/support.ts';

const MANAGER = 'mark.jansen@example.test';

function state(id: string, tasks: Partial<Task>[], overrides: Partial<Trajectory> = {}): WorkState {
  const base = newTrajectory(
    trajectoryInput({
      employee: { name: `Medewerker ${id}`, email: `employee-${id}@example.test` },
      manager: { name: 'Mark Jansen', email: overrides.manager?.email ?? MANAGER },
    }),
    { id, now: NOW },
  );
  return {
    trajectory: { ...base, ...overrides },
    tasks: tasks.map((task, index) => {
      const kind: TaskKind = task.kind ?? 'identify';
      return {
        id: `${kind}-${index + 1}`,
        trajectoryId: id,
        kind,
        assignee: TASK_ASSIGNEE[kind],
        status: 'open',
        openedAt: NOW.toISOString(),
        dueAt: '2026-03-10T16:00:00.000Z',
        chaseStage: 'none',
        version: 1,
        ...task,
      } as Task;
    }),
  };
}

describe('openTasksFor', () => {
  const states = [
    state('a', [
      { kind: 'plan', dueAt: '2026-03-20T16:00:00.000Z' },
      { kind: 'employee-response', dueAt: '2026-03-01T16:00:00.000Z' },
    ]),
    state('b', [{ kind: 'identify', dueAt: '2026-03-01T16:00:00.000Z' }]),
    state('c', [{ kind: 'plan-approval', dueAt: '2026-03-05T16:00:00.000Z' }]),
    state('d', [{ kind: 'identify' }], { manager: { name: 'Other', email: 'other@example.test' } }),
    state('e', [{ kind: 'identify' }], { status: 'cancelled', phase: 'closed' }),
    state('f', [
      { kind: 'identify', status: 'done' },
      { kind: 'conversation', response: { summary: 'x' } },
    ]),
  ];

  it('gives a manager the manager tasks of their own running trajectories, earliest deadline first', () => {
    // Act
    const tasks = openTasksFor({ role: 'manager', email: 'Mark.Jansen@example.test' }, states, NOW);

    // Assess: not the employee's task, not another manager's, not a cancelled one, not an answered one.
    expect(tasks.map((task) => [task.trajectoryId, task.kind])).toEqual([
      ['b', 'identify'],
      ['a', 'plan'],
    ]);
    expect(tasks[0]).toMatchObject({ employeeName: 'Medewerker b', taskId: 'identify-1', paused: false });
  });

  it('gives HR the HR tasks of every trajectory, and marks a passed deadline and a pause', () => {
    // Prepare
    const paused = [
      ...states,
      state('g', [{ kind: 'decision-confirmation' }], { pausedAt: NOW.toISOString() }),
    ];

    // Act
    const tasks = openTasksFor(
      { role: 'hr', email: 'hanna@example.test' },
      paused,
      new Date('2026-03-06T00:00:00Z'),
    );

    // Assess
    expect(tasks.map((task) => [task.trajectoryId, task.kind, task.overdue, task.paused])).toEqual([
      ['c', 'plan-approval', true, false],
      ['g', 'decision-confirmation', false, true],
    ]);
  });
});

describe('nextDeadline', () => {
  it('is the earliest due time of the open tasks, whoever they are for', () => {
    expect(nextDeadline(states()[0]!)).toBe('2026-03-01T16:00:00.000Z');
  });

  it('leaves out answered tasks, and is absent while nothing is open or once the trajectory closed', () => {
    expect(nextDeadline(state('x', [{ status: 'done' }, { response: {} }]))).toBeUndefined();
    expect(nextDeadline(state('y', [{}], { status: 'completed', phase: 'closed' }))).toBeUndefined();
  });

  function states(): WorkState[] {
    return [
      state('a', [
        { kind: 'plan', dueAt: '2026-03-20T16:00:00.000Z' },
        { kind: 'employee-response', dueAt: '2026-03-01T16:00:00.000Z' },
      ]),
    ];
  }
});
