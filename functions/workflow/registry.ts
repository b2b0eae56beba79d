/**
 * The single table of Lambda functions the state machines invoke: the trajectory
 * (statemachine/trajectory.asl.json) and the human task (statemachine/human-task.asl.json). The
 * ASL refers to each by a `${substitution}` placeholder; CDK fills those in with the deployed
 * function ARNs and the local engine maps them to the same handler modules, so the two can never
 * name different functions. Which machine invokes which function follows from the placeholders in
 * each file; a function may be invoked by both (ReportFailure).
 */

export interface WorkflowFunction {
  /** Logical name; also the construct id of the deployed function. PascalCase. */
  name: string;
  /** The handler module under functions/, without extension; it exports `handler`. */
  handler: string;
  /** The placeholder in the definitions under statemachine/, without `${` and `}`. */
  substitution: string;
}

export const WORKFLOW_FUNCTIONS: readonly WorkflowFunction[] = [
  { name: 'OpenTask', handler: 'workflow/open-task', substitution: 'OpenTaskFunctionArn' },
  { name: 'RequestAction', handler: 'workflow/request-action', substitution: 'RequestActionFunctionArn' },
  { name: 'Chase', handler: 'workflow/chase', substitution: 'ChaseFunctionArn' },
  { name: 'CompleteTask', handler: 'workflow/complete-task', substitution: 'CompleteTaskFunctionArn' },
  { name: 'ReportFailure', handler: 'workflow/report-failure', substitution: 'ReportFailureFunctionArn' },
  {
    name: 'SleepWhilePaused',
    handler: 'workflow/sleep-while-paused',
    substitution: 'SleepWhilePausedFunctionArn',
  },
];
