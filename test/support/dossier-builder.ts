/**
 * Realistic dossiers for tests of what reads a dossier (the completeness check, exports): a
 * trajectory is driven through the core's own workflow rules (`openTask`, `completeTask`,
 * `closeTrajectory`) on an in-memory store, the way the handlers apply them, with a clock that
 * moves as the weeks of a trajectory pass. Every mail a step asks for is recorded as sent, unless
 * a test says it was lost.
 */
import { randomUUID } from 'node:crypto';
import { cancelled, cancelledEvent, closedTask, taskCompletedEvent } from '#core/actions.ts';
import type { MailKind } from '#core/mails.ts';
import type { Dossier, DossierEvent, Goal, Schedule, Task, TaskKind, Trajectory } from '#core/model.ts';
import type { MailIntent } from '#core/outbox.ts';
import { addDays, amsterdamDate, atAmsterdamTime, startOfWorkday } from '#core/schedule.ts';
import type { SupportLedgerEntry } from '#core/schemas.ts';
import {
  closeTrajectory,
  completeTask,
  openTask,
  requestMail,
  type StepEffects,
  type StepOutput,
} from '#core/steps.ts';
import { newTrajectory, startedEvent } from '#core/trajectory.ts';

/** Monday 2 March 2026, 09:00 in Amsterdam. */
export const START = new Date('2026-03-02T08:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;

export const GOALS: Goal[] = [
  {
    title: 'Rapportages op tijd',
    specific: 'De weekrapportage staat elke vrijdag vóór 12:00 in de gedeelde map.',
    measure: 'Inleverdatum in de map',
    target: '10 van de 12 weken op tijd',
    deadline: '2026-06-05',
    support: 'Wekelijks planningsoverleg met de teamleider',
  },
  {
    title: 'Klanten terugbellen',
    specific: 'Klanten die bellen worden binnen één werkdag teruggebeld.',
    measure: 'Belregistratie in het CRM',
    target: '95% binnen een werkdag',
    deadline: '2026-06-05',
    support: 'Training klantgesprekken (twee dagdelen)',
  },
];

export const PLAN_LEDGER: SupportLedgerEntry[] = [
  { goal: 0, kind: 'coaching', description: 'Planningscoach, zes sessies', status: 'offered', hours: 6 },
  { goal: 1, kind: 'course', description: 'Training klantgesprekken', status: 'offered', hours: 8 },
];

export const RESPONSES = {
  identify: {
    improvementAreas: [
      {
        title: 'Deadlines halen',
        examples: ['Weekrapportage week 5 twee dagen te laat', 'Offerte voor klant X een week te laat'],
      },
      { title: 'Bereikbaarheid voor klanten', examples: ['Drie klachten in januari over niet terugbellen'] },
    ],
  },
  conversation: {
    heldOn: '2026-03-05',
    summary: 'We bespraken de gemiste deadlines en de klachten, met de voorbeelden erbij.',
    employeePerspective: 'Te veel werk tegelijk sinds de reorganisatie.',
    agreements: 'Samen een plan maken met ondersteuning.',
  },
  'employee-response': { response: 'Ik herken de punten, maar de werkdruk speelt mee.' },
  plan: { goals: GOALS, supportLedger: PLAN_LEDGER },
  'plan-approval': { decision: 'approve', comments: 'Helder plan.' },
  'plan-acknowledgement': { acknowledged: true, comments: 'Ontvangen.', agreement: 'agree' },
  evaluation: {
    summary: 'Beide doelen behaald.',
    results: [
      { goal: 0, outcome: 'achieved', notes: '11 van 12 weken op tijd.' },
      { goal: 1, outcome: 'achieved', notes: '97% binnen een werkdag.' },
    ],
    decision: 'successful',
  },
  'decision-confirmation': { decision: 'approve', comments: 'Akkoord.' },
  aftercare: { employeeNotes: 'Gaat goed, minder druk.', teamNotes: 'Team merkt verbetering.' },
} satisfies Partial<Record<TaskKind, unknown>>;

/** A follow-up report held on `heldOn`; support is recorded as given when `given`. */
export function followUpResponse(heldOn: string, given = true): Record<string, unknown> {
  return {
    heldOn,
    summary: 'Positief: rapportages op tijd. Zorg: twee klanten te laat teruggebeld.',
    progress: [
      { goal: 0, status: 'on-track', notes: 'Alle rapportages op tijd.' },
      { goal: 1, status: 'at-risk', notes: 'Twee keer te laat.' },
    ],
    supportLedger: given
      ? [{ goal: 0, kind: 'coaching', description: 'Coachsessie gehad', status: 'given', hours: 1 }]
      : [],
  };
}

export interface BuilderOptions {
  schedule?: Partial<Schedule>;
  locale?: 'nl' | 'en';
}

export interface FollowUpPlan {
  /** Meeting numbers the manager let pass: reported only at the next meeting, held that day. */
  skip?: number[];
  /** Days a meeting was held after its planned date. */
  lateDays?: Record<number, number>;
  /** Record no support as given in these reports. */
  noSupportGiven?: boolean;
}

export class DossierBuilder {
  dossier: Dossier;
  now: Date;
  /** Mail kinds whose sending is not recorded (a lost mail). */
  private lost = new Set<MailKind>();
  private output: StepOutput | undefined;

  constructor(options: BuilderOptions = {}) {
    this.now = START;
    const trajectory = newTrajectory(
      {
        employee: { name: 'Eva de Vries', email: 'eva@example.test' },
        manager: { name: 'Mark Jansen', email: 'mark@example.test' },
        hrAdvisor: { name: 'Hanna Bakker', email: 'hanna@example.test' },
        reason: 'Afgesproken deadlines en terugbelafspraken werden herhaaldelijk niet gehaald.',
        locale: options.locale ?? 'nl',
        ...(options.schedule && { schedule: options.schedule }),
      },
      { id: randomUUID(), now: START },
    );
    this.dossier = { trajectory, tasks: [], events: [startedEvent(trajectory)] };
  }

  get trajectory(): Trajectory {
    return this.dossier.trajectory;
  }

  task(id: string): Task {
    const task = this.dossier.tasks.find((candidate) => candidate.id === id);
    if (!task) throw new Error(`no task ${id}`);
    return task;
  }

  /** The newest task of `kind`. */
  latest(kind: TaskKind): Task {
    const task = this.dossier.tasks.filter((candidate) => candidate.kind === kind).at(-1);
    if (!task) throw new Error(`no ${kind} task`);
    return task;
  }

  loseMails(...kinds: MailKind[]): this {
    for (const kind of kinds) this.lost.add(kind);
    return this;
  }

  /** Moves the clock on (never back). */
  advance(days: number): this {
    this.now = new Date(this.now.getTime() + days * DAY);
    return this;
  }

  at(instant: Date): this {
    if (instant.getTime() > this.now.getTime()) this.now = instant;
    return this;
  }

  build(): Dossier {
    return structuredClone(this.dossier);
  }

  // -------------------------------------------------------------------------------------------
  // Applying the core's effects the way the handlers write them

  private apply(effects: Partial<StepEffects>): void {
    if (effects.trajectory)
      this.dossier.trajectory = { ...effects.trajectory, updatedAt: this.now.toISOString() };
    if (effects.task) this.put(effects.task);
    for (const event of effects.events ?? []) this.append(event);
    for (const mail of effects.mails ?? []) this.sent(mail);
  }

  private append(event: DossierEvent): void {
    if (!this.dossier.events.some((stored) => stored.id === event.id)) this.dossier.events.push(event);
  }

  private put(task: Task): void {
    const others = this.dossier.tasks.filter((candidate) => candidate.id !== task.id);
    this.dossier.tasks = [...others, task].sort((a, b) => (a.openedAt < b.openedAt ? -1 : 1));
  }

  private sent(mail: MailIntent): void {
    if (this.lost.has(mail.kind)) return;
    this.append({
      id: `mail.${mail.key}`,
      trajectoryId: this.trajectory.id,
      at: this.now.toISOString(),
      type: 'mail-sent',
      actor: { role: 'system' },
      ...(mail.taskId && { taskId: mail.taskId }),
      data: { mail: mail.kind, to: mail.recipient },
    });
  }

  /** Opens a task and mails its request, as Open and the first Ask entry do. */
  open(kind: TaskKind, meeting?: number): Task {
    const opened = openTask(this.dossier, { kind, ...(meeting !== undefined && { meeting }) }, this.now);
    this.apply(opened);
    this.sent(requestMail(this.dossier, opened.task));
    return opened.task;
  }

  /** The assignee answers after `afterDays` and the workflow records it. */
  answer(task: Task, response: unknown, afterDays = 1): this {
    this.advance(afterDays);
    const done: Task = { ...task, status: 'done', response, completedAt: this.now.toISOString() };
    this.put(done);
    this.append(taskCompletedEvent(done));
    return this.record(done);
  }

  /** An employee task whose deadline passed: "no response" is recorded. */
  lapse(task: Task): this {
    this.at(new Date(Date.parse(task.dueAt) + 60_000));
    this.put({ ...task, status: 'no-response', completedAt: this.now.toISOString() });
    return this.record(task);
  }

  private record(task: Task): this {
    const step = completeTask(this.dossier, task.id, this.now);
    this.apply(step);
    // The employee's reaction the report invites, opened and requested as Record and its Ask do.
    if (step.opens?.created) {
      this.put(step.opens.task);
      this.sent(requestMail(this.dossier, step.opens.task));
    }
    this.output = step.output;
    return this;
  }

  // -------------------------------------------------------------------------------------------
  // The trajectory, step by step

  identify(response: unknown = RESPONSES.identify): this {
    return this.answer(this.open('identify'), response, 2);
  }

  conversation(response: unknown = RESPONSES.conversation): this {
    return this.answer(this.open('conversation'), response, 2);
  }

  employeeResponse(how: 'respond' | 'lapse' = 'respond'): this {
    const task = this.open('employee-response');
    return how === 'respond' ? this.answer(task, RESPONSES['employee-response'], 1) : this.lapse(task);
  }

  plan(response: unknown = RESPONSES.plan): this {
    return this.answer(this.open('plan'), response, 5);
  }

  planApproval(response: unknown = RESPONSES['plan-approval']): this {
    return this.answer(this.open('plan-approval'), response, 1);
  }

  acknowledge(response: unknown | 'lapse' = RESPONSES['plan-acknowledgement']): this {
    const task = this.open('plan-acknowledgement');
    return response === 'lapse' ? this.lapse(task) : this.answer(task, response, 1);
  }

  /** Identify up to and including the acknowledgement: the term is running. */
  throughPlan(): this {
    return this.identify().conversation().employeeResponse().plan().planApproval().acknowledge();
  }

  /** Holds follow-up meeting `number`: opens on its planned date, reported the same day. */
  followUp(number: number, heldOn?: string, given = true): this {
    const meeting = this.trajectory.meetings.find((candidate) => candidate.number === number);
    if (!meeting) throw new Error(`no meeting ${number}`);
    this.at(startOfWorkday(meeting.plannedOn));
    const task = this.open('follow-up', number);
    const date = heldOn ?? meeting.plannedOn;
    this.at(atAmsterdamTime(date, 16));
    const done: Task = {
      ...task,
      status: 'done',
      response: followUpResponse(date, given),
      completedAt: this.now.toISOString(),
    };
    this.put(done);
    this.append(taskCompletedEvent(done));
    return this.record(done);
  }

  /** Every meeting of the current term not held yet, in order. */
  followUps(plan: FollowUpPlan = {}): this {
    const open = this.trajectory.meetings.filter((meeting) => meeting.taskId === undefined);
    open.forEach((meeting, index) => {
      let heldOn = meeting.plannedOn;
      if (plan.skip?.includes(meeting.number)) {
        // Let pass: reported only when the next meeting is held, on that day.
        heldOn = open[index + 1]?.plannedOn ?? addDays(meeting.plannedOn, 14);
      }
      if (plan.lateDays?.[meeting.number])
        heldOn = addDays(meeting.plannedOn, plan.lateDays[meeting.number]!);
      this.followUp(meeting.number, heldOn, !plan.noSupportGiven);
    });
    return this;
  }

  /** The employee reacts to the report `about` (a follow-up or evaluation task id) after `afterDays`. */
  react(about: string, how: 'react' | 'lapse' = 'react', afterDays = 1): this {
    const task = this.dossier.tasks.find((candidate) => candidate.about === about);
    if (!task) throw new Error(`no reaction to ${about}`);
    return how === 'react'
      ? this.answer(task, { reaction: 'Ik zie het anders: de werkdruk is niet meegewogen.' }, afterDays)
      : this.lapse(task);
  }

  /** The term ends and the manager evaluates. */
  evaluation(response: unknown = RESPONSES.evaluation): this {
    if (this.trajectory.termEndsAt) this.at(new Date(this.trajectory.termEndsAt));
    return this.answer(this.open('evaluation'), response, 2);
  }

  decisionConfirmation(response: unknown = RESPONSES['decision-confirmation']): this {
    return this.answer(this.open('decision-confirmation'), response, 1);
  }

  aftercare(response: unknown = RESPONSES.aftercare): this {
    if (this.output?.aftercareAt) this.at(new Date(this.output.aftercareAt));
    return this.answer(this.open('aftercare'), response, 2);
  }

  close(): this {
    const step = closeTrajectory(this.dossier, this.now);
    if (step.trajectory) this.dossier.trajectory = step.trajectory;
    for (const task of step.tasks) this.put(task);
    for (const event of step.events) this.append(event);
    return this;
  }

  /** HR cancels: open tasks close, the entry is recorded. */
  cancel(reason = 'De medewerker is van functie gewisseld.'): this {
    this.advance(1);
    this.dossier.trajectory = cancelled(this.trajectory, this.now);
    for (const task of this.dossier.tasks.filter((candidate) => candidate.status === 'open')) {
      this.put(closedTask(task));
    }
    this.append(cancelledEvent(this.trajectory, reason, this.now));
    return this;
  }

  /** A whole successful trajectory, aftercare and close included. */
  successful(): this {
    return this.throughPlan().followUps().evaluation().decisionConfirmation().aftercare().close();
  }

  /** The Amsterdam date the clock shows. */
  today(): string {
    return amsterdamDate(this.now);
  }
}
