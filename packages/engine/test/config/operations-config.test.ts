import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { ConfigError } from '../../src/errors/engine-errors';
import { temporalConnectionOptions } from '../../src/temporal/connection-options';

const TOKEN = 'a-token-that-is-long-enough-for-32-chars';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('secrets from files (<NAME>_FILE)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hookflow-config-'));
  });

  it('reads HOOKFLOW_ADMIN_TOKEN_FILE, trimmed, as the admin token', async () => {
    const file = path.join(dir, 'admin-token');
    await writeFile(file, `  ${TOKEN}\n`);
    expect(loadConfig({ HOOKFLOW_ADMIN_TOKEN_FILE: file }, ['HOOKFLOW_ADMIN_TOKEN']).adminToken).toBe(TOKEN);
  });

  it('reads MONGODB_URI_FILE and TEMPORAL_API_KEY_FILE the same way', async () => {
    await writeFile(path.join(dir, 'uri'), 'mongodb://user:pw@db:27017/hookflow\n');
    await writeFile(path.join(dir, 'api-key'), 'tmprl-key\n');
    const config = loadConfig({
      MONGODB_URI_FILE: path.join(dir, 'uri'),
      TEMPORAL_API_KEY_FILE: path.join(dir, 'api-key'),
    });
    expect(config.mongodbUri).toBe('mongodb://user:pw@db:27017/hookflow');
    expect(config.temporalApiKey).toBe('tmprl-key');
  });

  it('refuses both the variable and its _FILE, naming the variable, without echoing either value', async () => {
    const file = path.join(dir, 'both');
    await writeFile(file, TOKEN);
    const error = configError({ HOOKFLOW_ADMIN_TOKEN: `${TOKEN}-inline`, HOOKFLOW_ADMIN_TOKEN_FILE: file });
    expect(error.message).toContain('HOOKFLOW_ADMIN_TOKEN: is set together with HOOKFLOW_ADMIN_TOKEN_FILE');
    expect(error.message).not.toContain(TOKEN);
  });

  it('names the _FILE variable whose file cannot be read or is empty', async () => {
    expect(configError({ MONGODB_URI_FILE: path.join(dir, 'missing') }).message).toMatch(
      /MONGODB_URI_FILE: cannot be read \(.*missing\): ENOENT/,
    );
    await writeFile(path.join(dir, 'empty'), '\n');
    expect(configError({ TEMPORAL_API_KEY_FILE: path.join(dir, 'empty') }).message).toContain(
      'TEMPORAL_API_KEY_FILE: names an empty file',
    );
  });

  it('validates a value read from a file like one set directly', async () => {
    await writeFile(path.join(dir, 'short'), 'short-token');
    expect(configError({ HOOKFLOW_ADMIN_TOKEN_FILE: path.join(dir, 'short') }).message).toContain(
      'HOOKFLOW_ADMIN_TOKEN: must NOT have fewer than 32 characters',
    );
  });
});

describe('admin token length', () => {
  it('refuses a token shorter than 32 characters and accepts one of 32', () => {
    expect(configError({ HOOKFLOW_ADMIN_TOKEN: 'x'.repeat(31) }).message).toContain('HOOKFLOW_ADMIN_TOKEN');
    expect(loadConfig({ HOOKFLOW_ADMIN_TOKEN: 'x'.repeat(32) }).adminToken).toHaveLength(32);
  });
});

describe('HOOKFLOW_TRUST_PROXY', () => {
  it('defaults to loopback and takes a hop count or a list of addresses and CIDRs', () => {
    expect(loadConfig({}).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ HOOKFLOW_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ HOOKFLOW_TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8, 192.168.1.7' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
      '192.168.1.7',
    ]);
  });

  it.each(['true', '10.0.0.0/33', 'proxy.example.com', '1.2.3.4/8/9', '-1'])(
    'refuses %s, naming the variable',
    (value) => {
      expect(configError({ HOOKFLOW_TRUST_PROXY: value }).message).toContain('HOOKFLOW_TRUST_PROXY');
    },
  );
});

