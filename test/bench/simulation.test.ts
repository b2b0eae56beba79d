/**
 * The simulation of `npm run bench`, small: a few trajectories through the local cloud, each
 * ending as its scenario expects, priced from what they used, and finally expired and purged by
 * the deployed retention function, whose work counts with them.
 */
import { describe, expect, it } from 'vitest';
import {
  runSimulation,
  SCENARIO_KINDS,
  SCENARIO_WORK,
  shareOut,
  type ScenarioKind,
} from '../../bench/simulate.ts';

describe('the simulation', () => {
  it('runs trajectories to their end and counts their retention purge with them', async () => {
    const figures = await runSimulation({ trajectories: 3, processes: 1 });

    expect(figures.unexpected).toBe(0);
    expect(figures.failures).toBe(0);
    expect(Object.values(figures.statuses).reduce((a, b) => a + b, 0)).toBe(3);
    const purge = figures.functions.find((fn) => fn.handler === 'retention/purge-dossier');
    expect(purge?.perTrajectory).toBe(1);
    // One keys-only Query and at least one batch of deletes per dossier.
    expect(purge?.dynamoCallsPerInvocation).toBeGreaterThanOrEqual(2);
    expect(figures.dynamoCalls.BatchWriteItemCommand).toBeGreaterThanOrEqual(1);
    expect(figures.overall.costUsd.mean).toBeGreaterThan(0);
  }, 120_000);
});

describe('sharing the mix out over processes', () => {
  // A mix with its cheap kind bunched on one side: every second trajectory is a cancellation.
  const kinds: ScenarioKind[] = Array.from({ length: 1000 }, (_, index) =>
    index % 2 === 0 ? 'cancelled' : SCENARIO_KINDS[index % SCENARIO_KINDS.length]!,
  );

  it('gives every trajectory to one process, the same way every time', () => {
    const shares = shareOut(kinds, 2);

    expect(shares).toHaveLength(kinds.length);
    expect(new Set(shares)).toEqual(new Set([0, 1]));
    expect(shareOut(kinds, 2)).toEqual(shares);
  });

  it('leaves the processes with work within one trajectory of each other, where every second one would not', () => {
    const workOf = (shares: number[], process: number) =>
      kinds.reduce((sum, kind, index) => sum + (shares[index] === process ? SCENARIO_WORK[kind] : 0), 0);

    const balanced = shareOut(kinds, 2);
    const alternating = kinds.map((_, index) => index % 2);

    expect(Math.abs(workOf(balanced, 0) - workOf(balanced, 1))).toBeLessThanOrEqual(
      Math.max(...Object.values(SCENARIO_WORK)),
    );
    expect(Math.abs(workOf(alternating, 0) - workOf(alternating, 1))).toBeGreaterThan(10_000);
  });
});
