import { describe, expect, it } from 'vitest';
import {
  MAIL_KINDS,
  cancelledMails,
  mailBase,
  renderMail,
  type MailContexts,
  type MailKind,
} from '#core/mails.ts';
import { formatInstant } from '#core/dates-in-words.ts';
import { LOCALES, TASK_KINDS, type Locale, type Role } from '#core/model.ts';
import { escapeHtml } from '#shared/escape-html.ts';
import { aTrajectory } from '../../data/fixtures.ts';

const DUE = '2026-03-06T16:00:00.000Z'; // Friday 17:00 in Amsterdam (CET)
const LINK = 'https://verbetertraject.example.test/actions/abc_DEF-123';

function base(locale: Locale, recipient: Role = 'manager') {
  return {
    locale,
    recipient,
    recipientName: 'Mees de Vries',
    employeeName: 'Eva Jansen',
    managerName: 'Mees de Vries',
    hrAdvisorName: 'Hanna Bakker',
  };
}

const goal = {
  title: 'Op tijd opleveren',
  specific: 'Rapportages op vrijdag',
  measure: 'Datum van inlevering',
  target: '9 van de 10 weken',
  deadline: '2026-05-29',
  support: 'Wekelijks overleg',
};

/** One full context per kind, with every optional part filled in. */
function contexts(locale: Locale): { [K in MailKind]: MailContexts[K][] } {
  return {
    'task-request': TASK_KINDS.map((task) => ({
      ...base(
        locale,
        task === 'employee-response' || task === 'plan-acknowledgement' ? 'employee' : 'manager',
      ),
      task,
      meeting: 2,
      dueAt: DUE,
      link: LINK,
      meetingAt: '2026-03-05T09:00:00.000Z',
      details: {
        conversation: { heldOn: '2026-03-03', summary: 'S', employeePerspective: 'P', agreements: 'A' },
        goals: [goal],
        revisionComments: 'Maak doel 1 meetbaar.',
        evaluation: { summary: 'E', decision: 'extend', extendWeeks: 6 },
        plannedOn: '2026-03-16',
      },
      ...(task === 'employee-response' && { privacy: PRIVACY }),
    })),
    reminder: [{ ...base(locale), task: 'plan', dueAt: DUE, link: LINK }],
    overdue: [
      { ...base(locale), task: 'follow-up', meeting: 3, dueAt: DUE, link: LINK, assignee: 'manager' },
      { ...base(locale, 'hr'), task: 'plan-approval', dueAt: DUE, link: LINK, assignee: 'hr' },
    ],
    escalation: [
      { ...base(locale, 'hr'), task: 'plan', dueAt: DUE, assignee: 'manager', assigneeName: 'Mees de Vries' },
    ],
    'second-escalation': [
      { ...base(locale, 'hr'), task: 'plan', dueAt: DUE, assignee: 'manager', assigneeName: 'Mees de Vries' },
    ],
    'trajectory-started': [{ ...base(locale, 'employee'), reason: 'Deadlines gemist.' }],
    'follow-up-summary': [
      {
        ...base(locale, 'employee'),
        meeting: 1,
        heldOn: '2026-03-16',
        summary: 'Goed gesprek.',
        progress: [{ goal: goal.title, status: 'at-risk', notes: 'Twee keer te laat.' }],
      },
    ],
    outcome: (['successful', 'extend', 'unsuccessful'] as const).map((decision) => ({
      ...base(locale, 'employee'),
      decision,
      summary: 'Samenvatting.',
      results: [{ goal: goal.title, status: 'partially' as const, notes: 'Beter.' }],
      termEndsAt: '2026-07-13T07:00:00.000Z',
    })),
    'trajectory-cancelled': [
      { ...base(locale, 'employee'), reason: 'Langdurig ziek.' },
      { ...base(locale, 'manager') },
    ],
    'step-failed': [
      { ...base(locale, 'hr'), trajectoryId: 't-1', state: 'Record plan', error: 'WorkflowStateError' },
    ],
    'deadline-moved': [
      { ...base(locale), task: 'plan', dueAt: DUE, link: LINK },
      { ...base(locale), task: 'conversation', dueAt: DUE, meetingAt: '2026-03-05T09:00:00.000Z' },
    ],
    'meeting-invite': [
      {
        ...base(locale, 'employee'),
        task: 'conversation',
        meetingAt: '2026-03-05T09:00:00.000Z',
        moved: false,
      },
      { ...base(locale, 'employee'), task: 'follow-up', meeting: 2, meetingAt: DUE, moved: true },
    ],
    'disagreement-answer': [
      { ...base(locale, 'employee'), response: 'We passen doel 2 aan: de termijn wordt acht weken.' },
    ],
    'dossier-copy': [{ ...base(locale, 'employee'), ...PRIVACY }],
  };
}

