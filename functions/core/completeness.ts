/**
 * The dossier-completeness check: would this dossier hold when a dismissal for unsuitability
 * (art. 7:669 lid 3 sub d BW) is judged on it? The employer has to show that the employee was
 * told in time what was wrong, got a real chance and enough time to improve, with support, and
 * that all of it was written down. Each criterion below is one thing a court looks at
 * (docs/completeness.md has the table: what, why, what to do).
 *
 * Pure: a function of the dossier and the time. Everything is derived from the dossier's
 * trajectory, tasks and events; fields added later (support ledger, agreement, redeployment) are
 * read defensively, since older dossiers do not have them.
 */
import { phaseKey, type MessageParams, translator, type KeysOf } from '#shared/i18n/catalogue.ts';
import { completenessMessages } from '#shared/i18n/completeness.ts';
import { labelMessages } from '#shared/i18n/labels.ts';
import {
  PHASES,
  TASK_PHASE,
  type DecisionOutcome,
  type Dossier,
  type DossierEvent,
  type Goal,
  type Locale,
  type Phase,
  type Task,
  type TaskKind,
} from './model.ts';
import { amsterdamDate, isCalendarDate } from './schedule.ts';
import { supportLedger, type SupportEntry } from './support-ledger.ts';

const t = /* @__PURE__ */ translator(completenessMessages, labelMessages);
type MessageKey = Parameters<typeof t>[1];

/** The criteria, in the order the trajectory reaches them. */
export const CRITERION_IDS = [
  'improvement-areas',
  'conversation',
  'causes-followed-up',
  'smart-goals',
  'support',
  'hr-approved-plan',
  'consequence-statement',
  'plan-acknowledged',
  'term-length',
  'follow-up-cadence',
  'follow-up-summaries',
  'evaluation-per-goal',
  'hr-confirmed-decision',
  'redeployment',
  'outcome-informed',
  'employee-heard',
  'aftercare',
] as const;
export type CriterionId = (typeof CRITERION_IDS)[number];

/** `pending`: not due yet at this point of the trajectory (an extension of the contract). */
export type CriterionStatus = 'pass' | 'warning' | 'fail' | 'pending';
export const CRITERION_STATUSES = ['pass', 'warning', 'fail', 'pending'] as const satisfies CriterionStatus[];

export interface CriterionResult {
  id: CriterionId;
  status: CriterionStatus;
  /** Why this status, in the requested locale (the trajectory's by default). */
  reason: string;
  /** What to do about it, in the same locale; `null` when nothing is to be done. */
  todo: string | null;
}

export interface Completeness {
  /** The worst status of the criteria; `pending` ones are left out (all pending: `pass`). */
  status: 'pass' | 'warning' | 'fail';
  criteria: CriterionResult[];
}

export interface CompletenessOptions {
  /**
   * ISO instant to judge at. Default: the latest moment the dossier records (its last update or
   * event), which keeps the function deterministic; callers with a clock pass its time.
   */
  now?: string;
  /** The shortest reasonable term in weeks, extensions included. Default 12. */
  minTermWeeks?: number;
  /** Language of reasons and to-dos. Default: the trajectory's own locale. */
  locale?: Locale;
}

export const DEFAULT_MIN_TERM_WEEKS = 12;
/** A gap between follow-ups beyond this many times the agreed cadence fails the criterion. */
export const CADENCE_TOLERANCE = 1.5;

/** The catalogue key of a criterion's name, for renderers (page, PDF, CSV). */
export const criterionNameKey = (id: CriterionId): KeysOf<typeof completenessMessages> =>
  `completeness.criterion.${id}`;
/** The catalogue key of a status's label ("In orde", "Let op", ...). */
export const criterionStatusKey = (status: CriterionStatus): KeysOf<typeof completenessMessages> =>
  `completeness.status.${status}`;

const SEVERITY: Record<Completeness['status'], number> = { pass: 0, warning: 1, fail: 2 };

const DAY_MS = 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------------------------------------
// Reading the dossier defensively

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const record = (value: unknown): Json => (isRecord(value) ? value : {});
const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const isIndex = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
const byTime = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Days from one calendar date to another (negative when `to` comes first). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Amsterdam dates of instants already seen: the time-zone conversion is the check's main cost. */
const days = new Map<string, string | undefined>();

/** The Amsterdam date of an ISO instant, or undefined when it is not one. */
function dayOf(iso: string | undefined): string | undefined {
  if (iso === undefined) return undefined;
  if (days.has(iso)) return days.get(iso);
  const instant = new Date(iso);
  const date = Number.isNaN(instant.getTime()) ? undefined : amsterdamDate(instant);
  if (days.size >= 10_000) days.clear();
  days.set(iso, date);
  return date;
}

interface Context {
  dossier: Dossier;
  locale: Locale;
  now: string;
  today: string;
  minTermWeeks: number;
  /** Tasks oldest first (the repository returns them in key order, where `-10` precedes `-2`). */
  tasks: Task[];
  ledger: SupportEntry[];
  cancelled: boolean;
  /** Closed with a final decision (`completed` or `ended`). */
  finished: boolean;
  /** Index in PHASES of the furthest phase the trajectory reached. */
  furthest: number;
}

const phaseIndex = (phase: Phase) => PHASES.indexOf(phase);

/** `follow-up-2` before `follow-up-10`; made on first use, as an Intl object at module scope costs every cold start. */
let taskIdOrder: Intl.Collator | undefined;

