/**
 * Every mail of a trajectory, put together from the message catalogue: pure rendering, no
 * sending. `renderMail(kind, context)` gives a subject, a plain-text body and an HTML body that
 * say the same; everything that came from a person (names, summaries, comments) is escaped in
 * the HTML, so text typed into a form can never become markup in someone's mailbox.
 *
 * Times are shown in Amsterdam time, the way the people involved read a deadline.
 */
import { roleKey, taskTitleKey, type MessageParams, translator } from '#shared/i18n/catalogue.ts';
import { mailMessages } from '#shared/i18n/mails.ts';
import { inviteMessages } from '#shared/i18n/invites.ts';
import { labelMessages } from '#shared/i18n/labels.ts';
import { config } from '#shared/env.ts';
import { escapeHtml } from '#shared/escape-html.ts';
import { fairMessages } from '#shared/i18n/fair.ts';
import { planChangeMessages } from '#shared/i18n/plan-change.ts';
import { failureCause } from './failures.ts';
import {
  OPTIONAL_TASKS,
  type DecisionOutcome,
  type Goal,
  type Locale,
  type Role,
  type TaskKind,
  type Trajectory,
} from './model.ts';
import type { OutgoingMail } from './ports.ts';
import type { Cause } from './schemas.ts';
import { amsterdamDate } from './schedule.ts';
import { formatDay, formatInstant } from './dates-in-words.ts';
import { personIn } from './trajectory.ts';

const t = /* @__PURE__ */ translator(
  mailMessages,
  inviteMessages,
  labelMessages,
  fairMessages,
  planChangeMessages,
);
type MessageKey = Parameters<typeof t>[1];

/** Every kind of mail, one per key of `MailContexts`. */
export type MailKind = keyof MailContexts;

/** Who the mail is for and whose trajectory it is about; part of every mail's context. */
export interface MailBase {
  locale: Locale;
  recipient: Role;
  recipientName: string;
  employeeName: string;
  managerName: string;
  hrAdvisorName: string;
  /** Whom to ask, in the footer: the deployment's HR contact, or the HR advisor and their e-mail. */
  hrContact?: string;
  /** The employer, in the footer, when the deployment names one. */
  employerName?: string;
}

/** The deployment's own words for every footer (`employerName`, `hrContact` at deploy time). */
export interface MailOrganisation {
  employerName?: string | undefined;
  hrContact?: string | undefined;
}

/** "Sanne" of "Sanne de Boer": how a mail greets people and names them after the first time. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

export interface TaskRef {
  task: TaskKind;
  /** The follow-up meeting number, for `follow-up` tasks. */
  meeting?: number;
}

/** What a request mail shows besides the question itself, so nobody has to click to know. */
export interface RequestDetails {
  /** `employee-response`: the conversation the employee is invited to respond to. */
  conversation?: { heldOn: string; summary: string; employeePerspective: string; agreements: string };
  /** `plan-approval`, `plan-acknowledgement`, `self-assessment`: the plan itself. */
  goals?: Goal[];
  /** A plan or evaluation asked for again: what HR wants changed. */
  revisionComments?: string;
  /** `decision-confirmation`: the evaluation to confirm. */
  evaluation?: { summary: string; decision: DecisionOutcome; extendWeeks?: number };
  /** `follow-up`, `self-assessment`: the meeting's planned date (YYYY-MM-DD). */
  plannedOn?: string;
  /** `evaluation`: the follow-ups whose report has not come in. */
  missingReports?: { meeting: number; plannedOn: string }[];
  /** `follow-up-reaction`: the report the employee is invited to react to. */
  followUpReport?: {
    meeting: number;
    heldOn: string;
    summary: string;
    progress: GoalLine<'on-track' | 'at-risk' | 'off-track'>[];
  };
  /** `disagreement-response`: what the employee wrote with their acknowledgement. */
  employeeComments?: string;
  /** `cause-follow-up`: the possible causes HR is asked to act on, and the conversation's note. */
  causes?: Cause[];
  causesNote?: string;
  /** `plan`, `plan-approval`, `plan-acknowledgement` of a change of the plan: which, and why. */
  planChange?: { number: number; reason: string };
  /** `plan-approval`, `plan-acknowledgement`: what may follow when the goals are not met. */
  consequenceStatement?: string;
  /** `evaluation-reaction`: the evaluation's result per goal (`evaluation` holds the rest). */
  results?: GoalLine<'achieved' | 'partially' | 'not-achieved'>[];
}

