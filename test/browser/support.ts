/**
 * Real Chromium for the page tests: Debian's package, driven by playwright-core (never a
 * downloaded browser). Without Chromium the tests skip themselves on a developer's machine and
 * fail in CI, where a missing browser is a broken pipeline, not a reason to pass.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TestCloud } from '../local/cloud/support.ts';

export { startTestCloud, type TestCloud } from '../local/cloud/support.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Skip only outside CI; in CI the launch is attempted and fails loudly. */
export const skipWithoutBrowser = !existsSync(CHROMIUM) && process.env.CI !== 'true';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1280, height: 900 };

const ARTIFACTS = join(process.cwd(), 'test-results', 'browser');

/** A phone-sized page that fails the test on any CSP violation or script error. */
export async function phonePage(
  browser: Browser,
  locale = 'nl-NL',
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: PHONE, locale, deviceScaleFactor: 1 });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return { context, page, problems };
}

/** Full-page screenshots at phone and desktop width, as test artifacts. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const viewport = page.viewportSize() ?? PHONE;
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: join(ARTIFACTS, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: join(ARTIFACTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(viewport);
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core on the page as it is (WCAG 2.0–2.2 A and AA rules and best practices); fails on any
 * serious or critical violation. axe is evaluated through the DevTools protocol, which the
 * page's CSP does not govern, so the page keeps its real policy while it is checked.
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  // A string: it runs in the page, where `axe` and `document` exist (not in this file's types).
  const violations = (await page.evaluate(`axe
    .run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} } })
    .then((result) => result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })),
    })))`)) as AxeViolation[];
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `${name}: ${JSON.stringify(serious, null, 1)}`).toEqual([]);
}

/** axe on a phone and on a desktop, and screenshots of both; the page is left at phone width. */
export async function checkAtBothWidths(page: Page, name: string): Promise<void> {
  await page.setViewportSize(PHONE);
  await expectAccessible(page, `${name}-phone`);
  await page.setViewportSize(DESKTOP);
  await expectAccessible(page, `${name}-desktop`);
  await screenshots(page, name);
  await page.setViewportSize(PHONE);
}

const LINK = /https?:\/\/[^\s"'<>]+\/actions\/[A-Za-z0-9_-]+/;

/** The action link in the newest mail to `to` whose subject matches, from the local outbox. */
export async function linkFromMail(cloud: TestCloud, to: string, subject?: RegExp): Promise<string> {
  const mails = (await cloud.outbox(to)).filter((mail) => !subject || subject.test(mail.subject));
  const mail = mails.at(-1);
  const link = mail ? LINK.exec(mail.text)?.[0] : undefined;
  if (!link) throw new Error(`no mail with a link to ${to}${subject ? ` matching ${subject}` : ''}`);
  return link;
}
