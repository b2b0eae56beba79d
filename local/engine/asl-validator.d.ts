// asl-validator 4 ships JavaScript without type declarations; this is the part the engine calls.
declare module 'asl-validator' {
  interface ValidationError {
    'Error code': string;
    Message: string;
  }
  interface ValidationResult {
    isValid: boolean;
    errors: ValidationError[];
    errorsText(separator?: string): string;
  }
  function aslValidator(
    definition: unknown,
    options?: { checkArn?: boolean; checkPaths?: boolean },
  ): ValidationResult;
  export default aslValidator;
}
