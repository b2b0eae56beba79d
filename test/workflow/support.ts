/**
 * The workflow scenarios play HR, the manager and the employee on a whole local cloud, through
 * the public contract only (README.md, docs/design.md): the HTTP API with tokens from /_local/token, the links
 * in the mails of /_local/outbox, and POST /_local/clock to let time pass. Nothing here reads
 * the table or calls a handler, so a scenario proves what a real user would see.
 *
 * Mails are recognised by the fixed words of their subject (in both languages), never by the
 * whole text, which may be reworded; which task a mail is about comes from its link
 * (`GET /actions/{token}` as JSON), not from its wording.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { isWorkingDay, nextWorkingMoment } from '#core/working-days.ts';
import { startTestCloud, type TestCloud } from '../local/cloud/support.ts';

export type { TestCloud };
export { startTestCloud };

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;
export const MINUTE_MS = 60 * 1000;

// ---------------------------------------------------------------------------------------------
// Mails

/** The kinds of mail of docs/workflow.md, by the fixed words of their subject (nl and en). */
const SUBJECT_MARKERS: [MailKind, RegExp][] = [
  ['task-request', /^(Gevraagd|Requested|Je verbetertraject|Your improvement trajectory): /],
  ['reminder', /^(Herinnering|Reminder): /],
  ['overdue', /^(Deadline verstreken|Deadline passed): /],
  ['escalation', /^(Niet op tijd|Not on time): /],
  ['second-escalation', /^(Aandacht nodig|Attention needed): /],
  ['trajectory-started', /^(Je verbetertraject is gestart|Your improvement trajectory has started)/],
  ['follow-up-summary', /^(Verslag van voortgangsgesprek|Report of follow-up meeting) \d+/],
  ['outcome', /^(De uitkomst van je verbetertraject|The outcome of your improvement trajectory)/],
  ['trajectory-cancelled', /(geannuleerd|cancelled)$/],
  ['step-failed', /^(Storing in|Failure in) /],
  ['deadline-moved', /^(Nieuwe deadline|New deadline): /],
  ['meeting-invite', /^(Uitnodiging|Invitation)( verplaatst| moved)?: /],
  ['disagreement-answer', /^(Antwoord van HR op je bezwaar|HR’s answer to your objection)/],
  ['dossier-copy', /^(Inzage in je dossier|Your own copy of your improvement trajectory dossier)/],
];

export type MailKind =
  | 'task-request'
  | 'reminder'
  | 'overdue'
  | 'escalation'
  | 'second-escalation'
  | 'trajectory-started'
  | 'follow-up-summary'
  | 'outcome'
  | 'trajectory-cancelled'
  | 'step-failed'
  | 'deadline-moved'
  | 'meeting-invite'
  | 'disagreement-answer'
  | 'dossier-copy';

export function kindOf(subject: string): MailKind {
  const found = SUBJECT_MARKERS.find(([, marker]) => marker.test(subject));
  if (!found) throw new Error(`A mail of no known kind: ${subject}`);
  return found[0];
}

export interface Mail {
  id: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  sentAt: string;
  kind: MailKind;
  /** Path of the action link in the mail (`/actions/<token>`), if it has one. */
  link?: string;
  /** What the link says about itself (GET as JSON): the task it is for. */
  task?: { task: string; taskId: string };
}

/** The `/actions/<token>` path of the link in a mail's text, which starts with the base URL. */
export function linkPathIn(text: string, base: string): string | undefined {
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}(/actions/[A-Za-z0-9_-]+)`).exec(text);
  return match?.[1];
}

/** The `/copy/<token>` path of the employee's copy link in a mail's text, if it has one. */
export function copyPathIn(text: string, base: string): string | undefined {
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${escaped}(/copy/[A-Za-z0-9_-]+)`).exec(text)?.[1];
}

