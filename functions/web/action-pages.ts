/**
 * The pages behind a mailed action link: for an open task, what is asked and why, the deadline,
 * what the dossier already holds that the answer builds on, and the form; for a link that can
 * no longer be answered, a page that says why and that nothing more is needed. Pure: a view in,
 * a string of HTML out. The form posts back to the page's own URL (no `action`), so the token
 * appears nowhere in the markup.
 */
import type { ActionContexts, ActionView, NumberedGoal } from '#core/actions.ts';
import { formatDay, formatInstant, INTL_LOCALE } from '#core/dates-in-words.ts';
import { ACCEPTED_EXTENSIONS, ATTACHING_KINDS, type EvidenceFile } from '#core/files.ts';
import {
  OPTIONAL_TASKS,
  type Goal,
  type ImprovementArea,
  type Locale,
  type PlanChangeRef,
  type Role,
  type TaskKind,
} from '#core/model.ts';
import type { ActionBody } from '#core/schemas.ts';
import type { SupportEntry } from '#core/support-ledger.ts';
import { LIMITS } from '#core/schemas.ts';
import type { FieldError } from '#shared/errors.ts';
import { roleKey, taskTitleKey, translator } from '#shared/i18n/catalogue.ts';
import { filesMessages } from '#shared/i18n/files.ts';
import { pauseMessages } from '#shared/i18n/pause.ts';
import { completenessMessages } from '#shared/i18n/completeness.ts';
import { criterionNameKey } from '#core/completeness.ts';
import { planChangeMessages } from '#shared/i18n/plan-change.ts';
import { draftMessages } from '#shared/i18n/drafts.ts';
import { DRAFT_INTENT, DRAFT_INTENT_FIELD, keepsDrafts } from '#core/drafts.ts';
import { CAUSE_NAMED_BY, CAUSES } from '#core/schemas.ts';
import {
  actionText as t,
  choicesOf,
  details,
  FormState,
  hidden,
  input,
  list,
  prose,
  radios,
  rowsOf,
  select,
  textarea,
  type ListOptions,
  type Path,
} from './components.ts';
import {
  acknowledgementFields,
  overrideFields,
  redeploymentFields,
  supportBlock,
  supportFields,
} from './evidence.ts';
import { completenessBadge } from './completeness-view.ts';
import { html, type Child, type Html } from './html.ts';
import { layout } from './layout.ts';

const tChange = /* @__PURE__ */ translator(planChangeMessages);
const tPause = /* @__PURE__ */ translator(pauseMessages);
const tFiles = /* @__PURE__ */ translator(filesMessages);
const tCompleteness = /* @__PURE__ */ translator(completenessMessages);
const tDraft = /* @__PURE__ */ translator(draftMessages);
type MessageKey = Parameters<typeof t>[1];

export interface ActionPageOptions {
  /** What was typed, as the body the form would have produced (a 400 answer shows it again). */
  values?: unknown;
  fieldErrors?: readonly FieldError[];
  /** The task lapsed without an answer (an employee's deadline passed): "done" says why. */
  noResponse?: boolean;
  /**
   * The answer in `values` was refused because the trajectory was paused after the form was
   * opened: the form comes back with it, under a notice that nothing was saved.
   */
  paused?: boolean;
  /**
   * The task takes documents (functions/core/files.ts, `ATTACHING_KINDS`): what is attached to it
   * already, and the largest file. Absent, the page offers no attaching.
   */
  attachments?: Attachments;
  /**
   * When the draft in `values` was saved (functions/core/drafts.ts): the form says so. Set when a
   * draft was just saved and when the form opens with one.
   */
  draftSavedAt?: string;
}

export interface Attachments {
  /** The task's files that are exhibits (stored, not removed). */
  files: readonly EvidenceFile[];
  maxBytes: number;
  /** Who the page is for: they may remove the files they added themselves. */
  role: Role;
  /**
   * Where the script posts (`<base>/files`, `<base>/files/{id}/confirm`, ...); absent, the page's
   * own path, so a link's token is nowhere in the markup.
   */
  base?: string;
  /**
   * The signed-in session's CSRF token, which the script sends with each call (`X-CSRF-Token`) on
   * the dashboard's task page; a mailed link's page has none, its token being the credential.
   */
  csrf?: string;
}

/**
 * Where a form posts when it is not its link's own page: the signed-in dashboard's route for the
 * task, with the hidden fields that route needs (the session's CSRF token), and what leads back.
 */
export interface FormTarget {
  action: string;
  hidden: Html;
  /** Where the draft button posts (`formaction`); absent, it posts to the form's own URL with `intent=draft`. */
  draftAction?: string;
  /** Shown under a "done", "closed" or "paused" notice: the way back to the dashboard. */
  back?: Html;
}

/** What a task's page says, without the page around it: a title, and the form or a notice. */
export interface ActionContent {
  title: string;
  main: Html;
  /** `open` (the form), `paused`, `done` or `closed`: what the page offers. */
  status: 'open' | 'paused' | 'done' | 'closed';
  /** Whether `main` holds the form (else a notice). */
  form: boolean;
}

/**
 * The second button of a long form: it keeps what was typed without sending it. On the mailed
 * link's page it posts to the page's own URL (no token in the markup) with `intent=draft`; on the
 * dashboard to the task's draft route.
 */
