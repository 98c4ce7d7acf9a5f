// Settings come from the environment and are checked once, at start-up: a bad value stops the
// process with one line naming the variable, never a stack trace.
import { accessSync, constants } from 'node:fs';
import { z } from 'zod';

const optionalString = z.string().trim().min(1).optional();
const url = (protocols: RegExp) =>
  z.url({ protocol: protocols, error: 'doit être une URL valide' });

const durationPattern = /^(\d+)\s*(ms|s|m|h|d)$/;
/** "3d", "90s", "24h" → milliseconds; lets tests run the same timers in seconds. */
export function parseDuration(value: string): number {
  const match = durationPattern.exec(value.trim());
  if (!match) throw new Error(`durée invalide: ${value}`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'ms'];
  return Number(match[1]) * unit;
}
const duration = z
  .string()
  .regex(durationPattern, 'doit être une durée comme 90s, 15m, 24h ou 3d')
  .transform(parseDuration);

/** A duration that is not zero (Node reads a zero timeout as none at all). */
const positiveDuration = duration.refine((ms) => ms > 0, 'doit être une durée non nulle (ex. 30s)');

const PORT_NUMBER = z.coerce.number({ error: 'doit être un numéro de port' }).int('doit être un numéro de port').min(0).max(65535, 'doit être un numéro de port (0 à 65535)');

/** 127.0.0.0/8, ::1 and localhost: this machine only. */
export const isLoopback = (host: string) => /^(127(\.\d{1,3}){3}|::1|\[::1\]|localhost)$/i.test(host);

const DEV_SESSION_SECRET = 'dev-only-session-secret-change-me-in-production!';
/** Signs the actor of every start and Update the API sends to Temporal (workflows/actor-seal.ts). */
const DEV_ACTOR_SIGNING_SECRET = 'dev-only-actor-signing-secret-change-me-in-production!';
/** Encrypts workflow payloads (config/temporal.ts). Public, like the other development defaults. */
const DEV_PAYLOAD_KEYS = `dev:${Buffer.from('dev-only-payload-key-not-secret!').toString('base64')}`;
/** Values nobody may run production with: the development defaults and the placeholders once shipped. */
const isPlaceholder = (value: string) => /change-me|dev-only|placeholder/i.test(value);

