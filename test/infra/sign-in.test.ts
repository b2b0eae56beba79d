/**
 * The dashboard's sign-in in the synthesized template: with `cognitoDomainPrefix` the user pool
 * has a Hosted UI domain and its app client the authorization-code grant (a public client, no
 * secret) returning to `<baseUrl>/auth/callback`; every function with `session: true` in
 * infra/access.ts gets what it needs to verify the session and to sign in and out through the
 * Hosted UI, and no other function gets any of it. Without the prefix the stack still
 * synthesizes (offline, no OAuth at all), and the session functions can still verify tokens.
 * cdk-nag runs on both.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '#api/routes.ts';
import { FUNCTION_ACCESS } from '#infra/access.ts';
import type { Fn } from '#infra/constructs/fn.ts';
import { createApp } from '#infra/create-app.ts';
import type { VerbetertrajectStack } from '#infra/stacks/verbetertraject-stack.ts';

type Json = Record<string, unknown>;
interface Synthesized {
  stack: VerbetertrajectStack;
  template: Template;
  resources: Record<string, { Type: string; Properties: Json }>;
  assemblyDir: string;
}

const BASE_URL = 'https://pip.example.nl';
const PREFIX = 'verbetertraject-test';
const SESSION_VARIABLES = ['AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_JWKS_URL'];
const HOSTED_UI_VARIABLES = ['AUTH_DOMAIN_URL', 'AUTH_CLIENT_ID', 'AUTH_CALLBACK_URL', 'AUTH_SIGN_OUT_URL'];

const outdirs: string[] = [];
function synth(context: Json): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'verbetertraject-sign-in-'));
  outdirs.push(outdir);
  const built = createApp({
    // No bundling: these tests read the template, not the code (test/infra/stack.test.ts
    // loads the bundles); bundling twice would cost most of the run.
    context: { mailFrom: 'hr@example.nl', 'aws:cdk:bundling-stacks': [], ...context },
    outdir,
    cloudFormationValidation: false,
  });
  // Throws with the full report when cdk-nag finds an unacknowledged error.
  const assemblyDir = built.app.synth().directory;
  const template = Template.fromStack(built.stack);
  return {
    stack: built.stack,
    template,
    resources: template.toJSON().Resources as Synthesized['resources'],
    assemblyDir,
  };
}

const functionsOf = ({ stack }: Synthesized): Fn[] => [
  ...stack.api.functions.values(),
  ...stack.workflow.functions.values(),
];
const idOf = ({ stack }: Synthesized, element: unknown): string => stack.getLogicalId(element as CfnElement);
const variablesOf = (synthesized: Synthesized, fn: Fn): Json =>
  (
    synthesized.resources[idOf(synthesized, fn.lambda.node.defaultChild)]?.Properties.Environment as {
      Variables: Json;
    }
  ).Variables;
/** The logical id and properties of the one resource of `type`. */
function single({ resources }: Synthesized, type: string): [string, Json] {
  const found = Object.entries(resources).filter(([, resource]) => resource.Type === type);
  expect(found, type).toHaveLength(1);
  const [id, resource] = found[0] as [string, { Properties: Json }];
  return [id, resource.Properties];
}

function expectNagClean({ assemblyDir }: Synthesized): void {
  const report = JSON.parse(readFileSync(join(assemblyDir, 'validation-report.json'), 'utf8')) as {
    pluginReports: { pluginName: string; violations: { ruleName: string }[] }[];
  };
  for (const plugin of report.pluginReports) {
    expect(plugin.violations.map((v) => `${plugin.pluginName}: ${v.ruleName}`)).toEqual([]);
  }
}

let withDomain: Synthesized;
let withoutDomain: Synthesized;

beforeAll(() => {
  withDomain = synth({ cognitoDomainPrefix: PREFIX, baseUrl: BASE_URL });
  withoutDomain = synth({});
}, 180_000);

afterAll(() => {
  for (const outdir of outdirs) rmSync(outdir, { recursive: true, force: true });
});

