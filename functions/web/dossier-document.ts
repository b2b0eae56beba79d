/**
 * The dossier as a document: the one model that both the PDF (dossier-pdf.ts) and the printable
 * page (dossier-print.ts) render, so the two can never disagree about what the dossier says.
 * Pure: a function of the dossier, the time it is drawn up and the language. All text is final
 * (translated, dates formatted in Europe/Amsterdam); a renderer only lays it out.
 *
 * What goes in is what Dutch employment law looks for when a dismissal for unsuitability is
 * judged: the people and the reason, the improvement areas with their examples, the
 * conversation with the employee's own view and response, every version of the plan with HR's
 * review of each, its receipt (and, apart from it, agreement), every follow-up with the progress
 * per goal and the employee's reaction to it, the support offered and given, every evaluation with
 * HR's confirmation and the employee's reaction to it, the aftercare, the exhibits and the timeline of every event.
 *
 * It is the neutral record of what happened (docs/exports.md): every report carries the date it
 * was recorded beside the date it is about, every version of the plan is in it with HR's comments
 * between them, a person who acted is named (not only their role), and every mail says to whom it
 * went. The completeness assessment is not part of it: that is HR's internal report
 * (`buildCompletenessDocument`). `audience: 'employee'` is the employee's own copy (AVG art. 15):
 * the same record without what HR keeps for itself (functions/core/employee-copy.ts).
 *
 * The sections are a list (`DOSSIER_SECTIONS`), each naming the task kinds whose answers it
 * shows: a new kind of task gets a section by adding one entry, and a test holds every kind to
 * having one.
 */
import { assessCompleteness, criterionNameKey, criterionStatusKey } from '#core/completeness.ts';
import { formatDay, formatInstant } from '#core/dates-in-words.ts';
import type { Dossier, Goal, Locale, Task, TaskKind } from '#core/model.ts';
import { amsterdamDate, TIME_ZONE } from '#core/schedule.ts';
import { needsAttention } from '#core/trajectory.ts';
import { supportLedger, type SupportEntry } from '#core/support-ledger.ts';
import { phaseKey, statusKey, translator } from '#shared/i18n/catalogue.ts';
import { completenessMessages } from '#shared/i18n/completeness.ts';
import { labelMessages } from '#shared/i18n/labels.ts';
import { exportMessages } from '#shared/i18n/export.ts';
import { retentionMessages } from '#shared/i18n/retention.ts';
import { filesMessages } from '#shared/i18n/files.ts';
import { fairMessages } from '#shared/i18n/fair.ts';
import { planChangeMessages } from '#shared/i18n/plan-change.ts';
import { goalsInForceAt } from '#core/plan-change.ts';
import type { EvidenceFile } from '#core/files.ts';
import { employeeDossier } from '#core/employee-copy.ts';
import { personName, taskName, timelineEntries } from './dossier-timeline.ts';

const t = /* @__PURE__ */ translator(
  labelMessages,
  exportMessages,
  completenessMessages,
  retentionMessages,
  filesMessages,
  fairMessages,
  planChangeMessages,
);
type MessageKey = Parameters<typeof t>[1];

/** A part of a section; each renderer has one way of laying out each kind. */
export type Block =
  /**
   * A heading inside a section (a conversation, a plan version, a review); `level` 2 is one under
   * such a heading (a goal of a plan version).
   */
  | { kind: 'heading'; text: string; level?: 2 }
  /** Label–value pairs. */
  | { kind: 'fields'; rows: readonly (readonly [string, string])[] }
  /** Free text someone wrote, with an optional label above it. */
  | { kind: 'text'; label?: string; text: string }
  | { kind: 'list'; items: readonly string[] }
  /** `widths`: relative column widths (a renderer may ignore them); default all equal. */
  | {
      kind: 'table';
      head: readonly string[];
      rows: readonly (readonly string[])[];
      widths?: readonly number[];
    };

export interface DocumentSection {
  /** Stable id (`conversation`, `timeline`, ...): anchors in HTML, and what tests look for. */
  id: string;
  title: string;
  blocks: Block[];
}

export interface DossierDocument {
  locale: Locale;
  /** The trajectory id, for file names and the document's metadata. */
  trajectoryId: string;
  title: string;
  /** The employee's name: whose dossier this is. */
  subject: string;
  /** "Drawn up on ..." */
  generated: string;
  sections: DocumentSection[];
}

export interface DocumentOptions {
  /** When the document is drawn up; the completeness check is judged at this moment too. */
  now: Date;
  /** Default: the trajectory's own language. */
  locale?: Locale;
  /** `employee`: the employee's own copy, without HR's internal data. Default `hr`. */
  audience?: Audience;
}

/** Who reads the document: HR and the manager, or the employee (their own copy). */
export type Audience = 'hr' | 'employee';