function draftButton(locale: Locale, target: FormTarget | undefined): Html {
  return target?.draftAction
    ? html` <button type="submit" class="secondary" formaction="${target.draftAction}" data-draft-save>
          ${tDraft(locale, 'draft.save')}
        </button>
        <p class="hint">${tDraft(locale, 'draft.hint')}</p>`
    : html` <button
          type="submit"
          class="secondary"
          name="${DRAFT_INTENT_FIELD}"
          value="${DRAFT_INTENT}"
          data-draft-save
        >
          ${tDraft(locale, 'draft.save')}
        </button>
        <p class="hint">${tDraft(locale, 'draft.hint')}</p>`;
}

/** "Draft saved on ...": a status message, focused when it is the page's news (no errors above it). */
function draftNotice(locale: Locale, savedAt: string, focus: boolean): Html {
  const text = tDraft(locale, 'draft.saved', { time: formatInstant(savedAt, locale) });
  return focus
    ? html`<p class="notice success" role="status" tabindex="-1" data-focus data-draft-saved>${text}</p>`
    : html`<p class="notice success" role="status" data-draft-saved>${text}</p>`;
}

/** The page for `GET /actions/{token}` (or a refused form post) for a browser. */
export function renderActionPage(view: ActionView, options: ActionPageOptions = {}): string {
  const { title, main } = actionContent(view, options);
  return layout({ locale: view.locale, title, main });
}

/**
 * The task as its page shows it: the form while it is open, else a notice of why not. The mailed
 * link's page and the dashboard's task page both render this; `target` makes the form post to
 * the dashboard instead of back to the link.
 */
export function actionContent(
  view: ActionView,
  options: ActionPageOptions = {},
  target?: FormTarget,
): ActionContent {
  const { locale } = view;
  const title = t(locale, taskTitleKey(view.task));
  const back = target?.back;
  if (view.status === 'done') {
    return options.noResponse
      ? messageContent(
          locale,
          'web.noResponse.title',
          t(locale, 'web.noResponse.body'),
          'warning',
          title,
          'done',
          back,
        )
      : messageContent(locale, 'web.done.title', t(locale, 'web.done.body'), 'success', title, 'done', back);
  }
  if (view.status === 'closed' || !view.context) {
    return messageContent(
      locale,
      'web.closed.title',
      t(locale, 'web.closed.body'),
      'info',
      title,
      'closed',
      back,
    );
  }
  const paused = options.paused === true || view.paused === true;
  // A paused trajectory takes no answer: a notice instead of a form nobody can send.
  if (paused && options.values === undefined) {
    return messageContent(
      locale,
      'web.paused.title',
      tPause(locale, 'error.paused'),
      'warning',
      title,
      'paused',
      back,
    );
  }
  const context = view.context;
  const start = options.values === undefined ? startingValues(view.task, context, locale) : undefined;
  const form = new FormState(locale, options.values ?? start?.values, options.fieldErrors);
  const employee = 'employee' in context ? context.employee.firstName : undefined;
  const fields = formFields(view.task, form, context);
  const summary = form.summary();
  const heading = summary ? `${t(locale, 'web.error.title')}: ${title}` : title;
  // Without a target the form posts back to the page's own URL, so the link's token is nowhere in it.
  const formAction = target ? html` action="${target.action}"` : '';
  // A paused form sends nothing, a draft included: the button is offered only while answering is.
  const drafts = keepsDrafts(view.task) && !paused;
  const main = html`<div class="narrow" data-status="${paused ? 'paused' : 'open'}">
    <h1>${title}</h1>
    <p class="meta">
      ${t(locale, 'web.for', { role: t(locale, roleKey(view.assignee)) })}${
        employee ? html` · ${t(locale, 'web.about', { employee })}` : ''
      }
    </p>
    <p class="meta deadline">
      ${t(locale, OPTIONAL_TASKS.includes(view.task) ? 'web.dueAt.optional' : 'web.dueAt', {
        dueAt: formatInstant(view.dueAt, locale),
      })}
    </p>
    ${
      paused
        ? html`<div class="notice warning" role="alert" tabindex="-1" data-focus data-paused>
            <h2>${t(locale, 'web.paused.title')}</h2>
            <p>${tPause(locale, 'error.paused')}</p>
            <p>${t(locale, 'web.paused.kept')}</p>
          </div>`
        : summary
    }${options.draftSavedAt ? draftNotice(locale, options.draftSavedAt, summary === undefined) : ''}
    <p class="intro">${t(locale, `web.intro.${view.task}` as MessageKey, { employee: employee ?? '' })}</p>
    ${contextSection(view.task, context, locale)}
    ${
      options.attachments && !paused && ATTACHING_KINDS.includes(view.task)
        ? attachSection(options.attachments, locale)
        : ''
    }
    <form method="post" novalidate${formAction} class="card" data-task="${view.task}">
      ${target ? target.hidden : ''}${start?.note ? html`<p class="notice" data-prefilled>${start.note}</p>` : ''}${fields}
      <div class="actions">
        <button type="submit">${t(locale, 'web.submit')}</button>${drafts ? draftButton(locale, target) : ''}
      </div>
    </form>
  </div>`;
  return {
    title: t(locale, 'action.page.title', { task: heading }),
    main,
    status: paused ? 'paused' : 'open',
    form: true,
  };
}

/**
 * Documents of the task: the list of its exhibits and a form that adds one. The upload goes from
 * the browser straight to the bucket (a presigned form), so the form is the script's work
 * (functions/web/assets/app-js.ts): without the script the part stays hidden and says why. It is a
 * form of its own beside the answer's, so adding a document never sends, or loses, the answer.
 * Every text the script shows comes from here, in the page's language.
 */
