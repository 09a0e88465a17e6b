import 'server-only';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { env, EnvError } from '@/lib/env';
import { assertBlobKey, BlobNotFoundError, newBlobKey, type BlobStore } from './storage';

export interface S3StoreOptions {
  /** The store's URL (MinIO, OSS, COS, …); left out, the SDK talks to AWS S3 in `region`. */
  endpoint?: string;
  region: string;
  bucket: string;
  /** Both or neither; with neither, the SDK's own chain (instance role, AWS_* variables) decides. */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `https://host/bucket/key` rather than `https://bucket.host/key`: self-hosted stores need it. */
  forcePathStyle: boolean;
}

/**
 * A failure of the object store other than "no such key". It carries the operation, the key and
 * what the store answered, and nothing else: the SDK's error objects hold request details (the
 * access key id, the string that was signed) that must not end up in logs.
 */
export class S3StoreError extends Error {
  constructor(op: string, key: string, err: unknown) {
    const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    const status = e?.$metadata?.httpStatusCode;
    super(
      `s3 ${op} ${key} failed: ${e?.name ?? 'Error'}${status ? ` (HTTP ${status})` : ''}: ${e?.message ?? String(err)}`,
    );
    this.name = 'S3StoreError';
  }
}

/**
 * "The key holds nothing". A missing bucket also answers 404, but that is a misconfiguration that
 * must surface as an error, not read as a missing attachment.
 */
function isMissingKey(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  if (e?.name === 'NoSuchKey') return true;
  return e?.$metadata?.httpStatusCode === 404 && e.name !== 'NoSuchBucket';
}

/** Attachment bytes as objects in an S3-compatible bucket, under the same keys as on local disk. */
export class S3Store implements BlobStore {
  private readonly client: S3Client;

  constructor(private readonly options: S3StoreOptions) {
    const { accessKeyId, secretAccessKey } = options;
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
      // Checksums only where the API requires them: the SDK's default (a CRC32 header on every
      // upload) is refused by several S3-compatible stores, and a PUT is atomic either way.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // Without timeouts an unreachable store would hold a request (and its database connection) forever.
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000, throwOnRequestTimeout: true },
    });
  }

  static fromEnv(): S3Store {
    const e = env();
    if (!e.S3_BUCKET) throw new EnvError(['S3_BUCKET: required when BLOB_STORE=s3']);
    if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY)) {
      throw new EnvError([
        'S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both, or neither to use the default AWS credential chain',
      ]);
    }
    return new S3Store({
      endpoint: e.S3_ENDPOINT,
      region: e.S3_REGION,
      bucket: e.S3_BUCKET,
      accessKeyId: e.S3_ACCESS_KEY_ID || undefined,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY || undefined,
      forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true',
    });
  }

  async put(bytes: Uint8Array): Promise<string> {
    const key = newBlobKey();
    await this.putAt(key, bytes);
    return key;
  }

  async putAt(key: string, bytes: Uint8Array): Promise<void> {
    assertBlobKey(key);
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.options.bucket,
          Key: key,
          Body: bytes,
          ContentLength: bytes.byteLength,
          ContentType: 'application/octet-stream',
        }),
      );
    } catch (err) {
      throw new S3StoreError('put', key, err);
    }
  }

  async get(key: string): Promise<Uint8Array> {
    assertBlobKey(key);
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: key }));
      if (!res.Body) throw new BlobNotFoundError(key);
      return await res.Body.transformToByteArray();
    } catch (err) {
      if (err instanceof BlobNotFoundError) throw err;
      if (isMissingKey(err)) throw new BlobNotFoundError(key);
      throw new S3StoreError('get', key, err);
    }
  }

  async delete(key: string): Promise<void> {
    assertBlobKey(key);
    try {
      // S3 answers a delete of a missing key with success; some compatible stores answer 404.
      await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key }));
    } catch (err) {
      if (isMissingKey(err)) return;
      throw new S3StoreError('delete', key, err);
    }
  }

  describe(): string {
    const { endpoint, region, bucket } = this.options;
    if (!endpoint) return `s3 https://s3.${region}.amazonaws.com/${bucket}`;
    // Only scheme, host and path: an endpoint written with user:password@ must not leak it.
    const url = new URL(endpoint);
    return `s3 ${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}/${bucket}`;
  }
}