// The task responses as stored (validated at the edge). Read defensively: a dossier written
// before a field existed simply lacks it.
interface ConversationResponse {
  heldOn?: string;
  summary?: string;
  employeePerspective?: string;
  agreements?: string;
}
interface ApprovalResponse {
  decision?: 'approve' | 'revise';
  comments?: string;
  redeployment?: { considered?: boolean; outcome?: string };
  /** HR confirmed an unsuccessful end the dossier did not carry (core/dossier-rules.ts). */
  override?: { reason?: string; rules?: string[] };
}
interface AcknowledgementResponse {
  acknowledged?: boolean;
  comments?: string;
  agreement?: 'agree' | 'partly' | 'disagree';
}
interface FollowUpResponse {
  heldOn?: string;
  summary?: string;
  progress?: { goal: number; status: 'on-track' | 'at-risk' | 'off-track'; notes?: string }[];
}
interface EvaluationResponse {
  summary?: string;
  results?: { goal: number; outcome: 'achieved' | 'partially' | 'not-achieved'; notes?: string }[];
  decision?: 'successful' | 'extend' | 'unsuccessful';
  extendWeeks?: number;
  explanation?: string;
}
interface AftercareResponse {
  employeeNotes?: string;
  teamNotes?: string;
}
interface PlanResponse {
  goals?: Goal[];
}

const compactFormats = new Map<Locale, Intl.DateTimeFormat>();

/** An instant for a table cell: "2 mrt 2026, 09:00" in Amsterdam time. */
export function compactInstant(iso: string, locale: Locale): string {
  let format = compactFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
      timeZone: TIME_ZONE,
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    compactFormats.set(locale, format);
  }
  return format.format(new Date(iso));
}

const byTime = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The number a task's id ends in (`plan-2` → 2): tasks of a kind are numbered as they open. */
const taskNumber = (task: Task): number => Number(/(\d+)$/.exec(task.id)?.[1] ?? 0);

/** Tasks of `kind` that were answered, in the order they were answered. */
function answered(tasks: readonly Task[], kind: TaskKind): Task[] {
  return tasks
    .filter((task) => task.kind === kind && task.status === 'done' && task.response !== undefined)
    .sort(
      (a, b) =>
        byTime(a.completedAt ?? a.openedAt, b.completedAt ?? b.openedAt) ||
        byTime(a.openedAt, b.openedAt) ||
        taskNumber(a) - taskNumber(b),
    );
}

/**
 * Each answer followed by the review of it: a review is asked for each answer in turn (a plan and
 * HR's approval of it, an evaluation and HR's confirmation), so the n-th review is of the n-th
 * answer, whatever the clock said.
 */
function withReviews(answers: readonly Task[], reviews: readonly Task[]): Task[] {
  const count = Math.max(answers.length, reviews.length);
  return Array.from({ length: count }, (_, index) => [answers[index], reviews[index]]).flatMap((pair) =>
    pair.filter((task): task is Task => task !== undefined),
  );
}

const responseOf = <T>(task: Task): T => (task.response ?? {}) as T;
const doneAt = (task: Task): string => task.completedAt ?? task.openedAt;

const keyOr = (locale: Locale, key: string, fallback: string): string =>
  t.has(key) ? t(locale, key as MessageKey) : fallback;

/** The goals a report was written against: the plan in force when it was recorded. */
function goalsOf(dossier: Dossier, task: Task): readonly Goal[] {
  return goalsInForceAt(dossier.tasks, task.completedAt ?? task.openedAt, dossier.trajectory.goals);
}

/** A table of one line per goal: the goal's name, then a status or outcome and the notes. */
function goalTable<L extends { goal: number }>(
  locale: Locale,
  goals: readonly Goal[],
  statusHead: 'export.col.status' | 'export.col.outcome',
  lines: readonly L[],
  cells: (line: L) => readonly [string, string],
): Block {
  return {
    kind: 'table',
    widths: [3, 1.3, 4],
    head: [t(locale, 'export.col.goal'), t(locale, statusHead), t(locale, 'export.col.notes')],
    rows: lines.map((line) => [goalName(locale, goals, line.goal), ...cells(line)]),
  };
}

function goalName(locale: Locale, goals: readonly Goal[], index: number): string {
  const goal = goals[index];
  return goal
    ? t(locale, 'export.goal.title', { n: index + 1, title: goal.title })
    : t(locale, 'export.goal.number', { n: index + 1 });
}

/** A section; an empty one says "not recorded" rather than disappearing from the document. */
function section(locale: Locale, id: string, titleKey: MessageKey, blocks: Block[]): DocumentSection {
  return {
    id,
    title: t(locale, titleKey),
    blocks: blocks.length > 0 ? blocks : [{ kind: 'text', text: t(locale, 'export.none') }],
  };
}

function overview(locale: Locale, dossier: Dossier, audience: Audience): DocumentSection {
  const { trajectory } = dossier;
  const person = (p: { name: string; email: string }) => `${p.name} <${p.email}>`;
  const rows: [string, string][] = [
    [t(locale, 'role.employee'), person(trajectory.employee)],
    [t(locale, 'role.manager'), person(trajectory.manager)],
    [t(locale, 'role.hr'), person(trajectory.hrAdvisor)],
    [t(locale, 'export.field.status'), t(locale, statusKey(trajectory.status))],
    [t(locale, 'export.field.phase'), t(locale, phaseKey(trajectory.phase))],
  ];
  // Whether HR should look is a question about a running trajectory only, and HR's alone.
  if (trajectory.status === 'active' && audience === 'hr') {
    rows.push([
      t(locale, 'export.field.attention'),
      t(locale, needsAttention(trajectory) ? 'export.yes' : 'export.no'),
    ]);
  }
  rows.push([t(locale, 'export.field.created'), formatInstant(trajectory.createdAt, locale)]);
  rows.push(...termRows(locale, dossier));
  if (trajectory.pausedAt) {
    rows.push([t(locale, 'export.field.paused'), formatInstant(trajectory.pausedAt, locale)]);
  }
  if (trajectory.closedAt) {
    rows.push([t(locale, 'export.field.closed'), formatInstant(trajectory.closedAt, locale)]);
  }
  if (trajectory.employmentEndedOn) {
    rows.push([t(locale, 'export.field.employmentEnded'), formatDay(trajectory.employmentEndedOn, locale)]);
  }
  if (trajectory.legalHold) {
    rows.push([t(locale, 'export.field.legalHold'), formatInstant(trajectory.legalHold.placedAt, locale)]);
  }
  return section(locale, 'overview', 'export.section.overview', [
    { kind: 'fields', rows },
    { kind: 'text', label: t(locale, 'export.field.reason'), text: trajectory.reason },
  ]);
}