export interface GoalLine<S extends string> {
  goal: string;
  status: S;
  notes: string;
}

/**
 * What the employee is told about their dossier (AVG art. 13/15/16): what is recorded, who sees
 * it, how long it is kept, and their personal link to read it (functions/core/employee-copy.ts).
 */
export interface PrivacyNotice {
  /** The read-only link to the employee's copy of the dossier. */
  copyLink: string;
  /** When that link stops working (ISO instant). */
  copyExpiresAt: string;
  /** How long a closed dossier is kept, in days (the repository's `RETENTION_DAYS`). */
  retentionDays: number;
}

/**
 * The employee's reaction to what a mail reports, offered in that mail: the link to their
 * reaction task and until when it stands. The mail is that task's request (functions/core/steps.ts).
 */
export interface ReactionOffer {
  task: 'follow-up-reaction' | 'evaluation-reaction';
  dueAt: string;
  link: string;
}

export interface MailContexts {
  /** A task for its assignee: what is asked, why, the deadline and the link. */
  'task-request': MailBase &
    TaskRef & {
      dueAt: string;
      link: string;
      details?: RequestDetails;
      /** Start of the meeting whose calendar invite comes with the mail (functions/core/invites.ts). */
      meetingAt?: string;
      /** The first request to the employee after the conversation: their rights and their copy. */
      privacy?: PrivacyNotice;
    };
  reminder: MailBase & TaskRef & { dueAt: string; link: string };
  /** To the assignee: the deadline passed. */
  overdue: MailBase & TaskRef & { dueAt: string; link: string; assignee: Role };
  /** To the HR advisor: who has not done what. */
  escalation: MailBase & TaskRef & { dueAt: string; assignee: Role; assigneeName: string };
  /** To the HR advisor, after the grace period: the trajectory needs attention. */
  'second-escalation': MailBase & TaskRef & { dueAt: string; assignee: Role; assigneeName: string };
  /** To the employee, when the trajectory starts. */
  'trajectory-started': MailBase & { reason: string };
  /** To the employee, after each follow-up meeting is recorded. */
  'follow-up-summary': MailBase & {
    meeting: number;
    heldOn: string;
    summary: string;
    progress: GoalLine<'on-track' | 'at-risk' | 'off-track'>[];
    reaction?: ReactionOffer;
  };
  /** To the employee, once HR confirmed the evaluation's decision. */
  outcome: MailBase & {
    decision: DecisionOutcome;
    summary: string;
    results: GoalLine<'achieved' | 'partially' | 'not-achieved'>[];
    /** The new term's end, for `extend`. */
    termEndsAt?: string;
    reaction?: ReactionOffer;
  };
  /** To each person involved, when HR cancels. */
  'trajectory-cancelled': MailBase & { reason?: string };
  /** To the HR advisor, when a step failed for good. */
  'step-failed': MailBase & { trajectoryId: string; state: string; error: string };
  /** To the assignee, when HR moved a task's deadline. */
  'deadline-moved': MailBase &
    TaskRef & {
      dueAt: string;
      link?: string;
      /** The meeting moved with the deadline: its start, the updated invite comes with the mail. */
      meetingAt?: string;
    };
  /** To the employee: the calendar invite for the conversation or a follow-up meeting. */
  'meeting-invite': MailBase &
    TaskRef & {
      /** Start of the meeting (ISO). */
      meetingAt: string;
      /** Whether it is an update of an invite sent before (the meeting moved). */
      moved: boolean;
    };
  /** To the employee: HR's answer after they disagreed with the plan. */
  'disagreement-answer': MailBase & { response: string };
  /** To the employee, on HR's request: a new personal link to their own copy of the dossier. */
  'dossier-copy': MailBase & PrivacyNotice;
}

export type MailContext<K extends MailKind = MailKind> = MailContexts[K];

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  /** Added by the caller, not by `renderMail` (e.g. the .ics of functions/core/invites.ts). */
  attachments?: OutgoingMail['attachments'];
}

// ---------------------------------------------------------------------------------------------
// A mail as a list of blocks, written out once as text and once as HTML

