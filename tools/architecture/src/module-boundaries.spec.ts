import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Each boundary rule of eslint.config.mjs, shown to reject an import that breaks it and to accept the
 * import the architecture intends, by linting a probe file placed in the project concerned.
 */
const BOUNDARIES = '@nx/enforce-module-boundaries';
const RESTRICTED = 'no-restricted-imports';

interface Probe {
  file: string;
  from: string;
  rule?: string;
}

const probe = (file: string, from: string, rule = BOUNDARIES): Probe => ({ file, from, rule });
const PROBES = {
  intakeToMatchingCore: probe('apps/intake-service/src/probe.ts', '@haki/matching-core'),
  caseToMatchingCore: probe('apps/case-service/src/probe.ts', '@haki/matching-core'),
  matchingToMatchingCore: probe('apps/matching-service/src/probe.ts', '@haki/matching-core'),
  intakeToGeography: probe('apps/intake-service/src/probe.ts', '@haki/geography'),
  intakeToVocabulary: probe('apps/intake-service/src/probe.ts', '@haki/vocabulary'),
  caseToIntake: probe('apps/case-service/src/probe.ts', '../../intake-service/src/app.module'),
  matchingCoreToMongoose: probe('libs/matching-core/src/probe.ts', 'mongoose'),
  matchingCoreToNest: probe('libs/matching-core/src/probe.ts', '@nestjs/common'),
  geographyToKafka: probe('libs/geography/src/probe.ts', 'kafkajs'),
  vocabularyToRedis: probe('libs/vocabulary/src/probe.ts', 'ioredis'),
  contractsToKafka: probe('libs/contracts/src/probe.ts', 'kafkajs'),
  contractsToBullmq: probe('libs/contracts/src/probe.ts', 'bullmq'),
  contractsToZod: probe('libs/contracts/src/probe.ts', 'zod'),
  matchingCoreToFs: probe('libs/matching-core/src/probe.ts', 'node:fs', RESTRICTED),
  benchToFs: probe('libs/matching-core/bench/probe.ts', 'node:fs', RESTRICTED),
  matchingCoreToContracts: probe('libs/matching-core/src/probe.ts', '@haki/contracts'),
  matchingCoreToGeography: probe('libs/matching-core/src/probe.ts', '@haki/geography'),
  vocabularyToGeography: probe('libs/vocabulary/src/probe.ts', '@haki/geography'),
  contractsToLogging: probe('libs/contracts/src/probe.ts', '@haki/platform-logging'),
  platformToMatchingCore: probe('libs/platform/runtime/src/probe.ts', '@haki/matching-core'),
  appToTesting: probe('apps/matching-service/src/probe.ts', '@haki/testing'),
  platformToTesting: probe('libs/platform/messaging/src/probe.ts', '@haki/testing'),
  appSpecToTesting: probe('apps/matching-service/src/probe.spec.ts', '@haki/testing'),
  appIntSpecToTesting: probe('apps/matching-service/src/probe.int-spec.ts', '@haki/testing'),
  platformIntSpecToTesting: probe('libs/platform/messaging/src/probe.int-spec.ts', '@haki/testing'),
} satisfies Record<string, Probe>;

let found: Record<keyof typeof PROBES, string[]>;

beforeAll(() => {
  const input = Object.entries(PROBES).map(([id, { file, from, rule }]) => ({
    id,
    file,
    rule,
    source: `import * as imported from '${from}';\nexport const probe = imported;\n`,
  }));
  const output = execFileSync(process.execPath, [join(__dirname, 'lint-probes.mjs')], { input: JSON.stringify(input), maxBuffer: 1 << 24 });
  found = JSON.parse(output.toString());
}, 180_000);

const problems = (id: keyof typeof PROBES) => found[id].join('\n');

describe('module boundaries', () => {
  it('keeps matching policy inside matching: intake and case cannot import matching-core, matching can', () => {
    expect(problems('intakeToMatchingCore')).toMatch(/scope:intake.*can only depend on libs tagged with "scope:intake", "scope:shared"/s);
    expect(problems('caseToMatchingCore')).toMatch(/scope:case/);
    expect(problems('matchingToMatchingCore')).toBe('');
  });

  it('lets every service use the shared geography and vocabulary', () => {
    expect(problems('intakeToGeography')).toBe('');
    expect(problems('intakeToVocabulary')).toBe('');
  });

  it('stops a service importing another service', () => {
    expect(problems('caseToIntake')).toMatch(/relative|imported by a relative or absolute path/i);
  });

  it.each([
    ['matchingCoreToMongoose', 'mongoose'],
    ['matchingCoreToNest', '@nestjs/common'],
    ['geographyToKafka', 'kafkajs'],
    ['vocabularyToRedis', 'ioredis'],
    ['contractsToKafka', 'kafkajs'],
    ['contractsToBullmq', 'bullmq'],
  ] as const)('bans I/O packages from pure and contract libraries (%s)', (id, pkg) => {
    expect(problems(id)).toContain(`is not allowed to import "${pkg}"`);
  });

  it('still lets contracts use zod', () => {
    expect(problems('contractsToZod')).toBe('');
  });

  it('keeps pure libraries off files, sockets and processes (their benchmarks may write files)', () => {
    expect(problems('matchingCoreToFs')).toMatch(/do no I\/O/);
    expect(problems('benchToFs')).toBe('');
  });

  it('layers the libraries: pure code imports no contracts or platform, contracts no platform, platform no policy', () => {
    expect(problems('matchingCoreToContracts')).toMatch(/type:domain/);
    expect(problems('vocabularyToGeography')).toMatch(/type:vocabulary/);
    expect(problems('contractsToLogging')).toMatch(/type:contracts/);
    expect(problems('platformToMatchingCore')).toMatch(/type:platform|scope:shared/);
    expect(problems('matchingCoreToGeography')).toBe('');
  });

  it('allows the test harness in test files only', () => {
    expect(problems('appToTesting')).toMatch(/type:app/);
    expect(problems('platformToTesting')).toMatch(/type:platform/);
    expect(problems('appSpecToTesting')).toBe('');
    expect(problems('appIntSpecToTesting')).toBe('');
    expect(problems('platformIntSpecToTesting')).toBe('');
  });
});