const dayOfInstant = (iso: string, locale: Locale): string => formatDay(amsterdamDate(new Date(iso)), locale);

/** Each term with its first and last day, from the events that started them. */
function termRows(locale: Locale, dossier: Dossier): [string, string][] {
  const starts = dossier.events
    .filter((event) => event.type === 'term-started')
    .sort((a, b) => byTime(a.at, b.at));
  if (starts.length === 0) {
    return [[t(locale, 'export.field.term'), t(locale, 'export.term.notStarted')]];
  }
  return starts.map((event, index) => {
    const n = typeof event.data?.term === 'number' ? event.data.term : index + 1;
    const endsAt =
      typeof event.data?.endsAt === 'string'
        ? event.data.endsAt
        : index === starts.length - 1
          ? dossier.trajectory.termEndsAt
          : undefined;
    return [
      t(locale, 'export.field.termN', { n }),
      endsAt
        ? t(locale, 'export.term.range', {
            from: dayOfInstant(event.at, locale),
            to: dayOfInstant(endsAt, locale),
          })
        : dayOfInstant(event.at, locale),
    ];
  });
}

function improvementAreas(locale: Locale, dossier: Dossier): DocumentSection {
  return section(
    locale,
    'improvement-areas',
    'export.section.areas',
    dossier.trajectory.improvementAreas.flatMap((area): Block[] => [
      { kind: 'heading', text: area.title },
      { kind: 'list', items: area.examples },
    ]),
  );
}

function conversation(locale: Locale, dossier: Dossier): DocumentSection {
  const blocks: Block[] = [];
  for (const task of answered(dossier.tasks, 'conversation')) {
    const answer = responseOf<ConversationResponse>(task);
    blocks.push(
      {
        kind: 'heading',
        text: t(locale, 'export.conversation.title', { day: formatDay(answer.heldOn ?? '', locale) }),
      },
      {
        kind: 'fields',
        rows: [[t(locale, 'export.conversation.recorded'), formatInstant(doneAt(task), locale)]],
      },
      { kind: 'text', label: t(locale, 'export.conversation.summary'), text: answer.summary ?? '' },
      {
        kind: 'text',
        label: t(locale, 'export.conversation.perspective'),
        text: answer.employeePerspective ?? '',
      },
      { kind: 'text', label: t(locale, 'export.conversation.agreements'), text: answer.agreements ?? '' },
      ...causeBlocks(locale, dossier, task),
    );
  }
  for (const task of dossier.tasks.filter((task) => task.kind === 'employee-response')) {
    if (task.status === 'done' && task.response !== undefined) {
      blocks.push({
        kind: 'text',
        label: t(locale, 'export.conversation.response', { at: formatInstant(doneAt(task), locale) }),
        text: responseOf<{ response?: string }>(task).response ?? '',
      });
    } else if (task.status === 'no-response') {
      blocks.push({
        kind: 'text',
        text: t(locale, 'export.conversation.noResponse', { at: formatInstant(task.dueAt, locale) }),
      });
    }
  }
  return section(locale, 'conversation', 'export.section.conversation', blocks);
}

function goalBlocks(locale: Locale, goals: readonly Goal[]): Block[] {
  return goals.flatMap((goal, index): Block[] => [
    {
      kind: 'heading',
      level: 2,
      text: t(locale, 'export.goal.title', { n: index + 1, title: goal.title }),
    },
    {
      kind: 'fields',
      rows: [
        [t(locale, 'export.goal.specific'), goal.specific],
        [t(locale, 'export.goal.measure'), goal.measure],
        [t(locale, 'export.goal.target'), goal.target],
        [t(locale, 'export.goal.deadline'), formatDay(goal.deadline, locale)],
        [t(locale, 'export.goal.support'), goal.support],
      ],
    },
  ]);
}

/**
 * Every version of the plan in the order it was written, each followed by HR's review of it: a
 * plan sent back, HR's comments, the revision they led to. The last version approved is the plan
 * in force. A dossier from before versions were kept shows the trajectory's goals.
 */
