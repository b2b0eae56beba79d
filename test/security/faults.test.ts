/**
 * Fault injection on the local cloud (local/faults.ts): SES throttling half the sends, DynamoDB
 * losing versioned writes to a pretend concurrent writer, a workflow function that fails once,
 * and one that always fails. The same scenario runs first without faults (the baseline), then
 * once per fault, each on a trajectory of its own with the same names and the same timings.
 *
 * Transient faults must leave no trace: the same mails per role and the same dossier events as
 * the baseline (nothing lost, nothing twice), the workflow still running and nobody flagged. The
 * permanent fault must not fail silently: the execution ends, the trajectory is flagged for HR's
 * attention, the failure is in the dossier and the HR advisor gets a mail. No execution is lost:
 * each one is accounted for as running or, for the permanent fault, failed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_STATE_MACHINE_ARN } from '#local/cloud.ts';
import { LocalFaults, lambdaServiceError } from '#local/faults.ts';
import {
  IDENTIFY_ANSWER,
  linkTokenIn,
  startTestCloud,
  trajectoryBody,
  uniqueEmail,
  type TestCloud,
} from './support.ts';

const faults = new LocalFaults();
let cloud: TestCloud;
let hrToken: string;

beforeAll(async () => {
  cloud = await startTestCloud({ faults });
  hrToken = await cloud.tokenFor(uniqueEmail('hr'), 'hr');
});
/** What each test injected, written to test-results/security/faults.json. */
const figures: Record<string, unknown> = {};
afterEach((context) => {
  figures[context.task.name] = { ...faults.injected };
  faults.clear();
});
afterAll(async () => {
  mkdirSync(join('test-results', 'security'), { recursive: true });
  writeFileSync(join('test-results', 'security', 'faults.json'), `${JSON.stringify(figures, null, 2)}\n`);
  await cloud?.dispose();
});

type Role = 'employee' | 'manager' | 'hrAdvisor';

interface Outcome {
  id: string;
  /** Subjects of the mails each person received, digits removed (dates differ between runs), sorted. */
  mails: Record<Role, string[]>;
  /** Dossier event types, sorted. */
  events: string[];
  attention: boolean;
  execution: string | undefined;
  answered: number;
}

/**
 * HR starts a trajectory; the manager answers the first task through the mailed link; then the
 * conversation task runs past its deadline (reminder, overdue notice, escalation to HR).
 */
