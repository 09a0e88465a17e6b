import { describe, expect, it } from 'vitest';
import { BodyTooLargeError, readBoundedFormData } from './bounded-body';

/** A multipart request streamed in chunks with no Content-Length, as a chunked upload arrives. */
function chunkedUpload(bytes: number): Request {
  const boundary = 'xBOUNDARYx';
  const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`);
  const tail = new TextEncoder().encode(`\r\n--${boundary}--\r\n`);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0) controller.enqueue(head);
      if (sent >= bytes) {
        controller.enqueue(tail);
        controller.close();
        return;
      }
      const n = Math.min(64 * 1024, bytes - sent);
      controller.enqueue(new Uint8Array(n));
      sent += n;
    },
  });
  return new Request('http://localhost/api/attachments', { method: 'POST', body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, duplex: 'half' } as RequestInit);
}

describe('readBoundedFormData', () => {
  it('reads a chunked form within the limit', async () => {
    const form = await readBoundedFormData(chunkedUpload(100_000), 1024 * 1024);
    expect((form.get('file') as File).size).toBe(100_000);
  });

  it('calls a chunked 50 MB upload too large, not empty, and stops reading', async () => {
    await expect(readBoundedFormData(chunkedUpload(50 * 1024 * 1024), 10 * 1024 * 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it('refuses a declared length over the limit without reading', async () => {
    const req = new Request('http://localhost/x', { method: 'POST', body: 'x', headers: { 'content-length': String(20 * 1024 * 1024) } });
    await expect(readBoundedFormData(req, 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
  });
});
