/**
 * The HR dashboard's pages: the list of trajectories with its filters, one trajectory's dossier
 * as a timeline with HR's actions (extend a deadline, cancel), the form that starts a
 * trajectory, and the local sign-in page. Pure renderers; every state-changing form carries the
 * session's CSRF token.
 */
import { formatInstant } from '#core/dates-in-words.ts';
import { mailBase, renderMail } from '#core/mails.ts';
import { LIMITS, type CreateTrajectoryInput } from '#core/schemas.ts';
import { newTrajectory } from '#core/trajectory.ts';
import {
  LOCALES,
  PHASES,
  STATUSES,
  type Dossier,
  type Locale,
  type Phase,
  type Trajectory,
  type TrajectoryStatus,
} from '#core/model.ts';
import type { CriterionStatus } from '#core/completeness.ts';
import { needsAttention } from '#core/trajectory.ts';
import type { FieldError } from '#shared/errors.ts';
import {
  DEFAULT_LOCALE,
  phaseKey,
  roleKey,
  statusKey,
  taskTitleKey,
  translator,
} from '#shared/i18n/catalogue.ts';
import { dashboardMessages } from '#shared/i18n/dashboard.ts';
import { webMessages } from '#shared/i18n/web.ts';
import { completenessMessages } from '#shared/i18n/completeness.ts';
import { eventMessages } from '#shared/i18n/events.ts';
import { pauseMessages } from '#shared/i18n/pause.ts';
import { exportMessages } from '#shared/i18n/export.ts';
import { labelMessages } from '#shared/i18n/labels.ts';
import { dashboardWorkMessages } from '#shared/i18n/dashboard-work.ts';
import { internalNoteOf, TRAJECTORY_CANCELLED, type ActionView } from '#core/actions.ts';
import type { OpenTaskItem } from '#core/open-tasks.ts';
import { LIST_ORDERS, MAX_SEARCH_LENGTH, type ListOrder } from '#core/list-order.ts';
import { details, FormState, input, prose, radios, textarea } from './components.ts';
import { actionContent, type ActionPageOptions } from './action-pages.ts';
import { flag, html, type Child, type Html } from './html.ts';
import { layout } from './layout.ts';
import { csrfField, dashboardLayout, userBar, type Session } from './dashboard-layout.ts';
import { renderTotals } from './dashboard-totals.ts';
import { overallBadge } from './completeness-view.ts';
import { documentSection } from './dossier-blocks.ts';
import { buildDossierDocument, type DocumentSection, type DossierDocument } from './dossier-document.ts';
import { timelineEntries, type TimelineEntry } from './dossier-timeline.ts';
import { copySection, type CopyNotice } from './copy-section.ts';
import { pausedNote, pauseSection } from './pause-section.ts';
import { planChangeSection } from './plan-change-section.ts';
import { phaseStepper } from './phase-stepper.ts';

const t = /* @__PURE__ */ translator(
  dashboardMessages,
  webMessages,
  completenessMessages,
  eventMessages,
  pauseMessages,
  exportMessages,
  labelMessages,
  dashboardWorkMessages,
);

export interface ListFilters {
  status?: TrajectoryStatus;
  phase?: Phase;
  attention?: boolean;
  overdue?: boolean;
  /** Part of the employee's name (every word must occur). */
  q?: string;
  /** Absent: newest first. */
  sort?: Exclude<ListOrder, 'newest'>;
}

export interface ListItem {
  trajectory: Trajectory;
  overdue: boolean;
  /** The earliest deadline among the open tasks, while the trajectory runs. */
  nextDueAt?: string;
  /** The dossier-completeness check's overall status, when the dossier was read. */
  completeness?: CriterionStatus;
}

/** A filter that is on or off (`1` when ticked), named and labelled `id`. */
function filterCheckbox(id: 'attention' | 'overdue', checked: boolean | undefined, label: string): Html {
  return html`<div class="choice">
    <input type="checkbox" id="${id}" name="${id}" value="1" ${checked ? html` checked` : ''} /><label
      for="${id}"
      >${label}</label
    >
  </div>`;
}

