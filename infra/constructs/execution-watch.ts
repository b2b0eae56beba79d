import { Duration } from 'aws-cdk-lib';
import { type IMetric, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { type IRule, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { Fn, METRICS_NAMESPACE, POWERTOOLS_SERVICE } from './fn.ts';
import { acknowledge } from './nag.ts';

/** The handler module; its access is declared in infra/access.ts like any other. */
export const EXECUTION_STOPPED_HANDLER = 'workflow/execution-stopped';

/** The execution statuses that end an execution without finishing it; the handler accepts exactly these. */
export const STOPPED_STATUSES = ['FAILED', 'TIMED_OUT', 'ABORTED'] as const;

/**
 * The metric the handler counts when an execution was aborted while its trajectory was still
 * active: aborted by anything but a cancel (a cancel closes the trajectory). Step Functions'
 * own ExecutionsAborted cannot tell the two apart.
 */
export const ABORTED_UNEXPECTEDLY_METRIC = 'ExecutionAbortedUnexpectedly';

/** How events reach the handler; exported for the infra tests. */
export const EXECUTION_STOPPED_DELIVERY = {
  /** EventBridge's attempts to hand an event to Lambda (throttling, a service error). */
  ruleRetryAttempts: 10,
  /** An event EventBridge could not deliver in this time goes to the dead-letter queue. */
  ruleMaxEventAge: Duration.hours(6),
  /**
   * Lambda's own retries of an event the function failed on (the mail did not go out, a write
   * kept losing); Lambda waits a minute, then two, between them. Then the dead-letter queue.
   */
  functionRetryAttempts: 2,
  functionMaxEventAge: Duration.hours(6),
} as const;

export interface ExecutionWatchProps {
  /** The state machines whose executions must never end unnoticed. */
  readonly stateMachines: readonly IStateMachine[];
  readonly logRetention: RetentionDays;
}

/**
 * No trajectory silently stays `active`: when an execution of the workflow fails, times out or
 * is aborted, an EventBridge rule on the default bus hands the event to ExecutionStopped
 * (functions/workflow/execution-stopped.ts), which flags a still-active trajectory for attention
 * and tells its HR advisor. What cannot be handled ends up in a dead-letter queue that is alarmed.
 * The function's table and mail access are bound by the stack from infra/access.ts.
 */
export class ExecutionWatch extends Construct {
  readonly handler: Fn;
  readonly rule: IRule;
  /**
   * Where an event ends up that was given up on: EventBridge could not deliver it, or the function
   * failed on it every time. Either way a trajectory may be standing still unflagged.
   */
  readonly deadLetters: IQueue;
  /** Executions aborted while their trajectory was active (see ABORTED_UNEXPECTEDLY_METRIC). */
  readonly abortedUnexpectedly: IMetric;

  constructor(scope: Construct, id: string, props: ExecutionWatchProps) {
    super(scope, id);

    this.handler = new Fn(this, 'ExecutionStopped', {
      handler: EXECUTION_STOPPED_HANDLER,
      description: 'Flags the trajectory of a failed, timed-out or aborted workflow execution and tells HR',
      logRetention: props.logRetention,
    });

    // Both EventBridge (undeliverable) and Lambda (failed every time) send here. The messages
    // carry the event, whose execution input has ids in it: encrypted at rest, TLS only.
    const deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.deadLetters = deadLetters;
    acknowledge(
      deadLetters,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter destination of the execution-stopped rule target and of the function it invokes. An alarm watches it.',
    );

    const rule = new Rule(this, 'Rule', {
      description: 'Workflow executions that ended without finishing: failed, timed out or aborted',
      // The default bus: Step Functions sends execution status changes there, and only there.
      eventPattern: {
        source: ['aws.states'],
        detailType: ['Step Functions Execution Status Change'],
        detail: {
          status: [...STOPPED_STATUSES],
          stateMachineArn: props.stateMachines.map((machine) => machine.stateMachineArn),
        },
      },
    });
    rule.addTarget(
      new LambdaFunction(this.handler.lambda, {
        retryAttempts: EXECUTION_STOPPED_DELIVERY.ruleRetryAttempts,
        maxEventAge: EXECUTION_STOPPED_DELIVERY.ruleMaxEventAge,
        deadLetterQueue: deadLetters,
      }),
    );
    this.rule = rule;

    // EventBridge invokes asynchronously: once Lambda has accepted an event, the rule's retries
    // and queue are out of the picture and Lambda's own settings decide what a failure leads to.
    this.handler.lambda.configureAsyncInvoke({
      retryAttempts: EXECUTION_STOPPED_DELIVERY.functionRetryAttempts,
      maxEventAge: EXECUTION_STOPPED_DELIVERY.functionMaxEventAge,
      onFailure: new SqsDestination(deadLetters),
    });

    // Counted by the handler with Powertools, which adds the service as a dimension.
    this.abortedUnexpectedly = new Metric({
      namespace: METRICS_NAMESPACE,
      metricName: ABORTED_UNEXPECTEDLY_METRIC,
      dimensionsMap: { service: POWERTOOLS_SERVICE },
      period: Duration.minutes(5),
      statistic: 'Sum',
    });
  }
}