describe('with cognitoDomainPrefix', () => {
  it('gives the user pool a Hosted UI domain with that prefix', () => {
    const [poolId] = single(withDomain, 'AWS::Cognito::UserPool');
    withDomain.template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    withDomain.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: PREFIX,
      UserPoolId: { Ref: poolId },
    });
  });

  it('registers a public app client for the code grant that returns to <baseUrl>/auth/callback', () => {
    const [, client] = single(withDomain, 'AWS::Cognito::UserPoolClient');
    expect(client).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      CallbackURLs: [`${BASE_URL}/auth/callback`],
      LogoutURLs: [`${BASE_URL}/`],
      SupportedIdentityProviders: ['COGNITO'],
    });
    expect([...(client.AllowedOAuthScopes as string[])].sort()).toEqual(['email', 'openid', 'profile']);
  });

  it("keeps a manager's e-mail address theirs: verified before it changes, not writable through the client, case-insensitive", () => {
    const [, pool] = single(withDomain, 'AWS::Cognito::UserPool');
    expect(pool).toMatchObject({
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
      UsernameConfiguration: { CaseSensitive: false },
      UsernameAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
    const [, client] = single(withDomain, 'AWS::Cognito::UserPoolClient');
    // No attribute at all may be written with a user's own token; the ID token carries the
    // address and whether it was verified, which the API requires.
    expect(client.WriteAttributes).toEqual([]);
    expect([...(client.ReadAttributes as string[])].sort()).toEqual(['email', 'email_verified', 'name']);
    expect([...(client.ExplicitAuthFlows as string[])].sort()).toEqual([
      'ALLOW_REFRESH_TOKEN_AUTH',
      'ALLOW_USER_SRP_AUTH',
    ]);
  });

  it('binds issuer, audience, keys and the Hosted UI to every session function, and to no other', () => {
    const [clientId] = single(withDomain, 'AWS::Cognito::UserPoolClient');
    const [domainId] = single(withDomain, 'AWS::Cognito::UserPoolDomain');
    const [, authorizer] = single(withDomain, 'AWS::ApiGatewayV2::Authorizer');
    const issuer = (authorizer.JwtConfiguration as { Issuer: { 'Fn::Join': [string, unknown[]] } }).Issuer;
    const sessionFunctions = functionsOf(withDomain).filter((fn) => FUNCTION_ACCESS[fn.handler]?.session);
    expect(sessionFunctions.map((fn) => fn.handler)).toEqual(
      expect.arrayContaining(['api/dashboard', 'api/dashboard-actions', 'api/session']),
    );
    for (const fn of functionsOf(withDomain)) {
      const variables = variablesOf(withDomain, fn);
      const isSession = Boolean(FUNCTION_ACCESS[fn.handler]?.session);
      for (const name of [...SESSION_VARIABLES, ...HOSTED_UI_VARIABLES]) {
        expect(name in variables, `${fn.handler} ${name}`).toBe(isSession);
      }
      if (!isSession) continue;
      expect(variables.AUTH_AUDIENCE, fn.handler).toEqual({ Ref: clientId });
      expect(variables.AUTH_CLIENT_ID, fn.handler).toEqual({ Ref: clientId });
      expect(variables.AUTH_CALLBACK_URL, fn.handler).toBe(`${BASE_URL}/auth/callback`);
      expect(variables.AUTH_SIGN_OUT_URL, fn.handler).toBe(`${BASE_URL}/`);
      // The very issuer the API's JWT authorizer trusts, and its JWKS.
      expect(variables.AUTH_ISSUER, fn.handler).toEqual(issuer);
      expect(variables.AUTH_JWKS_URL, fn.handler).toEqual({
        'Fn::Join': ['', [...(issuer['Fn::Join'][1] as unknown[]), '/.well-known/jwks.json']],
      });
      expect(JSON.stringify(variables.AUTH_DOMAIN_URL)).toContain(domainId);
      expect(JSON.stringify(variables.AUTH_DOMAIN_URL)).toContain('.amazoncognito.com');
    }
  });

  it('passes cdk-nag', () => {
    expectNagClean(withDomain);
  });
});

describe('without cognitoDomainPrefix', () => {
  it('has no domain and no OAuth on the client, and still lets the session functions verify tokens', () => {
    withoutDomain.template.resourceCountIs('AWS::Cognito::UserPoolDomain', 0);
    const [, client] = single(withoutDomain, 'AWS::Cognito::UserPoolClient');
    expect(client.GenerateSecret).toBe(false);
    expect(client.AllowedOAuthFlowsUserPoolClient).not.toBe(true);
    expect(client.CallbackURLs).toBeUndefined();
    for (const fn of functionsOf(withoutDomain)) {
      const variables = variablesOf(withoutDomain, fn);
      const isSession = Boolean(FUNCTION_ACCESS[fn.handler]?.session);
      for (const name of SESSION_VARIABLES)
        expect(name in variables, `${fn.handler} ${name}`).toBe(isSession);
      // GET /sign-in then explains that sign-in is not set up (functions/api/session.ts).
      for (const name of HOSTED_UI_VARIABLES) expect(name in variables, `${fn.handler} ${name}`).toBe(false);
    }
  });

  it('passes cdk-nag', () => {
    expectNagClean(withoutDomain);
  });
});

describe('every public route that is not an action or copy link, an asset or the API description', () => {
  it('runs a handler with `session: true`: it reads the session cookie, and in AWS that needs the pool', () => {
    const cookieRoutes = ROUTES.filter(
      (route) =>
        route.auth === 'none' &&
        !route.path.startsWith('/actions/') &&
        !route.path.startsWith('/copy/') &&
        !route.path.startsWith('/static/') &&
        route.path !== '/openapi.json',
    );
    expect(cookieRoutes.length).toBeGreaterThan(0);
    for (const route of cookieRoutes) {
      expect(
        FUNCTION_ACCESS[route.handler]?.session,
        `${route.method} ${route.path} (${route.handler})`,
      ).toBe(true);
    }
  });
});
