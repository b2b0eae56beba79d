import { describe, expect, it } from 'vitest';
import {
  formToBody,
  prefersHtml,
  MAX_FIELD_DEPTH,
  MAX_FIELD_NAME_LENGTH,
  MAX_FORM_FIELDS,
} from '#api/action-http.ts';
import { renderActionPage, renderErrorPage } from '#api/action-page-outcomes.ts';
import {
  actionView,
  cancelledEvent,
  cancelTrajectoryBody,
  eventForReader,
  extended,
  internalNoteOf,
  firstName,
  answerRefusal,
  linkStatus,
  taskCompletedEvent,
  taskView,
  validateResponse,
  withConcerns,
  withResponse,
} from '#core/actions.ts';
import { criterionNameKey } from '#core/completeness.ts';
import { translator } from '#shared/i18n/catalogue.ts';
import { completenessMessages } from '#shared/i18n/completeness.ts';
import type { Task, Trajectory } from '#core/model.ts';
import { newTrajectory } from '#core/trajectory.ts';
import { ValidationError } from '#shared/errors.ts';
import { NOW, trajectoryInput } from '../api/support.ts';
import { goal, taskTokenFor } from './support.ts';

const trajectory = (overrides: Partial<Trajectory> = {}): Trajectory => ({
  ...newTrajectory(trajectoryInput(), { id: 'traj-1', now: NOW }),
  ...overrides,
});

const task = (overrides: Partial<Task> = {}): Task => ({
  id: 'identify-1',
  trajectoryId: 'traj-1',
  kind: 'identify',
  assignee: 'manager',
  status: 'open',
  openedAt: NOW.toISOString(),
  dueAt: '2026-03-05T16:00:00.000Z',
  chaseStage: 'none',
  linkHash: 'a'.repeat(64),
  taskToken: taskTokenFor('identify'),
  version: 3,
  ...overrides,
});

describe('linkStatus', () => {
  it.each([
    ['active', 'open', undefined, 'open'],
    ['active', 'done', {}, 'done'],
    ['active', 'no-response', undefined, 'done'],
    // Recorded while the write of the status was still to come: the answer counts.
    ['active', 'open', { response: 'x' }, 'done'],
    ['active', 'closed', undefined, 'closed'],
    ['cancelled', 'open', undefined, 'closed'],
    // Whoever answered sees it received, however the trajectory has moved on since.
    ['ended', 'done', {}, 'done'],
    ['completed', 'done', {}, 'done'],
    ['cancelled', 'done', {}, 'done'],
    ['completed', 'open', { response: 'x' }, 'done'],
    // The employee's lapsed task of a cancelled trajectory: nothing to respond to any more.
    ['cancelled', 'no-response', undefined, 'closed'],
  ] as const)('trajectory %s, task %s (response %j) → %s', (status, taskStatus, response, expected) => {
    expect(linkStatus({ status }, { status: taskStatus, response })).toBe(expected);
  });
});

describe('answerRefusal', () => {
  it.each([
    ['active', 'open', undefined, undefined],
    ['active', 'done', {}, 'done'],
    ['active', 'no-response', undefined, 'done'],
    ['active', 'closed', undefined, 'gone'],
    // A closed dossier takes nothing more, answered or not: 410, as the contract says.
    ['completed', 'done', {}, 'gone'],
    ['cancelled', 'done', {}, 'gone'],
    ['cancelled', 'open', undefined, 'gone'],
  ] as const)('trajectory %s, task %s (response %j) → %s', (status, taskStatus, response, expected) => {
    expect(answerRefusal({ status }, { status: taskStatus, response })).toBe(expected);
  });
});

