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
 * The fields of a draft body, judged by size only: an object, at most `MAX_DRAFT_BYTES` as JSON.
 * `invalid` for anything that is no object; `tooLarge` beyond the cap.
 */
export function draftFields(
  body: unknown,
): { ok: true; fields: Record<string, unknown> } | { ok: false; reason: 'invalid' | 'tooLarge' } {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return { ok: false, reason: 'invalid' };
  // A copy on a plain prototype: a form body comes with a null one, and the intent is no field.
  const fields = Object.fromEntries(
    Object.entries(body as Record<string, unknown>).filter(([name]) => name !== DRAFT_INTENT_FIELD),
  );
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
