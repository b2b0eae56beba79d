import { Duration, SecretValue } from 'aws-cdk-lib';
import {
  ApiDestination,
  Authorization,
  Connection,
  EventField,
  HttpMethod,
  type IEventBus,
  type IRule,
  Rule,
  RuleTargetInput,
} from 'aws-cdk-lib/aws-events';
import { ApiDestination as ApiDestinationTarget } from 'aws-cdk-lib/aws-events-targets';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EVENT_SOURCE } from '#core/lifecycle-events.ts';
import type { Locale } from '#core/model.ts';
import { t } from '#shared/i18n/catalogue.ts';
import { acknowledge } from './nag.ts';

/** How the rule delivers; exported for the infra tests. */
export const ESCALATION_WEBHOOK_DELIVERY = {
  /** A chat webhook takes a message a second or so; escalations come a few a day. */
  rateLimitPerSecond: 1,
  retryAttempts: 20,
  maxEventAge: Duration.hours(24),
} as const;

export interface EscalationWebhookProps {
  /** The bus the lifecycle events are put on (infra/constructs/lifecycle-events.ts). */
  readonly bus: IEventBus;
  /** The webhook (a Teams workflow, a Slack incoming webhook): https, its secret in the URL. */
  readonly url: string;
  /** The dashboard's base URL; the message links to the dossier there. */
  readonly baseUrl: string;
  /** The message's language. @default 'nl' */
  readonly locale?: Locale;
}

/**
 * The worked example of README.md ("Lifecycle events"), deployed only with the context value
 * `escalationWebhookUrl`: a rule on the lifecycle bus that posts every `TaskEscalated` event to a
 * chat webhook through an API destination, as `{"text": "..."}` (what Slack's incoming webhooks
 * and Teams' workflow webhooks read). The message holds ids, the role and the due time, and a link
 * to the dossier, where the rest is behind the sign-in. Events EventBridge could not deliver go to
 * a queue that is alarmed.
 */
export class EscalationWebhook extends Construct {
  readonly rule: IRule;
  readonly destination: ApiDestination;
  readonly deadLetters: IQueue;

  constructor(scope: Construct, id: string, props: EscalationWebhookProps) {
    super(scope, id);

    // An API destination needs a connection with some authorization. Teams and Slack webhooks
    // authenticate by the secret in their URL, so the header only names the sender; it is no secret.
    const connection = new Connection(this, 'Connection', {
      description: 'The chat webhook escalations are posted to',
      authorization: Authorization.apiKey('X-Sent-By', SecretValue.unsafePlainText(EVENT_SOURCE)),
    });
    this.destination = new ApiDestination(this, 'Destination', {
      connection,
      endpoint: props.url,
      httpMethod: HttpMethod.POST,
      rateLimitPerSecond: ESCALATION_WEBHOOK_DELIVERY.rateLimitPerSecond,
      description: 'Posts escalated tasks to a chat channel',
    });

    // The events are undeliverable events' copies: ids and times only, still encrypted, TLS only.
    const deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.deadLetters = deadLetters;
    acknowledge(
      deadLetters,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter destination of the escalation webhook rule. An alarm watches it.',
    );

    const field = (name: string) => EventField.fromPath(`$.detail.${name}`);
    const text = t(props.locale ?? 'nl', 'event.webhook.escalated', {
      taskId: field('taskId'),
      kind: field('kind'),
      assignee: field('assignee'),
      trajectoryId: field('trajectoryId'),
      dueAt: field('dueAt'),
      link: `${props.baseUrl}/dossiers/${field('trajectoryId')}`,
    });
    this.rule = new Rule(this, 'Rule', {
      description: 'Escalated tasks, posted to a chat channel',
      eventBus: props.bus,
      eventPattern: { source: [EVENT_SOURCE], detailType: ['TaskEscalated'] },
      targets: [
        // The target's role may invoke this one destination, and nothing else.
        new ApiDestinationTarget(this.destination, {
          event: RuleTargetInput.fromObject({ text }),
          retryAttempts: ESCALATION_WEBHOOK_DELIVERY.retryAttempts,
          maxEventAge: ESCALATION_WEBHOOK_DELIVERY.maxEventAge,
          deadLetterQueue: deadLetters,
        }),
      ],
    });
  }
}
