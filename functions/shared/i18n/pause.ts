import { defineMessages } from './define.ts';

/** Pause and resume for illness: the API's refusals, the action page, the dashboard, the timeline. */
export const pauseMessages = /* @__PURE__ */ defineMessages({
  nl: {
    'error.not_active': 'Dit traject loopt niet meer; pauzeren of hervatten kan niet.',
    'error.already_paused': 'Dit traject is al gepauzeerd.',
    'error.not_paused': 'Dit traject is niet gepauzeerd; er is niets te hervatten.',
    'error.paused':
      'Dit traject staat stil zolang de medewerker ziek is. Je kunt weer antwoorden als HR het hervat; deze link blijft geldig.',
    'event.paused': 'Traject gepauzeerd (ziekte)',
    'event.resumed': 'Traject hervat; alle datums zijn opgeschoven',
    'pause.title': 'Pauzeren bij ziekte',
    'pause.intro':
      'Zolang de medewerker ziek is, staat het traject stil: er gaan geen herinneringen uit en er wordt niets gevraagd. Bij hervatten schuiven alle deadlines en datums op met de duur van de pauze.',
    'pause.reason': 'Reden van pauzeren',
    'pause.submit': 'Traject pauzeren',
    'pause.since': 'Gepauzeerd sinds {pausedAt}',
    'pause.resume.submit': 'Traject hervatten',
  },
  en: {
    'error.not_active': 'This trajectory is no longer running; it cannot be paused or resumed.',
    'error.already_paused': 'This trajectory is already paused.',
    'error.not_paused': 'This trajectory is not paused; there is nothing to resume.',
    'error.paused':
      'This trajectory stands still while the employee is ill. You can answer again once HR resumes it; this link stays valid.',
    'event.paused': 'Trajectory paused (illness)',
    'event.resumed': 'Trajectory resumed; every date moved on',
    'pause.title': 'Pause for illness',
    'pause.intro':
      'While the employee is ill the trajectory stands still: no reminders go out and nothing is asked. On resume every deadline and date moves on by the length of the pause.',
    'pause.reason': 'Reason for the pause',
    'pause.submit': 'Pause trajectory',
    'pause.since': 'Paused since {pausedAt}',
    'pause.resume.submit': 'Resume trajectory',
  },
});
