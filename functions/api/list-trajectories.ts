/**
 * GET /trajectories: HR sees every trajectory, optionally of one status; a manager sees only the
 * ones where they are the manager. Newest first, a page at a time (`next` is the cursor).
 */
import type { TrajectoryRepository } from '#core/ports.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { jsonApi, ok } from '#shared/http.ts';
import { listTrajectoriesQuery } from '#core/queries.ts';

export interface ListTrajectoriesDeps {
  repository: TrajectoryRepository;
}

export const listTrajectoriesHandler = ({ repository }: ListTrajectoriesDeps) =>
  jsonApi({ query: listTrajectoriesQuery }, async ({ principal, query }) =>
    ok(
      principal.role === 'hr'
        ? await repository.listTrajectories(query)
        : await repository.listTrajectoriesForManager(principal.email, query),
    ),
  );

export const handler = listTrajectoriesHandler({ repository: createRepositoryFromEnv() });
