/**
 * docs/openapi.json: generated from the route table and the handlers' zod schemas, valid OpenAPI
 * 3.1, and the same as what `npm run openapi` would write now, so it cannot drift from the routes
 * or the schemas unnoticed. Its request schemas accept and refuse what the handlers' schemas do,
 * as far as JSON Schema can say it (cross-field rules are the handlers' alone).
 */
import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { answerSchemaId, openApiDocument } from '../../../scripts/openapi-description.ts';
import { IDEMPOTENCY_HEADER } from '#core/idempotency-key.ts';
import { ROUTES, type RouteDefinition } from '#api/routes.ts';
import { cancelTrajectoryBody, extendTaskBody } from '#core/actions.ts';
import { pauseTrajectoryBody } from '#core/pause.ts';
import { actionBodies, createTrajectoryBody } from '#core/schemas.ts';
import { SESSION_COOKIE } from '#shared/session-cookie.ts';
import type { z } from 'zod';
import { openApiText } from '../../../scripts/openapi.ts';
import { followUpResponse, RESPONSES } from '../../support/dossier-builder.ts';
import { DESCRIPTION_FILE, readDescription, schemaCheck } from '../../support/openapi.ts';

const description = readDescription();
const check = schemaCheck(description);
const routeKey = (route: Pick<RouteDefinition, 'method' | 'path'>) => `${route.method} ${route.path}`;
const operationOf = (route: RouteDefinition) => {
  const operation = description.paths[route.path]?.[route.method.toLowerCase()];
  if (!operation) throw new Error(`${routeKey(route)} is not described`);
  return operation;
};