function context(dossier: Dossier, options: CompletenessOptions): Context {
  const { trajectory } = dossier;
  const tasks = [...dossier.tasks].sort(
    (a, b) =>
      byTime(a.openedAt, b.openedAt) ||
      (taskIdOrder ??= new Intl.Collator('en', { numeric: true })).compare(a.id, b.id),
  );
  const latest = [trajectory.updatedAt, trajectory.closedAt ?? '', ...dossier.events.map((e) => e.at)]
    .filter((at) => !Number.isNaN(Date.parse(at)))
    .sort(byTime)
    .at(-1);
  const now = options.now ?? latest ?? trajectory.createdAt;
  const finished = trajectory.status === 'completed' || trajectory.status === 'ended';
  // How far the trajectory got: a cancel sets the phase to `closed`, so the tasks tell.
  const reached = [
    ...tasks.map((task) => phaseIndex(TASK_PHASE[task.kind] ?? 'identify')),
    trajectory.phase === 'closed' && !finished ? 0 : phaseIndex(trajectory.phase),
  ];
  return {
    dossier,
    locale: options.locale ?? trajectory.locale,
    now,
    today: dayOf(now) ?? amsterdamDate(new Date(trajectory.createdAt)),
    minTermWeeks: options.minTermWeeks ?? DEFAULT_MIN_TERM_WEEKS,
    tasks,
    ledger: supportLedger({ ...dossier, tasks }).filter(
      (entry) => isIndex(entry.goal) && (entry.status === 'offered' || entry.status === 'given'),
    ),
    cancelled: trajectory.status === 'cancelled',
    finished,
    furthest: Math.max(0, ...reached),
  };
}

const answered = (task: Task) => task.status === 'done' && task.response !== undefined;

function tasksOf(ctx: Context, kind: TaskKind, where: (task: Task) => boolean = () => true): Task[] {
  return ctx.tasks.filter((task) => task.kind === kind && where(task));
}

const latestOf = (ctx: Context, kind: TaskKind, where?: (task: Task) => boolean) =>
  tasksOf(ctx, kind, where).at(-1);

/** Whether the trajectory got past `phase` (a later phase was reached, or it was decided). */
const beyond = (ctx: Context, phase: Phase) => ctx.finished || ctx.furthest > phaseIndex(phase);

function goalsOf(ctx: Context): Goal[] {
  const { goals } = ctx.dossier.trajectory;
  if (Array.isArray(goals) && goals.length > 0) return goals;
  return list(record(latestOf(ctx, 'plan', answered)?.response).goals) as Goal[];
}

const MAIL_KEY_SUFFIX: Record<string, string> = {
  'follow-up-summary': 'summary',
  outcome: 'outcome',
  'task-request': 'request',
};

/** A `mail-sent` entry of `kind` about `taskId` (see usecases/send-once.ts `mailSentEvent`). */
function mailSent(ctx: Context, kind: string, taskId: string): DossierEvent | undefined {
  return ctx.dossier.events.find(
    (event) =>
      event.type === 'mail-sent' &&
      ((event.data?.mail === kind && event.taskId === taskId) ||
        event.id === `mail.${taskId}.${MAIL_KEY_SUFFIX[kind] ?? kind}`),
  );
}

// ---------------------------------------------------------------------------------------------
// Building results

function message(ctx: Context, key: MessageKey, params?: MessageParams): string {
  return t(ctx.locale, key, params);
}

/**
 * What one criterion can conclude. Reasons and to-dos are catalogue keys, so each verdict is one
 * line; `params` fill the placeholders of the reason and of the to-do alike.
 */
interface Judge {
  /** Any status, with a reason already put together from several messages. */
  say(status: CriterionStatus, reason: string, todo?: MessageKey | null): CriterionResult;
  pass(reason: MessageKey, params?: MessageParams): CriterionResult;
  /** Due, but what it asks for is still open: pending, saying what it waits for. */
  wait(reason: MessageKey, params?: MessageParams, todo?: MessageKey): CriterionResult;
  warn(reason: MessageKey, todo: MessageKey | null, params?: MessageParams): CriterionResult;
  fail(reason: MessageKey, todo: MessageKey, params?: MessageParams): CriterionResult;
  /** Not due yet: a cancelled trajectory never will be, an active one will in `phase`. */
  notDue(phase: Phase, reason?: string): CriterionResult;
}

function judge(ctx: Context, id: CriterionId): Judge {
  const say = (
    status: CriterionStatus,
    reason: string,
    todo: MessageKey | null = null,
    params?: MessageParams,
  ): CriterionResult => ({ id, status, reason, todo: todo === null ? null : message(ctx, todo, params) });
  const by =
    (status: CriterionStatus) =>
    (reason: MessageKey, todo: MessageKey | null = null, params?: MessageParams) =>
      say(status, message(ctx, reason, params), todo, params);
  return {
    say,
    pass: (reason, params) => by('pass')(reason, null, params),
    wait: (reason, params, todo) => by('pending')(reason, todo, params),
    warn: by('warning'),
    fail: by('fail'),
    notDue: (phase, reason) =>
      ctx.cancelled
        ? say('pending', message(ctx, 'completeness.pending.cancelled'))
        : say(
            'pending',
            reason ?? message(ctx, 'completeness.pending.phase', { phase: message(ctx, phaseKey(phase)) }),
          ),
  };
}

const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