describe('metrics and log settings', () => {
  it('keeps metrics off and on loopback by default, JSON logs by default', () => {
    expect(loadConfig({})).toMatchObject({
      metrics: { host: '127.0.0.1', serverPort: undefined, workerPort: undefined },
      logFormat: 'json',
    });
    expect(
      loadConfig({
        HOOKFLOW_METRICS_PORT: '9464',
        HOOKFLOW_WORKER_METRICS_PORT: '9465',
        HOOKFLOW_METRICS_HOST: '0.0.0.0',
        LOG_FORMAT: 'pretty',
      }),
    ).toMatchObject({ metrics: { host: '0.0.0.0', serverPort: 9464, workerPort: 9465 }, logFormat: 'pretty' });
  });

  it.each([
    ['HOOKFLOW_METRICS_PORT', '0'],
    ['HOOKFLOW_WORKER_METRICS_PORT', 'x'],
    ['LOG_FORMAT', 'xml'],
    ['TEMPORAL_TLS', 'yes'],
  ])('refuses a bad %s', (name, value) => {
    expect(configError({ [name]: value }).message).toContain(name);
  });
});

describe('Temporal TLS and API key (Temporal client variables)', () => {
  it('is plaintext by default and turns TLS on for an API key or any TLS setting, as Temporal clients do', () => {
    expect(loadConfig({}).temporalTls).toEqual({ enabled: false });
    expect(loadConfig({ TEMPORAL_API_KEY: 'k' }).temporalTls.enabled).toBe(true);
    expect(loadConfig({ TEMPORAL_TLS_SERVER_NAME: 'temporal.internal' }).temporalTls).toEqual({
      enabled: true,
      serverName: 'temporal.internal',
    });
    expect(loadConfig({ TEMPORAL_TLS: 'true' }).temporalTls.enabled).toBe(true);
    expect(loadConfig({ TEMPORAL_API_KEY: 'k', TEMPORAL_TLS: 'false' }).temporalTls.enabled).toBe(false);
  });

  it('needs the client key with the client certificate, and names the missing one', () => {
    expect(configError({ TEMPORAL_TLS_CLIENT_CERT_PATH: '/x/client.pem' }).message).toContain(
      'TEMPORAL_TLS_CLIENT_KEY_PATH: is required when TEMPORAL_TLS_CLIENT_CERT_PATH is set',
    );
  });

  it('reads the certificate files at start-up and names the variable of one that cannot be read', () => {
    const config = loadConfig({
      TEMPORAL_ADDRESS: 'temporal.example.com:7233',
      TEMPORAL_TLS_CLIENT_CERT_PATH: '/nowhere/client.pem',
      TEMPORAL_TLS_CLIENT_KEY_PATH: '/nowhere/client.key',
    });
    expect(() => temporalConnectionOptions(config)).toThrow(/TEMPORAL_TLS_CLIENT_CERT_PATH: cannot be read/);
    const files: Record<string, string> = { '/c.pem': 'CERT', '/c.key': 'KEY', '/ca.pem': 'CA' };
    const options = temporalConnectionOptions(
      loadConfig({
        TEMPORAL_API_KEY: 'key',
        TEMPORAL_TLS_CLIENT_CERT_PATH: '/c.pem',
        TEMPORAL_TLS_CLIENT_KEY_PATH: '/c.key',
        TEMPORAL_TLS_SERVER_CA_CERT_PATH: '/ca.pem',
        TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
      }),
      (file) => Buffer.from(files[file] ?? ''),
    );
    expect(options).toEqual({
      address: '127.0.0.1:7233',
      apiKey: 'key',
      tls: {
        serverNameOverride: 'temporal.internal',
        serverRootCACertificate: Buffer.from('CA'),
        clientCertPair: { crt: Buffer.from('CERT'), key: Buffer.from('KEY') },
      },
    });
  });
});
