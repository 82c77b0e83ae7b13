import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const API = 'packages/api/src';
const TESTS = ['**/*.test.ts', '**/*.test.tsx', `${API}/test-support/**`, `${API}/reliability/**`];

/** One layer's imports: a relative path that reaches into a folder named here fails the rule. */
const layer = (name, rules) => ({
  name: `layers/${name}`,
  ignores: TESTS,
  ...rules,
});

/**
 * The API's layers import one way: app → modules → platform → shared (docs/architecture.md).
 * `pnpm lint` fails on an import that runs upward; layers.test.ts shows one caught.
 */
const UPWARD = (folders, message) => ({
  regex: `(^|/)(${folders.join('|')})/`,
  message,
});
const NO_TEST_SUPPORT = UPWARD(['test-support', 'reliability'], 'Only tests import the test support.');
const NO_GRAPHQL_ERROR = {
  name: 'graphql',
  importNames: ['GraphQLError'],
  message: 'Throw AppError (platform/errors/app-error.ts); the GraphQL edge maps it to extensions.code.',
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.data/**', 'bench/.data/**', 'packages/web/src/gql/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'bench/**', '**/test-support/**', '**/*.cli.ts', '.ci/**'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  layer('platform', {
    files: [`${API}/platform/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [],
          patterns: [UPWARD(['modules', 'app'], 'platform/ is below modules/ and app/: it must not import them.'), NO_TEST_SUPPORT],
        },
      ],
    },
  }),
  layer('platform outside GraphQL', {
    files: [`${API}/platform/**/*.ts`],
    ignores: [...TESTS, `${API}/platform/graphql/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [NO_GRAPHQL_ERROR],
          patterns: [UPWARD(['modules', 'app'], 'platform/ is below modules/ and app/: it must not import them.'), NO_TEST_SUPPORT],
        },
      ],
    },
  }),
  layer('modules', {
    files: [`${API}/modules/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [NO_GRAPHQL_ERROR], patterns: [UPWARD(['app'], 'modules/ are below app/: they must not import it.'), NO_TEST_SUPPORT] },
      ],
    },
  }),
  layer('modules outside GraphQL', {
    files: [`${API}/modules/**/*.ts`],
    ignores: [...TESTS, `${API}/modules/**/*.resolver.ts`, `${API}/modules/**/*.types.ts`, `${API}/modules/**/*.input.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [NO_GRAPHQL_ERROR],
          patterns: [
            UPWARD(['app'], 'modules/ are below app/: they must not import it.'),
            NO_TEST_SUPPORT,
            UPWARD(
              ['platform/graphql'],
              'Only resolvers, GraphQL types and inputs (*.resolver.ts, *.types.ts, *.input.ts) import platform/graphql; services, loaders and exports know no protocol.',
            ),
          ],
        },
      ],
    },
  }),
  layer('app', {
    files: [`${API}/app/**/*.ts`, `${API}/main.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_TEST_SUPPORT] }] },
  }),
  layer('shared', {
    files: ['packages/shared/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^@tiktok-insights/(api|web)', message: 'shared is the bottom layer: it imports no other package.' }] },
      ],
    },
  }),
);
