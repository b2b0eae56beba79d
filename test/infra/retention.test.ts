/**
 * Retention in the synthesized template: the table's stream, the event source mapping that feeds
 * the dossier purge only with TTL removals of trajectory items, the failure queue and its alarm,
 * and the purge's permissions (delete, never put or update). Built through createApp(), so
 * cdk-nag's checks run on exactly this template; the bundles are checked in stack.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_ACCESS } from '#infra/access.ts';
import { PURGE_HANDLER } from '#infra/constructs/retention.ts';
import { createApp } from '#infra/create-app.ts';
import type { VerbetertrajectStack } from '#infra/stacks/verbetertraject-stack.ts';

type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties: Json;
  DeletionPolicy?: string;
}
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/**
 * The table's logical id before it had a stream. A different one would make CloudFormation
 * create a new table and leave the old one behind (it is retained): a stream must be an update.
 */
const TABLE_LOGICAL_ID = 'DataTableFDBAD0F2';

let outdir: string;
let stack: VerbetertrajectStack;
let resources: Record<string, Resource>;
let assemblyDir: string;

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const idOf = (construct: IConstruct): string => stack.getLogicalId(construct.node.defaultChild as CfnElement);
const getAtt = (id: string, attribute = 'Arn') => ({ 'Fn::GetAtt': [id, attribute] });

