import './env.ts';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { TASK_KINDS, type TaskKind } from '#core/model.ts';
import { WORKFLOW_FUNCTIONS } from '#workflow/registry.ts';

// ASL is read as loosely typed JSON on purpose: the tests assert its shape field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type State = Record<string, any>;
interface Definition {
  StartAt: string;
  QueryLanguage: string;
  States: Record<string, State>;
}

function load(name: string): { text: string; definition: Definition } {
  const text = readFileSync(
    fileURLToPath(new URL(`../../../statemachine/${name}.asl.json`, import.meta.url)),
    'utf8',
  );
  return { text, definition: JSON.parse(text) as Definition };
}

const process = load('trajectory');
const task = load('human-task');
const machines = [
  ['trajectory', process],
  ['human-task', task],
] as const;

const LAMBDA = 'arn:aws:states:::lambda:invoke';
const LAMBDA_WAIT = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
const START = 'arn:aws:states:::states:startExecution';
const START_AND_WAIT = 'arn:aws:states:::states:startExecution.sync:2';
const invokes = (state: State | undefined, substitution: string) =>
  state?.Type === 'Task' && state.Arguments?.FunctionName === `\${${substitution}}`;
const placeholdersOf = (text: string) =>
  [...text.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1]);

/** The tasks the process goes on without: they must never hold up its calendar. */
const NOT_WAITED_FOR: readonly TaskKind[] = ['employee-response', 'follow-up'];
/**
 * Tasks another task's step opens: the Record step (the employee's reactions, HR's answer to a
 * disagreement) or the follow-up's Open step (the employee's self-assessment).
 */
const OPENED_BY_RECORD: readonly TaskKind[] = [
  'follow-up-reaction',
  'evaluation-reaction',
  'disagreement-response',
  'cause-follow-up',
  // Opened and started by the Open step of the follow-up it comes before.
  'self-assessment',
];

