import { defineMessages } from './define.ts';

/**
 * What the person behind an action link reads: the page, and the answer to a submit that is
 * refused. Each refusal says what happened and what, if anything, to do now. (HR's own routes
 * answer with the generic `error.*` texts of the JSON API.)
 */
export const actionMessages = /* @__PURE__ */ defineMessages({
  nl: {
    'action.page.title': '{task} – verbetertraject',
    'action.page.errorTitle': 'Verbetertraject',
    'action.page.for': 'Voor: {role}',
    'action.page.about': 'Verbetertraject van {employee}',
    'action.page.open': 'Deze taak staat voor je klaar. Rond hem af vóór {dueAt} (Nederlandse tijd).',
    'action.page.done': 'Dank je wel. Deze taak is afgerond; je hoeft niets meer te doen.',
    'action.page.closed': 'Deze taak is gesloten: het verbetertraject is afgesloten of de taak is vervallen.',
    'action.page.fieldErrors': 'Controleer deze velden:',
    'action.page.back': 'Terug naar de taak',
    'action.error.unknownLink':
      'Deze link kennen we niet. Controleer of je de volledige link uit de e-mail hebt gebruikt.',
    'action.error.done': 'Deze taak is al afgerond; er is al een antwoord vastgelegd.',
    'action.error.closed':
      'Deze taak kan niet meer worden ingevuld: het verbetertraject is afgesloten of de taak is vervallen.',
    'action.error.invalid': 'Niet alles is goed ingevuld; er is niets opgeslagen. Controleer de velden.',
    'action.error.tooLarge': 'Dit is te veel tekst in één keer. Maak de antwoorden korter.',
    'action.error.mediaType': 'Stuur de gegevens als JSON of als formulier.',
    'action.error.noDocuments': 'Bij deze stap horen geen documenten; hier kun je niets toevoegen.',
    'action.error.internal': 'Er ging iets mis bij ons. Probeer het over een paar minuten opnieuw.',
  },
  en: {
    'action.page.title': '{task} – improvement trajectory',
    'action.page.errorTitle': 'Improvement trajectory',
    'action.page.for': 'For: {role}',
    'action.page.about': 'Improvement trajectory of {employee}',
    'action.page.open': 'This task is waiting for you. Please complete it before {dueAt} (Dutch time).',
    'action.page.done': 'Thank you. This task is done; there is nothing more to do.',
    'action.page.closed': 'This task is closed: the improvement trajectory has ended or the task lapsed.',
    'action.page.fieldErrors': 'Please check these fields:',
    'action.page.back': 'Back to the task',
    'action.error.unknownLink': 'We do not know this link. Check that you used the full link from the email.',
    'action.error.done': 'This task is already done; an answer has already been recorded.',
    'action.error.closed':
      'This task can no longer be completed: the improvement trajectory has ended or the task lapsed.',
    'action.error.invalid':
      'Not everything is filled in correctly; nothing was saved. Please check the fields.',
    'action.error.tooLarge': 'This is too much text at once. Please shorten the answers.',
    'action.error.mediaType': 'Send the data as JSON or as a form.',
    'action.error.noDocuments': 'This step takes no documents; nothing can be attached here.',
    'action.error.internal': 'Something went wrong on our side. Please try again in a few minutes.',
  },
});
