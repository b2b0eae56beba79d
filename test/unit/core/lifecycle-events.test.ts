/**
 * The mapping from dossier events to lifecycle events (functions/core/lifecycle-events.ts) and
 * docs/events.md, which must describe exactly the schemas it checks details against.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DETAIL_SCHEMAS,
  InvalidLifecycleEventError,
  LIFECYCLE_EVENT_TYPES,
  lifecycleEventOf,
} from '#core/lifecycle-events.ts';
import type { DossierEvent } from '#core/model.ts';

const T = 'a9d4c1e2-0000-4000-8000-000000000001';
const AT = '2026-03-02T09:00:00.000Z';
const DUE = '2026-03-09T16:00:00.000Z';

const anEvent = (overrides: Partial<DossierEvent>): DossierEvent => ({
  id: 'x',
  trajectoryId: T,
  at: AT,
  type: 'x',
  actor: { role: 'system' },
  ...overrides,
});

const chased = (type: string, taskId = 'plan-1', assignee = 'manager') =>
  anEvent({ id: `${taskId}.${type}@${DUE}`, type, taskId, data: { dueAt: DUE, assignee } });

describe('lifecycleEventOf', () => {
  it('maps each kind of fact to its event, with ids, phase and due time only', () => {
    expect(
      lifecycleEventOf(
        anEvent({
          id: 'trajectory-started',
          type: 'trajectory-started',
          actor: { role: 'hr' },
          data: { reason: 'Afspraken worden niet nagekomen.', locale: 'nl' },
        }),
      ),
    ).toEqual({
      type: 'TrajectoryStarted',
      detail: {
        version: 1,
        eventId: `${T}/trajectory-started`,
        trajectoryId: T,
        occurredAt: AT,
        phase: 'identify',
      },
    });
    expect(
      lifecycleEventOf(
        anEvent({
          id: 'follow-up-3.opened',
          type: 'task-opened',
          taskId: 'follow-up-3',
          data: { task: 'follow-up', assignee: 'manager', dueAt: DUE, meeting: 3 },
        }),
      )?.detail,
    ).toEqual({
      version: 1,
      eventId: `${T}/follow-up-3.opened`,
      trajectoryId: T,
      occurredAt: AT,
      phase: 'follow-up',
      taskId: 'follow-up-3',
      kind: 'follow-up',
      assignee: 'manager',
      dueAt: DUE,
      meeting: 3,
    });
    // The chasing events carry no kind: it is read off the task id.
    expect(lifecycleEventOf(chased('task-overdue'))).toMatchObject({
      type: 'TaskOverdue',
      detail: { taskId: 'plan-1', kind: 'plan', phase: 'plan', assignee: 'manager', dueAt: DUE },
    });
    expect(lifecycleEventOf(chased('task-escalated'))).toMatchObject({
      type: 'TaskEscalated',
      detail: { escalation: 1 },
    });
    expect(lifecycleEventOf(chased('task-escalated-again'))).toMatchObject({
      type: 'TaskEscalated',
      detail: { escalation: 2 },
    });
    expect(lifecycleEventOf(chased('no-response', 'employee-response-1', 'employee'))).toMatchObject({
      type: 'TaskCompleted',
      detail: {
        kind: 'employee-response',
        phase: 'conversation',
        assignee: 'employee',
        outcome: 'no-response',
      },
    });
    expect(
      lifecycleEventOf(
        anEvent({
          id: 'plan-approval-1.task-completed',
          type: 'task-completed',
          taskId: 'plan-approval-1',
          actor: { role: 'hr' },
          data: { kind: 'plan-approval', assignee: 'hr', dueAt: DUE },
        }),
      ),
    ).toMatchObject({
      type: 'TaskCompleted',
      detail: { kind: 'plan-approval', phase: 'plan', outcome: 'answered' },
    });
    expect(
      lifecycleEventOf(
        anEvent({
          type: 'resumed',
          id: `resumed@${AT}`,
          data: { pausedDays: 14, pausedAt: AT, phase: 'follow-up' },
        }),
      ),
    ).toMatchObject({ type: 'TrajectoryResumed', detail: { phase: 'follow-up', pausedDays: 14 } });
    expect(
      lifecycleEventOf(anEvent({ type: 'trajectory-cancelled', data: { reason: 'Uit dienst.' } })),
    ).toMatchObject({
      type: 'TrajectoryCancelled',
      detail: { phase: 'closed' },
    });
  });

  it('tells of an approval, not of a request for a revision', () => {
    const reviewed = (type: string, decision: string) =>
      lifecycleEventOf(anEvent({ type, taskId: 'x-1', data: { task: 'x', decision } }))?.type;
    expect(reviewed('plan-reviewed', 'approve')).toBe('PlanApproved');
    expect(reviewed('plan-reviewed', 'revise')).toBeUndefined();
    expect(reviewed('decision-reviewed', 'approve')).toBe('DecisionConfirmed');
    expect(reviewed('decision-reviewed', 'revise')).toBeUndefined();
  });

  it('leaves the rest of the dossier in the dossier', () => {
    for (const type of [
      'mail-sent',
      'task-reminded',
      'plan-drafted',
      'due-date-extended',
      'term-started',
      'step-failed',
    ]) {
      expect(lifecycleEventOf(chased(type)), type).toBeUndefined();
    }
  });

  it('refuses to build a detail that does not fit its schema, naming the path and no value', () => {
    // A pause written before pauses named their phase.
    const call = () =>
      lifecycleEventOf(anEvent({ type: 'paused', id: `paused@${AT}`, data: { reason: 'Ziek: griep' } }));
    expect(call).toThrow(InvalidLifecycleEventError);
    expect(call).toThrow(/at phase$/);
    expect(call).not.toThrow(/griep/);
  });

  it('checks details strictly: a field beyond the schema (a name, say) is refused', () => {
    const detail = { version: 1, eventId: `${T}/x`, trajectoryId: T, occurredAt: AT, phase: 'identify' };
    expect(DETAIL_SCHEMAS.TrajectoryStarted.safeParse(detail).success).toBe(true);
    expect(DETAIL_SCHEMAS.TrajectoryStarted.safeParse({ ...detail, employee: 'Sanne de Boer' }).success).toBe(
      false,
    );
  });
});

describe('docs/events.md', () => {
  const page = readFileSync(new URL('../../../docs/events.md', import.meta.url), 'utf8');

  it('describes every event and every field of every detail schema', () => {
    for (const type of LIFECYCLE_EVENT_TYPES) expect(page, type).toContain(`| \`${type}\``);
    const fields = new Set(
      Object.values(DETAIL_SCHEMAS).flatMap((schema) => Object.keys((schema as { shape: object }).shape)),
    );
    for (const field of fields) expect(page, field).toMatch(new RegExp(`\`${field}\``));
    expect(Object.keys(DETAIL_SCHEMAS).sort()).toEqual([...LIFECYCLE_EVENT_TYPES].sort());
  });
});
