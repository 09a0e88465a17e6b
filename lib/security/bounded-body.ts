/**
 * Reads a multipart body without trusting its Content-Length: a chunked upload declares no length,
 * and formData() on a body cut short by the proxy's buffer limit fails as if the form were empty.
 * Counting the bytes as they arrive tells "too large" from "empty" and stops reading early.
 */
export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`body larger than ${limitBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

export async function readBoundedBody(request: Request, limitBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (Number.isFinite(declared) && declared > limitBytes) throw new BodyTooLargeError(limitBytes);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(limitBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    body.set(c, offset);
    offset += c.byteLength;
  }
  return body;
}

/** The request's multipart form, read within `limitBytes`; throws BodyTooLargeError beyond it. */
export async function readBoundedFormData(request: Request, limitBytes: number): Promise<FormData> {
  const body = await readBoundedBody(request, limitBytes);
  return new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData();
}
