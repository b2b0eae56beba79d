import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { MessageRejected, SendEmailCommand, SESv2Client, SESv2ServiceException } from '@aws-sdk/client-sesv2';
import { buildMimeMessage, encodeHeader, SesMailer } from '#adapters/ses-mailer.ts';
import { MailRecipientNotVerifiedError } from '#core/failures.ts';
import { addressed } from '#core/mails.ts';
import type { OutgoingMail } from '#core/ports.ts';
import { requestMail } from '#core/steps.ts';
import { aTask, aTrajectory } from '../../data/fixtures.ts';

const FROM = 'Verbetertraject <noreply@example.test>';
const sesMock = mockClient(SESv2Client);
const mailer = () => new SesMailer(new SESv2Client({}), FROM);

const mail = (overrides: Partial<OutgoingMail> = {}): OutgoingMail => ({
  to: ['manager-1@example.test'],
  subject: 'Actie gevraagd: verbeterpunten vaststellen',
  text: 'Open de link om de verbeterpunten vast te leggen.',
  html: '<p>Open de link om de verbeterpunten vast te leggen.</p>',
  ...overrides,
});

/** The decoded body parts of a MIME message, in order (text, html, attachments...). */
function decodedParts(mime: string): { headers: string; body: string }[] {
  return mime
    .split(/\r\n--=_vt_[0-9a-f]+(?:--)?\r\n/)
    .map((part) => {
      const [headers = '', body = ''] = part.split('\r\n\r\n');
      return { headers, body };
    })
    .filter((part) => /Content-Transfer-Encoding: base64/.test(part.headers))
    .map((part) => ({
      headers: part.headers,
      body: Buffer.from(part.body.replace(/\r\n/g, ''), 'base64').toString('utf8'),
    }));
}

afterEach(() => {
  sesMock.reset();
});

