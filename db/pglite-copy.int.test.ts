import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openPglite } from './client';
import { DataDirInUseError } from './lock';

// A running app: takes the lock as openPglite does, opens PGlite, and keeps writing until killed.
const APP = `
const { lockDataDir } = require(${JSON.stringify(path.resolve('db/lock.ts'))});
const fs = require('node:fs');
const { PGlite } = require('@electric-sql/pglite');
const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm');
(async () => {
  const [dir, template] = process.argv.slice(1);
  lockDataDir(dir);
  // The migrated test template, when there is one, spares a slow initdb on disk.
  const pg = await PGlite.create(dir, {
    ...(template ? { loadDataDir: new Blob([fs.readFileSync(template)]) } : {}),
    extensions: { pg_trgm },
  });
  await pg.exec("create table notes (id serial primary key, body text not null)");
  await pg.exec("insert into notes (body) select 'note ' || g from generate_series(1, 500) g");
  console.log('ready');
  setInterval(() => void pg.exec("insert into notes (body) values ('later')"), 100);
})();
`;

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'afterdesk-pglite-copy-'));
let app: ChildProcess | undefined;
afterAll(async () => {
  if (app && app.exitCode === null) {
    const exited = new Promise((resolve) => app!.once('exit', resolve));
    app.kill();
    await exited;
  }
  fs.rmSync(root, { recursive: true, force: true });
});

describe('a copy of a running PGlite data directory', () => {
  it('opens in another process, with the rows written before the copy, while the original stays locked', async () => {
    const dataDir = path.join(root, 'data');
    const dir = path.join(dataDir, 'pglite');
    app = spawn(process.execPath, ['--import', 'tsx', '-e', APP, dir, inject('pgliteTemplate')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    app.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    await new Promise<void>((resolve, reject) => {
      app!.stdout!.on('data', (c: Buffer) => c.toString().includes('ready') && resolve());
      app!.once('exit', (code) => reject(new Error(`app exited with ${code}: ${err}`)));
    });
    // PGlite leaves a postmaster.pid (with a fixed fake pid) inside the directory; the lock beside it
    // names the running app. `cp -r` of the parent takes both, mid-write.
    expect(fs.existsSync(path.join(dir, 'postmaster.pid'))).toBe(true);
    const copy = path.join(root, 'copy');
    execFileSync('cp', ['-r', dataDir, copy]);
    expect(fs.existsSync(path.join(copy, 'pglite.lock'))).toBe(true);

    await expect(openPglite(dir)).rejects.toThrow(DataDirInUseError);
    const copied = path.join(copy, 'pglite');
    const handle = await openPglite(copied);
    const pg = handle.raw as PGlite;
    const { rows } = await pg.query<{ n: number }>('select count(*)::int as n from notes');
    expect(rows[0]!.n).toBeGreaterThanOrEqual(500);
    await pg.exec("insert into notes (body) values ('written in the copy')");
    await handle.close();
    // The copy is a database of its own now, and its lock is released for the next start.
    expect(fs.existsSync(path.join(copy, 'pglite.lock'))).toBe(false);
    expect(app.exitCode).toBeNull();
  }, 60_000); // Two PGlite starts on two busy cores: the first runs initdb.
});
