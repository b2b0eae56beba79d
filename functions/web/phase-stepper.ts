/**
 * The phase stepper on top of the dossier page: the phases in order, which are done and which
 * one the trajectory is in (told in words as well as by shape, and `aria-current` for screen
 * readers), and below it the dates that come next: open deadlines, planned follow-ups not yet
 * held, the end of the term and the aftercare conversation, soonest first. An open task's deadline
 * that has passed comes first and says so: shown as a plain date it would read as still ahead.
 */
import { formatDay, formatInstant } from '#core/dates-in-words.ts';
import { PHASES, type Dossier, type Locale, type Phase } from '#core/model.ts';
import { amsterdamDate } from '#core/schedule.ts';
import { phaseKey, roleKey, taskTitleKey, translator } from '#shared/i18n/catalogue.ts';
import { labelMessages } from '#shared/i18n/labels.ts';
import { stepperMessages } from '#shared/i18n/stepper.ts';
import { html, type Html } from './html.ts';

const t = /* @__PURE__ */ translator(stepperMessages, labelMessages);

/** How many coming dates the stepper shows: what is next, not the whole calendar. */
export const MAX_COMING_DATES = 5;
const NEXT_MEETINGS = 2;

export interface ComingDate {
  /** YYYY-MM-DD (Amsterdam), for the order and for a date without a time. */
  day: string;
  /** An ISO instant when the date has a time (a deadline). */
  at?: string;
  label: string;
  /** A deadline that passed with its task still open. */
  overdue?: true;
}

/**
 * The dates still ahead on `now`, soonest first, at most `MAX_COMING_DATES`; an open task's
 * deadline is among them once passed too, marked `overdue`, since the task still waits.
 */
export function comingDates(dossier: Dossier, now: Date, locale: Locale): ComingDate[] {
  const { trajectory, tasks } = dossier;
  if (trajectory.status !== 'active') return [];
  const today = amsterdamDate(now);
  const dates: ComingDate[] = [];
  for (const task of tasks) {
    if (task.status !== 'open' || task.response !== undefined) continue;
    const overdue = Date.parse(task.dueAt) <= now.getTime();
    dates.push({
      day: amsterdamDate(new Date(task.dueAt)),
      at: task.dueAt,
      label: t(locale, overdue ? 'stepper.task.overdue' : 'stepper.task', {
        task: t(locale, taskTitleKey(task.kind)),
        role: t(locale, roleKey(task.assignee)).toLowerCase(),
      }),
      ...(overdue && { overdue: true as const }),
    });
  }
  // The next two follow-ups: enough to plan by, and the end of the term still fits below them.
  const meetings = trajectory.meetings
    .filter(
      (meeting) => meeting.heldOn === undefined && meeting.taskId === undefined && meeting.plannedOn >= today,
    )
    .slice(0, NEXT_MEETINGS);
  for (const meeting of meetings) {
    dates.push({ day: meeting.plannedOn, label: t(locale, 'stepper.meeting', { number: meeting.number }) });
  }
  if (trajectory.termEndsAt && trajectory.phase === 'follow-up') {
    const day = amsterdamDate(new Date(trajectory.termEndsAt));
    if (day >= today) dates.push({ day, label: t(locale, 'stepper.termEnds', { term: trajectory.term }) });
  }
  if (trajectory.aftercareOn && trajectory.aftercareOn >= today && trajectory.phase === 'aftercare') {
    dates.push({ day: trajectory.aftercareOn, label: t(locale, 'stepper.aftercare') });
  }
  return dates
    .sort((a, b) => a.day.localeCompare(b.day) || (a.at ?? '').localeCompare(b.at ?? ''))
    .slice(0, MAX_COMING_DATES);
}

/** A date as the list shows it: the day, its time if it has one, and whether it has passed. */
function when(date: ComingDate, locale: Locale): string {
  if (date.overdue && date.at) return t(locale, 'stepper.overdue', { date: formatInstant(date.at, locale) });
  return date.at ? formatInstant(date.at, locale) : formatDay(date.day, locale);
}

type StepState = 'done' | 'current' | 'upcoming';

function stepState(step: Phase, current: Phase): StepState {
  const at = PHASES.indexOf(current);
  const index = PHASES.indexOf(step);
  return index < at ? 'done' : index === at ? 'current' : 'upcoming';
}

const MARK: Record<StepState, string> = { done: '✓', current: '●', upcoming: '○' };

export function phaseStepper(locale: Locale, dossier: Dossier, now: Date): Html {
  const { phase } = dossier.trajectory;
  const dates = comingDates(dossier, now, locale);
  return html`<section class="card stepper" aria-labelledby="stepper-title" data-stepper>
    <h2 id="stepper-title">${t(locale, 'stepper.title')}</h2>
    <ol class="steps">
      ${PHASES.map((step) => {
        const state = stepState(step, phase);
        return html`<li
          class="step ${state}"
          data-phase="${step}"
          ${state === 'current' ? html` aria-current="step"` : ''}
        >
          <span aria-hidden="true">${MARK[state]}</span> ${t(locale, phaseKey(step))}
          <span class="visually-hidden">(${t(locale, `stepper.${state}`)})</span>
        </li>`;
      })}
    </ol>
    <h3>${t(locale, 'stepper.next')}</h3>
    ${
      dates.length === 0
        ? // A running trajectory waits for its next step (the first task is being opened): nothing
          // is planned now, which is not the end of the calendar that "no more dates" says.
          html`<p>
            ${t(locale, dossier.trajectory.status === 'active' ? 'stepper.none.active' : 'stepper.none')}
          </p>`
        : html`<ul class="coming" data-coming>
            ${dates.map(
              (date) =>
                html`<li${date.overdue ? html` class="overdue"` : ''}>
                  <strong>${when(date, locale)}</strong>: ${date.label}
                </li>`,
            )}
          </ul>`
    }
  </section>`;
}
