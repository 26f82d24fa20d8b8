import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The running stack of `npm start`, as its pid files describe it (scripts/services.sh, deploy/local/infra.sh). */
const ROOT = join(__dirname, '../../..');
const SERVICE_PIDS = ['intake-service', 'matching-service', 'notification-service', 'case-service'].map((service) =>
  join(ROOT, '.cache/run', `${service}.pid`),
);
const INFRA_PIDS = ['kafka/kafka.pid', 'ferretdb/ferretdb.pid', 'redis/redis.pid', 'versitygw/versitygw.pid'].map((file) =>
  join(ROOT, '.cache/infra/run', file),
);
const run = promisify(execFile);

function pidFrom(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function servicePid(service: string): number | undefined {
  return pidFrom(join(ROOT, '.cache/run', `${service}.pid`));
}

/** CPU seconds used so far by every process of the stack (services and infrastructure). */
export function stackCpuSeconds(): number {
  const ticksPerSecond = 100; // USER_HZ on Linux
  let ticks = 0;
  for (const file of [...SERVICE_PIDS, ...INFRA_PIDS]) {
    const pid = pidFrom(file);
    if (!pid) continue;
    try {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process is gone (killed by a chaos step): its time is lost with it
    }
  }
  return ticks / ticksPerSecond;
}

/** Share of one core the stack uses while nothing is sent, measured over `seconds`. */
export async function idleCpu(seconds: number): Promise<number> {
  const before = stackCpuSeconds();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  return Math.round(((stackCpuSeconds() - before) / seconds) * 1000) / 10;
}

/** SIGKILL of a service, then `npm start` brings back what is not running. */
export async function killAndRestart(service: string): Promise<void> {
  const pid = servicePid(service);
  if (!pid) throw new Error(`${service} has no pid file: is the stack running (npm start)?`);
  process.kill(pid, 'SIGKILL');
  await untilGone(pid);
  await run('bash', [join(ROOT, 'scripts/start.sh')], { cwd: ROOT, maxBuffer: 10 * 2 ** 20 });
}

/** Stops the broker (SIGTERM, as an operator's restart would) and starts it again. */
export async function restartBroker(): Promise<void> {
  const pid = pidFrom(join(ROOT, '.cache/infra/run/kafka/kafka.pid'));
  if (!pid) throw new Error('kafka has no pid file: is the stack running (npm start)?');
  process.kill(pid, 'SIGTERM');
  await untilGone(pid);
  await run('bash', [join(ROOT, 'deploy/local/infra.sh'), 'up'], { cwd: ROOT, maxBuffer: 10 * 2 ** 20 });
}

/** Waits until the process has exited (a zombie waiting to be reaped counts as gone). */
async function untilGone(pid: number): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 100) {
    let state: string | undefined;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
    } catch {
      return;
    }
    if (state === 'Z') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`process ${pid} still running 60 s after the signal`);
}

/** The versions a report names: Kafka from its pom, FerretDB from its go.mod. */
export function stackVersions(): Record<string, string> {
  const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
  return {
    node: process.version,
    kafka: /<kafka.version>(.*)<\/kafka.version>/.exec(read('deploy/local/kafka/pom.xml'))?.[1] ?? 'unknown',
    ferretdb: /github.com\/FerretDB\/FerretDB (v[\d.]+)/.exec(read('deploy/local/ferretdb/go.mod'))?.[1] ?? 'unknown',
  };
}
