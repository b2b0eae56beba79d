import { defineMessages } from './define.ts';

/**
 * Every mail the workflow sends (functions/core/mails.ts puts them together). Dutch uses "je":
 * the tone of a good manager, not of a letter from a lawyer. Placeholders in `{braces}` are
 * filled by `t()`; names and everything else people typed are escaped for HTML after filling.
 */
export const mailMessages = /* @__PURE__ */ defineMessages({
  nl: {
    'mail.greeting': 'Beste {name},',
    'mail.contact': 'Vragen over dit traject? Neem contact op met {contact}.',
    'mail.footer.employer':
      'Deze mail is automatisch verstuurd door Verbetertraject, namens de HR-afdeling van {employer}. Hij gaat over een vertrouwelijk onderwerp; stuur hem niet door.',
    'mail.footer':
      'Deze mail is automatisch verstuurd door Verbetertraject, namens de HR-afdeling. Hij gaat over een vertrouwelijk onderwerp; stuur hem niet door.',
    'mail.footer.neutral': 'Deze mail is automatisch verstuurd namens de HR-afdeling.',
    'mail.footer.employer.neutral':
      'Deze mail is automatisch verstuurd namens de HR-afdeling van {employer}.',
    'mail.contact.neutral': 'Vragen? Neem contact op met {contact}.',
    'mail.deadline': 'Graag uiterlijk {deadline} (Nederlandse tijd).',
    'mail.deadline.optional': 'Je kunt reageren tot {deadline} (Nederlandse tijd).',
    'mail.link.label': 'Open de taak',
    'mail.link.note':
      'De link is persoonlijk en blijft geldig tot de taak is afgerond of het traject is beëindigd.',
    'mail.task.meeting': '{task} (gesprek {meeting})',

    'mail.request.subject': 'Gevraagd: {task} – verbetertraject {employee}',
    'mail.request.subject.employee': 'Je verbetertraject: {task}',
    'mail.request.identify.what':
      'Je bent gevraagd de verbeterpunten van {employee} vast te stellen: wat moet er beter, met bij elk punt concrete voorbeelden uit bijvoorbeeld beoordelingen, rapportages of feedback van collega’s.',
    'mail.request.identify.why':
      'Concrete voorbeelden maken het gesprek met {employee} eerlijk en duidelijk, en ze zijn de basis van het dossier.',
    'mail.request.conversation.what':
      'Voer het gesprek met {employee} over de verbeterpunten en leg het vast: wat jullie hebben besproken, hoe {employee} er zelf tegenaan kijkt, mogelijke oorzaken en wat jullie hebben afgesproken.',
    'mail.request.conversation.why':
      'Een open gesprek, met ruimte voor de kijk van {employee}, is de eerste stap van een eerlijk traject. {employee} ontvangt de samenvatting en kan daarop reageren.',
    'mail.request.employee-response.what':
      'Hieronder staat de samenvatting van het gesprek dat {manager} met je heeft gevoerd. Je kunt daar je eigen reactie op geven.',
    'mail.request.employee-response.why':
      'Jouw kijk op de situatie hoort in het dossier, naast die van je leidinggevende. Reageren is niet verplicht.',
    'mail.request.plan.what':
      'Stel het verbeterplan voor {employee} op: doelen die specifiek en meetbaar zijn, met een streefwaarde, een deadline en de ondersteuning die je biedt.',
    'mail.request.plan.why':
      'Het plan maakt duidelijk wat er van {employee} wordt verwacht en welke hulp daarbij hoort. HR beoordeelt het plan voordat {employee} het ontvangt.',
    'mail.request.plan-approval.what':
      '{manager} heeft het verbeterplan voor {employee} opgesteld. Beoordeel het: keur het goed of vraag om aanpassing.',
    'mail.request.plan-approval.why':
      'HR-advies hoort bij elk beslissend moment van het traject. Pas na je goedkeuring ontvangt {employee} het plan.',
    'mail.request.plan-acknowledgement.what':
      'Hieronder staat je verbeterplan. Bevestig dat je het hebt ontvangen; je kunt er opmerkingen bij zetten.',
    'mail.request.plan-acknowledgement.why':
      'Met je bevestiging leg je vast dat je het plan hebt ontvangen. Dat betekent niet dat je het met alles eens bent; je opmerkingen komen in het dossier.',
    'mail.request.follow-up.what':
      'Voortgangsgesprek {meeting} met {employee} komt eraan. Plan het, voer het en leg het daarna vast: de voortgang per doel, eerst wat goed gaat, dan wat zorgen baart, en welke ondersteuning je biedt.',
    'mail.request.follow-up.why':
      'Regelmatige gesprekken die worden vastgelegd, geven {employee} een eerlijke kans: zo weet {employee} steeds waar het traject staat. {employee} ontvangt je verslag.',
    'mail.request.evaluation.what':
      'De termijn van het verbetertraject van {employee} is voorbij. Evalueer het traject: het resultaat per doel, en je besluit: geslaagd, verlengen of niet geslaagd.',
    'mail.request.evaluation.why':
      'De evaluatie sluit de termijn af en legt het besluit vast. HR bevestigt het besluit voordat {employee} de uitkomst hoort.',
    'mail.request.decision-confirmation.what':
      '{manager} heeft het verbetertraject van {employee} geëvalueerd. Bevestig het besluit of vraag om aanpassing.',
    'mail.request.decision-confirmation.why':
      'Het besluit heeft gevolgen voor {employee}, en HR-advies hoort daarbij. Na je bevestiging hoort {employee} de uitkomst.',
    'mail.request.aftercare.what':
      'Het is tijd voor het nazorggesprek: hoe gaat het nu met {employee}, en hoe gaat het met het team? Leg het gesprek vast.',
    'mail.request.aftercare.why':
      'Een verbetertraject laat sporen na, bij {employee} en bij het team. Nazorg helpt iedereen verder en voorkomt dat problemen terugkomen.',
    'mail.request.follow-up-reaction.what':
      'Hieronder staat het verslag dat {manager} heeft vastgelegd van voortgangsgesprek {meeting}. Je kunt daar je eigen reactie op geven.',
    'mail.request.follow-up-reaction.why':
      'Jouw kijk op het gesprek hoort in het dossier, naast het verslag van je leidinggevende. Reageren is niet verplicht, en het traject gaat intussen gewoon verder.',
    'mail.request.self-assessment.what':
      'Binnenkort heb je voortgangsgesprek {meeting} met {manager}. Vooraf kun je per doel aangeven hoe jij ervoor staat: op koers, met risico of niet op koers.',
    'mail.request.self-assessment.why':
      'Je leidinggevende ziet jouw zelfbeoordeling bij het verslag van het gesprek, en ze komt in je dossier. Invullen is niet verplicht; het gesprek gaat hoe dan ook door.',
    'mail.request.evaluation-reaction.what':
      'Hieronder staat de evaluatie van je verbetertraject, zoals HR die heeft bevestigd. Je kunt daar je eigen reactie op geven.',
    'mail.request.evaluation-reaction.why':
      'Jouw kijk op de evaluatie hoort in het dossier, naast die van je leidinggevende. Reageren is niet verplicht.',
    'mail.request.disagreement-response.what':
      '{employee} heeft de ontvangst van het verbeterplan bevestigd, maar is het er niet mee eens. Geef {employee} een antwoord: wat je met de bezwaren doet, en waarom.',
    'mail.request.disagreement-response.why':
      'Een medewerker die het niet eens is met het plan, verdient een antwoord. {employee} krijgt je antwoord per mail, en het komt in het dossier. Het traject loopt intussen door.',
    'mail.request.cause-follow-up.what':
      'In het gesprek met {employee} is een mogelijke oorzaak genoemd die om HR vraagt (hieronder). Leg vast wat je ermee doet: bijvoorbeeld een verwijzing naar de bedrijfsarts of een aanpassing van de werkdruk.',
    'mail.request.cause-follow-up.why':
      'Ligt een oorzaak bij de gezondheid of de werkomstandigheden, dan moet de werkgever daar eerst iets mee doen; een traject dat daaraan voorbijgaat, houdt geen stand. Je antwoord komt in het dossier.',
    'mail.request.plannedOn': 'Het gesprek staat gepland op {date}.',
    'mail.request.missingReport.one':
      'Nog niet ontvangen: het verslag van {meetings}. Het kan nog worden ingestuurd via de link in de eigen mail; noem in de evaluatie wat ontbreekt.',
    'mail.request.missingReport.other':
      'Nog niet ontvangen: de verslagen van {meetings}. Ze kunnen nog worden ingestuurd via de link in hun eigen mail; noem in de evaluatie wat ontbreekt.',
    'mail.request.missingReport': 'voortgangsgesprek {meeting} ({date})',

    'mail.details.conversation': 'Samenvatting van het gesprek van {date}',
    'mail.details.perspective': 'Jouw kijk op de situatie, zoals vastgelegd',
    'mail.details.agreements': 'Afspraken',
    'mail.details.plan': 'Het verbeterplan',
    'mail.details.goal': 'Doel {number}: {title}',
    'mail.details.goal.specific': 'Specifiek: {value}',
    'mail.details.goal.measure': 'Meetbaar: {value}',
    'mail.details.goal.target': 'Streefwaarde: {value}',
    'mail.details.goal.deadline': 'Deadline: {value}',
    'mail.details.goal.support': 'Ondersteuning: {value}',
    'mail.details.revision': 'Wat HR aangepast wil zien',
    'mail.details.evaluation': 'De evaluatie',
    'mail.details.decision': 'Besluit van {manager}: {decision}',
    'mail.details.extendWeeks': 'Voorgestelde verlenging: {weeks} weken',
    'mail.details.followUp': 'Verslag van voortgangsgesprek {meeting} van {date}',
    'mail.details.progress': 'Voortgang per doel',
    'mail.details.results': 'Resultaat per doel',
    'mail.details.employeeComments': 'Wat {employee} bij de bevestiging schreef',
    'mail.details.noComments': '(geen toelichting)',
    'mail.disagreement-answer.subject': 'Antwoord van HR op je bezwaar tegen het verbeterplan',
    'mail.dossier-copy.subject': 'Inzage in je dossier verbetertraject',
    'mail.dossier-copy.body':
      '{hrAdvisor} heeft een nieuwe persoonlijke link voor je aangemaakt. Daarmee kun je je dossier lezen en als PDF downloaden.',
    'mail.privacy.title': 'Je dossier en je rechten',
    'mail.privacy.what':
      'In je dossier wordt vastgelegd: de verbeterpunten met voorbeelden, de verslagen van de gesprekken met jouw eigen kijk en reactie, het verbeterplan en de versies ervan, de voortgang, de ondersteuning, de evaluatie en welke mails er zijn verstuurd.',
    'mail.privacy.who':
      'Het dossier is te zien voor jou, je leidinggevende {manager} en je HR-adviseur {hrAdvisor}; bij een geschil ook voor de juridisch adviseur van de werkgever.',
    'mail.privacy.retention':
      'Het dossier wordt {period} bewaard na het einde van het traject of, als dat later is, van je dienstverband. Daarna wordt het verwijderd, behalve als er dan een geschil loopt.',
    'mail.privacy.period.years': '{n} jaar',
    'mail.privacy.period.days': '{n} dagen',
    'mail.privacy.rights':
      'Je hebt recht op inzage in je dossier en een kopie ervan (AVG artikel 15) en op correctie van wat niet klopt (AVG artikel 16). Met de link hieronder lees je je dossier en download je het als PDF. Is de link verlopen, of wil je iets laten corrigeren? Vraag het aan {hrAdvisor}.',
    'mail.copy.label': 'Je dossier inzien',
    'mail.copy.note': 'De link is persoonlijk, alleen om te lezen, en werkt tot {until} (Nederlandse tijd).',
    'mail.disagreement-answer.body':
      'Je hebt laten weten dat je het niet eens bent met je verbeterplan. HR-adviseur {hrAdvisor} heeft daarop geantwoord.',
    'mail.disagreement-answer.response': 'Het antwoord van {hrAdvisor}',
    'mail.disagreement-answer.next':
      'Het antwoord staat in je dossier. Wil je erover praten, dan kan dat ook met {manager}.',

    'mail.decision.successful': 'geslaagd',
    'mail.decision.extend': 'verlengen',
    'mail.decision.unsuccessful': 'niet geslaagd',
    'mail.progress.on-track': 'op koers',
    'mail.progress.at-risk': 'risico',
    'mail.progress.off-track': 'niet op koers',
    'mail.result.achieved': 'behaald',
    'mail.result.partially': 'deels behaald',
    'mail.result.not-achieved': 'niet behaald',
    'mail.goalLine': '{goal}: {label}. {notes}',

    'mail.reminder.subject': 'Herinnering: {task} – verbetertraject {employee}',
    'mail.reminder.subject.employee': 'Herinnering: {task}',
    'mail.reminder.body':
      'Een herinnering: “{task}” staat nog voor je open. De deadline is {deadline} (Nederlandse tijd).',
    'mail.reminder.body.optional':
      'Een herinnering: je kunt nog reageren (“{task}”), tot {deadline} (Nederlandse tijd). Reageren is niet verplicht.',

    'mail.overdue.subject': 'Deadline verstreken: {task} – verbetertraject {employee}',
    'mail.overdue.body':
      'De deadline voor “{task}” in het verbetertraject van {employee} was {deadline} (Nederlandse tijd), en de taak is nog niet afgerond. Rond hem zo snel mogelijk af.',
    'mail.overdue.hrInformed': 'De HR-adviseur heeft hiervan bericht gekregen.',

    'mail.escalation.subject': 'Niet op tijd: {task} – verbetertraject {employee}',
    'mail.escalation.body':
      '{assignee} ({role}) heeft “{task}” in het verbetertraject van {employee} niet vóór de deadline van {deadline} (Nederlandse tijd) afgerond. {assignee} heeft daarover bericht gekregen.',
    'mail.escalation.action':
      'Neem zo nodig contact op met {assignee}. Als er een goede reden is, kun je de deadline verlengen.',
    'mail.second-escalation.subject': 'Aandacht nodig: {task} – verbetertraject {employee}',
    'mail.second-escalation.body':
      '“{task}” in het verbetertraject van {employee} is nog steeds niet afgerond, ook niet na de extra tijd. De deadline was {deadline} (Nederlandse tijd); de taak ligt bij {assignee} ({role}).',
    'mail.second-escalation.attention':
      'Het traject is gemarkeerd als “aandacht nodig” en staat stil tot de taak is afgerond. Neem contact op met {assignee} of verleng de deadline.',

    'mail.started.subject': 'Je verbetertraject is gestart',
    'mail.started.body':
      'Er is een verbetertraject voor je gestart. Je leidinggevende {manager} en HR-adviseur {hrAdvisor} begeleiden het.',
    'mail.started.reason': 'De aanleiding',
    'mail.started.next':
      'Wat je kunt verwachten: {manager} heeft met je besproken wat er beter moet, met concrete voorbeelden. Het verslag van dat gesprek krijg je apart, en je kunt erop reageren. Daarna volgt een verbeterplan met duidelijke doelen en de ondersteuning die je krijgt, en regelmatige voortgangsgesprekken. Je hoort bij elke stap wat er is vastgelegd, en je kunt steeds je eigen kijk geven.',

    'mail.follow-up-summary.subject': 'Verslag van voortgangsgesprek {meeting}',
    'mail.follow-up-summary.body':
      '{manager} heeft voortgangsgesprek {meeting} van {date} vastgelegd. Dit is het verslag.',
    'mail.follow-up-summary.summary': 'Samenvatting',
    'mail.follow-up-summary.progress': 'Voortgang per doel',
    'mail.follow-up-summary.questions': 'Zie je iets anders? Bespreek het met {manager}.',

    'mail.outcome.subject': 'De uitkomst van je verbetertraject',
    'mail.outcome.successful':
      'Je verbetertraject is met succes afgerond: je hebt bereikt wat in het verbeterplan stond.',
    'mail.outcome.extend':
      'Je verbetertraject wordt verlengd. De nieuwe termijn loopt tot {date}; de voortgangsgesprekken gaan door.',
    'mail.outcome.unsuccessful':
      'Je verbetertraject is afgesloten zonder dat de doelen van het verbeterplan zijn bereikt. {manager} en {hrAdvisor} bespreken met je wat dit betekent.',
    'mail.outcome.confirmed': 'HR heeft dit besluit bevestigd.',
    'mail.outcome.summary': 'Toelichting',
    'mail.outcome.results': 'Resultaat per doel',
    'mail.outcome.aftercare': 'Over een paar weken volgt nog een nazorggesprek met {manager}.',
    'mail.reaction.follow-up-reaction':
      'Je kunt op dit verslag je eigen reactie geven. Jouw kijk op het gesprek komt in het dossier, naast het verslag van je leidinggevende. Reageren is niet verplicht, en het traject gaat intussen gewoon verder.',
    'mail.reaction.evaluation-reaction':
      'Je kunt op deze evaluatie je eigen reactie geven. Jouw kijk komt in het dossier, naast die van je leidinggevende. Reageren is niet verplicht.',

    'mail.cancelled.subject': 'Verbetertraject van {employee} geannuleerd',
    'mail.cancelled.subject.employee': 'Je verbetertraject is geannuleerd',
    'mail.cancelled.body': 'Het verbetertraject van {employee} is door HR geannuleerd.',
    'mail.cancelled.body.employee': 'Je verbetertraject is door HR geannuleerd.',
    'mail.cancelled.links': 'Openstaande taken vervallen; links uit eerdere mails werken niet meer.',
    'mail.cancelled.reason': 'Reden',

    'mail.step-failed.subject': 'Storing in het verbetertraject van {employee}',
    'mail.step-failed.body':
      'In het verbetertraject van {employee} is een stap mislukt, ook na herhaalde pogingen: “{state}” ({error}).',
    'mail.step-failed.cause.mail-recipient-not-verified':
      'Oorzaak: een mail kon niet worden verstuurd. Het AWS-account mag via Amazon SES nog alleen naar geverifieerde adressen mailen (de SES-sandbox), en het adres van de ontvanger is niet geverifieerd. Vraag je technisch beheer om productietoegang voor SES aan te vragen, of om voor een proef de adressen van de betrokkenen te verifiëren (README, onder Deploy).',
    'mail.step-failed.attention':
      'Het traject staat stil en is gemarkeerd als “aandacht nodig”. Alles tot dit moment staat in het dossier. Schakel je technisch beheer in en geef dit traject-ID door: {id}.',

    'mail.deadline-moved.subject': 'Nieuwe deadline: {task}',
    'mail.deadline-moved.body': 'De deadline voor “{task}” is verplaatst naar {deadline} (Nederlandse tijd).',
  },
  en: {
    'mail.greeting': 'Dear {name},',
    'mail.contact': 'Questions about this trajectory? Contact {contact}.',
    'mail.footer.employer':
      'This mail was sent automatically by Verbetertraject on behalf of the HR department of {employer}. Its subject is confidential; please do not forward it.',
    'mail.footer':
      'This mail was sent automatically by Verbetertraject on behalf of the HR department. Its subject is confidential; please do not forward it.',
    'mail.footer.neutral': 'This mail was sent automatically on behalf of the HR department.',
    'mail.footer.employer.neutral':
      'This mail was sent automatically on behalf of the HR department of {employer}.',
    'mail.contact.neutral': 'Questions? Contact {contact}.',
    'mail.deadline': 'Please do this by {deadline} (Dutch time).',
    'mail.deadline.optional': 'You can respond until {deadline} (Dutch time).',
    'mail.link.label': 'Open the task',
    'mail.link.note': 'The link is personal and stays valid until the task is done or the trajectory ends.',
    'mail.task.meeting': '{task} (meeting {meeting})',

    'mail.request.subject': 'Requested: {task} – improvement trajectory of {employee}',
    'mail.request.subject.employee': 'Your improvement trajectory: {task}',
    'mail.request.identify.what':
      'You are asked to identify the areas in which {employee} needs to improve, each backed by concrete examples, for instance from performance reviews, reports or feedback from colleagues.',
    'mail.request.identify.why':
      'Concrete examples make the conversation with {employee} fair and clear, and they are the basis of the dossier.',
    'mail.request.conversation.what':
      'Hold the conversation with {employee} about the improvement areas and record it: what you discussed, how {employee} sees it, possible causes and what you agreed.',
    'mail.request.conversation.why':
      'An open conversation that makes room for the view of {employee} is the first step of a fair trajectory. {employee} receives the summary and can respond to it.',
    'mail.request.employee-response.what':
      'Below is the summary of the conversation {manager} had with you. You can add your own response to it.',
    'mail.request.employee-response.why':
      'Your view of the situation belongs in the dossier, next to your manager’s. Responding is optional.',
    'mail.request.plan.what':
      'Draw up the improvement plan for {employee}: goals that are specific and measurable, each with a target, a deadline and the support you offer.',
    'mail.request.plan.why':
      'The plan makes clear what is expected of {employee} and what help comes with it. HR reviews the plan before {employee} receives it.',
    'mail.request.plan-approval.what':
      '{manager} has drawn up the improvement plan for {employee}. Please review it: approve it or ask for a revision.',
    'mail.request.plan-approval.why':
      'HR advice is part of every decisive moment of the trajectory. {employee} receives the plan only after your approval.',
    'mail.request.plan-acknowledgement.what':
      'Below is your improvement plan. Please confirm that you received it; you can add comments.',
    'mail.request.plan-acknowledgement.why':
      'Your confirmation records that you received the plan. It does not mean you agree with all of it; your comments go into the dossier.',
    'mail.request.follow-up.what':
      'Follow-up meeting {meeting} with {employee} is coming up. Hold it and then record it: the progress per goal, what goes well first, then any concerns, and the support you offer.',
    'mail.request.follow-up.why':
      'Regular, recorded conversations give {employee} a fair chance: {employee} always knows where the trajectory stands. {employee} receives your report.',
    'mail.request.evaluation.what':
      'The term of the improvement trajectory of {employee} has ended. Please evaluate it: the result per goal, and your decision: successful, extend or unsuccessful.',
    'mail.request.evaluation.why':
      'The evaluation closes the term and records the decision. HR confirms the decision before {employee} hears the outcome.',
    'mail.request.decision-confirmation.what':
      '{manager} has evaluated the improvement trajectory of {employee}. Please confirm the decision or ask for a revision.',
    'mail.request.decision-confirmation.why':
      'The decision has consequences for {employee}, and HR advice is part of it. {employee} hears the outcome after your confirmation.',
    'mail.request.aftercare.what':
      'It is time for the aftercare conversation: how is {employee} doing now, and how is the team doing? Please record it.',
    'mail.request.aftercare.why':
      'An improvement trajectory leaves its mark, on {employee} and on the team. Aftercare helps everyone move on and keeps problems from coming back.',
    'mail.request.follow-up-reaction.what':
      'Below is the report {manager} recorded of follow-up meeting {meeting}. You can add your own reaction to it.',
    'mail.request.follow-up-reaction.why':
      'Your view of the meeting belongs in the file, next to your manager’s report. Reacting is not required, and the trajectory carries on meanwhile.',
    'mail.request.self-assessment.what':
      'Follow-up meeting {meeting} with {manager} is coming up. Beforehand, you can say per goal where you stand: on track, at risk or off track.',
    'mail.request.self-assessment.why':
      'Your manager sees your self-assessment with the report of the meeting, and it goes into your file. Filling it in is not required; the meeting goes ahead either way.',
    'mail.request.evaluation-reaction.what':
      'Below is the evaluation of your improvement trajectory, as HR confirmed it. You can add your own reaction to it.',
    'mail.request.evaluation-reaction.why':
      'Your view of the evaluation belongs in the file, next to your manager’s. Reacting is not required.',
    'mail.request.disagreement-response.what':
      '{employee} has acknowledged receipt of the improvement plan, but disagrees with it. Give {employee} an answer: what you do with the objections, and why.',
    'mail.request.disagreement-response.why':
      'An employee who disagrees with the plan deserves an answer. {employee} receives your answer by mail, and it goes into the file. The trajectory carries on meanwhile.',
    'mail.request.cause-follow-up.what':
      'In the conversation with {employee} a possible cause was named that calls for HR (below). Record what you do about it: for example a referral to the company doctor or an adjusted workload.',
    'mail.request.cause-follow-up.why':
      'When a cause lies in health or working conditions, the employer must act on it first; a trajectory that passes it by does not hold. Your answer goes into the dossier.',
    'mail.request.plannedOn': 'The meeting is planned for {date}.',
    'mail.request.missingReport.one':
      'Not received yet: the report of {meetings}. It can still be sent through the link in its own mail; say in the evaluation what is missing.',
    'mail.request.missingReport.other':
      'Not received yet: the reports of {meetings}. They can still be sent through the link in their own mails; say in the evaluation what is missing.',
    'mail.request.missingReport': 'follow-up meeting {meeting} ({date})',

    'mail.details.conversation': 'Summary of the conversation of {date}',
    'mail.details.perspective': 'Your view of the situation, as recorded',
    'mail.details.agreements': 'Agreements',
    'mail.details.plan': 'The improvement plan',
    'mail.details.goal': 'Goal {number}: {title}',
    'mail.details.goal.specific': 'Specific: {value}',
    'mail.details.goal.measure': 'Measurable: {value}',
    'mail.details.goal.target': 'Target: {value}',
    'mail.details.goal.deadline': 'Deadline: {value}',
    'mail.details.goal.support': 'Support: {value}',
    'mail.details.revision': 'What HR would like to see changed',
    'mail.details.evaluation': 'The evaluation',
    'mail.details.decision': 'Decision of {manager}: {decision}',
    'mail.details.extendWeeks': 'Proposed extension: {weeks} weeks',
    'mail.details.followUp': 'Report of follow-up meeting {meeting} of {date}',
    'mail.details.progress': 'Progress per goal',
    'mail.details.results': 'Result per goal',
    'mail.details.employeeComments': 'What {employee} wrote with the acknowledgement',
    'mail.details.noComments': '(no comments)',
    'mail.disagreement-answer.subject': 'HR’s answer to your objection to the improvement plan',
    'mail.dossier-copy.subject': 'Your own copy of your improvement trajectory dossier',
    'mail.dossier-copy.body':
      '{hrAdvisor} has made a new personal link for you. With it you can read your dossier and download it as a PDF.',
    'mail.privacy.title': 'Your dossier and your rights',
    'mail.privacy.what':
      'Your dossier records: the areas for improvement with examples, the reports of the conversations with your own view and response, the improvement plan and its versions, the progress, the support, the evaluation and which mails were sent.',
    'mail.privacy.who':
      'The dossier can be seen by you, your manager {manager} and your HR advisor {hrAdvisor}; in a dispute also by the employer’s legal counsel.',
    'mail.privacy.retention':
      'The dossier is kept for {period} after the end of the trajectory or, if that is later, of your employment. Then it is deleted, unless a dispute is pending at that time.',
    'mail.privacy.period.years': '{n} years',
    'mail.privacy.period.days': '{n} days',
    'mail.privacy.rights':
      'You have the right to see your dossier and get a copy of it (GDPR article 15) and to have what is wrong corrected (GDPR article 16). With the link below you can read your dossier and download it as a PDF. Has the link expired, or do you want something corrected? Ask {hrAdvisor}.',
    'mail.copy.label': 'Read your dossier',
    'mail.copy.note': 'The link is personal, read-only, and works until {until} (Dutch time).',
    'mail.disagreement-answer.body':
      'You let us know that you disagree with your improvement plan. HR advisor {hrAdvisor} has answered.',
    'mail.disagreement-answer.response': 'The answer of {hrAdvisor}',
    'mail.disagreement-answer.next':
      'The answer is in your file. If you would like to talk about it, you can also do so with {manager}.',

    'mail.decision.successful': 'successful',
    'mail.decision.extend': 'extend',
    'mail.decision.unsuccessful': 'unsuccessful',
    'mail.progress.on-track': 'on track',
    'mail.progress.at-risk': 'at risk',
    'mail.progress.off-track': 'off track',
    'mail.result.achieved': 'achieved',
    'mail.result.partially': 'partially achieved',
    'mail.result.not-achieved': 'not achieved',
    'mail.goalLine': '{goal}: {label}. {notes}',

    'mail.reminder.subject': 'Reminder: {task} – improvement trajectory of {employee}',
    'mail.reminder.subject.employee': 'Reminder: {task}',
    'mail.reminder.body':
      'A reminder: “{task}” is still open for you. The deadline is {deadline} (Dutch time).',
    'mail.reminder.body.optional':
      'A reminder: you can still react (“{task}”) until {deadline} (Dutch time). Reacting is not required.',

    'mail.overdue.subject': 'Deadline passed: {task} – improvement trajectory of {employee}',
    'mail.overdue.body':
      'The deadline for “{task}” in the improvement trajectory of {employee} was {deadline} (Dutch time), and the task is not done yet. Please complete it as soon as possible.',
    'mail.overdue.hrInformed': 'The HR advisor has been informed.',

    'mail.escalation.subject': 'Not on time: {task} – improvement trajectory of {employee}',
    'mail.escalation.body':
      '{assignee} ({role}) has not completed “{task}” in the improvement trajectory of {employee} before the deadline of {deadline} (Dutch time). {assignee} has been told.',
    'mail.escalation.action':
      'Please contact {assignee} if needed. If there is a good reason, you can extend the deadline.',
    'mail.second-escalation.subject': 'Attention needed: {task} – improvement trajectory of {employee}',
    'mail.second-escalation.body':
      '“{task}” in the improvement trajectory of {employee} is still not done, even after the extra time. The deadline was {deadline} (Dutch time); the task lies with {assignee} ({role}).',
    'mail.second-escalation.attention':
      'The trajectory is flagged as “needs attention” and stands still until the task is done. Please contact {assignee} or extend the deadline.',

    'mail.started.subject': 'Your improvement trajectory has started',
    'mail.started.body':
      'An improvement trajectory has started for you. Your manager {manager} and HR advisor {hrAdvisor} guide it.',
    'mail.started.reason': 'The reason',
    'mail.started.next':
      'What to expect: {manager} has discussed with you what needs to improve, with concrete examples. You receive the report of that conversation separately, and you can respond to it. Then comes an improvement plan with clear goals and the support you will get, and regular follow-up meetings. You hear what was recorded at every step, and you can always give your own view.',

    'mail.follow-up-summary.subject': 'Report of follow-up meeting {meeting}',
    'mail.follow-up-summary.body':
      '{manager} has recorded follow-up meeting {meeting} of {date}. This is the report.',
    'mail.follow-up-summary.summary': 'Summary',
    'mail.follow-up-summary.progress': 'Progress per goal',
    'mail.follow-up-summary.questions': 'Do you see things differently? Discuss it with {manager}.',

    'mail.outcome.subject': 'The outcome of your improvement trajectory',
    'mail.outcome.successful':
      'Your improvement trajectory has been completed successfully: you achieved what the improvement plan set out.',
    'mail.outcome.extend':
      'Your improvement trajectory is extended. The new term runs until {date}; the follow-up meetings continue.',
    'mail.outcome.unsuccessful':
      'Your improvement trajectory has ended without the goals of the improvement plan being achieved. {manager} and {hrAdvisor} will discuss with you what this means.',
    'mail.outcome.confirmed': 'HR has confirmed this decision.',
    'mail.outcome.summary': 'Explanation',
    'mail.outcome.results': 'Result per goal',
    'mail.outcome.aftercare': 'In a few weeks there will be an aftercare conversation with {manager}.',
    'mail.reaction.follow-up-reaction':
      "You can add your own reaction to this report. Your view of the meeting goes into the dossier, next to your manager's report. Reacting is not required, and the trajectory carries on meanwhile.",
    'mail.reaction.evaluation-reaction':
      "You can add your own reaction to this evaluation. Your view goes into the dossier, next to your manager's. Reacting is not required.",

    'mail.cancelled.subject': 'Improvement trajectory of {employee} cancelled',
    'mail.cancelled.subject.employee': 'Your improvement trajectory has been cancelled',
    'mail.cancelled.body': 'The improvement trajectory of {employee} has been cancelled by HR.',
    'mail.cancelled.body.employee': 'Your improvement trajectory has been cancelled by HR.',
    'mail.cancelled.links': 'Open tasks lapse; links from earlier mails no longer work.',
    'mail.cancelled.reason': 'Reason',

    'mail.step-failed.subject': 'Failure in the improvement trajectory of {employee}',
    'mail.step-failed.body':
      'A step of the improvement trajectory of {employee} failed, even after repeated attempts: “{state}” ({error}).',
    'mail.step-failed.cause.mail-recipient-not-verified':
      'Cause: a mail could not be sent. Through Amazon SES the AWS account may still mail verified addresses only (the SES sandbox), and the recipient’s address is not verified. Ask your technical support to request production access for SES or, for a trial, to verify the addresses of the people involved (README, under Deploy).',
    'mail.step-failed.attention':
      'The trajectory stands still and is flagged as “needs attention”. Everything up to now is in the dossier. Please involve your technical support and give them this trajectory ID: {id}.',

    'mail.deadline-moved.subject': 'New deadline: {task}',
    'mail.deadline-moved.body': 'The deadline for “{task}” has moved to {deadline} (Dutch time).',
  },
});
