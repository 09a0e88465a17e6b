'use client';

import { createContext, useCallback, useContext, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { LiveConnection, type LiveListener } from './live-connection';

export type { LiveMessage } from './live-connection';

const LiveContext = createContext<LiveConnection | null>(null);

/**
 * Gives the signed-in areas their one shared live connection (see live-connection.ts). It lives as
 * long as the shell: signing out leaves the shell, which stops the stream in this tab; the server
 * ends the others' (lib/realtime/audience.ts). Key it by user so another sign-in starts afresh.
 */
export function LiveConnectionProvider({ userId, children }: { userId: string; children: React.ReactNode }) {
  const [connection] = useState(() => new LiveConnection(userId));
  useEffect(() => {
    connection.start();
    // A closing or cached tab lets go at once, so another tab takes over without waiting.
    const hide = () => connection.stop();
    const show = (e: PageTransitionEvent) => e.persisted && connection.start();
    window.addEventListener('pagehide', hide);
    window.addEventListener('pageshow', show);
    return () => {
      window.removeEventListener('pagehide', hide);
      window.removeEventListener('pageshow', show);
      connection.stop();
    };
  }, [connection]);
  return <LiveContext.Provider value={connection}>{children}</LiveContext.Provider>;
}

/**
 * Calls `handler` for each live event on `topics` (e.g. 'orders', 'case:AS-…', 'notifications')
 * and on every `resync` (events may have been missed: re-read). The handler may change between
 * renders without resubscribing.
 */
export function useLiveEvents(topics: string | readonly string[], handler: LiveListener): void {
  const connection = useContext(LiveContext);
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  const key = typeof topics === 'string' ? topics : topics.join(',');
  useEffect(() => {
    if (!connection) return;
    return connection.subscribe(key.split(','), (m) => latest.current(m));
  }, [connection, key]);
}

const noSubscription = () => () => {};

/** Whether this browser's live stream is open right now (in whichever tab holds it). */
export function useLiveStatus(): boolean {
  const connection = useContext(LiveContext);
  const subscribe = useCallback(
    (fn: () => void) => (connection ? connection.onStatus(fn) : noSubscription()),
    [connection],
  );
  return useSyncExternalStore(
    subscribe,
    () => connection?.isConnected ?? false,
    () => false,
  );
}
