import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SesMailer } from '#adapters/ses-mailer.ts';

// Its own file: the mocked client of ses-mailer.test.ts would intercept this real one.
const startEmulator = (
  createRequire(import.meta.url)('aws-ses-v2-local') as {
    default: (config: { host: string; port: number }) => Promise<Server>;
  }
).default;
const FROM = 'Verbetertraject <noreply@example.test>';

describe('SesMailer against the local SES emulator', () => {
  it('sends a Raw message that a real MIME parser reads back whole', async () => {
    // Prepare: aws-ses-v2-local parses Raw content with a full MIME parser.
    const server = await startEmulator({ host: '127.0.0.1', port: 0 });
    try {
      const { port } = server.address() as AddressInfo;
      const endpoint = `http://127.0.0.1:${port}`;
      const realMailer = new SesMailer(new SESv2Client({ endpoint }), FROM);
      const invite = 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n';

      // Act
      const { messageId } = await realMailer.send({
        to: ['manager-1@example.test'],
        subject: 'Uitnodiging: voortgangsgesprek één',
        text: 'Tekst met é',
        html: '<p>HTML met é</p>',
        attachments: [{ filename: 'gesprek.ics', contentType: 'text/calendar', content: invite }],
      });

      // Assess
      const store = (await (await fetch(`${endpoint}/store`)).json()) as {
        emails: {
          messageId: string;
          subject: string;
          destination: { to: string[] };
          body: { text: string; html: string };
          attachments: { filename: string; contentType: string; content: string }[];
        }[];
      };
      const stored = store.emails.find((e) => e.messageId === messageId);
      expect(stored).toMatchObject({
        subject: 'Uitnodiging: voortgangsgesprek één',
        destination: { to: ['manager-1@example.test'] },
        body: { text: 'Tekst met é', html: '<p>HTML met é</p>' },
      });
      // The invite twice: the body's calendar alternative, and the .ics file to save.
      expect(stored!.attachments).toHaveLength(2);
      expect(stored!.attachments[0]).toMatchObject({ contentType: 'text/calendar' });
      expect(stored!.attachments[1]).toMatchObject({
        filename: 'gesprek.ics',
        contentType: 'application/ics',
      });
      for (const attachment of stored!.attachments) {
        expect(Buffer.from(attachment.content, 'base64').toString('utf8')).toBe(invite);
      }
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
