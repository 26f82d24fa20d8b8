import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// Module boundaries (docs/ARCHITECTURE.md "Shape"). Two axes, both enforced on every import:
//  - scope: a service sees only its own code and shared libraries; matching policy (matching-core)
//    is matching's, so intake or case cannot reach it; services share events, not modules.
//  - type: pure libraries (vocabulary, geography, domain) and contracts import no I/O library, and
//    the test harness is importable from test files only.
// tools/architecture/src/module-boundaries.spec.ts proves that each rule rejects a violating import.

/** I/O and framework packages a pure or contract library must never import. */
const IO_PACKAGES = [
  'mongoose',
  'mongodb',
  'kafkajs',
  'bullmq',
  'ioredis',
  '@nestjs/*',
  'nestjs-pino',
  'pino',
  'pino-*',
  'express',
  'testcontainers',
  '@testcontainers/*',
];

const PURE = ['type:vocabulary', 'type:geography', 'type:domain'];

/** `tests`: the constraints for test files, which may also use the test harness. */
function depConstraints({ tests }) {
  const harness = tests ? ['type:testing'] : [];
  return [
    { sourceTag: 'type:vocabulary', onlyDependOnLibsWithTags: [], bannedExternalImports: IO_PACKAGES },
    { sourceTag: 'type:geography', onlyDependOnLibsWithTags: [], bannedExternalImports: IO_PACKAGES },
    { sourceTag: 'type:domain', onlyDependOnLibsWithTags: PURE, bannedExternalImports: IO_PACKAGES },
    { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:vocabulary'], bannedExternalImports: IO_PACKAGES },
    { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', 'type:vocabulary', ...harness] },
    // The harness mints the gateway's service tokens (platform-access) for the services it starts.
    { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:platform'] },
    { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', ...PURE, ...harness] },
    { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contracts', 'type:vocabulary', 'type:testing'] },
    // Tools drive a running stack as an operator would: they sign their requests with the gateway's key (platform-access).
    { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', ...PURE, ...harness] },
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    { sourceTag: 'scope:intake', onlyDependOnLibsWithTags: ['scope:intake', 'scope:shared'] },
    { sourceTag: 'scope:matching', onlyDependOnLibsWithTags: ['scope:matching', 'scope:shared'] },
    { sourceTag: 'scope:notification', onlyDependOnLibsWithTags: ['scope:notification', 'scope:shared'] },
    { sourceTag: 'scope:case', onlyDependOnLibsWithTags: ['scope:case', 'scope:shared'] },
    { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
    { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:e2e', 'scope:shared'] },
    // The staff web app runs in browsers: it shares only the pure vocabulary and geography (the
    // deadline rules and town search as intake applies them), never a service's or platform's code.
    { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:shared'] },
    { sourceTag: 'type:web', onlyDependOnLibsWithTags: ['type:vocabulary', 'type:geography'], bannedExternalImports: IO_PACKAGES },
    // The simulator models the network with matching policy (matching-core), so tools may import it.
    { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:tools', 'scope:matching', 'scope:shared'] },
  ];
}

// test-support/: helpers the test files of a project share (never imported by its code).
const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test-support/**/*.ts'];
const boundaries = (tests) => ({
  '@nx/enforce-module-boundaries': [
    'error',
    { enforceBuildableLibDependency: false, allow: [], depConstraints: depConstraints({ tests }) },
  ],
});

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/node_modules', '**/dist', '**/.cache', '**/.nx', 'reports/**'] },
  { files: ['**/*.ts', '**/*.tsx'], ignores: TEST_FILES, rules: boundaries(false) },
  { files: TEST_FILES, rules: boundaries(true) },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // With noUncheckedIndexedAccess, `map.get(k)!` after a check is the normal idiom, not a smell.
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through @haki/platform-config.' },
      ],
      // Prettier wraps code at 140; this catches what it cannot wrap (long strings and comments).
      'max-len': ['error', { code: 140, ignoreUrls: true }],
    },
  },
  {
    // Only the config loader, test harness, scripts and benchmarks read the environment directly.
    files: [
      'libs/platform/config/**/*.ts',
      'libs/testing/**/*.ts',
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
      'tools/**/*.ts',
      'jest.config.ts',
      '**/bench/**/*.ts',
      // The browser tests and their config: where the running system is (HAKI_URL, HAKI_RUN_DIR).
      'apps/web/e2e/**/*.ts',
      'apps/web/playwright.config.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Pure libraries compute; they do not touch files, sockets or processes (their scripts and benchmarks may).
    files: ['libs/vocabulary/src/**/*.ts', 'libs/geography/src/**/*.ts', 'libs/matching-core/src/**/*.ts', 'libs/contracts/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:fs', 'node:fs/*', 'fs', 'node:net', 'node:http', 'node:https', 'node:child_process', 'child_process'],
              message: 'Pure and contract libraries do no I/O.',
            },
          ],
        },
      ],
    },
  },
  // Generated data: one county per line, by design.
  { files: ['**/counties.data.ts'], rules: { 'max-len': 'off' } },
];
