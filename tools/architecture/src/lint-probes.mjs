// Lints in-memory probe files with the repository's ESLint config and prints, per probe, the messages
// of the rule it names. Runs as its own process: ESLint loads eslint.config.mjs with a dynamic
// import, which jest's module sandbox refuses. Input (stdin): [{ id, file, source, rule }].
import { createProjectGraphAsync } from '@nx/devkit';
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../../..');
const probes = JSON.parse(readFileSync(0, 'utf8'));
// The Nx boundary rule reads the cached project graph and silently skips itself without one.
await createProjectGraphAsync({ exitOnError: false });
const eslint = new ESLint({ cwd: root });
const results = {};
for (const probe of probes) {
  const [result] = await eslint.lintText(probe.source, { filePath: join(root, probe.file) });
  results[probe.id] = result.messages.filter((message) => message.ruleId === probe.rule).map((message) => message.message);
}
process.stdout.write(JSON.stringify(results));
