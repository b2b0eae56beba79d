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
  },
});
