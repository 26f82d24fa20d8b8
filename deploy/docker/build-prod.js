// Compiles what production runs from TypeScript to CommonJS JavaScript in dist/ (`npm run build:prod`;
// deploy/docker/service.Dockerfile runs the same file in its build stage):
//   the four services and the gateway (apps/<name>/src, with their cli/ commands: reseal, accounts),
//   every library the apps import by alias (tsconfig.base.json "paths", except the test harness),
//   the operator tools kafka-access (topics and broker ACLs) and audit (verify).
// Output mirrors the source tree: apps/intake-service/src/main.ts -> dist/apps/intake-service/src/main.js.
//
// The transform is the one the services run under today (@swc-node/register reading tsconfig.base.json)
// and the tests use (@swc/jest, jest.config.js): SWC with legacy decorators and decorator metadata (Nest
// injects by constructor parameter type: docs/decisions/0003), class fields as defined (target ES2023),
// class names kept, `@haki/*` aliases rewritten to relative paths. No type check here: `npm run
// typecheck` does that. No bundling: dist/ runs against the production node_modules.
//   node deploy/docker/build-prod.js [--out <dir>]   (default <repo>/dist)
'use strict';
const { existsSync, readdirSync } = require('node:fs');
const { mkdir, readdir, rm, writeFile } = require('node:fs/promises');
const path = require('node:path');
const { parseArgs } = require('node:util');
const swc = require('@swc/core');

const ROOT = path.resolve(__dirname, '../..');
const { values } = parseArgs({ options: { out: { type: 'string', default: path.join(ROOT, 'dist') } } });
const OUT = path.resolve(values.out);
// The output directory is emptied first: only one this script made (its marker file), or none yet.
const MARKER = '.build-prod';
if (existsSync(OUT) && readdirSync(OUT).length > 0 && !existsSync(path.join(OUT, MARKER))) {
  process.stderr.write(`build:prod: ${OUT} exists and was not made by build:prod; refusing to empty it\n`);
  process.exit(1);
}

const APPS = ['intake-service', 'matching-service', 'notification-service', 'case-service', 'gateway'];
const TOOLS = ['kafka-access', 'audit'];
const TEST_ONLY_ALIASES = ['@haki/testing'];

const { compilerOptions } = require(path.join(ROOT, 'tsconfig.base.json'));
const aliases = Object.entries(compilerOptions.paths).filter(([alias]) => !TEST_ONLY_ALIASES.includes(alias));
// A library's source directory: the one holding the file its alias points at (libs/<name>/src).
const libraryDirs = aliases.map(([, [target]]) => path.dirname(target));
const sourceDirs = [...APPS.map((app) => `apps/${app}/src`), ...libraryDirs, ...TOOLS.map((tool) => `tools/${tool}/src`)];

const TEST_FILE = /\.(spec|int-spec|e2e-spec)\.ts$/;
const TEST_DIRS = new Set(['test-support', '__fixtures__']);

async function typescriptFiles(dir) {
  const files = [];
  for (const entry of await readdir(path.join(ROOT, dir), { withFileTypes: true })) {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!TEST_DIRS.has(entry.name)) files.push(...(await typescriptFiles(relative)));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !TEST_FILE.test(entry.name)) {
      files.push(relative);
    }
  }
  return files;
}

const swcOptions = (file) => ({
  filename: path.join(ROOT, file),
  swcrc: false,
  configFile: false,
  sourceMaps: true,
  // Stack traces name the TypeScript file and line (node --enable-source-maps): apps/…/x.ts as seen from
  // dist/apps/…/x.js, wherever the output goes. The sources themselves stay out of the image.
  sourceFileName: path.relative(path.dirname(path.join('dist', file)), file),
  inlineSourcesContent: false,
  jsc: {
    target: 'es2023',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
    keepClassNames: true,
    baseUrl: ROOT,
    paths: Object.fromEntries(aliases.map(([alias, targets]) => [alias, targets.map((target) => path.join(ROOT, target))])),
  },
  module: { type: 'commonjs' },
});

async function compile(file) {
  const outFile = path.join(OUT, file).replace(/\.ts$/, '.js');
  const { code, map } = await swc.transformFile(path.join(ROOT, file), swcOptions(file));
  // An alias left as it was would fail at run time with "Cannot find module '@haki/…'": fail the build instead.
  const unresolved = code.match(/require\("@haki\/[^"]+"\)/);
  if (unresolved) throw new Error(`${file}: ${unresolved[0]} was not rewritten (is the alias in tsconfig.base.json "paths"?)`);
  await mkdir(path.dirname(outFile), { recursive: true });
  await writeFile(outFile, `${code}\n//# sourceMappingURL=${path.basename(outFile)}.map\n`);
  await writeFile(`${outFile}.map`, map);
}

async function main() {
  const started = Date.now();
  const files = (await Promise.all(sourceDirs.map(typescriptFiles))).flat();
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
  await writeFile(path.join(OUT, MARKER), 'Made by deploy/docker/build-prod.js; emptied at each build.\n');
  // SWC compiles on its own thread pool; a few files in flight at a time keeps the open files bounded.
  const queue = [...files];
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) await compile(file);
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  const shown = path.relative(process.cwd(), OUT) || '.';
  process.stderr.write(
    `build:prod: ${files.length} files from ${sourceDirs.length} directories -> ${shown} in ${Date.now() - started} ms\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`build:prod failed: ${error.stack ?? error}\n`);
  process.exit(1);
});
