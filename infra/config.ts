import type { Node } from 'constructs';
import { DEFAULT_COPY_LINK_DAYS, MAX_COPY_LINK_DAYS } from '#core/employee-copy.ts';

/**
 * The deployment's settings, read from CDK context (`-c key=value`, cdk.json or
 * cdk.context.json). Each value is checked here, once, so a typo fails the synth with the key's
 * name instead of surfacing as a CloudFormation error halfway through a deployment.
 *
 * | key                    | default                        | meaning |
 * | ---------------------- | ------------------------------ | ------- |
 * | `mailFrom`             | none: asked for at deploy time | sender address, verified as an SES identity |
 * | `baseUrl`              | the HTTP API's own URL         | public base URL that mailed links start with |
 * | `stage`                | `dev`                          | deployment name; the stack is `verbetertraject-<stage>` |
 * | `retentionYears`       | `2`                            | years a closed dossier is kept before DynamoDB's TTL removes it |
 * | `logRetentionDays`     | `90`                           | retention of every log group (function, API access, workflow) |
 * | `cognitoDomainPrefix`  | none                           | Cognito Hosted UI domain prefix, where the dashboard signs in; without it the dashboard says sign-in is not set up |
 * | `alarmEmail`           | none                           | address subscribed to the alarm topic (it confirms by mail) |
 * | `sesSandboxRecipients` | none                           | while SES is in its sandbox: the verified recipient addresses the mail functions may send to (comma-separated) |
 * | `filesMaxMb`           | `10`                           | largest evidence file a person may upload, in MB (1–100) |
 * | `copyLinkDays`         | `30`                           | days an employee's link to their own copy of the dossier works (1–365) |
 * | `eventBus`             | `stack`                        | where lifecycle events go: `stack` (a bus of the stack's own) or `default` (the account's default bus) |
 * | `employerName`         | none                           | the employer every mail names in its footer (at most 100 characters) |
 * | `hrContact`            | the trajectory's HR advisor    | whom the footer of a mail to the employee or the manager says to ask, e.g. `HR-servicepunt, 020 123 45 67` (at most 200 characters) |
 * | `escalationWebhookUrl` | none                           | an https webhook (Teams, Slack) that every `TaskEscalated` event is posted to, through an API destination; none: no rule |
 * | `consequenceStatementNl`, `consequenceStatementEn` | the catalogue's standard text | the employer's own consequence statement for new plans, per language (at most 2000 characters) |
 */
export interface AppConfig {
  /**
   * Absent when not given: synth still works offline, and the stack then declares a `MailFrom`
   * CloudFormation parameter without a default, so `cdk deploy` refuses to start until a sender
   * is named (`-c mailFrom=...` or `--parameters MailFrom=...`). No placeholder address can ever
   * be deployed by accident.
   */
  mailFrom: string | undefined;
  /** Without a trailing slash. Absent: derived from the deployed API's URL. */
  baseUrl: string | undefined;
  stage: string;
  stackName: string;
  retentionYears: number;
  logRetentionDays: number;
  cognitoDomainPrefix: string | undefined;
  /** Subscribed to the CloudWatch alarm topic; without it, subscribe by hand after deploy. */
  alarmEmail: string | undefined;
  /**
   * For a trial while the account's SES is still in its sandbox: addresses verified as SES
   * identities that the mail functions may send to. In the sandbox SES authorises a send against
   * each recipient's identity as well as the sender's, so without this grant every mail is
   * refused (README.md, "Deploy"). Empty once the account has production access.
   */
  sesSandboxRecipients: readonly string[];
  /** The largest evidence file, in MB. */
  filesMaxMb: number;
  /**
   * How many days a link to the employee's own copy of the dossier works, from when it is made
   * (`COPY_LINK_DAYS` of the functions that make one). Links already made keep their expiry.
   */
  copyLinkDays: number;
  /** Where lifecycle events go (docs/events.md): a bus of the stack's own, or the default bus. */
  eventBus: 'stack' | 'default';
  /**
   * The worked example of README.md ("Lifecycle events"): a rule that posts each `TaskEscalated`
   * to this webhook. Absent: no rule, no API destination.
   */
  escalationWebhookUrl: string | undefined;
  /** The employer every mail names; absent: the footer says "the HR department" only. */
  employerName: string | undefined;
  /** Whom every mail says to ask; absent: the trajectory's HR advisor and their e-mail. */
  hrContact: string | undefined;
  /**
   * The employer's own consequence statement for new trajectories' plans, per language; a
   * language without one gets the catalogue's standard text.
   */
  consequenceStatement: { nl?: string; en?: string };
}

