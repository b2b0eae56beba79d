/**
 * The evidence fields of the action bodies through POST /actions/{token}, on real dynalite: the
 * support ledger's goal numbers, the employee's agreement apart from receipt, and redeployment,
 * required only when HR approves an unsuccessful evaluation.
 */
import { describe, expect, it, vi } from 'vitest';
import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import type { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import { dossierView } from '#api/get-trajectory.ts';
import { completeTask } from '#core/steps.ts';
import { NOW } from '../api/support.ts';
import { form, FORM, goal, invoke, linkEvent, seedTask, snapshot } from './support.ts';
import { useSubmitAction, type SubmitSetup } from './submit-harness.ts';

vi.hoisted(() => {
  process.env.BASE_URL = 'https://verbetertraject.example.test';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});

let repository: DynamoTrajectoryRepository;
let handler: SubmitSetup['handler'];
const sfnMock = useSubmitAction((setup) => ({ repository, handler } = setup));

const post = (token: string, body: unknown) =>
  invoke(handler, linkEvent('POST', token, { body, contentType: 'application/json' }));

const PLAN_GOAL = {
  title: 'Op tijd opleveren',
  specific: 'Klantprojecten op tijd opleveren',
  measure: 'Opleverdata in het projectsysteem',
  target: '9 van de 10 projecten op tijd',
  deadline: '2026-05-22',
  support: 'Wekelijks overleg over de planning',
};

const followUp = (supportLedger: unknown[]) => ({
  heldOn: '2026-03-02',
  summary: 'Goede voortgang.',
  progress: [
    { goal: 0, status: 'on-track', notes: 'Alles op tijd.' },
    { goal: 1, status: 'at-risk', notes: 'Twee keer laat gemeld.' },
  ],
  supportLedger,
});

const evaluation = (decision: 'successful' | 'unsuccessful') => ({
  summary: 'Zie de resultaten.',
  results: [{ goal: 0, outcome: decision === 'successful' ? 'achieved' : 'not-achieved', notes: 'x' }],
  decision,
});

describe('the support ledger', () => {
  it('records a follow-up with support per goal, shows it in the dossier API and its facts in the entry', async () => {
    // Prepare
    const { trajectory, task, token } = await seedTask(repository, {
      kind: 'follow-up',
      goals: [goal(1), goal(2)],
    });
    const ledger = [
      { goal: 1, kind: 'coaching', description: 'Drie sessies met een coach.', status: 'given', hours: 4.5 },
      { goal: 0, kind: 'time', description: 'Vrijdagmiddag voor planning.', status: 'offered' },
    ];

    // Act
    const reply = await post(token, followUp(ledger));

    // Assess
    expect(reply.statusCode).toBe(200);
    const stored = await repository.getTask(trajectory.id, task.id);
    expect(stored!.response).toMatchObject({ supportLedger: ledger });
    const dossier = (await repository.getDossier(trajectory.id))!;
    expect(dossierView(dossier).support).toEqual([
      { ...ledger[0], recordedAt: NOW.toISOString(), taskId: task.id, source: 'follow-up' },
      { ...ledger[1], recordedAt: NOW.toISOString(), taskId: task.id, source: 'follow-up' },
    ]);
    const step = completeTask(dossier, task.id, NOW);
    expect(step.events[0]).toMatchObject({
      type: 'follow-up-recorded',
      data: {
        support: [
          { goal: 1, kind: 'coaching', status: 'given', hours: 4.5 },
          { goal: 0, kind: 'time', status: 'offered' },
        ],
      },
    });
  });

  it('refuses a follow-up whose ledger names a goal the plan does not have, and changes nothing', async () => {
    // Prepare
    const { trajectory, token } = await seedTask(repository, {
      kind: 'follow-up',
      goals: [goal(1), goal(2)],
    });
    const before = await snapshot(repository, trajectory.id);
    const ledger = [
      { goal: 0, kind: 'course', description: 'Cursus plannen.', status: 'offered' },
      { goal: 2, kind: 'mentor', description: 'Een mentor.', status: 'offered' },
    ];

    // Act
    const reply = await post(token, followUp(ledger));

    // Assess
    expect(reply.statusCode).toBe(400);
    expect(reply.json.error.fieldErrors).toEqual([
      { path: 'supportLedger.1.goal', message: 'Dit doel staat niet in het verbeterplan.' },
    ]);
    expect(await snapshot(repository, trajectory.id)).toEqual(before);
    expect(sfnMock.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
  });

  it('checks a plan’s ledger against the goals of that same plan', async () => {
    // Prepare
    const { trajectory, token } = await seedTask(repository, { kind: 'plan' });
    const before = await snapshot(repository, trajectory.id);
    const entry = (n: number) => ({ goal: n, kind: 'course', description: 'Cursus.', status: 'offered' });

    // Act
    const refused = await post(token, { goals: [PLAN_GOAL], supportLedger: [entry(0), entry(1)] });
    const unchanged = await snapshot(repository, trajectory.id);
    const accepted = await post(token, {
      goals: [PLAN_GOAL, PLAN_GOAL],
      supportLedger: [entry(0), entry(1)],
    });

    // Assess
    expect(refused.statusCode).toBe(400);
    expect(refused.json.error.fieldErrors).toEqual([
      { path: 'supportLedger.1.goal', message: 'Dit doel staat niet in het verbeterplan.' },
    ]);
    expect(unchanged).toEqual(before);
    expect(accepted.statusCode).toBe(200);
  });

  it('reads the ledger from a form: a goal by its number, hours with a Dutch comma, empty rows left out', async () => {
    // Prepare
    const { trajectory, task, token } = await seedTask(repository, { kind: 'follow-up', goals: [goal(1)] });
    const fields: [string, string][] = [
      ['heldOn', '2026-03-02'],
      ['summary', 'Goed gesprek.'],
      ['progress[0][goal]', '0'],
      ['progress[0][status]', 'on-track'],
      ['progress[0][notes]', 'Op koers.'],
      ['supportLedger[0][goal]', '0'],
      ['supportLedger[0][kind]', 'course'],
      ['supportLedger[0][description]', 'Cursus timemanagement gevolgd.'],
      ['supportLedger[0][status]', 'given'],
      ['supportLedger[0][hours]', '1,5'],
      // The spare row nobody filled in.
      ['supportLedger[1][goal]', ''],
      ['supportLedger[1][description]', ''],
      ['supportLedger[1][hours]', ''],
    ];

    // Act
    const reply = await invoke(
      handler,
      linkEvent('POST', token, { body: form(fields), contentType: FORM, accept: 'application/json' }),
    );

    // Assess
    expect(reply.statusCode).toBe(200);
    expect((await repository.getTask(trajectory.id, task.id))!.response).toMatchObject({
      supportLedger: [
        {
          goal: 0,
          kind: 'course',
          description: 'Cursus timemanagement gevolgd.',
          status: 'given',
          hours: 1.5,
        },
      ],
    });
  });
});

describe('receipt and agreement', () => {
  it('records agreement apart from receipt, and never agreement without receipt', async () => {
    // Prepare
    const { trajectory, task, token } = await seedTask(repository, {
      kind: 'plan-acknowledgement',
      goals: [goal(1)],
    });
    const before = await snapshot(repository, trajectory.id);

    // Act
    const withoutReceipt = await post(token, { agreement: 'agree', comments: 'Prima.' });
    const unchanged = await snapshot(repository, trajectory.id);
    const reply = await post(token, {
      acknowledged: true,
      agreement: 'partly',
      comments: 'Doel 1 is te krap.',
    });

    // Assess
    expect(withoutReceipt.statusCode).toBe(400);
    expect(withoutReceipt.json.error.fieldErrors.map((e: { path: string }) => e.path)).toEqual([
      'acknowledged',
    ]);
    expect(unchanged).toEqual(before);
    expect(reply.statusCode).toBe(200);
    const dossier = (await repository.getDossier(trajectory.id))!;
    const step = completeTask(dossier, task.id, NOW);
    expect(step.events[0]).toMatchObject({
      type: 'plan-acknowledged',
      data: { acknowledged: true, agreement: 'partly' },
    });
  });
});

describe('redeployment on the decision confirmation', () => {
  const confirm = (decision: 'successful' | 'unsuccessful') =>
    seedTask(repository, {
      kind: 'decision-confirmation',
      goals: [goal(1)],
      earlier: [{ kind: 'evaluation', response: evaluation(decision) }],
    });
  const REDEPLOYMENT = {
    considered: true,
    outcome: 'Geen passende functie vrij; vacatures bekeken tot 1 juni.',
  };

  it('is required when HR approves an unsuccessful evaluation, and nothing changes without it', async () => {
    // Prepare
    const { trajectory, token } = await confirm('unsuccessful');
    const before = await snapshot(repository, trajectory.id);

    // Act
    const reply = await post(token, { decision: 'approve', comments: 'Akkoord.' });
    const emptyOutcome = await invoke(
      handler,
      linkEvent('POST', token, {
        body: { decision: 'approve', redeployment: { considered: false, outcome: ' ' } },
        contentType: 'application/json',
      }),
    );

    // Assess
    expect(reply.statusCode).toBe(400);
    expect(reply.json.error.fieldErrors).toEqual([
      {
        path: 'redeployment',
        message:
          'Leg vast of herplaatsing binnen de organisatie is onderzocht en wat daaruit kwam, voordat je een niet-geslaagd traject bevestigt.',
      },
    ]);
    expect(emptyOutcome.statusCode).toBe(400);
    expect(emptyOutcome.json.error.fieldErrors.map((e: { path: string }) => e.path)).toEqual([
      'redeployment.outcome',
    ]);
    expect(await snapshot(repository, trajectory.id)).toEqual(before);
    expect(sfnMock.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
  });

  it('is recorded with the approval of an unsuccessful evaluation', async () => {
    // Prepare: a bare dossier (no plan, no term), so HR's approval needs its written override.
    const { trajectory, task, token } = await confirm('unsuccessful');
    const override = { reason: 'Vaststellingsovereenkomst; de medewerker stemt in.' };

    // Act
    const reply = await post(token, { decision: 'approve', redeployment: REDEPLOYMENT, override });

    // Assess
    expect(reply.statusCode).toBe(200);
    const response = (await repository.getTask(trajectory.id, task.id))!.response as Record<string, unknown>;
    expect(response).toMatchObject({ decision: 'approve', redeployment: REDEPLOYMENT });
    expect(response.override).toMatchObject({
      reason: override.reason,
      rules: expect.arrayContaining(['improvement-areas', 'conversation']),
    });
    const dossier = (await repository.getDossier(trajectory.id))!;
    expect(dossier.events.find((event) => event.type === 'decision-overridden')).toMatchObject({
      taskId: task.id,
      actor: { role: 'hr' },
      data: { rules: (response.override as { rules: string[] }).rules },
    });
    const step = completeTask(dossier, task.id, NOW);
    expect(step.events[0]).toMatchObject({
      type: 'decision-reviewed',
      data: { decision: 'approve', redeploymentConsidered: true },
    });
  });

  it('refuses the approval of an unsuccessful end the dossier does not carry, without a written override', async () => {
    // Prepare
    const { trajectory, task, token } = await confirm('unsuccessful');

    // Act
    const reply = await post(token, { decision: 'approve', redeployment: REDEPLOYMENT });

    // Assess: a 400 at the override that names why, and nothing written.
    expect(reply.statusCode).toBe(400);
    const errors = (reply.json as { error: { fieldErrors: { path: string; message: string }[] } }).error
      .fieldErrors;
    expect(errors.map((error) => error.path)).toEqual(['override.reason']);
    expect(errors[0]!.message).toContain('Verbeterpunten met concrete voorbeelden; Gesprek gevoerd');
    expect((await repository.getTask(trajectory.id, task.id))!.status).toBe('open');
    const events = (await repository.getDossier(trajectory.id))!.events.map((event) => event.type);
    expect(events).not.toContain('task-completed');
  });

  it.each([
    [
      'revising an unsuccessful evaluation',
      'unsuccessful',
      { decision: 'revise', comments: 'Onderbouw doel 1.' },
    ],
    ['approving a successful evaluation', 'successful', { decision: 'approve' }],
  ] as const)('is optional and not recorded when %s', async (_, outcome, body) => {
    // Prepare
    const without = await confirm(outcome);
    const withIt = await confirm(outcome);

    // Act
    const plain = await post(without.token, body);
    const extra = await post(withIt.token, { ...body, redeployment: REDEPLOYMENT });

    // Assess
    expect(plain.statusCode).toBe(200);
    expect(extra.statusCode).toBe(200);
    expect((await repository.getTask(withIt.trajectory.id, withIt.task.id))!.response).toEqual(body);
  });
});
