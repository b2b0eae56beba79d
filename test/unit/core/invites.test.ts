import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { deadlineMovedMail, extended } from '#core/actions.ts';
import { employeeInviteMail, INVITE_CONTENT_TYPE, meetingInvite, parseMailbox } from '#core/invites.ts';
import type { Task, Trajectory } from '#core/model.ts';
import { DEFAULT_SCHEDULE, dueAt, followUpRequestAt } from '#core/schedule.ts';
import { addDays, amsterdamDate, isWorkingDay, nextWorkingMoment } from '#core/working-days.ts';
import { requestMail } from '#core/steps.ts';
import { aTask, aTrajectory } from '../../data/fixtures.ts';
import { component, one, parseIcs, unescapeText, unfold } from '../../support/ics.ts';

const ORGANIZER = 'Verbetertraject <hr@example.nl>';
const STAMP = new Date('2026-03-02T08:00:00.000Z');
const calendar = { organizer: ORGANIZER, stamp: STAMP };

function people(overrides: Partial<Trajectory> = {}): Trajectory {
  return aTrajectory({
    id: 'trj-1',
    employee: { name: 'Sanne de Boer', email: 'sanne@example.nl' },
    manager: { name: 'Pieter Visser', email: 'pieter@example.nl' },
    hrAdvisor: { name: 'Fatima El Amrani', email: 'fatima@example.nl' },
    ...overrides,
  });
}

/** A follow-up task opened at 09:00 Amsterdam time on its planned date, as the workflow opens it. */
function followUp(plannedOn: string, openedAt: string, overrides: Partial<Trajectory> = {}) {
  const trajectory = people({ meetings: [{ number: 1, plannedOn, taskId: 'follow-up-1' }], ...overrides });
  const task = aTask(trajectory.id, {
    id: 'follow-up-1',
    kind: 'follow-up',
    meeting: 1,
    openedAt,
    dueAt: '2026-07-09T15:00:00.000Z',
  });
  return { trajectory, task };
}

/** A conversation opened Wednesday 1 July 2026, due Wednesday 8 July at 17:00 (7 days). */
function conversation(overrides: Partial<Task> = {}, trajectory = people()) {
  const task = aTask(trajectory.id, {
    id: 'conversation-1',
    kind: 'conversation',
    openedAt: '2026-07-01T08:00:00.000Z',
    dueAt: '2026-07-08T15:00:00.000Z',
    ...overrides,
  });
  return { trajectory, task };
}

function invite(trajectory: Trajectory, task: Task, options = calendar) {
  const found = meetingInvite(trajectory, task, options);
  if (!found) throw new Error('no invite');
  return { ...found, properties: parseIcs(found.ics), event: component(parseIcs(found.ics), 'VEVENT') };
}

const value = (props: ReturnType<typeof parseIcs>, name: string) => one(props, name).raw;

