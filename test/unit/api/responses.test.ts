/**
 * The response schemas (functions/core/responses.ts) against what the handlers build: every view
 * of a whole trajectory, as JSON, fits its zod schema with nothing left over, and fits the schema
 * docs/openapi.json publishes for it. test/workflow/openapi.test.ts does the same over HTTP.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { dossierView } from '#api/get-trajectory.ts';
import {
  actionSubmittedResponse,
  actionViewResponse,
  dossierResponse,
  errorResponse,
  gatewayErrorResponse,
  resumedTrajectoryResponse,
  taskResponse,
  trajectoryPageResponse,
  trajectoryResponse,
} from '#core/responses.ts';
import { actionView, taskView } from '#core/actions.ts';
import type { Dossier } from '#core/model.ts';
import { paused } from '#core/pause.ts';
import { DossierBuilder } from '../../support/dossier-builder.ts';
import { readDescription, schemaCheck } from '../../support/openapi.ts';

const check = schemaCheck(readDescription());

/** `value` as a client receives it fits `schema` exactly (zod drops what it does not know) and the description's `name`. */
function expectDescribed(schema: z.ZodType, name: string, value: unknown): void {
  const json: unknown = JSON.parse(JSON.stringify(value));
  expect(schema.parse(json), name).toEqual(json);
  expect(check.component(name, json), name).toEqual([]);
}

/** Every view of `dossier` the API answers with. */
function expectEveryView(dossier: Dossier, now: Date): void {
  expectDescribed(dossierResponse, 'Dossier', dossierView(dossier, now));
  expectDescribed(trajectoryResponse, 'Trajectory', dossier.trajectory);
  expectDescribed(trajectoryPageResponse, 'TrajectoryPage', {
    items: [dossier.trajectory],
    next: 'eyJhIjoxfQ',
  });
  for (const task of dossier.tasks) {
    expectDescribed(taskResponse, 'Task', taskView(task));
    expectDescribed(actionViewResponse, 'ActionView', actionView(dossier.trajectory, task, dossier.tasks));
  }
}

describe('the response schemas', () => {
  it('describe every view of a trajectory at every step, open tasks’ contexts included', () => {
    // Prepare
    const builder = new DossierBuilder();
    const steps: (() => unknown)[] = [
      () => builder.identify(),
      () => builder.conversation(),
      () => builder.employeeResponse(),
      () => builder.plan(),
      () => builder.planApproval(),
      () => builder.acknowledge(),
      () => builder.followUps(),
      () => builder.evaluation(),
      () => builder.decisionConfirmation(),
      () => builder.aftercare(),
      () => builder.close(),
    ];

    // Act and assess
    expectEveryView(builder.build(), builder.now);
    for (const step of steps) {
      step();
      expectEveryView(builder.build(), builder.now);
    }
    expect(builder.trajectory.status).toBe('completed');
  });

  it('describe a cancelled, a paused and a resumed trajectory', () => {
    const cancelled = new DossierBuilder().throughPlan().cancel();
    expectEveryView(cancelled.build(), cancelled.now);

    const running = new DossierBuilder().throughPlan();
    const pausedTrajectory = paused(running.trajectory, running.now);
    expectDescribed(trajectoryResponse, 'Trajectory', pausedTrajectory);
    expectDescribed(resumedTrajectoryResponse, 'ResumedTrajectory', {
      ...running.trajectory,
      pausedDays: 12,
    });
  });

  it('describe the answer to a task and every error body', () => {
    expectDescribed(actionSubmittedResponse, 'ActionSubmitted', { status: 'done', taskId: 'plan-1' });
    expectDescribed(errorResponse, 'Error', { error: { code: 'not_found', message: 'Niet gevonden.' } });
    expectDescribed(errorResponse, 'Error', {
      error: {
        code: 'invalid_request',
        message: 'Het verzoek klopt niet.',
        fieldErrors: [{ path: 'goals.0.deadline', message: 'Geef een datum als JJJJ-MM-DD.' }],
      },
    });
    expectDescribed(gatewayErrorResponse, 'GatewayError', { message: 'Unauthorized' });
  });

  it('name every field: one they do not, such as a task token, does not fit', () => {
    // Prepare
    const [first] = new DossierBuilder().throughPlan().build().tasks;
    const task = { ...taskView(first!), taskToken: 'AQB-secret' };

    // Act
    const problems = check.component('Task', task);

    // Assess
    expect(problems.join('\n')).toMatch(/additional/);
    expect(taskResponse.parse(task)).not.toHaveProperty('taskToken');
  });
});