const PRIVACY = {
  copyLink: 'https://hr.example.nl/copy/abcdefghijklmnopqrstuvwxyz',
  copyExpiresAt: '2026-04-02T10:00:00.000Z',
  retentionDays: 730,
};

const UNFILLED = /\{[\w-]+\}/;

describe('renderMail', () => {
  for (const locale of LOCALES) {
    it(`renders every kind in ${locale} with nothing left unfilled`, () => {
      // Prepare
      const all = contexts(locale);
      const kinds = Object.keys(all) as MailKind[];

      // Act
      const rendered = kinds.flatMap((kind) =>
        (all[kind] as MailContexts[typeof kind][]).map((context) => ({
          kind,
          mail: renderMail(kind, context as never),
        })),
      );

      // Assess
      expect(new Set(kinds)).toEqual(new Set(MAIL_KINDS));
      for (const { kind, mail } of rendered) {
        for (const part of [mail.subject, mail.text, mail.html]) {
          expect({ kind, unfilled: UNFILLED.exec(part)?.[0] }).toEqual({ kind, unfilled: undefined });
          expect(part.length).toBeGreaterThan(0);
        }
        expect(mail.subject).not.toMatch(/[\r\n]/);
        expect(mail.html).toContain(`<html lang="${locale}">`);
      }
    });
  }

  it('writes Dutch by default with "je", and English for en', () => {
    // Prepare
    const context = { task: 'plan' as const, dueAt: DUE, link: LINK };

    // Act
    const dutch = renderMail('task-request', { ...base('nl'), ...context });
    const english = renderMail('task-request', { ...base('en'), ...context });

    // Assess
    expect(dutch.text).toMatch(/^Beste Mees,/);
    expect(dutch.text).toMatch(/\bje\b/);
    expect(dutch.text).not.toMatch(/\bu\b/);
    expect(english.text).toMatch(/^Dear Mees,/);
    expect(english.subject).toContain('Draw up the improvement plan');
  });

  it.each(LOCALES)('greets by first name and writes each full name at most once (%s)', (locale) => {
    for (const kind of MAIL_KINDS) {
      for (const context of contexts(locale)[kind]) {
        // Act
        const mail = renderMail(kind, context as never);

        // Assess
        expect(mail.text, kind).toMatch(/^(Beste|Dear) (Mees|Eva|Hanna),/);
        for (const name of ['Eva Jansen', 'Mees de Vries', 'Hanna Bakker']) {
          expect(mail.text.split(name).length - 1, `${kind}: ${name}`).toBeLessThanOrEqual(1);
          // The HTML's <title> is the subject.
          const body = mail.html.slice(mail.html.indexOf('<body'));
          expect(body.split(name).length - 1, `${kind}: ${name} in HTML`).toBeLessThanOrEqual(1);
        }
      }
    }
    // The plan request names the employee three times: in full once, then by first name.
    const plan = renderMail('task-request', { ...base(locale), task: 'plan', dueAt: DUE, link: LINK });
    expect(plan.text.split('Eva Jansen')).toHaveLength(2);
    expect(plan.text.split('Eva Jansen')[1]).toMatch(/\bEva\b/);
    // The subject is a line of its own: it keeps the full name.
    expect(plan.subject).toContain('Eva Jansen');
  });

  it('ends every mail with whom to ask and, when the deployment names one, the employer', () => {
    // Prepare
    const trajectory = aTrajectory();
    const advisor = trajectory.hrAdvisor;

    // Act
    const byDefault = renderMail('trajectory-started', {
      ...mailBase(trajectory, 'employee', {}),
      reason: 'R',
    });
    const configured = renderMail('trajectory-started', {
      ...mailBase(trajectory, 'employee', {
        employerName: 'Gemeente Voorbeeld',
        hrContact: 'HR-servicepunt, 020 123 45 67',
      }),
      reason: 'R',
    });

    // Assess: the trajectory's own HR advisor by default, with their address.
    expect(byDefault.text).toContain(`Neem contact op met ${advisor.name.split(' ')[0]} (${advisor.email}).`);
    expect(byDefault.text).toContain('namens de HR-afdeling.');
    expect(configured.text).toContain('Neem contact op met HR-servicepunt, 020 123 45 67.');
    expect(configured.text).toContain('namens de HR-afdeling van Gemeente Voorbeeld.');
    expect(configured.html).toContain('Gemeente Voorbeeld');
    for (const kind of MAIL_KINDS) {
      const context = { ...contexts('en')[kind][0]!, hrContact: 'hr@example.nl', employerName: 'Acme' };
      const mail = renderMail(kind, context as never);
      // The conversation's invite says whom to ask without naming a trajectory (a fair start).
      const neutral = kind === 'meeting-invite' && (context as { task?: string }).task === 'conversation';
      // The HR advisor is the one to ask: their own mails name nobody.
      if (context.recipient === 'hr') expect(mail.text, kind).not.toContain('hr@example.nl');
      else
        expect(mail.text, kind).toContain(
          neutral
            ? 'Questions? Contact hr@example.nl.'
            : 'Questions about this trajectory? Contact hr@example.nl.',
        );
      expect(mail.text, kind).toContain('on behalf of the HR department of Acme.');
      if (neutral) expect(mail.text, kind).not.toMatch(/trajector|Verbetertraject/i);
    }
  });

  it.each(LOCALES)(
    'names the HR contact once, and not to the HR advisor who is that contact (%s)',
    (locale) => {
      // Prepare: the footer's contact as mailBase gives it by default, the HR advisor and their address.
      const address = 'hanna.bakker@example.nl';
      const askHr = /contact|vragen|questions|bespreek het|discuss it|vraag het|ask\b/i;
      for (const kind of MAIL_KINDS) {
        for (const context of contexts(locale)[kind]) {
          // Act
          const mail = renderMail(kind, { ...context, hrContact: `Hanna Bakker (${address})` } as never);

          // Assess: a line that sends the reader to the HR advisor, beside the rights they have
          // (asked of the HR advisor by name) and the greeting.
          const lines = mail.text
            .split('\n')
            .slice(1)
            .filter((line) => /Hanna/.test(line) && askHr.test(line) && !/AVG|GDPR/.test(line));
          if (context.recipient === 'hr') {
            expect(lines, `${kind} to HR`).toEqual([]);
            expect(mail.text, `${kind} to HR`).not.toContain(address);
          } else {
            expect(lines, `${kind} to ${context.recipient}`).toHaveLength(1);
            expect(mail.text.split(address), `${kind} to ${context.recipient}`).toHaveLength(2);
          }
        }
      }
    },
  );

  it('asks what, says why, gives the deadline in Amsterdam time and the link, for each task kind', () => {
    for (const task of TASK_KINDS) {
      // Act
      const mail = renderMail('task-request', { ...base('nl'), task, meeting: 1, dueAt: DUE, link: LINK });

      // Assess
      expect(mail.text).toContain('vrijdag 6 maart 2026 om 17:00');
      expect(mail.text).toContain('Nederlandse tijd');
      expect(mail.text).toContain(LINK);
      expect(mail.html).toContain(`href="${LINK}"`);
    }
    // Summer time: 15:00 UTC is 17:00 in Amsterdam in June.
    expect(formatInstant('2026-06-05T15:00:00.000Z', 'en')).toMatch(/5 June 2026.*17:00/);
  });

  it('shows the employee the conversation summary with the invitation, and the plan with the acknowledgement request', () => {
    // Act
    const invitation = renderMail('task-request', {
      ...base('nl', 'employee'),
      task: 'employee-response',
      dueAt: DUE,
      link: LINK,
      details: {
        conversation: {
          heldOn: '2026-03-03',
          summary: 'We bespraken de deadlines.',
          employeePerspective: 'Te veel werk tegelijk.',
          agreements: 'Wekelijks overleg.',
        },
      },
    });
    const plan = renderMail('task-request', {
      ...base('nl', 'employee'),
      task: 'plan-acknowledgement',
      dueAt: DUE,
      link: LINK,
      details: { goals: [goal] },
    });

    // Assess
    expect(invitation.text).toContain('> We bespraken de deadlines.');
    expect(invitation.text).toContain('Te veel werk tegelijk.');
    expect(invitation.text).toContain('Reageren is niet verplicht');
    expect(plan.text).toContain('Doel 1: Op tijd opleveren');
    expect(plan.text).toContain('Streefwaarde: 9 van de 10 weken');
    expect(plan.text).toContain('niet dat je het met alles eens bent');
  });

  it('escapes everything people typed in the HTML and keeps the text version verbatim', () => {
    // Prepare
    const evil = '<script>alert("x")</script> & \'quotes\'';

    // Act
    const mail = renderMail('follow-up-summary', {
      ...base('nl', 'employee'),
      employeeName: evil,
      recipientName: evil,
      managerName: '<b>boss</b>',
      meeting: 1,
      heldOn: '2026-03-16',
      summary: `line one\n${evil}`,
      progress: [{ goal: '<i>goal</i>', status: 'on-track', notes: '<img src=x onerror=alert(1)>' }],
    });

    // Assess
    expect(mail.html).not.toMatch(/<script|<b>boss|<i>goal|<img/);
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;');
    expect(mail.html).toContain('line one<br>');
    expect(mail.text).toContain(evil);
    expect(escapeHtml('"<&>\'')).toBe('&quot;&lt;&amp;&gt;&#39;');
  });

  it('escapes the link and never lets a typed name break the subject line', () => {
    // Act
    const mail = renderMail('reminder', {
      ...base('nl'),
      employeeName: 'Eva\r\nBcc: someone@example.test',
      task: 'plan',
      dueAt: DUE,
      link: 'https://x.test/actions/a"onmouseover="alert(1)',
    });

    // Assess
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.html).toContain('href="https://x.test/actions/a&quot;onmouseover=&quot;alert(1)"');
  });

  it('tells the HR advisor about their own overdue task without saying HR was informed', () => {
    // Act
    const managerTask = renderMail('overdue', {
      ...base('en'),
      task: 'plan',
      dueAt: DUE,
      link: LINK,
      assignee: 'manager',
    });
    const hrTask = renderMail('overdue', {
      ...base('en', 'hr'),
      task: 'plan-approval',
      dueAt: DUE,
      link: LINK,
      assignee: 'hr',
    });

    // Assess
    expect(managerTask.text).toContain('The HR advisor has been informed.');
    expect(hrTask.text).not.toContain('The HR advisor has been informed.');
  });

  it('says who has not done what in an escalation, and flags attention in the second', () => {
    // Act
    const context = {
      ...base('nl', 'hr'),
      recipientName: 'Hanna Bakker',
      task: 'follow-up' as const,
      meeting: 2,
      dueAt: DUE,
      assignee: 'manager' as const,
      assigneeName: 'Mees de Vries',
    };
    const first = renderMail('escalation', context);
    const second = renderMail('second-escalation', context);

    // Assess
    expect(first.text).toContain('Mees de Vries (Leidinggevende)');
    expect(first.text).toContain('Het voortgangsgesprek vastleggen (gesprek 2)');
    expect(first.text).toContain('Eva Jansen');
    expect(second.text).toContain('aandacht nodig');
  });
});

