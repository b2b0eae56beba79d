/**
 * HR's records about keeping the dossier beside the workflow (functions/core/retention.ts,
 * functions/core/receipts.ts): placing and lifting a legal hold, the day the employment ended,
 * and a proof of receipt. Each writes the trajectory item (a conditional write, read again when it
 * loses; the table adapter sets or drops its TTL from what is recorded) and then the entry into
 * the dossier; the receipt only appends. Any trajectory, running or closed.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Locale, Trajectory } from '#core/model.ts';
import type { Clock, TrajectoryRepository } from '#core/ports.ts';
import {
  checkEmploymentEnd,
  employmentEndEvent,
  LEGAL_HOLD_LIFTED_EVENT,
  LEGAL_HOLD_PLACED_EVENT,
  legalHoldEvent,
  liftRefusal,
  placeRefusal,
  withEmploymentEnd,
  withLegalHold,
  withoutLegalHold,
} from '#core/retention.ts';
import { checkReceipt, receiptEvent, type ReceiptInput } from '#core/receipts.ts';
import { NotFoundError, StateConflictError, ValidationError } from '#shared/errors.ts';
import { metrics } from '#shared/observability.ts';
import { retryOnConflict } from './store.ts';

export interface RetentionDeps {
  repository: TrajectoryRepository;
  clock: Clock;
}

/** Reads, decides and writes once; a write that lost to another writer reads again. */
async function change(
  repository: TrajectoryRepository,
  id: string,
  decide: (current: Trajectory) => Trajectory,
): Promise<{ before: Trajectory; stored: Trajectory }> {
  return retryOnConflict(async () => {
    const before = await repository.getTrajectory(id);
    if (!before) throw new NotFoundError('trajectory');
    return { before, stored: await repository.updateTrajectory(decide(before)) };
  });
}

/** Placing and lifting a hold differ only in these: the refusal, the change, the entry, the metric. */
interface HoldStep {
  refusal: (current: Trajectory) => string | undefined;
  apply: (current: Trajectory, now: Date) => Trajectory;
  event: typeof LEGAL_HOLD_PLACED_EVENT | typeof LEGAL_HOLD_LIFTED_EVENT;
  metric: string;
}

const PLACE: HoldStep = {
  refusal: placeRefusal,
  apply: withLegalHold,
  event: LEGAL_HOLD_PLACED_EVENT,
  metric: 'LegalHoldPlaced',
};
const LIFT: HoldStep = {
  refusal: liftRefusal,
  apply: withoutLegalHold,
  event: LEGAL_HOLD_LIFTED_EVENT,
  metric: 'LegalHoldLifted',
};

async function changeLegalHold(deps: RetentionDeps, id: string, reason: string, step: HoldStep) {
  const { stored } = await change(deps.repository, id, (current) => {
    const refusal = step.refusal(current);
    if (refusal) throw new StateConflictError(refusal);
    return step.apply(current, deps.clock.now());
  });
  await deps.repository.appendEvent(legalHoldEvent(stored, step.event, reason));
  metrics.addMetric(step.metric, MetricUnit.Count, 1);
  return stored;
}

export const placeLegalHold = (deps: RetentionDeps, id: string, reason: string): Promise<Trajectory> =>
  changeLegalHold(deps, id, reason, PLACE);

export const liftLegalHold = (deps: RetentionDeps, id: string, reason: string): Promise<Trajectory> =>
  changeLegalHold(deps, id, reason, LIFT);

export async function recordEmploymentEnd(
  deps: RetentionDeps,
  { id, endedOn, locale }: { id: string; endedOn: string; locale: Locale },
): Promise<Trajectory> {
  const { before, stored } = await change(deps.repository, id, (current) => {
    const fieldErrors = checkEmploymentEnd(endedOn, current, locale);
    if (fieldErrors.length > 0) throw new ValidationError(fieldErrors);
    return withEmploymentEnd(current, endedOn, deps.clock.now());
  });
  await deps.repository.appendEvent(employmentEndEvent(stored, before.employmentEndedOn));
  return stored;
}

/**
 * Proof of receipt: checked against the dossier (a plan must have been approved, the day must have
 * passed), then one entry appended; the trajectory item is not written. Refused: 400 and nothing.
 */
export async function recordReceipt(
  deps: RetentionDeps,
  { id, body, locale }: { id: string; body: ReceiptInput; locale: Locale },
): Promise<Trajectory> {
  const state = await deps.repository.getWorkState(id);
  if (!state) throw new NotFoundError('trajectory');
  const now = deps.clock.now();
  const fieldErrors = checkReceipt(body, state.trajectory, state.tasks, now, locale);
  if (fieldErrors.length > 0) throw new ValidationError(fieldErrors);
  await deps.repository.appendEvent(receiptEvent(state.trajectory, body, now));
  return state.trajectory;
}
