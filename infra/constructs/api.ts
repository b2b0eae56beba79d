import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpStage,
  CfnStage,
  type IHttpApi,
  type IHttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { type ILogGroup, LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteDefinition } from '#api/routes.ts';
import { Fn } from './fn.ts';
import { acknowledge } from './nag.ts';

export interface ApiProps {
  /** The one route table (functions/api/routes.ts). */
  readonly routes: readonly RouteDefinition[];
  readonly userPool: IUserPool;
  readonly userPoolClient: IUserPoolClient;
  readonly logRetention: RetentionDays;
}

/**
 * Throttling of the whole stage. A handful of HR advisors and managers plus the people who
 * follow a mailed link never come near this; a script hammering the public action links does.
 */
export const API_THROTTLE = { rateLimit: 25, burstLimit: 50 } as const;

/**
 * Tighter throttling of the public action-link routes, per route on the stage. A person answers
 * a task a few times a year; guessing a 256-bit token is hopeless anyway, but a script that tries
 * (or replays a leaked link) is held to this, and cannot use up the stage's budget that HR and
 * managers share. HTTP APIs have no per-client throttling: that would need WAF in front.
 */
export const ACTION_ROUTE_THROTTLE = { rateLimit: 5, burstLimit: 10 } as const;

/** The routes whose path carries a link's secret: a task's action link or an employee's copy link. */
export const isActionRoute = (route: Pick<RouteDefinition, 'path'>): boolean =>
  route.path.startsWith('/actions/') || route.path.startsWith('/copy/');

/** `api/create-trajectory` → `ApiCreateTrajectory`: a construct id per handler module. */
export function constructIdFor(handler: string): string {
  return handler
    .split(/[/-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/**
 * The HTTP API, built from the route table: one function per handler module (several routes
 * may share one), the Cognito JWT authorizer on `jwt` routes and none on `none` routes.
 */
export class Api extends Construct {
  readonly httpApi: IHttpApi;
  /** The API's base URL, without a trailing slash. */
  readonly url: string;
  readonly accessLogGroup: ILogGroup;
  readonly stage: IHttpStage;
  /** The API's functions by handler module (`api/get-trajectory`). */
  readonly functions: ReadonlyMap<string, Fn>;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    const httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Verbetertraject: the HR and manager API and the action links',
      // The stage below carries access logging and throttling, which the implicit one cannot.
      createDefaultStage: false,
    });
    this.httpApi = httpApi;
    this.url = httpApi.apiEndpoint;

    this.accessLogGroup = new LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogGroup),
        // No path: for action links it holds the secret token. The route key has the template.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });

    const jwt = new HttpUserPoolAuthorizer('Cognito', props.userPool, {
      userPoolClients: [props.userPoolClient],
    });
    const none = new HttpNoneAuthorizer();

    const functions = new Map<string, Fn>();
    const integrations = new Map<string, HttpLambdaIntegration>();
    for (const route of props.routes) {
      let integration = integrations.get(route.handler);
      if (!integration) {
        const fn = new Fn(this, constructIdFor(route.handler), {
          handler: route.handler,
          logRetention: props.logRetention,
        });
        functions.set(route.handler, fn);
        // One integration per function; each route still gets its own invoke permission,
        // scoped to that route's path.
        integration = new HttpLambdaIntegration(`${constructIdFor(route.handler)}Integration`, fn.lambda);
        integrations.set(route.handler, integration);
      }

      const authorizer: IHttpRouteAuthorizer = route.auth === 'jwt' ? jwt : none;
      const [httpRoute] = httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        authorizer,
      });
      if (route.auth === 'none' && httpRoute) {
        acknowledge(
          httpRoute,
          'AwsSolutions-APIG4',
          'A public route on purpose: action links are opened by employees who have no account; the link carries its own secret (128+ random bits, stored only hashed).',
        );
      }
    }
    this.functions = functions;

    // Route-level throttling: the L2 stage has no property for it, the CloudFormation stage has.
    // The stage must wait for the routes, or CloudFormation cannot find the route keys it names.
    const actionRoutes = props.routes.filter(isActionRoute);
    if (actionRoutes.length > 0) {
      const cfnStage = stage.node.defaultChild as CfnStage;
      cfnStage.routeSettings = Object.fromEntries(
        actionRoutes.map((route) => [
          `${route.method} ${route.path}`,
          // `RouteSettings` is untyped JSON in the L1: CDK passes it as written, in CloudFormation's case.
          {
            ThrottlingRateLimit: ACTION_ROUTE_THROTTLE.rateLimit,
            ThrottlingBurstLimit: ACTION_ROUTE_THROTTLE.burstLimit,
          },
        ]),
      );
      for (const route of httpApi.node.children.filter((child) => child instanceof HttpRoute)) {
        stage.node.addDependency(route);
      }
    }
    this.stage = stage;
  }
}
