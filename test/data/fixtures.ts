/**
 * Domain objects for the data-layer tests. Every builder takes a fresh random id unless told
 * otherwise, so tests never see each other's data even when they share a table.
 */
import { randomUUID } from 'node:crypto';
import type { ActionLink, DossierEvent, Task, Trajectory } from '#core/model.ts';
import { DEFAULT_SCHEDULE } from '#core/schedule.ts';

export function aTrajectory(overrides: Partial<Trajectory> = {}): Trajectory {
  return {
    id: randomUUID(),
    status: 'active',
    phase: 'identify',
    attention: false,
    locale: 'nl',
    employee: { name: 'Employee Example', email: 'employee@example.test' },
    manager: { name: 'Manager Example', email: 'manager@example.test' },
    hrAdvisor: { name: 'Advisor Example', email: 'hr@example.test' },
    reason: 'Agreed targets were repeatedly missed.',
    schedule: { ...DEFAULT_SCHEDULE },
    improvementAreas: [],
    goals: [],
    meetings: [],
    term: 1,
    createdAt: '2026-03-02T09:00:00.000Z',
    updatedAt: '2026-03-02T09:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

export function aTask(trajectoryId: string, overrides: Partial<Task> = {}): Task {
  return {
    id: `identify-${randomUUID()}`,
    trajectoryId,
    kind: 'identify',
    assignee: 'manager',
    status: 'open',
    openedAt: '2026-03-02T09:00:00.000Z',
    dueAt: '2026-03-07T09:00:00.000Z',
    chaseStage: 'none',
    version: 1,
    ...overrides,
  };
}

export function anEvent(trajectoryId: string, overrides: Partial<DossierEvent> = {}): DossierEvent {
  return {
    id: `event-${randomUUID()}`,
    trajectoryId,
    at: '2026-03-02T09:00:00.000Z',
    type: 'trajectory-started',
    actor: { role: 'hr' },
    ...overrides,
  };
}

export function aLink(trajectoryId: string, taskId: string, overrides: Partial<ActionLink> = {}): ActionLink {
  return {
    linkHash: randomUUID().replaceAll('-', '').repeat(2),
    trajectoryId,
    taskId,
    createdAt: '2026-03-02T09:00:00.000Z',
    ...overrides,
  };
}

/** ISO instant `minutes` after a fixed base, for building ordered creation times. */
export function minutesAfterBase(minutes: number): string {
  return new Date(Date.UTC(2026, 0, 1) + minutes * 60_000).toISOString();
}
