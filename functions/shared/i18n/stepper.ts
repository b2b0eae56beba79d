import { defineMessages } from './define.ts';

/** The phase stepper on top of the dossier page: where the trajectory is and what comes next. */
export const stepperMessages = /* @__PURE__ */ defineMessages({
  nl: {
    'stepper.title': 'Waar het traject staat',
    'stepper.done': 'afgerond',
    'stepper.current': 'nu',
    'stepper.upcoming': 'nog niet',
    'stepper.next': 'Komende data',
    'stepper.none': 'Er staan geen data meer gepland.',
    'stepper.none.active': 'Er staat op dit moment niets gepland.',
    'stepper.task': 'Deadline: {task} ({role})',
    'stepper.task.overdue': '{task} ({role})',
    'stepper.overdue': 'Deadline verstreken op {date}',
    'stepper.meeting': 'Voortgangsgesprek {number}',
    'stepper.termEnds': 'Einde van termijn {term}',
    'stepper.aftercare': 'Nazorggesprek',
  },
  en: {
    'stepper.title': 'Where the trajectory stands',
    'stepper.done': 'done',
    'stepper.current': 'now',
    'stepper.upcoming': 'not yet',
    'stepper.next': 'Coming dates',
    'stepper.none': 'No more dates are planned.',
    'stepper.none.active': 'Nothing is planned at the moment.',
    'stepper.task': 'Deadline: {task} ({role})',
    'stepper.task.overdue': '{task} ({role})',
    'stepper.overdue': 'Deadline passed on {date}',
    'stepper.meeting': 'Follow-up meeting {number}',
    'stepper.termEnds': 'End of term {term}',
    'stepper.aftercare': 'Aftercare conversation',
  },
});
