import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  type IUserPool,
  type IUserPoolClient,
  Mfa,
  OAuthScope,
  UserPool,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { PRINCIPAL_ROLES } from '#shared/auth.ts';
import type { SessionAuth } from './fn.ts';
import { acknowledge } from './nag.ts';

/** Where the Hosted UI returns after sign-in (the route `GET /auth/callback` in ROUTES). */
export const CALLBACK_PATH = '/auth/callback';

/** The Cognito groups: exactly the roles the API reads from a token's `cognito:groups` claim. */
export const USER_GROUPS = PRINCIPAL_ROLES;

export interface AuthProps {
  /** Prefix of the Cognito hosted sign-in domain; without it there is no hosted UI. */
  readonly cognitoDomainPrefix?: string;
  /** Where the hosted UI returns after sign-in and sign-out (the dashboard). */
  readonly appUrl: string;
}

/**
 * Who may use the HR and manager API: a Cognito user pool whose users HR creates (there is no
 * self sign-up; employees never sign in, they act through mailed links). With a domain prefix
 * the pool also has a Hosted UI, where the dashboard signs people in (authorization code with
 * PKCE, functions/shared/hosted-sign-in.ts).
 */
export class Auth extends Construct implements SessionAuth {
  readonly userPool: IUserPool;
  readonly client: IUserPoolClient;
  readonly issuerUrl: string;
  readonly jwksUrl: string;
  readonly clientId: string;
  readonly hostedUi: SessionAuth['hostedUi'];

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);

    const userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      // A manager's scope is their e-mail address. A change only takes effect once the new
      // address is verified (until then the token carries the original), the app client cannot
      // write it (below), and the API requires email_verified (functions/shared/auth.ts).
      standardAttributes: { email: { required: true, mutable: true } },
      keepOriginal: { email: true },
      // The API compares addresses without regard to case; so must sign-in, or two accounts could
      // differ by case alone. Fixed when a pool is created: an existing pool is replaced.
      signInCaseSensitive: false,
      // The accounts open personnel dossiers: a strong password and a second factor, always.
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.REQUIRED,
      // An authenticator app; SMS would need an SNS spending limit and a sender registration.
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      // Users and their group memberships are not recreated by a deploy: keep them.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      userPool,
      'AwsSolutions-COG8',
      'The Plus feature plan (threat protection) is a paid per-user add-on an operator can switch on; this pool already has no self sign-up, a strong password policy and MFA required for every user.',
    );

    for (const group of USER_GROUPS) {
      userPool.addGroup(`Group-${group}`, { groupName: group, description: `Role ${group} in the API` });
    }

    const domain = props.cognitoDomainPrefix
      ? userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.cognitoDomainPrefix } })
      : undefined;
    const callbackUrl = `${props.appUrl}${CALLBACK_PATH}`;
    const signOutUrl = `${props.appUrl}/`;

    const client = userPool.addClient('Client', {
      // A public client (the dashboard's sign-in runs PKCE instead): there is no secret to keep.
      generateSecret: false,
      // SRP only (and refresh): the password never travels, and nothing else signs in.
      authFlows: { userSrp: true },
      // Nobody changes their own address (or anything else) through the client: an administrator
      // does. The tokens carry what the API reads: the address and whether it was verified.
      writeAttributes: new ClientAttributes(),
      readAttributes: new ClientAttributes().withStandardAttributes({
        email: true,
        emailVerified: true,
        fullname: true,
      }),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      // The dashboard's session lives as long as its ID token: a working day, so a person does
      // not sign in (password and one-time code) again every hour. Cognito allows up to a day.
      idTokenValidity: Duration.hours(8),
      ...(domain
        ? {
            oAuth: {
              // The code grant only: the implicit grant would put tokens in the URL.
              flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
              scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
              callbackUrls: [callbackUrl],
              logoutUrls: [signOutUrl],
            },
          }
        : // Without a domain there is no hosted UI; CDK's default OAuth settings would
          // otherwise register https://example.com as a callback.
          { disableOAuth: true }),
    });
    this.client = client;
    this.userPool = userPool;
    // Spelled as the HTTP API's JWT authorizer spells it, so the dashboard trusts exactly the
    // issuer the API trusts.
    this.issuerUrl = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${userPool.userPoolId}`;
    this.jwksUrl = `${this.issuerUrl}/.well-known/jwks.json`;
    this.clientId = client.userPoolClientId;
    this.hostedUi = domain ? { domainUrl: domain.baseUrl(), callbackUrl, signOutUrl } : undefined;
  }
}
