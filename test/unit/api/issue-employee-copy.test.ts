/**
 * HR mails the employee a new link to their own copy (`POST /trajectories/{id}/employee-copy`, and
 * the same form on the dossier page) while the mail service fails. A working link must always be
 * in the dossier, a failed mail must leave no working link behind and say so, and a request whose
 * mail went must not fail, or HR would ask again and the employee get a second mail.
 *
 * The handlers run as API Gateway invokes them, against dynalite; the mailer is a stand-in that
 * keeps what it was given, also when it then fails as SES can (it may have taken the mail), so the
 * test can open the link as the employee would.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DynamoTrajectoryRepository } from '#adapters/dynamo-repository.ts';
import { dashboardActionsHandler, type DashboardActionsDeps } from '#api/dashboard-actions.ts';
import { employeeCopyHandler } from '#api/employee-copy.ts';
import { issueEmployeeCopyHandler } from '#api/issue-employee-copy.ts';
import type { DossierEvent } from '#core/model.ts';
import type { Mailer, OutgoingMail, TrajectoryRepository } from '#core/ports.ts';
import { newTrajectory, startedEvent } from '#core/trajectory.ts';
import { resetEnvCache } from '#shared/env.ts';
import { csrfToken, SESSION_COOKIE } from '#shared/session-cookie.ts';
import type { CopySettings } from '#usecases/employee-copy.ts';
import { startDynalite, type LocalDynamo } from '../../support/dynalite.ts';
import { startFakeCognito, type FakeCognito } from '../../support/fake-cognito.ts';
import {
  apiEvent,
  call,
  claimsFor,
  fixedClock,
  freshStore,
  lambdaContext,
  NOW,
  trajectoryInput,
  uniqueEmail,
} from './support.ts';

vi.hoisted(() => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});

const SETTINGS: CopySettings = { baseUrl: 'https://vt.example.test', copyLinkDays: 30, retentionDays: 730 };
const HOST = 'vt.example.test';

let dynamo: LocalDynamo;
let cognito: FakeCognito;
let repository: DynamoTrajectoryRepository;
const saved = { ...process.env };

beforeAll(async () => {
  [dynamo, cognito] = await Promise.all([startDynalite(), startFakeCognito()]);
  Object.assign(process.env, cognito.env(`https://${HOST}/auth/callback`, `https://${HOST}/`));
  resetEnvCache();
  ({ repository } = await freshStore(dynamo));
});
afterAll(async () => {
  process.env = { ...saved };
  resetEnvCache();
  await Promise.all([dynamo?.stop(), cognito?.close()]);
});

/** A mailer that keeps every mail it is given and, when told to, then fails as SES can. */
function mailer(fails = false): Mailer & { given: OutgoingMail[] } {
  const given: OutgoingMail[] = [];
  return {
    given,
    send: async (mail) => {
      given.push(mail);
      if (fails) throw Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'Throttling' });
      return { messageId: randomUUID() };
    },
  };
}

/** The repository, but `fail` decides which of its appends fail (after the real one was not made). */
function appendsFailing(fail: (event: DossierEvent) => boolean): TrajectoryRepository {
  const failing = Object.create(repository) as TrajectoryRepository;
  failing.appendEvent = (event) =>
    fail(event)
      ? Promise.reject(new Error('ProvisionedThroughputExceededException'))
      : repository.appendEvent(event);
  return failing;
}

async function aTrajectory(): Promise<string> {
  const trajectory = newTrajectory(trajectoryInput({ locale: 'nl' }), { id: randomUUID(), now: NOW });
  await repository.createTrajectory(trajectory, [startedEvent(trajectory)]);
  return trajectory.id;
}

async function issue(deps: { repository: TrajectoryRepository; mailer: Mailer }, id: string, lang = 'nl') {
  const handler = issueEmployeeCopyHandler({ ...deps, clock: fixedClock, settings: SETTINGS });
  return call(
    handler,
    apiEvent({
      method: 'POST',
      route: '/trajectories/{id}/employee-copy',
      pathParameters: { id },
      headers: { 'accept-language': lang },
      claims: claimsFor('hr'),
    }),
  );
}

/** The copy-link events of the dossier, by type, each with its link's reference. */
async function copyEvents(id: string) {
  const events = (await repository.getDossier(id))?.events ?? [];
  return events
    .filter((event) => event.type.startsWith('employee-copy-') || event.type === 'mail-sent')
    .map((event) => ({ type: event.type, link: event.data?.link }));
}

/** What the employee's copy link in `mail` answers now. */
async function opened(mail: OutgoingMail | undefined) {
  const token = /\/copy\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1] ?? 'none';
  const handler = employeeCopyHandler({ repository, clock: fixedClock });
  return call(
    handler,
    apiEvent({
      route: '/copy/{token}',
      pathParameters: { token },
      claims: null,
      headers: { accept: 'application/json' },
    }),
  );
}

