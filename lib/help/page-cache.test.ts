import { describe, expect, it } from 'vitest';
import { cutAtNonce, HelpPageCache, type KeptPage } from './page-cache';

const page = (html: string): KeptPage => ({ parts: cutAtNonce(html, 'PH'), headers: [], bytes: html.length * 2 });

describe('HelpPageCache', () => {
  it('serves nothing until the LISTEN connection is confirmed, and nothing after it drops', async () => {
    const cache = new HelpPageCache(1_000_000);
    await cache.fill('a', async () => page('<p>a</p>'));
    expect(cache.get('a')).toBeUndefined();
    cache.connected();
    await cache.fill('a', async () => page('<p>a</p>'));
    expect(cache.get('a')?.parts.join('')).toBe('<p>a</p>');
    cache.disconnected();
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('renders a page once for readers asking at the same time', async () => {
    const cache = new HelpPageCache(1_000_000);
    cache.connected();
    let renders = 0;
    const render = async () => {
      renders++;
      await new Promise((r) => setTimeout(r, 5));
      return page('x');
    };
    const [a, b] = await Promise.all([cache.fill('k', render), cache.fill('k', render)]);
    expect(renders).toBe(1);
    expect(a).toBe(b);
  });

  it('does not keep a render that a change overtook', async () => {
    const cache = new HelpPageCache(1_000_000);
    cache.connected();
    let release!: () => void;
    const pending = cache.fill('k', () => new Promise<KeptPage>((r) => (release = () => r(page('old')))));
    cache.forget(); // an article was published while the old page rendered
    release();
    expect((await pending)?.parts).toEqual(['old']); // the reader who asked still gets an answer
    expect(cache.get('k')).toBeUndefined();
  });

  it('lets the least recently read pages go first when space runs out', async () => {
    const cache = new HelpPageCache(10 * 2 * 3); // three pages of ten characters
    cache.connected();
    for (const k of ['a', 'b', 'c']) await cache.fill(k, async () => page('0123456789'));
    cache.get('a');
    await cache.fill('d', async () => page('0123456789'));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('d')).toBeDefined();
    expect(cache.size).toBe(3);
  });

  it('keeps no page that failed to render', async () => {
    const cache = new HelpPageCache(1_000_000);
    cache.connected();
    expect(await cache.fill('k', () => Promise.reject(new Error('down')))).toBeNull();
    expect(cache.get('k')).toBeUndefined();
  });
});

describe('cutAtNonce', () => {
  it('cuts at every placeholder so that each reader gets a nonce of their own', () => {
    const parts = cutAtNonce('<script nonce="PH">a</script><script nonce="PH">b</script>', 'PH');
    expect(parts.join('n1')).toBe('<script nonce="n1">a</script><script nonce="n1">b</script>');
  });
});
