// How the platform talks to Temporal: every payload encrypted (AES-256-GCM, key ids for rotation),
// every start and Update sealed with the actor's HMAC (workflows/actor-seal.ts). The API, the worker,
// the tools and the tests connect through here, so nothing reaches Temporal in clear or unsealed.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client, Connection, type TLSConfig, type WorkflowClientInterceptor } from '@temporalio/client';
import { METADATA_ENCODING_KEY, ValueError, defaultPayloadConverter, type DataConverter, type Payload, type PayloadCodec } from '@temporalio/common';
// The default import: Node's ESM loader sees no named exports in this CommonJS module.
import proto from '@temporalio/proto';
import { SEAL_HEADER, sealOf } from '../workflows/actor-seal.js';
import type { Config } from './env.js';

export type TemporalAccess = Pick<Config, 'TEMPORAL_TLS_CERT' | 'TEMPORAL_TLS_KEY' | 'TEMPORAL_TLS_CA' | 'TEMPORAL_TLS_SERVER_NAME' | 'TEMPORAL_API_KEY'>;

/**
 * How the API, the worker and the tools authenticate to the cluster: mTLS (client certificate and
 * key), TLS with a private CA or server name, a Temporal Cloud API key (always over TLS); plain gRPC
 * for the embedded dev server and a cluster on a private network. Read once, at connection.
 */
export function temporalConnectionOptions(config: Partial<TemporalAccess>): { tls?: TLSConfig; apiKey?: string } {
  // Checked readable by loadConfig; read here, so a renewed certificate is picked up at the next connection.
  const read = (variable: 'TEMPORAL_TLS_CERT' | 'TEMPORAL_TLS_KEY' | 'TEMPORAL_TLS_CA') => (config[variable] ? readFileSync(config[variable]) : undefined);
  const crt = read('TEMPORAL_TLS_CERT');
  const key = read('TEMPORAL_TLS_KEY');
  const ca = read('TEMPORAL_TLS_CA');
  const secured = Boolean(crt || ca || config.TEMPORAL_TLS_SERVER_NAME || config.TEMPORAL_API_KEY);
  if (!secured) return {};
  return {
    tls: {
      ...(crt && key ? { clientCertPair: { crt, key } } : {}),
      ...(ca ? { serverRootCACertificate: ca } : {}),
      ...(config.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME } : {}),
    },
    ...(config.TEMPORAL_API_KEY ? { apiKey: config.TEMPORAL_API_KEY } : {}),
  };
}

export const ENCRYPTED_ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';
const ProtoPayload = proto.temporal.api.common.v1.Payload;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface PayloadKey {
  id: string;
  key: Buffer;
}

/**
 * Encrypts each payload whole (metadata included: the type of a value says something too) with the
 * first key; decrypts with whichever key its id names. Payloads written before encryption (recorded
 * histories, workflows started earlier) pass through unchanged.
 */
export class EncryptionCodec implements PayloadCodec {
  private readonly keys: Map<string, Buffer>;
  private readonly current: PayloadKey;

  constructor(keys: PayloadKey[]) {
    if (!keys.length) throw new Error('EncryptionCodec: at least one key');
    this.keys = new Map(keys.map((k) => [k.id, k.key]));
    this.current = keys[0]!;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
      const plain = ProtoPayload.encode(payload).finish();
      const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return { metadata: { [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING), [KEY_ID]: Buffer.from(this.current.id) }, data };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
      if (!encoding || Buffer.from(encoding).toString() !== ENCRYPTED_ENCODING) return payload;
      const id = payload.metadata?.[KEY_ID] ? Buffer.from(payload.metadata[KEY_ID]).toString() : '';
      const key = this.keys.get(id);
      if (!key) throw new ValueError(`Payload chiffré avec la clé « ${id} », absente de PAYLOAD_ENCRYPTION_KEYS`);
      const data = Buffer.from(payload.data ?? []);
      if (data.length < IV_BYTES + TAG_BYTES) throw new ValueError('Payload chiffré tronqué');
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      return ProtoPayload.decode(plain);
    });
  }
}

/** A payload as JSON carries it (the codec server's protocol, recorded histories): bytes in base64. */
export interface JsonPayload {
  metadata?: Record<string, string> | null;
  data?: string | null;
}

export const payloadFromJson = ({ metadata, data }: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')])),
  data: Buffer.from(data ?? '', 'base64'),
});

export const payloadToJson = ({ metadata, data }: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')])),
  data: Buffer.from(data ?? []).toString('base64'),
});

export function dataConverter(config: Pick<Config, 'PAYLOAD_ENCRYPTION_KEYS'>): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(config.PAYLOAD_ENCRYPTION_KEYS)] };
}

/** Seals every start and Update this client sends with the API's secret. */
export function sealingInterceptor(secret: string, now: () => number = Date.now): WorkflowClientInterceptor {
  const sealed = (headers: Record<string, Payload>, scope: Parameters<typeof sealOf>[1], args: unknown[]) => ({
    ...headers,
    [SEAL_HEADER]: defaultPayloadConverter.toPayload(sealOf(secret, scope, args, now())),
  });
  return {
    async start(input, next) {
      const { workflowId, args } = input.options;
      return next({ ...input, headers: sealed(input.headers, { kind: 'start', workflowId, name: input.workflowType }, args ?? []) });
    },
    // A start that carries a signal (the message digests) is sealed as a start.
    async signalWithStart(input, next) {
      const { workflowId, args } = input.options;
      return next({ ...input, headers: sealed(input.headers, { kind: 'start', workflowId, name: input.workflowType }, args ?? []) });
    },
    async startUpdate(input, next) {
      const scope = { kind: 'update' as const, workflowId: input.workflowExecution.workflowId, name: input.updateName };
      return next({ ...input, headers: sealed(input.headers, scope, input.args) });
    },
  };
}

/**
 * The platform's Temporal client: encrypted payloads, sealed actions. `seal: false` gives a client
 * that can read (the tools' listings) but whose actions every workflow refuses.
 */
export async function connectTemporal(
  config: Pick<Config, 'PAYLOAD_ENCRYPTION_KEYS' | 'ACTOR_SIGNING_SECRET' | 'TEMPORAL_NAMESPACE'> & Partial<TemporalAccess>,
  address: string,
  options: { seal?: boolean; connectTimeout?: number } = {},
): Promise<Client> {
  const connection = await Connection.connect({ address, ...temporalConnectionOptions(config), ...(options.connectTimeout ? { connectTimeout: options.connectTimeout } : {}) });
  return new Client({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter: dataConverter(config),
    interceptors: options.seal === false ? {} : { workflow: [sealingInterceptor(config.ACTOR_SIGNING_SECRET)] },
  });
}
