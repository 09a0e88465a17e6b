import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { currentBootId, DataDirInUseError, lockDataDir, parseLock, processStartTime, type LockOwner } from './lock';

const dirs: string[] = [];
function tempDir() {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'afterdesk-lock-'));
  dirs.push(d);
  return path.join(d, 'pglite');
}
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Another process that takes the lock on `dir` with the real code and keeps it until killed. */
async function holder(dir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `require(${JSON.stringify(path.resolve('db/lock.ts'))}).lockDataDir(process.argv[1]); console.log('locked'); setInterval(() => {}, 1000);`,
      dir,
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => c.toString().includes('locked') && resolve());
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}: ${err}`)));
  });
  return child;
}

/** A live process that never locked anything, to stand for whatever got a recorded pid next. */
function bystander(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
  children.push(child);
  return child;
}

const lockOf = (dir: string) => parseLock(fs.readFileSync(`${dir}.lock`, 'utf8'))!;
const dirIdOf = (dir: string) => {
  const st = fs.statSync(dir);
  return `${st.dev}:${st.ino}`;
};
function writeLock(dir: string, owner: LockOwner) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(`${dir}.lock`, JSON.stringify(owner));
}

describe('lockDataDir', () => {
  it('refuses a directory held by another live process, with a clear message', async () => {
    const dir = tempDir();
    const other = await holder(dir);
    expect(lockOf(dir)).toMatchObject({
      pid: other.pid,
      bootId: currentBootId(),
      startTime: processStartTime(other.pid!),
      dirId: dirIdOf(dir),
    });
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    expect(() => lockDataDir(dir)).toThrow(new RegExp(`already in use by process ${other.pid}.*PGLITE_DIR`));
  });

  it('still reads an old lock file that holds only a pid', () => {
    const dir = tempDir();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(`${dir}.lock`, String(bystander().pid));
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
  });

  it('takes over a lock whose pid is alive but belongs to a process that started at another time (pid reuse)', () => {
    const dir = tempDir();
    const other = bystander();
    fs.mkdirSync(dir, { recursive: true });
    writeLock(dir, { pid: other.pid!, bootId: currentBootId(), startTime: 'ticks:1', dirId: dirIdOf(dir) });
    const release = lockDataDir(dir);
    expect(lockOf(dir)).toMatchObject({ pid: process.pid, startTime: processStartTime(process.pid) });
    release();
    // The same when the reused pid is this very process's (the app is pid 1 after every restart).
    writeLock(dir, { pid: process.pid, bootId: currentBootId(), startTime: 'ticks:1', dirId: dirIdOf(dir) });
    lockDataDir(dir)();
  });

  it('takes over a lock written before the machine rebooted', () => {
    const dir = tempDir();
    const other = bystander();
    fs.mkdirSync(dir, { recursive: true });
    // Everything matches but the boot: pid and start ticks repeat across boots.
    writeLock(dir, {
      pid: other.pid!,
      bootId: 'a-previous-boot',
      startTime: processStartTime(other.pid!),
      dirId: dirIdOf(dir),
    });
    if (currentBootId()) lockDataDir(dir)();
    else expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
  });

  it('opens a copy of a directory in use, lock file and all, while the original stays locked', async () => {
    const dir = tempDir();
    await holder(dir);
    const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'afterdesk-lock-copy-')), 'data');
    dirs.push(path.dirname(copy));
    // What `cp -r .data elsewhere` does while the app runs: the lock still names the running app.
    fs.cpSync(path.dirname(dir), copy, { recursive: true });
    const copied = path.join(copy, 'pglite');
    expect(lockOf(copied).pid).not.toBe(process.pid);
    const release = lockDataDir(copied);
    expect(lockOf(copied)).toMatchObject({ pid: process.pid, dirId: dirIdOf(copied) });
    release();
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
  });

  it('refuses a second open in the same process and frees the directory on release', () => {
    const dir = tempDir();
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    release();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
    lockDataDir(dir)();
  });

  it('takes over a lock left by a process that died', () => {
    const dir = tempDir();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(`${dir}.lock`, '999999999');
    const release = lockDataDir(dir);
    expect(lockOf(dir).pid).toBe(process.pid);
    release();
    writeLock(dir, { pid: 999999999, bootId: currentBootId(), startTime: 'ticks:1', dirId: dirIdOf(dir) });
    lockDataDir(dir)();
    // An empty or garbled file (a crash while it was written) is no owner either.
    fs.writeFileSync(`${dir}.lock`, '');
    lockDataDir(dir)();
  });
});
