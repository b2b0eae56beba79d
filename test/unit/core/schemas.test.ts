import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import { TASK_KINDS, type Locale, type TaskKind } from '#core/model.ts';
import {
  actionBodies,
  checkGoalIndexes,
  checkRedeployment,
  checkSupportGoals,
  createTrajectoryBody,
  parseBody,
  type ActionBody,
  type CreateTrajectoryInput,
} from '#core/schemas.ts';
import type { FieldError } from '#shared/errors.ts';
import { t, type MessageKey, type MessageParams } from '#shared/i18n/catalogue.ts';

function createBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    employee: { name: 'Sanne de Vries', email: 'sanne@example.nl' },
    manager: { name: 'Pieter Jansen', email: 'pieter@example.nl' },
    hrAdvisor: { name: 'Fatima El Amrani', email: 'fatima@example.nl' },
    reason: 'Deadlines in het project zijn herhaaldelijk gemist.',
    ...overrides,
  };
}

function errorsOf(schema: z.ZodType, body: unknown, locale: Locale = 'nl'): FieldError[] {
  const result = parseBody(schema, body, locale);
  if (result.ok) throw new Error(`Expected ${JSON.stringify(body)} to be rejected`);
  return result.fieldErrors;
}

const error = (path: string, key: MessageKey, params?: MessageParams, locale: Locale = 'nl'): FieldError => ({
  path,
  message: t(locale, key, params),
});

