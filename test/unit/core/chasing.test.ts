import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, type ChaseStage, type Role, type Schedule, type TaskStatus } from '#core/model.ts';
import {
  MAX_CHECK_IN_SECONDS,
  MIN_CHECK_IN_SECONDS,
  afterDueTimeMoved,
  chase,
  checkInSeconds,
  firstCheckpoint,
  mailWindow,
  type ChaseAction,
  type ChaseTask,
} from '#core/chasing.ts';
import { DEFAULT_SCHEDULE, dueAt, resolveSchedule } from '#core/schedule.ts';
import { amsterdamDate, isWorkingDay, nextWorkingMoment } from '#core/working-days.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const at = (iso: string) => new Date(iso);

// Due Tuesday 3 March 2026, 17:00 CET. Reminder 48 h before: Sunday 1 March 17:00 CET, a day
// without mail, so Monday 2 March 09:00 CET. Grace of 3 days: Friday 6 March 17:00 CET.
const DUE = '2026-03-03T16:00:00.000Z';
const REMIND = '2026-03-02T08:00:00.000Z';
const GRACE = '2026-03-06T16:00:00.000Z';

function task(overrides: Partial<ChaseTask> = {}): ChaseTask {
  return { assignee: 'manager', dueAt: DUE, chaseStage: 'none', status: 'open', ...overrides };
}

describe('chase, manager and HR tasks', () => {
  it('does nothing before the reminder and checks again at the reminder time', () => {
    const result = chase(task(), DEFAULT_SCHEDULE, at('2026-03-01T10:00:00Z'));

    expect(result).toEqual({ actions: [], stage: 'none', nextCheckAt: REMIND, attention: false });
  });

  it('reminds reminderHoursBefore the due time, at 09:00 on the next working day when that is a Sunday', () => {
    const result = chase(task(), DEFAULT_SCHEDULE, at(REMIND));

    expect(result).toEqual({ actions: ['remind'], stage: 'reminded', nextCheckAt: DUE, attention: false });
  });

  it('does not remind twice', () => {
    const result = chase(task({ chaseStage: 'reminded' }), DEFAULT_SCHEDULE, at('2026-03-02T09:00:00Z'));

    expect(result).toEqual({ actions: [], stage: 'reminded', nextCheckAt: DUE, attention: false });
  });

  it('at the due time tells the assignee and escalates to HR', () => {
    const result = chase(task({ chaseStage: 'reminded' }), DEFAULT_SCHEDULE, at(DUE));

    expect(result).toEqual({
      actions: ['overdue', 'escalate'],
      stage: 'overdue',
      nextCheckAt: GRACE,
      attention: false,
    });
  });

  it('escalates a second time after the grace period and flags attention', () => {
    const result = chase(task({ chaseStage: 'overdue' }), DEFAULT_SCHEDULE, at(GRACE));

    expect(result).toEqual({ actions: ['second-escalation'], stage: 'escalated', attention: true });
  });

  it('has nothing left to do once escalated', () => {
    const result = chase(task({ chaseStage: 'escalated' }), DEFAULT_SCHEDULE, at('2026-05-01T10:00:00Z'));

    expect(result).toEqual({ actions: [], stage: 'escalated', attention: false });
  });

  it('treats an HR advisor task like a manager task', () => {
    const result = chase(task({ assignee: 'hr', chaseStage: 'reminded' }), DEFAULT_SCHEDULE, at(DUE));

    expect(result.actions).toEqual(['overdue', 'escalate']);
  });

  it('skips the reminder on a late check after the deadline', () => {
    const result = chase(task(), DEFAULT_SCHEDULE, at('2026-03-03T17:00:00Z'));

    expect(result).toEqual({
      actions: ['overdue', 'escalate'],
      stage: 'overdue',
      nextCheckAt: GRACE,
      attention: false,
    });
  });

  it('catches up on every missed checkpoint at once, without the reminder', () => {
    const result = chase(task(), DEFAULT_SCHEDULE, at('2026-03-20T10:00:00Z'));

    expect(result).toEqual({
      actions: ['overdue', 'escalate', 'second-escalation'],
      stage: 'escalated',
      attention: true,
    });
  });

  it('with a grace of zero days escalates twice at the due time', () => {
    const schedule = resolveSchedule({ escalationGraceDays: 0 });

    const result = chase(task({ chaseStage: 'reminded' }), schedule, at(DUE));

    expect(result).toEqual({
      actions: ['overdue', 'escalate', 'second-escalation'],
      stage: 'escalated',
      attention: true,
    });
  });

  it('is idempotent: the returned stage yields no further actions at the same time', () => {
    const now = at('2026-03-20T10:00:00Z');
    const first = chase(task(), DEFAULT_SCHEDULE, now);

    const again = chase(task({ chaseStage: first.stage }), DEFAULT_SCHEDULE, now);

    expect(again.actions).toEqual([]);
    expect(again.attention).toBe(false);
  });

  it('without a reminder window goes straight to the due time', () => {
    const schedule = resolveSchedule({ reminderHoursBefore: 0 });

    const before = chase(task(), schedule, at('2026-03-03T15:59:59Z'));
    const due = chase(task(), schedule, at(DUE));

    expect(before).toEqual({ actions: [], stage: 'none', nextCheckAt: DUE, attention: false });
    expect(due.actions).toEqual(['overdue', 'escalate']);
  });

  it('ends the grace period on a working day', () => {
    // Due Thursday 5 March; three days later is Sunday, so HR hears again on Monday.
    const result = chase(
      task({ dueAt: '2026-03-05T16:00:00.000Z' }),
      DEFAULT_SCHEDULE,
      at('2026-03-05T16:00:00Z'),
    );

    expect(result.nextCheckAt).toBe('2026-03-09T16:00:00.000Z');
  });

  it('keeps the grace period at 17:00 local across the spring DST switch', () => {
    const result = chase(
      task({ dueAt: '2026-03-27T16:00:00.000Z' }),
      DEFAULT_SCHEDULE,
      at('2026-03-27T16:00:00Z'),
    );

    expect(result.nextCheckAt).toBe('2026-03-30T15:00:00.000Z');
  });

  it('never goes back to an earlier stage', () => {
    const result = chase(task({ chaseStage: 'overdue' }), DEFAULT_SCHEDULE, at('2026-02-20T10:00:00Z'));

    expect(result).toEqual({ actions: [], stage: 'overdue', nextCheckAt: GRACE, attention: false });
  });

  it.each<TaskStatus>(['done', 'no-response', 'closed'])('leaves a %s task alone', (status) => {
    const result = chase(task({ status }), DEFAULT_SCHEDULE, at('2026-03-20T10:00:00Z'));

    expect(result).toEqual({ actions: [], stage: 'none', attention: false });
  });

  it('refuses a task without a valid due time', () => {
    expect(() => chase(task({ dueAt: 'tomorrow' }), DEFAULT_SCHEDULE, at(DUE))).toThrow(RangeError);
  });
});

