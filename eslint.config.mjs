// ESLint (flat config) with typescript-eslint's recommended rules, over the TypeScript sources. Layout
// and spacing are Prettier's (eslint-config-prettier turns off the rules that would disagree with it).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/out/**', 'node_modules/**', 'test-output/**', 'server/schemas/**', '*.vsix'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended, prettier],
    rules: {
      // Unused code is TypeScript's to report (noUnusedLocals, noUnusedParameters), with its own rules for `_`.
      '@typescript-eslint/no-unused-vars': 'off',
      // Control characters in regexes are on purpose: they find what must be escaped before it is shown.
      'no-control-regex': 'off',
    },
  },
  {
    // Tests read untyped JSON (SARIF logs, LSP messages) field by field.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
