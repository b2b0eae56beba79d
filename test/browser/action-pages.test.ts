/**
 * The action pages in real Chromium on a phone-sized screen: one whole trajectory answered only
 * by opening the links of the mails in the local outbox and filling in the forms, then every
 * page a link can end on when it cannot be answered. axe-core checks each page; screenshots at
 * phone and desktop width land in test-results/browser/.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
  launchBrowser,
  linkFromMail,
  phonePage,
  screenshots,
  skipWithoutBrowser,
  startTestCloud,
  type TestCloud,
} from './support.ts';

const HOUR_MS = 3_600_000;

let cloud: TestCloud;
let browser: Browser;
let hr: string;

beforeAll(async () => {
  if (skipWithoutBrowser) return;
  [cloud, browser] = await Promise.all([startTestCloud(), launchBrowser()]);
  hr = await cloud.tokenFor('hanna@example.nl', 'hr');
});
afterAll(async () => {
  await browser?.close();
  await cloud?.dispose();
});

let counter = 0;
function people() {
  const n = ++counter;
  return {
    employee: { name: 'Eva de Vries', email: `eva${n}@example.nl` },
    manager: { name: 'Mark Jansen', email: `mark${n}@example.nl` },
    hrAdvisor: { name: 'Hanna Bakker', email: 'hanna@example.nl' },
  };
}

async function startTrajectory(options: { locale?: 'nl' | 'en'; schedule?: Record<string, number> } = {}) {
  const who = people();
  const response = await cloud.request('POST', '/trajectories', {
    token: hr,
    body: {
      ...who,
      reason: 'Deadlines worden herhaaldelijk gemist.\nKlanten klagen over late rapportages.',
      ...options,
    },
  });
  expect(response.status).toBe(201);
  await settle();
  return { id: response.body.id as string, ...who };
}

const settle = () => cloud.advance({ hours: 0 });

async function dossier(id: string) {
  return (await cloud.request('GET', `/trajectories/${id}`, { token: hr })).body;
}

async function today(): Promise<string> {
  const { body } = await cloud.request('GET', '/_local/clock');
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date(body.now));
}

async function advanceTo(at: string): Promise<void> {
  const { body } = await cloud.request('GET', '/_local/clock');
  const ms = Date.parse(at) - Date.parse(body.now);
  if (ms > 0) await cloud.advance({ hours: ms / HOUR_MS + 1 });
}

/** Opens the newest link mailed to `to`, checks and photographs the form, returns the page. */
async function openTask(page: Page, to: string, name: string, heading: RegExp): Promise<void> {
  await page.goto(await linkFromMail(cloud, to));
  await expect.poll(() => page.locator('h1').textContent()).toMatch(heading);
  await expectAccessible(page, name);
  await screenshots(page, name);
}

/** Submits, and expects the confirmation page. */
async function submitAndConfirm(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: /Versturen|Submit/ }).click();
  await page.waitForLoadState();
  expect(await page.locator('[data-status]').getAttribute('data-status'), name).toBe('done');
  await expect.poll(() => page.locator('h1').textContent()).toMatch(/Dank je wel|Thank you/);
  await expectAccessible(page, `${name}-done`);
  await screenshots(page, `${name}-done`);
  await settle();
}

