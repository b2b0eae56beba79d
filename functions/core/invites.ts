/**
 * Calendar invites (.ics, iCalendar with METHOD:REQUEST) for the two meetings the workflow asks
 * a manager to hold with the employee: the conversation and each follow-up meeting.
 *
 * Pure, like the rest of the core: ical-generator and timezones-ical-library only build text (no
 * I/O, no AWS), so the invite is decided and written here, from the dossier alone, and every
 * render of the same task gives the same UID, time and SEQUENCE. The organiser is the configured
 * sender (MAIL_FROM), handed in by the handler.
 *
 * When: a follow-up on its planned date (its request goes out `meetingNoticeWorkingDays` working
 * days before, `followUpRequestAt`), the conversation on the working day before its due date but
 * never fewer than `meetingNoticeWorkingDays` working days after its request goes out, both
 * 10:00–11:00 Amsterdam time. Times carry TZID=Europe/Amsterdam with its VTIMEZONE, never
 * floating or UTC, so 10:00 stays 10:00 in summer (CEST) and winter (CET) in every calendar.
 */
import {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendar,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { translator } from '#shared/i18n/catalogue.ts';
import { inviteMessages } from '#shared/i18n/invites.ts';
import { labelMessages } from '#shared/i18n/labels.ts';
import { mailBase, renderMail } from './mails.ts';
import type { Task, Trajectory } from './model.ts';
import type { MailIntent } from './outbox.ts';
import {
  amsterdamDate,
  atAmsterdamTime,
  dueAt,
  dueDaysFor,
  noticeWorkingDays,
  TIME_ZONE,
} from './schedule.ts';
import {
  addWorkingDays,
  calendarDaysBetween,
  nextWorkingMoment,
  subtractWorkingDays,
} from './working-days.ts';

const t = /* @__PURE__ */ translator(inviteMessages, labelMessages);

/** Meetings start at 10:00 Amsterdam time: after the 09:00 request, early enough for the day. */
export const MEETING_START_HOUR = 10;
export const MEETING_HOURS = 1;
/** The part of every UID after the `@`: UIDs must be unique beyond this system. */
export const UID_DOMAIN = 'verbetertraject';
export const INVITE_CONTENT_TYPE = 'text/calendar; charset=UTF-8; method=REQUEST';

/** The kinds of task that are a meeting with the employee. */
export function hasMeeting(task: Pick<Task, 'kind'>): boolean {
  return task.kind === 'conversation' || task.kind === 'follow-up';
}

/**
 * The first day the conversation can be proposed for: `meetingNoticeWorkingDays` working days
 * after the day its request goes out. The request goes out when the task opens, or at 09:00 on
 * the next working day when it opened on a day without mail, so the invite it carries always
 * gives the notice, and proposes no time that has already passed.
 */
function earliestConversationDate(trajectory: Trajectory, task: Task): string {
  const requestedOn = amsterdamDate(nextWorkingMoment(new Date(task.openedAt)));
  return addWorkingDays(requestedOn, noticeWorkingDays(trajectory.schedule));
}

/**
 * The conversation's day for a deadline: the working day before it, which leaves the deadline
 * day to record the conversation; but never before `earliest`. When the notice does not fit
 * before the deadline, the proposal is `earliest` all the same: after the deadline rather than
 * with less notice (HR can extend the task).
 */
function conversationDate(earliest: string, due: string): string {
  const before = subtractWorkingDays(amsterdamDate(new Date(due)), 1);
  return before > earliest ? before : earliest;
}

/**
 * The meeting's date (YYYY-MM-DD, Amsterdam) and the date it had when the task opened, or
 * `undefined` for a task that is no meeting. A follow-up is held on its planned date (never
 * before the day its task opened); the conversation follows its deadline.
 */
function meetingDates(trajectory: Trajectory, task: Task): { date: string; first: string } | undefined {
  const openedOn = amsterdamDate(new Date(task.openedAt));
  if (task.kind === 'conversation') {
    const earliest = earliestConversationDate(trajectory, task);
    const firstDue = dueAt(new Date(task.openedAt), dueDaysFor(task.kind, trajectory.schedule));
    return {
      date: conversationDate(earliest, task.dueAt),
      first: conversationDate(earliest, firstDue.toISOString()),
    };
  }
  if (task.kind === 'follow-up') {
    const planned = trajectory.meetings.find((meeting) => meeting.number === task.meeting)?.plannedOn;
    const date = planned && planned > openedOn ? planned : openedOn;
    // The task opens ahead of the meeting (`followUpRequestAt`), or on the day itself when the
    // workflow was held up, and the date of an opened meeting never moves again (a pause moves
    // only meetings still to be asked for): the first invite is the only one.
    return { date, first: date };
  }
  return undefined;
}

export interface MeetingInvite {
  /** `<trajectoryId>.<taskId>@verbetertraject`: a re-sent or moved invite updates one entry. */
  uid: string;
  /**
   * The number of days the meeting moved from where it was first put (0 in the request). It only
   * grows, because deadlines and planned dates only move later (an extension, a pause).
   */
  sequence: number;
  /** Amsterdam date of the meeting. */
  date: string;
  /** ISO instants of the start and end. */
  startsAt: string;
  endsAt: string;
  summary: string;
  /** The iCalendar text (CRLF lines, folded at 75 octets). */
  ics: string;
}

export interface InviteOptions {
  /** The sender (`MAIL_FROM`): `address` or `Name <address>`. */
  organizer: string;
  /** DTSTAMP: when this version of the invite is written. */
  stamp: Date;
}

/** `Name <address>` or a bare address; the name falls back to the catalogue's. */
export function parseMailbox(mailbox: string): { name?: string; email: string } {
  const match = /^\s*(?:"?([^"<]*?)"?\s*)?<([^<>\s]+@[^<>\s]+)>\s*$/.exec(mailbox);
  if (match?.[2]) return { ...(match[1]?.trim() && { name: match[1].trim() }), email: match[2] };
  return { email: mailbox.trim() };
}

