/** How often a supervised service tells its supervisor that its event loop still turns. */
export const HEARTBEAT_INTERVAL_MS = 1000;

const HEARTBEAT = 'parley:heartbeat';

/** The message a child sends over its IPC channel on every heartbeat. */
export function isHeartbeat(message: unknown): boolean {
  return (
    typeof message === 'object' && message !== null && (message as { type?: unknown }).type === HEARTBEAT
  );
}

/**
 * Sends a heartbeat to the supervisor over the IPC channel every `intervalMs`, from a timer: a blocked or
 * stopped event loop sends none, which is what the supervisor's liveness check looks for. The timer is
 * unref'd (it never keeps the process alive); without an IPC channel (not supervised) nothing is sent.
 * Returns a function that stops it.
 */
export function sendHeartbeats(intervalMs = HEARTBEAT_INTERVAL_MS): () => void {
  if (!process.send) return () => undefined;
  const beat = () => {
    if (process.connected) process.send?.({ type: HEARTBEAT }, undefined, {}, () => undefined);
  };
  beat();
  const timer = setInterval(beat, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