/** A calendar date as people write it ("6 maart 2026"). */
function day(ctx: Context, date: string | undefined): string {
  if (date === undefined || !isCalendarDate(date)) return date ?? '?';
  let format = dateFormats.get(ctx.locale);
  if (!format) {
    format = new Intl.DateTimeFormat(ctx.locale === 'nl' ? 'nl-NL' : 'en-GB', {
      timeZone: 'UTC',
      dateStyle: 'long',
    });
    dateFormats.set(ctx.locale, format);
  }
  return format.format(new Date(`${date}T00:00:00Z`));
}

const instantDay = (ctx: Context, iso: string | undefined) => day(ctx, dayOf(iso));

const goalNames = (ctx: Context, indexes: readonly number[]) =>
  indexes.map((index) => message(ctx, 'completeness.goal', { number: index + 1 })).join(', ');

const decisionName = (ctx: Context, decision: unknown): string =>
  decision === 'successful' || decision === 'extend' || decision === 'unsuccessful'
    ? message(ctx, `completeness.decision.${decision}`)
    : '?';

// ---------------------------------------------------------------------------------------------
// The criteria

function improvementAreas(ctx: Context): CriterionResult {
  const is = judge(ctx, 'improvement-areas');
  const identify = latestOf(ctx, 'identify', answered);
  const stored = ctx.dossier.trajectory.improvementAreas;
  const areas = (
    Array.isArray(stored) && stored.length > 0 ? stored : list(record(identify?.response).improvementAreas)
  ).map(record);
  if (areas.length === 0) {
    if (!identify && !beyond(ctx, 'identify')) return is.notDue('identify');
    return is.fail('completeness.improvement-areas.none', 'completeness.improvement-areas.todo');
  }
  const withoutExamples = areas.flatMap((area, index) =>
    list(area.examples).some((example) => text(example) !== '') ? [] : [text(area.title) || `#${index + 1}`],
  );
  if (withoutExamples.length > 0) {
    return is.fail('completeness.improvement-areas.noExamples', 'completeness.improvement-areas.todo', {
      areas: withoutExamples.join(', '),
    });
  }
  return is.pass('completeness.improvement-areas.pass', { count: areas.length });
}

function conversation(ctx: Context): CriterionResult {
  const is = judge(ctx, 'conversation');
  const held = latestOf(ctx, 'conversation', answered);
  const heldOn = text(record(held?.response).heldOn);
  if (!held || !heldOn) {
    if (!beyond(ctx, 'conversation')) return is.notDue('conversation');
    return is.fail('completeness.conversation.notHeld', 'completeness.conversation.notHeldTodo');
  }
  const params = { heldOn: day(ctx, heldOn) };
  const invitation = latestOf(ctx, 'employee-response');
  if (!invitation) {
    if (!beyond(ctx, 'conversation')) {
      return is.notDue('conversation', message(ctx, 'completeness.conversation.waiting', params));
    }
    return is.fail(
      'completeness.conversation.notInvited',
      'completeness.conversation.notInvitedTodo',
      params,
    );
  }
  if (answered(invitation)) return is.pass('completeness.conversation.pass', params);
  if (invitation.status === 'open') {
    return is.wait('completeness.conversation.waiting', params);
  }
  // Lapsed, or closed by a cancel: the employee was invited, which is what the law asks.
  return is.warn('completeness.conversation.noResponse', 'completeness.conversation.noResponseTodo', params);
}

/** The SMART parts a goal lacks (support counts when the ledger offers it for the goal). */
function missingParts(ctx: Context, goal: Json, index: number): MessageKey[] {
  const missing: MessageKey[] = [];
  if (!text(goal.specific)) missing.push('completeness.field.specific');
  if (!text(goal.measure)) missing.push('completeness.field.measure');
  if (!text(goal.target)) missing.push('completeness.field.target');
  if (!isCalendarDate(text(goal.deadline))) missing.push('completeness.field.deadline');
  if (!text(goal.support) && !ctx.ledger.some((entry) => entry.goal === index)) {
    missing.push('completeness.field.support');
  }
  return missing;
}

/** Neither SMART goals nor support can be judged without goals: not due before the plan, failing after. */
const withoutGoals = (ctx: Context, is: Judge) =>
  beyond(ctx, 'plan')
    ? is.fail('completeness.smart-goals.none', 'completeness.smart-goals.todo')
    : is.notDue('plan');

function smartGoals(ctx: Context): CriterionResult {
  const is = judge(ctx, 'smart-goals');
  const goals = goalsOf(ctx).map(record);
  if (goals.length === 0) return withoutGoals(ctx, is);
  const incomplete = goals.flatMap((goal, index) => {
    const missing = missingParts(ctx, goal, index);
    return missing.length === 0
      ? []
      : [
          message(ctx, 'completeness.goalMissing', {
            goal: goalNames(ctx, [index]),
            fields: missing.map((key) => message(ctx, key)).join(', '),
          }),
        ];
  });
  if (incomplete.length > 0) {
    return is.fail('completeness.smart-goals.incomplete', 'completeness.smart-goals.todo', {
      goals: incomplete.join('; '),
    });
  }
  // A deadline after the (last) term cannot be judged at the evaluation.
  const termEnd = dayOf(ctx.dossier.trajectory.termEndsAt);
  const late = termEnd ? goals.flatMap((goal, index) => (text(goal.deadline) > termEnd ? [index] : [])) : [];
  if (late.length > 0) {
    return is.warn('completeness.smart-goals.late', 'completeness.smart-goals.lateTodo', {
      termEnd: day(ctx, termEnd),
      goals: goalNames(ctx, late),
    });
  }
  return is.pass('completeness.smart-goals.pass', { count: goals.length });
}

