import type { InboxChange } from './types.js';

export interface LiveHandlers {
  onChange(change: InboxChange): void;
  /** Changes may have been missed (the server reconnected its listener, or the stream was reopened). */
  onResync(): void;
  onStatus(connected: boolean): void;
}

/** Follows the inbox's server-sent events; the browser reconnects by itself after a drop. */
export function followInbox(handlers: LiveHandlers): () => void {
  const source = new EventSource('/inbox/api/events');
  let opened = false;
  source.addEventListener('ready', () => {
    handlers.onStatus(true);
    // A reconnection: whatever happened while the stream was down was not seen.
    if (opened) handlers.onResync();
    opened = true;
  });
  source.addEventListener('change', (e) => {
    try {
      handlers.onChange(JSON.parse((e as MessageEvent<string>).data) as InboxChange);
    } catch {
      handlers.onResync();
    }
  });
  source.addEventListener('resync', () => handlers.onResync());
  source.addEventListener('error', () => handlers.onStatus(false));
  return () => source.close();
}
