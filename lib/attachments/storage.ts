import 'server-only';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { dataDir, env } from '@/lib/env';
// s3-store imports this module back; both use each other's exports only inside functions, so the cycle is safe.
import { S3Store } from './s3-store';

/**
 * Where attachment bytes live. The database keeps only the key, so the store is chosen by the
 * environment in `blobStore()`: local disk for the demo, an S3-compatible bucket in production.
 * Both stores keep the same key format, so a backup taken from one can be restored into the other.
 */
export interface BlobStore {
  /** Stores the bytes under a new key and returns it. */
  put(bytes: Uint8Array): Promise<string>;
  /** Stores the bytes under a key given by the caller (a restore puts blobs back where rows expect them). */
  putAt(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes under the key; throws `BlobNotFoundError` when there are none. */
  get(key: string): Promise<Uint8Array>;
  /** Removes the bytes; removing a key that holds nothing is not an error. */
  delete(key: string): Promise<void>;
  /** A short label for manifests and messages, such as `local disk /srv/data/attachments`; never credentials. */
  describe(): string;
}

/**
 * No bytes under the key. Callers turn this into their own "not found" (the row outlived its
 * file); any other failure of the store stays an unexpected error.
 */
export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`no blob under key ${key}`);
    this.name = 'BlobNotFoundError';
  }
}

const KEY = /^[0-9a-f]{2}\/[0-9a-f-]{36}$/;

/**
 * Refuses anything but our own key format. Keys are ours, but a tampered database row or backup
 * manifest must still not reach outside the store's root (a path, or another object in the bucket).
 */
export function assertBlobKey(key: string): void {
  if (!KEY.test(key)) throw new Error('invalid storage key');
}

/** A new random key, fanned out by its first two hex digits (`xx/<uuid>`). */
export function newBlobKey(): string {
  const id = randomUUID();
  return `${id.slice(0, 2)}/${id}`;
}

/** Files under DATA_DIR/attachments, fanned out by the first two hex digits of a random key. */
export class LocalDiskStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    assertBlobKey(key);
    return path.join(this.root, key);
  }

  async put(bytes: Uint8Array): Promise<string> {
    const key = newBlobKey();
    await this.putAt(key, bytes);
    return key;
  }

  async putAt(key: string, bytes: Uint8Array): Promise<void> {
    const file = this.pathOf(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Write then rename: a crash never leaves a half-written file under a real key.
    await fs.writeFile(`${file}.part`, bytes, { mode: 0o600 });
    await fs.rename(`${file}.part`, file);
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await fs.readFile(this.pathOf(key)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError(key);
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  describe(): string {
    return `local disk ${this.root}`;
  }
}

let store: BlobStore | undefined;

/** The store the environment names (`BLOB_STORE`), made once per process. */
export function blobStore(): BlobStore {
  store ??= env().BLOB_STORE === 's3' ? S3Store.fromEnv() : new LocalDiskStore(path.join(dataDir(), 'attachments'));
  return store;
}

/** Replaces the store (tests point it at a temporary one); `undefined` makes the next call read the environment again. */
export function setBlobStoreForTests(next: BlobStore | undefined): void {
  store = next;
}
