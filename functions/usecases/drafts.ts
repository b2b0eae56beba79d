/**
 * Saving and reading the draft of a long form (functions/core/drafts.ts), from the mailed link
 * (`POST /actions/{token}/draft`, or its page's draft button) and from the signed-in dashboard
 * (`POST /dossiers/{id}/tasks/{taskId}/draft`). A draft is kept only while its task can still be
 * answered, by the same rules as the answer (functions/usecases/answer-task.ts); it is deleted
 * when the answer is recorded.
 */
import type { ActionView } from '#core/actions.ts';
import { draftFields, keepsDrafts, MAX_DRAFT_DEPTH, type Draft } from '#core/drafts.ts';
import type { Drafts } from '#core/ports.ts';
import { ValidationError } from '#shared/errors.ts';
import { PayloadTooLargeError } from '#shared/http.ts';
import { translator } from '#shared/i18n/catalogue.ts';
import { draftMessages } from '#shared/i18n/drafts.ts';
import { validationMessages } from '#shared/i18n/validation.ts';
import type { StoreDeps } from './store.ts';
import { readTask, requireOpenTask, type TaskSubmission } from './task-access.ts';

const t = /* @__PURE__ */ translator(draftMessages, validationMessages);

/** The longest field name a refusal quotes back as its path (a form's names are far shorter). */
const MAX_QUOTED_FIELD = 200;

export interface DraftDeps extends StoreDeps {
  drafts: Drafts;
}

/** The form's fields as a body object, judged by their size only. */
export type SaveDraftRequest = TaskSubmission;

/**
 * Stores the task's draft, replacing any earlier one; returns it. Refused as the answer would be:
 * 404 unknown task, 410 closed, 409 answered or paused; 400 for a task whose form keeps no draft
 * or a body that is no object or nests deeper than `MAX_DRAFT_DEPTH` (at the field that does), 413
 * beyond `MAX_DRAFT_BYTES`. A refusal writes nothing.
 */
export async function saveDraft(
  deps: DraftDeps,
  { trajectoryId, taskId, body, locale, onLocale }: SaveDraftRequest,
): Promise<Draft> {
  const { trajectory, task } = await readTask(deps.repository, trajectoryId, taskId, onLocale);
  const language = locale ?? trajectory.locale;
  requireOpenTask(trajectory, task);
  if (!keepsDrafts(task.kind)) {
    throw new ValidationError([{ path: '', message: t(language, 'draft.error.notKept') }]);
  }
  const judged = draftFields(body);
  if (!judged.ok && judged.reason === 'tooLarge') throw new PayloadTooLargeError('draft too large');
  if (!judged.ok && judged.reason === 'tooDeep') {
    // The field is a top-level name of the body; a hostile one is cut, not echoed whole.
    const path = judged.field.slice(0, MAX_QUOTED_FIELD);
    throw new ValidationError([
      { path, message: t(language, 'draft.error.tooDeep', { max: MAX_DRAFT_DEPTH }) },
    ]);
  }
  if (!judged.ok) throw new ValidationError([{ path: '', message: t(language, 'validation.body') }]);
  const draft: Draft = {
    trajectoryId,
    taskId,
    fields: judged.fields,
    savedAt: deps.clock.now().toISOString(),
    // Only the task's assignee reaches its form: by its link, or signed in as that role.
    savedBy: task.assignee,
  };
  await deps.drafts.put(draft);
  return draft;
}

/**
 * The draft an open task's form opens with; none for a task that is answered, closed or keeps
 * none (a draft left behind by a failed delete is never shown).
 */
export async function openDraft(
  drafts: Drafts | undefined,
  view: Pick<ActionView, 'trajectoryId' | 'taskId' | 'task' | 'status'>,
): Promise<Draft | undefined> {
  if (!drafts || view.status !== 'open' || !keepsDrafts(view.task)) return undefined;
  return drafts.get(view.trajectoryId, view.taskId);
}
