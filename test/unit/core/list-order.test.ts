import { describe, expect, it } from 'vitest';
import { byNextDeadline, matchesName, searchable } from '#core/list-order.ts';

describe('matchesName', () => {
  it.each([
    ['Eva de Vries', 'eva', true],
    ['Eva de Vries', 'VRIES', true],
    ['Eva de Vries', 'vries eva', true],
    ['Eva de Vries', '  de   vries ', true],
    ['Mesut Özil', 'ozil', true],
    ['Zoë Bakker', 'zoe', true],
    ['Eva de Vries', 'eva jansen', false],
    ['Eva de Vries', 'mark', false],
    ['Eva de Vries', undefined, true],
    ['Eva de Vries', '', true],
  ])('%s with %j → %s', (name, term, expected) => {
    expect(matchesName(name, term)).toBe(expected);
  });

  it('compares names without case, accents or extra spaces', () => {
    expect(searchable('  Özil   DE  Vriës ')).toBe('ozil de vries');
  });
});

describe('byNextDeadline', () => {
  it('puts the earliest deadline first and rows without one last, keeping their order', () => {
    // Prepare: the list's own order, newest first.
    const rows = [
      { id: 'closed-new' },
      { id: 'late', nextDueAt: '2026-03-10T16:00:00.000Z' },
      { id: 'waiting' },
      { id: 'early', nextDueAt: '2026-03-02T16:00:00.000Z' },
      { id: 'late-too', nextDueAt: '2026-03-10T16:00:00.000Z' },
    ];

    // Act
    const ordered = byNextDeadline(rows).map((row) => row.id);

    // Assess
    expect(ordered).toEqual(['early', 'late', 'late-too', 'closed-new', 'waiting']);
    expect(rows[0]!.id).toBe('closed-new');
  });
});
