import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { ERROR_CATALOGUE, isErrorCode } from '@haki/contracts';
import { GEOGRAPHY_ERROR_CODES } from '@haki/geography';
import { MATCHING_CORE_ERROR_CODES } from '@haki/matching-core';

const ROOT = join(__dirname, '../../..');

describe('one error catalogue', () => {
  it('lists every code the pure libraries declare for their own error types', () => {
    for (const code of [...MATCHING_CORE_ERROR_CODES, ...GEOGRAPHY_ERROR_CODES]) expect(isErrorCode(code)).toBe(true);
  });

  it('leaves no uncoded throw in services and libraries', () => {
    // Production sources: tests (the browser tests too), the test harness, scripts, benchmarks and CLI tools may throw plain errors.
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'apps/*.ts', 'libs/*.ts'], { cwd: ROOT })
      .toString()
      .split('\n')
      .filter((file) => file.endsWith('.ts') && !/(\.spec|\.int-spec|\.e2e-spec)\.ts$/.test(file))
      .filter((file) => !/^libs\/testing\/|\/(scripts|bench|test-support)\/|^apps\/system-e2e\/|^apps\/web\/e2e\//.test(file));
    expect(files.length).toBeGreaterThan(50);
    const uncoded = files.flatMap((file) =>
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .map((line, index) => ({ where: `${file}:${index + 1}`, line }))
        .filter(({ line }) => /new (Error|TypeError|RangeError)\(/.test(line)),
    );
    expect(uncoded.map(({ where, line }) => `${where} ${line.trim()}`)).toEqual([]);
  });

  it('gives every code a status that is a client (4xx) or server (5xx) error', () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
      expect([code, entry.status >= 400 && entry.status < 600]).toEqual([code, true]);
      expect(code).toMatch(/^[A-Z]+(\.[A-Z_]+)?$/);
    }
  });
});

describe('API docs from the schemas that validate', () => {
  it('documents the body of every service route that reads one with the zod schema it is validated with', () => {
    const controllers = execFileSync(
      'git',
      ['ls-files', '--cached', '--others', '--exclude-standard', 'apps/*-service/src/*.ts', 'apps/gateway/src/*.ts'],
      {
        cwd: ROOT,
      },
    )
      .toString()
      .split('\n')
      .filter((file) => file.endsWith('.ts') && !/spec\.ts$/.test(file));
    let handlersReading = 0;
    const undocumented = controllers.flatMap((file) => {
      const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
      const missing: string[] = [];
      let decorators: string[] = [];
      for (let index = 0; index < lines.length; index++) {
        const line = lines[index]!.trim();
        if (line.startsWith('@')) decorators.push(line);
        else if (/^(async\s+)?\w+\(/.test(line) && decorators.length) {
          // The handler's signature runs to the line that opens its body.
          let signature = line;
          while (!/\{$/.test(lines[index]!.trim()) && index < lines.length - 1) signature += lines[++index]!.trim();
          for (const [kind, documented] of [
            ['@Body()', '@ZodBody('],
            ['@Query()', '@ZodQuery('],
          ] as const) {
            if (!signature.includes(kind)) continue;
            handlersReading++;
            if (!decorators.some((decorator) => decorator.startsWith(documented)))
              missing.push(`${file}: ${line.slice(0, line.indexOf('('))} ${kind}`);
          }
          decorators = [];
        } else if (line && !line.startsWith('/**') && !line.startsWith('*') && !line.startsWith('//')) decorators = [];
      }
      return missing;
    });
    expect(handlersReading).toBeGreaterThan(15);
    expect(controllers.length).toBeGreaterThan(10);
    expect(undocumented).toEqual([]);
  });
});
