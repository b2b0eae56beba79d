import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  type IConfigurationSet,
  type IEmailIdentity,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { MailSender } from './fn.ts';

export interface MailProps {
  /** The sender address (may be a CloudFormation parameter's value). */
  readonly mailFrom: string;
  /**
   * Verified recipient addresses the senders may mail while the account's SES is in its sandbox
   * (the `sesSandboxRecipients` context value). @default none
   */
  readonly sandboxRecipients?: readonly string[];
  /** The employer every mail names (`employerName`). @default none */
  readonly employerName?: string | undefined;
  /** Whom every mail says to ask (`hrContact`). @default the trajectory's HR advisor */
  readonly hrContact?: string | undefined;
}

/**
 * Sending mail through SES v2: the sender's identity and a configuration set every send goes
 * through. SES mails a verification link to the address after the first deploy; until it is
 * clicked (and while the account is in the SES sandbox) nothing goes out.
 */
export class Mail extends Construct implements MailSender {
  readonly mailFrom: string;
  readonly identity: IEmailIdentity;
  readonly configurationSet: IConfigurationSet;
  readonly sandboxRecipients: readonly string[];
  readonly employerName: string | undefined;
  readonly hrContact: string | undefined;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    this.mailFrom = props.mailFrom;
    this.sandboxRecipients = props.sandboxRecipients ?? [];
    this.employerName = props.employerName;
    this.hrContact = props.hrContact;

    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      // Mails carry links with a secret token: refuse to hand them to a server without TLS.
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      // Bounce and complaint rates decide whether SES lets the account keep sending.
      reputationMetrics: true,
      // Stop mailing addresses that bounced or complained, instead of hurting the reputation.
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });

    // The configuration set is the identity's default, so the mailer need not name it.
    this.identity = new EmailIdentity(this, 'Identity', {
      identity: Identity.email(props.mailFrom),
      configurationSet: this.configurationSet,
    });
  }
}
