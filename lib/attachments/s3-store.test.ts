import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3rver, type TestS3 } from '@/test/s3rver';
import { S3Store, S3StoreError } from './s3-store';
import { BlobNotFoundError, LocalDiskStore, newBlobKey, type BlobStore } from './storage';

// Every byte value, so neither store may treat the content as text.
const BYTES = new Uint8Array(Array.from({ length: 512 }, (_, i) => i % 256));

let s3: TestS3;
let dir: string;

beforeAll(async () => {
  s3 = await startS3rver();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'afterdesk-blobs-'));
});

afterAll(async () => {
  await s3?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function s3Store(overrides: Partial<ConstructorParameters<typeof S3Store>[0]> = {}): S3Store {
  const { endpoint, region, bucket, accessKeyId, secretAccessKey } = s3;
  return new S3Store({ endpoint, region, bucket, accessKeyId, secretAccessKey, forcePathStyle: true, ...overrides });
}

// The same contract for every store: callers (attachments, backups) must not care which one runs.
const stores: [string, () => BlobStore][] = [
  ['LocalDiskStore', () => new LocalDiskStore(dir)],
  ['S3Store', () => s3Store()],
];

describe.each(stores)('%s', (_name, make) => {
  it('gives back exactly the bytes it was given, under a new xx/<uuid> key', async () => {
    const store = make();
    const key = await store.put(BYTES);
    expect(key).toMatch(/^([0-9a-f]{2})\/\1[0-9a-f-]{34}$/);
    expect(await store.get(key)).toEqual(BYTES);
    expect(await store.put(BYTES)).not.toBe(key);
  });

  it('stores under a given key, replacing what was there', async () => {
    const store = make();
    const key = newBlobKey();
    await store.putAt(key, BYTES);
    expect(await store.get(key)).toEqual(BYTES);
    await store.putAt(key, new Uint8Array([1, 2, 3]));
    expect(await store.get(key)).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('reads a deleted or never-written key as BlobNotFoundError, and deletes a missing key quietly', async () => {
    const store = make();
    const key = await store.put(BYTES);
    await store.delete(key);
    await expect(store.get(key)).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(store.get(newBlobKey())).rejects.toMatchObject({ name: 'BlobNotFoundError' });
    await expect(store.delete(key)).resolves.toBeUndefined();
    await expect(store.delete(newBlobKey())).resolves.toBeUndefined();
  });

  it('refuses keys that are not its own format', async () => {
    const store = make();
    for (const key of ['../../etc/passwd', 'ab/../../x', '', 'AB/00000000-0000-0000-0000-000000000000', 'ab/cd']) {
      await expect(store.get(key)).rejects.toThrow('invalid storage key');
      await expect(store.putAt(key, BYTES)).rejects.toThrow('invalid storage key');
      await expect(store.delete(key)).rejects.toThrow('invalid storage key');
    }
  });

  it('describes itself without credentials', () => {
    const label = make().describe();
    expect(label).toMatch(/^(local disk |s3 )/);
    expect(label).not.toContain(s3.secretAccessKey);
  });
});

describe('S3Store', () => {
  it('is described by endpoint and bucket, never by a password written into the endpoint', () => {
    expect(s3Store().describe()).toBe(`s3 ${s3.endpoint}/${s3.bucket}`);
    expect(s3Store({ endpoint: 'https://minio:hunter22@minio.internal:9000/' }).describe()).toBe(
      's3 https://minio.internal:9000/afterdesk-test',
    );
    expect(s3Store({ endpoint: undefined, region: 'eu-central-1' }).describe()).toBe(
      's3 https://s3.eu-central-1.amazonaws.com/afterdesk-test',
    );
  });

  it('reports a missing bucket as an error, not as a missing blob', async () => {
    const err = await s3Store({ bucket: 'no-such-bucket' })
      .get(newBlobKey())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(S3StoreError);
    expect((err as Error).message).toContain('NoSuchBucket');
  });

  it('keeps the credentials and the store’s echo of the request out of its errors', async () => {
    // s3rver does not check V4 signatures, but refuses an unknown key id and, like S3, echoes it
    // back in the error body, which the SDK copies onto its exception object.
    const accessKeyId = 'AKIAUNKNOWNDONOTLOG';
    const secretAccessKey = 'wrong-secret-do-not-log-me';
    const err = await s3Store({ accessKeyId, secretAccessKey })
      .put(BYTES)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(S3StoreError);
    expect((err as Error).message).toContain('InvalidAccessKeyId (HTTP 403)');
    const everything = JSON.stringify({
      ...(err as object),
      message: (err as Error).message,
      stack: (err as Error).stack,
    });
    expect(everything).not.toContain(accessKeyId);
    expect(everything).not.toContain(secretAccessKey);
    expect((err as Error).cause).toBeUndefined();
  });
});
