/**
 * What a server process tree uses, read from /proc: resident memory, and CPU time — the measure of
 * a page's cost that does not depend on how many cores are idle or how the load generator fares.
 */
import fs from 'node:fs';

/** Linux reports CPU times in clock ticks; 100 a second on every mainstream distribution. */
const CLOCK_TICKS_PER_S = 100;

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
    const list = fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
    if (list) out.push(...list.split(/\s+/).map(Number));
  }
  return out;
}

/** How many processes a process started (the launcher's `next start` workers). */
export function childCount(pid: number): number {
  try {
    return childrenOf(pid).length;
  } catch {
    return 0;
  }
}

function walk(pid: number, read: (pid: number) => number): number {
  try {
    return read(pid) + childrenOf(pid).reduce((sum, child) => sum + walk(child, read), 0);
  } catch {
    return 0; // the process ended between two reads
  }
}

/** Resident memory (kB) of a process and all its descendants. */
export function treeRssKb(pid: number): number {
  return walk(pid, (p) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0));
}

/** User plus system CPU time (ms) a process and its live descendants have used so far. */
export function treeCpuMs(pid: number): number {
  return walk(pid, (p) => {
    const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
    // Fields after the command name, which may itself hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return (ticks * 1000) / CLOCK_TICKS_PER_S;
  });
}

/** Samples the tree's resident memory every 100 ms; `peak()` since the last `reset()`. */
export function rssSampler(pid: number) {
  let peakKb = 0;
  const timer = setInterval(() => (peakKb = Math.max(peakKb, treeRssKb(pid))), 100);
  return {
    peakMb: () => Math.round(peakKb / 1024),
    reset: () => (peakKb = treeRssKb(pid)),
    stop: () => clearInterval(timer),
  };
}
