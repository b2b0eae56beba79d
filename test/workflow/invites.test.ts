/**
 * Calendar invites on the local cloud, as the manager and the employee receive them: the
 * conversation's request carries its invite, a moved deadline sends the update (same UID, higher
 * SEQUENCE) to both, and each follow-up request carries the invite for its planned date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { component, one, parseIcs, type IcsProperty } from '../support/ics.ts';
import {
  ACKNOWLEDGE,
  advanceTo,
  answer,
  APPROVE,
  conversation,
  createTrajectory,
  dossier,
  EMPLOYEE_RESPONSE,
  HOUR_MS,
  IDENTIFY,
  mailsTo,
  openTask,
  PLAN,
  settle,
  startTestCloud,
  summary,
  today,
  type Mail,
  type TestCloud,
} from './support.ts';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud?.dispose();
});

type Outboxed = Mail & { attachments?: { filename?: string; contentType: string; content: string }[] };

/** The invite's event in a mail from the outbox: its calendar part, decoded and parsed. */
function inviteIn(mail: Outboxed | undefined): { ics: string; event: IcsProperty[]; method: string } {
  const part = mail?.attachments?.find((attachment) => attachment.contentType.startsWith('text/calendar'));
  if (!part) throw new Error(`No calendar part in "${mail?.subject}"`);
  const ics = Buffer.from(part.content, 'base64').toString('utf8');
  const properties = parseIcs(ics);
  return { ics, event: component(properties, 'VEVENT'), method: one(properties, 'METHOD').raw };
}

const field = (event: IcsProperty[], name: string) => one(event, name).raw;
const ymd = (date: string) => date.replaceAll('-', '');
const amsterdamDay = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date(iso));

describe('calendar invites', () => {
  it('come with the conversation and follow-up requests, for the manager and the employee', async () => {
    // Prepare: a short term, so one follow-up comes soon.
    const run = await createTrajectory(cloud, { schedule: { termWeeks: 3, followUpEveryDays: 7 } });
    const { employee, manager } = run.people;
    await answer(run, IDENTIFY);

    // Act 1: the conversation is asked for.
    const task = await openTask(run);
    const request = (await mailsTo(cloud, manager.email)).at(-1) as Outboxed;

    // Assess 1: the request carries an invite for the working day before the deadline, 10:00.
    expect(request.task).toEqual({ task: 'conversation', taskId: 'conversation-1' });
    const invite = inviteIn(request);
    expect(invite.method).toBe('REQUEST');
    expect(field(invite.event, 'UID')).toBe(`${run.id}.conversation-1@verbetertraject`);
    expect(field(invite.event, 'SEQUENCE')).toBe('0');
    const start = one(invite.event, 'DTSTART');
    expect(start.params).toEqual({ TZID: 'Europe/Amsterdam' });
    expect(start.raw).toMatch(/^\d{8}T100000$/);
    expect(start.raw.slice(0, 8) < ymd(amsterdamDay(task.dueAt))).toBe(true);
    expect(invite.ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam\r\n');
    expect(
      invite.event.filter((p) => p.name === 'ATTENDEE').map((p) => [p.params.CN, p.raw.toLowerCase()]),
    ).toEqual([
      [manager.name, `mailto:${manager.email}`],
      [employee.name, `mailto:${employee.email}`],
    ]);
    expect(field(invite.event, 'ORGANIZER')).toBe('mailto:verbetertraject@example.nl');
    expect(request.attachments?.some((a) => a.filename === 'uitnodiging.ics')).toBe(true);
    // The employee gets the same invite in a mail of their own, without the manager's link.
    const employeeMails = (await mailsTo(cloud, employee.email)) as Outboxed[];
    // The conversation is not recorded yet: the invite is all the employee has had.
    expect(summary(employeeMails)).toEqual(['meeting-invite']);
    expect(employeeMails[0]!.link).toBeUndefined();
    expect(inviteIn(employeeMails[0]).ics).toBe(invite.ics);

    // Act 2: HR gives two more days.
    const moved = await cloud.request('POST', `/trajectories/${run.id}/tasks/${task.id}/extend`, {
      token: run.hr,
      body: { days: 2 },
    });
    expect(moved.status).toBe(200);
    await settle(cloud);

    // Assess 2: both get the update of the same entry, later and with a higher SEQUENCE.
    const notice = (await mailsTo(cloud, manager.email)).at(-1) as Outboxed;
    expect(notice.kind).toBe('deadline-moved');
    const update = inviteIn(notice);
    expect(field(update.event, 'UID')).toBe(field(invite.event, 'UID'));
    expect(Number(field(update.event, 'SEQUENCE'))).toBeGreaterThan(0);
    expect(field(update.event, 'DTSTART') > start.raw).toBe(true);
    const employeeUpdate = (await mailsTo(cloud, employee.email)).at(-1) as Outboxed;
    expect(employeeUpdate.subject).toMatch(/^Uitnodiging verplaatst: /);
    expect(inviteIn(employeeUpdate).event).toEqual(update.event);

    // Act 3: on to the follow-up, which opens at 09:00 on its planned date.
    await answer(run, conversation(await today(cloud)));
    await answer(run, EMPLOYEE_RESPONSE);
    await answer(run, PLAN);
    await answer(run, APPROVE);
    await answer(run, ACKNOWLEDGE);
    const planned = (await dossier(run)).meetings[0].plannedOn as string;
    await advanceTo(cloud, `${planned}T12:00:00Z`, HOUR_MS);

    // Assess 3: its request carries the invite for that date, 10:00–11:00 Amsterdam time.
    const followUp = (await mailsTo(cloud, manager.email)).at(-1) as Outboxed;
    expect(followUp.task).toEqual({ task: 'follow-up', taskId: 'follow-up-1' });
    const meeting = inviteIn(followUp);
    expect(field(meeting.event, 'UID')).toBe(`${run.id}.follow-up-1@verbetertraject`);
    expect(one(meeting.event, 'DTSTART')).toMatchObject({
      params: { TZID: 'Europe/Amsterdam' },
      raw: `${ymd(planned)}T100000`,
    });
    expect(field(meeting.event, 'DTEND')).toBe(`${ymd(planned)}T110000`);
    // The employee's last mails: the invite, and the request for their self-assessment beside it,
    // in either order.
    const employeeInvite = ((await mailsTo(cloud, employee.email)) as Outboxed[]).findLast(
      (mail) => mail.kind === 'meeting-invite',
    );
    expect(inviteIn(employeeInvite).ics).toBe(meeting.ics);
    // Every invite to the employee is in the dossier, as any mail that informed them.
    const sent = (await dossier(run)).events.filter(
      (event: { type: string; data?: { mail?: string; to?: string } }) =>
        event.type === 'mail-sent' && event.data?.mail === 'meeting-invite',
    );
    expect(sent.map((event: { data: { to: string } }) => event.data.to)).toEqual([
      'employee',
      'employee',
      'employee',
    ]);
  });
});