/**
 * A name as a quoted parameter value (CN="…"). RFC 5545 allows no DQUOTE and no control
 * character inside the quotes and knows no escape for them; commas and semicolons are safe there.
 */
const parameterSafe = (name: string): string =>
  name
    // eslint-disable-next-line no-control-regex -- exactly the characters a parameter may not hold
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/"/g, "'")
    .trim();

/**
 * The VTIMEZONE block for `zone`. The library files Europe/Amsterdam under its tzdb link
 * Europe/Brussels (same rules since 1977); the block must carry the TZID the times refer to.
 */
function vtimezone(zone: string): string {
  let block = vtimezones.get(zone);
  if (block === undefined) {
    const [found] = tzlib_get_ical_block(zone) as string[];
    if (!found) throw new Error(`No VTIMEZONE for ${zone}`);
    block = found
      .replace(/^TZID:.*$/m, `TZID:${zone}`)
      .replace(/^X-LIC-LOCATION:.*$/m, `X-LIC-LOCATION:${zone}`);
    vtimezones.set(zone, block);
  }
  return block;
}
/** The library unpacks its rules on every call (milliseconds); a zone's block never changes. */
const vtimezones = new Map<string, string>();

/**
 * The wall-clock time `HH:00` on `date` as ical-generator wants it for an event with a time zone:
 * it reads a Date's local fields, so the value is a local date-time without offset and the digits
 * come out as written, whatever the runtime's own zone (10:00 never falls in a DST gap).
 */
const wallTime = (date: string, hour: number): string => `${date}T${String(hour).padStart(2, '0')}:00:00`;

/**
 * The last invite made for a task, with what it was made from: a request mail and the employee's
 * invite mail ask for the same invite in one step, and rendering the calendar text is the costly
 * part. Keyed on the objects themselves, which the core never changes.
 */
const lastInvite = new WeakMap<
  Task,
  { trajectory: Trajectory; options: InviteOptions; invite: MeetingInvite | undefined }
>();

