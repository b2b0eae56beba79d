import { describe, expect, it } from 'vitest';
import type { ActionView } from '#core/actions.ts';
import { renderActionErrorPage, renderActionPage } from '#web/action-pages.ts';
import { renderDashboard } from '#web/dashboard-pages.ts';
import { html } from '#web/html.ts';
import { ASSETS } from '#web/assets.ts';
import { MESSAGE_GROUPS } from '#shared/i18n.ts';
import { TASK_KINDS } from '#core/model.ts';

const goal = {
  title: 'Op tijd',
  specific: 's',
  measure: 'm',
  target: 't',
  deadline: '2026-05-01',
  support: 'x',
};
const employee = { firstName: '<Eva>' };
const CONTEXTS: Record<string, unknown> = {
  identify: { employee, reason: 'r' },
  conversation: { employee, improvementAreas: [{ title: 'a', examples: ['e'] }] },
  'employee-response': { manager: employee, improvementAreas: [], conversation: null },
  plan: { employee, improvementAreas: [] },
  'plan-approval': { employee, improvementAreas: [], goals: [goal] },
  'plan-acknowledgement': { manager: employee, improvementAreas: [], goals: [goal] },
  'follow-up': { employee, goals: [{ ...goal, index: 0 }], meeting: { number: 1, plannedOn: '2026-04-01' } },
  evaluation: { employee, goals: [{ ...goal, index: 0 }], term: 1, termEndsAt: null },
  'decision-confirmation': { employee, goals: [{ ...goal, index: 0 }], evaluation: null },
  aftercare: { employee, decision: 'successful' },
};

const view = (task: string, extra: Partial<ActionView> = {}): ActionView =>
  ({
    task,
    taskId: `${task}-1`,
    trajectoryId: 't-1',
    status: 'open',
    dueAt: '2026-03-05T16:00:00.000Z',
    locale: 'nl',
    assignee: 'manager',
    context: CONTEXTS[task],
    ...extra,
  }) as ActionView;

describe('the action pages', () => {
  it.each(TASK_KINDS)('render a form for %s with no inline script or style, every value escaped', (kind) => {
    // Act
    const page = renderActionPage(view(kind));

    // Assess
    expect(page).toContain('<form method="post" novalidate');
    expect(page).not.toMatch(/<script>|<style|style="|\son[a-z]+=/);
    if ('employee' in (CONTEXTS[kind] as object)) expect(page).toContain('&lt;Eva&gt;');
    expect(page).not.toContain('<Eva>');
  });

  it('show typed values and each error at its field', () => {
    // Act
    const page = renderActionPage(view('plan'), {
      values: { goals: [{ title: '"><img src=x>' }] },
      fieldErrors: [{ path: 'goals.0.specific', message: 'Vul dit veld in.' }],
    });

    // Assess
    expect(page).toContain('value="&quot;&gt;&lt;img src=x&gt;"');
    expect(page).toMatch(/id="f-goals-0-specific-error">[^]*Vul dit veld in\./);
    expect(page).toContain('aria-invalid="true"');
    expect(page).toContain('<a href="#f-goals-0-specific">');
  });

  it('speak English for an English trajectory, and say thank you once done', () => {
    expect(renderActionPage(view('aftercare', { locale: 'en', status: 'done' }))).toContain('Thank you');
    expect(renderActionPage(view('aftercare', { status: 'closed' }))).toContain('Deze taak is gesloten');
    expect(renderActionPage(view('employee-response', { status: 'done' }), { noResponse: true })).toContain(
      'De termijn is verstreken',
    );
  });

  it('explain a refusal by its kind', () => {
    const page = renderActionErrorPage({ locale: 'en', kind: 'unknown', message: '<b>' });
    expect(page).toContain('We do not know this link');
    expect(page).toContain('&lt;b&gt;');
  });
});

describe('the dashboard list', () => {
  it('carries the session CSRF token on sign-out and escapes names', () => {
    const trajectory = {
      id: 'abc',
      status: 'active',
      phase: 'plan',
      attention: true,
      employee: { name: '<Eva>', email: 'e@x.nl' },
      manager: { name: 'Mark', email: 'm@x.nl' },
    };
    const page = renderDashboard(
      'nl',
      { principal: { role: 'hr', email: 'h@x.nl' }, csrf: 'tok"en' },
      [{ trajectory: trajectory as never, overdue: true }],
      {},
    );
    expect(page).toContain('name="csrf" value="tok&quot;en"');
    expect(page).toContain('&lt;Eva&gt;');
    expect(page).toContain('Aandacht nodig');
    expect(page).toContain('Deadline verlopen');
  });
});

describe('the building blocks', () => {
  it('escape interpolations but not nested fragments', () => {
    expect(html`<p>${'<x>'}${html`<b>ok</b>`}${['a', null, false]}</p>`.value).toBe(
      '<p>&lt;x&gt;<b>ok</b>a</p>',
    );
  });

  it('ship the stylesheet and script with a content version', () => {
    expect(Object.keys(ASSETS).sort()).toEqual(['app.css', 'app.js', 'icon.svg']);
    expect(ASSETS['app.js']!.body).not.toContain('innerHTML');
  });

  it('register the web and dashboard messages in both languages', () => {
    expect(MESSAGE_GROUPS.length).toBeGreaterThanOrEqual(8);
  });
});
