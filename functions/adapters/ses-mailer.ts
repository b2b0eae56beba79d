/**
 * The mail port over SES v2 SendEmail. Mails without attachments use Simple content (SES builds
 * the MIME itself); only an attachment (an .ics invite) needs a Raw MIME message, built here.
 */
import { randomBytes } from 'node:crypto';
import { SendEmailCommand, SESv2Client, type SendEmailCommandOutput } from '@aws-sdk/client-sesv2';
import { MailRecipientNotVerifiedError } from '#core/failures.ts';
import type { Mailer, OutgoingMail } from '#core/ports.ts';
import { config } from '#shared/env.ts';
import { serviceAdapter } from './aws-clients.ts';

const CRLF = '\r\n';

type Attachment = NonNullable<OutgoingMail['attachments']>[number];

/** A header value must never carry a line break: it would let input write its own headers. */
function headerSafe(value: string, what: string): string {
  if (/[\r\n]/.test(value)) throw new Error(`Mail ${what} contains a line break`);
  return value;
}

/** RFC 2047 encoded-words for a non-ASCII header, each within the 75-character limit. */
export function encodeHeader(value: string): string {
  headerSafe(value, 'header');
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  const words: string[] = [];
  let chunk = '';
  for (const char of value) {
    // 45 bytes of UTF-8 are 60 characters of base64: with the 12 of `=?UTF-8?B??=`, under 75.
    if (Buffer.byteLength(chunk + char, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}

function base64Lines(content: string | Buffer): string {
  const encoded = (typeof content === 'string' ? Buffer.from(content, 'utf8') : content).toString('base64');
  return encoded.replace(/.{1,76}/g, (line) => `${line}${CRLF}`);
}

function fileName(name: string): string {
  const safe = headerSafe(name, 'attachment name').replace(/["\\]/g, '_');
  if (/^[\x20-\x7e]*$/.test(safe)) return `filename="${safe}"`;
  return `filename*=UTF-8''${encodeURIComponent(safe)}`;
}

const boundary = (): string => `=_vt_${randomBytes(12).toString('hex')}`;

const isCalendar = (attachment: Attachment): boolean => /^text\/calendar\b/i.test(attachment.contentType);

/**
 * A multipart/mixed message: the text and HTML bodies as alternatives, then the attachments.
 * Everything is base64, so no line of the message ever exceeds SMTP's limit whatever the content.
 * `content` of an attachment is its text (an .ics invite is text), encoded as UTF-8.
 *
 * A calendar invite (`text/calendar; method=REQUEST`) is also the last alternative of the body:
 * that is where Outlook looks for a meeting request (Gmail and Apple Mail accept either). Its copy
 * among the attachments is `application/ics`, so no client takes the one invite for two.
 */
export function buildMimeMessage(from: string, mail: OutgoingMail): string {
  const mixed = boundary();
  const alternative = boundary();
  const lines: string[] = [
    `From: ${headerSafe(from, 'sender')}`,
    `To: ${mail.to.map((to) => headerSafe(to, 'recipient')).join(', ')}`,
    `Subject: ${encodeHeader(mail.subject)}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${mixed}"`,
    '',
    `--${mixed}`,
    `Content-Type: multipart/alternative; boundary="${alternative}"`,
    '',
    `--${alternative}`,
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(mail.text),
    `--${alternative}`,
    'Content-Type: text/html; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(mail.html),
  ];
  for (const invite of (mail.attachments ?? []).filter(isCalendar)) {
    lines.push(
      `--${alternative}`,
      `Content-Type: ${headerSafe(invite.contentType, 'attachment type')}`,
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(invite.content),
    );
  }
  lines.push(`--${alternative}--`);
  for (const attachment of mail.attachments ?? []) lines.push(...attachmentPart(mixed, attachment));
  lines.push(`--${mixed}--`, '');
  return lines.join(CRLF);
}

function attachmentPart(mixed: string, attachment: Attachment): string[] {
  const type = isCalendar(attachment) ? 'application/ics' : attachment.contentType;
  return [
    `--${mixed}`,
    `Content-Type: ${headerSafe(type, 'attachment type')}`,
    'Content-Transfer-Encoding: base64',
    `Content-Disposition: attachment; ${fileName(attachment.filename)}`,
    '',
    base64Lines(attachment.content),
  ];
}

/** The identities an SES refusal names: `identity/<address or domain>` or the list after the last `:`. */
function namedIdentities(error: { name: string; message: string }): string[] {
  if (/^AccessDenied(Exception)?$/.test(error.name)) {
    return [...error.message.matchAll(/:identity\/([^\s'`"]+)/g)].map((match) => match[1] ?? '');
  }
  if (error.name === 'MessageRejected' && /Email address is not verified/i.test(error.message)) {
    return (error.message.split(':').at(-1) ?? '')
      .split(/[\s,]+/)
      .map((identity) => identity.replace(/\.$/, ''))
      .filter(Boolean);
  }
  return [];
}

/**
 * Whether SES refused the mail because the account is in its sandbox, where it may mail verified
 * addresses only, and a recipient is not one. SES says so in one of two ways. With a role that may
 * send to anyone as the sender, the sandbox's own `MessageRejected` "Email address is not verified"
 * names the identities that failed its check. But in the sandbox SES also authorises the send
 * against each recipient's identity, so a role granted only the sender's identity (as the stack's
 * are) meets `AccessDenied` on `identity/<recipient>` first. Either counts only when it names a
 * recipient or a recipient's domain, and not the sender's address or domain: a refusal of the
 * sender is another problem (not verified, or not granted) and goes on as it came.
 */
export function isSandboxRefusal(error: unknown, recipients: readonly string[], sender: string): boolean {
  if (!(error instanceof Error)) return false;
  // An address, or `Name <address>`: its identity as an address and as a domain.
  const identitiesOf = (address: string) => {
    const lower = (/<([^>]+)>/.exec(address)?.[1] ?? address).trim().toLowerCase();
    return [lower, lower.slice(lower.lastIndexOf('@') + 1)];
  };
  const senders = new Set(identitiesOf(sender));
  const wanted = new Set(recipients.flatMap(identitiesOf).filter((identity) => !senders.has(identity)));
  return namedIdentities(error).some((identity) => wanted.has(identity.toLowerCase()));
}

export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESv2Client,
    private readonly from: string,
  ) {}

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    if (mail.to.length === 0) throw new Error('Mail has no recipient');
    const destination = { ToAddresses: mail.to.map((to) => headerSafe(to, 'recipient')) };
    const content = mail.attachments?.length
      ? { Raw: { Data: Buffer.from(buildMimeMessage(this.from, mail), 'utf8') } }
      : {
          Simple: {
            Subject: { Data: headerSafe(mail.subject, 'subject'), Charset: 'UTF-8' },
            Body: {
              Text: { Data: mail.text, Charset: 'UTF-8' },
              Html: { Data: mail.html, Charset: 'UTF-8' },
            },
          },
        };
    const command = new SendEmailCommand({
      FromEmailAddress: this.from,
      Destination: destination,
      Content: content,
    });
    let result: SendEmailCommandOutput;
    try {
      result = await this.client.send(command);
    } catch (error) {
      if (!isSandboxRefusal(error, mail.to, this.from)) throw error;
      // The message names the address: keep it as the cause, out of the error's own message.
      throw new MailRecipientNotVerifiedError('SES may mail verified addresses only (its sandbox)', {
        cause: error,
      });
    }
    if (!result.MessageId) throw new Error('SES accepted the mail without a MessageId');
    return { messageId: result.MessageId };
  }
}

/** The mailer for a Lambda: endpoint from `AWS_ENDPOINT_URL_SESV2` when set, sender from `MAIL_FROM`. */
export function createMailerFromEnv(): SesMailer {
  return serviceAdapter('sesv2', SESv2Client, (client) => new SesMailer(client, config.mailFrom));
}
