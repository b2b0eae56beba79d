import { describe, expect, it } from 'vitest';
import type { Goal, Task, WorkState } from '#core/model.ts';
import { goalsInForceAt, openPlanChange, planChangeRefusal } from '#core/plan-change.ts';
import { completeTask, requestDetails } from '#core/steps.ts';
import { aTask, aTrajectory } from '../../data/fixtures.ts';

const MONDAY = new Date('2026-03-30T08:00:00.000Z');
const LATER = (days: number) => new Date(MONDAY.getTime() + days * 24 * 60 * 60 * 1000);

const goal = (title: string): Goal => ({
  title,
  specific: `${title}, concreet`,
  measure: 'Gemeten',
  target: 'Gehaald',
  deadline: '2026-05-01',
  support: 'Coaching',
});
const FIRST = [goal('Op tijd'), goal('Rapportage')];
const CHANGED = [goal('Op tijd'), goal('Klantcontact')];
const REASON = 'De rapportage is naar een collega gegaan.';

/** A trajectory in its term: the first plan written, approved and acknowledged. */
function inTerm(): WorkState {
  const trajectory = aTrajectory({
    phase: 'follow-up',
    goals: FIRST,
    termEndsAt: '2026-05-11T07:00:00.000Z',
    meetings: [{ number: 1, plannedOn: '2026-04-13' }],
    version: 3,
  });
  const done = (id: string, kind: Task['kind'], response: unknown, completedAt: string): Task =>
    aTask(trajectory.id, {
      id,
      kind,
      assignee: kind === 'plan' ? 'manager' : kind === 'plan-approval' ? 'hr' : 'employee',
      status: 'done',
      openedAt: '2026-03-10T08:00:00.000Z',
      response,
      completedAt,
    });
  return {
    trajectory,
    tasks: [
      done('plan-1', 'plan', { goals: FIRST }, '2026-03-11T08:00:00.000Z'),
      done('plan-approval-1', 'plan-approval', { decision: 'approve' }, '2026-03-12T08:00:00.000Z'),
      done(
        'plan-acknowledgement-1',
        'plan-acknowledgement',
        { acknowledged: true },
        '2026-03-13T08:00:00.000Z',
      ),
    ],
  };
}

/** What the workflow does with a completed step: the task, the trajectory and the task it opens. */
function apply(
  state: WorkState,
  taskId: string,
  response: unknown,
  now: Date,
): { state: WorkState; opened?: Task } {
  const answered = state.tasks.map((task) =>
    task.id === taskId
      ? { ...task, response, status: 'done' as const, completedAt: now.toISOString() }
      : task,
  );
  const step = completeTask({ ...state, tasks: answered }, taskId, now);
  const tasks = answered.map((task) => (task.id === step.task?.id ? step.task : task));
  if (step.opens?.created) tasks.push(step.opens.task);
  return { state: { trajectory: step.trajectory ?? state.trajectory, tasks }, opened: step.opens?.task };
}

/** A change asked for on MONDAY, written at `writtenAt` and approved by HR at `approvedAt`. */
function changedAndApproved(writtenAt: Date, approvedAt: Date) {
  const start = inTerm();
  const { task } = openPlanChange(start, { reason: REASON }, MONDAY);
  const written = apply({ ...start, tasks: [...start.tasks, task] }, 'plan-2', { goals: CHANGED }, writtenAt);
  return apply(written.state, written.opened!.id, { decision: 'approve' }, approvedAt);
}

describe('planChangeRefusal', () => {
  it('allows a change only while the term runs, not paused, one at a time', () => {
    const state = inTerm();
    expect(planChangeRefusal(state)).toBeUndefined();
    expect(
      planChangeRefusal({
        ...state,
        trajectory: { ...state.trajectory, phase: 'plan', termEndsAt: undefined },
      }),
    ).toBe('plan_not_acknowledged');
    expect(planChangeRefusal({ ...state, trajectory: { ...state.trajectory, phase: 'evaluation' } })).toBe(
      'plan_not_acknowledged',
    );
    expect(
      planChangeRefusal({ ...state, trajectory: { ...state.trajectory, pausedAt: MONDAY.toISOString() } }),
    ).toBe('paused');
    expect(planChangeRefusal({ ...state, trajectory: { ...state.trajectory, status: 'cancelled' } })).toBe(
      'not_active',
    );
    const { task } = openPlanChange(state, { reason: REASON }, MONDAY);
    expect(planChangeRefusal({ ...state, tasks: [...state.tasks, task] })).toBe('plan_change_open');
  });
});