function support(ctx: Context): CriterionResult {
  const is = judge(ctx, 'support');
  const goals = goalsOf(ctx).map(record);
  if (goals.length === 0) return withoutGoals(ctx, is);
  const notOffered = goals.flatMap((goal, index) =>
    text(goal.support) || ctx.ledger.some((entry) => entry.goal === index) ? [] : [index],
  );
  if (notOffered.length > 0) {
    return is.fail('completeness.support.notOffered', 'completeness.support.notOfferedTodo', {
      goals: goalNames(ctx, notOffered),
    });
  }
  const given = ctx.ledger.filter((entry) => entry.status === 'given');
  if (given.length === 0 && tasksOf(ctx, 'evaluation', answered).length > 0) {
    return is.warn('completeness.support.notGiven', 'completeness.support.notGivenTodo');
  }
  const hours = given.reduce(
    (sum, entry) => sum + (Number.isFinite(entry.hours) ? (entry.hours ?? 0) : 0),
    0,
  );
  const givenText =
    hours > 0
      ? message(ctx, 'completeness.support.hours', {
          count: given.length,
          hours: Math.round(hours * 10) / 10,
        })
      : String(given.length);
  return is.pass('completeness.support.pass', { given: givenText });
}

const decisionOf = (task: Task | undefined): unknown => record(task?.response).decision;

/** Waiting for HR's review of what `id` judges: sent back for revision (`review`), or not answered yet. */
const awaitingHr = (is: Judge, review: Task | undefined, id: 'hr-approved-plan' | 'hr-confirmed-decision') =>
  is.wait(decisionOf(review) === 'revise' ? `completeness.${id}.revise` : `completeness.${id}.waiting`);

/**
 * A possible cause in health or working conditions is the employer's to act on: HR's
 * `cause-follow-up` about the conversation that named it must have been answered.
 */
function causesFollowedUp(ctx: Context): CriterionResult {
  const is = judge(ctx, 'causes-followed-up');
  const held = latestOf(ctx, 'conversation', answered);
  if (!held) return beyond(ctx, 'conversation') ? noCausesForHr(ctx) : is.notDue('conversation');
  const named = list(record(held.response).causes).map((entry) => text(record(entry).cause));
  const forHr = ['health', 'working-conditions'].filter((cause) => named.includes(cause));
  if (forHr.length === 0) return noCausesForHr(ctx);
  const causes = forHr.map((cause) => message(ctx, `completeness.cause.${cause as 'health'}`)).join(', ');
  const followUp = latestOf(ctx, 'cause-follow-up', (task) => task.about === held.id);
  const todo = 'completeness.causes-followed-up.todo';
  if (followUp && answered(followUp)) {
    return is.pass('completeness.causes-followed-up.pass', {
      causes,
      date: instantDay(ctx, followUp.completedAt),
    });
  }
  if (followUp?.status === 'open') {
    const params = { causes, dueAt: instantDay(ctx, followUp.dueAt) };
    return followUp.dueAt < ctx.now
      ? is.warn('completeness.causes-followed-up.overdue', todo, params)
      : is.wait('completeness.causes-followed-up.open', params, todo);
  }
  return is.fail('completeness.causes-followed-up.missing', todo, { causes });
}

const noCausesForHr = (ctx: Context) =>
  judge(ctx, 'causes-followed-up').pass('completeness.causes-followed-up.none');

/**
 * HR's latest word on the plan. A change of the acknowledged plan sent back leaves the plan in
 * force approved (functions/core/plan-change.ts): only its approval counts.
 */
const planReview = (ctx: Context) =>
  latestOf(
    ctx,
    'plan-approval',
    (task) => answered(task) && (!task.change || decisionOf(task) === 'approve'),
  );

function hrApprovedPlan(ctx: Context): CriterionResult {
  const is = judge(ctx, 'hr-approved-plan');
  const review = planReview(ctx);
  if (review && decisionOf(review) === 'approve') {
    return is.pass('completeness.hr-approved-plan.pass', { date: instantDay(ctx, review.completedAt) });
  }
  // The term starts with the acknowledgement: from then on the plan should have been approved.
  if (tasksOf(ctx, 'plan-acknowledgement').length > 0 || beyond(ctx, 'plan')) {
    return is.fail('completeness.hr-approved-plan.fail', 'completeness.hr-approved-plan.todo');
  }
  if (ctx.cancelled || !latestOf(ctx, 'plan', answered)) return is.notDue('plan');
  return awaitingHr(is, review, 'hr-approved-plan');
}

/**
 * The plan says what may follow when its goals are not met, and HR approved it with the plan (the
 * employee receives it with the plan). Trajectories from before the statement existed fail once
 * their plan is written: the record does not show the employee was told.
 */
