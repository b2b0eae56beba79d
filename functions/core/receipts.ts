/**
 * Proof of receipt (extension of the contract): HR records that a document of the trajectory was
 * handed over in person on a day, with a witness if there was one, or that the employee refused to
 * sign for it. A court asks whether the employee provably received the plan; an employee who lets
 * the acknowledgement lapse, or refuses to sign, has received it all the same when it was handed
 * over in front of a witness (art. 3:37 lid 3 BW: a statement works once it reaches its addressee).
 *
 * Pure: `POST /trajectories/{id}/receipts` (functions/api/retention.ts) validates with these
 * functions and appends the entry they make.
 */
import * as z from 'zod';
import type { FieldError } from '#shared/errors.ts';
import { translator } from '#shared/i18n/catalogue.ts';
import { fairMessages } from '#shared/i18n/fair.ts';
import { validationMessages } from '#shared/i18n/validation.ts';
import { formatDay } from './dates-in-words.ts';
import type { DossierEvent, Locale, Task, Trajectory } from './model.ts';
import { calendarDate, LIMITS, line, text } from './schemas.ts';
import { amsterdamDate } from './working-days.ts';

const t = /* @__PURE__ */ translator(validationMessages, fairMessages);

/** The documents a receipt can be recorded for. */
export const RECEIPT_DOCUMENTS = ['plan', 'evaluation', 'other'] as const;
export type ReceiptDocument = (typeof RECEIPT_DOCUMENTS)[number];

export const receiptBody = z.strictObject({
  document: z.enum(RECEIPT_DOCUMENTS),
  handedOverOn: calendarDate(),
  witness: line(LIMITS.name).optional(),
  refusedToSign: z.boolean().default(false),
  note: text(LIMITS.shortText).optional(),
});
export type ReceiptInput = z.output<typeof receiptBody>;

export const RECEIPT_EVENT = 'receipt-recorded';

/**
 * What the body alone cannot know: the day is not after today nor before the trajectory started,
 * and a plan can only be handed over once HR approved one (an evaluation once one is recorded).
 */
export function checkReceipt(
  body: ReceiptInput,
  trajectory: Trajectory,
  tasks: readonly Task[],
  now: Date,
  locale: Locale,
): FieldError[] {
  const errors: FieldError[] = [];
  const started = amsterdamDate(new Date(trajectory.createdAt));
  if (body.handedOverOn > amsterdamDate(now)) {
    errors.push({ path: 'handedOverOn', message: t(locale, 'fair.receipt.future') });
  } else if (body.handedOverOn < started) {
    errors.push({
      path: 'handedOverOn',
      message: t(locale, 'validation.dateBeforeStart', { date: formatDay(started, locale) }),
    });
  }
  const has = (kind: Task['kind'], approved: (task: Task) => boolean) =>
    tasks.some((task) => task.kind === kind && task.response !== undefined && approved(task));
  const approvedPlan = has(
    'plan-approval',
    (task) => (task.response as { decision?: string }).decision === 'approve',
  );
  if (body.document === 'plan' && !approvedPlan) {
    errors.push({ path: 'document', message: t(locale, 'fair.receipt.noPlan') });
  }
  if (body.document === 'evaluation' && !has('evaluation', () => true)) {
    errors.push({ path: 'document', message: t(locale, 'fair.receipt.noEvaluation') });
  }
  return errors;
}

/**
 * The receipt's entry. Its id is the document and the day: a retried request records nothing
 * twice, and a second hand-over of the same document on the same day is the same fact.
 */
export function receiptEvent(trajectory: Trajectory, body: ReceiptInput, now: Date): DossierEvent {
  return {
    id: `${RECEIPT_EVENT}.${body.document}@${body.handedOverOn}`,
    trajectoryId: trajectory.id,
    at: now.toISOString(),
    type: RECEIPT_EVENT,
    actor: { role: 'hr' },
    // The body as recorded: a witness or note left out is absent, not empty.
    data: { ...body },
  };
}
