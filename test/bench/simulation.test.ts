/**
 * The simulation of `npm run bench`, small: a few trajectories through the local cloud, each
 * ending as its scenario expects, priced from what they used, and finally expired and purged by
 * the deployed retention function, whose work counts with them.
 */
import { describe, expect, it } from 'vitest';
import { runSimulation } from '../../bench/simulate.ts';

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
