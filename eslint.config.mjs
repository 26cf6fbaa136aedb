// npm run lint: eslint (typescript-eslint's recommended rules, domain/ kept pure) and prettier --check.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const PURE = 'domain/ holds the rules as plain TypeScript: no framework, ORM, database or Jira client (style.md)';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'node_modules/**', '.data/**', 'coverage/**', 'test-output/**', 'bench/results/**', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['src/**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'pg/*', 'jira.js', 'jira.js/*', 'express', 'rxjs'], message: PURE }],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'domain/ gets the time passed in: no Date.now()' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'domain/ gets the time passed in: no new Date()' },
      ],
    },
  },
);
