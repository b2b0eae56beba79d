import { describe, expect, it } from 'vitest';
import { STATUSES, TASK_KINDS, type TrajectoryStatus } from '#core/model.ts';
import { DEFAULT_SCHEDULE } from '#core/schedule.ts';
import type { CreateTrajectoryInput } from '#core/schemas.ts';
import {
  clearAttention,
  clearProcessFailures,
  clearTaskFailures,
  failedStep,
  flagAttention,
  isClosed,
  lateTask,
  newTaskId,
  newTrajectory,
  parseTaskId,
  phaseOfTask,
  STARTED_EVENT,
  startedEvent,
  statusAfterDecision,
} from '#core/trajectory.ts';

function input(overrides: Partial<CreateTrajectoryInput> = {}): CreateTrajectoryInput {
  return {
    employee: { name: 'Sanne de Vries', email: 'sanne@example.nl' },
    manager: { name: 'Pieter Jansen', email: 'pieter@example.nl' },
    hrAdvisor: { name: 'Fatima El Amrani', email: 'fatima@example.nl' },
    reason: 'Deadlines herhaaldelijk gemist.',
    locale: 'nl',
    ...overrides,
  };
}

const NOW = new Date('2026-03-02T09:15:00.000Z');

describe('newTrajectory', () => {
  it('starts active in the identify phase, first term, version 0, nothing recorded yet', () => {
    const trajectory = newTrajectory(input(), { id: 'trj-1', now: NOW });

    expect(trajectory).toEqual({
      id: 'trj-1',
      status: 'active',
      phase: 'identify',
      attention: false,
      locale: 'nl',
      employee: { name: 'Sanne de Vries', email: 'sanne@example.nl' },
      manager: { name: 'Pieter Jansen', email: 'pieter@example.nl' },
      hrAdvisor: { name: 'Fatima El Amrani', email: 'fatima@example.nl' },
      reason: 'Deadlines herhaaldelijk gemist.',
      schedule: DEFAULT_SCHEDULE,
      improvementAreas: [],
      goals: [],
      meetings: [],
      term: 1,
      consequenceStatement: expect.stringContaining('ontbinding van de arbeidsovereenkomst'),
      createdAt: '2026-03-02T09:15:00.000Z',
      updatedAt: '2026-03-02T09:15:00.000Z',
      version: 0,
    });
  });

  it("carries the deployment's consequence statement, or the catalogue's in the trajectory's language", () => {
    const own = newTrajectory(input(), { id: 'trj-3', now: NOW, consequenceStatement: ' Eigen tekst. ' });
    const english = newTrajectory(input({ locale: 'en' }), {
      id: 'trj-4',
      now: NOW,
      consequenceStatement: ' ',
    });

    expect(own.consequenceStatement).toBe('Eigen tekst.');
    expect(english.consequenceStatement).toMatch(/^If the goals of this improvement plan are not met/);
  });

  it('stores the schedule resolved, overrides on top of the defaults', () => {
    const trajectory = newTrajectory(input({ locale: 'en', schedule: { termWeeks: 16 } }), {
      id: 'trj-2',
      now: NOW,
    });

    expect(trajectory.schedule).toEqual({ ...DEFAULT_SCHEDULE, termWeeks: 16 });
    expect(trajectory.locale).toBe('en');
  });

  it('does not share objects with its input', () => {
    const source = input();
    const trajectory = newTrajectory(source, { id: 'trj-3', now: NOW });

    source.employee.name = 'changed';

    expect(trajectory.employee.name).toBe('Sanne de Vries');
  });
});

describe('startedEvent', () => {
  it('records who started the trajectory, when, why and on which schedule', () => {
    const trajectory = newTrajectory(input({ schedule: { termWeeks: 16 } }), { id: 'trj-4', now: NOW });

    const event = startedEvent(trajectory);

    expect(event).toEqual({
      id: STARTED_EVENT,
      trajectoryId: 'trj-4',
      at: '2026-03-02T09:15:00.000Z',
      type: 'trajectory-started',
      actor: { role: 'hr' },
      data: {
        reason: 'Deadlines herhaaldelijk gemist.',
        locale: 'nl',
        schedule: { ...DEFAULT_SCHEDULE, termWeeks: 16 },
      },
    });
  });

  it('has the same id on a retry, so the append stays idempotent', () => {
    const trajectory = newTrajectory(input(), { id: 'trj-5', now: NOW });

    expect(startedEvent(trajectory).id).toBe(startedEvent(structuredClone(trajectory)).id);
  });
});

