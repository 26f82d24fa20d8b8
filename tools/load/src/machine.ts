import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

/** CPU time counters from /proc/stat (Linux): what the machine did between two readings. */
export interface CpuTimes {
  busy: number;
  idle: number;
  /** Time the hypervisor gave this VM's CPUs to someone else: high steal makes every figure slower. */
  steal: number;
}

export function cpuTimes(): CpuTimes | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
    return { busy: user + nice + system + irq + softirq, idle: idle + iowait, steal };
  } catch {
    return undefined; // not Linux
  }
}

/** Shares of CPU time between two readings, in percent of all cores. */
export function cpuShares(from: CpuTimes | undefined, to: CpuTimes | undefined): { busyPct: number; stealPct: number } | undefined {
  if (!from || !to) return undefined;
  const busy = to.busy - from.busy;
  const steal = to.steal - from.steal;
  const total = busy + steal + (to.idle - from.idle);
  if (total <= 0) return undefined;
  return { busyPct: Math.round((busy / total) * 1000) / 10, stealPct: Math.round((steal / total) * 1000) / 10 };
}

/** What a report needs to say about the machine it ran on. */
export function machineFacts() {
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
    node: process.version,
  };
}
