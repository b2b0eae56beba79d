/**
 * A fair trajectory, end to end on the local cloud through the public contract only: the employee
 * hears of the trajectory from their manager before any mail names it; the plan comes with a
 * consequence statement HR approves and the employee receives; a possible cause in health or
 * working conditions asks HR for a follow-up, which the completeness check requires.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '#shared/session-cookie.ts';
import { component, parseIcs } from '../support/ics.ts';
import { pdfText } from '../support/pdf-text.ts';
import {
  answer,
  APPROVE,
  conversation,
  createTrajectory,
  dossier,
  EMPLOYEE_RESPONSE,
  IDENTIFY,
  linkView,
  mailsTo,
  openTask,
  PLAN,
  requestLink,
  startTestCloud,
  submit,
  summary,
  today,
  type Mail,
  type Run,
  type TestCloud,
} from './support.ts';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud.dispose();
});

type Outboxed = Mail & { attachments?: { contentType: string; content: string }[] };
type Criterion = { id: string; status: string; reason: string };

const criterion = (found: { completeness: { criteria: Criterion[] } }, id: string) =>
  found.completeness.criteria.find((candidate) => candidate.id === id);

/**
 * Every word of a mail a person reads: subject, text, HTML, and what a calendar shows of its
 * invite (title, description, organiser). The invite's UID and PRODID are identifiers no calendar
 * shows; they stay as they are, so an invite sent before keeps being updated.
 */
function everything(mail: Outboxed): string {
  const shown = (mail.attachments ?? [])
    .filter((part) => part.contentType.startsWith('text/calendar'))
    .flatMap((part) => component(parseIcs(Buffer.from(part.content, 'base64').toString('utf8')), 'VEVENT'))
    .filter((property) => ['SUMMARY', 'DESCRIPTION', 'ORGANIZER', 'LOCATION'].includes(property.name))
    // The organiser's address is the deployment's sender (README.md, "Deploy"); its name is ours.
    .map((property) =>
      property.name === 'ORGANIZER'
        ? JSON.stringify(property.params)
        : `${property.raw} ${JSON.stringify(property.params)}`,
    );
  expect(shown.length).toBeGreaterThanOrEqual(3);
  return [mail.subject, mail.text, mail.html, ...shown].join('\n');
}

const STANDARD_STATEMENT = 'Worden de doelen van dit verbeterplan aan het einde van de termijn niet gehaald';

async function dossierPage(run: Run): Promise<string> {
  const page = await cloud.request('GET', `/dossiers/${run.id}`, {
    headers: { cookie: `${SESSION_COOKIE}=${run.hr}` },
  });
  expect(page.status).toBe(200);
  return String(page.body);
}

/** HR's internal completeness report, apart from the dossier (docs/exports.md). */
async function completenessReport(run: Run): Promise<string> {
  return pdfOf(run, 'completeness.pdf');
}

async function dossierPdf(run: Run): Promise<string> {
  return pdfOf(run, 'dossier.pdf');
}

