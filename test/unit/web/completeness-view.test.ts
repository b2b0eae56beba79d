import { describe, expect, it } from 'vitest';
import { CRITERION_IDS } from '#core/completeness.ts';
import type { Dossier, Locale } from '#core/model.ts';
import { renderDashboard, renderDossierPage } from '#web/dashboard-pages.ts';
import { buildCompletenessDocument } from '#web/dossier-document.ts';
import { renderCompletenessReport } from '#web/dossier-print.ts';
import { DossierBuilder } from '../../support/dossier-builder.ts';

/** HR's internal report page (`GET /dossiers/{id}/completeness`), in `locale`. */
const reportPage = (locale: Locale, dossier: Dossier, now: Date): string =>
  renderCompletenessReport(buildCompletenessDocument(dossier, { now, locale }), dossier, now);

const session = { principal: { role: 'hr' as const, email: 'hanna@example.nl' }, csrf: 'c' };

/** The markup of one criterion on the page. */
function criterionItem(page: string, id: string): string {
  const match = new RegExp(`<li class="criterion (\\w+)" data-criterion="${id}">([\\s\\S]*?)</li>`).exec(
    page,
  );
  if (!match) throw new Error(`no criterion ${id} on the page`);
  return match[0];
}

describe('the completeness report page', () => {
  it('shows every criterion with its status in words and an icon, the reason and what to do', () => {
    // Prepare: the second follow-up was let pass
    const builder = new DossierBuilder().throughPlan().followUps({ skip: [2] });

    // Act
    const page = reportPage('nl', builder.build(), builder.now);

    // Assess
    expect(page).toContain('<h2 id="completeness">Volledigheid van het dossier</h2>');
    expect(page).toContain('Intern rapport voor HR en de juridisch adviseur');
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

    const page = reportPage('en', builder.build(), builder.now);

    const conversation = criterionItem(page, 'conversation');
    expect(conversation).toContain('Conversation held, employee’s view asked');
    expect(conversation).toMatch(/!<\/span> Attention/);
    expect(conversation).toContain('the employee was invited to respond but did not');
  });

  it('escapes what people typed that a reason quotes', () => {
    const builder = new DossierBuilder().identify({
      improvementAreas: [{ title: '<img src=x onerror=alert(1)>', examples: [] }],
    });

    const page = reportPage('nl', builder.build(), builder.now);

    expect(criterionItem(page, 'improvement-areas')).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('the dossier page', () => {
  it('holds no completeness assessment, and links HR (only) to the internal report', () => {
    const builder = new DossierBuilder().throughPlan().followUps({ skip: [2] });
    const dossier = builder.build();
    const manager = {
      principal: { role: 'manager' as const, email: dossier.trajectory.manager.email },
      csrf: 'c',
    };

    const forHr = renderDossierPage('nl', session, dossier, { now: builder.now });
    const forManager = renderDossierPage('nl', manager, dossier, { now: builder.now });

    for (const page of [forHr, forManager]) {
      expect(page).not.toContain('data-criterion=');
      expect(page).not.toContain('Volledigheid van het dossier');
    }
    expect(forHr).toContain(
      `<a href="/dossiers/${dossier.trajectory.id}/completeness" data-completeness-report`,
    );
    expect(forManager).not.toContain('/completeness');
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