async function scenario(): Promise<Outcome> {
  // Same start for every run: deadlines skip weekends, so the weekday decides what falls due.
  await cloud.advance({ hours: hoursToNextMonday(Date.parse(await cloud.advance({ hours: 1 }))) });
  const people: Record<Role, string> = {
    employee: uniqueEmail('employee'),
    manager: uniqueEmail('manager'),
    hrAdvisor: uniqueEmail('hr-advisor'),
  };
  const created = await cloud.request('POST', '/trajectories', {
    token: hrToken,
    body: trajectoryBody(people),
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  // An hour lets the state machine's retries (2 s, doubling, at most 60 s apart) run their course.
  await cloud.advance({ hours: 1 });
  const link = (await cloud.outbox(people.manager)).map((mail) => linkTokenIn(mail.text)).find(Boolean);
  expect(link, 'the identify link reached the manager').toBeDefined();
  const answer = await cloud.request('POST', `/actions/${link}`, { body: IDENTIFY_ANSWER });
  await cloud.advance({ hours: 1 });
  await cloud.advance({ days: 8 });

  const dossier = await cloud.request('GET', `/trajectories/${id}`, { token: hrToken });
  const subjects = async (to: string) =>
    (await cloud.outbox(to)).map((mail) => mail.subject.replace(/\d+/g, '#')).sort();
  const execution = (
    await cloud.engine.listExecutions({ stateMachineArn: LOCAL_STATE_MACHINE_ARN })
  ).executions.find((candidate) => candidate.name === id);
  return {
    id,
    mails: {
      employee: await subjects(people.employee),
      manager: await subjects(people.manager),
      hrAdvisor: await subjects(people.hrAdvisor),
    },
    events: (dossier.body.events as { type: string }[]).map((event) => event.type).sort(),
    attention: dossier.body.attention as boolean,
    execution: execution?.status,
    answered: answer.status,
  };
}

let baseline: Outcome;

/** Hours from `now` to the next Monday 08:00 UTC (09:00 in Amsterdam in winter). */
function hoursToNextMonday(now: number): number {
  const target = new Date(now);
  target.setUTCHours(8, 0, 0, 0);
  do target.setUTCDate(target.getUTCDate() + 1);
  while (target.getUTCDay() !== 1);
  return (target.getTime() - now) / 3_600_000;
}

describe('faults on the local cloud', () => {
  it('baseline: the scenario without faults', async () => {
    baseline = await scenario();
    expect(baseline.answered).toBe(200);
    expect(baseline.execution).toBe('RUNNING');
    expect(baseline.attention).toBe(false);
    // Enough happens to make the comparisons below mean something.
    expect(baseline.mails.manager.length).toBeGreaterThanOrEqual(4);
    expect(baseline.mails.hrAdvisor.length).toBeGreaterThanOrEqual(1);
    expect(baseline.events.length).toBeGreaterThanOrEqual(8);
  });

  const transient: [string, () => void][] = [
    [
      'SES throttles every second send',
      () => {
        faults.sesThrottle = (count) => count % 2 === 0;
      },
    ],
    [
      'DynamoDB loses every third versioned write to a concurrent writer',
      () => {
        faults.dynamoConflict = ({ count }) => count % 3 === 0;
      },
    ],
    [
      'each workflow function fails once (Lambda.ServiceException) before it works',
      () => {
        faults.lambda = ({ count }) => {
          if (count === 1) throw lambdaServiceError();
        };
      },
    ],
  ];

  it.each(transient)(
    '%s: retries recover, with no mail or event twice and none missing',
    async (_name, inject) => {
      // Prepare
      expect(baseline, 'the baseline ran').toBeDefined();
      inject();

      // Act
      const outcome = await scenario();

      // Assess
      const injected = Object.values(faults.injected).reduce((a, b) => a + b, 0);
      expect(injected, 'faults were injected').toBeGreaterThan(0);
      expect(outcome.answered).toBe(200);
      expect({ execution: outcome.execution, attention: outcome.attention, events: outcome.events }).toEqual({
        execution: 'RUNNING',
        attention: false,
        events: baseline.events,
      });
      expect(outcome.mails).toEqual(baseline.mails);
      expect(outcome.events).toEqual(baseline.events);
      expect(outcome.attention).toBe(false);
      expect(outcome.execution).toBe('RUNNING');
    },
  );

  it('a step that always fails: flagged for HR attention, recorded, the HR advisor mailed, the execution ended', async () => {
    // Prepare
    faults.lambda = ({ handler }) => {
      if (handler === 'workflow/complete-task') throw lambdaServiceError('Injected permanent fault');
    };

    // Act
    const outcome = await scenario();

    // Assess
    expect(faults.injected.lambdaErrors, 'the first try and every retry failed').toBeGreaterThanOrEqual(6);
    expect(outcome.answered).toBe(200);
    expect(outcome.attention).toBe(true);
    expect(outcome.events).toContain('step-failed');
    expect(outcome.mails.hrAdvisor.length).toBeGreaterThan(0);
    expect(outcome.mails.hrAdvisor).not.toEqual(baseline.mails.hrAdvisor);
    // Not lost: the execution is accounted for, ended on the error, not hanging as running.
    expect(outcome.execution).toBe('FAILED');
  });

  it('loses no execution: every trajectory created here has one, running or ended on the failure', async () => {
    const { executions } = await cloud.engine.listExecutions({ stateMachineArn: LOCAL_STATE_MACHINE_ARN });
    const list = await cloud.request('GET', '/trajectories?limit=100', { token: hrToken });
    const ids = (list.body.items as { id: string }[]).map((item) => item.id);
    expect(ids.length).toBe(5);
    for (const id of ids) {
      const execution = executions.find((candidate) => candidate.name === id);
      expect(execution, id).toBeDefined();
      expect(['RUNNING', 'FAILED']).toContain(execution?.status);
    }
    expect(executions.filter((execution) => execution.status === 'FAILED')).toHaveLength(1);
  });
});
