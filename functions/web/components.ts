/**
 * Form building blocks shared by the action pages and the dashboard. A field is addressed by its
 * path in the JSON body (`['goals', 0, 'title']`); from it follow the form field's name
 * (`goals[0][title]`, the convention `formToBody` reads), its element id (`f-goals-0-title`) and
 * the key of its field errors (`goals.0.title`, as `parseBody` reports them). So a 400 answer
 * puts each message next to its field, and the typed values go back where they came from.
 */
import type { Locale } from '#core/model.ts';
import type { FieldError } from '#shared/errors.ts';
import { translator } from '#shared/i18n/catalogue.ts';
import { actionMessages } from '#shared/i18n/actions.ts';
import { evidenceMessages } from '#shared/i18n/evidence.ts';
import { fairMessages } from '#shared/i18n/fair.ts';
import { labelMessages } from '#shared/i18n/labels.ts';
import { webMessages } from '#shared/i18n/web.ts';
import { attr, flag, html, type Child, type Html } from './html.ts';

/**
 * The text of the action pages and their forms, which carry the labels of their tasks' fields,
 * evidence included: one translator for both, so they cannot name different groups.
 */
export const actionText = /* @__PURE__ */ translator(
  webMessages,
  actionMessages,
  evidenceMessages,
  labelMessages,
  fairMessages,
);
type MessageKey = Parameters<typeof actionText>[1];

export type Path = readonly (string | number)[];

export const fieldName = (path: Path): string =>
  path.map((segment, index) => (index === 0 ? String(segment) : `[${segment}]`)).join('');
export const fieldId = (path: Path): string => `f-${path.join('-')}`;
export const errorKey = (path: Path): string => path.join('.');

/** What every field of one form shares: language, the values to show, the errors to place. */
export class FormState {
  private readonly errors = new Map<string, string[]>();
  /** Ids of rendered fields with their label, for the error summary's links. */
  private readonly labels = new Map<string, string>();
  /** The rows the fields being drawn belong to ("Doel 2", "Verbeterpunt 1"), outermost first. */
  private readonly rowNames: string[] = [];

  constructor(
    readonly locale: Locale,
    private readonly values: unknown = undefined,
    readonly fieldErrors: readonly FieldError[] = [],
  ) {
    for (const error of fieldErrors) {
      const list = this.errors.get(error.path) ?? [];
      list.push(error.message);
      this.errors.set(error.path, list);
    }
  }

  t(key: MessageKey, params?: Record<string, string | number>): string {
    return actionText(this.locale, key, params);
  }

  value(path: Path): unknown {
    let node: unknown = this.values;
    for (const segment of path) {
      if (node === null || typeof node !== 'object') return undefined;
      node = (node as Record<string, unknown>)[String(segment)];
    }
    return node;
  }

  text(path: Path): string {
    const value = this.value(path);
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : '';
  }

  errorsAt(path: Path): string[] {
    return this.errors.get(errorKey(path)) ?? [];
  }

  /** How many rows a list has in the values (at least `min`). */
  rows(path: Path, min: number): number {
    const value = this.value(path);
    return Math.max(Array.isArray(value) ? value.length : 0, min);
  }

  /**
   * A field's name in the error summary, where it stands without its row around it: "Doel 2 –
   * Toelichting", not a "Toelichting" that every goal has. A label the row's own name already says
   * ("Voorbeeld" in "Voorbeeld 2") is left out.
   */
  register(path: Path, label: string): void {
    const row = this.rowNames.at(-1);
    const said = row !== undefined && row.toLowerCase().startsWith(`${label.toLowerCase()} `);
    this.labels.set(fieldId(path), [...this.rowNames, ...(said ? [] : [label])].join(' – '));
  }

  /** Draws the fields of one row (of a list, or a goal): the summary names them with `name`. */
  inRow<T>(name: string, draw: () => T): T {
    this.rowNames.push(name);
    try {
      return draw();
    } finally {
      this.rowNames.pop();
    }
  }

