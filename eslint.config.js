import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.local/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['functions/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@aws-sdk/*', '@middy/*', '@aws-lambda-powertools/*'],
              message: 'The domain core stays free of AWS and Lambda code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only', message: 'A focused test hides the rest of the suite.' },
        { object: 'describe', property: 'only', message: 'A focused test hides the rest of the suite.' },
        { object: 'test', property: 'only', message: 'A focused test hides the rest of the suite.' },
        { object: 'it', property: 'skip', message: 'Skipped tests rot; delete or fix.' },
        { object: 'describe', property: 'skip', message: 'Skipped tests rot; delete or fix.' },
      ],
    },
  },
  {
    files: ['local/cli.ts', 'local/demo.ts', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
);
