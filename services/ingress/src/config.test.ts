import { describe, expect, it } from '@jest/globals';
import { configProblems as problems } from '@parley/config/testing';
import { addressOf, readChannelsConfig } from './channels/config.js';
import { readServiceConfig } from './config.js';

describe('readServiceConfig', () => {
  it('has working defaults', () => {
    const c = readServiceConfig({});
    expect(c).toMatchObject({
      port: 8080,
      apiKeys: [],
      maxBodyBytes: 65536,
      requestTimeoutMs: 10_000,
      retryAfterSeconds: 5,
      maxInFlight: 64,
      dbWaitMs: 1000,
      busyRetryAfterSeconds: 1,
    });
    expect(c.platform.busPrefix).toBe('parley');
  });

  it('reads keys as a comma separated list', () => {
    const c = readServiceConfig({
      INGRESS_API_KEYS: 'local-key-0123456789, other-key-0123456789',
      INGRESS_PORT: '9000',
    });
    expect(c.apiKeys).toEqual(['local-key-0123456789', 'other-key-0123456789']);
    expect(c.port).toBe(9000);
  });

  it('names bad values without printing secrets', () => {
    expect(problems(() => readServiceConfig({ INGRESS_MAX_BODY_BYTES: '10', INGRESS_PORT: 'http' }))).toEqual(
      [
        'INGRESS_PORT: must be an integer (got "http")',
        'INGRESS_MAX_BODY_BYTES: must be at least 1024 (got "10")',
      ],
    );
    expect(problems(() => readServiceConfig({ DATABASE_URL: 'mysql://u:pw@x/db' }))).toEqual([
      'DATABASE_URL: must be a URL starting with postgres:// or postgresql:// (value hidden)',
    ]);
  });

  it('requires the database wait to be shorter than the request timeout', () => {
    expect(
      problems(() => readServiceConfig({ INGRESS_DB_WAIT_MS: '2000', INGRESS_REQUEST_TIMEOUT_MS: '2000' })),
    ).toEqual(['INGRESS_DB_WAIT_MS: must be below INGRESS_REQUEST_TIMEOUT_MS (2000 >= 2000)']);
    expect(readServiceConfig({ INGRESS_MAX_IN_FLIGHT: '8', INGRESS_DB_WAIT_MS: '250' })).toMatchObject({
      maxInFlight: 8,
      dbWaitMs: 250,
    });
    // Unset, the wait follows a short request timeout down.
    expect(readServiceConfig({ INGRESS_REQUEST_TIMEOUT_MS: '300' }).dbWaitMs).toBe(150);
  });
});

