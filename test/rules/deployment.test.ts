// What a deployment exposes, read from the files users run: docker-compose.yml publishes only the
// platform, and production refuses to start on the public development secrets.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError, loadConfig } from '../../config/env.js';
import { temporalConnectionOptions } from '../../config/temporal.js';

interface Service {
  ports?: Array<string | { published?: string | number; host_ip?: string; target: number }>;
  environment?: Record<string, string>;
}
const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8')) as { services: Record<string, Service> };

/** Each published port as [host ip, host port]: no ip means every interface. */
const published = (service: Service): Array<[string, string]> =>
  (service.ports ?? []).map((port) => {
    if (typeof port !== 'string') return [port.host_ip ?? '', String(port.published ?? port.target)];
    const parts = port.split(':');
    return parts.length === 3 ? [parts[0]!, parts[1]!] : ['', parts[0]!];
  });

describe('docker-compose.yml', () => {
  it('publishes only the platform’s HTTP port on every interface; Temporal’s gRPC nowhere', () => {
    const open = Object.entries(compose.services).flatMap(([name, service]) => published(service).filter(([ip]) => ip === '' || ip === '0.0.0.0').map(([, port]) => `${name}:${port}`));
    expect(open).toEqual(['app:3000']);
    expect(published(compose.services.temporal!)).toEqual([]);
    expect(published(compose.services.postgres!)).toEqual([]);
    for (const name of ['temporal-ui', 'mailpit']) {
      for (const [ip] of published(compose.services[name]!)) expect(ip, name).toBe('127.0.0.1');
    }
  });

  it('ships no secret: each is required from the environment (.env), and the app runs in production', () => {
    const env = compose.services.app!.environment!;
    expect(env.NODE_ENV).toBe('production');
    for (const name of ['SESSION_SECRET', 'ACTOR_SIGNING_SECRET', 'PAYLOAD_ENCRYPTION_KEYS']) {
      expect(env[name], name).toMatch(new RegExp(`^\\$\\{${name}:\\?[^}]+\\}$`));
    }
  });

  it('lets the Temporal UI decode payloads through the platform, with the admin’s session', () => {
    const ui = compose.services['temporal-ui']!.environment!;
    expect(ui.TEMPORAL_CODEC_ENDPOINT).toBe(`${compose.services.app!.environment!.PUBLIC_URL}/admin/temporal-codec`);
    expect(ui.TEMPORAL_CODEC_INCLUDE_CREDENTIALS).toBe('true');
  });
});

describe('production settings', () => {
  const secrets = {
    SESSION_SECRET: 'f'.repeat(64),
    ACTOR_SIGNING_SECRET: 'a'.repeat(64),
    PAYLOAD_ENCRYPTION_KEYS: `k2:${Buffer.alloc(32, 2).toString('base64')},k1:${Buffer.alloc(32, 1).toString('base64')}`,
  };
  const production = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'production', ...env });

  it('starts with secrets of its own, the first payload key encrypting and both decrypting', () => {
    const config = production(secrets);
    expect(config.PAYLOAD_ENCRYPTION_KEYS.map((k) => k.id)).toEqual(['k2', 'k1']);
    expect(config.PAYLOAD_ENCRYPTION_KEYS[0]!.key).toHaveLength(32);
  });

  it('refuses to start without a secret, or with a development value or the placeholder once shipped', () => {
    for (const name of Object.keys(secrets) as Array<keyof typeof secrets>) {
      const { [name]: _missing, ...others } = secrets;
      expect(() => production(others), name).toThrow(new RegExp(`${name} \\(absente\\) obligatoire en production`));
    }
    expect(() => production({ ...secrets, SESSION_SECRET: 'change-me-to-a-long-random-string-of-64-chars-please' })).toThrow(/SESSION_SECRET \("\*\*\*"\) est une valeur d’exemple/);
    const dev = loadConfig({});
    expect(() => production({ ...secrets, ACTOR_SIGNING_SECRET: dev.ACTOR_SIGNING_SECRET })).toThrow(ConfigError);
    const devKeys = dev.PAYLOAD_ENCRYPTION_KEYS.map((k) => `k9:${k.key.toString('base64')}`).join(',');
    expect(() => production({ ...secrets, PAYLOAD_ENCRYPTION_KEYS: devKeys })).toThrow(/PAYLOAD_ENCRYPTION_KEYS \("\*\*\*"\)/);
  });

  it('says what is wrong with a malformed key list, without showing it', () => {
    for (const bad of ['k1', 'k1:short', `k1:${Buffer.alloc(16).toString('base64')}`, `k1:${Buffer.alloc(32).toString('base64')},k1:${Buffer.alloc(32, 1).toString('base64')}`]) {
      const error = (() => {
        try {
          loadConfig({ PAYLOAD_ENCRYPTION_KEYS: bad });
          return null;
        } catch (e) {
          return e as Error;
        }
      })();
      expect(error, bad).toBeInstanceOf(ConfigError);
      for (const key of bad.split(',').map((entry) => entry.split(':')[1]).filter(Boolean)) expect(error!.message).not.toContain(key);
      expect(error!.message).toMatch(/^Configuration invalide : PAYLOAD_ENCRYPTION_KEYS/);
    }
  });
});

describe('reaching a production Temporal cluster', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tremplin-tls-'));
  const file = (name: string, text: string) => {
    const at = path.join(dir, name);
    writeFileSync(at, text);
    return at;
  };
  const cert = file('client.pem', '-----BEGIN CERTIFICATE-----\nclient\n');
  const key = file('client.key', '-----BEGIN PRIVATE KEY-----\nkey\n');
  const ca = file('ca.pem', '-----BEGIN CERTIFICATE-----\nca\n');

  it('connects in clear to the embedded dev server (nothing set)', () => {
    expect(temporalConnectionOptions(loadConfig({}))).toEqual({});
  });

  it('presents the client certificate and trusts the given CA and server name (mTLS)', () => {
    const options = temporalConnectionOptions(loadConfig({ TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: key, TEMPORAL_TLS_CA: ca, TEMPORAL_TLS_SERVER_NAME: 'temporal.internal' }));
    expect(Buffer.from(options.tls!.clientCertPair!.crt).toString()).toContain('client');
    expect(Buffer.from(options.tls!.clientCertPair!.key).toString()).toContain('PRIVATE KEY');
    expect(Buffer.from(options.tls!.serverRootCACertificate!).toString()).toContain('ca');
    expect(options.tls!.serverNameOverride).toBe('temporal.internal');
    expect(options.apiKey).toBeUndefined();
  });

  it('sends a Temporal Cloud API key over TLS', () => {
    expect(temporalConnectionOptions(loadConfig({ TEMPORAL_API_KEY: 'cloud-key' }))).toEqual({ tls: {}, apiKey: 'cloud-key' });
  });

  it('refuses a certificate without its key, or a file it cannot read, naming the variable', () => {
    expect(() => loadConfig({ TEMPORAL_TLS_CERT: cert })).toThrow(/TEMPORAL_TLS_KEY .* vont ensemble/);
    expect(() => loadConfig({ TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: path.join(dir, 'absent.key') })).toThrow(/^Configuration invalide : TEMPORAL_TLS_KEY .*fichier introuvable ou illisible/);
  });
});