function attachSection(attachments: Attachments, locale: Locale): Html {
  const mb = Math.floor(attachments.maxBytes / 1024 / 1024);
  const item = (file: EvidenceFile | undefined) =>
    html`<li data-file="${file?.id ?? ''}">
      <span data-file-label>${file ? fileLabel(file, locale) : ''}</span>${
        !file || file.addedBy === attachments.role
          ? html`<details data-remove-file>
              <summary>${tFiles(locale, 'files.attach.remove')}</summary>
              <form novalidate class="remove-file">
                <label
                  >${tFiles(locale, 'files.attach.reason')}
                  <input type="text" name="reason" required maxlength="${LIMITS.reason}"
                /></label>
                <button type="submit" class="secondary">${tFiles(locale, 'files.attach.remove')}</button>
              </form>
            </details>`
          : ''
      }
    </li>`;
  return html`<noscript><p class="notice">${tFiles(locale, 'files.attach.noscript')}</p></noscript>
    <section
      class="card attachments"
      data-attach
      hidden
      aria-labelledby="attach-title"
      ${attachments.base ? html`data-base="${attachments.base}"` : ''}
      ${attachments.csrf ? html`data-csrf="${attachments.csrf}"` : ''}
      data-exhibit="${tFiles(locale, 'files.exhibit', { n: '{n}' })}"
      data-date-locale="${INTL_LOCALE[locale]}"
      data-busy="${tFiles(locale, 'files.attach.busy')}"
      data-stored="${tFiles(locale, 'files.attach.stored', { n: '{n}' })}"
      data-failed="${tFiles(locale, 'files.attach.failed')}"
      data-choose="${tFiles(locale, 'files.attach.choose')}"
      data-removed="${tFiles(locale, 'files.attach.removed')}"
    >
      <h2 id="attach-title">${tFiles(locale, 'files.attach.title')}</h2>
      <p class="hint">${tFiles(locale, 'files.attach.intro', { mb })}</p>
      <p data-attached-none${attachments.files.length > 0 ? html` hidden` : ''}>
        ${tFiles(locale, 'files.attach.none')}
      </p>
      <ul data-attached>
        ${attachments.files.map((file) => item(file))}
      </ul>
      <template data-attached-item>${item(undefined)}</template>
      <form novalidate data-attach-form>
        <div class="field">
          <label for="attach-doc-title">${tFiles(locale, 'files.attach.docTitle')}</label>
          <input type="text" id="attach-doc-title" name="title" required maxlength="${LIMITS.title}" />
        </div>
        <div class="field">
          <label for="attach-doc-date">${tFiles(locale, 'files.attach.date')}</label>
          <input type="date" id="attach-doc-date" name="date" class="short" required />
        </div>
        <div class="field">
          <label for="attach-doc-file">${tFiles(locale, 'files.attach.file')}</label>
          <input type="file" id="attach-doc-file" name="file" required accept="${ACCEPTED_EXTENSIONS}" />
        </div>
        <p role="status" aria-live="polite" data-attach-status></p>
        <div class="actions">
          <button type="submit" class="secondary">${tFiles(locale, 'files.attach.submit')}</button>
        </div>
      </form>
      <p class="hint">${tFiles(locale, 'files.attach.separate')}</p>
    </section>`;
}

/** "Productie 3: Klacht van klant Jansen (20 augustus 2026)". */
function fileLabel(file: EvidenceFile, locale: Locale): string {
  return `${tFiles(locale, 'files.exhibit', { n: file.exhibit ?? 0 })}: ${file.title} (${formatDay(file.date, locale)})`;
}

export type ActionErrorKind = 'unknown' | 'used' | 'closed' | 'crossSite' | 'other';

export interface ActionErrorPage {
  locale: Locale;
  kind: ActionErrorKind;
  /** The catalogue's explanation of the refusal. */
  message: string;
  fieldErrors?: readonly FieldError[];
  /** Where "back to the task" leads; omitted when there is no task to go back to. */
  backHref?: string;
}

const ERROR_TITLES: Record<ActionErrorKind, MessageKey> = {
  unknown: 'web.unknown.title',
  used: 'web.used.title',
  closed: 'web.closed.title',
  crossSite: 'web.crossSite.title',
  other: 'web.error.title',
};

/** A refused request: unknown link, already answered, closed, cross-site post, bad form. */
export function renderActionErrorPage({
  locale,
  kind,
  message,
  fieldErrors,
  backHref,
}: ActionErrorPage): string {
  const extra: Html[] = [];
  if (fieldErrors?.length) {
    extra.push(
      html`<p>${t(locale, 'action.page.fieldErrors')}</p>
        <ul>
          ${fieldErrors.map((error) => html`<li>${error.path ? html`<code>${error.path}</code>: ` : ''}${error.message}</li>`)}
        </ul>`,
    );
  }
  if (backHref) extra.push(html`<p><a href="${backHref}">${t(locale, 'action.page.back')}</a></p>`);
  const tone = kind === 'used' ? 'success' : kind === 'closed' ? 'info' : 'warning';
  return messagePage(locale, ERROR_TITLES[kind], message, tone, undefined, undefined, extra);
}

/** `messageContent` as a whole page. */
function messagePage(...content: Parameters<typeof messageContent>): string {
  const { title, main } = messageContent(...content);
  return layout({ locale: content[0], title, main });
}