function plan(locale: Locale, dossier: Dossier): DocumentSection {
  const versions = answered(dossier.tasks, 'plan');
  if (versions.length === 0) {
    return section(locale, 'plan', 'export.section.plan', goalBlocks(locale, dossier.trajectory.goals));
  }
  const steps = withReviews(versions, answered(dossier.tasks, 'plan-approval'));
  let version = 0;
  const changes = new Set<number>();
  const blocks = steps.flatMap((task): Block[] => {
    if (task.kind === 'plan-approval') return hrReview(locale, task, 'export.approval.title');
    version += 1;
    const at = formatInstant(doneAt(task), locale);
    const { change } = task;
    // A change of the acknowledged plan opens with HR's request and its reason, once.
    const request: Block[] =
      change && !changes.has(change.number)
        ? [
            {
              kind: 'heading',
              text: t(locale, 'planChange.export.requested', {
                number: change.number,
                at: formatInstant(task.openedAt, locale),
              }),
            },
            { kind: 'text', label: t(locale, 'planChange.reason'), text: change.reason },
          ]
        : [];
    if (change) changes.add(change.number);
    return [
      ...request,
      {
        kind: 'heading',
        text: change
          ? t(locale, 'planChange.export.version', { n: version, number: change.number, at })
          : t(locale, 'export.plan.version', { n: version, at }),
      },
      ...goalBlocks(locale, responseOf<PlanResponse>(task).goals ?? []),
    ];
  });
  blocks.push(...consequenceBlocks(locale, dossier));
  return section(locale, 'plan', 'export.section.plan', blocks);
}

function acknowledgements(locale: Locale, dossier: Dossier): DocumentSection {
  const blocks: Block[] = [];
  for (const task of dossier.tasks.filter((task) => task.kind === 'plan-acknowledgement')) {
    // The acknowledgement of a changed plan says which change it received.
    if (task.change)
      blocks.push({ kind: 'heading', text: t(locale, 'planChange.title', { number: task.change.number }) });
    if (task.status === 'done' && task.response !== undefined) {
      const answer = responseOf<AcknowledgementResponse>(task);
      blocks.push({
        kind: 'heading',
        text: t(locale, 'export.ack.received', { at: formatInstant(doneAt(task), locale) }),
      });
      // Receipt is not agreement: the agreement is its own line, also when it was left open.
      const agreement = answer.agreement
        ? keyOr(locale, `export.agreement.${answer.agreement}`, answer.agreement)
        : t(locale, 'export.agreement.open');
      blocks.push({ kind: 'fields', rows: [[t(locale, 'export.ack.agreement'), agreement]] });
      if (answer.comments)
        blocks.push({ kind: 'text', label: t(locale, 'export.ack.comments'), text: answer.comments });
    } else if (task.status === 'no-response') {
      blocks.push({
        kind: 'text',
        text: t(locale, 'export.ack.lapsed', { at: formatInstant(task.dueAt, locale) }),
      });
    } else if (task.status === 'open') {
      blocks.push({ kind: 'text', text: t(locale, 'export.ack.open') });
    }
    blocks.push(...disagreementAnswer(locale, dossier, task.id));
  }
  blocks.push(...receiptBlocks(locale, dossier));
  return section(locale, 'acknowledgements', 'export.section.acknowledgements', blocks);
}

/**
 * The employee's reaction to a report: what they wrote, or that they were invited and let it pass.
 * Nothing when no reaction was offered (a report recorded before reactions existed).
 */
function reactionBlocks(locale: Locale, dossier: Dossier, reportId: string): Block[] {
  const task = dossier.tasks.find(
    (candidate) =>
      (candidate.kind === 'follow-up-reaction' || candidate.kind === 'evaluation-reaction') &&
      candidate.about === reportId,
  );
  if (!task) return [];
  if (task.status === 'done' && task.response !== undefined) {
    return writtenAnswer(locale, task, 'export.reaction.given', 'reaction');
  }
  const at = formatInstant(task.dueAt, locale);
  if (task.status === 'no-response')
    return [{ kind: 'text', text: t(locale, 'export.reaction.lapsed', { at }) }];
  if (task.status === 'open') return [{ kind: 'text', text: t(locale, 'export.reaction.open', { at }) }];
  return [{ kind: 'text', text: t(locale, 'export.reaction.closed') }];
}

/** Every hand-over in person HR recorded: what, when, before whom, and whether the employee signed. */
function receiptBlocks(locale: Locale, dossier: Dossier): Block[] {
  return dossier.events
    .filter((event) => event.type === 'receipt-recorded')
    .flatMap((event): Block[] => {
      const data = event.data ?? {};
      const document = keyOr(locale, `fair.receipt.document.${String(data.document)}`, String(data.document));
      const lines = [
        typeof data.witness === 'string' ? t(locale, 'fair.receipt.witness', { witness: data.witness }) : '',
        t(locale, data.refusedToSign === true ? 'fair.receipt.refused' : 'fair.receipt.signed'),
        typeof data.note === 'string' ? data.note : '',
      ].filter(Boolean);
      return [
        {
          kind: 'text',
          label: t(locale, 'fair.receipt.line', {
            document,
            day: formatDay(typeof data.handedOverOn === 'string' ? data.handedOverOn : '', locale),
          }),
          text: lines.join('\n'),
        },
      ];
    });
}

/** The plan's consequence statement, as HR approved it and the employee received it. */
function consequenceBlocks(locale: Locale, dossier: Dossier): Block[] {
  const statement = dossier.trajectory.consequenceStatement;
  return [
    { kind: 'heading', text: t(locale, 'fair.consequence.title') },
    statement
      ? { kind: 'text', text: statement }
      : { kind: 'text', text: t(locale, 'fair.consequence.missing') },
  ];
}

/**
 * The possible causes a conversation recorded, who named each, and HR's follow-up of those that
 * call for it. Nothing for a conversation recorded before causes were asked for.
 */
