/**
 * The dossier as a document: the model both renderers share, the PDF read back with pdfjs, and
 * the printable page. Dossiers come from the core's own workflow rules (DossierBuilder).
 */
import { describe, expect, it } from 'vitest';
import { CRITERION_IDS } from '#core/completeness.ts';
import { TASK_KINDS, type Dossier } from '#core/model.ts';
import {
  buildCompletenessDocument,
  buildDossierDocument,
  DOSSIER_SECTIONS,
  type Block,
  type DossierDocument,
} from '#web/dossier-document.ts';
import { printable, renderDossierPdf } from '#web/dossier-pdf.ts';
import { renderDossierPrint } from '#web/dossier-print.ts';
import { DossierBuilder, RESPONSES } from '../../support/dossier-builder.ts';
import { pdfInfo, pdfText } from '../../support/pdf-text.ts';

const NOW = new Date('2026-09-01T10:00:00.000Z');

/** Every piece of text of a section, in order, as one string per block. */
function textOf(document: DossierDocument, id: string): string {
  const found = document.sections.find((section) => section.id === id);
  if (!found) throw new Error(`no section ${id}`);
  const words = (block: Block): string[] => {
    switch (block.kind) {
      case 'heading':
        return [block.text];
      case 'fields':
        return block.rows.flatMap(([label, value]) => [label, value]);
      case 'text':
        return [block.label ?? '', block.text];
      case 'list':
        return [...block.items];
      case 'table':
        return [...block.head, ...block.rows.flat()];
    }
  };
  return found.blocks.flatMap(words).join('\n');
}

const tableOf = (document: DossierDocument, id: string) => {
  const block = document.sections
    .find((section) => section.id === id)
    ?.blocks.find((b) => b.kind === 'table');
  if (block?.kind !== 'table') throw new Error(`no table in ${id}`);
  return block;
};

/** An unsuccessful trajectory whose plan HR first sent back, with redeployment recorded. */
function unsuccessful(): Dossier {
  const builder = new DossierBuilder();
  builder.identify().conversation().employeeResponse().plan();
  builder.planApproval({ decision: 'revise', comments: 'Doel 2 is niet meetbaar genoeg.' });
  builder
    .plan()
    .planApproval()
    .acknowledge({ acknowledged: true, comments: 'Gelezen.', agreement: 'disagree' });
  builder.followUps().evaluation({
    summary: 'De doelen zijn niet gehaald.',
    results: [
      { goal: 0, outcome: 'not-achieved', notes: 'Vijf van twaalf weken op tijd.' },
      { goal: 1, outcome: 'partially', notes: '70% binnen een werkdag.' },
    ],
    decision: 'unsuccessful',
  });
  builder.decisionConfirmation({
    decision: 'approve',
    comments: 'Zorgvuldig doorlopen.',
    redeployment: { considered: true, outcome: 'Geen passende functie bij de binnendienst.' },
  });
  return builder.close().build();
}

