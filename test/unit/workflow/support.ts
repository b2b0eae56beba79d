/**
 * What the workflow handler tests share: a real table on dynalite, the real repository and mail
 * ledger on it, and small doubles for the mailer, the Step Functions client and the clock.
 * Every trajectory gets its own id and people, so tests sharing a table never meet.
 */
import { randomUUID } from 'node:crypto';
import { DynamoMailLedger } from '#adapters/dynamo-mail-ledger.ts';
import { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import type { Dossier, Role, Task, TaskKind, Trajectory } from '#core/model.ts';
import type { Mailer, OutgoingMail, WorkflowClient } from '#core/ports.ts';
import { startedEvent } from '#core/trajectory.ts';
import { hashToken } from '#shared/action-links.ts';
import type { RequestActionDeps } from '#usecases/request-action.ts';
import { aTrajectory } from '../../data/fixtures.ts';
import type { LocalDynamo } from '../../support/dynalite.ts';

export const BASE_URL = 'https://verbetertraject.example.test';
export const MONDAY = new Date('2026-03-02T08:00:00.000Z'); // 09:00 in Amsterdam
export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

export class TestMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];
  /** The next `n` sends fail, as SES does when throttled. */
  failures = 0;

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    if (this.failures > 0) {
      this.failures--;
      throw Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' });
    }
    this.sent.push(mail);
    return { messageId: randomUUID() };
  }

  to(email: string): OutgoingMail[] {
    return this.sent.filter((mail) => mail.to.includes(email));
  }
}

export class TestWorkflow implements WorkflowClient {
  readonly completed: { taskToken: string; output: unknown }[] = [];
  readonly stoppedTasks: string[] = [];
  /** The task executions started (`<trajectoryId>.<taskId><suffix>`), in order. */
  readonly startedTasks: string[] = [];
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async stopTasks(_trajectoryId: string, taskIds: readonly string[]): Promise<void> {
    this.stoppedTasks.push(...taskIds);
  }
  async startTask(trajectoryId: string, taskId: string, _checkIn: number, nameSuffix = ''): Promise<void> {
    this.startedTasks.push(`${trajectoryId}.${taskId}${nameSuffix}`);
  }
  async completeTask(taskToken: string, output: unknown): Promise<boolean> {
    this.completed.push({ taskToken, output });
    return true;
  }
  async wake(): Promise<boolean> {
    return true;
  }
}

export class TestClock {
  constructor(public current: Date = MONDAY) {}
  now(): Date {
    return new Date(this.current);
  }
  set(instant: Date | string): void {
    this.current = new Date(instant);
  }
}

export interface Harness {
  repository: DynamoTrajectoryRepository;
  ledger: DynamoMailLedger;
  mailer: TestMailer;
  workflow: TestWorkflow;
  clock: TestClock;
  deps: RequestActionDeps;
}

export async function harness(dynamo: LocalDynamo): Promise<Harness> {
  const tableName = await dynamo.createTable();
  const repository = new DynamoTrajectoryRepository({ tableName, client: dynamo.client });
  const ledger = new DynamoMailLedger(dynamo.client, tableName);
  const mailer = new TestMailer();
  const workflow = new TestWorkflow();
  const clock = new TestClock();
  return {
    repository,
    ledger,
    mailer,
    workflow,
    clock,
    deps: { repository, ledger, mailer, workflow, clock, baseUrl: BASE_URL },
  };
}

/** A stored trajectory with people of its own. */
export async function seedTrajectory(
  repository: DynamoTrajectoryRepository,
  overrides: Partial<Trajectory> = {},
): Promise<Trajectory> {
  const id = randomUUID();
  const short = id.slice(0, 8);
  const trajectory = aTrajectory({
    id,
    version: 0,
    employee: { name: 'Eva Jansen', email: `employee-${short}@example.test` },
    manager: { name: 'Mees de Vries', email: `manager-${short}@example.test` },
    hrAdvisor: { name: 'Hanna Bakker', email: `hr-${short}@example.test` },
    createdAt: MONDAY.toISOString(),
    updatedAt: MONDAY.toISOString(),
    ...overrides,
  });
  await repository.createTrajectory(trajectory, [startedEvent(trajectory)]);
  return trajectory;
}

export const emailOf = (trajectory: Trajectory, role: Role): string =>
  role === 'employee'
    ? trajectory.employee.email
    : role === 'manager'
      ? trajectory.manager.email
      : trajectory.hrAdvisor.email;

/** What the action endpoint writes when a person answers (see functions/core/actions.ts). */
export async function answer(
  repository: DynamoTrajectoryRepository,
  trajectoryId: string,
  taskId: string,
  response: unknown,
  at: Date,
): Promise<Task> {
  const task = await repository.getTask(trajectoryId, taskId);
  if (!task) throw new Error(`no task ${taskId}`);
  return repository.updateTask({ ...task, response, status: 'done', completedAt: at.toISOString() });
}

export async function dossier(repository: DynamoTrajectoryRepository, id: string): Promise<Dossier> {
  const found = await repository.getDossier(id);
  if (!found) throw new Error(`no dossier ${id}`);
  return found;
}

/** The action-link token in a mail (the last path segment of its `/actions/` URL). */
export function tokenIn(mail: OutgoingMail): string {
  const match = /\/actions\/([A-Za-z0-9_-]+)/.exec(mail.text);
  if (!match?.[1]) throw new Error('no action link in the mail');
  return match[1];
}

export const linkHashIn = (mail: OutgoingMail): string => hashToken(tokenIn(mail));

export type { TaskKind };
