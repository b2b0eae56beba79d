/**
 * The action forms in real Chromium: nothing is typed twice (a plan sent back opens with the last
 * version, every goal and support row; a follow-up with its planned date), and a paused
 * trajectory's link shows a notice instead of the form, also when the pause lands between opening
 * the form and sending it, and then keeps what was typed. axe-core checks each page on a phone
 * and on a desktop; screenshots land in test-results/browser/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driver, GOALS, people } from './drive.ts';
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
let hr: string;
let drive: ReturnType<typeof driver>;

beforeAll(async () => {
  if (skipWithoutBrowser) return;
  [cloud, browser] = await Promise.all([startTestCloud(), launchBrowser()]);
  hr = await cloud.tokenFor('hr-forms@example.nl', 'hr');
  drive = driver(cloud, hr);
});
afterAll(async () => {
  await browser?.close();
  await cloud?.dispose();
});

const value = (page: Page, selector: string) => page.inputValue(selector);
const checked = (page: Page, name: string) =>
  page.locator(`input[name="${name}"]:checked`).getAttribute('value');

async function send(page: Page): Promise<number | undefined> {
  const [response] = await Promise.all([
    page.waitForResponse((answer) => answer.request().method() === 'POST'),
    page.getByRole('button', { name: 'Versturen' }).click(),
  ]);
  await page.waitForLoadState();
  return response.status();
}

describe.skipIf(skipWithoutBrowser)('nothing typed twice', () => {
  it('opens a plan sent back with the last version, and a follow-up with its planned date', async () => {
    // Prepare: the first plan, sent back by HR.
    const who = people('forms');
    const id = await drive.start(who, { termWeeks: 2, followUpEveryDays: 7 });
    await drive.throughFirstPlan(who);
    const deadline = (await drive.dossier(id)).tasks.find((task: { kind: string }) => task.kind === 'plan')
      .response.goals[1].deadline as string;
    await drive.answer(who.hrAdvisor.email, { decision: 'revise', comments: 'Maak doel 2 meetbaar.' });
    const { page, context, problems } = await phonePage(browser);

    // Act
    await page.goto(await linkFromMail(cloud, who.manager.email));

    // Assess: every goal and support row of the last version, and a word that they are.
    expect(await page.locator('[data-prefilled]').textContent()).toContain('het vorige voorstel');
    expect(await page.locator('.context').textContent()).toContain('Maak doel 2 meetbaar.');
    expect(await page.locator('#f-goals .rows > [data-row]').count()).toBe(2);
    expect(await value(page, '#f-goals-0-title')).toBe(GOALS[0]!.title);
    expect(await value(page, '#f-goals-1-title')).toBe(GOALS[1]!.title);
    expect(await value(page, '#f-goals-1-specific')).toBe(GOALS[1]!.specific);
    expect(await value(page, '#f-goals-1-deadline')).toBe(deadline);
    expect(await value(page, '#f-goals-1-support')).toBe(GOALS[1]!.support);
    expect(await page.locator('#f-supportLedger .rows > [data-row]').count()).toBe(2);
    expect(await value(page, '#f-supportLedger-0-goal')).toBe('0');
    expect(await checked(page, 'supportLedger[0][kind]')).toBe('coaching');
    expect(await checked(page, 'supportLedger[0][status]')).toBe('offered');
    expect(await value(page, '#f-supportLedger-0-hours')).toBe('6');
    expect(await value(page, '#f-supportLedger-1-goal')).toBe('1');
    expect(await checked(page, 'supportLedger[1][kind]')).toBe('course');
    await checkAtBothWidths(page, 'plan-revision');

    // Only what HR asked about is changed; the rest goes back as it was.
    await page.fill('#f-goals-1-measure', 'Terugbeltijd per klant in het CRM, wekelijks geteld.');
    expect(await send(page)).toBe(303);
    expect(await page.locator('[data-status]').getAttribute('data-status')).toBe('done');
    await drive.settle();
    const revised = (await drive.dossier(id)).tasks.find((task: { id: string }) => task.id === 'plan-2');
    expect(revised.response.goals).toHaveLength(2);
    expect(revised.response.goals[0]).toEqual({ ...GOALS[0], deadline });
    expect(revised.response.goals[1].measure).toBe('Terugbeltijd per klant in het CRM, wekelijks geteld.');
    expect(revised.response.supportLedger).toEqual([
      {
        goal: 0,
        kind: 'coaching',
        description: 'Zes sessies met een planningscoach.',
        status: 'offered',
        hours: 6,
      },
      { goal: 1, kind: 'course', description: 'Training klantgesprekken, twee dagdelen.', status: 'offered' },
    ]);

    // The follow-up opens with the date it was planned for.
    await drive.answer(who.hrAdvisor.email, { decision: 'approve' });
    await drive.acknowledge(who);
    const [meeting] = (await drive.dossier(id)).meetings;
    await drive.advanceTo(`${meeting.plannedOn}T12:00:00Z`);
    await page.goto(await linkFromMail(cloud, who.manager.email));
    expect(await page.locator('h1').textContent()).toContain('voortgangsgesprek');
    expect(await value(page, '#f-heldOn')).toBe(meeting.plannedOn);
    await checkAtBothWidths(page, 'follow-up-planned-date');
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});

describe.skipIf(skipWithoutBrowser)('a paused trajectory’s link', () => {
  it('shows a notice instead of the form, and keeps what was typed when the pause came after opening it', async () => {
    // Prepare
    const who = people('paused');
    const id = await drive.start(who);
    const link = await linkFromMail(cloud, who.manager.email);
    const pause = async () =>
      expect(
        (
          await cloud.request('POST', `/trajectories/${id}/pause`, {
            token: hr,
            body: { reason: 'Ziek gemeld.' },
          })
        ).status,
      ).toBe(200);
    const resume = async () => {
      expect((await cloud.request('POST', `/trajectories/${id}/resume`, { token: hr })).status).toBe(200);
      await drive.settle();
    };
    const { page, context, problems } = await phonePage(browser);

    // Act: the link while paused.
    await pause();
    await page.goto(link);

    // Assess: a notice, no form.
    expect(await page.locator('[data-status]').getAttribute('data-status')).toBe('paused');
    expect(await page.locator('h1').textContent()).toBe('Het traject staat stil');
    expect(await page.locator('main').textContent()).toContain('deze link blijft geldig');
    expect(await page.locator('form[method="post"]').count()).toBe(0);
    await checkAtBothWidths(page, 'paused-link');

    // Act: resumed, the form is opened and filled in; then HR pauses before it is sent.
    await resume();
    await page.goto(link);
    await page.fill('#f-improvementAreas-0-title', 'Planning');
    await page.fill('#f-improvementAreas-0-examples-0', 'Rapportage Q1 twee weken te laat.');
    await pause();
    const status = await send(page);

    // Assess: the notice above the form, with what was typed still in it; nothing saved.
    expect(status).toBe(409);
    expect(await page.locator('[data-paused]').isVisible()).toBe(true);
    expect(
      await page.evaluate('document.activeElement && document.activeElement.hasAttribute("data-paused")'),
    ).toBe(true);
    expect(await value(page, '#f-improvementAreas-0-title')).toBe('Planning');
    expect(await value(page, '#f-improvementAreas-0-examples-0')).toBe('Rapportage Q1 twee weken te laat.');
    expect((await drive.dossier(id)).tasks[0].status).toBe('open');
    await checkAtBothWidths(page, 'paused-post');

    // Once HR resumes, the same form is sent as it stands.
    await resume();
    expect(await send(page)).toBe(303);
    expect(await page.locator('[data-status]').getAttribute('data-status')).toBe('done');
    expect(problems.filter((problem) => !/status of 409/.test(problem))).toEqual([]);
    await context.close();
  }, 120_000);
});

describe.skipIf(skipWithoutBrowser)('a submit button clicked twice', () => {
  it('sends the form once, and sends it again after the page came back with an error', async () => {
    // Prepare: the manager's first task, and every post the page makes.
    const who = people('double');
    const id = await drive.start(who);
    const { page, context, problems } = await phonePage(browser);
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url());
    });
    // A deployed answer takes a moment: long enough for the second click of a double click to
    // land while the first post is still on its way, as it does for a person.
    await page.route('**/actions/**', async (route) => {
      if (route.request().method() === 'POST') await new Promise((resolve) => setTimeout(resolve, 600));
      await route.continue().catch(() => undefined);
    });
    await page.goto(await linkFromMail(cloud, who.manager.email));
    const submit = page.getByRole('button', { name: 'Versturen' });
    // Two clicks 150 ms apart, as a person double-clicks: the mouse, which does not wait for the
    // navigation the first click starts.
    const doubleClick = async () => {
      await submit.scrollIntoViewIfNeeded();
      const box = (await submit.boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.waitForTimeout(150);
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    };

    // Act: a double click on the empty form.
    await doubleClick();
    await page.locator('#error-summary').waitFor();
    await page.waitForLoadState('networkidle');

    // Assess: one post, answered with the form and its errors.
    expect(posts).toHaveLength(1);

    // Act: filled in, a double click again.
    await page.fill('#f-improvementAreas-0-title', 'Planning');
    await page.fill('#f-improvementAreas-0-examples-0', 'Rapportage Q1 twee weken te laat.');
    await doubleClick();
    await page.locator('[data-status="done"]').waitFor();
    await page.waitForLoadState('networkidle');

    // Assess: one more post, recorded once, and the page says it is done (not "already answered").
    expect(posts).toHaveLength(2);
    expect(await page.locator('h1').textContent()).toBe('Dank je wel');
    await drive.settle();
    const recorded = (await drive.dossier(id)).events.filter(
      (event: { type: string }) => event.type === 'improvement-areas-identified',
    );
    expect(recorded).toHaveLength(1);
    expect(problems.filter((problem) => !/status of 400/.test(problem))).toEqual([]);
    await context.close();
  }, 120_000);
});

describe.skipIf(skipWithoutBrowser)('the support rows of a plan', () => {
  it('offer the goals the plan has, as many as are written on the page', async () => {
    // Prepare: the manager's plan form.
    const who = people('ledger');
    await drive.start(who);
    await drive.identify(who);
    await drive.conversation(who);
    await drive.answer(who.employee.email, { response: 'Ik herken de punten.' });
    const { page, context, problems } = await phonePage(browser);
    await page.goto(await linkFromMail(cloud, who.manager.email));
    // A string: it runs in the page, where the DOM's types are (not in this file's).
    const offered = () =>
      page.evaluate(
        `[...document.querySelectorAll('#f-supportLedger-0-goal option')]
          .filter((option) => option.value !== '' && !option.hidden)
          .map((option) => option.textContent.trim())`,
      ) as Promise<string[]>;

    // Assess: one goal on the page, one to choose.
    expect(await offered()).toEqual(['Doel 1']);

    // Act: a second goal, then the first removed.
    await page.getByRole('button', { name: 'Doel toevoegen' }).click();
    const two = await offered();
    await page.getByRole('button', { name: 'Doel 1 verwijderen' }).click();

    // Assess
    expect(two).toEqual(['Doel 1', 'Doel 2']);
    expect(await offered()).toEqual(['Doel 1']);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
