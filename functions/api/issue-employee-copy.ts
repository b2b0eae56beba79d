/**
 * HR and the employee's own copy of the dossier (AVG art. 15), contract extensions; the use cases
 * are functions/usecases/employee-copy.ts:
 * - `POST /trajectories/{id}/employee-copy`: mails the employee a new personal link to their copy
 *   (`201 {trajectoryId, expiresAt}`); links issued before keep their own expiry;
 * - `POST /trajectories/{id}/employee-copy/revoke`: every copy link issued so far stops working
 *   (`200 {trajectoryId, revokedAt}`); safe to repeat, and a link issued afterwards works.
 */
import type { Context } from 'aws-lambda';
import { clock } from '#adapters/clock.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { createMailerFromEnv } from '#adapters/ses-mailer.ts';
import { config } from '#shared/env.ts';
import { created, jsonApi, ok, type ApiEvent, type ApiResult } from '#shared/http.ts';
import {
  issueEmployeeCopy,
  revokeEmployeeCopies,
  type IssueEmployeeCopyDeps,
} from '#usecases/employee-copy.ts';

export const REVOKE_COPIES_ROUTE = 'POST /trajectories/{id}/employee-copy/revoke';

export function issueEmployeeCopyHandler(deps: IssueEmployeeCopyDeps) {
  const issue = jsonApi({ roles: ['hr'] }, async ({ param }) =>
    created(await issueEmployeeCopy(deps, param('id'))),
  );
  const revoke = jsonApi({ roles: ['hr'] }, async ({ param }) =>
    ok(await revokeEmployeeCopies(deps, param('id'))),
  );
  return (event: ApiEvent, context: Context): Promise<ApiResult> =>
    event.routeKey === REVOKE_COPIES_ROUTE ? revoke(event, context) : issue(event, context);
}

export const handler = issueEmployeeCopyHandler({
  repository: createRepositoryFromEnv(),
  mailer: createMailerFromEnv(),
  clock,
  // Read on first use: the module loads without configuration.
  settings: config,
});