describe.skipIf(skipWithoutBrowser)('a whole trajectory, clicked through from the mails', () => {
  it('runs from the first request to aftercare on the action pages alone', async () => {
    const run = await startTrajectory({
      schedule: { termWeeks: 2, followUpEveryDays: 7, aftercareWeeks: 1 },
    });
    const { page, context, problems } = await phonePage(browser);

    // identify: an empty post comes back with inline errors, nothing saved.
    await openTask(page, run.manager.email, 'identify', /Verbeterpunten vaststellen/);
    await page.getByRole('button', { name: 'Versturen' }).click();
    await expect.poll(() => page.locator('#error-summary').isVisible()).toBe(true);
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('error-summary');
    await expectAccessible(page, 'identify-errors');
    await screenshots(page, 'identify-errors');

    // Rows grow and shrink; what was typed survives a refused post.
    await page.fill('#f-improvementAreas-0-title', 'Planning');
    await page.fill('#f-improvementAreas-0-examples-0', 'Rapportage Q1 twee weken te laat (mail 3 maart).');
    await page.getByRole('button', { name: 'Voorbeeld toevoegen' }).first().click();
    await page.fill('#f-improvementAreas-0-examples-1', 'Projectplan niet op tijd (overleg 10 maart).');
    await page.getByRole('button', { name: 'Verbeterpunt toevoegen' }).click();
    await page.fill('#f-improvementAreas-1-title', 'Communicatie');
    await page.getByRole('button', { name: 'Verbeterpunt toevoegen' }).click();
    await page.fill('#f-improvementAreas-2-title', 'Weg ermee');
    await page.getByRole('button', { name: 'Verbeterpunt 3 verwijderen' }).click();
    expect(await page.locator('#f-improvementAreas-2-title').count()).toBe(0);
    await page.getByRole('button', { name: 'Versturen' }).click();
    await expect
      .poll(() => page.locator('#f-improvementAreas-1-examples-error').textContent())
      .toContain('Geef minstens één concreet voorbeeld bij dit verbeterpunt.');
    expect(await page.inputValue('#f-improvementAreas-0-examples-1')).toBe(
      'Projectplan niet op tijd (overleg 10 maart).',
    );
    expect(await page.inputValue('#f-improvementAreas-1-title')).toBe('Communicatie');
    await screenshots(page, 'identify-kept-values');
    await page.fill('#f-improvementAreas-1-examples-0', 'Klant niet teruggebeld (klacht 12 maart).');
    await submitAndConfirm(page, 'identify');

    // conversation
    await openTask(page, run.manager.email, 'conversation', /gesprek vastleggen/);
    await page.fill('#f-heldOn', await today());
    await page.fill('#f-summary', 'We bespraken de gemiste deadlines met voorbeelden.');
    await page.fill('#f-employeePerspective', 'Eva ervaart een te hoge werkdruk.');
    await page.fill('#f-agreements', 'Wekelijks overleg over prioriteiten.');
    await submitAndConfirm(page, 'conversation');

    // employee-response
    await openTask(page, run.employee.email, 'employee-response', /Jouw reactie/);
    await page.fill('#f-response', 'Ik herken de punten, maar de werkdruk speelt mee.');
    await submitAndConfirm(page, 'employee-response');

    // plan, with a second goal added
    await openTask(page, run.manager.email, 'plan', /verbeterplan opstellen/);
    const deadline = await today();
    for (const [index, title] of [
      [0, 'Rapportages op tijd'],
      [1, 'Klanten binnen een dag terugbellen'],
    ] as const) {
      if (index > 0) await page.getByRole('button', { name: 'Doel toevoegen' }).click();
      await page.fill(`#f-goals-${index}-title`, title);
      await page.fill(`#f-goals-${index}-specific`, 'Elke maandrapportage uiterlijk op de 5e.');
      await page.fill(`#f-goals-${index}-measure`, 'Datum van indienen in het systeem.');
      await page.fill(`#f-goals-${index}-target`, '100% op tijd');
      await page.fill(`#f-goals-${index}-deadline`, deadline);
      await page.fill(`#f-goals-${index}-support`, 'Wekelijks overleg en een planningscursus.');
    }
    // The support ledger: with the script one empty row, a second one added and removed again.
    await page.selectOption('#f-supportLedger-0-goal', { label: 'Doel 2' });
    await page.check('#f-supportLedger-0-kind-coaching');
    await page.fill('#f-supportLedger-0-description', 'Vier sessies met een coach.');
    await page.check('#f-supportLedger-0-status');
    await page.fill('#f-supportLedger-0-hours', '2,5');
    await page.getByRole('button', { name: 'Ondersteuning toevoegen' }).click();
    expect(await page.locator('#f-supportLedger-1-goal').count()).toBe(1);
    await page.getByRole('button', { name: 'Ondersteuning 2 verwijderen' }).click();
    expect(await page.locator('#f-supportLedger-1-goal').count()).toBe(0);
    await submitAndConfirm(page, 'plan');

    // plan-approval by HR, with the plan in view
    await openTask(page, 'hanna@example.nl', 'plan-approval', /verbeterplan beoordelen/);
    expect(await page.locator('.context').textContent()).toContain('Klanten binnen een dag terugbellen');
    await page.getByLabel('Goedkeuren').check();
    await submitAndConfirm(page, 'plan-approval');

    // plan-acknowledgement by the employee
    await openTask(page, run.employee.email, 'plan-acknowledgement', /Ontvangst van het verbeterplan/);
    expect(await page.locator('.context').textContent()).toContain('Vier sessies met een coach.');
    await page.getByLabel('Ik heb het verbeterplan ontvangen en gelezen').check();
    await page.getByLabel('Ik ben het er deels mee eens').check();
    await page.fill('#f-comments', 'Ontvangen; ik ben het niet met alles eens.');
    await submitAndConfirm(page, 'plan-acknowledgement');

    // follow-up at the planned meeting, per goal
    const planned = await dossier(run.id);
    await advanceTo(`${planned.meetings[0].plannedOn}T12:00:00Z`);
    await openTask(page, run.manager.email, 'follow-up', /voortgangsgesprek vastleggen/);
    await page.fill('#f-heldOn', await today());
    await page.fill('#f-summary', 'Goede stappen gezet.');
    await page.check('#f-progress-0-status');
    await page.fill('#f-progress-0-notes', 'Alle rapportages op tijd.');
    await page.check('#f-progress-1-status-at-risk');
    await page.fill('#f-progress-1-notes', 'Twee klanten later teruggebeld.');
    await page.selectOption('#f-supportLedger-0-goal', {
      label: 'Doel 2: Klanten binnen een dag terugbellen',
    });
    await page.check('#f-supportLedger-0-kind-coaching');
    await page.fill('#f-supportLedger-0-description', 'Twee van de vier coachsessies gehad.');
    await page.check('#f-supportLedger-0-status-given');
    await submitAndConfirm(page, 'follow-up');
    expect((await dossier(run.id)).support).toMatchObject([
      { goal: 1, kind: 'coaching', status: 'offered', hours: 2.5, source: 'plan' },
      { goal: 1, kind: 'coaching', status: 'given', source: 'follow-up' },
    ]);

    // evaluation at the end of the term; any further follow-ups first
    for (let turn = 0; turn < 5; turn++) {
      const found = await dossier(run.id);
      // The employee's reactions to the reports may be open beside them: nobody waits for those.
      const open = found.tasks.filter(
        (task: { status: string; assignee: string }) => task.status === 'open' && task.assignee === 'manager',
      );
      if (open.some((task: { kind: string }) => task.kind === 'evaluation')) break;
      if (open.length > 0) {
        await page.goto(await linkFromMail(cloud, run.manager.email));
        await page.fill('#f-heldOn', await today());
        await page.fill('#f-summary', 'Verder op koers.');
        for (const index of [0, 1]) {
          await page.check(`#f-progress-${index}-status`);
          await page.fill(`#f-progress-${index}-notes`, 'Op koers.');
        }
        await submitAndConfirm(page, 'follow-up-more');
        continue;
      }
      const next = found.meetings.find((meeting: { taskId?: string }) => meeting.taskId === undefined);
      await advanceTo(next ? `${next.plannedOn}T12:00:00Z` : found.termEndsAt);
    }
    await openTask(page, run.manager.email, 'evaluation', /traject evalueren/);
    await page.fill('#f-summary', 'Beide doelen behaald.');
    for (const index of [0, 1]) {
      await page.check(`#f-results-${index}-outcome`);
      await page.fill(`#f-results-${index}-notes`, 'Behaald.');
    }
    await page.getByLabel('Geslaagd', { exact: true }).check();
    await submitAndConfirm(page, 'evaluation');

    // decision-confirmation by HR, with the evaluation in view
    await openTask(page, 'hanna@example.nl', 'decision-confirmation', /besluit bevestigen/);
    expect(await page.locator('.context').textContent()).toContain('Beide doelen behaald.');
    // The completeness check as it would stand, above the form, before HR confirms.
    const concerns = page.locator('[data-concerns]');
    expect(await concerns.isVisible()).toBe(true);
    expect(await concerns.locator('h3').textContent()).toBe('Volledigheid van het dossier');
    for (const criterion of await concerns.locator('[data-criterion]').all()) {
      expect(await criterion.locator('.badge').textContent()).toMatch(/Niet in orde|Let op/);
    }
    await page.getByLabel('Goedkeuren').check();
    await submitAndConfirm(page, 'decision-confirmation');

    // aftercare, some weeks later
    for (let day = 0; day < 14; day++) {
      const found = await dossier(run.id);
      if (found.tasks.some((task: { kind: string }) => task.kind === 'aftercare')) break;
      await cloud.advance({ days: 1 });
    }
    await openTask(page, run.manager.email, 'aftercare', /nazorggesprek vastleggen/);
    await page.fill('#f-employeeNotes', 'Eva gaat het goed.');
    await page.fill('#f-teamNotes', 'Het team is tevreden.');
    await submitAndConfirm(page, 'aftercare');

    expect(await dossier(run.id)).toMatchObject({ status: 'completed', phase: 'closed' });
    expect(problems.filter((problem) => !/status of 400/.test(problem))).toEqual([]);
    await context.close();
  }, 240_000);
});

