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
});
