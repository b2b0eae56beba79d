/**
 * Conformance: the Step Functions API surface (StartExecution, DescribeExecution, ListExecutions,
 * GetExecutionHistory, DescribeStateMachine) and what the engine refuses when a definition is
 * loaded ("Unsupported ... in state X").
 */
import { afterEach, describe, expect, it } from 'vitest';
import aslValidator from 'asl-validator';
import { ApiError, createEngine, DefinitionError } from '#local/engine/index.ts';
import { validateAsl } from '#local/engine/validate.ts';
import {
  frozenClock,
  functionArn,
  harness,
  INVOKE,
  invoke,
  machine,
  recorder,
  SECOND,
  START,
  STATE_MACHINE_ARN,
  type Harness,
} from './harness.ts';

let current: Harness | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});
const setup = async (...args: Parameters<typeof harness>) => (current = await harness(...args));

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

const waiting = machine({ Pause: { Type: 'Wait', Seconds: 3600, Next: 'Done' }, Done: { Type: 'Succeed' } });

describe('StartExecution', () => {
  it('is idempotent for a running execution with the same name and input, and answers ExecutionAlreadyExists for a different input', async () => {
    const h = await setup({ definition: waiting });
    const first = await h.engine.startExecution({
      stateMachineArn: STATE_MACHINE_ARN,
      name: 'trajectory-1',
      input: '{"a":1}',
    });
    expect(first.executionArn).toBe(
      `arn:aws:states:eu-west-1:123456789012:execution:Conformance:trajectory-1`,
    );
    const again = await h.engine.startExecution({
      stateMachineArn: STATE_MACHINE_ARN,
      name: 'trajectory-1',
      input: '{ "a": 1 }',
    });
    expect(again).toEqual(first);
    const different = await rejection(
      h.engine.startExecution({ stateMachineArn: STATE_MACHINE_ARN, name: 'trajectory-1', input: '{"a":2}' }),
    );
    expect(different.code).toBe('ExecutionAlreadyExists');
    const { executions } = await h.engine.listExecutions({ stateMachineArn: STATE_MACHINE_ARN });
    expect(executions).toHaveLength(1);
  });

  it('answers ExecutionAlreadyExists when the name belongs to a closed execution, even with the same input', async () => {
    const h = await setup({ definition: machine({ Done: { Type: 'Succeed' } }) });
    await h.start({ a: 1 }, 'once');
    const error = await rejection(
      h.engine.startExecution({ stateMachineArn: STATE_MACHINE_ARN, name: 'once', input: '{"a":1}' }),
    );
    expect(error.code).toBe('ExecutionAlreadyExists');
  });

  it('validates its input: InvalidName, InvalidExecutionInput, StateMachineDoesNotExist, InvalidArn; without a name it generates one', async () => {
    const h = await setup({ definition: waiting });
    const start = (input: object) =>
      h.engine.startExecution({ stateMachineArn: STATE_MACHINE_ARN, ...input });
    expect((await rejection(start({ name: 'has space' }))).code).toBe('InvalidName');
    expect((await rejection(start({ name: 'a/b' }))).code).toBe('InvalidName');
    expect((await rejection(start({ name: 'x'.repeat(81) }))).code).toBe('InvalidName');
    expect((await rejection(start({ input: '{not json' }))).code).toBe('InvalidExecutionInput');
    expect(
      (await rejection(h.engine.startExecution({ stateMachineArn: `${STATE_MACHINE_ARN}-other` }))).code,
    ).toBe('StateMachineDoesNotExist');
    expect((await rejection(h.engine.startExecution({ stateMachineArn: 'Conformance' }))).code).toBe(
      'InvalidArn',
    );
    const generated = await start({});
    expect(generated.executionArn).toMatch(/:execution:Conformance:[0-9a-f-]{36}$/);
  });
});