async function pdfOf(run: Run, file: string): Promise<string> {
  const pdf = await fetch(`${cloud.url}/trajectories/${run.id}/${file}`, {
    headers: { authorization: `Bearer ${run.hr}` },
  });
  expect(pdf.status).toBe(200);
  return (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
}

describe('a fair start', () => {
  it('names the trajectory to the employee only once the manager has recorded the conversation', async () => {
    // Prepare: HR starts a trajectory; the manager identifies the areas, which opens the conversation.
    const run = await createTrajectory(cloud);
    const employee = run.people.employee.email;
    await answer(run, IDENTIFY);

    // Assess: all the employee has is the invite to a meeting with their manager, which says
    // nothing of a trajectory or of improvement, not in the mail and not in the calendar invite.
    const before = (await mailsTo(cloud, employee)) as Outboxed[];
    expect(summary(before)).toEqual(['meeting-invite']);
    const invite = before[0]!;
    expect(invite.attachments?.some((part) => part.contentType.startsWith('text/calendar'))).toBe(true);
    expect(everything(invite)).not.toMatch(/verbeter|traject|improve|trajectory/i);
    expect(invite.text).toContain(`${run.people.manager.name} wil graag met je in gesprek.`);

    // Act: the manager records the conversation.
    await answer(run, conversation(await today(cloud)));

    // Assess: now the employee hears of it: the start, then the summary to respond to.
    const after = await mailsTo(cloud, employee);
    expect(summary(after)).toEqual([
      'meeting-invite',
      'trajectory-started',
      'task-request:employee-response',
    ]);
    const recorded = (await dossier(run)).events.find(
      (event: { type: string }) => event.type === 'conversation-recorded',
    );
    expect(after[1]!.sentAt >= recorded.at).toBe(true);
  });

  it('tells the employee nothing of a trajectory cancelled before the conversation', async () => {
    // Prepare
    const run = await createTrajectory(cloud);
    await answer(run, IDENTIFY);

    // Act
    const cancelled = await cloud.request('POST', `/trajectories/${run.id}/cancel`, {
      token: run.hr,
      body: { reason: 'De medewerker is intern overgeplaatst.' },
    });

    // Assess: the manager and HR are told; the employee only ever had the neutral invite.
    expect(cancelled.status).toBe(200);
    expect(summary(await mailsTo(cloud, run.people.employee.email))).toEqual(['meeting-invite']);
    expect(summary(await mailsTo(cloud, run.people.manager.email))).toContain('trajectory-cancelled');
    expect(summary(await mailsTo(cloud, run.people.hrAdvisor.email))).toContain('trajectory-cancelled');
  });

  it('gives the plan a consequence statement that HR approves and the employee receives', async () => {
    // Prepare
    const run = await createTrajectory(cloud);
    await answer(run, IDENTIFY);
    await answer(run, conversation(await today(cloud)));
    await answer(run, EMPLOYEE_RESPONSE, 'employee-response');
    const beforePlan = await dossier(run);
    expect(beforePlan.consequenceStatement).toContain(STANDARD_STATEMENT);
    expect(criterion(beforePlan, 'consequence-statement')?.status).toBe('pending');

    // Act: the plan, HR's approval, then the employee's acknowledgement.
    await answer(run, PLAN, 'plan');
    const approval = await openTask(run, 'plan-approval');
    const approvalView = await linkView(
      cloud,
      await requestLink(run, run.people.hrAdvisor.email, approval.id),
    );
    const hrRequest = (await mailsTo(cloud, run.people.hrAdvisor.email)).at(-1)!;
    await answer(run, APPROVE, 'plan-approval');
    const acknowledgement = await openTask(run, 'plan-acknowledgement');
    const ackLink = await requestLink(run, run.people.employee.email, acknowledgement.id);
    const ackView = await linkView(cloud, ackLink);
    const ackPage = await cloud.request('GET', ackLink, { headers: { accept: 'text/html' } });
    const employeeRequest = (await mailsTo(cloud, run.people.employee.email)).at(-1)!;
    await answer(run, { acknowledged: true }, 'plan-acknowledgement');

    // Assess: HR saw it with the plan, the employee received it with the plan (mail and page).
    expect(approvalView.context?.consequenceStatement).toContain(STANDARD_STATEMENT);
    expect(hrRequest.task?.task).toBe('plan-approval');
    expect(hrRequest.text).toContain(STANDARD_STATEMENT);
    expect(ackView.context?.consequenceStatement).toContain(STANDARD_STATEMENT);
    expect(employeeRequest.task?.task).toBe('plan-acknowledgement');
    expect(employeeRequest.text).toContain('Wat er gebeurt als de doelen niet worden gehaald');
    expect(employeeRequest.text).toContain(STANDARD_STATEMENT);
    expect(String(ackPage.body)).toContain(STANDARD_STATEMENT);
    // The dossier carries it, and the check counts it.
    const found = await dossier(run);
    expect(criterion(found, 'consequence-statement')).toMatchObject({ status: 'pass' });
    const page = await dossierPage(run);
    const planSection = page.split('data-section="plan"')[1]!.split('</section>')[0]!;
    expect(planSection).toContain(STANDARD_STATEMENT);
    expect(await completenessReport(run)).toContain('Gevolgen vooraf duidelijk gemaakt');
    expect(await dossierPdf(run)).toContain(STANDARD_STATEMENT);
  });
});

describe('possible causes', () => {
  const HEALTH = {
    causes: [
      { cause: 'health', namedBy: 'employee' },
      { cause: 'workload', namedBy: 'both' },
    ],
    causesNote: 'Sanne slaapt slecht sinds de reorganisatie.',
  };
  const ACTION = { action: 'Verwezen naar de bedrijfsarts; afspraak staat op 14 december.' };

  it('asks HR to follow up a cause in health, and the check requires the answer', async () => {
    // Prepare
    const run = await createTrajectory(cloud);
    await answer(run, IDENTIFY);

    // Act: the conversation names a health cause and a workload cause.
    await answer(run, { ...conversation(await today(cloud)), ...HEALTH }, 'conversation');
    const hrRequest = (await mailsTo(cloud, run.people.hrAdvisor.email)).at(-1)!;
    const open = await dossier(run);

    // Assess: HR got a task about the conversation, with the cause that calls for it.
    expect(hrRequest.task).toEqual({ task: 'cause-follow-up', taskId: 'cause-follow-up-1' });
    expect(hrRequest.text).toContain('Gezondheid');
    expect(hrRequest.text).toContain(HEALTH.causesNote);
    expect(open.tasks.find((task: { kind: string }) => task.kind === 'cause-follow-up')).toMatchObject({
      status: 'open',
      assignee: 'hr',
      about: 'conversation-1',
    });
    expect(criterion(open, 'causes-followed-up')?.status).toBe('pending');

    // Act: HR answers through the link in the mail.
    await answer(run, ACTION, 'cause-follow-up');

    // Assess: answered, the check passes; the dossier shows the causes and what HR did.
    const found = await dossier(run);
    expect(criterion(found, 'causes-followed-up')).toMatchObject({
      status: 'pass',
      reason: expect.stringContaining('gezondheid'),
    });
    const conversationSection = (await dossierPage(run))
      .split('data-section="conversation"')[1]!
      .split('</section>')[0]!;
    expect(conversationSection).toContain('Gezondheid (genoemd door de medewerker)');
    expect(conversationSection).toContain('Werkdruk (genoemd door beiden)');
    expect(conversationSection).toContain(ACTION.action);
    const pdf = await dossierPdf(run);
    expect(pdf).toContain(ACTION.action);
    expect(await completenessReport(run)).toContain('Genoemde oorzaken opgevolgd');
  });

  it('asks nothing of HR for a cause in workload alone', async () => {
    // Prepare
    const run = await createTrajectory(cloud);
    await answer(run, IDENTIFY);

    // Act
    await answer(
      run,
      { ...conversation(await today(cloud)), causes: [{ cause: 'workload', namedBy: 'employee' }] },
      'conversation',
    );

    // Assess
    const found = await dossier(run);
    expect(found.tasks.map((task: { kind: string }) => task.kind)).not.toContain('cause-follow-up');
    expect(criterion(found, 'causes-followed-up')?.status).toBe('pass');
    expect(summary(await mailsTo(cloud, run.people.hrAdvisor.email))).toEqual([]);
  });

  it('refuses a cause named twice with a 400 on the field, and records nothing', async () => {
    // Prepare
    const run = await createTrajectory(cloud);
    await answer(run, IDENTIFY);
    const task = await openTask(run, 'conversation');
    const link = await requestLink(run, run.people.manager.email, task.id);

    // Act
    const refused = await submit(run, link, {
      ...conversation(await today(cloud)),
      causes: [
        { cause: 'health', namedBy: 'employee' },
        { cause: 'health', namedBy: 'manager' },
      ],
    });

    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body.error.fieldErrors).toEqual([{ path: 'causes.1.cause', message: expect.any(String) }]);
    const found = await dossier(run);
    expect(found.tasks.find((candidate: { id: string }) => candidate.id === task.id)).toMatchObject({
      status: 'open',
    });
    expect(
      found.tasks.find((candidate: { id: string }) => candidate.id === task.id).response,
    ).toBeUndefined();
    expect(found.tasks.map((candidate: { kind: string }) => candidate.kind)).not.toContain('cause-follow-up');
  });
});

