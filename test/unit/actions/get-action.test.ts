import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import { getActionHandler } from '#api/get-action.ts';
import { mintActionLink } from '#shared/action-links.ts';
import { recordCommands, startDynalite, type LocalDynamo } from '../../support/dynalite.ts';
import { freshStore } from '../api/support.ts';
import { BROWSER_ACCEPT, goal, invoke, linkEvent, seedTask, snapshot, type LinkRequest } from './support.ts';

vi.hoisted(() => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});

const sfnMock = mockClient(SFNClient);
let dynamo: LocalDynamo;
let repository: DynamoTrajectoryRepository;
let handler: ReturnType<typeof getActionHandler>;

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  await dynamo.stop();
});

beforeEach(async () => {
  ({ repository } = await freshStore(dynamo));
  handler = getActionHandler({ repository });
});

afterEach(() => {
  sfnMock.reset();
});

const get = (token: string, request: LinkRequest = {}) => invoke(handler, linkEvent('GET', token, request));

describe('GET /actions/{token} as JSON', () => {
  it('describes an open task with what its assignee needs, and nothing secret', async () => {
    // Prepare
    const { trajectory, task, token } = await seedTask(repository, { kind: 'identify' });

    // Act
    const reply = await get(token);

    // Assess
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(reply.json).toEqual({
      task: 'identify',
      taskId: task.id,
      trajectoryId: trajectory.id,
      status: 'open',
      dueAt: task.dueAt,
      locale: 'nl',
      assignee: 'manager',
      context: { employee: { firstName: 'Eva' }, reason: trajectory.reason },
    });
    for (const secret of [token, task.linkHash!, task.taskToken!, 'taskToken', 'linkHash']) {
      expect(reply.text).not.toContain(secret);
    }
    // First names only: no family name, no e-mail address of anyone.
    for (const personal of ['de Vries', 'Jansen', 'Bakker', '@example.test']) {
      expect(reply.text).not.toContain(personal);
    }
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
  });

  it('numbers the plan goals for a follow-up, so progress can refer to them', async () => {
    // Prepare
    const { token } = await seedTask(repository, {
      kind: 'follow-up',
      goals: [goal(1), goal(2)],
      trajectory: { meetings: [{ number: 1, plannedOn: '2026-03-16' }] },
    });

    // Act
    const reply = await get(token);

    // Assess
    expect(reply.json.context).toEqual({
      employee: { firstName: 'Eva' },
      goals: [
        { ...goal(1), index: 0 },
        { ...goal(2), index: 1 },
      ],
      meeting: { number: 1, plannedOn: '2026-03-16' },
      support: [],
    });
  });

  it('shows HR the submitted plan to approve, with the support it offers', async () => {
    // Prepare
    const areas = [{ title: 'Planning', examples: ['Project X twee weken te laat'] }];
    const offered = { goal: 0, kind: 'course', description: 'Cursus plannen', status: 'offered' };
    const { token } = await seedTask(repository, {
      kind: 'plan-approval',
      trajectory: { improvementAreas: areas },
      earlier: [{ kind: 'plan', response: { goals: [goal(1)], supportLedger: [offered] } }],
    });

    // Act
    const reply = await get(token);

    // Assess
    expect(reply.json).toMatchObject({ task: 'plan-approval', assignee: 'hr', status: 'open' });
    expect(reply.json.context).toEqual({
      employee: { firstName: 'Eva' },
      improvementAreas: areas,
      goals: [goal(1)],
      support: [{ ...offered, recordedAt: expect.any(String), taskId: 'plan-1', source: 'plan' }],
      // HR approves the consequence statement with the plan.
      consequenceStatement: expect.stringContaining('Worden de doelen van dit verbeterplan'),
    });
  });

  it("gives the employee the conversation to respond to, with the manager's first name", async () => {
    // Prepare
    const conversation = {
      heldOn: '2026-03-03',
      summary: 'We bespraken de planning.',
      employeePerspective: 'Te veel projecten tegelijk.',
      agreements: 'Wekelijks overleg.',
    };
    const { token } = await seedTask(repository, {
      kind: 'employee-response',
      locale: 'en',
      earlier: [{ kind: 'conversation', response: conversation }],
    });

    // Act
    const reply = await get(token);

    // Assess
    expect(reply.json).toMatchObject({ task: 'employee-response', assignee: 'employee', locale: 'en' });
    expect(reply.json.context).toEqual({
      manager: { firstName: 'Mark' },
      improvementAreas: [],
      conversation,
    });
  });

  it.each([
    ['answered', { taskStatus: 'done' as const }, 'done'],
    ['left without response by the employee', { taskStatus: 'no-response' as const }, 'done'],
    ['closed', { taskStatus: 'closed' as const }, 'closed'],
    ['of a cancelled trajectory', { status: 'cancelled' as const }, 'closed'],
    ['of a trajectory that ended', { status: 'ended' as const }, 'closed'],
    // The person who answered sees it received, though the trajectory has moved on since.
    [
      'answered, of a trajectory completed since',
      { status: 'completed' as const, taskStatus: 'done' as const },
      'done',
    ],
    [
      'answered, of a trajectory cancelled since',
      { status: 'cancelled' as const, taskStatus: 'done' as const },
      'done',
    ],
  ])('reports a task %s as %s, without its context', async (_case, options, status) => {
    // Prepare
    const { token } = await seedTask(repository, options);

    // Act
    const reply = await get(token);

    // Assess
    expect(reply.statusCode).toBe(200);
    expect(reply.json.status).toBe(status);
    expect(reply.json).not.toHaveProperty('context');
  });

  it('answers 404 for a token nobody minted, and for one that cannot be a token', async () => {
    // Prepare
    await seedTask(repository);

    // Act
    const unknown = await get(mintActionLink().token, { acceptLanguage: 'en' });
    const garbage = await get('not a token');

    // Assess
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json.error).toEqual({
      code: 'not_found',
      message: 'We do not know this link. Check that you used the full link from the email.',
    });
    expect(garbage.statusCode).toBe(404);
    expect(garbage.json.error.code).toBe('not_found');
  });

  it('changes nothing: no write to the table and no call to the workflow', async () => {
    // Prepare
    const { trajectory, token } = await seedTask(repository, { kind: 'plan' });
    const before = await snapshot(repository, trajectory.id);
    const log = recordCommands(dynamo.client);

    // Act
    await get(token);
    await get(token, { accept: BROWSER_ACCEPT });

    // Assess
    log.stop();
    expect(new Set(log.commands.map((command) => command.name))).toEqual(
      new Set(['GetItemCommand', 'QueryCommand']),
    );
    expect(await snapshot(repository, trajectory.id)).toEqual(before);
    expect(sfnMock.calls()).toHaveLength(0);
  });
});

