/**
 * The employee's own copy of their dossier in real Chromium on a phone-sized screen: the page of
 * the link HR had mailed, its PDF button, and the page of the same link once it expired. axe-core
 * checks both pages; screenshots land in test-results/browser/.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
  launchBrowser,
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

const COPY_LINK = /https?:\/\/[^\s"'<>]+\/copy\/[A-Za-z0-9_-]+/;

describe.skipIf(skipWithoutBrowser)('the employee’s copy on their link', () => {
  it('shows the dossier with a PDF download, accessibly, and after it expired only how to get a new link', async () => {
    // Prepare: a trajectory, and a copy link HR had mailed to the employee
    const hr = await cloud.tokenFor('hanna@example.nl', 'hr');
    const who = {
      employee: { name: 'Eva de Vries', email: 'eva.copy@example.nl' },
      manager: { name: 'Mark Jansen', email: 'mark.copy@example.nl' },
      hrAdvisor: { name: 'Hanna Bakker', email: 'hanna@example.nl' },
    };
    const created = await cloud.request('POST', '/trajectories', {
      token: hr,
      body: { ...who, reason: 'Deadlines worden herhaaldelijk gemist.' },
    });
    expect(created.status).toBe(201);
    const issued = await cloud.request('POST', `/trajectories/${created.body.id}/employee-copy`, {
      token: hr,
    });
    expect(issued.status).toBe(201);
    const mail = (await cloud.outbox(who.employee.email)).find((candidate) => COPY_LINK.test(candidate.text));
    const link = COPY_LINK.exec(mail?.text ?? '')?.[0] ?? '';
    expect(link).not.toBe('');
    const { context, page, problems } = await phonePage(browser);

    // Act
    await page.goto(link);

    // Assess
    expect(await page.locator('h1').textContent()).toBe('Je dossier verbetertraject (inzage): Eva de Vries');
    expect(await page.locator('[data-section="timeline"]').count()).toBe(1);
    expect(await page.locator('[data-section="completeness"]').count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('Vraag het aan Hanna Bakker');
    await expectAccessible(page, 'employee-copy');
    await screenshots(page, 'employee-copy');
    const href = await page.getByRole('link', { name: 'Download je dossier als PDF' }).getAttribute('href');
    const pdf = await page.request.get(new URL(href ?? '', link).href);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(problems).toEqual([]);

    // And once it expired
    await cloud.advance({ days: 31 });
    const expired = await page.goto(link);
    expect(expired?.status()).toBe(410);
    expect(await page.locator('h1').textContent()).toBe('Deze link werkt niet meer');
    expect(await page.locator('main').textContent()).not.toContain('Eva de Vries');
    await expectAccessible(page, 'employee-copy-expired');
    await screenshots(page, 'employee-copy-expired');
    // The browser reports the 410 itself; nothing else went wrong (CSP, script).
    expect(problems).toEqual(['Failed to load resource: the server responded with a status of 410 (Gone)']);
    await context.close();
  });
});
