/**
 * The HR dossier page: the dossier document (the model of the PDF) rendered whole, in the PDF's
 * order, with a timeline that names each task and mail and can leave routine events out of view.
 */
import { describe, expect, it } from 'vitest';
import type { Dossier } from '#core/model.ts';
import { LIMITS } from '#core/schemas.ts';
import { renderDossierPage } from '#web/dashboard-pages.ts';
import { buildCompletenessDocument, buildDossierDocument } from '#web/dossier-document.ts';
import { renderCompletenessReport } from '#web/dossier-print.ts';
import { renderDossierPdf } from '#web/dossier-pdf.ts';
import { DossierBuilder, RESPONSES } from '../../support/dossier-builder.ts';
import { pdfText } from '../../support/pdf-text.ts';

const NOW = new Date('2026-09-01T10:00:00.000Z');
const session = { principal: { role: 'hr' as const, email: 'hanna@example.test' }, csrf: 'c' };

/** A whole trajectory whose plan HR sent back once, through to aftercare. */
function revisedAndCompleted(): Dossier {
  const builder = new DossierBuilder();
  builder.identify().conversation().employeeResponse().plan();
  builder.planApproval({ decision: 'revise', comments: 'Doel 2 is niet <meetbaar> genoeg.' });
  builder.plan().planApproval().acknowledge();
  return builder.followUps().evaluation().decisionConfirmation().aftercare().close().build();
}

const decode = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The page's sections in order: their `data-section` id and their heading. */
function pageSections(page: string): { id: string; title: string }[] {
  return [...page.matchAll(/data-section="([^"]+)"[^>]*>\s*<h2[^>]*>([^<]*)<\/h2>/g)].map((match) => ({
    id: match[1] ?? '',
    title: decode((match[2] ?? '').trim()),
  }));
}

/** The markup of one section of the page, up to the next one. */
function sectionOf(page: string, id: string): string {
  const start = page.indexOf(`data-section="${id}"`);
  if (start < 0) throw new Error(`no section ${id}`);
  const next = page.indexOf('data-section="', start + 1);
  return page.slice(start, next < 0 ? undefined : next);
}

