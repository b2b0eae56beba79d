// Imported first by each workflow test. The handler modules need no configuration to load (their
// adapters read it on first use); these keep the tests' links and output as the tests expect.
// Set, not defaulted: vitest puts Vite's own BASE_URL (`/`) into the environment.
process.env.BASE_URL = 'https://verbetertraject.example.test';
// Metrics would print their EMF lines between the test results.
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