describe('the state machines', () => {
  it.each(machines)('%s passes asl-validator, in JSONata', (_name, { definition }) => {
    // Act
    const result = aslValidator(structuredClone(definition), { checkArn: true, checkPaths: true });

    // Assess
    expect(result.errorsText('; ')).toBe('');
    expect(result.isValid).toBe(true);
    expect(definition.QueryLanguage).toBe('JSONata');
  });

  it('refer only to functions of the registry, and use every one of them', () => {
    // Act
    const placeholders = new Set([...placeholdersOf(process.text), ...placeholdersOf(task.text)]);
    placeholders.delete('HumanTaskStateMachineArn');

    // Assess
    expect([...placeholders].sort()).toEqual(WORKFLOW_FUNCTIONS.map((entry) => entry.substitution).sort());
    for (const entry of WORKFLOW_FUNCTIONS) expect(entry.handler).toMatch(/^workflow\/[a-z-]+$/);
    expect(placeholdersOf(task.text)).not.toContain('HumanTaskStateMachineArn');
  });

  it.each(machines)('%s uses only what the local engine implements', (_name, { definition }) => {
    const allowed = new Set(['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail']);
    for (const [name, state] of Object.entries(definition.States)) {
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

describe('statemachine/trajectory.asl.json, the process', () => {
  const states = Object.entries(process.definition.States);

  it('opens every task kind and starts its own execution, named after the trajectory and the task', () => {
    for (const kind of TASK_KINDS) {
      // Prepare
      const open = states.find(
        ([, state]) => invokes(state, 'OpenTaskFunctionArn') && state.Arguments.Payload.task === kind,
      );

      // Assess
      if (OPENED_BY_RECORD.includes(kind)) {
        // Opened and started by the step of the task they answer or come before.
        expect(open, `no Open state for ${kind}`).toBeUndefined();
        continue;
      }
      expect(open, `an Open state for ${kind}`).toBeDefined();
      if (NOT_WAITED_FOR.includes(kind)) {
        // Started by the Open step itself (functions/usecases/open-task.ts), with the name suffix
        // of a process that continues an older one; the process goes straight on.
        expect(open![1].Arguments.Payload.runSuffix, kind).toBe('{% $runSuffix %}');
        expect(process.definition.States[open![1].Next]!.Resource, kind).not.toBe(START);
        continue;
      }
      const start = process.definition.States[open![1].Next]!;
      expect(start.Resource, kind).toBe(START_AND_WAIT);
      expect(start.Arguments).toEqual({
        StateMachineArn: '${HumanTaskStateMachineArn}',
        Name: '{% $childName %}',
        Input: {
          trajectoryId: '{% $trajectoryId %}',
          taskId: '{% $taskId %}',
          checkIn: '{% $checkIn %}',
          // A task the process waits for hands itself over to the process when it grows old.
          waited: true,
        },
      });
      // The name: trajectory and task, and in an execution that continues an older one, a suffix.
      const named = open![1].Assign.childName as string;
      expect(named).toContain("'.' & $states.result.Payload.taskId");
    }
  });

  it('waits for each follow-up date and then the end of the term, and opens the evaluation past the last follow-up', () => {
    const open = process.definition.States['Open follow-up task']!;
    const wait = process.definition.States[open.Next]!;
    expect(wait).toMatchObject({
      Type: 'Wait',
      Timestamp: '{% $exists($step.nextFollowUp) ? $step.nextFollowUp.at : $step.termEndsAt %}',
      Next: 'Open follow-up task',
    });
    expect(open.Catch[0]).toMatchObject({ ErrorEquals: ['FollowUpsDone'], Next: 'Open evaluation task' });
  });

  it('asks again in a new execution when a task it waits for hands itself over, or goes on in a new one itself', () => {
    const choice = process.definition.States['Did the task go on?']!;
    for (const [name, state] of states.filter(([, candidate]) => candidate.Resource === START_AND_WAIT)) {
      const failed = state.Catch[0];
      expect(failed, name).toMatchObject({ ErrorEquals: ['States.TaskFailed'], Next: 'Did the task go on?' });
      expect(failed.Assign.failedState, name).toBe('{% $states.context.State.Name %}');
      expect(choice.Choices).toContainEqual({ Condition: `{% $failedState = '${name}' %}`, Next: name });
      // The process grown old resumes at this very task in a new execution (identify: its first
      // state opens it again itself).
      if (failed.Assign.resumeAt === 'identify') continue;
      const where = process.definition.States['Where does it resume?']!;
      const resumed = where.Choices.find(
        (rule: State) => rule.Condition === `{% $resumeAt = '${failed.Assign.resumeAt}' %}`,
      );
      const open = states.find(([, candidate]) => candidate.Next === name)![0];
      expect(resumed?.Next ?? where.Default, name).toBe(open);
    }
    // A real failure still only stops: the task's execution told HR itself.
    expect(choice.Choices[0]).toEqual({
      Condition: "{% $parse($states.input.Cause).Error != 'TaskContinues' %}",
      Next: 'Stopped on an error',
    });
    expect(choice.Default).toBe('Stopped on an error');
  });

  it('goes on after a task it does not wait for, also when a retried start finds the execution ended', () => {
    for (const [name, state] of states.filter(([, candidate]) => candidate.Resource === START)) {
      const already = state.Catch.find((catcher: State) =>
        catcher.ErrorEquals.includes('StepFunctions.ExecutionAlreadyExistsException'),
      );
      expect(already?.Next, name).toBe(state.Next);
    }
  });

  it('retries every Task on transient errors with backoff, and tells HR when one fails for good', () => {
    for (const [name, state] of states.filter(([, candidate]) => candidate.Type === 'Task')) {
      expect([LAMBDA, LAMBDA_WAIT, START, START_AND_WAIT], name).toContain(state.Resource);
      const retry = state.Retry?.[0];
      const transient = state.Resource.startsWith(LAMBDA)
        ? [
            'Lambda.ServiceException',
            'Lambda.Unknown',
            'Lambda.ClientExecutionTimeoutException',
            'TransientError',
          ]
        : ['StepFunctions.ExecutionLimitExceeded', 'StepFunctions.SdkClientException'];
      expect(retry?.ErrorEquals, name).toEqual(expect.arrayContaining(transient));
      expect(retry, name).toMatchObject({ BackoffRate: 2, MaxAttempts: 6 });
      // The local engine implements no JitterStrategy; production does not need it at this load.
      expect(retry?.JitterStrategy, name).toBeUndefined();
      if (name === 'Tell HR a step failed') continue;
      expect(state.Catch?.at(-1), name).toMatchObject({
        ErrorEquals: ['States.ALL'],
        Next: 'Tell HR a step failed',
      });
      // A task whose own execution failed told HR itself: the process only stops (or asks again).
      if (state.Resource === START_AND_WAIT) {
        expect(state.Catch[0], name).toMatchObject({
          ErrorEquals: ['States.TaskFailed'],
          Next: 'Did the task go on?',
        });
      }
    }
  });
});

describe('statemachine/human-task.asl.json, one human task', () => {
  const { States } = task.definition;

  it('asks, chases on a timeout or a moved deadline, asks again, and records the answer', () => {
    // Prepare
    const ask = States[task.definition.StartAt]!;

    // Assess: Ask waits for the person with the same task token pattern on every entry.
    expect(ask.Resource).toBe(LAMBDA_WAIT);
    expect(invokes(ask, 'RequestActionFunctionArn')).toBe(true);
    expect(ask.Arguments.Payload).toEqual({
      trajectoryId: '{% $states.context.Execution.Input.trajectoryId %}',
      taskId: '{% $states.context.Execution.Input.taskId %}',
      taskToken: '{% $states.context.Task.Token %}',
    });
    expect(ask.TimeoutSeconds).toBe('{% $states.input.checkIn %}');
    const chaseCatch = ask.Catch.find((catcher: State) => catcher.ErrorEquals.includes('States.Timeout'));
    expect(chaseCatch?.ErrorEquals).toEqual(['States.Timeout', 'DueTimeMoved']);
    const chase = States[chaseCatch.Next];
    expect(invokes(chase, 'ChaseFunctionArn')).toBe(true);
    expect(chase!.Output).toBe('{% $states.result.Payload %}');
    const waiting = States[chase!.Next]!;
    expect(waiting.Type).toBe('Choice');
    expect(waiting.Choices.slice(-2)).toEqual([
      { Condition: "{% $states.input.outcome = 'waiting' %}", Next: task.definition.StartAt },
      { Condition: "{% $states.input.outcome = 'closed' %}", Next: 'Task closed' },
    ]);
    // Before those: an execution that waited 180 days hands over (to the process that waits for
    // it) or goes on in a new execution of this machine itself.
    expect(waiting.Choices.slice(0, 2).map((rule: State) => rule.Next)).toEqual([
      'Hand the task to a new execution',
      'Continue in a new execution',
    ]);
    expect(States['Hand the task to a new execution']).toMatchObject({
      Type: 'Fail',
      Error: 'TaskContinues',
    });
    expect(States['Task closed']?.Type).toBe('Succeed');
    const record = States[ask.Next];
    expect(invokes(record, 'CompleteTaskFunctionArn')).toBe(true);
    expect(waiting.Default).toBe(ask.Next);
    // The recorded step is the execution's output: what the process reads after a task it waits for.
    expect(record).toMatchObject({ End: true, Output: '{% $states.result.Payload %}' });
  });

  it('waits for a working day when the answer brings mails on a day off, then records again', () => {
    const record = States['Record the answer']!;
    const held = record.Catch.find((catcher: State) => catcher.ErrorEquals.includes('MailsHeld'));
    const wait = States[held.Next]!;
    expect(wait).toMatchObject({
      Type: 'Wait',
      Timestamp: '{% $states.input.until %}',
      Next: 'Record the answer',
    });
  });

  it('retries every Task on transient errors with backoff, and tells HR when one fails for good', () => {
    for (const [name, state] of Object.entries(States).filter(([, candidate]) => candidate.Type === 'Task')) {
      expect([LAMBDA, LAMBDA_WAIT, START], name).toContain(state.Resource);
      expect(state.Retry?.[0]?.ErrorEquals, name).toEqual(
        expect.arrayContaining(
          state.Resource === START
            ? ['StepFunctions.ExecutionLimitExceeded', 'StepFunctions.SdkClientException']
            : [
                'Lambda.ServiceException',
                'Lambda.Unknown',
                'Lambda.ClientExecutionTimeoutException',
                'TransientError',
                'VersionConflictError',
              ],
        ),
      );
      if (name === 'Tell HR a step failed') continue;
      expect(state.Catch?.at(-1), name).toMatchObject({
        ErrorEquals: ['States.ALL'],
        Next: 'Tell HR a step failed',
      });
    }
  });
});
