/**
 * Configuration from the environment. Each variable is read once (at cold start, when a
 * handler module builds its dependencies) and a missing or malformed one fails at once with
 * its name, instead of surfacing later as an obscure SDK error in the middle of a request.
 *
 * AWS endpoints are deliberately absent: the SDK v3 clients honour the standard
 * `AWS_ENDPOINT_URL_DYNAMODB`, `AWS_ENDPOINT_URL_SFN` and `AWS_ENDPOINT_URL_SESV2` variables
 * themselves, so the local cloud points them at its emulators and no handler or adapter has a
 * local-only branch.
 */

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

const cache = new Map<string, string>();

/** The value of `name`; throws `ConfigurationError` naming the variable when it is unset or blank. */
export function requireEnv(name: string): string {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const value = process.env[name]?.trim();
  if (!value) throw new ConfigurationError(`Missing environment variable ${name}`);
  cache.set(name, value);
  return value;
}

/** The value of `name`, or `fallback` when it is unset or blank. */
export function optionalEnv(name: string, fallback: string): string {
  const value = process.env[name]?.trim();
  return value ? value : fallback;
}

function validated(name: string, check: (value: string) => boolean, expected: string): string {
  const value = requireEnv(name);
  if (!check(value)) {
    cache.delete(name);
    throw new ConfigurationError(`Environment variable ${name} must be ${expected}`);
  }
  return value;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Typed getters; each reads and checks its variable on first use and remembers it. */
/** Two years after close; the employer's policy decides (docs/data-model.md, "Retention"). */
export const DEFAULT_RETENTION_DAYS = 730;

export const config = {
  /** The single DynamoDB table. */
  get tableName(): string {
    return requireEnv('TABLE_NAME');
  },
  /** The trajectory state machine; execution ARNs are derived from it. */
  get stateMachineArn(): string {
    return validated(
      'STATE_MACHINE_ARN',
      (v) => /^arn:[\w-]+:states:[\w-]*:\d*:stateMachine:[^:\s]+$/.test(v),
      'a Step Functions state machine ARN (arn:...:states:...:stateMachine:<name>)',
    );
  },
  /**
   * The human-task state machine, whose executions the trajectory starts (one per task, named
   * `<trajectoryId>.<taskId>`); their execution ARNs are derived from it.
   */
  get taskStateMachineArn(): string {
    return validated(
      'TASK_STATE_MACHINE_ARN',
      (v) => /^arn:[\w-]+:states:[\w-]*:\d*:stateMachine:[^:\s]+$/.test(v),
      'a Step Functions state machine ARN (arn:...:states:...:stateMachine:<name>)',
    );
  },
  /** Sender of every mail; an SES-verified identity. */
  get mailFrom(): string {
    return validated('MAIL_FROM', (v) => /^[^\s@]+@[^\s@]+$|<[^\s@]+@[^\s@]+>$/.test(v), 'an e-mail address');
  },
  /** Public base URL that mailed links start with, without a trailing slash. */
  get baseUrl(): string {
    return validated('BASE_URL', isHttpUrl, 'an http(s) URL').replace(/\/+$/, '');
  },
  /** The bucket of the evidence files (functions/core/files.ts). */
  get filesBucket(): string {
    return requireEnv('FILES_BUCKET');
  },
  /**
   * The origin browsers upload evidence files to, for the pages' `connect-src`: `FILES_UPLOAD_ORIGIN`
   * (the stack sets the bucket's), else the origin of a local S3 (`AWS_ENDPOINT_URL_S3`); none
   * where neither is set (a page then cannot upload, and says nothing wrong).
   */
  get filesUploadOrigin(): string | undefined {
    const raw = process.env.FILES_UPLOAD_ORIGIN?.trim() || process.env.AWS_ENDPOINT_URL_S3?.trim();
    if (!raw) return undefined;
    if (!isHttpUrl(raw)) {
      throw new ConfigurationError('Environment variable FILES_UPLOAD_ORIGIN must be an http(s) URL');
    }
    return new URL(raw).origin;
  },
  /** The largest evidence file, in bytes (default 10 MB). */
  get filesMaxBytes(): number {
    const raw = optionalEnv('FILES_MAX_BYTES', String(10 * 1024 * 1024));
    if (!/^[1-9]\d{0,9}$/.test(raw)) {
      throw new ConfigurationError('Environment variable FILES_MAX_BYTES must be a whole number of bytes');
    }
    return Number(raw);
  },
  /**
   * How many days an employee's link to their own copy of the dossier works (default 30, at most
   * 365; functions/core/employee-copy.ts).
   */
  get copyLinkDays(): number {
    const raw = optionalEnv('COPY_LINK_DAYS', '30');
    const days = Number(raw);
    if (!/^\d{1,3}$/.test(raw) || days < 1 || days > 365) {
      throw new ConfigurationError(
        'Environment variable COPY_LINK_DAYS must be a whole number of days, 1 to 365',
      );
    }
    return days;
  },
  /**
   * How many days a closed dossier is kept (`DEFAULT_RETENTION_DAYS` unless set). Also what the
   * employee is told about keeping their dossier.
   */
  get retentionDays(): number {
    const raw = optionalEnv('RETENTION_DAYS', String(DEFAULT_RETENTION_DAYS));
    const days = Number(raw);
    if (!Number.isInteger(days) || days < 1) {
      throw new ConfigurationError(
        'Environment variable RETENTION_DAYS must be a positive whole number of days',
      );
    }
    return days;
  },
  /** The EventBridge bus lifecycle events go to: a name or an ARN (docs/events.md). */
  get eventBusName(): string {
    return requireEnv('EVENT_BUS_NAME');
  },
  /**
   * The employer every mail names (`employerName` at deploy time); unset: the mails say "the HR
   * department" without a name.
   */
  get employerName(): string | undefined {
    return process.env.EMPLOYER_NAME?.trim() || undefined;
  },
  /**
   * Whom people ask about their trajectory (`hrContact` at deploy time), in every mail's footer;
   * unset: the trajectory's own HR advisor, with their e-mail address.
   */
  get hrContact(): string | undefined {
    return process.env.HR_CONTACT?.trim() || undefined;
  },
  /**
   * The deployment's own consequence statement for a new trajectory's plan in `locale`
   * (`CONSEQUENCE_STATEMENT_NL`, `CONSEQUENCE_STATEMENT_EN`); `undefined`: the catalogue's default.
   */
  consequenceStatement(locale: 'nl' | 'en'): string | undefined {
    return process.env[`CONSEQUENCE_STATEMENT_${locale.toUpperCase()}`]?.trim() || undefined;
  },
  /** Service name in logs and metrics (Powertools' own variable). */
  get serviceName(): string {
    return optionalEnv('POWERTOOLS_SERVICE_NAME', 'verbetertraject');
  },
  /** CloudWatch namespace of the metrics (Powertools' own variable). */
  get metricsNamespace(): string {
    return optionalEnv('POWERTOOLS_METRICS_NAMESPACE', 'Verbetertraject');
  },
};

/** Forgets remembered values, so a test can change the environment between cases. */
export function resetEnvCache(): void {
  cache.clear();
}