describe('task ids', () => {
  it('derive from kind and number', () => {
    expect(newTaskId('identify', 1)).toBe('identify-1');
    expect(newTaskId('follow-up', 3)).toBe('follow-up-3');
  });

  it.each([0, -1, 1.5, Number.NaN])('refuse number %s', (n) => {
    expect(() => newTaskId('plan', n)).toThrow(RangeError);
  });

  it.each(TASK_KINDS)('round-trip for %s, hyphens in the kind included', (kind) => {
    expect(parseTaskId(newTaskId(kind, 12))).toEqual({ kind, n: 12 });
  });

  it.each(['identify', 'identify-0', 'identify-01', 'identify-1x', 'unknown-1', 'Identify-1', '-1', ''])(
    'are not read from %j',
    (id) => {
      expect(parseTaskId(id)).toBeUndefined();
    },
  );
});

describe('status and phase rules', () => {
  it.each<[TrajectoryStatus, boolean]>([
    ['active', false],
    ['completed', true],
    ['ended', true],
    ['cancelled', true],
  ])('%s is closed: %s', (status, closed) => {
    expect(isClosed(status)).toBe(closed);
  });

  it('covers every status', () => {
    expect(STATUSES.filter((status) => !isClosed(status))).toEqual(['active']);
  });

  it('maps each decision to the status it leads to', () => {
    expect(statusAfterDecision('successful')).toBe('completed');
    expect(statusAfterDecision('unsuccessful')).toBe('ended');
    expect(statusAfterDecision('extend')).toBe('active');
  });

  it('puts each task in its phase', () => {
    expect(phaseOfTask('employee-response')).toBe('conversation');
    expect(phaseOfTask('decision-confirmation')).toBe('evaluation');
    expect(phaseOfTask('aftercare')).toBe('aftercare');
  });
});

describe('attention and its causes', () => {
  const running = newTrajectory(input(), { id: 't-1', now: NOW });

  it('flags once per cause and clears only when no cause remains', () => {
    const late = flagAttention(running, lateTask('plan-1'));
    const failed = flagAttention(late, 'failed:record-plan');

    expect(late).toMatchObject({ attention: true, attentionReasons: ['late:plan-1'] });
    expect(flagAttention(late, lateTask('plan-1'))).toBe(late);
    expect(clearAttention(failed, lateTask('plan-1'))).toMatchObject({
      attention: true,
      attentionReasons: ['failed:record-plan'],
    });
    const cleared = clearAttention(late, lateTask('plan-1'));
    expect(cleared.attention).toBe(false);
    expect(cleared).not.toHaveProperty('attentionReasons');
    expect(clearAttention(running, lateTask('plan-1'))).toBe(running);
  });

  it('keeps a flag stored without its causes: what set it is unknown', () => {
    const legacy = { ...running, attention: true };
    expect(clearAttention(legacy, lateTask('plan-1'))).toBe(legacy);
    expect(clearTaskFailures(legacy, 'plan-1')).toBe(legacy);
    expect(clearProcessFailures(legacy)).toBe(legacy);
  });

  it("settles a failed task's causes when that task runs again, and no other task's", () => {
    // Prepare: one task id ends like another (`cause-follow-up-1`, `follow-up-1`).
    const flagged = [
      lateTask('follow-up-1'),
      failedStep('record-the-answer', 'follow-up-1'),
      failedStep('chase', 'follow-up-1'),
      failedStep('record-the-answer', 'cause-follow-up-1'),
      failedStep('open-plan-task'),
    ].reduce(flagAttention, running);

    // Act
    const settled = clearTaskFailures(flagged, 'follow-up-1');

    // Assess: its failures go; its lateness is its answer's to clear.
    expect(flagged.attentionReasons).toContain('failed:follow-up-1:record-the-answer');
    expect(settled).toMatchObject({
      attention: true,
      attentionReasons: [
        'late:follow-up-1',
        'failed:cause-follow-up-1:record-the-answer',
        'failed:open-plan-task',
      ],
    });
    expect(clearTaskFailures(settled, 'follow-up-1')).toBe(settled);
  });

  it("settles the process's failures when it goes on again, and leaves a task's and a lateness", () => {
    // Prepare: `failed:record-plan` is a cause stored before causes named their task.
    const flagged = [
      lateTask('plan-1'),
      failedStep('open-plan-task'),
      'failed:record-plan' as const,
      failedStep('record-the-answer', 'follow-up-2'),
    ].reduce(flagAttention, running);

    // Act
    const settled = clearProcessFailures(flagged);

    // Assess
    expect(settled).toMatchObject({
      attention: true,
      attentionReasons: ['late:plan-1', 'failed:follow-up-2:record-the-answer'],
    });
    const processOnly = clearProcessFailures(flagAttention(running, failedStep('open-plan-task')));
    expect(processOnly.attention).toBe(false);
    expect(processOnly).not.toHaveProperty('attentionReasons');
  });
});