type Block =
  | { type: 'p'; text: string }
  | { type: 'heading'; text: string }
  /** Text a person typed: kept with its line breaks, shown as a quotation. */
  | { type: 'quote'; text: string }
  | { type: 'list'; items: string[] }
  | { type: 'link'; href: string; label: string }
  | { type: 'small'; text: string };

const normalizeLines = (text: string) => text.replace(/\r\n?/g, '\n').trim();

function toText(blocks: Block[]): string {
  const parts: string[] = [];
  blocks.forEach((block, index) => {
    const separator = index === 0 ? '' : blocks[index - 1]?.type === 'heading' ? '\n' : '\n\n';
    let part: string;
    switch (block.type) {
      case 'p':
      case 'heading':
      case 'small':
        part = block.text;
        break;
      case 'quote':
        part = normalizeLines(block.text)
          .split('\n')
          .map((line) => (line ? `> ${line}` : '>'))
          .join('\n');
        break;
      case 'list':
        part = block.items.map((item) => `- ${normalizeLines(item)}`).join('\n');
        break;
      case 'link':
        part = `${block.label}: ${block.href}`;
        break;
    }
    parts.push(separator, part);
  });
  return `${parts.join('')}\n`;
}

const multiline = (text: string) => escapeHtml(normalizeLines(text)).replace(/\n/g, '<br>');

