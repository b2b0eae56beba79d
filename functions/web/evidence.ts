/**
 * The evidence fields of the action forms: the support ledger per goal (plan and follow-up), the
 * employee's receipt of the plan apart from their agreement with it, and the redeployment HR
 * records before confirming an unsuccessful trajectory; and the support recorded so far, shown
 * next to a form. Form parts for functions/web/action-pages.ts; pure renderers. The dossier page
 * shows the same evidence through the dossier document (dossier-document.ts).
 */
import { formatInstant } from '#core/dates-in-words.ts';
import type { Goal, Locale } from '#core/model.ts';
import { AGREEMENTS, LIMITS, SUPPORT_KINDS, SUPPORT_STATUSES } from '#core/schemas.ts';
import { supportPerGoal, type SupportEntry } from '#core/support-ledger.ts';
import { translator } from '#shared/i18n/catalogue.ts';
import { evidenceMessages } from '#shared/i18n/evidence.ts';
import { webMessages } from '#shared/i18n/web.ts';
import {
  checkbox,
  choicesOf,
  FormState,
  input,
  list,
  radios,
  rowsOf,
  select,
  textarea,
} from './components.ts';
import { html, type Html } from './html.ts';

const t = /* @__PURE__ */ translator(evidenceMessages, webMessages);

// ---------------------------------------------------------------------------------------------
// Form parts

/**
 * The support ledger as a list of rows (`supportLedger[i][goal|kind|description|status|hours]`).
 * `goals` names the goals a row can point at: the follow-up's plan by title, or in the plan's
 * own form simply "Goal 1" to "Goal 10", since the goals are being written on the same page.
 */
export function supportFields(
  form: FormState,
  source: 'plan' | 'follow-up',
  goals: readonly { index: number; title?: string }[],
): Html {
  const goalChoices = goals.map((goal) => ({
    value: String(goal.index),
    label: goal.title
      ? form.t('evidence.section.goal', { n: goal.index + 1, title: goal.title })
      : form.t('evidence.field.goal.number', { n: goal.index + 1 }),
  }));
  return list({
    form,
    path: ['supportLedger'],
    legend: form.t('evidence.ledger.legend'),
    hint: form.t(`evidence.ledger.hint.${source}`),
    rows: rowsOf('evidence', 'ledger'),
    min: 0,
    max: LIMITS.supportEntries,
    spare: 1,
    row: (rowForm, path) =>
      html`${select({
        form: rowForm,
        path: [...path, 'goal'],
        label: form.t('evidence.field.goal'),
        // On the plan's own form the script offers as many goals as the page has rows of.
        ...(source === 'plan' && { countsRowsOf: 'goals' }),
        placeholder: form.t('evidence.field.goal.choose'),
        choices: goalChoices,
      })}
      ${radios({
        form: rowForm,
        path: [...path, 'kind'],
        label: form.t('evidence.field.kind'),
        choices: choicesOf(form, SUPPORT_KINDS, (kind) => `evidence.kind.${kind}`),
        inline: true,
      })}
      ${textarea({ form: rowForm, path: [...path, 'description'], label: form.t('evidence.field.description'), rows: 2, maxLength: LIMITS.shortText })}
      ${radios({
        form: rowForm,
        path: [...path, 'status'],
        label: form.t('evidence.field.status'),
        choices: choicesOf(form, SUPPORT_STATUSES, (status) => `evidence.status.${status}`),
        inline: true,
      })}
      ${input({
        form: rowForm,
        path: [...path, 'hours'],
        label: form.t('evidence.field.hours'),
        hint: form.t('evidence.field.hours.hint'),
        width: 'short',
        optional: true,
      })}`,
  });
}

/**
 * The acknowledgement: receipt (required, the contract's `acknowledged`) and, apart from it, the
 * employee's own optional word on whether they agree, explained in their comments.
 */
export function acknowledgementFields(form: FormState): Html {
  return html`<fieldset class="card" id="f-receipt">
      <legend>${form.t('evidence.receipt.legend')}</legend>
      <p class="hint">${form.t('evidence.receipt.hint')}</p>
      ${checkbox({ form, path: ['acknowledged'], label: form.t('web.field.acknowledged') })}
    </fieldset>
    ${radios({
      form,
      path: ['agreement'],
      label: form.t('evidence.agreement.legend'),
      hint: form.t('evidence.agreement.hint'),
      choices: choicesOf(form, AGREEMENTS, (agreement) => `evidence.agreement.${agreement}`),
      optional: true,
    })}
    ${textarea({ form, path: ['comments'], label: form.t('web.field.comments'), optional: true, maxLength: LIMITS.freeText })}`;
}

