// Imported first by each workflow test: the handler modules build their production deps from the
// environment when they are imported, so it has to be there before them.
process.env.TABLE_NAME ??= 'unused-by-these-tests';
process.env.STATE_MACHINE_ARN ??= 'arn:aws:states:eu-west-1:123456789012:stateMachine:trajectory';
process.env.TASK_STATE_MACHINE_ARN ??= 'arn:aws:states:eu-west-1:123456789012:stateMachine:human-task';
process.env.MAIL_FROM ??= 'verbetertraject@example.test';
// Set, not defaulted: vitest puts Vite's own BASE_URL (`/`) into the environment.
process.env.BASE_URL = 'https://verbetertraject.example.test';
// Metrics would print their EMF lines between the test results.
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
