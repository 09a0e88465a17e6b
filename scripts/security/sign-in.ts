/**
 * Signing in to the app under scan without a browser: the sign-in page's form is a Next.js server
 * action that also works without JavaScript (a multipart post carrying the hidden $ACTION_*
 * fields of the rendered form), so a fetch does what a browser does, in a fraction of the time.
 */

export interface Cookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  /** Unix seconds, or -1 for a session cookie. */
  expires: number;
  secure: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', '#39': "'", '#x27': "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (ENTITIES[e.toLowerCase()] !== undefined) return ENTITIES[e.toLowerCase()]!;
    if (/^#x/i.test(e)) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (/^#\d/.test(e)) return String.fromCodePoint(Number(e.slice(1)));
    return m;
  });
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([^\s=/<>"']+)(?:="([^"]*)")?/g)) out[m[1]!.toLowerCase()] = decodeEntities(m[2] ?? '');
  return out;
}

/** The hidden inputs of the first form that has an input named `field` (the server-action envelope). */
export function hiddenFields(html: string, field: string): [string, string][] {
  for (const form of html.matchAll(/<form\b[\s\S]*?<\/form>/gi)) {
    const inputs = [...form[0].matchAll(/<input\b[^>]*>/gi)].map((m) => attributes(m[0]));
    if (!inputs.some((a) => a.name === field)) continue;
    return inputs.filter((a) => a.type === 'hidden' && a.name).map((a) => [a.name!, a.value ?? '']);
  }
  return [];
}

/** One Set-Cookie header as a cookie for `host` (no Domain attribute: host-only, as browsers do). */
export function parseSetCookie(header: string, host: string, now = Date.now()): Cookie | null {
  const [pair, ...attrs] = header.split(';');
  const eq = pair?.indexOf('=') ?? -1;
  if (!pair || eq <= 0) return null;
  const cookie: Cookie = { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), domain: host, path: '/', expires: -1, secure: false };
  for (const attr of attrs) {
    const [k, ...v] = attr.trim().split('=');
    const key = k!.toLowerCase();
    const value = v.join('=');
    if (key === 'path' && value) cookie.path = value;
    else if (key === 'domain' && value) cookie.domain = value.replace(/^\./, '');
    else if (key === 'secure') cookie.secure = true;
    else if (key === 'max-age') cookie.expires = Math.floor(now / 1000) + Number(value);
    else if (key === 'expires' && cookie.expires === -1) {
      const t = Date.parse(value);
      if (!Number.isNaN(t)) cookie.expires = Math.floor(t / 1000);
    }
  }
  return cookie;
}

/**
 * Posts the sign-in form as a browser without JavaScript would and returns the cookies it set.
 * Throws when no session cookie comes back (wrong password, throttled, or the form changed).
 */
export async function signInWithForm(base: string, email: string, password: string): Promise<Cookie[]> {
  const host = new URL(base).hostname;
  const page = await fetch(`${base}/sign-in`, { redirect: 'manual' });
  if (page.status !== 200) throw new Error(`GET /sign-in answered ${page.status}`);
  const jar = new Map<string, Cookie>();
  const keep = (res: Response) => {
    for (const h of res.headers.getSetCookie()) {
      const c = parseSetCookie(h, host);
      if (c) jar.set(c.name, c);
    }
  };
  keep(page);
  const envelope = hiddenFields(await page.text(), 'email');
  if (!envelope.some(([name]) => name.startsWith('$ACTION'))) throw new Error('the sign-in page has no server-action form');
  const form = new FormData();
  for (const [name, value] of envelope) form.append(name, value);
  form.append('email', email);
  form.append('password', password);
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: {
      origin: base,
      referer: `${base}/sign-in`,
      cookie: [...jar.values()].map((c) => `${c.name}=${c.value}`).join('; '),
    },
  });
  keep(res);
  const now = Date.now() / 1000;
  const cookies = [...jar.values()].filter((c) => c.value !== '' && (c.expires === -1 || c.expires > now));
  if (!cookies.some((c) => c.name.includes('session-token'))) {
    throw new Error(`signing in as ${email} set no session cookie (status ${res.status})`);
  }
  return cookies;
}
