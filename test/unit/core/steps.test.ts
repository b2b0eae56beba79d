import { describe, expect, it } from 'vitest';
import type { Dossier, DossierEvent, Task, TaskKind, Trajectory } from '#core/model.ts';
import { MAX_CHECK_IN_SECONDS, MIN_CHECK_IN_SECONDS } from '#core/chasing.ts';
import { followUpDates, followUpRequestAt, termEnd } from '#core/schedule.ts';
import {
  chaseTask,
  closeTrajectory,
  completeTask,
  nextFollowUp,
  openTask,
  PAUSED_CHECK_IN_SECONDS,
  reportFailure,
  requestDetails,
  requestMail,
  TrajectoryClosedError,
  WorkflowStateError,
  type StepEffects,
} from '#core/steps.ts';
import { aTrajectory } from '../../data/fixtures.ts';

const MONDAY = new Date('2026-03-02T08:00:00.000Z'); // 09:00 in Amsterdam
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

const GOALS = [
  {
    title: 'Op tijd',
    specific: 'Rapportages op vrijdag',
    measure: 'Inleverdatum',
    target: '9 van 10',
    deadline: '2026-05-29',
    support: 'Coaching',
  },
  {
    title: 'Klanten',
    specific: 'Terugbellen binnen een dag',
    measure: 'CRM',
    target: '95%',
    deadline: '2026-05-29',
    support: 'Training',
  },
];

const RESPONSES: Record<TaskKind, unknown> = {
  identify: { improvementAreas: [{ title: 'Deadlines', examples: ['Rapport week 5 te laat'] }] },
  conversation: {
    heldOn: '2026-03-05',
    summary: 'We bespraken de deadlines.',
    employeePerspective: 'Te veel tegelijk.',
    agreements: 'Wekelijks overleg.',
  },
  'employee-response': { response: 'Ik herken het.' },
  'follow-up-reaction': { reaction: 'Het verslag mist dat ik om hulp vroeg.' },
  'evaluation-reaction': { reaction: 'De werkdruk is niet meegewogen.' },
  'disagreement-response': { response: 'We passen doel 2 aan en plannen extra overleg.' },
  'cause-follow-up': { action: 'Verwezen naar de bedrijfsarts.' },
  'self-assessment': {
    goals: [
      { goal: 0, status: 'on-track', note: 'Elke vrijdag op tijd.' },
      { goal: 1, status: 'off-track' },
    ],
    note: 'Ik wil het over de bezetting hebben.',
  },
  plan: { goals: GOALS },
  'plan-approval': { decision: 'approve' },
  'plan-acknowledgement': { acknowledged: true },
  'follow-up': {
    heldOn: '2026-03-30',
    summary: 'Goede voortgang.',
    progress: [
      { goal: 0, status: 'on-track', notes: 'Alles op tijd.' },
      { goal: 1, status: 'at-risk', notes: 'Twee keer laat.' },
    ],
  },
  evaluation: {
    summary: 'Doelen grotendeels behaald.',
    results: [
      { goal: 0, outcome: 'achieved', notes: 'Ja.' },
      { goal: 1, outcome: 'partially', notes: 'Bijna.' },
    ],
    decision: 'successful',
  },
  'decision-confirmation': { decision: 'approve' },
  aftercare: { employeeNotes: 'Gaat goed.', teamNotes: 'Rustig.' },
};

/** A dossier in memory that applies step effects the way the handlers write them. */
class Store {
  dossier: Dossier;
  constructor(trajectory: Trajectory = aTrajectory({ version: 0 })) {
    this.dossier = { trajectory, tasks: [], events: [] };
  }
  get trajectory() {
    return this.dossier.trajectory;
  }
  task(id: string): Task {
    const task = this.dossier.tasks.find((candidate) => candidate.id === id);
    if (!task) throw new Error(`no task ${id}`);
    return task;
  }
  apply(effects: Partial<StepEffects>) {
    if (effects.trajectory) this.dossier.trajectory = effects.trajectory;
    if (effects.task) this.put(effects.task);
    for (const event of effects.events ?? []) {
      if (!this.dossier.events.some((stored) => stored.id === event.id)) this.dossier.events.push(event);
    }
  }
  put(task: Task) {
    const others = this.dossier.tasks.filter((candidate) => candidate.id !== task.id);
    this.dossier.tasks = [...others, task].sort((a, b) => (a.openedAt < b.openedAt ? -1 : 1));
  }
  open(kind: TaskKind, now: Date, meeting?: number) {
    const opened = openTask(this.dossier, { kind, meeting }, now);
    this.apply(opened);
    return opened;
  }
  /** What the action endpoint does: the response on the task, status done. */
  answer(taskId: string, now: Date, response: unknown = RESPONSES[this.task(taskId).kind]) {
    this.put({ ...this.task(taskId), response, status: 'done', completedAt: now.toISOString() });
  }
  complete(taskId: string, now: Date) {
    const step = completeTask(this.dossier, taskId, now);
    this.apply(step);
    return step;
  }
  eventTypes(): string[] {
    return this.dossier.events.map((event: DossierEvent) => event.type);
  }
}

