import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type IFunction, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import {
  type BundlingOptions,
  LogLevel,
  NodejsFunction,
  OutputFormat,
  SourceMapMode,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import { type ILogGroup, LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IConfigurationSet, IEmailIdentity } from 'aws-cdk-lib/aws-ses';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { EVENT_SOURCE } from '#core/lifecycle-events.ts';
import { Construct } from 'constructs';
import { timeoutSecondsFor } from '../function-timeouts.ts';
import { FILE_PREFIXES } from './files.ts';
import { acknowledge, acknowledgeGrantWildcards, nagReference } from './nag.ts';

// Resolved from this file, never from the working directory: `cdk synth`, vitest and an IDE
// all start in different places.
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FUNCTIONS_DIR = join(REPO_ROOT, 'functions');

/** The service every function logs and counts metrics as (Powertools adds it as the `service` dimension). */
export const POWERTOOLS_SERVICE = 'verbetertraject';
/** The CloudWatch namespace of the functions' own metrics. */
export const METRICS_NAMESPACE = 'Verbetertraject';

/** Where a handler module (`api/get-trajectory`, as ROUTES and the workflow registry name it) lives. */
export function handlerEntry(handler: string): string {
  return join(FUNCTIONS_DIR, `${handler}.ts`);
}

/** esbuild `--alias` arguments, one per replaced module, as NodejsFunction passes them on. */
const aliasArgs = (aliases: Readonly<Record<string, string>>): string[] =>
  Object.entries(aliases).map(([module, replacement]) => `${module}=${replacement}`);

const HOLIDAY_STUBS_DIR = join(REPO_ROOT, 'infra/bundling/holiday-calendars');

/**
 * Modules replaced in every bundle by a stub of infra/bundling/holiday-calendars/, by the module
 * each stands in for. functions/core/working-days.ts runs date-holidays-parser on the Dutch rules
 * alone, but the parser imports at module scope the calendars of every country: astronomia (with
 * its planetary tables) for equinoxes and Julian dates, date-chinese, jalaali-js and
 * date-bengali-revised, and moment-timezone (725 KB of zone data, and moment under it) for
 * holidays in a time zone. The Dutch rules (fixed dates, days counted from Easter, King's Day moved
 * off a Sunday) call none of it, and the core asks for no time zone; left in, it adds about 1 MB
 * minified to every function that imports the core (workflow/open-task: 552 KB instead of 1,528 KB)
 * and 70 ms or more to its cold start. Each stub throws, naming its module, when called: a rule
 * that needs one fails loudly instead of answering wrong.
 * test/infra/holidays-bundle.test.ts holds the bundled holidays equal to the unbundled ones.
 */
export const HOLIDAY_CALENDAR_STUBS: Readonly<Record<string, string>> = {
  'moment-timezone': join(HOLIDAY_STUBS_DIR, 'moment-timezone.ts'),
  moment: join(HOLIDAY_STUBS_DIR, 'moment.ts'),
  astronomia: join(HOLIDAY_STUBS_DIR, 'astronomia.ts'),
  // A subpath has an alias of its own: esbuild would otherwise look for it under the stub's path.
  'astronomia/data/vsop87Bearth': join(HOLIDAY_STUBS_DIR, 'astronomia-vsop87-bearth.ts'),
  'date-chinese': join(HOLIDAY_STUBS_DIR, 'date-chinese.ts'),
  'jalaali-js': join(HOLIDAY_STUBS_DIR, 'jalaali-js.ts'),
  'date-bengali-revised': join(HOLIDAY_STUBS_DIR, 'date-bengali-revised.ts'),
};

/**
 * How every handler is bundled (esbuild, run by NodejsFunction). Exported so `npm run bench`
 * measures exactly what is deployed.
 */
export const BUNDLING: BundlingOptions = {
  // The code is ESM (`"type": "module"`, top-level await is allowed); the runtime loads .mjs.
  format: OutputFormat.ESM,
  target: 'node22',
  // Prefer a dependency's ESM build where it ships one: it tree-shakes better.
  mainFields: ['module', 'main'],
  // CommonJS dependencies bundled into ESM still call `require()` for Node built-ins;
  // ESM has no `require`, so give the bundle one.
  banner:
    "import { createRequire as __verbetertrajectCreateRequire } from 'node:module'; const require = __verbetertrajectCreateRequire(import.meta.url);",
  minify: true,
  // Stack traces point at the TypeScript source (NODE_OPTIONS below turns them on); the
  // sources themselves stay out of the map to keep the bundle small.
  sourceMap: true,
  sourceMapMode: SourceMapMode.DEFAULT,
  sourcesContent: false,
  // Bundle the AWS SDK instead of using the runtime's copy: the versions in
  // package-lock.json are the ones the tests ran against.
  bundleAwsSDK: true,
  // ...except the credential providers that Lambda never reaches: credentials come from the
  // environment, the first provider in the chain, and the SDK loads the others with a dynamic
  // `import()` only when that one finds nothing. Left out, they cost nothing at cold start and
  // take a third of a client's bundle (SSO, STS and OIDC clients) with them; should one ever be
  // needed, the runtime's copy answers. docs/PERFORMANCE.md has the figures.
  externalModules: [
    '@aws-sdk/credential-provider-ini',
    '@aws-sdk/credential-provider-sso',
    '@aws-sdk/credential-provider-process',
    '@aws-sdk/credential-provider-web-identity',
    '@aws-sdk/credential-provider-http',
    '@smithy/credential-provider-imds',
  ],
  // Warnings and errors only: a size table per function would drown the synth's own output.
  logLevel: LogLevel.WARNING,
  // Modules no function calls, replaced by stubs (see HOLIDAY_CALENDAR_STUBS). An array: each
  // item becomes an `--alias:module=stub` argument of its own.
  esbuildArgs: { '--alias': aliasArgs(HOLIDAY_CALENDAR_STUBS) },
  // esbuild resolves package.json `imports` (`#core/*`, `#adapters/*`, ...) from the
  // nearest package.json and accepts `.ts` extensions in import specifiers by itself.
};

// pdfkit's own copy of the standard fonts' metrics, found the way Node finds it.
const PDFKIT_FONTS_DIR = dirname(createRequire(import.meta.url).resolve('pdfkit/standard-fonts/Helvetica'));

/**
 * A function that renders PDFs with pdfkit, bundled lean:
 * - pdfkit loads the metrics of its standard fonts at run time with `require('#standard-fonts/…')`,
 *   an `imports` entry of its own package.json that esbuild cannot follow. The metrics of the
 *   fonts the dossier uses (Helvetica in four styles, about 25 KB) are copied next to the bundle
 *   with a package.json that maps that specifier to them, so the same code finds them there.
 * - fontkit, which pdfkit needs only to embed font files (750 KB with its decompressor), is
 *   replaced by a stub: the dossier uses no font files.
 * Installing pdfkit as a node module instead (`nodeModules`) would ship both in full: several MB.
 */
const PDFKIT_BUNDLING: Partial<BundlingOptions> = {
  esbuildArgs: { '--alias': aliasArgs({ fontkit: join(REPO_ROOT, 'infra/bundling/fontkit-stub.ts') }) },
  commandHooks: {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir: string, outputDir: string) => [
      `mkdir -p "${outputDir}/pdfkit-fonts/chunks"`,
      `cp "${PDFKIT_FONTS_DIR}"/Helvetica*.cjs "${outputDir}/pdfkit-fonts/"`,
      `cp "${PDFKIT_FONTS_DIR}"/chunks/*.cjs "${outputDir}/pdfkit-fonts/chunks/"`,
      `printf '%s' '{"imports":{"#standard-fonts/*":"./pdfkit-fonts/*.cjs"}}' > "${outputDir}/package.json"`,
    ],
  },
};