describe('GET /actions/{token} in a browser', () => {
  it("answers a page in the trajectory's language, with every value escaped", async () => {
    // Prepare
    const { token } = await seedTask(repository, {
      locale: 'en',
      employeeName: '<script>alert(1)</script> Smit',
    });

    // Act
    const reply = await get(token, { accept: BROWSER_ACCEPT, acceptLanguage: 'nl' });

    // Assess
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.text).toContain('<html lang="en">');
    expect(reply.text).toContain('Identify the improvement areas');
    expect(reply.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(reply.text).not.toContain('<script>');
    expect(reply.text).not.toContain('Smit');
    // Thursday 5 March 2026, 17:00 in Amsterdam.
    expect(reply.text).toMatch(/Thursday,? 5 March 2026 at 17:00/);
    expect(reply.headers['content-security-policy']).toContain("default-src 'none'");
    expect(reply.headers['x-frame-options']).toBe('DENY');
    // The legacy XSS auditor's switch is not sent: the CSP is the defence (docs/SECURITY.md).
    expect(reply.headers['x-xss-protection']).toBeUndefined();
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.text).not.toContain(token);
  });

  it('shows in Dutch that a done task needs nothing more', async () => {
    // Prepare
    const { token } = await seedTask(repository, { taskStatus: 'done' });

    // Act
    const reply = await get(token, { accept: BROWSER_ACCEPT });

    // Assess
    expect(reply.text).toContain('<html lang="nl">');
    expect(reply.text).toContain('data-status="done"');
    expect(reply.text).toContain('Deze taak is afgerond');
  });

  it('thanks the person who gave the last answer, once the trajectory has completed', async () => {
    // Prepare: the aftercare was the last task; recording it closed the trajectory.
    const { token } = await seedTask(repository, {
      kind: 'aftercare',
      taskStatus: 'done',
      status: 'completed',
    });

    // Act
    const reply = await get(token, { accept: BROWSER_ACCEPT });

    // Assess
    expect(reply.text).toContain('data-status="done"');
    expect(reply.text).toContain('Dank je wel');
    expect(reply.text).not.toContain('Deze taak is gesloten');
  });

  it('answers an unknown link with a 404 page in the language the browser asks for', async () => {
    // Act
    const reply = await get(mintActionLink().token, {
      accept: BROWSER_ACCEPT,
      acceptLanguage: 'en-GB,en;q=0.9',
    });

    // Assess
    expect(reply.statusCode).toBe(404);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.text).toContain('We do not know this link.');
  });

  it('answers JSON to a script that accepts anything', async () => {
    // Prepare
    const { token } = await seedTask(repository);

    // Act
    const reply = await get(token, { accept: '*/*' });

    // Assess
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(reply.json.status).toBe('open');
  });
});
