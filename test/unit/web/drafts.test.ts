/**
 * Drafts of the long forms on the pages (functions/web/action-pages.ts) and their size rule
 * (functions/core/drafts.ts): the form opens with the draft's values, says when it was saved, and
 * offers the draft button only on a long form that can be sent.
 */
import { describe, expect, it } from 'vitest';
import type { ActionView } from '#core/actions.ts';
import { draftFields, isDraftIntent, MAX_DRAFT_BYTES, MAX_DRAFT_DEPTH } from '#core/drafts.ts';
import { renderActionPage } from '#web/action-pages.ts';
import { renderTaskPage } from '#web/dashboard-pages.ts';

const goal = {
  title: 'Op tijd',
  specific: 's',
  measure: 'm',
  target: 't',
  deadline: '2026-05-01',
  support: 'x',
};
const employee = { firstName: 'Eva' };

const followUp = (extra: Partial<ActionView> = {}): ActionView =>
  ({
    task: 'follow-up',
    taskId: 'follow-up-1',
    trajectoryId: 't-1',
    status: 'open',
    dueAt: '2026-03-05T16:00:00.000Z',
    locale: 'nl',
    assignee: 'manager',
    context: { employee, goals: [{ ...goal, index: 0 }], meeting: { number: 1, plannedOn: '2026-04-01' } },
    ...extra,
  }) as ActionView;

const DRAFT = { heldOn: '2026-04-02', summary: 'Half verslag over de <b>planning</b>' };

describe('a long form with a draft', () => {
  it('opens with the draft values and says when it was saved, in the page language', () => {
    // Act
    const nl = renderActionPage(followUp(), { values: DRAFT, draftSavedAt: '2026-03-04T13:05:00.000Z' });
    const en = renderActionPage(followUp({ locale: 'en' }), {
      values: DRAFT,
      draftSavedAt: '2026-03-04T13:05:00.000Z',
    });

    // Assess: the values prefilled (escaped), the notice with the Amsterdam time.
    expect(nl).toContain('value="2026-04-02"');
    expect(nl).toContain('Half verslag over de &lt;b&gt;planning&lt;/b&gt;');
    expect(nl).toMatch(/data-draft-saved>Concept opgeslagen op [^<]*14:05/);
    expect(en).toMatch(/data-draft-saved>Draft saved on [^<]*14:05/);
  });

  it('offers the draft button on the link page as a same-URL post with intent=draft, on the dashboard to its route', () => {
    // Act
    const link = renderActionPage(followUp());
    const dashboard = renderTaskPage(
      'nl',
      { principal: { role: 'manager', email: 'm@example.test' }, csrf: 'c' },
      followUp(),
    );

    // Assess
    expect(link).toMatch(/<button\s+type="submit"\s+class="secondary"\s+name="intent"\s+value="draft"/);
    expect(link).toContain('Concept opslaan');
    expect(link).not.toContain('formaction');
    expect(dashboard).toContain('formaction="/dossiers/t-1/tasks/follow-up-1/draft"');
    expect(link).not.toContain('data-draft-saved');
  });

  it('offers no draft button on a short form, nor while the trajectory is paused', () => {
    const short = renderActionPage({
      ...followUp(),
      task: 'plan-acknowledgement',
      assignee: 'employee',
      context: { manager: employee, improvementAreas: [], goals: [goal] },
    } as ActionView);
    const paused = renderActionPage(followUp(), { values: DRAFT, paused: true });

    expect(short).toContain('<form method="post"');
    expect(short).not.toContain('data-draft-save');
    expect(paused).toContain('data-paused');
    expect(paused).not.toContain('data-draft-save');
  });
});

describe('a draft body', () => {
  it('is kept as posted, without the intent, up to the size cap', () => {
    const body = Object.assign(Object.create(null) as Record<string, unknown>, { ...DRAFT, intent: 'draft' });
    expect(isDraftIntent(body)).toBe(true);
    expect(isDraftIntent({ intent: 'submit' })).toBe(false);
    expect(draftFields(body)).toEqual({ ok: true, fields: DRAFT });
    // Incomplete or odd is fine: a draft is judged by its shape only (depth and size).
    expect(draftFields({ progress: [{ goal: 'x' }] })).toEqual({
      ok: true,
      fields: { progress: [{ goal: 'x' }] },
    });
  });

  it('is refused beyond the cap, and when it is no object', () => {
    const big = { summary: 'é'.repeat(MAX_DRAFT_BYTES / 2) };
    expect(draftFields(big)).toEqual({ ok: false, reason: 'tooLarge' });
    expect(draftFields([1])).toEqual({ ok: false, reason: 'invalid' });
    expect(draftFields('text')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('is refused deeper than 16 levels, at the field that goes too deep, without overflowing', () => {
    expect(MAX_DRAFT_DEPTH).toBe(16);
    /** `levels` containers, one inside the other, alternating objects and arrays. */
    const nested = (levels: number): unknown => {
      let value: unknown = 'x';
      for (let level = 0; level < levels; level++) value = level % 2 ? { inner: value } : [value];
      return value;
    };
    // The fields' object is level 1, so a field holds 15 more at most.
    expect(draftFields({ notes: nested(15), summary: 'ok' })).toMatchObject({ ok: true });
    expect(draftFields({ summary: 'ok', notes: nested(16) })).toEqual({
      ok: false,
      reason: 'tooDeep',
      field: 'notes',
    });
    expect(draftFields({ goals: nested(100_000) })).toEqual({ ok: false, reason: 'tooDeep', field: 'goals' });
  });
});