describe('SesMailer', () => {
  it('sends Simple content with text and HTML from the configured sender', async () => {
    // Prepare
    sesMock.on(SendEmailCommand).resolves({ MessageId: 'msg-1' });

    // Act
    const result = await mailer().send(mail());

    // Assess
    expect(result).toEqual({ messageId: 'msg-1' });
    const calls = sesMock.commandCalls(SendEmailCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      FromEmailAddress: FROM,
      Destination: { ToAddresses: ['manager-1@example.test'] },
      Content: {
        Simple: {
          Subject: { Data: 'Actie gevraagd: verbeterpunten vaststellen', Charset: 'UTF-8' },
          Body: {
            Text: { Data: 'Open de link om de verbeterpunten vast te leggen.', Charset: 'UTF-8' },
            Html: { Data: '<p>Open de link om de verbeterpunten vast te leggen.</p>', Charset: 'UTF-8' },
          },
        },
      },
    });
  });

  it('sends a Raw MIME message when the mail has attachments', async () => {
    // Prepare
    sesMock.on(SendEmailCommand).resolves({ MessageId: 'msg-2' });
    const invite = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nSUMMARY:Voortgangsgesprek\r\nEND:VCALENDAR\r\n';

    // Act
    await mailer().send(
      mail({
        subject: 'Uitnodiging: voortgangsgesprek één',
        attachments: [
          { filename: 'gesprek.ics', contentType: 'text/calendar; method=REQUEST', content: invite },
        ],
      }),
    );

    // Assess
    const input = sesMock.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(input.FromEmailAddress).toBe(FROM);
    expect(input.Destination).toEqual({ ToAddresses: ['manager-1@example.test'] });
    expect(input.Content?.Simple).toBeUndefined();
    const mime = Buffer.from(input.Content!.Raw!.Data!).toString('utf8');
    expect(mime).toMatch(/^From: Verbetertraject <noreply@example\.test>\r\n/);
    expect(mime).toContain('To: manager-1@example.test\r\n');
    expect(mime).toContain(`Subject: ${encodeHeader('Uitnodiging: voortgangsgesprek één')}\r\n`);
    expect(mime).toMatch(/Content-Type: multipart\/mixed; boundary="=_vt_[0-9a-f]+"/);
    const parts = decodedParts(mime);
    expect(parts.map((p) => p.body)).toEqual([
      'Open de link om de verbeterpunten vast te leggen.',
      '<p>Open de link om de verbeterpunten vast te leggen.</p>',
      invite,
      invite,
    ]);
    // The invite is the body's calendar alternative (where Outlook looks for a meeting request)...
    expect(parts[2]!.headers).toContain('Content-Type: text/calendar; method=REQUEST');
    expect(parts[2]!.headers).not.toContain('Content-Disposition');
    const alternative = /boundary="(=_vt_[0-9a-f]+)"/g;
    const [mixed, alt] = [...mime.matchAll(alternative)].map((m) => m[1]!);
    expect(mixed && alt).toBeTruthy();
    const inAlternative = mime.slice(mime.indexOf(`--${alt}\r\n`), mime.indexOf(`--${alt}--`));
    expect(inAlternative).toContain('Content-Type: text/calendar; method=REQUEST');
    // ...and a file to save, typed so that no client counts the one invite twice.
    expect(parts[3]!.headers).toContain('Content-Type: application/ics');
    expect(parts[3]!.headers).toContain('Content-Disposition: attachment; filename="gesprek.ics"');
  });

  it('sends the invite of a conversation request as the calendar part, method=REQUEST', async () => {
    // Prepare: the request mail as the workflow builds it, invite included.
    sesMock.on(SendEmailCommand).resolves({ MessageId: 'msg-3' });
    const trajectory = aTrajectory({ id: 'trj-mime', locale: 'nl' });
    const task = aTask(trajectory.id, {
      id: 'conversation-1',
      kind: 'conversation',
      openedAt: '2026-07-01T08:00:00.000Z',
      dueAt: '2026-07-08T15:00:00.000Z',
    });
    const calendar = { organizer: FROM, stamp: new Date('2026-07-01T08:00:00.000Z') };
    const intent = requestMail({ trajectory, tasks: [task] }, task, calendar);
    const outgoing = addressed(trajectory, 'manager', intent.render('https://example.test/actions/x'));

    // Act
    await mailer().send(outgoing);

    // Assess
    const input = sesMock.commandCalls(SendEmailCommand)[0]!.args[0].input;
    const mime = Buffer.from(input.Content!.Raw!.Data!).toString('utf8');
    const calendarParts = decodedParts(mime).filter((part) => /BEGIN:VCALENDAR/.test(part.body));
    expect(calendarParts.map((part) => /Content-Type: .*/.exec(part.headers)?.[0])).toEqual([
      'Content-Type: text/calendar; charset=UTF-8; method=REQUEST',
      'Content-Type: application/ics',
    ]);
    const ics = calendarParts[0]!.body;
    expect(ics).toContain('METHOD:REQUEST\r\n');
    expect(ics).toContain('UID:trj-mime.conversation-1@verbetertraject\r\n');
    // Tuesday 7 July, the working day before the deadline, 10:00 summer time.
    expect(ics).toContain('DTSTART;TZID=Europe/Amsterdam:20260707T100000\r\n');
    expect(calendarParts[1]!.headers).toContain('filename="uitnodiging.ics"');
  });

  it('refuses header values with line breaks, so input cannot add headers', async () => {
    // Act + Assess
    await expect(mailer().send(mail({ subject: 'Hallo\r\nBcc: someone@example.test' }))).rejects.toThrow(
      /line break/,
    );
    await expect(mailer().send(mail({ to: ['a@example.test\nBcc: b@example.test'] }))).rejects.toThrow(
      /line break/,
    );
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it('refuses a mail without recipients', async () => {
    await expect(mailer().send(mail({ to: [] }))).rejects.toThrow(/recipient/);
  });
});

/** SES's refusal when IAM does not allow the send on `identity`, as a Lambda role meets it. */
const accessDenied = (identity: string) =>
  new SESv2ServiceException({
    name: 'AccessDeniedException',
    $fault: 'client',
    $metadata: { httpStatusCode: 403 },
    message: `User \`arn:aws:sts::123456789012:assumed-role/mail-role/fn' is not authorized to perform \`ses:SendEmail' on resource \`arn:aws:ses:eu-west-1:123456789012:identity/${identity}'`,
  });

/** The sandbox's own refusal of identities nobody verified. */
const notVerified = (...identities: string[]) =>
  new MessageRejected({
    $metadata: { httpStatusCode: 400 },
    message: `Email address is not verified. The following identities failed the check in region EU-WEST-1: ${identities.join(', ')}`,
  });

describe('SesMailer in the SES sandbox', () => {
  it.each([
    [
      'AccessDenied on the recipient’s identity',
      'manager-1@example.test',
      accessDenied('manager-1@example.test'),
    ],
    ['AccessDenied on the recipient’s domain', 'manager-1@acme.test', accessDenied('acme.test')],
    ['MessageRejected for the recipient', 'manager-1@example.test', notVerified('manager-1@example.test')],
    [
      'MessageRejected for sender and recipient',
      'manager-1@example.test',
      notVerified('noreply@example.test', 'Manager-1@Example.test'),
    ],
  ])(
    'names %s as a recipient the sandbox refuses, keeping SES’s error as the cause',
    async (_name, to, error) => {
      // Prepare
      sesMock.on(SendEmailCommand).rejects(error);

      // Act
      const sent = mailer().send(mail({ to: [to] }));

      // Assess
      await expect(sent).rejects.toBeInstanceOf(MailRecipientNotVerifiedError);
      const thrown = (await sent.catch((reason: unknown) => reason)) as Error;
      expect(thrown.name).toBe('MailRecipientNotVerified');
      expect(thrown.message).not.toContain(to);
      expect(thrown.cause).toBe(error);
    },
  );

  it.each([
    ['AccessDenied on the sender’s identity', accessDenied('noreply@example.test')],
    // The sender's domain, even when a recipient shares it: SES checks the sender's identity too.
    ['AccessDenied on the sender’s domain', accessDenied('example.test')],
    ['MessageRejected for the sender alone', notVerified('noreply@example.test')],
    ['AccessDenied on another identity', accessDenied('someone@elsewhere.test')],
    ['another MessageRejected', new MessageRejected({ $metadata: {}, message: 'Illegal address' })],
    [
      'throttling',
      new SESv2ServiceException({
        name: 'TooManyRequestsException',
        $fault: 'client',
        $metadata: {},
        message: 'Too Many Requests',
      }),
    ],
  ])('passes %s on as it came', async (_name, error) => {
    // Prepare
    sesMock.on(SendEmailCommand).rejects(error);

    // Act
    const sent = mailer().send(mail());

    // Assess
    await expect(sent).rejects.toBe(error);
  });
});

describe('MIME helpers', () => {
  it('leaves an ASCII subject as it is and encodes others as RFC 2047 words under 76 characters', () => {
    expect(encodeHeader('Plain subject')).toBe('Plain subject');
    const long = 'Één voortgangsgesprek — ' + 'ë'.repeat(80);
    const encoded = encodeHeader(long);
    const words = encoded.split('\r\n ');
    expect(words.length).toBeGreaterThan(1);
    for (const word of words) {
      expect(word.length).toBeLessThanOrEqual(75);
      expect(word).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
    }
    const decoded = words.map((w) => Buffer.from(w.slice(10, -2), 'base64').toString('utf8')).join('');
    expect(decoded).toBe(long);
  });

  it('keeps every line of the message within the SMTP limit', () => {
    const mime = buildMimeMessage(FROM, {
      ...mail({ text: 'x'.repeat(5000), html: `<p>${'y'.repeat(5000)}</p>` }),
      attachments: [{ filename: 'a.ics', contentType: 'text/calendar', content: 'z'.repeat(3000) }],
    });
    for (const line of mime.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
  });
});