describe('a new copy link for the employee', () => {
  it('is recorded, stored and mailed, and works', async () => {
    const id = await aTrajectory();
    const mail = mailer();

    const answer = await issue({ repository, mailer: mail }, id);

    expect(answer.statusCode).toBe(201);
    expect(mail.given).toHaveLength(1);
    const events = await copyEvents(id);
    expect(events.map((event) => event.type)).toEqual(['employee-copy-issued', 'mail-sent']);
    expect((await opened(mail.given[0])).statusCode).toBe(200);
  });

  it('when the mail fails, answers 502 saying so, and its link is withdrawn, in the dossier too', async () => {
    // Prepare: SES fails the send, though it may have taken the mail all the same
    const id = await aTrajectory();
    const mail = mailer(true);

    // Act
    const answer = await issue({ repository, mailer: mail }, id);

    // Assess
    expect(answer.statusCode).toBe(502);
    expect(answer.body.error).toEqual({
      code: 'copy_not_mailed',
      message:
        'De mail met de nieuwe inzagelink kon niet naar de medewerker worden verstuurd. Die link is meteen ingetrokken: hij werkt niet, ook niet als de mail later toch aankomt, en het dossier vermeldt beide. Probeer het later opnieuw; dan wordt een nieuwe link gemaakt en gemaild.',
    });
    const events = await copyEvents(id);
    expect(events.map((event) => event.type)).toEqual(['employee-copy-issued', 'employee-copy-withdrawn']);
    expect(events[1]?.link).toBe(events[0]?.link);
    // Should the mail arrive after all, its link answers as withdrawn and shows nothing.
    const view = await opened(mail.given[0]);
    expect(view.statusCode).toBe(410);
    expect(view.body.error.code).toBe('gone');
  });

  it('when the mail fails, says so in English to an English caller', async () => {
    const id = await aTrajectory();

    const answer = await issue({ repository, mailer: mailer(true) }, id, 'en');

    expect(answer.statusCode).toBe(502);
    expect(answer.body.error.message).toBe(
      'The mail with the new access link could not be sent to the employee. That link was withdrawn at once: it does not work, even if the mail arrives after all, and the dossier records both. Please try again later; a new link is then made and mailed.',
    );
  });

  it('when the dossier cannot record it, is neither stored nor mailed', async () => {
    // Prepare: the dossier refuses the link's entry
    const id = await aTrajectory();
    const mail = mailer();
    const stored: string[] = [];
    const failing = appendsFailing((event) => event.type === 'employee-copy-issued');
    failing.putActionLink = async (link) => {
      stored.push(link.linkHash);
      await repository.putActionLink(link);
    };

    // Act
    const answer = await issue({ repository: failing, mailer: mail }, id);

    // Assess: no working link the dossier does not know of, and no mail to ask for again
    expect(answer.statusCode).toBe(500);
    expect(stored).toEqual([]);
    expect(mail.given).toEqual([]);
    expect(await copyEvents(id)).toEqual([]);
  });

  it('once the mail went, answers 201 even if the mail cannot be recorded, so HR does not ask again', async () => {
    const id = await aTrajectory();
    const mail = mailer();

    const answer = await issue(
      { repository: appendsFailing((event) => event.type === 'mail-sent'), mailer: mail },
      id,
    );

    expect(answer.statusCode).toBe(201);
    expect(mail.given).toHaveLength(1);
    expect((await copyEvents(id)).map((event) => event.type)).toEqual(['employee-copy-issued']);
    expect((await opened(mail.given[0])).statusCode).toBe(200);
  });
});

describe("the dossier page's form for a new copy link", () => {
  it('when the mail fails, shows the dossier with why (502), its withdrawal in the timeline', async () => {
    // Prepare
    const id = await aTrajectory();
    const token = await cognito.idToken({ email: uniqueEmail('hr'), groups: ['hr'] });
    const deps = {
      repository,
      mailer: mailer(true),
      clock: fixedClock,
      copy: SETTINGS,
    } as unknown as DashboardActionsDeps;
    const event = {
      ...apiEvent({
        method: 'POST',
        route: '/dossiers/{id}/employee-copy',
        pathParameters: { id },
        claims: null,
        body: new URLSearchParams({ csrf: csrfToken(token) }).toString(),
        headers: {
          accept: 'text/html',
          'content-type': 'application/x-www-form-urlencoded',
          'sec-fetch-site': 'same-origin',
          host: HOST,
        },
      }),
      cookies: [`${SESSION_COOKIE}=${token}`],
    };

    // Act
    const result = (await dashboardActionsHandler(deps)(event, lambdaContext())) as {
      statusCode: number;
      body: string;
    };

    // Assess
    expect(result.statusCode).toBe(502);
    expect(result.body).toContain(
      'De mail met de nieuwe inzagelink kon niet naar de medewerker worden verstuurd.',
    );
    expect(result.body).toContain(
      'Inzagelink meteen ingetrokken: de mail aan de medewerker kon niet worden verstuurd',
    );
  });
});
