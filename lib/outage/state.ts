/**
 * This process's view of the database: up, or down since when and why. Set by the availability
 * watcher (db/availability.ts) after a probe on its own connection fails, cleared by the first
 * probe that succeeds. Read by proxy.ts (pages answer 503 without touching the database), by
 * runAction and by the readiness check.
 *
 * No imports on purpose: proxy.ts includes this file. The state lives on globalThis because Next.js
 * loads separate copies of a module for the proxy, route handlers and pages of one process.
 * Per process by design: every instance judges its own path to the database.
 */
import type { DatabaseOutageReason } from '@/db/outage';

/** What clients are told to wait before retrying (HTTP Retry-After, the page's countdown). */
export const RETRY_AFTER_SECONDS = 15;

export type OutageInfo = { reason: DatabaseOutageReason; code: string; since: number };

type State = { down: OutageInfo | null; listeners: Set<(info: OutageInfo) => void>; probe: (() => void) | null };

const slot = globalThis as typeof globalThis & { __afterdeskDbOutage?: State };

function state(): State {
  slot.__afterdeskDbOutage ??= { down: null, listeners: new Set(), probe: null };
  return slot.__afterdeskDbOutage;
}

/** The current outage, or null while the database is (believed) reachable. */
export function databaseOutage(): OutageInfo | null {
  return state().down;
}

/** Marks the database down; listeners hear of it when it goes down, not on every repeat. */
export function markDatabaseDown(reason: DatabaseOutageReason, code: string, now = Date.now()): OutageInfo {
  const s = state();
  const wasDown = s.down;
  s.down = { reason, code, since: wasDown?.since ?? now };
  if (!wasDown) for (const listener of [...s.listeners]) listener(s.down);
  return s.down;
}

/** Clears the outage; returns how long it lasted (ms), or null if there was none. */
export function markDatabaseUp(now = Date.now()): number | null {
  const s = state();
  const was = s.down;
  s.down = null;
  return was ? now - was.since : null;
}

/** Calls `listener` each time the database goes down; returns the unsubscribe function. */
export function onDatabaseDown(listener: (info: OutageInfo) => void): () => void {
  const s = state();
  s.listeners.add(listener);
  return () => {
    s.listeners.delete(listener);
  };
}

/** The watcher registers how to check the database (null when it stops). */
export function setOutageProbe(probe: (() => void) | null): void {
  state().probe = probe;
}

/** A caller saw a sign of trouble outside the guarded client (a deadline passed): check now. */
export function suspectDatabaseOutage(): void {
  state().probe?.();
}
