/**
 * AWS list prices the simulation turns its counts into dollars with: on-demand, no free tier,
 * first pricing tier, region eu-west-1 (Europe, Ireland). Each figure says where it comes from
 * and how sure it is; change a figure here, with its date, when AWS changes it.
 */

/** The day these figures were last checked. */
export const PRICES_CHECKED_ON = '2026-11-26';
export const PRICE_REGION = 'eu-west-1';

/**
 * Step Functions Standard: per state transition ($0.025 per 1,000). Checked: AWS's pricing page
 * lists Europe (Ireland) at $0.0250 per 1,000 transitions; retries count as transitions too.
 */
export const STEP_FUNCTIONS_PER_TRANSITION = 0.025 / 1000;

/** Lambda on arm64 (Graviton), first tier: per GB-second of billed duration. Same in Ireland as in US East. */
export const LAMBDA_ARM_PER_GB_SECOND = 0.0000133334;
/** Lambda: per request ($0.20 per million). */
export const LAMBDA_PER_REQUEST = 0.2 / 1_000_000;
/** Memory of every function (infra/constructs/fn.ts, `memorySize` default): GB-seconds = this × seconds. */
export const LAMBDA_MEMORY_GB = 512 / 1024;

/**
 * DynamoDB on demand: per write request unit ($1.25 per million) and per read request unit
 * ($0.25 per million). Assumption, not checked for eu-west-1: these are the US East figures from
 * before AWS halved on-demand throughput prices on 1 November 2024 (US East is now $0.625 and
 * $0.125), so they overstate today's price rather than understate it.
 */
export const DYNAMODB_PER_WRITE_UNIT = 1.25 / 1_000_000;
export const DYNAMODB_PER_READ_UNIT = 0.25 / 1_000_000;

/** SES: per outgoing message ($0.10 per 1,000), no attachments counted. */
export const SES_PER_MAIL = 0.1 / 1000;

/** API Gateway HTTP API: per request, first 300 million a month ($1.00 per million; US East figure, assumed for Ireland). */
export const HTTP_API_PER_REQUEST = 1.0 / 1_000_000;

/** CloudWatch Logs: per byte ingested ($0.57 per GB in Ireland; $0.50 in US East). Storage not counted. */
export const CLOUDWATCH_LOGS_PER_BYTE = 0.57 / 1024 ** 3;

/** The whole sheet, for reports. */
export const PRICE_SHEET = {
  checkedOn: PRICES_CHECKED_ON,
  region: PRICE_REGION,
  stepFunctionsPerTransition: STEP_FUNCTIONS_PER_TRANSITION,
  lambdaArmPerGbSecond: LAMBDA_ARM_PER_GB_SECOND,
  lambdaPerRequest: LAMBDA_PER_REQUEST,
  lambdaMemoryGb: LAMBDA_MEMORY_GB,
  dynamodbPerWriteUnit: DYNAMODB_PER_WRITE_UNIT,
  dynamodbPerReadUnit: DYNAMODB_PER_READ_UNIT,
  sesPerMail: SES_PER_MAIL,
  httpApiPerRequest: HTTP_API_PER_REQUEST,
  cloudwatchLogsPerByte: CLOUDWATCH_LOGS_PER_BYTE,
} as const;

export type PriceSheet = typeof PRICE_SHEET;