function consequenceStatement(ctx: Context): CriterionResult {
  const is = judge(ctx, 'consequence-statement');
  const statement = text(ctx.dossier.trajectory.consequenceStatement);
  const review = planReview(ctx);
  if (!statement) {
    if (!latestOf(ctx, 'plan', answered) && !beyond(ctx, 'plan')) return is.notDue('plan');
    return is.fail('completeness.consequence-statement.missing', 'completeness.consequence-statement.todo');
  }
  if (review && decisionOf(review) === 'approve') {
    return is.pass('completeness.consequence-statement.pass', { date: instantDay(ctx, review.completedAt) });
  }
  // Without an approval `hr-approved-plan` fails; the statement itself is there.
  if (ctx.cancelled || !beyond(ctx, 'plan')) {
    return ctx.cancelled || !latestOf(ctx, 'plan', answered)
      ? is.notDue('plan')
      : is.wait('completeness.consequence-statement.waiting');
  }
  return is.warn('completeness.consequence-statement.waiting', 'completeness.hr-approved-plan.todo');
}

function planAcknowledged(ctx: Context): CriterionResult {
  const is = judge(ctx, 'plan-acknowledged');
  const ack = latestOf(ctx, 'plan-acknowledgement');
  if (!ack) {
    if (!beyond(ctx, 'plan')) return is.notDue('plan');
    return is.fail('completeness.plan-acknowledged.fail', 'completeness.plan-acknowledged.todo');
  }
  const response = record(ack.response);
  if (answered(ack) && response.acknowledged === true) {
    const agreement = response.agreement;
    const reason = [
      message(ctx, 'completeness.plan-acknowledged.pass', { date: instantDay(ctx, ack.completedAt) }),
    ];
    // Agreement is the employee's own word, kept apart from receipt: disagreeing fails nothing.
    if (agreement === 'agree' || agreement === 'partly' || agreement === 'disagree') {
      reason.push(message(ctx, `completeness.plan-acknowledged.${agreement}`));
    }
    return is.say('pass', reason.join(' '));
  }
  if (ack.status === 'open') {
    return is.wait('completeness.plan-acknowledged.waiting');
  }
  if (ack.status === 'closed' && ctx.cancelled) return is.notDue('plan');
  const reason = [message(ctx, 'completeness.plan-acknowledged.noResponse')];
  if (mailSent(ctx, 'task-request', ack.id))
    reason.push(message(ctx, 'completeness.plan-acknowledged.mailed'));
  return is.say('warning', reason.join(' '), 'completeness.plan-acknowledged.noResponseTodo');
}

/**
 * The evaluations HR confirmed, each with the confirmation: an approved decision-confirmation
 * confirms the latest evaluation answered before it.
 */
function confirmedDecisions(
  ctx: Context,
): { evaluation: Task; confirmation: Task; decision: DecisionOutcome }[] {
  const evaluations = tasksOf(ctx, 'evaluation', answered);
  return tasksOf(ctx, 'decision-confirmation', answered)
    .filter((confirmation) => decisionOf(confirmation) === 'approve')
    .flatMap((confirmation) => {
      const evaluation = evaluations
        .filter((candidate) => candidate.openedAt <= confirmation.openedAt)
        .at(-1);
      const decision = decisionOf(evaluation);
      return evaluation && (decision === 'successful' || decision === 'extend' || decision === 'unsuccessful')
        ? [{ evaluation, confirmation, decision }]
        : [];
    });
}

const termStarted = (ctx: Context) =>
  ctx.dossier.trajectory.termEndsAt !== undefined ||
  ctx.dossier.events.some((event) => event.type === 'term-started');

function termLength(ctx: Context): CriterionResult {
  const is = judge(ctx, 'term-length');
  const { schedule, decision } = ctx.dossier.trajectory;
  const extensions = confirmedDecisions(ctx)
    .filter((confirmed) => confirmed.decision === 'extend')
    .map((confirmed) => {
      const weeks = record(confirmed.evaluation.response).extendWeeks;
      // Without a number the workflow extends by a whole term again (steps.ts).
      return typeof weeks === 'number' && Number.isFinite(weeks) ? weeks : schedule.termWeeks;
    });
  const weeks = schedule.termWeeks + extensions.reduce((sum, extra) => sum + extra, 0);
  const params = { weeks, min: ctx.minTermWeeks };
  if (weeks >= ctx.minTermWeeks) {
    if (!termStarted(ctx)) {
      return ctx.cancelled ? is.notDue('plan') : is.wait('completeness.term-length.planned', { weeks });
    }
    return is.pass('completeness.term-length.pass', params);
  }
  if (ctx.cancelled && !termStarted(ctx)) return is.notDue('plan');
  // An unsuccessful end after too short a term is what a court rejects; before that, it can
  // still be extended at the evaluation.
  if (decision === 'unsuccessful') {
    return is.fail('completeness.term-length.tooShort', 'completeness.term-length.tooShortTodo', params);
  }
  return is.warn(
    'completeness.term-length.short',
    ctx.finished ? null : 'completeness.term-length.shortTodo',
    params,
  );
}

/** The days within `from`..`to` the trajectory stood still for illness. */
function pausedDaysWithin(ctx: Context, from: string, to: string): number {
  const { trajectory, events } = ctx.dossier;
  const pauses: [string | undefined, string | undefined][] = events
    .filter((event) => event.type === 'resumed')
    .map((event) => [
      dayOf(typeof event.data?.pausedAt === 'string' ? event.data.pausedAt : undefined),
      dayOf(event.at),
    ]);
  if (trajectory.pausedAt !== undefined) pauses.push([dayOf(trajectory.pausedAt), ctx.today]);
  let days = 0;
  for (const [start, end] of pauses) {
    if (!start || !end) continue;
    const overlap = daysBetween(start > from ? start : from, end < to ? end : to);
    if (overlap > 0) days += overlap;
  }
  return Math.min(days, Math.max(0, daysBetween(from, to)));
}

