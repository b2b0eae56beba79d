/**
 * Moves a trajectory on through the public contract only, for browser tests that need a dossier
 * with something in it: HR starts it with a token, each task is answered by posting to the link
 * in its mail (as JSON, as a client would), and the local clock is moved to the dates the
 * workflow waits for.
 */
import { expect } from 'vitest';
import { linkFromMail, type TestCloud } from './support.ts';

const HOUR_MS = 3_600_000;

export interface People {
  employee: { name: string; email: string };
  manager: { name: string; email: string };
  hrAdvisor: { name: string; email: string };
}

let counter = 0;

/** People of a fresh trajectory: addresses of their own, so a test reads only its own mail. */
export function people(prefix: string): People {
  const n = ++counter;
  return {
    employee: { name: 'Eva de Vries', email: `${prefix}-eva${n}@example.nl` },
    manager: { name: 'Mark Jansen', email: `${prefix}-mark${n}@example.nl` },
    hrAdvisor: { name: 'Hanna Bakker', email: `${prefix}-hanna${n}@example.nl` },
  };
}

export const GOALS = [
  {
    title: 'Rapportages op tijd',
    specific: 'Elke maandrapportage uiterlijk op de 5e.',
    measure: 'Datum van indienen in het systeem.',
    target: '100% op tijd',
    support: 'Wekelijks overleg over de planning.',
  },
  {
    title: 'Klanten binnen een dag terugbellen',
    specific: 'Elke terugbelverzoek binnen een werkdag.',
    measure: 'Belregistratie in het CRM.',
    target: '95% binnen een werkdag',
    support: 'Training klantgesprekken.',
  },
];

export function driver(cloud: TestCloud, hrToken: string) {
  const settle = () => cloud.advance({ hours: 0 });

  async function today(): Promise<string> {
    const { body } = await cloud.request('GET', '/_local/clock');
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date(body.now));
  }

  async function advanceTo(at: string): Promise<void> {
    const { body } = await cloud.request('GET', '/_local/clock');
    const ms = Date.parse(at) - Date.parse(body.now);
    if (ms > 0) await cloud.advance({ hours: ms / HOUR_MS + 1 });
  }

  async function dossier(id: string) {
    const response = await cloud.request('GET', `/trajectories/${id}`, { token: hrToken });
    expect(response.status).toBe(200);
    return response.body;
  }

  /** Answers the newest task mailed to `to` (whose subject matches) with `body`. */
  async function answer(to: string, body: unknown, subject?: RegExp): Promise<void> {
    const token = (await linkFromMail(cloud, to, subject)).split('/').at(-1);
    const response = await cloud.request('POST', `/actions/${token}`, { body });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    await settle();
  }

  async function start(who: People, schedule?: Record<string, number>): Promise<string> {
    const response = await cloud.request('POST', '/trajectories', {
      token: hrToken,
      body: {
        ...who,
        reason: 'Deadlines worden herhaaldelijk gemist.\nKlanten klagen over late rapportages.',
        ...(schedule && { schedule }),
      },
    });
    expect(response.status).toBe(201);
    await settle();
    return response.body.id as string;
  }

  async function identify(who: People): Promise<void> {
    await answer(who.manager.email, {
      improvementAreas: [
        {
          title: 'Planning',
          examples: ['Rapportage Q1 twee weken te laat (mail 3 maart).', 'Projectplan niet op tijd.'],
        },
        { title: 'Bereikbaarheid', examples: ['Drie klachten over niet terugbellen in januari.'] },
      ],
    });
  }

  async function conversation(who: People): Promise<void> {
    await answer(who.manager.email, {
      heldOn: await today(),
      summary: 'We bespraken de gemiste deadlines met de voorbeelden erbij.',
      employeePerspective: 'Eva ervaart een te hoge werkdruk sinds de reorganisatie.',
      agreements: 'Samen een plan maken, met wekelijks overleg.',
    });
  }

  async function plan(who: People, titles = GOALS.map((goal) => goal.title)): Promise<void> {
    const deadline = await today();
    await answer(who.manager.email, {
      goals: GOALS.map((goal, index) => ({ ...goal, title: titles[index] ?? goal.title, deadline })),
      supportLedger: [
        {
          goal: 0,
          kind: 'coaching',
          description: 'Zes sessies met een planningscoach.',
          status: 'offered',
          hours: 6,
        },
        {
          goal: 1,
          kind: 'course',
          description: 'Training klantgesprekken, twee dagdelen.',
          status: 'offered',
        },
      ],
    });
  }

  /** Identify, the conversation, the employee's response and a plan: HR is asked to review it. */
  async function throughFirstPlan(who: People): Promise<void> {
    await identify(who);
    await conversation(who);
    await answer(who.employee.email, { response: 'Ik herken de punten, maar de werkdruk speelt mee.' });
    await plan(who);
  }

  /** From an approved plan through the employee's acknowledgement: the term runs. */
  async function acknowledge(who: People): Promise<void> {
    await answer(who.employee.email, { acknowledged: true, agreement: 'partly', comments: 'Ontvangen.' });
  }

  /** Every follow-up of the term, reported on its planned day, until the evaluation opens. */
  async function followUpsToEvaluation(id: string, who: People): Promise<void> {
    for (let turn = 0; turn < 12; turn++) {
      const found = await dossier(id);
      const open = found.tasks.filter((task: { status: string }) => task.status === 'open');
      if (open.some((task: { kind: string }) => task.kind === 'evaluation')) return;
      if (open.some((task: { kind: string }) => task.kind === 'follow-up')) {
        await answer(who.manager.email, {
          heldOn: await today(),
          summary: 'Rapportages op tijd; terugbellen gaat beter.',
          progress: [
            { goal: 0, status: 'on-track', notes: 'Alle rapportages op tijd.' },
            { goal: 1, status: 'at-risk', notes: 'Twee klanten later teruggebeld.' },
          ],
          supportLedger: [
            { goal: 0, kind: 'coaching', description: 'Coachsessie gehad.', status: 'given', hours: 1 },
          ],
        });
        continue;
      }
      const next = found.meetings.find((meeting: { taskId?: string }) => meeting.taskId === undefined);
      await advanceTo(next ? `${next.plannedOn}T12:00:00Z` : found.termEndsAt);
    }
    throw new Error('the evaluation did not open');
  }

  /** Waits (moving the clock a day at a time) until a task of `kind` is open. */
  async function untilOpen(id: string, kind: string): Promise<void> {
    for (let day = 0; day < 60; day++) {
      const found = await dossier(id);
      if (
        found.tasks.some(
          (task: { kind: string; status: string }) => task.kind === kind && task.status === 'open',
        )
      )
        return;
      await cloud.advance({ days: 1 });
    }
    throw new Error(`no open ${kind} task`);
  }

  return {
    settle,
    today,
    advanceTo,
    dossier,
    answer,
    start,
    identify,
    conversation,
    plan,
    throughFirstPlan,
    acknowledge,
    followUpsToEvaluation,
    untilOpen,
  };
}