/** What a link says about itself that never changes: the task it is for. Per link path. */
const linkTasks = new Map<string, { task: string; taskId: string }>();

/** `GET /actions/{token}` as JSON: the task behind a link and its state now. */
export async function linkView(cloud: TestCloud, link: string) {
  const view = await cloud.request('GET', link, { headers: { accept: 'application/json' } });
  expect(view.status, `GET ${link}`).toBe(200);
  return view.body as { task: string; taskId: string; status: string; dueAt: string; context?: DossierJson };
}

/** Every mail to `email`, oldest first, with its kind and, for a mail with a link, its task. */
export async function mailsTo(cloud: TestCloud, email: string): Promise<Mail[]> {
  const messages = await cloud.outbox(email);
  return Promise.all(
    messages.map(async (message) => {
      const link = linkPathIn(message.text, cloud.url);
      const mail: Mail = { ...message, kind: kindOf(message.subject), ...(link && { link }) };
      if (link) {
        let task = linkTasks.get(link);
        if (!task) {
          const view = await linkView(cloud, link);
          task = { task: view.task, taskId: view.taskId };
          linkTasks.set(link, task);
        }
        mail.task = task;
      }
      return mail;
    }),
  );
}

/** A mail about the employee's self-assessment, in `summary`'s shape. */
export const selfAssessing = (kind: string): boolean => kind.endsWith(':self-assessment');

/**
 * The mails of `followUps` self-assessments the employee let pass: a request and one reminder
 * each. The request goes out at the same moment as the follow-up's meeting invite, in either
 * order, so the scenarios count these apart.
 */
export const SELF_ASSESSMENT_MAILS = (followUps: number): string[] =>
  Array.from({ length: followUps }, () => [
    'task-request:self-assessment',
    'reminder:self-assessment',
  ]).flat();

/** `kind` or `kind:task` per mail, the shape the scenarios assert on. */
export const summary = (mails: Mail[]): string[] =>
  mails.map((mail) => (mail.task ? `${mail.kind}:${mail.task.task}` : mail.kind));

// ---------------------------------------------------------------------------------------------
// People and trajectories

export interface Person {
  name: string;
  email: string;
}

export interface People {
  employee: Person;
  manager: Person;
  hrAdvisor: Person;
}

/** Three people no other test shares, with Dutch names and example.nl addresses. */
export function newPeople(): People {
  const tag = randomUUID().slice(0, 8);
  return {
    employee: { name: 'Sanne de Boer', email: `sanne.deboer.${tag}@example.nl` },
    manager: { name: 'Pieter Visser', email: `pieter.visser.${tag}@example.nl` },
    hrAdvisor: { name: 'Fatima El Amrani', email: `fatima.elamrani.${tag}@example.nl` },
  };
}

export interface Run {
  cloud: TestCloud;
  id: string;
  people: People;
  /** Bearer tokens for the API. */
  hr: string;
  manager: string;
}