  /** The summary above the form: every error, each linked to its field when it has one. */
  summary(): Html | undefined {
    if (this.fieldErrors.length === 0) return undefined;
    const items = this.fieldErrors.map((error) => {
      const id = error.path ? `f-${error.path.replace(/\./g, '-')}` : undefined;
      const label = id ? this.labels.get(id) : undefined;
      return label && id
        ? html`<li><a href="#${id}">${label}</a>: ${error.message}</li>`
        : html`<li>${error.message}</li>`;
    });
    return html`<div class="error-summary" role="alert" tabindex="-1" id="error-summary">
      <h2>${this.t('web.errorSummary')}</h2>
      <p>${this.t('web.errorSummaryIntro')}</p>
      <ul>
        ${items}
      </ul>
    </div>`;
  }
}

interface FieldOptions {
  form: FormState;
  path: Path;
  label: string;
  /**
   * How the error summary names the field when its label alone is ambiguous on the page ("Name"
   * of the employee, of the manager, ...). Default: the label.
   */
  summaryLabel?: string;
  hint?: string;
  optional?: boolean;
}

/**
 * The most characters a text field takes: the limit of its field in the request's schema
 * (functions/core/schemas.ts, `LIMITS`), so nobody types more than will be accepted.
 */
interface TextOptions {
  maxLength?: number;
}

/** A field's id and its errors; its label is registered for the error summary. */
function beginField({ form, path, label, summaryLabel }: FieldOptions): { id: string; errors: string[] } {
  const id = fieldId(path);
  const errors = form.errorsAt(path);
  form.register(path, summaryLabel ?? label);
  return { id, errors };
}

function describedBy(id: string, hint: boolean, error: boolean): Html {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return attr('aria-describedby', ids);
}

function errorLines(form: FormState, id: string, errors: string[]): Html | undefined {
  if (errors.length === 0) return undefined;
  return html`<p class="error" id="${id}-error">
    ${errors.map(
      (message, index) =>
        html`${index > 0 ? html`<br />` : ''}<span class="visually-hidden">${form.t('web.errorPrefix')} </span
          >${message}`,
    )}
  </p>`;
}

function labelText(form: FormState, label: string, optional: boolean | undefined): Html {
  return html`${label}${optional ? html` <span class="optional">${form.t('web.optional')}</span>` : ''}`;
}

/** What stands between a field's label and its control: the hint, then the error lines. */
function hintAndErrors(form: FormState, id: string, hint: string | undefined, errors: string[]): Html {
  return html`${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}${errorLines(form, id, errors)}`;
}

/** A control's own state: what describes it, whether it is invalid, whether it is required. */
function controlState(
  id: string,
  hint: string | undefined,
  errors: string[],
  optional: boolean | undefined,
): Html {
  return html`${describedBy(id, Boolean(hint), errors.length > 0)}${flag(errors.length > 0, 'aria-invalid="true"')}${flag(!optional, 'required')}`;
}

/**
 * A field with one control, laid out as all of them are: the label, the hint and the error lines,
 * then the control `control` draws with its id and its state (description, invalid, required).
 */
function labelled(options: FieldOptions, control: (id: string, state: Html) => Html): Html {
  const { form, label, hint, optional } = options;
  const { id, errors } = beginField(options);
  return html`<div class="field${errors.length ? ' has-error' : ''}">
    <label for="${id}">${labelText(form, label, optional)}</label>
    ${hintAndErrors(form, id, hint, errors)} ${control(id, controlState(id, hint, errors, optional))}
  </div>`;
}

