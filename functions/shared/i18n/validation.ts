import { defineMessages } from './define.ts';

/**
 * What a person reads next to a field that needs fixing: say what to do, not what the parser
 * saw. Placeholders in `{braces}` are filled by `t()`.
 */
export const validationMessages = /* @__PURE__ */ defineMessages({
  nl: {
    'validation.body': 'Stuur de gegevens als JSON-object.',
    'validation.required': 'Vul dit veld in.',
    'validation.text': 'Vul hier tekst in.',
    'validation.tooShort': 'Gebruik minstens {min} tekens.',
    'validation.tooLong': 'Gebruik hoogstens {max} tekens.',
    'validation.email': 'Vul een geldig e-mailadres in.',
    'validation.date': 'Vul een bestaande datum in als JJJJ-MM-DD, bijvoorbeeld 2026-03-31.',
    'validation.number': 'Vul een getal in.',
    'validation.wholeNumber': 'Vul een heel getal in, zonder decimalen.',
    'validation.numberMin': 'Vul een getal in van minstens {min}.',
    'validation.numberMax': 'Vul een getal in van hoogstens {max}.',
    'validation.list': 'Vul hier een lijst in.',
    'validation.listMin': 'Vul er minstens {min} in.',
    'validation.listMax': 'Vul er hoogstens {max} in.',
    'validation.group': 'Vul de onderdelen van dit veld in.',
    'validation.choice': 'Kies een van deze mogelijkheden: {options}.',
    'validation.chooseOne': 'Maak een keuze.',
    'validation.unknownField': 'Dit veld hoort hier niet; laat het weg.',
    'validation.controlCharacters':
      'Dit veld bevat tekens die hier niet horen (onzichtbare stuurtekens, of een regeleinde in een naam of titel); typ de tekst opnieuw.',
    'validation.invalid': 'Deze waarde klopt niet; controleer wat je hebt ingevuld.',
    'validation.sameAsEmployee':
      'De medewerker kan niet ook leidinggevende of HR-adviseur in het eigen traject zijn.',
    'validation.followUpsFitTerm':
      'Kies een kortere tussenpoos of een langere termijn: binnen de termijn moet minstens één voortgangsgesprek passen.',
    'validation.noticeFitsTerm':
      'Kies minder werkdagen vooraf of een langere termijn: binnen de termijn moet minstens één voortgangsgesprek passen waarvan de uitnodiging zoveel werkdagen vooraf verstuurd kan worden.',
    'validation.areasMin': 'Noem minstens één verbeterpunt.',
    'validation.examplesMin': 'Geef minstens één concreet voorbeeld bij dit verbeterpunt.',
    'validation.goalsMin': 'Stel minstens één doel op.',
    'validation.progressMin': 'Beschrijf de voortgang per doel.',
    'validation.selfAssessmentEmpty':
      'Geef bij ten minste één doel een inschatting of toelichting, of schrijf een algemene toelichting.',
    'validation.resultsMin': 'Beschrijf het resultaat per doel.',
    'validation.revisionComments': 'Licht toe wat er anders moet.',
    'validation.causeDuplicate': 'Deze oorzaak staat er al; noem elke oorzaak één keer.',
    'validation.dateInFuture':
      'Deze datum ligt in de toekomst; vul de datum in waarop het gesprek is gevoerd.',
    'validation.dateBeforeStart': 'Deze datum ligt vóór de start van het traject op {date}.',
    'validation.deadlinePast': 'Deze deadline ligt in het verleden; kies een datum binnen de termijn.',
    'validation.deadlineAfterTerm': 'Deze deadline valt na het einde van de termijn (uiterlijk {date}).',
    'validation.decisionContradicts':
      'De resultaten per doel passen niet bij dit besluit. Licht toe waarom je toch voor dit besluit kiest.',
    'validation.overrideRequired':
      'Een ongunstig einde kan het dossier nu niet dragen: {reasons}. Stuur de evaluatie terug, of leg vast waarom je het toch bevestigt.',
    'validation.override.termTooShort': 'de termijn is korter dan {min} weken',
    'validation.acknowledge': 'Bevestig dat je het verbeterplan hebt ontvangen.',
    'validation.extendWeeksRequired': 'Vul in met hoeveel weken de termijn wordt verlengd.',
    'validation.extendWeeksOnlyForExtend':
      'Vul alleen een verlenging in als je besluit de termijn te verlengen.',
    'validation.goalUnknown': 'Dit doel staat niet in het verbeterplan.',
    'validation.goalDuplicate': 'Dit doel staat hier al eerder.',
    'validation.goalMissing': 'Doel {number} ontbreekt; vul voor elk doel iets in.',
  },
  en: {
    'validation.body': 'Send the data as a JSON object.',
    'validation.required': 'Fill in this field.',
    'validation.text': 'Enter text here.',
    'validation.tooShort': 'Use at least {min} characters.',
    'validation.tooLong': 'Use at most {max} characters.',
    'validation.email': 'Enter a valid email address.',
    'validation.date': 'Enter an existing date as YYYY-MM-DD, for example 2026-03-31.',
    'validation.number': 'Enter a number.',
    'validation.wholeNumber': 'Enter a whole number, without decimals.',
    'validation.numberMin': 'Enter a number of at least {min}.',
    'validation.numberMax': 'Enter a number of at most {max}.',
    'validation.list': 'Enter a list here.',
    'validation.listMin': 'Enter at least {min}.',
    'validation.listMax': 'Enter at most {max}.',
    'validation.group': 'Fill in the parts of this field.',
    'validation.choice': 'Choose one of these options: {options}.',
    'validation.chooseOne': 'Choose one.',
    'validation.unknownField': 'This field does not belong here; leave it out.',
    'validation.controlCharacters':
      'This field holds characters that do not belong here (invisible control characters, or a line break in a name or title); type the text again.',
    'validation.invalid': 'This value is not right; check what you entered.',
    'validation.sameAsEmployee':
      'The employee cannot also be the manager or HR advisor of their own trajectory.',
    'validation.followUpsFitTerm':
      'Choose a shorter interval or a longer term: at least one follow-up conversation must fit within the term.',
    'validation.noticeFitsTerm':
      'Choose fewer working days of notice or a longer term: at least one follow-up conversation must fit within the term with its invitation sent that many working days ahead.',
    'validation.areasMin': 'Name at least one improvement area.',
    'validation.examplesMin': 'Give at least one concrete example for this improvement area.',
    'validation.goalsMin': 'Set at least one goal.',
    'validation.progressMin': 'Describe the progress per goal.',
    'validation.selfAssessmentEmpty': 'Give at least one goal a status or a note, or write a general note.',
    'validation.resultsMin': 'Describe the result per goal.',
    'validation.revisionComments': 'Explain what needs to change.',
    'validation.causeDuplicate': 'This cause is listed already; name each cause once.',
    'validation.dateInFuture': 'This date is in the future; enter the date the meeting was held.',
    'validation.dateBeforeStart': 'This date is before the trajectory started on {date}.',
    'validation.deadlinePast': 'This deadline is in the past; choose a date within the term.',
    'validation.deadlineAfterTerm': 'This deadline falls after the end of the term (at the latest {date}).',
    'validation.decisionContradicts':
      'The results per goal do not fit this decision. Explain why you choose it anyway.',
    'validation.overrideRequired':
      'The dossier cannot carry an unsuccessful end yet: {reasons}. Send the evaluation back, or record why you confirm it anyway.',
    'validation.override.termTooShort': 'the term is shorter than {min} weeks',
    'validation.acknowledge': 'Confirm that you have received the improvement plan.',
    'validation.extendWeeksRequired': 'Enter by how many weeks the term is extended.',
    'validation.extendWeeksOnlyForExtend': 'Only enter an extension when you decide to extend the term.',
    'validation.goalUnknown': 'This goal is not in the improvement plan.',
    'validation.goalDuplicate': 'This goal is already listed above.',
    'validation.goalMissing': 'Goal {number} is missing; fill in something for every goal.',
  },
});