describe('actionView', () => {
  it('names people by first name only and shows the context only while the task is open', () => {
    // Prepare
    const open = actionView(trajectory(), task(), []);
    const done = actionView(trajectory(), task({ status: 'done' }), []);

    // Assess
    expect(open.context).toEqual({ employee: { firstName: 'Eva' }, reason: trajectory().reason });
    expect(done).not.toHaveProperty('context');
    expect(JSON.stringify(open)).not.toMatch(/taskToken|linkHash|@/);
  });

  it('shows a plan sent back for revision with what HR asked', () => {
    // Prepare
    const tasks = [
      task({
        id: 'plan-1',
        kind: 'plan',
        status: 'done',
        response: { goals: [goal(1)] },
        openedAt: '2026-03-01T00:00:00.000Z',
      }),
      task({
        id: 'plan-approval-1',
        kind: 'plan-approval',
        assignee: 'hr',
        status: 'done',
        response: { decision: 'revise', comments: 'Maak doel 1 meetbaar.' },
        openedAt: '2026-03-02T00:00:00.000Z',
      }),
    ];

    // Act
    const view = actionView(trajectory(), task({ id: 'plan-2', kind: 'plan' }), tasks);

    // Assess
    expect(view.context).toEqual({
      employee: { firstName: 'Eva' },
      improvementAreas: [],
      consequenceStatement: trajectory().consequenceStatement,
      revision: { comments: 'Maak doel 1 meetbaar.', goals: [goal(1)] },
    });
  });

  it('gives a plan sent back the support rows of the version HR saw', () => {
    const ledger = [{ goal: 0, kind: 'coaching', description: 'Coach', status: 'offered' }];
    const tasks = [
      task({
        id: 'plan-1',
        kind: 'plan',
        status: 'done',
        response: { goals: [goal(1)], supportLedger: ledger },
      }),
      task({
        id: 'plan-approval-1',
        kind: 'plan-approval',
        assignee: 'hr',
        status: 'done',
        response: { decision: 'revise', comments: 'Meer steun graag.' },
      }),
    ];

    const view = actionView(trajectory(), task({ id: 'plan-2', kind: 'plan' }), tasks);

    expect(view.context).toMatchObject({
      revision: { comments: 'Meer steun graag.', goals: [goal(1)], supportLedger: ledger },
    });
  });

  it('takes the first word of a name', () => {
    expect(firstName('  Anne-Marie van den Berg ')).toBe('Anne-Marie');
  });
});

describe('answering', () => {
  it('validates an evaluation against the number of goals in the plan', () => {
    // Prepare
    const body = {
      summary: 'Samenvatting',
      results: [{ goal: 0, outcome: 'achieved', notes: 'Goed.' }],
      decision: 'extend',
      extendWeeks: 4,
    };

    // Act
    const one = validateResponse('evaluation', body, [goal(1)], 'en');
    const two = validateResponse('evaluation', body, [goal(1), goal(2)], 'en');

    // Assess
    expect(one.ok).toBe(true);
    expect(two).toEqual({
      ok: false,
      fieldErrors: [{ path: 'results', message: 'Goal 2 is missing; fill in something for every goal.' }],
    });
  });

  it('records the answer on the task and one completion entry per task', () => {
    // Act
    const done = withResponse(task(), { x: 1 }, NOW);
    const event = taskCompletedEvent(done);

    // Assess
    expect(done).toMatchObject({
      status: 'done',
      response: { x: 1 },
      completedAt: NOW.toISOString(),
      version: 3,
    });
    expect(event).toMatchObject({
      id: 'identify-1.task-completed',
      actor: { role: 'manager' },
      at: NOW.toISOString(),
    });
    expect(taskCompletedEvent(withResponse(task(), { y: 2 }, new Date(NOW.getTime() + 1000))).id).toBe(
      event.id,
    );
  });

  it('never lets a task leave the server with its token or link hash', () => {
    expect(taskView(task())).not.toHaveProperty('taskToken');
    expect(taskView(task())).not.toHaveProperty('linkHash');
  });
});

describe('extended', () => {
  it('moves the due time by calendar days, off the weekend, and restarts the chasing', () => {
    // Prepare: due Friday 6 March 2026 17:00 in Amsterdam, reminded.
    const due = task({ dueAt: '2026-03-06T16:00:00.000Z', chaseStage: 'reminded' });

    // Act
    const later = extended(due, 1, NOW);

    // Assess: Saturday becomes Monday 9 March, 17:00.
    expect(later).toMatchObject({ dueAt: '2026-03-09T16:00:00.000Z', chaseStage: 'none', version: 3 });
  });
});