describe('chase, employee tasks', () => {
  const employeeTask = (overrides: Partial<ChaseTask> = {}) => task({ assignee: 'employee', ...overrides });

  it('reminds the employee', () => {
    const result = chase(employeeTask(), DEFAULT_SCHEDULE, at(REMIND));

    expect(result).toEqual({ actions: ['remind'], stage: 'reminded', nextCheckAt: DUE, attention: false });
  });

  it('records no response at the due time, without escalating, and stops', () => {
    const result = chase(employeeTask({ chaseStage: 'reminded' }), DEFAULT_SCHEDULE, at(DUE));

    expect(result).toEqual({ actions: ['no-response'], stage: 'overdue', attention: false });
  });

  it('never escalates, however late the check', () => {
    const result = chase(employeeTask(), DEFAULT_SCHEDULE, at('2026-06-01T10:00:00Z'));

    expect(result).toEqual({ actions: ['no-response'], stage: 'overdue', attention: false });
  });
});

describe('firstCheckpoint', () => {
  it('is the reminder time for a task with time to spare', () => {
    expect(firstCheckpoint(task(), DEFAULT_SCHEDULE, at('2026-02-26T10:00:00Z'))).toBe(REMIND);
  });

  it('skips a reminder that would fall before the task opened', () => {
    expect(firstCheckpoint(task(), DEFAULT_SCHEDULE, at('2026-03-02T10:00:00Z'))).toBe(DUE);
  });

  it('skips a reminder at the very moment of opening', () => {
    expect(firstCheckpoint(task(), DEFAULT_SCHEDULE, at(REMIND))).toBe(DUE);
  });

  it('returns a deadline that already passed, so the first check comes as soon as it may', () => {
    const now = at('2026-03-04T10:00:00Z');

    const first = firstCheckpoint(task(), DEFAULT_SCHEDULE, now);

    expect(first).toBe(DUE);
    expect(checkInSeconds(first, now)).toBe(MIN_CHECK_IN_SECONDS);
  });

  it('skips a reminder that would arrive with the request of a task opened on a day off', () => {
    // Prepare: due Monday 9 March 2026, 17:00; the reminder (Saturday 17:00) waits for Monday
    // 09:00, which is when the request of a task opened on Saturday morning goes out too.
    const opened = task({ dueAt: '2026-03-09T16:00:00.000Z' });

    // Act
    const first = firstCheckpoint(opened, DEFAULT_SCHEDULE, at('2026-03-07T09:00:00Z'));

    // Assess
    expect(first).toBe('2026-03-09T16:00:00.000Z');
  });

  it('is the reminder for an employee task too', () => {
    expect(
      firstCheckpoint(task({ assignee: 'employee' }), DEFAULT_SCHEDULE, at('2026-02-26T10:00:00Z')),
    ).toBe(REMIND);
  });

  it('is absent for a task that is no longer open', () => {
    expect(
      firstCheckpoint(task({ status: 'done' }), DEFAULT_SCHEDULE, at('2026-02-26T10:00:00Z')),
    ).toBeUndefined();
  });
});

