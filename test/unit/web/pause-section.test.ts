import { describe, expect, it } from 'vitest';
import type { Dossier } from '#core/model.ts';
import { renderDossierPage } from '#web/dashboard-pages.ts';
import { aTrajectory } from '../../data/fixtures.ts';

const NOW = new Date('2026-03-10T09:00:00.000Z');
const hr = { principal: { role: 'hr' as const, email: 'hanna@example.nl' }, csrf: 'csrf-value' };
const manager = { principal: { role: 'manager' as const, email: 'mark@example.nl' }, csrf: 'csrf-value' };
const dossierOf = (overrides = {}): Dossier => ({
  trajectory: aTrajectory(overrides),
  tasks: [],
  events: [],
});

describe('the dossier page and a pause for illness', () => {
  it('offers HR the pause form, with its own reason field and the CSRF token', () => {
    const dossier = dossierOf();

    const page = renderDossierPage('nl', hr, dossier, { now: NOW });

    expect(page).toContain(`action="/dossiers/${dossier.trajectory.id}/pause"`);
    expect(page).toMatch(/<textarea[^>]*name="pauseReason"/);
    expect(page).toContain('Pauzeren bij ziekte');
    expect(page).not.toContain(`/dossiers/${dossier.trajectory.id}/resume`);
  });

  it('shows a paused trajectory as paused since its date, with the resume form', () => {
    const dossier = dossierOf({ pausedAt: '2026-03-02T09:00:00.000Z' });

    const page = renderDossierPage('en', hr, dossier, { now: NOW });

    expect(page).toContain('Paused since');
    expect(page).toContain(`action="/dossiers/${dossier.trajectory.id}/resume"`);
    expect(page).toContain('name="csrf" value="csrf-value"');
    expect(page).not.toContain(`/dossiers/${dossier.trajectory.id}/pause"`);
  });

  it('shows a manager the pause, but no form', () => {
    const dossier = dossierOf({ pausedAt: '2026-03-02T09:00:00.000Z' });

    const page = renderDossierPage('nl', manager, dossier, { now: NOW });

    expect(page).toContain('Gepauzeerd sinds');
    expect(page).not.toContain('/resume"');
  });
});