function toHtml(blocks: Block[], locale: Locale, subject: string): string {
  const body = blocks.map((block) => {
    switch (block.type) {
      case 'p':
        return `<p>${escapeHtml(block.text)}</p>`;
      case 'heading':
        return `<h2 style="font-size:1.05em;margin:1.4em 0 0.4em">${escapeHtml(block.text)}</h2>`;
      case 'quote':
        return `<blockquote style="margin:0 0 1em;padding:0.2em 1em;border-left:3px solid #b5c4d6;color:#333">${multiline(block.text)}</blockquote>`;
      case 'list':
        return `<ul>${block.items.map((item) => `<li>${multiline(item)}</li>`).join('')}</ul>`;
      case 'link':
        return `<p><a href="${escapeHtml(block.href)}" style="display:inline-block;padding:0.6em 1.2em;background:#1f4e79;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(block.label)}</a></p>`;
      case 'small':
        return `<p style="font-size:0.85em;color:#555">${escapeHtml(block.text)}</p>`;
    }
  });
  return [
    '<!doctype html>',
    `<html lang="${locale}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;line-height:1.5;color:#1a1a1a;max-width:40em;margin:0 auto;padding:1em">',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// The mails

/**
 * One mail being written: the catalogue in the trajectory's language, and the blocks so far.
 * A person's full name is written once; after that the mail uses their first name, the way a
 * colleague writes (the subject, a line of its own, keeps full names).
 */
class Writer {
  readonly blocks: Block[] = [];
  /** Full names (with a space) not yet written, longest first so "Eva de Vries" wins over "Eva". */
  private readonly unnamed: string[];
  private readonly named = new Set<string>();

  constructor(
    readonly locale: Locale,
    fullNames: readonly string[] = [],
  ) {
    this.unnamed = [...new Set(fullNames.map((name) => name.trim()))]
      .filter((name) => /\s/.test(name))
      .sort((a, b) => b.length - a.length);
  }

  t(key: MessageKey, params?: MessageParams): string {
    return this.once(t(this.locale, key, params));
  }
  subject(key: MessageKey, params?: MessageParams): string {
    return t(this.locale, key, params);
  }
  /** `text` with every full name after its first appearance in the mail replaced by the first name. */
  private once(text: string): string {
    let out = text;
    for (const name of this.unnamed) {
      const at = out.indexOf(name);
      if (at === -1) continue;
      const keep = this.named.has(name) ? 0 : at + name.length;
      out = out.slice(0, keep) + out.slice(keep).split(name).join(firstName(name));
      this.named.add(name);
    }
    return out;
  }
  p(key: MessageKey, params?: MessageParams): this {
    this.blocks.push({ type: 'p', text: this.t(key, params) });
    return this;
  }
  heading(key: MessageKey, params?: MessageParams): this {
    this.blocks.push({ type: 'heading', text: this.t(key, params) });
    return this;
  }
  quote(text: string): this {
    if (text.trim()) this.blocks.push({ type: 'quote', text });
    return this;
  }
  list(items: string[]): this {
    if (items.length > 0) this.blocks.push({ type: 'list', items });
    return this;
  }
  /** One line per goal: its name, its status in words (`mail.progress.*` or `mail.result.*`), the notes. */
  goalLines(lines: readonly GoalLine<string>[], labels: 'progress' | 'result'): this {
    return this.list(
      lines.map((line) =>
        this.t('mail.goalLine', {
          goal: line.goal,
          label: this.t(`mail.${labels}.${line.status}` as MessageKey),
          notes: line.notes,
        }),
      ),
    );
  }
  link(href: string): this {
    this.blocks.push({ type: 'link', href, label: this.t('mail.link.label') });
    this.blocks.push({ type: 'small', text: this.t('mail.link.note') });
    return this;
  }
  /** What is recorded, who sees it, how long it is kept, the employee's rights and their copy. */
  privacy(c: MailBase & PrivacyNotice): this {
    const params = { ...people(c), period: retentionPeriod(this, c.retentionDays) };
    this.heading('mail.privacy.title');
    this.p('mail.privacy.what', params).p('mail.privacy.who', params).p('mail.privacy.retention', params);
    this.p('mail.privacy.rights', params);
    this.blocks.push({ type: 'link', href: c.copyLink, label: this.t('mail.copy.label') });
    this.blocks.push({
      type: 'small',
      text: this.t('mail.copy.note', { until: formatInstant(c.copyExpiresAt, c.locale) }),
    });
    return this;
  }
}

/** A retention period in words: whole years where it is a number of years of 365 days. */
function retentionPeriod(w: Writer, days: number): string {
  return days % 365 === 0
    ? w.t('mail.privacy.period.years', { n: days / 365 })
    : w.t('mail.privacy.period.days', { n: days });
}

function taskName(locale: Locale, { task, meeting }: TaskRef): string {
  const title = t(locale, taskTitleKey(task));
  return (task === 'follow-up' || task === 'follow-up-reaction' || task === 'self-assessment') &&
    meeting !== undefined
    ? t(locale, 'mail.task.meeting', { task: title, meeting })
    : title;
}

const people = (c: MailBase): MessageParams => ({
  employee: c.employeeName,
  manager: c.managerName,
  hrAdvisor: c.hrAdvisorName,
});

/** What both escalations to the HR advisor say about the late task and who has it. */
function escalationParams(w: Writer, c: MailContexts['escalation']): MessageParams {
  return {
    ...people(c),
    task: taskName(c.locale, c),
    deadline: formatInstant(c.dueAt, c.locale),
    assignee: c.assigneeName,
    role: w.t(roleKey(c.assignee)),
  };
}

function requestDetails(w: Writer, c: MailContexts['task-request']): void {
  const details = c.details ?? {};
  const params = people(c);
  if ((c.task === 'follow-up' || c.task === 'self-assessment') && details.plannedOn) {
    w.p('mail.request.plannedOn', { date: formatDay(details.plannedOn, c.locale) });
  }
  if (details.missingReports?.length) {
    w.p(
      details.missingReports.length === 1
        ? 'mail.request.missingReport.one'
        : 'mail.request.missingReport.other',
      {
        meetings: details.missingReports
          .map(({ meeting, plannedOn }) =>
            w.t('mail.request.missingReport', { meeting, date: formatDay(plannedOn, c.locale) }),
          )
          .join(', '),
      },
    );
  }
  if (details.planChange) {
    w.heading('planChange.title', { number: details.planChange.number });
    w.p(
      `planChange.intro.${c.task === 'plan' ? 'plan' : c.task === 'plan-approval' ? 'approval' : 'acknowledgement'}`,
    );
    w.heading('planChange.reason').quote(details.planChange.reason);
  }
  if (details.revisionComments) {
    w.heading('mail.details.revision').quote(details.revisionComments);
  }
  if (details.conversation) {
    const conversation = details.conversation;
    w.heading('mail.details.conversation', { date: formatDay(conversation.heldOn, c.locale) });
    w.quote(conversation.summary);
    w.heading('mail.details.perspective').quote(conversation.employeePerspective);
    w.heading('mail.details.agreements').quote(conversation.agreements);
  }
  if (details.goals && details.goals.length > 0) {
    w.heading('mail.details.plan');
    details.goals.forEach((goal, index) => {
      w.heading('mail.details.goal', { number: index + 1, title: goal.title });
      w.list([
        w.t('mail.details.goal.specific', { value: goal.specific }),
        w.t('mail.details.goal.measure', { value: goal.measure }),
        w.t('mail.details.goal.target', { value: goal.target }),
        w.t('mail.details.goal.deadline', { value: formatDay(goal.deadline, c.locale) }),
        w.t('mail.details.goal.support', { value: goal.support }),
      ]);
    });
  }
  if (details.evaluation) {
    const evaluation = details.evaluation;
    w.heading('mail.details.evaluation');
    w.p('mail.details.decision', { ...params, decision: w.t(`mail.decision.${evaluation.decision}`) });
    if (evaluation.decision === 'extend' && evaluation.extendWeeks !== undefined) {
      w.p('mail.details.extendWeeks', { weeks: evaluation.extendWeeks });
    }
    w.quote(evaluation.summary);
  }
  if (details.results?.length) {
    w.heading('mail.details.results');
    w.goalLines(details.results, 'result');
  }
  if (details.consequenceStatement) {
    w.heading('fair.consequence.title');
    // The statement speaks to the employee; anyone else reads it as the plan's words to them.
    if (c.recipient !== 'employee') w.p('fair.consequence.quoted', params);
    w.quote(details.consequenceStatement);
  }
  if (details.causes?.length) {
    w.heading('fair.causes.title');
    w.p('fair.causes.forHr', {
      causes: details.causes.map((cause) => w.t(`fair.cause.${cause}`)).join(', '),
    });
    if (details.causesNote) w.quote(details.causesNote);
  }
  if (details.employeeComments !== undefined) {
    w.heading('mail.details.employeeComments', params);
    w.quote(details.employeeComments || w.t('mail.details.noComments'));
  }
  if (details.followUpReport) {
    const report = details.followUpReport;
    w.heading('mail.details.followUp', { meeting: report.meeting, date: formatDay(report.heldOn, c.locale) });
    w.quote(report.summary);
    w.heading('mail.details.progress');
    w.goalLines(report.progress, 'progress');
  }
}

type Composer<K extends MailKind> = (w: Writer, c: MailContexts[K]) => string;

const forEmployee = (c: MailBase) => c.recipient === 'employee';

/** What a reaction offer adds to a mail: the invitation, until when it stands, and the link. */
function offerReaction(w: Writer, offer: ReactionOffer, locale: Locale): void {
  w.p(`mail.reaction.${offer.task}`);
  w.p('mail.deadline.optional', { deadline: formatInstant(offer.dueAt, locale) });
  w.link(offer.link);
}

const COMPOSERS: { [K in MailKind]: Composer<K> } = {
  'task-request': (w, c) => {
    const params = { ...people(c), task: taskName(c.locale, c), meeting: c.meeting ?? '' };
    w.p(`mail.request.${c.task}.what`, params);
    w.p(`mail.request.${c.task}.why`, params);
    requestDetails(w, c);
    if (c.meetingAt) {
      w.p('invite.mail.attached', { ...params, when: formatInstant(c.meetingAt, c.locale) });
    }
    // The employee's own word is an offer, never an obligation.
    const optional = OPTIONAL_TASKS.includes(c.task);
    w.p(optional ? 'mail.deadline.optional' : 'mail.deadline', {
      deadline: formatInstant(c.dueAt, c.locale),
    });
    w.link(c.link);
    if (c.privacy) w.privacy({ ...c, ...c.privacy });
    return w.subject(forEmployee(c) ? 'mail.request.subject.employee' : 'mail.request.subject', params);
  },
  reminder: (w, c) => {
    const params = { ...people(c), task: taskName(c.locale, c), deadline: formatInstant(c.dueAt, c.locale) };
    // An offer is recalled as an offer: no deadline to meet, only one until which it stands.
    const optional = OPTIONAL_TASKS.includes(c.task);
    w.p(optional ? 'mail.reminder.body.optional' : 'mail.reminder.body', params).link(c.link);
    return w.subject(forEmployee(c) ? 'mail.reminder.subject.employee' : 'mail.reminder.subject', params);
  },
  overdue: (w, c) => {
    const params = { ...people(c), task: taskName(c.locale, c), deadline: formatInstant(c.dueAt, c.locale) };
    w.p('mail.overdue.body', params);
    // An HR advisor's own task is not escalated to themselves (see the chasing rules).
    if (c.assignee !== 'hr') w.p('mail.overdue.hrInformed');
    w.link(c.link);
    return w.subject('mail.overdue.subject', params);
  },
  escalation: (w, c) => {
    const params = escalationParams(w, c);
    w.p('mail.escalation.body', params).p('mail.escalation.action', params);
    return w.subject('mail.escalation.subject', params);
  },
  'second-escalation': (w, c) => {
    const params = escalationParams(w, c);
    w.p('mail.second-escalation.body', params).p('mail.second-escalation.attention', params);
    return w.subject('mail.second-escalation.subject', params);
  },
  'trajectory-started': (w, c) => {
    const params = people(c);
    w.p('mail.started.body', params);
    w.heading('mail.started.reason').quote(c.reason);
    w.p('mail.started.next', params);
    return w.subject('mail.started.subject', params);
  },
  'follow-up-summary': (w, c) => {
    const params = { ...people(c), meeting: c.meeting, date: formatDay(c.heldOn, c.locale) };
    w.p('mail.follow-up-summary.body', params);
    w.heading('mail.follow-up-summary.summary').quote(c.summary);
    w.heading('mail.follow-up-summary.progress');
    w.goalLines(c.progress, 'progress');
    if (c.reaction) offerReaction(w, c.reaction, c.locale);
    w.p('mail.follow-up-summary.questions', params);
    return w.subject('mail.follow-up-summary.subject', params);
  },
  outcome: (w, c) => {
    // The term ends at the start of a working day in Amsterdam; show that day, not UTC's.
    const date = c.termEndsAt ? formatDay(amsterdamDate(new Date(c.termEndsAt)), c.locale) : '';
    const params = { ...people(c), date };
    w.p(`mail.outcome.${c.decision}`, params).p('mail.outcome.confirmed');
    w.heading('mail.outcome.summary').quote(c.summary);
    w.heading('mail.outcome.results');
    w.goalLines(c.results, 'result');
    if (c.decision !== 'extend') w.p('mail.outcome.aftercare', params);
    if (c.reaction) offerReaction(w, c.reaction, c.locale);
    return w.subject('mail.outcome.subject', params);
  },
  'trajectory-cancelled': (w, c) => {
    const params = people(c);
    w.p(forEmployee(c) ? 'mail.cancelled.body.employee' : 'mail.cancelled.body', params);
    w.p('mail.cancelled.links');
    if (c.reason?.trim()) w.heading('mail.cancelled.reason').quote(c.reason);
    return w.subject(forEmployee(c) ? 'mail.cancelled.subject.employee' : 'mail.cancelled.subject', params);
  },
  'step-failed': (w, c) => {
    const params = { ...people(c), state: c.state, error: c.error, id: c.trajectoryId };
    w.p('mail.step-failed.body', params);
    // A cause HR can act on is said in words, not only as the error's name.
    const cause = failureCause(c.error);
    if (cause) w.p(`mail.step-failed.cause.${cause}`, params);
    w.p('mail.step-failed.attention', params);
    return w.subject('mail.step-failed.subject', params);
  },
  'deadline-moved': (w, c) => {
    const params = { ...people(c), task: taskName(c.locale, c), deadline: formatInstant(c.dueAt, c.locale) };
    w.p('mail.deadline-moved.body', params);
    if (c.meetingAt) w.p('invite.mail.moved', { ...params, when: formatInstant(c.meetingAt, c.locale) });
    if (c.link) w.link(c.link);
    return w.subject('mail.deadline-moved.subject', params);
  },
  'meeting-invite': (w, c) => {
    const kind = c.task === 'follow-up' ? 'follow-up' : 'conversation';
    const params = { ...people(c), meeting: c.meeting ?? '', when: formatInstant(c.meetingAt, c.locale) };
    w.p(`invite.mail.${kind}.body`, params);
    if (c.moved) w.p('invite.mail.moved.body', params);
    w.p('invite.mail.calendar', params);
    // No date in the subject: the body and the calendar say when, in the reader's own terms.
    const meetingTitle = w.subject(`invite.mail.title.${kind}`, params);
    return w.subject(c.moved ? 'invite.mail.subject.moved' : 'invite.mail.subject', { meetingTitle });
  },
  'disagreement-answer': (w, c) => {
    const params = people(c);
    w.p('mail.disagreement-answer.body', params);
    w.heading('mail.disagreement-answer.response', params).quote(c.response);
    w.p('mail.disagreement-answer.next', params);
    return w.subject('mail.disagreement-answer.subject', params);
  },
  'dossier-copy': (w, c) => {
    w.p('mail.dossier-copy.body', people(c));
    w.privacy(c);
    return w.subject('mail.dossier-copy.subject');
  },
};

/**
 * Every kind of mail: one composer each, so none is left out. Marked pure: esbuild cannot know
 * Object.keys has no side effects, and would otherwise keep every composer and the mail catalogue in
 * each bundle that imports anything from this module, used or not.
 */
export const MAIL_KINDS = /* @__PURE__ */ Object.keys(COMPOSERS) as readonly MailKind[];

/** The subject, text and HTML of one mail, in the context's language. */
export function renderMail<K extends MailKind>(kind: K, context: MailContexts[K]): RenderedMail {
  const writer = new Writer(context.locale, [
    context.employeeName,
    context.managerName,
    context.hrAdvisorName,
  ]);
  writer.p('mail.greeting', { name: firstName(context.recipientName) });
  const subject = (COMPOSERS[kind] as Composer<K>)(writer, context);
  // The conversation's invite reaches the employee before anyone has told them of a trajectory:
  // nothing in it, the footer neither, may name one (docs/completeness.md, "A fair start").
  const neutral =
    kind === 'meeting-invite' && (context as MailContexts['meeting-invite']).task === 'conversation';
  // The footer is the one place a mail says whom to turn to. The HR advisor is that person (or
  // works with the deployment's contact): a mail to them names nobody.
  if (context.hrContact && context.recipient !== 'hr') {
    writer.p(neutral ? 'mail.contact.neutral' : 'mail.contact', { contact: context.hrContact });
  }
  writer.blocks.push({
    type: 'small',
    text: context.employerName
      ? writer.t(neutral ? 'mail.footer.employer.neutral' : 'mail.footer.employer', {
          employer: context.employerName,
        })
      : writer.t(neutral ? 'mail.footer.neutral' : 'mail.footer'),
  });
  return {
    // A subject is a header: a line break in a name must not end it.
    subject: subject.replace(/\s+/g, ' ').trim(),
    text: toText(writer.blocks),
    html: toHtml(writer.blocks, context.locale, subject),
  };
}

// ---------------------------------------------------------------------------------------------
// Addressing

/** The part of every mail's context that follows from the trajectory and the recipient. */
export function mailBase(
  trajectory: Pick<Trajectory, 'locale' | 'employee' | 'manager' | 'hrAdvisor'>,
  recipient: Role,
  organisation: MailOrganisation = deploymentOrganisation(),
): MailBase {
  return {
    locale: trajectory.locale,
    recipient,
    recipientName: personIn(trajectory, recipient).name,
    employeeName: trajectory.employee.name,
    managerName: trajectory.manager.name,
    hrAdvisorName: trajectory.hrAdvisor.name,
    hrContact: organisation.hrContact ?? `${trajectory.hrAdvisor.name} (${trajectory.hrAdvisor.email})`,
    ...(organisation.employerName && { employerName: organisation.employerName }),
  };
}

/** What the deployment says (EMPLOYER_NAME, HR_CONTACT); read when a mail is put together. */
function deploymentOrganisation(): MailOrganisation {
  return { employerName: config.employerName, hrContact: config.hrContact };
}

/** A rendered mail addressed to the person in `recipient`'s role. */
export function addressed(
  trajectory: Pick<Trajectory, 'employee' | 'manager' | 'hrAdvisor'>,
  recipient: Role,
  mail: RenderedMail,
): OutgoingMail {
  return { to: [personIn(trajectory, recipient).email], ...mail };
}

/**
 * The cancellation notice for each person involved, one mail each so each is greeted by name.
 * For the cancel endpoint; `reason` is HR's text and is shown as typed.
 */
export function cancelledMails(
  trajectory: Trajectory,
  reason?: string,
): { recipient: Role; mail: OutgoingMail }[] {
  return (['employee', 'manager', 'hrAdvisor'] as const).map((field) => {
    const recipient: Role = field === 'hrAdvisor' ? 'hr' : field;
    const rendered = renderMail('trajectory-cancelled', { ...mailBase(trajectory, recipient), reason });
    return { recipient, mail: addressed(trajectory, recipient, rendered) };
  });
}