function causeBlocks(locale: Locale, dossier: Dossier, conversationTask: Task): Block[] {
  const answer = responseOf<{ causes?: { cause: string; namedBy: string }[]; causesNote?: string }>(
    conversationTask,
  );
  if (answer.causes === undefined && answer.causesNote === undefined) return [];
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: t(locale, 'fair.causes.title') }];
  if (!answer.causes?.length) blocks.push({ kind: 'text', text: t(locale, 'fair.causes.none') });
  else {
    blocks.push({
      kind: 'text',
      text: answer.causes
        .map(({ cause, namedBy }) =>
          t(locale, 'fair.cause.line', {
            cause: keyOr(locale, `fair.cause.${cause}`, cause),
            namedBy: keyOr(locale, `fair.namedBy.${namedBy}`, namedBy),
          }),
        )
        .join('\n'),
    });
  }
  if (answer.causesNote)
    blocks.push({ kind: 'text', label: t(locale, 'fair.causes.note'), text: answer.causesNote });
  const followUp = dossier.tasks.find(
    (candidate) => candidate.kind === 'cause-follow-up' && candidate.about === conversationTask.id,
  );
  if (!followUp) return blocks;
  const at = formatInstant(followUp.dueAt, locale);
  if (followUp.status === 'done' && followUp.response !== undefined) {
    blocks.push({
      kind: 'text',
      label: t(locale, 'fair.causeFollowUp.answered', { at: formatInstant(doneAt(followUp), locale) }),
      text: responseOf<{ action?: string }>(followUp).action ?? '',
    });
  } else if (followUp.status === 'open')
    blocks.push({ kind: 'text', text: t(locale, 'fair.causeFollowUp.open', { at }) });
  else if (followUp.status === 'no-response')
    blocks.push({ kind: 'text', text: t(locale, 'fair.causeFollowUp.lapsed', { at }) });
  else blocks.push({ kind: 'text', text: t(locale, 'fair.causeFollowUp.closed') });
  return blocks;
}

/** The text an answered task gave in `field`, under `label` saying when (`{at}`). */
function writtenAnswer(
  locale: Locale,
  task: Task,
  label: 'export.reaction.given' | 'export.disagreement.answered',
  field: 'reaction' | 'response',
): Block[] {
  const text = responseOf<Partial<Record<typeof field, string>>>(task)[field] ?? '';
  return [{ kind: 'text', label: t(locale, label, { at: formatInstant(doneAt(task), locale) }), text }];
}

/** HR's answer to an employee who disagreed with the plan, or that it is still awaited. */
function disagreementAnswer(locale: Locale, dossier: Dossier, acknowledgementId: string): Block[] {
  const task = dossier.tasks.find(
    (candidate) => candidate.kind === 'disagreement-response' && candidate.about === acknowledgementId,
  );
  if (!task) return [];
  if (task.status === 'done' && task.response !== undefined) {
    return writtenAnswer(locale, task, 'export.disagreement.answered', 'response');
  }
  if (task.status === 'open') {
    return [
      {
        kind: 'text',
        text: t(locale, 'export.disagreement.open', { at: formatInstant(task.dueAt, locale) }),
      },
    ];
  }
  return [{ kind: 'text', text: t(locale, 'export.disagreement.closed') }];
}

const progressLabel = (locale: Locale, status: string) => keyOr(locale, `export.progress.${status}`, status);

function followUps(locale: Locale, dossier: Dossier): DocumentSection {
  const blocks = answered(dossier.tasks, 'follow-up').flatMap((task): Block[] => {
    const answer = responseOf<FollowUpResponse>(task);
    const goals = goalsOf(dossier, task);
    return [
      {
        kind: 'heading',
        text: t(locale, 'export.followUp.title', {
          n: task.meeting ?? '',
          day: formatDay(answer.heldOn ?? '', locale),
        }),
      },
      // The date it is about is in the heading; the date it was recorded stands beside it.
      {
        kind: 'fields',
        rows: [[t(locale, 'export.followUp.recorded'), formatInstant(doneAt(task), locale)]],
      },
      { kind: 'text', label: t(locale, 'export.followUp.summary'), text: answer.summary ?? '' },
      goalTable(locale, goals, 'export.col.status', answer.progress ?? [], (line) => [
        progressLabel(locale, line.status),
        line.notes ?? '',
      ]),
      ...selfAssessmentBlocks(locale, dossier, task.id),
      ...reactionBlocks(locale, dossier, task.id),
    ];
  });
  return section(locale, 'follow-ups', 'export.section.followUps', blocks);
}

/**
 * The employee's self-assessment before a follow-up, under that follow-up: per goal and their
 * note, or that they were invited and let it pass. Nothing for a follow-up that offered none.
 */
function selfAssessmentBlocks(locale: Locale, dossier: Dossier, reportId: string): Block[] {
  const task = dossier.tasks.find(
    (candidate) => candidate.kind === 'self-assessment' && candidate.about === reportId,
  );
  if (!task || (task.response === undefined && task.status === 'open')) return [];
  if (task.response === undefined) {
    return [{ kind: 'text', text: t(locale, 'export.selfAssessment.notGiven') }];
  }
  const answer = responseOf<{
    goals?: { goal: number; status?: string; note?: string }[];
    note?: string;
  }>(task);
  const goals = goalsOf(dossier, task);
  const blocks: Block[] = [
    {
      kind: 'heading',
      text: t(locale, 'export.selfAssessment.given', { at: formatInstant(doneAt(task), locale) }),
    },
  ];
  if (answer.goals?.length) {
    blocks.push(
      goalTable(locale, goals, 'export.col.status', answer.goals, (line) => [
        // A goal the employee gave a note on without a status of their own.
        progressLabel(locale, line.status ?? 'none'),
        line.note ?? '',
      ]),
    );
  }
  if (answer.note) {
    blocks.push({ kind: 'text', label: t(locale, 'export.selfAssessment.note'), text: answer.note });
  }
  return blocks;
}

