import { defineMessages } from './define.ts';

/**
 * The dossier-completeness check (docs/completeness.md): per criterion its name, why it has its
 * status and what to do about it, and how the dashboard shows it.
 */
export const completenessMessages = /* @__PURE__ */ defineMessages({
  nl: {
    'completeness.title': 'Volledigheid van het dossier',
    'completeness.intro':
      'Zou dit dossier standhouden bij een ontslag wegens disfunctioneren? Per punt: de stand, waarom, en wat er te doen is.',
    'completeness.overall': 'Oordeel',
    'completeness.notApplicable': 'Niet van toepassing',
    'completeness.cancelled':
      'Het traject is geannuleerd; aan een onvoltooid dossier valt niets te beoordelen.',
    'completeness.col': 'Dossier',
    'completeness.todo': 'Te doen',
    'completeness.status.pass': 'In orde',
    'completeness.status.warning': 'Let op',
    'completeness.status.fail': 'Niet in orde',
    'completeness.status.pending': 'Nog niet aan de orde',

    'completeness.criterion.improvement-areas': 'Verbeterpunten met concrete voorbeelden',
    'completeness.criterion.conversation': 'Gesprek gevoerd, visie van de medewerker gevraagd',
    'completeness.criterion.causes-followed-up': 'Genoemde oorzaken opgevolgd',
    'completeness.criterion.smart-goals': 'SMART-doelen',
    'completeness.criterion.support': 'Ondersteuning aangeboden en gegeven',
    'completeness.criterion.hr-approved-plan': 'HR betrokken bij het plan',
    'completeness.criterion.consequence-statement': 'Gevolgen vooraf duidelijk gemaakt',
    'completeness.criterion.plan-acknowledged': 'Medewerker heeft het plan ontvangen',
    'completeness.criterion.term-length': 'Redelijke termijn',
    'completeness.criterion.follow-up-cadence': 'Voortgangsgesprekken volgens afspraak',
    'completeness.criterion.follow-up-summaries': 'Verslag na elk voortgangsgesprek',
    'completeness.criterion.evaluation-per-goal': 'Evaluatie per doel',
    'completeness.criterion.hr-confirmed-decision': 'HR betrokken bij het besluit',
    'completeness.criterion.redeployment': 'Herplaatsing overwogen',
    'completeness.criterion.outcome-informed': 'Medewerker geïnformeerd over de uitkomst',
    'completeness.criterion.employee-heard': 'Medewerker gehoord bij elke stap',
    'completeness.criterion.aftercare': 'Nazorg',

    'completeness.pending.phase': 'Nog niet aan de orde: dit hoort bij de fase “{phase}”.',
    'completeness.pending.cancelled':
      'Het traject is geannuleerd voordat dit aan de orde kwam; hier ontbreekt niets.',
    'completeness.goal': 'doel {number}',
    'completeness.meeting': 'gesprek {number}',
    'completeness.cause.health': 'gezondheid',
    'completeness.cause.working-conditions': 'arbeidsomstandigheden',
    'completeness.decision.successful': 'geslaagd',
    'completeness.decision.extend': 'verlengen',
    'completeness.decision.unsuccessful': 'niet geslaagd',

    'completeness.improvement-areas.pass':
      'Verbeterpunten: {count}; elk heeft ten minste één concreet voorbeeld.',
    'completeness.improvement-areas.none': 'Er zijn geen verbeterpunten vastgelegd.',
    'completeness.improvement-areas.noExamples': 'Verbeterpunten zonder concreet voorbeeld: {areas}.',
    'completeness.improvement-areas.todo':
      'Leg elk verbeterpunt vast met concrete voorbeelden: beoordelingen, verslagen, feedback van collega’s.',

    'completeness.conversation.pass': 'Gesprek gevoerd op {heldOn}; de medewerker heeft zelf gereageerd.',
    'completeness.conversation.noResponse':
      'Gesprek gevoerd op {heldOn}; de medewerker is uitgenodigd om te reageren, maar deed dat niet.',
    'completeness.conversation.noResponseTodo':
      'Niet verplicht. Vraag in het volgende gesprek nog eens naar de visie van de medewerker en leg die vast.',
    'completeness.conversation.waiting':
      'Gesprek gevoerd op {heldOn}; de uitnodiging aan de medewerker om te reageren staat nog open.',
    'completeness.conversation.notHeld': 'Er is geen gesprek vastgelegd, terwijl het traject al verder is.',
    'completeness.conversation.notHeldTodo':
      'Voer het gesprek (de situatie met voorbeelden, de visie van de medewerker, mogelijke oorzaken) en leg het vast.',
    'completeness.conversation.notInvited':
      'Gesprek gevoerd op {heldOn}, maar de medewerker is niet uitgenodigd om zelf te reageren.',
    'completeness.conversation.notInvitedTodo':
      'Nodig de medewerker alsnog uit om een eigen reactie aan het dossier toe te voegen.',

    'completeness.smart-goals.pass':
      'Doelen: {count}; elk is specifiek, met een meetmethode, een norm, een deadline en ondersteuning.',
    'completeness.smart-goals.none': 'Het plan heeft geen doelen.',
    'completeness.smart-goals.incomplete': 'Niet SMART: {goals}.',
    'completeness.smart-goals.todo':
      'Maak elk doel SMART: specifiek, met een meetmethode, een norm, een deadline en aangeboden ondersteuning.',
    'completeness.smart-goals.late': 'Deadline na het einde van de termijn ({termEnd}): {goals}.',
    'completeness.smart-goals.lateTodo':
      'Leg deadlines binnen de termijn, anders zijn ze bij de evaluatie niet te beoordelen.',
    'completeness.field.specific': 'specifiek',
    'completeness.field.measure': 'meetmethode',
    'completeness.field.target': 'norm',
    'completeness.field.deadline': 'deadline',
    'completeness.field.support': 'ondersteuning',
    'completeness.goalMissing': '{goal} (ontbreekt: {fields})',

    'completeness.support.pass': 'Bij elk doel is ondersteuning aangeboden; als gegeven vastgelegd: {given}.',
    'completeness.support.hours': '{count} keer, {hours} uur',
    'completeness.support.notOffered': 'Geen ondersteuning aangeboden bij {goals}.',
    'completeness.support.notOfferedTodo':
      'Bied per doel concrete ondersteuning aan (cursus, coaching, mentor, tijd) en leg die vast.',
    'completeness.support.notGiven':
      'Ondersteuning is aangeboden, maar tot en met de evaluatie is niets als gegeven vastgelegd.',
    'completeness.support.notGivenTodo':
      'Leg vast welke ondersteuning de medewerker werkelijk heeft gekregen, en wanneer.',

    'completeness.hr-approved-plan.pass': 'De HR-adviseur heeft het plan goedgekeurd op {date}.',
    'completeness.consequence-statement.pass':
      'Het plan vermeldt wat er gebeurt als de doelen niet worden gehaald; de HR-adviseur keurde het goed op {date}, en de medewerker kreeg het met het plan.',
    'completeness.consequence-statement.waiting': 'De gevolgenparagraaf wordt met het plan goedgekeurd.',
    'completeness.consequence-statement.missing':
      'Het plan vermeldt niet wat er gebeurt als de doelen niet worden gehaald.',
    'completeness.consequence-statement.todo':
      'Laat de medewerker schriftelijk weten wat de gevolgen zijn als de doelen niet worden gehaald, en leg vast wanneer.',
    'completeness.causes-followed-up.none':
      'In het gesprek is geen oorzaak genoemd die bij de gezondheid of de werkomstandigheden ligt.',
    'completeness.causes-followed-up.pass': 'HR heeft de genoemde oorzaken ({causes}) opgevolgd op {date}.',
    'completeness.causes-followed-up.open': 'HR volgt de genoemde oorzaken ({causes}) op, uiterlijk {dueAt}.',
    'completeness.causes-followed-up.overdue':
      'HR had de genoemde oorzaken ({causes}) uiterlijk {dueAt} moeten opvolgen.',
    'completeness.causes-followed-up.missing':
      'Niets laat zien dat HR de genoemde oorzaken ({causes}) heeft opgevolgd.',
    'completeness.causes-followed-up.todo':
      'Volg de genoemde oorzaken op (bijvoorbeeld een verwijzing naar de bedrijfsarts of een aanpassing van de werkdruk) en leg vast wat er is gedaan.',
    'completeness.hr-approved-plan.waiting': 'Het plan wacht op de goedkeuring van de HR-adviseur.',
    'completeness.hr-approved-plan.revise': 'De HR-adviseur heeft om een aangepast plan gevraagd.',
    'completeness.hr-approved-plan.fail':
      'De termijn loopt zonder dat de HR-adviseur het plan heeft goedgekeurd.',
    'completeness.hr-approved-plan.todo':
      'Laat de HR-adviseur het plan beoordelen en vastleggen dat het akkoord is.',

    'completeness.plan-acknowledged.pass':
      'De medewerker heeft de ontvangst van het plan bevestigd op {date}.',
    'completeness.plan-acknowledged.agree': 'De medewerker is het eens met het plan.',
    'completeness.plan-acknowledged.partly': 'De medewerker is het deels eens met het plan.',
    'completeness.plan-acknowledged.disagree':
      'De medewerker is het niet eens met het plan; dat maakt het dossier niet onvolledig (ontvangst telt).',
    'completeness.plan-acknowledged.waiting':
      'De medewerker heeft de ontvangst van het plan nog niet bevestigd.',
    'completeness.plan-acknowledged.noResponse':
      'De medewerker heeft de ontvangst van het plan niet bevestigd binnen de termijn.',
    'completeness.plan-acknowledged.mailed': 'Het plan is wel per mail aan de medewerker gestuurd.',
    'completeness.plan-acknowledged.noResponseTodo':
      'Overhandig het plan persoonlijk en leg vast wanneer de medewerker het heeft ontvangen.',
    'completeness.plan-acknowledged.fail':
      'De termijn loopt zonder dat de medewerker het plan heeft ontvangen.',
    'completeness.plan-acknowledged.todo': 'Geef de medewerker het plan en laat de ontvangst bevestigen.',

    'completeness.term-length.pass': 'Termijn: {weeks} weken, verlengingen meegeteld (minimaal {min}).',
    'completeness.term-length.planned':
      'De termijn begint als de medewerker het plan heeft ontvangen; gepland: {weeks} weken.',
    'completeness.term-length.short':
      'De termijn is {weeks} weken, verlengingen meegeteld: korter dan de {min} weken die als redelijk gelden.',
    'completeness.term-length.shortTodo': 'Verleng de termijn bij de evaluatie tot minstens {min} weken.',
    'completeness.term-length.tooShort':
      'Het traject is niet geslaagd na {weeks} weken, korter dan de {min} weken die als redelijk gelden.',
    'completeness.term-length.tooShortTodo':
      'Geef de medewerker een nieuwe, redelijke termijn van minstens {min} weken voordat je verdere stappen zet.',

    'completeness.follow-up-cadence.pass':
      'Gehouden voortgangsgesprekken: {held}; de langste tussenpoos was {longest} dagen (toegestaan: {limit}).',
    'completeness.follow-up-cadence.gaps':
      'Te lang zonder voortgangsgesprek (afgesproken: elke {every} dagen, toegestaan: {limit}): {gaps}.',
    'completeness.follow-up-cadence.gap': '{days} dagen van {from} tot {to}',
    'completeness.follow-up-cadence.openGap': '{days} dagen sinds {from}, nog zonder gesprek',
    'completeness.follow-up-cadence.todo':
      'Houd het gemiste voortgangsgesprek zo snel mogelijk, leg het vast en houd daarna de afgesproken regelmaat aan; overweeg de termijn te verlengen.',
    'completeness.follow-up-cadence.start': 'het begin van de termijn ({date})',
    'completeness.follow-up-cadence.end': 'het einde van de termijn ({date})',

    'completeness.employee-heard.pass':
      'Bij elk verslag ({offered}) kon de medewerker een eigen reactie geven; dat deed de medewerker {reacted} keer.',
    'completeness.employee-heard.selfAssessed':
      'Vooraf gaf de medewerker {assessed} keer een zelfbeoordeling.',
    'completeness.employee-heard.waiting': 'Er is nog geen verslag waarop de medewerker kan reageren.',
    'completeness.employee-heard.none':
      'Het traject is afgesloten zonder een verslag waarop de medewerker kon reageren.',
    'completeness.employee-heard.missing': 'De medewerker kon niet reageren op {reports}.',
    'completeness.employee-heard.evaluation': 'de evaluatie van {date}',
    'completeness.employee-heard.todo':
      'Stuur de medewerker die verslagen alsnog, vraag om een eigen reactie en neem die op in het dossier.',

    'completeness.follow-up-summaries.pass':
      'Na elk voortgangsgesprek ({count}) kreeg de medewerker een verslag per mail.',
    'completeness.follow-up-summaries.waiting': 'Er is nog geen voortgangsgesprek gehouden.',
    'completeness.follow-up-summaries.none':
      'Er is geen voortgangsgesprek gehouden, dus ook geen verslag aan de medewerker gestuurd.',
    'completeness.follow-up-summaries.missing': 'Geen verslag aan de medewerker na {meetings}.',
    'completeness.follow-up-summaries.todo':
      'Stuur de medewerker alsnog een schriftelijk verslag van die gesprekken en leg vast wanneer.',

    'completeness.evaluation-per-goal.pass': 'De evaluatie geeft voor elk doel ({count}) een uitkomst.',
    'completeness.evaluation-per-goal.missing': 'Geen uitkomst vastgelegd voor {goals}.',
    'completeness.evaluation-per-goal.none': 'Het traject is afgesloten zonder evaluatie.',
    'completeness.evaluation-per-goal.todo':
      'Beoordeel bij de evaluatie elk doel afzonderlijk, met toelichting.',

    'completeness.hr-confirmed-decision.pass':
      'De HR-adviseur heeft het besluit “{decision}” bevestigd op {date}.',
    'completeness.hr-confirmed-decision.waiting': 'Het besluit wacht op de bevestiging van de HR-adviseur.',
    'completeness.hr-confirmed-decision.revise': 'De HR-adviseur heeft om een herziene evaluatie gevraagd.',
    'completeness.hr-confirmed-decision.fail':
      'Het traject is afgesloten zonder dat HR het besluit bevestigde.',
    'completeness.hr-confirmed-decision.todo': 'Laat de HR-adviseur het besluit beoordelen en bevestigen.',

    'completeness.redeployment.pass': 'Herplaatsing is overwogen: {outcome}',
    'completeness.redeployment.notApplicable': 'Niet van toepassing: het traject is geslaagd.',
    'completeness.redeployment.waiting':
      'De evaluatie luidt “niet geslaagd”; de HR-adviseur legt bij de bevestiging vast of herplaatsing is overwogen.',
    'completeness.redeployment.waitingTodo':
      'Onderzoek herplaatsing in een andere passende functie, eventueel met scholing, en leg de uitkomst vast bij de bevestiging.',
    'completeness.redeployment.notYet': 'Komt aan de orde als het traject niet slaagt.',
    'completeness.redeployment.missing':
      'Het traject is niet geslaagd, maar nergens staat dat herplaatsing is overwogen.',
    'completeness.redeployment.notConsidered': 'Vastgelegd is dat herplaatsing niet is overwogen.',
    'completeness.redeployment.todo':
      'Onderzoek herplaatsing in een andere passende functie, eventueel met scholing, en leg de uitkomst vast.',

    'completeness.outcome-informed.pass': 'De medewerker kreeg de uitkomst “{decision}” per mail op {date}.',
    'completeness.outcome-informed.waiting': 'Er is nog geen bevestigd besluit om over te informeren.',
    'completeness.outcome-informed.missing':
      'Geen mail met de uitkomst aan de medewerker vastgelegd voor het besluit “{decision}”.',
    'completeness.outcome-informed.none': 'Het traject is afgesloten zonder bevestigd besluit.',
    'completeness.outcome-informed.todo':
      'Informeer de medewerker schriftelijk over de uitkomst en de redenen, en leg vast wanneer.',

    'completeness.aftercare.pass': 'Nazorg vastgelegd op {date}.',
    'completeness.aftercare.notRequired': 'Niet vereist: het traject is niet geslaagd.',
    'completeness.aftercare.planned': 'Het nazorggesprek volgt enkele weken na het besluit.',
    'completeness.aftercare.overdue': 'Het verslag van het nazorggesprek is te laat (deadline {dueAt}).',
    'completeness.aftercare.missing': 'Het traject is geslaagd afgesloten zonder nazorggesprek.',
    'completeness.aftercare.todo':
      'Vraag de leidinggevende hoe het nu gaat met de medewerker en het team, en leg dat vast.',
  },
  en: {
    'completeness.title': 'Dossier completeness',
    'completeness.intro':
      'Would this dossier hold in a dismissal for unsuitability? Per point: its status, why, and what to do.',
    'completeness.overall': 'Overall',
    'completeness.notApplicable': 'Not applicable',
    'completeness.cancelled': 'The trajectory was cancelled; an unfinished dossier has nothing to judge.',
    'completeness.col': 'Dossier',
    'completeness.todo': 'To do',
    'completeness.status.pass': 'In order',
    'completeness.status.warning': 'Attention',
    'completeness.status.fail': 'Not in order',
    'completeness.status.pending': 'Not due yet',

    'completeness.criterion.improvement-areas': 'Improvement areas with concrete examples',
    'completeness.criterion.conversation': 'Conversation held, employee’s view asked',
    'completeness.criterion.causes-followed-up': 'Causes that were named followed up',
    'completeness.criterion.smart-goals': 'SMART goals',
    'completeness.criterion.support': 'Support offered and given',
    'completeness.criterion.hr-approved-plan': 'HR involved in the plan',
    'completeness.criterion.consequence-statement': 'Consequences made clear beforehand',
    'completeness.criterion.plan-acknowledged': 'Employee received the plan',
    'completeness.criterion.term-length': 'Reasonable term',
    'completeness.criterion.follow-up-cadence': 'Follow-ups as agreed',
    'completeness.criterion.follow-up-summaries': 'Summary after each follow-up',
    'completeness.criterion.evaluation-per-goal': 'Evaluation per goal',
    'completeness.criterion.hr-confirmed-decision': 'HR involved in the decision',
    'completeness.criterion.redeployment': 'Redeployment considered',
    'completeness.criterion.outcome-informed': 'Employee informed of the outcome',
    'completeness.criterion.employee-heard': 'Employee heard at each step',
    'completeness.criterion.aftercare': 'Aftercare',

    'completeness.pending.phase': 'Not due yet: this belongs to the “{phase}” phase.',
    'completeness.pending.cancelled':
      'The trajectory was cancelled before this was due; nothing is missing here.',
    'completeness.goal': 'goal {number}',
    'completeness.meeting': 'meeting {number}',
    'completeness.cause.health': 'health',
    'completeness.cause.working-conditions': 'working conditions',
    'completeness.decision.successful': 'successful',
    'completeness.decision.extend': 'extend',
    'completeness.decision.unsuccessful': 'unsuccessful',

    'completeness.improvement-areas.pass':
      'Improvement areas: {count}; each has at least one concrete example.',
    'completeness.improvement-areas.none': 'No improvement areas were recorded.',
    'completeness.improvement-areas.noExamples': 'Improvement areas without a concrete example: {areas}.',
    'completeness.improvement-areas.todo':
      'Record each improvement area with concrete examples: performance reviews, reports, colleague feedback.',

    'completeness.conversation.pass':
      'Conversation held on {heldOn}; the employee responded in their own words.',
    'completeness.conversation.noResponse':
      'Conversation held on {heldOn}; the employee was invited to respond but did not.',
    'completeness.conversation.noResponseTodo':
      'Not required. Ask for the employee’s view again in the next conversation and record it.',
    'completeness.conversation.waiting':
      'Conversation held on {heldOn}; the employee’s invitation to respond is still open.',
    'completeness.conversation.notHeld': 'No conversation was recorded, yet the trajectory has moved on.',
    'completeness.conversation.notHeldTodo':
      'Hold the conversation (the situation with examples, the employee’s view, possible causes) and record it.',
    'completeness.conversation.notInvited':
      'Conversation held on {heldOn}, but the employee was not invited to respond in their own words.',
    'completeness.conversation.notInvitedTodo':
      'Invite the employee to add their own response to the dossier.',

    'completeness.smart-goals.pass':
      'Goals: {count}; each is specific, with a measure, a target, a deadline and support.',
    'completeness.smart-goals.none': 'The plan has no goals.',
    'completeness.smart-goals.incomplete': 'Not SMART: {goals}.',
    'completeness.smart-goals.todo':
      'Make each goal SMART: specific, with a measure, a target, a deadline and the support offered.',
    'completeness.smart-goals.late': 'Deadline after the end of the term ({termEnd}): {goals}.',
    'completeness.smart-goals.lateTodo':
      'Set deadlines within the term, or they cannot be judged at the evaluation.',
    'completeness.field.specific': 'specific',
    'completeness.field.measure': 'measure',
    'completeness.field.target': 'target',
    'completeness.field.deadline': 'deadline',
    'completeness.field.support': 'support',
    'completeness.goalMissing': '{goal} (missing: {fields})',

    'completeness.support.pass': 'Each goal has support offered; recorded as given: {given}.',
    'completeness.support.hours': '{count} times, {hours} hours',
    'completeness.support.notOffered': 'No support offered for {goals}.',
    'completeness.support.notOfferedTodo':
      'Offer concrete support per goal (course, coaching, mentor, time) and record it.',
    'completeness.support.notGiven':
      'Support was offered, but up to the evaluation none was recorded as given.',
    'completeness.support.notGivenTodo': 'Record which support the employee actually received, and when.',

    'completeness.hr-approved-plan.pass': 'The HR advisor approved the plan on {date}.',
    'completeness.consequence-statement.pass':
      'The plan states what happens if the goals are not met; the HR advisor approved it on {date}, and the employee received it with the plan.',
    'completeness.consequence-statement.waiting': 'The consequence statement is approved with the plan.',
    'completeness.consequence-statement.missing':
      'The plan does not state what happens if the goals are not met.',
    'completeness.consequence-statement.todo':
      'Tell the employee in writing what the consequences are if the goals are not met, and record when.',
    'completeness.causes-followed-up.none':
      'No cause that lies in health or working conditions was named in the conversation.',
    'completeness.causes-followed-up.pass': 'HR followed up the causes that were named ({causes}) on {date}.',
    'completeness.causes-followed-up.open':
      'HR is following up the causes that were named ({causes}), by {dueAt}.',
    'completeness.causes-followed-up.overdue':
      'HR should have followed up the causes that were named ({causes}) by {dueAt}.',
    'completeness.causes-followed-up.missing':
      'Nothing shows that HR followed up the causes that were named ({causes}).',
    'completeness.causes-followed-up.todo':
      'Follow up the causes that were named (for example a referral to the company doctor or an adjusted workload) and record what was done.',
    'completeness.hr-approved-plan.waiting': 'The plan is waiting for the HR advisor’s approval.',
    'completeness.hr-approved-plan.revise': 'The HR advisor asked for a revised plan.',
    'completeness.hr-approved-plan.fail':
      'The term is running without the HR advisor having approved the plan.',
    'completeness.hr-approved-plan.todo': 'Have the HR advisor review the plan and record their approval.',

    'completeness.plan-acknowledged.pass': 'The employee confirmed receipt of the plan on {date}.',
    'completeness.plan-acknowledged.agree': 'The employee agrees with the plan.',
    'completeness.plan-acknowledged.partly': 'The employee partly agrees with the plan.',
    'completeness.plan-acknowledged.disagree':
      'The employee disagrees with the plan; that does not make the dossier incomplete (receipt is what counts).',
    'completeness.plan-acknowledged.waiting': 'The employee has not confirmed receipt of the plan yet.',
    'completeness.plan-acknowledged.noResponse':
      'The employee did not confirm receipt of the plan before the deadline.',
    'completeness.plan-acknowledged.mailed': 'The plan was mailed to the employee, though.',
    'completeness.plan-acknowledged.noResponseTodo':
      'Hand the plan over in person and record when the employee received it.',
    'completeness.plan-acknowledged.fail':
      'The term is running without the employee having received the plan.',
    'completeness.plan-acknowledged.todo': 'Give the employee the plan and have them confirm receipt.',

    'completeness.term-length.pass': 'Term: {weeks} weeks, extensions included (at least {min}).',
    'completeness.term-length.planned':
      'The term starts once the employee has received the plan; planned: {weeks} weeks.',
    'completeness.term-length.short':
      'The term is {weeks} weeks, extensions included: shorter than the {min} weeks considered reasonable.',
    'completeness.term-length.shortTodo': 'Extend the term at the evaluation to at least {min} weeks.',
    'completeness.term-length.tooShort':
      'The trajectory was unsuccessful after {weeks} weeks, shorter than the {min} weeks considered reasonable.',
    'completeness.term-length.tooShortTodo':
      'Give the employee a new, reasonable term of at least {min} weeks before taking further steps.',

    'completeness.follow-up-cadence.pass':
      'Follow-ups held: {held}; the longest interval was {longest} days (allowed: {limit}).',
    'completeness.follow-up-cadence.gaps':
      'Too long without a follow-up (agreed: every {every} days, allowed: {limit}): {gaps}.',
    'completeness.follow-up-cadence.gap': '{days} days from {from} to {to}',
    'completeness.follow-up-cadence.openGap': '{days} days since {from}, still without a meeting',
    'completeness.follow-up-cadence.todo':
      'Hold the missed follow-up as soon as possible, record it and keep to the agreed cadence after that; consider extending the term.',
    'completeness.follow-up-cadence.start': 'the start of the term ({date})',
    'completeness.follow-up-cadence.end': 'the end of the term ({date})',

    'completeness.employee-heard.pass':
      'The employee could add a reaction to every report ({offered}) and did so {reacted} times.',
    'completeness.employee-heard.selfAssessed':
      'Beforehand, the employee gave a self-assessment {assessed} times.',
    'completeness.employee-heard.waiting': 'There is no report yet for the employee to react to.',
    'completeness.employee-heard.none': 'The trajectory closed without a report the employee could react to.',
    'completeness.employee-heard.missing': 'The employee could not react to {reports}.',
    'completeness.employee-heard.evaluation': 'the evaluation of {date}',
    'completeness.employee-heard.todo':
      'Send the employee those reports after all, ask for their reaction and add it to the file.',

    'completeness.follow-up-summaries.pass':
      'After each follow-up ({count}) the employee was mailed a summary.',
    'completeness.follow-up-summaries.waiting': 'No follow-up has been held yet.',
    'completeness.follow-up-summaries.none':
      'No follow-up was held, so no summary was sent to the employee either.',
    'completeness.follow-up-summaries.missing': 'No summary sent to the employee after {meetings}.',
    'completeness.follow-up-summaries.todo':
      'Send the employee a written summary of those meetings and record when.',

    'completeness.evaluation-per-goal.pass': 'The evaluation gives an outcome for every goal ({count}).',
    'completeness.evaluation-per-goal.missing': 'No outcome recorded for {goals}.',
    'completeness.evaluation-per-goal.none': 'The trajectory was closed without an evaluation.',
    'completeness.evaluation-per-goal.todo': 'Judge each goal separately at the evaluation, with notes.',

    'completeness.hr-confirmed-decision.pass':
      'The HR advisor confirmed the decision “{decision}” on {date}.',
    'completeness.hr-confirmed-decision.waiting':
      'The decision is waiting for the HR advisor’s confirmation.',
    'completeness.hr-confirmed-decision.revise': 'The HR advisor asked for a revised evaluation.',
    'completeness.hr-confirmed-decision.fail':
      'The trajectory was closed without HR confirming the decision.',
    'completeness.hr-confirmed-decision.todo': 'Have the HR advisor review and confirm the decision.',

    'completeness.redeployment.pass': 'Redeployment was considered: {outcome}',
    'completeness.redeployment.notApplicable': 'Not applicable: the trajectory was successful.',
    'completeness.redeployment.waiting':
      'The evaluation says “unsuccessful”; the HR advisor records at the confirmation whether redeployment was considered.',
    'completeness.redeployment.waitingTodo':
      'Look into redeployment to another suitable position, with training if needed, and record the outcome at the confirmation.',
    'completeness.redeployment.notYet': 'Due only if the trajectory is unsuccessful.',
    'completeness.redeployment.missing':
      'The trajectory was unsuccessful, but nothing records that redeployment was considered.',
    'completeness.redeployment.notConsidered': 'It was recorded that redeployment was not considered.',
    'completeness.redeployment.todo':
      'Look into redeployment to another suitable position, with training if needed, and record the outcome.',

    'completeness.outcome-informed.pass': 'The employee was mailed the outcome “{decision}” on {date}.',
    'completeness.outcome-informed.waiting': 'There is no confirmed decision to inform about yet.',
    'completeness.outcome-informed.missing':
      'No mail with the outcome to the employee is recorded for the decision “{decision}”.',
    'completeness.outcome-informed.none': 'The trajectory was closed without a confirmed decision.',
    'completeness.outcome-informed.todo':
      'Inform the employee in writing of the outcome and its reasons, and record when.',

    'completeness.aftercare.pass': 'Aftercare recorded on {date}.',
    'completeness.aftercare.notRequired': 'Not required: the trajectory was unsuccessful.',
    'completeness.aftercare.planned': 'The aftercare conversation follows some weeks after the decision.',
    'completeness.aftercare.overdue': 'The aftercare report is late (deadline {dueAt}).',
    'completeness.aftercare.missing': 'The trajectory closed successfully without an aftercare conversation.',
    'completeness.aftercare.todo':
      'Ask the manager how the employee and the team are doing now, and record it.',
  },
});
