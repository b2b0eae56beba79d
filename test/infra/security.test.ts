/**
 * The security and reliability guardrails of the synthesized template: throttling of the action
 * routes, the alarms and their encrypted topic, the dashboard, and the data guardrails the issue
 * asks for (customer-managed key, point-in-time recovery, deletion protection, TTL). Built through
 * createApp(), so cdk-nag's AwsSolutions checks run on exactly this template.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '#api/routes.ts';
import { ACTION_ROUTE_THROTTLE, API_THROTTLE, isActionRoute } from '#infra/constructs/api.ts';
import {
  ABORTED_UNEXPECTEDLY_METRIC,
  EXECUTION_STOPPED_DELIVERY,
  STOPPED_STATUSES,
} from '#infra/constructs/execution-watch.ts';
import {
  SES_REPUTATION_THRESHOLDS,
  STEP_FAILED_FUNCTION_DIMENSION,
  STEP_FAILED_METRIC,
} from '#infra/constructs/monitoring.ts';
import { createApp } from '#infra/create-app.ts';
import type { VerbetertrajectStack } from '#infra/stacks/verbetertraject-stack.ts';

type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties: Json;
}

const ALARM_EMAIL = 'ops@example.nl';
let outdir: string;
let stack: VerbetertrajectStack;
let template: Template;
let resources: Record<string, Resource>;
let assemblyDir: string;

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const idOf = (construct: IConstruct): string => stack.getLogicalId(construct.node.defaultChild as CfnElement);
const getAtt = (id: string, attribute = 'Arn') => ({ 'Fn::GetAtt': [id, attribute] });
const alarmWith = (namespace: string, metricName: string) =>
  ofType('AWS::CloudWatch::Alarm').filter(
    ([, alarm]) => alarm.Properties.Namespace === namespace && alarm.Properties.MetricName === metricName,
  );

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'verbetertraject-security-'));
  const built = createApp({
    // The policies and alarms are what this file checks; the bundles are checked in stack.test.ts.
    context: {
      mailFrom: 'hr@example.nl',
      alarmEmail: ALARM_EMAIL,
      retentionYears: 7,
      'aws:cdk:bundling-stacks': [],
    },
    outdir,
    cloudFormationValidation: false,
  });
  stack = built.stack;
  assemblyDir = built.app.synth().directory;
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, Resource>;
});

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

describe('the action routes', () => {
  it('are throttled per route on the stage, tighter than the stage as a whole', () => {
    const actionRoutes = ROUTES.filter(isActionRoute);
    expect(actionRoutes.length).toBeGreaterThan(0);
    expect(ACTION_ROUTE_THROTTLE.rateLimit).toBeLessThan(API_THROTTLE.rateLimit);
    const [[stageId, stage]] = ofType('AWS::ApiGatewayV2::Stage') as [[string, Resource]];
    const settings = stage.Properties.RouteSettings as Record<string, Json>;
    expect(Object.keys(settings).sort()).toEqual(actionRoutes.map((r) => `${r.method} ${r.path}`).sort());
    for (const value of Object.values(settings)) {
      expect(value).toEqual({
        ThrottlingRateLimit: ACTION_ROUTE_THROTTLE.rateLimit,
        ThrottlingBurstLimit: ACTION_ROUTE_THROTTLE.burstLimit,
      });
    }
    // The stage names route keys, so it must be created after the routes.
    const dependsOn = (template.toJSON().Resources[stageId] as { DependsOn?: string[] }).DependsOn ?? [];
    const actionRouteIds = ofType('AWS::ApiGatewayV2::Route')
      .filter(([, r]) => (r.Properties.RouteKey as string).includes(' /actions/'))
      .map(([id]) => id);
    expect(dependsOn).toEqual(expect.arrayContaining(actionRouteIds));
  });
});

describe('alarms', () => {
  it('go to an SNS topic encrypted with a rotating key of its own, TLS only, with the alarm address subscribed', () => {
    const [[topicId, topic]] = ofType('AWS::SNS::Topic') as [[string, Resource]];
    const keyId = ((topic.Properties.KmsMasterKeyId as { 'Fn::GetAtt': string[] })['Fn::GetAtt'] ?? [])[0];
    expect(resources[keyId as string]).toMatchObject({
      Type: 'AWS::KMS::Key',
      Properties: { EnableKeyRotation: true },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: ALARM_EMAIL,
      TopicArn: { Ref: topicId },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    for (const [id, alarm] of ofType('AWS::CloudWatch::Alarm')) {
      expect(alarm.Properties.AlarmActions, id).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.AlarmDescription, id).toEqual(expect.any(String));
    }
  });

  it('fire on failed and timed-out executions of both state machines', () => {
    for (const machine of [stack.workflow.stateMachine, stack.workflow.taskStateMachine]) {
      for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut']) {
        const alarms = alarmWith('AWS/States', metric).filter(
          ([, alarm]) =>
            JSON.stringify(alarm.Properties.Dimensions) ===
            JSON.stringify([{ Name: 'StateMachineArn', Value: { Ref: idOf(machine) } }]),
        );
        expect(alarms, `${metric} of ${machine.node.id}`).toHaveLength(1);
        expect(alarms[0]?.[1].Properties).toMatchObject({
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
          Statistic: 'Sum',
        });
      }
    }
  });

  it('fire on an execution aborted while its trajectory was active, but not on every cancel', () => {
    // Step Functions' ExecutionsAborted counts the executions a cancel stops too.
    expect(alarmWith('AWS/States', 'ExecutionsAborted')).toEqual([]);
    const [[, alarm]] = alarmWith('Verbetertraject', ABORTED_UNEXPECTEDLY_METRIC) as [[string, Resource]];
    expect(alarm.Properties).toMatchObject({
      Dimensions: [{ Name: 'service', Value: 'verbetertraject' }],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('fire on an error of any function, one alarm per function; for a workflow step, on the failures it counts, so its signals to the state machine raise none', () => {
    // Prepare
    const functions = ofType('AWS::Lambda::Function').map(([id]) => id);
    const steps = [...stack.workflow.functions.values()].map((fn) => idOf(fn.lambda));
    expect(steps.length).toBeGreaterThan(0);

    // Assess: Lambda's own Errors for every other function...
    const onErrors = alarmWith('AWS/Lambda', 'Errors').map(
      ([, alarm]) => (alarm.Properties.Dimensions as { Value: { Ref: string } }[])[0]?.Value.Ref,
    );
    expect(onErrors.sort()).toEqual(functions.filter((id) => !steps.includes(id)).sort());
    // ...and for each step the metric its handler counts, named by the function's own name.
    const onFailures = alarmWith('Verbetertraject', STEP_FAILED_METRIC);
    for (const [id, alarm] of onFailures) {
      expect(alarm.Properties, id).toMatchObject({
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
      expect(alarm.Properties.Dimensions, id).toHaveLength(2);
      expect(alarm.Properties.Dimensions, id).toContainEqual({ Name: 'service', Value: 'verbetertraject' });
    }
    const stepOf = ([, alarm]: [string, Resource]) =>
      (alarm.Properties.Dimensions as { Name: string; Value: { Ref?: string } }[]).find(
        (dimension) => dimension.Name === STEP_FAILED_FUNCTION_DIMENSION,
      )?.Value.Ref;
    expect(onFailures.map(stepOf).sort()).toEqual([...steps].sort());
  });

  it('fire on any bounce or complaint, counted by the configuration set, and on the reputation rates', () => {
    const [[setId]] = ofType('AWS::SES::ConfigurationSet') as [[string, Resource]];
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: setId },
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']),
        CloudWatchDestination: Match.objectLike({ DimensionConfigurations: Match.anyValue() }),
      }),
    });
    for (const metric of ['Bounce', 'Complaint']) {
      const [[, alarm]] = alarmWith('AWS/SES', metric) as [[string, Resource]];
      expect(alarm.Properties).toMatchObject({
        Threshold: 1,
        Dimensions: [{ Name: 'ses:configuration-set', Value: { Ref: setId } }],
      });
    }
    expect(alarmWith('AWS/SES', 'Reputation.BounceRate')[0]?.[1].Properties.Threshold).toBe(
      SES_REPUTATION_THRESHOLDS.bounceRate,
    );
    expect(alarmWith('AWS/SES', 'Reputation.ComplaintRate')[0]?.[1].Properties.Threshold).toBe(
      SES_REPUTATION_THRESHOLDS.complaintRate,
    );
  });

  it('fire on a 5xx of the API', () => {
    expect(alarmWith('AWS/ApiGateway', '5xx')).toHaveLength(1);
  });

  it('and a dashboard shows them with the workflow, the functions, the mail and the API', () => {
    const [[, dashboard]] = ofType('AWS::CloudWatch::Dashboard') as [[string, Resource]];
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    for (const needle of [
      'ExecutionsFailed',
      'AWS/Lambda',
      'Bounce',
      'Complaint',
      'AWS/ApiGateway',
      'alarms',
    ]) {
      expect(body).toContain(needle);
    }
  });
});

describe('stopped executions', () => {
  it('reach the execution-stopped function from the default bus: failed, timed out or aborted, of either state machine', () => {
    const rules = ofType('AWS::Events::Rule');
    expect(rules).toHaveLength(1);
    const [[, rule]] = rules as [[string, Resource]];
    expect(rule.Properties.EventBusName).toBeUndefined();
    expect(rule.Properties.State).toBe('ENABLED');
    expect(rule.Properties.EventPattern).toEqual({
      source: ['aws.states'],
      'detail-type': ['Step Functions Execution Status Change'],
      detail: {
        status: ['FAILED', 'TIMED_OUT', 'ABORTED'],
        stateMachineArn: [
          { Ref: idOf(stack.workflow.stateMachine) },
          { Ref: idOf(stack.workflow.taskStateMachine) },
        ],
      },
    });
    expect([...STOPPED_STATUSES]).toEqual(['FAILED', 'TIMED_OUT', 'ABORTED']);
    expect(rule.Properties.Targets).toEqual([
      expect.objectContaining({
        Arn: getAtt(idOf(stack.executionWatch.handler.lambda)),
        RetryPolicy: {
          MaximumRetryAttempts: EXECUTION_STOPPED_DELIVERY.ruleRetryAttempts,
          MaximumEventAgeInSeconds: EXECUTION_STOPPED_DELIVERY.ruleMaxEventAge.toSeconds(),
        },
        DeadLetterConfig: { Arn: getAtt(idOf(stack.executionWatch.deadLetters)) },
      }),
    ]);
    // The whole event: the function reads the detail itself.
    expect(rule.Properties.Targets).toEqual([expect.not.objectContaining({ Input: expect.anything() })]);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: getAtt(idOf(stack.executionWatch.handler.lambda)),
      Principal: 'events.amazonaws.com',
      SourceArn: getAtt(ofType('AWS::Events::Rule')[0]?.[0] as string),
    });
  });

  it('are retried by Lambda when the function fails, then go to the same dead-letter queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: idOf(stack.executionWatch.handler.lambda) },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: EXECUTION_STOPPED_DELIVERY.functionRetryAttempts,
      MaximumEventAgeInSeconds: EXECUTION_STOPPED_DELIVERY.functionMaxEventAge.toSeconds(),
      DestinationConfig: { OnFailure: { Destination: getAtt(idOf(stack.executionWatch.deadLetters)) } },
    });
  });

  it('keep their dead letters encrypted, TLS only, for 14 days, accepted from this rule only, and alarm on the first', () => {
    const queueId = idOf(stack.executionWatch.deadLetters);
    expect(resources[queueId]?.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 60 * 60,
    });
    const [[, policy]] = ofType('AWS::SQS::QueuePolicy').filter(([, p]) =>
      JSON.stringify(p.Properties.Queues).includes(queueId),
    ) as [[string, Resource]];
    const statements = (policy.Properties.PolicyDocument as { Statement: Json[] }).Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    const ruleId = ofType('AWS::Events::Rule')[0]?.[0] as string;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Condition: { ArnEquals: { 'aws:SourceArn': getAtt(ruleId) } },
      }),
    );
    const [[topicId]] = ofType('AWS::SNS::Topic') as [[string, Resource]];
    const alarms = alarmWith('AWS/SQS', 'ApproximateNumberOfMessagesVisible').filter(([, alarm]) =>
      JSON.stringify(alarm.Properties.Dimensions).includes(queueId),
    );
    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.[1].Properties).toMatchObject({
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: topicId }],
    });
  });

  it('are handled with the table and mail only: no state machine, no link', () => {
    const variables = (
      resources[idOf(stack.executionWatch.handler.lambda)]?.Properties.Environment as { Variables: Json }
    ).Variables;
    expect(variables).toHaveProperty('TABLE_NAME');
    expect(variables).toHaveProperty('MAIL_FROM');
    for (const name of ['STATE_MACHINE_ARN', 'TASK_STATE_MACHINE_ARN', 'BASE_URL']) {
      expect(variables).not.toHaveProperty(name);
    }
  });
});

describe('the data guardrails', () => {
  it('keep the table on a customer-managed key, recoverable, protected, with TTL', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('expire a closed dossier the configured number of years after it closed', () => {
    const writers = ofType('AWS::Lambda::Function').filter(
      ([, fn]) => (fn.Properties.Environment as { Variables: Json }).Variables.RETENTION_DAYS !== undefined,
    );
    expect(writers.length).toBeGreaterThan(0);
    for (const [, fn] of writers) {
      expect((fn.Properties.Environment as { Variables: Json }).Variables.RETENTION_DAYS).toBe(
        String(7 * 365),
      );
    }
  });
});

describe('cdk-nag', () => {
  it('reports no unacknowledged AwsSolutions finding with the monitoring in place', () => {
    const report = JSON.parse(readFileSync(join(assemblyDir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { pluginName: string; violations: { ruleName: string }[] }[];
    };
    for (const plugin of report.pluginReports) {
      expect(plugin.violations.map((v) => `${plugin.pluginName}: ${v.ruleName}`)).toEqual([]);
    }
  });
});
