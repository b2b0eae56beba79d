import { describe, expect, it } from 'vitest';
import type { ActionView } from '#core/actions.ts';
import { renderActionErrorPage, renderActionPage } from '#web/action-pages.ts';
import { renderDashboard, renderStartPage } from '#web/dashboard-pages.ts';
import { actionBodies, createTrajectoryBody, parseBody } from '#core/schemas.ts';
import { html } from '#web/html.ts';
import { ASSETS } from '#web/assets.ts';
import { MESSAGE_GROUPS } from '#shared/i18n/catalogue.ts';
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
  evaluation: { employee, goals: [{ ...goal, index: 0 }], term: 1, termEndsAt: null, missingReports: [] },
  'decision-confirmation': { employee, goals: [{ ...goal, index: 0 }], evaluation: null },
  aftercare: { employee, decision: 'successful' },
  'follow-up-reaction': {
    manager: employee,
    goals: [{ ...goal, index: 0 }],
    meeting: 2,
    report: {
      heldOn: '2026-04-01',
      summary: '<b>Goed</b> bezig',
      progress: [{ goal: 0, status: 'at-risk', notes: 'Nog <i>niet</i> stabiel' }],
      supportLedger: [],
    },
  },
  'evaluation-reaction': {
    manager: employee,
    goals: [{ ...goal, index: 0 }],
    evaluation: {
      summary: '<b>Niet</b> gehaald',
      results: [{ goal: 0, outcome: 'partially', notes: 'Deels' }],
      decision: 'unsuccessful',
    },
  },
  'disagreement-response': { employee, goals: [goal], comments: 'Doel 2 is <b>niet</b> haalbaar.' },
  'cause-follow-up': { employee, causes: ['health'], causesNote: 'Slaapt <b>slecht</b>.' },
  'self-assessment': {
    manager: employee,
    goals: [{ ...goal, index: 0 }],
    meeting: { number: 2, plannedOn: '2026-04-15' },
  },
};

/**
 * The schema's own limit for the text at `path` of a body: found by walking the zod schema, so the
 * pages' `maxlength` is checked against what the server accepts, not against a copy of it.
 */
function schemaMaxLength(schema: unknown, path: readonly (string | number)[]): number | undefined {
  type Node = { _zod: { def: Record<string, unknown> & { type: string } }; maxLength?: number | null };
  const unwrap = (node: Node): Node => {
    for (;;) {
      const def = node._zod.def;
      if (def.type === 'lazy') node = (def.getter as () => Node)();
      else if (['optional', 'default', 'nullable', 'prefault'].includes(def.type))
        node = def.innerType as Node;
      else if (def.type === 'pipe') node = def.in as Node;
      else return node;
    }
  };
  let node = unwrap(schema as Node);
  for (const segment of path) {
    const def = node._zod.def;
    if (typeof segment === 'number' && def.type === 'array') node = unwrap(def.element as Node);
    else if (typeof segment === 'string' && def.type === 'object') {
      const field = (def.shape as Record<string, Node>)[segment];
      if (!field) return undefined;
      node = unwrap(field);
    } else return undefined;
  }
  return node._zod.def.type === 'string' ? (node.maxLength ?? undefined) : undefined;
}