function select(
  locale: Locale,
  id: string,
  label: string,
  values: readonly string[],
  current: string | undefined,
  text: (value: string) => string,
): Html {
  return html`<div class="field">
    <label for="${id}">${label}</label
    ><select id="${id}" name="${id}">
      <option value="">${t(locale, 'dash.filter.any')}</option>
      ${values.map(
        (value) =>
          html`<option value="${value}" ${current === value ? html` selected` : ''}>${text(value)}</option>`,
      )}
    </select>
  </div>`;
}

/** The signals on a trajectory; a closed one has none, whatever its flags say. */
const badges = (locale: Locale, trajectory: Trajectory, overdue: boolean): Html =>
  html`${needsAttention(trajectory) ? html`<span class="badge attention">${t(locale, 'dash.attention')}</span> ` : ''}${
    overdue ? html`<span class="badge overdue">${t(locale, 'dash.overdue')}</span>` : ''
  }`;

/** "Paused" in the list (the dossier page says since when), and "cancelled" for a cancelled one. */
const pausedBadge = (locale: Locale, trajectory: Trajectory): Html | string =>
  trajectory.pausedAt !== undefined && trajectory.status === 'active'
    ? html` <span class="badge paused">${t(locale, 'dash.paused')}</span>`
    : trajectory.status === 'cancelled'
      ? html` <span class="badge cancelled">${t(locale, 'work.badge.cancelled')}</span>`
      : '';

/** The next deadline of a row, or that there is none (closed, or waiting for a planned date). */
const nextDeadlineCell = (locale: Locale, nextDueAt: string | undefined): Html =>
  nextDueAt
    ? html`<time datetime="${nextDueAt}">${formatInstant(nextDueAt, locale)}</time>`
    : html`<span class="meta">${t(locale, 'work.nextDeadline.none')}</span>`;

/** Where the signed-in person answers a task of theirs. */
export const taskHref = (trajectoryId: string, taskId: string): string =>
  `/dossiers/${trajectoryId}/tasks/${taskId}`;

/** The tasks waiting for the signed-in person, earliest deadline first, each a link to its form. */
function myTasksSection(locale: Locale, tasks: readonly OpenTaskItem[]): Html {
  const count = tasks.length;
  return html`<section class="card" aria-labelledby="my-tasks" id="my-tasks-section">
    <h2 id="my-tasks">${t(locale, 'work.myTasks.title')}</h2>
    ${
      count === 0
        ? html`<p>${t(locale, 'work.myTasks.none')}</p>`
        : html`<p>${t(locale, count === 1 ? 'work.myTasks.count.one' : 'work.myTasks.count', { count })}</p>
            <ul class="my-tasks" id="my-tasks-list">
              ${tasks.map(
                (task) =>
                  html`<li data-task="${task.taskId}" data-trajectory="${task.trajectoryId}">
                    <a href="${taskHref(task.trajectoryId, task.taskId)}"
                      >${t(locale, taskTitleKey(task.kind))}</a
                    >
                    <span>${task.employeeName}</span>
                    <span class="meta"
                      >${t(locale, 'dash.due', { dueAt: formatInstant(task.dueAt, locale) })}</span
                    >${task.overdue ? html` <span class="badge overdue">${t(locale, 'dash.overdue')}</span>` : ''}${
                      task.paused ? html` <span class="badge paused">${t(locale, 'dash.paused')}</span>` : ''
                    }
                  </li>`,
              )}
            </ul>`
    }
  </section>`;
}

