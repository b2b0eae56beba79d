import { describe, expect, it } from 'vitest';
import { validateResponse } from '#core/actions.ts';
import type { Dossier, TaskKind } from '#core/model.ts';
import { DossierBuilder, RESPONSES } from '../../support/dossier-builder.ts';

const UNSUCCESSFUL = {
  ...RESPONSES.evaluation,
  results: [
    { goal: 0, outcome: 'not-achieved', notes: 'Vier van twaalf weken op tijd.' },
    { goal: 1, outcome: 'partially', notes: 'Zeventig procent binnen een werkdag.' },
  ],
  decision: 'unsuccessful',
};
const ENDING = {
  decision: 'approve',
  comments: 'Akkoord.',
  redeployment: { considered: true, outcome: 'Geen passende vacature binnen de organisatie.' },
};

/** Validates `body` for `kind` as the action link does, against `dossier` at its last moment. */
function judge(dossier: Dossier, kind: TaskKind, body: unknown, now = new Date()) {
  const { trajectory, tasks } = dossier;
  return validateResponse(kind, body, trajectory.goals, trajectory.locale, tasks, {
    trajectory,
    tasks,
    dossier,
    now,
  });
}

describe('the dossier rules on a decision confirmation', () => {
  const atDecision = (weeks: number) =>
    new DossierBuilder({ schedule: { termWeeks: weeks } }).throughPlan().followUps().evaluation(UNSUCCESSFUL);

  it('lets HR confirm an unsuccessful end the dossier carries, and drops an override it did not need', () => {
    const builder = atDecision(12);
    const dossier = builder.build();
    const at = new Date(builder.trajectory.updatedAt);

    const plain = judge(dossier, 'decision-confirmation', ENDING, at);
    const withOverride = judge(
      dossier,
      'decision-confirmation',
      { ...ENDING, override: { reason: 'Zeker is zeker.' } },
      at,
    );

    expect(plain).toEqual({ ok: true, value: ENDING });
    expect(withOverride).toEqual({ ok: true, value: ENDING });
  });

  it('asks for a written override after too short a term, and keeps it with the rule it sets aside', () => {
    const builder = atDecision(6);
    const dossier = builder.build();
    const at = new Date(builder.trajectory.updatedAt);

    const refused = judge(dossier, 'decision-confirmation', ENDING, at);
    const overridden = judge(
      dossier,
      'decision-confirmation',
      { ...ENDING, override: { reason: 'Op verzoek van de medewerker.' } },
      at,
    );

    expect(refused).toEqual({
      ok: false,
      fieldErrors: [
        {
          path: 'override.reason',
          message:
            'Een ongunstig einde kan het dossier nu niet dragen: de termijn is korter dan 12 weken. Stuur de evaluatie terug, of leg vast waarom je het toch bevestigt.',
        },
      ],
    });
    expect(overridden).toEqual({
      ok: true,
      value: { ...ENDING, override: { reason: 'Op verzoek van de medewerker.', rules: ['term-length'] } },
    });
  });

  it('needs no override to send the evaluation back, however short the term', () => {
    const builder = atDecision(6);
    const revise = { decision: 'revise', comments: 'Verleng de termijn.' };

    expect(
      judge(builder.build(), 'decision-confirmation', revise, new Date(builder.trajectory.updatedAt)),
    ).toEqual({
      ok: true,
      value: revise,
    });
  });
});

describe('the dossier rules on an evaluation', () => {
  const dossier = new DossierBuilder().throughPlan().followUps().build();
  const noneAchieved = {
    ...RESPONSES.evaluation,
    results: [
      { goal: 0, outcome: 'not-achieved', notes: 'Niet gehaald.' },
      { goal: 1, outcome: 'not-achieved', notes: 'Niet gehaald.' },
    ],
    decision: 'successful',
  };

  it('asks why a successful end comes with no goal achieved, and takes it with the explanation', () => {
    expect(judge(dossier, 'evaluation', noneAchieved)).toMatchObject({
      ok: false,
      fieldErrors: [{ path: 'explanation' }],
    });
    expect(
      judge(dossier, 'evaluation', { ...noneAchieved, explanation: 'De functie is veranderd.' }),
    ).toMatchObject({
      ok: true,
    });
  });

  it('takes a decision that follows from mixed results without an explanation', () => {
    expect(judge(dossier, 'evaluation', UNSUCCESSFUL)).toMatchObject({ ok: true });
  });
});