describe('docs/openapi.json', () => {
  it('is what `npm run openapi` writes from the routes and schemas of this commit', async () => {
    // Act
    const expected = await openApiText();

    // Assess
    expect(
      readFileSync(DESCRIPTION_FILE, 'utf8') === expected,
      'docs/openapi.json is out of date: run `npm run openapi` and commit the file',
    ).toBe(true);
  });

  it('is a valid OpenAPI 3.1 description', async () => {
    // Prepare
    const validator = new Validator();

    // Act
    const result = await validator.validate(
      structuredClone(description) as unknown as Record<string, unknown>,
    );

    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('has JSON Schemas that compile under draft 2020-12 with strict checks', () => {
    for (const [name, schema] of Object.entries(description.components.schemas)) {
      expect(() => check.problems(schema, null), name).not.toThrow();
    }
  });

  it('describes exactly the routes of ROUTES, each once', () => {
    const described = Object.entries(description.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(described.sort()).toEqual(ROUTES.map(routeKey).sort());
    const ids = described.map((key) => {
      const [method, path] = key.split(' ') as [string, string];
      return description.paths[path]?.[method.toLowerCase()]?.operationId;
    });
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuses to be generated for a route it has no operation for, or an operation without its route', () => {
    const extra: RouteDefinition = {
      method: 'GET',
      path: '/nowhere',
      handler: 'api/dashboard',
      auth: 'none',
    };
    expect(() => openApiDocument([...ROUTES, extra])).toThrow(/GET \/nowhere/);
    expect(() => openApiDocument(ROUTES.filter((route) => route.path !== '/openapi.json'))).toThrow(
      /GET \/openapi\.json/,
    );
  });

  it('holds no personal data: no e-mail address, no example values', () => {
    const text = readFileSync(DESCRIPTION_FILE, 'utf8');
    expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[a-z]{2,}/i);
    // `example`, `examples` and `default` keywords (not fields of that name under `properties`).
    const samples: string[] = [];
    const walk = (value: unknown, path: string, inProperties: boolean): void => {
      if (Array.isArray(value)) return value.forEach((item, index) => walk(item, `${path}/${index}`, false));
      if (value === null || typeof value !== 'object') return;
      for (const [key, inner] of Object.entries(value)) {
        if (!inProperties && (key === 'example' || key === 'examples')) samples.push(`${path}/${key}`);
        walk(inner, `${path}/${key}`, key === 'properties');
      }
    };
    walk(description, '#', false);
    expect(samples).toEqual([]);
  });
});

describe('who may call each route', () => {
  it('asks for the ID token on every JWT route, with the roles that may call it, and describes its 401', () => {
    const scheme = description.components.securitySchemes as Record<string, Record<string, string>>;
    expect(scheme.idToken).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    for (const route of ROUTES.filter((r) => r.auth === 'jwt')) {
      const operation = operationOf(route);
      const roles = operation.security.flatMap((requirement) => requirement.idToken ?? ['(another scheme)']);
      expect(roles.length, routeKey(route)).toBeGreaterThan(0);
      expect(['hr', 'manager'], routeKey(route)).toEqual(expect.arrayContaining(roles));
      expect(operation.responses['401'], routeKey(route)).toBeDefined();
      expect(operation.responses['403'], routeKey(route)).toBeDefined();
    }
    // HR alone changes a trajectory; managers read.
    expect(operationOf(ROUTES.find((r) => routeKey(r) === 'POST /trajectories')!).security).toEqual([
      { idToken: ['hr'] },
    ]);
    expect(operationOf(ROUTES.find((r) => routeKey(r) === 'GET /trajectories/{id}')!).security).toEqual([
      { idToken: ['hr'] },
      { idToken: ['manager'] },
    ]);
  });

  it('makes the action links public, their secret token a path parameter', () => {
    for (const route of ROUTES.filter((r) => r.path.startsWith('/actions/'))) {
      const operation = operationOf(route);
      expect(operation.security, routeKey(route)).toEqual([]);
      expect(operation.parameters?.[0], routeKey(route)).toMatchObject({
        name: 'token',
        in: 'path',
        required: true,
        schema: { type: 'string', pattern: expect.any(String) },
      });
    }
  });

  it('asks for the session cookie on the dashboard’s routes', () => {
    expect(description.components.securitySchemes).toMatchObject({
      session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
    });
    const pages = ROUTES.filter(
      (r) =>
        r.handler === 'api/dashboard' ||
        r.handler === 'api/dashboard-actions' ||
        r.path.startsWith('/dossiers'),
    );
    expect(pages.length).toBeGreaterThan(0);
    for (const route of pages) {
      const schemes = operationOf(route).security.flatMap((requirement) => Object.keys(requirement));
      expect(new Set(schemes), routeKey(route)).toEqual(new Set(['session']));
    }
  });
});

describe('requests', () => {
  it('names the Idempotency-Key header of POST /trajectories', () => {
    const operation = description.paths['/trajectories']?.post;
    expect(operation?.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
    expect(description.components.parameters.IdempotencyKey).toMatchObject({
      name: IDEMPOTENCY_HEADER,
      in: 'header',
      required: false,
    });
  });

  it('describes the answer of every kind of task the schemas know, and nothing else', () => {
    const body =
      description.paths['/actions/{token}']?.post?.requestBody?.content['application/json']?.schema;
    expect(body?.anyOf).toEqual(
      Object.keys(actionBodies).map((kind) => ({ $ref: `#/components/schemas/${answerSchemaId(kind)}` })),
    );
    for (const kind of Object.keys(actionBodies)) {
      expect(description.components.schemas[answerSchemaId(kind)], kind).toBeDefined();
    }
  });

  const example = JSON.parse(
    readFileSync(new URL('../../../examples/trajectory.json', import.meta.url), 'utf8'),
  );
  const cases: [string, z.ZodType, unknown, boolean][] = [
    ['NewTrajectory', createTrajectoryBody, example, true],
    ['NewTrajectory', createTrajectoryBody, { ...example, locale: undefined, schedule: undefined }, true],
    ['NewTrajectory', createTrajectoryBody, { ...example, reason: undefined }, false],
    ['NewTrajectory', createTrajectoryBody, { ...example, nickname: 'x' }, false],
    ['NewTrajectory', createTrajectoryBody, { ...example, locale: 'de' }, false],
    ['NewTrajectory', createTrajectoryBody, { ...example, schedule: { termWeeks: 0 } }, false],
    ['NewTrajectory', createTrajectoryBody, { ...example, schedule: { termWeeks: 2.5 } }, false],
    ['NewTrajectory', createTrajectoryBody, { ...example, employee: { name: 'Sanne' } }, false],
    ['NewTrajectory', createTrajectoryBody, { ...example, reason: 'x'.repeat(5001) }, false],
    ['CancelTrajectory', cancelTrajectoryBody, { reason: 'Dubbel aangemaakt.' }, true],
    ['CancelTrajectory', cancelTrajectoryBody, { reason: '' }, false],
    ['ExtendTask', extendTaskBody, { days: 3 }, true],
    ['ExtendTask', extendTaskBody, { days: 61 }, false],
    ['ExtendTask', extendTaskBody, { days: '3' }, false],
    ['PauseTrajectory', pauseTrajectoryBody, { reason: 'Ziekmelding.' }, true],
    ['PauseTrajectory', pauseTrajectoryBody, {}, false],
    ...Object.entries(RESPONSES).map(([kind, body]): [string, z.ZodType, unknown, boolean] => [
      answerSchemaId(kind),
      actionBodies[kind as keyof typeof actionBodies],
      body,
      true,
    ]),
    ['FollowUpAnswer', actionBodies['follow-up'], followUpResponse('2026-03-16'), true],
    ['FollowUpAnswer', actionBodies['follow-up'], { ...followUpResponse('2026-03-16'), progress: [] }, false],
    [
      'ConversationAnswer',
      actionBodies.conversation,
      { ...RESPONSES.conversation, heldOn: '5 maart' },
      false,
    ],
    ['PlanAcknowledgementAnswer', actionBodies['plan-acknowledgement'], { acknowledged: false }, false],
    ['PlanApprovalAnswer', actionBodies['plan-approval'], { decision: 'maybe' }, false],
    ['EvaluationAnswer', actionBodies.evaluation, { ...RESPONSES.evaluation, extendWeeks: 27 }, false],
    [
      'DecisionConfirmationAnswer',
      actionBodies['decision-confirmation'],
      { decision: 'approve', redeployment: { considered: true, outcome: 'Geen passende functie.' } },
      true,
    ],
    ['AftercareAnswer', actionBodies.aftercare, { employeeNotes: 'Goed.' }, false],
  ];

  it.each(cases.map((entry, index) => [index, ...entry] as const))(
    '#%i %s: the description and the handler’s schema agree',
    (_index, name, schema, body, valid) => {
      // Act
      const described = check.component(name, body);
      const parsed = schema.safeParse(body);

      // Assess
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(valid);
      expect(described.length === 0, described.join('\n')).toBe(valid);
    },
  );
});
