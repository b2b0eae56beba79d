import { defineMessages } from './define.ts';

/**
 * The evidence a dossier needs beyond the contract's bodies: the support ledger per goal, the
 * employee's receipt of the plan apart from their agreement with it, and whether redeployment
 * was considered before a trajectory ends unsuccessfully. Form labels, options, the dossier's
 * section and the field error that only the dossier's context can raise.
 */
export const evidenceMessages = /* @__PURE__ */ defineMessages({
  nl: {
    'validation.redeploymentRequired':
      'Leg vast of herplaatsing binnen de organisatie is onderzocht en wat daaruit kwam, voordat je een niet-geslaagd traject bevestigt.',
    'evidence.ledger.legend': 'Ondersteuning per doel',
    'evidence.ledger.hint.plan':
      'Welke ondersteuning bied je aan bij welk doel: een cursus, coaching, een mentor, tijd? Meestal is die nu "aangeboden".',
    'evidence.ledger.hint.follow-up':
      'Welke ondersteuning heeft de medewerker sinds het vorige gesprek gekregen, of wat bied je nieuw aan? Lege regels worden niet opgeslagen.',
    'evidence.row.ledger': 'Ondersteuning {n}',
    'evidence.add.ledger': 'Ondersteuning toevoegen',
    'evidence.remove.ledger': 'Ondersteuning {n} verwijderen',
    'evidence.field.goal': 'Bij doel',
    'evidence.field.goal.choose': 'Kies een doel',
    'evidence.field.goal.number': 'Doel {n}',
    'evidence.field.kind': 'Soort ondersteuning',
    'evidence.field.description': 'Omschrijving',
    'evidence.field.status': 'Stand',
    'evidence.field.hours': 'Uren',
    'evidence.field.hours.hint': 'Bijvoorbeeld 8 of 1,5.',
    'evidence.kind.course': 'Cursus of training',
    'evidence.kind.coaching': 'Coaching',
    'evidence.kind.mentor': 'Mentor of buddy',
    'evidence.kind.time': 'Tijd of ruimte in het werk',
    'evidence.kind.other': 'Anders',
    'evidence.status.offered': 'Aangeboden',
    'evidence.status.given': 'Gegeven',
    'evidence.receipt.legend': 'Ontvangst',
    'evidence.receipt.hint':
      'Verplicht. Je bevestigt alleen dat je het plan hebt gekregen en gelezen, niet dat je het ermee eens bent.',
    'evidence.agreement.legend': 'Ben je het eens met het plan?',
    'evidence.agreement.hint':
      'Jouw eigen keuze; je mag dit openlaten. Licht het toe bij je opmerkingen: die komen in je dossier.',
    'evidence.agreement.agree': 'Ik ben het ermee eens',
    'evidence.agreement.partly': 'Ik ben het er deels mee eens',
    'evidence.agreement.disagree': 'Ik ben het er niet mee eens',
    'evidence.redeployment.legend': 'Herplaatsing',
    'evidence.redeployment.hint':
      'De leidinggevende vindt het traject niet geslaagd. Leg vast of herplaatsing in een andere passende functie is onderzocht en wat daaruit kwam. Verplicht als je het besluit goedkeurt.',
    'evidence.redeployment.considered': 'Is herplaatsing onderzocht?',
    'evidence.redeployment.yes': 'Ja',
    'evidence.redeployment.no': 'Nee',
    'evidence.redeployment.outcome': 'Uitkomst',
    'evidence.redeployment.outcome.hint':
      'Welke functies zijn bekeken en waarom die wel of niet passen; of waarom herplaatsing niet is onderzocht.',
    'evidence.override.reason': 'Reden om het ongunstige einde toch te bevestigen',
    'evidence.override.hint':
      'Alleen nodig als het dossier een ongunstig einde nog niet draagt (een te korte termijn of een onderdeel van de volledigheidscheck dat niet in orde is). De reden komt in het dossier.',
    'evidence.section.goal': 'Doel {n}: {title}',
    'evidence.section.goalUnknown': 'Doel {n}',
    'evidence.section.entry': '{kind} – {status}',
    'evidence.section.hours': '{hours} uur',
    'evidence.section.source.plan': 'in het plan',
    'evidence.section.source.follow-up': 'in een voortgangsgesprek',
  },
  en: {
    'validation.redeploymentRequired':
      'Record whether redeployment within the organisation was looked into and what came of it before you confirm an unsuccessful trajectory.',
    'evidence.ledger.legend': 'Support per goal',
    'evidence.ledger.hint.plan':
      'Which support do you offer for which goal: a course, coaching, a mentor, time? Usually it is "offered" at this point.',
    'evidence.ledger.hint.follow-up':
      'Which support did the employee receive since the last conversation, or what do you newly offer? Empty rows are not saved.',
    'evidence.row.ledger': 'Support {n}',
    'evidence.add.ledger': 'Add support',
    'evidence.remove.ledger': 'Remove support {n}',
    'evidence.field.goal': 'For goal',
    'evidence.field.goal.choose': 'Choose a goal',
    'evidence.field.goal.number': 'Goal {n}',
    'evidence.field.kind': 'Kind of support',
    'evidence.field.description': 'Description',
    'evidence.field.status': 'Status',
    'evidence.field.hours': 'Hours',
    'evidence.field.hours.hint': 'For example 8 or 1.5.',
    'evidence.kind.course': 'Course or training',
    'evidence.kind.coaching': 'Coaching',
    'evidence.kind.mentor': 'Mentor or buddy',
    'evidence.kind.time': 'Time or room in the work',
    'evidence.kind.other': 'Other',
    'evidence.status.offered': 'Offered',
    'evidence.status.given': 'Given',
    'evidence.receipt.legend': 'Receipt',
    'evidence.receipt.hint':
      'Required. You only confirm that you received and read the plan, not that you agree with it.',
    'evidence.agreement.legend': 'Do you agree with the plan?',
    'evidence.agreement.hint':
      'Your own choice; you may leave it open. Explain it in your comments: they go into your dossier.',
    'evidence.agreement.agree': 'I agree with it',
    'evidence.agreement.partly': 'I partly agree with it',
    'evidence.agreement.disagree': 'I do not agree with it',
    'evidence.redeployment.legend': 'Redeployment',
    'evidence.redeployment.hint':
      'The manager finds the trajectory unsuccessful. Record whether redeployment to another suitable position was looked into and what came of it. Required when you approve the decision.',
    'evidence.redeployment.considered': 'Was redeployment looked into?',
    'evidence.redeployment.yes': 'Yes',
    'evidence.redeployment.no': 'No',
    'evidence.redeployment.outcome': 'Outcome',
    'evidence.redeployment.outcome.hint':
      'Which positions were considered and why they do or do not fit; or why redeployment was not looked into.',
    'evidence.override.reason': 'Reason to confirm the unsuccessful end all the same',
    'evidence.override.hint':
      'Only needed when the dossier does not yet carry an unsuccessful end (a term too short, or a completeness criterion not met). The reason becomes part of the dossier.',
    'evidence.section.goal': 'Goal {n}: {title}',
    'evidence.section.goalUnknown': 'Goal {n}',
    'evidence.section.entry': '{kind} – {status}',
    'evidence.section.hours': '{hours} hours',
    'evidence.section.source.plan': 'in the plan',
    'evidence.section.source.follow-up': 'in a follow-up conversation',
  },
});
