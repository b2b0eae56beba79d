/**
 * The real ASL on the in-project Step Functions engine, driving the workflow use cases against
 * dynalite, on a virtual clock: proof that definition and handlers fit together. The people are
 * played by writing their answer the way the action endpoint does, then SendTaskSuccess.
 * (The scenarios over the whole local cloud, HTTP included, live in test/workflow.)
 */
import './env.ts';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { afterDueTimeMoved } from '#core/chasing.ts';
import type { Task, TaskKind, Trajectory } from '#core/model.ts';
import type { WorkflowClient } from '#core/ports.ts';
import { DEFAULT_SCHEDULE } from '#core/schedule.ts';
import { nextWorkingMoment } from '#core/working-days.ts';
import { WorkflowStateError } from '#core/steps.ts';
import { VirtualClock } from '#local/clock.ts';
import { createEngine, type Engine } from '#local/engine/index.ts';
import { chaseStep } from '#usecases/chase-task.ts';
import { completeTaskStep } from '#usecases/record-answer.ts';
import { openTaskStep } from '#usecases/open-task.ts';
import { WORKFLOW_FUNCTIONS } from '#workflow/registry.ts';
import { reportFailureStep } from '#usecases/report-failure.ts';
import { requestAction } from '#usecases/request-action.ts';
import { startDynalite, type LocalDynamo } from '../../support/dynalite.ts';
import { answer, DAY, dossier, harness, HOUR, MONDAY, seedTrajectory, type Harness } from './support.ts';

