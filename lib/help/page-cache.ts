/**
 * Whole public help pages, kept per process as the HTML the framework rendered (#13: "rendered
 * once per published version and revalidated on publish, not per request").
 *
 * A page is rendered with a placeholder nonce and stored cut at every occurrence of it; each reader
 * gets the pieces joined with a fresh nonce, so the strict per-response CSP of every other page
 * holds here too. What keeps a page current is a notice, like the session cache's: every change a
 * help page shows (an article published, archived or edited, a topic renamed, the shop renamed)
 * publishes a `help` event in its transaction and each instance's copy empties on it. Until the
 * LISTEN connection is confirmed, and whenever it drops, nothing is served from here.
 *
 * No framework or database import: proxy.ts reads it, the realtime hub feeds it, and both share
 * the one instance on globalThis.
 */

export type KeptPage = {
  /** The HTML cut at the placeholder nonce. */
  parts: string[];
  /** Response headers worth replaying (content type, Vary, Cache-Control). */
  headers: [string, string][];
  bytes: number;
};

export class HelpPageCache {
  private pages = new Map<string, KeptPage>();
  private bytes = 0;
  private listening = false;
  /** Bumped by every notice: a render that started before one must not be kept after it. */
  private epoch = 0;
  private filling = new Map<string, Promise<KeptPage | null>>();

  constructor(private readonly maxBytes: number) {}

  /** The LISTEN connection is (again) up: anything kept before may have missed a notice. */
  connected(): void {
    this.forget();
    this.listening = true;
  }

  disconnected(): void {
    this.listening = false;
    this.forget();
  }

  /** Something a help page shows has changed. */
  forget(): void {
    this.epoch++;
    this.pages.clear();
    this.filling.clear();
    this.bytes = 0;
  }

  get serving(): boolean {
    return this.listening;
  }

  get size(): number {
    return this.pages.size;
  }

  get(key: string): KeptPage | undefined {
    if (!this.listening) return undefined;
    const page = this.pages.get(key);
    if (page) {
      // Most recently read last, so the oldest go first when space runs out.
      this.pages.delete(key);
      this.pages.set(key, page);
    }
    return page;
  }

  /**
   * Renders a missing page once however many readers ask for it at the same time, and keeps it if
   * nothing changed meanwhile. `render` answers null for a page that must not be kept.
   */
  fill(key: string, render: () => Promise<KeptPage | null>): Promise<KeptPage | null> {
    const pending = this.filling.get(key);
    if (pending) return pending;
    const epoch = this.epoch;
    const done = render()
      .catch(() => null)
      .then((page) => {
        if (this.filling.get(key) === done) this.filling.delete(key);
        if (page && epoch === this.epoch && this.listening) this.keep(key, page);
        return page;
      });
    this.filling.set(key, done);
    return done;
  }

  private keep(key: string, page: KeptPage): void {
    if (page.bytes > this.maxBytes) return;
    const old = this.pages.get(key);
    if (old) this.bytes -= old.bytes;
    this.pages.delete(key);
    this.pages.set(key, page);
    this.bytes += page.bytes;
    for (const [oldest, p] of this.pages) {
      if (this.bytes <= this.maxBytes) break;
      this.pages.delete(oldest);
      this.bytes -= p.bytes;
    }
  }
}

/** The HTML cut at each occurrence of the placeholder; join the parts with a nonce to serve it. */
export function cutAtNonce(html: string, placeholder: string): string[] {
  return html.split(placeholder);
}

/** 32 MB: a few hundred article pages in two languages; the oldest read go first beyond it. */
const MAX_BYTES = 32 * 1024 * 1024;

const slot = globalThis as typeof globalThis & { __afterdeskHelpPages?: HelpPageCache };

/** This process's copy (proxy.ts and the realtime hub may load this module separately). */
export function helpPages(): HelpPageCache {
  return (slot.__afterdeskHelpPages ??= new HelpPageCache(MAX_BYTES));
}
