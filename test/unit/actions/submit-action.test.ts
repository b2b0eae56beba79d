import { describe, expect, it, vi } from 'vitest';
import { SendTaskSuccessCommand, SFNServiceException, TaskTimedOut } from '@aws-sdk/client-sfn';
import type { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import { submitActionHandler } from '#api/submit-action.ts';
import type { Task } from '#core/model.ts';
import { mintActionLink } from '#shared/action-links.ts';
import { fixedClock, NOW, workflowClient } from '../api/support.ts';
import {
  BASE_URL,
  BROWSER_ACCEPT,
  form,
  FORM,
  goal,
  invoke,
  linkEvent,
  seedTask,
  snapshot,
  taskTokenFor,
  type LinkRequest,
} from './support.ts';
import { useSubmitAction, type SubmitSetup } from './submit-harness.ts';

vi.hoisted(() => {
  // Vitest itself sets BASE_URL (Vite's `/`), so `??=` would keep that.
  process.env.BASE_URL = 'https://verbetertraject.example.test';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});

let repository: DynamoTrajectoryRepository;
let handler: SubmitSetup['handler'];
const sfnMock = useSubmitAction((setup) => ({ repository, handler } = setup));

const post = (token: string, body: unknown, request: LinkRequest = {}) =>
  invoke(handler, linkEvent('POST', token, { body, contentType: 'application/json', ...request }));

const IDENTIFY = {
  improvementAreas: [{ title: 'Planning', examples: ['Project X twee weken te laat opgeleverd'] }],
};

const successCalls = () => sfnMock.commandCalls(SendTaskSuccessCommand).map((call) => call.args[0].input);

describe('POST /actions/{token} with JSON', () => {
  it('records the answer, adds it to the dossier and completes the waiting step', async () => {
    // Prepare
    const { trajectory, task, token } = await seedTask(repository, { kind: 'identify' });

    // Act
    const reply = await post(token, IDENTIFY);

    // Assess
    expect(reply.statusCode).toBe(200);
    expect(reply.json).toEqual({ status: 'done', taskId: task.id });
    const stored = await repository.getTask(trajectory.id, task.id);
    expect(stored).toMatchObject({
      status: 'done',
      response: IDENTIFY,
      completedAt: NOW.toISOString(),
      version: 1,
    });
    const dossier = await repository.getDossier(trajectory.id);
    expect(dossier!.events.filter((event) => event.type === 'task-completed')).toEqual([
      {
        id: `${task.id}.task-completed`,
        trajectoryId: trajectory.id,
        at: NOW.toISOString(),
        type: 'task-completed',
        actor: { role: 'manager' },
        taskId: task.id,
        data: { kind: 'identify', assignee: 'manager', dueAt: task.dueAt },
      },
    ]);
    expect(successCalls()).toEqual([
      { taskToken: task.taskToken, output: JSON.stringify({ taskId: task.id }) },
    ]);
  });

  it('records an answer while no token is live, for the next Ask entry to hand on', async () => {
    // Prepare
    const { trajectory, task, token } = await seedTask(repository, { taskToken: null });

    // Act
    const reply = await post(token, IDENTIFY);

    // Assess
    expect(reply.statusCode).toBe(200);
    expect((await repository.getTask(trajectory.id, task.id))!.status).toBe('done');
    expect(sfnMock.calls()).toHaveLength(0);
  });

  it('answers 200 when the token was spent already: the recorded answer is what counts', async () => {
    // Prepare
    sfnMock.on(SendTaskSuccessCommand).rejects(new TaskTimedOut({ message: 'late', $metadata: {} }));
    const { token } = await seedTask(repository);

    // Act
    const reply = await post(token, IDENTIFY);

    // Assess
    expect(reply.statusCode).toBe(200);
  });

  it('answers 200 when Step Functions fails, as the workflow finds the answer on its next check', async () => {
    // Prepare
    sfnMock
      .on(SendTaskSuccessCommand)
      .rejects(new SFNServiceException({ name: 'ServiceUnavailable', $fault: 'server', $metadata: {} }));
    const { trajectory, task, token } = await seedTask(repository);

    // Act
    const reply = await post(token, IDENTIFY);

    // Assess
    expect(reply.statusCode).toBe(200);
    expect((await repository.getTask(trajectory.id, task.id))!.status).toBe('done');
  });

  it('hands the workflow the token stored by an Ask entry that raced the answer', async () => {
    // Prepare: between this request's read and its write, the workflow stores a fresh token.
    const { trajectory, task, token } = await seedTask(repository);
    const fresh = taskTokenFor('fresh');
    let raced = false;
    const racing = Object.create(repository) as DynamoTrajectoryRepository;
    racing.updateTask = async (next: Task) => {
      if (!raced) {
        raced = true;
        const current = (await repository.getTask(trajectory.id, task.id))!;
        await repository.updateTask({ ...current, taskToken: fresh });
      }
      return repository.updateTask(next);
    };
    const racedHandler = submitActionHandler({
      repository: racing,
      workflow: workflowClient(),
      clock: fixedClock,
      baseUrl: BASE_URL,
    });

    // Act
    const reply = await invoke(
      racedHandler,
      linkEvent('POST', token, { body: IDENTIFY, contentType: 'application/json' }),
    );

    // Assess
    expect(reply.statusCode).toBe(200);
    expect(await repository.getTask(trajectory.id, task.id)).toMatchObject({ status: 'done', version: 2 });
    expect(successCalls().map((input) => input.taskToken)).toEqual([fresh]);
  });

  it("answers 400 with field errors in the trajectory's language and writes nothing", async () => {
    // Prepare
    const { trajectory, token } = await seedTask(repository, { kind: 'plan', locale: 'en' });
    const before = await snapshot(repository, trajectory.id);

    // Act
    const reply = await post(
      token,
      { goals: [{ ...goal(1), deadline: '2026-02-30', extra: 'x' }] },
      { acceptLanguage: 'nl' },
    );

    // Assess
    expect(reply.statusCode).toBe(400);
    expect(reply.json.error.code).toBe('invalid_request');
    expect(reply.json.error.message).toBe(
      'Not everything is filled in correctly; nothing was saved. Please check the fields.',
    );
    expect(reply.json.error.fieldErrors).toEqual([
      { path: 'goals.0.deadline', message: 'Enter an existing date as YYYY-MM-DD, for example 2026-03-31.' },
      { path: 'goals.0.extra', message: 'This field does not belong here; leave it out.' },
    ]);
    expect(await snapshot(repository, trajectory.id)).toEqual(before);
    expect(sfnMock.calls()).toHaveLength(0);
  });

  it("checks a follow-up's goal numbers against the plan", async () => {
    // Prepare
    const { trajectory, token } = await seedTask(repository, {
      kind: 'follow-up',
      goals: [goal(1), goal(2)],
    });
    const before = await snapshot(repository, trajectory.id);

    // Act
    const reply = await post(token, {
      heldOn: '2026-03-02',
      summary: 'Goed gesprek.',
      progress: [
        { goal: 0, status: 'on-track', notes: 'Alles op tijd.' },
        { goal: 2, status: 'at-risk', notes: 'Bestaat niet.' },
      ],
    });

    // Assess
    expect(reply.statusCode).toBe(400);
    expect(reply.json.error.fieldErrors).toEqual([
      { path: 'progress.1.goal', message: 'Dit doel staat niet in het verbeterplan.' },
      { path: 'progress', message: 'Doel 2 ontbreekt; vul voor elk doel iets in.' },
    ]);
    expect(await snapshot(repository, trajectory.id)).toEqual(before);
  });

  it.each([
    ['no body', undefined, 'application/json', 400],
    ['broken JSON', '{"improvementAreas": [', 'application/json', 400],
    ['a JSON array', '[]', 'application/json', 400],
    ['plain text', 'Planning', 'text/plain', 415],
    ['a body over 64 KiB', JSON.stringify({ x: 'a'.repeat(70_000) }), 'application/json', 413],
  ])('refuses %s and writes nothing', async (_case, body, contentType, statusCode) => {
    // Prepare
    const { trajectory, token } = await seedTask(repository);
    const before = await snapshot(repository, trajectory.id);

    // Act
    const reply = await invoke(handler, linkEvent('POST', token, { body, contentType }));

    // Assess
    expect(reply.statusCode).toBe(statusCode);
    expect(reply.json.error.code).toBeTypeOf('string');
    expect(await snapshot(repository, trajectory.id)).toEqual(before);
  });

  it('answers 404 for an unknown or malformed token', async () => {
    // Act
    const unknown = await post(mintActionLink().token, IDENTIFY);
    const garbage = await post('x', IDENTIFY);

    // Assess
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json.error.code).toBe('not_found');
    expect(garbage.statusCode).toBe(404);
  });

  it.each([
    ['cancelled', { status: 'cancelled' as const }],
    ['ended', { status: 'ended' as const }],
    ['completed', { status: 'completed' as const }],
    ['with its task closed', { taskStatus: 'closed' as const }],
  ])('answers 410 for a trajectory %s, before looking at the body', async (_case, options) => {
    // Prepare
    const { trajectory, token } = await seedTask(repository, { ...options, locale: 'en' });
    const before = await snapshot(repository, trajectory.id);

    // Act
    const reply = await post(token, { not: 'even valid' });

    // Assess
    expect(reply.statusCode).toBe(410);
    expect(reply.json.error).toEqual({
      code: 'gone',
      message:
        'This task can no longer be completed: the improvement trajectory has ended or the task lapsed.',
    });
    expect(await snapshot(repository, trajectory.id)).toEqual(before);
    expect(sfnMock.calls()).toHaveLength(0);
  });

  it.each([
    ['done', 'done' as const],
    ['ended without response', 'no-response' as const],
  ])('answers 409 for a task already %s', async (_case, taskStatus) => {
    // Prepare
    const { trajectory, token } = await seedTask(repository, { kind: 'employee-response', taskStatus });
    const before = await snapshot(repository, trajectory.id);

    // Act
    const reply = await post(token, { response: 'Mijn kant van het verhaal.' });

    // Assess
    expect(reply.statusCode).toBe(409);
    expect(reply.json.error).toEqual({
      code: 'conflict',
      message: 'Deze taak is al afgerond; er is al een antwoord vastgelegd.',
    });
    expect(await snapshot(repository, trajectory.id)).toEqual(before);
  });

  it('answers 409 to a replayed link and keeps the first answer', async () => {
    // Prepare
    const { trajectory, task, token } = await seedTask(repository);
    await post(token, IDENTIFY);

    // Act
    const replay = await post(token, { improvementAreas: [{ title: 'Anders', examples: ['Iets anders'] }] });

    // Assess
    expect(replay.statusCode).toBe(409);
    expect((await repository.getTask(trajectory.id, task.id))!.response).toEqual(IDENTIFY);
    expect(successCalls()).toHaveLength(1);
  });

  it('records exactly one of 50 concurrent submits of one link; the others get 409', async () => {
    // Prepare
    const { trajectory, task, token } = await seedTask(repository, { kind: 'employee-response' });
    const bodies = Array.from({ length: 50 }, (_, n) => ({ response: `Antwoord ${n}` }));

    // Act
    const replies = await Promise.all(bodies.map((body) => post(token, body)));

    // Assess
    const codes = replies.map((reply) => reply.statusCode);
    expect(codes.filter((code) => code === 200)).toHaveLength(1);
    expect(codes.filter((code) => code === 409)).toHaveLength(49);
    const winner = bodies[codes.indexOf(200)];
    const stored = await repository.getTask(trajectory.id, task.id);
    expect(stored).toMatchObject({ status: 'done', response: winner, version: 1 });
    const dossier = await repository.getDossier(trajectory.id);
    expect(dossier!.events.filter((event) => event.type === 'task-completed')).toHaveLength(1);
    expect(successCalls()).toHaveLength(1);
  });

  it('never returns a token, the link hash or a task token', async () => {
    // Prepare
    const { task, token } = await seedTask(repository);

    // Act
    const replies = [
      await post(token, { wrong: true }),
      await post(token, IDENTIFY),
      await post(token, IDENTIFY),
    ];

    // Assess
    for (const reply of replies) {
      for (const secret of [token, task.linkHash!, task.taskToken!, 'taskToken', 'linkHash']) {
        expect(reply.text).not.toContain(secret);
      }
    }
  });
});

