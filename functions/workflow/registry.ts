/**
 * The single table of Lambda functions the state machine invokes. The ASL refers to each by a
 * `${substitution}` placeholder; CDK fills those in with the deployed function ARNs and the local
 * engine maps them to the same handler modules, so the two can never name different functions.
 */

export interface WorkflowFunction {
  /** Logical name; also the construct id of the deployed function. PascalCase. */
  name: string;
  /** The handler module under functions/, without extension; it exports `handler`. */
  handler: string;
  /** The placeholder in statemachine/trajectory.asl.json, without `${` and `}`. */
  substitution: string;
}

export const WORKFLOW_FUNCTIONS: readonly WorkflowFunction[] = [
  { name: 'OpenTask', handler: 'workflow/open-task', substitution: 'OpenTaskFunctionArn' },
  { name: 'RequestAction', handler: 'workflow/request-action', substitution: 'RequestActionFunctionArn' },
  { name: 'Chase', handler: 'workflow/chase', substitution: 'ChaseFunctionArn' },
  { name: 'CompleteTask', handler: 'workflow/complete-task', substitution: 'CompleteTaskFunctionArn' },
  {
    name: 'CloseTrajectory',
    handler: 'workflow/close-trajectory',
    substitution: 'CloseTrajectoryFunctionArn',
  },
  { name: 'ReportFailure', handler: 'workflow/report-failure', substitution: 'ReportFailureFunctionArn' },
  {
    name: 'SleepWhilePaused',
    handler: 'workflow/sleep-while-paused',
    substitution: 'SleepWhilePausedFunctionArn',
  },
];
