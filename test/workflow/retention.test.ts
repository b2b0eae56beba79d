/**
 * Keeping the dossier, through the public contract: HR places a legal hold on a closed
 * dossier and records the end of an employment, the retention period passes on the local clock,
 * and `POST /_local/expire` plays DynamoDB's TTL and the purge it sets off. A held dossier stays
 * whole however old it is; once the hold is lifted it goes as any other. Bad input changes
 * nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../support/pdf-text.ts';
import {
  createTrajectory,
  dossier,
  eventTypes,
  settle,
  startTestCloud,
  type Run,
  type TestCloud,
} from './support.ts';

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud();
});

afterAll(async () => {
  await cloud?.dispose();
});

/** A trajectory HR started and cancelled the same day: closed, so its retention runs. */
async function closedTrajectory(): Promise<Run> {
  const run = await createTrajectory(cloud);
  const cancelled = await cloud.request('POST', `/trajectories/${run.id}/cancel`, {
    token: run.hr,
    body: { reason: 'De medewerker gaat elders binnen de organisatie werken.' },
  });
  expect(cancelled.status).toBe(200);
  await settle(cloud);
  return run;
}

const post = (run: Run, path: string, body: unknown, token = run.hr) =>
  cloud.request('POST', `/trajectories/${run.id}/${path}`, { token, body });

/** Lets DynamoDB's TTL run at the local clock's now; the ids it purged. */
async function expire(): Promise<string[]> {
  const { status, body } = await cloud.request('POST', '/_local/expire');
  expect(status).toBe(200);
  return body.expired;
}

/** The dossier as HR reads it now, with a token minted at the current local time. */
async function found(run: Run) {
  const token = await cloud.tokenFor(run.people.hrAdvisor.email, 'hr');
  return cloud.request('GET', `/trajectories/${run.id}`, { token });
}

describe('a legal hold', () => {
  it('keeps a closed dossier whole past its retention period, until HR lifts it', async () => {
    // Prepare: three closed dossiers; one held, one whose employee leaves a year from now.
    const held = await closedTrajectory();
    const plain = await closedTrajectory();
    const leaving = await closedTrajectory();
    const reason = 'Medewerker heeft een verzoek tot ontbinding aangekondigd; zaak bij de kantonrechter.';
    const closedOn = (await dossier(leaving)).closedAt.slice(0, 10) as string;
    const yearLater = `${Number(closedOn.slice(0, 4)) + 1}${closedOn.slice(4)}`;

    // Act: hold one, record the other's end of employment, let the two-year period pass.
    const placed = await post(held, 'legal-hold', { reason });
    const ended = await post(leaving, 'employment-end', { endedOn: yearLater });
    await cloud.advance({ days: 731 });
    const firstSweep = await expire();

    // Assess: only the dossier nothing keeps is gone, all of it.
    expect(placed.status).toBe(200);
    expect(placed.body.legalHold.placedAt).toEqual(expect.any(String));
    expect(ended.status).toBe(200);
    expect(ended.body.employmentEndedOn).toBe(yearLater);
    expect(firstSweep).toEqual([plain.id]);
    expect((await found(plain)).status).toBe(404);
    const kept = await found(held);
    expect(kept.status).toBe(200);
    expect(eventTypes(kept.body)).toEqual(
      expect.arrayContaining(['trajectory-cancelled', 'legal-hold-placed']),
    );
    expect(
      kept.body.events.find((event: { type: string }) => event.type === 'legal-hold-placed').data,
    ).toEqual({
      reason,
    });
    expect((await found(leaving)).status).toBe(200);

    // The hold is in the dossier HR would hand over.
    const token = await cloud.tokenFor(held.people.hrAdvisor.email, 'hr');
    const pdf = await fetch(`${cloud.url}/trajectories/${held.id}/dossier.pdf`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const text = (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(text).toContain('Juridische bewaarplicht sinds');
    expect(text).toContain('Juridische bewaarplicht ingesteld');

    // Act: the dispute is settled; the period has long passed.
    const lifted = await post(held, 'legal-hold/lift', { reason: 'Zaak geschikt.' }, token);
    const secondSweep = await expire();

    // Assess
    expect(lifted.status).toBe(200);
    expect(lifted.body.legalHold).toBeUndefined();
    expect(secondSweep).toEqual([held.id]);
    expect((await found(held)).status).toBe(404);

    // Retention counted from the end of the employment: a year more.
    await cloud.advance({ days: 366 });
    expect(await expire()).toEqual([leaving.id]);
  }, 120_000);
});

describe('refusals', () => {
  it('answer 409 to a second hold or a lift of nothing, 400 with the field to bad input, 403 to a manager, and change nothing', async () => {
    // Prepare
    const run = await createTrajectory(cloud);
    const before = await dossier(run);
    const startedOn = before.createdAt.slice(0, 10) as string;
    const dayBefore = new Date(Date.parse(`${startedOn}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

    // Act
    const liftNothing = await post(run, 'legal-hold/lift', { reason: 'Niets.' });
    const noReason = await post(run, 'legal-hold', { reason: '   ' });
    const byManager = await post(run, 'legal-hold', { reason: 'Geschil.' }, run.manager);
    const tooEarly = await post(run, 'employment-end', { endedOn: dayBefore });
    const notADate = await post(run, 'employment-end', { endedOn: '2026-02-30' });
    const first = await post(run, 'legal-hold', { reason: 'Geschil.' });
    const second = await post(run, 'legal-hold', { reason: 'Nog een keer.' });

    // Assess
    expect(liftNothing.status).toBe(409);
    expect(liftNothing.body.error.code).toBe('not_on_hold');
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fieldErrors.map((error: { path: string }) => error.path)).toEqual(['reason']);
    expect(byManager.status).toBe(403);
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.body.error.fieldErrors).toEqual([
      { path: 'endedOn', message: expect.stringContaining('vóór de start') },
    ]);
    expect(notADate.status).toBe(400);
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('already_on_hold');
    const after = await dossier(run);
    expect(after.employmentEndedOn).toBeUndefined();
    expect(
      eventTypes(after).filter((type) => type.startsWith('legal-hold') || type.startsWith('employment')),
    ).toEqual(['legal-hold-placed']);
  }, 60_000);
});