/** `GET /`: the trajectories the signed-in person may see, filtered, under their open tasks. */
export function renderDashboard(
  locale: Locale,
  session: Session,
  items: readonly ListItem[],
  filters: ListFilters,
  myTasks?: readonly OpenTaskItem[],
): string {
  const rows = items.map(
    ({ trajectory, overdue, completeness, nextDueAt }) =>
      html`<tr data-trajectory="${trajectory.id}">
        <td><a href="/dossiers/${trajectory.id}">${trajectory.employee.name}</a></td>
        <td data-label="${t(locale, 'dash.col.manager')}">${trajectory.manager.name}</td>
        <td data-label="${t(locale, 'dash.col.status')}">${t(locale, statusKey(trajectory.status))}</td>
        <td data-label="${t(locale, 'dash.col.phase')}">${t(locale, phaseKey(trajectory.phase))}</td>
        <td data-label="${t(locale, 'work.col.nextDeadline')}" data-next-deadline>
          ${nextDeadlineCell(locale, nextDueAt)}
        </td>
        <td data-label="${t(locale, 'dash.col.flags')}">
          ${badges(locale, trajectory, overdue)}${pausedBadge(locale, trajectory)}
        </td>
        <td data-label="${t(locale, 'completeness.col')}">
          ${completeness ? overallBadge(locale, trajectory, completeness) : ''}
        </td>
      </tr>`,
  );
  const main = html`<h1>${t(locale, 'dash.title')}</h1>
    ${session.principal.role === 'hr' ? html`<p><a class="button" href="/start">${t(locale, 'dash.start')}</a></p>` : ''}
    ${myTasks ? myTasksSection(locale, myTasks) : ''}
    <form method="get" action="/" class="filters" aria-label="${t(locale, 'dash.filters')}">
      <div class="field">
        <label for="q">${t(locale, 'work.search.label')}</label
        ><input
          type="search"
          id="q"
          name="q"
          value="${filters.q ?? ''}"
          maxlength="${MAX_SEARCH_LENGTH}"
          autocomplete="off"
        />
      </div>
      ${select(locale, 'status', t(locale, 'dash.filter.status'), STATUSES, filters.status, (v) => t(locale, statusKey(v as TrajectoryStatus)))}
      ${select(locale, 'phase', t(locale, 'dash.filter.phase'), PHASES, filters.phase, (v) => t(locale, phaseKey(v as Phase)))}
      ${filterCheckbox('attention', filters.attention, t(locale, 'dash.filter.attention'))}
      ${filterCheckbox('overdue', filters.overdue, t(locale, 'dash.filter.overdue'))}
      <div class="field">
        <label for="sort">${t(locale, 'work.sort.label')}</label
        ><select id="sort" name="sort">
          ${LIST_ORDERS.map(
            (order) =>
              html`<option value="${order}" ${(filters.sort ?? 'newest') === order ? html` selected` : ''}>
                ${t(locale, `work.sort.${order}`)}
              </option>`,
          )}
        </select>
      </div>
      <button type="submit" class="secondary">${t(locale, 'dash.filter.apply')}</button>
    </form>
    <p role="status" id="count">
      ${t(locale, items.length === 1 ? 'dash.filter.count.one' : 'dash.filter.count', { count: items.length })}
    </p>
    ${renderTotals(locale, items)}
    ${
      items.length === 0
        ? html`<p>${t(locale, 'dash.empty')}</p>`
        : html`<div class="table-wrap">
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">${t(locale, 'dash.col.employee')}</th>
                  <th scope="col">${t(locale, 'dash.col.manager')}</th>
                  <th scope="col">${t(locale, 'dash.col.status')}</th>
                  <th scope="col">${t(locale, 'dash.col.phase')}</th>
                  <th scope="col" ${filters.sort === 'deadline' ? html` aria-sort="ascending"` : ''}>
                    ${t(locale, 'work.col.nextDeadline')}
                  </th>
                  <th scope="col">${t(locale, 'dash.col.flags')}</th>
                  <th scope="col">${t(locale, 'completeness.col')}</th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>
          </div>`
    }`;
  return dashboardLayout(locale, session, t(locale, 'dash.title'), main);
}

export interface DossierPageOptions {
  now: Date;
  message?: string;
  fieldErrors?: readonly FieldError[];
  /** Leave the timeline's routine entries out of view (`?timeline=key`). */
  hideRoutine?: boolean;
  /** What HR's copy form just did (`?copy=issued`, `?copy=revoked`), to confirm it. */
  copyNotice?: CopyNotice;
}

/** The query that hides the timeline's routine entries; the toggle works without a script. */
export const TIMELINE_QUERY = { name: 'timeline', key: 'key' } as const;