describe('openTask', () => {
  it('opens the first task of a kind with its due time, moves the phase and gives the first checkpoint', () => {
    // Prepare
    const store = new Store();

    // Act
    const opened = store.open('identify', MONDAY);

    // Assess
    expect(opened.created).toBe(true);
    expect(opened.task).toMatchObject({
      id: 'identify-1',
      assignee: 'manager',
      status: 'open',
      chaseStage: 'none',
    });
    // Five days, to 17:00 Amsterdam on Saturday → Monday 9 March, 17:00 CET.
    expect(opened.task.dueAt).toBe('2026-03-09T16:00:00.000Z');
    // The first checkpoint is the reminder: 48 hours before is Saturday 7 March, 17:00, a day
    // without mail, so Monday 9 March at 09:00 CET.
    expect(opened.checkIn).toBe((Date.parse('2026-03-09T08:00:00.000Z') - MONDAY.getTime()) / 1000);
    expect(opened.trajectory).toBeUndefined(); // already in the identify phase
    expect(opened.events.map((event) => event.id)).toEqual(['identify-1.opened']);
    // Nothing to the employee yet: they hear of the trajectory once the conversation is recorded.
    expect(opened.mails).toEqual([]);
  });

  it('returns the open task on a retry instead of opening a second one', () => {
    // Prepare
    const store = new Store();
    const first = store.open('plan', MONDAY);

    // Act
    const again = openTask(store.dossier, { kind: 'plan' }, at(MONDAY, HOUR));

    // Assess
    expect(again.created).toBe(false);
    expect(again.task).toEqual(first.task);
    expect(again.events.map((event) => event.id)).toEqual(first.events.map((event) => event.id));
  });

  it('counts up after a revision and names follow-ups after their meeting', () => {
    // Prepare
    const store = new Store(aTrajectory({ version: 0, meetings: [{ number: 1, plannedOn: '2026-03-16' }] }));
    store.open('plan', MONDAY);
    store.answer('plan-1', at(MONDAY, DAY));

    // Act
    const second = store.open('plan', at(MONDAY, 2 * DAY));
    const followUp = store.open('follow-up', at(MONDAY, 14 * DAY), 1);

    // Assess
    expect(second.task.id).toBe('plan-2');
    expect(second.mails).toEqual([]);
    expect(followUp.task).toMatchObject({ id: 'follow-up-1', meeting: 1 });
    // Due three days after its planned date.
    expect(followUp.task.dueAt).toBe('2026-03-19T16:00:00.000Z');
    expect(store.trajectory.phase).toBe('follow-up');
    expect(store.trajectory.meetings[0]?.taskId).toBe('follow-up-1');
  });

  it('refuses to open anything on a closed trajectory or for a meeting that is not planned', () => {
    expect(() =>
      openTask(new Store(aTrajectory({ status: 'cancelled' })).dossier, { kind: 'plan' }, MONDAY),
    ).toThrow(TrajectoryClosedError);
    expect(() => openTask(new Store().dossier, { kind: 'follow-up', meeting: 4 }, MONDAY)).toThrow(
      WorkflowStateError,
    );
  });
});

describe('requestMail and requestDetails', () => {
  it('mails the assignee with a fresh link and what they are to react to', () => {
    // Prepare
    const store = new Store(aTrajectory({ version: 0, goals: GOALS }));
    store.open('conversation', MONDAY);
    store.answer('conversation-1', at(MONDAY, DAY));
    store.complete('conversation-1', at(MONDAY, DAY));
    const { task } = store.open('employee-response', at(MONDAY, DAY));

    // Act
    const intent = requestMail(store.dossier, task);
    const mail = intent.render('https://x.test/actions/t');

    // Assess
    expect(intent).toMatchObject({
      key: 'employee-response-1.request',
      recipient: 'employee',
      linkTaskId: task.id,
    });
    expect(mail.text).toContain('We bespraken de deadlines.');
    expect(mail.text).toContain('https://x.test/actions/t');
  });

  it('shows a revised plan the comments of HR, and HR the plan and the evaluation', () => {
    // Prepare
    const store = new Store(aTrajectory({ version: 0, goals: GOALS }));
    store.open('plan-approval', MONDAY);
    store.answer('plan-approval-1', MONDAY, { decision: 'revise', comments: 'Doel 2 meetbaar maken.' });
    const plan = store.open('plan', at(MONDAY, HOUR)).task;
    store.open('evaluation', at(MONDAY, 2 * HOUR));
    store.answer('evaluation-1', at(MONDAY, 2 * HOUR), {
      ...(RESPONSES.evaluation as object),
      decision: 'extend',
      extendWeeks: 4,
    });
    const confirmation = store.open('decision-confirmation', at(MONDAY, 3 * HOUR)).task;

    // Act + Assess
    expect(requestDetails(store.dossier, plan)).toEqual({ revisionComments: 'Doel 2 meetbaar maken.' });
    expect(requestDetails(store.dossier, store.task('plan-approval-1'))).toEqual({ goals: GOALS });
    expect(requestDetails(store.dossier, confirmation)).toEqual({
      evaluation: { summary: 'Doelen grotendeels behaald.', decision: 'extend', extendWeeks: 4 },
    });
  });
});

