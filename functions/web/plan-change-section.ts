/**
 * The dossier page's part of a change of the acknowledged plan (functions/core/plan-change.ts):
 * HR's form to ask the manager for a new version, with the reason, while the term runs; the note
 * that a change is under way while it is. Nothing before the term, nor while paused (the pause
 * part says why nothing moves). The field is `planChangeReason`, apart from the other forms'.
 */
import type { Dossier, Locale } from '#core/model.ts';
import { planChangeRefusal } from '#core/plan-change.ts';
import { LIMITS } from '#core/schemas.ts';
import { translator } from '#shared/i18n/catalogue.ts';
import { planChangeMessages } from '#shared/i18n/plan-change.ts';
import { FormState, textarea } from './components.ts';
import { html, type Html } from './html.ts';

const t = /* @__PURE__ */ translator(planChangeMessages);

/** The form field of the change's reason. */
export const PLAN_CHANGE_REASON_FIELD = 'planChangeReason';

export function planChangeSection(
  locale: Locale,
  csrf: string,
  dossier: Dossier,
  form: FormState,
): Html | string {
  const refusal = planChangeRefusal(dossier);
  if (refusal !== undefined && refusal !== 'plan_change_open') return '';
  const open = dossier.tasks.find((task) => task.change !== undefined && task.status === 'open');
  return html`<section class="card" aria-labelledby="plan-change">
    <h2 id="plan-change">${t(locale, 'planChange.dash.title')}</h2>
    ${
      open?.change
        ? html`<p data-plan-change="open">
              ${t(locale, 'planChange.dash.open', { number: open.change.number })}
            </p>
            ${form
              .errorsAt([PLAN_CHANGE_REASON_FIELD])
              .map((message) => html`<p class="error" role="alert">${message}</p>`)}`
        : html`<p>${t(locale, 'planChange.dash.intro')}</p>
            <form method="post" action="/dossiers/${dossier.trajectory.id}/plan-change" novalidate>
              <input type="hidden" name="csrf" value="${csrf}" />
              ${textarea({
                form,
                path: [PLAN_CHANGE_REASON_FIELD],
                label: t(locale, 'planChange.reason'),
                hint: t(locale, 'planChange.dash.hint'),
                rows: 3,
                maxLength: LIMITS.reason,
              })}
              <button type="submit" class="secondary">${t(locale, 'planChange.dash.submit')}</button>
            </form>`
    }
  </section>`;
}