/**
 * Rows: the goals; columns: the follow-ups in order; a cell: that meeting's status of that goal.
 * A goal is one row by its title, so a report written before a change of the plan is read against
 * the plan it was written against: the goals in force first, then those a change left out; a goal
 * has a dash where a report gave it no status.
 */
function progressOverTime(locale: Locale, dossier: Dossier): DocumentSection {
  const reports = answered(dossier.tasks, 'follow-up');
  const planOf = new Map(reports.map((task) => [task.id, goalsOf(dossier, task)]));
  const titles = [
    ...new Set([...dossier.trajectory.goals, ...[...planOf.values()].flat()].map((goal) => goal.title)),
  ];
  if (titles.length === 0 || reports.length === 0) {
    return section(locale, 'progress', 'export.section.progress', []);
  }
  const head = [
    t(locale, 'export.col.goal'),
    ...reports.map((task, index) => t(locale, 'export.progress.meeting', { n: task.meeting ?? index + 1 })),
  ];
  const current = dossier.trajectory.goals;
  const rows = titles.map((title, row) => [
    row < current.length ? goalName(locale, current, row) : t(locale, 'planChange.export.dropped', { title }),
    ...reports.map((task) => {
      const goalIndex = (planOf.get(task.id) ?? []).findIndex((goal) => goal.title === title);
      const line = responseOf<FollowUpResponse>(task).progress?.find((entry) => entry.goal === goalIndex);
      return line ? progressLabel(locale, line.status) : '–';
    }),
  ]);
  return section(locale, 'progress', 'export.section.progress', [
    { kind: 'table', head, rows, widths: [3, ...reports.map(() => 1.2)] },
  ]);
}

function support(locale: Locale, dossier: Dossier): DocumentSection {
  const entries: SupportEntry[] = supportLedger(dossier);
  if (entries.length === 0) return section(locale, 'support', 'export.section.support', []);
  const goals = dossier.trajectory.goals;
  return section(locale, 'support', 'export.section.support', [
    {
      kind: 'table',
      widths: [2, 2.2, 1.8, 3, 1.4, 0.8],
      head: [
        t(locale, 'export.support.recorded'),
        t(locale, 'export.col.goal'),
        t(locale, 'export.support.kind'),
        t(locale, 'export.support.description'),
        t(locale, 'export.support.status'),
        t(locale, 'export.support.hours'),
      ],
      rows: entries.map((entry) => [
        compactInstant(entry.recordedAt, locale),
        goalName(locale, goals, entry.goal),
        keyOr(locale, `export.support.kind.${entry.kind}`, entry.kind),
        entry.description,
        keyOr(locale, `export.support.status.${entry.status}`, entry.status),
        entry.hours === undefined ? '' : String(entry.hours),
      ]),
    },
  ]);
}

function hrReview(locale: Locale, task: Task, titleKey: MessageKey): Block[] {
  const answer = responseOf<ApprovalResponse>(task);
  const rows: [string, string][] = [
    [t(locale, 'export.hr.decision'), answer.decision ? t(locale, `export.hr.${answer.decision}`) : ''],
  ];
  if (answer.redeployment) {
    rows.push([
      t(locale, 'export.redeployment.considered'),
      t(locale, answer.redeployment.considered ? 'export.yes' : 'export.no'),
    ]);
  }
  const blocks: Block[] = [
    { kind: 'heading', text: t(locale, titleKey, { at: formatInstant(doneAt(task), locale) }) },
    { kind: 'fields', rows },
  ];
  if (answer.comments)
    blocks.push({ kind: 'text', label: t(locale, 'export.hr.comments'), text: answer.comments });
  if (answer.redeployment?.outcome) {
    blocks.push({
      kind: 'text',
      label: t(locale, 'export.redeployment.outcome'),
      text: answer.redeployment.outcome,
    });
  }
  if (answer.override?.reason) {
    const rules = (answer.override.rules ?? [])
      .map((rule) => keyOr(locale, `completeness.criterion.${rule}`, rule))
      .join('; ');
    blocks.push({
      kind: 'text',
      label: t(locale, 'export.override.reason', { rules }),
      text: answer.override.reason,
    });
  }
  return blocks;
}

/**
 * Every evaluation with its result per goal and the manager's decision, each followed by HR's
 * confirmation of it or the request to revise it, in the order they happened.
 */
