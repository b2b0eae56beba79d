import { defineMessages } from './define.ts';

/**
 * A fair trajectory: the consequence statement that comes with the plan, the possible causes the
 * conversation records and HR's follow-up of them. Shown in forms, mails and the dossier.
 */
export const fairMessages = /* @__PURE__ */ defineMessages({
  nl: {
    // The employer's standard text; a deployment may set its own (README.md, "Deploy").
    'fair.consequence.default':
      'Worden de doelen van dit verbeterplan aan het einde van de termijn niet gehaald, dan kan dat gevolgen hebben voor je functie of je dienstverband, tot en met een verzoek om ontbinding van de arbeidsovereenkomst wegens ongeschiktheid. Voordat het zover is, wordt gekeken of er een andere passende functie voor je is.',
    'fair.consequence.title': 'Wat er gebeurt als de doelen niet worden gehaald',
    'fair.consequence.quoted': 'Zo staat het in het plan dat {employee} ontvangt:',
    'fair.consequence.missing': 'Dit plan heeft geen gevolgenparagraaf.',

    'fair.causes.title': 'Mogelijke oorzaken',
    'fair.causes.none': 'Er zijn geen mogelijke oorzaken vastgelegd.',
    'fair.causes.note': 'Toelichting',
    'fair.cause.workload': 'Werkdruk',
    'fair.cause.health': 'Gezondheid',
    'fair.cause.private-circumstances': 'Privéomstandigheden',
    'fair.cause.training': 'Opleiding of kennis',
    'fair.cause.tools': 'Middelen en hulpmiddelen',
    'fair.cause.working-conditions': 'Arbeidsomstandigheden',
    'fair.namedBy.employee': 'genoemd door de medewerker',
    'fair.namedBy.manager': 'genoemd door de leidinggevende',
    'fair.namedBy.both': 'genoemd door beiden',
    'fair.cause.line': '{cause} ({namedBy})',
    'fair.causes.forHr': 'HR volgt op: {causes}.',
    'fair.causeFollowUp.answered': 'HR heeft de genoemde oorzaak opgevolgd ({at})',
    'fair.causeFollowUp.open': 'HR volgt de genoemde oorzaak nog op (uiterlijk {at}).',
    'fair.causeFollowUp.lapsed': 'HR heeft de genoemde oorzaak niet opgevolgd; de termijn liep af op {at}.',
    'fair.causeFollowUp.closed': 'De opvolging van de genoemde oorzaak is vervallen.',
    'fair.field.causes': 'Mogelijke oorzaken (kruis aan wat genoemd is)',
    'fair.field.causes.hint':
      'Gezondheid en arbeidsomstandigheden vragen om HR: de HR-adviseur krijgt een taak om ze op te volgen.',
    'fair.field.namedBy': 'Genoemd door',
    'fair.field.cause': 'Oorzaak',
    'fair.field.cause.choose': 'Kies een oorzaak',
    'fair.row.cause': 'Oorzaak {n}',
    'fair.add.cause': 'Oorzaak toevoegen',
    'fair.remove.cause': 'Oorzaak {n} verwijderen',
    'fair.field.causesNote': 'Toelichting bij de oorzaken',
    'fair.field.action': 'Wat is er gedaan of afgesproken',
    'fair.field.action.hint':
      'Bijvoorbeeld: verwezen naar de bedrijfsarts op 12 maart; werkdruk verlaagd door een taak over te dragen.',
    'fair.receipt.future': 'Deze datum ligt in de toekomst; vul de dag in waarop het stuk is overhandigd.',
    'fair.receipt.noPlan': 'Er is nog geen door HR goedgekeurd plan om te overhandigen.',
    'fair.receipt.noEvaluation': 'Er is nog geen evaluatie om te overhandigen.',
    'fair.receipt.title': 'Persoonlijk overhandigd',
    'fair.receipt.line': '{document} overhandigd op {day}',
    'fair.receipt.witness': 'Getuige: {witness}',
    'fair.receipt.refused': 'De medewerker weigerde voor ontvangst te tekenen.',
    'fair.receipt.signed': 'De medewerker heeft niet geweigerd te tekenen.',
    'fair.receipt.document.plan': 'Het verbeterplan',
    'fair.receipt.document.evaluation': 'De evaluatie',
    'fair.receipt.document.other': 'Een stuk van het dossier',
    'web.intro.cause-follow-up':
      'In het gesprek met {employee} is een mogelijke oorzaak genoemd die bij de gezondheid of de werkomstandigheden ligt. Leg vast wat je ermee doet.',
  },
  en: {
    'fair.consequence.default':
      'If the goals of this improvement plan are not met by the end of the term, this may have consequences for your position or your employment, up to a request to dissolve the employment contract for unsuitability. Before it comes to that, it is looked into whether another suitable position is available for you.',
    'fair.consequence.title': 'What happens if the goals are not met',
    'fair.consequence.quoted': 'The plan that {employee} receives says:',
    'fair.consequence.missing': 'This plan has no consequence statement.',

    'fair.causes.title': 'Possible causes',
    'fair.causes.none': 'No possible causes were recorded.',
    'fair.causes.note': 'Note',
    'fair.cause.workload': 'Workload',
    'fair.cause.health': 'Health',
    'fair.cause.private-circumstances': 'Private circumstances',
    'fair.cause.training': 'Training or knowledge',
    'fair.cause.tools': 'Tools and resources',
    'fair.cause.working-conditions': 'Working conditions',
    'fair.namedBy.employee': 'named by the employee',
    'fair.namedBy.manager': 'named by the manager',
    'fair.namedBy.both': 'named by both',
    'fair.cause.line': '{cause} ({namedBy})',
    'fair.causes.forHr': 'HR follows up: {causes}.',
    'fair.causeFollowUp.answered': 'HR followed up the cause that was named ({at})',
    'fair.causeFollowUp.open': 'HR is still to follow up the cause that was named (by {at}).',
    'fair.causeFollowUp.lapsed':
      'HR did not follow up the cause that was named; the deadline passed on {at}.',
    'fair.causeFollowUp.closed': 'The follow-up of the cause that was named lapsed.',
    'fair.field.causes': 'Possible causes (tick what was named)',
    'fair.field.causes.hint':
      'Health and working conditions call for HR: the HR advisor gets a task to follow them up.',
    'fair.field.namedBy': 'Named by',
    'fair.field.cause': 'Cause',
    'fair.field.cause.choose': 'Choose a cause',
    'fair.row.cause': 'Cause {n}',
    'fair.add.cause': 'Add a cause',
    'fair.remove.cause': 'Remove cause {n}',
    'fair.field.causesNote': 'Note on the causes',
    'fair.field.action': 'What was done or agreed',
    'fair.field.action.hint':
      'For example: referred to the company doctor on 12 March; workload reduced by handing over a task.',
    'fair.receipt.future': 'This date is in the future; enter the day the document was handed over.',
    'fair.receipt.noPlan': 'There is no plan approved by HR to hand over yet.',
    'fair.receipt.noEvaluation': 'There is no evaluation to hand over yet.',
    'fair.receipt.title': 'Handed over in person',
    'fair.receipt.line': '{document} handed over on {day}',
    'fair.receipt.witness': 'Witness: {witness}',
    'fair.receipt.refused': 'The employee refused to sign for receipt.',
    'fair.receipt.signed': 'The employee did not refuse to sign.',
    'fair.receipt.document.plan': 'The improvement plan',
    'fair.receipt.document.evaluation': 'The evaluation',
    'fair.receipt.document.other': 'A document of the dossier',
    'web.intro.cause-follow-up':
      'In the conversation with {employee} a possible cause was named that lies in health or working conditions. Record what you do about it.',
  },
});
