import { describe, expect, it } from '@jest/globals';
import type { ConfigError } from '@parley/config';
import { readServiceConfig } from './config.js';

describe('readServiceConfig', () => {
  it('has working defaults', () => {
    const c = readServiceConfig({ HANDOFF_AGENT_KEYS: 'k1, k2' });
    expect(c.port).toBe(8085);
    expect(c.agentKeys).toEqual(['k1', 'k2']);
    expect(c.sla).toEqual({
      firstResponseMinutes: { urgent: 15, high: 60, normal: 240, low: 1440 },
      resolutionFactor: 6,
    });
  });

  it('names a bad SLA spec', () => {
    try {
      readServiceConfig({ HANDOFF_SLA_MINUTES: 'urgent=15' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect((err as ConfigError).problems).toEqual([
        'HANDOFF_SLA_MINUTES: missing SLA minutes for high, normal, low',
      ]);
    }
  });

  it('leaves the webhook, the desk and the public origin off by default', () => {
    const c = readServiceConfig({});
    expect(c).toMatchObject({ slaWebhook: null, zendesk: null, publicOrigin: null, sessionHours: 12 });
  });

  it('signs the SLA webhook, so it needs a secret', () => {
    expect(() => readServiceConfig({ HANDOFF_SLA_WEBHOOK_URL: 'https://pager.example/hook' })).toThrow(
      'HANDOFF_SLA_WEBHOOK_SECRET: required with HANDOFF_SLA_WEBHOOK_URL',
    );
    const c = readServiceConfig({
      HANDOFF_SLA_WEBHOOK_URL: 'https://pager.example/hook',
      HANDOFF_SLA_WEBHOOK_SECRET: 'whsec_0123456789abcdef',
      HANDOFF_SLA_WEBHOOK_ATTEMPTS: '3',
    });
    expect(c.slaWebhook).toEqual({
      url: 'https://pager.example/hook',
      secret: 'whsec_0123456789abcdef',
      timeoutMs: 10_000,
      attempts: 3,
    });
  });

  it('needs every Zendesk setting with HANDOFF_DESK=zendesk, and keeps only the origin of the public URL', () => {
    try {
      readServiceConfig({ HANDOFF_DESK: 'zendesk', HANDOFF_ZENDESK_URL: 'https://shop.zendesk.com' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect((err as ConfigError).problems).toEqual([
        'HANDOFF_ZENDESK_EMAIL: required with HANDOFF_DESK=zendesk',
        'HANDOFF_ZENDESK_TOKEN: required with HANDOFF_DESK=zendesk',
        'HANDOFF_ZENDESK_WEBHOOK_SECRET: required with HANDOFF_DESK=zendesk',
      ]);
    }
    const c = readServiceConfig({
      HANDOFF_DESK: 'zendesk',
      HANDOFF_ZENDESK_URL: 'https://shop.zendesk.com/',
      HANDOFF_ZENDESK_EMAIL: 'ops@shop.example',
      HANDOFF_ZENDESK_TOKEN: 'token',
      HANDOFF_ZENDESK_WEBHOOK_SECRET: 'zendesk-signing-secret',
      HANDOFF_PUBLIC_ORIGIN: 'https://inbox.shop.example/inbox',
    });
    expect(c.zendesk?.url).toBe('https://shop.zendesk.com');
    expect(c.publicOrigin).toBe('https://inbox.shop.example');
    expect(() => readServiceConfig({ HANDOFF_DESK: 'freshdesk' })).toThrow(
      'HANDOFF_DESK: must be one of builtin, zendesk',
    );
  });
});
