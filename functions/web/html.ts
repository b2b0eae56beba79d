/**
 * Safe HTML by construction: `html\`...\`` escapes every interpolated value unless it is itself
 * `Html` (the result of another `html` template, or `raw` for markup this module built). A page
 * is assembled from such fragments only, so a forgotten escape cannot happen in a renderer.
 */
import { escapeHtml } from '#shared/escape-html.ts';

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Child = Html | string | number | boolean | null | undefined | readonly Child[];

function render(child: Child): string {
  if (child === null || child === undefined || child === false || child === true) return '';
  if (child instanceof Html) return child.value;
  if (Array.isArray(child)) return (child as readonly Child[]).map(render).join('');
  return escapeHtml(String(child));
}

/** A fragment; `null`, `undefined` and booleans render as nothing, arrays as their items. */
export function html(strings: TemplateStringsArray, ...values: Child[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new Html(out);
}

/** Joins fragments (or escapes text) into one fragment. */
export const join = (children: readonly Child[]): Html => new Html(render(children));

/** An attribute that is present (`required`) or absent; never a value taken from input. */
export const flag = (on: boolean | undefined, name: string): Html => new Html(on ? ` ${name}` : '');

/** An optional attribute with an escaped value; absent when `value` is undefined or empty. */
export const attr = (name: string, value: string | number | undefined): Html =>
  value === undefined || value === '' ? new Html('') : new Html(` ${name}="${escapeHtml(String(value))}"`);