describe('POST /actions/{token} with a form', () => {
  const planForm = (): [string, string][] => [
    ['goals[0][title]', 'Op tijd opleveren'],
    ['goals[0][specific]', 'Klantprojecten op tijd opleveren'],
    ['goals[0][measure]', 'Opleverdata in het projectsysteem'],
    ['goals[0][target]', '9 van de 10 projecten op tijd'],
    ['goals[0][deadline]', '2026-05-22'],
    ['goals[0][support]', 'Wekelijks overleg over de planning'],
    // The dotted names of field errors work as well.
    ['goals.1.title', 'Beter communiceren'],
    ['goals.1.specific', 'Vertraging meteen melden'],
    ['goals.1.measure', 'Meldingen in het projectsysteem'],
    ['goals.1.target', 'Elke vertraging binnen een dag gemeld'],
    ['goals.1.deadline', '2026-05-22'],
    ['goals.1.support', 'Sjabloon voor statusberichten'],
  ];

  it('records the form as its JSON body and redirects the browser back to the link', async () => {
    // Prepare
    const { trajectory, task, token } = await seedTask(repository, { kind: 'plan' });

    // Act
    const reply = await invoke(
      handler,
      linkEvent('POST', token, { body: form(planForm()), contentType: FORM, accept: BROWSER_ACCEPT }),
    );

    // Assess
    expect(reply.statusCode).toBe(303);
    expect(reply.headers.location).toBe(`${BASE_URL}/actions/${token}`);
    expect(reply.text).toBe('');
    expect((await repository.getTask(trajectory.id, task.id))!.response).toEqual({
      goals: [
        {
          title: 'Op tijd opleveren',
          specific: 'Klantprojecten op tijd opleveren',
          measure: 'Opleverdata in het projectsysteem',
          target: '9 van de 10 projecten op tijd',
          deadline: '2026-05-22',
          support: 'Wekelijks overleg over de planning',
        },
        {
          title: 'Beter communiceren',
          specific: 'Vertraging meteen melden',
          measure: 'Meldingen in het projectsysteem',
          target: 'Elke vertraging binnen een dag gemeld',
          deadline: '2026-05-22',
          support: 'Sjabloon voor statusberichten',
        },
      ],
      // An extension of the contract: a plan without support entries records an empty ledger.
      supportLedger: [],
    });
    expect(successCalls()).toHaveLength(1);
  });

  it('answers JSON to a form post that asks for JSON', async () => {
    // Prepare
    const { task, token } = await seedTask(repository, { kind: 'plan' });

    // Act
    const reply = await invoke(
      handler,
      linkEvent('POST', token, {
        body: form(planForm()),
        contentType: `${FORM}; charset=UTF-8`,
        accept: 'application/json',
      }),
    );

    // Assess
    expect(reply.statusCode).toBe(200);
    expect(reply.json).toEqual({ status: 'done', taskId: task.id });
  });

  it('turns goal numbers into numbers, appends list entries and leaves empty fields out', async () => {
    // Prepare
    const { trajectory, task, token } = await seedTask(repository, {
      kind: 'evaluation',
      goals: [goal(1), goal(2)],
    });
    const fields: [string, string][] = [
      ['summary', 'Doelen grotendeels gehaald.'],
      ['results[0][goal]', '0'],
      ['results[0][outcome]', 'achieved'],
      ['results[0][notes]', 'Alles op tijd.'],
      ['results[1][goal]', '1'],
      ['results[1][outcome]', 'partially'],
      ['results[1][notes]', 'Meestal gemeld.'],
      ['decision', 'successful'],
      ['extendWeeks', ''],
    ];

    // Act
    const reply = await invoke(
      handler,
      linkEvent('POST', token, { body: form(fields), contentType: FORM, accept: 'application/json' }),
    );

    // Assess
    expect(reply.statusCode).toBe(200);
    expect((await repository.getTask(trajectory.id, task.id))!.response).toEqual({
      summary: 'Doelen grotendeels gehaald.',
      results: [
        { goal: 0, outcome: 'achieved', notes: 'Alles op tijd.' },
        { goal: 1, outcome: 'partially', notes: 'Meestal gemeld.' },
      ],
      decision: 'successful',
    });
  });

  it('reads a checked checkbox as acknowledged and `[]` as a new list entry', async () => {
    // Prepare
    const acknowledgement = await seedTask(repository, { kind: 'plan-acknowledgement', goals: [goal(1)] });
    const identify = await seedTask(repository, { kind: 'identify' });

    // Act
    const acknowledged = await invoke(
      handler,
      linkEvent('POST', acknowledgement.token, {
        body: form([
          ['acknowledged', 'on'],
          ['comments', ''],
        ]),
        contentType: FORM,
        accept: 'application/json',
      }),
    );
    const identified = await invoke(
      handler,
      linkEvent('POST', identify.token, {
        body: form([
          ['improvementAreas[0][title]', 'Planning'],
          ['improvementAreas[0][examples][]', 'Project X te laat'],
          ['improvementAreas[0][examples][]', ''],
          ['improvementAreas[0][examples][]', 'Project Y te laat'],
        ]),
        contentType: FORM,
        accept: 'application/json',
      }),
    );

    // Assess
    expect(acknowledged.statusCode).toBe(200);
    expect(
      (await repository.getTask(acknowledgement.trajectory.id, acknowledgement.task.id))!.response,
    ).toEqual({
      acknowledged: true,
    });
    expect(identified.statusCode).toBe(200);
    expect((await repository.getTask(identify.trajectory.id, identify.task.id))!.response).toEqual({
      improvementAreas: [{ title: 'Planning', examples: ['Project X te laat', 'Project Y te laat'] }],
    });
  });

  it('answers a bad form with the form again, its values kept and each error at its field, and writes nothing', async () => {
    // Prepare
    const { trajectory, token } = await seedTask(repository, { kind: 'identify', locale: 'en' });
    const before = await snapshot(repository, trajectory.id);

    // Act
    const reply = await invoke(
      handler,
      linkEvent('POST', token, {
        body: form([['improvementAreas[0][title]', '<b>Planning</b>']]),
        contentType: FORM,
        accept: BROWSER_ACCEPT,
      }),
    );

    // Assess
    expect(reply.statusCode).toBe(400);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.text).toContain('<html lang="en">');
    // The form again, with what was typed (escaped) and the message at its field.
    expect(reply.text).toContain('value="&lt;b&gt;Planning&lt;/b&gt;"');
    expect(reply.text).toMatch(
      /id="f-improvementAreas-0-examples-error">[^]*Give at least one concrete example for this improvement area\./,
    );
    expect(reply.text).toContain('id="error-summary"');
    expect(reply.text).not.toContain(token);
    expect(await snapshot(repository, trajectory.id)).toEqual(before);
  });

  it('refuses field names outside the convention, and a field used both as text and as a list', async () => {
    // Prepare
    const { trajectory, token } = await seedTask(repository, { kind: 'employee-response' });
    const before = await snapshot(repository, trajectory.id);

    // Act
    const reply = await invoke(
      handler,
      linkEvent('POST', token, {
        body: form([
          ['response', 'Mijn reactie'],
          ['response[0]', 'ook een lijst?'],
          ['__proto__[polluted]', 'yes'],
          ['goals[100][title]', 'te ver'],
        ]),
        contentType: FORM,
        accept: 'application/json',
      }),
    );

    // Assess
    expect(reply.statusCode).toBe(400);
    expect(reply.json.error.fieldErrors.map((error: { path: string }) => error.path)).toEqual([
      'response[0]',
      '__proto__[polluted]',
      'goals[100][title]',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await snapshot(repository, trajectory.id)).toEqual(before);
  });

  it('shows a 409 page to a browser that posts an answered task again, with the way back to the task', async () => {
    // Prepare
    const { token } = await seedTask(repository, { taskStatus: 'done' });

    // Act
    const reply = await invoke(
      handler,
      linkEvent('POST', token, {
        body: form([['improvementAreas[0][title]', 'x']]),
        contentType: FORM,
        accept: BROWSER_ACCEPT,
      }),
    );

    // Assess
    expect(reply.statusCode).toBe(409);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.text).toContain('Deze taak is al afgerond');
    // Not a dead end: the link's own page shows what became of the task.
    expect(reply.text).toContain(`<a href="${BASE_URL}/actions/${token}">Terug naar de taak</a>`);
  });
});
