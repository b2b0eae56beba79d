import { defineMessages } from './define.ts';

/**
 * The dashboard as a place to work: the signed-in person's open tasks and their answers, the
 * list's search, sort and deadline column, and the confirmation steps of starting and cancelling.
 */
export const dashboardWorkMessages = /* @__PURE__ */ defineMessages({
  nl: {
    'work.myTasks.title': 'Mijn openstaande taken',
    'work.myTasks.none': 'Er staan geen taken voor je open.',
    'work.myTasks.count.one': '1 taak wacht op je antwoord.',
    'work.myTasks.count': '{count} taken wachten op je antwoord.',
    'work.task.answer': 'Beantwoorden: {task}',
    'work.task.back': 'Terug naar het dossier',
    'work.task.home': 'Naar mijn taken',
    'work.task.forbidden': 'Deze taak staat niet voor jou open.',
    'work.search.label': 'Zoek op naam van de medewerker',
    'work.sort.label': 'Volgorde',
    'work.sort.newest': 'Nieuwste eerst',
    'work.sort.deadline': 'Eerstvolgende deadline eerst',
    'work.col.nextDeadline': 'Volgende deadline',
    'work.nextDeadline.none': 'Geen',
    'work.badge.cancelled': 'Geannuleerd',
    'work.start.confirm.title': 'Controleer en bevestig de start',
    'work.start.confirm.intro':
      'Het traject start pas als je bevestigt. Dan gaan de mails hieronder meteen de deur uit.',
    'work.start.confirm.people': 'Wie doet er mee',
    'work.start.confirm.language': 'Taal van de mails en pagina’s',
    'work.start.confirm.scheduleLabel': 'Planning',
    'work.start.confirm.schedule': 'Termijn van {weeks} weken, elke {days} dagen een voortgangsgesprek',
    'work.start.confirm.mails': 'Wat er gemaild wordt',
    'work.start.confirm.toEmployee':
      'Aan de medewerker, {name} ({email}), pas nadat de leidinggevende het eerste gesprek heeft vastgelegd',
    'work.start.confirm.toManager': 'Aan de leidinggevende, {name} ({email})',
    'work.start.confirm.managerMail':
      'Het verzoek om de verbeterpunten vast te stellen, met een link naar het formulier. De deadline is over {days} dagen.',
    'work.start.confirm.subject': 'Onderwerp: {subject}',
    'work.start.confirm.submit': 'Bevestigen en starten',
    'work.start.confirm.edit': 'Gegevens aanpassen',
    'work.cancel.reason': 'Bericht aan de medewerker en de leidinggevende',
    'work.cancel.reason.hint':
      'De medewerker en de leidinggevende lezen deze tekst in de mail over de annulering.',
    'work.cancel.note': 'Interne notitie voor HR',
    'work.cancel.note.hint':
      'Wordt niet gemaild: alleen HR leest dit, in het dossier. De medewerker en de leidinggevende zien het niet.',
    'work.cancel.next': 'Verder naar bevestigen',
    'work.cancel.confirm.title': 'Traject van {employee} annuleren?',
    'work.cancel.confirm.warning':
      'Dit kan niet ongedaan worden gemaakt: de open taken vervallen, de links werken niet meer en iedereen krijgt bericht.',
    'work.cancel.confirm.mail': 'Wat de medewerker en de leidinggevende lezen',
    'work.cancel.confirm.mailTo':
      'Mail aan de medewerker, {name} ({email}); de leidinggevende krijgt dezelfde tekst.',
    'work.cancel.confirm.note': 'Interne notitie (niet gemaild, alleen voor HR)',
    'work.cancel.confirm.noNote': 'Geen interne notitie.',
    'work.cancel.confirm.submit': 'Ja, traject annuleren',
    'work.cancel.confirm.back': 'Nee, terug naar het dossier',
    'work.cancelled.title': 'Annulering',
    'work.cancelled.reason': 'Reden, gemaild aan iedereen op het traject',
    'work.cancelled.note': 'Interne notitie (alleen HR)',
  },
  en: {
    'work.myTasks.title': 'My open tasks',
    'work.myTasks.none': 'No tasks are waiting for you.',
    'work.myTasks.count.one': '1 task is waiting for your answer.',
    'work.myTasks.count': '{count} tasks are waiting for your answer.',
    'work.task.answer': 'Answer: {task}',
    'work.task.back': 'Back to the dossier',
    'work.task.home': 'To my tasks',
    'work.task.forbidden': 'This task is not open to you.',
    'work.search.label': 'Search by the employee’s name',
    'work.sort.label': 'Order',
    'work.sort.newest': 'Newest first',
    'work.sort.deadline': 'Earliest next deadline first',
    'work.col.nextDeadline': 'Next deadline',
    'work.nextDeadline.none': 'None',
    'work.badge.cancelled': 'Cancelled',
    'work.start.confirm.title': 'Check and confirm the start',
    'work.start.confirm.intro':
      'The trajectory starts only once you confirm. The mails below then go out straight away.',
    'work.start.confirm.people': 'Who takes part',
    'work.start.confirm.language': 'Language of the mails and pages',
    'work.start.confirm.scheduleLabel': 'Schedule',
    'work.start.confirm.schedule': 'A term of {weeks} weeks, a follow-up conversation every {days} days',
    'work.start.confirm.mails': 'What will be mailed',
    'work.start.confirm.toEmployee':
      'To the employee, {name} ({email}), only once the manager has recorded the first conversation',
    'work.start.confirm.toManager': 'To the manager, {name} ({email})',
    'work.start.confirm.managerMail':
      'The request to identify the improvement areas, with a link to the form. The deadline is in {days} days.',
    'work.start.confirm.subject': 'Subject: {subject}',
    'work.start.confirm.submit': 'Confirm and start',
    'work.start.confirm.edit': 'Change the details',
    'work.cancel.reason': 'Message to the employee and the manager',
    'work.cancel.reason.hint':
      'The employee and the manager read this text in the mail about the cancellation.',
    'work.cancel.note': 'Internal note for HR',
    'work.cancel.note.hint':
      'Not mailed: only HR reads this, in the dossier. The employee and the manager do not see it.',
    'work.cancel.next': 'Continue to confirm',
    'work.cancel.confirm.title': 'Cancel the trajectory of {employee}?',
    'work.cancel.confirm.warning':
      'This cannot be undone: the open tasks lapse, the links stop working and everyone is told.',
    'work.cancel.confirm.mail': 'What the employee and the manager read',
    'work.cancel.confirm.mailTo': 'Mail to the employee, {name} ({email}); the manager gets the same text.',
    'work.cancel.confirm.note': 'Internal note (not mailed, for HR only)',
    'work.cancel.confirm.noNote': 'No internal note.',
    'work.cancel.confirm.submit': 'Yes, cancel the trajectory',
    'work.cancel.confirm.back': 'No, back to the dossier',
    'work.cancelled.title': 'Cancellation',
    'work.cancelled.reason': 'Reason, mailed to everyone on the trajectory',
    'work.cancelled.note': 'Internal note (HR only)',
  },
});