describe('meetingInvite: the time', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  const seasons = [
    {
      season: 'summer (CEST, UTC+2)',
      plannedOn: '2026-07-06',
      openedAt: '2026-07-06T07:00:00.000Z',
      utc: '08',
      utcEnd: '09',
    },
    {
      season: 'winter (CET, UTC+1)',
      plannedOn: '2026-12-07',
      openedAt: '2026-12-07T08:00:00.000Z',
      utc: '09',
      utcEnd: '10',
    },
  ];
  for (const { season, plannedOn, openedAt, utc, utcEnd } of seasons) {
    it(`puts a follow-up at 10:00–11:00 Amsterdam time in ${season}, with the zone's VTIMEZONE`, () => {
      // Prepare
      const { trajectory, task } = followUp(plannedOn, openedAt);
      const day = plannedOn.replaceAll('-', '');

      // Act
      const found = invite(trajectory, task);

      // Assess: local time with TZID, never floating, never UTC.
      expect(found.ics).toContain(`\r\nDTSTART;TZID=Europe/Amsterdam:${day}T100000\r\n`);
      expect(found.ics).toContain(`\r\nDTEND;TZID=Europe/Amsterdam:${day}T110000\r\n`);
      expect(found).toMatchObject({
        date: plannedOn,
        startsAt: `${plannedOn}T${utc}:00:00.000Z`,
        endsAt: `${plannedOn}T${utcEnd}:00:00.000Z`,
      });
      // The VTIMEZONE the TZID refers to, with both of Amsterdam's offsets.
      const zoneBlock = component(found.properties, 'VTIMEZONE');
      expect(value(zoneBlock, 'TZID')).toBe('Europe/Amsterdam');
      expect(component(zoneBlock, 'DAYLIGHT').find((p) => p.name === 'TZOFFSETTO')?.raw).toBe('+0200');
      expect(component(zoneBlock, 'STANDARD').find((p) => p.name === 'TZOFFSETTO')?.raw).toBe('+0100');
      expect(value(found.properties, 'METHOD')).toBe('REQUEST');
      // DTSTAMP is the one UTC time in it.
      expect(value(found.event, 'DTSTAMP')).toBe('20260302T080000Z');
    });
  }

  it('writes the same invite whatever time zone the runtime itself runs in', () => {
    // Prepare
    const { trajectory, task } = followUp('2026-07-06', '2026-07-06T07:00:00.000Z');
    process.env.TZ = 'UTC';
    const inUtc = meetingInvite(trajectory, task, calendar)?.ics;

    // Act
    const elsewhere = ['America/New_York', 'Asia/Tokyo', 'Europe/Amsterdam'].map((tz) => {
      process.env.TZ = tz;
      return meetingInvite(trajectory, task, calendar)?.ics;
    });

    // Assess
    expect(inUtc).toContain('DTSTART;TZID=Europe/Amsterdam:20260706T100000');
    for (const ics of elsewhere) expect(ics).toBe(inUtc);
  });

  it('puts the conversation on the working day before its deadline', () => {
    // Wednesday's deadline: Tuesday.
    const wednesday = conversation();
    expect(invite(wednesday.trajectory, wednesday.task).date).toBe('2026-07-07');
    // A Monday deadline: the Friday before (winter).
    const monday = conversation({ openedAt: '2026-11-02T08:00:00.000Z', dueAt: '2026-11-09T16:00:00.000Z' });
    const found = invite(monday.trajectory, monday.task);
    expect(found.ics).toContain('DTSTART;TZID=Europe/Amsterdam:20261106T100000');
    expect(found.startsAt).toBe('2026-11-06T09:00:00.000Z');
  });

  it('puts the conversation on its due date when the day before is the day it opened', () => {
    // Prepare: one day to hold it (opened Monday, due Tuesday), one working day's notice.
    const trajectory = people({
      schedule: { ...people().schedule, conversationDueDays: 1, meetingNoticeWorkingDays: 1 },
    });
    const { task } = conversation(
      { openedAt: '2026-11-02T08:00:00.000Z', dueAt: '2026-11-03T16:00:00.000Z' },
      trajectory,
    );

    // Act + Assess
    expect(invite(trajectory, task)).toMatchObject({ date: '2026-11-03', sequence: 0 });
  });

  it('never gives less notice than asked: past the deadline if need be, never sooner', () => {
    // Prepare: opened Monday 2 November 2026, due Tuesday; two working days' notice (the default).
    const trajectory = people({ schedule: { ...people().schedule, conversationDueDays: 1 } });
    const { task } = conversation(
      { openedAt: '2026-11-02T08:00:00.000Z', dueAt: '2026-11-03T16:00:00.000Z' },
      trajectory,
    );

    // Act + Assess: Wednesday, the first day with two working days' notice.
    expect(invite(trajectory, task)).toMatchObject({ date: '2026-11-04', sequence: 0 });
  });

  it('counts the notice from the Monday when the conversation opened on a Saturday', () => {
    // Prepare: opened Saturday 7 March 2026 (its request goes out Monday 9 March at 09:00), due
    // Monday 9 March with the deadline moved that close; two working days' notice.
    const { trajectory, task } = conversation({
      openedAt: '2026-03-07T10:00:00.000Z',
      dueAt: '2026-03-09T16:00:00.000Z',
    });

    // Act + Assess: Wednesday 11 March, not the Friday before the deadline, which has passed.
    expect(invite(trajectory, task).date).toBe('2026-03-11');
  });

  it('proposes the conversation on the working day before a deadline after Christmas', () => {
    // Prepare: opened Tuesday 22 December 2026, due Tuesday 29 December.
    const { trajectory, task } = conversation({
      openedAt: '2026-12-22T09:00:00.000Z',
      dueAt: dueAt(new Date('2026-12-22T09:00:00.000Z'), 7).toISOString(),
    });

    // Act + Assess: Monday 28 December; Christmas and Boxing Day are no working days.
    expect(invite(trajectory, task).date).toBe('2026-12-28');
  });

  it('keeps a follow-up on its planned date, as the first invite, when it is asked for days ahead', () => {
    // Prepare: the meeting on Monday 8 March 2027, its task opened on Thursday 4 March at 09:00.
    const openedAt = followUpRequestAt('2027-03-08', DEFAULT_SCHEDULE).toISOString();
    const { trajectory, task } = followUp('2027-03-08', openedAt);

    // Act
    const found = invite(trajectory, task);
    const forEmployee = employeeInviteMail(trajectory, task, calendar)?.render(undefined);

    // Assess: on its date, not moved (SEQUENCE 0), and the employee hears no "moved".
    expect(found).toMatchObject({ date: '2027-03-08', sequence: 0, startsAt: '2027-03-08T09:00:00.000Z' });
    expect(value(found.event, 'SEQUENCE')).toBe('0');
    expect(forEmployee?.subject).toBe('Uitnodiging: voortgangsgesprek 1 met Pieter Visser');
  });

  it('always proposes the conversation on a working day at least the notice after its request (2026–2028)', () => {
    const scenario = fc.record({
      openedAt: fc.date({
        min: new Date('2026-01-01T00:00:00Z'),
        max: new Date('2028-12-31T23:59:59Z'),
        noInvalidDate: true,
      }),
      conversationDueDays: fc.integer({ min: 1, max: 30 }),
      meetingNoticeWorkingDays: fc.integer({ min: 1, max: 10 }),
    });

    fc.assert(
      fc.property(scenario, (s) => {
        // Prepare
        const trajectory = people({
          schedule: {
            ...DEFAULT_SCHEDULE,
            conversationDueDays: s.conversationDueDays,
            meetingNoticeWorkingDays: s.meetingNoticeWorkingDays,
          },
        });
        const due = dueAt(s.openedAt, s.conversationDueDays);
        const task = aTask(trajectory.id, {
          id: 'conversation-1',
          kind: 'conversation',
          openedAt: s.openedAt.toISOString(),
          dueAt: due.toISOString(),
        });

        // Act
        const found = invite(trajectory, task);

        // Assess: a working day, after the request, with the notice's working days in between.
        const requestAt = nextWorkingMoment(s.openedAt);
        const requestedOn = amsterdamDate(requestAt);
        let workingDays = 0;
        for (let d = addDays(requestedOn, 1); d <= found.date; d = addDays(d, 1))
          if (isWorkingDay(d)) workingDays++;
        expect(isWorkingDay(found.date)).toBe(true);
        expect(Date.parse(found.startsAt)).toBeGreaterThan(requestAt.getTime());
        expect(workingDays).toBeGreaterThanOrEqual(s.meetingNoticeWorkingDays);
        expect(found.sequence).toBe(0);
        // Before the deadline whenever the notice allows it.
        const dueOn = amsterdamDate(due);
        if (workingDays > s.meetingNoticeWorkingDays) expect(found.date < dueOn).toBe(true);
      }),
    );
  });

  it('has no invite for a task that is not a meeting', () => {
    const trajectory = people();
    for (const kind of ['identify', 'plan', 'employee-response', 'evaluation', 'aftercare'] as const) {
      expect(meetingInvite(trajectory, aTask(trajectory.id, { kind }), calendar)).toBeUndefined();
    }
  });
});

