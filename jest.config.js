// One jest run, three kinds of test (ARCHITECTURE.md "Conventions"):
//   unit         *.spec.ts       pure logic, no servers
//   integration  *.int-spec.ts   real Kafka / MongoDB-wire (FerretDB or MongoDB) / Redis
//   e2e          *.e2e-spec.ts   all four services as child processes
const { compilerOptions } = require('./tsconfig.base.json');

// tsconfig "paths" -> jest moduleNameMapper, so tests import libs exactly as the apps do.
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

// A few well-kept libraries ship only as ES modules; swc turns them into CommonJS for jest.
const esmOnlyPackages = ['kdbush', 'geokdbush', 'flatbush', 'tinyqueue', 'jose', '@scure', '@noble'];

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleNameMapper,
  transform: {
    '^.+\\.[tj]s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2023',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
  testPathIgnorePatterns: ['/node_modules/', '/.cache/', '/dist/'],
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/jest-global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/jest-global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/jest-setup-slow.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/jest-global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/jest-global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/jest-setup-slow.ts'],
    },
  ],
};
