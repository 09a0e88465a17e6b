/**
 * npm run backup:verify -- ARCHIVE [--no-app-check]
 * Restores the archive into a scratch database and directory, compares every table and attachment
 * with the manifest's checksums, proves the data key decrypts the data, and starts the app on the
 * copy read-only for a health check. Records the outcome in the live database when it can.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeDb, getDbHandle, type DbHandle } from '@/db/client';
import { DataDirInUseError } from '@/db/lock';
import { runVerify } from '@/lib/backup';
import { delegateToRunningApp } from '@/lib/backup/requests';
import type { VerifyResult } from '@/lib/backup/verify';

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'no-app-check': { type: 'boolean', default: false } },
  });
  const archive = positionals[0];
  if (!archive) throw new Error('name the archive: npm run backup:verify -- path/to/afterdesk-….tar.gz');
  const appCheck = !values['no-app-check'];
  let handle: DbHandle | undefined;
  let result: VerifyResult;
  try {
    handle = await getDbHandle();
    result = await runVerify({ handle, trigger: 'cli', archive, appCheck });
  } catch (err) {
    if (!(err instanceof DataDirInUseError)) throw err;
    console.log('The embedded database is in use by the running app; asking it to verify (and record) the backup…');
    const answer = await delegateToRunningApp({ kind: 'verify', archive: path.resolve(archive), appCheck });
    if (!answer.summary || !('mismatches' in answer.summary))
      throw new Error(answer.error ?? 'the app could not verify the backup');
    result = answer.summary as unknown as VerifyResult;
  }
  console.log(
    `Restored ${result.tables} tables, ${result.rows} rows and ${result.blobs} attachments into a scratch ${result.scratch} in ${(result.ms / 1000).toFixed(1)} s.`,
  );
  if (result.appCheck)
    console.log(
      `App health check on the copy (read-only): ${result.appCheck.ok ? 'passed' : 'FAILED'} — ${result.appCheck.detail} (${(result.appCheck.ms / 1000).toFixed(1)} s)`,
    );
  if (!result.ok) {
    console.error(`Verification FAILED:\n${result.mismatches.map((m) => `  - ${m}`).join('\n')}`);
    await closeDb();
    process.exit(2);
  }
  console.log(
    'Verified: every table and attachment matches the manifest, and the data key reads the data. The scratch copy was removed.',
  );
  await closeDb();
}

main().catch(async (err: Error) => {
  console.error(`Verification failed: ${err.message}`);
  await closeDb().catch(() => {});
  process.exit(1);
});
