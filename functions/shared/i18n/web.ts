import { defineMessages } from './define.ts';

/**
 * The web pages behind the mailed links: what each task asks and why, the dossier context, the
 * form's labels and hints, and the pages for a link that cannot be answered (any more).
 */
export const webMessages = /* @__PURE__ */ defineMessages({
  nl: {
    'web.brand': 'Verbetertraject',
    'web.skip': 'Naar de inhoud',
    'web.optional': '(optioneel)',
    'web.errorPrefix': 'Fout:',
    'web.errorSummary': 'Controleer het formulier',
    'web.errorSummaryIntro': 'Er is nog niets opgeslagen. Pas deze velden aan:',
    'web.dueAt': 'Deadline: {dueAt} (Nederlandse tijd)',
    'web.dueAt.optional': 'Je kunt reageren tot {dueAt} (Nederlandse tijd)',
    'web.for': 'Voor: {role}',
    'web.about': 'Verbetertraject van {employee}',
    'web.submit': 'Versturen',
    'web.jsListHint': 'Lege regels worden niet opgeslagen.',
    'web.row.area': 'Verbeterpunt {n}',
    'web.row.example': 'Voorbeeld {n}',
    'web.row.goal': 'Doel {n}',
    'web.add.area': 'Verbeterpunt toevoegen',
    'web.add.example': 'Voorbeeld toevoegen',
    'web.add.goal': 'Doel toevoegen',
    'web.remove.area': 'Verbeterpunt {n} verwijderen',
    'web.remove.example': 'Voorbeeld {n} verwijderen',
    'web.remove.goal': 'Doel {n} verwijderen',
    'web.remove': 'Verwijderen',
    'web.intro.identify':
      'Leg vast op welke punten {employee} moet verbeteren. Onderbouw elk punt met concrete voorbeelden: uit beoordelingen, verslagen of feedback van collega’s. Dat maakt het gesprek eerlijk en het dossier sterk.',
    'web.intro.conversation':
      'Leg het gesprek met {employee} vast: wat je hebt besproken, hoe {employee} er zelf naar kijkt en wat jullie hebben afgesproken. {employee} krijgt een samenvatting en kan daarop reageren.',
    'web.intro.employee-response':
      'Je leidinggevende heeft het gesprek met jou vastgelegd. Hier kun je jouw eigen kijk geven; die komt in je dossier, naast het verslag van je leidinggevende.',
    'web.intro.plan':
      'Stel het verbeterplan op met SMART-doelen: specifiek, meetbaar, met een streefwaarde en een deadline, en met de ondersteuning die je biedt. HR beoordeelt het plan voordat {employee} het krijgt.',
    'web.intro.plan-approval':
      'Beoordeel het verbeterplan voor {employee}. Keur het goed, of stuur het terug naar de leidinggevende met wat er moet veranderen.',
    'web.intro.plan-acknowledgement':
      'Dit is je verbeterplan. Bevestig dat je het hebt ontvangen. Dat betekent niet dat je het ermee eens bent; je opmerkingen komen in je dossier.',
    'web.intro.follow-up':
      'Leg het voortgangsgesprek met {employee} vast: per doel hoe het gaat. Begin bij wat goed gaat, benoem zorgen concreet en noteer welke ondersteuning je biedt.',
    'web.intro.evaluation':
      'De termijn zit erop. Beoordeel per doel het resultaat en neem een besluit: geslaagd, verlengen of niet geslaagd. HR bevestigt het besluit.',
    'web.intro.decision-confirmation':
      'Bevestig het besluit van de leidinggevende over het verbetertraject van {employee}, of stuur de evaluatie terug met wat er moet veranderen.',
    'web.intro.aftercare':
      'Enkele weken na het besluit: hoe gaat het nu met {employee} en met het team? Leg het nazorggesprek vast.',
    'web.intro.follow-up-reaction':
      'Je leidinggevende heeft het voortgangsgesprek met jou vastgelegd; hieronder staat het verslag. Hier kun je jouw eigen kijk geven; die komt in je dossier, naast het verslag. Reageren is niet verplicht, en het traject gaat intussen gewoon verder.',
    'web.intro.self-assessment':
      'Binnenkort heb je een voortgangsgesprek met je leidinggevende. Geef hier vooraf per doel aan hoe jij ervoor staat, en voeg eventueel een toelichting toe. Je leidinggevende ziet het bij het verslag van het gesprek en het komt in je dossier. Invullen is niet verplicht.',
    'web.intro.evaluation-reaction':
      'Hieronder staat de evaluatie van je verbetertraject, zoals HR die heeft bevestigd. Hier kun je jouw eigen kijk geven; die komt in je dossier, naast de evaluatie. Reageren is niet verplicht.',
    'web.intro.disagreement-response':
      '{employee} heeft de ontvangst van het verbeterplan bevestigd, maar is het er niet mee eens. Geef een antwoord: wat je met de bezwaren doet, en waarom. {employee} krijgt het per mail; het komt in het dossier.',
    'web.context.title': 'Uit het dossier',
    'web.context.reason': 'Aanleiding',
    'web.context.areas': 'Verbeterpunten',
    'web.context.conversation': 'Verslag van het gesprek',
    'web.context.conversationMissing': 'Er is geen verslag van het gesprek.',
    'web.context.followUpReport': 'Verslag van voortgangsgesprek {number} van {date}',
    'web.context.selfAssessment': 'Zelfbeoordeling van de medewerker',
    'web.context.reportMissing': 'Het verslag is niet gevonden.',
    'web.context.objection': 'Wat de medewerker bij de bevestiging schreef',
    'web.context.noComments': 'De medewerker gaf geen toelichting.',
    'web.context.goals': 'Het verbeterplan',
    'web.context.revision': 'HR vraagt om aanpassing',
    'web.context.previousPlan': 'Het vorige voorstel',
    'web.context.previousEvaluation': 'De vorige evaluatie',
    'web.context.evaluation': 'De evaluatie van de leidinggevende',
    'web.context.concerns': 'Volledigheid van het dossier',
    'web.context.concerns.intro':
      'Zo staat het dossier ervoor als je dit besluit bevestigt. Lees het voordat je bevestigt.',
    'web.context.concerns.none': 'Geen criterium schiet tekort: het dossier draagt dit besluit.',
    'web.context.concerns.override':
      'Bevestig je een niet-geslaagd traject terwijl een criterium niet in orde is, leg dan hieronder uit waarom je toch bevestigt.',
    'web.context.decision': 'Het besluit',
    'web.context.meeting': 'Voortgangsgesprek {number}, gepland op {date}.',
    'web.context.term': 'Termijn {term}, eindigt op {date}.',
    'web.context.missingReports.one':
      'Nog niet ontvangen: het verslag van {meetings}. Het kan nog worden ingestuurd via de link in de eigen mail; noem in de evaluatie wat ontbreekt.',
    'web.context.missingReports.other':
      'Nog niet ontvangen: de verslagen van {meetings}. Ze kunnen nog worden ingestuurd via de link in hun eigen mail; noem in de evaluatie wat ontbreekt.',
    'web.context.missingReport': 'voortgangsgesprek {meeting} ({date})',
    'web.context.goalNumber': 'Doel {n}: {title}',
    'web.field.title': 'Omschrijving',
    'web.field.example': 'Voorbeeld',
    'web.field.examples': 'Voorbeelden',
    'web.field.examples.hint': 'Een concrete gebeurtenis met datum of bron.',
    'web.field.heldOn': 'Datum van het gesprek',
    'web.field.heldOn.hint': 'Bijvoorbeeld 2026-03-14.',
    'web.field.heldOn.planned':
      'Ingevuld met de geplande datum. Pas hem aan als het gesprek op een andere dag was.',
    'web.prefilled.plan':
      'Het formulier bevat het vorige voorstel, met alle doelen en alle steun. Pas aan wat HR vraagt en verstuur het opnieuw.',
    'web.prefilled.evaluation':
      'Het formulier bevat de vorige evaluatie. Pas aan wat HR vraagt en verstuur het opnieuw.',
    'web.field.summary': 'Samenvatting',
    'web.field.employeePerspective': 'De kijk van de medewerker',
    'web.field.agreements': 'Afspraken',
    'web.field.explanation': 'Toelichting op het besluit',
    'web.field.explanation.hint':
      'Verplicht als het besluit afwijkt van de resultaten per doel (bijvoorbeeld niet geslaagd terwijl elk doel is behaald).',
    'web.field.response': 'Jouw reactie',
    'web.field.reaction': 'Jouw reactie',
    'web.field.answer': 'Je antwoord aan de medewerker',
    'web.field.reaction.hint': 'Wat herken je, wat zie je anders, wat wil je toevoegen?',
    'web.field.goalTitle': 'Doel',
    'web.field.specific': 'Specifiek: wat precies',
    'web.field.measure': 'Meetbaar: hoe meet je het',
    'web.field.specific.short': 'Specifiek',
    'web.field.measure.short': 'Meetbaar',
    'web.field.target': 'Streefwaarde',
    'web.field.deadline': 'Deadline',
    'web.field.support': 'Ondersteuning',
    'web.field.decision': 'Jouw besluit',
    'web.field.comments': 'Opmerkingen',
    'web.field.comments.reviseHint': 'Verplicht als je om aanpassing vraagt.',
    'web.field.acknowledged': 'Ik heb het verbeterplan ontvangen en gelezen',
    'web.field.status': 'Voortgang',
    'web.field.notes': 'Toelichting',
    'web.field.selfAssessmentNote': 'Algemene toelichting',
    'web.field.selfAssessmentNote.hint': 'Wat wil je je leidinggevende vooraf laten weten?',
    'web.field.outcome': 'Resultaat',
    'web.field.evaluationDecision': 'Besluit over het traject',
    'web.field.extendWeeks': 'Verlengen met (weken)',
    'web.field.extendWeeks.hint': 'Alleen bij verlengen.',
    'web.field.employeeNotes': 'Hoe gaat het met de medewerker',
    'web.field.teamNotes': 'Hoe gaat het met het team',
    'web.option.approve': 'Goedkeuren',
    'web.option.revise': 'Terugsturen voor aanpassing',
    'web.option.on-track': 'Op koers',
    'web.option.at-risk': 'Risico',
    'web.option.off-track': 'Niet op koers',
    'web.option.noStatus': 'Geen inschatting',
    'web.field.selfAssessmentStatus.hint':
      'Niet verplicht: je kunt ook alleen een toelichting geven, of een doel overslaan.',
    'web.option.achieved': 'Behaald',
    'web.option.partially': 'Deels behaald',
    'web.option.not-achieved': 'Niet behaald',
    'web.option.successful': 'Geslaagd',
    'web.option.extend': 'Verlengen',
    'web.option.unsuccessful': 'Niet geslaagd',
    'web.done.title': 'Dank je wel',
    'web.done.body':
      'Deze taak is afgerond en het antwoord staat in het dossier. Je hoeft niets meer te doen.',
    'web.noResponse.title': 'De termijn is verstreken',
    'web.noResponse.body':
      'De deadline van deze taak is voorbij; in het dossier staat dat er geen reactie is gegeven. Neem contact op met je HR-adviseur als je toch wilt reageren.',
    'web.paused.title': 'Het traject staat stil',
    'web.paused.kept':
      'Er is niets opgeslagen. Wat je hebt ingevuld staat hieronder nog in het formulier: verstuur het opnieuw zodra het traject weer loopt, of bewaar de tekst zelf.',
    'web.closed.title': 'Deze taak is gesloten',
    'web.closed.body':
      'Het verbetertraject is afgesloten of geannuleerd, of de taak is vervallen. Je hoeft niets meer te doen.',
    'web.unknown.title': 'Deze link kennen we niet',
    'web.used.title': 'Deze taak is al afgerond',
    'web.crossSite.title': 'Dit formulier kwam niet van deze site',
    'web.crossSite.body':
      'Om je te beschermen nemen we alleen antwoorden aan die op deze pagina zelf zijn ingevuld. Open de link uit de e-mail opnieuw.',
    'web.error.title': 'Dat lukte niet',
  },
  en: {
    'web.brand': 'Improvement trajectory',
    'web.skip': 'Skip to content',
    'web.optional': '(optional)',
    'web.errorPrefix': 'Error:',
    'web.errorSummary': 'Please check the form',
    'web.errorSummaryIntro': 'Nothing has been saved yet. Please correct these fields:',
    'web.dueAt': 'Deadline: {dueAt} (Dutch time)',
    'web.dueAt.optional': 'You can respond until {dueAt} (Dutch time)',
    'web.for': 'For: {role}',
    'web.about': 'Improvement trajectory of {employee}',
    'web.submit': 'Submit',
    'web.jsListHint': 'Empty rows are not saved.',
    'web.row.area': 'Improvement area {n}',
    'web.row.example': 'Example {n}',
    'web.row.goal': 'Goal {n}',
    'web.add.area': 'Add an improvement area',
    'web.add.example': 'Add an example',
    'web.add.goal': 'Add a goal',
    'web.remove.area': 'Remove improvement area {n}',
    'web.remove.example': 'Remove example {n}',
    'web.remove.goal': 'Remove goal {n}',
    'web.remove': 'Remove',
    'web.intro.identify':
      'Record where {employee} needs to improve. Back each area with concrete examples: from performance reviews, reports or colleague feedback. That keeps the conversation fair and the dossier sound.',
    'web.intro.conversation':
      'Record the conversation with {employee}: what you discussed, how {employee} sees it and what you agreed. {employee} receives a summary and can respond to it.',
    'web.intro.employee-response':
      'Your manager has recorded the conversation with you. Here you can give your own view; it goes into your dossier next to your manager’s account.',
    'web.intro.plan':
      'Draw up the improvement plan with SMART goals: specific, measurable, with a target and a deadline, and the support you offer. HR reviews the plan before {employee} receives it.',
    'web.intro.plan-approval':
      'Review the improvement plan for {employee}. Approve it, or send it back to the manager saying what should change.',
    'web.intro.plan-acknowledgement':
      'This is your improvement plan. Please confirm that you received it. That does not mean you agree with it; your comments go into your dossier.',
    'web.intro.follow-up':
      'Record the follow-up conversation with {employee}: how each goal is going. Start with what goes well, name concerns concretely and note the support you offer.',
    'web.intro.evaluation':
      'The term is over. Assess the result for each goal and decide: successful, extend or unsuccessful. HR confirms the decision.',
    'web.intro.decision-confirmation':
      'Confirm the manager’s decision on the improvement trajectory of {employee}, or send the evaluation back saying what should change.',
    'web.intro.aftercare':
      'Some weeks after the decision: how are {employee} and the team doing now? Record the aftercare conversation.',
    'web.intro.follow-up-reaction':
      'Your manager has recorded the follow-up meeting with you; the report is below. Here you can give your own view; it goes into your file, next to the report. Reacting is not required, and the trajectory carries on meanwhile.',
    'web.intro.self-assessment':
      'You have a follow-up meeting with your manager soon. Say here beforehand where you stand on each goal, with a note if you like. Your manager sees it with the report of the meeting, and it goes into your file. Filling it in is not required.',
    'web.intro.evaluation-reaction':
      'Below is the evaluation of your improvement trajectory, as HR confirmed it. Here you can give your own view; it goes into your file, next to the evaluation. Reacting is not required.',
    'web.intro.disagreement-response':
      '{employee} has acknowledged receipt of the improvement plan, but disagrees with it. Give an answer: what you do with the objections, and why. {employee} receives it by mail; it goes into the file.',
    'web.context.title': 'From the dossier',
    'web.context.reason': 'Reason',
    'web.context.areas': 'Improvement areas',
    'web.context.conversation': 'Record of the conversation',
    'web.context.conversationMissing': 'There is no record of the conversation.',
    'web.context.followUpReport': 'Report of follow-up meeting {number} of {date}',
    'web.context.selfAssessment': 'The employee’s self-assessment',
    'web.context.reportMissing': 'The report was not found.',
    'web.context.objection': 'What the employee wrote with the acknowledgement',
    'web.context.noComments': 'The employee gave no comments.',
    'web.context.goals': 'The improvement plan',
    'web.context.revision': 'HR asks for changes',
    'web.context.previousPlan': 'The previous proposal',
    'web.context.previousEvaluation': 'The previous evaluation',
    'web.context.evaluation': 'The manager’s evaluation',
    'web.context.concerns': 'Completeness of the dossier',
    'web.context.concerns.intro':
      'This is how the dossier stands if you confirm this decision. Read it before you confirm.',
    'web.context.concerns.none': 'No criterion falls short: the dossier carries this decision.',
    'web.context.concerns.override':
      'If you confirm an unsuccessful trajectory while a criterion is not in order, explain below why you confirm all the same.',
    'web.context.decision': 'The decision',
    'web.context.meeting': 'Follow-up conversation {number}, planned for {date}.',
    'web.context.term': 'Term {term}, ends on {date}.',
    'web.context.missingReports.one':
      'Not received yet: the report of {meetings}. It can still be sent through the link in its own mail; say in the evaluation what is missing.',
    'web.context.missingReports.other':
      'Not received yet: the reports of {meetings}. They can still be sent through the link in their own mails; say in the evaluation what is missing.',
    'web.context.missingReport': 'follow-up meeting {meeting} ({date})',
    'web.context.goalNumber': 'Goal {n}: {title}',
    'web.field.title': 'Description',
    'web.field.example': 'Example',
    'web.field.examples': 'Examples',
    'web.field.examples.hint': 'A concrete event with its date or source.',
    'web.field.heldOn': 'Date of the conversation',
    'web.field.heldOn.hint': 'For example 2026-03-14.',
    'web.field.heldOn.planned':
      'Filled in with the planned date. Change it if the meeting was on another day.',
    'web.prefilled.plan':
      'The form holds the previous proposal, with every goal and all support. Change what HR asks for and send it again.',
    'web.prefilled.evaluation':
      'The form holds the previous evaluation. Change what HR asks for and send it again.',
    'web.field.summary': 'Summary',
    'web.field.employeePerspective': 'The employee’s perspective',
    'web.field.agreements': 'Agreements',
    'web.field.explanation': 'Explanation of the decision',
    'web.field.explanation.hint':
      'Required when the decision differs from the results per goal (for example unsuccessful while every goal was achieved).',
    'web.field.response': 'Your response',
    'web.field.reaction': 'Your reaction',
    'web.field.answer': 'Your answer to the employee',
    'web.field.reaction.hint': 'What do you recognise, what do you see differently, what would you add?',
    'web.field.goalTitle': 'Goal',
    'web.field.specific': 'Specific: what exactly',
    'web.field.measure': 'Measurable: how is it measured',
    'web.field.specific.short': 'Specific',
    'web.field.measure.short': 'Measurable',
    'web.field.target': 'Target',
    'web.field.deadline': 'Deadline',
    'web.field.support': 'Support',
    'web.field.decision': 'Your decision',
    'web.field.comments': 'Comments',
    'web.field.comments.reviseHint': 'Required when you ask for changes.',
    'web.field.acknowledged': 'I have received and read the improvement plan',
    'web.field.status': 'Progress',
    'web.field.notes': 'Notes',
    'web.field.selfAssessmentNote': 'General note',
    'web.field.selfAssessmentNote.hint': 'What would you like your manager to know beforehand?',
    'web.field.outcome': 'Result',
    'web.field.evaluationDecision': 'Decision on the trajectory',
    'web.field.extendWeeks': 'Extend by (weeks)',
    'web.field.extendWeeks.hint': 'Only when extending.',
    'web.field.employeeNotes': 'How the employee is doing',
    'web.field.teamNotes': 'How the team is doing',
    'web.option.approve': 'Approve',
    'web.option.revise': 'Send back for changes',
    'web.option.on-track': 'On track',
    'web.option.at-risk': 'At risk',
    'web.option.off-track': 'Off track',
    'web.option.noStatus': 'No assessment',
    'web.field.selfAssessmentStatus.hint': 'Optional: you can also give a note only, or skip a goal.',
    'web.option.achieved': 'Achieved',
    'web.option.partially': 'Partially achieved',
    'web.option.not-achieved': 'Not achieved',
    'web.option.successful': 'Successful',
    'web.option.extend': 'Extend',
    'web.option.unsuccessful': 'Unsuccessful',
    'web.done.title': 'Thank you',
    'web.done.body': 'This task is done and the answer is in the dossier. There is nothing more to do.',
    'web.noResponse.title': 'The deadline has passed',
    'web.noResponse.body':
      'The deadline of this task is over; the dossier records that no response was given. Contact your HR advisor if you still want to respond.',
    'web.paused.title': 'The trajectory is on hold',
    'web.paused.kept':
      'Nothing was saved. What you filled in is still in the form below: send it again once the trajectory runs again, or keep the text yourself.',
    'web.closed.title': 'This task is closed',
    'web.closed.body':
      'The improvement trajectory has ended or was cancelled, or the task lapsed. There is nothing more to do.',
    'web.unknown.title': 'We do not know this link',
    'web.used.title': 'This task is already done',
    'web.crossSite.title': 'This form did not come from this site',
    'web.crossSite.body':
      'To protect you we only accept answers filled in on this page itself. Please open the link from the email again.',
    'web.error.title': 'That did not work',
  },
});
