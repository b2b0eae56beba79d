import { describe, expect, it, vi } from 'vitest';
import { INTERNAL_NOTE } from '#core/actions.ts';
import {
  copyLink,
  copyLinkState,
  copyLinkWorks,
  copyOpenedEvent,
  copyRevocations,
  copyRevokedEvent,
  copyWithdrawnEvent,
  employeeDossier,
  withCopiesRevoked,
} from '#core/employee-copy.ts';
import { config, resetEnvCache } from '#shared/env.ts';
import { buildDossierDocument } from '#web/dossier-document.ts';
import { DossierBuilder } from '../../support/dossier-builder.ts';

const NOW = new Date('2026-09-01T10:00:00.000Z');

describe('a copy link', () => {
  it('works up to, and not at, the moment it expires', () => {
    const link = copyLink('t-1', 'a'.repeat(64), NOW, 30);

    expect(link).toMatchObject({
      kind: 'dossier-copy',
      taskId: 'dossier-copy',
      validUntil: '2026-10-01T10:00:00.000Z',
    });
    expect(copyLinkWorks(link, new Date('2026-10-01T09:59:59.999Z'))).toBe(true);
    expect(copyLinkWorks(link, new Date('2026-10-01T10:00:00.000Z'))).toBe(false);
    // A task's link is no copy link, however long it lives.
    expect(copyLinkWorks({ validUntil: link.validUntil }, NOW)).toBe(false);
  });

  it('is recorded as opened once a day, by its hash prefix and nothing more', () => {
    const link = copyLink('t-1', 'b'.repeat(64), NOW, 30);

    const morning = copyOpenedEvent(link, new Date('2026-09-02T07:00:00.000Z'));
    const evening = copyOpenedEvent(link, new Date('2026-09-02T18:00:00.000Z'));
    const next = copyOpenedEvent(link, new Date('2026-09-03T07:00:00.000Z'));

    expect(morning.id).toBe(evening.id);
    expect(next.id).not.toBe(morning.id);
    expect(morning.data).toEqual({ link: 'bbbbbbbbbbbb' });
  });

  it('is revoked by every revocation after it was issued, however new, and not by one before', () => {
    const trajectory = new DossierBuilder().build().trajectory;
    const before = copyLink(trajectory.id, 'c'.repeat(64), NOW, 30, copyRevocations(trajectory));
    const revoked = withCopiesRevoked(trajectory, NOW);
    // Issued in the very same millisecond as the revocation, yet after it: it works.
    const after = copyLink(trajectory.id, 'd'.repeat(64), NOW, 30, copyRevocations(revoked));

    expect(copyLinkState(before, trajectory, NOW)).toBe('open');
    expect(copyLinkState(before, revoked, NOW)).toBe('revoked');
    expect(copyLinkState(after, revoked, NOW)).toBe('open');
    expect(copyLinkState(after, revoked, new Date('2026-10-01T10:00:00.000Z'))).toBe('expired');
    // Revoked wins over expired: the page says it was withdrawn.
    expect(copyLinkState(before, revoked, new Date('2026-12-01T10:00:00.000Z'))).toBe('revoked');
    // Revoking again revokes the link issued in between, and is harmless otherwise.
    const again = withCopiesRevoked(revoked, new Date('2026-09-02T10:00:00.000Z'));
    expect(copyLinkState(after, again, NOW)).toBe('revoked');
    expect(again.copyLinksRevoked).toEqual({ count: 2, at: '2026-09-02T10:00:00.000Z' });
  });

  it('withdrawn on its own (its mail failed), answers as revoked before and after it would expire', () => {
    const trajectory = new DossierBuilder().build().trajectory;
    const link = copyLink(trajectory.id, 'e'.repeat(64), NOW, 30, copyRevocations(trajectory));
    const withdrawn = { ...link, revokedAt: NOW.toISOString() };

    expect(copyLinkState(link, trajectory, NOW)).toBe('open');
    expect(copyLinkState(withdrawn, trajectory, NOW)).toBe('revoked');
    expect(copyLinkState(withdrawn, trajectory, new Date('2026-12-01T10:00:00.000Z'))).toBe('revoked');
    expect(copyWithdrawnEvent(trajectory, link, NOW.toISOString())).toEqual({
      id: 'employee-copy-withdrawn.eeeeeeeeeeee',
      trajectoryId: trajectory.id,
      at: NOW.toISOString(),
      type: 'employee-copy-withdrawn',
      actor: { role: 'system' },
      data: { link: 'eeeeeeeeeeee' },
    });
  });

  it('records each revocation once, by its number, with nothing personal', () => {
    const trajectory = withCopiesRevoked(new DossierBuilder().build().trajectory, NOW);

    const event = copyRevokedEvent(trajectory);

    expect(event).toEqual({
      id: 'employee-copy-revoked.1',
      trajectoryId: trajectory.id,
      at: NOW.toISOString(),
      type: 'employee-copy-revoked',
      actor: { role: 'hr' },
      data: { revocation: 1 },
    });
  });

  it('lasts COPY_LINK_DAYS days: 30 by default, a whole number from 1 to 365', () => {
    resetEnvCache();
    expect(config.copyLinkDays).toBe(30);
    vi.stubEnv('COPY_LINK_DAYS', '7');
    expect(config.copyLinkDays).toBe(7);
    for (const wrong of ['0', '366', '1.5', 'x']) {
      vi.stubEnv('COPY_LINK_DAYS', wrong);
      expect(() => config.copyLinkDays, wrong).toThrow(/COPY_LINK_DAYS/);
    }
    vi.unstubAllEnvs();
  });
});

describe('the dossier as its employee reads it', () => {
  it('leaves out HR’s internal note, the legal hold and failed steps, and keeps the rest', () => {
    const dossier = new DossierBuilder().identify().conversation().employeeResponse().cancel().build();
    const cancelled = dossier.events.find((event) => event.type === 'trajectory-cancelled')!;
    cancelled.data = { ...cancelled.data, [INTERNAL_NOTE]: 'Alleen voor HR.' };
    dossier.trajectory.legalHold = { placedAt: '2026-03-20T09:00:00.000Z' } as never;
    const at = '2026-03-20T09:00:00.000Z';
    const base = { trajectoryId: dossier.trajectory.id, at, actor: { role: 'hr' as const } };
    dossier.events.push(
      { ...base, id: 'hold', type: 'legal-hold-placed', data: { reason: 'Procedure aangekondigd.' } },
      { ...base, id: 'failed', type: 'step-failed', actor: { role: 'system' }, data: { error: 'X' } },
    );

    const copy = employeeDossier(dossier);
    const document = JSON.stringify(buildDossierDocument(dossier, { now: NOW, audience: 'employee' }));
    const forHr = JSON.stringify(buildDossierDocument(dossier, { now: NOW }));

    expect(JSON.stringify(copy)).not.toContain('Alleen voor HR.');
    expect(JSON.stringify(copy)).not.toContain('Procedure aangekondigd.');
    expect(copy.trajectory.legalHold).toBeUndefined();
    expect(copy.events.map((event) => event.type)).not.toContain('step-failed');
    expect(copy.events).toHaveLength(dossier.events.length - 2);
    expect(copy.tasks).toEqual(dossier.tasks);
    expect(forHr).toContain('Juridische bewaarplicht');
    expect(document).not.toContain('Juridische bewaarplicht');
    expect(document).toContain('Je dossier verbetertraject (inzage)');
  });
});