describe('checkInSeconds', () => {
  const now = at('2026-03-01T12:00:00Z');

  it('counts whole seconds to the next checkpoint', () => {
    expect(checkInSeconds('2026-03-01T12:10:00.000Z', now)).toBe(600);
  });

  it('rounds a fraction up, so the check never comes early', () => {
    expect(checkInSeconds('2026-03-01T12:10:00.500Z', now)).toBe(601);
  });

  it('never arms a timeout under a minute: a checkpoint due, past or close fires after 60 s', () => {
    expect(MIN_CHECK_IN_SECONDS).toBe(60);
    expect(checkInSeconds('2026-03-01T12:00:00.000Z', now)).toBe(60);
    expect(checkInSeconds('2026-02-01T12:00:00.000Z', now)).toBe(60);
    expect(checkInSeconds('2026-03-01T12:00:59.000Z', now)).toBe(60);
    expect(checkInSeconds('2026-03-01T12:01:01.000Z', now)).toBe(61);
  });

  it('waits 30 days at most, far from Step Functions’ one-year limit', () => {
    expect(MAX_CHECK_IN_SECONDS).toBe(30 * 24 * 60 * 60);
    expect(checkInSeconds('2026-03-31T12:00:00.000Z', now)).toBe(MAX_CHECK_IN_SECONDS);
    expect(checkInSeconds('2026-03-31T11:59:59.000Z', now)).toBe(MAX_CHECK_IN_SECONDS - 1);
    expect(checkInSeconds('2028-03-01T12:00:00.000Z', now)).toBe(MAX_CHECK_IN_SECONDS);
  });

  it('keeps waiting 30 days at a time when no checkpoint remains', () => {
    expect(checkInSeconds(undefined, now)).toBe(30 * 24 * 60 * 60);
  });

  it('refuses something that is not an instant', () => {
    expect(() => checkInSeconds('later', now)).toThrow(RangeError);
  });
});