describe('proof of receipt', () => {
  it('records a plan handed over in person before a witness, and refuses a day ahead with a 400', async () => {
    // Prepare: a plan HR approved, whose acknowledgement the employee has not given.
    const run = await createTrajectory(cloud);
    await answer(run, IDENTIFY);
    await answer(run, conversation(await today(cloud)));
    await answer(run, PLAN, 'plan');
    await answer(run, APPROVE, 'plan-approval');
    const day = await today(cloud);
    const receipts = (body: unknown) =>
      cloud.request('POST', `/trajectories/${run.id}/receipts`, { token: run.hr, body });

    // Act: one in the future (refused), then the real one, sent twice.
    const ahead = await receipts({ document: 'plan', handedOverOn: '2099-01-01' });
    const events = (await dossier(run)).events.length;
    const receipt = {
      document: 'plan',
      handedOverOn: day,
      witness: 'Karin de Groot (teamleider)',
      refusedToSign: true,
    };
    const recorded = await receipts(receipt);
    const again = await receipts(receipt);

    // Assess: the refusal names the field and wrote nothing; the receipt is in the dossier once.
    expect(ahead.status).toBe(400);
    expect(ahead.body.error.fieldErrors.map((error: { path: string }) => error.path)).toEqual([
      'handedOverOn',
    ]);
    expect(recorded.status).toBe(200);
    expect(again.status).toBe(200);
    const found = await dossier(run);
    const entries = found.events.filter((event: { type: string }) => event.type === 'receipt-recorded');
    expect(entries).toHaveLength(1);
    expect(found.events.length).toBe(events + 1);
    expect(entries[0]).toMatchObject({ actor: { role: 'hr' }, data: receipt });
    const page = await dossierPage(run);
    const section = page.split('data-section="acknowledgements"')[1]!.split('</section>')[0]!;
    expect(section).toContain('Getuige: Karin de Groot (teamleider)');
    expect(section).toContain('De medewerker weigerde voor ontvangst te tekenen.');
    expect(await dossierPdf(run)).toContain('Karin de Groot');
    // The manager cannot record it.
    const byManager = await cloud.request('POST', `/trajectories/${run.id}/receipts`, {
      token: run.manager,
      body: receipt,
    });
    expect(byManager.status).toBe(403);
  });

  it('refuses a plan that HR has not approved yet', async () => {
    // Prepare
    const run = await createTrajectory(cloud);
    await answer(run, IDENTIFY);

    // Act
    const refused = await cloud.request('POST', `/trajectories/${run.id}/receipts`, {
      token: run.hr,
      body: { document: 'plan', handedOverOn: await today(cloud) },
    });

    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body.error.fieldErrors).toEqual([
      { path: 'document', message: 'Er is nog geen door HR goedgekeurd plan om te overhandigen.' },
    ]);
    const found = await dossier(run);
    expect(found.events.map((event: { type: string }) => event.type)).not.toContain('receipt-recorded');
  });
});
