/**
 * HR's records about keeping the dossier (functions/core/retention.ts), contract extensions:
 * - POST /trajectories/{id}/legal-hold `{reason}`: a dispute is pending; the dossier is not
 *   deleted, however old, until the hold is lifted (409 `already_on_hold` when it is held);
 * - POST /trajectories/{id}/legal-hold/lift `{reason}`: the dispute is over; the retention period
 *   runs again from where it would have stood (409 `not_on_hold` when it is not held);
 * - POST /trajectories/{id}/receipts `{document, handedOverOn, witness?, refusedToSign?, note?}`:
 *   HR's proof that a document was handed over in person (functions/core/receipts.ts); it only
 *   appends to the dossier, like the other records here HR keeps beside the workflow;
 * - POST /trajectories/{id}/employment-end `{endedOn}`: the employment ended (or will) on that
 *   day; retention counts from it when it is later than the close. Recorded again, it replaces
 *   the day, and the dossier keeps both.
 *
 * Each writes the trajectory item (a conditional write: the table adapter sets or drops its TTL
 * from what is recorded) and then the entry into the dossier. Any trajectory, running or closed:
 * a hold placed while it runs keeps it once it closes.
 */
import type { Context } from 'aws-lambda';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Locale, Trajectory } from '#core/model.ts';
import type { Clock, TrajectoryRepository } from '#core/ports.ts';
import {
  checkEmploymentEnd,
  employmentEndBody,
  employmentEndEvent,
  LEGAL_HOLD_LIFTED_EVENT,
  LEGAL_HOLD_PLACED_EVENT,
  legalHoldBody,
  legalHoldEvent,
  liftRefusal,
  placeRefusal,
  withEmploymentEnd,
  withLegalHold,
  withoutLegalHold,
} from '#core/retention.ts';
import { checkReceipt, receiptBody, receiptEvent, type ReceiptInput } from '#core/receipts.ts';
import { clock } from '#adapters/clock.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { NotFoundError, StateConflictError, ValidationError } from '#shared/errors.ts';
import { jsonApi, ok, type ApiEvent, type ApiResult } from '#shared/http.ts';
import { metrics } from '#shared/observability.ts';
import { retryOnConflict } from '#usecases/store.ts';

export interface RetentionDeps {
  repository: TrajectoryRepository;
  clock: Clock;
}

export const LEGAL_HOLD_ROUTE = 'POST /trajectories/{id}/legal-hold';
export const LIFT_ROUTE = 'POST /trajectories/{id}/legal-hold/lift';
export const EMPLOYMENT_END_ROUTE = 'POST /trajectories/{id}/employment-end';
export const RECEIPT_ROUTE = 'POST /trajectories/{id}/receipts';

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

export async function placeLegalHold(deps: RetentionDeps, id: string, reason: string): Promise<Trajectory> {
  const { stored } = await change(deps.repository, id, (current) => {
    const refusal = placeRefusal(current);
    if (refusal) throw new StateConflictError(refusal);
    return withLegalHold(current, deps.clock.now());
  });
  await deps.repository.appendEvent(legalHoldEvent(stored, LEGAL_HOLD_PLACED_EVENT, reason));
  metrics.addMetric('LegalHoldPlaced', MetricUnit.Count, 1);
  return stored;
}

export async function liftLegalHold(deps: RetentionDeps, id: string, reason: string): Promise<Trajectory> {
  const { stored } = await change(deps.repository, id, (current) => {
    const refusal = liftRefusal(current);
    if (refusal) throw new StateConflictError(refusal);
    return withoutLegalHold(current, deps.clock.now());
  });
  await deps.repository.appendEvent(legalHoldEvent(stored, LEGAL_HOLD_LIFTED_EVENT, reason));
  metrics.addMetric('LegalHoldLifted', MetricUnit.Count, 1);
  return stored;
}

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

export function retentionHandler(deps: RetentionDeps) {
  const place = jsonApi({ roles: ['hr'], body: legalHoldBody }, async ({ body, param }) =>
    ok(await placeLegalHold(deps, param('id'), body.reason)),
  );
  const lift = jsonApi({ roles: ['hr'], body: legalHoldBody }, async ({ body, param }) =>
    ok(await liftLegalHold(deps, param('id'), body.reason)),
  );
  const employmentEnd = jsonApi({ roles: ['hr'], body: employmentEndBody }, async ({ body, param, locale }) =>
    ok(await recordEmploymentEnd(deps, { id: param('id'), endedOn: body.endedOn, locale })),
  );
  const receipt = jsonApi({ roles: ['hr'], body: receiptBody }, async ({ body, param, locale }) =>
    ok(await recordReceipt(deps, { id: param('id'), body, locale })),
  );
  return (event: ApiEvent, context: Context): Promise<ApiResult> => {
    if (event.routeKey === LIFT_ROUTE) return lift(event, context);
    if (event.routeKey === RECEIPT_ROUTE) return receipt(event, context);
    if (event.routeKey === EMPLOYMENT_END_ROUTE) return employmentEnd(event, context);
    return place(event, context);
  };
}

export const handler = retentionHandler({ repository: createRepositoryFromEnv(), clock });