describe('createTrajectoryBody', () => {
  it('accepts a minimal body and defaults the locale to Dutch', () => {
    const result = parseBody(createTrajectoryBody, createBody(), 'nl');

    expect(result).toEqual({ ok: true, value: { ...createBody(), locale: 'nl' } });
  });

  it('trims text and lower-cases email addresses', () => {
    const body = createBody({
      employee: { name: '  Sanne  ', email: '  Sanne.De.Vries@Example.NL ' },
      reason: ' x ',
    });

    const result = parseBody(createTrajectoryBody, body, 'nl');

    expect(result.ok && result.value.employee).toEqual({ name: 'Sanne', email: 'sanne.de.vries@example.nl' });
    expect(result.ok && result.value.reason).toBe('x');
  });

  it('accepts English and every schedule key, including the extensions', () => {
    const schedule = {
      identifyDueDays: 1,
      conversationDueDays: 60,
      planDueDays: 10,
      approvalDueDays: 2,
      employeeResponseDueDays: 5,
      followUpEveryDays: 7,
      followUpDueDays: 2,
      termWeeks: 26,
      reminderHoursBefore: 0,
      escalationGraceDays: 0,
      aftercareWeeks: 12,
      meetingNoticeWorkingDays: 3,
    };

    const result = parseBody(createTrajectoryBody, createBody({ locale: 'en', schedule }), 'en');

    expect(result).toEqual({ ok: true, value: { ...createBody(), locale: 'en', schedule } });
  });

  it.each([
    ['a NUL in a name', { employee: { name: 'Jan\u0000', email: 'jan@example.nl' } }, 'employee.name'],
    [
      'a line break in a name',
      { manager: { name: 'Piet\r\nBcc: x@y.nl', email: 'piet@example.nl' } },
      'manager.name',
    ],
    [
      'a right-to-left override in a name',
      { hrAdvisor: { name: 'Ann\u202Eeknaj', email: 'ann@example.nl' } },
      'hrAdvisor.name',
    ],
    ['an isolate in the reason', { reason: 'Te laat \u2066geleverd\u2069.' }, 'reason'],
    ['an escape sequence in the reason', { reason: '\u001b[2J' }, 'reason'],
  ])('refuses invisible control characters: %s', (_, overrides, path) => {
    const issues = errorsOf(createTrajectoryBody, createBody(overrides));
    expect(issues).toEqual([error(path, 'validation.controlCharacters')]);
  });

  it('keeps paragraphs and tabs in free text', () => {
    const reason = 'Eerste alinea.\n\n\tTweede alinea,\r\nmet een regel.';
    const result = parseBody(createTrajectoryBody, createBody({ reason }), 'nl');
    expect(result).toMatchObject({ ok: true, value: { reason } });
  });

  it('accepts names and reasons at their maximum length', () => {
    const body = createBody({
      employee: { name: 'a'.repeat(200), email: 'a@example.nl' },
      reason: 'r'.repeat(5000),
    });

    expect(parseBody(createTrajectoryBody, body, 'nl').ok).toBe(true);
  });

  it('says in Dutch and English that an email address is not valid', () => {
    const body = createBody({ employee: { name: 'Sanne', email: 'sanne-at-example' } });

    expect(errorsOf(createTrajectoryBody, body, 'nl')).toEqual([
      { path: 'employee.email', message: 'Vul een geldig e-mailadres in.' },
    ]);
    expect(errorsOf(createTrajectoryBody, body, 'en')).toEqual([
      { path: 'employee.email', message: 'Enter a valid email address.' },
    ]);
  });

  it.each<[string, Record<string, unknown>, FieldError[]]>([
    ['a missing person', { employee: undefined }, [error('employee', 'validation.required')]],
    ['a person as a string', { manager: 'Pieter' }, [error('manager', 'validation.group')]],
    [
      'a blank name',
      { employee: { name: '   ', email: 'a@example.nl' } },
      [error('employee.name', 'validation.required')],
    ],
    [
      'a name that is too long',
      { employee: { name: 'a'.repeat(201), email: 'a@example.nl' } },
      [error('employee.name', 'validation.tooLong', { max: 200 })],
    ],
    ['a missing email', { hrAdvisor: { name: 'Fatima' } }, [error('hrAdvisor.email', 'validation.required')]],
    [
      'an empty email',
      { hrAdvisor: { name: 'Fatima', email: ' ' } },
      [error('hrAdvisor.email', 'validation.required')],
    ],
    [
      'an email as a number',
      { hrAdvisor: { name: 'F', email: 42 } },
      [error('hrAdvisor.email', 'validation.text')],
    ],
    [
      'an email that is too long',
      { hrAdvisor: { name: 'F', email: `${'a'.repeat(250)}@example.nl` } },
      [error('hrAdvisor.email', 'validation.tooLong', { max: 254 })],
    ],
    ['a missing reason', { reason: undefined }, [error('reason', 'validation.required')]],
    ['a null reason', { reason: null }, [error('reason', 'validation.required')]],
    [
      'a reason that is too long',
      { reason: 'r'.repeat(5001) },
      [error('reason', 'validation.tooLong', { max: 5000 })],
    ],
    ['an unknown locale', { locale: 'de' }, [error('locale', 'validation.choice', { options: 'nl, en' })]],
    ['an unknown field', { salary: 3000 }, [error('salary', 'validation.unknownField')]],
    [
      'an unknown field on a person',
      { employee: { name: 'S', email: 's@example.nl', phone: '06' } },
      [error('employee.phone', 'validation.unknownField')],
    ],
    [
      'an unknown schedule key',
      { schedule: { holidays: 3 } },
      [error('schedule.holidays', 'validation.unknownField')],
    ],
    [
      'zero days',
      { schedule: { identifyDueDays: 0 } },
      [error('schedule.identifyDueDays', 'validation.numberMin', { min: 1 })],
    ],
    [
      'more than a year of days',
      { schedule: { approvalDueDays: 366 } },
      [error('schedule.approvalDueDays', 'validation.numberMax', { max: 60 })],
    ],
    [
      'a fraction of a day',
      { schedule: { planDueDays: 1.5 } },
      [error('schedule.planDueDays', 'validation.wholeNumber')],
    ],
    [
      'days as text',
      { schedule: { planDueDays: '5' } },
      [error('schedule.planDueDays', 'validation.number')],
    ],
    [
      'a term of 27 weeks: a trajectory must fit well inside a workflow execution’s year',
      { schedule: { termWeeks: 27 } },
      [error('schedule.termWeeks', 'validation.numberMax', { max: 26 })],
    ],
    [
      'a deadline of 61 days',
      { schedule: { planDueDays: 61 } },
      [error('schedule.planDueDays', 'validation.numberMax', { max: 60 })],
    ],
    [
      'aftercare 13 weeks on',
      { schedule: { aftercareWeeks: 13 } },
      [error('schedule.aftercareWeeks', 'validation.numberMax', { max: 12 })],
    ],
    [
      'a negative reminder',
      { schedule: { reminderHoursBefore: -1 } },
      [error('schedule.reminderHoursBefore', 'validation.numberMin', { min: 0 })],
    ],
    [
      'a reminder a month ahead',
      { schedule: { reminderHoursBefore: 721 } },
      [error('schedule.reminderHoursBefore', 'validation.numberMax', { max: 720 })],
    ],
    [
      'a grace period over 60 days',
      { schedule: { escalationGraceDays: 61 } },
      [error('schedule.escalationGraceDays', 'validation.numberMax', { max: 60 })],
    ],
    [
      'no aftercare weeks',
      { schedule: { aftercareWeeks: 0 } },
      [error('schedule.aftercareWeeks', 'validation.numberMin', { min: 1 })],
    ],
    [
      'a term too short for a single follow-up',
      { schedule: { termWeeks: 2 } },
      [error('schedule.termWeeks', 'validation.followUpsFitTerm')],
    ],
    [
      'follow-ups further apart than the term',
      { schedule: { followUpEveryDays: 60, termWeeks: 8 } },
      [error('schedule.followUpEveryDays', 'validation.followUpsFitTerm')],
    ],
    [
      'an employee who is also their own manager',
      { manager: { name: 'Sanne', email: 'SANNE@example.nl' } },
      [error('manager.email', 'validation.sameAsEmployee')],
    ],
    [
      'an employee who is also their own HR advisor',
      { hrAdvisor: { name: 'Sanne', email: 'sanne@example.nl' } },
      [error('hrAdvisor.email', 'validation.sameAsEmployee')],
    ],
  ])('rejects %s', (_, overrides, expected) => {
    expect(errorsOf(createTrajectoryBody, createBody(overrides))).toEqual(expected);
  });

  it('accepts a term that fits one follow-up even after a weekend or holiday move', () => {
    const body = createBody({ schedule: { termWeeks: 2, followUpEveryDays: 9 } });

    expect(parseBody(createTrajectoryBody, body, 'nl').ok).toBe(true);
  });

  it('rejects a cadence whose only follow-up a holiday could push onto the last day', () => {
    // Day 10 of a 2-week term on Christmas Day, a Thursday, moves four days: to day 14.
    const body = createBody({ schedule: { termWeeks: 2, followUpEveryDays: 10 } });

    expect(errorsOf(createTrajectoryBody, body)).toEqual([
      error('schedule.followUpEveryDays', 'validation.followUpsFitTerm'),
    ]);
  });

  it('accepts a meeting notice of 1 to 10 working days', () => {
    for (const meetingNoticeWorkingDays of [1, 5, 10]) {
      const body = createBody({ schedule: { meetingNoticeWorkingDays } });

      expect(parseBody(createTrajectoryBody, body, 'nl')).toMatchObject({
        ok: true,
        value: { schedule: { meetingNoticeWorkingDays } },
      });
    }
  });

  it.each([
    [0, error('schedule.meetingNoticeWorkingDays', 'validation.numberMin', { min: 1 })],
    [11, error('schedule.meetingNoticeWorkingDays', 'validation.numberMax', { max: 10 })],
    [1.5, error('schedule.meetingNoticeWorkingDays', 'validation.wholeNumber')],
  ])('rejects a meeting notice of %s working days', (meetingNoticeWorkingDays, expected) => {
    const body = createBody({ schedule: { meetingNoticeWorkingDays } });

    expect(errorsOf(createTrajectoryBody, body)).toEqual([expected]);
  });

  it('rejects a notice that leaves no follow-up room in the term, on the notice', () => {
    const body = createBody({
      schedule: { termWeeks: 2, followUpEveryDays: 7, meetingNoticeWorkingDays: 10 },
    });

    expect(errorsOf(createTrajectoryBody, body)).toEqual([
      error('schedule.meetingNoticeWorkingDays', 'validation.noticeFitsTerm'),
    ]);
  });

  it('blames the cadence, not the notice, when even a day’s notice would not fit', () => {
    const body = createBody({
      schedule: { termWeeks: 2, followUpEveryDays: 12, meetingNoticeWorkingDays: 3 },
    });

    expect(errorsOf(createTrajectoryBody, body)).toEqual([
      error('schedule.followUpEveryDays', 'validation.followUpsFitTerm'),
    ]);
  });

  it.each([['a string'], [null], [[1, 2]], [42]])('rejects %j as a body', (body) => {
    expect(errorsOf(createTrajectoryBody, body)).toEqual([error('', 'validation.body')]);
  });

  it('reports every problem at once, cross-field checks included', () => {
    const body = createBody({ reason: '', manager: { name: 'Sanne', email: 'sanne@example.nl' }, extra: 1 });

    const errors = errorsOf(createTrajectoryBody, body, 'en');

    expect(errors).toEqual(
      expect.arrayContaining([
        error('reason', 'validation.required', undefined, 'en'),
        error('extra', 'validation.unknownField', undefined, 'en'),
        error('manager.email', 'validation.sameAsEmployee', undefined, 'en'),
      ]),
    );
    expect(errors).toHaveLength(3);
  });

  it('infers the input type with a required locale', () => {
    expectTypeOf<CreateTrajectoryInput['locale']>().toEqualTypeOf<'nl' | 'en'>();
  });
});

