import { describe, expect, it } from 'vitest';
import type { Dossier, Task, Trajectory } from '#core/model.ts';
import {
  calendarHold,
  CalendarMovedError,
  pauseRefusal,
  resumePlan,
  resumeRefusal,
  shiftedForResume,
  TrajectoryPausedError,
} from '#core/pause.ts';
import { pausedDays } from '#core/schedule.ts';
import { aTrajectory } from '../../data/fixtures.ts';

const PAUSED_AT = '2026-03-02T09:00:00.000Z'; // Monday 10:00 in Amsterdam
const DAY = 24 * 60 * 60 * 1000;
const at = (iso: string, plusMs = 0) => new Date(Date.parse(iso) + plusMs);

function openTaskOf(overrides: Partial<Task> = {}): Task {
  return {
    id: 'identify-1',
    trajectoryId: 't',
    kind: 'identify',
    assignee: 'manager',
    status: 'open',
    openedAt: '2026-02-27T09:00:00.000Z',
    dueAt: '2026-03-04T16:00:00.000Z', // Wednesday 17:00
    chaseStage: 'reminded',
    version: 3,
    ...overrides,
  };
}

const dossierOf = (trajectory: Trajectory, tasks: Task[] = []): Dossier => ({
  trajectory,
  tasks,
  events: [],
});

describe('who may pause and resume', () => {
  it('pauses an active trajectory once, and resumes only a paused one', () => {
    expect(pauseRefusal(aTrajectory())).toBeUndefined();
    expect(pauseRefusal(aTrajectory({ pausedAt: PAUSED_AT }))).toBe('already_paused');
    expect(pauseRefusal(aTrajectory({ status: 'completed' }))).toBe('not_active');
    expect(resumeRefusal(aTrajectory())).toBe('not_paused');
    expect(resumeRefusal(aTrajectory({ pausedAt: PAUSED_AT }))).toBeUndefined();
    expect(resumeRefusal(aTrajectory({ status: 'cancelled', pausedAt: PAUSED_AT }))).toBe('not_active');
  });
});

describe('the days a pause gives back', () => {
  it('counts Amsterdam calendar days across the autumn switch, not 24-hour blocks', () => {
    // 31 calendar days and 1 hour of real time: still 31 days, at the same wall-clock time.
    expect(pausedDays(at('2026-10-01T08:00:00Z'), at('2026-11-01T09:00:00Z'))).toBe(31);
    // And across the spring switch: 23-hour day, still whole.
    expect(pausedDays(at('2026-03-20T09:00:00Z'), at('2026-04-03T08:00:00Z'))).toBe(14);
  });
});

describe('resuming', () => {
  it('moves an open task by the paused days at the same time of day and restarts its chasing', () => {
    const moved = shiftedForResume(openTaskOf(), PAUSED_AT, at(PAUSED_AT, 10 * DAY));

    // Wednesday 4 March + 10 days = Saturday 14 March → Monday 16 March, 17:00.
    expect(moved).toMatchObject({
      dueAt: '2026-03-16T16:00:00.000Z',
      chaseStage: 'none',
      shiftedForPause: PAUSED_AT,
    });
  });

  it('gives a task opened during the pause only the days since its opening', () => {
    const task = openTaskOf({ openedAt: '2026-03-09T09:00:00.000Z', dueAt: '2026-03-16T16:00:00.000Z' });

    const moved = shiftedForResume(task, PAUSED_AT, at(PAUSED_AT, 10 * DAY));

    expect(moved?.dueAt).toBe('2026-03-19T16:00:00.000Z');
  });

  it('leaves a task alone that is no longer open or was already moved for this pause', () => {
    const now = at(PAUSED_AT, 10 * DAY);
    expect(shiftedForResume(openTaskOf({ status: 'done' }), PAUSED_AT, now)).toBeUndefined();
    expect(shiftedForResume(openTaskOf({ shiftedForPause: PAUSED_AT }), PAUSED_AT, now)).toBeUndefined();
    // A task moved for an earlier pause moves again for this one.
    expect(
      shiftedForResume(openTaskOf({ shiftedForPause: '2026-01-05T09:00:00.000Z' }), PAUSED_AT, now),
    ).toBeDefined();
  });

  it('moves the aftercare date that had not come yet, and nothing that had passed', () => {
    const trajectory = aTrajectory({
      pausedAt: PAUSED_AT,
      phase: 'aftercare',
      termEndsAt: '2026-02-02T08:00:00.000Z',
      aftercareOn: '2026-03-16',
      meetings: [{ number: 1, plannedOn: '2026-01-19', taskId: 'follow-up-1', heldOn: '2026-01-19' }],
    });

    const plan = resumePlan(dossierOf(trajectory), at(PAUSED_AT, 7 * DAY));

    expect(plan.days).toBe(7);
    expect(plan.trajectory).toMatchObject({
      aftercareOn: '2026-03-23',
      termEndsAt: '2026-02-02T08:00:00.000Z',
    });
    expect(plan.trajectory.pausedAt).toBeUndefined();
    expect(plan.trajectory.meetings).toEqual(trajectory.meetings);
  });
});

describe('the Open step of a calendar task', () => {
  const followUps = aTrajectory({
    phase: 'follow-up',
    termEndsAt: '2026-04-27T07:00:00.000Z',
    meetings: [
      { number: 1, plannedOn: '2026-03-02', taskId: 'follow-up-1' },
      { number: 2, plannedOn: '2026-03-30' },
    ],
  });

  it('sleeps while paused', () => {
    const paused = dossierOf({ ...followUps, pausedAt: PAUSED_AT });

    expect(() => calendarHold(paused, { kind: 'follow-up', meeting: 2 }, at('2026-03-16T08:00:00Z'))).toThrow(
      TrajectoryPausedError,
    );
    expect(new TrajectoryPausedError('x').name).toBe('TrajectoryPaused');
  });

  it('waits again, for the stored date, when a resume moved it past now', () => {
    let thrown: unknown;
    try {
      calendarHold(dossierOf(followUps), { kind: 'follow-up', meeting: 2 }, at('2026-03-16T08:00:00Z'));
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(CalendarMovedError);
    expect((thrown as Error).name).toBe('CalendarMoved');
    // What the state machine merges into $step: the request of the 30 March meeting, two
    // working days ahead, Thursday 26 March at 09:00 in Amsterdam (winter time still).
    expect(JSON.parse((thrown as Error).message)).toEqual({
      nextFollowUp: { number: 2, at: '2026-03-26T08:00:00.000Z' },
    });
    expect(() =>
      calendarHold(dossierOf(followUps), { kind: 'evaluation' }, at('2026-03-16T08:00:00Z')),
    ).toThrow('{"termEndsAt":"2026-04-27T07:00:00.000Z"}');
  });

  it('opens on the stored date, and lets the retry of an opened task or any other task through', () => {
    const due = at('2026-03-30T07:00:00Z');
    expect(() => calendarHold(dossierOf(followUps), { kind: 'follow-up', meeting: 2 }, due)).not.toThrow();
    const paused = dossierOf({ ...followUps, pausedAt: PAUSED_AT });
    expect(() => calendarHold(paused, { kind: 'follow-up', meeting: 1 }, due)).not.toThrow();
    expect(() => calendarHold(paused, { kind: 'plan' }, due)).not.toThrow();
    expect(() =>
      calendarHold(
        dossierOf(followUps, [openTaskOf({ kind: 'evaluation', id: 'evaluation-1' })]),
        {
          kind: 'evaluation',
        },
        at('2026-03-16T08:00:00Z'),
      ),
    ).not.toThrow();
  });
});
