// Preloaded by `node --import` before a service's own modules (the image does so through NODE_OPTIONS), so
// that http and pg are instrumented when first imported; then starts the OpenTelemetry SDK with the OTLP
// exporter. Without an OTLP endpoint (OTEL_EXPORTER_OTLP_ENDPOINT or ..._TRACES_ENDPOINT) it does nothing, and
// traces stay inside the process as before: the SDK and the import hooks are not even loaded (about 44 MB of
// resident memory a process).
import { register } from 'node:module';
import { exportEnabled, serviceNameOf } from './export-settings.js';

if (exportEnabled(process.env)) {
  const { createAddHookMessageChannel } = await import('import-in-the-middle');
  const { createExportSdk } = await import('./export.js');
  // Logs go to stdout as JSON and metrics to /metrics; only traces leave through OTLP.
  process.env.OTEL_LOGS_EXPORTER ??= 'none';
  process.env.OTEL_METRICS_EXPORTER ??= 'none';
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
  const sdk = createExportSdk(serviceNameOf(process.env, process.argv[1]));
  sdk.start();
  await waitForAllMessagesAcknowledged();
  // Spans still in the batch are sent before the process ends (after a SIGTERM drain, or a crash).
  let flushed = false;
  process.once('beforeExit', () => {
    if (flushed) return;
    flushed = true;
    void sdk.shutdown();
  });
}
