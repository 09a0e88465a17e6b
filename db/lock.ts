import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite has no lock of its own: two processes on one data directory both "work" and silently lose
 * committed writes. This exclusive lock file (`<dir>.lock`, beside the directory) turns that into a
 * clear error for the second process. It names its owner by pid, boot id, process start time and
 * the directory's inode, so a reused pid or a copied directory is not taken for the owner.
 */
export class DataDirInUseError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database at ${dir} is already in use by process ${pid}. ` +
        'Stop that process first, or point PGLITE_DIR at another directory (each of dev, e2e, scripts and tests needs its own).',
    );
    this.name = 'DataDirInUseError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else — still alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** This boot of the machine (Linux); null where the kernel does not say. */
export function currentBootId(): string | null {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/**
 * When process `pid` started, as a token that tells apart two processes that had the same pid: the
 * start time in clock ticks since boot (field 22 of /proc/<pid>/stat) on Linux, else `ps -o lstart=`
 * (to the second) where there is no /proc (macOS). Null when it cannot be told.
 */
export function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2, the command name, is in parentheses and may itself hold spaces and ')'.
    const ticks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[22 - 3];
    if (ticks && /^\d+$/.test(ticks)) return `ticks:${ticks}`;
  } catch {
    // No /proc here, or the process is gone.
  }
  if (fs.existsSync('/proc/self/stat')) return null;
  try {
    const out = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
      encoding: 'utf8',
      timeout: 2000,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return out ? `lstart:${out}` : null;
  } catch {
    return null;
  }
}

/**
 * What a lock file says about its owner. A pid alone is not enough: in containers the app is often
 * pid 1 or 7 after every restart, and a lock copied along with its directory names the original's
 * process. Old lock files hold only the pid (and are judged by it alone).
 */
export type LockOwner = {
  pid: number;
  bootId?: string | null;
  startTime?: string | null;
  /** The locked directory, for people reading the file. */
  dir?: string;
  /** Device and inode of the locked directory: a copy of it is another directory. */
  dirId?: string;
};

export function parseLock(text: string): LockOwner | null {
  if (/^\s*\d+\s*$/.test(text)) return { pid: Number.parseInt(text, 10) };
  try {
    const owner = JSON.parse(text) as LockOwner;
    return Number.isInteger(owner?.pid) && owner.pid > 0 ? owner : null;
  } catch {
    return null;
  }
}

const dirIdOf = (dir: string) => {
  const st = fs.statSync(dir);
  return `${st.dev}:${st.ino}`;
};

/**
 * Whether the owner a lock names still holds `dir`: its process is alive, it is the same process
 * (same boot, same start time — not a newer one given the pid) and the lock is about this very
 * directory (not one it was copied from). Whatever cannot be checked here counts as a match.
 */
function ownerHolds(owner: LockOwner, dirId: string): boolean {
  if (!isAlive(owner.pid)) return false;
  const boot = currentBootId();
  if (owner.bootId && boot && owner.bootId !== boot) return false;
  if (owner.startTime) {
    const started = processStartTime(owner.pid);
    if (started && started !== owner.startTime) return false;
  }
  if (owner.dirId && owner.dirId !== dirId) return false;
  return true;
}

const held = new Map<string, string>();
let self: { bootId: string | null; startTime: string | null } | undefined;

/** Creates `file` holding `text` only if it does not exist, never visible half-written. */
function createExclusive(file: string, text: string): boolean {
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  fs.writeFileSync(temp, text, { mode: 0o600 });
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw err;
    // A file system without hard links: an exclusive create (briefly empty) instead.
    try {
      fs.writeFileSync(file, text, { flag: 'wx', mode: 0o600 });
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/**
 * Removes a lock judged stale, unless it changed since it was read: two processes taking over the
 * same stale lock at once must not remove each other's fresh one.
 */
function removeStale(file: string, staleText: string) {
  const aside = `${file}.${process.pid}.${randomUUID()}.stale`;
  try {
    fs.renameSync(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (fs.readFileSync(aside, 'utf8') !== staleText) {
    // Someone took the lock in between: put theirs back (unless yet another one appeared).
    try {
      fs.linkSync(aside, file);
    } catch {
      // Left to the next attempt to judge.
    }
  }
  fs.rmSync(aside, { force: true });
}

export function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(path.dirname(dir), `${path.basename(dir)}.lock`);
  const dirId = dirIdOf(dir);
  self ??= { bootId: currentBootId(), startTime: processStartTime(process.pid) };
  const text = JSON.stringify({ pid: process.pid, ...self, dir: path.resolve(dir), dirId } satisfies LockOwner);
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(file, text)) {
      held.set(file, text);
      return () => release(file);
    }
    let current: string;
    try {
      current = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    const owner = parseLock(current);
    if (owner?.pid === process.pid) {
      // This process is alive and is the only one with its pid: the lock is ours from an earlier
      // open (refuse a second open) or left by an earlier process that had our pid (take it over).
      if (held.get(file) === current) throw new DataDirInUseError(dir, owner.pid);
    } else if (owner && ownerHolds(owner, dirId)) {
      throw new DataDirInUseError(dir, owner.pid);
    }
    // Stale: its process died, the pid now belongs to another process, it predates a reboot, or it
    // was copied along with the directory. Take it over.
    removeStale(file, current);
  }
  throw new Error(`Could not lock ${dir}`);
}

function release(file: string) {
  const text = held.get(file);
  if (text === undefined) return;
  held.delete(file);
  try {
    if (fs.readFileSync(file, 'utf8') === text) fs.rmSync(file, { force: true });
  } catch {
    // Already gone: nothing to release.
  }
}

process.once('exit', () => {
  for (const file of [...held.keys()]) release(file);
});