interface Anchor {
  date: string;
  kind: 'start' | 'follow-up' | 'end' | 'now';
}

interface Gap {
  from: Anchor;
  to: Anchor;
  days: number;
}

/**
 * The moments between which follow-ups must not lie too far apart, per term: its start (the
 * plan's acknowledgement, or the confirmed extension), each held follow-up (`heldOn`), and its
 * end; for a term still running, today. The time between a term's end and the next term's start
 * is the evaluation, not a follow-up gap.
 */
function cadenceGaps(ctx: Context): { gaps: Gap[]; held: number } | undefined {
  const { trajectory, events } = ctx.dossier;
  let starts = events
    .filter((event) => event.type === 'term-started')
    .map((event) => dayOf(event.at))
    .filter((date): date is string => date !== undefined)
    .sort();
  starts = [...new Set(starts)];
  if (starts.length === 0) {
    const ack = latestOf(ctx, 'plan-acknowledgement', (task) => task.completedAt !== undefined);
    const start = dayOf(ack?.completedAt);
    if (trajectory.termEndsAt === undefined || !start) return undefined;
    starts = [start];
  }
  const heldOn = new Set<string>();
  for (const meeting of trajectory.meetings ?? [])
    if (isCalendarDate(text(meeting.heldOn))) heldOn.add(text(meeting.heldOn));
  for (const task of tasksOf(ctx, 'follow-up', answered)) {
    const date = text(record(task.response).heldOn);
    if (isCalendarDate(date)) heldOn.add(date);
  }
  const evaluationDays = tasksOf(ctx, 'evaluation')
    .map((task) => dayOf(task.openedAt))
    .filter((date): date is string => date !== undefined);
  const finalEnd = dayOf(trajectory.termEndsAt);
  const stoppedAt = ctx.cancelled ? (dayOf(trajectory.closedAt) ?? ctx.today) : ctx.today;

  const gaps: Gap[] = [];
  starts.forEach((start, index) => {
    const next = starts[index + 1];
    const inTerm = [...heldOn].filter((date) => date >= start && (next === undefined || date < next)).sort();
    let end: Anchor;
    if (next !== undefined) {
      // An earlier term ended when its evaluation opened.
      const evaluated = evaluationDays.find((date) => date >= start && date <= next);
      end = { date: evaluated ?? next, kind: 'end' };
    } else if (finalEnd !== undefined && finalEnd <= stoppedAt) {
      end = { date: finalEnd, kind: 'end' };
    } else {
      end = { date: stoppedAt, kind: 'now' };
    }
    const anchors: Anchor[] = [
      { date: start, kind: 'start' },
      ...inTerm.map((date): Anchor => ({ date, kind: 'follow-up' })),
    ];
    if (end.date > (anchors.at(-1)?.date ?? start)) anchors.push(end);
    for (let i = 1; i < anchors.length; i++) {
      const from = anchors[i - 1] as Anchor;
      const to = anchors[i] as Anchor;
      gaps.push({
        from,
        to,
        days: daysBetween(from.date, to.date) - pausedDaysWithin(ctx, from.date, to.date),
      });
    }
  });
  return { gaps, held: heldOn.size };
}

function followUpCadence(ctx: Context): CriterionResult {
  const is = judge(ctx, 'follow-up-cadence');
  const every = ctx.dossier.trajectory.schedule.followUpEveryDays;
  const measured = cadenceGaps(ctx);
  if (!measured || !Number.isFinite(every) || every < 1) return is.notDue('follow-up');
  // Planned dates on a weekend move to Monday, so a cadence of a few days allows two days more.
  const limit = Math.max(Math.floor(CADENCE_TOLERANCE * every), every + 2);
  const tooLong = measured.gaps.filter((gap) => gap.days > limit);
  if (tooLong.length > 0) {
    const anchorName = (anchor: Anchor) =>
      anchor.kind === 'start'
        ? message(ctx, 'completeness.follow-up-cadence.start', { date: day(ctx, anchor.date) })
        : anchor.kind === 'end'
          ? message(ctx, 'completeness.follow-up-cadence.end', { date: day(ctx, anchor.date) })
          : day(ctx, anchor.date);
    const gaps = tooLong
      .map((gap) =>
        gap.to.kind === 'now'
          ? message(ctx, 'completeness.follow-up-cadence.openGap', {
              days: gap.days,
              from: anchorName(gap.from),
            })
          : message(ctx, 'completeness.follow-up-cadence.gap', {
              days: gap.days,
              from: anchorName(gap.from),
              to: anchorName(gap.to),
            }),
      )
      .join('; ');
    return is.fail('completeness.follow-up-cadence.gaps', 'completeness.follow-up-cadence.todo', {
      every,
      limit,
      gaps,
    });
  }
  const longest = measured.gaps.reduce((max, gap) => Math.max(max, gap.days), 0);
  return is.pass('completeness.follow-up-cadence.pass', { held: measured.held, longest, limit });
}

