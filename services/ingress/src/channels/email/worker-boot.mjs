// A worker thread starts in plain Node: load tsx here so the TypeScript entry (and everything it imports)
// runs as it does in the service, whether the service itself was started through tsx or by a test runner.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
