/**
 * Runs once when a server process starts (not at build). The Node.js work lives in
 * instrumentation-node.ts so that no Edge bundle ever sees it.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startServer } = await import('./instrumentation-node');
    await startServer();
  }
}