/** Every text field of a form: its name as a path, and its `maxlength`. */
function textFields(form: string): { path: (string | number)[]; maxLength: number | undefined }[] {
  const tags = [...form.matchAll(/<textarea\b[^>]*>|<input\b(?=[^>]*type="(?:text|email)")[^>]*>/g)];
  return tags.map(([tag]) => {
    const name = /\bname="([^"]+)"/.exec(tag)![1]!;
    const path = name
      .split(/\[|\]\[|\]/)
      .filter(Boolean)
      .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    const max = /\bmaxlength="(\d+)"/.exec(tag)?.[1];
    return { path, maxLength: max === undefined ? undefined : Number(max) };
  });
}

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

  it.each([
    ['follow-up-reaction', 'Verslag van voortgangsgesprek 2 van', '&lt;b&gt;Goed&lt;/b&gt; bezig', 'Risico'],
    ['evaluation-reaction', 'De evaluatie', '&lt;b&gt;Niet&lt;/b&gt; gehaald', 'Deels behaald'],
  ])('show the employee the %s report they react to, beside the form', (kind, heading, summary, status) => {
    // Act
    const page = renderActionPage(view(kind, { assignee: 'employee' }));

    // Assess: what they react to, escaped, and one free-text field for their reaction.
    expect(page).toContain(heading);
    expect(page).toContain(summary);
    expect(page).toContain(status);
    expect(page).toContain('name="reaction"');
    expect(page).not.toContain('<b>');
  });

  it('ask the employee per goal before a follow-up, with an optional general note', () => {
    // Act
    const page = renderActionPage(view('self-assessment', { assignee: 'employee' }));

    // Assess: the meeting, a status and an optional note per goal, and the general note.
    expect(page).toContain('Voortgangsgesprek 2');
    expect(page).toContain('woensdag 15 april 2026');
    expect(page).toContain('name="goals[0][status]"');
    expect(page).toContain('name="goals[0][note]"');
    expect(page).toContain('name="note"');
    expect(page).toContain('Algemene toelichting');
  });

  it('let the employee leave a goal without a status: not required, "no assessment" chosen to start with', () => {
    // Act
    const page = renderActionPage(view('self-assessment', { assignee: 'employee' }));
    const statuses = [...page.matchAll(/<input[^>]*name="goals\[0\]\[status\]"[^>]*>/g)].map(([tag]) => tag);

    // Assess: four choices, none required; the empty one ("Geen inschatting") is checked and sends nothing.
    expect(statuses).toHaveLength(4);
    for (const tag of statuses) expect(tag).not.toContain('required');
    expect(statuses[0]).toContain('value=""');
    expect(statuses[0]).toContain('checked');
    expect(page).toContain('Geen inschatting');
    expect(page).toContain('je kunt ook alleen een toelichting geven');
  });

  it("show the manager a goal of the employee's self-assessment that has a note and no status", () => {
    // Prepare
    const context = {
      ...(CONTEXTS['follow-up'] as object),
      selfAssessment: { goals: [{ goal: 0, note: 'Wil ik <b>bespreken</b>.' }] },
    };

    // Act
    const page = renderActionPage(view('follow-up', { context } as Partial<ActionView>));

    // Assess
    const block = page.split('data-context="self-assessment"')[1]!;
    expect(block).toContain('Geen inschatting');
    expect(block).toContain('Wil ik &lt;b&gt;bespreken&lt;/b&gt;.');
    expect(block).not.toContain('undefined');
  });

  it("show the manager the employee's self-assessment on the follow-up form, escaped, when given", () => {
    // Prepare
    const context = {
      ...(CONTEXTS['follow-up'] as object),
      selfAssessment: {
        goals: [{ goal: 0, status: 'off-track', note: 'Te <b>druk</b>' }],
        note: 'Graag <i>eerder</i> overleg.',
      },
    };

    // Act
    const page = renderActionPage(view('follow-up', { context } as Partial<ActionView>));
    const without = renderActionPage(view('follow-up'));

    // Assess
    expect(page).toContain('Zelfbeoordeling van de medewerker');
    expect(page).toContain('Niet op koers');
    expect(page).toContain('Te &lt;b&gt;druk&lt;/b&gt;');
    expect(page).toContain('Graag &lt;i&gt;eerder&lt;/i&gt; overleg.');
    expect(without).not.toContain('Zelfbeoordeling van de medewerker');
  });

  it('tell the evaluation which follow-up reports have not come in', () => {
    // Prepare
    const context = {
      ...(CONTEXTS.evaluation as object),
      missingReports: [
        { meeting: 2, plannedOn: '2026-04-15' },
        { meeting: 3, plannedOn: '2026-04-29' },
      ],
    };

    // Act
    const page = renderActionPage(view('evaluation', { context } as Partial<ActionView>));
    const without = renderActionPage(view('evaluation'));

    // Assess
    expect(page).toMatch(
      /data-context="missing-reports">\s*Nog niet ontvangen: de verslagen van voortgangsgesprek 2 \(woensdag 15 april 2026\), voortgangsgesprek 3 \(woensdag 29 april 2026\)\./,
    );
    expect(without).not.toContain('missing-reports');
    const one = renderActionPage(
      view('evaluation', {
        context: {
          ...(CONTEXTS.evaluation as object),
          missingReports: [{ meeting: 4, plannedOn: '2026-05-13' }],
        },
      } as Partial<ActionView>),
    );
    expect(one).toContain(
      'Nog niet ontvangen: het verslag van voortgangsgesprek 4 (woensdag 13 mei 2026). Het kan nog',
    );
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

  it.each([
    ['follow-up', 'progress', 'status', 'Voortgang'],
    ['evaluation', 'results', 'outcome', 'Resultaat'],
  ] as const)(
    'name the goal of each per-goal error in the summary of the %s form',
    (kind, field, choice, label) => {
      // Prepare: two goals, neither with a choice made.
      const goals = [
        { ...goal, index: 0 },
        { ...goal, title: 'Klanten terugbellen', index: 1 },
      ];
      const context = { ...(CONTEXTS[kind] as object), goals };
      const fieldErrors = [0, 1].flatMap((index) => [
        { path: `${field}.${index}.${choice}`, message: 'Maak een keuze.' },
        { path: `${field}.${index}.notes`, message: 'Vul dit veld in.' },
      ]);

      // Act
      const page = renderActionPage(view(kind, { context } as Partial<ActionView>), {
        values: {},
        fieldErrors,
      });

      // Assess: each line of the summary says which goal it is about, and links to its field.
      const summary = page.split('id="error-summary"')[1]!.split('</ul>')[0]!;
      const items = [...summary.matchAll(/<li>([^]*?)<\/li>/g)].map(([, item]) =>
        item!
          .replace(/<[^>]+>/g, '')
          .replace(/\s+/g, ' ')
          .trim(),
      );
      expect(items).toEqual([
        `Doel 1 – ${label}: Maak een keuze.`,
        'Doel 1 – Toelichting: Vul dit veld in.',
        `Doel 2 – ${label}: Maak een keuze.`,
        'Doel 2 – Toelichting: Vul dit veld in.',
      ]);
      expect(summary).toContain(`href="#f-${field}-1-${choice}"`);
    },
  );

  it('name the row of a list in the summary: the goal of a plan, the area of an example', () => {
    // Act
    const plan = renderActionPage(view('plan'), {
      values: { goals: [goal, { title: 'Tweede' }] },
      fieldErrors: [{ path: 'goals.1.specific', message: 'Vul dit veld in.' }],
    });
    const identify = renderActionPage(view('identify'), {
      values: {
        improvementAreas: [
          { title: 'a', examples: ['e'] },
          { title: 'b', examples: ['f', ''] },
        ],
      },
      fieldErrors: [
        { path: 'improvementAreas.1.examples.1', message: 'Vul dit veld in.' },
        { path: 'improvementAreas.1.examples', message: 'Te veel.' },
      ],
    });

    // Assess
    expect(plan).toContain('<a href="#f-goals-1-specific">Doel 2 – Specifiek</a>: Vul dit veld in.');
    expect(identify).toContain(
      '<a href="#f-improvementAreas-1-examples-1">Verbeterpunt 2 – Voorbeeld 2</a>: Vul dit veld in.',
    );
    expect(identify).toContain(
      '<a href="#f-improvementAreas-1-examples">Verbeterpunt 2 – Voorbeelden</a>: Te veel.',
    );
  });

  it.each([
    ['nl', 'Zo staat het in het plan dat &lt;Eva&gt; ontvangt:'],
    ['en', 'The plan that &lt;Eva&gt; receives says:'],
  ] as const)(
    'quote the consequence statement to the manager and HR as the employee’s, and give it the employee as is (%s)',
    (locale, intro) => {
      // Prepare: the statement speaks to the employee, as the plan does.
      const consequenceStatement = 'Dit kan gevolgen hebben voor je functie.';
      const page = (kind: 'plan' | 'plan-approval' | 'plan-acknowledgement', assignee: string) =>
        renderActionPage(
          view(kind, {
            locale,
            assignee,
            context: { ...(CONTEXTS[kind] as object), consequenceStatement },
          } as Partial<ActionView>),
        ).split('data-context="consequence"')[1]!;

      // Act
      const manager = page('plan', 'manager');
      const hr = page('plan-approval', 'hr');
      const employee = page('plan-acknowledgement', 'employee');

      // Assess: the manager and HR read whose text it is; the employee reads it as written to them.
      for (const block of [manager, hr]) {
        expect(block).toContain(intro);
        expect(block).toMatch(
          /<blockquote>\s*<p class="prose">Dit kan gevolgen hebben voor je functie\.<\/p>/,
        );
      }
      expect(employee).toContain(consequenceStatement);
      expect(employee).not.toContain(intro);
      expect(employee).not.toContain('<blockquote>');
    },
  );

  it.each(TASK_KINDS)('let nobody type more into a text field of %s than its schema accepts', (kind) => {
    // Prepare: the unsuccessful evaluation's confirmation shows its redeployment and override fields too.
    const context =
      kind === 'decision-confirmation'
        ? {
            ...(CONTEXTS[kind] as object),
            evaluation: { summary: 's', results: [], decision: 'unsuccessful' },
          }
        : CONTEXTS[kind];

    // Act
    const page = renderActionPage(view(kind, { context } as Partial<ActionView>));
    const form = page.split(`data-task="${kind}"`)[1]!.split('</form>')[0]!;

    // Assess: every text field carries the limit of its field in the task's schema.
    const fields = textFields(form);
    expect(fields.length).toBeGreaterThan(0);
    for (const { path, maxLength } of fields) {
      const limit = schemaMaxLength(actionBodies[kind], path);
      if (limit !== undefined || maxLength !== undefined) expect(maxLength, path.join('.')).toBe(limit);
    }
    expect(fields.some((field) => field.maxLength !== undefined)).toBe(true);
  });

  it.each(['employee-response', 'follow-up-reaction', 'evaluation-reaction', 'self-assessment'] as const)(
    'offer the employee’s own word on %s until a time, with no deadline to meet',
    (kind) => {
      // Act
      const nl = renderActionPage(view(kind, { assignee: 'employee' }));
      const en = renderActionPage(view(kind, { assignee: 'employee', locale: 'en' }));

      // Assess
      expect(nl).toMatch(
        /class="meta deadline">\s*Je kunt reageren tot donderdag 5 maart 2026 om 17:00 \(Nederlandse tijd\)/,
      );
      expect(en).toContain('You can respond until Thursday, 5 March 2026 at 17:00 (Dutch time)');
      expect(nl).not.toContain('Deadline:');
      expect(renderActionPage(view('plan-acknowledgement', { assignee: 'employee' }))).toContain('Deadline:');
    },
  );

  it.each(['nl', 'en'] as const)(
    'ask for the causes as the rows they are, each naming who named it once (%s)',
    (locale) => {
      // Act
      const page = renderActionPage(view('conversation', { locale }));
      const causes = page.split('data-id="f-causes"')[1]!.split('<template>')[0]!;

      // Assess: no box to tick, and a choice of who that does not repeat its question.
      expect(causes).not.toMatch(/kruis aan|tick/i);
      const choices = [...causes.matchAll(/<label for="f-causes-0-namedBy[^"]*">([^<]*)<\/label>/g)].map(
        ([, label]) => label!.trim(),
      );
      expect(choices).toEqual(
        locale === 'nl'
          ? ['De medewerker', 'De leidinggevende', 'Beiden']
          : ['The employee', 'The manager', 'Both'],
      );
    },
  );

  it('speak English for an English trajectory, and say thank you once done', () => {
    expect(renderActionPage(view('aftercare', { locale: 'en', status: 'done' }))).toContain('Thank you');
    expect(renderActionPage(view('aftercare', { status: 'closed' }))).toContain('Deze taak is gesloten');
    expect(renderActionPage(view('employee-response', { status: 'done' }), { noResponse: true })).toContain(
      'De termijn is verstreken',
    );
  });

  it.each(['nl', 'en'] as const)('mark an optional field as optional once, in %s', (locale) => {
    // Act: every form, in the language, with the marker the components add to an optional field.
    const marker = locale === 'nl' ? '(optioneel)' : '(optional)';
    const pages = TASK_KINDS.map((kind) => renderActionPage(view(kind, { locale })));

    // Assess: no label or legend says it twice (its own text and the component's marker).
    const labels = pages.flatMap((page) => [...page.matchAll(/<(label|legend)\b[^>]*>([^]*?)<\/\1>/g)]);
    expect(labels.some(([, , text]) => text!.includes(marker))).toBe(true);
    for (const [, , text] of labels) expect(text!.split(marker).length - 1, text).toBeLessThanOrEqual(1);
    const conversation = pages[TASK_KINDS.indexOf('conversation')]!;
    expect(conversation).toMatch(/<label for="f-causesNote">[^<]*<span class="optional">/);
  });

  it('explain a refusal by its kind', () => {
    const page = renderActionErrorPage({ locale: 'en', kind: 'unknown', message: '<b>' });
    expect(page).toContain('We do not know this link');
    expect(page).toContain('&lt;b&gt;');
  });
});