function evaluation(locale: Locale, dossier: Dossier): DocumentSection {
  const steps = withReviews(
    answered(dossier.tasks, 'evaluation'),
    answered(dossier.tasks, 'decision-confirmation'),
  );
  // A term ends in an evaluation; only an extension HR confirmed starts the next one.
  let term = 1;
  let extending = false;
  let evaluated: Task | undefined;
  const blocks = steps.flatMap((task): Block[] => {
    if (task.kind === 'decision-confirmation') {
      if (extending && responseOf<ApprovalResponse>(task).decision === 'approve') term += 1;
      // The employee reacts to the evaluation HR confirmed: their word follows the confirmation.
      const reaction = evaluated ? reactionBlocks(locale, dossier, evaluated.id) : [];
      return [...hrReview(locale, task, 'export.confirmation.title'), ...reaction];
    }
    evaluated = task;
    const answer = responseOf<EvaluationResponse>(task);
    const goals = goalsOf(dossier, task);
    extending = answer.decision === 'extend';
    const rows: [string, string][] = [
      [
        t(locale, 'export.evaluation.decision'),
        answer.decision ? t(locale, `export.decision.${answer.decision}`) : '',
      ],
    ];
    if (answer.extendWeeks !== undefined) {
      rows.push([
        t(locale, 'export.evaluation.extendWeeks'),
        t(locale, 'export.evaluation.weeks', { weeks: answer.extendWeeks }),
      ]);
    }
    return [
      {
        kind: 'heading',
        text: t(locale, 'export.evaluation.title', { term, at: formatInstant(doneAt(task), locale) }),
      },
      { kind: 'text', label: t(locale, 'export.evaluation.summary'), text: answer.summary ?? '' },
      goalTable(locale, goals, 'export.col.outcome', answer.results ?? [], (result) => [
        keyOr(locale, `export.result.${result.outcome}`, result.outcome),
        result.notes ?? '',
      ]),
      { kind: 'fields', rows },
      ...(answer.explanation
        ? [
            {
              kind: 'text',
              label: t(locale, 'export.evaluation.explanation'),
              text: answer.explanation,
            } as const,
          ]
        : []),
    ];
  });
  return section(locale, 'evaluation', 'export.section.evaluation', blocks);
}

function aftercare(locale: Locale, dossier: Dossier): DocumentSection {
  const blocks = answered(dossier.tasks, 'aftercare').flatMap((task): Block[] => {
    const answer = responseOf<AftercareResponse>(task);
    return [
      {
        kind: 'heading',
        text: t(locale, 'export.aftercare.title', { at: formatInstant(doneAt(task), locale) }),
      },
      { kind: 'text', label: t(locale, 'export.aftercare.employee'), text: answer.employeeNotes ?? '' },
      { kind: 'text', label: t(locale, 'export.aftercare.team'), text: answer.teamNotes ?? '' },
    ];
  });
  return section(locale, 'aftercare', 'export.section.aftercare', blocks);
}

function completeness(locale: Locale, dossier: Dossier, now: Date): DocumentSection {
  const result = assessCompleteness(dossier, { now: now.toISOString(), locale });
  return section(locale, 'completeness', 'export.section.completeness', [
    { kind: 'text', text: t(locale, 'export.completeness.internal') },
    { kind: 'text', text: t(locale, 'export.completeness.intro') },
    {
      kind: 'text',
      // A cancelled trajectory was never finished: nothing in it can be judged complete.
      text:
        dossier.trajectory.status === 'cancelled'
          ? t(locale, 'export.completeness.cancelled')
          : t(locale, 'export.completeness.overall', {
              status: t(locale, criterionStatusKey(result.status)),
            }),
    },
    {
      kind: 'table',
      widths: [2.2, 1, 3, 3],
      head: [
        t(locale, 'export.completeness.criterion'),
        t(locale, 'export.completeness.status'),
        t(locale, 'export.completeness.reason'),
        t(locale, 'export.completeness.todo'),
      ],
      rows: result.criteria.map((criterion) => [
        t(locale, criterionNameKey(criterion.id)),
        t(locale, criterionStatusKey(criterion.status)),
        criterion.reason,
        criterion.todo ?? '',
      ]),
    },
  ]);
}

/** The files that are or were exhibits, by number: a removed one keeps its place and says so. */
const numbered = (dossier: Dossier): EvidenceFile[] =>
  (dossier.files ?? [])
    .filter((file) => file.exhibit !== undefined && file.status !== 'pending')
    .sort((a, b) => (a.exhibit ?? 0) - (b.exhibit ?? 0));

function stepOf(locale: Locale, dossier: Dossier, file: EvidenceFile): string {
  const task = dossier.tasks.find((candidate) => candidate.id === file.taskId);
  return task ? taskName(locale, task.kind, task.meeting) : file.taskId;
}

function exhibitTitle(locale: Locale, file: EvidenceFile): string {
  const title = `${t(locale, 'files.exhibit', { n: file.exhibit ?? 0 })}: ${file.title}`;
  return file.status === 'removed' ? `${title} (${t(locale, 'files.removed')})` : title;
}

/** Every exhibit with what it is, when, with which step, who added it, and its checksum. */
function exhibits(locale: Locale, dossier: Dossier): DocumentSection {
  const files = numbered(dossier);
  if (files.length === 0) {
    return section(locale, 'exhibits', 'files.section', [{ kind: 'text', text: t(locale, 'files.none') }]);
  }
  return section(locale, 'exhibits', 'files.section', [
    {
      kind: 'table',
      widths: [3, 1.2, 1.6, 1.2],
      head: [
        t(locale, 'files.section'),
        t(locale, 'export.timeline.at'),
        t(locale, 'files.step'),
        t(locale, 'files.addedBy'),
      ],
      rows: files.map((file) => [
        exhibitTitle(locale, file),
        formatDay(file.date, locale),
        stepOf(locale, dossier, file),
        personName(locale, dossier.trajectory, file.addedBy),
      ]),
    },
    {
      kind: 'list',
      items: files.map(
        (file) =>
          `${t(locale, 'files.exhibit', { n: file.exhibit ?? 0 })}, ${t(locale, 'files.checksum')}: ${file.sha256 ?? ''}`,
      ),
    },
  ]);
}