const validBodies: { [K in TaskKind]: unknown } = {
  identify: {
    improvementAreas: [{ title: 'Planning', examples: ['Oplevering sprint 12 twee weken te laat.'] }],
  },
  conversation: {
    heldOn: '2026-03-04',
    summary: 'Gesproken over de gemiste deadlines.',
    employeePerspective: 'Te veel parallelle projecten.',
    agreements: 'Wekelijks prioriteren met de leidinggevende.',
  },
  'employee-response': { response: 'Ik herken het beeld deels.' },
  'follow-up-reaction': { reaction: 'Het verslag mist dat ik om hulp vroeg.' },
  'evaluation-reaction': { reaction: 'De werkdruk is niet meegewogen.' },
  'disagreement-response': { response: 'We passen doel 2 aan en plannen extra overleg.' },
  'cause-follow-up': { action: 'Verwezen naar de bedrijfsarts.' },
  'self-assessment': { goals: [{ goal: 0, status: 'at-risk', note: 'Nog twee keer te laat.' }] },
  plan: {
    goals: [
      {
        title: 'Deadlines halen',
        specific: 'Opleveringen op de afgesproken datum.',
        measure: 'Aantal te late opleveringen.',
        target: 'Geen enkele te late oplevering.',
        deadline: '2026-05-25',
        support: 'Cursus timemanagement.',
      },
    ],
  },
  'plan-approval': { decision: 'approve', comments: '' },
  'plan-acknowledgement': { acknowledged: true, comments: 'Ontvangen, niet mee eens.' },
  'follow-up': {
    heldOn: '2026-03-16',
    summary: 'Goede start.',
    progress: [{ goal: 0, status: 'on-track', notes: 'Alles op tijd.' }],
  },
  evaluation: {
    summary: 'Doel gehaald.',
    results: [{ goal: 0, outcome: 'achieved', notes: 'Alles op tijd.' }],
    decision: 'successful',
  },
  'decision-confirmation': { decision: 'approve' },
  aftercare: { employeeNotes: 'Gaat goed.', teamNotes: 'Rustiger in het team.' },
};

