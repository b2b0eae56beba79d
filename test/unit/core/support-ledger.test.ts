import { describe, expect, it } from 'vitest';
import type { Dossier, Task, TaskKind } from '#core/model.ts';
import { supportLedger, supportPerGoal } from '#core/support-ledger.ts';
import { newTrajectory } from '#core/trajectory.ts';

const trajectory = newTrajectory(
  {
    employee: { name: 'Eva de Wit', email: 'eva@example.nl' },
    manager: { name: 'Mark Jansen', email: 'mark@example.nl' },
    hrAdvisor: { name: 'Hanna Bakker', email: 'hanna@example.nl' },
    reason: 'Deadlines worden gemist.',
    locale: 'nl',
  },
  { id: 't-1', now: new Date('2026-03-02T09:00:00Z') },
);

const task = (id: string, kind: TaskKind, completedAt: string | undefined, response?: unknown): Task => ({
  id,
  trajectoryId: 't-1',
  kind,
  assignee: kind === 'plan-approval' ? 'hr' : 'manager',
  status: response === undefined ? 'open' : 'done',
  openedAt: '2026-03-02T09:00:00.000Z',
  dueAt: '2026-03-20T16:00:00.000Z',
  chaseStage: 'none',
  ...(completedAt && { completedAt }),
  ...(response !== undefined && { response }),
  version: 1,
});

const entry = (goal: number, description: string, status: 'offered' | 'given', hours?: number) => ({
  goal,
  kind: 'coaching' as const,
  description,
  status,
  ...(hours !== undefined && { hours }),
});

const dossier = (tasks: Task[]): Dossier => ({ trajectory, tasks, events: [] });

describe('supportLedger', () => {
  it('lists the plan’s and every follow-up’s entries in the order they were recorded', () => {
    // Prepare: tasks as stored (ordered by id, not by time).
    const tasks = [
      task('follow-up-1', 'follow-up', '2026-04-01T10:00:00.000Z', {
        supportLedger: [entry(0, 'Twee sessies gehad', 'given', 3), entry(1, 'Mentor aangeboden', 'offered')],
      }),
      task('follow-up-2', 'follow-up', '2026-04-15T10:00:00.000Z', {
        supportLedger: [entry(1, 'Mentor gestart', 'given', 1.5)],
      }),
      task('plan-1', 'plan', '2026-03-10T10:00:00.000Z', {
        supportLedger: [entry(0, 'Coaching', 'offered')],
      }),
    ];

    // Act
    const ledger = supportLedger(dossier(tasks));

    // Assess
    expect(ledger).toEqual([
      {
        ...entry(0, 'Coaching', 'offered'),
        recordedAt: '2026-03-10T10:00:00.000Z',
        taskId: 'plan-1',
        source: 'plan',
      },
      {
        ...entry(0, 'Twee sessies gehad', 'given', 3),
        recordedAt: '2026-04-01T10:00:00.000Z',
        taskId: 'follow-up-1',
        source: 'follow-up',
      },
      {
        ...entry(1, 'Mentor aangeboden', 'offered'),
        recordedAt: '2026-04-01T10:00:00.000Z',
        taskId: 'follow-up-1',
        source: 'follow-up',
      },
      {
        ...entry(1, 'Mentor gestart', 'given', 1.5),
        recordedAt: '2026-04-15T10:00:00.000Z',
        taskId: 'follow-up-2',
        source: 'follow-up',
      },
    ]);
    expect(ledger[0]).not.toHaveProperty('hours');
  });

  it('counts only the newest plan: a plan sent back for revision was never offered', () => {
    // Prepare
    const tasks = [
      task('plan-1', 'plan', '2026-03-10T10:00:00.000Z', {
        supportLedger: [entry(2, 'Oude cursus', 'offered')],
      }),
      task('plan-approval-1', 'plan-approval', '2026-03-11T10:00:00.000Z', { decision: 'revise' }),
      task('plan-2', 'plan', '2026-03-12T10:00:00.000Z', {
        supportLedger: [entry(0, 'Nieuwe cursus', 'offered')],
      }),
    ];

    // Act
    const ledger = supportLedger(dossier(tasks));

    // Assess
    expect(ledger.map((e) => [e.taskId, e.description])).toEqual([['plan-2', 'Nieuwe cursus']]);
  });

  it('leaves out open tasks and reads answers stored before the ledger existed as empty', () => {
    // Prepare
    const tasks = [
      task('plan-1', 'plan', '2026-03-10T10:00:00.000Z', { goals: [] }),
      task('follow-up-1', 'follow-up', undefined),
      task('identify-1', 'identify', '2026-03-03T10:00:00.000Z', { improvementAreas: [] }),
    ];

    // Act & Assess
    expect(supportLedger(dossier(tasks))).toEqual([]);
  });

  it('groups entries per goal, keeping their order', () => {
    // Prepare
    const ledger = supportLedger(
      dossier([
        task('plan-1', 'plan', '2026-03-10T10:00:00.000Z', {
          supportLedger: [entry(1, 'b', 'offered'), entry(0, 'a', 'offered'), entry(1, 'c', 'given')],
        }),
      ]),
    );

    // Act
    const perGoal = supportPerGoal(ledger);

    // Assess
    expect([...perGoal.keys()]).toEqual([1, 0]);
    expect(perGoal.get(1)!.map((e) => e.description)).toEqual(['b', 'c']);
  });
});
