import { CfnOutput, CfnParameter, Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { ROUTES, type RouteDefinition } from '#api/routes.ts';
import { type Access, FUNCTION_ACCESS } from '../access.ts';
import type { AppConfig } from '../config.ts';
import { Api } from '../constructs/api.ts';
import { Auth } from '../constructs/auth.ts';
import { Data } from '../constructs/data.ts';
import { EscalationWebhook } from '../constructs/escalation-webhook.ts';
import { ExecutionWatch } from '../constructs/execution-watch.ts';
import { Files } from '../constructs/files.ts';
import type { Fn, WorkflowStateMachines } from '../constructs/fn.ts';
import { Mail } from '../constructs/mail.ts';
import { Monitoring } from '../constructs/monitoring.ts';
import { LifecycleEvents } from '../constructs/lifecycle-events.ts';
import { Retention } from '../constructs/retention.ts';
import { Workflow } from '../constructs/workflow.ts';

export interface VerbetertrajectStackProps extends StackProps {
  readonly config: AppConfig;
  /** @default ROUTES from functions/api/routes.ts */
  readonly routes?: readonly RouteDefinition[];
  /** @default FUNCTION_ACCESS from infra/access.ts */
  readonly access?: Readonly<Record<string, Access>>;
}

export class VerbetertrajectStack extends Stack {
  readonly data: Data;
  readonly mail: Mail;
  readonly auth: Auth;
  readonly workflow: Workflow;
  /** Flags the trajectory of an execution that failed, timed out or was aborted. */
  readonly executionWatch: ExecutionWatch;
  readonly api: Api;
  readonly monitoring: Monitoring;
  readonly retention: Retention;
  /** The bucket of the evidence files. */
  readonly files: Files;
  /** The bus lifecycle events go to and their publisher (docs/events.md). */
  readonly lifecycleEvents: LifecycleEvents;
  /** The worked example of README.md: escalations to a chat webhook; only with `escalationWebhookUrl`. */
  readonly escalationWebhook?: EscalationWebhook;
  /** The public base URL mailed links start with. */
  readonly baseUrl: string;

  constructor(scope: Construct, id: string, props: VerbetertrajectStackProps) {
    super(scope, id, props);
    const { config } = props;
    // readConfig accepts only the periods CloudWatch Logs knows, i.e. RetentionDays' values.
    const logRetention = config.logRetentionDays as RetentionDays;

    // A parameter rather than a placeholder address: synth needs no sender, but a deploy
    // without one stops before anything is created (see AppConfig.mailFrom).
    const mailFrom = new CfnParameter(this, 'MailFrom', {
      type: 'String',
      description: 'Sender address of every mail; SES sends it a verification link after the first deploy.',
      allowedPattern: '^[^\\s@<>]+@[^\\s@<>]+\\.[^\\s@<>]+$',
      constraintDescription: 'a plain e-mail address, e.g. hr@example.nl',
      ...(config.mailFrom ? { default: config.mailFrom } : {}),
    }).valueAsString;

    this.data = new Data(this, 'Data');
    this.files = new Files(this, 'Files', { key: this.data.key });
    this.mail = new Mail(this, 'Mail', {
      mailFrom,
      sandboxRecipients: config.sesSandboxRecipients,
      employerName: config.employerName,
      hrContact: config.hrContact,
    });
    this.workflow = new Workflow(this, 'Workflow', { logRetention });
    this.executionWatch = new ExecutionWatch(this, 'ExecutionWatch', {
      stateMachines: [this.workflow.stateMachine, this.workflow.taskStateMachine],
      logRetention,
    });
    this.retention = new Retention(this, 'Retention', { table: this.data.table, logRetention });
    this.lifecycleEvents = new LifecycleEvents(this, 'LifecycleEvents', {
      table: this.data.table,
      useDefaultBus: config.eventBus === 'default',
      logRetention,
    });

    const auth = new Auth(this, 'Auth', {
      cognitoDomainPrefix: config.cognitoDomainPrefix,
      // The sign-in redirect goes to the base URL, which may be the API's own URL, and the API
      // needs the user pool first: resolve it when the template is written.
      appUrl: Lazy.string({ produce: () => this.baseUrl }),
    });
    this.auth = auth;
    this.api = new Api(this, 'Api', {
      routes: props.routes ?? ROUTES,
      userPool: auth.userPool,
      userPoolClient: auth.client,
      logRetention,
    });
    this.baseUrl = config.baseUrl ?? this.api.url;
    // Task pages upload documents from the browser straight to the bucket: only from the app.
    this.files.allowUploadsFrom(config.baseUrl ? new URL(config.baseUrl).origin : this.api.url);

    const access = props.access ?? FUNCTION_ACCESS;
    // Functions a state machine invokes get both by name: its definition depends on their ARNs.
    const machines: WorkflowStateMachines = {
      trajectory: this.workflow.stateMachine,
      task: this.workflow.taskStateMachine,
    };
    const machinesByName: WorkflowStateMachines = {
      trajectory: this.workflow.stateMachineByName,
      task: this.workflow.taskStateMachineByName,
    };
    const bound = new Set<string>();
    const bind = (fn: Fn, invokedByStateMachine: boolean): void => {
      const needs = access[fn.handler];
      if (!needs) {
        throw new Error(
          `No access is declared for functions/${fn.handler}.ts; add it to FUNCTION_ACCESS in infra/access.ts`,
        );
      }
      bound.add(fn.handler);
      if (needs.table) {
        fn.bindTable(this.data.table, needs.table);
        // Writers set the expiry of a closed dossier (the repository counts in days, and
        // defaults to two years of 365); DynamoDB's TTL removes it then.
        if (needs.table === 'readWrite') {
          fn.setEnvironment('RETENTION_DAYS', String(config.retentionYears * 365));
        }
      }
      if (needs.stateMachine?.length) {
        fn.bindStateMachine(invokedByStateMachine ? machinesByName : machines, needs.stateMachine);
      }
      if (needs.mail) fn.bindMail(this.mail);
      if (needs.links) fn.bindBaseUrl(this.baseUrl);
      if (needs.session) fn.bindSession(auth);
      if (needs.files) {
        fn.bindFiles({ bucket: this.files.bucket, maxBytes: config.filesMaxMb * 1024 * 1024 }, needs.files);
      }
      if (needs.uploadPages) {
        fn.bindUploadPages({ bucket: this.files.bucket, maxBytes: config.filesMaxMb * 1024 * 1024 });
      }
      if (needs.events) fn.bindEventBus(this.lifecycleEvents.bus);
      // Always set, the default too: the deployed value is the one the runbook says.
      if (needs.copyLinks) fn.setEnvironment('COPY_LINK_DAYS', String(config.copyLinkDays));
    };
    for (const fn of this.api.functions.values()) bind(fn, false);
    // The functions that create a trajectory fix its consequence statement (functions/core/trajectory.ts).
    for (const handler of ['api/create-trajectory', 'api/dashboard-actions']) {
      const fn = this.api.functions.get(handler);
      const { nl, en } = config.consequenceStatement;
      if (fn && nl !== undefined) fn.setEnvironment('CONSEQUENCE_STATEMENT_NL', nl);
      if (fn && en !== undefined) fn.setEnvironment('CONSEQUENCE_STATEMENT_EN', en);
    }
    for (const fn of this.workflow.functions.values()) bind(fn, true);
    bind(this.retention.purge, false);
    bind(this.executionWatch.handler, false);
    bind(this.lifecycleEvents.publisher, false);
    const stale = Object.keys(access).filter((handler) => !bound.has(handler));
    if (stale.length > 0) {
      throw new Error(
        `infra/access.ts declares access for ${stale.join(', ')}, which no route or workflow step uses`,
      );
    }

    if (config.escalationWebhookUrl) {
      this.escalationWebhook = new EscalationWebhook(this, 'EscalationWebhook', {
        bus: this.lifecycleEvents.bus,
        url: config.escalationWebhookUrl,
        baseUrl: this.baseUrl,
      });
    }

    this.monitoring = new Monitoring(this, 'Monitoring', {
      stateMachines: [
        { stateMachine: this.workflow.stateMachine, alarmPrefix: '', name: 'trajectory' },
        { stateMachine: this.workflow.taskStateMachine, alarmPrefix: 'HumanTask', name: 'human-task' },
      ],
      abortedUnexpectedly: this.executionWatch.abortedUnexpectedly,
      functions: [
        ...this.api.functions.values(),
        this.retention.purge,
        this.executionWatch.handler,
        this.lifecycleEvents.publisher,
      ],
      workflowSteps: [...this.workflow.functions.values()],
      failureQueues: [
        {
          id: 'PurgeFailed',
          queue: this.retention.failures,
          description:
            'A dossier whose trajectory item expired could not be purged: its other items and action links are still in the table. The message names the stream batch; see docs/data-model.md, "Retention".',
        },
        {
          id: 'LifecycleEventsNotPublished',
          queue: this.lifecycleEvents.failures,
          description:
            'Dossier events could not be published as lifecycle events: subscribers did not hear of them. The message names the stream batch; see docs/events.md, "When publishing fails".',
        },
        ...(this.escalationWebhook
          ? [
              {
                id: 'EscalationWebhookUndelivered',
                queue: this.escalationWebhook.deadLetters,
                description:
                  'An escalated task could not be posted to the chat webhook. The message holds the TaskEscalated event (ids and times only).',
              },
            ]
          : []),
        {
          id: 'ExecutionStoppedUnhandled',
          queue: this.executionWatch.deadLetters,
          description:
            'A failed, timed-out or aborted workflow execution was not handled: its trajectory may stand still without being flagged and without HR knowing. The message holds the execution status change event; look up the execution and tell HR.',
        },
      ],
      httpApi: this.api.httpApi,
      configurationSet: this.mail.configurationSet,
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'BaseUrl', { value: this.baseUrl, description: 'Base URL of mailed links' });
    new CfnOutput(this, 'UserPoolId', { value: auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: auth.client.userPoolClientId });
    if (auth.hostedUi) {
      new CfnOutput(this, 'HostedUiUrl', {
        value: auth.hostedUi.domainUrl,
        description: 'The Cognito Hosted UI the dashboard signs in on',
      });
    }
    new CfnOutput(this, 'StateMachineArn', { value: this.workflow.stateMachine.stateMachineArn });
    new CfnOutput(this, 'TaskStateMachineArn', { value: this.workflow.taskStateMachine.stateMachineArn });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn });
    new CfnOutput(this, 'EventBusName', {
      value: this.lifecycleEvents.bus.eventBusName,
      description: 'The bus lifecycle events are put on (docs/events.md)',
    });
  }
}