describe('chase on working days only', () => {
  it('moves a reminder 48 h before a Monday 17:00 deadline from Saturday 17:00 to Monday 09:00', () => {
    // Prepare: due Monday 9 March 2026, 17:00 CET.
    const monday = task({ dueAt: '2026-03-09T16:00:00.000Z' });

    // Act
    const before = chase(monday, DEFAULT_SCHEDULE, at('2026-03-06T10:00:00Z'));
    const onSaturday = chase(monday, DEFAULT_SCHEDULE, at('2026-03-07T16:30:00Z'));
    const onMonday = chase(monday, DEFAULT_SCHEDULE, at('2026-03-09T08:00:00Z'));

    // Assess
    expect(before.nextCheckAt).toBe('2026-03-09T08:00:00.000Z');
    expect(onSaturday.actions).toEqual([]);
    expect(onMonday).toMatchObject({ actions: ['remind'], stage: 'reminded' });
  });

  it('moves a reminder on King’s Day 2027 to Wednesday 09:00', () => {
    // Prepare: due Thursday 29 April 2027, 17:00 CEST; 48 h before is Tuesday the 27th.
    const dueThursday = task({ dueAt: '2027-04-29T15:00:00.000Z' });

    // Act
    const first = firstCheckpoint(dueThursday, DEFAULT_SCHEDULE, at('2027-04-20T08:00:00Z'));
    const onKingsDay = chase(dueThursday, DEFAULT_SCHEDULE, at('2027-04-27T16:00:00Z'));

    // Assess
    expect(first).toBe('2027-04-28T07:00:00.000Z');
    expect(onKingsDay.actions).toEqual([]);
  });

  it('moves a reminder on Christmas Day to the next working day at 09:00', () => {
    // Due Monday 28 December 2026, 17:00: 48 h before is Saturday (Boxing Day); 72 h before is
    // Christmas Day. Both wait for Monday 09:00, still before the deadline.
    const dueMonday = task({ dueAt: '2026-12-28T16:00:00.000Z' });
    const schedule = resolveSchedule({ reminderHoursBefore: 72 });

    expect(chase(dueMonday, schedule, at('2026-12-23T10:00:00Z')).nextCheckAt).toBe(
      '2026-12-28T08:00:00.000Z',
    );
  });

  it('ends the grace period on the working day after Christmas', () => {
    // Due Tuesday 22 December 2026, 17:00; three days later is Christmas Day, then the weekend.
    const result = chase(
      task({ dueAt: '2026-12-22T16:00:00.000Z' }),
      DEFAULT_SCHEDULE,
      at('2026-12-22T16:00:00Z'),
    );

    expect(result).toMatchObject({
      actions: ['overdue', 'escalate'],
      nextCheckAt: '2026-12-28T16:00:00.000Z',
    });
  });

  it('ends the grace period after Easter Monday, at 17:00 summer time', () => {
    // Due Friday 26 March 2027, 17:00 CET; three days later is Easter Monday.
    const result = chase(
      task({ dueAt: '2027-03-26T16:00:00.000Z' }),
      DEFAULT_SCHEDULE,
      at('2027-03-26T16:00:00Z'),
    );

    expect(result.nextCheckAt).toBe('2027-03-30T15:00:00.000Z');
  });

  it('chases a deadline HR put on a Saturday on the Monday at 09:00', () => {
    const saturday = task({ dueAt: '2026-03-07T16:00:00.000Z', chaseStage: 'reminded' });

    const onSaturday = chase(saturday, DEFAULT_SCHEDULE, at('2026-03-07T16:00:00Z'));
    const onMonday = chase(saturday, DEFAULT_SCHEDULE, at('2026-03-09T08:00:00Z'));

    expect(onSaturday).toMatchObject({ actions: [], nextCheckAt: '2026-03-09T08:00:00.000Z' });
    expect(onMonday.actions).toEqual(['overdue', 'escalate']);
  });

  it('puts every checkpoint on a working day, for any deadline the schedule gives (2026–2028)', () => {
    const scenario = fc.record({
      from: fc.date({
        min: at('2026-01-01T00:00:00Z'),
        max: at('2028-11-30T23:59:59Z'),
        noInvalidDate: true,
      }),
      days: fc.integer({ min: 0, max: 30 }),
      assignee: fc.constantFrom<Role>(...ROLES),
      reminderHoursBefore: fc.integer({ min: 0, max: 720 }),
      escalationGraceDays: fc.integer({ min: 0, max: 60 }),
    });

    fc.assert(
      fc.property(scenario, (s) => {
        // Prepare
        const schedule = resolveSchedule(s);
        let state: ChaseTask = {
          assignee: s.assignee,
          dueAt: dueAt(s.from, s.days).toISOString(),
          chaseStage: 'none',
          status: 'open',
        };

        // Act: from long before, every checkpoint in turn, exactly at its moment.
        let next = chase(state, schedule, new Date(s.from.getTime() - 31 * DAY)).nextCheckAt;
        const checkpoints: string[] = [];
        for (let step = 0; next !== undefined && step < 5; step++) {
          checkpoints.push(next);
          const result = chase(state, schedule, new Date(next));
          expect(result.actions.length).toBeGreaterThan(0);
          state = { ...state, chaseStage: result.stage };
          next = result.nextCheckAt;
        }

        // Assess
        expect(next).toBeUndefined();
        for (const checkpoint of checkpoints)
          expect(isWorkingDay(amsterdamDate(new Date(checkpoint)))).toBe(true);
      }),
    );
  });
});