describe('a form that starts from what the dossier holds', () => {
  const ledger = [
    { goal: 0, kind: 'coaching', description: 'Zes <sessies>', status: 'offered', hours: 6 },
    { goal: 1, kind: 'course', description: 'Training', status: 'offered' },
  ];
  const second = { ...goal, title: 'Bereikbaar', deadline: '2026-06-05' };
  const revised = (extra: object = {}) =>
    view('plan', {
      context: {
        ...(CONTEXTS.plan as object),
        revision: { comments: 'Maak doel 2 meetbaar.', goals: [goal, second], supportLedger: ledger },
        ...extra,
      },
    } as Partial<ActionView>);

  it('opens a plan sent back with every goal and support row of the last version', () => {
    // Act
    const page = renderActionPage(revised());

    // Assess
    expect(page).toContain('data-prefilled>Het formulier bevat het vorige voorstel');
    expect(page).toMatch(/id="f-goals-0-title"\s+name="goals\[0\]\[title\]"\s+value="Op tijd"/);
    expect(page).toMatch(/id="f-goals-1-title"\s+name="goals\[1\]\[title\]"\s+value="Bereikbaar"/);
    expect(page).toMatch(/id="f-goals-1-deadline"\s+name="goals\[1\]\[deadline\]"\s+value="2026-06-05"/);
    expect(page).toMatch(/id="f-goals-0-specific"[^>]*>\ns<\/textarea>/);
    expect(page).toMatch(/name="supportLedger\[0\]\[goal\]"[^]*?<option value="0"\s+selected\s*>/);
    expect(page).toMatch(/name="supportLedger\[1\]\[goal\]"[^]*?<option value="1"\s+selected\s*>/);
    expect(page).toMatch(/name="supportLedger\[0\]\[kind\]"\s+value="coaching"\s+checked/);
    expect(page).toMatch(/name="supportLedger\[1\]\[kind\]"\s+value="course"\s+checked/);
    expect(page).toContain('Zes &lt;sessies&gt;</textarea>');
    expect(page).toMatch(/name="supportLedger\[0\]\[hours\]"\s+value="6"/);
  });

  it('shows what was typed, not the last version, when a post comes back', () => {
    const page = renderActionPage(revised(), {
      values: { goals: [{ title: 'Nieuw' }] },
      fieldErrors: [{ path: 'goals.0.specific', message: 'Vul dit veld in.' }],
    });

    expect(page).toMatch(/name="goals\[0\]\[title\]"\s+value="Nieuw"/);
    expect(page).not.toContain('value="Bereikbaar"');
    expect(page).not.toContain('data-prefilled');
  });

  it('opens a first plan empty', () => {
    expect(renderActionPage(view('plan'))).not.toMatch(
      /data-prefilled|name="goals\[0\]\[title\]"\s+value="[^"]/,
    );
  });

  it('opens a follow-up with its planned date, and an evaluation sent back with the last one', () => {
    const followUp = renderActionPage(view('follow-up'));
    const evaluation = renderActionPage(
      view('evaluation', {
        context: {
          ...(CONTEXTS.evaluation as object),
          revision: {
            comments: 'Licht doel 1 toe.',
            evaluation: {
              summary: 'Gedeeltelijk gehaald.',
              results: [{ goal: 0, outcome: 'partially', notes: 'Acht van twaalf weken.' }],
              decision: 'extend',
              extendWeeks: 4,
            },
          },
        },
      } as Partial<ActionView>),
    );

    expect(followUp).toMatch(/id="f-heldOn"\s+name="heldOn"\s+value="2026-04-01"/);
    expect(followUp).toContain('Ingevuld met de geplande datum.');
    expect(evaluation).toContain('data-prefilled>Het formulier bevat de vorige evaluatie');
    expect(evaluation).toMatch(/id="f-summary"[^>]*>\nGedeeltelijk gehaald\.<\/textarea>/);
    expect(evaluation).toMatch(/name="results\[0\]\[outcome\]"\s+value="partially"\s+checked/);
    expect(evaluation).toMatch(/name="decision"\s+value="extend"\s+checked/);
    expect(evaluation).toMatch(/name="extendWeeks"\s+value="4"/);
  });
});