/** The invite for a conversation or follow-up task; `undefined` for any other task. */
export function meetingInvite(
  trajectory: Trajectory,
  task: Task,
  options: InviteOptions,
): MeetingInvite | undefined {
  const last = lastInvite.get(task);
  if (last && last.trajectory === trajectory && last.options === options) return last.invite;
  const invite = buildInvite(trajectory, task, options);
  lastInvite.set(task, { trajectory, options, invite });
  return invite;
}

function buildInvite(trajectory: Trajectory, task: Task, options: InviteOptions): MeetingInvite | undefined {
  const dates = meetingDates(trajectory, task);
  if (!dates) return undefined;
  const { locale, employee, manager } = trajectory;
  const kind = task.kind as 'conversation' | 'follow-up';
  const params = { employee: employee.name, manager: manager.name, meeting: task.meeting ?? '' };
  const summary = t(locale, `invite.${kind}.summary`, params);
  const description = [
    t(locale, `invite.${kind}.description`, params),
    t(locale, 'invite.proposal', params),
  ].join('\n\n');
  const uid = `${trajectory.id}.${task.id}@${UID_DOMAIN}`;
  const sequence = Math.max(0, calendarDaysBetween(dates.first, dates.date));
  const endHour = MEETING_START_HOUR + MEETING_HOURS;
  const organizer = parseMailbox(options.organizer);

  const calendar = new ICalCalendar({
    prodId: { company: UID_DOMAIN, product: 'invites', language: locale.toUpperCase() },
    method: ICalCalendarMethod.REQUEST,
    // No calendar-wide zone: it would turn DTSTAMP into local time, which must be UTC.
    timezone: { name: null, generator: vtimezone },
  });
  calendar.createEvent({
    id: uid,
    sequence,
    stamp: options.stamp,
    start: wallTime(dates.date, MEETING_START_HOUR),
    end: wallTime(dates.date, endHour),
    timezone: TIME_ZONE,
    summary,
    description,
    status: ICalEventStatus.CONFIRMED,
    organizer: {
      name: parameterSafe(organizer.name ?? t(locale, 'invite.organizer')),
      email: organizer.email,
    },
    attendees: [manager, employee].map((person) => ({
      name: parameterSafe(person.name),
      email: person.email,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      // Answers would go to the sender address, which nobody reads: ask for none.
      rsvp: false,
    })),
  });
  return {
    uid,
    sequence,
    date: dates.date,
    startsAt: atAmsterdamTime(dates.date, MEETING_START_HOUR).toISOString(),
    endsAt: atAmsterdamTime(dates.date, endHour).toISOString(),
    summary,
    ics: calendar.toString(),
  };
}

/** The invite as a mail attachment (the mailer also offers it as the mail's calendar part). */
export function inviteAttachment(trajectory: Pick<Trajectory, 'locale'>, invite: MeetingInvite) {
  return {
    filename: t(trajectory.locale, 'invite.filename'),
    contentType: INVITE_CONTENT_TYPE,
    content: invite.ics,
  };
}

/**
 * The invite for the employee, the meeting's other attendee: the request goes to the manager, and
 * an organiser address that no calendar server answers for would never pass the invite on. Keyed
 * on the meeting's start: sent once per time the meeting is put at, so a moved meeting sends
 * the update (with its higher SEQUENCE) and nothing else sends it twice.
 */
export function employeeInviteMail(
  trajectory: Trajectory,
  task: Task,
  options: InviteOptions,
): MailIntent | undefined {
  const invite = meetingInvite(trajectory, task, options);
  if (!invite) return undefined;
  return {
    key: `${task.id}.invite@${invite.startsAt}`,
    kind: 'meeting-invite',
    recipient: 'employee',
    taskId: task.id,
    render: () => ({
      ...renderMail('meeting-invite', {
        ...mailBase(trajectory, 'employee'),
        task: task.kind,
        ...(task.meeting !== undefined && { meeting: task.meeting }),
        meetingAt: invite.startsAt,
        moved: invite.sequence > 0,
      }),
      attachments: [inviteAttachment(trajectory, invite)],
    }),
  };
}