/** Where a section of the document lives on the dossier page. */
const anchorOf = (id: string): string => `section-${id}`;

function timelineSection(
  locale: Locale,
  trajectoryId: string,
  section: DocumentSection,
  entries: readonly TimelineEntry[],
  hideRoutine: boolean,
): Html {
  const anchor = anchorOf(section.id);
  const all = `/dossiers/${trajectoryId}#${anchor}`;
  const key = `/dossiers/${trajectoryId}?${TIMELINE_QUERY.name}=${TIMELINE_QUERY.key}#${anchor}`;
  const count = entries.length;
  const shown = entries.filter((entry) => !entry.routine).length;
  const countAll = t(locale, count === 1 ? 'dash.timeline.countAll.one' : 'dash.timeline.countAll', {
    count,
  });
  const countKey = t(locale, 'dash.timeline.countKey', { shown, count });
  const showAll = t(locale, 'dash.timeline.showAll');
  const hide = t(locale, 'dash.timeline.hideRoutine');
  return documentSection(section, {
    id: anchor,
    className: 'card',
    body: html`<p class="timeline-filter">
        <span data-timeline-count data-all="${countAll}" data-key="${countKey}"
          >${hideRoutine ? countKey : countAll}</span
        >
        <a
          href="${hideRoutine ? all : key}"
          data-timeline-toggle
          data-all-href="${all}"
          data-key-href="${key}"
          data-show="${showAll}"
          data-hide="${hide}"
          aria-controls="timeline-list"
          >${hideRoutine ? showAll : hide}</a
        >
      </p>
      <ol class="timeline" id="timeline-list" ${flag(hideRoutine, 'data-hide-routine')}>
        ${entries.map(
          (entry) =>
            html`<li${flag(entry.routine, 'data-routine')}${flag(hideRoutine && entry.routine, 'hidden')}>
              <time datetime="${entry.at}">${formatInstant(entry.at, locale)}</time>${entry.text}${
                entry.system ? '' : html` <span class="meta">– ${entry.actor}</span>`
              }
            </li>`,
        )}
      </ol>`,
  });
}

/** The dossier's sections as the page shows them: the document's, two of them interactive. */
function dossierSections(
  locale: Locale,
  dossier: Dossier,
  document: DossierDocument,
  options: DossierPageOptions,
): Html[] {
  return document.sections.map((section) => {
    switch (section.id) {
      case 'timeline':
        return timelineSection(
          locale,
          dossier.trajectory.id,
          section,
          timelineEntries(dossier, locale),
          options.hideRoutine ?? false,
        );
      default:
        return documentSection(section, { id: anchorOf(section.id), className: 'card' });
    }
  });
}

/** HR's view of a cancellation: what everyone was mailed, and HR's own note beside it. */
function cancellationSection(locale: Locale, dossier: Dossier): Html {
  const event = dossier.events.find((candidate) => candidate.type === TRAJECTORY_CANCELLED);
  const reason = typeof event?.data?.reason === 'string' ? event.data.reason : undefined;
  const note = internalNoteOf(dossier.events);
  if (reason === undefined && note === undefined) return html``;
  return html`<section class="card" aria-labelledby="cancellation" data-section="cancellation">
    <h2 id="cancellation">${t(locale, 'work.cancelled.title')}</h2>
    ${details([
      ...(reason !== undefined
        ? [[t(locale, 'work.cancelled.reason'), prose(reason)] as [string, Child]]
        : []),
      ...(note !== undefined
        ? [
            [t(locale, 'work.cancelled.note'), html`<span data-internal-note>${prose(note)}</span>`] as [
              string,
              Child,
            ],
          ]
        : []),
    ])}
  </section>`;
}

/**
 * `POST /dossiers/{id}/cancel` with a valid form: the last step before the cancel. It shows the
 * mail the employee will read (the manager's carries the same text) apart from HR's internal
 * note, which no mail carries, and sends both on with `confirm`.
 */
