import { describe, expect, it } from 'vitest';
import { comingDates, MAX_COMING_DATES, phaseStepper } from '#web/phase-stepper.ts';
import { DossierBuilder } from '../../support/dossier-builder.ts';

describe('the phase stepper', () => {
  it('marks the phases done and the current one, and lists the coming dates soonest first', () => {
    // Prepare: the plan acknowledged, the first follow-up held, the second one asked for.
    const builder = new DossierBuilder().throughPlan().followUp(1);
    const second = builder.trajectory.meetings[1]!;
    builder.open('follow-up', second.number);
    const dossier = builder.build();
    const now = builder.now;

    // Act
    const page = phaseStepper('nl', dossier, now).toString();
    const dates = comingDates(dossier, now, 'nl');

    // Assess
    expect(page).toMatch(/class="step done"\s+data-phase="plan"/);
    expect(page).toMatch(/class="step current"\s+data-phase="follow-up"\s+aria-current="step"/);
    expect(page).toContain('Voortgang');
    expect(page).toContain('(nu)');
    expect(page).toMatch(/class="step upcoming"\s+data-phase="evaluation"/);
    expect(dates.map((date) => date.label)).toContain(
      'Deadline: Het voortgangsgesprek vastleggen (leidinggevende)',
    );
    expect(dates.map((date) => date.label)).toContain('Voortgangsgesprek 3');
    expect(dates.map((date) => date.label)).not.toContain('Voortgangsgesprek 1');
    expect(dates.map((date) => date.day)).toEqual([...dates.map((date) => date.day)].sort());
    expect(dates.length).toBeLessThanOrEqual(MAX_COMING_DATES);
    expect(page).toContain(dates[0]!.label);
  });

  it('shows the end of the term in English, and no dates once the trajectory is closed', () => {
    // Prepare
    const running = new DossierBuilder({ locale: 'en' }).throughPlan();
    const closed = new DossierBuilder().successful();

    // Act
    const dates = comingDates(running.build(), running.now, 'en');
    const page = phaseStepper('nl', closed.build(), closed.now).toString();

    // Assess
    expect(dates.some((date) => date.label === 'End of term 1')).toBe(true);
    expect(comingDates(closed.build(), closed.now, 'nl')).toEqual([]);
    expect(page).toMatch(/data-phase="closed"\s+aria-current="step"/);
    expect(page).toContain('Er staan geen data meer gepland.');
  });

  it.each([
    ['nl', 'Deadline verstreken', 'Deadline: Het verbeterplan opstellen'],
    ['en', 'Deadline passed', 'Deadline: Draw up the improvement plan'],
  ] as const)('says a deadline passed while its task is still open, in %s', (locale, passed, ahead) => {
    // Prepare: the plan asked for, and its deadline a day behind.
    const builder = new DossierBuilder({ locale }).identify().conversation().employeeResponse();
    const task = builder.open('plan');
    const dossier = builder.build();
    const before = new Date(Date.parse(task.dueAt) - 3_600_000);
    const after = new Date(Date.parse(task.dueAt) + 24 * 3_600_000);

    // Act
    const coming = phaseStepper(locale, dossier, before).toString();
    const late = phaseStepper(locale, dossier, after).toString();

    // Assess: before the deadline its date as what is coming; after it, that it passed.
    expect(coming).toContain(ahead);
    expect(coming).not.toContain(passed);
    const entry = late.split('data-coming')[1]!.split('</li>')[0]!;
    expect(entry).toContain(passed);
    expect(entry).not.toContain(ahead);
    expect(late).toMatch(/<li class="overdue">/);
  });

  it('says nothing is planned for now of a trajectory just started, not that nothing more is', () => {
    // Prepare: started, before the workflow has opened its first task.
    const builder = new DossierBuilder();

    // Act
    const nl = phaseStepper('nl', builder.build(), builder.now).toString();
    const en = phaseStepper('en', builder.build(), builder.now).toString();

    // Assess
    expect(nl).toContain('Er staat op dit moment niets gepland.');
    expect(nl).not.toContain('geen data meer');
    expect(en).toContain('Nothing is planned at the moment.');
  });
});
