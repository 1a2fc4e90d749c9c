// Lint rules that keep the house in shape; the reasons are in docs/architecture.md.
// `npm run lint` runs ESLint, Prettier's check, knip (unused exports) and scripts/check-architecture.ts.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';

const dirs = (path) =>
  readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

const webFeatures = dirs('web/src/features');

/** Kysely query starts and the `sql` tag: they belong in repositories. */
const queryCalls = '/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|selectNoFrom)$/';
const sqlOutsideRepositories = [
  {
    selector: `CallExpression[callee.property.name=${queryCalls}]`,
    message: 'SQL 只写在本能力的 *.repository.ts 中（见 docs/architecture.md“数据访问”）。',
  },
  {
    selector: "TaggedTemplateExpression[tag.name='sql']",
    message: 'SQL 只写在本能力的 *.repository.ts 中（见 docs/architecture.md“数据访问”）。',
  },
];

const repositoryOfAnother = {
  group: ['../*/*.repository', '../../*/*.repository'],
  message: '不能直接用另一个能力的仓储：调用它的服务（见 docs/architecture.md“边界”）。',
};
const tableOfAnother = {
  group: ['../*/*.table', '../../*/*.table'],
  allowTypeImports: true,
  message: '另一个能力的表定义只能以 import type 引用列的类型；取值请从它的服务或 schemas 导入。',
};
const demoFromProduction = {
  group: ['../demo/*', '../../demo/*', './demo/*'],
  message: '生产代码不能依赖示范城市（src/demo）。',
};

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'web/dist/**', 'dist/**', 'data/**', 'scratch/**', 'test-results/**', 'reference/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/essential'],
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      'no-control-regex': 'off',
      // Full-width spaces are part of Chinese document layout in strings and templates.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true }],
    },
  },
  {
    files: ['web/src/**/*.{ts,vue}'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] },
    },
    rules: {
      'vue/multi-word-component-names': 'off',
      'no-irregular-whitespace': 'off',
      // A list composable passed as a prop is reactive state the page shares with its ListPage.
      'vue/no-mutating-props': ['error', { shallowOnly: true }],
    },
  },
  // Production code under src/: SQL in repositories, capabilities meet through services, no demo.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.repository.ts', 'src/db/**', 'src/demo/**'],
    rules: { 'no-restricted-syntax': ['error', ...sqlOutsideRepositories] },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/db/**', 'src/demo/**', 'src/cli/**', 'src/server.ts', 'src/**/*.routes.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [repositoryOfAnother, tableOfAnother, demoFromProduction] },
      ],
    },
  },
  // Entry points (routes, CLI) stay thin: they call services, never repositories or Kysely.
  {
    files: ['src/**/*.routes.ts', 'src/cli/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'kysely', message: '入口（路由、命令行）不直接写 SQL：调用服务。' }],
          patterns: [
            { group: ['*.repository', '**/*.repository'], message: '入口（路由、命令行）不直接用仓储：调用服务。' },
            tableOfAnother,
          ],
        },
      ],
    },
  },
  // Web features never import each other; shared pieces live in components/, composables/, api/, stores/, utils/.
  ...webFeatures.map((feature) => ({
    files: [`web/src/features/${feature}/**/*.{ts,vue}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/features/*', `!@/features/${feature}`, `!@/features/${feature}/**`],
              message: '网页功能之间不互相导入：把共用的部分放到 components/、composables/、api/、stores/ 或 utils/。',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['test/**/*.ts', 'scripts/**/*.{ts,mjs}', '*.config.{ts,js}'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
