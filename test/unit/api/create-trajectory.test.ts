import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { SFNClient, SFNServiceException, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import { createTrajectoryHandler } from '#api/create-trajectory.ts';
import { trajectoryIdForKey } from '#usecases/create-trajectory.ts';
import { startDynalite, type LocalDynamo } from '../../support/dynalite.ts';
import {
  apiEvent,
  call,
  claimsFor,
  fixedClock,
  freshStore,
  NOW,
  simulateExecutions,
  STATE_MACHINE_ARN,
  validBody,
  workflowClient,
  type Claims,
} from './support.ts';

vi.hoisted(() => {
  // Metrics would print their EMF lines between the test results.
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});

const sfnMock = mockClient(SFNClient);
let dynamo: LocalDynamo;
let repository: DynamoTrajectoryRepository;
let tableName: string;
let executions: Map<string, string | undefined>;
let handler: ReturnType<typeof createTrajectoryHandler>;

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  await dynamo.stop();
});

beforeEach(async () => {
  ({ repository, tableName } = await freshStore(dynamo));
  executions = simulateExecutions(sfnMock);
  handler = createTrajectoryHandler({ repository, workflow: workflowClient(), clock: fixedClock });
});

afterEach(() => {
  sfnMock.reset();
});

const post = (body: unknown, options: { claims?: Claims | null; headers?: Record<string, string> } = {}) =>
  call(handler, apiEvent({ method: 'POST', route: '/trajectories', body, ...options }));

async function storedItemCount(): Promise<number> {
  const { Items = [] } = await dynamo.direct.send(new ScanCommand({ TableName: tableName }));
  return Items.length;
}

