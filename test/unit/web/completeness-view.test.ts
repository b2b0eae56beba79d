import { describe, expect, it } from 'vitest';
import { CRITERION_IDS } from '#core/completeness.ts';
import { renderDashboard, renderDossierPage } from '#web/dashboard-pages.ts';
import { DossierBuilder } from '../../support/dossier-builder.ts';

const session = { principal: { role: 'hr' as const, email: 'hanna@example.nl' }, csrf: 'c' };

/** The markup of one criterion on the page. */
function criterionItem(page: string, id: string): string {
  const match = new RegExp(`<li class="criterion (\\w+)" data-criterion="${id}">([\\s\\S]*?)</li>`).exec(
    page,
  );
  if (!match) throw new Error(`no criterion ${id} on the page`);
  return match[0];
}

describe('the completeness check on the dossier page', () => {
  it('shows every criterion with its status in words and an icon, the reason and what to do', () => {
    // Prepare: the second follow-up was let pass
    const builder = new DossierBuilder().throughPlan().followUps({ skip: [2] });

    // Act
    const page = renderDossierPage('nl', session, builder.build(), { now: builder.now });

    // Assess
    expect(page).toContain('<h2 id="completeness">Volledigheid van het dossier</h2>');
    for (const id of CRITERION_IDS) expect(page).toContain(`data-criterion="${id}"`);
    const cadence = criterionItem(page, 'follow-up-cadence');
    expect(cadence).toContain('Voortgangsgesprekken volgens afspraak');
    expect(cadence).toMatch(/<span aria-hidden="true">✗<\/span> Niet in orde/);
    // 29 days: the third meeting moved off King's Day (Monday 27 April 2026) to the Tuesday.
    expect(cadence).toContain('29 dagen van');
    expect(cadence).toContain('<strong>Te doen:</strong> Houd het gemiste voortgangsgesprek');
    const goals = criterionItem(page, 'smart-goals');
    expect(goals).toMatch(/✓<\/span> In orde/);
    expect(goals).not.toContain('Te doen');
    expect(criterionItem(page, 'aftercare')).toMatch(/…<\/span> Nog niet aan de orde/);
    expect(page).toMatch(/Oordeel: <span class="badge completeness fail"/);
    expect(page).not.toMatch(/style=|<script>/);
  });

  it('speaks the reader’s language, whatever the trajectory’s', () => {
    const builder = new DossierBuilder({ locale: 'nl' }).identify().conversation().employeeResponse('lapse');

    const page = renderDossierPage('en', session, builder.build(), { now: builder.now });

    const conversation = criterionItem(page, 'conversation');
    expect(conversation).toContain('Conversation held, employee’s view asked');
    expect(conversation).toMatch(/!<\/span> Attention/);
    expect(conversation).toContain('the employee was invited to respond but did not');
  });

  it('escapes what people typed that a reason quotes', () => {
    const builder = new DossierBuilder().identify({
      improvementAreas: [{ title: '<img src=x onerror=alert(1)>', examples: [] }],
    });

    const page = renderDossierPage('nl', session, builder.build(), { now: builder.now });

    expect(criterionItem(page, 'improvement-areas')).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('the completeness badge in the dashboard list', () => {
  it('shows each row’s overall status in words', () => {
    const done = new DossierBuilder().successful().build().trajectory;
    const lapsed = new DossierBuilder()
      .throughPlan()
      .followUps({ skip: [2] })
      .build().trajectory;

    const page = renderDashboard(
      'nl',
      session,
      [
        { trajectory: done, overdue: false, completeness: 'pass' },
        { trajectory: lapsed, overdue: false, completeness: 'fail' },
      ],
      {},
    );

    expect(page).toContain('<th scope="col">Dossier</th>');
    expect(page).toMatch(/badge completeness pass"[\s\S]*?✓<\/span> In orde/);
    expect(page).toMatch(/badge completeness fail"[\s\S]*?✗<\/span> Niet in orde/);
  });
});
