/**
 * npm run keys:rotate [-- --generate-key | --new-key-file FILE] [--batch-size N]
 *
 * Re-encrypts the personal data under a new data key (docs/keys.md). Resumable: stopped anywhere
 * (Ctrl+C, kill -9, a lost connection), run it again and it goes on where it stopped.
 *
 * - PostgreSQL (and any set-up with DATA_ENCRYPTION_KEY): put the new key in DATA_ENCRYPTION_KEY and
 *   the old one in DATA_ENCRYPTION_KEY_PREVIOUS, on every app instance and here. The app keeps
 *   running meanwhile; it reads both keys.
 * - The embedded demo (keys in DATA_DIR files): stop the app. The old key is kept as
 *   DATA_DIR/data-key.previous and the new one (--generate-key, or --new-key-file) becomes
 *   DATA_DIR/data-key. Resuming needs neither option.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { closeDb } from '@/db/client';
import { connectAndMigrate } from '@/db/connect';
import { DataDirInUseError } from '@/db/lock';
import { decryptsWith, resetDataKeyCache } from '@/lib/crypto';
import {
  checkDataKey,
  configuredDataKey,
  DataKeyError,
  dataKeyFile,
  formatFingerprint,
  keyFingerprint,
  storedFingerprint,
  storedRotation,
} from '@/lib/crypto/key-check';
import { lastOldSurveyLinkExpiry, pendingRowCount, rotateDataKey } from '@/lib/crypto/rotate';
import { env, previousDataKey, previousDataKeyFile, resetEnvCache } from '@/lib/env';

class UsageError extends Error {}

function readKeyFile(file: string): Buffer {
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32)
    throw new UsageError(
      `${file} does not hold a 32-byte key in base64 (make one with: openssl rand -base64 32 > ${file})`,
    );
  return key;
}

/** Written whole or not at all, readable by the owner only. */
function writeKeyFile(file: string, key: Buffer, flag: 'wx' | 'w') {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  fs.writeSync(fd, key.toString('base64'));
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  if (flag === 'wx' && fs.existsSync(file)) {
    fs.rmSync(tmp);
    throw new UsageError(`${file} exists already`);
  }
  fs.renameSync(tmp, file);
}

const fp8 = (key: Buffer) => keyFingerprint(key).slice(0, 8);

/**
 * The demo's key files before a rotation: DATA_DIR/data-key (current) becomes data-key.previous
 * and the new key data-key. Each step is safe to repeat: a run interrupted between them is
 * completed by the next one (the start-up check then records the rotation).
 */
function swapDemoKeyFiles(newKeyFile: string | undefined): void {
  const current = configuredDataKey()!.key;
  const prevFile = previousDataKeyFile();
  if (fs.existsSync(prevFile)) {
    const prev = readKeyFile(prevFile);
    if (keyFingerprint(prev) !== keyFingerprint(current)) {
      // From an earlier, finished rotation: set aside (backups from before it still need it).
      const retired = path.join(path.dirname(prevFile), `data-key.retired-${fp8(prev)}`);
      fs.renameSync(prevFile, retired);
      console.log(
        `  The key of before the last rotation (${formatFingerprint(keyFingerprint(prev))}) was moved to ${retired}.`,
      );
    }
  }
  if (!fs.existsSync(prevFile)) writeKeyFile(prevFile, current, 'wx');
  const next = newKeyFile ? readKeyFile(newKeyFile) : randomBytes(32);
  if (keyFingerprint(next) === keyFingerprint(current))
    throw new UsageError('--new-key-file holds the key the data is already encrypted with');
  writeKeyFile(dataKeyFile(), next, 'w');
}