describe('POST /trajectories', () => {
  it('creates the trajectory, records the start in the dossier and starts its workflow', async () => {
    // Prepare
    const body = validBody();

    // Act
    const reply = await post(body);

    // Assess
    expect(reply.statusCode).toBe(201);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['strict-transport-security']).toMatch(/max-age=/);
    const trajectory = reply.body;
    expect(trajectory).toMatchObject({
      status: 'active',
      phase: 'identify',
      attention: false,
      locale: 'nl',
      employee: body.employee,
      manager: body.manager,
      hrAdvisor: body.hrAdvisor,
      reason: body.reason,
      createdAt: NOW.toISOString(),
    });
    expect(trajectory.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(trajectory.schedule).toMatchObject({ identifyDueDays: 5, termWeeks: 12 });

    const dossier = await repository.getDossier(trajectory.id);
    expect(dossier?.trajectory).toEqual(trajectory);
    expect(dossier?.events.map((e) => e.type)).toEqual(['trajectory-started']);

    const starts = sfnMock.commandCalls(StartExecutionCommand);
    expect(starts).toHaveLength(1);
    expect(starts[0]!.args[0].input).toEqual({
      stateMachineArn: STATE_MACHINE_ARN,
      name: trajectory.id,
      input: JSON.stringify({ trajectoryId: trajectory.id }),
    });
  });

  it("fixes the consequence statement: the deployment's own in the trajectory's language, else the standard", async () => {
    // Prepare: the deployment set a Dutch text only.
    vi.stubEnv(
      'CONSEQUENCE_STATEMENT_NL',
      'Bij het niet halen van de doelen volgt een gesprek over ontbinding.',
    );

    // Act
    const dutch = await post(validBody());
    const english = await post(validBody({ locale: 'en' }));
    vi.unstubAllEnvs();

    // Assess: stored with the trajectory, so a later change of the setting moves nothing.
    expect(dutch.body.consequenceStatement).toBe(
      'Bij het niet halen van de doelen volgt een gesprek over ontbinding.',
    );
    expect(english.body.consequenceStatement).toMatch(/^If the goals of this improvement plan are not met/);
    const stored = await repository.getTrajectory(dutch.body.id);
    expect(stored?.consequenceStatement).toBe(dutch.body.consequenceStatement);
  });

  it('keeps schedule overrides and the locale', async () => {
    // Act
    const reply = await post(validBody({ locale: 'en', schedule: { termWeeks: 16, followUpEveryDays: 7 } }));

    // Assess
    expect(reply.statusCode).toBe(201);
    expect(reply.body.locale).toBe('en');
    expect(reply.body.schedule).toMatchObject({ termWeeks: 16, followUpEveryDays: 7, planDueDays: 14 });
  });

  describe('refuses a bad body with field errors and writes nothing', () => {
    const base = validBody();
    it.each([
      ['an empty object', {}, ['employee', 'manager', 'hrAdvisor', 'reason']],
      ['a missing manager', { ...base, manager: undefined }, ['manager']],
      [
        'an invalid e-mail address',
        { ...base, employee: { name: 'Eva', email: 'not-an-address' } },
        ['employee.email'],
      ],
      ['an unknown field', { ...base, salary: 4200 }, ['salary']],
      ['an empty reason', { ...base, reason: '   ' }, ['reason']],
      [
        'the employee as their own manager',
        { ...base, manager: { name: 'Eva', email: base.employee.email } },
        ['manager.email'],
      ],
      [
        'a schedule without room for a follow-up',
        { ...base, schedule: { termWeeks: 1, followUpEveryDays: 14 } },
        ['schedule.followUpEveryDays'],
      ],
      ['an unsupported locale', { ...base, locale: 'de' }, ['locale']],
      ['an array instead of an object', [base], ['']],
      ['a string instead of an object', '"hallo"', ['']],
    ])('%s', async (_case, body, paths) => {
      // Act
      const reply = await post(body);

      // Assess
      expect(reply.statusCode).toBe(400);
      expect(reply.body.error.code).toBe('invalid_request');
      expect(typeof reply.body.error.message).toBe('string');
      const reported = (reply.body.error.fieldErrors as { path: string; message: string }[]).map(
        (e) => e.path,
      );
      for (const path of paths) expect(reported).toContain(path);
      for (const fieldError of reply.body.error.fieldErrors) expect(fieldError.message).not.toBe('');
      expect(await storedItemCount()).toBe(0);
      expect(sfnMock.commandCalls(StartExecutionCommand)).toHaveLength(0);
    });
  });

  it('answers malformed JSON with 400 and a message in Dutch by default', async () => {
    // Act
    const reply = await post('{"employee": {"name": "Eva"');

    // Assess
    expect(reply.statusCode).toBe(400);
    expect(reply.body.error.code).toBe('invalid_request');
    expect(reply.body.error.fieldErrors).toEqual([
      { path: '', message: 'Stuur de gegevens als JSON-object.' },
    ]);
    expect(await storedItemCount()).toBe(0);
  });

  it('answers in English when the caller prefers it', async () => {
    // Act
    const reply = await post('not json', { headers: { 'Accept-Language': 'en-GB,en;q=0.9,nl;q=0.5' } });

    // Assess
    expect(reply.statusCode).toBe(400);
    expect(reply.body.error.fieldErrors).toEqual([{ path: '', message: 'Send the data as a JSON object.' }]);
  });

  it('answers an empty body with 400', async () => {
    const reply = await post('');
    expect(reply.statusCode).toBe(400);
    expect(reply.body.error.code).toBe('invalid_request');
  });

  it('answers a body over 64 KB with 413', async () => {
    // Act
    const reply = await post(validBody({ reason: 'x'.repeat(70 * 1024) }));

    // Assess
    expect(reply.statusCode).toBe(413);
    expect(reply.body.error.code).toBe('payload_too_large');
    expect(await storedItemCount()).toBe(0);
  });

  it('answers a body that is not JSON by its content type with 415', async () => {
    // Act
    const reply = await post('employee=Eva', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });

    // Assess
    expect(reply.statusCode).toBe(415);
    expect(reply.body.error.code).toBe('unsupported_media_type');
  });

  it('answers 401 when the request carries no verified claims', async () => {
    // Act
    const reply = await post(validBody(), { claims: null });

    // Assess
    expect(reply.statusCode).toBe(401);
    expect(reply.body.error.code).toBe('unauthorized');
    expect(reply.headers['www-authenticate']).toBe('Bearer');
    expect(await storedItemCount()).toBe(0);
  });

  it('answers 401 when the claims hold no e-mail address', async () => {
    const { email: _email, ...claims } = claimsFor('hr');
    const reply = await post(validBody(), { claims });
    expect(reply.statusCode).toBe(401);
  });

  it('answers 403 to a manager, before looking at the body', async () => {
    // Act
    const withValidBody = await post(validBody(), { claims: claimsFor('manager') });
    const withBadBody = await post('{', { claims: claimsFor('manager') });

    // Assess
    expect(withValidBody.statusCode).toBe(403);
    expect(withValidBody.body.error.code).toBe('forbidden');
    expect(withBadBody.statusCode).toBe(403);
    expect(await storedItemCount()).toBe(0);
    expect(sfnMock.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('answers 403 to someone in neither the hr nor the manager group', async () => {
    const reply = await post(validBody(), { claims: claimsFor('employee') });
    expect(reply.statusCode).toBe(403);
  });

  describe('with an Idempotency-Key', () => {
    it('answers a retry with the same trajectory and runs one execution', async () => {
      // Prepare
      const claims = claimsFor('hr');
      const body = validBody();
      const headers = { 'Idempotency-Key': 'create-eva-2026-03' };

      // Act
      const first = await post(body, { claims, headers });
      const retry = await post(body, { claims, headers });

      // Assess
      expect(first.statusCode).toBe(201);
      expect(retry.statusCode).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(first.body.id).toBe(trajectoryIdForKey(claims.email!, 'create-eva-2026-03'));
      expect((await repository.listTrajectories({})).items.map((t) => t.id)).toEqual([first.body.id]);
      expect([...executions.keys()]).toEqual([first.body.id]);
    });

    it('starts the workflow on the retry when the first attempt failed after the write', async () => {
      // Prepare
      const claims = claimsFor('hr');
      const body = validBody();
      const headers = { 'Idempotency-Key': 'heal-me' };
      executions = simulateExecutions(sfnMock, {
        failures: [new SFNServiceException({ name: 'ServiceUnavailable', $fault: 'server', $metadata: {} })],
      });

      // Act
      const failed = await post(body, { claims, headers });
      const afterFailure = await storedItemCount();
      const retry = await post(body, { claims, headers });

      // Assess
      expect(failed.statusCode).toBe(500);
      expect(failed.body).toEqual({ error: { code: 'internal', message: expect.any(String) } });
      expect(afterFailure).toBeGreaterThan(0);
      expect(retry.statusCode).toBe(201);
      expect(retry.body.id).toBe(trajectoryIdForKey(claims.email!, 'heal-me'));
      expect([...executions.keys()]).toEqual([retry.body.id]);
      expect((await repository.listTrajectories({})).items).toHaveLength(1);
    });

    it('refuses the same key for a different trajectory with 422', async () => {
      // Prepare
      const claims = claimsFor('hr');
      const headers = { 'Idempotency-Key': 'reused' };
      await post(validBody(), { claims, headers });

      // Act
      const reply = await post(validBody(), { claims, headers });

      // Assess
      expect(reply.statusCode).toBe(422);
      expect(reply.body.error.code).toBe('idempotency_key_reused');
      expect((await repository.listTrajectories({})).items).toHaveLength(1);
    });

    it('keeps the keys of different HR users apart', async () => {
      // Act
      const a = await post(validBody(), { claims: claimsFor('hr'), headers: { 'Idempotency-Key': 'same' } });
      const b = await post(validBody(), { claims: claimsFor('hr'), headers: { 'Idempotency-Key': 'same' } });

      // Assess
      expect(a.statusCode).toBe(201);
      expect(b.statusCode).toBe(201);
      expect(a.body.id).not.toBe(b.body.id);
    });

    it('refuses a key that is too long', async () => {
      const reply = await post(validBody(), { headers: { 'Idempotency-Key': 'k'.repeat(256) } });
      expect(reply.statusCode).toBe(400);
      expect(reply.body.error.fieldErrors[0].path).toBe('Idempotency-Key');
    });
  });

  it('creates a second trajectory for a second request without a key', async () => {
    // Act
    const body = validBody();
    const first = await post(body);
    const second = await post(body);

    // Assess
    expect(first.body.id).not.toBe(second.body.id);
    expect(executions.size).toBe(2);
  });
});