export function renderCancelConfirmPage(
  locale: Locale,
  session: Session,
  trajectory: Trajectory,
  input: { reason: string; internalNote?: string },
): string {
  const mail = renderMail('trajectory-cancelled', {
    ...mailBase(trajectory, 'employee'),
    reason: input.reason,
  });
  const dossierHref = `/dossiers/${trajectory.id}`;
  const main = html`<div class="narrow" data-step="confirm-cancel">
    <h1>${t(locale, 'work.cancel.confirm.title', { employee: trajectory.employee.name })}</h1>
    <div class="notice warning"><p>${t(locale, 'work.cancel.confirm.warning')}</p></div>
    <section class="card" aria-labelledby="cancel-mail">
      <h2 id="cancel-mail">${t(locale, 'work.cancel.confirm.mail')}</h2>
      <p>${t(locale, 'work.cancel.confirm.mailTo', addressee(trajectory.employee))}</p>
      ${employeeMailPreview(locale, trajectory.locale, mail)}
    </section>
    <section class="card" aria-labelledby="cancel-note">
      <h2 id="cancel-note">${t(locale, 'work.cancel.confirm.note')}</h2>
      <div data-internal-note>
        ${input.internalNote ? prose(input.internalNote) : html`<p>${t(locale, 'work.cancel.confirm.noNote')}</p>`}
      </div>
    </section>
    <form method="post" action="${dossierHref}/cancel" class="actions">
      ${csrfField(session)}
      <input type="hidden" name="reason" value="${input.reason}" />
      ${input.internalNote ? html`<input type="hidden" name="internalNote" value="${input.internalNote}" />` : ''}
      <button type="submit" name="confirm" value="1" class="danger">
        ${t(locale, 'work.cancel.confirm.submit')}
      </button>
      <a href="${dossierHref}">${t(locale, 'work.cancel.confirm.back')}</a>
    </form>
  </div>`;
  return dashboardLayout(
    locale,
    session,
    t(locale, 'work.cancel.confirm.title', { employee: trajectory.employee.name }),
    main,
  );
}

/**
 * `GET /dossiers/{id}`: the whole dossier, from the same document as the PDF and in the same
 * order, with the open tasks and HR's actions on it.
 */