const definition = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../statemachine/${name}.asl.json`, import.meta.url)), 'utf8');
const STATE_MACHINE = 'arn:aws:states:eu-west-1:000000000000:stateMachine:trajectory';
const TASK_STATE_MACHINE = 'arn:aws:states:eu-west-1:000000000000:stateMachine:human-task';
const functionArn = (name: string) => `arn:aws:lambda:eu-west-1:000000000000:function:${name}`;

const GOALS = [
  { title: 'Op tijd', specific: 'S', measure: 'M', target: 'T', deadline: '2026-05-29', support: 'C' },
];
const FOLLOW_UP = {
  heldOn: '2026-04-01',
  summary: 'Goed.',
  progress: [{ goal: 0, status: 'on-track', notes: 'n' }],
};
const evaluation = (decision: string, extra: object = {}) => ({
  summary: 'Samenvatting.',
  results: [{ goal: 0, outcome: 'achieved', notes: 'n' }],
  decision,
  ...extra,
});

let dynamo: LocalDynamo;
let h: Harness;
let clock: VirtualClock;
let engine: Engine;
/** Lets a test break one step: called before each function, may throw. */
let sabotage: (name: string, payload: Record<string, unknown>) => void;

beforeEach(async () => {
  dynamo = await startDynalite();
  h = await harness(dynamo);
  clock = new VirtualClock({ timeScale: 0, startAt: MONDAY });
  sabotage = () => undefined;
  const workflow: WorkflowClient = {
    start: async () => undefined,
    stop: async () => undefined,
    stopTasks: async () => undefined,
    wake: async () => true,
    startTask: async (trajectoryId, taskId, checkIn, nameSuffix = '') => {
      await engine.startExecution({
        stateMachineArn: TASK_STATE_MACHINE,
        name: `${trajectoryId}.${taskId}${nameSuffix}`,
        input: JSON.stringify({ trajectoryId, taskId, checkIn }),
      });
    },
    completeTask: async (taskToken, output) => {
      await engine.sendTaskSuccess({ taskToken, output: JSON.stringify(output) });
      return true;
    },
  };
  const deps = { ...h.deps, clock, workflow };
  const steps: Record<string, (payload: never) => Promise<unknown>> = {
    OpenTask: (payload) => openTaskStep(deps, payload),
    RequestAction: (payload) => requestAction(deps, payload),
    Chase: (payload) => chaseStep(deps, payload),
    CompleteTask: (payload) => completeTaskStep(deps, payload),
    ReportFailure: (payload) => reportFailureStep(deps, payload),
  };
  const substitutions = {
    ...Object.fromEntries(WORKFLOW_FUNCTIONS.map((entry) => [entry.substitution, functionArn(entry.name)])),
    HumanTaskStateMachineArn: TASK_STATE_MACHINE,
  };
  engine = await createEngine({
    clock,
    lambdas: Object.fromEntries(
      Object.entries(steps).map(([name, step]) => [
        functionArn(name),
        async (payload: unknown) => {
          sabotage(name, payload as Record<string, unknown>);
          return step(payload as never);
        },
      ]),
    ),
    definitions: {
      [STATE_MACHINE]: { definition: definition('trajectory'), substitutions },
      [TASK_STATE_MACHINE]: { definition: definition('human-task'), substitutions },
    },
  });
});

afterEach(async () => {
  await engine.close();
  clock.dispose();
  await dynamo.stop();
});

async function start(overrides: Partial<Trajectory> = {}) {
  const trajectory = await seedTrajectory(h.repository, overrides);
  const { executionArn } = await engine.startExecution({
    stateMachineArn: STATE_MACHINE,
    name: trajectory.id,
    input: JSON.stringify({ trajectoryId: trajectory.id }),
  });
  await engine.whenIdle();
  return { trajectory, executionArn };
}

async function openTasks(trajectoryId: string): Promise<Task[]> {
  await engine.whenIdle();
  return (await dossier(h.repository, trajectoryId)).tasks.filter((task) => task.status === 'open');
}

/** What the submit endpoint does: the answer on the task, then SendTaskSuccess on a live token. */
async function respond(trajectoryId: string, kind: TaskKind, response: unknown): Promise<string> {
  const task = (await openTasks(trajectoryId)).find((candidate) => candidate.kind === kind);
  if (!task) throw new Error(`No open ${kind} task`);
  await answer(h.repository, trajectoryId, task.id, response, clock.now());
  if (task.taskToken) {
    await engine.sendTaskSuccess({ taskToken: task.taskToken, output: JSON.stringify({ taskId: task.id }) });
  }
  await engine.whenIdle();
  return task.id;
}

async function pass(ms: number) {
  await clock.advance(ms);
  await engine.whenIdle();
}

/** Answers each follow-up as it opens, until the evaluation opens. */
async function followUpsUntilEvaluation(trajectoryId: string) {
  for (let week = 0; week < 30; week++) {
    await pass(7 * DAY);
    const open = await openTasks(trajectoryId);
    if (open.some((task) => task.kind === 'evaluation')) return;
    if (open.some((task) => task.kind === 'follow-up')) await respond(trajectoryId, 'follow-up', FOLLOW_UP);
  }
  throw new Error('The evaluation never opened');
}

const subjectsTo = (email: string) => h.mailer.to(email).map((mail) => mail.subject);

describe('the trajectory state machine on the local engine', () => {
  it('runs a trajectory from start to close: chasing, no response, a revision, an extension', async () => {
    // Prepare
    const { trajectory, executionArn } = await start({ schedule: { ...DEFAULT_SCHEDULE, termWeeks: 4 } });
    const { id } = trajectory;

    // Act
    await pass(8 * DAY); // the manager lets identify pass its deadline
    await respond(id, 'identify', { improvementAreas: [{ title: 'A', examples: ['e'] }] });
    await respond(id, 'conversation', {
      heldOn: '2026-03-11',
      summary: 's',
      employeePerspective: 'p',
      agreements: 'a',
    });
    await pass(6 * DAY); // the employee does not respond; Monday again
    await respond(id, 'plan', { goals: GOALS });
    await respond(id, 'plan-approval', { decision: 'revise', comments: 'Maak het meetbaar.' });
    await respond(id, 'plan', { goals: GOALS });
    await respond(id, 'plan-approval', { decision: 'approve' });
    await respond(id, 'plan-acknowledgement', { acknowledged: true });
    await followUpsUntilEvaluation(id);
    await respond(id, 'evaluation', evaluation('extend', { extendWeeks: 4 }));
    await respond(id, 'decision-confirmation', { decision: 'approve' });
    await followUpsUntilEvaluation(id);
    await respond(id, 'evaluation', evaluation('successful'));
    await respond(id, 'decision-confirmation', { decision: 'approve' });
    await pass(30 * DAY);
    await respond(id, 'aftercare', { employeeNotes: 'e', teamNotes: 't' });

    // Assess: the extension went on in a fresh execution, which closed the trajectory.
    const first = await engine.describeExecution({ executionArn });
    const continued = await engine.describeExecution({ executionArn: `${executionArn}.term-2` });
    expect(first.status).toBe('SUCCEEDED');
    expect(continued).toMatchObject({ status: 'SUCCEEDED', input: JSON.stringify({ trajectoryId: id }) });
    expect(first.stopDate!.getTime()).toBeLessThanOrEqual(continued.startDate.getTime());
    const stored = await dossier(h.repository, id);
    expect(stored.trajectory).toMatchObject({
      status: 'completed',
      phase: 'closed',
      term: 2,
      decision: 'successful',
    });
    expect(stored.tasks.find((task) => task.id === 'employee-response-1')?.status).toBe('no-response');
    expect(stored.tasks.map((task) => task.id)).toEqual(expect.arrayContaining(['plan-2', 'follow-up-2']));
    expect(subjectsTo(trajectory.manager.email).slice(0, 3)).toEqual([
      'Gevraagd: Verbeterpunten vaststellen – verbetertraject Eva Jansen',
      'Herinnering: Verbeterpunten vaststellen – verbetertraject Eva Jansen',
      'Deadline verstreken: Verbeterpunten vaststellen – verbetertraject Eva Jansen',
    ]);
    expect(subjectsTo(trajectory.hrAdvisor.email)[0]).toBe(
      'Niet op tijd: Verbeterpunten vaststellen – verbetertraject Eva Jansen',
    );
    const revisedPlanRequest = h.mailer
      .to(trajectory.manager.email)
      .filter((mail) => mail.subject.includes('verbeterplan opstellen'))[1];
    expect(revisedPlanRequest?.text).toContain('Maak het meetbaar.');
    expect(subjectsTo(trajectory.employee.email)).toEqual([
      'Je verbetertraject is gestart',
      'Je verbetertraject: Jouw reactie op het gesprek',
      'Herinnering: Jouw reactie op het gesprek',
      'Je verbetertraject: Ontvangst van het verbeterplan bevestigen',
      // Before each follow-up: the optional self-assessment, and one reminder on its last day.
      'Je verbetertraject: Jouw zelfbeoordeling (gesprek 1)',
      'Herinnering: Jouw zelfbeoordeling (gesprek 1)',
      // Each report and each confirmed evaluation invites the reaction in the same mail, with its
      // link; one reminder follows.
      'Verslag van voortgangsgesprek 1',
      'Herinnering: Jouw reactie op het verslag (gesprek 1)',
      'De uitkomst van je verbetertraject',
      'Herinnering: Jouw reactie op de evaluatie',
      'Je verbetertraject: Jouw zelfbeoordeling (gesprek 2)',
      'Herinnering: Jouw zelfbeoordeling (gesprek 2)',
      'Verslag van voortgangsgesprek 2',
      'Herinnering: Jouw reactie op het verslag (gesprek 2)',
      'De uitkomst van je verbetertraject',
      'Herinnering: Jouw reactie op de evaluatie',
    ]);
    // Nobody told HR the employee let a reaction pass: the trajectory never needed attention.
    expect(stored.tasks.filter((task) => task.kind.endsWith('-reaction')).map((task) => task.status)).toEqual(
      ['no-response', 'no-response', 'no-response', 'no-response'],
    );
    expect(stored.trajectory.attention).toBe(false);
  });

  it('waits again on a moved deadline, with the same link, and chases the new one', async () => {
    // Prepare
    const { trajectory } = await start();
    const [task] = await openTasks(trajectory.id);
    const requestLink = task!.linkHash;

    // Act: HR gives a week more (what the extend endpoint does), before the reminder.
    await pass(HOUR);
    const moved = afterDueTimeMoved(
      task!,
      new Date(Date.parse(task!.dueAt) + 7 * DAY).toISOString(),
      clock.now(),
    );
    const stored = await h.repository.getTask(trajectory.id, task!.id);
    await h.repository.updateTask({ ...stored!, ...moved });
    await engine.sendTaskFailure({ taskToken: stored!.taskToken!, error: 'DueTimeMoved' });
    await engine.whenIdle();
    await pass(Date.parse(task!.dueAt) - clock.now().getTime() + HOUR); // past the old deadline

    // Assess
    const managerMails = () => subjectsTo(trajectory.manager.email).map((subject) => subject.split(':')[0]);
    expect(managerMails()).toEqual(['Gevraagd']);
    expect((await h.repository.getTask(trajectory.id, task!.id))?.linkHash).toBe(requestLink);
    // The reminder 48 hours before the new deadline, moved off the weekend (Saturday 14 March).
    const reminderAt = nextWorkingMoment(new Date(Date.parse(moved.dueAt) - 48 * HOUR));
    expect(reminderAt.toISOString()).toBe('2026-03-16T08:00:00.000Z');
    await pass(reminderAt.getTime() - clock.now().getTime() - HOUR);
    expect(managerMails()).toEqual(['Gevraagd']);
    await pass(2 * HOUR);
    expect(managerMails()).toEqual(['Gevraagd', 'Herinnering']);
  });

  it('tells HR when a step fails for good and stops, flagged for attention', async () => {
    // Prepare
    const { trajectory, executionArn } = await start();
    sabotage = (name) => {
      if (name === 'CompleteTask') throw new WorkflowStateError('the dossier cannot continue');
    };

    // Act
    await respond(trajectory.id, 'identify', { improvementAreas: [{ title: 'A', examples: ['e'] }] });

    // Assess
    const execution = await engine.describeExecution({ executionArn });
    expect(execution).toMatchObject({ status: 'FAILED', error: 'TrajectoryStepFailed' });
    expect((await h.repository.getTrajectory(trajectory.id))?.attention).toBe(true);
    const failureMail = h.mailer.to(trajectory.hrAdvisor.email).at(-1);
    expect(failureMail?.subject).toBe('Storing in het verbetertraject van Eva Jansen');
    expect(failureMail?.text).toContain('“Record the answer (identify-1)” (WorkflowStateError)');
  });
});

describe('a trajectory got going again after a step failed for good', () => {
  /** Where the dashboard's attention filter looks: the flag and its causes. */
  const attentionOf = async (id: string) => {
    const stored = await h.repository.getTrajectory(id);
    return { attention: stored?.attention, attentionReasons: stored?.attentionReasons };
  };

  it('is no longer flagged once the task that failed runs again and its answer is recorded', async () => {
    // Prepare: recording the manager's improvement areas fails for good.
    const { trajectory } = await start();
    sabotage = (name) => {
      if (name === 'CompleteTask') throw new WorkflowStateError('the dossier cannot continue');
    };
    await respond(trajectory.id, 'identify', { improvementAreas: [{ title: 'A', examples: ['e'] }] });
    const flagged = await attentionOf(trajectory.id);

    // Act: the cause is fixed, and the operator runs the task again, then the process after it
    // (docs/operations.md, "When a step fails").
    sabotage = () => undefined;
    await engine.startExecution({
      stateMachineArn: TASK_STATE_MACHINE,
      name: `${trajectory.id}.identify-1.retry-1`,
      input: JSON.stringify({ trajectoryId: trajectory.id, taskId: 'identify-1', checkIn: 60 }),
    });
    await engine.whenIdle();
    const recorded = await attentionOf(trajectory.id);
    await engine.startExecution({
      stateMachineArn: STATE_MACHINE,
      name: `${trajectory.id}.retry-1`,
      input: JSON.stringify({ trajectoryId: trajectory.id, resumeAt: 'conversation' }),
    });
    await engine.whenIdle();

    // Assess: flagged for the task while it stood still, not once it ran again.
    expect(flagged).toEqual({ attention: true, attentionReasons: ['failed:identify-1:record-the-answer'] });
    expect(recorded).toEqual({ attention: false, attentionReasons: undefined });
    expect((await openTasks(trajectory.id)).map((task) => task.kind)).toEqual(['conversation']);
    // The dossier keeps that the step failed.
    const stored = await dossier(h.repository, trajectory.id);
    expect(stored.events.filter((event) => event.type === 'step-failed')).toHaveLength(1);
  });

  it('is no longer flagged once the process that failed goes on again', async () => {
    // Prepare: opening the conversation fails for good.
    const { trajectory } = await start();
    sabotage = (name, payload) => {
      if (name === 'OpenTask' && payload.task === 'conversation') throw new WorkflowStateError('no');
    };
    await respond(trajectory.id, 'identify', { improvementAreas: [{ title: 'A', examples: ['e'] }] });
    const flagged = await attentionOf(trajectory.id);

    // Act: the operator starts the process again at the step that failed.
    sabotage = () => undefined;
    await engine.startExecution({
      stateMachineArn: STATE_MACHINE,
      name: `${trajectory.id}.retry-1`,
      input: JSON.stringify({ trajectoryId: trajectory.id, resumeAt: 'conversation' }),
    });
    await engine.whenIdle();

    // Assess
    expect(flagged).toEqual({ attention: true, attentionReasons: ['failed:open-conversation-task'] });
    expect(await attentionOf(trajectory.id)).toEqual({ attention: false, attentionReasons: undefined });
    expect((await openTasks(trajectory.id)).map((task) => task.kind)).toEqual(['conversation']);
  });
});