export async function createTrajectory(
  cloud: TestCloud,
  options: { schedule?: Record<string, number>; locale?: 'nl' | 'en'; people?: People } = {},
): Promise<Run> {
  const people = options.people ?? newPeople();
  const hr = await cloud.tokenFor(people.hrAdvisor.email, 'hr');
  const manager = await cloud.tokenFor(people.manager.email, 'manager');
  const created = await cloud.request('POST', '/trajectories', {
    token: hr,
    body: {
      ...people,
      reason: 'Afspraken met klanten worden herhaaldelijk niet nagekomen.',
      ...(options.locale && { locale: options.locale }),
      ...(options.schedule && { schedule: options.schedule }),
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const run = { cloud, id: created.body.id as string, people, hr, manager };
  await settle(cloud);
  return run;
}

/** Waits until everything the last requests set off has run: a clock advance of nothing. */
export async function settle(cloud: TestCloud): Promise<void> {
  await cloud.advance({ hours: 0 });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the dossier is read as a client reads JSON
export type DossierJson = any;

export async function dossier(run: Run, token = run.hr): Promise<DossierJson> {
  const response = await run.cloud.request('GET', `/trajectories/${run.id}`, { token });
  expect(response.status).toBe(200);
  return response.body;
}

export const taskById = (found: DossierJson, taskId: string) =>
  found.tasks.find((task: { id: string }) => task.id === taskId);

export const eventTypes = (found: DossierJson, taskId?: string): string[] =>
  found.events
    .filter((event: { taskId?: string }) => taskId === undefined || event.taskId === taskId)
    .map((event: { type: string }) => event.type);

/**
 * The mails that ask for a task: its request, or for the employee's reaction the summary or the
 * outcome it reacts to, which carries the reaction's link.
 */
const REQUEST_KINDS = new Set(['task-request', 'follow-up-summary', 'outcome']);

/**
 * The link of the request mail of `taskId`, as its assignee received it. A task opened on a
 * weekend or a public holiday is requested at 09:00 on the next working day: the person waits
 * for that mail, and so does this.
 */
export async function requestLink(run: Run, email: string, taskId: string): Promise<string> {
  const find = async () =>
    (await mailsTo(run.cloud, email)).find(
      (mail) => REQUEST_KINDS.has(mail.kind) && mail.task?.taskId === taskId,
    );
  let request = await find();
  if (!request) {
    const current = new Date(await now(run.cloud));
    if (!isWorkingDay(amsterdam(current.getTime()).slice(0, 10))) {
      await advanceTo(run.cloud, nextWorkingMoment(current).getTime(), MINUTE_MS);
      request = await find();
    }
  }
  if (!request?.link) throw new Error(`No request mail for ${taskId}`);
  return request.link;
}

export interface OpenTaskJson {
  id: string;
  kind: string;
  dueAt: string;
  openedAt: string;
}

/**
 * An open task of the trajectory, as the dossier shows it: the one of `kind`, or else the one
 * opened last (several tasks can be open at once: the employee's response beside the plan, a late
 * follow-up report beside the next one).
 */
export async function openTask(run: Run, kind?: string): Promise<OpenTaskJson> {
  const open: OpenTaskJson[] = (await dossier(run)).tasks.filter(
    (task: { status: string; kind: string }) => task.status === 'open' && (!kind || task.kind === kind),
  );
  if (kind) expect(open, `exactly one open ${kind} task`).toHaveLength(1);
  else expect(open.length, 'an open task').toBeGreaterThan(0);
  return open.reduce((latest, task) => (task.openedAt > latest.openedAt ? task : latest));
}

/**
 * A goal deadline the test leaves to the moment of sending: two weeks after the cloud's today,
 * which falls inside any term a test gives (a plan's deadlines must, core/dossier-rules.ts).
 */
export const WITHIN_TERM = 'within-term';
const WITHIN_TERM_DAYS = 14;

async function withDeadlines(cloud: TestCloud, body: unknown): Promise<unknown> {
  const goals = (body as { goals?: { deadline?: string }[] } | null)?.goals;
  if (!Array.isArray(goals) || !goals.some((goal) => goal.deadline === WITHIN_TERM)) return body;
  const deadline = amsterdam((await now(cloud)) + WITHIN_TERM_DAYS * DAY_MS).slice(0, 10);
  return {
    ...(body as object),
    goals: goals.map((goal) => (goal.deadline === WITHIN_TERM ? { ...goal, deadline } : goal)),
  };
}

export async function submit(run: Run, link: string, body: unknown) {
  const sent = await withDeadlines(run.cloud, body);
  return run.cloud.request('POST', link, { body: sent, headers: { accept: 'application/json' } });
}

/**
 * Answers the task that is open now (of `kind`, or the one opened last) through the link in its request mail, checks the 200, and
 * waits for the workflow to take its next turn. Returns the task id.
 */
export async function answer(run: Run, body: unknown, kind?: string): Promise<string> {
  const task = await openTask(run, kind);
  const email = emailOf(run.people, task.kind);
  const response = await submit(run, await requestLink(run, email, task.id), body);
  expect(response.status, `${task.id}: ${JSON.stringify(response.body)}`).toBe(200);
  await settle(run.cloud);
  return task.id;
}

const EMPLOYEE_TASKS = new Set([
  'employee-response',
  'plan-acknowledgement',
  'follow-up-reaction',
  'evaluation-reaction',
  'self-assessment',
]);
const HR_TASKS = new Set([
  'plan-approval',
  'decision-confirmation',
  'disagreement-response',
  'cause-follow-up',
]);

export function emailOf(people: People, kind: string): string {
  if (EMPLOYEE_TASKS.has(kind)) return people.employee.email;
  if (HR_TASKS.has(kind)) return people.hrAdvisor.email;
  return people.manager.email;
}

// ---------------------------------------------------------------------------------------------
// Time

export async function now(cloud: TestCloud): Promise<number> {
  return Date.parse((await cloud.request('GET', '/_local/clock')).body.now);
}

/** Lets the virtual clock run to `at` (an ISO instant or ms) plus `plusMs`; no-op when past. */
export async function advanceTo(cloud: TestCloud, at: string | number, plusMs = 0): Promise<void> {
  const target = (typeof at === 'number' ? at : Date.parse(at)) + plusMs;
  const ms = target - (await now(cloud));
  if (ms > 0) await cloud.advance({ hours: ms / HOUR_MS });
}

/** The Amsterdam calendar date of the virtual now, as a person fills in "held on". */
export async function today(cloud: TestCloud): Promise<string> {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(await now(cloud));
}

/** An instant as Amsterdam's clocks show it: `YYYY-MM-DD HH:mm`. */
export function amsterdam(at: string | number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Amsterdam',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(new Date(at))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/**
 * That a mail went out at `at`: at it or within the second after, as a Step Functions timeout
 * counts whole seconds from the moment the waiting began.
 */
export function expectSentAt(mail: { sentAt: string } | undefined, at: string | number): void {
  const expected = typeof at === 'number' ? at : Date.parse(at);
  const late = Date.parse(mail?.sentAt ?? '') - expected;
  expect(late, `sent ${mail?.sentAt}, expected ${new Date(expected).toISOString()}`).toBeGreaterThanOrEqual(
    0,
  );
  expect(late).toBeLessThan(1000);
}

// ---------------------------------------------------------------------------------------------
// What people fill in

export const IDENTIFY = {
  improvementAreas: [
    {
      title: 'Afspraken nakomen',
      examples: [
        'Offerte voor klant Van Dijk twee weken te laat (beoordeling maart)',
        'Terugbelverzoeken blijven liggen volgens collega’s',
      ],
    },
    { title: 'Rapportages op tijd', examples: ['Weekrapportage drie keer gemist in het laatste kwartaal'] },
  ],
};

export const conversation = (heldOn: string) => ({
  heldOn,
  summary: 'We hebben de voorbeelden besproken en gekeken wat er nodig is.',
  employeePerspective: 'Sanne herkent de punten en noemt de werkdruk als oorzaak.',
  agreements: 'Pieter plant wekelijks overleg; Sanne meldt knelpunten direct.',
});

export const EMPLOYEE_RESPONSE = { response: 'Ik herken de punten, maar de werkdruk was hoog.' };

export const PLAN = {
  goals: [
    {
      title: 'Offertes op tijd',
      specific: 'Elke offerte gaat binnen vijf werkdagen de deur uit.',
      measure: 'Doorlooptijd in het CRM',
      target: '95% binnen vijf werkdagen',
      deadline: WITHIN_TERM,
      support: 'Wekelijks overleg en een cursus timemanagement.',
    },
    {
      title: 'Weekrapportage',
      specific: 'De weekrapportage staat elke vrijdag om 16:00 klaar.',
      measure: 'Inleverdatum in het teamkanaal',
      target: 'Geen enkele week gemist',
      deadline: WITHIN_TERM,
      support: 'Een vast blok in de agenda.',
    },
  ],
};

export const APPROVE = { decision: 'approve', comments: 'Helder plan.' };
export const ACKNOWLEDGE = { acknowledged: true, comments: 'Ontvangen.' };
/** HR's approval of an unsuccessful evaluation: it records whether redeployment was considered. */
export const APPROVE_ENDING = {
  ...APPROVE,
  redeployment: { considered: true, outcome: 'Geen passende functie vrij; de vacatures tot juni bekeken.' },
};

export const followUp = (heldOn: string) => ({
  heldOn,
  summary: 'Goede voortgang bij de offertes; de rapportage vraagt nog aandacht.',
  progress: [
    { goal: 0, status: 'on-track', notes: 'Alle offertes op tijd.' },
    { goal: 1, status: 'at-risk', notes: 'Eén week te laat.' },
  ],
});

export const evaluation = (decision: 'successful' | 'extend' | 'unsuccessful', extendWeeks?: number) => ({
  summary: 'De termijn is voorbij; dit is het resultaat.',
  results: [
    { goal: 0, outcome: decision === 'unsuccessful' ? 'not-achieved' : 'achieved', notes: 'Zie het CRM.' },
    { goal: 1, outcome: decision === 'successful' ? 'achieved' : 'partially', notes: 'Zie het teamkanaal.' },
  ],
  decision,
  ...(extendWeeks !== undefined && { extendWeeks }),
});

export const AFTERCARE = {
  employeeNotes: 'Sanne zit goed in haar vel en houdt het tempo vast.',
  teamNotes: 'Het team merkt dat afspraken worden nagekomen.',
};

// ---------------------------------------------------------------------------------------------
// Whole stretches of a trajectory

/** Identify, conversation, the employee's response, plan, approval and acknowledgement. */
export async function throughPlan(run: Run): Promise<void> {
  await answer(run, IDENTIFY);
  await answer(run, conversation(await today(run.cloud)));
  // The plan is asked for at once; the employee's response runs beside it.
  await answer(run, EMPLOYEE_RESPONSE, 'employee-response');
  await answer(run, PLAN, 'plan');
  await answer(run, APPROVE);
  await answer(run, ACKNOWLEDGE);
}

/**
 * Lets each planned follow-up of the current term arrive on its date and answers it, until the
 * evaluation opens at the end of the term. Returns the ids of the follow-ups answered.
 */
export async function throughFollowUps(run: Run): Promise<string[]> {
  const answered: string[] = [];
  for (let turn = 0; turn < 60; turn++) {
    const found = await dossier(run);
    const open = found.tasks.filter((task: { status: string }) => task.status === 'open');
    if (open.some((task: { kind: string }) => task.kind === 'evaluation')) return answered;
    const report = open.find((task: { kind: string }) => task.kind === 'follow-up');
    if (!report) {
      const next = found.meetings.find((meeting: { taskId?: string }) => meeting.taskId === undefined);
      // The follow-up is requested a few working days before its date; the report is written
      // after the meeting. The evaluation opens at the term's end.
      await advanceTo(run.cloud, next ? `${next.plannedOn}T12:00:00Z` : found.termEndsAt, HOUR_MS);
      continue;
    }
    const meeting = found.meetings.find((candidate: { taskId?: string }) => candidate.taskId === report.id);
    if (meeting && (await today(run.cloud)) < meeting.plannedOn) {
      await advanceTo(run.cloud, `${meeting.plannedOn}T12:00:00Z`);
    }
    answered.push(await answer(run, followUp(await today(run.cloud)), 'follow-up'));
  }
  throw new Error('The evaluation never opened');
}