export function renderDossierPage(
  locale: Locale,
  session: Session,
  dossier: Dossier,
  options: DossierPageOptions,
): string {
  const { trajectory, tasks } = dossier;
  const hr = session.principal.role === 'hr';
  const open = tasks.filter((task) => task.status === 'open');
  const form = new FormState(locale, undefined, options.fieldErrors);
  const document = buildDossierDocument(dossier, { now: options.now, locale });
  const main = html`<p><a href="/">${t(locale, 'dash.back')}</a></p>
    <h1>${trajectory.employee.name}</h1>
    <p class="meta">
      ${t(locale, statusKey(trajectory.status))} · ${t(locale, phaseKey(trajectory.phase))}
      ${badges(
        locale,
        trajectory,
        open.some((task) => Date.parse(task.dueAt) < options.now.getTime()),
      )}
      ${pausedNote(locale, trajectory)}
    </p>
    <p class="export-links">
      <a href="/dossiers/${trajectory.id}/dossier.pdf" download>${t(locale, 'export.link.pdf')}</a>
      <a href="/dossiers/${trajectory.id}/print">${t(locale, 'export.link.print')}</a>
      ${
        // HR's internal report on the dossier: not part of it, and not for the manager.
        hr
          ? html`<a href="/dossiers/${trajectory.id}/completeness" data-completeness-report
              >${t(locale, 'export.link.completeness')}</a
            >`
          : ''
      }
    </p>
    ${options.message ? html`<div class="error-summary" role="alert" tabindex="-1" id="error-summary"><p>${options.message}</p></div>` : ''}
    ${phaseStepper(locale, dossier, options.now)}
    <section class="card" aria-labelledby="open-tasks">
      <h2 id="open-tasks">${t(locale, 'dash.openTasks')}</h2>
      ${
        open.length === 0
          ? html`<p>${t(locale, 'dash.noOpenTasks')}</p>`
          : open.map((task) => {
              const title = t(locale, taskTitleKey(task.kind));
              return html`<div class="goal">
                <h3>${title}</h3>
                <p>
                  ${t(locale, roleKey(task.assignee))} ·
                  ${t(locale, 'dash.due', {
                    dueAt: formatInstant(task.dueAt, locale),
                  })}
                </p>
                ${
                  task.assignee === session.principal.role && task.response === undefined
                    ? html`<p>
                        <a class="button" href="${taskHref(trajectory.id, task.id)}"
                          >${t(locale, 'work.task.answer', { task: title })}</a
                        >
                      </p>`
                    : ''
                }
                ${
                  hr
                    ? html`<form
                        method="post"
                        action="/dossiers/${trajectory.id}/tasks/${task.id}/extend"
                        novalidate
                      >
                        ${csrfField(session)}${input({
                          form,
                          path: ['days', task.id],
                          label: t(locale, 'dash.extend.days', { task: title }),
                          type: 'number',
                          width: 'short',
                        })}<button type="submit" class="secondary">${t(locale, 'dash.extend.submit')}</button>
                      </form>`
                    : ''
                }
              </div>`;
            })
      }
    </section>
    <nav class="card toc" aria-labelledby="toc-title">
      <h2 id="toc-title">${t(locale, 'dash.toc')}</h2>
      <ol>
        ${document.sections.map(
          (section) => html`<li><a href="#${anchorOf(section.id)}">${section.title}</a></li>`,
        )}
      </ol>
    </nav>
    <div class="dossier-document">${dossierSections(locale, dossier, document, options)}</div>
    ${hr ? copySection(locale, session.csrf, trajectory, options.copyNotice) : ''}
    ${hr && trajectory.status === 'active' ? pauseSection(locale, session.csrf, trajectory, form) : ''}
    ${hr ? planChangeSection(locale, session.csrf, dossier, form) : ''}
    ${
      hr && trajectory.status === 'active'
        ? html`<section class="card" aria-labelledby="cancel">
            <h2 id="cancel">${t(locale, 'dash.cancel.title')}</h2>
            <form method="post" action="/dossiers/${trajectory.id}/cancel" novalidate>
              ${csrfField(session)}
              ${textarea({
                form,
                path: ['reason'],
                label: t(locale, 'work.cancel.reason'),
                hint: t(locale, 'work.cancel.reason.hint'),
                rows: 3,
                maxLength: LIMITS.reason,
              })}
              ${textarea({
                form,
                path: ['internalNote'],
                label: t(locale, 'work.cancel.note'),
                hint: t(locale, 'work.cancel.note.hint'),
                rows: 3,
                maxLength: LIMITS.reason,
                optional: true,
              })}
              <button type="submit" class="danger">${t(locale, 'dash.cancel.submit')}</button>
            </form>
          </section>`
        : ''
    }
    ${hr && trajectory.status === 'cancelled' ? cancellationSection(locale, dossier) : ''}`;
  return dashboardLayout(locale, session, trajectory.employee.name, main);
}

/**
 * `GET /start` (and a refused `POST /start`): the body of `POST /trajectories` as a form. It
 * opens with the signed-in HR advisor filled in as the trajectory's HR advisor.
 */