/** Where a section shows a step's answers, it names the exhibits that came with that step. */
function withExhibits(
  locale: Locale,
  dossier: Dossier,
  spec: SectionSpec,
  built: DocumentSection,
): DocumentSection {
  if (spec.tasks.length === 0) return built;
  const kinds = new Set<string>(spec.tasks);
  const files = numbered(dossier).filter((file) => {
    const task = dossier.tasks.find((candidate) => candidate.id === file.taskId);
    return task !== undefined && kinds.has(task.kind);
  });
  if (files.length === 0) return built;
  return {
    ...built,
    blocks: [...built.blocks, { kind: 'list', items: files.map((file) => exhibitTitle(locale, file)) }],
  };
}

function timeline(locale: Locale, dossier: Dossier): DocumentSection {
  return section(locale, 'timeline', 'export.section.timeline', [
    {
      kind: 'table',
      widths: [1.6, 4, 1.2],
      head: [
        t(locale, 'export.timeline.at'),
        t(locale, 'export.timeline.event'),
        t(locale, 'export.timeline.actor'),
      ],
      rows: timelineEntries(dossier, locale).map((entry) => [
        compactInstant(entry.at, locale),
        entry.text,
        entry.actor,
      ]),
    },
  ]);
}

/** What a section is drawn from. */
export interface SectionSource {
  dossier: Dossier;
  locale: Locale;
  now: Date;
  audience: Audience;
}

export interface SectionSpec {
  id: string;
  /** The kinds of task whose answers the section shows. */
  tasks: readonly TaskKind[];
  build(source: SectionSource): DocumentSection;
}

/**
 * The sections in reading order: who and why, then the trajectory as it went, then the check of
 * the whole and every event. A new kind of task is one more entry here (or one more kind in an
 * entry's `tasks`).
 */
export const DOSSIER_SECTIONS: readonly SectionSpec[] = [
  {
    id: 'overview',
    tasks: [],
    build: ({ locale, dossier, audience }) => overview(locale, dossier, audience),
  },
  {
    id: 'improvement-areas',
    tasks: ['identify'],
    build: ({ locale, dossier }) => improvementAreas(locale, dossier),
  },
  {
    id: 'conversation',
    tasks: ['conversation', 'employee-response', 'cause-follow-up'],
    build: ({ locale, dossier }) => conversation(locale, dossier),
  },
  { id: 'plan', tasks: ['plan', 'plan-approval'], build: ({ locale, dossier }) => plan(locale, dossier) },
  {
    id: 'acknowledgements',
    tasks: ['plan-acknowledgement', 'disagreement-response'],
    build: ({ locale, dossier }) => acknowledgements(locale, dossier),
  },
  {
    id: 'follow-ups',
    tasks: ['follow-up', 'self-assessment', 'follow-up-reaction'],
    build: ({ locale, dossier }) => followUps(locale, dossier),
  },
  { id: 'progress', tasks: [], build: ({ locale, dossier }) => progressOverTime(locale, dossier) },
  { id: 'support', tasks: [], build: ({ locale, dossier }) => support(locale, dossier) },
  {
    id: 'evaluation',
    tasks: ['evaluation', 'decision-confirmation', 'evaluation-reaction'],
    build: ({ locale, dossier }) => evaluation(locale, dossier),
  },
  { id: 'aftercare', tasks: ['aftercare'], build: ({ locale, dossier }) => aftercare(locale, dossier) },
  { id: 'exhibits', tasks: [], build: ({ locale, dossier }) => exhibits(locale, dossier) },
  { id: 'timeline', tasks: [], build: ({ locale, dossier }) => timeline(locale, dossier) },
];

/**
 * The whole dossier as a document, in the trajectory's language unless told otherwise. For the
 * employee's own copy, the dossier as the employee may read it (functions/core/employee-copy.ts).
 */
export function buildDossierDocument(full: Dossier, options: DocumentOptions): DossierDocument {
  const audience = options.audience ?? 'hr';
  const dossier = audience === 'employee' ? employeeDossier(full) : full;
  const locale = options.locale ?? dossier.trajectory.locale;
  return {
    locale,
    trajectoryId: dossier.trajectory.id,
    title: t(locale, audience === 'employee' ? 'export.copy.title' : 'export.title'),
    subject: dossier.trajectory.employee.name,
    generated: t(locale, 'export.generated', { at: formatInstant(options.now.toISOString(), locale) }),
    sections: DOSSIER_SECTIONS.map((spec) =>
      withExhibits(locale, dossier, spec, spec.build({ dossier, locale, now: options.now, audience })),
    ),
  };
}

/**
 * HR's internal report on the dossier's completeness (docs/completeness.md): every criterion
 * with its status, why, and what to do, judged at `now`. For HR and counsel only; never part of
 * the dossier itself.
 */
export function buildCompletenessDocument(
  dossier: Dossier,
  options: Omit<DocumentOptions, 'audience'>,
): DossierDocument {
  const locale = options.locale ?? dossier.trajectory.locale;
  return {
    locale,
    trajectoryId: dossier.trajectory.id,
    title: t(locale, 'export.completeness.title'),
    subject: dossier.trajectory.employee.name,
    generated: t(locale, 'export.generated', { at: formatInstant(options.now.toISOString(), locale) }),
    sections: [completeness(locale, dossier, options.now)],
  };
}