describe('the mail that tells the employee the trajectory started', () => {
  it.each([
    ['nl', 'Mees heeft met je besproken wat er beter moet', 'eerst een gesprek'],
    ['en', 'Mees has discussed with you what needs to improve', 'first a conversation'],
  ] as const)('goes out after the conversation, and speaks of it as held (%s)', (locale, held, ahead) => {
    // Act
    const mail = renderMail('trajectory-started', { ...base(locale, 'employee'), reason: 'R' });

    // Assess
    expect(mail.text).toContain(held);
    expect(mail.text).not.toContain(ahead);
  });
});

describe('the consequence statement in a mail', () => {
  it('is quoted as the plan’s words to the employee for HR, and given to the employee as is', () => {
    // Prepare
    const details = { goals: [goal], consequenceStatement: 'Dit kan gevolgen hebben voor je functie.' };
    const request = (recipient: Role, task: 'plan-approval' | 'plan-acknowledgement') =>
      renderMail('task-request', { ...base('nl', recipient), task, dueAt: DUE, link: LINK, details });

    // Act
    const hr = request('hr', 'plan-approval');
    const employee = request('employee', 'plan-acknowledgement');

    // Assess
    expect(hr.text).toContain('Zo staat het in het plan dat Eva ontvangt:\n\n> Dit kan gevolgen hebben');
    expect(employee.text).toContain('> Dit kan gevolgen hebben voor je functie.');
    expect(employee.text).not.toContain('Zo staat het in het plan');
  });
});

