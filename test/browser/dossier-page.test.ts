/**
 * The HR dossier page in real Chromium, on a phone and on a desktop: a whole trajectory (a plan
 * sent back once, follow-ups, evaluation, aftercare) answered through its mailed links, then read
 * on the page: every part with its content, in the order of the PDF the same page links to, and
 * a timeline whose routine entries can be hidden with the script and without it. axe-core checks
 * each view; screenshots land in test-results/browser/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../support/pdf-text.ts';
import { driver, people } from './drive.ts';
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
let drive: ReturnType<typeof driver>;

beforeAll(async () => {
  if (skipWithoutBrowser) return;
  [cloud, browser] = await Promise.all([startTestCloud(), launchBrowser()]);
  drive = driver(cloud, await cloud.tokenFor('hr-dossier@example.nl', 'hr'));
});
afterAll(async () => {
  await browser?.close();
  await cloud?.dispose();
});

async function signInAsHr(page: Page): Promise<void> {
  await page.goto(`${cloud.url}/`);
  await page.fill('#f-email', 'hr-dossier@example.nl');
  await page.check('#f-role');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(`${cloud.url}/`);
}

/** A completed trajectory whose plan HR sent back once. */
async function completedTrajectory(): Promise<string> {
  const who = people('dossier');
  const id = await drive.start(who, { termWeeks: 2, followUpEveryDays: 7, aftercareWeeks: 1 });
  await drive.throughFirstPlan(who);
  await drive.answer(who.hrAdvisor.email, {
    decision: 'revise',
    comments: 'Doel 2 is niet meetbaar genoeg.',
  });
  await drive.plan(who, ['Rapportages op tijd', 'Klanten binnen een werkdag terugbellen']);
  await drive.answer(who.hrAdvisor.email, { decision: 'approve', comments: 'Helder plan.' });
  await drive.acknowledge(who);
  await drive.followUpsToEvaluation(id, who);
  await drive.answer(who.manager.email, {
    summary: 'Beide doelen behaald.',
    results: [
      { goal: 0, outcome: 'achieved', notes: 'Alle rapportages op tijd.' },
      { goal: 1, outcome: 'achieved', notes: '97% binnen een werkdag.' },
    ],
    decision: 'successful',
  });
  await drive.answer(who.hrAdvisor.email, { decision: 'approve', comments: 'Akkoord, goed gedaan.' });
  await drive.untilOpen(id, 'aftercare');
  await drive.answer(who.manager.email, {
    employeeNotes: 'Eva gaat het goed.',
    teamNotes: 'Het team merkt verbetering.',
  });
  expect(await drive.dossier(id)).toMatchObject({ status: 'completed' });
  return id;
}

const sectionText = async (page: Page, id: string) =>
  ((await page.locator(`[data-section="${id}"]`).textContent()) ?? '').replace(/\s+/g, ' ');

const visibleEntries = (page: Page) => page.locator('#timeline-list > li:visible').count();