describe('actionBodies', () => {
  it('has a schema for every task kind', () => {
    expect(Object.keys(actionBodies).sort()).toEqual([...TASK_KINDS].sort());
  });

  it.each(TASK_KINDS)('accepts a valid %s body', (kind) => {
    const result = parseBody(actionBodies[kind], validBodies[kind], 'nl');

    expect(result.ok).toBe(true);
  });

  it.each(TASK_KINDS)('rejects an unknown field in a %s body', (kind) => {
    const body = { ...(validBodies[kind] as object), surprise: true };

    expect(errorsOf(actionBodies[kind], body)).toEqual([error('surprise', 'validation.unknownField')]);
  });

  it.each(TASK_KINDS)('rejects a %s body that is not an object', (kind) => {
    expect(errorsOf(actionBodies[kind], 'yes')).toEqual([error('', 'validation.body')]);
  });

  it('lets the self-assessment leave a goal without a status, and leaves out a goal with nothing', () => {
    const schema = actionBodies['self-assessment'];
    const body = {
      goals: [
        { goal: 0, note: '  Hier wil ik eerst over praten.  ' },
        { goal: 1 },
        { goal: 2, status: 'off-track', note: '   ' },
      ],
    };

    expect(parseBody(schema, body, 'nl')).toEqual({
      ok: true,
      value: {
        goals: [
          { goal: 0, note: 'Hier wil ik eerst over praten.' },
          { goal: 2, status: 'off-track', note: '' },
        ],
      },
    });
    // Only goals with nothing in them, and no general note: nothing was said.
    expect(errorsOf(schema, { goals: [{ goal: 0 }, { goal: 1, note: ' ' }] })).toEqual([
      error('goals', 'validation.selfAssessmentEmpty'),
    ]);
    expect(errorsOf(schema, { goals: [{ goal: 0, status: 'fine' }] }).map((e) => e.path)).toEqual([
      'goals.0.status',
    ]);
  });

  it('trims what people typed', () => {
    const result = parseBody(actionBodies['employee-response'], { response: '  Ik herken het.  ' }, 'nl');

    expect(result).toEqual({ ok: true, value: { response: 'Ik herken het.' } });
  });

  it('accepts a leap day as a date', () => {
    const body = { ...(validBodies.conversation as object), heldOn: '2028-02-29' };

    expect(parseBody(actionBodies.conversation, body, 'nl').ok).toBe(true);
  });

  const area = (examples: unknown[]) => ({ title: 'Planning', examples });
  const goal = (overrides: Record<string, unknown> = {}) => ({
    ...(validBodies.plan as { goals: object[] }).goals[0],
    ...overrides,
  });

  it.each<[TaskKind, string, unknown, FieldError[]]>([
    [
      'identify',
      'no areas field',
      { improvementAreas: undefined },
      // What a form whose rows were all left empty sends: the list is asked for as a list.
      [error('improvementAreas', 'validation.areasMin')],
    ],
    [
      'identify',
      'an area without an examples field',
      { improvementAreas: [{ title: 'Planning' }] },
      [error('improvementAreas.0.examples', 'validation.examplesMin')],
    ],
    ['plan', 'no goals field', { goals: undefined }, [error('goals', 'validation.goalsMin')]],
    ['identify', 'no areas', { improvementAreas: [] }, [error('improvementAreas', 'validation.areasMin')]],
    [
      'identify',
      'areas as text',
      { improvementAreas: 'planning' },
      [error('improvementAreas', 'validation.list')],
    ],
    [
      'identify',
      'an area without examples',
      { improvementAreas: [area([])] },
      [error('improvementAreas.0.examples', 'validation.examplesMin')],
    ],
    [
      'identify',
      'a blank example',
      { improvementAreas: [area(['ok']), area(['  '])] },
      [error('improvementAreas.1.examples.0', 'validation.required')],
    ],
    [
      'identify',
      'an area without title',
      { improvementAreas: [{ examples: ['x'] }] },
      [error('improvementAreas.0.title', 'validation.required')],
    ],
    [
      'identify',
      'eleven areas',
      { improvementAreas: Array.from({ length: 11 }, () => area(['x'])) },
      [error('improvementAreas', 'validation.listMax', { max: 10 })],
    ],
    [
      'identify',
      'an unknown field on an area',
      { improvementAreas: [{ ...area(['x']), severity: 'high' }] },
      [error('improvementAreas.0.severity', 'validation.unknownField')],
    ],
    [
      'conversation',
      'a date that does not exist',
      { heldOn: '2026-02-30' },
      [error('heldOn', 'validation.date')],
    ],
    [
      'conversation',
      'a non-leap 29 February',
      { heldOn: '2027-02-29' },
      [error('heldOn', 'validation.date')],
    ],
    ['conversation', 'a Dutch-order date', { heldOn: '30-03-2026' }, [error('heldOn', 'validation.date')]],
    [
      'conversation',
      'a date without zero padding',
      { heldOn: '2026-3-5' },
      [error('heldOn', 'validation.date')],
    ],
    [
      'conversation',
      'a date with a time',
      { heldOn: '2026-03-05T10:00:00Z' },
      [error('heldOn', 'validation.date')],
    ],
    ['conversation', 'a date as a number', { heldOn: 20260305 }, [error('heldOn', 'validation.text')]],
    ['conversation', 'a blank summary', { summary: '' }, [error('summary', 'validation.required')]],
    [
      'conversation',
      'no agreements',
      { agreements: undefined },
      [error('agreements', 'validation.required')],
    ],
    ['employee-response', 'an empty response', { response: ' ' }, [error('response', 'validation.required')]],
    [
      'employee-response',
      'a response that is too long',
      { response: 'x'.repeat(10_001) },
      [error('response', 'validation.tooLong', { max: 10_000 })],
    ],
    ['plan', 'no goals', { goals: [] }, [error('goals', 'validation.goalsMin')]],
    [
      'plan',
      'a goal without support',
      { goals: [goal({ support: undefined })] },
      [error('goals.0.support', 'validation.required')],
    ],
    [
      'plan',
      'a goal with a bad deadline',
      { goals: [goal(), goal({ deadline: '2026-13-01' })] },
      [error('goals.1.deadline', 'validation.date')],
    ],
    [
      'plan',
      'a blank measure',
      { goals: [goal({ measure: '  ' })] },
      [error('goals.0.measure', 'validation.required')],
    ],
    [
      'plan',
      'eleven goals',
      { goals: Array.from({ length: 11 }, () => goal()) },
      [error('goals', 'validation.listMax', { max: 10 })],
    ],
    [
      'plan',
      'a goal field that is too long',
      { goals: [goal({ specific: 's'.repeat(2001) })] },
      [error('goals.0.specific', 'validation.tooLong', { max: 2000 })],
    ],
    [
      'plan-approval',
      'a revision without comments',
      { decision: 'revise' },
      [error('comments', 'validation.revisionComments')],
    ],
    [
      'plan-approval',
      'a revision with blank comments',
      { decision: 'revise', comments: '   ' },
      [error('comments', 'validation.revisionComments')],
    ],
    [
      'plan-approval',
      'an unknown decision',
      { decision: 'maybe' },
      [error('decision', 'validation.choice', { options: 'approve, revise' })],
    ],
    [
      'plan-approval',
      'no decision',
      { decision: undefined, comments: 'ok' },
      // A choice left open is asked for as a choice, not as something to fill in.
      [error('decision', 'validation.chooseOne')],
    ],
    [
      'follow-up',
      'a goal without a status',
      { heldOn: '2026-03-02', summary: 's', progress: [{ goal: 0, notes: 'n' }] },
      [error('progress.0.status', 'validation.chooseOne')],
    ],
    [
      'decision-confirmation',
      'a revision without comments',
      { decision: 'revise', comments: '' },
      [error('comments', 'validation.revisionComments')],
    ],
    [
      'plan-acknowledgement',
      'no acknowledgement',
      { acknowledged: undefined },
      [error('acknowledged', 'validation.acknowledge')],
    ],
    [
      'plan-acknowledgement',
      'a refused acknowledgement',
      { acknowledged: false },
      [error('acknowledged', 'validation.acknowledge')],
    ],
    [
      'plan-acknowledgement',
      'an acknowledgement as text',
      { acknowledged: 'true' },
      [error('acknowledged', 'validation.acknowledge')],
    ],
    ['follow-up', 'no progress', { progress: [] }, [error('progress', 'validation.progressMin')]],
    [
      'follow-up',
      'an unknown status',
      { progress: [{ goal: 0, status: 'great', notes: 'x' }] },
      [error('progress.0.status', 'validation.choice', { options: 'on-track, at-risk, off-track' })],
    ],
    [
      'follow-up',
      'a negative goal number',
      { progress: [{ goal: -1, status: 'on-track', notes: 'x' }] },
      [error('progress.0.goal', 'validation.numberMin', { min: 0 })],
    ],
    [
      'follow-up',
      'a fractional goal number',
      { progress: [{ goal: 0.5, status: 'on-track', notes: 'x' }] },
      [error('progress.0.goal', 'validation.wholeNumber')],
    ],
    [
      'follow-up',
      'progress without notes',
      { progress: [{ goal: 0, status: 'at-risk' }] },
      [error('progress.0.notes', 'validation.required')],
    ],
    ['follow-up', 'no date', { heldOn: undefined }, [error('heldOn', 'validation.required')]],
    [
      'evaluation',
      'an extension without weeks',
      { decision: 'extend' },
      [error('extendWeeks', 'validation.extendWeeksRequired')],
    ],
    [
      'evaluation',
      'weeks without an extension',
      { decision: 'unsuccessful', extendWeeks: 4 },
      [error('extendWeeks', 'validation.extendWeeksOnlyForExtend')],
    ],
    [
      'evaluation',
      'an extension of 27 weeks',
      { decision: 'extend', extendWeeks: 27 },
      [error('extendWeeks', 'validation.numberMax', { max: 26 })],
    ],
    [
      'evaluation',
      'an extension of 0 weeks',
      { decision: 'extend', extendWeeks: 0 },
      [error('extendWeeks', 'validation.numberMin', { min: 1 })],
    ],
    [
      'evaluation',
      'an unknown decision with weeks',
      { decision: 'retry', extendWeeks: 4 },
      [error('decision', 'validation.choice', { options: 'successful, extend, unsuccessful' })],
    ],
    [
      'evaluation',
      'an unknown outcome',
      { results: [{ goal: 0, outcome: 'done', notes: 'x' }] },
      [error('results.0.outcome', 'validation.choice', { options: 'achieved, partially, not-achieved' })],
    ],
    ['evaluation', 'no results', { results: [] }, [error('results', 'validation.resultsMin')]],
    ['aftercare', 'no team notes', { teamNotes: undefined }, [error('teamNotes', 'validation.required')]],
    [
      'aftercare',
      'employee notes as a list',
      { employeeNotes: ['ok'] },
      [error('employeeNotes', 'validation.text')],
    ],
  ])('%s: rejects %s', (kind, _, overrides, expected) => {
    const body = { ...(validBodies[kind] as object), ...(overrides as object) };

    expect(errorsOf(actionBodies[kind], body)).toEqual(expected);
  });

  it('accepts an extension with weeks, and approvals with or without comments', () => {
    const extend = { ...(validBodies.evaluation as object), decision: 'extend', extendWeeks: 4 };

    expect(parseBody(actionBodies.evaluation, extend, 'nl')).toMatchObject({
      ok: true,
      value: { extendWeeks: 4 },
    });
    expect(parseBody(actionBodies['plan-approval'], { decision: 'approve' }, 'nl').ok).toBe(true);
    expect(
      parseBody(
        actionBodies['plan-approval'],
        { decision: 'revise', comments: 'Doel 2 meetbaar maken.' },
        'nl',
      ).ok,
    ).toBe(true);
  });

  it('reports the extension rule together with other mistakes', () => {
    const body = { ...(validBodies.evaluation as object), summary: '', decision: 'extend' };

    expect(errorsOf(actionBodies.evaluation, body, 'en')).toEqual([
      error('summary', 'validation.required', undefined, 'en'),
      error('extendWeeks', 'validation.extendWeeksRequired', undefined, 'en'),
    ]);
  });

  it('explains a missing goal field with the dotted path in English', () => {
    const body = { goals: [goal({ deadline: 'next month' })] };

    expect(errorsOf(actionBodies.plan, body, 'en')).toEqual([
      { path: 'goals.0.deadline', message: 'Enter an existing date as YYYY-MM-DD, for example 2026-03-31.' },
    ]);
  });

  it('infers a typed body per task kind', () => {
    expectTypeOf<ActionBody<'evaluation'>['decision']>().toEqualTypeOf<
      'successful' | 'extend' | 'unsuccessful'
    >();
    expectTypeOf<ActionBody<'plan-acknowledgement'>['acknowledged']>().toEqualTypeOf<true>();
    expectTypeOf<ActionBody<'plan'>['goals'][number]['deadline']>().toEqualTypeOf<string>();
  });
});

