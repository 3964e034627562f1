// CPU accounting shared by the benches: processes and the machine from /proc (Linux; elsewhere the figures are
// left out), Redis from its own INFO. Every figure is cumulative, so a bench samples before and after a window.
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ on Linux: /proc counts CPU time in ticks of 1/100 s. */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, or NaN when it is gone or this is not Linux. */
export function processCpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

/**
 * CPU seconds of every running process of these commands, summed per command (`comm`, e.g. `postgres` for all of
 * PostgreSQL's backends). A process that ends between the listing and the read counts 0; without /proc, NaN.
 */
export function commandsCpuSeconds(names) {
  let pids;
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return Object.fromEntries(names.map((name) => [name, NaN]));
  }
  const total = Object.fromEntries(names.map((name) => [name, 0]));
  for (const pid of pids) {
    let comm;
    try {
      comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    if (comm in total) total[comm] += processCpuSeconds(pid) || 0;
  }
  return total;
}

/**
 * The machine's CPU time so far, all cores together, in ticks: `total`, and `idle` (idle and waiting for I/O), or
 * undefined when this is not Linux. The idle share of a window is Δidle / Δtotal (`idleShare`).
 */
export function machineTicks() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return { total: fields.reduce((a, b) => a + b, 0), idle: fields[3] + (fields[4] ?? 0) };
  } catch {
    return undefined;
  }
}

/** The idle share (0–1) of the machine between two `machineTicks()`, or NaN when either is missing. */
export function idleShare(before, after) {
  return before && after ? (after.idle - before.idle) / Math.max(1, after.total - before.total) : NaN;
}

/** CPU seconds (user + system) Redis has used so far, from `INFO cpu` (anyone else's use of it included). */
export async function redisCpuSeconds(redis) {
  const info = await redis.info('cpu');
  const read = (name) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? NaN);
  return read('used_cpu_user') + read('used_cpu_sys');
}

/**
 * CPU seconds so far of each child process (by its `label`), of PostgreSQL and Redis (all their processes, which
 * others may share) and of this process (`bench`), with the machine's CPU ticks (`machine`).
 */
export function sampleCpu(children) {
  const sample = { machine: machineTicks() };
  for (const child of children) sample[child.label] = processCpuSeconds(child.pid);
  const shared = commandsCpuSeconds(['postgres', 'redis-server']);
  sample.postgres = shared.postgres;
  sample.redis = shared['redis-server'];
  const own = process.cpuUsage();
  sample.bench = (own.user + own.system) / 1e6;
  return sample;
}
