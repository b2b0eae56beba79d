/**
 * The calendar never waits on one person: a manager who writes no report for six weeks holds up
 * neither the next follow-ups, nor their invites, nor the evaluation.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { subtractWorkingDays } from '#core/working-days.ts';
import {
  advanceTo,
  amsterdam,
  createTrajectory,
  DAY_MS,
  dossier,
  followUp,
  HOUR_MS,
  linkView,
  mailsTo,
  now,
  requestLink,
  settle,
  startTestCloud,
  submit,
  throughPlan,
  today,
  type DossierJson,
  type TestCloud,
} from './support.ts';

let cloud: TestCloud | undefined;
afterEach(async () => {
  await cloud?.dispose();
  cloud = undefined;
});

interface TaskJson {
  id: string;
  kind: string;
  status: string;
  openedAt: string;
}
interface MeetingJson {
  number: number;
  plannedOn: string;
  taskId?: string;
}

const tasksOf = (found: DossierJson): TaskJson[] => found.tasks;
const openFollowUps = (found: DossierJson) =>
  tasksOf(found).filter((task) => task.kind === 'follow-up' && task.status === 'open');

describe('a manager who is late', () => {
  it('holds up neither the next follow-ups, nor their invites, nor the evaluation', async () => {
    // Prepare: a trajectory through its plan; from then on the manager writes no report.
    cloud = await startTestCloud();
    const run = await createTrajectory(cloud);
    await throughPlan(run);
    const acknowledged = await now(cloud);
    const { meetings, termEndsAt } = (await dossier(run)) as { meetings: MeetingJson[]; termEndsAt: string };

    // Act: six weeks pass without a single report.
    await advanceTo(cloud, acknowledged + 42 * DAY_MS);

    // Assess: every follow-up of those weeks was requested on its own, ahead of its meeting.
    const sixWeeksOn = await dossier(run);
    const due = meetings.filter((meeting) => meeting.plannedOn <= amsterdam(acknowledged + 42 * DAY_MS));
    expect(due.length).toBeGreaterThanOrEqual(3);
    expect(openFollowUps(sixWeeksOn).map((task) => task.id)).toEqual(
      due.map((meeting) => `follow-up-${meeting.number}`),
    );
    const managerMails = await mailsTo(cloud, run.people.manager.email);
    const employeeMails = await mailsTo(cloud, run.people.employee.email);
    for (const meeting of due) {
      const taskId = `follow-up-${meeting.number}`;
      const latest = subtractWorkingDays(meeting.plannedOn, 2);
      const request = managerMails.find(
        (mail) => mail.kind === 'task-request' && mail.task?.taskId === taskId,
      );
      const requestedOn = amsterdam(request!.sentAt).slice(0, 10);
      expect(requestedOn <= latest, `${taskId} requested on ${requestedOn}, by ${latest}`).toBe(true);
      // The employee's copy of the invite goes out with the request.
      const invite = employeeMails.find(
        (mail) => mail.kind === 'meeting-invite' && amsterdam(mail.sentAt).slice(0, 10) === requestedOn,
      );
      expect(invite, `${taskId}: the employee's invite`).toBeDefined();
    }
    // The first report is late, not lost: the link still takes it.
    const late = await submit(
      run,
      await requestLink(run, run.people.manager.email, 'follow-up-1'),
      followUp(await today(cloud)),
    );
    expect(late.status, JSON.stringify(late.body)).toBe(200);
    await settle(cloud);
    const afterLate = await dossier(run);
    expect(tasksOf(afterLate).find((task) => task.id === 'follow-up-1')?.status).toBe('done');
    expect(openFollowUps(afterLate).length).toBeGreaterThanOrEqual(2);

    // The evaluation opens at the end of the term, while reports are still missing.
    await advanceTo(cloud, termEndsAt, HOUR_MS);
    const atTermEnd = await dossier(run);
    const evaluation = tasksOf(atTermEnd).find((task) => task.kind === 'evaluation');
    expect(evaluation, 'the evaluation opened').toBeDefined();
    expect(Date.parse(evaluation!.openedAt) - Date.parse(termEndsAt)).toBeLessThan(7 * DAY_MS);
    const stillOpen = openFollowUps(atTermEnd);
    expect(stillOpen.length).toBeGreaterThan(0);
    expect(tasksOf(atTermEnd).filter((task) => task.status === 'open').length).toBeGreaterThan(1);
    // The evaluation says which reports are missing, in its request and on its page.
    const evaluationRequest = (await mailsTo(cloud, run.people.manager.email)).find(
      (mail) => mail.kind === 'task-request' && mail.task?.task === 'evaluation',
    )!;
    expect(evaluationRequest.text).toContain('Nog niet ontvangen');
    for (const task of stillOpen) {
      expect(evaluationRequest.text).toContain(`voortgangsgesprek ${task.id.slice('follow-up-'.length)} (`);
    }
    expect(evaluationRequest.text).not.toContain('voortgangsgesprek 1 (');
    const view = await linkView(cloud, evaluationRequest.link!);
    expect(
      view.context.missingReports.map((report: { meeting: number }) => `follow-up-${report.meeting}`),
    ).toEqual(stillOpen.map((task) => task.id));
  });
});
