import type { NextConfig } from 'next';

/**
 * Built with webpack (`next build --webpack`, bench/http/floor.ts): Turbopack takes the repository
 * as its root here (the app's node_modules are two levels up) and then bundles the app's own
 * proxy.ts and instrumentation.ts into the floor. The rendering runtime is Next.js's prebuilt one
 * either way; only the page's own few lines go through the bundler.
 */
const config: NextConfig = {};

export default config;
