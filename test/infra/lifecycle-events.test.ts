/**
 * Lifecycle events in the synthesized template (docs/events.md): the bus (the stack's own, or the
 * default bus by context), the publisher's stream mapping and its least-privilege grants, and the
 * worked example of README.md, a rule posting `TaskEscalated` to a webhook through an API
 * destination, which is absent unless `escalationWebhookUrl` is given. Built through createApp(),
 * so cdk-nag's checks run on exactly these templates.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOSSIER_EVENT_INSERT_PATTERN } from '#adapters/table-schema.ts';
import { ESCALATION_WEBHOOK_DELIVERY } from '#infra/constructs/escalation-webhook.ts';
import { PUBLISHER_STREAM } from '#infra/constructs/lifecycle-events.ts';
import { createApp } from '#infra/create-app.ts';
import type { VerbetertrajectStack } from '#infra/stacks/verbetertraject-stack.ts';

type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties: Json;
}
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Json;
}

const WEBHOOK = 'https://hooks.example.nl/services/T000/B000/secret';

interface Built {
  stack: VerbetertrajectStack;
  resources: Record<string, Resource>;
  assemblyDir: string;
}

const outdirs: string[] = [];

function build(context: Record<string, unknown>): Built {
  const outdir = mkdtempSync(join(tmpdir(), 'verbetertraject-events-'));
  outdirs.push(outdir);
  const { app, stack } = createApp({
    context: { mailFrom: 'hr@example.nl', 'aws:cdk:bundling-stacks': [], ...context },
    outdir,
    cloudFormationValidation: false,
  });
  const assemblyDir = app.synth().directory;
  const resources = Template.fromStack(stack).toJSON().Resources as Record<string, Resource>;
  return { stack, resources, assemblyDir };
}

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const ofType = (built: Built, type: string) =>
  Object.entries(built.resources).filter(([, resource]) => resource.Type === type);
const idOf = (built: Built, construct: IConstruct) =>
  built.stack.getLogicalId(construct.node.defaultChild as CfnElement);

/** Every statement of the policies attached to the role with logical id `roleId`. */
function statementsOfRole(built: Built, roleId: string): Statement[] {
  return ofType(built, 'AWS::IAM::Policy')
    .filter(([, policy]) => JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`))
    .flatMap(([, policy]) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

function publisherStatements(built: Built): Statement[] {
  const fn = built.resources[idOf(built, built.stack.lifecycleEvents.publisher.lambda)]!;
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
  return statementsOfRole(built, roleId);
}

function nagViolations(built: Built): string[] {
  const report = JSON.parse(readFileSync(join(built.assemblyDir, 'validation-report.json'), 'utf8')) as {
    pluginReports: { pluginName: string; violations: { ruleName: string }[] }[];
  };
  return report.pluginReports.flatMap((plugin) =>
    plugin.violations.map((v) => `${plugin.pluginName}: ${v.ruleName}`),
  );
}

let own: Built;
let shared: Built;

beforeAll(() => {
  own = build({});
  shared = build({ eventBus: 'default', escalationWebhookUrl: WEBHOOK });
});

afterAll(() => {
  for (const outdir of outdirs) rmSync(outdir, { recursive: true, force: true });
});

describe('the lifecycle bus and its publisher', () => {
  it('gives the stack a bus of its own, which the publisher may put events of its own source on, and nothing else', () => {
    const buses = ofType(own, 'AWS::Events::EventBus');
    expect(buses).toHaveLength(1);
    const busId = buses[0]![0];
    const statements = publisherStatements(own);
    const onEvents = statements.filter((statement) =>
      asArray(statement.Action).some((a) => a.startsWith('events:')),
    );
    expect(onEvents).toEqual([
      {
        Effect: 'Allow',
        Action: 'events:PutEvents',
        Resource: { 'Fn::GetAtt': [busId, 'Arn'] },
        Condition: { StringEquals: { 'events:source': 'verbetertraject' } },
      },
    ]);
    const variables = (
      own.resources[idOf(own, own.stack.lifecycleEvents.publisher.lambda)]!.Properties.Environment as {
        Variables: Json;
      }
    ).Variables;
    expect(variables.EVENT_BUS_NAME).toEqual({ Ref: busId });
    // No other function may put events.
    const publisherRole = JSON.stringify(
      own.resources[idOf(own, own.stack.lifecycleEvents.publisher.lambda)]!.Properties.Role,
    );
    for (const [id, policy] of ofType(own, 'AWS::IAM::Policy')) {
      if (JSON.stringify(policy.Properties.Roles).includes(JSON.parse(publisherRole)['Fn::GetAtt'][0]))
        continue;
      expect(JSON.stringify(policy.Properties.PolicyDocument), id).not.toContain('events:PutEvents');
    }
  });

  it('lets the publisher read an event by its key and write its mark, on the table alone: no Query, no update, no delete', () => {
    const tableId = idOf(own, own.stack.data.table);
    const onTable = publisherStatements(own).filter((statement) =>
      asArray(statement.Action).some((action) => action.startsWith('dynamodb:')),
    );
    const grants = onTable.map((statement) => ({
      actions: asArray(statement.Action),
      resource: statement.Resource,
    }));
    // The stream mapping's own statements read the stream, never the table.
    const tableGrants = grants.filter(
      (grant) => JSON.stringify(grant.resource) === JSON.stringify({ 'Fn::GetAtt': [tableId, 'Arn'] }),
    );
    expect(tableGrants).toEqual([
      { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], resource: { 'Fn::GetAtt': [tableId, 'Arn'] } },
    ]);
    const actions = grants.flatMap((grant) => grant.actions);
    for (const forbidden of [
      'dynamodb:Query',
      'dynamodb:Scan',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
    ]) {
      expect(actions).not.toContain(forbidden);
    }
  });

  it('feeds the publisher only dossier events written, one ordered batch per shard, failures reported per record and parked in an alarmed queue', () => {
    const mappings = ofType(own, 'AWS::Lambda::EventSourceMapping').filter(
      ([, mapping]) =>
        JSON.stringify(mapping.Properties.FunctionName) ===
        JSON.stringify({ Ref: idOf(own, own.stack.lifecycleEvents.publisher.lambda) }),
    );
    expect(mappings).toHaveLength(1);
    const properties = mappings[0]![1].Properties;
    expect(properties).toMatchObject({
      StartingPosition: 'LATEST',
      BatchSize: PUBLISHER_STREAM.batchSize,
      ParallelizationFactor: 1,
      MaximumRetryAttempts: PUBLISHER_STREAM.retryAttempts,
      MaximumRecordAgeInSeconds: PUBLISHER_STREAM.maxRecordAge.toSeconds(),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      EventSourceArn: { 'Fn::GetAtt': [idOf(own, own.stack.data.table), 'StreamArn'] },
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [idOf(own, own.stack.lifecycleEvents.failures), 'Arn'] } },
      },
    });
    expect(properties.FilterCriteria).toEqual({
      Filters: [{ Pattern: JSON.stringify(DOSSIER_EVENT_INSERT_PATTERN) }],
    });
    const failuresId = idOf(own, own.stack.lifecycleEvents.failures);
    const alarms = ofType(own, 'AWS::CloudWatch::Alarm').filter(([, alarm]) =>
      JSON.stringify(alarm.Properties.Dimensions ?? []).includes(failuresId),
    );
    expect(alarms.length).toBeGreaterThan(0);
  });

  it('deploys no webhook rule, no connection and no API destination unless asked to', () => {
    expect(ofType(own, 'AWS::Events::ApiDestination')).toEqual([]);
    expect(ofType(own, 'AWS::Events::Connection')).toEqual([]);
    expect(
      ofType(own, 'AWS::Events::Rule').map(([, rule]) => JSON.stringify(rule.Properties.EventPattern)),
    ).not.toEqual(expect.arrayContaining([expect.stringContaining('TaskEscalated')]));
  });

  it('is cdk-nag clean', () => {
    expect(nagViolations(own)).toEqual([]);
  });
});

describe('on the default bus, with the escalation webhook', () => {
  it('creates no bus and lets the publisher put its own source only on the default bus', () => {
    expect(ofType(shared, 'AWS::Events::EventBus')).toEqual([]);
    const onEvents = publisherStatements(shared).filter((statement) =>
      asArray(statement.Action).includes('events:PutEvents'),
    );
    expect(onEvents).toHaveLength(1);
    expect(JSON.stringify(onEvents[0]!.Resource)).toContain(':event-bus/default');
    expect(onEvents[0]!.Condition).toEqual({ StringEquals: { 'events:source': 'verbetertraject' } });
  });

  it('posts every TaskEscalated to the webhook through an API destination, ids, times and a dossier link only', () => {
    const destinations = ofType(shared, 'AWS::Events::ApiDestination');
    expect(destinations).toHaveLength(1);
    const [destinationId, destination] = destinations[0]!;
    expect(destination.Properties).toMatchObject({
      InvocationEndpoint: WEBHOOK,
      HttpMethod: 'POST',
      InvocationRateLimitPerSecond: ESCALATION_WEBHOOK_DELIVERY.rateLimitPerSecond,
    });
    const rules = ofType(shared, 'AWS::Events::Rule').filter(([, rule]) =>
      JSON.stringify(rule.Properties.EventPattern).includes('TaskEscalated'),
    );
    expect(rules).toHaveLength(1);
    const rule = rules[0]![1].Properties;
    expect(rule.EventPattern).toEqual({ source: ['verbetertraject'], 'detail-type': ['TaskEscalated'] });
    expect(rule.EventBusName).toBe('default');
    const target = (rule.Targets as Json[])[0]!;
    expect(target.Arn).toEqual({ 'Fn::GetAtt': [destinationId, 'Arn'] });
    expect(target.RetryPolicy).toEqual({
      MaximumRetryAttempts: ESCALATION_WEBHOOK_DELIVERY.retryAttempts,
      MaximumEventAgeInSeconds: ESCALATION_WEBHOOK_DELIVERY.maxEventAge.toSeconds(),
    });
    expect(target.DeadLetterConfig).toBeDefined();
    const transformer = target.InputTransformer as { InputPathsMap: Json; InputTemplate: unknown };
    expect(Object.values(transformer.InputPathsMap).sort()).toEqual(
      [
        '$.detail.assignee',
        '$.detail.dueAt',
        '$.detail.kind',
        '$.detail.taskId',
        '$.detail.trajectoryId',
      ].sort(),
    );
    const template = JSON.stringify(transformer.InputTemplate);
    expect(template).toContain('Deadline gemist');
    expect(template).toContain('/dossiers/<detail-trajectoryId>');

    // Least privilege: the target's role may invoke this one destination, nothing else.
    const roleId = (target.RoleArn as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
    expect(statementsOfRole(shared, roleId)).toEqual([
      {
        Effect: 'Allow',
        Action: 'events:InvokeApiDestination',
        Resource: { 'Fn::GetAtt': [destinationId, 'Arn'] },
      },
    ]);
  });

  it('is cdk-nag clean', () => {
    expect(nagViolations(shared)).toEqual([]);
  });
});
