// CPU time, not wall time, for the suite's per-input limits. On a loaded machine (a 2-core CI
// runner shared with other jobs) an input waits for a core about as long as it computes, so a
// wall-clock limit fails honest inputs; a super-linear input burns its CPU whatever the load. Where
// the CPU time cannot be read (no /proc, no `ulimit -t`), the limits fall back to wall time.
import { spawnSync } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';

/** USER_HZ, the unit of the CPU times in /proc: 100 on every Linux architecture Node runs on. */
const TICK_MS = 10;

/** How much longer than the CPU limit a run may take on the wall clock: it is blocked (waiting on I/O, a pipe), not computing. */
export const WALL_BACKSTOP = 12;

/** The kernel's id of the calling thread (Linux), or 0 where /proc/thread-self is not there. */
export function kernelThreadId() {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop()) || 0;
  } catch {
    return 0;
  }
}

/** CPU ms (user and system) a thread of this process has used so far, or null when it cannot be read. */
export function threadCpuMs(tid) {
  if (!tid) return null;
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state, ppid, ... utime (14th), stime (15th).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

/**
 * spawnSync of node with `args`, stopped by the kernel once the process has used `cpuMs` of CPU
 * (the soft RLIMIT_CPU, through the shell's `ulimit -S -t`, whole seconds, rounded up) or by a kill after
 * `wallMs` of wall time (default `cpuMs * WALL_BACKSTOP`). The result gains `overLimit`: true when
 * either stopped it.
 */
export function spawnNodeCpuLimited(args, { cpuMs, wallMs = cpuMs * WALL_BACKSTOP, ...options }) {
  const seconds = String(Math.max(1, Math.ceil(cpuMs / 1000)));
  // `ulimit -t` failing (a shell without it) leaves the wall-clock backstop alone.
  const r = spawnSync('/bin/sh', ['-c', 'ulimit -S -t "$1" 2>/dev/null; shift; exec "$@"', 'sh', seconds, process.execPath, ...args], { ...options, timeout: wallMs, killSignal: 'SIGKILL' });
  const overLimit = r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGXCPU';
  return { ...r, overLimit };
}
