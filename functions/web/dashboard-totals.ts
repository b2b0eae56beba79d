/**
 * The totals above the dashboard's list, counted from the same rows the list shows: how many per
 * status, the active ones per phase, and how many need attention, have a passed deadline or are
 * paused. Next to them, the link to the same list as a CSV file.
 */
import { PHASES, STATUSES } from '#core/model.ts';
import { needsAttention } from '#core/trajectory.ts';
import type { Locale } from '#core/model.ts';
import { phaseKey, statusKey, translator } from '#shared/i18n/catalogue.ts';
import { exportMessages } from '#shared/i18n/export.ts';
import { labelMessages } from '#shared/i18n/labels.ts';
import type { ListItem } from './dashboard-pages.ts';
import { html, type Html } from './html.ts';

const t = /* @__PURE__ */ translator(exportMessages, labelMessages);

export interface Totals {
  byStatus: Record<(typeof STATUSES)[number], number>;
  activePerPhase: Partial<Record<(typeof PHASES)[number], number>>;
  attention: number;
  overdue: number;
  paused: number;
}

export function countTotals(items: readonly ListItem[]): Totals {
  const totals: Totals = {
    byStatus: { active: 0, completed: 0, ended: 0, cancelled: 0 },
    activePerPhase: {},
    attention: 0,
    overdue: 0,
    paused: 0,
  };
  for (const { trajectory, overdue } of items) {
    totals.byStatus[trajectory.status] += 1;
    if (trajectory.status === 'active') {
      totals.activePerPhase[trajectory.phase] = (totals.activePerPhase[trajectory.phase] ?? 0) + 1;
    }
    if (needsAttention(trajectory)) totals.attention += 1;
    if (overdue) totals.overdue += 1;
    if (trajectory.pausedAt && trajectory.status === 'active') totals.paused += 1;
  }
  return totals;
}

const figure = (label: string, count: number, id: string): Html =>
  html`<div data-total="${id}">
    <dt>${label}</dt>
    <dd>${count}</dd>
  </div>`;

/** The totals as a small section of definition lists (each named for screen readers), and the CSV link. */
export function renderTotals(locale: Locale, items: readonly ListItem[]): Html {
  const totals = countTotals(items);
  const phases = PHASES.filter((phase) => totals.activePerPhase[phase]);
  return html`<section class="totals" aria-labelledby="totals-title">
    <h2 id="totals-title" class="visually-hidden">${t(locale, 'export.totals.title')}</h2>
    <h3 class="visually-hidden">${t(locale, 'export.totals.byStatus')}</h3>
    <dl class="figures">
      ${STATUSES.map((status) => figure(t(locale, statusKey(status)), totals.byStatus[status], status))}
    </dl>
    ${
      phases.length > 0
        ? html`<h3 class="visually-hidden">${t(locale, 'export.totals.activePerPhase')}</h3>
            <dl class="figures">
              ${phases.map((phase) =>
                figure(t(locale, phaseKey(phase)), totals.activePerPhase[phase] ?? 0, `phase-${phase}`),
              )}
            </dl>`
        : ''
    }
    <h3 class="visually-hidden">${t(locale, 'export.totals.signals')}</h3>
    <dl class="figures">
      ${figure(t(locale, 'export.totals.attention'), totals.attention, 'attention')}
      ${figure(t(locale, 'export.totals.overdue'), totals.overdue, 'overdue')}
      ${figure(t(locale, 'export.totals.paused'), totals.paused, 'paused')}
    </dl>
    <p><a href="/dossiers.csv?lang=${locale}" download>${t(locale, 'export.link.csv')}</a></p>
  </section>`;
}
