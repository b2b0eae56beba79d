/**
 * The HR dashboard in real Chromium: the local sign-in, starting a trajectory with the form,
 * the list's filters, the dossier's timeline, extending a deadline and cancelling, sending the
 * employee a copy and revoking it, and a manager who sees only their own trajectories. axe-core on every page; screenshots as artifacts.
 */
import { CRITERION_IDS } from '#core/completeness.ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DESKTOP,
  expectAccessible,
  launchBrowser,
  PHONE,
  phonePage,
  screenshots,
  skipWithoutBrowser,
  startTestCloud,
  type TestCloud,
} from './support.ts';

let cloud: TestCloud;
let browser: Browser;

beforeAll(async () => {
  if (skipWithoutBrowser) return;
  [cloud, browser] = await Promise.all([startTestCloud(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await cloud?.dispose();
});

async function signIn(page: Page, email: string, role: 'hr' | 'manager', name?: string): Promise<void> {
  await page.goto(`${cloud.url}/`);
  expect(new URL(page.url()).pathname).toBe('/_local/sign-in');
  await page.fill('#f-email', email);
  if (name) await page.fill('#f-name', name);
  await page.check(role === 'hr' ? '#f-role' : '#f-role-manager');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(`${cloud.url}/`);
}

async function startWithForm(page: Page, n: number, manager: string): Promise<string> {
  await page.goto(`${cloud.url}/start`);
  await page.fill('#f-employee-name', `Medewerker ${n}`);
  await page.fill('#f-employee-email', `medewerker${n}@example.nl`);
  await page.fill('#f-manager-name', 'Mark Jansen');
  await page.fill('#f-manager-email', manager);
  await page.fill('#f-hrAdvisor-name', 'Hanna Bakker');
  await page.fill('#f-hrAdvisor-email', 'hanna@example.nl');
  await page.fill('#f-reason', 'Deadlines worden gemist.');
  await page.getByRole('button', { name: 'Traject starten' }).click();
  await page.getByRole('button', { name: 'Bevestigen en starten' }).click();
  await page.waitForURL(/\/dossiers\//);
  await cloud.advance({ hours: 0 });
  return page.url().split('/').at(-1)!;
}

describe.skipIf(skipWithoutBrowser)('the HR dashboard', () => {
  it('lets HR sign in, start, filter, extend and cancel; a manager sees only their own', async () => {
    const { page, context, problems } = await phonePage(browser);
    await page.goto(`${cloud.url}/`);
    await expectAccessible(page, 'sign-in');
    await screenshots(page, 'dashboard-sign-in');
    await signIn(page, 'hanna@example.nl', 'hr', 'Hanna Bakker');
    // Chromium keeps the __Host- session cookie on plain http://localhost, a secure context to it.
    const session = (await context.cookies()).find((cookie) => cookie.name === '__Host-vt_session');
    expect(session).toMatchObject({ secure: true, httpOnly: true, path: '/', sameSite: 'Lax' });

    // Start: the form opens with the signed-in HR advisor filled in.
    await page.goto(`${cloud.url}/start`);
    expect(await page.inputValue('#f-hrAdvisor-name')).toBe('Hanna Bakker');
    expect(await page.inputValue('#f-hrAdvisor-email')).toBe('hanna@example.nl');
    await expectAccessible(page, 'start');
    await screenshots(page, 'dashboard-start');
    // Sent empty, it comes back with a summary that names each missing field and links to it.
    await page.getByRole('button', { name: 'Traject starten' }).click();
    await expect.poll(() => page.locator('#error-summary').isVisible()).toBe(true);
    expect(await page.locator('#f-reason-error').textContent()).toContain('Vul dit veld in');
    const summary = page.locator('#error-summary li');
    expect(await summary.allTextContents()).toEqual([
      'Naam van de medewerker: Vul dit veld in.',
      'E-mailadres van de medewerker: Vul dit veld in.',
      'Naam van de leidinggevende: Vul dit veld in.',
      'E-mailadres van de leidinggevende: Vul dit veld in.',
      'Aanleiding: Vul dit veld in.',
    ]);
    expect(
      await page.locator('#error-summary a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
    ).toEqual(['#f-employee-name', '#f-employee-email', '#f-manager-name', '#f-manager-email', '#f-reason']);
    expect(await page.inputValue('#f-hrAdvisor-name')).toBe('Hanna Bakker');
    await page.getByRole('link', { name: 'E-mailadres van de leidinggevende' }).click();
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe(
      'f-manager-email',
    );
    await expectAccessible(page, 'start-errors');
    await page.setViewportSize(DESKTOP);
    await expectAccessible(page, 'start-errors-desktop');
    await page.setViewportSize(PHONE);
    await screenshots(page, 'dashboard-start-errors');

    const first = await startWithForm(page, 1, 'mark@example.nl');
    const second = await startWithForm(page, 2, 'other@example.nl');
    await page.goto(`${cloud.url}/dossiers/${first}`);
    await expect.poll(() => page.locator('.timeline li').count()).toBeGreaterThan(0);
    // On top: the phase stepper, in its first phase, with the first deadline coming.
    const stepper = page.locator('[data-stepper]');
    expect(await stepper.locator('[aria-current="step"]').textContent()).toContain('Verbeterpunten');
    expect(await stepper.locator('[data-coming]').textContent()).toContain(
      'Deadline: Verbeterpunten vaststellen (leidinggevende)',
    );
    expect(await page.locator('main section').first().getAttribute('data-stepper')).not.toBeNull();
    await expectAccessible(page, 'dossier');
    await screenshots(page, 'dashboard-dossier');
    // The completeness check is HR's internal report, not part of the dossier page: the page links
    // to it. Nothing is due yet while the improvement areas are being identified.
    expect(await page.locator('#completeness-section').count()).toBe(0);
    await page.getByRole('link', { name: 'Volledigheidsrapport (intern, alleen HR)' }).click();
    await page.waitForURL(`${cloud.url}/dossiers/${first}/completeness`);
    const completeness = page.locator('#completeness-section');
    expect(await completeness.locator('h2').textContent()).toBe('Volledigheid van het dossier');
    expect(await completeness.locator('.criterion').count()).toBe(CRITERION_IDS.length);
    expect(await completeness.locator('.criterion.pending').count()).toBe(CRITERION_IDS.length);
    expect(await completeness.locator('.criterion').first().textContent()).toContain('Nog niet aan de orde');
    await expectAccessible(page, 'completeness-report');
    await page.goto(`${cloud.url}/dossiers/${first}`);

    // Extend the open task's deadline by 3 days.
    const due = await page.locator('#open-tasks + .goal p, .goal p').first().textContent();
    await page.fill('#f-days-identify-1', '3');
    await page.getByRole('button', { name: 'Deadline verschuiven' }).click();
    await page.waitForURL(`${cloud.url}/dossiers/${first}`);
    expect(await page.locator('.goal p').first().textContent()).not.toBe(due);
    expect(await page.locator('.timeline').textContent()).toContain('Deadline verschoven');

    // Cancel the second one.
    await page.goto(`${cloud.url}/dossiers/${second}`);
    await page.fill('#f-reason', 'Medewerker is vertrokken.');
    await page.getByRole('button', { name: 'Traject annuleren' }).click();
    await page.getByRole('button', { name: 'Ja, traject annuleren' }).click();
    await page.waitForURL(`${cloud.url}/dossiers/${second}`);
    expect(await page.locator('.meta').first().textContent()).toContain('Geannuleerd');

    // Filters: by status, and "overdue" after the deadlines pass.
    await page.goto(`${cloud.url}/?status=cancelled`);
    expect(await page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('#count').textContent()).toContain('1 traject');
    // A cancelled dossier is not judged: no "in order" for what was never finished.
    expect(await page.locator('tbody tr td').last().textContent()).toContain('Niet van toepassing');
    await page.goto(`${cloud.url}/`);
    await page.selectOption('#status', 'active');
    await page.getByRole('button', { name: 'Toepassen' }).click();
    await page.waitForURL(/status=active/);
    expect(await page.locator('tbody tr').count()).toBe(1);
    await page.goto(`${cloud.url}/?overdue=1`);
    expect(await page.locator('tbody tr').count()).toBe(0);
    await cloud.advance({ days: 12 });
    await page.goto(`${cloud.url}/?overdue=1&phase=identify`);
    expect(await page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('tbody tr td').last().textContent()).toContain('In orde');
    await expectAccessible(page, 'list');
    await screenshots(page, 'dashboard-list');

    // Sign out; a manager sees only their own trajectory, and not the other's dossier.
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(/_local\/sign-in/);
    await signIn(page, 'mark@example.nl', 'manager');
    expect(await page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('tbody').textContent()).toContain('Medewerker 1');
    expect(await page.getByRole('link', { name: 'Traject starten' }).count()).toBe(0);
    await expectAccessible(page, 'manager');
    await screenshots(page, 'dashboard-manager');
    const other = await page.goto(`${cloud.url}/dossiers/${second}`);
    expect(other?.status()).toBe(404);
    expect(problems.filter((problem) => !/status of (400|404)/.test(problem))).toEqual([]);
    await context.close();
  }, 120_000);

  it('lists under "needs attention" a trajectory whose deadline passed beyond grace, and not another', async () => {
    // Prepare: one asks for the improvement areas within a day, the other within two weeks; after
    // eight days the first has passed its deadline and the grace period (attention), the second not.
    const hr = await cloud.tokenFor('hanna@example.nl', 'hr');
    const start = async (n: number, identifyDueDays: number) => {
      const response = await cloud.request('POST', '/trajectories', {
        token: hr,
        body: {
          employee: { name: `Aandacht ${n}`, email: `aandacht${n}@example.nl` },
          manager: { name: 'Mark Jansen', email: 'mark@example.nl' },
          hrAdvisor: { name: 'Hanna Bakker', email: 'hanna@example.nl' },
          reason: 'Deadlines worden gemist.',
          schedule: { identifyDueDays },
        },
      });
      expect(response.status).toBe(201);
      return response.body.id as string;
    };
    const late = await start(1, 1);
    const onTime = await start(2, 14);
    await cloud.advance({ days: 8 });
    const attention = async (id: string) =>
      (await cloud.request('GET', `/trajectories/${id}`, { token: hr })).body.attention as boolean;
    expect([await attention(late), await attention(onTime)]).toEqual([true, false]);
    const { page, context, problems } = await phonePage(browser);
    await signIn(page, 'hanna@example.nl', 'hr');

    // Act: the filter, as a person sets it.
    await page.check('#attention');
    await page.getByRole('button', { name: 'Toepassen' }).click();
    await page.waitForURL(/attention=1/);

    // Assess
    const list = (await page.locator('tbody').textContent()) ?? '';
    expect(list).toContain('Aandacht 1');
    expect(list).not.toContain('Aandacht 2');
    expect(await page.locator('#attention').isChecked()).toBe(true);
    const row = page.locator('tbody tr', { hasText: 'Aandacht 1' });
    expect(await row.locator('.badge.attention').count()).toBe(1);
    await expectAccessible(page, 'list-attention');
    await screenshots(page, 'dashboard-list-attention');
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('lets HR send the employee a copy from the dossier page and revoke it; a manager may do neither', async () => {
    // Prepare: a trajectory of this manager's, started through the API.
    const hr = await cloud.tokenFor('hanna@example.nl', 'hr');
    const employee = 'eva.kopie@example.nl';
    const created = await cloud.request('POST', '/trajectories', {
      token: hr,
      body: {
        employee: { name: 'Eva Kopie', email: employee },
        manager: { name: 'Mark Jansen', email: 'mark.kopie@example.nl' },
        hrAdvisor: { name: 'Hanna Bakker', email: 'hanna@example.nl' },
        reason: 'Deadlines worden gemist.',
      },
    });
    expect(created.status).toBe(201);
    const dossier = `${cloud.url}/dossiers/${created.body.id as string}`;
    const copyLinks = async () =>
      (await cloud.outbox(employee)).flatMap(
        (mail) => /https?:\/\/\S+\/copy\/[A-Za-z0-9_-]+/.exec(mail.text) ?? [],
      );
    const { page, context, problems } = await phonePage(browser);
    await signIn(page, 'hanna@example.nl', 'hr');
    await page.goto(dossier);

    // Act: HR sends a copy.
    await page.getByRole('button', { name: 'Kopie voor de medewerker sturen' }).click();
    await page.waitForURL(/copy=issued/);

    // Assess: confirmed on the page, and the mail holds a link that opens the employee's copy.
    expect(await page.locator('[data-copy-notice="issued"]').textContent()).toContain(
      'De medewerker krijgt per mail een nieuwe persoonlijke link',
    );
    await expectAccessible(page, 'dossier-copy-issued');
    await screenshots(page, 'dashboard-copy-issued');
    const [link] = await copyLinks();
    expect(link).toBeDefined();
    const copy = await browser.newPage();
    expect((await copy.goto(link!))?.status()).toBe(200);
    expect(await copy.locator('h1').textContent()).toContain('Eva Kopie');

    // Act: HR revokes every link.
    await page.getByRole('button', { name: 'Alle inzagelinks intrekken' }).click();
    await page.waitForURL(/copy=revoked/);

    // Assess: confirmed, and the link now says it was withdrawn.
    expect(await page.locator('[data-copy-notice="revoked"]').textContent()).toContain(
      'Alle inzagelinks die tot nu toe zijn verstuurd, werken niet meer.',
    );
    expect(await page.locator('[data-employee-copy]').textContent()).toContain('Laatst ingetrokken op');
    await expectAccessible(page, 'dossier-copy-revoked');
    expect((await copy.goto(link!))?.status()).toBe(410);
    expect(await copy.locator('h1').textContent()).toBe('Deze link is ingetrokken');
    expect(await copy.locator('main').textContent()).not.toContain('Eva Kopie');
    await expectAccessible(copy, 'employee-copy-revoked');
    await copy.close();
    expect(problems).toEqual([]);

    // A manager sees neither form, and a post of their own is refused.
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(/_local\/sign-in/);
    await signIn(page, 'mark.kopie@example.nl', 'manager');
    expect((await page.goto(dossier))?.status()).toBe(200);
    expect(await page.locator('[data-employee-copy]').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Kopie voor de medewerker sturen' }).count()).toBe(0);
    const csrf = (await page.locator('input[name="csrf"]').first().getAttribute('value')) ?? '';
    expect(csrf).not.toBe('');
    const sent = (await copyLinks()).length;
    for (const path of ['employee-copy', 'employee-copy/revoke']) {
      const refused = await page.request.post(`${dossier}/${path}`, {
        form: { csrf },
        headers: { 'sec-fetch-site': 'same-origin' },
        maxRedirects: 0,
      });
      expect(refused.status(), path).toBe(403);
    }
    expect((await copyLinks()).length).toBe(sent);
    await context.close();
  }, 120_000);

  it('refuses a dashboard form without the CSRF token', async () => {
    const { page, context } = await phonePage(browser);
    await signIn(page, 'hanna@example.nl', 'hr');
    const response = await page.request.post(`${cloud.url}/start`, {
      form: { 'employee[name]': 'x' },
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(response.status()).toBe(403);
    await context.close();
  });
});
