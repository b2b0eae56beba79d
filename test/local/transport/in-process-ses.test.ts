/**
 * SES through the in-process transport: the real SES v2 client and the project's mailer hand
 * `SendEmail` to aws-ses-v2-local's own handler, and the mail lands in the outbox as it does over
 * HTTP, simple or raw (with a calendar invite). What the emulator's server would refuse, this refuses.
 */
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SesMailer } from '#adapters/ses-mailer.ts';
import { startSes, type SesEmulator } from '#local/emulators.ts';
import { inProcessTransport } from '#local/in-process-transport.ts';

const FROM = 'verbetertraject@example.nl';

let ses: SesEmulator;
let mailer: SesMailer;

beforeAll(async () => {
  ses = await startSes({ now: () => new Date('2026-03-02T09:00:00.000Z') });
  const client = new SESv2Client({
    // Nobody listens here: a request that went over the network would fail.
    endpoint: 'http://127.0.0.1:9',
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    // As the local cloud configures it: in memory, with the placeholder signature.
    ...inProcessTransport('sesv2', ses.exchange),
  });
  mailer = new SesMailer(client, FROM);
});

afterAll(async () => {
  await ses.close();
});

describe('SES through the in-process transport', () => {
  it('delivers a simple mail to the outbox with the message id the SDK returned', async () => {
    const { messageId } = await mailer.send({
      to: ['medewerker@example.nl'],
      subject: 'Uw verbetertraject is gestart',
      text: 'Beste medewerker,',
      html: '<p>Beste medewerker,</p>',
    });

    const [mail] = ses.outbox().filter((message) => message.id === messageId);
    expect(mail).toMatchObject({
      to: ['medewerker@example.nl'],
      subject: 'Uw verbetertraject is gestart',
      text: 'Beste medewerker,',
      sentAt: '2026-03-02T09:00:00.000Z',
    });
  });

  it('delivers a raw mail with its calendar invite', async () => {
    const invite = 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n';

    const { messageId } = await mailer.send({
      to: ['leidinggevende@example.nl'],
      subject: 'Gesprek inplannen',
      text: 'Plan het gesprek.',
      html: '<p>Plan het gesprek.</p>',
      attachments: [
        { filename: 'gesprek.ics', contentType: 'text/calendar; method=REQUEST', content: invite },
      ],
    });

    const [mail] = ses.outbox().filter((message) => message.id === messageId);
    expect(mail?.subject).toBe('Gesprek inplannen');
    expect(mail?.attachments.map((attachment) => attachment.contentType)).toContainEqual(
      expect.stringMatching(/^text\/calendar/),
    );
  });

  it('refuses what the emulator’s server refuses: no signature, another operation, a body that is not JSON', async () => {
    const before = ses.outbox().length;
    const post = { method: 'POST', path: '/v2/email/outbound-emails', headers: {}, body: '{}' };

    expect((await ses.exchange(post)).statusCode).toBe(403);
    expect(
      (
        await ses.exchange({
          ...post,
          path: '/v2/email/templates',
          headers: { authorization: 'AWS4-HMAC-SHA256 x' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await ses.exchange({ ...post, headers: { authorization: 'AWS4-HMAC-SHA256 x' }, body: 'not json' }))
        .statusCode,
    ).toBe(400);
    const invalid = await ses.exchange({
      ...post,
      headers: { authorization: 'AWS4-HMAC-SHA256 x' },
      body: '{}',
    });
    expect(invalid.statusCode).toBe(400);
    expect(ses.outbox()).toHaveLength(before);
  });
});
