// A worker thread starts in plain Node. From compiled JavaScript (production, `dist/`) the entry is imported as
// it is; from TypeScript sources, tsx is loaded here first so the entry (and everything it imports) runs as it
// does in the service, whether the service itself was started through tsx or by a test runner.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.js')) {
  await import(workerData.entry);
} else {
  const { tsImport } = await import('tsx/esm/api');
  await tsImport(workerData.entry, import.meta.url);
}
