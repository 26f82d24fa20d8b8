import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { eventually } from './eventually';
import { freePort } from './free-port';

const ROOT = resolve(__dirname, '../../..');

export interface RunningService {
  name: string;
  port: number;
  url: string;
  process: ChildProcess;
  /** Resolves when the process has exited, with its exit code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
  stop(): Promise<void>;
}

export { freePort } from './free-port';

/**
 * Starts one service as its own process, exactly as `npm start` does, and waits until its readiness
 * endpoint answers (or, with `waitReady: false`, only spawns it: for processes expected to die).
 */
export async function startService(
  name: string,
  env: Record<string, string>,
  options: { waitReady?: boolean } = {},
): Promise<RunningService> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnFreePort(name, env, options);
    } catch (error) {
      // Another program may take the port between our probe and the service's bind: try another.
      if (attempt >= 3 || !String((error as Error).message).includes('EADDRINUSE')) throw error;
    }
  }
}

async function startOnFreePort(name: string, env: Record<string, string>, options: { waitReady?: boolean }): Promise<RunningService> {
  // A caller that must know the URL beforehand (a service's own public links) picks the port itself.
  const port = env['PORT'] ? Number(env['PORT']) : await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${name}/src/main.ts`], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: env['LOG_LEVEL'] ?? 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const service: RunningService = {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    process: child,
    exited,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  if (options.waitReady !== false) {
    await eventually(
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited during startup:\n${output.slice(-2000)}`);
        const response = await fetch(`${service.url}/health/ready`);
        if (!response.ok) throw new Error(`${name} not ready: ${response.status}`);
      },
      { timeoutMs: 90_000, intervalMs: 250 },
    );
  }
  return service;
}

/** Runs one of the repo's tools (`tools/<name>/src/main.ts`) to its end; rejects with its output unless it exits 0. */
export function runTool(script: string, env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', script], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return new Promise((done, fail) =>
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`${script} exited ${code}:\n${output}`)))),
  );
}
