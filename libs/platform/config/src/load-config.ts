import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { HakiError } from '@haki/contracts';

/** CONFIG.INVALID, naming every bad variable (in `problems`, and as `fields` where errors are reported). */
export class ConfigError extends HakiError {
  constructor(readonly problems: { variable: string; reason: string }[]) {
    super('CONFIG.INVALID', `Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.reason}`).join('\n')}`, {
      fields: problems.map((p) => ({ field: p.variable, reason: p.reason })),
    });
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Validates the environment once, at boot, into a typed object. Nothing else in a service reads
 * `process.env`, so a missing or malformed variable stops the service before it takes traffic, with
 * a message that names the variable instead of failing later in some handler.
 */
export function loadConfig<S extends z.ZodObject>(schema: S, env: Env = process.env): z.infer<S> {
  const result = schema.safeParse(withFileSecrets(Object.keys(schema.shape), env));
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '(env)'), reason: issue.message })));
}

/**
 * `<NAME>_FILE` instead of `<NAME>`: the value is read from that file (a mounted Kubernetes or Docker
 * secret), so keys and passwords need not sit in the environment. Setting both is refused, as is a file
 * that cannot be read; the file's trailing newline is dropped.
 */
function withFileSecrets(names: string[], env: Env): Env {
  const resolved: Env = { ...env };
  const problems: { variable: string; reason: string }[] = [];
  for (const name of names) {
    const file = env[`${name}_FILE`];
    if (file === undefined) continue;
    if (env[name] !== undefined) {
      problems.push({ variable: `${name}_FILE`, reason: `set ${name} or ${name}_FILE, not both` });
      continue;
    }
    try {
      resolved[name] = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      problems.push({ variable: `${name}_FILE`, reason: `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return resolved;
}

/** For main.ts: print the problems and exit non-zero instead of a stack trace. */
export function loadConfigOrExit<S extends z.ZodObject>(schema: S, env: Env = process.env): z.infer<S> {
  try {
    return loadConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
