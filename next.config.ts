import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Native and wasm packages stay in node_modules instead of being bundled: PGlite's wasm must not
  // end up among public static files, and argon2's and jieba's binaries cannot be bundled.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', '@node-rs/jieba', 'pino', 'postgres'],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // The proxy buffers request bodies up to this size; attachments are up to 10 MB plus the
    // multipart envelope (larger uploads are refused by the route with a clear message).
    proxyClientMaxBodySize: '11mb',
  },
  // Security headers that need no per-request value; the CSP (with its nonce) is set in proxy.ts.
  async headers() {
    const headers = [
      { key: 'X-Content-Type-Options', value: 'nosniff' },
      { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
      { key: 'X-Frame-Options', value: 'DENY' },
      { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
      { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
    ];
    if (process.env.NODE_ENV === 'production') {
      headers.push({ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' });
    }
    return [{ source: '/:path*', headers }];
  },
};

export default nextConfig;