/** `id:base64key,…`: 256-bit AES keys by id, the first encrypts, all decrypt (rotation). */
const payloadKeys = z
  .string()
  .regex(/^[\w.-]{1,32}:[A-Za-z0-9+/]{43}=(,[\w.-]{1,32}:[A-Za-z0-9+/]{43}=)*$/, 'doit être de la forme id:clé-base64(32 octets)[,id:clé…] (ex. k1:$(openssl rand -base64 32))')
  .transform((value, ctx) => {
    const keys = value.split(',').map((entry) => {
      const [id, key] = entry.split(':') as [string, string];
      return { id, key: Buffer.from(key, 'base64') };
    });
    if (new Set(keys.map((k) => k.id)).size !== keys.length) ctx.addIssue({ code: 'custom', message: 'chaque clé doit avoir un id différent' });
    return keys;
  });

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: PORT_NUMBER.default(3000),
    /**
     * The interface the HTTP server listens on: this machine only unless told otherwise (a container
     * sets 0.0.0.0, its port published by Docker). Any other than the loopback needs SESSION_SECRET.
     */
    HOST: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9.:-]{1,253}$/, 'doit être une adresse IP ou un nom d’hôte (ex. 127.0.0.1, 0.0.0.0)')
      .default('127.0.0.1'),
    /**
     * How long the HTTP server waits for a whole request (headers and body), for its headers, and for
     * the next request on an idle kept-alive connection; README « Intruders and bad input » says why
     * these values. Node checks the first two every `connectionsCheckingInterval` (scripts/services/process.ts).
     */
    HTTP_REQUEST_TIMEOUT: positiveDuration.default(60_000),
    HTTP_HEADERS_TIMEOUT: positiveDuration.default(10_000),
    HTTP_KEEP_ALIVE_TIMEOUT: positiveDuration.default(5_000),
    DATABASE_URL: url(/^postgres(ql)?$/).optional(),
    TEMPORAL_ADDRESS: z
      .string()
      .regex(/^[\w.-]+:\d{1,5}$/, 'doit être de la forme hôte:port (ex. 127.0.0.1:7233)')
      .optional(),
    TEMPORAL_NAMESPACE: z.string().regex(/^[\w.-]+$/, 'nom de namespace invalide').default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('tremplin'),
    TEMPORAL_CLI_PATH: optionalString,
    // Reaching a production cluster (README, « Temporal: no back door »): mTLS client certificate and
    // key (PEM files), the server's CA and name when not publicly trusted, or a Temporal Cloud API key.
    TEMPORAL_TLS_CERT: optionalString,
    TEMPORAL_TLS_KEY: optionalString,
    TEMPORAL_TLS_CA: optionalString,
    TEMPORAL_TLS_SERVER_NAME: optionalString,
    TEMPORAL_API_KEY: optionalString,
    TEMPORAL_UI_URL: url(/^https?$/).optional(),
    SMTP_URL: url(/^smtps?$/).optional(),
    MAIL_FROM: z.string().min(3).default('Tremplin <no-reply@tremplin.local>'),
    // Ports of the embedded services of `npm start` (unused when the service is given by URL).
    MAIL_UI_PORT: PORT_NUMBER.default(8025),
    SMTP_DEV_PORT: PORT_NUMBER.default(2525),
    POSTGRES_DEV_PORT: PORT_NUMBER.default(54329),
    TEMPORAL_DEV_PORT: PORT_NUMBER.default(7233),
    TEMPORAL_UI_PORT: PORT_NUMBER.default(8233),
    JITSI_BASE_URL: url(/^https?$/).default('https://meet.jit.si'),
    JITSI_APP_ID: optionalString,
    JITSI_APP_SECRET: optionalString,
    SESSION_SECRET: z.string().min(32, 'doit faire au moins 32 caractères').optional(),
    ACTOR_SIGNING_SECRET: z.string().min(32, 'doit faire au moins 32 caractères').optional(),
    PAYLOAD_ENCRYPTION_KEYS: z.string().optional(),
    DEMO_PASSWORD: z.string().min(12, 'doit faire au moins 12 caractères').default('Demo-Tremplin-2026!'),
    PUBLIC_URL: url(/^https?$/).optional(),
    DATA_DIR: z.string().min(1).default('.data'),
    /** Recruiter sign-up attempts (refused ones included) allowed per client address and 15 minutes. */
    SIGNUPS_PER_ADDRESS: z.coerce.number({ error: 'doit être un nombre' }).int().min(1).default(30),
    /** Requests to /api/public (offers, company pages and their images; no sign-in) allowed per client address and minute. */
    PUBLIC_REQUESTS_PER_MINUTE: z.coerce.number({ error: 'doit être un nombre' }).int().min(1).default(300),
    /** Password reset requests allowed per client address and 15 minutes, and per e-mail address and hour (then 429). */
    PASSWORD_RESETS_PER_ADDRESS: z.coerce.number({ error: 'doit être un nombre' }).int().min(1).default(10),
    PASSWORD_RESETS_PER_EMAIL: z.coerce.number({ error: 'doit être un nombre' }).int().min(1).default(5),
    /** How long a password reset link works. */
    PASSWORD_RESET_TTL: positiveDuration.default(3_600_000),
    /** Company lookups of the sign-up form (GET /api/auth/company-lookup) per client address and 5 minutes. */
    COMPANY_LOOKUPS_PER_ADDRESS: z.coerce.number({ error: 'doit être un nombre' }).int().min(1).default(60),
    /** Creates the demo accounts on an empty database (npm start, npm run api). */
    SEED_DEMO: z.enum(['true', 'false'], { error: 'true ou false' }).default('true').transform((v) => v === 'true'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /**
     * Workflows a worker keeps in memory between their tasks (the others are replayed from their
     * history when they next move). Sized to the active set (issue #20): a cached workflow answers its
     * next Update without replaying, npm run bench: 49 ms against 74 ms at concurrency 1 and a third
     * less CPU. It costs 0.25 MiB per waiting workflow (our modules are shared, scripts/services/worker.ts),
     * up to 0.5 MiB once moved: with 2,000 cached the worker's RSS is 1.2–1.5 GiB, whatever the number of
     * open workflows. Lower it on a small machine; every workflow still runs, replayed when it moves.
     */
    WORKER_CACHED_WORKFLOWS: z.coerce.number({ error: 'doit être un nombre' }).int('doit être un entier').min(0).default(2000),
    /**
     * What a worker process polls (issue #20): `all` the process workflows, their activities and the
     * notice drainer; `processes` all but the drainer; `notices` the drainer only. The drainer tells
     * people (notifications and mails) on a task queue of its own (workflows/notice-queue.ts), so a
     * deployment can run the mail work on other machines (`processes` + `notices`). On the same cores it
     * buys nothing measurable (README « Performance »): a click shares the cores with the notices, not
     * an event loop.
     */
    WORKER_ROLE: z.enum(['all', 'processes', 'notices'], { error: 'all, processes ou notices' }).default('all'),
    // Process timers (workflow input): production days, tests seconds.
    REFERENT_REMINDER_AFTER: duration.default(3 * 86_400_000),
    REFERENT_ESCALATION_AFTER: duration.default(7 * 86_400_000),
    RECRUITER_REMINDER_AFTER: duration.default(7 * 86_400_000),
    INTERVIEW_REMINDER_BEFORE: duration.default(86_400_000),
    /** Seed 002: the company is reminded of its commitment when a lifted application stays « à contacter » this long. */
    CONTACT_REMINDER_AFTER: duration.default(7 * 86_400_000),
    /** How long an account deletion waits, cancellable, before it is carried out (workflow input). */
    ACCOUNT_DELETION_GRACE: duration.default(30 * 86_400_000),
    /** How long a message digest waits after a thread's first unread message before it mails them (workflow input). */
    MESSAGE_DIGEST_DELAY: positiveDuration.default(10 * 60_000),
    /** A CVthèque contact request: the candidate and their référent are reminded after…, and it expires after… (workflow input). */
    CONTACT_REQUEST_REMINDER_AFTER: positiveDuration.default(5 * 86_400_000),
    CONTACT_REQUEST_EXPIRES_AFTER: positiveDuration.default(15 * 86_400_000),
    /** How often a saved search with an alert looks for new matching profiles (its Temporal Schedule's interval; daily). */
    SAVED_SEARCH_ALERT_INTERVAL: positiveDuration.default(86_400_000),
    /**
     * An offer's invitations to apply go out in batches: this many per batch, then a pause (workflow
     * input of offerInvitationWorkflow: its rate limit, 50 a minute by default).
     */
    OFFER_INVITATION_BATCH_SIZE: z.coerce.number({ error: 'doit être un nombre' }).int('doit être un entier').min(1).max(500).default(50),
    OFFER_INVITATION_PAUSE: positiveDuration.default(60_000),
  })
  .superRefine((env, ctx) => {
    for (const name of ['TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY', 'TEMPORAL_TLS_CA'] as const) {
      const file = env[name];
      if (!file) continue;
      try {
        accessSync(file, constants.R_OK);
      } catch {
        ctx.addIssue({ code: 'custom', path: [name], message: 'fichier introuvable ou illisible (un chemin vers un fichier PEM)' });
      }
    }
    if (Boolean(env.TEMPORAL_TLS_CERT) !== Boolean(env.TEMPORAL_TLS_KEY)) {
      ctx.addIssue({ code: 'custom', path: [env.TEMPORAL_TLS_CERT ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT'], message: 'TEMPORAL_TLS_CERT et TEMPORAL_TLS_KEY vont ensemble : définir les deux ou aucun' });
    }
    if (Boolean(env.JITSI_APP_ID) !== Boolean(env.JITSI_APP_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.JITSI_APP_ID ? 'JITSI_APP_SECRET' : 'JITSI_APP_ID'],
        message: 'JITSI_APP_ID et JITSI_APP_SECRET vont ensemble : définir les deux ou aucun',
      });
    }
    if (env.NODE_ENV === 'production') {
      // Development defaults are public: production runs only on secrets of its own.
      for (const name of ['SESSION_SECRET', 'ACTOR_SIGNING_SECRET', 'PAYLOAD_ENCRYPTION_KEYS'] as const) {
        const value = env[name];
        if (!value) ctx.addIssue({ code: 'custom', path: [name], message: 'obligatoire en production' });
        else if (isPlaceholder(value) || value.includes(DEV_PAYLOAD_KEYS.split(':')[1]!))
          ctx.addIssue({ code: 'custom', path: [name], message: 'est une valeur d’exemple : en production, une valeur secrète tirée au hasard (openssl rand -base64 32)' });
      }
    } else if (!isLoopback(env.HOST) && !env.SESSION_SECRET) {
      // The development secret is in this repository: sessions it signs must not be reachable from elsewhere.
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: `obligatoire quand HOST (« ${env.HOST} ») ouvre le serveur à d’autres machines : le secret de développement est public`,
      });
    }
    const keys = payloadKeys.safeParse(env.PAYLOAD_ENCRYPTION_KEYS ?? DEV_PAYLOAD_KEYS);
    if (!keys.success) ctx.addIssue({ code: 'custom', path: ['PAYLOAD_ENCRYPTION_KEYS'], message: keys.error.issues[0]!.message });
  })
  .transform((env) => ({
    ...env,
    SESSION_SECRET: env.SESSION_SECRET ?? DEV_SESSION_SECRET,
    ACTOR_SIGNING_SECRET: env.ACTOR_SIGNING_SECRET ?? DEV_ACTOR_SIGNING_SECRET,
    PAYLOAD_ENCRYPTION_KEYS: payloadKeys.parse(env.PAYLOAD_ENCRYPTION_KEYS ?? DEV_PAYLOAD_KEYS),
    PUBLIC_URL: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    TEMPORAL_UI_URL: (env.TEMPORAL_UI_URL ?? `http://localhost:${env.TEMPORAL_UI_PORT}`).replace(/\/$/, ''),
  }));

export type Config = z.output<typeof schema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; empty strings count as unset so `FOO=` in a shell means "use the default". */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const variable = issue.path.join('.') || 'environnement';
  const value = cleaned[variable];
  const shown = value === undefined ? 'absente' : `"${/SECRET|PASSWORD|KEYS/.test(variable) ? '***' : value}"`;
  throw new ConfigError(`Configuration invalide : ${variable} (${shown}) ${issue.message}`);
}

/** Entry points call this: prints one clear line and exits instead of a stack trace. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