describe('mailWindow', () => {
  it('is open on a working day, whatever the hour', () => {
    expect(mailWindow(at('2026-03-09T05:00:00Z'))).toEqual({ open: true });
    expect(mailWindow(at('2026-12-24T20:00:00Z'))).toEqual({ open: true });
  });

  it('is shut on Saturday until Monday 09:00', () => {
    expect(mailWindow(at('2026-03-07T16:00:00Z'))).toEqual({
      open: false,
      opensAt: '2026-03-09T08:00:00.000Z',
    });
  });

  it('is shut on Christmas Day and Boxing Day 2026 until Monday the 28th at 09:00', () => {
    const opensAt = '2026-12-28T08:00:00.000Z';

    expect(mailWindow(at('2026-12-25T10:00:00Z'))).toEqual({ open: false, opensAt });
    expect(mailWindow(at('2026-12-26T10:00:00Z'))).toEqual({ open: false, opensAt });
  });

  it('is shut on Whit Monday 2027 until Tuesday 09:00 summer time', () => {
    expect(mailWindow(at('2027-05-17T12:00:00Z'))).toEqual({
      open: false,
      opensAt: '2027-05-18T07:00:00.000Z',
    });
  });

  it('refuses an invalid instant', () => {
    expect(() => mailWindow(new Date('soon'))).toThrow(RangeError);
  });
});

describe('afterDueTimeMoved', () => {
  it('starts chasing afresh when the new deadline lies ahead', () => {
    const moved = afterDueTimeMoved(
      { status: 'open', chaseStage: 'escalated' },
      '2026-03-10T16:00:00Z',
      at('2026-03-07T10:00:00Z'),
    );

    expect(moved).toEqual({ dueAt: '2026-03-10T16:00:00.000Z', chaseStage: 'none' });
  });

  it('keeps the stage when the new deadline has passed too, so HR is not escalated to again', () => {
    const moved = afterDueTimeMoved(
      { status: 'open', chaseStage: 'escalated' },
      '2026-03-05T16:00:00Z',
      at('2026-03-07T10:00:00Z'),
    );

    expect(moved.chaseStage).toBe('escalated');
  });

  it('does not restart a task that is no longer open', () => {
    const moved = afterDueTimeMoved(
      { status: 'done', chaseStage: 'overdue' },
      '2026-04-01T16:00:00Z',
      at('2026-03-07T10:00:00Z'),
    );

    expect(moved.chaseStage).toBe('overdue');
  });

  it('lets chase remind and escalate again for the new deadline', () => {
    const now = at('2026-03-07T10:00:00Z');
    const moved = afterDueTimeMoved({ status: 'open', chaseStage: 'escalated' }, '2026-03-09T16:00:00Z', now);

    // 48 h before the new deadline (Monday 9 March, 17:00) is Saturday: the reminder waits for
    // Monday 09:00.
    const result = chase(task(moved), DEFAULT_SCHEDULE, at('2026-03-09T08:00:00Z'));
    const atNewDue = chase(task({ ...moved, chaseStage: result.stage }), DEFAULT_SCHEDULE, at(moved.dueAt));

    expect(result.actions).toEqual(['remind']);
    expect(atNewDue.actions).toEqual(['overdue', 'escalate']);
  });

  it('refuses a new due time that is not an instant', () => {
    expect(() => afterDueTimeMoved({ status: 'open', chaseStage: 'none' }, 'next week', at(DUE))).toThrow(
      RangeError,
    );
  });
});

