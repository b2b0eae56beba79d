/**
 * The dashboard as a place to work, in real Chromium: a signed-in manager or HR advisor sees
 * their open tasks and answers one there with the mailed link's form, after which the mailed
 * link says it is done; the list searched by name and ordered by next deadline; the start and
 * the cancel, each with its confirmation step. axe-core on every page at phone and desktop
 * width; screenshots as artifacts.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driver, people } from './drive.ts';
import {
  DESKTOP,
  expectAccessible,
  launchBrowser,
  linkFromMail,
  PHONE,
  phonePage,
  screenshots,
  skipWithoutBrowser,
  startTestCloud,
  type TestCloud,
} from './support.ts';

let cloud: TestCloud;
let browser: Browser;
let hrToken: string;

beforeAll(async () => {
  if (skipWithoutBrowser) return;
  [cloud, browser] = await Promise.all([startTestCloud(), launchBrowser()]);
  hrToken = await cloud.tokenFor('hanna.work@example.nl', 'hr');
});
afterAll(async () => {
  await browser?.close();
  await cloud?.dispose();
});

async function signIn(page: Page, email: string, role: 'hr' | 'manager'): Promise<void> {
  await page.goto(`${cloud.url}/`);
  await page.fill('#f-email', email);
  await page.check(role === 'hr' ? '#f-role' : '#f-role-manager');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(`${cloud.url}/`);
}

/** axe at both widths: the phone layout stacks the tables, the desktop one does not. */
async function accessibleAtBothWidths(page: Page, name: string): Promise<void> {
  await page.setViewportSize(PHONE);
  await expectAccessible(page, `${name}-phone`);
  await page.setViewportSize(DESKTOP);
  await expectAccessible(page, `${name}-desktop`);
  await page.setViewportSize(PHONE);
}

const completedEvents = async (id: string): Promise<number> => {
  const { body } = await cloud.request('GET', `/trajectories/${id}`, { token: hrToken });
  return (body.events as { type: string }[]).filter((event) => event.type === 'task-completed').length;
};

