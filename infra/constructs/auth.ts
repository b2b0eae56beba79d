import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  type IUserPool,
  type IUserPoolClient,
  Mfa,
  OAuthScope,
  UserPool,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { PRINCIPAL_ROLES } from '#shared/auth.ts';
import { acknowledge } from './nag.ts';

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
 * self sign-up; employees never sign in, they act through mailed links).
 */
export class Auth extends Construct {
  readonly userPool: IUserPool;
  readonly client: IUserPoolClient;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);

    const userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
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

    if (props.cognitoDomainPrefix) {
      userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.cognitoDomainPrefix } });
    }

    this.client = userPool.addClient('Client', {
      // A public client (the browser): a secret could not be kept there anyway.
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      ...(props.cognitoDomainPrefix
        ? {
            oAuth: {
              flows: { authorizationCodeGrant: true },
              scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
              callbackUrls: [`${props.appUrl}/`],
              logoutUrls: [`${props.appUrl}/`],
            },
          }
        : // Without a domain there is no hosted UI; CDK's default OAuth settings would
          // otherwise register https://example.com as a callback.
          { disableOAuth: true }),
    });
    this.userPool = userPool;
  }
}
