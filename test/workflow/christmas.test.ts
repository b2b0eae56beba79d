/**
 * Nobody is mailed on a day off: a trajectory through Christmas, New Year and the weekends between
 * mails only on working days, and what was set off on a day off goes out at 09:00 on the next one.
 * (A cloud of its own: it starts on a date of its own.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { isWorkingDay } from '#core/working-days.ts';
import {
  advanceTo,
  amsterdam,
  answer,
  conversation,
  createTrajectory,
  IDENTIFY,
  mailsTo,
  startTestCloud,
  type Mail,
  type TestCloud,
} from './support.ts';

let cloud: TestCloud | undefined;
afterAll(async () => {
  await cloud?.dispose();
});

/** Every mail the outbox holds, to anyone. */
async function allMails(test: TestCloud): Promise<Pick<Mail, 'subject' | 'sentAt'>[]> {
  const { body } = await test.request('GET', '/_local/outbox');
  return body.messages;
}

describe('a trajectory over Christmas and New Year', () => {
  it('mails nobody on a weekend or a Dutch public holiday', async () => {
    // Prepare: HR starts on Monday 14 December 2026; the manager is slow, as managers are in
    // December, and answers on Boxing Day; a second trajectory is started on a Sunday.
    cloud = await startTestCloud({ startAt: new Date('2026-12-14T09:30:00+01:00') });
    const run = await createTrajectory(cloud);

    // Act: the identify task is chased through the week before Christmas.
    await advanceTo(cloud, '2026-12-26T11:00:00+01:00');
    await answer(run, IDENTIFY, 'identify');
    await advanceTo(cloud, '2026-12-27T15:00:00+01:00');
    const sunday = await createTrajectory(cloud);
    await advanceTo(cloud, '2027-01-02T10:00:00+01:00');
    await answer(run, conversation('2026-12-30'), 'conversation');
    await advanceTo(cloud, '2027-01-12T10:00:00+01:00');

    // Assess
    const mails = await allMails(cloud);
    expect(mails.length).toBeGreaterThan(10);
    const onDaysOff = mails.filter((mail) => !isWorkingDay(amsterdam(mail.sentAt).slice(0, 10)));
    expect(onDaysOff.map((mail) => `${amsterdam(mail.sentAt)} ${mail.subject}`)).toEqual([]);
    expect(mails.some((mail) => amsterdam(mail.sentAt).startsWith('2026-12-2'))).toBe(true);
    // What was held went out on the next working day at 09:00, not later.
    const identifyRequest = (await mailsTo(cloud, sunday.people.manager.email)).find(
      (mail) => mail.task?.task === 'identify',
    );
    expect(amsterdam(identifyRequest!.sentAt)).toBe('2026-12-28 09:00');
    // The employee hears of the trajectory once the conversation is recorded (a Saturday): Monday.
    const started = (await mailsTo(cloud, run.people.employee.email)).find(
      (mail) => mail.kind === 'trajectory-started',
    );
    expect(amsterdam(started!.sentAt)).toBe('2027-01-04 09:00');
    const conversationRequest = (await mailsTo(cloud, run.people.manager.email)).find(
      (mail) => mail.kind === 'task-request' && mail.task?.task === 'conversation',
    );
    expect(amsterdam(conversationRequest!.sentAt)).toBe('2026-12-28 09:00');
    const summaryForEmployee = (await mailsTo(cloud, run.people.employee.email)).find(
      (mail) => mail.task?.task === 'employee-response',
    );
    expect(amsterdam(summaryForEmployee!.sentAt)).toBe('2027-01-04 09:00');
  });
});
