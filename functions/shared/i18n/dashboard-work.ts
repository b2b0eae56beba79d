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
    'work.task.notFound': 'Deze taak bestaat niet.',
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
    'work.task.notFound': 'This task does not exist.',
  },
});
