/**
 * The dossier-completeness check on the dashboard: the dossier page shows every criterion with
 * its status, why and what to do; the list shows the overall status as a badge. A status is
 * told by its words and an icon, never by colour alone.
 */
import {
  assessCompleteness,
  criterionNameKey,
  criterionStatusKey,
  type Completeness,
  type CriterionStatus,
} from '#core/completeness.ts';
import type { Dossier, Locale, Trajectory } from '#core/model.ts';
import { translator } from '#shared/i18n/catalogue.ts';
import { completenessMessages } from '#shared/i18n/completeness.ts';
import { html, type Html } from './html.ts';

const t = /* @__PURE__ */ translator(completenessMessages);

/** A shape per status, so the badges also differ for whoever cannot tell the colours apart. */
const ICON: Record<CriterionStatus, string> = { pass: '✓', warning: '!', fail: '✗', pending: '…' };

/** A status as a badge: icon (hidden from screen readers, the words say it) and words. */
export function completenessBadge(locale: Locale, status: CriterionStatus): Html {
  return html`<span class="badge completeness ${status}"
    ><span aria-hidden="true">${ICON[status]}</span> ${t(locale, criterionStatusKey(status))}</span
  >`;
}

/**
 * The overall status of a trajectory's dossier as a badge. A cancelled trajectory's criteria are
 * all "not due" (so its status would read as in order): it says "not applicable" instead.
 */
export function overallBadge(
  locale: Locale,
  trajectory: Pick<Trajectory, 'status'>,
  status: CriterionStatus,
): Html {
  if (trajectory.status !== 'cancelled') return completenessBadge(locale, status);
  return html`<span class="badge completeness pending"
    ><span aria-hidden="true">–</span> ${t(locale, 'completeness.notApplicable')}</span
  >`;
}

/** The section of the dossier page, judged at `now` in the reader's language. */
export function completenessSection(locale: Locale, dossier: Dossier, now: Date): Html {
  const completeness: Completeness = assessCompleteness(dossier, { now: now.toISOString(), locale });
  return html`<section
    class="card"
    aria-labelledby="completeness"
    id="completeness-section"
    data-section="completeness"
  >
    <h2 id="completeness">${t(locale, 'completeness.title')}</h2>
    <p>${t(locale, 'completeness.intro')}</p>
    <p class="overall">
      ${t(locale, 'completeness.overall')}: ${overallBadge(locale, dossier.trajectory, completeness.status)}
    </p>
    ${dossier.trajectory.status === 'cancelled' ? html`<p>${t(locale, 'completeness.cancelled')}</p>` : ''}
    <ul class="criteria">
      ${completeness.criteria.map(
        (criterion) =>
          html`<li class="criterion ${criterion.status}" data-criterion="${criterion.id}">
            <h3>${t(locale, criterionNameKey(criterion.id))}</h3>
            ${completenessBadge(locale, criterion.status)}
            <p>${criterion.reason}</p>
            ${
              criterion.todo
                ? html`<p class="todo">
                    <strong>${t(locale, 'completeness.todo')}:</strong> ${criterion.todo}
                  </p>`
                : ''
            }
          </li>`,
      )}
    </ul>
  </section>`;
}