/** The stack name for a stage; one place, so scripts and the app agree. */
export function stackNameFor(stage: string): string {
  return `verbetertraject-${stage}`;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The retention periods CloudWatch Logs accepts, in days. */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** A plain address, as SES verifies it: no display name. */
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** Cognito's rule for hosted domain prefixes (it also rejects the words aws, amazon, cognito). */
const DOMAIN_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function readConfig(node: Node): AppConfig {
  // `-c key=value` always arrives as a string; cdk.json may hold numbers: accept both.
  const text = (key: string): string | undefined => {
    const value: unknown = node.tryGetContext(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new ConfigError(`Context value ${key} must be a string, got ${JSON.stringify(value)}`);
    }
    const trimmed = String(value).trim();
    return trimmed === '' ? undefined : trimmed;
  };
  const integer = (
    key: string,
    fallback: number,
    check: (n: number) => boolean,
    expected: string,
  ): number => {
    const raw = text(key);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || !check(value)) {
      throw new ConfigError(`Context value ${key} must be ${expected}, got ${JSON.stringify(raw)}`);
    }
    return value;
  };

  // A list: `-c key=a@x.nl,b@x.nl` on the command line, or a JSON array in cdk.json.
  const addresses = (key: string): string[] => {
    const value: unknown = node.tryGetContext(key);
    if (value === undefined || value === null) return [];
    const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
    const trimmed = items
      .map((item) => (typeof item === 'string' ? item.trim() : item))
      .filter((item) => item !== '');
    const wrong = trimmed.find((item) => typeof item !== 'string' || !EMAIL.test(item));
    if (wrong !== undefined) {
      throw new ConfigError(
        `Context value ${key} must be plain e-mail addresses, separated by commas, got ${JSON.stringify(wrong)}`,
      );
    }
    return [...new Set(trimmed as string[])];
  };

  // Words in every mail's footer: one line each, of a length a footer can carry.
  const footerText = (key: string, max: number): string | undefined => {
    const value = text(key);
    // eslint-disable-next-line no-control-regex
    if (value !== undefined && (value.length > max || /[\u0000-\u001f\u007f]/.test(value))) {
      throw new ConfigError(`Context value ${key} must be one line of at most ${max} characters`);
    }
    return value;
  };

  const mailFrom = text('mailFrom');
  if (mailFrom !== undefined && !EMAIL.test(mailFrom)) {
    throw new ConfigError(
      `Context value mailFrom must be a plain e-mail address, got ${JSON.stringify(mailFrom)}`,
    );
  }

  const alarmEmail = text('alarmEmail');
  if (alarmEmail !== undefined && !EMAIL.test(alarmEmail)) {
    throw new ConfigError(
      `Context value alarmEmail must be a plain e-mail address, got ${JSON.stringify(alarmEmail)}`,
    );
  }

  const sesSandboxRecipients = addresses('sesSandboxRecipients');

  let baseUrl = text('baseUrl');
  if (baseUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new ConfigError(`Context value baseUrl must be an absolute URL, got ${JSON.stringify(baseUrl)}`);
    }
    // Links in mail carry a secret token: never send them over plain HTTP.
    if (url.protocol !== 'https:') {
      throw new ConfigError(`Context value baseUrl must be an https URL, got ${JSON.stringify(baseUrl)}`);
    }
    baseUrl = baseUrl.replace(/\/+$/, '');
  }

  const stage = text('stage') ?? 'dev';
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) {
    throw new ConfigError(
      `Context value stage must be lower-case letters, digits and hyphens (at most 20), starting with a letter, got ${JSON.stringify(stage)}`,
    );
  }

  const cognitoDomainPrefix = text('cognitoDomainPrefix');
  if (
    cognitoDomainPrefix !== undefined &&
    (!DOMAIN_PREFIX.test(cognitoDomainPrefix) || /aws|amazon|cognito/.test(cognitoDomainPrefix))
  ) {
    throw new ConfigError(
      `Context value cognitoDomainPrefix must be lower-case letters, digits and hyphens without "aws", "amazon" or "cognito", got ${JSON.stringify(cognitoDomainPrefix)}`,
    );
  }

  const eventBus = text('eventBus') ?? 'stack';
  if (eventBus !== 'stack' && eventBus !== 'default') {
    throw new ConfigError(`Context value eventBus must be stack or default, got ${JSON.stringify(eventBus)}`);
  }

  const escalationWebhookUrl = text('escalationWebhookUrl');
  if (escalationWebhookUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(escalationWebhookUrl);
    } catch {
      url = undefined;
    }
    // An API destination calls https endpoints only, and a webhook URL carries its secret.
    if (url?.protocol !== 'https:') {
      throw new ConfigError(
        `Context value escalationWebhookUrl must be an https URL, got ${JSON.stringify(escalationWebhookUrl)}`,
      );
    }
  }

  const statement = (key: string): string | undefined => {
    const value = text(key);
    if (value !== undefined && value.length > CONSEQUENCE_STATEMENT_MAX) {
      throw new ConfigError(
        `Context value ${key} must be at most ${CONSEQUENCE_STATEMENT_MAX} characters, got ${value.length}`,
      );
    }
    return value;
  };
  const consequenceNl = statement('consequenceStatementNl');
  const consequenceEn = statement('consequenceStatementEn');

  return {
    mailFrom,
    baseUrl,
    stage,
    stackName: stackNameFor(stage),
    retentionYears: integer(
      'retentionYears',
      2,
      (n) => n >= 1 && n <= 100,
      'a whole number of years from 1 to 100',
    ),
    logRetentionDays: integer(
      'logRetentionDays',
      90,
      (n) => LOG_RETENTION_DAYS.includes(n),
      `one of CloudWatch Logs' retention periods (${LOG_RETENTION_DAYS.join(', ')})`,
    ),
    cognitoDomainPrefix,
    alarmEmail,
    sesSandboxRecipients,
    filesMaxMb: integer('filesMaxMb', 10, (n) => n >= 1 && n <= 100, 'a whole number of MB from 1 to 100'),
    copyLinkDays: integer(
      'copyLinkDays',
      DEFAULT_COPY_LINK_DAYS,
      (n) => n >= 1 && n <= MAX_COPY_LINK_DAYS,
      `a whole number of days from 1 to ${MAX_COPY_LINK_DAYS}`,
    ),
    eventBus,
    escalationWebhookUrl,
    employerName: footerText('employerName', 100),
    hrContact: footerText('hrContact', 200),
    consequenceStatement: {
      ...(consequenceNl !== undefined && { nl: consequenceNl }),
      ...(consequenceEn !== undefined && { en: consequenceEn }),
    },
  };
}

/** The longest consequence statement a deployment may set (the plan's free-text limit). */
const CONSEQUENCE_STATEMENT_MAX = 2000;