describe('chaseTask', () => {
  it('reminds, then marks overdue and escalates to HR, then escalates again and flags attention', () => {
    // Prepare
    const store = new Store();
    const { task } = store.open('identify', MONDAY);
    const due = Date.parse(task.dueAt);

    // Act: 48 h before Monday 9 March 17:00 is Saturday; the reminder comes on Monday at 09:00.
    const remindAt = Date.parse('2026-03-09T08:00:00.000Z');
    const reminder = chaseTask(store.dossier, task.id, new Date(remindAt));
    store.apply(reminder);
    const overdue = chaseTask(store.dossier, task.id, new Date(due));
    store.apply(overdue);
    const second = chaseTask(store.dossier, task.id, new Date(due + 3 * DAY));
    store.apply(second);
    const after = chaseTask(store.dossier, task.id, new Date(due + 30 * DAY));

    // Assess
    expect(reminder.mails.map((m) => [m.kind, m.recipient, Boolean(m.linkTaskId)])).toEqual([
      ['reminder', 'manager', true],
    ]);
    expect(reminder.checkIn).toBe((due - remindAt) / 1000);
    expect(overdue.mails.map((m) => [m.kind, m.recipient])).toEqual([
      ['overdue', 'manager'],
      ['escalation', 'hr'],
    ]);
    expect(overdue.trajectory).toBeUndefined();
    expect(second.mails.map((m) => [m.kind, m.recipient])).toEqual([['second-escalation', 'hr']]);
    expect(second.trajectory?.attention).toBe(true);
    expect(second.checkIn).toBe(MAX_CHECK_IN_SECONDS);
    expect(after).toMatchObject({ outcome: 'waiting', mails: [], events: [] });
    expect(store.task(task.id).chaseStage).toBe('escalated');
    expect(store.eventTypes()).toEqual([
      'task-opened',
      'task-reminded',
      'task-overdue',
      'task-escalated',
      'task-escalated-again',
    ]);
  });

  it('reminds an employee, then records no response, and never escalates', () => {
    // Prepare
    const store = new Store();
    const { task } = store.open('employee-response', MONDAY);
    const due = Date.parse(task.dueAt);

    // Act
    const reminder = chaseTask(store.dossier, task.id, new Date(due - 47 * HOUR));
    store.apply(reminder);
    const late = chaseTask(store.dossier, task.id, new Date(due + HOUR));
    store.apply(late);
    const again = chaseTask(store.dossier, task.id, new Date(due + 5 * DAY));

    // Assess
    expect(reminder.mails.map((m) => [m.kind, m.recipient])).toEqual([['reminder', 'employee']]);
    expect(late.outcome).toBe('no-response');
    expect(late.mails).toEqual([]);
    expect(store.task(task.id)).toMatchObject({
      status: 'no-response',
      completedAt: new Date(due + HOUR).toISOString(),
    });
    expect(again.outcome).toBe('no-response');
    expect(store.eventTypes()).not.toContain('task-escalated');
    expect(store.eventTypes()).toContain('no-response');
  });

  it('does not escalate an HR advisor to themselves, but does flag attention', () => {
    // Prepare
    const store = new Store();
    const { task } = store.open('plan-approval', MONDAY);

    // Act
    const overdue = chaseTask(store.dossier, task.id, new Date(task.dueAt));

    // Assess
    expect(overdue.mails.map((m) => [m.kind, m.recipient])).toEqual([['overdue', 'hr']]);
    expect(overdue.events.map((e) => e.type)).toEqual(['task-overdue', 'task-escalated']);
  });

  it('chases nobody while the trajectory is paused, and looks again only a week later', () => {
    // Prepare
    const store = new Store();
    const { task } = store.open('plan', MONDAY);
    store.dossier.trajectory = { ...store.trajectory, pausedAt: MONDAY.toISOString() };

    // Act
    const paused = chaseTask(store.dossier, task.id, new Date(Date.parse(task.dueAt) + 5 * DAY));

    // Assess
    expect(paused).toEqual({ outcome: 'waiting', checkIn: PAUSED_CHECK_IN_SECONDS, events: [], mails: [] });
  });

  it('answers done for a task answered while no token was live, and starts afresh after a moved deadline', () => {
    // Prepare
    const store = new Store();
    const { task } = store.open('plan', MONDAY);
    store.apply(chaseTask(store.dossier, task.id, new Date(task.dueAt)));
    const movedDue = new Date(Date.parse(task.dueAt) + 7 * DAY).toISOString();
    store.put({ ...store.task(task.id), dueAt: movedDue, chaseStage: 'none' });

    // Act: the new deadline is Monday 23 March, 17:00; its reminder comes that Monday at 09:00
    // (48 h before is a Saturday).
    const moved = chaseTask(store.dossier, task.id, new Date(Date.parse(movedDue) - 8 * HOUR));
    store.answer(task.id, new Date(movedDue));
    const answered = chaseTask(store.dossier, task.id, new Date(movedDue));

    // Assess
    expect(moved.mails.map((m) => m.key)).toEqual([`plan-1.reminder@${movedDue}`]);
    expect(moved.events.map((e) => e.id)).toEqual([`plan-1.task-reminded@${movedDue}`]);
    expect(answered).toMatchObject({ outcome: 'done', checkIn: MIN_CHECK_IN_SECONDS, mails: [] });
  });
});