describe('readChannelsConfig', () => {
  it('records replies on every channel by default and leaves the SMS webhook off', () => {
    expect(readChannelsConfig({})).toEqual({
      email: {
        maxBytes: 10 * 1024 * 1024,
        smtp: null,
        senderAuth: 'require',
        authservIds: [],
        limits: { maxParts: 100, maxHeaderBytes: 128 * 1024, maxThreadIds: 500, maxHtmlChars: 1_000_000 },
        parse: { workers: 2, timeoutMs: 5_000 },
      },
      sms: {
        webhook: null,
        workspace: 'default',
        threadWindowMs: 24 * 3_600_000,
        maxParts: 3,
        outbound: null,
      },
      chat: { origins: [], publicKeys: [], sessionsPerMinute: 10, maxWaiting: 1000, watchMs: 1000 },
    });
  });

  it('requires email senders to be authenticated unless turned off, by the hosts named', () => {
    const email = readChannelsConfig({
      INGRESS_EMAIL_AUTHSERV_ID: 'MX.Google.com, mx1.shop-mail.example',
      INGRESS_EMAIL_MAX_PARTS: '50',
      INGRESS_EMAIL_MAX_HEADER_BYTES: '65536',
      INGRESS_EMAIL_MAX_THREAD_IDS: '200',
      INGRESS_EMAIL_MAX_HTML_CHARS: '200000',
      INGRESS_EMAIL_PARSE_TIMEOUT_MS: '2000',
      INGRESS_EMAIL_PARSE_WORKERS: '4',
    }).email;
    expect(email).toMatchObject({
      senderAuth: 'require',
      authservIds: ['mx.google.com', 'mx1.shop-mail.example'],
      limits: { maxParts: 50, maxHeaderBytes: 65536, maxThreadIds: 200, maxHtmlChars: 200_000 },
      parse: { workers: 4, timeoutMs: 2000 },
    });
    expect(readChannelsConfig({ INGRESS_EMAIL_SENDER_AUTH: 'off' }).email.senderAuth).toBe('off');
    expect(
      problems(() =>
        readChannelsConfig({
          INGRESS_EMAIL_SENDER_AUTH: 'none',
          INGRESS_EMAIL_MAX_PARTS: '5000',
          INGRESS_EMAIL_PARSE_TIMEOUT_MS: '0',
        }),
      ),
    ).toEqual([
      'INGRESS_EMAIL_SENDER_AUTH: must be one of require, off (got "none")',
      'INGRESS_EMAIL_MAX_PARTS: must be at most 1000 (got "5000")',
      'INGRESS_EMAIL_PARSE_TIMEOUT_MS: must be at least 100 (got "0")',
    ]);
    expect(
      problems(() => readChannelsConfig({ INGRESS_EMAIL_AUTHSERV_ID: 'mx.google.com; dmarc=pass,mx .x' })),
    ).toEqual([
      expect.stringMatching(/^INGRESS_EMAIL_AUTHSERV_ID: "mx.google.com; dmarc=pass" is not an authserv-id/),
      expect.stringMatching(/^INGRESS_EMAIL_AUTHSERV_ID: "mx .x" is not an authserv-id/),
    ]);
  });

  it('takes chat origins as exact origins and names one that is not', () => {
    expect(
      readChannelsConfig({ INGRESS_CHAT_ORIGINS: 'https://shop.example, http://localhost:3000' }).chat,
    ).toMatchObject({
      origins: ['https://shop.example', 'http://localhost:3000'],
    });
    expect(() => readChannelsConfig({ INGRESS_CHAT_ORIGINS: 'https://shop.example/widget,*' })).toThrow(
      'INGRESS_CHAT_ORIGINS: "https://shop.example/widget" is not an origin',
    );
  });

  it('takes public chat keys only with the origins they may be used from', () => {
    expect(
      readChannelsConfig({
        INGRESS_CHAT_ORIGINS: 'https://shop.example',
        INGRESS_CHAT_KEYS: 'pk_chat_1, pk_chat_2',
        INGRESS_CHAT_SESSIONS_PER_MINUTE: '3',
        INGRESS_CHAT_MAX_WAITING: '0',
      }).chat,
    ).toEqual({
      origins: ['https://shop.example'],
      publicKeys: ['pk_chat_1', 'pk_chat_2'],
      sessionsPerMinute: 3,
      maxWaiting: 0,
      watchMs: 1000,
    });
    expect(() => readChannelsConfig({ INGRESS_CHAT_KEYS: 'pk_chat_1' })).toThrow(
      'INGRESS_CHAT_KEYS: public chat keys are accepted only from INGRESS_CHAT_ORIGINS, which is empty',
    );
  });

  it('reads SMTP settings and takes the Message-ID domain from the From address', () => {
    const c = readChannelsConfig({
      INGRESS_SMTP_HOST: 'smtp.shop.test',
      INGRESS_SMTP_PORT: '465',
      INGRESS_SMTP_SECURE: 'true',
      INGRESS_SMTP_USER: 'mailer',
      INGRESS_SMTP_PASSWORD: 'secret-password',
      INGRESS_EMAIL_FROM: 'Shop Support <support@shop.test>',
    });
    expect(c.email.smtp).toEqual({
      host: 'smtp.shop.test',
      port: 465,
      secure: true,
      auth: { user: 'mailer', pass: 'secret-password' },
      from: 'Shop Support <support@shop.test>',
      messageIdDomain: 'shop.test',
    });
  });

  it('names the missing or inconsistent SMTP settings without printing secrets', () => {
    expect(problems(() => readChannelsConfig({ INGRESS_SMTP_HOST: 'smtp.shop.test' }))).toEqual([
      expect.stringContaining('INGRESS_EMAIL_FROM: must be an email address'),
    ]);
    const found = problems(() =>
      readChannelsConfig({
        INGRESS_SMTP_HOST: 'smtp.shop.test',
        INGRESS_EMAIL_FROM: 'support@shop.test',
        INGRESS_SMTP_PASSWORD: 'hunter2-secret',
        INGRESS_SMTP_SECURE: 'yes',
      }),
    );
    expect(found.join('\n')).toMatch(/INGRESS_SMTP_SECURE: must be "true" or "false"/);
    expect(found.join('\n')).not.toContain('hunter2');
  });

  it('turns the SMS webhook on only with the token and its public URL, naming the URL when it is missing', () => {
    const url = 'https://support.shop.test/v1/sms/twilio';
    expect(
      readChannelsConfig({ INGRESS_TWILIO_AUTH_TOKEN: 'token-123', INGRESS_TWILIO_WEBHOOK_URL: url }).sms
        .webhook,
    ).toEqual({ authToken: 'token-123', url });
    // Without the URL the service would have to trust the request's Host or X-Forwarded-Host for what was signed.
    const found = problems(() => readChannelsConfig({ INGRESS_TWILIO_AUTH_TOKEN: 'token-123' }));
    expect(found).toEqual([
      expect.stringMatching(/^INGRESS_TWILIO_WEBHOOK_URL: required when INGRESS_TWILIO_AUTH_TOKEN is set/),
    ]);
    expect(found.join('\n')).not.toContain('token-123');
    expect(problems(() => readServiceConfig({ INGRESS_TWILIO_AUTH_TOKEN: 'token-123' }))).toEqual(found);
  });

  it('sends SMS only with the account, the number and the token together', () => {
    const c = readChannelsConfig({
      INGRESS_TWILIO_WEBHOOK_URL: 'https://support.shop.test/v1/sms/twilio',
      INGRESS_TWILIO_AUTH_TOKEN: 'token-123',
      INGRESS_TWILIO_ACCOUNT_SID: 'AC123',
      INGRESS_TWILIO_FROM: '+15550100000',
      INGRESS_SMS_THREAD_WINDOW_HOURS: '2',
    });
    expect(c.sms).toMatchObject({
      webhook: { authToken: 'token-123' },
      threadWindowMs: 7_200_000,
      outbound: {
        apiUrl: 'https://api.twilio.com',
        accountSid: 'AC123',
        authToken: 'token-123',
        from: '+15550100000',
      },
    });
    expect(
      readChannelsConfig({
        INGRESS_TWILIO_AUTH_TOKEN: 'token-123',
        INGRESS_TWILIO_WEBHOOK_URL: 'https://support.shop.test/v1/sms/twilio',
      }).sms.outbound,
    ).toBeNull();
    expect(problems(() => readChannelsConfig({ INGRESS_TWILIO_ACCOUNT_SID: 'AC123' }))).toEqual([
      expect.stringContaining('outbound SMS needs all three'),
    ]);
  });
});

describe('addressOf', () => {
  it('reads a bare or named address', () => {
    expect(addressOf('support@shop.test')).toBe('support@shop.test');
    expect(addressOf('Shop Support <support@shop.test>')).toBe('support@shop.test');
    expect(addressOf('Shop Support')).toBeNull();
  });
});