describe('DescribeExecution, ListExecutions, GetExecutionHistory, DescribeStateMachine', () => {
  it('DescribeExecution reports status, dates, input and output; an unknown execution is ExecutionDoesNotExist', async () => {
    const h = await setup({ definition: waiting });
    const arn = await h.start({ id: 7 }, 'described');
    expect(await h.describe(arn)).toEqual({
      executionArn: arn,
      stateMachineArn: STATE_MACHINE_ARN,
      name: 'described',
      status: 'RUNNING',
      startDate: new Date(START),
      input: '{"id":7}',
      inputDetails: { included: true },
      redriveCount: 0,
      redriveStatus: 'NOT_REDRIVABLE',
    });
    await h.clock.advance(3600 * SECOND);
    expect(await h.describe(arn)).toMatchObject({
      status: 'SUCCEEDED',
      stopDate: new Date(START + 3600 * SECOND),
      output: '{"id":7}',
    });
    const missing = await rejection(h.engine.describeExecution({ executionArn: `${arn}-nope` }));
    expect(missing.code).toBe('ExecutionDoesNotExist');
  });

  it('ListExecutions lists newest first, filters by status and pages with nextToken', async () => {
    const h = await setup({
      definition: machine({
        Route: {
          Type: 'Choice',
          Choices: [{ Condition: '{% $states.input.wait %}', Next: 'Pause' }],
          Default: 'Done',
        },
        Pause: { Type: 'Wait', Seconds: 60, Next: 'Done' },
        Done: { Type: 'Succeed' },
      }),
    });
    await h.start({ wait: true }, 'first');
    await h.clock.advance(1 * SECOND);
    await h.start({ wait: false }, 'second');
    await h.clock.advance(1 * SECOND);
    await h.start({ wait: true }, 'third');
    const all = await h.engine.listExecutions({ stateMachineArn: STATE_MACHINE_ARN });
    expect(all.executions.map((execution) => execution.name)).toEqual(['third', 'second', 'first']);
    const running = await h.engine.listExecutions({
      stateMachineArn: STATE_MACHINE_ARN,
      statusFilter: 'RUNNING',
    });
    expect(running.executions.map((execution) => execution.name)).toEqual(['third', 'first']);
    const page1 = await h.engine.listExecutions({ stateMachineArn: STATE_MACHINE_ARN, maxResults: 2 });
    expect(page1.executions).toHaveLength(2);
    const page2 = await h.engine.listExecutions({
      stateMachineArn: STATE_MACHINE_ARN,
      maxResults: 2,
      nextToken: page1.nextToken!,
    });
    expect(page2.executions.map((execution) => execution.name)).toEqual(['first']);
    expect(page2.nextToken).toBeUndefined();
  });

  it('GetExecutionHistory returns events with AWS type names and ids in order, reversed or paged on request, without data when asked', async () => {
    const fn = recorder(() => ({ ok: true }));
    const h = await setup({
      lambdas: { fn },
      definition: machine({
        Call: invoke('fn', {}, { Next: 'Decide' }),
        Decide: { Type: 'Choice', Choices: [{ Condition: '{% true %}', Next: 'Pause' }] },
        Pause: { Type: 'Wait', Seconds: 1, Next: 'Pass' },
        Pass: { Type: 'Pass', Next: 'Done' },
        Done: { Type: 'Succeed' },
      }),
    });
    const arn = await h.start({ secret: 'input' });
    await h.clock.advance(1 * SECOND);
    const { events } = await h.engine.getExecutionHistory({ executionArn: arn });
    expect(events.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'WaitStateEntered',
      'WaitStateExited',
      'PassStateEntered',
      'PassStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events.map((event) => event.id)).toEqual(events.map((_event, index) => index + 1));
    expect(events[0]).toMatchObject({
      timestamp: new Date(START),
      executionStartedEventDetails: { input: '{"secret":"input"}' },
    });
    expect(events[2]!.taskScheduledEventDetails).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke',
      region: 'eu-west-1',
      parameters: JSON.stringify({ FunctionName: functionArn('fn'), Payload: {} }),
    });

    const reversed = await h.engine.getExecutionHistory({
      executionArn: arn,
      reverseOrder: true,
      maxResults: 2,
    });
    expect(reversed.events.map((event) => event.type)).toEqual(['ExecutionSucceeded', 'SucceedStateExited']);
    const next = await h.engine.getExecutionHistory({
      executionArn: arn,
      reverseOrder: true,
      maxResults: 2,
      nextToken: reversed.nextToken!,
    });
    expect(next.events.map((event) => event.type)).toEqual(['SucceedStateEntered', 'PassStateExited']);

    const withoutData = await h.engine.getExecutionHistory({
      executionArn: arn,
      includeExecutionData: false,
    });
    expect(withoutData.events[0]!.executionStartedEventDetails).not.toHaveProperty('input');
  });

  it('DescribeStateMachine returns the definition after substitutions', async () => {
    const h = await setup({
      lambdas: { fn: recorder() },
      substitutions: { Fn: functionArn('fn') },
      definition: machine({
        Call: { Type: 'Task', Resource: INVOKE, Arguments: { FunctionName: '${Fn}' }, End: true },
      }),
    });
    const described = await h.engine.describeStateMachine({ stateMachineArn: STATE_MACHINE_ARN });
    expect(described).toMatchObject({ name: 'Conformance', status: 'ACTIVE', type: 'STANDARD' });
    expect(JSON.parse(described.definition).States.Call.Arguments.FunctionName).toBe(functionArn('fn'));
  });
});