describe('parseBody', () => {
  it('falls back to a general message for an issue it has no words for', () => {
    const schema = z.strictObject({ flag: z.boolean() });

    expect(errorsOf(schema, { flag: 'yes' }, 'en')).toEqual([
      error('flag', 'validation.invalid', undefined, 'en'),
    ]);
  });

  it('asks for a minimum length other than one in characters', () => {
    const schema = z.strictObject({ code: z.string().min(4) });

    expect(errorsOf(schema, { code: 'ab' })).toEqual([error('code', 'validation.tooShort', { min: 4 })]);
  });

  it('reports each field and message once', () => {
    const schema = z.strictObject({ code: z.string().min(4).regex(/x/).regex(/y/) });

    expect(errorsOf(schema, { code: 'ab' })).toEqual([
      error('code', 'validation.tooShort', { min: 4 }),
      error('code', 'validation.invalid'),
    ]);
  });
});

describe('checkGoalIndexes', () => {
  const progress = (goals: number[]) => ({
    progress: goals.map((goal) => ({ goal, status: 'on-track' as const, notes: 'x' })),
  });

  it('accepts every goal exactly once, in any order', () => {
    expect(checkGoalIndexes(progress([2, 0, 1]), 3)).toEqual([]);
  });

  it('names a goal that is not in the plan', () => {
    expect(checkGoalIndexes(progress([0, 1, 2, 3]), 3)).toEqual([
      error('progress.3.goal', 'validation.goalUnknown'),
    ]);
  });

  it('names a goal that appears twice', () => {
    expect(checkGoalIndexes(progress([0, 1, 0, 2]), 3)).toEqual([
      error('progress.2.goal', 'validation.goalDuplicate'),
    ]);
  });

  it('names every goal that is missing, counting from one for people', () => {
    expect(checkGoalIndexes(progress([1]), 3, 'en')).toEqual([
      { path: 'progress', message: 'Goal 1 is missing; fill in something for every goal.' },
      error('progress', 'validation.goalMissing', { number: 3 }, 'en'),
    ]);
  });

  it('checks the results of an evaluation the same way', () => {
    const body = { results: [{ goal: 5, outcome: 'achieved' as const, notes: 'x' }] };

    expect(checkGoalIndexes(body, 1)).toEqual([
      error('results.0.goal', 'validation.goalUnknown'),
      error('results', 'validation.goalMissing', { number: 1 }),
    ]);
  });
});

