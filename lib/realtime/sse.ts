/** Response headers of every Server-Sent Events stream: never cached, never buffered by a proxy. */
export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-store, no-transform',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
} as const;

/**
 * Writes SSE text into a stream's controller until stopped. A write that fails (the reader has
 * gone) calls `onGone`, so the caller can let go of its subscriptions and timers.
 */
export function sseWriter(controller: ReadableStreamDefaultController<Uint8Array>, onGone: () => void) {
  const encoder = new TextEncoder();
  let open = true;
  return {
    send(chunk: string) {
      if (!open) return;
      try {
        controller.enqueue(encoder.encode(chunk));
      } catch {
        onGone();
      }
    },
    /** No more writes; the caller's own clean-up calls this. */
    stop() {
      open = false;
    },
    get open() {
      return open;
    },
    close() {
      try {
        controller.close();
      } catch {
        // already closed by the reader
      }
    },
  };
}