describe('chase, properties', () => {
  const ESCALATIONS: ChaseAction[] = ['overdue', 'escalate', 'second-escalation'];
  const RANK: Record<ChaseStage, number> = { none: 0, reminded: 1, overdue: 2, escalated: 3 };
  const dueMs = Date.parse(DUE);

  const scenario = fc.record({
    assignee: fc.constantFrom<Role>(...ROLES),
    reminderHoursBefore: fc.integer({ min: 0, max: 720 }),
    escalationGraceDays: fc.integer({ min: 0, max: 60 }),
    // Check times around the deadline, in any order: retries and redeliveries are not ordered.
    checks: fc.array(fc.integer({ min: -40 * DAY, max: 70 * DAY }), { maxLength: 30 }),
  });

  interface Scenario {
    assignee: Role;
    reminderHoursBefore: number;
    escalationGraceDays: number;
    checks: number[];
  }
  const scheduleOf = (s: Scenario): Schedule =>
    resolveSchedule({
      reminderHoursBefore: s.reminderHoursBefore,
      escalationGraceDays: s.escalationGraceDays,
    });

  function run(s: Scenario) {
    const schedule = scheduleOf(s);
    let stage: ChaseStage = 'none';
    const emitted: { action: ChaseAction; at: number }[] = [];
    const results = [];
    for (const offset of s.checks) {
      const now = new Date(dueMs + offset);
      const result = chase(
        { assignee: s.assignee, dueAt: DUE, chaseStage: stage, status: 'open' },
        schedule,
        now,
      );
      expect(RANK[result.stage]).toBeGreaterThanOrEqual(RANK[stage]);
      stage = result.stage;
      for (const action of result.actions) emitted.push({ action, at: now.getTime() });
      results.push(result);
    }
    return { emitted, results, schedule };
  }

  it('does every action at most once, and never escalates about an employee', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { emitted, results } = run(s);

        const actions = emitted.map((e) => e.action);
        expect(new Set(actions).size).toBe(actions.length);
        if (s.assignee === 'employee') {
          expect(actions.filter((a) => ESCALATIONS.includes(a))).toEqual([]);
        } else {
          expect(actions).not.toContain('no-response');
        }
        for (const result of results)
          expect(result.attention).toBe(result.actions.includes('second-escalation'));
      }),
    );
  });

  it('never reminds at or after the deadline, and never acts before a checkpoint', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { emitted, schedule } = run(s);

        for (const { action, at: when } of emitted) {
          if (action === 'remind') {
            expect(when).toBeLessThan(dueMs);
            expect(when).toBeGreaterThanOrEqual(dueMs - schedule.reminderHoursBefore * HOUR);
          } else {
            expect(when).toBeGreaterThanOrEqual(dueMs);
          }
        }
      }),
    );
  });

  it('has done everything once a check comes long after the deadline', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const late = { ...s, checks: [...s.checks, 65 * DAY] };

        const actions = run(late).emitted.map((e) => e.action);

        const expected: ChaseAction[] = s.assignee === 'employee' ? ['no-response'] : ESCALATIONS;
        for (const action of expected) expect(actions.filter((a) => a === action)).toHaveLength(1);
      }),
    );
  });

  it('following nextCheckAt from the first checkpoint runs the whole policy in order', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 30 * DAY }), (s, openedBefore) => {
        const schedule = scheduleOf(s);
        const opened = new Date(dueMs - openedBefore);
        let state: ChaseTask = { assignee: s.assignee, dueAt: DUE, chaseStage: 'none', status: 'open' };
        const actions: ChaseAction[] = [];
        let next = firstCheckpoint(state, schedule, opened);
        let now = opened;
        for (let step = 0; next !== undefined && step < 10; step++) {
          now = new Date(now.getTime() + checkInSeconds(next, now) * 1000);
          const result = chase(state, schedule, now);
          actions.push(...result.actions);
          // Whatever is sent, is sent on a working day.
          if (result.actions.length > 0) expect(isWorkingDay(amsterdamDate(now))).toBe(true);
          state = { ...state, chaseStage: result.stage };
          next = result.nextCheckAt;
        }

        expect(next).toBeUndefined();
        // The reminder comes on a working day, and not together with the request, which goes out
        // on opening or, opened on a day off, at 09:00 on the next working day.
        const reminderAt = nextWorkingMoment(new Date(dueMs - s.reminderHoursBefore * HOUR));
        const remindedFirst =
          s.reminderHoursBefore > 0 && reminderAt.getTime() > nextWorkingMoment(opened).getTime();
        const tail: ChaseAction[] = s.assignee === 'employee' ? ['no-response'] : ESCALATIONS;
        expect(actions).toEqual(remindedFirst ? ['remind', ...tail] : tail);
      }),
    );
  });
});
