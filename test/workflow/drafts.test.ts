/**
 * Drafts of the long forms on the local cloud, through the public contract: a plan half typed on
 * its mailed link is kept, opens again from the link and from the signed-in dashboard, is deleted
 * when the plan is sent, and is refused once the task is answered or when it is too large (and
 * then nothing is written).
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfToken, SESSION_COOKIE } from '#shared/session-cookie.ts';
import {
  answer,
  conversation,
  createTrajectory,
  EMPLOYEE_RESPONSE,
  IDENTIFY,
  openTask,
  PLAN,
  requestLink,
  startTestCloud,
  submit,
  today,
  type TestCloud,
} from './support.ts';

let cloud: TestCloud;
let dynamodb: DynamoDBClient;

beforeAll(async () => {
  cloud = await startTestCloud();
  dynamodb = new DynamoDBClient({
    endpoint: cloud.endpoints.dynamodb.endpoint,
    region: cloud.endpoints.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  dynamodb?.destroy();
  await cloud?.dispose();
});

const browserForm = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  body: new URLSearchParams(fields).toString(),
  headers: {
    'content-type': 'application/x-www-form-urlencoded',
    'sec-fetch-site': 'same-origin',
    accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
    ...headers,
  },
});

/** The draft item as stored (`DRAFT#<taskId>` in the trajectory's partition), or undefined. */
async function storedDraft(trajectoryId: string, taskId: string) {
  const { Item } = await dynamodb.send(
    new GetItemCommand({
      TableName: cloud.endpoints.dynamodb.tableName,
      Key: { PK: { S: `TRAJECTORY#${trajectoryId}` }, SK: { S: `DRAFT#${taskId}` } },
      ConsistentRead: true,
    }),
  );
  return Item;
}

const HALF_PLAN = {
  'goals[0][title]': 'Offertes binnen vijf dagen',
  'goals[0][specific]': 'Elke offerte gaat binnen vijf werkdagen de deur uit.',
};

describe('drafts of a long form', () => {
  it('keeps a half-typed plan for its link and the dashboard, and deletes it when the plan is sent', async () => {
    // Prepare: up to the plan, its link as the manager received it.
    const run = await createTrajectory(cloud);
    await answer(run, IDENTIFY);
    await answer(run, conversation(await today(cloud)));
    await answer(run, EMPLOYEE_RESPONSE, 'employee-response');
    const plan = await openTask(run, 'plan');
    const link = await requestLink(run, run.people.manager.email, plan.id);

    // Act: the page's draft button (its own URL, `intent=draft`).
    const saved = await cloud.request('POST', link, browserForm({ ...HALF_PLAN, intent: 'draft' }));

    // Assess: the form again, prefilled, with the time saved; the item holds the fields.
    expect(saved.status).toBe(200);
    expect(saved.body).toContain('Concept opgeslagen op');
    expect(saved.body).toContain('value="Offertes binnen vijf dagen"');
    const item = await storedDraft(run.id, plan.id);
    expect(JSON.parse(item?.fields?.S ?? '{}')).toEqual({
      goals: [{ title: HALF_PLAN['goals[0][title]'], specific: HALF_PLAN['goals[0][specific]'] }],
    });
    expect(item?.savedBy?.S).toBe('manager');
    // Not part of the record: no event, and the task is still open and unanswered.
    const record = await cloud.request('GET', `/trajectories/${run.id}`, { token: run.hr });
    expect(JSON.stringify(record.body.events)).not.toContain('Offertes binnen vijf dagen');
    expect(record.body.tasks.find((task: { id: string }) => task.id === plan.id).status).toBe('open');

    // The link opens with the draft.
    const reopened = await cloud.request('GET', link, { headers: { accept: 'text/html' } });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toContain('value="Offertes binnen vijf dagen"');
    expect(reopened.body).toContain('data-draft-saved');

    // So does the dashboard's page of the same task: the draft belongs to the task.
    const cookie = { cookie: `${SESSION_COOKIE}=${run.manager}` };
    const taskPath = `/dossiers/${run.id}/tasks/${plan.id}`;
    const onDashboard = await cloud.request('GET', taskPath, { headers: { ...cookie, accept: 'text/html' } });
    expect(onDashboard.status).toBe(200);
    expect(onDashboard.body).toContain('value="Offertes binnen vijf dagen"');

    // A draft saved on the dashboard replaces it, and the link shows that one.
    const fromDashboard = await cloud.request(
      'POST',
      `${taskPath}/draft`,
      browserForm(
        { csrf: csrfToken(run.manager), ...HALF_PLAN, 'goals[0][measure]': 'Doorlooptijd in het CRM' },
        cookie,
      ),
    );
    expect(fromDashboard.status).toBe(303);
    expect(fromDashboard.headers.get('location')).toBe(taskPath);
    const afterDashboard = await cloud.request('GET', taskPath, {
      headers: { ...cookie, accept: 'text/html' },
    });
    expect(afterDashboard.body).toContain('Doorlooptijd in het CRM');
    expect(afterDashboard.body).toContain('Concept opgeslagen op');
    expect((await cloud.request('GET', link, { headers: { accept: 'text/html' } })).body).toContain(
      'Doorlooptijd in het CRM',
    );

    // Too large: refused on both routes, and the stored draft stays as it was.
    const before = await storedDraft(run.id, plan.id);
    const huge = 'x'.repeat(70 * 1024);
    const bigByLink = await cloud.request('POST', `${link}/draft`, {
      body: { goals: [{ title: huge }] },
      headers: { accept: 'application/json' },
    });
    expect(bigByLink.status).toBe(413);
    const bigOnDashboard = await cloud.request(
      'POST',
      `${taskPath}/draft`,
      browserForm({ csrf: csrfToken(run.manager), 'goals[0][title]': huge }, cookie),
    );
    expect(bigOnDashboard.status).toBe(413);
    expect(bigOnDashboard.body).toContain('niet opgeslagen');
    expect(await storedDraft(run.id, plan.id)).toEqual(before);

    // Sending the plan deletes the draft.
    const sent = await submit(run, link, PLAN);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(await storedDraft(run.id, plan.id)).toBeUndefined();

    // Once answered, no draft is kept: 409 by the link (JSON) and on the dashboard, nothing written.
    const late = await cloud.request('POST', `${link}/draft`, {
      body: { goals: [] },
      headers: { accept: 'application/json' },
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('conflict');
    const lateOnDashboard = await cloud.request(
      'POST',
      `${taskPath}/draft`,
      browserForm({ csrf: csrfToken(run.manager), ...HALF_PLAN }, cookie),
    );
    expect(lateOnDashboard.status).toBe(409);
    expect(await storedDraft(run.id, plan.id)).toBeUndefined();
  });

  it('keeps no draft of a short form', async () => {
    // Prepare: the employee's response is a short form.
    const run = await createTrajectory(cloud);
    await answer(run, IDENTIFY);
    await answer(run, conversation(await today(cloud)));
    const response = await openTask(run, 'employee-response');
    const link = await requestLink(run, run.people.employee.email, response.id);

    // Act
    const refused = await cloud.request('POST', `${link}/draft`, {
      body: { response: 'Half' },
      headers: { accept: 'application/json' },
    });

    // Assess
    expect(refused.status).toBe(400);
    expect(await storedDraft(run.id, response.id)).toBeUndefined();
    const page = await cloud.request('GET', link, { headers: { accept: 'text/html' } });
    expect(page.body).not.toContain('data-draft-save');
  });
});