describe('evidence fields (extensions of the contract)', () => {
  const planGoal = (validBodies.plan as { goals: object[] }).goals[0];
  const entry = (overrides: Record<string, unknown> = {}) => ({
    goal: 0,
    kind: 'course',
    description: 'Cursus timemanagement.',
    status: 'offered',
    ...overrides,
  });

  it('defaults the support ledger of a plan and a follow-up to empty, and keeps a valid one', () => {
    const plan = parseBody(actionBodies.plan, validBodies.plan, 'nl');
    const followUp = parseBody(
      actionBodies['follow-up'],
      { ...(validBodies['follow-up'] as object), supportLedger: [entry({ status: 'given', hours: 2.5 })] },
      'nl',
    );

    expect(plan.ok && plan.value.supportLedger).toEqual([]);
    expect(followUp.ok && followUp.value.supportLedger).toEqual([entry({ status: 'given', hours: 2.5 })]);
  });

  it.each<[string, unknown, FieldError[]]>([
    [
      'a kind and a status it does not know',
      [entry({ kind: 'holiday', status: 'planned' })],
      [
        error('supportLedger.0.kind', 'validation.choice', {
          options: 'course, coaching, mentor, time, other',
        }),
        error('supportLedger.0.status', 'validation.choice', { options: 'offered, given' }),
      ],
    ],
    [
      'negative hours and more than a thousand',
      [entry({ hours: -1 }), entry({ hours: 1000.5 })],
      [
        error('supportLedger.0.hours', 'validation.numberMin', { min: 0 }),
        error('supportLedger.1.hours', 'validation.numberMax', { max: 1000 }),
      ],
    ],
    [
      'an empty or overlong description and an unknown field',
      [entry({ description: '  ' }), entry({ description: 'x'.repeat(2001), cost: 100 })],
      [
        error('supportLedger.0.description', 'validation.required'),
        error('supportLedger.1.description', 'validation.tooLong', { max: 2000 }),
        error('supportLedger.1.cost', 'validation.unknownField'),
      ],
    ],
    [
      'more entries than a dossier needs',
      Array.from({ length: 21 }, () => entry()),
      [error('supportLedger', 'validation.listMax', { max: 20 })],
    ],
    [
      'a goal number the plan does not have',
      [entry(), entry({ goal: 1 })],
      [error('supportLedger.1.goal', 'validation.goalUnknown')],
    ],
  ])('plan: rejects %s', (_, supportLedger, expected) => {
    expect(errorsOf(actionBodies.plan, { goals: [planGoal], supportLedger })).toEqual(expected);
  });

  it('accepts a plan whose ledger names each of its goals, hours at the bounds', () => {
    const body = {
      goals: [planGoal, planGoal],
      supportLedger: [entry({ hours: 0 }), entry({ goal: 1, kind: 'mentor', hours: 1000 })],
    };

    expect(parseBody(actionBodies.plan, body, 'nl').ok).toBe(true);
  });

  it('checks a follow-up’s ledger against the plan’s goals, in English too', () => {
    expect(checkSupportGoals({ supportLedger: [entry(), entry({ goal: 1 })] as never }, 2)).toEqual([]);
    expect(checkSupportGoals({ supportLedger: [entry({ goal: 3 })] as never }, 2, 'en')).toEqual([
      { path: 'supportLedger.0.goal', message: 'This goal is not in the improvement plan.' },
    ]);
  });

  it('takes agreement as the employee’s own, optional choice, apart from receipt', () => {
    const acknowledgement = actionBodies['plan-acknowledgement'];

    for (const agreement of ['agree', 'partly', 'disagree']) {
      expect(parseBody(acknowledgement, { acknowledged: true, agreement }, 'nl').ok).toBe(true);
    }
    expect(parseBody(acknowledgement, { acknowledged: true }, 'nl').ok).toBe(true);
    expect(errorsOf(acknowledgement, { acknowledged: true, agreement: 'maybe' })).toEqual([
      error('agreement', 'validation.choice', { options: 'agree, partly, disagree' }),
    ]);
    expect(errorsOf(acknowledgement, { agreement: 'agree' }, 'en')).toEqual([
      error('acknowledged', 'validation.acknowledge', undefined, 'en'),
    ]);
  });

  it('validates the shape of redeployment whenever it is given', () => {
    const confirmation = actionBodies['decision-confirmation'];
    const ok = {
      decision: 'approve',
      redeployment: { considered: false, outcome: 'Niet onderzocht: geen vacatures.' },
    };

    expect(parseBody(confirmation, ok, 'nl')).toEqual({ ok: true, value: ok });
    expect(
      errorsOf(confirmation, { decision: 'approve', redeployment: { considered: 'yes', outcome: '' } }),
    ).toEqual([
      error('redeployment.considered', 'validation.invalid'),
      error('redeployment.outcome', 'validation.required'),
    ]);
    expect(
      errorsOf(confirmation, { decision: 'approve', redeployment: { outcome: 'x', where: 'y' } }),
    ).toEqual([
      error('redeployment.considered', 'validation.required'),
      error('redeployment.where', 'validation.unknownField'),
    ]);
    // A request to revise still needs its comments.
    expect(errorsOf(confirmation, { decision: 'revise' })).toEqual([
      error('comments', 'validation.revisionComments'),
    ]);
  });

  it.each<[string, 'approve' | 'revise', 'successful' | 'extend' | 'unsuccessful' | undefined, boolean]>([
    ['approving an unsuccessful evaluation', 'approve', 'unsuccessful', true],
    ['revising an unsuccessful evaluation', 'revise', 'unsuccessful', false],
    ['approving a successful evaluation', 'approve', 'successful', false],
    ['approving an extension', 'approve', 'extend', false],
    ['an evaluation it cannot find', 'approve', undefined, false],
  ])('requires redeployment only when %s', (_, decision, evaluation, required) => {
    expect(checkRedeployment({ decision }, evaluation, 'en')).toEqual(
      required ? [error('redeployment', 'validation.redeploymentRequired', undefined, 'en')] : [],
    );
    expect(
      checkRedeployment({ decision, redeployment: { considered: true, outcome: 'x' } }, evaluation),
    ).toEqual([]);
  });
});
