/** Where progress goes: a terminal gets a line redrawn in place, anything else one line per change. */
export interface ProgressSink {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Runs a long step with its progress on stderr: the elapsed seconds while it runs (redrawn every second on a
 * terminal), then how long it took. Stdout stays for the command's result, so it can be piped.
 */
export async function withProgress<T>(
  label: string,
  step: () => Promise<T>,
  sink: ProgressSink = process.stderr,
  clock: () => number = () => performance.now(),
): Promise<T> {
  const started = clock();
  const seconds = () => ((clock() - started) / 1000).toFixed(1);
  sink.write(sink.isTTY ? `${label}...` : `${label}...\n`);
  const ticker = sink.isTTY ? setInterval(() => sink.write(`\r${label}... ${seconds()} s`), 1000) : undefined;
  ticker?.unref();
  try {
    const result = await step();
    sink.write(`${sink.isTTY ? '\r' : ''}${label}: done in ${seconds()} s\n`);
    return result;
  } catch (err) {
    sink.write(`${sink.isTTY ? '\r' : ''}${label}: failed after ${seconds()} s\n`);
    throw err;
  } finally {
    clearInterval(ticker);
  }
}