describe('completeTask', () => {
  it('records areas and goals, and passes HR’s plan decision on', () => {
    // Prepare
    const store = new Store();
    for (const kind of ['identify', 'plan', 'plan-approval'] as const) {
      store.open(kind, MONDAY);
      store.answer(`${kind}-1`, at(MONDAY, DAY));
    }

    // Act
    store.complete('identify-1', at(MONDAY, DAY));
    store.complete('plan-1', at(MONDAY, DAY));
    const approval = store.complete('plan-approval-1', at(MONDAY, DAY));

    // Assess
    expect(store.trajectory.improvementAreas).toEqual([
      { title: 'Deadlines', examples: ['Rapport week 5 te laat'] },
    ]);
    expect(store.trajectory.goals).toEqual(GOALS);
    expect(approval.output).toEqual({
      taskId: 'plan-approval-1',
      task: 'plan-approval',
      decision: 'approve',
    });
    expect(store.task('plan-1').status).toBe('done');
    expect(store.task('plan-1').taskToken).toBeUndefined();
  });

  it('starts the term on acknowledgement: term end, follow-up meetings, the first one to wait for', () => {
    // Prepare
    const store = new Store(aTrajectory({ version: 0, goals: GOALS }));
    store.open('plan-acknowledgement', MONDAY);
    const acknowledged = at(MONDAY, 2 * DAY);
    store.answer('plan-acknowledgement-1', acknowledged);

    // Act
    const step = store.complete('plan-acknowledgement-1', at(MONDAY, 3 * DAY));

    // Assess
    const dates = followUpDates(acknowledged, store.trajectory.schedule);
    expect(store.trajectory.termEndsAt).toBe(termEnd(acknowledged, 12).toISOString());
    expect(store.trajectory.meetings).toEqual(dates.map((plannedOn, i) => ({ number: i + 1, plannedOn })));
    expect(store.trajectory.phase).toBe('follow-up');
    expect(step.output).toEqual({
      taskId: 'plan-acknowledgement-1',
      task: 'plan-acknowledgement',
      // The first meeting's request goes out two working days ahead.
      nextFollowUp: {
        number: 1,
        at: followUpRequestAt(dates[0] as string, store.trajectory.schedule).toISOString(),
      },
      termEndsAt: store.trajectory.termEndsAt,
    });
    expect(store.eventTypes()).toEqual(['task-opened', 'plan-acknowledged', 'term-started']);
  });

  it('starts the term as well when the employee let the acknowledgement pass, recording no response', () => {
    // Prepare
    const store = new Store(aTrajectory({ version: 0, goals: GOALS }));
    const { task } = store.open('plan-acknowledgement', MONDAY);
    store.apply(chaseTask(store.dossier, task.id, new Date(task.dueAt)));

    // Act
    const step = store.complete(task.id, at(MONDAY, 10 * DAY));

    // Assess
    expect(step.output.nextFollowUp?.number).toBe(1);
    expect(store.trajectory.termEndsAt).toBe(termEnd(new Date(task.dueAt), 12).toISOString());
    expect(store.eventTypes().filter((type) => type === 'no-response')).toHaveLength(1);
  });

  it('records follow-ups, mails the employee a summary and walks the meetings until none is left', () => {
    // Prepare
    const store = new Store(
      aTrajectory({
        version: 0,
        goals: GOALS,
        termEndsAt: '2026-05-25T07:00:00.000Z',
        meetings: [
          { number: 1, plannedOn: '2026-03-16' },
          { number: 2, plannedOn: '2026-03-30' },
        ],
      }),
    );

    // Act
    store.open('follow-up', at(MONDAY, 14 * DAY), 1);
    store.answer('follow-up-1', at(MONDAY, 15 * DAY));
    const first = store.complete('follow-up-1', at(MONDAY, 15 * DAY));
    store.open('follow-up', at(MONDAY, 28 * DAY), 2);
    store.answer('follow-up-2', at(MONDAY, 29 * DAY));
    const second = store.complete('follow-up-2', at(MONDAY, 29 * DAY));

    // Assess
    // Meeting 2 is on Monday 30 March: asked for on Thursday 26 March at 09:00 CET.
    expect(first.output.nextFollowUp).toEqual({ number: 2, at: '2026-03-26T08:00:00.000Z' });
    expect(second.output.nextFollowUp).toBeUndefined();
    expect(second.output.termEndsAt).toBe('2026-05-25T07:00:00.000Z');
    expect(store.trajectory.meetings[0]).toEqual({
      number: 1,
      plannedOn: '2026-03-16',
      taskId: 'follow-up-1',
      heldOn: '2026-03-30',
    });
    expect(first.mails.map((m) => [m.key, m.kind, m.recipient])).toEqual([
      ['follow-up-1.summary', 'follow-up-summary', 'employee'],
    ]);
    const summary = first.mails[0]?.render(undefined);
    expect(summary?.text).toContain('Klanten: risico. Twee keer laat.');
  });

  it('confirms a successful decision: outcome mail to the employee and the aftercare date', () => {
    // Prepare
    const store = new Store(
      aTrajectory({ version: 0, goals: GOALS, termEndsAt: '2026-05-25T07:00:00.000Z' }),
    );
    store.open('evaluation', MONDAY);
    store.answer('evaluation-1', MONDAY);
    store.complete('evaluation-1', MONDAY);
    store.open('decision-confirmation', MONDAY);
    const confirmed = new Date('2026-05-27T10:00:00.000Z');
    store.answer('decision-confirmation-1', confirmed);

    // Act
    const step = store.complete('decision-confirmation-1', confirmed);

    // Assess
    expect(step.output).toMatchObject({ decision: 'approve', outcome: 'successful' });
    // Four weeks after Wednesday 27 May: Wednesday 24 June, 09:00 CEST.
    expect(step.output.aftercareAt).toBe('2026-06-24T07:00:00.000Z');
    expect(store.trajectory).toMatchObject({ decision: 'successful', phase: 'aftercare', status: 'active' });
    expect(step.mails.map((m) => [m.kind, m.recipient])).toEqual([['outcome', 'employee']]);
  });

  it('extends: a new term from the confirmation, new meetings numbered on, once however often retried', () => {
    // Prepare
    const store = new Store(
      aTrajectory({
        version: 0,
        goals: GOALS,
        termEndsAt: '2026-05-25T07:00:00.000Z',
        meetings: [{ number: 1, plannedOn: '2026-03-16', taskId: 'follow-up-1' }],
      }),
    );
    store.open('evaluation', MONDAY);
    store.answer('evaluation-1', MONDAY, {
      ...(RESPONSES.evaluation as object),
      decision: 'extend',
      extendWeeks: 6,
    });
    store.open('decision-confirmation', MONDAY);
    const confirmed = new Date('2026-05-27T10:00:00.000Z');
    store.answer('decision-confirmation-1', confirmed);

    // Act
    const first = store.complete('decision-confirmation-1', confirmed);
    const retried = completeTask(store.dossier, 'decision-confirmation-1', at(confirmed, DAY));

    // Assess
    expect(store.trajectory.term).toBe(2);
    expect(store.trajectory.termEndsAt).toBe(termEnd(confirmed, 6).toISOString());
    // Six weeks, every fourteen days, the last date left to the evaluation: two new meetings.
    expect(store.trajectory.meetings.map((m) => m.number)).toEqual([1, 2, 3]);
    expect(first.output).toMatchObject({ outcome: 'extend', nextFollowUp: { number: 2 } });
    expect(retried.trajectory).toBeUndefined();
    expect(retried.task).toBeUndefined();
    expect(retried.output).toEqual(first.output);
    expect(retried.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    expect(first.events.map((e) => e.id)).toContain('term-2.started');
  });

  it('passes a revision request on without touching the decision', () => {
    // Prepare
    const store = new Store();
    store.open('decision-confirmation', MONDAY);
    store.answer('decision-confirmation-1', MONDAY, { decision: 'revise', comments: 'Onderbouw doel 2.' });

    // Act
    const step = store.complete('decision-confirmation-1', MONDAY);

    // Assess
    expect(step.output).toEqual({
      taskId: 'decision-confirmation-1',
      task: 'decision-confirmation',
      decision: 'revise',
    });
    expect(store.trajectory.decision).toBeUndefined();
    expect(step.mails).toEqual([]);
  });

  it('is idempotent for every kind: a second application changes nothing', () => {
    for (const kind of Object.keys(RESPONSES) as TaskKind[]) {
      // Prepare
      const store = new Store(
        aTrajectory({ version: 0, goals: GOALS, meetings: [{ number: 1, plannedOn: '2026-03-16' }] }),
      );
      if (kind === 'decision-confirmation') {
        store.open('evaluation', MONDAY);
        store.answer('evaluation-1', MONDAY);
      }
      const { task } = store.open(kind, MONDAY, kind === 'follow-up' ? 1 : undefined);
      store.answer(task.id, at(MONDAY, DAY));
      const first = store.complete(task.id, at(MONDAY, DAY));

      // Act
      const again = completeTask(store.dossier, task.id, at(MONDAY, 5 * DAY));

      // Assess
      expect({ kind, trajectory: again.trajectory, task: again.task }).toEqual({
        kind,
        trajectory: undefined,
        task: undefined,
      });
      expect(again.output).toEqual(first.output);
      expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
      expect(again.mails.map((m) => m.key)).toEqual(first.mails.map((m) => m.key));
    }
  });

  it('refuses to record a task that was not answered', () => {
    const store = new Store();
    store.open('plan', MONDAY);
    expect(() => completeTask(store.dossier, 'plan-1', MONDAY)).toThrow(WorkflowStateError);
  });
});

describe('nextFollowUp', () => {
  it('is the lowest meeting not yet opened, asked for at 09:00 two working days before its date', () => {
    const trajectory = aTrajectory({
      meetings: [
        { number: 2, plannedOn: '2026-03-30' },
        { number: 1, plannedOn: '2026-03-16', taskId: 'follow-up-1' },
      ],
    });
    // Monday 30 March 2026: the Thursday before, 09:00 CET.
    expect(nextFollowUp(trajectory)).toEqual({ number: 2, at: '2026-03-26T08:00:00.000Z' });
  });
});

describe('closeTrajectory', () => {
  it('completes a successful trajectory, ends an unsuccessful one, and closes what is still open', () => {
    for (const [decision, status] of [
      ['successful', 'completed'],
      ['unsuccessful', 'ended'],
    ] as const) {
      // Prepare
      const store = new Store(aTrajectory({ version: 0, decision }));
      store.open('aftercare', MONDAY);

      // Act
      const closed = closeTrajectory(store.dossier, at(MONDAY, DAY));

      // Assess
      expect(closed.status).toBe(status);
      expect(closed.trajectory).toMatchObject({
        status,
        phase: 'closed',
        closedAt: at(MONDAY, DAY).toISOString(),
      });
      expect(closed.tasks.map((task) => [task.id, task.status])).toEqual([['aftercare-1', 'closed']]);
      expect(closed.events.map((event) => event.id)).toEqual(['trajectory-closed']);
    }
  });

  it('changes nothing on a retry, and refuses without a final decision', () => {
    const closedAlready = new Store(
      aTrajectory({ status: 'completed', decision: 'successful', closedAt: MONDAY.toISOString() }),
    );
    expect(closeTrajectory(closedAlready.dossier, at(MONDAY, DAY))).toMatchObject({
      status: 'completed',
      tasks: [],
    });
    expect(closeTrajectory(closedAlready.dossier, at(MONDAY, DAY)).trajectory).toBeUndefined();
    expect(() => closeTrajectory(new Store(aTrajectory({ decision: 'extend' })).dossier, MONDAY)).toThrow(
      WorkflowStateError,
    );
  });
});

describe('reportFailure', () => {
  it('flags attention, records the failure and mails the HR advisor', () => {
    // Act
    const step = reportFailure(
      new Store().dossier,
      { state: 'Record plan', error: 'WorkflowStateError' },
      MONDAY,
    );

    // Assess
    expect(step.trajectory).toMatchObject({ attention: true, attentionReasons: ['failed:record-plan'] });
    expect(step.events.map((e) => [e.id, e.type])).toEqual([['step-failed.record-plan', 'step-failed']]);
    expect(step.mails.map((m) => [m.kind, m.recipient])).toEqual([['step-failed', 'hr']]);
    expect(step.mails[0]?.render(undefined).text).toContain('“Record plan” (WorkflowStateError)');
  });

  it("flags a step that failed in a task's own execution as that task's", () => {
    // Act
    const step = reportFailure(
      new Store().dossier,
      { state: 'Record the answer (plan-1)', error: 'WorkflowStateError', taskId: 'plan-1' },
      MONDAY,
    );

    // Assess: the dossier and the mail name the state as before; the cause names the task apart.
    expect(step.trajectory?.attentionReasons).toEqual(['failed:plan-1:record-the-answer']);
    expect(step.events.map((e) => e.id)).toEqual(['step-failed.record-the-answer-plan-1']);
    expect(step.mails[0]?.render(undefined).text).toContain('“Record the answer (plan-1)”');
  });

  it('only records the failure for a trajectory that is already over', () => {
    const step = reportFailure(
      new Store(aTrajectory({ status: 'cancelled' })).dossier,
      { state: 'X', error: 'E' },
      MONDAY,
    );
    expect(step).toMatchObject({ mails: [] });
    expect(step.trajectory).toBeUndefined();
  });
});

describe("the employee's reactions", () => {
  const withMeetings = () =>
    new Store(
      aTrajectory({
        version: 0,
        goals: GOALS,
        termEndsAt: '2026-05-25T07:00:00.000Z',
        meetings: [
          { number: 1, plannedOn: '2026-03-16' },
          { number: 2, plannedOn: '2026-03-30' },
        ],
      }),
    );
  // Friday 20 March, 15:00 in Amsterdam: five working days later is Friday 27 March.
  const FRIDAY = new Date('2026-03-20T14:00:00.000Z');

  /** Records the report and stores the reaction it opens, as CompleteTask does. */
  function record(store: Store, taskId: string, now: Date) {
    const step = store.complete(taskId, now);
    if (step.opens?.created) store.put(step.opens.task);
    return step;
  }

  it('opens a reaction to a follow-up report: about it, due in five working days, once however often retried', () => {
    // Prepare
    const store = withMeetings();
    store.open('follow-up', at(MONDAY, 12 * DAY), 1);
    store.answer('follow-up-1', FRIDAY);

    // Act
    const first = record(store, 'follow-up-1', FRIDAY);
    const again = completeTask(store.dossier, 'follow-up-1', at(FRIDAY, 3 * DAY));

    // Assess
    expect(first.opens).toMatchObject({
      created: true,
      task: {
        id: 'follow-up-reaction-1',
        kind: 'follow-up-reaction',
        assignee: 'employee',
        status: 'open',
        about: 'follow-up-1',
        meeting: 1,
        openedAt: FRIDAY.toISOString(),
        // 17:00 CET on Friday 27 March.
        dueAt: '2026-03-27T16:00:00.000Z',
      },
    });
    expect(first.opens!.checkIn).toBeGreaterThan(0);
    expect(first.events.map((e) => e.id)).toContain('follow-up-reaction-1.opened');
    // The process does not wait for it: the calendar output is the report's own.
    expect(first.output).toEqual({
      taskId: 'follow-up-1',
      task: 'follow-up',
      nextFollowUp: { number: 2, at: '2026-03-26T08:00:00.000Z' },
      termEndsAt: '2026-05-25T07:00:00.000Z',
    });
    expect(again.opens).toEqual({ ...first.opens, created: false });
    expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
  });

  it('opens a reaction to the evaluation only once HR confirmed it, about the evaluation confirmed', () => {
    // Prepare: HR sends the first evaluation back, then approves the second.
    const store = withMeetings();
    store.open('evaluation', MONDAY);
    store.answer('evaluation-1', MONDAY);
    const evaluated = record(store, 'evaluation-1', MONDAY);
    store.open('decision-confirmation', MONDAY);
    store.answer('decision-confirmation-1', MONDAY, { decision: 'revise', comments: 'Per doel graag.' });
    const revised = record(store, 'decision-confirmation-1', MONDAY);
    store.open('evaluation', at(MONDAY, DAY));
    store.answer('evaluation-2', at(MONDAY, DAY));
    record(store, 'evaluation-2', at(MONDAY, DAY));
    store.open('decision-confirmation', at(MONDAY, DAY));
    store.answer('decision-confirmation-2', at(MONDAY, 2 * DAY));

    // Act
    const confirmed = record(store, 'decision-confirmation-2', at(MONDAY, 2 * DAY));

    // Assess
    expect(evaluated.opens).toBeUndefined();
    expect(revised.opens).toBeUndefined();
    expect(confirmed.opens?.task).toMatchObject({
      id: 'evaluation-reaction-1',
      kind: 'evaluation-reaction',
      assignee: 'employee',
      about: 'evaluation-2',
    });
    expect(confirmed.mails.map((m) => m.kind)).toEqual(['outcome']);
  });

  it('asks the employee with the report in front of them, and says reacting is optional', () => {
    // Prepare
    const store = withMeetings();
    store.open('follow-up', at(MONDAY, 12 * DAY), 1);
    store.answer('follow-up-1', FRIDAY);
    const { opens: reaction } = record(store, 'follow-up-1', FRIDAY);

    // Act
    const mail = requestMail(store.dossier, reaction!.task).render('https://example.test/actions/x');

    // Assess
    expect(mail.subject).toBe('Je verbetertraject: Jouw reactie op het verslag (gesprek 1)');
    expect(mail.text).toContain('Goede voortgang.');
    expect(mail.text).toContain('Klanten: risico. Twee keer laat.');
    expect(mail.text).toContain('Je kunt reageren tot vrijdag 27 maart 2026');
    expect(mail.text).toContain('https://example.test/actions/x');
  });

  it('reminds the employee once, then lets the reaction lapse: no notice, no HR, no attention', () => {
    // Prepare
    const store = withMeetings();
    store.open('follow-up', at(MONDAY, 12 * DAY), 1);
    store.answer('follow-up-1', FRIDAY);
    const { opens: reaction } = record(store, 'follow-up-1', FRIDAY);
    const due = Date.parse(reaction!.task.dueAt);

    // Act
    const steps = [due - 47 * HOUR, due + HOUR, due + 10 * DAY].map((ms) => {
      const step = chaseTask(store.dossier, 'follow-up-reaction-1', new Date(ms));
      store.apply(step);
      return step;
    });

    // Assess
    expect(steps.map((step) => step.outcome)).toEqual(['waiting', 'no-response', 'no-response']);
    expect(steps.flatMap((step) => step.mails.map((m) => [m.kind, m.recipient]))).toEqual([
      ['reminder', 'employee'],
    ]);
    // An offer, recalled as one.
    expect(steps[0]!.mails[0]!.render('https://example.test/actions/y').text).toContain(
      'Reageren is niet verplicht.',
    );
    expect(steps.some((step) => step.trajectory?.attention)).toBe(false);
    expect(store.trajectory.attention).toBe(false);
    expect(store.eventTypes()).not.toContain('task-escalated');
    expect(store.task('follow-up-reaction-1').status).toBe('no-response');
  });

  it('records a reaction given as the employee’s, and changes nothing in the trajectory', () => {
    // Prepare
    const store = withMeetings();
    store.open('follow-up', at(MONDAY, 12 * DAY), 1);
    store.answer('follow-up-1', FRIDAY);
    record(store, 'follow-up-1', FRIDAY);
    store.answer('follow-up-reaction-1', at(FRIDAY, DAY));

    // Act
    const step = record(store, 'follow-up-reaction-1', at(FRIDAY, DAY));

    // Assess
    expect(step.trajectory).toBeUndefined();
    expect(step.opens).toBeUndefined();
    expect(step.mails).toEqual([]);
    expect(step.events).toMatchObject([
      {
        id: 'follow-up-reaction-1.employee-reacted',
        type: 'employee-reacted',
        actor: { role: 'employee' },
        data: { task: 'follow-up-reaction', meeting: 1 },
      },
    ]);
  });
});

describe("HR's answer to an employee who disagrees with the plan", () => {
  function acknowledged(response: unknown, how: 'answer' | 'lapse' = 'answer') {
    const store = new Store(aTrajectory({ version: 0, goals: GOALS }));
    const { task } = store.open('plan-acknowledgement', MONDAY);
    if (how === 'answer') store.answer(task.id, at(MONDAY, DAY), response);
    else store.put({ ...task, status: 'no-response', completedAt: at(MONDAY, 4 * DAY).toISOString() });
    const step = store.complete(task.id, at(MONDAY, DAY));
    if (step.opens?.created) store.put(step.opens.task);
    return { store, step };
  }

  it('opens a task for HR when the employee disagrees, and the term starts all the same', () => {
    // Act
    const { step } = acknowledged({
      acknowledged: true,
      agreement: 'disagree',
      comments: 'Doel 2 te zwaar.',
    });

    // Assess
    expect(step.opens?.task).toMatchObject({
      id: 'disagreement-response-1',
      kind: 'disagreement-response',
      assignee: 'hr',
      about: 'plan-acknowledgement-1',
      // approvalDueDays (3) after Tuesday 3 March: Friday 6 March, 17:00 CET.
      dueAt: '2026-03-06T16:00:00.000Z',
    });
    expect(step.output.nextFollowUp?.number).toBe(1);
    expect(step.events.map((e) => e.type)).toEqual(['plan-acknowledged', 'term-started', 'task-opened']);
  });

  it('opens nothing when the employee agrees in part or in full, or let the deadline pass', () => {
    const partly = acknowledged({ acknowledged: true, agreement: 'partly' });
    const agreed = acknowledged({ acknowledged: true, agreement: 'agree' });
    const silent = acknowledged(undefined, 'lapse');

    expect([partly.step.opens, agreed.step.opens, silent.step.opens]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('mails the employee HR’s answer once it is recorded, and shows HR the objection when asking', () => {
    // Prepare
    const { store, step } = acknowledged({
      acknowledged: true,
      agreement: 'disagree',
      comments: 'Doel 2 is te zwaar.',
    });
    const request = requestMail(store.dossier, step.opens!.task).render('https://example.test/actions/x');
    store.answer('disagreement-response-1', at(MONDAY, 2 * DAY));

    // Act
    const recorded = store.complete('disagreement-response-1', at(MONDAY, 2 * DAY));

    // Assess
    expect(request.text).toContain('Doel 2 is te zwaar.');
    expect(recorded.mails.map((m) => [m.key, m.kind, m.recipient])).toEqual([
      ['disagreement-response-1.answer', 'disagreement-answer', 'employee'],
    ]);
    expect(recorded.mails[0]!.render(undefined).text).toContain(
      'We passen doel 2 aan en plannen extra overleg.',
    );
    expect(recorded.events.map((e) => [e.type, e.actor.role])).toEqual([['disagreement-answered', 'hr']]);
    expect(recorded.trajectory).toBeUndefined();
  });
});

describe("the employee's self-assessment before a follow-up", () => {
  // Meeting 1 on Monday 16 March 2026, asked for on Thursday 12 March at 09:00 in Amsterdam.
  const withMeeting = () =>
    new Store(
      aTrajectory({
        version: 0,
        goals: GOALS,
        termEndsAt: '2026-05-25T07:00:00.000Z',
        meetings: [
          { number: 1, plannedOn: '2026-03-16' },
          { number: 2, plannedOn: '2026-03-30' },
        ],
      }),
    );
  const THURSDAY = new Date('2026-03-12T08:00:00.000Z');

  /** Opens the follow-up and stores the self-assessment it opens, as the Open step does. */
  function openFollowUp(store: Store, now: Date) {
    const opened = store.open('follow-up', now, 1);
    if (opened.opens?.created) store.put(opened.opens.task);
    return opened;
  }

  it('opens with the follow-up: about it, due the working day before the meeting, once however often retried', () => {
    // Prepare
    const store = withMeeting();

    // Act
    const first = openFollowUp(store, THURSDAY);
    const again = openTask(store.dossier, { kind: 'follow-up', meeting: 1 }, at(THURSDAY, HOUR));

    // Assess
    expect(first.opens).toMatchObject({
      created: true,
      task: {
        id: 'self-assessment-1',
        kind: 'self-assessment',
        assignee: 'employee',
        status: 'open',
        about: 'follow-up-1',
        meeting: 1,
        openedAt: THURSDAY.toISOString(),
        // Friday 13 March, 17:00 in Amsterdam.
        dueAt: '2026-03-13T16:00:00.000Z',
      },
      // Its reminder, 09:00 on its last day: a day after it opened.
      checkIn: 24 * 60 * 60,
    });
    expect(first.events.map((e) => e.id)).toEqual(['follow-up-1.opened', 'self-assessment-1.opened']);
    expect(again.opens).toEqual({ ...first.opens, created: false });
    expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    // No other kind opens one.
    expect(openTask(store.dossier, { kind: 'evaluation' }, THURSDAY).opens).toBeUndefined();
  });

  it('is due with the report when the follow-up opened after its meeting', () => {
    // Prepare: the workflow was held up; the follow-up opens on Tuesday 17 March.
    const store = withMeeting();

    // Act
    const opened = openFollowUp(store, new Date('2026-03-17T09:00:00.000Z'));

    // Assess
    expect(opened.opens!.task.dueAt).toBe(opened.task.dueAt);
  });

  it('is not opened for a follow-up taken up again after the moment to assess has passed', () => {
    // Prepare: a follow-up opened before self-assessments existed, still open after its meeting.
    const store = withMeeting();
    const opened = openTask(store.dossier, { kind: 'follow-up', meeting: 1 }, THURSDAY);
    store.apply({ ...opened, events: opened.events.slice(0, 1) });

    // Act: the process takes it up again on the day of the meeting.
    const again = openTask(
      store.dossier,
      { kind: 'follow-up', meeting: 1 },
      new Date('2026-03-16T10:00:00.000Z'),
    );

    // Assess
    expect(again.created).toBe(false);
    expect(again.opens).toBeUndefined();
    expect(again.events.map((e) => e.id)).toEqual(['follow-up-1.opened']);
  });

  it('asks the employee with the goals and the meeting in front of them, and says it is optional', () => {
    // Prepare
    const store = withMeeting();
    const { opens } = openFollowUp(store, THURSDAY);

    // Act
    const mail = requestMail(store.dossier, opens!.task).render('https://example.test/actions/z');

    // Assess
    expect(mail.subject).toBe('Je verbetertraject: Jouw zelfbeoordeling (gesprek 1)');
    expect(mail.text).toContain('Op tijd');
    expect(mail.text).toContain('Klanten');
    expect(mail.text).toContain('maandag 16 maart 2026');
    expect(mail.text).toContain('Je kunt reageren tot vrijdag 13 maart 2026');
    expect(mail.text).toContain('https://example.test/actions/z');
  });

  it('reminds the employee once on its last morning, then lapses: no notice, no HR, no attention', () => {
    // Prepare
    const store = withMeeting();
    openFollowUp(store, THURSDAY);

    // Act: Friday 09:00, Friday 18:00, a week later.
    const steps = ['2026-03-13T08:00:00.000Z', '2026-03-13T17:00:00.000Z', '2026-03-20T08:00:00.000Z'].map(
      (now) => {
        const step = chaseTask(store.dossier, 'self-assessment-1', new Date(now));
        store.apply(step);
        return step;
      },
    );

    // Assess
    expect(steps.map((step) => step.outcome)).toEqual(['waiting', 'no-response', 'no-response']);
    expect(steps.flatMap((step) => step.mails.map((m) => [m.kind, m.recipient]))).toEqual([
      ['reminder', 'employee'],
    ]);
    expect(store.trajectory.attention).toBe(false);
    expect(store.eventTypes()).not.toContain('task-escalated');
    expect(store.task('self-assessment-1').status).toBe('no-response');
  });

  it('lapses when the follow-up is recorded first, and stays as given when it came in time', () => {
    // Prepare: two follow-ups; the employee assesses before the second only.
    const store = withMeeting();
    openFollowUp(store, THURSDAY);
    store.answer('follow-up-1', new Date('2026-03-13T10:00:00.000Z'));
    const opened = openTask(
      store.dossier,
      { kind: 'follow-up', meeting: 2 },
      new Date('2026-03-26T08:00:00.000Z'),
    );
    store.apply(opened);
    store.put(opened.opens!.task);
    store.answer('self-assessment-2', new Date('2026-03-26T12:00:00.000Z'));
    store.answer('follow-up-2', new Date('2026-03-30T12:00:00.000Z'));

    // Act
    const first = completeTask(store.dossier, 'follow-up-1', new Date('2026-03-13T10:00:00.000Z'));
    const second = completeTask(store.dossier, 'follow-up-2', new Date('2026-03-30T12:00:00.000Z'));

    // Assess: the open one closes (its link answers "gone"); the given one is left alone.
    expect(first.closes).toEqual([
      expect.objectContaining({ id: 'self-assessment-1', status: 'closed', taskToken: undefined }),
    ]);
    expect(second.closes).toBeUndefined();
    for (const task of first.closes ?? []) store.put(task);
    expect(
      completeTask(store.dossier, 'follow-up-1', new Date('2026-03-14T10:00:00.000Z')).closes,
    ).toBeUndefined();
    expect(chaseTask(store.dossier, 'self-assessment-1', new Date('2026-03-14T10:00:00.000Z')).outcome).toBe(
      'closed',
    );
  });

  it('records a self-assessment as the employee’s, and changes nothing in the trajectory', () => {
    // Prepare
    const store = withMeeting();
    openFollowUp(store, THURSDAY);
    store.answer('self-assessment-1', at(THURSDAY, 2 * HOUR));

    // Act
    const step = store.complete('self-assessment-1', at(THURSDAY, 2 * HOUR));

    // Assess
    expect(step.trajectory).toBeUndefined();
    expect(step.opens).toBeUndefined();
    expect(step.mails).toEqual([]);
    expect(step.events).toMatchObject([
      {
        id: 'self-assessment-1.employee-self-assessed',
        type: 'employee-self-assessed',
        actor: { role: 'employee' },
        data: { task: 'self-assessment', goals: 2, meeting: 1 },
      },
    ]);
  });
});