function messageContent(
  locale: Locale,
  titleKey: MessageKey,
  body: string,
  tone: 'success' | 'info' | 'warning',
  task?: string,
  status?: 'done' | 'closed' | 'paused',
  extra: Child = undefined,
): ActionContent {
  const title = t(locale, titleKey);
  const main = html`<div class="narrow" ${status ? html` data-status="${status}"` : ''}>
    <div class="notice ${tone === 'info' ? '' : tone}" data-page="${titleKey}">
      ${task ? html`<p class="meta">${task}</p>` : ''}
      <h1>${title}</h1>
      <p>${body}</p>
      ${extra}
    </div>
  </div>`;
  return { title: `${title} – ${t(locale, 'web.brand')}`, main, status: status ?? 'closed', form: false };
}

/**
 * What a form starts with, so nobody types again what the dossier already holds: a revision
 * starts from the version sent back (a plan with every goal and support row, an evaluation with
 * every result), a follow-up from its planned date. `note` says so above the form.
 */
function startingValues(
  kind: TaskKind,
  context: ActionContexts[TaskKind],
  locale: Locale,
): { values: unknown; note?: string } | undefined {
  switch (kind) {
    case 'plan': {
      const { revision, change } = context as ActionContexts['plan'];
      if (!revision) return undefined;
      return {
        values: { goals: revision.goals, supportLedger: revision.supportLedger ?? [] },
        note:
          change && !revision.comments
            ? tChange(locale, 'planChange.prefilled')
            : t(locale, 'web.prefilled.plan'),
      };
    }
    case 'evaluation': {
      const { revision } = context as ActionContexts['evaluation'];
      return revision
        ? { values: revision.evaluation, note: t(locale, 'web.prefilled.evaluation') }
        : undefined;
    }
    case 'follow-up': {
      const { meeting } = context as ActionContexts['follow-up'];
      return meeting ? { values: { heldOn: meeting.plannedOn } } : undefined;
    }
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// What the dossier already holds

function areasBlock(locale: Locale, areas: readonly ImprovementArea[]): Html {
  if (areas.length === 0) return html``;
  return html`<h3>${t(locale, 'web.context.areas')}</h3>
    <ul>
      ${areas.map(
        (area) =>
          html`<li>
            <strong>${area.title}</strong>${
              area.examples.length
                ? html`<ul>
                    ${area.examples.map((example) => html`<li class="prose">${example}</li>`)}
                  </ul>`
                : ''
            }
          </li>`,
      )}
    </ul>`;
}

function goalBlock(locale: Locale, goal: Goal, index: number): Html {
  return html`<div class="goal">
    <h4>${t(locale, 'web.context.goalNumber', { n: index + 1, title: goal.title })}</h4>
    ${details([
      [t(locale, 'web.field.specific'), goal.specific],
      [t(locale, 'web.field.measure'), goal.measure],
      [t(locale, 'web.field.target'), goal.target],
      [t(locale, 'web.field.deadline'), formatDay(goal.deadline, locale)],
      [t(locale, 'web.field.support'), goal.support],
    ])}
  </div>`;
}

function goalsBlock(
  locale: Locale,
  goals: readonly Goal[],
  headingKey: MessageKey = 'web.context.goals',
  heading: string = t(locale, headingKey),
): Html {
  if (goals.length === 0) return html``;
  return html`<h3>${heading}</h3>
    ${goals.map((goal, index) => goalBlock(locale, goal, index))}`;
}

/** Per goal: its number and title, its status or result in words (`web.option.*`), the notes. */
function goalStatusList(
  locale: Locale,
  goals: readonly NumberedGoal[],
  /** A self-assessment's goal may have a note and no status. */
  lines: readonly { goal: number; status?: string | undefined; notes?: string }[],
): Html {
  const title = (index: number) => goals[index]?.title ?? String(index + 1);
  return html`<ul>
    ${lines.map(
      (line) =>
        html`<li>
          <strong
            >${t(locale, 'web.context.goalNumber', { n: line.goal + 1, title: title(line.goal) })}</strong
          >: ${t(locale, `web.option.${line.status ?? 'noStatus'}` as MessageKey)}<br /><span class="prose"
            >${line.notes}</span
          >
        </li>`,
    )}
  </ul>`;
}

function evaluationBlock(
  locale: Locale,
  goals: readonly NumberedGoal[],
  evaluation: ActionBody<'evaluation'>,
): Html {
  return html`${prose(evaluation.summary)}
  ${goalStatusList(
    locale,
    goals,
    evaluation.results.map(({ goal, outcome, notes }) => ({ goal, status: outcome, notes })),
  )}
  ${details([
    [
      t(locale, 'web.context.decision'),
      `${t(locale, `web.option.${evaluation.decision}` as MessageKey)}${
        evaluation.extendWeeks
          ? ` (${evaluation.extendWeeks} ${t(locale, 'web.field.extendWeeks').toLowerCase()})`
          : ''
      }`,
    ],
  ])}`;
}

/** The support offered (and given) so far, per goal, when there is any. */
function supportContext(
  locale: Locale,
  goals: readonly Goal[],
  support: readonly SupportEntry[] | undefined,
) {
  if (!support?.length) return '';
  return html`<h3>${t(locale, 'evidence.ledger.legend')}</h3>
    ${supportBlock(locale, goals, support, { headingLevel: 4 })}`;
}

function contextBody(kind: TaskKind, context: ActionContexts[TaskKind], locale: Locale): Child {
  switch (kind) {
    case 'identify': {
      const c = context as ActionContexts['identify'];
      return html`<h3>${t(locale, 'web.context.reason')}</h3>
        ${prose(c.reason)}`;
    }
    case 'conversation':
      return areasBlock(locale, (context as ActionContexts['conversation']).improvementAreas);
    case 'employee-response': {
      const c = context as ActionContexts['employee-response'];
      return html`${areasBlock(locale, c.improvementAreas)}
        <h3>${t(locale, 'web.context.conversation')}</h3>
        ${
          c.conversation
            ? details([
                [t(locale, 'web.field.heldOn'), formatDay(c.conversation.heldOn, locale)],
                [t(locale, 'web.field.summary'), c.conversation.summary],
                [t(locale, 'web.field.employeePerspective'), c.conversation.employeePerspective],
                [t(locale, 'web.field.agreements'), c.conversation.agreements],
              ])
            : html`<p>${t(locale, 'web.context.conversationMissing')}</p>`
        }`;
    }
    case 'plan': {
      const c = context as ActionContexts['plan'];
      return html`${planChangeBlock(locale, c.change, 'plan')}${
        c.revision?.comments
          ? html`<h3>${t(locale, 'web.context.revision')}</h3>
              ${prose(c.revision.comments)}`
          : ''
      }${
        c.revision
          ? goalsBlock(
              locale,
              c.revision.goals,
              'web.context.previousPlan',
              c.change && !c.revision.comments ? tChange(locale, 'planChange.inForce') : undefined,
            )
          : ''
      }${areasBlock(locale, c.improvementAreas)}${consequenceBlock(locale, c.consequenceStatement, c.employee.firstName)}`;
    }
    case 'plan-approval':
    case 'plan-acknowledgement': {
      const c = context as ActionContexts['plan-approval'];
      // HR reads the employee's statement; the employee reads it as it is written to them.
      const reader = kind === 'plan-approval' ? c.employee.firstName : undefined;
      return html`${planChangeBlock(locale, c.change, kind === 'plan-approval' ? 'approval' : 'acknowledgement')}${areasBlock(locale, c.improvementAreas)}${goalsBlock(locale, c.goals)}${supportContext(locale, c.goals, c.support)}${consequenceBlock(locale, c.consequenceStatement, reader)}`;
    }
    case 'follow-up': {
      const c = context as ActionContexts['follow-up'];
      return html`${meetingLine(locale, c.meeting)}${goalsBlock(locale, c.goals)}${supportContext(locale, c.goals, c.support)}${
        c.selfAssessment ? selfAssessmentBlock(locale, c.goals, c.selfAssessment) : ''
      }`;
    }
    case 'self-assessment': {
      const c = context as ActionContexts['self-assessment'];
      return html`${meetingLine(locale, c.meeting)}${goalsBlock(locale, c.goals)}`;
    }
    case 'evaluation': {
      const c = context as ActionContexts['evaluation'];
      return html`${
        c.termEndsAt
          ? html`<p>
              ${t(locale, 'web.context.term', { term: c.term, date: formatInstant(c.termEndsAt, locale) })}
            </p>`
          : ''
      }${
        c.missingReports.length > 0
          ? html`<p class="notice warning" data-context="missing-reports">
              ${t(
                locale,
                c.missingReports.length === 1
                  ? 'web.context.missingReports.one'
                  : 'web.context.missingReports.other',
                {
                  meetings: c.missingReports
                    .map(({ meeting, plannedOn }) =>
                      t(locale, 'web.context.missingReport', { meeting, date: formatDay(plannedOn, locale) }),
                    )
                    .join(', '),
                },
              )}
            </p>`
          : ''
      }${
        c.revision
          ? html`<h3>${t(locale, 'web.context.revision')}</h3>
              ${prose(c.revision.comments)}
              <h3>${t(locale, 'web.context.previousEvaluation')}</h3>
              ${evaluationBlock(locale, c.goals, c.revision.evaluation)}`
          : ''
      }${goalsBlock(locale, c.goals)}`;
    }
    case 'decision-confirmation': {
      const c = context as ActionContexts['decision-confirmation'];
      return html`${goalsBlock(locale, c.goals)}${
        c.evaluation
          ? html`<h3>${t(locale, 'web.context.evaluation')}</h3>
              ${evaluationBlock(locale, c.goals, c.evaluation)}`
          : ''
      }${c.concerns ? concernsBlock(locale, c.concerns, c.evaluation?.decision === 'unsuccessful') : ''}`;
    }
    case 'aftercare': {
      const c = context as ActionContexts['aftercare'];
      return c.decision
        ? details([[t(locale, 'web.context.decision'), t(locale, `web.option.${c.decision}` as MessageKey)]])
        : undefined;
    }
    case 'follow-up-reaction': {
      const c = context as ActionContexts['follow-up-reaction'];
      if (!c.report) return html`<p>${t(locale, 'web.context.reportMissing')}</p>`;
      return html`<h3>
          ${t(locale, 'web.context.followUpReport', { number: c.meeting ?? '', date: formatDay(c.report.heldOn, locale) })}
        </h3>
        ${prose(c.report.summary)} ${progressBlock(locale, c.goals, c.report)}`;
    }
    case 'disagreement-response': {
      const c = context as ActionContexts['disagreement-response'];
      return html`<h3>${t(locale, 'web.context.objection')}</h3>
        ${c.comments ? prose(c.comments) : html`<p>${t(locale, 'web.context.noComments')}</p>`}
        ${goalsBlock(locale, c.goals)}`;
    }
    case 'cause-follow-up': {
      const c = context as ActionContexts['cause-follow-up'];
      return html`<h3>${t(locale, 'fair.causes.title')}</h3>
        <ul data-context="causes">
          ${c.causes.map((cause) => html`<li>${t(locale, `fair.cause.${cause}`)}</li>`)}
        </ul>
        ${
          c.causesNote
            ? html`<h4>${t(locale, 'fair.causes.note')}</h4>
                ${prose(c.causesNote)}`
            : ''
        }`;
    }
    case 'evaluation-reaction': {
      const c = context as ActionContexts['evaluation-reaction'];
      return c.evaluation
        ? html`<h3>${t(locale, 'web.context.evaluation')}</h3>
            ${evaluationBlock(locale, c.goals, c.evaluation)}`
        : html`<p>${t(locale, 'web.context.reportMissing')}</p>`;
    }
  }
}

/**
 * The consequence statement that comes with the plan: part of what HR approves and the employee
 * receives. It speaks to the employee ("je functie"); to the manager and HR, who read it on the
 * employee's behalf, it is quoted as the plan's words to `employee`.
 */
function consequenceBlock(locale: Locale, statement: string | undefined, employee?: string): Html {
  if (!statement) return html``;
  return html`<div data-context="consequence">
    <h3>${t(locale, 'fair.consequence.title')}</h3>
    ${
      employee === undefined
        ? prose(statement)
        : html`<p>${t(locale, 'fair.consequence.quoted', { employee })}</p>
            <blockquote>${prose(statement)}</blockquote>`
    }
  </div>`;
}

/** A change of the acknowledged plan: which one, what it means for this person, and HR's reason. */
function planChangeBlock(
  locale: Locale,
  change: PlanChangeRef | undefined,
  step: 'plan' | 'approval' | 'acknowledgement',
): Html {
  if (!change) return html``;
  return html`<div class="notice" data-context="plan-change">
    <h3>${tChange(locale, 'planChange.title', { number: change.number })}</h3>
    <p>${tChange(locale, `planChange.intro.${step}`)}</p>
    <h4>${tChange(locale, 'planChange.reason')}</h4>
    ${prose(change.reason)}
  </div>`;
}

/** The possible causes the conversation records, each with who named it (extension of the contract). */
function causeFields(form: FormState): Html {
  return html`${list({
    form,
    path: ['causes'],
    legend: form.t('fair.field.causes'),
    hint: form.t('fair.field.causes.hint'),
    rows: rowsOf('fair', 'cause'),
    min: 0,
    max: CAUSES.length,
    spare: 1,
    row: (rowForm, path) =>
      html`${select({
        form: rowForm,
        path: [...path, 'cause'],
        label: form.t('fair.field.cause'),
        placeholder: form.t('fair.field.cause.choose'),
        choices: choicesOf(form, CAUSES, (cause) => `fair.cause.${cause}`),
      })}
      ${radios({
        form: rowForm,
        path: [...path, 'namedBy'],
        label: form.t('fair.field.namedBy'),
        // Under "Named by": who, without saying "named by" again.
        choices: choicesOf(form, CAUSE_NAMED_BY, (who) => `fair.field.namedBy.${who}`),
        inline: true,
      })}`,
  })}
  ${textarea({ form, path: ['causesNote'], label: form.t('fair.field.causesNote'), rows: 3, optional: true, maxLength: LIMITS.freeText })}`;
}

/** The employee's self-assessment before a follow-up, on the manager's form for it. */
function selfAssessmentBlock(
  locale: Locale,
  goals: readonly NumberedGoal[],
  assessment: ActionBody<'self-assessment'>,
): Html {
  return html`<div data-context="self-assessment">
    <h3>${t(locale, 'web.context.selfAssessment')}</h3>
    ${goalStatusList(
      locale,
      goals,
      assessment.goals.map(({ goal, status, note }) => ({ goal, status, notes: note ?? '' })),
    )}
    ${assessment.note ? prose(assessment.note) : ''}
  </div>`;
}

/** A follow-up report's progress per goal, as the employee was sent it. */
function progressBlock(
  locale: Locale,
  goals: readonly NumberedGoal[],
  report: ActionBody<'follow-up'>,
): Html {
  return goalStatusList(locale, goals, report.progress);
}

function contextSection(kind: TaskKind, context: ActionContexts[TaskKind], locale: Locale): Html {
  const body = contextBody(kind, context, locale);
  if (!body) return html``;
  return html`<section class="card context" aria-labelledby="context-title">
    <h2 id="context-title">${t(locale, 'web.context.title')}</h2>
    ${body}
  </section>`;
}

// ---------------------------------------------------------------------------------------------
// The forms, one per task kind, in the shape of the task's JSON body (README.md, "Action links")

const choices = (form: FormState, values: readonly string[]) =>
  values.map((value) => ({ value, label: form.t(`web.option.${value}` as MessageKey) }));

function goalRows(
  form: FormState,
  goals: readonly NumberedGoal[],
  field: 'progress' | 'results',
  choiceField: 'status' | 'outcome',
  options: readonly string[],
): Html {
  return html`${goals.map((goal, index) => {
    const path: Path = [field, index];
    // The summary names the goal with each field: every goal has a status and notes.
    const fields = form.inRow(form.t('web.row.goal', { n: goal.index + 1 }), () => [
      radios({
        form,
        path: [...path, choiceField],
        label: form.t(`web.field.${choiceField}`),
        choices: choices(form, options),
      }),
      textarea({
        form,
        path: [...path, 'notes'],
        label: form.t('web.field.notes'),
        rows: 3,
        maxLength: LIMITS.shortText,
      }),
    ]);
    return html`<fieldset class="card goal-row" id="f-${field}-${index}">
      <legend>${form.t('web.context.goalNumber', { n: goal.index + 1, title: goal.title })}</legend>
      ${hidden([...path, 'goal'], goal.index)}
      ${form.errorsAt([...path, 'goal']).length ? html`<p class="error">${form.errorsAt([...path, 'goal'])}</p>` : ''}
      ${fields}
    </fieldset>`;
  })}${form.errorsAt([field]).length ? html`<p class="error" id="f-${field}">${form.errorsAt([field]).join(' ')}</p>` : ''}`;
}

function approvalFields(form: FormState): Html {
  return html`${radios({
    form,
    path: ['decision'],
    label: form.t('web.field.decision'),
    choices: choices(form, ['approve', 'revise']),
  })}
  ${textarea({
    form,
    path: ['comments'],
    label: form.t('web.field.comments'),
    hint: form.t('web.field.comments.reviseHint'),
    optional: true,
    maxLength: LIMITS.freeText,
  })}`;
}

/**
 * The list a form is about, of improvement areas or of goals: at least one row, two spare rows for
 * a browser without the script, and a hint that says how to use them.
 */
function mainList(
  form: FormState,
  path: Path,
  noun: 'area' | 'goal',
  max: number,
  row: ListOptions['row'],
): Html {
  return list({
    form,
    path,
    legend: form.t(`web.context.${noun}s`),
    rows: rowsOf('web', noun),
    min: 1,
    max,
    spare: 2,
    hint: form.t('web.jsListHint'),
    row,
  });
}

function formFields(kind: TaskKind, form: FormState, context: ActionContexts[TaskKind]): Child {
  switch (kind) {
    case 'identify':
      return mainList(
        form,
        ['improvementAreas'],
        'area',
        LIMITS.areas,
        (rowForm, path) =>
          html`${input({ form: rowForm, path: [...path, 'title'], label: form.t('web.field.title'), maxLength: LIMITS.title })}
          ${list({
            form: rowForm,
            path: [...path, 'examples'],
            legend: form.t('web.field.examples'),
            hint: form.t('web.field.examples.hint'),
            rows: rowsOf('web', 'example'),
            min: 1,
            max: LIMITS.examplesPerArea,
            spare: 1,
            nested: true,
            row: (exampleForm, examplePath) =>
              textarea({
                form: exampleForm,
                path: examplePath,
                label: form.t('web.field.example'),
                rows: 2,
                maxLength: LIMITS.shortText,
              }),
          })}`,
      );
    case 'conversation':
      return html`${input({
        form,
        path: ['heldOn'],
        label: form.t('web.field.heldOn'),
        hint: form.t('web.field.heldOn.hint'),
        type: 'date',
        width: 'short',
      })}
      ${textarea({ form, path: ['summary'], label: form.t('web.field.summary'), rows: 6, maxLength: LIMITS.freeText })}
      ${textarea({ form, path: ['employeePerspective'], label: form.t('web.field.employeePerspective'), rows: 4, maxLength: LIMITS.freeText })}
      ${textarea({ form, path: ['agreements'], label: form.t('web.field.agreements'), rows: 4, maxLength: LIMITS.freeText })}
      ${causeFields(form)}`;
    case 'employee-response':
      return textarea({
        form,
        path: ['response'],
        label: form.t('web.field.response'),
        rows: 8,
        maxLength: LIMITS.freeText,
      });
    case 'plan':
      return html`${mainList(
        form,
        ['goals'],
        'goal',
        LIMITS.goals,
        (rowForm, path) =>
          html`${input({ form: rowForm, path: [...path, 'title'], label: form.t('web.field.goalTitle'), maxLength: LIMITS.title })}
          ${textarea({ form: rowForm, path: [...path, 'specific'], label: form.t('web.field.specific'), summaryLabel: form.t('web.field.specific.short'), rows: 2, maxLength: LIMITS.shortText })}
          ${textarea({ form: rowForm, path: [...path, 'measure'], label: form.t('web.field.measure'), summaryLabel: form.t('web.field.measure.short'), rows: 2, maxLength: LIMITS.shortText })}
          ${input({ form: rowForm, path: [...path, 'target'], label: form.t('web.field.target'), maxLength: LIMITS.shortText })}
          ${input({ form: rowForm, path: [...path, 'deadline'], label: form.t('web.field.deadline'), type: 'date', width: 'short' })}
          ${textarea({ form: rowForm, path: [...path, 'support'], label: form.t('web.field.support'), rows: 2, maxLength: LIMITS.shortText })}`,
      )}
      ${supportFields(
        form,
        'plan',
        // The goals are written on this same page: a ledger row names one by its number.
        Array.from({ length: LIMITS.goals }, (_, index) => ({ index })),
      )}`;
    case 'plan-approval':
      return approvalFields(form);
    case 'decision-confirmation': {
      const c = context as ActionContexts['decision-confirmation'];
      return html`${approvalFields(form)}${
        c.evaluation?.decision === 'unsuccessful'
          ? html`${redeploymentFields(form)}${overrideFields(form)}`
          : ''
      }`;
    }
    case 'plan-acknowledgement':
      return acknowledgementFields(form);
    case 'follow-up': {
      const c = context as ActionContexts['follow-up'];
      return html`${input({
        form,
        path: ['heldOn'],
        label: form.t('web.field.heldOn'),
        hint: form.t(c.meeting ? 'web.field.heldOn.planned' : 'web.field.heldOn.hint'),
        type: 'date',
        width: 'short',
      })}
      ${textarea({ form, path: ['summary'], label: form.t('web.field.summary'), rows: 5, maxLength: LIMITS.freeText })}
      ${goalRows(form, c.goals, 'progress', 'status', ['on-track', 'at-risk', 'off-track'])}
      ${supportFields(form, 'follow-up', c.goals)}`;
    }
    case 'evaluation': {
      const c = context as ActionContexts['evaluation'];
      return html`${textarea({ form, path: ['summary'], label: form.t('web.field.summary'), rows: 5, maxLength: LIMITS.freeText })}
      ${goalRows(form, c.goals, 'results', 'outcome', ['achieved', 'partially', 'not-achieved'])}
      ${radios({
        form,
        path: ['decision'],
        label: form.t('web.field.evaluationDecision'),
        choices: choices(form, ['successful', 'extend', 'unsuccessful']),
      })}
      ${input({
        form,
        path: ['extendWeeks'],
        label: form.t('web.field.extendWeeks'),
        hint: form.t('web.field.extendWeeks.hint'),
        type: 'number',
        width: 'short',
        optional: true,
      })}
      ${textarea({
        form,
        path: ['explanation'],
        label: form.t('web.field.explanation'),
        hint: form.t('web.field.explanation.hint'),
        rows: 3,
        optional: true,
        maxLength: LIMITS.freeText,
      })}`;
    }
    case 'aftercare':
      return html`${textarea({ form, path: ['employeeNotes'], label: form.t('web.field.employeeNotes'), rows: 5, maxLength: LIMITS.freeText })}
      ${textarea({ form, path: ['teamNotes'], label: form.t('web.field.teamNotes'), rows: 5, maxLength: LIMITS.freeText })}`;
    case 'disagreement-response':
      return textarea({
        form,
        path: ['response'],
        label: form.t('web.field.answer'),
        rows: 8,
        maxLength: LIMITS.freeText,
      });
    case 'cause-follow-up':
      return textarea({
        form,
        path: ['action'],
        label: form.t('fair.field.action'),
        hint: form.t('fair.field.action.hint'),
        rows: 6,
        maxLength: LIMITS.freeText,
      });
    case 'self-assessment': {
      const c = context as ActionContexts['self-assessment'];
      return html`${c.goals.map((goal, index) => {
        const path: Path = ['goals', index];
        const fields = form.inRow(form.t('web.row.goal', { n: goal.index + 1 }), () => [
          radios({
            form,
            path: [...path, 'status'],
            label: form.t('web.field.status'),
            hint: form.t('web.field.selfAssessmentStatus.hint'),
            optional: true,
            // "No assessment" sends nothing, and is where a goal starts: a choice made can be undone.
            choices: [
              { value: '', label: form.t('web.option.noStatus') },
              ...choices(form, ['on-track', 'at-risk', 'off-track']),
            ],
          }),
          textarea({
            form,
            path: [...path, 'note'],
            label: form.t('web.field.notes'),
            rows: 3,
            optional: true,
            maxLength: LIMITS.shortText,
          }),
        ]);
        return html`<fieldset class="card goal-row" id="f-goals-${index}">
          <legend>${form.t('web.context.goalNumber', { n: goal.index + 1, title: goal.title })}</legend>
          ${hidden([...path, 'goal'], goal.index)} ${fields}
        </fieldset>`;
      })}${form.errorsAt(['goals']).length ? html`<p class="error" id="f-goals">${form.errorsAt(['goals']).join(' ')}</p>` : ''}
      ${textarea({
        form,
        path: ['note'],
        label: form.t('web.field.selfAssessmentNote'),
        hint: form.t('web.field.selfAssessmentNote.hint'),
        rows: 5,
        optional: true,
        maxLength: LIMITS.freeText,
      })}`;
    }
    case 'follow-up-reaction':
    case 'evaluation-reaction':
      return textarea({
        form,
        path: ['reaction'],
        label: form.t('web.field.reaction'),
        hint: form.t('web.field.reaction.hint'),
        rows: 8,
        maxLength: LIMITS.freeText,
      });
  }
}

/**
 * What the completeness check says with the decision confirmed, each criterion that fails or
 * calls for care with why and what to do: HR reads it on the form, before confirming, not only
 * afterwards in the dossier. For an unsuccessful end a failing criterion needs a written reason.
 */
function concernsBlock(
  locale: Locale,
  concerns: NonNullable<ActionContexts['decision-confirmation']['concerns']>,
  unsuccessful: boolean,
): Html {
  const failing = concerns.some((criterion) => criterion.status === 'fail');
  return html`<section class="concerns" data-concerns aria-labelledby="concerns-title">
    <h3 id="concerns-title">${t(locale, 'web.context.concerns')}</h3>
    <p>${t(locale, 'web.context.concerns.intro')}</p>
    ${
      concerns.length === 0
        ? html`<p>${t(locale, 'web.context.concerns.none')}</p>`
        : html`<ul class="criteria">
            ${concerns.map(
              (criterion) =>
                html`<li class="criterion ${criterion.status}" data-criterion="${criterion.id}">
                  <strong>${tCompleteness(locale, criterionNameKey(criterion.id))}</strong>
                  ${completenessBadge(locale, criterion.status)}
                  <p>${criterion.reason}</p>
                  ${criterion.todo ? html`<p class="todo">${criterion.todo}</p>` : ''}
                </li>`,
            )}
          </ul>`
    }
    ${unsuccessful && failing ? html`<p><strong>${t(locale, 'web.context.concerns.override')}</strong></p>` : ''}
  </section>`;
}

/** Which follow-up meeting a task is about, and when it is planned (nothing without one). */
function meetingLine(locale: Locale, meeting: ActionContexts['follow-up']['meeting']): Html | string {
  return meeting
    ? html`<p>
        ${t(locale, 'web.context.meeting', { number: meeting.number, date: formatDay(meeting.plannedOn, locale) })}
      </p>`
    : '';
}
