/**
 * The trajectories as a CSV report, one row per trajectory, made to open correctly in Excel with
 * Dutch regional settings:
 * - UTF-8 with a byte order mark (without it Excel reads the file as Windows-1252 and garbles
 *   every accent);
 * - `;` between fields: Excel in a Dutch locale splits on the list separator, which is `;`
 *   there because `,` is the decimal comma (a comma-separated file lands in one column);
 * - RFC 4180 otherwise: CRLF line ends, a field with `;`, `,`, `"`, CR or LF in double quotes,
 *   a `"` in a field doubled;
 * - a field that starts with `=`, `+`, `-`, `@`, a tab or a CR gets a leading apostrophe, so a
 *   spreadsheet shows it as text instead of running it as a formula (CSV injection), and so does
 *   each part of it after a `,` or `;`, in case the file is split without regard to quotes;
 * - times in Europe/Amsterdam as `YYYY-MM-DD HH:mm`, which Excel recognises as a date and time;
 * - values in words of the chosen language, like its header row (status, phase, attention,
 *   completeness and the criteria not in order): the file is read by people; the API keeps the
 *   codes for programs.
 */
import { assessCompleteness, type Completeness } from '#core/completeness.ts';
import type { Dossier, Locale, Trajectory } from '#core/model.ts';
import { amsterdamWallClock } from '#core/working-days.ts';
import { needsAttention } from '#core/trajectory.ts';
import { phaseKey, statusKey, translator } from '#shared/i18n/catalogue.ts';
import { completenessMessages } from '#shared/i18n/completeness.ts';
import { exportMessages } from '#shared/i18n/export.ts';
import { labelMessages } from '#shared/i18n/labels.ts';

const t = /* @__PURE__ */ translator(exportMessages, labelMessages, completenessMessages);
type MessageKey = Parameters<typeof t>[1];

export const CSV_SEPARATOR = ';';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';
const BOM = '\uFEFF';

export interface ReportRow {
  trajectory: Trajectory;
  /** Open tasks whose due time has passed. */
  overdueTasks: number;
  completeness: Completeness;
}

/** One trajectory's row, judged at `now`. */
export function reportRow(dossier: Dossier, now: Date): ReportRow {
  return {
    trajectory: dossier.trajectory,
    overdueTasks: dossier.tasks.filter(
      (task) => task.status === 'open' && Date.parse(task.dueAt) < now.getTime(),
    ).length,
    completeness: assessCompleteness(dossier, { now: now.toISOString() }),
  };
}

const COLUMNS: readonly [MessageKey, (row: ReportRow, locale: Locale) => string][] = [
  ['export.csv.id', ({ trajectory }) => trajectory.id],
  ['export.csv.status', ({ trajectory }, locale) => t(locale, statusKey(trajectory.status))],
  ['export.csv.phase', ({ trajectory }, locale) => t(locale, phaseKey(trajectory.phase))],
  // A closed trajectory needs no attention, whatever its flag: as on the list and the dossier.
  [
    'export.csv.attention',
    ({ trajectory }, locale) => t(locale, needsAttention(trajectory) ? 'export.csv.yes' : 'export.csv.no'),
  ],
  ['export.csv.pausedAt', ({ trajectory }) => csvTime(trajectory.pausedAt)],
  ['export.csv.employee', ({ trajectory }) => trajectory.employee.name],
  ['export.csv.manager', ({ trajectory }) => trajectory.manager.name],
  ['export.csv.hrAdvisor', ({ trajectory }) => trajectory.hrAdvisor.name],
  ['export.csv.createdAt', ({ trajectory }) => csvTime(trajectory.createdAt)],
  ['export.csv.termEndsAt', ({ trajectory }) => csvTime(trajectory.termEndsAt)],
  ['export.csv.closedAt', ({ trajectory }) => csvTime(trajectory.closedAt)],
  ['export.csv.overdueTasks', ({ overdueTasks }) => String(overdueTasks)],
  [
    'export.csv.completeness',
    ({ completeness }, locale) => t(locale, `completeness.status.${completeness.status}`),
  ],
  [
    'export.csv.failingCriteria',
    // ` / ` between them: a criterion's name may hold a comma.
    ({ completeness }, locale) =>
      completeness.criteria
        .filter((criterion) => criterion.status === 'fail')
        .map((criterion) => t(locale, `completeness.criterion.${criterion.id}`))
        .join(' / '),
  ],
];

const twoDigits = (value: number) => String(value).padStart(2, '0');

/** An ISO instant as Amsterdam's clocks show it, `YYYY-MM-DD HH:mm`; empty when absent. */
export function csvTime(iso: string | undefined): string {
  if (!iso) return '';
  const clock = amsterdamWallClock(new Date(iso));
  return `${clock.year}-${twoDigits(clock.month)}-${twoDigits(clock.day)} ${twoDigits(clock.hour)}:${twoDigits(clock.minute)}`;
}

/** What a spreadsheet may take for the start of a formula, blanks before it included. */
const FORMULA_START = /^(?:[ \t\r\n]*[=+\-@]|[\t\r])/;
/**
 * A separator followed (after blanks) by what starts a formula. A reader that splits on `,` or `;`
 * without honouring the quotes (a file opened with another separator than ours) starts a cell
 * right there, so the formula would run after all.
 */
const FORMULA_AFTER_SEPARATOR = /([,;][ \t\r\n]*)(?=[=+\-@])/g;

/**
 * One field: defused wherever a spreadsheet could read a formula (at its start, and after each
 * separator inside it, with an apostrophe), quoted when it must be.
 */
export function csvField(value: string): string {
  const start = FORMULA_START.test(value) ? `'${value}` : value;
  const safe = start.replace(FORMULA_AFTER_SEPARATOR, "$1'");
  return /[;,"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The whole file: BOM, a header row in `locale`, one row per trajectory, CRLF after each. */
export function renderTrajectoriesCsv(locale: Locale, rows: readonly ReportRow[]): string {
  const line = (fields: readonly string[]) => `${fields.map(csvField).join(CSV_SEPARATOR)}\r\n`;
  return (
    BOM +
    line(COLUMNS.map(([key]) => t(locale, key))) +
    rows.map((row) => line(COLUMNS.map(([, value]) => value(row, locale)))).join('')
  );
}

/** `trajecten-2026-03-02.csv` / `trajectories-2026-03-02.csv`. */
export const csvFileName = (locale: Locale, now: Date): string =>
  `${locale === 'nl' ? 'trajecten' : 'trajectories'}-${csvTime(now.toISOString()).slice(0, 10)}.csv`;
