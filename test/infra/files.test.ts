/**
 * The evidence files' bucket in the synthesized template: private, TLS only, encrypted with the
 * dossier's own key, versioned, logged, kept when the stack goes, and cleared of unconfirmed
 * uploads; and the functions' grants on it, held to the two key prefixes. Built through
 * createApp(), so cdk-nag's checks ran on exactly this template (a finding fails the build).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  Condition?: Json;
}

let outdir: string;
let stack: VerbetertrajectStack;
let resources: Record<string, Resource>;

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const idOf = (construct: IConstruct): string => stack.getLogicalId(construct.node.defaultChild as CfnElement);

/** Every S3 statement of the role of the function that runs `handler`. */
function s3Statements(handler: string): Statement[] {
  const fn =
    [...stack.api.functions.values()].find((candidate) => candidate.handler === handler) ??
    (handler === stack.retention.purge.handler ? stack.retention.purge : undefined);
  if (!fn) throw new Error(`No function runs ${handler}`);
  const roleId = (resources[idOf(fn.lambda)]?.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
  return Object.values(resources)
    .filter(
      (r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(`"${roleId}"`),
    )
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
    .filter((statement) => asArray(statement.Action).some((action) => action.startsWith('s3:')));
}

/** A resource as `<bucket arn>/<suffix>`, read from its `Fn::Join`. */
function suffixOf(resource: unknown): string {
  const join = (resource as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) return JSON.stringify(resource);
  return join[1].filter((part) => typeof part === 'string').join('');
}

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'verbetertraject-files-'));
  const built = createApp({
    context: { mailFrom: 'hr@example.nl', 'aws:cdk:bundling-stacks': [] },
    outdir,
    cloudFormationValidation: false,
  });
  stack = built.stack;
  resources = Template.fromStack(stack).toJSON().Resources as Record<string, Resource>;
});

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

describe('the files bucket', () => {
  it('is private, encrypted with the dossier key, versioned, logged and retained', () => {
    const bucket = resources[idOf(stack.files.bucket)];
    expect(bucket?.DeletionPolicy).toBe('Retain');
    expect(bucket?.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [idOf(stack.data.key), 'Arn'] },
            },
          },
        ],
      },
      LoggingConfiguration: { DestinationBucketName: { Ref: idOf(stack.files.accessLogs) } },
    });
  });

  it('clears unconfirmed uploads after a day and old versions after 30 days, and keeps stored files', () => {
    const rules = (
      resources[idOf(stack.files.bucket)]?.Properties.LifecycleConfiguration as { Rules: Json[] }
    ).Rules;
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Prefix: 'uploads/', ExpirationInDays: 1, Status: 'Enabled' }),
        expect.objectContaining({ Prefix: 'bundles/', ExpirationInDays: 1, Status: 'Enabled' }),
        expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Status: 'Enabled' }),
      ]),
    );
    // No rule expires current objects outside the staging prefix: a stored file goes with its dossier.
    const expiring = rules.filter((rule) => rule.ExpirationInDays !== undefined);
    expect(expiring.map((rule) => rule.Prefix)).toEqual(['uploads/', 'bundles/']);
  });

  it('refuses every request without TLS', () => {
    const policy = Object.values(resources).find(
      (r) =>
        r.Type === 'AWS::S3::BucketPolicy' &&
        JSON.stringify(r.Properties.Bucket) === JSON.stringify({ Ref: idOf(stack.files.bucket) }),
    );
    const statements = (policy?.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 's3:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });
});

describe('uploads from the task pages', () => {
  it('lets only the app’s origin post to the bucket from a browser (CORS), nothing else', () => {
    const cors = resources[idOf(stack.files.bucket)]?.Properties.CorsConfiguration as { CorsRules: Json[] };
    expect(cors.CorsRules).toEqual([
      {
        Id: 'task-page-uploads',
        AllowedMethods: ['POST'],
        AllowedOrigins: [stack.resolve(stack.api.url)],
        AllowedHeaders: ['*'],
        MaxAge: 600,
      },
    ]);
  });

  it('tells the task pages the bucket’s origin for their CSP, and grants them nothing on it', () => {
    for (const handler of ['api/get-action', 'api/submit-action', 'api/dashboard']) {
      const fn = [...stack.api.functions.values()].find((candidate) => candidate.handler === handler);
      const variables = (resources[idOf(fn!.lambda)]?.Properties.Environment as { Variables: Json })
        .Variables;
      expect(variables.FILES_UPLOAD_ORIGIN, handler).toEqual({
        'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [idOf(stack.files.bucket), 'RegionalDomainName'] }]],
      });
      expect(variables.FILES_MAX_BYTES, handler).toBe(String(10 * 1024 * 1024));
      expect(s3Statements(handler), handler).toEqual([]);
    }
  });
});

describe('grants on the files bucket', () => {
  it('lets the files API put, read and delete uploads, and put and read stored files, nothing else', () => {
    const statements = s3Statements('api/files');
    const grants = statements.map((statement) => ({
      actions: asArray(statement.Action).sort(),
      on: asArray(statement.Resource).map(suffixOf),
    }));
    expect(grants).toEqual([
      { actions: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], on: ['/uploads/*'] },
      { actions: ['s3:GetObject', 's3:PutObject'], on: ['/files/*'] },
    ]);
  });

  it('lets the purge list and delete a dossier’s files under the two prefixes only', () => {
    const statements = s3Statements(stack.retention.purge.handler);
    expect(statements.flatMap((statement) => asArray(statement.Action)).sort()).toEqual([
      's3:DeleteObject',
      's3:ListBucket',
    ]);
    const list = statements.find((statement) => asArray(statement.Action).includes('s3:ListBucket'));
    expect(list?.Condition).toEqual({ StringLike: { 's3:prefix': ['uploads/*', 'files/*', 'bundles/*'] } });
  });

  it('lets the bundle read stored files and write and read bundles, nothing else', () => {
    const grants = s3Statements('api/bundle').map((statement) => ({
      actions: asArray(statement.Action).sort(),
      on: asArray(statement.Resource).map(suffixOf),
    }));
    expect(grants).toEqual([
      { actions: ['s3:GetObject'], on: ['/files/*'] },
      { actions: ['s3:GetObject', 's3:PutObject'], on: ['/bundles/*'] },
    ]);
  });

  it('lets the link routes and the dashboard’s of a task do what the files API does, on the same prefixes', () => {
    const grants = (handler: string) =>
      s3Statements(handler).map((statement) => ({
        actions: asArray(statement.Action).sort(),
        on: asArray(statement.Resource).map(suffixOf),
      }));
    expect(grants('api/action-files')).toEqual(grants('api/files'));
    expect(grants('api/action-files')).not.toEqual([]);
    expect(grants('api/dashboard-files')).toEqual(grants('api/files'));
  });

  it('gives no other function any access to the bucket', () => {
    const others = [...stack.api.functions.values()].filter(
      (fn) => !['api/files', 'api/action-files', 'api/dashboard-files', 'api/bundle'].includes(fn.handler),
    );
    for (const fn of others) expect(s3Statements(fn.handler), fn.handler).toEqual([]);
  });
});