/** What a handler needs beyond BUNDLING, by handler module. */
const HANDLER_BUNDLING: Readonly<Record<string, Partial<BundlingOptions>>> = {
  'api/dossier-export': PDFKIT_BUNDLING,
  'api/employee-copy': PDFKIT_BUNDLING,
};

/** The `--alias` arguments of `bundling`, as a list. */
function aliasesOf(bundling: Partial<BundlingOptions>): string[] {
  const aliases = bundling.esbuildArgs?.['--alias'];
  if (aliases === undefined || aliases === false) return [];
  if (aliases === true) throw new Error('esbuild --alias needs a value: module=replacement');
  return typeof aliases === 'string' ? [aliases] : aliases;
}

/**
 * How `handler` is bundled: BUNDLING, plus what that one handler needs. Its aliases come on top of
 * BUNDLING's, not instead of them.
 */
export function bundlingFor(handler: string): BundlingOptions {
  const own = HANDLER_BUNDLING[handler] ?? {};
  return {
    ...BUNDLING,
    ...own,
    esbuildArgs: {
      ...BUNDLING.esbuildArgs,
      ...own.esbuildArgs,
      '--alias': [...aliasesOf(BUNDLING), ...aliasesOf(own)],
    },
  };
}

/**
 * `purge`: Query and BatchWriteItem on the table itself, nothing else (the dossier purge,
 * functions/retention/purge-dossier.ts). `publish`: GetItem and PutItem on the table itself (the
 * publisher of lifecycle events reads an event and writes its published mark,
 * functions/events/lifecycle-publisher.ts).
 */
