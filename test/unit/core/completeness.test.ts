import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  assessCompleteness,
  CRITERION_IDS,
  type CompletenessOptions,
  type CriterionId,
  type CriterionResult,
} from '#core/completeness.ts';
import type { Dossier, TaskKind } from '#core/model.ts';
import { addDays } from '#core/schedule.ts';
import { DossierBuilder, GOALS, PLAN_LEDGER, RESPONSES } from '../../support/dossier-builder.ts';

function criterion(dossier: Dossier, id: CriterionId, options?: CompletenessOptions): CriterionResult {
  const found = assessCompleteness(dossier, options).criteria.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no criterion ${id}`);
  return found;
}

/** A dossier that lost the tasks of `kinds` (an incomplete or imported record). */
function without(dossier: Dossier, ...kinds: TaskKind[]): Dossier {
  return { ...dossier, tasks: dossier.tasks.filter((task) => !kinds.includes(task.kind)) };
}

const UNSUCCESSFUL = {
  ...RESPONSES.evaluation,
  summary: 'Geen van de doelen gehaald.',
  results: [
    { goal: 0, outcome: 'not-achieved', notes: '4 van 12 weken op tijd.' },
    { goal: 1, outcome: 'partially', notes: '70% binnen een werkdag.' },
  ],
  decision: 'unsuccessful',
};
const REDEPLOYED = {
  decision: 'approve',
  comments: 'Akkoord.',
  redeployment: { considered: true, outcome: 'Geen passende vacature binnen de organisatie.' },
};

describe('assessCompleteness on a whole trajectory', () => {
  it('passes every criterion of a complete, successful dossier', () => {
    // Prepare
    const dossier = new DossierBuilder().successful().build();

    // Act
    const completeness = assessCompleteness(dossier);

    // Assess
    expect(completeness.status).toBe('pass');
    expect(completeness.criteria.map((c) => c.id)).toEqual([...CRITERION_IDS]);
    for (const result of completeness.criteria) {
      expect({ id: result.id, status: result.status, todo: result.todo }).toEqual({
        id: result.id,
        status: 'pass',
        todo: null,
      });
      expect(result.reason).not.toBe('');
    }
  });

  it('has nothing due at the start: every criterion pending, nothing failing', () => {
    const completeness = assessCompleteness(new DossierBuilder().build());

    expect(completeness.status).toBe('pass');
    expect(completeness.criteria.every((c) => c.status === 'pending')).toBe(true);
  });

  it('takes the worst status of the criteria that are due as the overall status', () => {
    // Prepare: the employee never responded (warning), a summary mail got lost (fail)
    const warning = new DossierBuilder().identify().conversation().employeeResponse('lapse').build();
    const failing = new DossierBuilder().loseMails('follow-up-summary').throughPlan().followUp(1).build();

    // Act + Assess
    expect(assessCompleteness(warning).status).toBe('warning');
    expect(assessCompleteness(failing).status).toBe('fail');
  });

  it('writes reasons and to-dos in the trajectory’s language, or the one asked for', () => {
    const english = new DossierBuilder({ locale: 'en' })
      .throughPlan()
      .followUps({ skip: [2] })
      .build();
    const dutch = new DossierBuilder()
      .throughPlan()
      .followUps({ skip: [2] })
      .build();

    expect(criterion(english, 'follow-up-cadence').reason).toMatch(/^Too long without a follow-up/);
    expect(criterion(dutch, 'follow-up-cadence').reason).toMatch(/^Te lang zonder voortgangsgesprek/);
    expect(criterion(dutch, 'follow-up-cadence', { locale: 'en' }).todo).toMatch(
      /^Hold the missed follow-up/,
    );
  });

  it('judges what a cancelled trajectory reached and leaves the rest pending, saying why', () => {
    // Prepare: cancelled during the term, after one follow-up
    const dossier = new DossierBuilder().throughPlan().followUp(1).cancel().build();

    // Act
    const completeness = assessCompleteness(dossier);

    // Assess
    const status = Object.fromEntries(completeness.criteria.map((c) => [c.id, c.status]));
    expect(status).toMatchObject({
      'improvement-areas': 'pass',
      'smart-goals': 'pass',
      'plan-acknowledged': 'pass',
      'follow-up-summaries': 'pass',
      'evaluation-per-goal': 'pending',
      'hr-confirmed-decision': 'pending',
      redeployment: 'pending',
      'outcome-informed': 'pending',
      aftercare: 'pending',
    });
    expect(criterion(dossier, 'aftercare').reason).toContain('geannuleerd');
    expect(completeness.status).toBe('pass');
  });
});

describe('improvement-areas', () => {
  it('passes when every area has a concrete example', () => {
    const result = criterion(new DossierBuilder().identify().build(), 'improvement-areas');

    expect(result).toMatchObject({ status: 'pass', todo: null });
    expect(result.reason).toContain('2');
  });

  it('fails, naming the area, when an area has no concrete example', () => {
    const dossier = new DossierBuilder()
      .identify({ improvementAreas: [{ title: 'Houding', examples: ['  '] }] })
      .build();

    const result = criterion(dossier, 'improvement-areas');

    expect(result.status).toBe('fail');
    expect(result.reason).toContain('Houding');
    expect(result.todo).toContain('voorbeelden');
  });

  it('fails when the trajectory moved on without any improvement area', () => {
    const dossier = without(new DossierBuilder().identify().conversation().build(), 'identify');
    dossier.trajectory.improvementAreas = [];

    expect(criterion(dossier, 'improvement-areas').status).toBe('fail');
  });
});

describe('conversation', () => {
  it('passes when the conversation was held and the employee responded', () => {
    const result = criterion(
      new DossierBuilder().identify().conversation().employeeResponse().build(),
      'conversation',
    );

    expect(result.status).toBe('pass');
    expect(result.reason).toContain('5 maart 2026');
  });

  it('warns, not fails, when the employee was invited but let the deadline pass', () => {
    const result = criterion(
      new DossierBuilder().identify().conversation().employeeResponse('lapse').build(),
      'conversation',
    );

    expect(result.status).toBe('warning');
    expect(result.todo).not.toBeNull();
  });

  it('is pending while the invitation to respond is open', () => {
    const builder = new DossierBuilder().identify().conversation();
    builder.open('employee-response');

    expect(criterion(builder.build(), 'conversation').status).toBe('pending');
  });

  it('fails when the plan is made without a recorded conversation', () => {
    const dossier = without(new DossierBuilder().throughPlan().build(), 'conversation', 'employee-response');

    const result = criterion(dossier, 'conversation');

    expect(result.status).toBe('fail');
    expect(result.todo).toContain('Voer het gesprek');
  });

  it('fails when the employee was never invited to respond', () => {
    const dossier = without(new DossierBuilder().throughPlan().build(), 'employee-response');

    expect(criterion(dossier, 'conversation')).toMatchObject({ status: 'fail' });
    expect(criterion(dossier, 'conversation').reason).toContain('niet uitgenodigd');
  });
});

describe('smart-goals', () => {
  it('passes when every goal has a measure, a target, a deadline and support', () => {
    expect(criterion(new DossierBuilder().throughPlan().build(), 'smart-goals').status).toBe('pass');
  });

  it('fails, naming the goal and what it lacks', () => {
    const goals = [GOALS[0], { ...GOALS[1], measure: '', deadline: 'binnenkort' }];
    const dossier = new DossierBuilder().identify().conversation().employeeResponse().plan({ goals }).build();

    const result = criterion(dossier, 'smart-goals');

    expect(result.status).toBe('fail');
    expect(result.reason).toBe('Niet SMART: doel 2 (ontbreekt: meetmethode, deadline).');
  });

  it('counts support offered in the ledger when the goal’s own support text is empty', () => {
    const goals = [{ ...GOALS[0], support: '' }, GOALS[1]];
    const withLedger = new DossierBuilder()
      .identify()
      .conversation()
      .employeeResponse()
      .plan({ goals, supportLedger: PLAN_LEDGER })
      .build();
    const withoutLedger = new DossierBuilder()
      .identify()
      .conversation()
      .employeeResponse()
      .plan({ goals, supportLedger: [] })
      .build();

    expect(criterion(withLedger, 'smart-goals').status).toBe('pass');
    expect(criterion(withoutLedger, 'smart-goals').status).toBe('fail');
  });

  it('warns when a deadline falls after the end of the term', () => {
    const goals = [GOALS[0], { ...GOALS[1], deadline: '2026-12-31' }];
    const dossier = new DossierBuilder()
      .identify()
      .conversation()
      .employeeResponse()
      .plan({ goals })
      .planApproval()
      .acknowledge()
      .build();

    const result = criterion(dossier, 'smart-goals');

    expect(result.status).toBe('warning');
    expect(result.reason).toContain('doel 2');
  });
});

describe('support', () => {
  it('passes with support offered per goal, and counts what was given', () => {
    const result = criterion(new DossierBuilder().successful().build(), 'support');

    expect(result.status).toBe('pass');
    expect(result.reason).toContain('5 keer, 5 uur');
  });

  it('fails when a goal has no support offered at all', () => {
    const goals = [GOALS[0], { ...GOALS[1], support: '' }];
    const dossier = new DossierBuilder()
      .identify()
      .conversation()
      .employeeResponse()
      .plan({ goals, supportLedger: [PLAN_LEDGER[0]] })
      .build();

    const result = criterion(dossier, 'support');

    expect(result.status).toBe('fail');
    expect(result.reason).toContain('doel 2');
    expect(result.todo).toContain('coaching');
  });

  it('warns when by the evaluation no support was recorded as given', () => {
    const dossier = new DossierBuilder()
      .throughPlan()
      .followUps({ noSupportGiven: true })
      .evaluation()
      .build();

    const result = criterion(dossier, 'support');

    expect(result.status).toBe('warning');
    expect(result.todo).not.toBeNull();
  });

  it('does not warn about support not given before the evaluation', () => {
    const dossier = new DossierBuilder().throughPlan().followUp(1, undefined, false).build();

    expect(criterion(dossier, 'support').status).toBe('pass');
  });
});

describe('hr-approved-plan', () => {
  it('passes once HR approved the plan', () => {
    const result = criterion(new DossierBuilder().throughPlan().build(), 'hr-approved-plan');

    expect(result.status).toBe('pass');
  });

  it('is pending while HR looks at the plan, and after HR asked for a revision', () => {
    const waiting = new DossierBuilder().identify().conversation().employeeResponse().plan();
    waiting.open('plan-approval');
    const revised = new DossierBuilder()
      .identify()
      .conversation()
      .employeeResponse()
      .plan()
      .planApproval({ decision: 'revise', comments: 'Doel 2 meetbaar maken.' });

    expect(criterion(waiting.build(), 'hr-approved-plan')).toMatchObject({ status: 'pending' });
    expect(criterion(revised.build(), 'hr-approved-plan').reason).toContain('aangepast plan');
  });

  it('fails when the term runs without HR’s approval', () => {
    const dossier = without(new DossierBuilder().throughPlan().build(), 'plan-approval');

    expect(criterion(dossier, 'hr-approved-plan').status).toBe('fail');
  });
});

describe('plan-acknowledged', () => {
  it('passes on receipt, and records disagreement without failing', () => {
    const dossier = new DossierBuilder()
      .identify()
      .conversation()
      .employeeResponse()
      .plan()
      .planApproval()
      .acknowledge({ acknowledged: true, comments: 'Ik vind de norm te hoog.', agreement: 'disagree' })
      .build();

    const result = criterion(dossier, 'plan-acknowledged');

    expect(result.status).toBe('pass');
    expect(result.reason).toContain('niet eens');
  });

  it('warns when the employee let the deadline pass, noting the plan was mailed', () => {
    const dossier = new DossierBuilder()
      .identify()
      .conversation()
      .employeeResponse()
      .plan()
      .planApproval()
      .acknowledge('lapse')
      .build();

    const result = criterion(dossier, 'plan-acknowledged');

    expect(result.status).toBe('warning');
    expect(result.reason).toContain('per mail');
    expect(result.todo).toContain('persoonlijk');
  });

  it('is pending while the acknowledgement is open, and fails when the term runs without one', () => {
    const waiting = new DossierBuilder().identify().conversation().employeeResponse().plan().planApproval();
    waiting.open('plan-acknowledgement');
    const missing = without(new DossierBuilder().throughPlan().followUp(1).build(), 'plan-acknowledgement');

    expect(criterion(waiting.build(), 'plan-acknowledged').status).toBe('pending');
    expect(criterion(missing, 'plan-acknowledged').status).toBe('fail');
  });
});

describe('term-length', () => {
  it('passes a term of the minimum length and is pending before the term starts', () => {
    expect(criterion(new DossierBuilder().throughPlan().build(), 'term-length').status).toBe('pass');
    expect(criterion(new DossierBuilder().identify().build(), 'term-length').status).toBe('pending');
  });

  it('warns about a short term while it can still be extended', () => {
    const dossier = new DossierBuilder({ schedule: { termWeeks: 8 } }).throughPlan().build();

    const result = criterion(dossier, 'term-length');

    expect(result.status).toBe('warning');
    expect(result.reason).toContain('8 weken');
    expect(result.todo).toContain('12 weken');
  });

  it('counts an extension towards the length', () => {
    const dossier = new DossierBuilder({ schedule: { termWeeks: 8 } })
      .throughPlan()
      .followUps()
      .evaluation({ ...RESPONSES.evaluation, decision: 'extend', extendWeeks: 4 })
      .decisionConfirmation()
      .build();

    const result = criterion(dossier, 'term-length');

    expect(result.status).toBe('pass');
    expect(result.reason).toContain('12 weken');
  });

  it('fails an unsuccessful end after too short a term', () => {
    const dossier = new DossierBuilder({ schedule: { termWeeks: 8 } })
      .throughPlan()
      .followUps()
      .evaluation(UNSUCCESSFUL)
      .decisionConfirmation(REDEPLOYED)
      .build();

    expect(criterion(dossier, 'term-length').status).toBe('fail');
  });

  it('takes the minimum from the options', () => {
    const dossier = new DossierBuilder().throughPlan().build();

    expect(criterion(dossier, 'term-length', { minTermWeeks: 16 }).status).toBe('warning');
  });
});

describe('follow-up-cadence', () => {
  it('passes when every follow-up was held on the agreed cadence', () => {
    const result = criterion(new DossierBuilder().successful().build(), 'follow-up-cadence');

    expect(result.status).toBe('pass');
    expect(result.reason).toContain('toegestaan: 21');
  });

  it('fails on a skipped follow-up, naming the gap in days', () => {
    // Prepare: meeting 2 was let pass and only held together with meeting 3
    const builder = new DossierBuilder().throughPlan().followUps({ skip: [2] });
    const [first, , third] = builder.trajectory.meetings;

    // Act
    const result = criterion(builder.build(), 'follow-up-cadence');

    // Assess
    expect(result.status).toBe('fail');
    // 29 days: the third meeting is on Tuesday 28 April 2026, as 27 April is King's Day.
    expect(result.reason).toBe(
      'Te lang zonder voortgangsgesprek (afgesproken: elke 14 dagen, toegestaan: 21): ' +
        `29 dagen van ${dutchDate(first!.plannedOn)} tot ${dutchDate(third!.plannedOn)}.`,
    );
    expect(result.todo).toContain('gemiste voortgangsgesprek');
  });

  it('fails while a follow-up is overdue, counting the days since the last one', () => {
    const builder = new DossierBuilder().throughPlan().followUp(1);
    const heldOn = builder.trajectory.meetings[0]!.heldOn!;

    const early = criterion(builder.build(), 'follow-up-cadence', {
      now: `${addDays(heldOn, 20)}T12:00:00Z`,
    });
    const late = criterion(builder.build(), 'follow-up-cadence', { now: `${addDays(heldOn, 25)}T12:00:00Z` });

    expect(early.status).toBe('pass');
    expect(late.status).toBe('fail');
    expect(late.reason).toContain(`25 dagen sinds ${dutchDate(heldOn)}`);
  });

  it('does not count the evaluation between two terms as a gap', () => {
    const dossier = new DossierBuilder()
      .throughPlan()
      .followUps()
      .evaluation({ ...RESPONSES.evaluation, decision: 'extend', extendWeeks: 6 })
      .advance(20)
      .decisionConfirmation()
      .followUps()
      .evaluation()
      .build();

    expect(criterion(dossier, 'follow-up-cadence').status).toBe('pass');
  });

  it('leaves out the days the trajectory was paused for illness', () => {
    const builder = new DossierBuilder().throughPlan().followUps({ lateDays: { 2: 10 } });
    const plain = builder.build();
    const second = builder.trajectory.meetings[1]!;
    const paused = builder.build();
    paused.events.push({
      id: `resumed@${second.plannedOn}T08:00:00.000Z`,
      trajectoryId: paused.trajectory.id,
      at: `${addDays(second.plannedOn, 7)}T08:00:00.000Z`,
      type: 'resumed',
      actor: { role: 'hr' },
      data: { pausedAt: `${second.plannedOn}T08:00:00.000Z`, pausedDays: 7 },
    });

    expect(criterion(plain, 'follow-up-cadence').status).toBe('fail');
    expect(criterion(paused, 'follow-up-cadence').status).toBe('pass');
  });

  it('is pending before the term starts', () => {
    expect(criterion(new DossierBuilder().identify().build(), 'follow-up-cadence').status).toBe('pending');
  });
});

describe('follow-up-summaries', () => {
  it('passes when the employee got a summary after each follow-up', () => {
    const result = criterion(
      new DossierBuilder().throughPlan().followUp(1).followUp(2).build(),
      'follow-up-summaries',
    );

    expect(result.status).toBe('pass');
  });

  it('fails, naming the meeting, when a summary mail is not on record', () => {
    const builder = new DossierBuilder().throughPlan().followUp(1).loseMails('follow-up-summary').followUp(2);

    const result = criterion(builder.build(), 'follow-up-summaries');

    expect(result.status).toBe('fail');
    expect(result.reason).toBe('Geen verslag aan de medewerker na gesprek 2.');
  });

  it('is pending until the first follow-up is held', () => {
    expect(criterion(new DossierBuilder().throughPlan().build(), 'follow-up-summaries').status).toBe(
      'pending',
    );
  });
});

describe('evaluation-per-goal', () => {
  it('passes when each goal has a result', () => {
    const dossier = new DossierBuilder().throughPlan().followUps().evaluation().build();

    expect(criterion(dossier, 'evaluation-per-goal').status).toBe('pass');
  });

  it('fails, naming the goal, when a goal has no result', () => {
    const dossier = new DossierBuilder()
      .throughPlan()
      .followUps()
      .evaluation({ ...RESPONSES.evaluation, results: [RESPONSES.evaluation.results[0]] })
      .build();

    const result = criterion(dossier, 'evaluation-per-goal');

    expect(result.status).toBe('fail');
    expect(result.reason).toContain('doel 2');
  });

  it('is pending during the term', () => {
    expect(criterion(new DossierBuilder().throughPlan().build(), 'evaluation-per-goal').status).toBe(
      'pending',
    );
  });
});

describe('hr-confirmed-decision', () => {
  it('passes once HR confirmed the decision', () => {
    const dossier = new DossierBuilder()
      .throughPlan()
      .followUps()
      .evaluation()
      .decisionConfirmation()
      .build();

    const result = criterion(dossier, 'hr-confirmed-decision');

    expect(result.status).toBe('pass');
    expect(result.reason).toContain('geslaagd');
  });

  it('is pending while HR has not confirmed, or asked for a revised evaluation', () => {
    const waiting = new DossierBuilder().throughPlan().followUps().evaluation();
    waiting.open('decision-confirmation');
    const revised = new DossierBuilder()
      .throughPlan()
      .followUps()
      .evaluation()
      .decisionConfirmation({ decision: 'revise', comments: 'Onderbouw doel 2.' });

    expect(criterion(waiting.build(), 'hr-confirmed-decision').status).toBe('pending');
    expect(criterion(revised.build(), 'hr-confirmed-decision')).toMatchObject({ status: 'pending' });
    expect(criterion(revised.build(), 'hr-confirmed-decision').reason).toContain('herziene evaluatie');
  });

  it('fails when the trajectory closed without HR confirming', () => {
    const dossier = without(new DossierBuilder().successful().build(), 'decision-confirmation');

    expect(criterion(dossier, 'hr-confirmed-decision').status).toBe('fail');
  });
});

describe('redeployment', () => {
  const unsuccessful = (confirmation: unknown) =>
    new DossierBuilder()
      .throughPlan()
      .followUps()
      .evaluation(UNSUCCESSFUL)
      .decisionConfirmation(confirmation)
      .aftercare()
      .close()
      .build();

  it('passes an unsuccessful trajectory that considered redeployment, quoting the outcome', () => {
    const dossier = unsuccessful(REDEPLOYED);

    expect(dossier.trajectory.status).toBe('ended');
    const result = criterion(dossier, 'redeployment');
    expect(result.status).toBe('pass');
    expect(result.reason).toContain('Geen passende vacature');
  });

  it('fails an unsuccessful trajectory that did not consider it, or does not say', () => {
    const notConsidered = unsuccessful({
      ...REDEPLOYED,
      redeployment: { considered: false, outcome: 'Nee.' },
    });
    const silent = unsuccessful({ decision: 'approve' });

    expect(criterion(notConsidered, 'redeployment')).toMatchObject({
      status: 'fail',
      todo: expect.any(String),
    });
    expect(criterion(silent, 'redeployment').status).toBe('fail');
    expect(criterion(silent, 'redeployment').reason).toContain('nergens');
  });

  it('is pending, with advice, while an unsuccessful evaluation waits for HR', () => {
    const builder = new DossierBuilder().throughPlan().followUps().evaluation(UNSUCCESSFUL);
    builder.open('decision-confirmation');

    const result = criterion(builder.build(), 'redeployment');

    expect(result.status).toBe('pending');
    expect(result.todo).toContain('herplaatsing');
  });

  it('does not apply to a successful trajectory', () => {
    const result = criterion(new DossierBuilder().successful().build(), 'redeployment');

    expect(result.status).toBe('pass');
    expect(result.reason).toContain('Niet van toepassing');
  });
});

describe('outcome-informed', () => {
  it('passes when the outcome mail went to the employee', () => {
    const dossier = new DossierBuilder()
      .throughPlan()
      .followUps()
      .evaluation()
      .decisionConfirmation()
      .build();

    expect(criterion(dossier, 'outcome-informed').status).toBe('pass');
  });

  it('fails when no outcome mail is on record', () => {
    const dossier = new DossierBuilder()
      .loseMails('outcome')
      .throughPlan()
      .followUps()
      .evaluation()
      .decisionConfirmation()
      .build();

    const result = criterion(dossier, 'outcome-informed');

    expect(result.status).toBe('fail');
    expect(result.reason).toContain('geslaagd');
  });

  it('is pending before a decision is confirmed', () => {
    const dossier = new DossierBuilder().throughPlan().followUps().evaluation().build();

    expect(criterion(dossier, 'outcome-informed').status).toBe('pending');
  });
});

describe('aftercare', () => {
  it('passes once the aftercare was recorded', () => {
    expect(criterion(new DossierBuilder().successful().build(), 'aftercare').status).toBe('pass');
  });

  it('is pending until its date, and warns once its report is late', () => {
    const builder = new DossierBuilder().throughPlan().followUps().evaluation().decisionConfirmation();
    const planned = criterion(builder.build(), 'aftercare');
    builder.advance(28);
    const task = builder.open('aftercare');

    const late = criterion(builder.build(), 'aftercare', {
      now: new Date(Date.parse(task.dueAt) + 86_400_000).toISOString(),
    });

    expect(planned.status).toBe('pending');
    expect(late.status).toBe('warning');
    expect(late.todo).not.toBeNull();
  });

  it('fails a successful trajectory that closed without aftercare', () => {
    const dossier = without(new DossierBuilder().successful().build(), 'aftercare');

    expect(criterion(dossier, 'aftercare').status).toBe('fail');
  });

  it('is not required after an unsuccessful outcome', () => {
    const builder = new DossierBuilder()
      .throughPlan()
      .followUps()
      .evaluation(UNSUCCESSFUL)
      .decisionConfirmation(REDEPLOYED);

    expect(criterion(builder.build(), 'aftercare')).toMatchObject({ status: 'pass', todo: null });
  });
});

/** How the Dutch reasons write a calendar date. */
function dutchDate(date: string): string {
  return new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', dateStyle: 'long' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

describe('assessCompleteness on any dossier the builder can make', () => {
  /** A random walk through the workflow, stopping anywhere. */
  const story = fc.record({
    steps: fc.integer({ min: 0, max: 12 }),
    termWeeks: fc.integer({ min: 3, max: 16 }),
    followUpEveryDays: fc.integer({ min: 5, max: 20 }),
    respond: fc.boolean(),
    acknowledge: fc.boolean(),
    revisePlan: fc.boolean(),
    skip: fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 2 }),
    decision: fc.constantFrom('successful', 'extend', 'unsuccessful'),
    lost: fc.subarray(['follow-up-summary', 'outcome', 'task-request'] as const),
    cancel: fc.boolean(),
    locale: fc.constantFrom('nl' as const, 'en' as const),
  });

  it('never throws and judges each criterion exactly once, the overall status the worst of them', () => {
    fc.assert(
      fc.property(story, (s) => {
        if (s.followUpEveryDays + 2 >= s.termWeeks * 7) return;
        const b = new DossierBuilder({
          locale: s.locale,
          schedule: { termWeeks: s.termWeeks, followUpEveryDays: s.followUpEveryDays },
        }).loseMails(...s.lost);
        const steps: (() => unknown)[] = [
          () => b.identify(),
          () => b.conversation(),
          () => b.employeeResponse(s.respond ? 'respond' : 'lapse'),
          () => b.plan(),
          () =>
            s.revisePlan
              ? b.planApproval({ decision: 'revise', comments: 'Scherper.' }).plan().planApproval()
              : b.planApproval(),
          () => b.acknowledge(s.acknowledge ? RESPONSES['plan-acknowledgement'] : 'lapse'),
          () => b.followUps({ skip: s.skip }),
          () =>
            b.evaluation(
              s.decision === 'extend'
                ? { ...RESPONSES.evaluation, decision: 'extend', extendWeeks: 4 }
                : s.decision === 'unsuccessful'
                  ? UNSUCCESSFUL
                  : RESPONSES.evaluation,
            ),
          () => b.decisionConfirmation(s.decision === 'unsuccessful' ? REDEPLOYED : undefined),
          () => (s.decision === 'extend' ? b.followUps().evaluation().decisionConfirmation() : b),
          () => b.aftercare(),
          () => b.close(),
        ];
        for (const step of steps.slice(0, s.steps)) step();
        if (s.cancel && b.trajectory.status === 'active') b.cancel();

        const completeness = assessCompleteness(b.build());

        expect(completeness.criteria.map((c) => c.id)).toEqual([...CRITERION_IDS]);
        const due = completeness.criteria.filter((c) => c.status !== 'pending').map((c) => c.status);
        const worst = due.includes('fail') ? 'fail' : due.includes('warning') ? 'warning' : 'pass';
        expect(completeness.status).toBe(worst);
        for (const c of completeness.criteria) {
          expect(c.reason.trim()).not.toBe('');
          expect(c.reason).not.toMatch(/\{\w+\}|completeness\./);
          if (c.status === 'fail') expect(c.todo).not.toBeNull();
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('employee-heard', () => {
  it('passes when the employee was offered a reaction to every report, counting those given', () => {
    // Prepare: reacts to the first report and the evaluation, lets the others pass.
    const builder = new DossierBuilder().throughPlan().followUp(1).react('follow-up-1');
    builder.followUps().evaluation().decisionConfirmation();
    builder.react(builder.latest('evaluation').id);

    // Act
    const result = criterion(builder.build(), 'employee-heard');

    // Assess: five follow-ups and the evaluation offered, two taken up.
    expect(result).toMatchObject({ status: 'pass', todo: null });
    expect(result.reason).toBe(
      'Bij elk verslag (6) kon de medewerker een eigen reactie geven; dat deed de medewerker 2 keer.',
    );
  });

  it('does not count a reaction the employee chose not to give against the dossier', () => {
    const builder = new DossierBuilder().throughPlan().followUp(1).react('follow-up-1', 'lapse');

    expect(criterion(builder.build(), 'employee-heard').status).toBe('pass');
  });

  it('fails, naming the report, when a report never offered the employee a reaction', () => {
    // Prepare: the reactions to follow-up 2 and the evaluation are missing from the record.
    const dossier = new DossierBuilder()
      .throughPlan()
      .followUps()
      .evaluation()
      .decisionConfirmation()
      .build();
    const lost = new Set(['follow-up-2', 'evaluation-1']);
    const incomplete = { ...dossier, tasks: dossier.tasks.filter((task) => !lost.has(task.about ?? '')) };

    // Act
    const result = criterion(incomplete, 'employee-heard');

    // Assess
    expect(result.status).toBe('fail');
    expect(result.reason).toMatch(
      /^De medewerker kon niet reageren op gesprek 2, de evaluatie van \d+ \w+ 2026\.$/,
    );
    expect(result.todo).toContain('vraag om een eigen reactie');
    expect(assessCompleteness(incomplete).status).toBe('fail');
  });

  it('is pending until the first report, and asks nothing of an evaluation HR has not confirmed', () => {
    const beforeReports = new DossierBuilder().throughPlan().build();
    const unconfirmed = new DossierBuilder().throughPlan().followUps().evaluation().build();

    expect(criterion(beforeReports, 'employee-heard').status).toBe('pending');
    expect(criterion(unconfirmed, 'employee-heard').reason).toContain('Bij elk verslag (5)');
  });

  it('fails when a decided trajectory had no report to react to at all', () => {
    const dossier = without(new DossierBuilder().successful().build(), 'follow-up', 'evaluation');

    expect(criterion(dossier, 'employee-heard')).toMatchObject({
      status: 'fail',
      reason: 'Het traject is afgesloten zonder een verslag waarop de medewerker kon reageren.',
    });
  });
});

describe('a fair start', () => {
  it('fails a plan without a consequence statement (a dossier from before it existed), passes an approved one', () => {
    // Prepare
    const approved = new DossierBuilder().throughPlan().build();
    const older = new DossierBuilder().throughPlan().build();
    delete older.trajectory.consequenceStatement;

    // Assess
    expect(criterion(approved, 'consequence-statement').status).toBe('pass');
    expect(criterion(older, 'consequence-statement')).toMatchObject({
      status: 'fail',
      todo: expect.stringContaining('gevolgen'),
    });
  });

  it('asks for HR’s follow-up of a cause in health: open is pending, closed unanswered fails, answered passes', () => {
    // Prepare: recording a conversation that names health opens HR's task about it.
    const causes = { ...RESPONSES.conversation, causes: [{ cause: 'health', namedBy: 'employee' }] };
    const open = new DossierBuilder().identify().conversation(causes).build();
    const closed = new DossierBuilder().identify().conversation(causes).build();
    const task = closed.tasks.find((candidate) => candidate.kind === 'cause-follow-up')!;
    task.status = 'closed';
    const builder = new DossierBuilder().identify().conversation(causes);
    const answered = builder
      .answer(builder.latest('cause-follow-up'), { action: 'Verwezen naar de bedrijfsarts.' })
      .build();

    // Assess
    expect(open.tasks.find((candidate) => candidate.kind === 'cause-follow-up')?.about).toBe(
      'conversation-1',
    );
    expect(criterion(open, 'causes-followed-up').status).toBe('pending');
    expect(criterion(closed, 'causes-followed-up')).toMatchObject({
      status: 'fail',
      reason: expect.stringContaining('gezondheid'),
    });
    expect(criterion(answered, 'causes-followed-up').status).toBe('pass');
  });
});
