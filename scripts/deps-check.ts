/**
 * npm run security:deps — the dependency check that needs no network: production packages pinned
 * in package-lock.json (exact version + sha512 integrity), lockfile in step with package.json, and
 * no installed production version in a high or critical advisory of security/advisories.json.
 * Exit 0 when clean, 1 on any failure. `--json` prints the result as JSON.
 */
import fs from 'node:fs';
import {
  ADVISORIES_FILE,
  checkDependencies,
  type AdvisoryList,
  type Lockfile,
  type PackageJson,
} from './security/deps';

function readJson<T>(file: string): T {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (err) {
    console.error(`deps-check: cannot read ${file}: ${(err as Error).message}`);
    process.exit(1);
  }
}

function main() {
  const lock = readJson<Lockfile>('package-lock.json');
  const manifest = readJson<PackageJson>('package.json');
  const list = readJson<AdvisoryList>(ADVISORIES_FILE);
  const result = checkDependencies(lock, manifest, list);

  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    console.log(
      `${result.packages.length} production packages in package-lock.json; ` +
        `${list.advisories?.length ?? 0} advisories in ${ADVISORIES_FILE} ` +
        `(source: ${list.source}; refreshed: ${list.refreshed_at ?? 'never'})`,
    );
    for (const w of result.warnings) console.log(`warning: ${w}`);
    for (const h of result.other) {
      console.log(
        `advisory (${h.advisory.severity}, below the failing level): ${h.installed.name}@${h.installed.version} ${h.advisory.id} ${h.advisory.title}${h.advisory.url ? ` ${h.advisory.url}` : ''}`,
      );
    }
    for (const h of result.failing) {
      console.log(
        `FAIL ${h.advisory.severity}: ${h.installed.name}@${h.installed.version} (${h.installed.path}) is in "${h.advisory.vulnerable_versions}": ` +
          `${h.advisory.id} ${h.advisory.title}${h.advisory.url ? ` ${h.advisory.url}` : ''}`,
      );
    }
    for (const e of result.errors) console.log(`FAIL ${e}`);
  }

  const failed = result.errors.length + result.failing.length;
  if (failed > 0) {
    console.log(`deps-check: ${failed} problem(s)`);
    process.exit(1);
  }
  console.log('deps-check: all production dependencies pinned; no high or critical advisory affects them');
}

main();
