/**
 * POST /trajectories (HR): records a new trajectory with its first dossier entry and starts its
 * workflow.
 *
 * Retries: with an `Idempotency-Key` the id is derived from the caller and the key, so a retry
 * meets the same id, the conditional create refuses a second trajectory, and the stored one is
 * answered. The workflow is started on every such answer: the execution is named after the id,
 * so a retry either finds the execution the first attempt started or starts the one a failure
 * after the write left missing.
 */
import { createHash, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Locale, Trajectory } from '#core/model.ts';
import type { Clock, TrajectoryRepository, WorkflowClient } from '#core/ports.ts';
import type { CreateTrajectoryInput } from '#core/schemas.ts';
import { newTrajectory, startedEvent } from '#core/trajectory.ts';
import type { Principal } from '#shared/auth.ts';
import { AlreadyExistsError, HttpError } from '#shared/errors.ts';
import { config } from '#shared/env.ts';
import { metrics } from '#shared/observability.ts';

export interface CreateTrajectoryDeps {
  repository: TrajectoryRepository;
  workflow: WorkflowClient;
  clock: Clock;
  /** The deployment's consequence statement per language; default: from the environment. */
  consequenceStatement?: (locale: Locale) => string | undefined;
}

/** The key was used before for a different trajectory (draft-ietf-httpapi-idempotency-key-header). */
export class IdempotencyKeyReusedError extends HttpError {
  override readonly name = 'IdempotencyKeyReusedError';
  readonly statusCode = 422;
  readonly code = 'idempotency_key_reused';
}

/**
 * A UUID (version 8: custom) from a hash of who asked and their key: the same caller retrying
 * gets the same id; two HR users who happen to pick the same key do not collide.
 */
export function trajectoryIdForKey(callerEmail: string, key: string): string {
  const bytes = createHash('sha256').update(`${callerEmail.toLowerCase()}\n${key}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Whether the stored trajectory came from the same request (the fields that cannot change later). */
function sameRequest(stored: Trajectory, requested: Trajectory): boolean {
  const fields = (x: Trajectory) => [x.employee, x.manager, x.hrAdvisor, x.reason, x.locale];
  return isDeepStrictEqual(fields(stored), fields(requested));
}

export interface CreateTrajectoryRequest {
  input: CreateTrajectoryInput;
  principal: Principal;
  /** The caller's key, already checked (`checkIdempotencyKey` in functions/core/idempotency-key.ts). */
  idempotencyKey?: string;
}

export async function createTrajectory(
  deps: CreateTrajectoryDeps,
  { input, principal, idempotencyKey: key }: CreateTrajectoryRequest,
): Promise<{ trajectory: Trajectory; replayed: boolean }> {
  const id = key ? trajectoryIdForKey(principal.email, key) : randomUUID();
  const statement = (deps.consequenceStatement ?? ((l: Locale) => config.consequenceStatement(l)))(
    input.locale,
  );
  const requested = newTrajectory(input, { id, now: deps.clock.now(), consequenceStatement: statement });
  let trajectory = requested;
  let replayed = false;
  try {
    await deps.repository.createTrajectory(requested, [startedEvent(requested)]);
    metrics.addMetric('TrajectoryCreated', MetricUnit.Count, 1);
  } catch (error) {
    if (!key || !(error instanceof AlreadyExistsError)) throw error;
    const stored = await deps.repository.getTrajectory(id);
    if (!stored) throw error;
    if (!sameRequest(stored, requested)) throw new IdempotencyKeyReusedError('idempotency key reused');
    trajectory = stored;
    replayed = true;
  }
  // A cancelled or finished trajectory must not be started again by a late retry.
  if (trajectory.status === 'active') await deps.workflow.start(id, { trajectoryId: id });
  return { trajectory, replayed };
}
