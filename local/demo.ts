/**
 * `npm run demo`: drives one whole trajectory from HR creating it to `completed`, against a
 * running `npm start`, through the public contract only: an HR token from /_local/token, the
 * links in the mails of /_local/outbox, and POST /_local/clock whenever the calendar is the only
 * thing left to wait for. It prints each step and the real time it took, so it doubles as a
 * smoke test of a local cloud and as an example of a client.
 *
 * `VERBETERTRAJECT_URL` points it at another server (default http://localhost:3000, or the port
 * in `PORT`, as `npm start` reads it).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const base = (process.env.VERBETERTRAJECT_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(
  /\/+$/,
  '',
);
const began = performance.now();
const DAY_MS = 24 * 60 * 60 * 1000;

// Names and addresses are the example's, but the demo prints neither: roles and tasks only.
function say(text: string): void {
  const seconds = ((performance.now() - began) / 1000).toFixed(2).padStart(6);
  console.log(`[${seconds} s] ${text}`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- read loosely, as any client reads JSON
type Json = any;

async function call(method: string, path: string, options: { token?: string; body?: unknown } = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(options.body !== undefined && { 'content-type': 'application/json' }),
      ...(options.token && { authorization: `Bearer ${options.token}` }),
    },
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  const body: Json = text ? JSON.parse(text) : undefined;
  if (!response.ok)
    throw new Error(`${method} ${path.replace(/\/actions\/.*/, '/actions/…')}: ${response.status} ${text}`);
  return body;
}

/** Lets the virtual clock move (0 hours: just wait until everything set off has run). */
const advance = (hours: number): Promise<Json> => call('POST', '/_local/clock', { body: { hours } });
const now = async (): Promise<number> => Date.parse((await call('GET', '/_local/clock')).now);
const today = async (): Promise<string> =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(await now());

/** The calendar date `days` after `date` (YYYY-MM-DD). */
const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function advanceTo(at: number): Promise<void> {
  const ms = at - (await now());
  if (ms > 0) await advance(ms / (60 * 60 * 1000));
  say(`time passes to ${new Date(await now()).toISOString().slice(0, 16).replace('T', ' ')} UTC`);
}

// ---------------------------------------------------------------------------------------------
// What each person fills in

const GOALS = [
  {
    title: 'Offertes op tijd',
    specific: 'Elke offerte gaat binnen vijf werkdagen de deur uit.',
    measure: 'Doorlooptijd in het CRM',
    target: '95% binnen vijf werkdagen',
    support: 'Wekelijks overleg en een cursus timemanagement.',
  },
];

async function answerFor(kind: string): Promise<unknown> {
  const heldOn = await today();
  switch (kind) {
    case 'identify':
      return {
        improvementAreas: [
          {
            title: 'Afspraken nakomen',
            examples: ['Offerte voor een klant twee weken te laat (beoordeling maart)'],
          },
        ],
      };
    case 'conversation':
      return {
        heldOn,
        summary: 'De voorbeelden besproken en wat er nodig is.',
        employeePerspective: 'Herkent de punten; noemt de werkdruk.',
        agreements: 'Wekelijks overleg; knelpunten direct melden.',
      };
    case 'employee-response':
      return { response: 'Ik herken de punten, maar de werkdruk was hoog.' };
    case 'plan':
      // A deadline inside the term (the plan's deadlines must be): two weeks from today.
      return { goals: GOALS.map((goal) => ({ ...goal, deadline: addDays(heldOn, 14) })) };
    case 'plan-approval':
    case 'decision-confirmation':
      return { decision: 'approve', comments: 'Akkoord.' };
    case 'plan-acknowledgement':
      return { acknowledged: true, comments: 'Ontvangen.' };
    case 'follow-up':
      return {
        heldOn,
        summary: 'Goede voortgang.',
        progress: [{ goal: 0, status: 'on-track', notes: 'Alle offertes op tijd.' }],
      };
    case 'evaluation':
      return {
        summary: 'Het doel is gehaald.',
        results: [{ goal: 0, outcome: 'achieved', notes: 'Zie het CRM.' }],
        decision: 'successful',
      };
    case 'aftercare':
      return { employeeNotes: 'Gaat goed.', teamNotes: 'Het team merkt het verschil.' };
    case 'follow-up-reaction':
    case 'evaluation-reaction':
      return { reaction: 'Ik herken het verslag; de werkdruk blijft een aandachtspunt.' };
    case 'self-assessment':
      return {
        goals: [{ goal: 0, status: 'at-risk', note: 'De offertes lukken, de opvolging nog niet.' }],
        note: 'Ik wil graag de werkverdeling bespreken.',
      };
    case 'disagreement-response':
      return { response: 'We bespreken je bezwaren in het eerste voortgangsgesprek.' };
    case 'cause-follow-up':
      return { action: 'Verwezen naar de bedrijfsarts; de werkdruk is voor zes weken verlaagd.' };
    default:
      throw new Error(`No answer for a ${kind} task`);
  }
}

// ---------------------------------------------------------------------------------------------
// The run

interface Person {
  name: string;
  email: string;
}

const example = JSON.parse(
  readFileSync(new URL('../examples/trajectory.json', import.meta.url), 'utf8'),
) as Record<string, unknown> & { employee: Person; manager: Person; hrAdvisor: Person };
// Addresses of their own, so this run's mails stand apart from earlier runs' in the outbox.
const tag = randomUUID().slice(0, 8);
const tagged = (person: Person): Person => ({ ...person, email: person.email.replace('@', `+demo-${tag}@`) });
const people = {
  employee: tagged(example.employee),
  manager: tagged(example.manager),
  hrAdvisor: tagged(example.hrAdvisor),
};
const emailOf = (role: string): string =>
  role === 'employee' ? people.employee.email : role === 'hr' ? people.hrAdvisor.email : people.manager.email;

/** The link, from the assignee's mails, that belongs to `taskId` (newest mail first). */
async function linkFor(role: string, taskId: string): Promise<string> {
  const { messages } = await call('GET', `/_local/outbox?to=${encodeURIComponent(emailOf(role))}`);
  for (const message of [...(messages as { text: string }[])].reverse()) {
    const link = /\/actions\/[A-Za-z0-9_-]+/.exec(message.text)?.[0];
    if (link && (await call('GET', link)).taskId === taskId) return link;
  }
  throw new Error(`No mail with a link for ${taskId}`);
}

/** `npm start` may still be starting (`npm start & npm run demo`): give it half a minute. */
async function serverUp(): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await now();
      return;
    } catch (error) {
      if (attempt >= 60 || (error as { cause?: { code?: string } }).cause?.code !== 'ECONNREFUSED')
        throw error;
      if (attempt === 0) say('waiting for the local cloud to start ...');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function main(): Promise<void> {
  say(`demo against ${base}`);
  await serverUp();
  const startedAt = await now();
  const creating = performance.now();
  const { token } = await call(
    'GET',
    `/_local/token?email=${encodeURIComponent(people.hrAdvisor.email)}&role=hr`,
  );
  const created = await call('POST', '/trajectories', {
    token,
    body: { ...example, ...people },
  });
  await advance(0);
  say(`HR created trajectory ${created.id}`);

  for (let turn = 0; turn < 100; turn++) {
    const dossier = await call('GET', `/trajectories/${created.id}`, { token });
    if (dossier.status !== 'active') {
      const { messages } = await call('GET', '/_local/outbox');
      const ours = (messages as { to: string[] }[]).filter((m) =>
        m.to.some((to) => to.includes(`+demo-${tag}@`)),
      );
      const days = ((await now()) - startedAt) / DAY_MS;
      say(
        `trajectory ${dossier.status}, phase ${dossier.phase}: ${dossier.events.length} dossier events, ` +
          `${ours.length} mails, ${days.toFixed(1)} virtual days`,
      );
      const seconds = ((performance.now() - creating) / 1000).toFixed(2);
      console.log(`\nFrom create to ${dossier.status} in ${seconds} s of real time.`);
      if (dossier.status !== 'completed') process.exitCode = 1;
      return;
    }
    const open = (dossier.tasks as { id: string; kind: string; assignee: string; status: string }[]).filter(
      (task) => task.status === 'open',
    );
    if (open.length > 0) {
      for (const task of open) {
        await call('POST', await linkFor(task.assignee, task.id), { body: await answerFor(task.kind) });
        await advance(0);
        say(`${task.assignee === 'hr' ? 'HR' : task.assignee} answered ${task.id}`);
      }
      continue;
    }
    // Nothing to answer: the calendar is next. A follow-up opens at 09:00 Amsterdam time on its
    // date (08:00 UTC is at or after that in winter and summer), the evaluation at the term's end,
    // the aftercare some weeks after the decision.
    const meeting = (dossier.meetings as { plannedOn: string; taskId?: string }[]).find((m) => !m.taskId);
    if (meeting) await advanceTo(Date.parse(`${meeting.plannedOn}T08:00:00Z`));
    else if (dossier.phase === 'follow-up') await advanceTo(Date.parse(dossier.termEndsAt));
    else await advanceTo((await now()) + 7 * DAY_MS);
  }
  throw new Error('The trajectory did not close within 100 turns');
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  if ((error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED')
    console.error(`Is \`npm start\` running on ${base}?`);
  process.exitCode = 1;
});