export type TableAccess = 'read' | 'readWrite' | 'purge' | 'publish';

/**
 * What a function may do with the evidence files' bucket; see `Fn.bindFiles`. `readWrite`: put,
 * check and move uploads and read stored files; `bundle`: read stored files and write exhibits
 * bundles; `purge`: list and delete a dossier's files.
 */
export type FilesAccess = 'bundle' | 'readWrite' | 'purge';

/** What `bindFiles` needs; the Files construct provides the bucket. */
export interface FilesBucket {
  readonly bucket: IBucket;
  /** FILES_MAX_BYTES: the largest file a presigned upload accepts. */
  readonly maxBytes: number;
}

/** What a function may do with the state machines; see `Fn.bindStateMachine`. */
export type StateMachineUse = 'start' | 'startTask' | 'stop' | 'respond';

/** The workflow's two state machines, as a function is given them (see `Workflow`). */
export interface WorkflowStateMachines {
  /** The trajectory: one execution per trajectory, named after it. */
  readonly trajectory: IStateMachine;
  /** The human task: one execution per task, named `<trajectoryId>.<taskId>`. */
  readonly task: IStateMachine;
}

/** What `bindMail` needs; the Mail construct provides it. */
export interface MailSender {
  readonly mailFrom: string;
  readonly identity: IEmailIdentity;
  readonly configurationSet: IConfigurationSet;
  /** Recipient identities SES's sandbox authorises a send against too; none in production. */
  readonly sandboxRecipients?: readonly string[];
  /** EMPLOYER_NAME and HR_CONTACT: the deployment's words in every mail's footer. */
  readonly employerName?: string | undefined;
  readonly hrContact?: string | undefined;
}

/** What `bindSession` needs; the Auth construct provides it. */
export interface SessionAuth {
  /** The user pool's issuer (`https://cognito-idp.<region>.amazonaws.com/<pool id>`). */
  readonly issuerUrl: string;
  /** Where the pool publishes its signing keys. */
  readonly jwksUrl: string;
  /** The app client: the audience of its ID tokens. */
  readonly clientId: string;
  /** The Hosted UI, when the pool has a domain; the URLs exactly as registered on the client. */
  readonly hostedUi?: { domainUrl: string; callbackUrl: string; signOutUrl: string } | undefined;
}

export interface FnProps {
  /** The handler module under functions/, without extension, e.g. `api/get-trajectory`. */
  readonly handler: string;
  readonly description?: string;
  readonly logRetention: RetentionDays;
  /** @default 512 MB: on arm64 that buys enough CPU for a quick cold start at a negligible price. */
  readonly memorySize?: number;
  /** @default INFO */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Extra variables; merged with the defaults and with whatever the `bind*` helpers add. */
  readonly environment?: Readonly<Record<string, string>>;
}

/**
 * One Lambda function with the project's defaults written out, and `bind*` helpers that pair
 * each environment variable with the grant that makes it usable, so a function never gets a
 * name it may not use, nor a permission it has no name for.
 */
export class Fn extends Construct {
  readonly lambda: IFunction;
  readonly logGroup: ILogGroup;
  /** The handler module this function runs. */
  readonly handler: string;
  private readonly fn: NodejsFunction;
  private readonly environment = new Map<string, string>();