describe.skipIf(skipWithoutBrowser)('a link that cannot be answered', () => {
  it('shows a clear page for an unknown, a used, a cancelled and an expired link', async () => {
    const { page, context } = await phonePage(browser);

    // unknown
    await page.goto(`${cloud.url}/actions/${'A'.repeat(43)}`);
    expect(await page.locator('h1').textContent()).toBe('Deze link kennen we niet');
    await expectAccessible(page, 'error-unknown');
    await screenshots(page, 'error-unknown');

    // used: the same form open twice; the second post is refused
    const run = await startTrajectory();
    const link = await linkFromMail(cloud, run.manager.email);
    await page.goto(link);
    const second = await context.newPage();
    await second.goto(link);
    for (const tab of [page, second]) {
      await tab.fill('#f-improvementAreas-0-title', 'Planning');
      await tab.fill('#f-improvementAreas-0-examples-0', 'Rapportage te laat.');
    }
    await page.getByRole('button', { name: 'Versturen' }).click();
    await page.waitForLoadState();
    await second.getByRole('button', { name: 'Versturen' }).click();
    await second.waitForLoadState();
    expect(await second.locator('h1').textContent()).toBe('Deze taak is al afgerond');
    await expectAccessible(second, 'error-used');
    await screenshots(second, 'error-used');
    await second.close();
    await settle();

    // cancelled, in English for an English trajectory
    const english = await startTrajectory({ locale: 'en' });
    const englishLink = await linkFromMail(cloud, english.manager.email);
    const cancel = await cloud.request('POST', `/trajectories/${english.id}/cancel`, {
      token: hr,
      body: { reason: 'Employee left the company.' },
    });
    expect(cancel.status).toBe(200);
    await page.goto(englishLink);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('This task is closed');
    await expectAccessible(page, 'error-closed');
    await screenshots(page, 'error-closed');

    // expired: the employee's deadline passed without an answer
    await cloud.request(
      'POST',
      `/actions/${(await linkFromMail(cloud, run.manager.email)).split('/').at(-1)}`,
      {
        body: { heldOn: await today(), summary: 's', employeePerspective: 'p', agreements: 'a' },
      },
    );
    await settle();
    const responseLink = await linkFromMail(cloud, run.employee.email, /reactie/i);
    await cloud.advance({ days: 30 });
    await page.goto(responseLink);
    expect(await page.locator('h1').textContent()).toBe('De termijn is verstreken');
    await expectAccessible(page, 'error-expired');
    await screenshots(page, 'error-expired');
    await context.close();
  }, 120_000);

  it('refuses a form posted from another site', async () => {
    // Prepare: a page on another origin with a form aimed at a live link.
    const run = await startTrajectory();
    const link = await linkFromMail(cloud, run.manager.email);
    const evil: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        `<!doctype html><form method="post" action="${link}"><input name="improvementAreas[0][title]" value="x"><input name="improvementAreas[0][examples][0]" value="y"><button>go</button></form>`,
      );
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    const { page, context } = await phonePage(browser);

    // Act
    await page.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
    const [answer] = await Promise.all([
      page.waitForResponse((response) => response.url() === link && response.request().method() === 'POST'),
      page.click('button'),
    ]);
    await page.waitForLoadState();

    // Assess
    expect(answer.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toBe('Dit formulier kwam niet van deze site');
    await expectAccessible(page, 'error-cross-site');
    await screenshots(page, 'error-cross-site');
    const task = (await dossier(run.id)).tasks[0];
    expect(task.status).toBe('open');
    await context.close();
    await new Promise<void>((resolve) => evil.close(() => resolve()));
  });
});
