/**
 * GET /trajectories: HR sees every trajectory, optionally of one status; a manager sees only the
 * ones where they are the manager. Newest first, a page at a time (`next` is the cursor).
 */
import * as z from 'zod';
import { STATUSES } from '#core/model.ts';
import type { TrajectoryRepository } from '#core/ports.ts';
import { createRepositoryFromEnv, MAX_PAGE_SIZE } from '#adapters/dynamo-repository.ts';
import { jsonApi, ok } from '#shared/http.ts';

export interface ListTrajectoriesDeps {
  repository: TrajectoryRepository;
}

/** Query strings are text; unknown parameters are ignored, as a browser or proxy may add some. */
export const listTrajectoriesQuery = z.object({
  status: z.enum(STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  cursor: z.string().min(1).max(2048).optional(),
});

export const listTrajectoriesHandler = ({ repository }: ListTrajectoriesDeps) =>
  jsonApi({ query: listTrajectoriesQuery }, async ({ principal, query }) =>
    ok(
      principal.role === 'hr'
        ? await repository.listTrajectories(query)
        : await repository.listTrajectoriesForManager(principal.email, query),
    ),
  );

export const handler = listTrajectoriesHandler({ repository: createRepositoryFromEnv() });
