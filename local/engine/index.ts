/**
 * The local Step Functions engine: an interpreter of the JSONata subset of ASL the workflow uses,
 * on the virtual clock, with the Step Functions API as methods and over HTTP (JSON 1.0 protocol).
 * See docs/design.md, "Why a Step Functions engine of our own". Production never uses it.
 */
export {
  createEngine,
  type DescribeExecutionOutput,
  type DescribeStateMachineOutput,
  type Engine,
  type EngineOptions,
  type ExecutionListItem,
  type ExecutionStatusChangeEvent,
  type GetExecutionHistoryInput,
  type LambdaHandler,
  type ListExecutionsInput,
  type LocalLambda,
  type LocalLambdaContext,
  type StartExecutionInput,
  type TerminalStatus,
} from './engine.ts';
export {
  LAMBDA_INVOKE,
  LAMBDA_INVOKE_WAIT,
  loadDefinition,
  START_EXECUTION,
  START_EXECUTION_SYNC,
  type MachineSource,
} from './definition.ts';
export { ApiError, DefinitionError, StatesError, StatesErrors, errorMatches } from './errors.ts';
export type { HistoryEvent } from './history.ts';
export {
  createSfnHttpHandler,
  handleSfnHttp,
  handleSfnRequest,
  type SfnHttpRequest,
  type SfnHttpResponse,
} from './http.ts';
export type { ExecutionStatus } from './store.ts';