describe('meetingInvite: identity and revisions', () => {
  it('keeps one UID per task across renders, and raises SEQUENCE when the deadline moves the meeting', () => {
    // Prepare
    const { trajectory, task } = conversation();
    const first = invite(trajectory, task);
    const again = invite(trajectory, task, { ...calendar, stamp: new Date('2026-07-02T10:00:00.000Z') });

    // Act: HR gives two more days (due Friday 10 July), then three more (Monday 13 July... and on).
    const once = extended(task, 2, new Date('2026-07-03T10:00:00.000Z'));
    const twice = extended(once, 3, new Date('2026-07-04T10:00:00.000Z'));
    const moved = invite(trajectory, once);
    const movedAgain = invite(trajectory, twice);

    // Assess
    expect(value(first.event, 'UID')).toBe('trj-1.conversation-1@verbetertraject');
    expect(value(again.event, 'UID')).toBe(value(first.event, 'UID'));
    expect(value(moved.event, 'UID')).toBe(value(first.event, 'UID'));
    expect(again.ics.replace(/DTSTAMP:.*/, '')).toBe(first.ics.replace(/DTSTAMP:.*/, ''));
    expect(value(first.event, 'SEQUENCE')).toBe('0');
    expect(value(moved.event, 'DTSTART')).toBe('20260709T100000');
    const sequences = [first, moved, movedAgain].map((found) => Number(value(found.event, 'SEQUENCE')));
    expect(sequences[1]).toBeGreaterThan(sequences[0]!);
    expect(sequences[2]).toBeGreaterThan(sequences[1]!);
    expect(sequences.map(String)).toEqual([first, moved, movedAgain].map((found) => String(found.sequence)));
  });

  it('renders a meeting’s invite once for the request and the employee’s mail of one step, and anew for other inputs', () => {
    const { trajectory, task } = conversation();
    const options = { ...calendar };

    const forRequest = meetingInvite(trajectory, task, options);
    const forEmployee = meetingInvite(trajectory, task, options);
    const later = meetingInvite(trajectory, task, {
      ...calendar,
      stamp: new Date('2026-07-02T10:00:00.000Z'),
    });
    const renamed = meetingInvite(
      { ...trajectory, employee: { ...trajectory.employee, name: 'Sanne Jansen' } },
      task,
      options,
    );

    expect(forEmployee).toBe(forRequest);
    expect(later).not.toBe(forRequest);
    expect(later?.ics).toContain('DTSTAMP:20260702T100000Z');
    expect(renamed?.ics).toContain('Sanne Jansen');
    expect(forRequest?.ics).not.toContain('Sanne Jansen');
  });

  it('tells a different trajectory’s task of the same id apart', () => {
    const a = conversation();
    const b = conversation({}, people({ id: 'trj-2' }));
    expect(invite(a.trajectory, a.task).uid).not.toBe(invite(b.trajectory, b.task).uid);
  });

  it('invites the manager and the employee, organised by the configured sender', () => {
    // Act
    const { trajectory, task } = conversation();
    const found = invite(trajectory, task);

    // Assess
    const attendees = found.event.filter((p) => p.name === 'ATTENDEE');
    expect(attendees.map((p) => [p.params.CN, p.raw.toLowerCase()])).toEqual([
      ['Pieter Visser', 'mailto:pieter@example.nl'],
      ['Sanne de Boer', 'mailto:sanne@example.nl'],
    ]);
    for (const attendee of attendees) {
      expect(attendee.params).toMatchObject({
        ROLE: 'REQ-PARTICIPANT',
        PARTSTAT: 'NEEDS-ACTION',
        RSVP: 'FALSE',
      });
    }
    const organizer = one(found.event, 'ORGANIZER');
    expect([organizer.params.CN, organizer.raw]).toEqual(['Verbetertraject', 'mailto:hr@example.nl']);
    // A bare sender address gets the catalogue's name.
    const bare = invite(trajectory, task, { ...calendar, organizer: 'hr@example.nl' });
    expect(one(bare.event, 'ORGANIZER').params.CN).toBe('HR');
  });

  it('reads the sender as MAIL_FROM allows it', () => {
    expect(parseMailbox('hr@example.nl')).toEqual({ email: 'hr@example.nl' });
    expect(parseMailbox('Verbetertraject <hr@example.nl>')).toEqual({
      name: 'Verbetertraject',
      email: 'hr@example.nl',
    });
    expect(parseMailbox('"HR, Acme" <hr@example.nl>')).toEqual({ name: 'HR, Acme', email: 'hr@example.nl' });
  });
});