async function main() {
  const { values } = parseArgs({
    options: {
      'new-key-file': { type: 'string' },
      'generate-key': { type: 'boolean' },
      'batch-size': { type: 'string' },
    },
  });
  const batchSize = values['batch-size'] ? Number(values['batch-size']) : 500;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5000)
    throw new UsageError('--batch-size must be a whole number from 1 to 5000');
  const e = env();
  const demo = !e.DATA_ENCRYPTION_KEY && !e.DATABASE_URL;
  if (values['new-key-file'] && values['generate-key'])
    throw new UsageError('give either --generate-key or --new-key-file, not both');
  if (!demo && (values['new-key-file'] || values['generate-key'])) {
    throw new UsageError(
      "--generate-key and --new-key-file are for the embedded demo's key files. With DATA_ENCRYPTION_KEY: set it to the new key and DATA_ENCRYPTION_KEY_PREVIOUS to the old one.",
    );
  }

  let handle;
  try {
    handle = await connectAndMigrate();
  } catch (err) {
    if (err instanceof DataDirInUseError) {
      throw new UsageError(
        `${err.message}\n  With the embedded database the app must be stopped while the key is rotated (one process at a time): stop it, run npm run keys:rotate, start it again.`,
      );
    }
    throw err;
  }
  const db = handle.db;

  const newKeyAsked = !!(values['new-key-file'] || values['generate-key']);
  if (demo && !(await storedRotation(db)) && newKeyAsked) {
    console.log('Setting up the key files for a rotation…');
    swapDemoKeyFiles(values['new-key-file']);
    // ensureDataKey may have copied the old file's key into the environment: read the files again.
    delete process.env.DATA_ENCRYPTION_KEY;
    resetEnvCache();
    resetDataKeyCache();
    await checkDataKey(db, decryptsWith); // records the rotation: from now on the files are the truth
  } else if (demo && values['new-key-file']) {
    const given = fp8(readKeyFile(values['new-key-file']));
    if (given !== fp8(configuredDataKey()!.key))
      throw new UsageError(
        'A rotation to another key is unfinished: run npm run keys:rotate without --new-key-file to finish it first.',
      );
  }

  const current = configuredDataKey()!;
  const previous = previousDataKey();
  const stored = await storedFingerprint(db);
  if (stored === keyFingerprint(current.key) && !(await storedRotation(db))) {
    console.log(`Nothing to rotate: the data is encrypted with the configured key ${formatFingerprint(stored)}.`);
    if (demo)
      console.log(
        '  To rotate to a new key (app stopped): npm run keys:rotate -- --generate-key, or -- --new-key-file FILE.',
      );
    else if (!previous) {
      console.log(
        '  To rotate: set DATA_ENCRYPTION_KEY to a new key (openssl rand -base64 32) and DATA_ENCRYPTION_KEY_PREVIOUS to this one, restart the app instances, and run npm run keys:rotate.',
      );
    } else
      console.log(
        '  DATA_ENCRYPTION_KEY_PREVIOUS reads no data any more; it only keeps survey links sent before the rotation valid (docs/keys.md).',
      );
    await closeDb();
    return;
  }
  if (!previous)
    throw new UsageError('Set DATA_ENCRYPTION_KEY_PREVIOUS to the key the data is encrypted with now (docs/keys.md).');

  const kid = fp8(current.key);
  const todo = await pendingRowCount(db, kid);
  console.log(
    `Rotating the data key ${formatFingerprint(keyFingerprint(previous.key))} → ${formatFingerprint(keyFingerprint(current.key))} (${current.source}).`,
  );
  console.log(
    `  ${todo} row(s) to re-encrypt, in batches of ${batchSize}${handle.kind === 'postgres' ? '; the app may keep running' : ''}. Ctrl+C stops after the current batch; run again to resume.`,
  );

  let stop = false;
  const onSignal = () => {
    if (stop) process.exit(130);
    stop = true;
    console.log(
      '\nStopping after the current batch… (again to quit at once: the batch in flight is rolled back, nothing is lost)',
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const started = Date.now();
  let done = 0;
  let lastReport = 0;
  const r = await rotateDataKey(db, {
    current: current.key,
    previous: previous.key,
    batchSize,
    shouldStop: () => stop,
    onBatch: (p) => {
      done += p.rows;
      if (Date.now() - lastReport > 2000) {
        lastReport = Date.now();
        console.log(`  ${p.table}: ${done} of ${todo} row(s) (pass ${p.pass})`);
      }
    },
  });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status === 'stopped') {
    console.log(
      `Stopped after ${r.batches} batch(es), ${r.rewritten} row(s) re-encrypted in ${secs} s. Run npm run keys:rotate again to resume.`,
    );
    console.log('  Until it has finished, keep both keys configured: the app reads either.');
    process.exitCode = 2; // not finished: scripts and CI must not take it for done
  } else {
    const until = await lastOldSurveyLinkExpiry(db);
    const prevName = demo ? previousDataKeyFile() : 'DATA_ENCRYPTION_KEY_PREVIOUS';
    console.log(
      `Done in ${secs} s: ${r.total} row(s) re-encrypted in all; the data is now encrypted with ${formatFingerprint(r.to)} only, and that fingerprint is recorded.`,
    );
    console.log(
      `  The previous key (${formatFingerprint(r.from)}, ${prevName}) no longer reads any data: you may remove it from the app's configuration.`,
    );
    console.log(
      until
        ? `  Survey links sent before the rotation are signed with it and stay valid only while it is configured; the last of them expires on ${until.toISOString()}. Removed earlier, those links show as invalid.`
        : '  No survey link is outstanding, so nothing else needs it.',
    );
    console.log(
      '  Keep the old key in your key store for as long as you keep backups made before today: restoring them needs it. Make a new backup now (npm run backup).',
    );
  }
  await closeDb();
}

main().catch(async (err: Error) => {
  console.error(`Key rotation failed: ${err.message}`);
  if (!(err instanceof UsageError || err instanceof DataKeyError))
    console.error(
      '  Nothing is lost: every batch commits whole or not at all. Fix the cause and run npm run keys:rotate again to resume.',
    );
  await closeDb().catch(() => {});
  process.exit(1);
});