/** A one-line input: text, date or number. */
export function input(
  options: FieldOptions &
    TextOptions & {
      type?: 'text' | 'date' | 'number' | 'email';
      autocomplete?: string;
      width?: 'short';
    },
): Html {
  const { form, path, type = 'text' } = options;
  return labelled(
    options,
    (id, state) =>
      html`<input
        class="${options.width === 'short' ? 'short' : ''}"
        type="${type}"
        id="${id}"
        name="${fieldName(path)}"
        value="${form.text(path)}"
        ${attr('autocomplete', options.autocomplete)}${attr('maxlength', options.maxLength)}${type === 'number' ? html` inputmode="numeric"` : ''}${state}
      />`,
  );
}

/** A text area for free text. */
export function textarea(options: FieldOptions & TextOptions & { rows?: number }): Html {
  const { form, path, rows = 4 } = options;
  return labelled(
    options,
    (id, state) =>
      html`<textarea
        id="${id}"
        name="${fieldName(path)}"
        rows="${rows}"
        ${attr('maxlength', options.maxLength)}${state}
      >
${form.text(path)}</textarea>`,
  );
}

/** A choice among a few options, as radio buttons in a fieldset. */
export function radios(
  options: FieldOptions & { choices: readonly { value: string; label: string }[]; inline?: boolean },
): Html {
  const { form, path, label, hint, optional, choices } = options;
  const { id, errors } = beginField(options);
  const current = form.text(path);
  return html`<fieldset
    class="field radios${options.inline ? ' inline' : ''}${errors.length ? ' has-error' : ''}"
    ${describedBy(id, Boolean(hint), errors.length > 0)}
  >
    <legend>${labelText(form, label, optional)}</legend>
    ${hintAndErrors(form, id, hint, errors)}
    <div class="choices">
      ${choices.map(
        (choice, index) =>
          html`<div class="choice">
            <input
              type="radio"
              id="${index === 0 ? id : `${id}-${choice.value}`}"
              name="${fieldName(path)}"
              value="${choice.value}"
              ${flag(current === choice.value, 'checked')}${flag(!optional, 'required')}
            />
            <label for="${index === 0 ? id : `${id}-${choice.value}`}">${choice.label}</label>
          </div>`,
      )}
    </div>
  </fieldset>`;
}

/** One checkbox that must be ticked (or may be). */
export function checkbox(options: FieldOptions & { value?: string }): Html {
  const { form, path, label, optional } = options;
  const { id, errors } = beginField(options);
  const checked = form.value(path) !== false && form.text(path) !== '';
  return html`<div class="field checkbox${errors.length ? ' has-error' : ''}">
    ${errorLines(form, id, errors)}
    <div class="choice">
      <input
        type="checkbox"
        id="${id}"
        name="${fieldName(path)}"
        value="${options.value ?? 'true'}"
        ${flag(checked, 'checked')}${controlState(id, undefined, errors, optional)}
      />
      <label for="${id}">${label}</label>
    </div>
  </div>`;
}

/**
 * A choice from a list (a goal by its number). The first option is empty, so a row nobody
 * filled in stays empty and is left out, like an empty text field.
 */
export function select(
  options: FieldOptions & {
    choices: readonly { value: string; label: string }[];
    placeholder: string;
    width?: 'short';
    /** The `data-list` whose rows the choices number (the plan's goals): the script offers as many. */
    countsRowsOf?: string;
  },
): Html {
  const { form, path, choices } = options;
  const current = form.text(path);
  return labelled(
    options,
    (id, state) =>
      html`<select
        class="${options.width === 'short' ? 'short' : ''}"
        id="${id}"
        name="${fieldName(path)}"
        ${attr('data-counts-rows-of', options.countsRowsOf)}${state}
      >
        <option value="">${options.placeholder}</option>
        ${choices.map(
          (choice) =>
            html`<option value="${choice.value}" ${flag(current === choice.value, 'selected')}>
              ${choice.label}
            </option>`,
        )}
      </select>`,
  );
}

export const hidden = (path: Path, value: string | number): Html =>
  html`<input type="hidden" name="${fieldName(path)}" value="${String(value)}" />`;