/** Redeployment, shown to HR when the evaluation being confirmed is unsuccessful. */
export function redeploymentFields(form: FormState): Html {
  const errors = form.errorsAt(['redeployment']);
  form.register(['redeployment'], form.t('evidence.redeployment.legend'));
  return html`<fieldset class="card${errors.length ? ' has-error' : ''}" id="f-redeployment">
    <legend>${form.t('evidence.redeployment.legend')}</legend>
    <p class="hint">${form.t('evidence.redeployment.hint')}</p>
    ${errors.length ? html`<p class="error" id="f-redeployment-error">${errors.join(' ')}</p>` : ''}
    ${radios({
      form,
      path: ['redeployment', 'considered'],
      label: form.t('evidence.redeployment.considered'),
      choices: [
        { value: 'true', label: form.t('evidence.redeployment.yes') },
        { value: 'false', label: form.t('evidence.redeployment.no') },
      ],
      inline: true,
    })}
    ${textarea({
      form,
      path: ['redeployment', 'outcome'],
      label: form.t('evidence.redeployment.outcome'),
      hint: form.t('evidence.redeployment.outcome.hint'),
      rows: 4,
      maxLength: LIMITS.freeText,
    })}
  </fieldset>`;
}

/**
 * Why HR confirms an unsuccessful end all the same, when the dossier does not carry it (a term
 * below the minimum, a failing completeness criterion): only then required, and then recorded in
 * the dossier with the rules it sets aside (core/dossier-rules.ts).
 */
export function overrideFields(form: FormState): Html {
  return textarea({
    form,
    path: ['override', 'reason'],
    label: form.t('evidence.override.reason'),
    hint: form.t('evidence.override.hint'),
    rows: 3,
    optional: true,
    maxLength: LIMITS.freeText,
  });
}

// ---------------------------------------------------------------------------------------------
// Showing what was recorded

function entryLine(locale: Locale, entry: SupportEntry, showTime: boolean): Html {
  const facts = [
    t(locale, 'evidence.section.entry', {
      kind: t(locale, `evidence.kind.${entry.kind}`),
      status: t(locale, `evidence.status.${entry.status}`),
    }),
    ...(entry.hours !== undefined
      ? [t(locale, 'evidence.section.hours', { hours: entry.hours.toLocaleString(locale) })]
      : []),
    t(locale, `evidence.section.source.${entry.source}`),
  ].join(' · ');
  return html`<li data-support-status="${entry.status}">
    ${showTime ? html`${time(locale, entry.recordedAt)} ` : ''}<strong>${facts}</strong>
    <span class="prose">${entry.description}</span>
  </li>`;
}

/**
 * The ledger per goal: each goal of the plan with what was offered and given for it, oldest
 * first. A goal number the plan no longer has (an old entry) still shows, by its number.
 */
export function supportBlock(
  locale: Locale,
  goals: readonly Goal[],
  entries: readonly SupportEntry[],
  options: { showTime?: boolean; headingLevel?: 3 | 4 } = {},
): Html {
  const perGoal = supportPerGoal(entries);
  const indexes = [...new Set([...goals.keys(), ...perGoal.keys()])].sort((a, b) => a - b);
  const heading = (text: string) =>
    options.headingLevel === 4 ? html`<h4>${text}</h4>` : html`<h3>${text}</h3>`;
  return html`${indexes
    .filter((index) => perGoal.has(index))
    .map((index) => {
      const goal = goals[index];
      const title = goal
        ? t(locale, 'evidence.section.goal', { n: index + 1, title: goal.title })
        : t(locale, 'evidence.section.goalUnknown', { n: index + 1 });
      return html`<div class="goal" data-goal="${index}">
        ${heading(title)}
        <ul>
          ${(perGoal.get(index) ?? []).map((entry) => entryLine(locale, entry, options.showTime ?? false))}
        </ul>
      </div>`;
    })}`;
}

const time = (locale: Locale, instant: string): Html =>
  html`<time datetime="${instant}">${formatInstant(instant, locale)}</time>`;