  constructor(scope: Construct, id: string, props: FnProps) {
    super(scope, id);
    this.handler = props.handler;

    const entry = handlerEntry(props.handler);
    if (!existsSync(entry)) {
      throw new Error(
        `Handler module functions/${props.handler}.ts does not exist (function ${this.node.path})`,
      );
    }

    // An explicit log group: retention is set on the resource itself, without the LogRetention
    // custom resource (and its extra Lambda) that the `logRetention` prop would deploy.
    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: props.logRetention,
      // Logs are evidence when something went wrong: retention expires them, a teardown does not.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // An own role instead of the default one: the default attaches the AWS managed
    // AWSLambdaBasicExecutionRole, which may write to any log group in the account.
    const role = new Role(this, 'ServiceRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs functions/${props.handler}`,
    });
    this.logGroup.grantWrite(role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry,
      handler: 'handler',
      description: props.description ?? `functions/${props.handler}`,
      // Pinned, not NODEJS_LATEST: a runtime upgrade is a deliberate, tested change.
      runtime: Runtime.NODEJS_22_X,
      // Graviton: cheaper per millisecond and as fast for this kind of I/O-bound work.
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      // One table for every function, which the local cloud enforces too (infra/function-timeouts.ts).
      timeout: Duration.seconds(timeoutSecondsFor(props.handler)),
      role,
      logGroup: this.logGroup,
      // Powertools Logger writes structured JSON itself; the platform's own lines stay plain.
      loggingFormat: LoggingFormat.TEXT,
      // Active tracing: X-Ray samples every entry point without code in the handlers.
      tracing: Tracing.ACTIVE,
      // Both are found from this file, so bundling never depends on the working directory.
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      bundling: bundlingFor(props.handler),
    });
    this.lambda = this.fn;

    this.setEnvironment('NODE_OPTIONS', '--enable-source-maps');
    this.setEnvironment('POWERTOOLS_SERVICE_NAME', POWERTOOLS_SERVICE);
    this.setEnvironment('POWERTOOLS_METRICS_NAMESPACE', METRICS_NAMESPACE);
    this.setEnvironment('POWERTOOLS_LOG_LEVEL', props.logLevel ?? 'INFO');
    for (const [key, value] of Object.entries(props.environment ?? {})) this.setEnvironment(key, value);

    acknowledge(
      this,
      'AwsSolutions-IAM5[Resource::*]',
      'Active tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions.',
    );
    acknowledge(
      this,
      'AwsSolutions-L1',
      'Pinned to nodejs22.x on purpose: moving to a newer runtime is a deliberate change, tested first, not a side effect of a CDK upgrade.',
    );
  }

  /**
   * Adds a variable, merging with what is there. Setting a name twice to different values
   * throws: two binds disagreeing about a name is a wiring mistake, not something to resolve
   * silently by letting the last one win.
   */
  setEnvironment(key: string, value: string): this {
    const current = this.environment.get(key);
    if (current !== undefined) {
      if (current === value) return this;
      throw new Error(`${this.node.path}: environment variable ${key} is already set to a different value`);
    }
    this.environment.set(key, value);
    this.fn.addEnvironment(key, value);
    return this;
  }

  /**
   * TABLE_NAME, and read or read/write access to the table, its indexes and its key; or, for
   * `purge`, only what deleting an expired dossier takes.
   */
  bindTable(table: ITable, access: TableAccess): this {
    this.setEnvironment('TABLE_NAME', table.tableName);
    if (access === 'purge') {
      // The table alone (no index), and no PutItem, UpdateItem or GetItem: a keys-only Query of
      // one partition, then deletes in batches. DynamoDB has no IAM condition that limits
      // BatchWriteItem to deletes; the code sends nothing else.
      this.fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['dynamodb:Query', 'dynamodb:BatchWriteItem'],
          resources: [table.tableArn],
        }),
      );
      // The key's read actions, as CDK's read grant has them: DynamoDB uses the table's key on the
      // caller's behalf to read; a delete writes no new data.
      table.encryptionKey?.grant(this.fn, 'kms:Decrypt', 'kms:DescribeKey');
      return this;
    }
    if (access === 'publish') {
      // The table alone (no index, no Query): one event read by its key, one mark written.
      this.fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
          resources: [table.tableArn],
        }),
      );
      // DynamoDB uses the table's key on the caller's behalf to read and to write the new item.
      table.encryptionKey?.grant(
        this.fn,
        'kms:Decrypt',
        'kms:DescribeKey',
        'kms:Encrypt',
        'kms:GenerateDataKey',
      );
      return this;
    }
    const grant = access === 'read' ? table.grantReadData(this.fn) : table.grantReadWriteData(this.fn);
    acknowledgeGrantWildcards(
      this,
      grant,
      "CDK's table grant: `<table>/index/*` covers this table's own indexes (the HR and manager lists).",
    );
    // The key's part of the grant is a separate statement that the returned Grant leaves out.
    if (access === 'readWrite' && table.encryptionKey) {
      for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
        acknowledge(
          this,
          `AwsSolutions-IAM5[Action::${action}]`,
          "CDK's grant for writing to a table encrypted with a customer-managed key; the statement names that one key.",
        );
      }
    }
    return this;
  }

  /**
   * STATE_MACHINE_ARN and TASK_STATE_MACHINE_ARN, and the named uses:
   * - `start`: StartExecution of the trajectory, plus DescribeExecution on its executions (a
   *   repeated start is compared with the execution that already runs under that name). Human
   *   tasks are started by the trajectory, never by a function;
   * - `startTask`: StartExecution of the human-task machine (a task the process does not wait
   *   for is started by the step that opens it);
   * - `stop`: StopExecution on the executions of both state machines (a cancel stops the
   *   trajectory and every human task still running, each by its name), and ListExecutions on
   *   both machines for the executions a long pause continued in;
   * - `respond`: SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat on both: the tokens of
   *   answers and due-time wake-ups live in human-task executions, the paused sleep's in the
   *   trajectory's.
   */
  bindStateMachine(machines: WorkflowStateMachines, uses: readonly StateMachineUse[] = ['start']): this {
    this.setEnvironment('STATE_MACHINE_ARN', machines.trajectory.stateMachineArn);
    this.setEnvironment('TASK_STATE_MACHINE_ARN', machines.task.stateMachineArn);
    const both = [machines.trajectory, machines.task];
    const executionActions = new Map<IStateMachine, string[]>(both.map((machine) => [machine, []]));
    for (const use of new Set(uses)) {
      if (use === 'start') {
        machines.trajectory.grantStartExecution(this.fn);
        executionActions.get(machines.trajectory)?.push('states:DescribeExecution');
      }
      if (use === 'startTask') machines.task.grantStartExecution(this.fn);
      if (use === 'stop') {
        for (const machine of both) {
          executionActions.get(machine)?.push('states:StopExecution');
          // Executions continued after a long pause are found by listing (their names carry a date).
          machine.grant(this.fn, 'states:ListExecutions');
        }
      }
      if (use === 'respond') for (const machine of both) machine.grantTaskResponse(this.fn);
    }
    for (const [machine, actions] of executionActions) {
      if (actions.length === 0) continue;
      acknowledgeGrantWildcards(
        this,
        machine.grantExecution(this.fn, ...actions),
        'Execution actions are authorised per execution; the pattern covers the executions of one state machine of this stack.',
      );
    }
    return this;
  }

  /**
   * MAIL_FROM, and ses:SendEmail as that identity. The configuration set is named in the grant
   * as well: SES authorises a send against both the identity and the configuration set it uses,
   * and, while the account is in SES's sandbox, against each recipient's identity (granted for
   * the `sesSandboxRecipients` context value only).
   */
  bindMail(mail: MailSender): this {
    this.setEnvironment('MAIL_FROM', mail.mailFrom);
    if (mail.employerName) this.setEnvironment('EMPLOYER_NAME', mail.employerName);
    if (mail.hrContact) this.setEnvironment('HR_CONTACT', mail.hrContact);
    mail.identity.grant(this.fn, 'ses:SendEmail');
    this.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          Stack.of(this).formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: mail.configurationSet.configurationSetName,
          }),
        ],
      }),
    );
    const recipients = mail.sandboxRecipients ?? [];
    if (recipients.length > 0) {
      // In SES's sandbox a send is authorised against each recipient's identity as well. The
      // condition keeps these grants to mail from the sender: never a way to send as a recipient.
      this.fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: recipients.map((address) =>
            Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: address }),
          ),
          conditions: { StringEquals: { 'ses:FromAddress': mail.mailFrom } },
        }),
      );
    }
    return this;
  }

  /**
   * What a dashboard handler needs to verify the session cookie's ID token (AUTH_ISSUER,
   * AUTH_AUDIENCE, AUTH_JWKS_URL) and, with a Hosted UI, to sign a person in and out through it
   * (AUTH_DOMAIN_URL, AUTH_CLIENT_ID, AUTH_CALLBACK_URL, AUTH_SIGN_OUT_URL). Nothing to grant:
   * the signing keys and the Hosted UI are public endpoints.
   */
  bindSession(auth: SessionAuth): this {
    this.setEnvironment('AUTH_ISSUER', auth.issuerUrl);
    this.setEnvironment('AUTH_AUDIENCE', auth.clientId);
    this.setEnvironment('AUTH_JWKS_URL', auth.jwksUrl);
    if (auth.hostedUi) {
      this.setEnvironment('AUTH_DOMAIN_URL', auth.hostedUi.domainUrl);
      this.setEnvironment('AUTH_CLIENT_ID', auth.clientId);
      this.setEnvironment('AUTH_CALLBACK_URL', auth.hostedUi.callbackUrl);
      this.setEnvironment('AUTH_SIGN_OUT_URL', auth.hostedUi.signOutUrl);
    }
    return this;
  }

  /**
   * FILES_BUCKET and FILES_MAX_BYTES, and the S3 actions of `access` on the bucket's key prefixes only
   * (infra/constructs/files.ts), with the bucket's key for what they read and write.
   */
  bindFiles(files: FilesBucket, access: FilesAccess): this {
    const { bucket } = files;
    this.setEnvironment('FILES_BUCKET', bucket.bucketName);
    this.setEnvironment('FILES_MAX_BYTES', String(files.maxBytes));
    const staging = bucket.arnForObjects(`${FILE_PREFIXES.staging}*`);
    const stored = bucket.arnForObjects(`${FILE_PREFIXES.stored}*`);
    const bundles = bucket.arnForObjects(`${FILE_PREFIXES.bundles}*`);
    const statements: PolicyStatement[] = [];
    if (access === 'readWrite') {
      statements.push(
        // The presigned form is signed with this role: S3 checks PutObject when the browser posts.
        new PolicyStatement({
          actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
          resources: [staging],
        }),
        new PolicyStatement({ actions: ['s3:PutObject', 's3:GetObject'], resources: [stored] }),
      );
      bucket.encryptionKey?.grant(this.fn, 'kms:Decrypt', 'kms:GenerateDataKey');
    } else if (access === 'bundle') {
      // Reads the stored files, writes the bundle beside them and signs its download.
      statements.push(
        new PolicyStatement({ actions: ['s3:GetObject'], resources: [stored] }),
        new PolicyStatement({ actions: ['s3:PutObject', 's3:GetObject'], resources: [bundles] }),
      );
      bucket.encryptionKey?.grant(this.fn, 'kms:Decrypt', 'kms:GenerateDataKey');
    } else {
      statements.push(
        new PolicyStatement({
          actions: ['s3:ListBucket'],
          resources: [bucket.bucketArn],
          conditions: {
            StringLike: {
              's3:prefix': [
                `${FILE_PREFIXES.staging}*`,
                `${FILE_PREFIXES.stored}*`,
                `${FILE_PREFIXES.bundles}*`,
              ],
            },
          },
        }),
        new PolicyStatement({ actions: ['s3:DeleteObject'], resources: [staging, stored, bundles] }),
      );
    }
    for (const statement of statements) this.fn.addToRolePolicy(statement);
    for (const resource of [staging, stored, bundles]) {
      acknowledge(
        this,
        `AwsSolutions-IAM5[Resource::${nagReference(this, resource)}]`,
        'Object keys carry the trajectory and file ids, which are not known at deploy time; the grant is held to one key prefix of the one bucket.',
      );
    }
    return this;
  }

  /**
   * FILES_UPLOAD_ORIGIN (the bucket's own HTTPS origin, where the browser posts presigned uploads:
   * the page's CSP allows it) and FILES_MAX_BYTES, for a function that serves a page attaching
   * documents. Nothing to grant.
   */
  bindUploadPages(files: FilesBucket): this {
    this.setEnvironment('FILES_UPLOAD_ORIGIN', `https://${files.bucket.bucketRegionalDomainName}`);
    return this.setEnvironment('FILES_MAX_BYTES', String(files.maxBytes));
  }

  /**
   * EVENT_BUS_NAME, and PutEvents on that one bus, for events of the project's own `source` only:
   * the function cannot speak for another system on a shared bus (the default bus, say).
   */
  bindEventBus(bus: IEventBus): this {
    this.setEnvironment('EVENT_BUS_NAME', bus.eventBusName);
    this.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['events:PutEvents'],
        resources: [bus.eventBusArn],
        conditions: { StringEquals: { 'events:source': EVENT_SOURCE } },
      }),
    );
    return this;
  }

  /** BASE_URL, the public URL that mailed links start with. Nothing to grant. */
  bindBaseUrl(baseUrl: string): this {
    return this.setEnvironment('BASE_URL', baseUrl);
  }
}
