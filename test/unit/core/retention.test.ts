import { describe, expect, it } from 'vitest';
import { checkEmploymentEnd, liftRefusal, placeRefusal, withLegalHold } from '#core/retention.ts';
import { expiresAtSeconds } from '#core/retention-period.ts';
import { aTrajectory } from '../../data/fixtures.ts';

const DAYS = 730;
const seconds = (iso: string) => Date.parse(iso) / 1000;
const closed = aTrajectory({
  status: 'completed',
  createdAt: '2026-01-05T09:00:00.000Z',
  closedAt: '2026-06-01T12:00:00.000Z',
});

describe('when a dossier expires', () => {
  it('never while the trajectory runs', () => {
    expect(expiresAtSeconds(aTrajectory({ status: 'active', closedAt: undefined }), DAYS)).toBeUndefined();
  });

  it('the retention period after the close', () => {
    expect(expiresAtSeconds(closed, DAYS)).toBe(seconds('2026-06-01T12:00:00.000Z') + DAYS * 86_400);
  });

  it('the retention period after the employment ended, when that is later than the close', () => {
    const left = { ...closed, employmentEndedOn: '2026-12-31' };
    expect(expiresAtSeconds(left, DAYS)).toBe(seconds('2027-01-01T00:00:00.000Z') + DAYS * 86_400);
  });

  it('still from the close when the employment ended before it', () => {
    const left = { ...closed, employmentEndedOn: '2026-03-31' };
    expect(expiresAtSeconds(left, DAYS)).toBe(expiresAtSeconds(closed, DAYS));
  });

  it('never under a legal hold, and again once it is lifted', () => {
    const held = withLegalHold(closed, new Date('2028-01-01T00:00:00.000Z'));
    expect(expiresAtSeconds(held, DAYS)).toBeUndefined();
    expect(expiresAtSeconds({ ...held, legalHold: undefined }, DAYS)).toBe(expiresAtSeconds(closed, DAYS));
  });
});

describe('legal hold refusals', () => {
  it('refuse a second hold and a lift of nothing', () => {
    const held = withLegalHold(closed, new Date());
    expect(placeRefusal(closed)).toBeUndefined();
    expect(placeRefusal(held)).toBe('already_on_hold');
    expect(liftRefusal(closed)).toBe('not_on_hold');
    expect(liftRefusal(held)).toBeUndefined();
  });
});

describe('the end of the employment', () => {
  it('may lie ahead, but not before the trajectory started', () => {
    expect(checkEmploymentEnd('2027-03-31', closed, 'nl')).toEqual([]);
    expect(checkEmploymentEnd('2026-01-05', closed, 'nl')).toEqual([]);
    expect(checkEmploymentEnd('2026-01-04', closed, 'en')).toEqual([
      { path: 'endedOn', message: expect.stringContaining('before the trajectory started') },
    ]);
  });
});