export function renderStartPage(
  locale: Locale,
  session: Session,
  values?: unknown,
  fieldErrors?: readonly FieldError[],
): string {
  const { principal } = session;
  const form = new FormState(
    locale,
    // The trajectory's language starts at the default, so HR sees which one the mails will be in.
    values ?? { hrAdvisor: { name: principal.name ?? '', email: principal.email }, locale: DEFAULT_LOCALE },
    fieldErrors,
  );
  const person = (role: 'employee' | 'manager' | 'hrAdvisor') =>
    html`<fieldset class="card">
      <legend>${t(locale, `dash.start.${role}`)}</legend>
      ${(['name', 'email'] as const).map((field) =>
        input({
          form,
          path: [role, field],
          label: t(locale, `dash.start.${field}`),
          summaryLabel: t(locale, `dash.start.${role}.${field}`),
          type: field === 'email' ? 'email' : 'text',
          maxLength: field === 'email' ? LIMITS.email : LIMITS.name,
          autocomplete: 'off',
        }),
      )}
    </fieldset>`;
  const fields = html`${person('employee')}${person('manager')}${person('hrAdvisor')}
    ${textarea({ form, path: ['reason'], label: t(locale, 'dash.start.reason'), rows: 5, maxLength: LIMITS.reason })}
    ${radios({
      form,
      path: ['locale'],
      label: t(locale, 'dash.start.locale'),
      choices: LOCALES.map((value) => ({ value, label: t(locale, `dash.locale.${value}`) })),
    })}
    <fieldset class="card">
      <legend>${t(locale, 'dash.start.schedule')}</legend>
      ${input({ form, path: ['schedule', 'termWeeks'], label: t(locale, 'dash.start.termWeeks'), type: 'number', width: 'short', optional: true })}
      ${input({
        form,
        path: ['schedule', 'followUpEveryDays'],
        label: t(locale, 'dash.start.followUpEveryDays'),
        type: 'number',
        width: 'short',
        optional: true,
      })}
    </fieldset>`;
  const main = html`<div class="narrow">
    <p><a href="/">${t(locale, 'dash.back')}</a></p>
    <h1>${t(locale, 'dash.start.title')}</h1>
    ${form.summary()}
    <form method="post" action="/start" novalidate>
      ${csrfField(session)} ${fields}
      <div class="actions"><button type="submit">${t(locale, 'dash.start.submit')}</button></div>
    </form>
  </div>`;
  return dashboardLayout(locale, session, t(locale, 'dash.start.title'), main);
}

/**
 * `GET /dossiers/{id}/tasks/{taskId}` (and a refused answer): the task's page as its mailed link
 * shows it, the same form with the same checks, posting to the dashboard with the session's CSRF
 * token; once answered (from here or through the link) it says so, like the link does.
 */
export function renderTaskPage(
  locale: Locale,
  session: Session,
  view: ActionView,
  options: ActionPageOptions = {},
): string {
  const dossierHref = `/dossiers/${view.trajectoryId}`;
  const back = html`<p class="task-links">
    <a href="${dossierHref}">${t(locale, 'work.task.back')}</a>
    <a href="/#my-tasks-section">${t(locale, 'work.task.home')}</a>
  </p>`;
  // The documents' script calls the session's JSON routes: it needs the CSRF token as the form does.
  const withCsrf = options.attachments
    ? { ...options, attachments: { ...options.attachments, csrf: session.csrf } }
    : options;
  const content = actionContent(view, withCsrf, {
    action: taskHref(view.trajectoryId, view.taskId),
    draftAction: `${taskHref(view.trajectoryId, view.taskId)}/draft`,
    hidden: csrfField(session),
    back,
  });
  const main = content.form
    ? html`<p><a href="${dossierHref}">${t(locale, 'work.task.back')}</a></p>
        ${content.main}`
    : content.main;
  return layout({ locale, title: content.title, main, header: userBar(locale, session), homeHref: '/' });
}