describe('meetingInvite: text', () => {
  it('speaks the trajectory’s language: Dutch by default, English for en', () => {
    // Act
    const nl = followUp('2026-07-06', '2026-07-06T07:00:00.000Z');
    const dutch = invite(nl.trajectory, nl.task);
    const en = followUp('2026-07-06', '2026-07-06T07:00:00.000Z', { locale: 'en' });
    const english = invite(en.trajectory, en.task);

    // Assess
    expect(unescapeText(value(dutch.event, 'SUMMARY'))).toBe(
      'Voortgangsgesprek 1 verbetertraject: Pieter Visser en Sanne de Boer',
    );
    expect(unescapeText(value(dutch.event, 'DESCRIPTION'))).toMatch(/^Voortgangsgesprek 1 van Pieter Visser/);
    expect(unescapeText(value(dutch.event, 'DESCRIPTION'))).toContain('\n\nHet tijdstip is een voorstel.');
    expect(unescapeText(value(english.event, 'SUMMARY'))).toBe(
      'Improvement trajectory follow-up meeting 1: Pieter Visser and Sanne de Boer',
    );
    expect(unescapeText(value(english.event, 'DESCRIPTION'))).toContain('The time is a proposal.');
    expect(value(english.properties, 'PRODID')).toContain('//EN');
  });

  it('escapes names with commas, semicolons and quotes so every client reads them back whole', () => {
    // Prepare
    const trajectory = people({
      employee: { name: 'Jansen, Jan; "JJ" jr.', email: 'jan@example.nl' },
      manager: { name: 'Visser; Pieter, MSc', email: 'pieter@example.nl' },
    });
    const { task } = conversation({}, trajectory);

    // Act
    const found = invite(trajectory, task);

    // Assess: escaped in text values, quoted in parameters, and nothing else shifts.
    expect(found.ics).toContain('Jansen\\, Jan\\;');
    expect(unescapeText(value(found.event, 'SUMMARY'))).toBe(
      'Gesprek Visser; Pieter, MSc en Jansen, Jan; "JJ" jr.',
    );
    const attendees = found.event.filter((p) => p.name === 'ATTENDEE');
    // A double quote cannot live inside a quoted parameter: it becomes a single one.
    expect(attendees.map((p) => p.params.CN)).toEqual(['Visser; Pieter, MSc', "Jansen, Jan; 'JJ' jr."]);
    expect(attendees.map((p) => p.raw)).toEqual(['MAILTO:pieter@example.nl', 'MAILTO:jan@example.nl']);
    // Folded at 75 octets, CRLF only.
    for (const line of found.ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(found.ics).not.toMatch(/[^\r]\n/);
    expect(unfold(found.ics).at(-1)).toBe('END:VCALENDAR');
  });
});

describe('the mails that carry an invite', () => {
  const link = 'https://verbetertraject.example.test/actions/abc';

  it('attaches the invite to a conversation or follow-up request, and to no other', () => {
    // Prepare
    const { trajectory, task } = conversation();
    const dossier = { trajectory, tasks: [task], events: [] };
    const plan = aTask(trajectory.id, { id: 'plan-1', kind: 'plan' });

    // Act
    const request = requestMail(dossier, task, calendar).render(link);
    const withoutCalendar = requestMail(dossier, task).render(link);
    const planRequest = requestMail({ ...dossier, tasks: [task, plan] }, plan, calendar).render(link);

    // Assess
    expect(request.attachments).toEqual([
      {
        filename: 'uitnodiging.ics',
        contentType: INVITE_CONTENT_TYPE,
        content: expect.stringContaining('BEGIN:VCALENDAR'),
      },
    ]);
    expect(INVITE_CONTENT_TYPE).toMatch(/^text\/calendar;.*method=REQUEST/);
    expect(request.text).toContain(
      'agenda-uitnodiging voor het gesprek met Sanne op dinsdag 7 juli 2026 om 10:00',
    );
    expect(withoutCalendar.attachments).toBeUndefined();
    expect(planRequest.attachments).toBeUndefined();
  });

  it('sends the employee the same invite, once per time the meeting is put at', () => {
    // Prepare
    const { trajectory, task } = conversation();
    const moved = extended(task, 2, new Date('2026-07-03T10:00:00.000Z'));

    // Act
    const first = employeeInviteMail(trajectory, task, calendar)!;
    const update = employeeInviteMail(trajectory, moved, calendar)!;
    const mail = first.render(undefined);
    const updated = update.render(undefined);

    // Assess
    expect(first).toMatchObject({ kind: 'meeting-invite', recipient: 'employee', taskId: 'conversation-1' });
    expect(first.key).toBe('conversation-1.invite@2026-07-07T08:00:00.000Z');
    expect(update.key).toBe('conversation-1.invite@2026-07-09T08:00:00.000Z');
    expect(first.linkTaskId).toBeUndefined();
    expect(mail.subject).toBe('Uitnodiging: gesprek met Pieter Visser');
    expect(mail.text).toContain('Het voorstel is dinsdag 7 juli 2026 om 10:00');
    expect(mail.text).toMatch(/^Beste Sanne,/);
    expect(updated.subject).toBe('Uitnodiging verplaatst: gesprek met Pieter Visser');
    expect(updated.text).toContain('verplaatst naar donderdag 9 juli 2026 om 10:00');
    const [sent] = parseIcs(mail.attachments![0]!.content).filter((p) => p.name === 'UID');
    expect(sent?.raw).toBe('trj-1.conversation-1@verbetertraject');
    expect(mail.attachments![0]!.content).toBe(meetingInvite(trajectory, task, calendar)!.ics);
  });

  it('puts the updated invite on the deadline-moved notice only when the meeting moved', () => {
    // Prepare
    const { trajectory, task } = conversation();
    const moved = extended(task, 2, new Date('2026-07-03T10:00:00.000Z'));
    const follow = followUp('2026-07-06', '2026-07-06T07:00:00.000Z');
    const followMoved = extended(follow.task, 2, new Date('2026-07-07T10:00:00.000Z'));

    // Act
    const notice = deadlineMovedMail(trajectory, moved, calendar).render(undefined);
    const followNotice = deadlineMovedMail(follow.trajectory, followMoved, calendar).render(undefined);

    // Assess
    const ics = parseIcs(notice.attachments![0]!.content);
    expect(value(component(ics, 'VEVENT'), 'SEQUENCE')).toBe('2');
    expect(value(component(ics, 'VEVENT'), 'DTSTART')).toBe('20260709T100000');
    expect(notice.text).toContain('verplaatst naar donderdag 9 juli 2026 om 10:00');
    // A follow-up stays on its planned date whatever its report's deadline.
    expect(followNotice.attachments).toBeUndefined();
  });
});
