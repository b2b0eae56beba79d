/**
 * Conformance: data flow in JSONata states, variables, and the flow states (Pass, Choice, Wait,
 * Succeed, Fail). Each test names the AWS documentation page whose behaviour it checks.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  functionArn,
  harness,
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

describe('Transforming data with JSONata in Step Functions', () => {
  it('evaluates {% %} strings at any depth of Output, inside objects and arrays, and keeps other strings literal', async () => {
    const h = await setup({
      definition: machine({
        Shape: {
          Type: 'Pass',
          Output: {
            total: '{% $sum($states.input.items.price) %}',
            nested: { list: ['{% $states.input.items[0].name %}', 'plain', 42, { deeper: '{% 1 + 1 %}' }] },
            literal: '$states.input is not evaluated without the delimiters',
          },
          End: true,
        },
      }),
    });
    const arn = await h.start({
      items: [
        { name: 'a', price: 2 },
        { name: 'b', price: 3 },
      ],
    });
    expect(await h.output(arn)).toEqual({
      total: 5,
      nested: { list: ['a', 'plain', 42, { deeper: 2 }] },
      literal: '$states.input is not evaluated without the delimiters',
    });
  });

  it('passes the state input through as output when a Pass state has no Output', async () => {
    const h = await setup({ definition: machine({ Nothing: { Type: 'Pass', End: true } }) });
    expect(await h.output(await h.start({ keep: ['me'] }))).toEqual({ keep: ['me'] });
  });

  it('Output may be any JSON value, as the ASL specification has it: a literal null, number, boolean, string or array is the state output', async () => {
    const literals: unknown[] = [null, 1, 1.5, true, 'text', [], [1, 'a']];
    const names = literals.map((_literal, index) => `Literal${index}`);
    const h = await setup({
      definition: machine(
        Object.fromEntries(
          literals.map((literal, index) => [
            names[index]!,
            {
              Type: 'Pass',
              Output: literal,
              ...(index < literals.length - 1 ? { Next: names[index + 1] } : { End: true }),
            },
          ]),
        ),
      ),
    });
    const arn = await h.start({ replaced: true });
    const outputs = (await h.events(arn))
      .filter((event) => event.type === 'PassStateExited')
      .map((event) => JSON.parse((event.stateExitedEventDetails as { output: string }).output) as unknown);
    expect(outputs).toEqual(literals);
    expect(await h.output(arn)).toEqual([1, 'a']);
  });

  it('a whole field may be one expression: Output "{% ... %}" builds the object', async () => {
    const h = await setup({
      definition: machine({
        Whole: { Type: 'Pass', Output: '{% {"doubled": $states.input.n * 2} %}', End: true },
      }),
    });
    expect(await h.output(await h.start({ n: 21 }))).toEqual({ doubled: 42 });
  });

  it('Invoke Lambda (lambda:invoke): Arguments.Payload reaches the function, the result is {Payload, StatusCode, ExecutedVersion, SdkHttpMetadata...} and is the default Task output', async () => {
    const add = recorder((payload) => ({
      sum: (payload as { a: number; b: number }).a + (payload as { b: number }).b,
    }));
    const h = await setup({
      lambdas: { add },
      definition: machine({ Add: invoke('add', { a: '{% $states.input.a %}', b: 2 }, { End: true }) }),
    });
    const result = (await h.output(await h.start({ a: 40 }))) as Record<string, unknown>;
    expect(add.calls).toEqual([{ a: 40, b: 2 }]);
    expect(result).toMatchObject({
      Payload: { sum: 42 },
      StatusCode: 200,
      ExecutedVersion: '$LATEST',
      SdkHttpMetadata: { HttpStatusCode: 200 },
    });
    expect(result.SdkResponseMetadata).toHaveProperty('RequestId');
  });

  it('Task Output and Assign read $states.result; a function returning nothing gives Payload null', async () => {
    const h = await setup({
      lambdas: { quiet: async () => undefined, answer: async () => ({ value: 7 }) },
      definition: machine({
        Quiet: invoke(
          'quiet',
          {},
          { Assign: { quietPayload: '{% $states.result.Payload %}' }, Next: 'Answer' },
        ),
        Answer: invoke(
          'answer',
          {},
          {
            Output: { value: '{% $states.result.Payload.value %}', quiet: '{% $quietPayload %}' },
            End: true,
          },
        ),
      }),
    });
    expect(await h.output(await h.start())).toEqual({ value: 7, quiet: null });
  });

  it('Accessing execution data from the Context object: $states.context has Execution, State and StateMachine fields; State has no RetryCount outside a Task', async () => {
    const h = await setup({
      definition: machine({
        First: { Type: 'Pass', Next: 'Look' },
        Look: { Type: 'Pass', Output: { context: '{% $states.context %}' }, End: true },
      }),
    });
    const arn = await h.start({ hello: 'world' }, 'context-check');
    const { context } = (await h.output(arn)) as { context: Record<string, Record<string, unknown>> };
    expect(context.Execution).toMatchObject({
      Id: arn,
      Name: 'context-check',
      Input: { hello: 'world' },
      StartTime: new Date(START).toISOString(),
    });
    expect(context.State).toEqual({ Name: 'Look', EnteredTime: new Date(START).toISOString() });
    expect(context.StateMachine).toEqual({ Id: STATE_MACHINE_ARN, Name: 'Conformance' });
    expect(context.Task).toBeUndefined();
  });

  it('a JSONata evaluation error is States.QueryEvaluationError; the cause names the state and the field, and an EvaluationFailed event is recorded', async () => {
    const h = await setup({
      definition: machine({
        Broken: { Type: 'Pass', Output: { sum: '{% $states.input.text + 1 %}' }, End: true },
      }),
    });
    const arn = await h.start({ text: 'not a number' });
    const description = await h.describe(arn);
    expect(description.status).toBe('FAILED');
    expect(description.error).toBe('States.QueryEvaluationError');
    expect(description.cause).toContain("An error occurred while executing the state 'Broken'");
    expect(description.cause).toContain("specified for the field 'Output/sum'");
    expect(await h.types(arn)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'EvaluationFailed',
      'ExecutionFailed',
    ]);
  });

  it('an expression that returns nothing (undefined) is States.QueryEvaluationError, as the ASL spec lists "an undefined result"', async () => {
    const fn = recorder();
    const h = await setup({
      lambdas: { fn },
      definition: machine({ Call: invoke('fn', { missing: '{% $states.input.nope %}' }, { End: true }) }),
    });
    const description = await h.describe(await h.start({}));
    expect(description.error).toBe('States.QueryEvaluationError');
    expect(description.cause).toContain("'Arguments/Payload/missing' returned nothing (undefined)");
    expect(fn.calls).toEqual([]);
  });

  it('the state input is $states.input, not $: a bare $ path has no input document', async () => {
    const h = await setup({
      definition: machine({ Root: { Type: 'Pass', Output: '{% $.a %}', End: true } }),
    });
    expect((await h.describe(await h.start({ a: 1 }))).error).toBe('States.QueryEvaluationError');
  });

  it('$now() and $millis() read the virtual clock, not the wall clock', async () => {
    const h = await setup({
      definition: machine({
        Later: { Type: 'Wait', Seconds: 90, Next: 'Stamp' },
        Stamp: { Type: 'Pass', Output: { now: '{% $now() %}', millis: '{% $millis() %}' }, End: true },
      }),
    });
    const arn = await h.start();
    await h.clock.advance(90 * SECOND);
    expect(await h.output(arn)).toEqual({
      now: new Date(START + 90 * SECOND).toISOString(),
      millis: START + 90 * SECOND,
    });
  });

  it('JSONata functions provided by Step Functions: $partition, $range (a sequence: one value is that value), $hash, $parse, $uuid; $eval is not available', async () => {
    const h = await setup({
      definition: machine({
        Functions: {
          Type: 'Pass',
          Output: {
            partition: '{% $partition([1,2,3,4,5], 2) %}',
            range: '{% $range(0, 10, 5) %}',
            rangeOfOne: '{% $range(1, 9, 9) %}',
            hash: "{% $hash('abc', 'SHA-256') %}",
            parse: '{% $parse($states.input.text).x %}',
            uuidLength: '{% $length($uuid()) %}',
          },
          Next: 'Eval',
        },
        Eval: { Type: 'Pass', Output: "{% $eval('1 + 1') %}", End: true },
      }),
    });
    const arn = await h.start({ text: '{"x": 3}' });
    const events = await h.events(arn);
    const exited = events.find((event) => event.type === 'PassStateExited')!;
    expect(JSON.parse((exited.stateExitedEventDetails as { output: string }).output)).toEqual({
      partition: [[1, 2], [3, 4], [5]],
      range: [0, 5, 10],
      // A sequence of one is its value, as JSONata makes of every sequence.
      rangeOfOne: 1,
      hash: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      parse: 3,
      uuidLength: 36,
    });
    expect((await h.describe(arn)).error).toBe('States.QueryEvaluationError');
  });
});

describe('Passing data between states with variables', () => {
  it('Assign expressions are evaluated against the variables as they were on entering the state, all at once (a swap works)', async () => {
    const h = await setup({
      definition: machine({
        Init: { Type: 'Pass', Assign: { a: 1, b: 2 }, Next: 'Swap' },
        Swap: { Type: 'Pass', Assign: { a: '{% $b %}', b: '{% $a %}' }, Next: 'Show' },
        Show: { Type: 'Pass', Output: { a: '{% $a %}', b: '{% $b %}' }, End: true },
      }),
    });
    expect(await h.output(await h.start())).toEqual({ a: 2, b: 1 });
  });

  it('Output of the same state does not see what that state assigns; the next state does', async () => {
    const h = await setup({
      definition: machine({
        Init: { Type: 'Pass', Assign: { count: 1 }, Next: 'Bump' },
        Bump: {
          Type: 'Pass',
          Assign: { count: '{% $count + 1 %}' },
          Output: { seen: '{% $count %}' },
          Next: 'After',
        },
        After: {
          Type: 'Pass',
          Output: { before: '{% $states.input.seen %}', now: '{% $count %}' },
          End: true,
        },
      }),
    });
    expect(await h.output(await h.start())).toEqual({ before: 1, now: 2 });
  });

  it('variables stay visible to every later state (Pass → Task Arguments → Choice Condition), and the history records assignedVariables', async () => {
    const echo = recorder((payload) => payload);
    const h = await setup({
      lambdas: { echo },
      definition: machine({
        Remember: {
          Type: 'Pass',
          Assign: { who: '{% $states.input.who %}', limit: 3 },
          Output: {},
          Next: 'Call',
        },
        Call: invoke(
          'echo',
          { who: '{% $who %}' },
          { Output: '{% $states.result.Payload %}', Next: 'Check' },
        ),
        Check: {
          Type: 'Choice',
          Choices: [{ Condition: '{% $limit = 3 and $states.input.who = $who %}', Next: 'Yes' }],
          Default: 'No',
        },
        Yes: { Type: 'Succeed', Output: { matched: true } },
        No: { Type: 'Fail', Error: 'NoMatch' },
      }),
    });
    const arn = await h.start({ who: 'manager' });
    expect(await h.output(arn)).toEqual({ matched: true });
    expect(echo.calls).toEqual([{ who: 'manager' }]);
    const exit = (await h.events(arn)).find((event) => event.type === 'PassStateExited')!;
    expect(exit.stateExitedEventDetails).toMatchObject({
      assignedVariables: { who: '"manager"', limit: '3' },
    });
  });

  it('a variable assigned by a Catch is set; the failed state own Assign is not applied', async () => {
    const h = await setup({
      lambdas: { boom: async () => Promise.reject(new Error('no')) },
      definition: machine({
        Try: invoke(
          'boom',
          {},
          {
            Assign: { fromState: 'should not be set' },
            Catch: [
              {
                ErrorEquals: ['States.ALL'],
                Assign: { caught: '{% $states.errorOutput.Error %}' },
                Next: 'Show',
              },
            ],
            End: true,
          },
        ),
        Show: {
          Type: 'Pass',
          Output: { caught: '{% $caught %}', fromState: '{% $exists($fromState) %}' },
          End: true,
        },
      }),
    });
    expect(await h.output(await h.start())).toEqual({ caught: 'Error', fromState: false });
  });
});

describe('Choice workflow state', () => {
  const choice = {
    Type: 'Choice',
    Choices: [
      { Condition: '{% $states.input.n > 10 %}', Next: 'Big', Assign: { size: 'big' } },
      { Condition: '{% $states.input.n > 5 %}', Next: 'Medium', Output: { rule: 'second' } },
    ],
    Default: 'Small',
    Assign: { checked: true },
    Output: { rule: 'state-level' },
  };
  const ends = {
    Big: { Type: 'Pass', Output: { to: 'Big', size: '{% $size %}', checked: '{% $checked %}' }, End: true },
    Medium: { Type: 'Pass', Output: { to: 'Medium', via: '{% $states.input.rule %}' }, End: true },
    Small: {
      Type: 'Pass',
      Output: { to: 'Small', via: '{% $states.input.rule %}', checked: '{% $checked %}' },
      End: true,
    },
  };

  it('the first rule whose Condition is true wins (in order); its Assign applies together with the state-level Assign', async () => {
    const h = await setup({ definition: machine({ Decide: choice, ...ends }) });
    expect(await h.output(await h.start({ n: 20 }))).toEqual({ to: 'Big', size: 'big', checked: true });
  });

  it("a matching rule's Output replaces the state's Output", async () => {
    const h = await setup({ definition: machine({ Decide: choice, ...ends }) });
    expect(await h.output(await h.start({ n: 7 }))).toEqual({ to: 'Medium', via: 'second' });
  });

  it('Default is taken when no rule matches, with the state-level Output and Assign', async () => {
    const h = await setup({ definition: machine({ Decide: choice, ...ends }) });
    expect(await h.output(await h.start({ n: 1 }))).toEqual({
      to: 'Small',
      via: 'state-level',
      checked: true,
    });
  });

  it('a Condition may be the literal true or false, as the ASL specification has it, not only an expression', async () => {
    const h = await setup({
      definition: machine({
        Decide: {
          Type: 'Choice',
          Choices: [
            { Condition: false, Next: 'Never' },
            { Condition: true, Next: 'Always' },
          ],
        },
        Never: { Type: 'Fail', Error: 'Wrong' },
        Always: { Type: 'Succeed', Output: { took: 'Always' } },
      }),
    });
    expect(await h.output(await h.start())).toEqual({ took: 'Always' });
  });

  it('no rule matching and no Default fails the execution with States.NoChoiceMatched', async () => {
    const h = await setup({
      definition: machine({
        Decide: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.go %}', Next: 'Go' }] },
        Go: { Type: 'Succeed' },
      }),
    });
    const description = await h.describe(await h.start({ go: false }));
    expect(description.status).toBe('FAILED');
    expect(description.error).toBe('States.NoChoiceMatched');
  });

  it('a Condition that does not evaluate to a boolean is States.QueryEvaluationError', async () => {
    const h = await setup({
      definition: machine({
        Decide: {
          Type: 'Choice',
          Choices: [{ Condition: '{% $states.input.value %}', Next: 'Go' }],
          Default: 'Go',
        },
        Go: { Type: 'Succeed' },
      }),
    });
    const description = await h.describe(await h.start({ value: 'yes' }));
    expect(description.error).toBe('States.QueryEvaluationError');
    expect(description.cause).toContain("Expected 'boolean'");
  });
});

describe('Wait workflow state', () => {
  it('waits Seconds on the virtual clock: nothing happens before, the state exits exactly at the due time', async () => {
    const h = await setup({
      definition: machine({
        Pause: { Type: 'Wait', Seconds: 3600, Next: 'Done' },
        Done: { Type: 'Succeed' },
      }),
    });
    const arn = await h.start({ x: 1 });
    await h.clock.advance(3599 * SECOND);
    expect((await h.describe(arn)).status).toBe('RUNNING');
    await h.clock.advance(1 * SECOND);
    expect(await h.output(arn)).toEqual({ x: 1 });
    const events = await h.events(arn);
    const entered = events.find((event) => event.type === 'WaitStateEntered')!;
    const exited = events.find((event) => event.type === 'WaitStateExited')!;
    expect(exited.timestamp.getTime() - entered.timestamp.getTime()).toBe(3600 * SECOND);
  });

  it('Seconds and Timestamp accept JSONata expressions; a Timestamp in the past continues at once', async () => {
    const h = await setup({
      definition: machine({
        BySeconds: { Type: 'Wait', Seconds: '{% $states.input.delay %}', Next: 'ByTimestamp' },
        ByTimestamp: { Type: 'Wait', Timestamp: '{% $states.input.until %}', Next: 'Past' },
        Past: { Type: 'Wait', Timestamp: '2000-01-01T00:00:00Z', Next: 'Done' },
        Done: { Type: 'Succeed', Output: { at: '{% $now() %}' } },
      }),
    });
    const until = new Date(START + 2 * 86_400 * SECOND).toISOString();
    const arn = await h.start({ delay: 60, until });
    await h.clock.advance(60 * SECOND);
    expect((await h.describe(arn)).status).toBe('RUNNING');
    await h.clock.advance(2 * 86_400 * SECOND);
    expect(await h.output(arn)).toEqual({ at: until });
  });

  it('a Timestamp that cannot be parsed (month 13, 30 February, hour 25, no T, no Z) is States.QueryEvaluationError with the cause AWS gives', async () => {
    const h = await setup({
      definition: machine({
        Pause: { Type: 'Wait', Timestamp: '{% $states.input.when %}', Next: 'Done' },
        Done: { Type: 'Succeed' },
      }),
    });
    for (const when of [
      '2025-13-01T00:00:00Z',
      '2025-02-30T00:00:00Z',
      '2025-03-04T25:00:00Z',
      '2025-03-04 09:00:00Z',
      '2025-03-04T09:00:00',
      'next tuesday',
    ]) {
      const description = await h.describe(await h.start({ when }));
      expect(description.error).toBe('States.QueryEvaluationError');
      expect(description.cause).toMatch(/^An error occurred while executing the state 'Pause'/);
      expect(description.cause).toContain(
        `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${when}`,
      );
    }
  });

  it('a Timestamp may carry a numeric offset instead of Z, as the ASL specification allows; milliseconds are truncated', async () => {
    const h = await setup({
      definition: machine({
        Pause: { Type: 'Wait', Timestamp: '2025-03-03T10:00:30.900+01:00', Next: 'Done' },
        Done: { Type: 'Succeed', Output: { at: '{% $now() %}' } },
      }),
    });
    const arn = await h.start();
    await h.clock.advance(29.999 * SECOND);
    expect((await h.describe(arn)).status).toBe('RUNNING');
    await h.clock.advance(0.001 * SECOND);
    expect(await h.output(arn)).toEqual({ at: new Date(START + 30 * SECOND).toISOString() });
  });

  it('Seconds from an expression must be an integer from 0 to 99999999', async () => {
    const h = await setup({
      definition: machine({
        Pause: { Type: 'Wait', Seconds: '{% $states.input.seconds %}', Next: 'Done' },
        Done: { Type: 'Succeed' },
      }),
    });
    expect((await h.describe(await h.start({ seconds: 99_999_999 }))).status).toBe('RUNNING');
    for (const seconds of [100_000_000, 1.5, -1]) {
      const description = await h.describe(await h.start({ seconds }));
      expect(description.error).toBe('States.QueryEvaluationError');
      expect(description.cause).toContain(
        "The value of the field 'Seconds' must be an integer from 0 to 99999999",
      );
    }
  });

  it('Output and Assign of a Wait state apply when it exits', async () => {
    const h = await setup({
      definition: machine({
        Pause: {
          Type: 'Wait',
          Seconds: 5,
          Assign: { waited: true },
          Output: { after: 'wait' },
          Next: 'Done',
        },
        Done: { Type: 'Succeed', Output: { input: '{% $states.input %}', waited: '{% $waited %}' } },
      }),
    });
    const arn = await h.start();
    await h.clock.advance(5 * SECOND);
    expect(await h.output(arn)).toEqual({ input: { after: 'wait' }, waited: true });
  });
});

describe('Succeed and Fail workflow states', () => {
  it("a Succeed state's Output is the execution output", async () => {
    const h = await setup({
      definition: machine({ Done: { Type: 'Succeed', Output: { result: '{% $states.input.v * 10 %}' } } }),
    });
    const arn = await h.start({ v: 4 });
    expect(await h.output(arn)).toEqual({ result: 40 });
    expect(await h.types(arn)).toEqual([
      'ExecutionStarted',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('a Fail state fails the execution with its Error and Cause, both of which may be expressions', async () => {
    const h = await setup({
      definition: machine({
        Stop: {
          Type: 'Fail',
          Error: "{% 'Trajectory.' & $states.input.reason %}",
          Cause: '{% $string($states.input.code) %}',
        },
      }),
    });
    const arn = await h.start({ reason: 'Cancelled', code: 12 });
    expect(await h.describe(arn)).toMatchObject({
      status: 'FAILED',
      error: 'Trajectory.Cancelled',
      cause: '12',
    });
    const failed = (await h.events(arn)).at(-1)!;
    expect(failed).toMatchObject({
      type: 'ExecutionFailed',
      executionFailedEventDetails: { error: 'Trajectory.Cancelled', cause: '12' },
    });
  });

  it('Definition substitutions: ${Name} placeholders are replaced before the definition is used', async () => {
    const fn = recorder(() => 'called');
    const h = await setup({
      lambdas: { 'arn:aws:lambda:eu-west-1:123456789012:function:substituted': fn },
      substitutions: { TargetFunction: functionArn('substituted'), Greeting: 'hello' },
      definition: JSON.stringify(
        machine({
          Call: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Arguments: { FunctionName: '${TargetFunction}', Payload: { greeting: '${Greeting}' } },
            Output: '{% $states.result.Payload %}',
            End: true,
          },
        }),
      ),
    });
    expect(await h.output(await h.start())).toBe('called');
    expect(fn.calls).toEqual([{ greeting: 'hello' }]);
  });
});
