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
 * The use cases (functions/usecases/retention-records.ts) write the trajectory item and then the
 * entry into the dossier; this handler parses, checks the role and answers. Any trajectory,
 * running or closed: a hold placed while it runs keeps it once it closes.
 */
import type { Context } from 'aws-lambda';
import { employmentEndBody, legalHoldBody } from '#core/retention.ts';
import { receiptBody } from '#core/receipts.ts';
import { clock } from '#adapters/clock.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { jsonApi, ok, type ApiEvent, type ApiResult } from '#shared/http.ts';
import {
  liftLegalHold,
  placeLegalHold,
  recordEmploymentEnd,
  recordReceipt,
  type RetentionDeps,
} from '#usecases/retention-records.ts';

export const LEGAL_HOLD_ROUTE = 'POST /trajectories/{id}/legal-hold';
export const LIFT_ROUTE = 'POST /trajectories/{id}/legal-hold/lift';
export const EMPLOYMENT_END_ROUTE = 'POST /trajectories/{id}/employment-end';
export const RECEIPT_ROUTE = 'POST /trajectories/{id}/receipts';

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
