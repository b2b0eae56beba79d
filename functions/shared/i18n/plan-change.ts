import { defineMessages } from './define.ts';

/**
 * A change of the plan after it was acknowledged (functions/core/plan-change.ts): the API's
 * refusals, the request mail, the forms and the dossier.
 */
export const planChangeMessages = /* @__PURE__ */ defineMessages({
  nl: {
    'error.plan_not_acknowledged':
      'Het plan kan pas worden gewijzigd als de termijn loopt: na de bevestiging van het plan en vóór de eindevaluatie.',
    'error.plan_change_open': 'Er loopt al een wijziging van het plan; rond die eerst af.',
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
    'planChange.prefilled':
      'Het formulier bevat het plan zoals het nu geldt, met alle doelen en alle steun. Pas aan wat moet veranderen en verstuur het; HR keurt de wijziging goed.',
    'planChange.export.requested': 'Wijziging {number} gevraagd door HR op {at}',
    'planChange.export.version': 'Versie {n}: wijziging {number}, geschreven op {at}',
    'planChange.export.dropped': '{title} (niet meer in het plan)',
  },
  en: {
    'error.plan_not_acknowledged':
      'The plan can only be changed while its term runs: after the plan was acknowledged and before the evaluation.',
    'error.plan_change_open': 'A change of the plan is already under way; finish that one first.',
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
    'planChange.prefilled':
      'The form holds the plan as it stands, with every goal and all support. Change what needs to change and send it; HR approves the change.',
    'planChange.export.requested': 'Change {number} requested by HR on {at}',
    'planChange.export.version': 'Version {n}: change {number}, written on {at}',
    'planChange.export.dropped': '{title} (no longer in the plan)',
  },
});
