import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Every environment variable the app reads, validated once at start. A bad value stops the app with
 * a message naming the variable, instead of failing later in some unrelated request.
 * Documented for operators in .env.example.
 */
/** An optional setting where blank means unset, and a value must match `pattern`. */
const optionalMatching = (pattern: RegExp, message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || pattern.test(v), { message });

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: optionalMatching(
      /^postgres(ql)?:\/\/.+/,
      'must be a PostgreSQL URL such as postgres://user:password@host:5432/afterdesk',
    ),
    DATA_DIR: z.string().default('.data'),
    PGLITE_DIR: z.string().optional(),
    AUTH_SECRET: z
      .string()
      .min(32, 'must be at least 32 characters (generate one with: openssl rand -base64 32)')
      .optional(),
    DATA_ENCRYPTION_KEY: z
      .string()
      .optional()
      .refine((v) => v === undefined || Buffer.from(v, 'base64').length === 32, {
        message: 'must be 32 random bytes in base64 (generate one with: openssl rand -base64 32)',
      }),
    /**
     * The key the data was encrypted with before DATA_ENCRYPTION_KEY, while `npm run keys:rotate`
     * re-encrypts it (docs/keys.md): values under it are still read, phones under it still found.
     */
    DATA_ENCRYPTION_KEY_PREVIOUS: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine((v) => v === undefined || Buffer.from(v, 'base64').length === 32, {
        message: 'must be 32 bytes in base64: the key DATA_ENCRYPTION_KEY had before the rotation',
      }),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SHOP_TIMEZONE: z
      .string()
      .default('Asia/Shanghai')
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone such as Asia/Shanghai'),
    DEFAULT_LOCALE: z.enum(['zh-CN', 'en']).default('zh-CN'),
    SMTP_URL: optionalMatching(
      /^smtps?:\/\/.+/,
      'must be an SMTP URL such as smtp://user:password@mail.example.com:587',
    ),
    MAIL_FROM: z.string().trim().min(3).default('AfterDesk <no-reply@afterdesk.local>'),
    /** Optional: without it, links in e-mails use the address staff reach the app at (lib/env/public-url.ts). */
    APP_URL: z.preprocess(
      (v) => (typeof v === 'string' && !v.trim() ? undefined : v),
      z.url({ message: 'must be the public URL of the app, such as https://afterdesk.example.com' }).optional(),
    ),
    /** Set to "off" to keep this instance from running background jobs (another instance runs them). */
    JOBS: z.enum(['on', 'off']).default('on'),
    /**
     * How many reverse proxies in front of the app append to X-Forwarded-For. 0 (the default): no
     * forwarded header is believed and the client address is the socket's.
     */
    TRUSTED_PROXIES: z.coerce
      .number()
      .int('must be a whole number of proxy hops (0, 1, 2 …)')
      .min(0)
      .max(10)
      .default(0),
    /** Where attachment bytes (and backups' blobs) live: local disk under DATA_DIR, or an S3-compatible bucket. */
    BLOB_STORE: z.enum(['local', 's3']).default('local'),
    S3_ENDPOINT: optionalMatching(/^https?:\/\/.+/, 'must be an http(s) URL such as https://s3.example.com'),
    S3_REGION: z.string().trim().min(1).default('us-east-1'),
    S3_BUCKET: optionalMatching(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'must be a bucket name of 3–63 lower-case letters, digits, dots or hyphens',
    ),
    S3_ACCESS_KEY_ID: z.string().trim().optional(),
    S3_SECRET_ACCESS_KEY: z.string().trim().optional(),
    /** Path-style addressing (https://host/bucket/key): MinIO and most self-hosted stores need it. */
    S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true'),
    /** Where backups are written (default DATA_DIR/backups). Best on another disk than the database. */
    BACKUP_DIR: z.string().trim().min(1).optional(),
    /**
     * "on": serve an existing database without writing to it at start (no migrations, nothing
     * recorded). Used by `npm run backup:verify` to health-check a restored copy; set JOBS=off too.
     */
    READ_ONLY: z.enum(['on', 'off']).default('off'),
    /** Seconds to wait for a database connection before a request fails with 503. */
    DATABASE_CONNECT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(5),
    /**
     * Seconds a checked session is trusted without reading it again (lib/auth/session-cache.ts).
     * Revocation still ends it at once through NOTIFY; this bounds only a notice lost while the
     * LISTEN connection was down. 0 reads the session on every request.
     */
    SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(15),
  })
  .superRefine((e, ctx) => {
    if (e.BLOB_STORE === 's3' && !e.S3_BUCKET) {
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'required when BLOB_STORE=s3' });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {
  constructor(issues: string[]) {
    super(`Invalid environment configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

let cached: Env | undefined;

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return result.data;
}

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Resets the cached environment (tests change variables between cases). */
export function resetEnvCache(): void {
  cached = undefined;
}

// The data directory is decided at run time; the comment keeps the bundler from tracing the
// whole project as if any file might be read from it.
export function dataDir(): string {
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), env().DATA_DIR);
}

export function pgliteDir(): string {
  const e = env();
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), e.PGLITE_DIR ?? path.join(e.DATA_DIR, 'pglite'));
}

/**
 * The demo must run with nothing configured, yet sessions must survive restarts: without an
 * AUTH_SECRET we generate one once and keep it under the data directory. In production with
 * PostgreSQL (several instances share sessions) the secret must come from the environment.
 */
export function ensureAuthSecret(): string {
  const e = env();
  if (e.AUTH_SECRET) return e.AUTH_SECRET;
  if (e.NODE_ENV === 'production' && e.DATABASE_URL) {
    throw new EnvError(['AUTH_SECRET: required in production with DATABASE_URL (all app instances must share it)']);
  }
  const file = path.join(dataDir(), 'auth-secret');
  let secret: string;
  if (fs.existsSync(file)) {
    secret = fs.readFileSync(file, 'utf8').trim();
  } else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    secret = randomBytes(32).toString('base64url');
    fs.writeFileSync(file, secret, { mode: 0o600 });
  }
  process.env.AUTH_SECRET = secret;
  cached = { ...e, AUTH_SECRET: secret };
  return secret;
}

/**
 * The key that encrypts personal data at rest (phones, addresses): DATA_ENCRYPTION_KEY, or for the
 * embedded database the file DATA_DIR/data-key. It is never generated here: the start-up check
 * (lib/crypto/key-check.ts) generates the demo's key once, for an empty database only, and refuses
 * to start on a key that does not match the data.
 */
export function ensureDataKey(): Buffer {
  const e = env();
  if (e.DATA_ENCRYPTION_KEY) return Buffer.from(e.DATA_ENCRYPTION_KEY, 'base64');
  const file = path.join(dataDir(), 'data-key');
  if (e.DATABASE_URL || !fs.existsSync(file)) {
    throw new EnvError([
      e.DATABASE_URL
        ? 'DATA_ENCRYPTION_KEY: required with DATABASE_URL (see README, "Backups and keys")'
        : `DATA_ENCRYPTION_KEY: not set and ${file} does not exist (it is created at the first start of an empty database)`,
    ]);
  }
  const key = fs.readFileSync(file, 'utf8').trim();
  process.env.DATA_ENCRYPTION_KEY = key;
  cached = { ...e, DATA_ENCRYPTION_KEY: key };
  return Buffer.from(key, 'base64');
}

/** Where the demo keeps the key it had before a rotation (docs/keys.md). */
export const previousDataKeyFile = () => path.join(dataDir(), 'data-key.previous');

/**
 * The key of before a rotation, if one is configured: DATA_ENCRYPTION_KEY_PREVIOUS, or for the
 * embedded database the file DATA_DIR/data-key.previous that `npm run keys:rotate` keeps. Only
 * read with: nothing is ever encrypted or hashed for storage with it.
 */
export function previousDataKey(): { key: Buffer; source: string } | null {
  const e = env();
  if (e.DATA_ENCRYPTION_KEY_PREVIOUS)
    return { key: Buffer.from(e.DATA_ENCRYPTION_KEY_PREVIOUS, 'base64'), source: 'DATA_ENCRYPTION_KEY_PREVIOUS' };
  if (e.DATABASE_URL) return null;
  const file = previousDataKeyFile();
  if (!fs.existsSync(file)) return null;
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32)
    throw new EnvError([
      `${file}: does not hold a 32-byte key in base64 (it is the data key of before the last rotation)`,
    ]);
  return { key, source: file };
}
