import { describe, expect, it } from '@jest/globals';
import { exportEnabled, serviceNameOf } from './export-settings.js';

describe('export settings', () => {
  it('exports spans only to a configured OTLP endpoint, never with the SDK or the trace exporter off', () => {
    expect(exportEnabled({})).toBe(false);
    expect(exportEnabled({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ' })).toBe(false);
    expect(exportEnabled({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(exportEnabled({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(
      true,
    );
    expect(
      exportEnabled({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }),
    ).toBe(false);
    expect(
      exportEnabled({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' }),
    ).toBe(false);
  });

  it('names the service by OTEL_SERVICE_NAME, then SERVICE, then its entry folder, then parley', () => {
    const entry = '/app/services/gate/dist/index.js';
    expect(serviceNameOf({ OTEL_SERVICE_NAME: 'gate-eu', SERVICE: 'gate' }, entry)).toBe('gate-eu');
    expect(serviceNameOf({ SERVICE: 'router' }, entry)).toBe('router');
    expect(serviceNameOf({}, entry)).toBe('gate');
    expect(serviceNameOf({}, '/usr/bin/something')).toBe('parley');
    expect(serviceNameOf({}, undefined)).toBe('parley');
  });
});