describe('the dossier page', () => {
  it('shows the same sections as the PDF, in the same order', async () => {
    // Prepare
    const dossier = revisedAndCompleted();

    // Act
    const page = renderDossierPage('nl', session, dossier, { now: NOW });
    const pdf = await renderDossierPdf(buildDossierDocument(dossier, { now: NOW, locale: 'nl' }));

    // Assess: every section heading of the page is a line of the PDF, in the page's order.
    const sections = pageSections(page);
    expect(sections.map((section) => section.id)).toEqual([
      'overview',
      'improvement-areas',
      'conversation',
      'plan',
      'acknowledgements',
      'follow-ups',
      'progress',
      'support',
      'evaluation',
      'aftercare',
      'exhibits',
      'timeline',
    ]);
    const lines = (await pdfText(pdf)).split('\n').map((line) => line.trim());
    let at = -1;
    for (const { title } of sections) {
      const found = lines.indexOf(title, at + 1);
      expect(found, `"${title}" in the PDF after line ${at}`).toBeGreaterThan(at);
      at = found;
    }
  });

  it('shows the content of every part, escaped, with a table of contents', () => {
    // Prepare
    const dossier = revisedAndCompleted();

    // Act
    const page = renderDossierPage('nl', session, dossier, { now: NOW });

    // Assess
    expect(sectionOf(page, 'overview')).toContain('Eva de Vries &lt;eva@example.test&gt;');
    expect(sectionOf(page, 'overview')).toMatch(/Termijn 1<\/dt>\s*<dd>\w+dag \d+ maart 2026 tot/);
    expect(sectionOf(page, 'improvement-areas')).toContain(
      RESPONSES.identify.improvementAreas[0]!.examples[1],
    );
    const conversation = sectionOf(page, 'conversation');
    expect(conversation).toContain(RESPONSES.conversation.summary);
    expect(conversation).toContain(RESPONSES.conversation.employeePerspective);
    expect(conversation).toContain(RESPONSES['employee-response'].response);
    // Every version of the plan, HR's comments between them.
    const plan = decode(sectionOf(page, 'plan'));
    const first = plan.indexOf('Versie 1 van het plan');
    const comments = plan.indexOf('Doel 2 is niet <meetbaar> genoeg.');
    const second = plan.indexOf('Versie 2 van het plan');
    expect([first >= 0, comments > first, second > comments]).toEqual([true, true, true]);
    expect(sectionOf(page, 'plan')).toContain('Doel 2 is niet &lt;meetbaar&gt; genoeg.');
    expect(sectionOf(page, 'plan')).toContain('<h4>Doel 1: Rapportages op tijd</h4>');
    const followUps = sectionOf(page, 'follow-ups');
    expect(followUps).toContain('Voortgangsgesprek 1 –');
    expect(followUps).toMatch(
      /<td data-label="Doel">Doel 2: Klanten terugbellen<\/td>\s*<td data-label="Stand">risico/,
    );
    expect(sectionOf(page, 'support')).toContain('Planningscoach, zes sessies');
    const evaluation = sectionOf(page, 'evaluation');
    expect(evaluation).toContain(RESPONSES.evaluation.summary);
    expect(evaluation).toContain('Bevestiging van het besluit door HR');
    expect(evaluation).toContain('Akkoord.');
    expect(sectionOf(page, 'aftercare')).toContain(RESPONSES.aftercare.teamNotes);
    expect(page).toMatch(/<nav class="card toc"[^]*href="#section-plan">Het verbeterplan<\/a>/);
    expect(page).not.toMatch(/<script>|<style|style="|\son[a-z]+=/);
  });

  it('says when receipt is outstanding or lapsed, and shows the redeployment HR recorded', () => {
    // Prepare
    const open = new DossierBuilder().identify().conversation().employeeResponse().plan().planApproval();
    open.open('plan-acknowledgement');
    const lapsed = new DossierBuilder()
      .identify()
      .conversation()
      .employeeResponse()
      .plan()
      .planApproval()
      .acknowledge('lapse')
      .followUps()
      .evaluation({
        summary: 'Niet gehaald.',
        results: [
          { goal: 0, outcome: 'not-achieved', notes: 'n' },
          { goal: 1, outcome: 'not-achieved', notes: 'n' },
        ],
        decision: 'unsuccessful',
      })
      .decisionConfirmation({
        decision: 'approve',
        redeployment: { considered: true, outcome: 'Geen passende functie.' },
      });

    // Act
    const waiting = renderDossierPage('nl', session, open.build(), { now: open.now });
    const english = renderDossierPage('en', session, lapsed.build(), { now: lapsed.now });

    // Assess
    expect(sectionOf(waiting, 'acknowledgements')).toContain('De ontvangst is nog niet bevestigd.');
    expect(sectionOf(waiting, 'aftercare')).toContain('Niet vastgelegd.');
    expect(sectionOf(english, 'acknowledgements')).toContain('Receipt not acknowledged within the term');
    expect(sectionOf(english, 'evaluation')).toMatch(/Redeployment considered<\/dt>\s*<dd>yes/);
    expect(sectionOf(english, 'evaluation')).toContain('Geen passende functie.');
  });

  it('shows a plan section that says nothing is recorded before there is a plan', () => {
    const builder = new DossierBuilder().identify();

    const page = renderDossierPage('nl', session, builder.build(), { now: builder.now });

    expect(sectionOf(page, 'plan')).toContain('Niet vastgelegd.');
    expect(sectionOf(page, 'overview')).toMatch(/Termijn<\/dt>\s*<dd>nog niet begonnen/);
  });
});

describe('the dossier page of a closed trajectory', () => {
  it('judges no completeness of a cancelled one, and flags no attention on a completed one', () => {
    // Prepare
    const cancelled = new DossierBuilder().identify().cancel().build();
    const completed = revisedAndCompleted();
    completed.trajectory.attention = true;

    // Act: the judgement is HR's internal report now, the page and its PDF
    const report = buildCompletenessDocument(cancelled, { now: NOW });
    const stopped = renderCompletenessReport(report, cancelled, NOW);
    const done = renderDossierPage('nl', session, completed, { now: NOW });

    // Assess
    const verdict = /<p class="overall">([^]*?)<\/p>/.exec(sectionOf(stopped, 'completeness'))?.[1] ?? '';
    expect(verdict).toContain('Niet van toepassing');
    expect(verdict).not.toContain('In orde');
    expect(sectionOf(stopped, 'completeness')).toContain('Het traject is geannuleerd');
    const section = report.sections.find((candidate) => candidate.id === 'completeness');
    expect(section?.blocks[2]).toEqual({
      kind: 'text',
      text: 'Oordeel: niet van toepassing, het traject is geannuleerd.',
    });
    expect(done).not.toContain('badge attention');
    expect(sectionOf(done, 'overview')).not.toContain('Aandacht nodig');
  });
});

describe('the dossier page’s timeline', () => {
  it('names the task of every entry and the recipient and kind of every mail', () => {
    const dossier = new DossierBuilder().throughPlan().followUp(1).build();

    const timeline = sectionOf(renderDossierPage('nl', session, dossier, { now: NOW }), 'timeline');

    expect(timeline).toContain('Taak geopend: plan');
    expect(timeline).toContain('Taak geopend: voortgangsgesprek 1');
    expect(timeline).toContain('Mail verstuurd aan Mark Jansen (Leidinggevende): verzoek (plan)');
    expect(timeline).toContain(
      'Mail verstuurd aan Hanna Bakker (HR-adviseur): verzoek (beoordeling van het plan)',
    );
    expect(timeline).toContain(
      'Mail verstuurd aan Eva de Vries (Medewerker): verslag van het voortgangsgesprek (voortgangsgesprek 1)',
    );
    expect(timeline).toContain('Plan opgesteld <span class="meta">– Mark Jansen (Leidinggevende)</span>');
  });

  it('hides the routine entries on request, and offers the way back', () => {
    const dossier = new DossierBuilder().throughPlan().followUp(1).build();
    const id = dossier.trajectory.id;

    const all = sectionOf(renderDossierPage('nl', session, dossier, { now: NOW }), 'timeline');
    const key = sectionOf(
      renderDossierPage('nl', session, dossier, { now: NOW, hideRoutine: true }),
      'timeline',
    );

    const hidden = (markup: string) => [...markup.matchAll(/<li data-routine hidden>/g)].length;
    const routine = [...all.matchAll(/<li data-routine/g)].length;
    expect(routine).toBeGreaterThan(10);
    expect(hidden(all)).toBe(0);
    expect(hidden(key)).toBe(routine);
    expect(all).toContain(`href="/dossiers/${id}?timeline=key#section-timeline"`);
    expect(all).toContain('>Routine verbergen</a');
    expect(key).toContain(`href="/dossiers/${id}#section-timeline"`);
    expect(key).toContain('>Alle gebeurtenissen tonen</a');
    expect(key).toMatch(/\d+ van de \d+ gebeurtenissen; routine/);
    // What people and the workflow decided stays in view.
    expect(key).toMatch(/<li>\s*<time[^>]*>[^<]*<\/time>Plan opgesteld/);
    expect(key).toMatch(
      /<li>\s*<time[^>]*>[^<]*<\/time>Mail verstuurd aan Eva de Vries \(Medewerker\): verslag/,
    );
  });

  it('counts the one event of a trajectory just started in the singular', () => {
    // Prepare: started, before the workflow has opened its first task.
    const dossier = new DossierBuilder().build();

    // Act
    const nl = sectionOf(renderDossierPage('nl', session, dossier, { now: NOW }), 'timeline');
    const en = sectionOf(renderDossierPage('en', session, dossier, { now: NOW }), 'timeline');

    // Assess
    expect(dossier.events).toHaveLength(1);
    expect(nl).toMatch(/data-all="Eén gebeurtenis\."[^>]*>Eén gebeurtenis\.</);
    expect(en).toMatch(/data-all="One event\."[^>]*>One event\.</);
  });

  it('names a task, event or mail it has no words for by its own name', () => {
    const dossier = new DossierBuilder().identify().build();
    const at = '2026-03-10T09:00:00.000Z';
    const extra = (type: string, data: Record<string, unknown>) => ({
      id: `x.${type}`,
      trajectoryId: dossier.trajectory.id,
      at,
      type,
      actor: { role: 'system' as const },
      data,
    });
    dossier.events.push(
      extra('task-opened', { task: 'employee-reaction' }),
      extra('mail-sent', { mail: 'reaction-request', to: 'employee' }),
      extra('something-new', {}),
    );

    const timeline = sectionOf(renderDossierPage('nl', session, dossier, { now: NOW }), 'timeline');

    expect(timeline).toContain('Taak geopend: employee reaction');
    expect(timeline).toContain('Mail verstuurd aan Eva de Vries (Medewerker): reaction request');
    expect(timeline).toContain('something new');
  });

  it('lets HR type no longer a reason to pause, cancel or change the plan than is accepted', () => {
    // Prepare: a running term, where all three are offered.
    const builder = new DossierBuilder().throughPlan();

    // Act
    const page = renderDossierPage('nl', session, builder.build(), { now: builder.now });

    // Assess
    const reasons = [...page.matchAll(/<textarea\b[^>]*>/g)].map(([tag]) => tag);
    expect(reasons.map((tag) => /name="([^"]+)"/.exec(tag)?.[1]).sort()).toEqual([
      'internalNote',
      'pauseReason',
      'planChangeReason',
      'reason',
    ]);
    for (const tag of reasons) expect(tag).toContain(`maxlength="${LIMITS.reason}"`);
  });
});
