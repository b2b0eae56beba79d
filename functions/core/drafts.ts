/**
 * Drafts of the long forms (issue 16, "nothing retyped"): what the person typed, kept on the
 * server without being sent, so the form opens with it again from the mailed link or from the
 * dashboard. A draft belongs to the task, not to the link or the session, and is no part of the
 * dossier: no event records it, and it is deleted once the task is answered.
 */
import type { Role, TaskKind } from './model.ts';

/** The forms long enough to be worth a draft: lists of areas, goals, meetings and judgements. */
export const DRAFT_KINDS: readonly TaskKind[] = [
  'identify',
  'conversation',
  'plan',
  'follow-up',
  'evaluation',
];

/** The largest draft kept, counted as the stored JSON of its fields (well under an item's 400 KB). */
export const MAX_DRAFT_BYTES = 64 * 1024;

export interface Draft {
  trajectoryId: string;
  taskId: string;
  /** The form's fields as posted, in the shape of the JSON answer; not validated (a draft may be incomplete). */
  fields: Record<string, unknown>;
  savedAt: string;
  /** The role of whoever saved it (the task's assignee, by link or signed in). */
  savedBy: Role;
}

export const keepsDrafts = (kind: TaskKind): boolean => DRAFT_KINDS.includes(kind);

/**
 * The deepest a draft may nest, counting the fields' object as level 1: 16. The forms' deepest
 * field (`improvementAreas[0][examples][]`) is 4 levels down and a form field's name allows 8
 * segments, so 16 leaves room for any form while refusing what is no form at all. The size cap
 * does not catch depth: 10,000 levels of arrays are 20 KB of JSON, and writing such a draft back
 * as JSON overflowed the stack (a 500).
 */
export const MAX_DRAFT_DEPTH = 16;

/**
 * The first field (top-level name) whose value nests deeper than `MAX_DRAFT_DEPTH`, or
 * `undefined`. A walk with a stack of its own, not recursion: it must not overflow on the very
 * input it is there to refuse, and it stops at the first value too deep.
 */
function tooDeepField(fields: Record<string, unknown>): string | undefined {
  const pending: { value: unknown; depth: number; field: string }[] = Object.entries(fields).map(
    ([field, value]) => ({ value, depth: 2, field }),
  );
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, depth, field } = next;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_DRAFT_DEPTH) return field;
    for (const inner of Object.values(value)) pending.push({ value: inner, depth: depth + 1, field });
  }
  return undefined;
}

export type DraftFieldsResult =
  | { ok: true; fields: Record<string, unknown> }
  | { ok: false; reason: 'invalid' | 'tooLarge' }
  | { ok: false; reason: 'tooDeep'; field: string };

/**
 * The fields of a draft body, judged by shape only: an object, nested at most `MAX_DRAFT_DEPTH`
 * levels, at most `MAX_DRAFT_BYTES` as JSON. `invalid` for anything that is no object; `tooDeep`
 * (with the top-level field it is in) beyond the depth, checked first because measuring the size
 * writes the JSON; `tooLarge` beyond the size.
 */
export function draftFields(body: unknown): DraftFieldsResult {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return { ok: false, reason: 'invalid' };
  // A copy on a plain prototype: a form body comes with a null one, and the intent is no field.
  const fields = Object.fromEntries(
    Object.entries(body as Record<string, unknown>).filter(([name]) => name !== DRAFT_INTENT_FIELD),
  );
  const deep = tooDeepField(fields);
  if (deep !== undefined) return { ok: false, reason: 'tooDeep', field: deep };
  if (new TextEncoder().encode(JSON.stringify(fields)).length > MAX_DRAFT_BYTES)
    return { ok: false, reason: 'tooLarge' };
  return { ok: true, fields };
}

/**
 * The mailed link's page posts its draft to its own URL (its token is nowhere in the markup): the
 * draft button sends this field with the value `draft`, and the answer's route saves a draft.
 */
export const DRAFT_INTENT_FIELD = 'intent';
export const DRAFT_INTENT = 'draft';

/** Whether a form body came from the draft button rather than the submit button. */
export function isDraftIntent(body: unknown): boolean {
  return (
    body !== null &&
    typeof body === 'object' &&
    (body as Record<string, unknown>)[DRAFT_INTENT_FIELD] === DRAFT_INTENT
  );
}