function followUpSummaries(ctx: Context): CriterionResult {
  const is = judge(ctx, 'follow-up-summaries');
  const held = tasksOf(ctx, 'follow-up', answered);
  if (held.length === 0) {
    if (ctx.finished) {
      return is.fail('completeness.follow-up-summaries.none', 'completeness.follow-up-cadence.todo');
    }
    if (!termStarted(ctx)) return is.notDue('follow-up');
    return ctx.cancelled ? is.notDue('follow-up') : is.wait('completeness.follow-up-summaries.waiting');
  }
  const missing = held.filter((task) => !mailSent(ctx, 'follow-up-summary', task.id));
  if (missing.length > 0) {
    const meetings = missing
      .map((task) => message(ctx, 'completeness.meeting', { number: task.meeting ?? task.id }))
      .join(', ');
    return is.fail('completeness.follow-up-summaries.missing', 'completeness.follow-up-summaries.todo', {
      meetings,
    });
  }
  return is.pass('completeness.follow-up-summaries.pass', { count: held.length });
}

/**
 * The evaluations HR confirmed, each with the confirmation: a confirmation is asked for each
 * evaluation in turn, so the n-th answered confirmation is of the n-th answered evaluation.
 */
function confirmedEvaluations(ctx: Context): Task[] {
  const evaluations = tasksOf(ctx, 'evaluation', answered);
  return tasksOf(ctx, 'decision-confirmation', answered).flatMap((confirmation, index) => {
    const evaluation = evaluations[index];
    return evaluation && record(confirmation.response).decision === 'approve' ? [evaluation] : [];
  });
}

/**
 * Hoor en wederhoor: after every follow-up report and every evaluation HR confirmed, the employee
 * was invited to add their own reaction. Being offered is what counts; a reaction the employee
 * chose not to give is no gap in the dossier, a report that never offered one is. Self-assessments
 * given before a follow-up are counted with them; one not given is no gap either.
 */
function employeeHeard(ctx: Context): CriterionResult {
  const is = judge(ctx, 'employee-heard');
  const reports = [...tasksOf(ctx, 'follow-up', answered), ...confirmedEvaluations(ctx)];
  if (reports.length === 0) {
    if (ctx.finished) {
      return is.fail('completeness.employee-heard.none', 'completeness.employee-heard.todo');
    }
    if (!termStarted(ctx) || ctx.cancelled) return is.notDue('follow-up');
    return is.wait('completeness.employee-heard.waiting');
  }
  const reactionTo = (report: Task) =>
    ctx.tasks.find(
      (task) =>
        (task.kind === 'follow-up-reaction' || task.kind === 'evaluation-reaction') &&
        task.about === report.id,
    );
  const missing = reports.filter((report) => !reactionTo(report));
  if (missing.length > 0) {
    const names = missing
      .map((report) =>
        report.kind === 'follow-up'
          ? message(ctx, 'completeness.meeting', { number: report.meeting ?? report.id })
          : message(ctx, 'completeness.employee-heard.evaluation', {
              date: instantDay(ctx, report.completedAt ?? report.openedAt),
            }),
      )
      .join(', ');
    return is.fail('completeness.employee-heard.missing', 'completeness.employee-heard.todo', {
      reports: names,
    });
  }
  const reacted = reports.filter((report) => {
    const reaction = reactionTo(report);
    return reaction !== undefined && answered(reaction);
  }).length;
  // A self-assessment before a follow-up is heard too; one left unused, like a reaction, is no gap.
  const assessed = tasksOf(ctx, 'self-assessment', answered).length;
  const pass = message(ctx, 'completeness.employee-heard.pass', { offered: reports.length, reacted });
  return is.say(
    'pass',
    assessed > 0 ? `${pass} ${message(ctx, 'completeness.employee-heard.selfAssessed', { assessed })}` : pass,
  );
}

function evaluationPerGoal(ctx: Context): CriterionResult {
  const is = judge(ctx, 'evaluation-per-goal');
  const evaluations = tasksOf(ctx, 'evaluation', answered);
  const goalCount = goalsOf(ctx).length;
  if (evaluations.length === 0) {
    if (ctx.finished) {
      return is.fail('completeness.evaluation-per-goal.none', 'completeness.evaluation-per-goal.todo');
    }
    return is.notDue('evaluation');
  }
  const missing = new Set<number>();
  for (const evaluation of evaluations) {
    const covered = new Set(
      list(record(evaluation.response).results)
        .map(record)
        .filter((line) => typeof line.outcome === 'string' && line.outcome !== '')
        .map((line) => line.goal)
        .filter(isIndex),
    );
    for (let goal = 0; goal < goalCount; goal++) if (!covered.has(goal)) missing.add(goal);
  }
  if (missing.size > 0) {
    return is.fail('completeness.evaluation-per-goal.missing', 'completeness.evaluation-per-goal.todo', {
      goals: goalNames(
        ctx,
        [...missing].sort((a, b) => a - b),
      ),
    });
  }
  return is.pass('completeness.evaluation-per-goal.pass', { count: goalCount });
}

function hrConfirmedDecision(ctx: Context): CriterionResult {
  const is = judge(ctx, 'hr-confirmed-decision');
  const evaluation = latestOf(ctx, 'evaluation', answered);
  if (!evaluation) {
    if (ctx.finished) {
      return is.fail('completeness.hr-confirmed-decision.fail', 'completeness.hr-confirmed-decision.todo');
    }
    return is.notDue('evaluation');
  }
  const confirmed = confirmedDecisions(ctx)
    .filter((entry) => entry.evaluation === evaluation)
    .at(-1);
  if (confirmed) {
    return is.pass('completeness.hr-confirmed-decision.pass', {
      decision: decisionName(ctx, confirmed.decision),
      date: instantDay(ctx, confirmed.confirmation.completedAt),
    });
  }
  if (ctx.finished) {
    return is.fail('completeness.hr-confirmed-decision.fail', 'completeness.hr-confirmed-decision.todo');
  }
  if (ctx.cancelled) return is.notDue('evaluation');
  const review = latestOf(
    ctx,
    'decision-confirmation',
    (task) => answered(task) && task.openedAt >= evaluation.openedAt,
  );
  return awaitingHr(is, review, 'hr-confirmed-decision');
}

