import { describe, expect, it } from 'vitest';
import { renderDossierPage } from '#web/dashboard-pages.ts';
import { newTrajectory } from '#core/trajectory.ts';
import type { Dossier, DossierEvent } from '#core/model.ts';

const trajectory = newTrajectory(
  {
    employee: { name: 'Eva de Wit', email: 'eva@example.nl' },
    manager: { name: 'Mark Jansen', email: 'mark@example.nl' },
    hrAdvisor: { name: 'Hanna Bakker', email: 'hanna@example.nl' },
    reason: 'Deadlines worden gemist.',
    locale: 'nl',
  },
  { id: 't-1', now: new Date('2026-03-02T09:00:00Z') },
);
const event = (type: string): DossierEvent => ({
  id: `e-${type}`,
  trajectoryId: 't-1',
  at: '2026-03-02T09:00:00.000Z',
  type,
  actor: { role: 'system' },
});
const dossier = (types: string[]): Dossier => ({ trajectory, tasks: [], events: types.map(event) });
const session = { principal: { role: 'hr' as const, email: 'hanna@example.nl' }, csrf: 'c' };

describe('the dossier timeline', () => {
  it('names each event in the reader’s language, not by its internal type', () => {
    const types = ['trajectory-started', 'task-opened', 'task-escalated-again', 'no-response'];
    const nl = renderDossierPage('nl', session, dossier(types), { now: new Date('2026-03-03T09:00:00Z') });
    const en = renderDossierPage('en', session, dossier(types), { now: new Date('2026-03-03T09:00:00Z') });

    expect(nl).toContain('Traject gestart');
    expect(nl).toContain('Taak geopend');
    expect(nl).toContain('Geen reactie ontvangen');
    expect(en).toContain('Trajectory started');
    expect(en).toContain('Reported to the HR advisor again; needs attention');
    expect(nl).not.toContain('task opened');
  });

  it('still shows an event type it has no label for, as words', () => {
    const page = renderDossierPage('nl', session, dossier(['something-new']), { now: new Date() });
    expect(page).toContain('something new');
  });
});