describe.skipIf(skipWithoutBrowser)('signed-in work on the dashboard', () => {
  it('lets a manager answer their task there; the mailed link then shows it done', async () => {
    // Prepare: a trajectory waits for its manager to name the improvement areas.
    const who = people('work');
    const drive = driver(cloud, hrToken);
    const id = await drive.start(who);
    const other = await drive.start(people('work-other'));
    const { page, context, problems } = await phonePage(browser);
    await signIn(page, who.manager.email, 'manager');

    // The dashboard opens with the task waiting for them, and only theirs.
    const mine = page.locator('#my-tasks-list li');
    expect(await mine.count()).toBe(1);
    expect(await mine.first().getAttribute('data-trajectory')).toBe(id);
    expect(await mine.first().textContent()).toContain('Eva de Vries');
    expect(await page.locator(`#my-tasks-list [data-trajectory="${other}"]`).count()).toBe(0);
    await accessibleAtBothWidths(page, 'my-tasks');
    await screenshots(page, 'work-my-tasks');

    // Act: open the task from the list; the form is the mailed link's.
    await mine.first().getByRole('link').click();
    await page.waitForURL(`${cloud.url}/dossiers/${id}/tasks/identify-1`);
    expect(await page.locator('form[data-task="identify"]').count()).toBe(1);
    expect(await page.locator('form[data-task="identify"] input[name="csrf"]').count()).toBe(1);
    await accessibleAtBothWidths(page, 'task-form');
    await screenshots(page, 'work-task-form');

    // The same validation: sent empty, it comes back with the errors and records nothing.
    await page.getByRole('button', { name: 'Versturen' }).click();
    await expect.poll(() => page.locator('#error-summary').isVisible()).toBe(true);
    expect(await completedEvents(id)).toBe(0);
    await accessibleAtBothWidths(page, 'task-form-errors');

    await page.fill('#f-improvementAreas-0-title', 'Planning');
    await page.fill('#f-improvementAreas-0-examples-0', 'Rapportage Q1 twee weken te laat.');
    const csrf = await page.inputValue('input[name="csrf"]');
    await page.getByRole('button', { name: 'Versturen' }).click();
    await page.waitForURL(`${cloud.url}/dossiers/${id}/tasks/identify-1`);
    await cloud.advance({ hours: 0 });

    // Assess: the page says the answer is in, and the dossier has it once.
    expect(await page.locator('[data-status="done"]').count()).toBe(1);
    expect(await page.locator('h1').textContent()).toContain('Dank je wel');
    await accessibleAtBothWidths(page, 'task-done');
    await screenshots(page, 'work-task-done');
    expect(await completedEvents(id)).toBe(1);

    // A second submit of the same form is harmless: it shows the task done and records nothing.
    const again = await page.request.post(`${cloud.url}/dossiers/${id}/tasks/identify-1`, {
      form: {
        csrf,
        'improvementAreas[0][title]': 'Iets anders',
        'improvementAreas[0][examples][]': 'Nog een voorbeeld.',
      },
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(again.status()).toBe(409);
    expect(await again.text()).toContain('data-status="done"');
    expect(await completedEvents(id)).toBe(1);
    const { body: dossier } = await cloud.request('GET', `/trajectories/${id}`, { token: hrToken });
    const identify = (dossier.tasks as { id: string; response: unknown }[]).find(
      (task) => task.id === 'identify-1',
    );
    expect(identify?.response).toEqual({
      improvementAreas: [{ title: 'Planning', examples: ['Rapportage Q1 twee weken te laat.'] }],
    });

    // The mailed link: its page and its JSON say done, and a post to it is refused as done.
    const link = await linkFromMail(cloud, who.manager.email, /verbeterpunten/i);
    await page.goto(link);
    expect(await page.locator('[data-status="done"]').count()).toBe(1);
    const token = link.split('/').at(-1);
    const view = await cloud.request('GET', `/actions/${token}`, { headers: { accept: 'application/json' } });
    expect(view.body.status).toBe('done');
    const posted = await cloud.request('POST', `/actions/${token}`, {
      body: { improvementAreas: [{ title: 'x', examples: ['y'] }] },
    });
    expect(posted.status).toBe(409);

    // The workflow went on: the next task (the conversation) now waits for the manager.
    await page.goto(`${cloud.url}/`);
    expect(await page.locator('#my-tasks-list li').first().textContent()).toMatch(/gesprek/i);
    expect(problems.filter((problem) => !/status of (400|409)/.test(problem))).toEqual([]);
    await context.close();
  }, 180_000);

  it('lets HR approve a plan from their open tasks; the HR advisor’s mailed link then shows it done', async () => {
    // Prepare: the manager has sent in a plan; HR is asked to approve it.
    const who = people('work-hr');
    const drive = driver(cloud, hrToken);
    const id = await drive.start(who);
    await drive.throughFirstPlan(who);
    const { page, context, problems } = await phonePage(browser);
    await signIn(page, 'hanna.work@example.nl', 'hr');

    // Act
    const row = page.locator(`#my-tasks-list li[data-trajectory="${id}"]`);
    expect(await row.textContent()).toContain('Het verbeterplan beoordelen');
    await row.getByRole('link').click();
    await page.waitForURL(/\/tasks\/plan-approval-1$/);
    expect(await page.locator('form[data-task="plan-approval"]').count()).toBe(1);
    await accessibleAtBothWidths(page, 'hr-task-form');
    await screenshots(page, 'work-hr-task-form');
    await page.check('#f-decision');
    await page.getByRole('button', { name: 'Versturen' }).click();
    await page.waitForURL(/\/tasks\/plan-approval-1$/);
    await cloud.advance({ hours: 0 });

    // Assess: done here, done on the link mailed to the trajectory's HR advisor, and the
    // workflow went on to the employee's acknowledgement.
    expect(await page.locator('[data-status="done"]').count()).toBe(1);
    const link = await linkFromMail(cloud, who.hrAdvisor.email);
    await page.goto(link);
    expect(await page.locator('[data-status="done"]').count()).toBe(1);
    const { body } = await cloud.request('GET', `/trajectories/${id}`, { token: hrToken });
    const tasks = body.tasks as { kind: string; status: string; response?: { decision?: string } }[];
    expect(tasks.find((task) => task.kind === 'plan-approval')?.response?.decision).toBe('approve');
    expect(tasks.some((task) => task.kind === 'plan-acknowledgement' && task.status === 'open')).toBe(true);
    await page.goto(`${cloud.url}/`);
    expect(await page.locator(`#my-tasks-list li[data-trajectory="${id}"]`).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it('refuses a task of another role, and another manager’s task, alike', async () => {
    // Prepare
    const who = people('work-refuse');
    const id = await driver(cloud, hrToken).start(who);
    const { page, context } = await phonePage(browser);

    // Act: HR opens the manager's task; another manager opens it too.
    await signIn(page, 'hanna.work@example.nl', 'hr');
    const asHr = await page.goto(`${cloud.url}/dossiers/${id}/tasks/identify-1`);
    const hrText = await page.locator('main').textContent();
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await signIn(page, 'someone-else@example.nl', 'manager');
    const asOther = await page.goto(`${cloud.url}/dossiers/${id}/tasks/identify-1`);
    const unknown = await page.goto(`${cloud.url}/dossiers/${crypto.randomUUID()}/tasks/identify-1`);

    // Assess
    expect(asHr?.status()).toBe(403);
    expect(hrText).toContain('Deze taak staat niet voor jou open.');
    expect(asOther?.status()).toBe(403);
    expect(unknown?.status()).toBe(403);
    await context.close();
  }, 60_000);

  it('searches the list by name, orders it by next deadline and marks paused and cancelled ones', async () => {
    // Prepare: four trajectories of one family name, due in 9, 2 and 5 days, and one cancelled.
    const start = async (first: string, identifyDueDays: number): Promise<string> => {
      const response = await cloud.request('POST', '/trajectories', {
        token: hrToken,
        body: {
          employee: { name: `${first} Volgorde`, email: `${first.toLowerCase()}.volgorde@example.nl` },
          manager: { name: 'Mark Jansen', email: 'volgorde-mark@example.nl' },
          hrAdvisor: { name: 'Hanna Bakker', email: 'hanna.work@example.nl' },
          reason: 'Deadlines worden gemist.',
          schedule: { identifyDueDays },
        },
      });
      expect(response.status).toBe(201);
      return response.body.id as string;
    };
    const late = await start('Anna', 9);
    const soon = await start('Bram', 2);
    const middle = await start('Cas', 5);
    const cancelled = await start('Dirk', 3);
    await cloud.advance({ hours: 0 });
    const hr = { token: hrToken };
    expect(
      (
        await cloud.request('POST', `/trajectories/${cancelled}/cancel`, {
          ...hr,
          body: { reason: 'Dubbel.' },
        })
      ).status,
    ).toBe(200);
    expect(
      (await cloud.request('POST', `/trajectories/${middle}/pause`, { ...hr, body: { reason: 'Ziek.' } }))
        .status,
    ).toBe(200);
    const { page, context, problems } = await phonePage(browser);
    await signIn(page, 'hanna.work@example.nl', 'hr');

    // Act: search by part of the name, as a person types it, and order by the next deadline.
    await page.fill('#q', 'volgorde');
    await page.selectOption('#sort', 'deadline');
    await page.getByRole('button', { name: 'Toepassen' }).click();
    await page.waitForURL(/sort=deadline/);

    // Assess: only this family, earliest deadline first, the cancelled one (none) last.
    const rows = page.locator('tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-trajectory')))).toEqual([
      soon,
      middle,
      late,
      cancelled,
    ]);
    expect(await page.inputValue('#q')).toBe('volgorde');
    expect(await page.inputValue('#sort')).toBe('deadline');
    expect(await rows.last().locator('[data-next-deadline]').textContent()).toContain('Geen');
    expect(await rows.first().locator('[data-next-deadline] time').count()).toBe(1);
    expect(await page.locator(`tr[data-trajectory="${middle}"] .badge.paused`).textContent()).toBe(
      'Gepauzeerd',
    );
    expect(await page.locator(`tr[data-trajectory="${cancelled}"] .badge.cancelled`).textContent()).toBe(
      'Geannuleerd',
    );
    // A cancelled dossier is neither "in order" nor in need of attention.
    const cancelledRow = page.locator(`tr[data-trajectory="${cancelled}"]`);
    expect(await cancelledRow.textContent()).not.toContain('In orde');
    expect(await cancelledRow.locator('.badge.attention').count()).toBe(0);
    await accessibleAtBothWidths(page, 'list-search-sort');
    await screenshots(page, 'work-list-search-sort');

    // Every word of a name, in another order and case, finds one person.
    await page.goto(`${cloud.url}/?q=${encodeURIComponent('volgorde BRAM')}`);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-trajectory')))).toEqual([
      soon,
    ]);
    expect(await page.locator('#count').textContent()).toContain('1 traject');
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('shows HR what will be mailed before a trajectory starts, and starts it once', async () => {
    // Prepare
    const employeeEmail = 'start.bevestigen@example.nl';
    const { page, context, problems } = await phonePage(browser);
    await signIn(page, 'hanna.work@example.nl', 'hr');
    await page.goto(`${cloud.url}/start`);
    await page.fill('#f-employee-name', 'Sem Bevestigen');
    await page.fill('#f-employee-email', employeeEmail);
    await page.fill('#f-manager-name', 'Mark Jansen');
    await page.fill('#f-manager-email', 'start-mark@example.nl');
    await page.fill('#f-reason', 'Offertes gaan herhaaldelijk te laat de deur uit.');
    // Signed in without a name: the form filled in the address only.
    expect(await page.inputValue('#f-hrAdvisor-email')).toBe('hanna.work@example.nl');
    await page.fill('#f-hrAdvisor-name', 'Hanna Bakker');

    // Act: the form leads to the confirmation step, not to a started trajectory.
    await page.getByRole('button', { name: 'Traject starten' }).click();
    await page.waitForSelector('[data-step="confirm-start"]');

    // Assess: the employee's mail as it will read, the manager's request, and nothing sent yet.
    const preview = page.locator('[data-mail="employee"]');
    expect(await preview.textContent()).toContain('Je verbetertraject is gestart');
    expect(await preview.textContent()).toContain('Offertes gaan herhaaldelijk te laat de deur uit.');
    expect(await page.locator('[data-mail="manager"]').textContent()).toContain('over 5 dagen');
    await cloud.advance({ hours: 0 });
    expect(await cloud.outbox(employeeEmail)).toEqual([]);
    await accessibleAtBothWidths(page, 'start-confirm');
    await screenshots(page, 'work-start-confirm');

    // Back to the form with everything kept, and on again.
    await page.getByRole('button', { name: 'Gegevens aanpassen' }).click();
    expect(await page.inputValue('#f-employee-name')).toBe('Sem Bevestigen');
    await page.getByRole('button', { name: 'Traject starten' }).click();
    await page.waitForSelector('[data-step="confirm-start"]');
    const confirmForm = await page
      .locator('[data-step="confirm-start"] form input[type="hidden"]')
      .evaluateAll((inputs) =>
        inputs.map((input) => [input.getAttribute('name'), input.getAttribute('value')]),
      );
    await page.getByRole('button', { name: 'Bevestigen en starten' }).click();
    await page.waitForURL(/\/dossiers\/[^/]+$/);
    const id = page.url().split('/').at(-1);
    await cloud.advance({ hours: 0 });
    // A fair start: the manager is asked to identify, the employee hears nothing until the
    // conversation is recorded (the confirmation step said so).
    expect(await cloud.outbox(employeeEmail)).toEqual([]);
    expect(await cloud.outbox('start-mark@example.nl')).toHaveLength(1);

    // A second confirm of the same step starts nothing new: it leads to the same dossier.
    const again = await page.request.post(`${cloud.url}/start`, {
      form: Object.fromEntries([...confirmForm, ['confirm', '1']]) as Record<string, string>,
      headers: { 'sec-fetch-site': 'same-origin' },
      maxRedirects: 0,
    });
    expect(again.status()).toBe(303);
    expect(again.headers().location).toBe(`/dossiers/${id}`);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('asks before cancelling, and keeps the internal note out of every mail', async () => {
    // Prepare
    const who = people('work-cancel');
    const id = await driver(cloud, hrToken).start(who);
    const reason = 'Het traject stopt: Eva gaat per 1 mei naar een andere afdeling.';
    const note = 'Vertrouwelijk: juridisch advies ingewonnen over de overplaatsing.';
    const { page, context, problems } = await phonePage(browser);
    await signIn(page, 'hanna.work@example.nl', 'hr');
    await page.goto(`${cloud.url}/dossiers/${id}`);
    // The form says which part the employee reads and which part stays with HR.
    expect(await page.locator('#f-reason-hint').textContent()).toContain(
      'De medewerker en de leidinggevende lezen',
    );
    expect(await page.locator('#f-internalNote-hint').textContent()).toContain('Wordt niet gemaild');

    // Act
    await page.fill('#f-reason', reason);
    await page.fill('#f-internalNote', note);
    await page.getByRole('button', { name: 'Traject annuleren' }).click();
    await page.waitForSelector('[data-step="confirm-cancel"]');

    // Assess: the mail the employee will read holds the reason only; the note stands apart.
    const preview = (await page.locator('[data-mail="employee"]').textContent()) ?? '';
    expect(preview).toContain(reason);
    expect(preview).not.toContain(note);
    expect(await page.locator('[data-internal-note]').textContent()).toContain(note);
    const { body: before } = await cloud.request('GET', `/trajectories/${id}`, { token: hrToken });
    expect(before.status).toBe('active');
    await accessibleAtBothWidths(page, 'cancel-confirm');
    await screenshots(page, 'work-cancel-confirm');

    await page.getByRole('button', { name: 'Ja, traject annuleren' }).click();
    await page.waitForURL(`${cloud.url}/dossiers/${id}`);
    await cloud.advance({ hours: 0 });
    expect(await page.locator('.meta').first().textContent()).toContain('Geannuleerd');
    expect(await page.locator('[data-section="cancellation"] [data-internal-note]').textContent()).toContain(
      note,
    );
    await accessibleAtBothWidths(page, 'cancelled-dossier');
    await screenshots(page, 'work-cancelled-dossier');

    // Every cancellation mail carries the reason and none the note. The employee, never told of
    // a trajectory before the conversation, is not told of its cancellation either.
    expect(
      (await cloud.outbox(who.employee.email)).filter((mail) => /geannuleerd/i.test(mail.subject)),
    ).toEqual([]);
    for (const to of [who.manager.email, who.hrAdvisor.email]) {
      const mail = (await cloud.outbox(to)).at(-1);
      expect(mail?.subject, to).toMatch(/geannuleerd/i);
      expect(mail?.text).toContain(reason);
      expect(mail?.text).not.toContain(note);
      expect(mail?.html).not.toContain('juridisch advies');
    }
    // The dossier keeps it for HR, and not for the manager.
    const asHr = await cloud.request('GET', `/trajectories/${id}`, { token: hrToken });
    expect(JSON.stringify(asHr.body)).toContain(note);
    const managerToken = await cloud.tokenFor(who.manager.email, 'manager');
    const asManager = await cloud.request('GET', `/trajectories/${id}`, { token: managerToken });
    expect(asManager.status).toBe(200);
    expect(JSON.stringify(asManager.body)).not.toContain('juridisch advies');
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await signIn(page, who.manager.email, 'manager');
    await page.goto(`${cloud.url}/dossiers/${id}`);
    expect(await page.locator('main').textContent()).not.toContain('juridisch advies');
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
