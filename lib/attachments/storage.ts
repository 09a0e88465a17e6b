import 'server-only';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { dataDir } from '@/lib/env';

/**
 * Where attachment bytes live. The database keeps only the key, so another store (S3-compatible
 * object storage, say) is one more implementation of this interface chosen in `blobStore()`.
 */
export interface BlobStore {
  /** Stores the bytes under a new key and returns it. */
  put(bytes: Uint8Array): Promise<string>;
  get(key: string): Promise<Uint8Array>;
  delete(key: string): Promise<void>;
}

const KEY = /^[0-9a-f]{2}\/[0-9a-f-]{36}$/;

/** Files under DATA_DIR/attachments, fanned out by the first two hex digits of a random key. */
export class LocalDiskStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    // Keys are ours, but a tampered database row must still not reach outside the root.
    if (!KEY.test(key)) throw new Error('invalid storage key');
    return path.join(this.root, key);
  }

  async put(bytes: Uint8Array): Promise<string> {
    const id = randomUUID();
    const key = `${id.slice(0, 2)}/${id}`;
    const file = this.pathOf(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Write then rename: a crash never leaves a half-written file under a real key.
    await fs.writeFile(`${file}.part`, bytes, { mode: 0o600 });
    await fs.rename(`${file}.part`, file);
    return key;
  }

  async get(key: string): Promise<Uint8Array> {
    return new Uint8Array(await fs.readFile(this.pathOf(key)));
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }
}

let store: BlobStore | undefined;

export function blobStore(): BlobStore {
  store ??= new LocalDiskStore(path.join(dataDir(), 'attachments'));
  return store;
}