describe('the dossier document', () => {
  const dossier = new DossierBuilder().successful().build();
  const document = buildDossierDocument(dossier, { now: NOW });

  it('has every part of the dossier, in a fixed order, in the trajectory language', () => {
    expect(document.locale).toBe('nl');
    expect(document.subject).toBe(dossier.trajectory.employee.name);
    expect(document.sections.map((section) => section.id)).toEqual([
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
    expect(document.generated).toContain('1 september 2026 om 12:00');
  });

  it('holds the conversation report, the employee’s own view and their response', () => {
    const text = textOf(document, 'conversation');
    expect(text).toContain(RESPONSES.conversation.summary);
    expect(text).toContain(RESPONSES.conversation.employeePerspective);
    expect(text).toContain(RESPONSES.conversation.agreements);
    expect(text).toContain(RESPONSES['employee-response'].response);
    expect(textOf(document, 'improvement-areas')).toContain(
      RESPONSES.identify.improvementAreas[0]!.examples[1],
    );
  });

  it('shows every follow-up, and each goal’s status per follow-up over time', () => {
    const followUps = dossier.tasks.filter((task) => task.kind === 'follow-up');
    expect(followUps.length).toBeGreaterThanOrEqual(3);
    const text = textOf(document, 'follow-ups');
    for (const task of followUps) expect(text).toContain(`Voortgangsgesprek ${task.meeting} –`);
    const progress = tableOf(document, 'progress');
    expect(progress.head).toEqual(['Doel', ...followUps.map((task) => `Gesprek ${task.meeting}`)]);
    expect(progress.rows).toEqual([
      ['Doel 1: Rapportages op tijd', ...followUps.map(() => 'op koers')],
      ['Doel 2: Klanten terugbellen', ...followUps.map(() => 'risico')],
    ]);
  });

  it('lists the support ledger: offered in the plan, given in follow-ups', () => {
    const support = tableOf(document, 'support');
    expect(support.rows[0]).toEqual(
      expect.arrayContaining([
        'Doel 1: Rapportages op tijd',
        'coaching',
        'Planningscoach, zes sessies',
        'aangeboden',
        '6',
      ]),
    );
    expect(support.rows.filter((row) => row.includes('gegeven'))).toHaveLength(
      dossier.tasks.filter((task) => task.kind === 'follow-up').length,
    );
  });

  it('records receipt and agreement apart, with the time of the receipt', () => {
    const text = textOf(document, 'acknowledgements');
    expect(text).toMatch(/Ontvangst van het plan bevestigd op \w+dag \d+ maart 2026 om \d\d:\d\d/);
    expect(text).toContain('Instemming met het plan\neens');
  });

  it('holds every HR decision with its comments and the evaluation per goal, but no completeness check', () => {
    const plan = textOf(document, 'plan');
    expect(plan).toContain('Beoordeling van het plan door HR');
    expect(plan).toContain('Helder plan.');
    const text = textOf(document, 'evaluation');
    expect(text).toContain('Bevestiging van het besluit door HR');
    expect(text).toContain('Akkoord.');
    expect(text).toContain('Doel 1: Rapportages op tijd\nbehaald\n11 van 12 weken op tijd.');
    expect(text).toContain('Besluit van de leidinggevende\ngeslaagd');
    // The completeness assessment is HR's internal report, apart from the record.
    expect(document.sections.map((section) => section.id)).not.toContain('completeness');
    const report = buildCompletenessDocument(dossier, { now: NOW });
    expect(report.title).toBe('Volledigheidsrapport (intern)');
    expect(tableOf(report, 'completeness').rows).toHaveLength(CRITERION_IDS.length);
    expect(textOf(report, 'completeness')).toMatch(/Oordeel: (In orde|Let op|Niet in orde)\n/);
  });

  it('gives the people and each term with its dates', () => {
    const text = textOf(document, 'overview');
    expect(text).toContain('Medewerker\nEva de Vries <eva@example.test>');
    expect(text).toContain('HR-adviseur\nHanna Bakker <hanna@example.test>');
    expect(text).toMatch(/Termijn 1\n\w+dag \d+ maart 2026 tot \w+dag \d+ juni 2026/);
    // A closed trajectory says nothing about needing attention.
    expect(text).not.toContain('Aandacht nodig');
  });

  it('gives every kind of task a section that shows its answers', () => {
    const covered = DOSSIER_SECTIONS.flatMap((spec) => spec.tasks);
    expect([...covered].sort()).toEqual([...TASK_KINDS].sort());
    expect(document.sections.map((section) => section.id)).toEqual(DOSSIER_SECTIONS.map((spec) => spec.id));
  });

  it('has a timeline row for every event, in time order, in Amsterdam time', () => {
    const timeline = tableOf(document, 'timeline');
    expect(timeline.rows).toHaveLength(dossier.events.length);
    // Who acted by name, with their role.
    expect(timeline.rows).toContainEqual([
      '2 mrt 2026, 09:00',
      'Traject gestart',
      'Hanna Bakker (HR-adviseur)',
    ]);
    expect(timeline.rows[0]?.[0]).toBe('2 mrt 2026, 09:00');
    expect(timeline.rows.at(-1)?.[1]).toBe('Traject afgesloten');
    const events = timeline.rows.map((row) => row[1]);
    expect(events).toContain('Taak geopend: plan');
    expect(events).toContain('Taak geopend: voortgangsgesprek 2');
    // Every mail names its recipient.
    expect(events).toContain('Mail verstuurd aan Mark Jansen (Leidinggevende): verzoek (plan)');
    expect(events).toContain('Mail verstuurd aan Eva de Vries (Medewerker): start van het traject');
    const mails = events.filter((text) => text?.startsWith('Mail verstuurd'));
    expect(mails.length).toBeGreaterThan(5);
    for (const mail of mails)
      expect(mail).toMatch(/^Mail verstuurd aan (Mark Jansen|Eva de Vries|Hanna Bakker) \(/);
  });

  it('gives every follow-up report the day it was recorded beside the day it is about', () => {
    const text = textOf(document, 'follow-ups');
    const reports = text.split(/Voortgangsgesprek \d – /).slice(1);
    expect(reports.length).toBeGreaterThan(1);
    for (const report of reports) {
      expect(report).toMatch(/^\w+dag \d+ \w+ 2026\nVerslag vastgelegd op\n\w+dag \d+ \w+ 2026 om \d\d:\d\d/);
    }
  });

  it('shows every version of the plan with HR’s review between them', () => {
    const ended = buildDossierDocument(unsuccessful(), { now: NOW });
    const plan = textOf(ended, 'plan');
    const order = [
      'Versie 1 van het plan',
      'Doel 2: Klanten terugbellen',
      'terug voor aanpassing\nToelichting van HR\nDoel 2 is niet meetbaar genoeg.',
      'Versie 2 van het plan',
      'Doel 2: Klanten terugbellen',
      'Besluit\ngoedgekeurd',
    ];
    let at = 0;
    for (const phrase of order) {
      const found = plan.indexOf(phrase, at);
      expect(found, phrase).toBeGreaterThanOrEqual(at);
      at = found + phrase.length;
    }
  });

  it('numbers an evaluation sent back by the term it judges, with HR’s reason between them', () => {
    const builder = new DossierBuilder().throughPlan().followUps().evaluation();
    builder.decisionConfirmation({ decision: 'revise', comments: 'Licht doel 2 beter toe.' });
    const revised = buildDossierDocument(builder.evaluation().decisionConfirmation().build(), { now: NOW });

    const text = textOf(revised, 'evaluation');

    expect(text.match(/Evaluatie van termijn \d/g)).toEqual([
      'Evaluatie van termijn 1',
      'Evaluatie van termijn 1',
    ]);
    expect(text).toMatch(
      /termijn 1[^]*terug voor aanpassing\nToelichting van HR\nLicht doel 2 beter toe\.[^]*termijn 1/,
    );
  });

  it('shows an unsuccessful outcome and the redeployment check', () => {
    const ended = buildDossierDocument(unsuccessful(), { now: NOW });
    const text = textOf(ended, 'evaluation');
    expect(text).toContain('niet geslaagd');
    expect(text).toContain('Herplaatsing onderzocht\nja');
    expect(text).toContain('Geen passende functie bij de binnendienst.');
    expect(textOf(ended, 'acknowledgements')).toContain('niet eens');
    // No aftercare after an unsuccessful trajectory: the section says so rather than vanishing.
    expect(textOf(ended, 'aftercare')).toBe('\nNiet vastgelegd.');
  });

  it('is drawn up in English for an English trajectory', () => {
    const english = buildDossierDocument(new DossierBuilder({ locale: 'en' }).successful().build(), {
      now: NOW,
    });
    expect(english.title).toBe('Improvement trajectory dossier');
    expect(english.sections.map((section) => section.title)).toContain('Progress per goal over time');
    expect(english.generated).toContain('1 September 2026');
  });
});

describe('the PDF', () => {
  it('holds every part of a completed dossier, readable as text', async () => {
    // Prepare
    const dossier = new DossierBuilder().successful().build();
    const document = buildDossierDocument(dossier, { now: NOW });

    // Act
    const pdf = await renderDossierPdf(document);

    // Assess
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    const info = await pdfInfo(pdf);
    expect(info.title).toBe(`Dossier verbetertraject – ${dossier.trajectory.employee.name}`);
    expect(text).toContain(`Pagina 1 van ${info.pages}`);
    for (const section of document.sections) expect(text).toContain(section.title);
    for (const phrase of [
      RESPONSES.conversation.summary,
      RESPONSES.conversation.employeePerspective,
      RESPONSES['employee-response'].response,
      'Positief: rapportages op tijd.',
      'Helder plan.',
      'Akkoord.',
      RESPONSES.evaluation.summary,
      '97% binnen een werkdag.',
      'Planningscoach, zes sessies',
      'Traject afgesloten',
    ]) {
      expect(text).toContain(phrase);
    }
  });

  it('draws what the standard fonts can, and marks what they cannot', () => {
    expect(printable('Zoë, Çelik, “quoted” – €5 …')).toBe('Zoë, Çelik, “quoted” – €5 …');
    expect(printable('Şahin Łukasz 😀')).toBe('Sahin ?ukasz ?');
  });
});

describe('the printable page', () => {
  it('shows the same sections as the PDF, with print.css and no inline code', () => {
    const dossier = new DossierBuilder().successful().build();
    const document = buildDossierDocument(dossier, { now: NOW });

    const page = renderDossierPrint(document);

    for (const section of document.sections) {
      expect(page).toContain(`<section id="${section.id}"`);
      expect(page).toContain(section.title);
    }
    expect(page).toMatch(/<link rel="stylesheet" href="\/static\/print\.css\?v=[0-9a-f]{12}"/);
    expect(page).toContain(`href="/dossiers/${dossier.trajectory.id}/dossier.pdf"`);
    expect(page).not.toMatch(/<script>|<style|style="|onclick=/i);
  });

  it('escapes what people wrote', () => {
    const dossier = new DossierBuilder()
      .identify()
      .conversation({ ...RESPONSES.conversation, summary: '<script>alert(1)</script> & "meer"' })
      .build();

    const page = renderDossierPrint(buildDossierDocument(dossier, { now: NOW }));

    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;meer&quot;');
    expect(page).not.toContain('<script>alert(1)');
  });
});

describe("the employee's reactions in the document", () => {
  it('stand under the report they are about: given, let pass, or still open', () => {
    // Prepare: a reaction to meeting 1, none to meeting 2, the evaluation's given, meeting 3's open.
    const builder = new DossierBuilder().throughPlan();
    builder.followUp(1).react('follow-up-1').followUp(2).react('follow-up-2', 'lapse');
    builder.followUps().evaluation().decisionConfirmation();
    builder.react(builder.latest('evaluation').id);
    const dossier = builder.build();
    const reactions = dossier.tasks.filter((task) => task.kind.endsWith('-reaction'));
    const open = reactions.filter((task) => task.status === 'open').map((task) => task.id);

    // Act
    const document = buildDossierDocument(dossier, { now: builder.now });

    // Assess
    const followUps = textOf(document, 'follow-ups');
    const [first, second, third] = followUps.split(/Voortgangsgesprek \d –/).slice(1);
    expect(first).toMatch(/Reactie van de medewerker \(.+\)\nIk zie het anders/);
    expect(second).toMatch(
      /De medewerker is gevraagd te reageren en heeft daar tot .+ geen gebruik van gemaakt\./,
    );
    expect(open).toContain('follow-up-reaction-3');
    expect(third).toMatch(/De medewerker kan hierop reageren tot /);
    const evaluation = textOf(document, 'evaluation');
    expect(evaluation.indexOf('Reactie van de medewerker')).toBeGreaterThan(
      evaluation.indexOf('Bevestiging van het besluit door HR'),
    );
    expect(textOf(buildCompletenessDocument(dossier, { now: builder.now }), 'completeness')).toContain(
      'Medewerker gehoord bij elke stap',
    );
  });
});

describe("the employee's self-assessments in the document", () => {
  it('stand under the follow-up they came before: given per goal with the note, or let pass', () => {
    // Prepare: a self-assessment given before meeting 1, one let pass before meeting 2, and one
    // before meeting 3 the report overtook.
    const builder = new DossierBuilder().throughPlan();
    builder.followUps();
    const dossier = builder.build();
    const about = (meeting: number) => dossier.tasks.find((task) => task.id === `follow-up-${meeting}`)!;
    const assessment = (meeting: number, extra: Partial<Dossier['tasks'][number]>) => ({
      ...about(meeting),
      id: `self-assessment-${meeting}`,
      kind: 'self-assessment' as const,
      assignee: 'employee' as const,
      about: `follow-up-${meeting}`,
      response: undefined,
      ...extra,
    });
    dossier.tasks.push(
      assessment(1, {
        status: 'done',
        response: {
          goals: [
            { goal: 1, status: 'off-track', note: 'Het terugbellen lukt nog niet.' },
            // A note without a status of the employee's own.
            { goal: 0, note: 'Hier wil ik het in het gesprek over hebben.' },
          ],
          note: 'Ik wil het over de bezetting hebben.',
        },
      }),
      assessment(2, { status: 'no-response' }),
      assessment(3, { status: 'closed' }),
    );

    // Act
    const document = buildDossierDocument(dossier, { now: builder.now });

    // Assess
    const [first, second, third] = textOf(document, 'follow-ups')
      .split(/Voortgangsgesprek \d –/)
      .slice(1);
    expect(first).toContain('Zelfbeoordeling van de medewerker, vooraf');
    expect(first).toContain('Het terugbellen lukt nog niet.');
    expect(first).toContain('geen inschatting\nHier wil ik het in het gesprek over hebben.');
    expect(first).not.toContain('undefined');
    expect(first).toContain('Toelichting van de medewerker\nIk wil het over de bezetting hebben.');
    expect(first!.indexOf('Zelfbeoordeling')).toBeGreaterThan(first!.indexOf('Verslag'));
    for (const lapsed of [second, third]) {
      expect(lapsed).toContain(
        'De medewerker is gevraagd vooraf een zelfbeoordeling te geven en heeft dat niet gedaan.',
      );
    }
    expect(textOf(buildCompletenessDocument(dossier, { now: builder.now }), 'completeness')).toContain(
      'Vooraf gaf de medewerker 1 keer een zelfbeoordeling.',
    );
  });
});
