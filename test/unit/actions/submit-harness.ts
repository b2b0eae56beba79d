/**
 * POST /actions/{token} over real dynalite: a fresh table per test, the submit-action handler
 * built on it, and Step Functions' SendTaskSuccess answered by a mock the tests can steer.
 * Kept apart from ./support.ts, which other tests import without the handler's environment.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import { submitActionHandler } from '#api/submit-action.ts';
import { startDynalite, type LocalDynamo } from '../../support/dynalite.ts';
import { fixedClock, freshStore, workflowClient } from '../api/support.ts';
import { BASE_URL } from './support.ts';

export interface SubmitSetup {
  repository: DynamoTrajectoryRepository;
  handler: ReturnType<typeof submitActionHandler>;
}

/** Registers the hooks; `use` receives each test's repository and handler. Returns the SFN mock. */
export function useSubmitAction(use: (setup: SubmitSetup) => void) {
  const sfnMock = mockClient(SFNClient);
  let dynamo: LocalDynamo;

  beforeAll(async () => {
    dynamo = await startDynalite();
  });

  afterAll(async () => {
    await dynamo.stop();
  });

  beforeEach(async () => {
    const { repository } = await freshStore(dynamo);
    sfnMock.on(SendTaskSuccessCommand).resolves({});
    use({
      repository,
      handler: submitActionHandler({
        repository,
        workflow: workflowClient(),
        clock: fixedClock,
        baseUrl: BASE_URL,
      }),
    });
  });

  afterEach(() => {
    sfnMock.reset();
  });

  return sfnMock;
}