describe('Loading a definition: validation and the supported subset', () => {
  async function load(definition: object | string, substitutions?: Record<string, string>): Promise<string> {
    const error = await createEngine({
      clock: frozenClock(),
      lambdas: {},
      definitions: { [STATE_MACHINE_ARN]: { definition, ...(substitutions ? { substitutions } : {}) } },
    }).then(
      async (engine) => {
        await engine.close();
        return undefined;
      },
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(DefinitionError);
    return (error as DefinitionError).message;
  }

  it('a field the engine does not implement is refused at load, naming the field and the state', async () => {
    const message = await load(
      machine({
        Call: invoke('fn', {}, { Credentials: { RoleArn: 'arn:aws:iam::123456789012:role/x' }, End: true }),
      }),
    );
    expect(message).toContain('Unsupported field "Credentials" in state "Call"');
  });

  it('state types outside the subset (Map, Parallel) are refused', async () => {
    const message = await load(
      machine({
        Each: {
          Type: 'Map',
          Items: '{% $states.input.items %}',
          ItemProcessor: { StartAt: 'One', States: { One: { Type: 'Succeed' } } },
          End: true,
        },
      }),
    );
    expect(message).toContain('Unsupported state type "Map" in state "Each"');
  });

  it('JSONPath states are refused: only JSONata states run here', async () => {
    const message = await load({ StartAt: 'Old', States: { Old: { Type: 'Pass', End: true } } });
    expect(message).toContain('Unsupported query language "JSONPath" in state "Old"');
  });

  it('resources outside the supported integrations are refused, as are other Arguments', async () => {
    expect(
      await load(
        machine({
          Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Arguments: {}, End: true },
        }),
      ),
    ).toContain('Unsupported Resource "arn:aws:states:::sqs:sendMessage" in state "Send"');
    expect(
      await load(
        machine({
          Call: {
            Type: 'Task',
            Resource: INVOKE,
            Arguments: { FunctionName: 'f', InvocationType: 'Event' },
            End: true,
          },
        }),
      ),
    ).toContain('Unsupported Arguments field "InvocationType" in state "Call"');
  });

  it('States.ALL must appear alone and in the last Retrier or Catcher', async () => {
    expect(
      await load(
        machine({
          Call: invoke(
            'fn',
            {},
            { Catch: [{ ErrorEquals: ['States.ALL', 'Other'], Next: 'Done' }], Next: 'Done' },
          ),
          Done: { Type: 'Succeed' },
        }),
      ),
    ).toContain('States.ALL must appear alone in the last Catch entry of state "Call"');
    expect(
      await load(
        machine({
          Call: invoke(
            'fn',
            {},
            { Retry: [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['Other'] }], End: true },
          ),
        }),
      ),
    ).toContain('States.ALL must appear alone in the last Retry entry of state "Call"');
  });

  it('Transforming data with JSONata in Step Functions: JSONata is 2.0.6, so the ?? and ?: operators of later versions are refused at load', async () => {
    for (const expression of ['$states.input.a ?? 1', '$states.input.a ?: 1']) {
      expect(
        await load(machine({ Pick: { Type: 'Pass', Output: { a: `{% ${expression} %}` }, End: true } })),
      ).toMatch(/^Invalid state machine definition: /);
    }
  });

  it('Task and Wait workflow states: a literal TimeoutSeconds, HeartbeatSeconds or Seconds above 99999999, a fractional Seconds and a Timestamp with a lowercase t or z are refused at load', async () => {
    const refused: [object, string][] = [
      [invoke('fn', {}, { TimeoutSeconds: 100_000_000, End: true }), 'TimeoutSeconds'],
      [invoke('fn', {}, { HeartbeatSeconds: 100_000_000, End: true }), 'HeartbeatSeconds'],
      [{ Type: 'Wait', Seconds: 100_000_000, End: true }, 'Seconds'],
      [{ Type: 'Wait', Seconds: 1.5, End: true }, 'Seconds'],
      [{ Type: 'Wait', Timestamp: '2025-03-04t09:00:00z', End: true }, 'Timestamp'],
    ];
    for (const [state, field] of refused) {
      const message = await load(machine({ Limit: state }));
      expect(message).toMatch(/^Invalid state machine definition: /);
      expect(message).toContain(`${field} in state "Limit"`);
    }
    const engine = await createEngine({
      clock: frozenClock(),
      lambdas: {},
      definitions: {
        [STATE_MACHINE_ARN]: {
          definition: machine({
            Call: invoke(
              'fn',
              {},
              { TimeoutSeconds: 99_999_999, HeartbeatSeconds: 99_999_998, Next: 'Wait' },
            ),
            Wait: { Type: 'Wait', Seconds: 99_999_999, End: true },
          }),
        },
      },
    });
    await engine.close();
  });

  it('invalid ASL is refused with asl-validator findings (a Next to a missing state)', async () => {
    const message = await load(machine({ Start: { Type: 'Pass', Next: 'Nowhere' } }));
    expect(message).toMatch(/^Invalid state machine definition: .*Nowhere/);
  });

  it('a ${placeholder} without a substitution, a reserved variable name and invalid JSON are refused', async () => {
    expect(await load(machine({ Call: invoke('fn', { to: '${Missing}' }, { End: true }) }), {})).toContain(
      'No definition substitution given for ${Missing}',
    );
    expect(await load(machine({ Set: { Type: 'Pass', Assign: { states: 1 }, End: true } }))).toContain(
      'The variable name "states" is reserved',
    );
    expect(await load('{"StartAt": ')).toContain('not valid JSON');
  });

  it('the shared-Ajv validation gives exactly the verdicts of a plain asl-validator call', async () => {
    const invalid = machine({ Start: { Type: 'Wait', Seconds: 'soon', Next: 'Nowhere' } });
    const plain = aslValidator(structuredClone(invalid), { checkArn: true, checkPaths: true });
    expect(validateAsl(invalid)).toEqual({ isValid: plain.isValid, errorsText: plain.errorsText('; ') });
    expect(validateAsl(machine({ Done: { Type: 'Succeed' } }))).toEqual({ isValid: true, errorsText: '' });
  });
});
