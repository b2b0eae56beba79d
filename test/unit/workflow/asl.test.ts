import './env.ts';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { TASK_KINDS } from '#core/model.ts';
import { WORKFLOW_FUNCTIONS } from '#workflow/registry.ts';

const FILE = fileURLToPath(new URL('../../../statemachine/trajectory.asl.json', import.meta.url));
const text = readFileSync(FILE, 'utf8');

// ASL is read as loosely typed JSON on purpose: the test asserts its shape field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type State = Record<string, any>;
const definition = JSON.parse(text) as {
  StartAt: string;
  QueryLanguage: string;
  States: Record<string, State>;
};
const states = Object.entries(definition.States);

const LAMBDA = 'arn:aws:states:::lambda:invoke';
const LAMBDA_WAIT = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
const invokes = (state: State, substitution: string) =>
  state.Type === 'Task' && state.Arguments?.FunctionName === `\${${substitution}}`;

describe('statemachine/trajectory.asl.json', () => {
  it('passes asl-validator, in JSONata', () => {
    // Act
    const result = aslValidator(structuredClone(definition), { checkArn: true, checkPaths: true });

    // Assess
    expect(result.errorsText('; ')).toBe('');
    expect(result.isValid).toBe(true);
    expect(definition.QueryLanguage).toBe('JSONata');
  });

  it('refers only to functions of the registry, and uses every one of them', () => {
    // Act
    const placeholders = new Set([...text.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1]));

    // Assess
    expect([...placeholders].sort()).toEqual(WORKFLOW_FUNCTIONS.map((entry) => entry.substitution).sort());
    for (const entry of WORKFLOW_FUNCTIONS) expect(entry.handler).toMatch(/^workflow\/[a-z-]+$/);
  });

  it('has Open → Ask → Chase → Record for every task kind', () => {
    for (const kind of TASK_KINDS) {
      // Prepare
      const open = states.find(
        ([, state]) => invokes(state, 'OpenTaskFunctionArn') && state.Arguments.Payload.task === kind,
      );

      // Assess
      expect(open, `an Open state for ${kind}`).toBeDefined();
      const ask = definition.States[open![1].Next];
      expect(ask?.Resource, `${kind}: Open leads to an Ask state`).toBe(LAMBDA_WAIT);
      expect(ask?.Arguments.FunctionName).toBe('${RequestActionFunctionArn}');
      expect(ask?.Arguments.Payload.taskToken).toBe('{% $states.context.Task.Token %}');
      expect(ask?.TimeoutSeconds).toBe('{% $checkIn %}');
      const chaseCatch = ask?.Catch.find((catcher: State) => catcher.ErrorEquals.includes('States.Timeout'));
      expect(chaseCatch?.ErrorEquals).toEqual(['States.Timeout', 'DueTimeMoved']);
      const chase = definition.States[chaseCatch.Next];
      expect(invokes(chase!, 'ChaseFunctionArn')).toBe(true);
      const waiting = definition.States[chase!.Next];
      expect(waiting?.Type).toBe('Choice');
      expect(waiting?.Choices).toEqual([
        { Condition: "{% $states.input.outcome = 'waiting' %}", Next: open![1].Next },
      ]);
      const record = definition.States[ask!.Next];
      expect(invokes(record!, 'CompleteTaskFunctionArn')).toBe(true);
      expect(waiting?.Default).toBe(ask!.Next);
    }
  });

  it('retries every Task on transient errors with backoff, and tells HR when one fails for good', () => {
    for (const [name, state] of states.filter(([, candidate]) => candidate.Type === 'Task')) {
      expect([LAMBDA, LAMBDA_WAIT], name).toContain(state.Resource);
      const retry = state.Retry?.[0];
      expect(retry?.ErrorEquals, name).toEqual(
        expect.arrayContaining(['Lambda.ServiceException', 'TransientError', 'VersionConflictError']),
      );
      expect(retry, name).toMatchObject({ BackoffRate: 2, MaxAttempts: 6 });
      // The local engine implements no JitterStrategy; production does not need it at this load.
      expect(retry?.JitterStrategy, name).toBeUndefined();
      if (name === 'Tell HR a step failed') continue;
      expect(state.Catch?.at(-1), name).toMatchObject({
        ErrorEquals: ['States.ALL'],
        Next: 'Tell HR a step failed',
      });
    }
  });

  it('uses only what the local engine implements', () => {
    const allowed = new Set(['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail']);
    for (const [name, state] of states) {
      expect(allowed.has(state.Type), name).toBe(true);
      for (const field of [
        'Parameters',
        'ResultPath',
        'InputPath',
        'OutputPath',
        'ResultSelector',
        'TimeoutSecondsPath',
      ]) {
        expect(state[field], `${name}.${field}`).toBeUndefined();
      }
    }
  });
});