describe('a reaction offered in the mail that reports', () => {
  it('invites the reaction after the report and the outcome, with its deadline and link, in both languages', () => {
    const progress = [{ goal: goal.title, status: 'at-risk' as const, notes: 'Twee keer te laat.' }];
    const summary = (locale: Locale, withOffer: boolean) =>
      renderMail('follow-up-summary', {
        ...base(locale, 'employee'),
        meeting: 2,
        heldOn: '2026-03-16',
        summary: 'Goed gesprek.',
        progress,
        ...(withOffer && { reaction: { task: 'follow-up-reaction' as const, dueAt: DUE, link: LINK } }),
      });
    const offered = summary('nl', true);
    expect(offered.text).toContain('Je kunt op dit verslag je eigen reactie geven.');
    expect(offered.text).toContain(`Je kunt reageren tot ${formatInstant(DUE, 'nl')}`);
    expect(offered.text).toContain(LINK);
    // The report comes first, then the offer: the reaction is to what the mail just showed.
    expect(offered.text.indexOf('Goed gesprek.')).toBeLessThan(offered.text.indexOf('eigen reactie'));
    expect(summary('en', true).text).toContain('You can add your own reaction to this report.');
    // Without an offer (a reaction already asked), the summary carries no link.
    expect(summary('nl', false).text).not.toContain(LINK);

    const outcome = renderMail('outcome', {
      ...base('en', 'employee'),
      decision: 'successful',
      summary: 'Well done.',
      results: [{ goal: goal.title, status: 'achieved', notes: '' }],
      reaction: { task: 'evaluation-reaction', dueAt: DUE, link: LINK },
    });
    expect(outcome.text).toContain('You can add your own reaction to this evaluation.');
    expect(outcome.html).toContain(escapeHtml(LINK));
  });
});

