import { Duration, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IAlarm,
  type IMetric,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import {
  CloudWatchDimensionSource,
  ConfigurationSetEventDestination,
  EmailSendingEvent,
  EventDestination,
  type IConfigurationSet,
} from 'aws-cdk-lib/aws-ses';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { type Fn, METRICS_NAMESPACE, POWERTOOLS_SERVICE } from './fn.ts';

/**
 * SES's own review thresholds are a 5 % bounce rate and a 0.1 % complaint rate; alarm well
 * before an account is put under review and stops sending the dossier's notices.
 */
export const SES_REPUTATION_THRESHOLDS = { bounceRate: 0.025, complaintRate: 0.0005 } as const;

/** The dimension the configuration set's events are counted under in CloudWatch. */
const SES_DIMENSION = 'ses:configuration-set';

/**
 * What a workflow step counts, with Powertools, when it fails: any error but the named signals
 * with which the steps steer the state machines (functions/workflow/support.ts, which has the
 * same names). Lambda's own `Errors` counts those signals as well, and they are thrown in normal
 * operation: at the end of every term's follow-ups, whenever mails wait for a working day.
 */
export const STEP_FAILED_METRIC = 'WorkflowStepFailed';
/** The dimension that names the function on STEP_FAILED_METRIC, beside Powertools' `service`. */
export const STEP_FAILED_FUNCTION_DIMENSION = 'function_name';

/** A state machine whose failed and timed-out executions raise an alarm. */
export interface WatchedStateMachine {
  readonly stateMachine: IStateMachine;
  /** Prefixes the alarms' construct ids (`''` keeps the trajectory's ids as they were). */
  readonly alarmPrefix: string;
  /** The state machine in words, for alarm descriptions and graph labels (`trajectory`). */
  readonly name: string;
}

export interface MonitoringProps {
  /** The trajectory first, then the human task. */
  readonly stateMachines: readonly WatchedStateMachine[];
  /**
   * Executions aborted while their trajectory was active, as the execution-stopped handler counts
   * them. Step Functions' ExecutionsAborted counts every cancel too, so it raises no alarm.
   */
  readonly abortedUnexpectedly?: IMetric;
  /** Every function of the stack but the workflow's steps: any error of theirs is a failure. */
  readonly functions: readonly Fn[];
  /**
   * The functions the state machines invoke. Their alarms watch the failures they count
   * themselves (STEP_FAILED_METRIC), so the signals they steer the state machines with raise none.
   */
  readonly workflowSteps?: readonly Fn[];
  readonly httpApi: IHttpApi;
  readonly configurationSet: IConfigurationSet;
  /** Queues where work ends up that was given up on; any message in one is an alarm. */
  readonly failureQueues?: readonly { id: string; queue: IQueue; description: string }[];
  /** Subscribed to the alarm topic when given; SES mails a confirmation link first. */
  readonly alarmEmail?: string;
}

/**
 * Alarms on what must never go unnoticed in a system that keeps legal dossiers, all sent to one
 * encrypted SNS topic, and a dashboard of the same signals:
 * - an execution of either state machine that failed or timed out, and one aborted while its
 *   trajectory was active (the execution-stopped handler also flags the trajectory and mails its
 *   HR advisor, but an operator must look at the cause);
 * - any error of any function, one alarm per function so the alarm names the culprit; for a
 *   workflow step, any failure it counted, since its signals to the state machine are errors too;
 * - any message in a failure queue (work given up on, such as a dossier that was not purged);
 * - any bounce or complaint: a notice that did not reach a person can matter in court later;
 *   and the account's reputation rates, before SES puts sending under review;
 * - the API answering with 5xx, which it never should.
 */
export class Monitoring extends Construct {
  readonly topic: ITopic;
  readonly key: IKey;
  readonly alarms: readonly IAlarm[];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);

    // A key of our own: CloudWatch cannot publish to a topic encrypted with the AWS managed SNS
    // key, whose policy cannot grant it anything.
    this.key = new Key(this, 'Key', {
      description: 'Encrypts the verbetertraject alarm topic',
      enableKeyRotation: true,
    });
    this.key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    const topic = new Topic(this, 'AlarmTopic', {
      displayName: 'Verbetertraject alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    if (props.alarmEmail) topic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.topic = topic;
    const notify = new SnsAction(topic);

    const alarms: Alarm[] = [];
    const alarm = (alarmId: string, metric: IMetric, description: string, threshold = 1): Alarm => {
      const created = new Alarm(this, alarmId, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // No data means nothing happened: no failures, no mail, no traffic.
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(notify);
      alarms.push(created);
      return created;
    };

    const fiveMinutes = { period: Duration.minutes(5), statistic: 'Sum' };
    for (const { stateMachine, alarmPrefix, name } of props.stateMachines) {
      alarm(
        `${alarmPrefix}ExecutionsFailed`,
        stateMachine.metricFailed(fiveMinutes),
        `An execution of the ${name} state machine failed. Its trajectory is flagged for attention; find the failed step in the execution history.`,
      );
      alarm(
        `${alarmPrefix}ExecutionsTimedOut`,
        stateMachine.metricTimedOut(fiveMinutes),
        `An execution of the ${name} state machine timed out. Its trajectory is flagged for attention.`,
      );
    }
    if (props.abortedUnexpectedly) {
      alarm(
        'ExecutionsAbortedUnexpectedly',
        props.abortedUnexpectedly,
        'A workflow execution was stopped while its trajectory was still active: not by the cancel endpoint. The trajectory is flagged for attention.',
      );
    }

    for (const fn of props.functions) {
      alarm(
        `Errors${fn.node.id}`,
        fn.lambda.metricErrors(fiveMinutes),
        `functions/${fn.handler} reported an error; its log group has the (redacted) cause.`,
      );
    }
    // Powertools adds the service as a dimension; the step adds the function's name.
    const stepFailures = (fn: Fn) =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName: STEP_FAILED_METRIC,
        dimensionsMap: {
          service: POWERTOOLS_SERVICE,
          [STEP_FAILED_FUNCTION_DIMENSION]: fn.lambda.functionName,
        },
        ...fiveMinutes,
      });
    const workflowSteps = props.workflowSteps ?? [];
    for (const fn of workflowSteps) {
      alarm(
        `Errors${fn.node.id}`,
        stepFailures(fn),
        `functions/${fn.handler} failed ("Workflow step failed" in its log group, with the redacted cause). The signals it steers the state machine with do not count.`,
      );
    }

    for (const { id: alarmId, queue, description } of props.failureQueues ?? []) {
      alarm(
        alarmId,
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        description,
      );
    }

    // Bounce and complaint counts come from the configuration set's own event destination.
    new ConfigurationSetEventDestination(this, 'MailEvents', {
      configurationSet: props.configurationSet,
      destination: EventDestination.cloudWatchDimensions([
        {
          name: SES_DIMENSION,
          source: CloudWatchDimensionSource.MESSAGE_TAG,
          defaultValue: props.configurationSet.configurationSetName,
        },
      ]),
      events: [
        EmailSendingEvent.SEND,
        EmailSendingEvent.DELIVERY,
        EmailSendingEvent.BOUNCE,
        EmailSendingEvent.COMPLAINT,
        EmailSendingEvent.REJECT,
      ],
    });
    const mailMetric = (metricName: string) =>
      new Metric({
        namespace: 'AWS/SES',
        metricName,
        dimensionsMap: { [SES_DIMENSION]: props.configurationSet.configurationSetName },
        period: Duration.hours(1),
        statistic: 'Sum',
      });
    alarm(
      'MailBounced',
      mailMetric('Bounce'),
      'A mail bounced: someone did not get a notice about their trajectory. Check the address in the dossier.',
    );
    alarm(
      'MailComplaint',
      mailMetric('Complaint'),
      'A recipient marked a mail as spam. Repeated complaints put SES sending under review.',
    );
    const reputation = (metricName: string) =>
      new Metric({ namespace: 'AWS/SES', metricName, period: Duration.hours(1), statistic: 'Maximum' });
    alarm(
      'BounceRate',
      reputation('Reputation.BounceRate'),
      'The account bounce rate nears the level at which SES reviews the account.',
      SES_REPUTATION_THRESHOLDS.bounceRate,
    );
    alarm(
      'ComplaintRate',
      reputation('Reputation.ComplaintRate'),
      'The account complaint rate nears the level at which SES reviews the account.',
      SES_REPUTATION_THRESHOLDS.complaintRate,
    );

    const apiMetric = (metricName: string, statistic = 'Sum') =>
      new Metric({
        namespace: 'AWS/ApiGateway',
        metricName,
        dimensionsMap: { ApiId: props.httpApi.apiId, Stage: '$default' },
        period: Duration.minutes(5),
        statistic,
      });
    alarm('Api5xx', apiMetric('5xx'), 'The API answered with a server error, which bad input never causes.');
    this.alarms = alarms;

    const region = Stack.of(this).region;
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${Stack.of(this).stackName}-operations`,
      defaultInterval: Duration.days(7),
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# Verbetertraject\nWorkflow, functions, mail and API. Alarms go to the SNS topic of this stack (${region}).`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(new AlarmStatusWidget({ title: 'Alarms', alarms, width: 24 }));
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Workflow executions',
        left: props.stateMachines.flatMap(({ stateMachine, name }) =>
          [
            stateMachine.metricStarted(fiveMinutes),
            stateMachine.metricSucceeded(fiveMinutes),
            stateMachine.metricFailed(fiveMinutes),
            stateMachine.metricTimedOut(fiveMinutes),
            stateMachine.metricAborted(fiveMinutes),
          ].map((metric) => metric.with({ label: `${name}: ${metric.metricName}` })),
        ),
        width: 12,
      }),
      new GraphWidget({
        title: 'Function errors',
        // What the alarms watch: a workflow step's failures, without its signals.
        left: [
          ...props.functions.map((fn) => fn.lambda.metricErrors({ ...fiveMinutes, label: fn.handler })),
          ...workflowSteps.map((fn) => stepFailures(fn).with({ label: fn.handler })),
        ],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Mail',
        left: ['Send', 'Delivery', 'Bounce', 'Complaint', 'Reject'].map(mailMetric),
        width: 12,
      }),
      new GraphWidget({
        title: 'API',
        left: [apiMetric('Count'), apiMetric('4xx'), apiMetric('5xx')],
        right: [apiMetric('Latency', 'p95')],
        width: 12,
      }),
    );
  }
}
