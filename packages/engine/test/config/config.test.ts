import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/engine-errors';
import { loadConfig } from '../../src/config/config';

describe('loadConfig', () => {
  it('applies the defaults of docs/configuration.md', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      publicUrl: 'http://localhost:3000',
      temporalAddress: '127.0.0.1:7233',
      temporalNamespace: 'default',
      taskQueue: 'hookflow',
      webhookMaxBytes: 1024 * 1024,
      webhookRateLimitPerSecond: 50,
      webhookRateLimitBurst: 100,
      webhookAuthFailuresPerMinute: 60,
      adminAuthFailuresPerMinute: 20,
      webhookMaxConcurrentBodies: 128,
      webhookRequestTimeoutSeconds: 10,
      snsMaxAgeSeconds: 3600,
      snsTrustedOrigins: [],
      logLevel: 'info',
    });
  });

  it('parses and normalises the values that are set', () => {
    const config = loadConfig({
      HOOKFLOW_PORT: '8080',
      HOOKFLOW_PUBLIC_URL: 'https://hooks.example.com/',
      HOOKFLOW_PLUGINS: ' a , @scope/b ',
      HOOKFLOW_SNS_TRUSTED_ORIGINS: 'http://127.0.0.1:4566,https://sns.local',
      HOOKFLOW_WEBHOOK_MAX_BYTES: '2048',
    });
    expect(config.port).toBe(8080);
    expect(config.publicUrl).toBe('https://hooks.example.com');
    expect(config.plugins).toEqual(['a', '@scope/b']);
    expect(config.snsTrustedOrigins).toEqual(['http://127.0.0.1:4566', 'https://sns.local']);
    expect(config.webhookMaxBytes).toBe(2048);
    expect(loadConfig({ HOOKFLOW_WEBHOOK_RATE_LIMIT: '10' })).toMatchObject({
      webhookRateLimitPerSecond: 10,
      webhookRateLimitBurst: 20,
    });
  });

  it.each([
    ['HOOKFLOW_PORT', 'abc'],
    ['HOOKFLOW_PORT', '70000'],
    ['HOOKFLOW_PUBLIC_URL', 'ftp://x'],
    ['MONGODB_URI', 'postgres://x'],
    ['TEMPORAL_ADDRESS', 'no-port'],
    ['HOOKFLOW_WEBHOOK_MAX_BYTES', '-1'],
    // Over 1 MiB a webhook payload beside its graph may not fit Temporal's 2 MB start.
    ['HOOKFLOW_WEBHOOK_MAX_BYTES', String(1024 * 1024 + 1)],
    ['HOOKFLOW_WEBHOOK_RATE_LIMIT', '-5'],
    ['HOOKFLOW_WEBHOOK_RATE_BURST', '0'],
    ['HOOKFLOW_WEBHOOK_MAX_CONCURRENT_BODIES', '0'],
    ['HOOKFLOW_WEBHOOK_REQUEST_TIMEOUT_SECONDS', '0'],
    ['HOOKFLOW_SNS_TRUSTED_ORIGINS', 'http://x/path'],
    ['LOG_LEVEL', 'loud'],
  ])('rejects a bad %s and names it', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(name);
  });

  it('reports every problem at once, and never echoes a secret value', () => {
    const secret = 'short secret';
    expect(() => loadConfig({ HOOKFLOW_ADMIN_TOKEN: secret, HOOKFLOW_PORT: '0' }, ['MONGODB_URI'])).toThrow(
      ConfigError,
    );
    try {
      loadConfig({ HOOKFLOW_ADMIN_TOKEN: secret, HOOKFLOW_PORT: '0' }, ['MONGODB_URI']);
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message).toContain('HOOKFLOW_ADMIN_TOKEN');
      expect(message).toContain('HOOKFLOW_PORT');
      expect(message).toContain('MONGODB_URI: is required');
      expect(message).not.toContain(secret);
    }
  });
});
