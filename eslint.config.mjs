// One lint configuration for every source folder: src, webview, test, bench, scripts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import local from './eslint-plugin-local/index.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.mocha } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', {
        selector: "AssignmentExpression[left.property.name='innerHTML']",
        message: 'Workbook text is untrusted: render with textContent, never innerHTML.',
      }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // Layers (core < shared < extension / webview, core < cli) and no import cycles.
    files: ['src/**/*.ts', 'webview/**/*.ts'],
    plugins: { local },
    rules: { 'local/code-layering': 'error', 'local/no-import-cycle': 'error' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
