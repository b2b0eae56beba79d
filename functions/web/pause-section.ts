/**
 * The dossier page's part of pause and resume for illness: the note "paused since" next to the
 * status, and HR's form to pause (with a reason) or to resume. The pause form's field is
 * `pauseReason`, so its errors never land in the cancel form's `reason`.
 */
import { formatInstant } from '#core/dates-in-words.ts';
import type { Locale, Trajectory } from '#core/model.ts';
import { LIMITS } from '#core/schemas.ts';
import { translator } from '#shared/i18n/catalogue.ts';
import { pauseMessages } from '#shared/i18n/pause.ts';
import { FormState, textarea } from './components.ts';
import { html, type Html } from './html.ts';

const t = /* @__PURE__ */ translator(pauseMessages);

/** The form field of the pause's reason. */
export const PAUSE_REASON_FIELD = 'pauseReason';

export function pausedNote(locale: Locale, trajectory: Trajectory): Html | string {
  if (trajectory.pausedAt === undefined) return '';
  return html`<span class="badge attention"
    >${t(locale, 'pause.since', { pausedAt: formatInstant(trajectory.pausedAt, locale) })}</span
  >`;
}

/** HR's pause or resume form for an active trajectory. */
export function pauseSection(locale: Locale, csrf: string, trajectory: Trajectory, form: FormState): Html {
  const csrfField = html`<input type="hidden" name="csrf" value="${csrf}" />`;
  return html`<section class="card" aria-labelledby="pause">
    <h2 id="pause">${t(locale, 'pause.title')}</h2>
    <p>${t(locale, 'pause.intro')}</p>
    ${
      trajectory.pausedAt === undefined
        ? html`<form method="post" action="/dossiers/${trajectory.id}/pause" novalidate>
            ${csrfField}
            ${textarea({ form, path: [PAUSE_REASON_FIELD], label: t(locale, 'pause.reason'), rows: 2, maxLength: LIMITS.reason })}
            <button type="submit" class="secondary">${t(locale, 'pause.submit')}</button>
          </form>`
        : html`<form method="post" action="/dossiers/${trajectory.id}/resume" novalidate>
            ${csrfField}
            <p>${t(locale, 'pause.since', { pausedAt: formatInstant(trajectory.pausedAt, locale) })}</p>
            <button type="submit">${t(locale, 'pause.resume.submit')}</button>
          </form>`
    }
  </section>`;
}