describe.skipIf(skipWithoutBrowser)('the HR dossier page', () => {
  it('shows every part of the dossier, in the order of its PDF, with a timeline to filter', async () => {
    // Prepare
    const id = await completedTrajectory();
    const { page, context, problems } = await phonePage(browser);
    await signInAsHr(page);

    // Act
    await page.goto(`${cloud.url}/dossiers/${id}`);

    // Assess: the parts, each with its content.
    const sections = await page.locator('[data-section]').evaluateAll((elements) =>
      elements.map((element) => ({
        id: element.getAttribute('data-section') ?? '',
        title: element.querySelector('h2')?.textContent?.trim() ?? '',
      })),
    );
    expect(sections.map((section) => section.id)).toEqual([
      'overview',
      'improvement-areas',
      'conversation',
      'plan',
      'acknowledgements',
      'follow-ups',
      'progress',
      'support',
      'evaluation',
      'aftercare',
      'exhibits',
      'timeline',
    ]);
    expect(await sectionText(page, 'overview')).toMatch(/Termijn 1 \w+dag \d+ \w+ 2026 tot \w+dag/);
    expect(await sectionText(page, 'improvement-areas')).toContain('Rapportage Q1 twee weken te laat');
    const conversation = await sectionText(page, 'conversation');
    expect(conversation).toContain('Eva ervaart een te hoge werkdruk');
    expect(conversation).toContain('Ik herken de punten, maar de werkdruk speelt mee.');
    const plan = await sectionText(page, 'plan');
    expect(plan).toMatch(
      /Versie 1 van het plan.*Klanten binnen een dag terugbellen.*Doel 2 is niet meetbaar genoeg\..*Versie 2 van het plan.*Klanten binnen een werkdag terugbellen.*Helder plan\./,
    );
    expect(await sectionText(page, 'follow-ups')).toContain('Twee klanten later teruggebeld.');
    expect(await sectionText(page, 'support')).toContain('Zes sessies met een planningscoach.');
    expect(await sectionText(page, 'evaluation')).toMatch(/Beide doelen behaald\..*Akkoord, goed gedaan\./);
    expect(await sectionText(page, 'aftercare')).toContain('Het team merkt verbetering.');
    const timeline = await sectionText(page, 'timeline');
    expect(timeline).toContain('Taak geopend: plan');
    expect(timeline).toMatch(/Mail verstuurd aan .+ \(Leidinggevende\): verzoek \(plan\)/);
    // The stepper on top: every phase passed, the trajectory closed, nothing more to come.
    expect(await page.locator('[data-stepper] [aria-current="step"]').textContent()).toContain('Afgesloten');
    expect(await page.locator('[data-stepper] .step.done').count()).toBe(6);
    await expectAccessible(page, 'dossier-phone');
    await page.setViewportSize(DESKTOP);
    await expectAccessible(page, 'dossier-desktop');
    await screenshots(page, 'dossier');

    // The PDF the page links to has the same sections, in the same order.
    const pdf = await page.request.get(`${cloud.url}/dossiers/${id}/dossier.pdf`);
    expect(pdf.status()).toBe(200);
    const lines = (await pdfText(new Uint8Array(await pdf.body()))).split('\n').map((line) => line.trim());
    let at = -1;
    for (const { title } of sections) {
      const found = lines.indexOf(title, at + 1);
      expect(found, `"${title}" in the PDF`).toBeGreaterThan(at);
      at = found;
    }

    // The timeline's routine entries hide and come back without a reload.
    await page.setViewportSize(PHONE);
    const all = await visibleEntries(page);
    await page.getByRole('link', { name: 'Routine verbergen' }).click();
    await expect.poll(() => visibleEntries(page)).toBeLessThan(all / 2);
    expect(page.url()).toContain('timeline=key');
    expect(await sectionText(page, 'timeline')).toContain('Plan opgesteld');
    await expectAccessible(page, 'dossier-timeline-key');
    await screenshots(page, 'dossier-timeline-key');
    await page.getByRole('link', { name: 'Alle gebeurtenissen tonen' }).click();
    await expect.poll(() => visibleEntries(page)).toBe(all);
    expect(problems).toEqual([]);
    await context.close();

    // Without the script the same toggle is a link with a query parameter.
    const plain = await browser.newContext({ viewport: PHONE, locale: 'nl-NL', javaScriptEnabled: false });
    const noScript = await plain.newPage();
    await signInAsHr(noScript);
    await noScript.goto(`${cloud.url}/dossiers/${id}?timeline=key`);
    expect(await visibleEntries(noScript)).toBeLessThan(all / 2);
    await noScript.getByRole('link', { name: 'Alle gebeurtenissen tonen' }).click();
    await noScript.waitForURL(`${cloud.url}/dossiers/${id}#section-timeline`);
    expect(await visibleEntries(noScript)).toBe(all);
    await plain.close();
  }, 240_000);
});
