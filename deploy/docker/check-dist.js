// Checks compiled output against production dependencies only, without any server:
//   node deploy/docker/check-dist.js <app dir>   (<app dir> holds package.json, node_modules/ from
//                                                 `npm ci --omit=dev`, and dist/ from build-prod.js)
// scripts/check-prod-build.sh runs it in a temporary directory; the image build runs it in /app.
//   1. Every compiled module that is not an entry point is loaded: a runtime import of a devDependency,
//      a package missing from the lock file or an alias left unrewritten fails here. Every Nest provider
//      and controller whose constructor takes parameters must carry their types (design:paramtypes, or
//      an @Inject token), as Nest's injection by type needs (docs/decisions/0003).
//   2. Every entry point (each service's and the gateway's main, the cli/ commands, the tools) runs with
//      an empty environment: it loads its whole module graph, then refuses its configuration and exits
//      with the expected code before opening any connection.
// Both run with this file preloaded (`node -r`), which refuses every outgoing connection and every
// listening socket, so nothing here can reach a broker, database or Redis even if a config passed.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { spawn } = require('node:child_process');

/** Compiled files under dist/ (relative, with forward slashes), sorted. */
function compiledFiles(dist) {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.js')) files.push(path.relative(dist, full).split(path.sep).join('/'));
    }
  };
  walk(dist);
  return files.sort();
}

/** Files that run something when loaded: a service's or the gateway's main, an app's cli/ command, a tool. */
const ENTRY = /^(apps\/[^/]+\/src\/(main|cli\/[^/]+)\.js|tools\/[^/]+\/src\/[^/]+\.js)$/;
/** Exit code of an entry point given an empty environment: 78 (EX_CONFIG, loadConfigOrExit) unless named here. */
const EXPECTED_EXIT = { 'tools/audit/src/verify.js': 2 };

function loadModules(dist) {
  const modules = compiledFiles(dist).filter((file) => !ENTRY.test(file));
  let checked = 0;
  const problems = [];
  for (const file of modules) {
    const exported = require(path.join(dist, file));
    for (const [name, value] of Object.entries(exported)) {
      if (typeof value !== 'function' || !/^class\b/.test(Function.prototype.toString.call(value))) continue;
      const nest = Reflect.getMetadata?.('__injectable__', value) || Reflect.getMetadata?.('__controller__', value);
      if (!nest || value.length === 0) continue;
      checked++;
      const types = Reflect.getMetadata('design:paramtypes', value);
      const tokens = new Set((Reflect.getMetadata('self:paramtypes', value) ?? []).map((p) => p.index));
      for (let index = 0; index < value.length; index++) {
        const type = types?.[index];
        if (!tokens.has(index) && (type === undefined || type === Object)) {
          problems.push(`${file}: ${name}'s constructor parameter ${index} has no type Nest can inject (${type?.name ?? 'none'})`);
        }
      }
    }
  }
  // None found means the decorators were not compiled (or reflect-metadata never loaded): nothing was checked.
  if (checked === 0) problems.push('no Nest provider or controller found: decorators or their metadata are missing from dist/');
  if (problems.length) {
    process.stderr.write(`${problems.join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write(`${modules.length} modules loaded; ${checked} Nest providers and controllers carry their constructor types\n`);
  process.exit(0); // timers some modules start (metrics) would keep the process alive
}

async function main(appDir) {
  const started = Date.now();
  const dist = path.join(appDir, 'dist');
  const self = __filename;
  // Packages must come from <app dir>/node_modules (production dependencies), never from a tree above it.
  for (let dir = path.dirname(appDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'node_modules'))) fail(`${dir}/node_modules would be visible to dist/: use an app dir outside it`);
  }
  // An empty environment: no URL or key the caller's shell holds can make a configuration valid.
  const env = { PATH: process.env.PATH, HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'production' };
  const run = (args) =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, ['--enable-source-maps', '-r', self, ...args], { cwd: appDir, env });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('close', (status, signal) => resolve({ status: status ?? signal, output }));
    });

  const entries = compiledFiles(dist).filter((file) => ENTRY.test(file));
  if (!entries.includes('tools/kafka-access/src/main.js')) fail('dist/tools/kafka-access/src/main.js is missing');
  // The module load and the entry points in parallel, one process per core (at most 4: each takes ~150 MB).
  const jobs = [
    { name: 'modules', args: ['-e', `require(${JSON.stringify(self)}).loadModules(${JSON.stringify(dist)})`], expected: 0 },
    ...entries.map((file) => ({ name: file, args: [path.join(dist, file)], expected: EXPECTED_EXIT[file] ?? 78 })),
  ];
  const results = new Map();
  const queue = [...jobs];
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) results.set(job, await run(job.args));
  };
  await Promise.all(Array.from({ length: Math.min(4, Math.max(2, os.availableParallelism())) }, worker));

  let failures = 0;
  for (const job of jobs) {
    const { status, output } = results.get(job);
    const broken = /Cannot find module|ERR_MODULE_NOT_FOUND|ERR_REQUIRE|SyntaxError|check-dist: /.test(output);
    if (status !== job.expected || broken) {
      failures++;
      process.stdout.write(`FAIL ${job.name}: exit ${status}, expected ${job.expected}\n${output.replace(/^/gm, '     ')}\n`);
    } else if (job.name === 'modules') {
      process.stdout.write(`ok   ${output.trim()}\n`);
    } else {
      // The first variable the configuration refused (or the first line of the error).
      const reason = output.split('\n').find((line) => /^\s+\S+: /.test(line)) ?? output.split('\n')[0];
      process.stdout.write(`ok   ${job.name}: exit ${status} before any connection (${reason.trim().slice(0, 60)})\n`);
    }
  }
  if (failures) fail(`${failures} of ${jobs.length} checks failed`);
  process.stdout.write(
    `check-dist: ${jobs.length - 1} entry points and the module graph load on production dependencies (${Date.now() - started} ms)\n`,
  );
}

/** Preloaded (`node -r`): no network at all in this process. */
function refuseSockets() {
  const net = require('node:net');
  const refuse = (what) =>
    function () {
      throw new Error(`check-dist: ${what} refused (the production build check opens no sockets)`);
    };
  net.Socket.prototype.connect = refuse('outgoing connection');
  net.Server.prototype.listen = refuse('listening socket');
}

function fail(message) {
  process.stderr.write(`check-dist: ${message}\n`);
  process.exit(1);
}

if (require.main === module) void main(path.resolve(process.argv[2] ?? '.'));
else refuseSockets();
module.exports = { loadModules };
