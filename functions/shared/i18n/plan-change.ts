import { defineMessages } from './define.ts';

/**
 * A change of the plan after it was acknowledged (functions/core/plan-change.ts): the API's
 * refusals, the request mail, the forms and the dossier.
 */
export const planChangeMessages = /* @__PURE__ */ defineMessages({
  nl: {
    'error.plan_not_acknowledged':
      'Het plan kan pas worden gewijzigd als de termijn loopt: na de bevestiging van het plan en vóór de eindevaluatie.',
    'error.plan_change_open':
      'Er loopt al een wijziging van het plan; een volgende kan zodra de medewerker die heeft bevestigd.',
    'event.plan-change-requested': 'HR heeft gevraagd het verbeterplan te wijzigen',
    'planChange.title': 'Wijziging {number} van het verbeterplan',
    'planChange.reason': 'Waarom HR om de wijziging vraagt',
    'planChange.intro.plan':
      'HR vraagt het verbeterplan te wijzigen. Hieronder staat het plan zoals het nu geldt; pas aan wat moet veranderen. De termijn en de geplande gesprekken blijven zoals ze zijn.',
    'planChange.intro.approval':
      'Dit is een gewijzigde versie van het lopende verbeterplan. Na je goedkeuring geldt deze versie en vraagt het systeem de medewerker het plan opnieuw te bevestigen.',
    'planChange.intro.acknowledgement':
      'Je verbeterplan is gewijzigd. Lees de nieuwe versie en bevestig dat je die hebt ontvangen. De termijn en de geplande gesprekken blijven zoals ze zijn.',
    'planChange.inForce': 'Het plan zoals het nu geldt',
    'planChange.dash.title': 'Plan wijzigen',
    'planChange.dash.intro':
      'Moeten de doelen anders, bijvoorbeeld na een gesprek met de bedrijfsarts? Vraag de leidinggevende om een nieuwe versie. Jij keurt die goed en de medewerker bevestigt het gewijzigde plan opnieuw; de termijn en de gesprekken lopen door.',
    'planChange.dash.hint':
      'De reden komt in het dossier en gaat mee naar de leidinggevende en de medewerker.',
    'planChange.dash.submit': 'Wijziging vragen',
    'planChange.dash.open':
      'Wijziging {number} van het plan loopt. Een volgende wijziging kan zodra de medewerker deze heeft bevestigd, of de termijn daarvoor is verstreken.',
    'planChange.prefilled':
      'Het formulier bevat het plan zoals het nu geldt, met alle doelen en alle steun. Pas aan wat moet veranderen en verstuur het; HR keurt de wijziging goed.',
    'planChange.export.requested': 'Wijziging {number} gevraagd door HR op {at}',
    'planChange.export.version': 'Versie {n}: wijziging {number}, geschreven op {at}',
    'planChange.export.dropped': '{title} (niet meer in het plan)',
  },
  en: {
    'error.plan_not_acknowledged':
      'The plan can only be changed while its term runs: after the plan was acknowledged and before the evaluation.',
    'error.plan_change_open':
      'A change of the plan is already under way; another can follow once the employee has acknowledged it.',
    'event.plan-change-requested': 'HR asked for a change of the improvement plan',
    'planChange.title': 'Change {number} of the improvement plan',
    'planChange.reason': 'Why HR asks for the change',
    'planChange.intro.plan':
      'HR asks for a change of the improvement plan. Below is the plan as it stands; change what needs to change. The term and the planned meetings stay as they are.',
    'planChange.intro.approval':
      'This is a changed version of the running improvement plan. Once you approve it, this version applies and the employee is asked to acknowledge the plan again.',
    'planChange.intro.acknowledgement':
      'Your improvement plan has been changed. Read the new version and confirm that you received it. The term and the planned meetings stay as they are.',
    'planChange.inForce': 'The plan as it stands',
    'planChange.dash.title': 'Change the plan',
    'planChange.dash.intro':
      'Do the goals need to change, for instance after a talk with the company doctor? Ask the manager for a new version. You approve it and the employee acknowledges the changed plan again; the term and the meetings run on.',
    'planChange.dash.hint': 'The reason goes into the dossier and to the manager and the employee.',
    'planChange.dash.submit': 'Ask for a change',
    'planChange.dash.open':
      'Change {number} of the plan is under way. Another change can follow once the employee has acknowledged it, or the time for that has passed.',
    'planChange.prefilled':
      'The form holds the plan as it stands, with every goal and all support. Change what needs to change and send it; HR approves the change.',
    'planChange.export.requested': 'Change {number} requested by HR on {at}',
    'planChange.export.version': 'Version {n}: change {number}, written on {at}',
    'planChange.export.dropped': '{title} (no longer in the plan)',
  },
});