/** The choices of a select or of radios: each value with its label from the catalogue. */
export const choicesOf = <V extends string>(
  form: FormState,
  values: readonly V[],
  label: (value: V) => MessageKey,
) => values.map((value) => ({ value, label: form.t(label(value)) }));

/** A list's message keys: a row's legend and its remove button, with `{n}` for its 1-based number, and the add button. */
export interface RowLabels {
  row: MessageKey;
  add: MessageKey;
  remove: MessageKey;
}

/** The keys of a list of `noun`s in a catalogue group: `{group}.row.{noun}`, `.add.` and `.remove.`. */
export const rowsOf = <G extends string, N extends string>(group: G, noun: N) =>
  ({ row: `${group}.row.${noun}`, add: `${group}.add.${noun}`, remove: `${group}.remove.${noun}` }) as const;

export interface ListOptions {
  form: FormState;
  path: Path;
  legend: string;
  /** What one row is called: its legend and its buttons (`rowsOf`). */
  rows: RowLabels;
  min: number;
  max: number;
  /** Empty rows offered beyond the filled ones, for a browser without the script. */
  spare: number;
  hint?: string;
  /** One row's fields; `form` is blank (no values, no errors) for the template row. */
  row: (form: FormState, path: Path, index: number) => Child;
  /** Heading level of the row legends' look: rows in rows are smaller. */
  nested?: boolean;
}

/**
 * A list of rows (improvement areas, examples, goals) that a person can grow and shrink. Without
 * the script, `spare` empty rows are there to fill in (empty rows are dropped by the server);
 * the script (app.js) hides the spare ones and offers add and remove buttons instead. A
 * `<template>` holds one empty row for the script to copy.
 */
export function list(options: ListOptions): Html {
  const { form, path, min, max } = options;
  const id = fieldId(path);
  const errors = form.errorsAt(path);
  form.register(path, options.legend);
  const count = Math.max(min, Math.min(max, form.rows(path, 0) + options.spare));
  const rows = Array.from({ length: count }, (_, index) => rowMarkup(options, index));
  return html`<fieldset
    class="list${options.nested ? ' nested' : ''}${errors.length ? ' has-error' : ''}"
    id="${id}"
    data-list
    data-name="${fieldName(path)}"
    data-id="${id}"
    data-min="${min}"
    data-max="${max}"
  >
    <legend>${options.legend}</legend>
    ${options.hint ? html`<p class="hint">${options.hint}</p>` : ''}${errorLines(form, id, errors)}
    <div class="rows">${rows}</div>
    <template>${rowMarkup(options, 0, true)}</template>
    <button type="button" class="secondary add" data-add hidden>${form.t(options.rows.add)}</button>
  </fieldset>`;
}

function rowMarkup(options: ListOptions, index: number, blank = false): Html {
  const { form, path } = options;
  const rowForm = blank ? new FormState(form.locale) : form;
  const rowPath = [...path, index];
  const n = index + 1;
  const legend = form.t(options.rows.row, { n });
  const fields = rowForm.inRow(legend, () => options.row(rowForm, rowPath, index));
  return html`<fieldset class="row" data-row>
    <legend data-label="${form.t(options.rows.row, { n: '{n}' })}">${legend}</legend>
    ${fields}
    <button
      type="button"
      class="link remove"
      data-remove
      data-label="${form.t(options.rows.remove, { n: '{n}' })}"
      hidden
    >
      ${form.t(options.rows.remove, { n })}
    </button>
  </fieldset>`;
}

/** A definition list of labelled values (context blocks, the dossier). */
export function details(items: readonly [label: string, value: Child][]): Html {
  return html`<dl class="details">
    ${items.map(
      ([label, value]) =>
        html`<dt>${label}</dt>
          <dd>${value}</dd>`,
    )}
  </dl>`;
}

/** Free text with its line breaks kept (CSS `white-space: pre-line`), escaped. */
export const prose = (text: string): Html => html`<p class="prose">${text}</p>`;