describe('the start form', () => {
  const session = {
    principal: { role: 'hr' as const, email: 'fatima@example.nl', name: 'Fatima El Amrani' },
    csrf: 'c',
  };

  it('opens with the signed-in HR advisor filled in', () => {
    const page = renderStartPage('nl', session);

    expect(page).toMatch(/id="f-hrAdvisor-name"\s+name="hrAdvisor\[name\]"\s+value="Fatima El Amrani"/);
    expect(page).toMatch(/id="f-hrAdvisor-email"\s+name="hrAdvisor\[email\]"\s+value="fatima@example.nl"/);
    expect(page).toMatch(/id="f-employee-name"\s+name="employee\[name\]"\s+value=""/);
    expect(renderStartPage('nl', { ...session, principal: { role: 'hr', email: 'f@x.nl' } })).toMatch(
      /name="hrAdvisor\[name\]"\s+value=""/,
    );
  });

  it('shows the language the mails will be in, Dutch unless HR chooses otherwise', () => {
    // Act
    const page = renderStartPage('en', session);

    // Assess: the default is chosen, not an empty choice marked optional.
    expect(page).toMatch(/name="locale"\s+value="nl"\s+checked/);
    expect(page).not.toMatch(/name="locale"\s+value="en"\s+checked/);
    expect(page).not.toMatch(/Language of the mails and pages <span class="optional">/);
  });

  it('lets nobody type more into a text field than the schema accepts', () => {
    // Act
    const fields = textFields(renderStartPage('nl', session));

    // Assess
    expect(fields.map(({ path }) => path.join('.'))).toEqual([
      'employee.name',
      'employee.email',
      'manager.name',
      'manager.email',
      'hrAdvisor.name',
      'hrAdvisor.email',
      'reason',
    ]);
    for (const { path, maxLength } of fields) {
      expect(maxLength, path.join('.')).toBe(schemaMaxLength(createTrajectoryBody, path));
    }
  });

  it('names each missing field in the error summary by its own label, with a link to it', () => {
    // Prepare: the people as an empty form sends them.
    const parsed = parseBody(
      createTrajectoryBody,
      { employee: {}, manager: {}, hrAdvisor: { name: 'Fatima El Amrani', email: 'fatima@example.nl' } },
      'nl',
    );
    if (parsed.ok) throw new Error('expected errors');

    // Act
    const page = renderStartPage('nl', session, {}, parsed.fieldErrors);

    // Assess
    const summary = page.slice(page.indexOf('id="error-summary"'), page.indexOf('</ul>'));
    for (const [id, label] of [
      ['f-employee-name', 'Naam van de medewerker'],
      ['f-employee-email', 'E-mailadres van de medewerker'],
      ['f-manager-name', 'Naam van de leidinggevende'],
      ['f-manager-email', 'E-mailadres van de leidinggevende'],
      ['f-reason', 'Aanleiding'],
    ]) {
      expect(summary).toContain(`<li><a href="#${id}">${label}</a>: Vul dit veld in.</li>`);
      expect(page).toContain(`id="${id}"`);
    }
    expect(summary).not.toMatch(/<li>Vul dit veld in\.<\/li>/);
    // Next to the field itself the short label is enough: its fieldset says whose it is.
    expect(page).toContain('<label for="f-employee-name">Naam</label>');
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

  it('counts one trajectory in the singular, marks a paused one, and says nothing is due of a closed one', () => {
    // Prepare
    const row = (id: string, trajectory: object, completeness: 'pass' | 'fail' = 'pass') => ({
      trajectory: {
        id,
        phase: 'plan',
        attention: false,
        employee: { name: `Medewerker ${id}`, email: `${id}@x.nl` },
        manager: { name: 'Mark', email: 'm@x.nl' },
        ...trajectory,
      } as never,
      overdue: false,
      completeness,
    });
    const session = { principal: { role: 'hr' as const, email: 'h@x.nl' }, csrf: 'c' };
    const cells = (page: string, id: string) => {
      const start = page.indexOf(`/dossiers/${id}"`);
      return page.slice(start, page.indexOf('</tr>', start));
    };

    // Act
    const one = renderDashboard('nl', session, [row('a', { status: 'active' })], {});
    const english = renderDashboard('en', session, [row('a', { status: 'active' })], {});
    const page = renderDashboard(
      'nl',
      session,
      [
        row('paused', { status: 'active', pausedAt: '2026-03-10T09:00:00.000Z' }),
        row('completed', { status: 'completed', phase: 'closed', attention: true }),
        row('cancelled', { status: 'cancelled', phase: 'closed' }),
      ],
      {},
    );

    // Assess
    expect(one).toMatch(/id="count">\s*1 traject\s*</);
    expect(english).toMatch(/id="count">\s*1 trajectory\s*</);
    expect(page).toMatch(/id="count">\s*3 trajecten\s*</);
    expect(cells(page, 'paused')).toContain('<span class="badge paused">Gepauzeerd</span>');
    expect(cells(page, 'completed')).not.toContain('Aandacht nodig');
    expect(cells(page, 'cancelled')).toContain('Niet van toepassing');
    expect(cells(page, 'cancelled')).not.toContain('In orde');
    expect(cells(page, 'completed')).toContain('In orde');
    // The totals count only what still runs as needing attention.
    expect(page).toMatch(/data-total="attention">\s*<dt>Aandacht nodig<\/dt>\s*<dd>0<\/dd>/);
  });
});

describe('the building blocks', () => {
  it('escape interpolations but not nested fragments', () => {
    expect(html`<p>${'<x>'}${html`<b>ok</b>`}${['a', null, false]}</p>`.value).toBe(
      '<p>&lt;x&gt;<b>ok</b>a</p>',
    );
  });

  it('ship the stylesheet and script with a content version', () => {
    expect(Object.keys(ASSETS).sort()).toEqual(['app.css', 'app.js', 'icon.svg', 'print.css']);
    expect(ASSETS['app.js']!.body).not.toContain('innerHTML');
  });

  it('register the web and dashboard messages in both languages', () => {
    expect(MESSAGE_GROUPS.length).toBeGreaterThanOrEqual(8);
  });
});

describe('the evidence fields', () => {
  const supportEntry = {
    goal: 0,
    kind: 'coaching',
    description: 'Twee <sessies> gehad',
    status: 'given',
    hours: 1.5,
    recordedAt: '2026-04-01T10:00:00.000Z',
    taskId: 'follow-up-1',
    source: 'follow-up',
  };

  it('let the manager add support rows to the plan, each naming a goal by its number', () => {
    // Act
    const page = renderActionPage(view('plan'));

    // Assess
    expect(page).toMatch(
      /<fieldset[^>]*id="f-supportLedger"[^>]*data-list[^>]*data-min="0"[^>]*data-max="20"/,
    );
    expect(page).toContain('<select');
    expect(page).toContain('name="supportLedger[0][goal]"');
    expect(page).toMatch(/<option value="9"\s*>\s*Doel 10\s*<\/option>/);
    expect(page).toMatch(/name="supportLedger\[0\]\[kind\]"\s+value="mentor"/);
    expect(page).toMatch(/name="supportLedger\[0\]\[status\]"\s+value="offered"/);
    expect(page).toContain('name="supportLedger[0][hours]"');
    // A spare row for a browser without the script, and a template row for the script.
    expect(page).toMatch(/<template>[^]*name="supportLedger\[0\]\[description\]"[^]*<\/template>/);
    expect(page).toContain('Ondersteuning toevoegen');
  });

  it('offer the follow-up’s goals by title and show the support recorded so far', () => {
    // Prepare
    const context = { ...(CONTEXTS['follow-up'] as object), support: [supportEntry] };

    // Act
    const page = renderActionPage(view('follow-up', { context } as Partial<ActionView>));

    // Assess
    expect(page).toMatch(/<option value="0"\s*>\s*Doel 1: Op tijd\s*<\/option>/);
    expect(page).toMatch(/class="card context"[^]*Coaching – Gegeven · 1,5 uur · in een voortgangsgesprek/);
    expect(page).toContain('Twee &lt;sessies&gt; gehad');
  });

  it('put a refused ledger row back with its error at the goal', () => {
    // Act
    const page = renderActionPage(view('follow-up'), {
      values: { supportLedger: [{ goal: 3, kind: 'course', description: 'Cursus', status: 'offered' }] },
      fieldErrors: [{ path: 'supportLedger.0.goal', message: 'Dit doel staat niet in het verbeterplan.' }],
    });

    // Assess
    expect(page).toMatch(/id="f-supportLedger-0-goal-error">[^]*Dit doel staat niet in het verbeterplan\./);
    expect(page).toContain('<a href="#f-supportLedger-0-goal">Ondersteuning 1 – Bij doel</a>');
    expect(page).toMatch(/value="course"\s+checked/);
  });

  it('make receipt required and agreement the employee’s own choice on the acknowledgement', () => {
    // Act
    const nl = renderActionPage(view('plan-acknowledgement', { assignee: 'employee' }));
    const en = renderActionPage(view('plan-acknowledgement', { assignee: 'employee', locale: 'en' }));

    // Assess
    expect(nl).toMatch(/type="checkbox"\s+id="f-acknowledged"\s+name="acknowledged"[^>]*required/);
    expect(nl).toContain('niet dat je het ermee eens bent');
    expect(nl).toContain('Ben je het eens met het plan? <span class="optional">(optioneel)</span>');
    for (const value of ['agree', 'partly', 'disagree']) {
      expect(nl).toMatch(new RegExp(`name="agreement"\\s+value="${value}"\\s*/>`));
    }
    expect(en).toContain('You only confirm that you received and read the plan, not that you agree with it.');
    expect(en).toContain('I partly agree with it');
  });

  it('ask HR about redeployment only when the evaluation being confirmed is unsuccessful', () => {
    // Prepare
    const evaluation = (decision: string) => ({
      ...(CONTEXTS['decision-confirmation'] as object),
      evaluation: { summary: 's', results: [{ goal: 0, outcome: 'not-achieved', notes: 'n' }], decision },
    });

    // Act
    const unsuccessful = renderActionPage(
      view('decision-confirmation', {
        assignee: 'hr',
        context: evaluation('unsuccessful'),
      } as Partial<ActionView>),
      {
        values: { decision: 'approve', redeployment: { considered: true } },
        fieldErrors: [{ path: 'redeployment.outcome', message: 'Vul dit veld in.' }],
      },
    );
    const successful = renderActionPage(
      view('decision-confirmation', {
        assignee: 'hr',
        context: evaluation('successful'),
      } as Partial<ActionView>),
    );

    // Assess
    expect(unsuccessful).toContain('id="f-redeployment"');
    expect(unsuccessful).toMatch(/name="redeployment\[considered\]"\s+value="true"\s+checked/);
    expect(unsuccessful).toMatch(/id="f-redeployment-outcome-error">[^]*Vul dit veld in\./);
    expect(successful).not.toContain('redeployment');
  });
});

describe('documents on a task’s page', () => {
  const file = (overrides: Record<string, unknown>) =>
    ({
      id: 'f-1',
      trajectoryId: 't-1',
      taskId: 'x-1',
      title: '<b>Klacht</b>',
      date: '2026-02-20',
      filename: 'k.pdf',
      contentType: 'application/pdf',
      size: 10,
      addedBy: 'employee',
      status: 'stored',
      createdAt: '2026-02-20T09:00:00.000Z',
      exhibit: 3,
      ...overrides,
    }) as never;
  const attachments = (role: 'employee' | 'manager' | 'hr', files: never[] = []) => ({
    files,
    maxBytes: 10 * 1024 * 1024,
    role,
  });

  it('are offered on the steps and reactions, in the page’s language, and nowhere else', () => {
    // Act
    const offered = ['identify', 'conversation', 'plan', 'follow-up', 'evaluation'].map((kind) =>
      renderActionPage(view(kind), { attachments: attachments('manager') }),
    );
    const reaction = renderActionPage(view('follow-up-reaction', { assignee: 'employee', locale: 'en' }), {
      attachments: attachments('employee'),
    });
    const approval = renderActionPage(view('plan-approval', { assignee: 'hr' }), {
      attachments: attachments('hr'),
    });

    // Assess
    for (const page of offered) {
      expect(page).toContain('Documenten bij deze stap');
      expect(page).toContain('hoogstens 10 MB');
      expect(page).toContain('data-stored="Toegevoegd als productie {n}."');
    }
    expect(reaction).toContain('Documents for this step');
    expect(reaction).toContain('data-stored="Added as exhibit {n}."');
    expect(approval).not.toContain('data-attach');
  });

  it('list the task’s exhibits, escaped, with a remove only for what the person added', () => {
    // Act
    const page = renderActionPage(view('evaluation-reaction', { assignee: 'employee' }), {
      attachments: attachments('employee', [
        file({ id: 'own' }),
        file({ id: 'theirs', addedBy: 'hr', exhibit: 4, title: 'Verslag' }),
      ]),
    });

    // Assess
    expect(page).toContain('Productie 3: &lt;b&gt;Klacht&lt;/b&gt; (vrijdag 20 februari 2026)');
    expect(page).toContain('Productie 4: Verslag');
    const own = page.slice(page.indexOf('data-file="own"'), page.indexOf('data-file="theirs"'));
    const theirs = page.slice(page.indexOf('data-file="theirs"'), page.indexOf('<template'));
    expect(own).toContain('Verwijderen als productie');
    expect(theirs).not.toContain('Verwijderen als productie');
  });
});