function purgeStatements(): Statement[] {
  const roleId = (
    resources[idOf(stack.retention.purge.lambda)]?.Properties.Role as { 'Fn::GetAtt': string[] }
  )['Fn::GetAtt'][0];
  return ofType('AWS::IAM::Policy')
    .filter(([, policy]) => JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`))
    .flatMap(([, policy]) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'verbetertraject-retention-'));
  const built = createApp({
    context: { mailFrom: 'hr@example.nl', 'aws:cdk:bundling-stacks': [] },
    outdir,
    cloudFormationValidation: false,
  });
  stack = built.stack;
  assemblyDir = built.app.synth().directory;
  resources = Template.fromStack(stack).toJSON().Resources as Record<string, Resource>;
});

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

describe('the table', () => {
  it('streams the keys of what changes, keeps its TTL, and is the same table (an update, no replacement)', () => {
    const table = resources[TABLE_LOGICAL_ID];
    expect(table?.Type).toBe('AWS::DynamoDB::Table');
    expect(idOf(stack.data.table)).toBe(TABLE_LOGICAL_ID);
    expect(table?.DeletionPolicy).toBe('Retain');
    expect(table?.Properties).toMatchObject({
      StreamSpecification: { StreamViewType: 'KEYS_ONLY' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      DeletionProtectionEnabled: true,
    });
    // TableName (like the key schema) cannot change without a replacement; it is not set at all.
    expect(table?.Properties.TableName).toBeUndefined();
  });
});

describe('the purge', () => {
  it('is fed by the stream, filtered to TTL removals of trajectory items, with retries, bisection and a failure queue', () => {
    // The purge's own mapping; the publisher of lifecycle events has another (lifecycle-events.test.ts).
    const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(
      ([, mapping]) =>
        JSON.stringify(mapping.Properties.FunctionName) ===
        JSON.stringify({ Ref: idOf(stack.retention.purge.lambda) }),
    );
    expect(mappings).toHaveLength(1);
    const [[, mapping]] = mappings as [[string, Resource]];
    expect(mapping.Properties).toMatchObject({
      EventSourceArn: getAtt(TABLE_LOGICAL_ID, 'StreamArn'),
      FunctionName: { Ref: idOf(stack.retention.purge.lambda) },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 10,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 6 * 60 * 60,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: getAtt(idOf(stack.retention.failures)) } },
    });
    const filters = (mapping.Properties.FilterCriteria as { Filters: { Pattern: string }[] }).Filters;
    expect(filters.map((filter) => JSON.parse(filter.Pattern) as unknown)).toEqual([
      {
        eventName: ['REMOVE'],
        userIdentity: { type: ['Service'], principalId: ['dynamodb.amazonaws.com'] },
        dynamodb: { Keys: { PK: { S: [{ prefix: 'TRAJECTORY#' }] }, SK: { S: ['META'] } } },
      },
    ]);
  });

  it('may query the table and delete in batches, read the stream and send to its queue; never put, update, get or scan', () => {
    expect(FUNCTION_ACCESS[PURGE_HANDLER]).toEqual({ table: 'purge', files: 'purge' });
    const statements = purgeStatements();
    const actions = statements.flatMap((statement) => asArray(statement.Action));
    for (const denied of [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:Scan',
      'dynamodb:BatchGetItem',
      'dynamodb:ConditionCheckItem',
    ]) {
      expect(actions).not.toContain(denied);
    }
    expect(actions.filter((action) => action.startsWith('dynamodb:')).sort()).toEqual([
      'dynamodb:BatchWriteItem',
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
      'dynamodb:ListStreams',
      'dynamodb:Query',
    ]);
    const resourceOf = (action: string) =>
      statements.filter((statement) => asArray(statement.Action).includes(action)).map((s) => s.Resource);
    // The table itself, not its indexes.
    expect(resourceOf('dynamodb:Query')).toEqual([getAtt(TABLE_LOGICAL_ID)]);
    expect(resourceOf('dynamodb:BatchWriteItem')).toEqual([getAtt(TABLE_LOGICAL_ID)]);
    expect(resourceOf('dynamodb:GetRecords')).toEqual([getAtt(TABLE_LOGICAL_ID, 'StreamArn')]);
    expect(resourceOf('sqs:SendMessage')).toEqual([getAtt(idOf(stack.retention.failures))]);
    expect(resourceOf('kms:Decrypt')).toEqual([getAtt(idOf(stack.data.key))]);
    expect(actions).not.toContain('kms:GenerateDataKey*');
    expect(actions).not.toContain('kms:Encrypt');
  });

  it('needs no retention period and no state machine: only the table name', () => {
    const variables = (
      resources[idOf(stack.retention.purge.lambda)]?.Properties.Environment as { Variables: Json }
    ).Variables;
    expect(variables).toHaveProperty('TABLE_NAME');
    for (const name of ['RETENTION_DAYS', 'STATE_MACHINE_ARN', 'MAIL_FROM', 'BASE_URL']) {
      expect(variables).not.toHaveProperty(name);
    }
  });
});

describe('the failure queue', () => {
  it('is encrypted at rest, refuses requests without TLS, and keeps messages for 14 days', () => {
    const queueId = idOf(stack.retention.failures);
    expect(resources[queueId]?.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 60 * 60,
    });
    const policies = ofType('AWS::SQS::QueuePolicy').filter(([, policy]) =>
      JSON.stringify(policy.Properties.Queues).includes(queueId),
    );
    expect(policies).toHaveLength(1);
    expect((policies[0]![1].Properties.PolicyDocument as { Statement: Json[] }).Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('raises an alarm on its first message', () => {
    const [[topicId]] = ofType('AWS::SNS::Topic') as [[string, Resource]];
    const alarms = ofType('AWS::CloudWatch::Alarm').filter(
      ([, alarm]) =>
        alarm.Properties.Namespace === 'AWS/SQS' &&
        alarm.Properties.MetricName === 'ApproximateNumberOfMessagesVisible' &&
        JSON.stringify(alarm.Properties.Dimensions).includes(idOf(stack.retention.failures)),
    );
    expect(alarms).toHaveLength(1);
    expect(alarms[0]![1].Properties).toMatchObject({
      Dimensions: [{ Name: 'QueueName', Value: getAtt(idOf(stack.retention.failures), 'QueueName') }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: topicId }],
    });
  });
});

describe('cdk-nag', () => {
  it('has nothing unacknowledged, and the queue is acknowledged as the dead-letter destination it is', () => {
    const report = JSON.parse(readFileSync(join(assemblyDir, 'validation-report.json'), 'utf8')) as {
      pluginReports: {
        pluginName: string;
        violations: unknown[];
        suppressedViolations?: { ruleName: string; reason: string }[];
      }[];
    };
    const nag = report.pluginReports.find((plugin) => plugin.pluginName === 'AwsSolutions');
    expect(nag?.violations).toEqual([]);
    const sqs3 = (nag?.suppressedViolations ?? []).filter((s) => s.ruleName === 'AwsSolutions-SQS3');
    expect(sqs3.map((s) => s.reason)).toContainEqual(
      expect.stringMatching(/on-failure destination of the purge/),
    );
  });
});
