/**
 * A draft keeps the form's fields as posted, unvalidated (a half-filled form has odd shapes), so it
 * is the one body that reaches the store without a schema. Depth is what a size cap does not
 * catch: 10,000 levels of arrays are 20 KB of JSON, well under the draft's 64 KB, yet reading such
 * a draft back walks every level. A draft nested deeper than 16 levels is refused with a 400 and a
 * field error at the field that goes too deep, and nothing is stored; the forms' deepest field
 * (`improvementAreas[0][examples][]`) is 4 levels down.
 *
 * The submit-action handler runs as API Gateway invokes it, against dynalite, on a task's link;
 * the dashboard's draft is a form and cannot nest beyond its field names' 8 segments.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDrafts } from '#adapters/dynamo-drafts.ts';
import type { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import { getActionHandler } from '#api/get-action.ts';
import { submitActionHandler } from '#api/submit-action.ts';
import { startDynalite, type LocalDynamo } from '../support/dynalite.ts';
import { apiEvent, fixedClock, freshStore, workflowClient } from '../unit/api/support.ts';
import { BASE_URL, invoke, linkEvent, seedTask } from '../unit/actions/support.ts';

vi.hoisted(() => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});

mockClient(SFNClient);
let dynamo: LocalDynamo;
let repository: DynamoTrajectoryRepository;
let drafts: DynamoDrafts;
let submit: ReturnType<typeof submitActionHandler>;

beforeAll(async () => {
  dynamo = await startDynalite();
  let tableName: string;
  ({ repository, tableName } = await freshStore(dynamo));
  drafts = new DynamoDrafts(dynamo.client, tableName);
  submit = submitActionHandler({
    repository,
    workflow: workflowClient(),
    clock: fixedClock,
    baseUrl: BASE_URL,
    drafts,
  });
});
afterAll(async () => {
  await dynamo?.stop();
});

/** `levels` arrays, one inside the other, as JSON text: `[[[…]]]`. */
const nested = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;

/** A draft posted as JSON to the link's draft route, with its body as raw text. */
const draftEvent = (token: string, json: string, acceptLanguage = 'nl') =>
  apiEvent({
    method: 'POST',
    route: '/actions/{token}/draft',
    pathParameters: { token },
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      'accept-language': acceptLanguage,
    },
    body: json,
    claims: null,
  });

describe('a draft', () => {
  it('10,000 levels deep is a 400 with a field error at the deep field, and nothing is stored', async () => {
    // Prepare
    const { trajectory, task, token } = await seedTask(repository);
    const body = `{"improvementAreas":${nested(10_000)}}`;
    expect(Buffer.byteLength(body)).toBeLessThan(64 * 1024);

    // Act
    const reply = await invoke(submit, draftEvent(token, body));

    // Assess
    expect(reply.statusCode).toBe(400);
    expect(reply.json.error.code).toBe('invalid_request');
    expect(reply.json.error.fieldErrors).toEqual([
      {
        path: 'improvementAreas',
        message: 'Het concept is te diep genest (hoogstens 16 niveaus) en is niet opgeslagen.',
      },
    ]);
    expect(await drafts.get(trajectory.id, task.id)).toBeUndefined();
  });

  it('is refused just past 16 levels, in the caller’s language, and the form still opens', async () => {
    // Prepare: the draft object is level 1, so 16 arrays in a field make 17
    const { trajectory, task, token } = await seedTask(repository, { locale: 'en' });

    // Act
    const refused = await invoke(submit, draftEvent(token, `{"notes":${nested(16)}}`, 'en'));
    const page = await invoke(
      getActionHandler({ repository, clock: fixedClock, drafts }),
      linkEvent('GET', token, { accept: 'text/html' }),
    );

    // Assess
    expect(refused.statusCode).toBe(400);
    expect(refused.json.error.fieldErrors).toEqual([
      { path: 'notes', message: 'The draft is nested too deeply (16 levels at most) and was not saved.' },
    ]);
    expect(await drafts.get(trajectory.id, task.id)).toBeUndefined();
    expect(page.statusCode).toBe(200);
  });

  it('of 16 levels, and a real form’s draft, are kept', async () => {
    // Prepare
    const { trajectory, task, token } = await seedTask(repository);
    const form = { improvementAreas: [{ title: 'Planning', examples: ['Project X te laat'] }] };

    // Act
    const deepest = await invoke(submit, draftEvent(token, `{"notes":${nested(15)}}`));
    const kept = deepest.statusCode === 200 ? await drafts.get(trajectory.id, task.id) : undefined;
    const real = await invoke(submit, draftEvent(token, JSON.stringify(form)));

    // Assess
    expect(deepest.statusCode).toBe(200);
    expect(kept?.fields).toEqual({ notes: JSON.parse(nested(15)) });
    expect(real.statusCode).toBe(200);
    expect((await drafts.get(trajectory.id, task.id))?.fields).toEqual(form);
  });
});
