/**
 * A draft of a long form in real Chromium: half a follow-up report is typed, kept with "Concept
 * opslaan", and is there again when the link is opened anew; then sent as it stands. axe-core
 * checks the page with the notice on a phone and on a desktop.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driver, people } from './drive.ts';
import {
  launchBrowser,
  linkFromMail,
  phonePage,
  skipWithoutBrowser,
  startTestCloud,
  type TestCloud,
  checkAtBothWidths,
} from './support.ts';

let cloud: TestCloud;
let browser: Browser;
let drive: ReturnType<typeof driver>;

beforeAll(async () => {
  if (skipWithoutBrowser) return;
  [cloud, browser] = await Promise.all([startTestCloud(), launchBrowser()]);
  drive = driver(cloud, await cloud.tokenFor('hr-drafts@example.nl', 'hr'));
});
afterAll(async () => {
  await browser?.close();
  await cloud?.dispose();
});

async function press(page: Page, name: string): Promise<number | undefined> {
  const [response] = await Promise.all([
    page.waitForResponse((answer) => answer.request().method() === 'POST'),
    page.getByRole('button', { name }).click(),
  ]);
  await page.waitForLoadState();
  return response.status();
}

describe.skipIf(skipWithoutBrowser)('a draft of a follow-up', () => {
  it('keeps half a report, opens with it again from the link, and sends it as it stands', async () => {
    // Prepare: up to the first follow-up meeting.
    const who = people('drafts');
    const id = await drive.start(who, { termWeeks: 2, followUpEveryDays: 7 });
    await drive.throughFirstPlan(who);
    await drive.answer(who.hrAdvisor.email, { decision: 'approve' });
    await drive.acknowledge(who);
    const [meeting] = (await drive.dossier(id)).meetings;
    await drive.advanceTo(`${meeting.plannedOn}T12:00:00Z`);
    const link = await linkFromMail(cloud, who.manager.email);
    const { page, context, problems } = await phonePage(browser);
    await page.goto(link);

    // Act: half the report, kept as a draft.
    await page.fill('#f-summary', 'Eerste helft van het verslag: de planning loopt beter.');
    await page.locator('input[name="progress[0][status]"][value="at-risk"]').check();
    await page.fill('#f-progress-0-notes', 'Twee offertes nog te laat.');
    expect(await press(page, 'Concept opslaan')).toBe(200);

    // Assess: the form again, with the notice, focused; the task is still open.
    expect(await page.locator('[data-draft-saved]').textContent()).toContain('Concept opgeslagen op');
    expect(
      await page.evaluate(
        'document.activeElement && document.activeElement.hasAttribute("data-draft-saved")',
      ),
    ).toBe(true);
    const task = (await drive.dossier(id)).tasks.find(
      (candidate: { kind: string; status: string }) => candidate.kind === 'follow-up',
    );
    expect(task.status).toBe('open');

    // Act: the link opened anew (a fresh GET, as from the mail).
    await page.goto('about:blank');
    await page.goto(link);

    // Assess: everything typed is there.
    expect(await page.inputValue('#f-summary')).toBe(
      'Eerste helft van het verslag: de planning loopt beter.',
    );
    expect(await page.inputValue('#f-progress-0-notes')).toBe('Twee offertes nog te laat.');
    expect(await page.locator('input[name="progress[0][status]"]:checked').getAttribute('value')).toBe(
      'at-risk',
    );
    expect(await page.inputValue('#f-heldOn')).toBe(meeting.plannedOn);
    expect(await page.locator('[data-draft-saved]').isVisible()).toBe(true);
    await checkAtBothWidths(page, 'follow-up-draft');

    // The rest filled in, it is sent; the draft's notice is gone with the form.
    for (let index = 1; index < (await page.locator('fieldset.goal-row').count()); index++) {
      await page.locator(`input[name="progress[${index}][status]"][value="on-track"]`).check();
      await page.fill(`#f-progress-${index}-notes`, 'Op koers.');
    }
    expect(await press(page, 'Versturen')).toBe(303);
    expect(await page.locator('[data-status]').getAttribute('data-status')).toBe('done');
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});