describe('prefersHtml', () => {
  it.each([
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', false, true],
    ['application/json', true, false],
    ['*/*', false, false],
    ['*/*', true, true],
    [undefined, false, false],
    ['text/html;q=0.5, application/json', true, false],
    ['application/json;q=0.5, text/*', false, true],
    ['text/html, application/json', false, false],
  ])('%s (fallback %s) → %s', (accept, fallback, expected) => {
    expect(prefersHtml(accept, fallback)).toBe(expected);
  });
});

describe('formToBody', () => {
  it.each([
    ['brackets', `a${'[a]'.repeat(2500)}=x`],
    ['dots', `a${'.a'.repeat(2500)}=x`],
    ['a name just past the depth', `goals${'[0]'.repeat(MAX_FIELD_DEPTH)}=x`],
  ])('refuses a field nested beyond any form of ours (%s) as unknown, without overflowing', (_, text) => {
    // Act
    let thrown: unknown;
    try {
      formToBody(text, 'nl');
    } catch (error) {
      thrown = error;
    }

    // Assess
    expect(thrown).toBeInstanceOf(ValidationError);
    const [issue] = (thrown as ValidationError).fieldErrors;
    expect(issue?.message).toBe('Dit veld hoort hier niet; laat het weg.');
    expect(issue!.path.length).toBeLessThanOrEqual(MAX_FIELD_NAME_LENGTH);
  });

  it('still reads the deepest field a form has', () => {
    expect(formToBody('improvementAreas[0][examples][]=Rapport+te+laat', 'nl')).toEqual({
      improvementAreas: [{ examples: ['Rapport te laat'] }],
    });
  });

  it('builds the JSON body from bracketed and dotted names, in order, without empty fields', () => {
    // Act
    const body = formToBody(
      new URLSearchParams([
        ['progress[1][goal]', '1'],
        ['progress[1][status]', 'at-risk'],
        ['progress.0.goal', '0'],
        ['progress.0.status', 'on-track'],
        ['progress.0.notes', 'Goed'],
        ['summary', 'Gesprek'],
        ['heldOn', ''],
      ]).toString(),
      'nl',
    );

    // Assess
    expect(body).toEqual({
      progress: [
        { goal: 0, status: 'on-track', notes: 'Goed' },
        { goal: 1, status: 'at-risk' },
      ],
      summary: 'Gesprek',
    });
  });

  it('reads a line break as one character, as the textarea that counted it for its maxlength did', () => {
    // Prepare: a browser sends every line break of a textarea as CR LF.
    const text = new URLSearchParams([['summary', 'Eerste regel\r\nTweede regel\rDerde']]).toString();

    // Act
    const body = formToBody(text, 'nl');

    // Assess
    expect(body).toEqual({ summary: 'Eerste regel\nTweede regel\nDerde' });
  });

  it('leaves a goal that is not a number as text, for the schema to explain', () => {
    expect(formToBody('results[0][goal]=first&acknowledged=maybe', 'nl')).toEqual({
      results: [{ goal: 'first' }],
      acknowledged: 'maybe',
    });
  });

  it('keeps prototype names harmless', () => {
    // Act
    const body = formToBody('constructor[prototype][polluted]=yes&toString=x', 'nl');

    // Assess
    expect(body).toEqual({ constructor: { prototype: { polluted: 'yes' } }, toString: 'x' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses more fields than any form has', () => {
    // Prepare
    const text = Array.from({ length: MAX_FORM_FIELDS + 1 }, (_, n) => `f${n}=x`).join('&');

    // Act + Assess
    expect(() => formToBody(text, 'en')).toThrow(ValidationError);
  });
});

describe('the completeness on the decision confirmation', () => {
  it('shows HR, before they confirm, each criterion the answer would be held to', () => {
    // Prepare: a bare dossier (no plan, no term) whose evaluation says "unsuccessful".
    const evaluation = task({
      id: 'evaluation-1',
      kind: 'evaluation',
      status: 'done',
      response: { summary: 'Niet behaald.', results: [], decision: 'unsuccessful' },
    });
    const confirmation = task({
      id: 'decision-confirmation-1',
      kind: 'decision-confirmation',
      assignee: 'hr',
    });
    const dossier = { trajectory: trajectory(), tasks: [evaluation, confirmation], events: [] };

    // Act
    const view = withConcerns(actionView(dossier.trajectory, confirmation, dossier.tasks), dossier, NOW);
    const page = renderActionPage(view);
    const refused = validateResponse(
      'decision-confirmation',
      { decision: 'approve', redeployment: { considered: true, outcome: 'Geen functie vrij.' } },
      [],
      'nl',
      dossier.tasks,
      { trajectory: dossier.trajectory, tasks: dossier.tasks, dossier, now: NOW },
    );

    // Assess: the form lists what fails, and those are the rules the answer is refused on.
    const concerns = (view.context as { concerns: { id: string; status: string }[] }).concerns;
    const failing = concerns.filter((criterion) => criterion.status === 'fail');
    expect(failing.length).toBeGreaterThan(0);
    expect(concerns.every((criterion) => ['fail', 'warning'].includes(criterion.status))).toBe(true);
    expect(refused.ok).toBe(false);
    const message = !refused.ok
      ? refused.fieldErrors.find((error) => error.path === 'override.reason')?.message
      : '';
    const name = translator(completenessMessages);
    for (const criterion of failing) {
      expect(page).toContain(`data-criterion="${criterion.id}"`);
      if (criterion.id !== 'term-length') {
        expect(message).toContain(name('nl', criterionNameKey(criterion.id as never)));
      }
    }
    expect(page).toContain('Volledigheid van het dossier');
    expect(page).toContain('leg dan hieronder uit waarom je toch bevestigt');
    // Shown before the form: read first, then decide.
    expect(page.indexOf('data-concerns')).toBeLessThan(page.indexOf('<form'));
    // Another task's form does not carry it.
    const aftercare = task({ id: 'aftercare-1', kind: 'aftercare' });
    const other = withConcerns(actionView(dossier.trajectory, aftercare, dossier.tasks), dossier, NOW);
    expect(other.context).toBeDefined();
    expect(other.context).not.toHaveProperty('concerns');
  });
});

describe('the pages', () => {
  it('escape everything that came from a person', () => {
    // Act
    const page = renderErrorPage({
      locale: 'nl',
      message: 'Fout',
      fieldErrors: [{ path: 'a"><img src=x>', message: '<b>x</b>' }],
      backHref: 'https://example.test/actions/abc"onmouseover="x',
    });

    // Assess
    expect(page).not.toMatch(/<img|<b>|"onmouseover/);
    expect(page).toContain('&lt;b&gt;x&lt;/b&gt;');
  });

  it('render a closed task without its context', () => {
    // Act
    const page = renderActionPage(actionView(trajectory({ status: 'cancelled' }), task(), []));

    // Assess
    expect(page).toContain('data-status="closed"');
    expect(page).not.toContain('Eva');
  });
});

describe('the internal note of a cancellation', () => {
  const event = cancelledEvent(trajectory(), 'Dubbel aangemaakt.', NOW, 'Alleen voor HR: fout bij invoer.');

  it('is kept beside the reason, and only HR reads it', () => {
    expect(event.data).toEqual({
      reason: 'Dubbel aangemaakt.',
      internalNote: 'Alleen voor HR: fout bij invoer.',
    });
    expect(eventForReader(event, 'hr')).toBe(event);
    expect(eventForReader(event, 'manager').data).toEqual({ reason: 'Dubbel aangemaakt.' });
    expect(internalNoteOf([event])).toBe('Alleen voor HR: fout bij invoer.');
  });

  it('is left out when none was given, and the JSON body still takes a reason alone', () => {
    expect(cancelledEvent(trajectory(), 'Dubbel.', NOW).data).toEqual({ reason: 'Dubbel.' });
    expect(cancelTrajectoryBody.safeParse({ reason: 'Dubbel.' }).success).toBe(true);
    expect(cancelTrajectoryBody.safeParse({ reason: 'Dubbel.', internalNote: '   ' }).success).toBe(false);
  });
});