function redeployment(ctx: Context): CriterionResult {
  const is = judge(ctx, 'redeployment');
  const { trajectory } = ctx.dossier;
  const final = confirmedDecisions(ctx)
    .filter((entry) => entry.decision !== 'extend')
    .at(-1);
  const decision = final?.decision ?? trajectory.decision;
  if (decision === 'successful') {
    return is.pass('completeness.redeployment.notApplicable');
  }
  if (decision === 'unsuccessful' || trajectory.status === 'ended') {
    const considered = record(record(final?.confirmation.response).redeployment);
    if (considered.considered === true) {
      return is.pass('completeness.redeployment.pass', { outcome: text(considered.outcome) });
    }
    const key =
      considered.considered === false
        ? 'completeness.redeployment.notConsidered'
        : 'completeness.redeployment.missing';
    return is.fail(key, 'completeness.redeployment.todo');
  }
  if (ctx.cancelled) return is.notDue('evaluation');
  // An unsuccessful evaluation waiting for HR: the moment to look into redeployment is now.
  if (decisionOf(latestOf(ctx, 'evaluation', answered)) === 'unsuccessful') {
    return is.wait('completeness.redeployment.waiting', undefined, 'completeness.redeployment.waitingTodo');
  }
  return is.wait('completeness.redeployment.notYet');
}

function outcomeInformed(ctx: Context): CriterionResult {
  const is = judge(ctx, 'outcome-informed');
  const confirmed = confirmedDecisions(ctx);
  if (confirmed.length === 0) {
    if (ctx.finished) {
      return is.fail('completeness.outcome-informed.none', 'completeness.outcome-informed.todo');
    }
    if (ctx.cancelled || tasksOf(ctx, 'evaluation', answered).length === 0) return is.notDue('evaluation');
    return is.wait('completeness.outcome-informed.waiting');
  }
  const missing = confirmed.filter((entry) => !mailSent(ctx, 'outcome', entry.confirmation.id));
  if (missing.length > 0) {
    return is.fail('completeness.outcome-informed.missing', 'completeness.outcome-informed.todo', {
      decision: missing.map((entry) => decisionName(ctx, entry.decision)).join(', '),
    });
  }
  const last = confirmed.at(-1)!;
  const mail = mailSent(ctx, 'outcome', last.confirmation.id);
  return is.pass('completeness.outcome-informed.pass', {
    decision: decisionName(ctx, last.decision),
    date: instantDay(ctx, mail?.at),
  });
}

function aftercare(ctx: Context): CriterionResult {
  const is = judge(ctx, 'aftercare');
  const { trajectory } = ctx.dossier;
  const done = latestOf(ctx, 'aftercare', answered);
  if (done) return is.pass('completeness.aftercare.pass', { date: instantDay(ctx, done.completedAt) });
  if (trajectory.decision === 'unsuccessful' || trajectory.status === 'ended') {
    return is.pass('completeness.aftercare.notRequired');
  }
  if (trajectory.decision !== 'successful') return is.notDue('aftercare');
  if (ctx.finished) {
    return is.fail('completeness.aftercare.missing', 'completeness.aftercare.todo');
  }
  if (ctx.cancelled) return is.notDue('aftercare');
  const open = latestOf(ctx, 'aftercare', (task) => task.status === 'open');
  if (open && Date.parse(open.dueAt) < Date.parse(ctx.now)) {
    return is.warn('completeness.aftercare.overdue', 'completeness.aftercare.todo', {
      dueAt: instantDay(ctx, open.dueAt),
    });
  }
  return is.wait('completeness.aftercare.planned');
}

const CRITERIA: Record<CriterionId, (ctx: Context) => CriterionResult> = {
  'improvement-areas': improvementAreas,
  conversation,
  'causes-followed-up': causesFollowedUp,
  'smart-goals': smartGoals,
  support,
  'hr-approved-plan': hrApprovedPlan,
  'consequence-statement': consequenceStatement,
  'plan-acknowledged': planAcknowledged,
  'term-length': termLength,
  'follow-up-cadence': followUpCadence,
  'follow-up-summaries': followUpSummaries,
  'evaluation-per-goal': evaluationPerGoal,
  'hr-confirmed-decision': hrConfirmedDecision,
  redeployment,
  'outcome-informed': outcomeInformed,
  'employee-heard': employeeHeard,
  aftercare,
};

/**
 * Judges the dossier on every criterion, at `options.now`. Criteria not yet reachable at the
 * trajectory's current point are `pending`; the overall status is the worst of the others.
 */
export function assessCompleteness(dossier: Dossier, options: CompletenessOptions = {}): Completeness {
  const ctx = context(dossier, options);
  const criteria = CRITERION_IDS.map((id) => CRITERIA[id](ctx));
  const status = criteria.reduce<Completeness['status']>(
    (worst, criterion) =>
      criterion.status !== 'pending' && SEVERITY[criterion.status] > SEVERITY[worst]
        ? criterion.status
        : worst,
    'pass',
  );
  return { status, criteria };
}