/** The fields a confirmation step sends on unchanged, as hidden inputs. */
const hiddenFields = (fields: readonly (readonly [string, string])[]): Html[] =>
  fields.map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`);

/**
 * `POST /start` with a valid form: what is about to happen, before it does. The people and the
 * schedule as they will be stored, and the mails that go out at once, the employee's as it will
 * read (in the trajectory's language). The form sends the same fields again with `confirm`, or
 * with `edit` back to the form; `startKey` makes a double confirm start one trajectory.
 */
export function renderStartConfirmPage(
  locale: Locale,
  session: Session,
  input: CreateTrajectoryInput,
  fields: readonly (readonly [string, string])[],
  startKey: string,
  now: Date,
): string {
  const preview = newTrajectory(input, { id: 'preview', now });
  const started = renderMail('trajectory-started', {
    ...mailBase(preview, 'employee'),
    reason: preview.reason,
  });
  const { schedule } = preview;
  const person = (role: 'employee' | 'manager' | 'hrAdvisor'): [string, string] => [
    t(locale, `dash.start.${role}`),
    `${preview[role].name} (${preview[role].email})`,
  ];
  const main = html`<div class="narrow" data-step="confirm-start">
    <p><a href="/">${t(locale, 'dash.back')}</a></p>
    <h1>${t(locale, 'work.start.confirm.title')}</h1>
    <p>${t(locale, 'work.start.confirm.intro')}</p>
    <section class="card" aria-labelledby="confirm-people">
      <h2 id="confirm-people">${t(locale, 'work.start.confirm.people')}</h2>
      ${details([
        person('employee'),
        person('manager'),
        person('hrAdvisor'),
        [t(locale, 'dash.start.reason'), prose(preview.reason)],
        [t(locale, 'work.start.confirm.language'), t(locale, `dash.locale.${preview.locale}`)],
        [
          t(locale, 'work.start.confirm.scheduleLabel'),
          t(locale, 'work.start.confirm.schedule', {
            weeks: schedule.termWeeks,
            days: schedule.followUpEveryDays,
          }),
        ],
      ])}
    </section>
    <section class="card" aria-labelledby="confirm-mails">
      <h2 id="confirm-mails">${t(locale, 'work.start.confirm.mails')}</h2>
      <h3>${t(locale, 'work.start.confirm.toEmployee', addressee(preview.employee))}</h3>
      ${employeeMailPreview(locale, preview.locale, started)}
      <h3>${t(locale, 'work.start.confirm.toManager', addressee(preview.manager))}</h3>
      <p data-mail="manager">
        ${t(locale, 'work.start.confirm.managerMail', { days: schedule.identifyDueDays })}
      </p>
    </section>
    <form method="post" action="/start" class="actions">
      ${csrfField(session)}${hiddenFields(fields)}
      <input type="hidden" name="startKey" value="${startKey}" />
      <button type="submit" name="confirm" value="1">${t(locale, 'work.start.confirm.submit')}</button>
      <button type="submit" name="edit" value="1" class="secondary">
        ${t(locale, 'work.start.confirm.edit')}
      </button>
    </form>
  </div>`;
  return dashboardLayout(locale, session, t(locale, 'work.start.confirm.title'), main);
}

/** Whom a mail goes to, for a "to" line: `{name}` and `{email}`. */
const addressee = (person: { name: string; email: string }) => ({ name: person.name, email: person.email });

/** A mail to the employee as it will go out, in the trajectory's language: its subject and text. */
function employeeMailPreview(
  locale: Locale,
  mailLocale: Locale,
  mail: { subject: string; text: string },
): Html {
  return html`<div class="mail-preview" data-mail="employee" lang="${mailLocale}">
    <p><strong>${t(locale, 'work.start.confirm.subject', { subject: mail.subject })}</strong></p>
    ${prose(mail.text)}
  </div>`;
}

/** The local stand-in for the Cognito Hosted UI (served by the local cloud only). */
export function renderLocalSignIn(locale: Locale, fieldErrors?: readonly FieldError[]): string {
  const form = new FormState(locale, { role: 'hr' }, fieldErrors);
  const main = html`<div class="narrow">
    <h1>${t(locale, 'dash.signIn.title')}</h1>
    <p>${t(locale, 'dash.signIn.intro')}</p>
    ${form.summary()}
    <form method="post" action="/_local/sign-in" class="card" novalidate>
      ${input({ form, path: ['email'], label: t(locale, 'dash.signIn.email'), type: 'email', autocomplete: 'username' })}
      ${input({ form, path: ['name'], label: t(locale, 'dash.signIn.name'), autocomplete: 'name', optional: true })}
      ${radios({
        form,
        path: ['role'],
        label: t(locale, 'dash.signIn.role'),
        // The dashboard's roles: an employee never signs in to it.
        choices: (['hr', 'manager'] as const).map((value) => ({ value, label: t(locale, roleKey(value)) })),
      })}
      <div class="actions"><button type="submit">${t(locale, 'dash.signIn.submit')}</button></div>
    </form>
  </div>`;
  return layout({ locale, title: t(locale, 'dash.signIn.title'), main });
}