describe('a change of the plan, step by step', () => {
  it('opens the manager task, then HR review, then a new acknowledgement, leaving the term alone', () => {
    // Prepare
    const start = inTerm();
    const { task, event } = openPlanChange(start, { reason: REASON }, MONDAY);
    expect(task).toMatchObject({
      id: 'plan-2',
      kind: 'plan',
      assignee: 'manager',
      change: { number: 1, reason: REASON },
    });
    expect(event).toMatchObject({ type: 'plan-change-requested', data: { change: 1, reason: REASON } });
    expect(requestDetails({ ...start, tasks: [...start.tasks, task] }, task).planChange).toEqual({
      number: 1,
      reason: REASON,
    });

    // Act: the manager writes it; HR sends it back; the manager writes again; HR approves.
    const written = apply(
      { ...start, tasks: [...start.tasks, task] },
      'plan-2',
      { goals: CHANGED },
      LATER(1),
    );
    const sentBack = apply(
      written.state,
      written.opened!.id,
      { decision: 'revise', comments: 'Meetbaar.' },
      LATER(2),
    );
    const rewritten = apply(sentBack.state, sentBack.opened!.id, { goals: CHANGED }, LATER(3));
    const approved = apply(rewritten.state, rewritten.opened!.id, { decision: 'approve' }, LATER(4));
    const acknowledged = apply(approved.state, approved.opened!.id, { acknowledged: true }, LATER(5));

    // Assess: each step opens the next, carrying the change; the goals change on approval only.
    expect(written.state.trajectory.goals).toEqual(FIRST);
    expect(written.opened).toMatchObject({
      id: 'plan-approval-2',
      assignee: 'hr',
      about: 'plan-2',
      change: { number: 1 },
    });
    expect(sentBack.state.trajectory.goals).toEqual(FIRST);
    expect(sentBack.opened).toMatchObject({
      id: 'plan-3',
      kind: 'plan',
      about: 'plan-approval-2',
      change: { number: 1 },
    });
    expect(rewritten.opened).toMatchObject({ id: 'plan-approval-3', about: 'plan-3' });
    expect(approved.state.trajectory.goals).toEqual(CHANGED);
    expect(approved.opened).toMatchObject({
      id: 'plan-acknowledgement-2',
      assignee: 'employee',
      about: 'plan-3',
      change: { number: 1, reason: REASON },
    });
    expect(acknowledged.opened).toBeUndefined();
    expect(acknowledged.state.trajectory.termEndsAt).toBe(start.trajectory.termEndsAt);
    expect(acknowledged.state.trajectory.meetings).toEqual(start.trajectory.meetings);
    expect(acknowledged.state.trajectory.term).toBe(start.trajectory.term);
  });

  it('records no new term for a changed plan, and a retry opens nothing twice', () => {
    const approved = changedAndApproved(LATER(1), LATER(2));
    const ack = approved.opened!;
    const answered = approved.state.tasks.map((other) =>
      other.id === ack.id
        ? {
            ...other,
            response: { acknowledged: true },
            status: 'done' as const,
            completedAt: LATER(3).toISOString(),
          }
        : other,
    );

    const step = completeTask({ ...approved.state, tasks: answered }, ack.id, LATER(3));
    const again = completeTask({ ...approved.state, tasks: answered }, 'plan-approval-2', LATER(5));

    expect(step.events.map((e) => e.type)).toEqual(['plan-acknowledged']);
    expect(step.trajectory).toBeUndefined();
    expect(again.opens).toMatchObject({ created: false, task: { id: 'plan-acknowledgement-2' } });
  });
});

describe('goalsInForceAt', () => {
  it('gives the plan a report was written against: no change before its approval', () => {
    const approved = changedAndApproved(LATER(1), LATER(3));
    const titles = (at: Date) =>
      goalsInForceAt(approved.state.tasks, at.toISOString(), []).map((g) => g.title);

    expect(titles(LATER(0))).toEqual(['Op tijd', 'Rapportage']);
    // Written, not yet approved: the plan before is in force.
    expect(titles(LATER(2))).toEqual(['Op tijd', 'Rapportage']);
    expect(titles(LATER(4))).toEqual(['Op tijd', 'Klantcontact']);
    // A dossier from before plan versions were kept falls back.
    expect(goalsInForceAt([], MONDAY.toISOString(), FIRST)).toBe(FIRST);
  });
});
