/**
 * POST /trajectories/{id}/resume (HR): the employee is back; the trajectory goes on where it
 * stood. The use case (functions/usecases/resume-trajectory.ts) says how.
 */
import { clock } from '#adapters/clock.ts';
import { createPauseTokensFromEnv } from '#adapters/dynamo-pause-tokens.ts';
import { createRepositoryFromEnv } from '#adapters/dynamo-repository.ts';
import { createWorkflowFromEnv } from '#adapters/sfn-workflow.ts';
import { jsonApi, ok } from '#shared/http.ts';
import { resumeTrajectory, type ResumeTrajectoryDeps } from '#usecases/resume-trajectory.ts';

export const resumeTrajectoryHandler = (deps: ResumeTrajectoryDeps) =>
  jsonApi({ roles: ['hr'] }, async ({ param }) => {
    const { trajectory, pausedDays } = await resumeTrajectory(deps, { id: param('id') });
    return ok({ ...trajectory, pausedDays });
  });

export const handler = resumeTrajectoryHandler({
  repository: createRepositoryFromEnv(),
  workflow: createWorkflowFromEnv(),
  pauseTokens: createPauseTokensFromEnv(),
  clock,
});
