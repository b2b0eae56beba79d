/**
 * Stored XSS through the dossier: text that HR and a manager typed (names, the reason, improvement
 * areas, a conversation summary) is stored, then written out again in the mails of later steps
 * and in the action pages people open. Every one of those HTML documents must show the text as
 * text: the markup in it escaped, never live. Run end to end on the local cloud, so the real
 * handlers, templates and mails are what is checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveTrajectory, linkTokenIn, startTestCloud, uniqueEmail, type TestCloud } from './support.ts';

/** Classic payloads: a script element, an event handler, an SVG handler, a javascript: link. */
const PAYLOADS = [
  '<script>alert("xss")</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg/onload=alert(1)>",
  '<a href="javascript:alert(1)">klik</a>',
] as const;
const hostile = (label: string, index: number) => `${label} ${PAYLOADS[index % PAYLOADS.length]}`;

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud?.dispose();
});

/** The live markup a payload would become if it were not escaped. */
function liveMarkup(html: string): string[] {
  return PAYLOADS.filter((payload) => html.includes(payload));
}

describe('text people typed, in the HTML of mails and action pages', () => {
  it('is escaped everywhere it appears, from names and reason to the conversation summary', async () => {
    // Prepare: a trajectory whose every free text carries a payload.
    const hr = await cloud.tokenFor(uniqueEmail('hr'), 'hr');
    const employee = uniqueEmail('employee');
    const manager = uniqueEmail('manager');
    const hrAdvisor = uniqueEmail('hr-advisor');
    const live = await createLiveTrajectory(cloud, hr, {
      manager,
      body: {
        employee: { name: hostile('Eva', 0), email: employee },
        manager: { name: hostile('Mark', 1), email: manager },
        hrAdvisor: { name: hostile('Hanna', 2), email: hrAdvisor },
        reason: hostile('Reden', 3),
      },
    });

    // Act: the manager identifies areas and records the conversation, both full of payloads.
    const identify = await cloud.request('POST', `/actions/${live.linkToken}`, {
      body: {
        improvementAreas: [
          { title: hostile('Planning', 0), examples: [hostile('Voorbeeld', 1), hostile('Voorbeeld', 2)] },
        ],
      },
    });
    expect(identify.status).toBe(200);
    await cloud.engine.whenIdle();
    const conversationLink = (await cloud.outbox(manager))
      .map((mail) => linkTokenIn(mail.text))
      .filter((token): token is string => !!token && token !== live.linkToken)
      .at(-1);
    expect(conversationLink).toBeDefined();
    const conversation = await cloud.request('POST', `/actions/${conversationLink}`, {
      body: {
        heldOn: (await cloud.request('GET', '/_local/clock')).body.now.slice(0, 10),
        summary: hostile('Samenvatting', 0),
        employeePerspective: hostile('Perspectief', 1),
        agreements: hostile('Afspraken', 3),
      },
    });
    expect(conversation.status).toBe(200);
    await cloud.engine.whenIdle();

    // Assess: every mail to anyone involved, and every action page behind a mailed link.
    const mails = (await Promise.all([employee, manager, hrAdvisor].map((to) => cloud.outbox(to)))).flat();
    const employeeMails = await cloud.outbox(employee);
    // The employee is asked to respond to the conversation: its summary is quoted in that mail.
    expect(employeeMails.some((mail) => mail.text.includes(hostile('Samenvatting', 0)))).toBe(true);
    expect(mails.length).toBeGreaterThanOrEqual(4);
    for (const mail of mails) {
      expect(liveMarkup(mail.html), `mail "${mail.subject}"`).toEqual([]);
    }
    const links = [...new Set(mails.map((mail) => linkTokenIn(mail.text)).filter((t): t is string => !!t))];
    expect(links.length).toBeGreaterThanOrEqual(3);
    const pages: string[] = [];
    for (const token of links) {
      const page = await cloud.request('GET', `/actions/${token}`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      pages.push(page.body as string);
      expect(liveMarkup(page.body as string), `page of /actions/<token>`).toEqual([]);
    }

    // And the text did reach the HTML, escaped: a test that sees nothing proves nothing.
    const html = [...mails.map((mail) => mail.html), ...pages].join('\n');
    expect(html).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  });
});
