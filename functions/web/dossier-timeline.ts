/**
 * The dossier's timeline as people read it: every event with its time, what happened and who did
 * it, each naming the task it concerns ("Taak geopend: plan") and, for a mail, to whom it went
 * and what it was ("Mail verstuurd aan de leidinggevende: herinnering (plan)"). One function for
 * the PDF, the printable page and the dossier page, so the three tell the same story.
 *
 * Driven by the data: the task an event concerns comes from the event itself or from the dossier's
 * tasks, and a task kind, event type or mail kind the catalogue has no words for yet is shown by
 * its own name rather than dropped.
 */
import { failureCause } from '#core/failures.ts';
import { personIn } from '#core/trajectory.ts';
import type { Dossier, DossierEvent, Locale, Role, Task, Trajectory } from '#core/model.ts';
import { roleKey, translator } from '#shared/i18n/catalogue.ts';
import { eventMessages } from '#shared/i18n/events.ts';
import { exportMessages } from '#shared/i18n/export.ts';
import { labelMessages } from '#shared/i18n/labels.ts';
import { pauseMessages } from '#shared/i18n/pause.ts';
import { retentionMessages } from '#shared/i18n/retention.ts';
import { planChangeMessages } from '#shared/i18n/plan-change.ts';

const t = /* @__PURE__ */ translator(
  eventMessages,
  labelMessages,
  exportMessages,
  pauseMessages,
  retentionMessages,
  planChangeMessages,
);

export interface TimelineEntry {
  /** ISO instant. */
  at: string;
  /** What happened, in words. */
  text: string;
  /** Who did it ("system" for the workflow). */
  actor: string;
  /** Whether the workflow did it rather than a person. */
  system: boolean;
  /**
   * Bookkeeping that follows from another entry: a task opened or completed, a reminder, the mail
   * that carried a request or a notice. The dossier page can hide these; the PDF keeps them.
   */
  routine: boolean;
}

/** Events that only say that the workflow did its ordinary work. */
const ROUTINE_EVENTS = new Set(['task-opened', 'task-completed', 'task-reminded']);

/**
 * Mails that carry a request, a reminder or a notice already in the timeline as its own entry.
 * Mails that inform the employee (start, summaries, outcome, invitations) are never routine: the
 * dossier shows when the employee was told.
 */
const ROUTINE_MAILS = new Set([
  'task-request',
  'reminder',
  'overdue',
  'escalation',
  'second-escalation',
  'deadline-moved',
  'step-failed',
]);

/** Answers whose own words already name their task: no ": <task>" after them. */
const NAMES_ITS_TASK = new Set([
  'improvement-areas-identified',
  'conversation-recorded',
  'employee-responded',
  'plan-drafted',
  'plan-reviewed',
  'plan-acknowledged',
  'evaluation-recorded',
  'decision-reviewed',
  'aftercare-recorded',
  'disagreement-answered',
]);

const words = (name: string): string => name.replace(/-/g, ' ');
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The task an event concerns: named in its data, or found by its task id. */
function taskOf(event: DossierEvent, tasks: readonly Task[]): { kind: string; meeting?: number } | undefined {
  const task = event.taskId ? tasks.find((candidate) => candidate.id === event.taskId) : undefined;
  const kind = text(event.data?.task) ?? text(event.data?.kind) ?? task?.kind;
  if (!kind) return undefined;
  const meeting = typeof event.data?.meeting === 'number' ? event.data.meeting : task?.meeting;
  return { kind, ...(meeting !== undefined && { meeting }) };
}

/** A task's short name ("plan", "voortgangsgesprek 2"); its title or its kind when it has none. */
export function taskName(locale: Locale, kind: string, meeting?: number): string {
  const short = `task.${kind}.short`;
  const title = `task.${kind}.title`;
  const name = t.has(short) ? t(locale, short) : t.has(title) ? t(locale, title) : words(kind);
  return meeting === undefined ? name : t(locale, 'task.numbered', { task: name, n: meeting });
}

/** The people of a trajectory, by whom the record names who acted and to whom a mail went. */
export type People = Pick<Trajectory, 'employee' | 'manager' | 'hrAdvisor'>;

const ROLES = new Set<string>(['employee', 'manager', 'hr']);

/** "Pieter Visser (leidinggevende)": a person by name, with the role they had. */
export function personName(locale: Locale, people: People, role: Role): string {
  return t(locale, 'export.actor.person', {
    name: personIn(people, role).name,
    role: t(locale, roleKey(role)),
  });
}

function mailText(
  locale: Locale,
  event: DossierEvent,
  task: string | undefined,
  people: People | undefined,
): string {
  const role = text(event.data?.to);
  const toKey = `event.mail-sent.to.${role ?? ''}`;
  // The record names the recipient: the name from the trajectory's people, the role beside it.
  const sent =
    people && role && ROLES.has(role)
      ? t(locale, 'event.mail-sent.toPerson', {
          name: personIn(people, role as Role).name,
          role: t(locale, roleKey(role as Role)),
        })
      : t.has(toKey)
        ? t(locale, toKey)
        : t(locale, 'event.mail-sent');
  const kind = text(event.data?.mail);
  if (!kind) return task ? t(locale, 'event.detail', { event: sent, detail: task }) : sent;
  const kindKey = `event.mail.${kind}`;
  const mail = t.has(kindKey) ? t(locale, kindKey) : words(kind);
  const detail = task ? t(locale, 'event.mail.withTask', { mail, task }) : mail;
  return t(locale, 'event.detail', { event: sent, detail });
}

/** How one event reads in the timeline; with `people`, a mail names its recipient. */
export function eventText(
  locale: Locale,
  event: DossierEvent,
  tasks: readonly Task[] = [],
  people?: People,
): string {
  const concerns = taskOf(event, tasks);
  const task = concerns ? taskName(locale, concerns.kind, concerns.meeting) : undefined;
  if (event.type === 'mail-sent') return mailText(locale, event, task, people);
  const key = `event.${event.type}`;
  const said = t.has(key) ? t(locale, key) : words(event.type);
  // A failure with a cause HR can act on says which (e.g. SES's sandbox refused an address).
  const cause = event.type === 'step-failed' ? failureCause(event.data?.error) : undefined;
  if (cause)
    return t(locale, 'event.detail', { event: said, detail: t(locale, `event.step-failed.cause.${cause}`) });
  if (!task || NAMES_ITS_TASK.has(event.type)) return said;
  return t(locale, 'event.detail', { event: said, detail: task });
}

function isRoutine(event: DossierEvent): boolean {
  if (event.type === 'mail-sent') return ROUTINE_MAILS.has(text(event.data?.mail) ?? '');
  return ROUTINE_EVENTS.has(event.type);
}

const byTime = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every event of the dossier, oldest first, as it reads: who acted by name (with their role), and
 * to whom each mail went.
 */
export function timelineEntries(dossier: Dossier, locale: Locale): TimelineEntry[] {
  const people = dossier.trajectory;
  return [...dossier.events]
    .sort((a, b) => byTime(a.at, b.at) || byTime(a.id, b.id))
    .map((event) => ({
      at: event.at,
      text: eventText(locale, event, dossier.tasks, people),
      actor:
        event.actor.role === 'system'
          ? t(locale, 'export.actor.system')
          : personName(locale, people, event.actor.role),
      system: event.actor.role === 'system',
      routine: isRoutine(event),
    }));
}
