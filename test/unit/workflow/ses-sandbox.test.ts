/**
 * A deployment whose SES account is still in the sandbox, at the SES edge: the real SesMailer over
 * an SES client that answers as SES does in the sandbox when the Lambda role may send only as the
 * sender (AccessDenied on the recipient's identity). The request fails at once under its own name,
 * not as a transient error to retry, and the failure HR is told about names that cause: in the
 * dossier's timeline and in the mail (README.md, "Deploy"; docs/SECURITY.md, "Faults").
 */
import './env.ts';
import { SendEmailCommand, SESv2Client, SESv2ServiceException } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SesMailer } from '#adapters/ses-mailer.ts';
import type { OutgoingMail } from '#core/ports.ts';
import { buildDossierDocument } from '#web/dossier-document.ts';
import { renderDossierPage } from '#web/dashboard-pages.ts';
import { TransientError } from '#usecases/errors.ts';
import { openTaskStep } from '#usecases/open-task.ts';
import { reportFailureStep } from '#usecases/report-failure.ts';
import { requestAction } from '#usecases/request-action.ts';
import { startDynalite, type LocalDynamo } from '../../support/dynalite.ts';
import { dossier, harness, seedTrajectory, type Harness } from './support.ts';

const SENDER = 'verbetertraject@example.test';
const ses = mockClient(SESv2Client);

let dynamo: LocalDynamo;
let h: Harness;
/** The mails SES accepted: to the addresses verified in this sandbox. */
let accepted: OutgoingMail[];

beforeAll(async () => {
  dynamo = await startDynalite();
});

afterAll(async () => {
  await dynamo.stop();
});

beforeEach(async () => {
  h = await harness(dynamo);
  accepted = [];
  const mailer = new SesMailer(new SESv2Client({ region: 'eu-west-1' }), SENDER);
  h.deps.mailer = {
    send: async (mail) => {
      const result = await mailer.send(mail);
      accepted.push(mail);
      return result;
    },
  };
});

afterEach(() => {
  ses.reset();
});

/** SES in the sandbox: `verified` may receive; anyone else is refused as the role meets it. */
function sandbox(verified: string[]): void {
  ses.on(SendEmailCommand).callsFake(async (input: { Destination?: { ToAddresses?: string[] } }) => {
    const to = input.Destination?.ToAddresses?.find((address) => !verified.includes(address));
    if (!to) return { MessageId: `msg-${accepted.length + 1}` };
    throw new SESv2ServiceException({
      name: 'AccessDeniedException',
      $fault: 'client',
      $metadata: { httpStatusCode: 403 },
      message: `User \`arn:aws:sts::123456789012:assumed-role/verbetertraject-request-action/fn' is not authorized to perform \`ses:SendEmail' on resource \`arn:aws:ses:eu-west-1:123456789012:identity/${to}'`,
    });
  });
}

describe('a request mailed while SES is in its sandbox', () => {
  it('fails at once as MailRecipientNotVerified, and HR is told that cause, in Dutch and English', async () => {
    // Prepare: only the HR advisor's address was verified for the trial.
    const trajectory = await seedTrajectory(h.repository, { phase: 'plan' });
    sandbox([trajectory.hrAdvisor.email]);
    const { taskId } = await openTaskStep(h.deps, { trajectoryId: trajectory.id, task: 'plan' });

    // Act: the Ask state mails the manager; its Catch then tells HR with the error's name.
    const failure = await requestAction(h.deps, {
      trajectoryId: trajectory.id,
      taskId,
      taskToken: 't-1',
    }).then(
      () => new Error('the request went out'),
      (error: unknown) => error as Error,
    );
    const reported = await reportFailureStep(h.deps, {
      trajectoryId: trajectory.id,
      state: `Ask for the answer (${taskId})`,
      error: failure.name,
    });

    // Assess: no retry would help, so it is not a TransientError; the claim is given back.
    expect(failure).not.toBeInstanceOf(TransientError);
    expect(failure.name).toBe('MailRecipientNotVerified');
    expect(failure.message).not.toContain(trajectory.manager.email);
    expect((await h.repository.getTask(trajectory.id, taskId))?.requestedAt).toBeUndefined();
    expect(reported).toEqual({ attention: true });
    const stored = await dossier(h.repository, trajectory.id);
    expect(stored.trajectory.attention).toBe(true);
    const event = stored.events.find((candidate) => candidate.type === 'step-failed');
    expect(event?.data).toMatchObject({ error: 'MailRecipientNotVerified' });
    // The HR advisor's mail says why, and what to do about it.
    const [mail] = accepted;
    expect(mail?.to).toEqual([trajectory.hrAdvisor.email]);
    expect(mail?.text).toContain('alleen naar geverifieerde adressen mailen (de SES-sandbox)');
    expect(mail?.text).toContain('productietoegang voor SES');
    // The dashboard's timeline and the dossier document name the cause too.
    const session = { principal: { role: 'hr' as const, email: trajectory.hrAdvisor.email }, csrf: 'x' };
    const page = renderDossierPage('nl', session, stored, { now: h.clock.now() });
    expect(page).toContain('Amazon SES staat nog in de sandbox en het adres is niet geverifieerd');
    const english = JSON.stringify(
      buildDossierDocument(
        { ...stored, trajectory: { ...stored.trajectory, locale: 'en' } },
        { now: h.clock.now() },
      ),
    );
    expect(english).toContain('Amazon SES is still in its sandbox and the address is not verified');
  });

  it('flags the trajectory and records the cause even when the HR advisor cannot be mailed either', async () => {
    // Prepare: nobody's address was verified.
    const trajectory = await seedTrajectory(h.repository, { phase: 'plan' });
    sandbox([]);
    const { taskId } = await openTaskStep(h.deps, { trajectoryId: trajectory.id, task: 'plan' });
    await expect(
      requestAction(h.deps, { trajectoryId: trajectory.id, taskId, taskToken: 't-1' }),
    ).rejects.toThrow(expect.objectContaining({ name: 'MailRecipientNotVerified' }));

    // Act
    const reporting = reportFailureStep(h.deps, {
      trajectoryId: trajectory.id,
      state: `Ask for the answer (${taskId})`,
      error: 'MailRecipientNotVerified',
    });

    // Assess: the mail to HR meets the same refusal, after the flag and the entry were written.
    await expect(reporting).rejects.toThrow(expect.objectContaining({ name: 'MailRecipientNotVerified' }));
    const stored = await dossier(h.repository, trajectory.id);
    expect(stored.trajectory.attention).toBe(true);
    expect(stored.events.filter((event) => event.type === 'step-failed').map((event) => event.data)).toEqual([
      { state: `Ask for the answer (${taskId})`, error: 'MailRecipientNotVerified' },
    ]);
    expect(accepted).toEqual([]);
  });

  it('leaves any other failure of SES transient, to be retried', async () => {
    // Prepare
    const trajectory = await seedTrajectory(h.repository, { phase: 'plan' });
    ses.on(SendEmailCommand).rejects(
      new SESv2ServiceException({
        name: 'TooManyRequestsException',
        $fault: 'client',
        $metadata: { httpStatusCode: 429 },
        message: 'Too Many Requests',
      }),
    );
    const { taskId } = await openTaskStep(h.deps, { trajectoryId: trajectory.id, task: 'plan' });

    // Act
    const failed = requestAction(h.deps, { trajectoryId: trajectory.id, taskId, taskToken: 't-1' });

    // Assess
    await expect(failed).rejects.toBeInstanceOf(TransientError);
  });
});