describe('cancelledMails', () => {
  it('addresses one mail to each person involved, each greeted by name', () => {
    // Prepare
    const trajectory = aTrajectory({ locale: 'en' });

    // Act
    const mails = cancelledMails(trajectory, 'Long-term illness');

    // Assess
    expect(mails.map(({ recipient, mail }) => [recipient, mail.to])).toEqual([
      ['employee', [trajectory.employee.email]],
      ['manager', [trajectory.manager.email]],
      ['hr', [trajectory.hrAdvisor.email]],
    ]);
    expect(mails[0]?.mail.subject).toBe('Your improvement trajectory has been cancelled');
    expect(mails[1]?.mail.text).toContain(`Dear ${trajectory.manager.name.split(' ')[0]},`);
    expect(mails[2]?.mail.text).toContain('> Long-term illness');
  });

  it('builds the shared part of a context from the trajectory', () => {
    expect(mailBase(aTrajectory(), 'hr')).toMatchObject({
      locale: 'nl',
      recipient: 'hr',
      recipientName: 'Advisor Example',
    });
  });
});

describe('the employee’s rights in their first mail after the conversation', () => {
  it('says what is recorded, who sees it, how long it is kept and how to ask for a copy or a correction', () => {
    const context = contexts('nl')['task-request'].find((c) => c.task === 'employee-response')!;

    const mail = renderMail('task-request', context);

    expect(mail.text).toContain('In je dossier wordt vastgelegd');
    // Named once in full elsewhere in the mail, each person is named by first name here.
    expect(mail.text).toMatch(/je leidinggevende Mees( de Vries)? en je HR-adviseur Hanna( Bakker)?/);
    expect(mail.text).toContain('2 jaar bewaard');
    expect(mail.text).toContain('AVG artikel 15');
    expect(mail.text).toContain('AVG artikel 16');
    expect(mail.text).toContain(`Je dossier inzien: ${PRIVACY.copyLink}`);
    expect(mail.html).toContain(`href="${PRIVACY.copyLink}"`);
    // Only that request carries it: a plan request to the manager does not.
    const plan = renderMail(
      'task-request',
      contexts('nl')['task-request'].find((c) => c.task === 'plan')!,
    );
    expect(plan.text).not.toContain('AVG');
  });

  it('gives a retention period that is no whole number of years in days, in English too', () => {
    const mail = renderMail('dossier-copy', {
      ...contexts('en')['dossier-copy'][0]!,
      retentionDays: 400,
    });

    expect(mail.subject).toBe('Your own copy of your improvement trajectory dossier');
    expect(mail.text).toContain('kept for 400 days');
    expect(mail.text).toContain('GDPR article 15');
  });
});
