import { z } from 'zod';
import { REGISTER_LIMIT_PER_IP } from '../constants/limits';
import { DEFAULT_API_KEY_RATE_LIMIT_PER_MINUTE } from '../types/api-keys';
import { postgresTlsProblem, redisTlsProblem } from './connection-urls';
import { PRODUCTION_SECRETS, refuseWeakSecretsInProduction } from './production-secrets';
import { PUBLISHED_SECRETS } from './published-secrets';

/** Raised when a service's environment does not satisfy its schema; names every bad variable. */
export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid environment:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new EnvError(result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
}

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
const url = (fallback: string) => z.url().default(fallback);
/** 32 bytes as 64 hex characters or base64, for AES-256-GCM. */
const encryptionKey = z
  .string({ error: `is required (32 bytes as 64 hex characters: ${PRODUCTION_SECRETS.ENCRYPTION_KEY.remedy})` })
  .refine((v) => /^[0-9a-fA-F]{64}$/.test(v) || Buffer.from(v, 'base64').length === 32, {
    message: `must be 32 bytes as 64 hex characters or base64: ${PRODUCTION_SECRETS.ENCRYPTION_KEY.remedy}`,
  });
/** Keys ENCRYPTION_KEY replaced, comma-separated: read until `npm run keys:rotate` re-sealed every secret. */
const oldEncryptionKeys = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .string()
    .refine((v) => v.split(',').every((k) => k.trim() === '' || encryptionKey.safeParse(k.trim()).success), {
      message: 'must be comma-separated keys of 32 bytes (64 hex characters or base64)',
    })
    .optional(),
);
const secret = (name: keyof typeof PRODUCTION_SECRETS) =>
  z
    .string({ error: `is required: ${PRODUCTION_SECRETS[name].remedy}` })
    .min(1, `is empty: ${PRODUCTION_SECRETS[name].remedy}`);

const nodeEnv = z.enum(['development', 'production', 'test']).default('development');
const databaseUrl = url('postgres://postgres@127.0.0.1:5432/aerostic');
/** A CA file (PEM) for TLS to a managed PostgreSQL or Redis (RDS, ElastiCache); empty means unset. */
const caFile = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());

/** sslmode and the scheme checked where the variable is named, so a bad one stops the start-up in one line. */
function checkConnectionUrls(
  env: { DATABASE_URL?: string; DATABASE_CA_FILE?: string; REDIS_URL?: string; REDIS_CA_FILE?: string },
  ctx: z.RefinementCtx,
): void {
  const checks = [
    ['DATABASE_URL', env.DATABASE_URL, env.DATABASE_CA_FILE, postgresTlsProblem],
    ['REDIS_URL', env.REDIS_URL, env.REDIS_CA_FILE, redisTlsProblem],
  ] as const;
  for (const [name, value, ca, problemOf] of checks) {
    const problem = value === undefined ? undefined : problemOf(value, ca);
    if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem });
  }
}

const common = {
  NODE_ENV: nodeEnv,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  REDIS_URL: url('redis://127.0.0.1:6379'),
  REDIS_CA_FILE: caFile,
  REDIS_PREFIX: z.string().min(1).default('aerostic'),
};

/** Meta's current Graph API version (v26.0, released 2026-07-29): every Graph call and Embedded Signup use it. */
export const DEFAULT_META_GRAPH_VERSION = 'v26.0';
export const GRAPH_VERSION_PATTERN = /^v\d+\.\d+$/;

const graph = {
  META_GRAPH_URL: url('https://graph.facebook.com'),
  META_GRAPH_VERSION: z
    .string()
    .regex(GRAPH_VERSION_PATTERN, 'must look like v26.0')
    .default(DEFAULT_META_GRAPH_VERSION),
};

/** An optional URL whose empty value (`AI_BASE_URL=` in a compose file or .env) means unset. */
const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.url().optional());
const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());

/**
 * Bearer token Prometheus presents on `/metrics` (docs/adr/0162). Unset: open in development and tests, answered
 * 404 in production, so a forgotten token never publishes the metrics.
 */
const metricsToken = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z.string().min(32, 'must be at least 32 characters: generate one with `openssl rand -hex 32`').optional(),
);

/** A provider call slower than this hands the conversation to a person (issue 18: 10 s). */
export const DEFAULT_AI_TIMEOUT_MS = 10_000;

/** What `npm run migrate` needs: the database alone, checked as the API checks it. */
export const databaseEnvSchema = refuseWeakSecretsInProduction(
  z.object({ NODE_ENV: nodeEnv, DATABASE_URL: databaseUrl, DATABASE_CA_FILE: caFile }).superRefine(checkConnectionUrls),
);

/**
 * `npm run migrate`, as the owner: the database, and the password it gives the API's own role (`aerostic_app`),
 * which owns nothing and is held to row-level security; unset, the role's password is left as it is.
 */
export const migrateEnvSchema = refuseWeakSecretsInProduction(
  z
    .object({
      NODE_ENV: nodeEnv,
      DATABASE_URL: databaseUrl,
      DATABASE_CA_FILE: caFile,
      APP_DATABASE_PASSWORD: z.preprocess(
        (v) => (v === '' ? undefined : v),
        z.string().min(16, 'must be at least 16 characters: generate one with `openssl rand -hex 24`').optional(),
      ),
    })
    .superRefine(checkConnectionUrls)
    .superRefine((env, ctx) => {
      if (
        env.NODE_ENV === 'production' &&
        env.APP_DATABASE_PASSWORD &&
        PUBLISHED_SECRETS.has(env.APP_DATABASE_PASSWORD)
      ) {
        const message =
          'is a value this repository has published (its history is public); generate one with `openssl rand -hex 24`';
        ctx.addIssue({ code: 'custom', message, path: ['APP_DATABASE_PASSWORD'] });
      }
    }),
);

/** `npm run keys:rotate`: the database and the key ring, nothing else of the API's environment. */
export const keyRotationEnvSchema = refuseWeakSecretsInProduction(
  z
    .object({
      NODE_ENV: nodeEnv,
      DATABASE_URL: databaseUrl,
      DATABASE_CA_FILE: caFile,
      ENCRYPTION_KEY: encryptionKey,
      ENCRYPTION_KEYS_OLD: oldEncryptionKeys,
    })
    .superRefine(checkConnectionUrls),
);

export const apiEnvSchema = refuseWeakSecretsInProduction(
  z
    .object({
      ...common,
      ...graph,
      API_PORT: port(4000),
      METRICS_TOKEN: metricsToken,
      DATABASE_URL: databaseUrl,
      DATABASE_CA_FILE: caFile,
      JWT_SECRET: z
        .string({ error: `is required: ${PRODUCTION_SECRETS.JWT_SECRET.remedy}` })
        .min(
          PRODUCTION_SECRETS.JWT_SECRET.minLength,
          `must be at least ${PRODUCTION_SECRETS.JWT_SECRET.minLength} characters: ${PRODUCTION_SECRETS.JWT_SECRET.remedy}`,
        ),
      JWT_EXPIRES_IN_SECONDS: z.coerce
        .number()
        .int()
        .min(60)
        .default(12 * 60 * 60),
      ENCRYPTION_KEY: encryptionKey,
      ENCRYPTION_KEYS_OLD: oldEncryptionKeys,
      APP_URL: url('http://app.localhost'),
      ADMIN_URL: url('http://admin.localhost'),
      API_URL: url('http://api.localhost'),
      TRUST_PROXY: z.string().default('loopback, linklocal, uniquelocal'),
      /** Where media is kept: `disk` under MEDIA_STORAGE_DIR, or `s3` in S3_BUCKET (shared by every API host). */
      MEDIA_STORAGE: z.enum(['disk', 's3']).default('disk'),
      /** Media with `disk` (a volume in Docker); with `s3`, only files still being received (`.incoming`). */
      MEDIA_STORAGE_DIR: z.string().min(1).default('data/media'),
      /** An S3-compatible server's URL (MinIO); unset: AWS S3 of S3_REGION. */
      S3_ENDPOINT: optionalUrl,
      S3_REGION: z.string().min(1).default('us-east-1'),
      S3_BUCKET: optionalText,
      /** Unset: the SDK's default credentials (an instance or task role). */
      S3_ACCESS_KEY_ID: optionalText,
      S3_SECRET_ACCESS_KEY: optionalText,
      /** `true`: bucket in the path (`endpoint/bucket/key`), as MinIO wants; otherwise in the host name. */
      S3_FORCE_PATH_STYLE: z
        .enum(['true', 'false'])
        .default('false')
        .transform((v) => v === 'true'),
      /** Uploads one API process takes at once; each holds a socket and a file on the media disk. */
      MEDIA_MAX_CONCURRENT_UPLOADS: z.coerce.number().int().min(1).default(8),
      META_APP_ID: z.string().optional(),
      META_APP_SECRET: z.string().optional(),
      META_CONFIG_ID: z.string().optional(),
      /**
       * The platform's OpenAI-compatible chat-completions server (its base, as `https://api.openai.com/v1`), used by
       * workspaces without their own; unset: only workspaces with their own provider get AI replies.
       */
      AI_BASE_URL: optionalUrl,
      AI_API_KEY: optionalText,
      AI_MODEL: optionalText,
      AI_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(DEFAULT_AI_TIMEOUT_MS),
      /** The first event webhook retry's delay; each next one doubles, for 24 hours from the event (docs/adr/0141). */
      WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).default(30_000),
      /** Event webhook deliveries older than this many days are deleted by a daily job (docs/adr/0157). */
      WEBHOOK_DELIVERY_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
      /** Requests each API key may make per minute; over it 429 with Retry-After. */
      API_KEY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(DEFAULT_API_KEY_RATE_LIMIT_PER_MINUTE),
      /** Sign-ups allowed per IP address per hour; over it /auth/register answers 429 with Retry-After. */
      REGISTRATIONS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(REGISTER_LIMIT_PER_IP.points),
      /** The tax rate printed on and added to every invoice, in basis points (1,900 = 19 %). */
      BILLING_TAX_RATE_BP: z.coerce.number().int().min(0).max(10_000).default(0),
      /** The platform's tax id printed on every invoice; unset prints none. */
      BILLING_TAX_ID: optionalText,
      /** Stripe's secret key; unset: online payment (checkout, portal) answers 503 and invoices are paid by transfer. */
      STRIPE_SECRET_KEY: optionalText,
      /** The signing secret of the Stripe webhook endpoint (`whsec_…`); unset: every webhook is refused. */
      STRIPE_WEBHOOK_SECRET: optionalText,
      /** Another Stripe API host, as `http://127.0.0.1:4500` (the stripe-sandbox); unset: Stripe's own. */
      STRIPE_API_BASE: optionalUrl,
      /** The SMTP server, as `smtp://user:pass@host:587` or `smtps://…:465`; wins over the SMTP_HOST… variables. */
      SMTP_URL: optionalUrl,
      /** The SMTP server in parts, when SMTP_URL is unset (a local catcher listens on 1025 without auth). */
      SMTP_HOST: z.preprocess((v) => (v === '' ? undefined : v), z.string().default('127.0.0.1')),
      SMTP_PORT: port(1025),
      SMTP_USER: optionalText,
      SMTP_PASS: optionalText,
      /** `true`: TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
      SMTP_SECURE: z
        .enum(['true', 'false'])
        .default('false')
        .transform((v) => v === 'true'),
      /** The From header of every mail. */
      MAIL_FROM: z.string().min(3).default('Aerostic <no-reply@aerostic.localhost>'),
      /**
       * Microsoft sign-in's authority, as `https://login.microsoftonline.com/organizations/v2.0` (or the entra-sandbox's
       * `https://localhost:4600/organizations/v2.0`); unset: the Microsoft button and routes are off.
       */
      ENTRA_AUTHORITY: optionalUrl,
      ENTRA_CLIENT_ID: optionalText,
      ENTRA_CLIENT_SECRET: optionalText,
      /** A PEM file of extra CAs trusted for the authority only (the sandbox's development certificate). */
      ENTRA_CA_FILE: optionalText,
      /** The company's own Entra tenant: its people who are platform admins may sign in to the admin panel. */
      ADMIN_ENTRA_TENANT_ID: optionalText,
    })
    .superRefine((env, ctx) => {
      checkConnectionUrls(env, ctx);
      for (const name of ['ENTRA_CLIENT_ID', 'ENTRA_CLIENT_SECRET'] as const)
        if (env.ENTRA_AUTHORITY !== undefined && env[name] === undefined)
          ctx.addIssue({ code: 'custom', path: [name], message: 'is required when ENTRA_AUTHORITY is set' });
      if (env.MEDIA_STORAGE === 's3' && env.S3_BUCKET === undefined)
        ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'is required when MEDIA_STORAGE is s3' });
      if ((env.S3_ACCESS_KEY_ID === undefined) !== (env.S3_SECRET_ACCESS_KEY === undefined))
        ctx.addIssue({
          code: 'custom',
          path: [env.S3_ACCESS_KEY_ID === undefined ? 'S3_ACCESS_KEY_ID' : 'S3_SECRET_ACCESS_KEY'],
          message: 'is required with the other S3 key (or leave both unset for the default credentials)',
        });
      if (env.AI_BASE_URL !== undefined && env.AI_MODEL === undefined)
        ctx.addIssue({ code: 'custom', path: ['AI_MODEL'], message: 'is required when AI_BASE_URL is set' });
    }),
);
export type ApiEnv = z.infer<typeof apiEnvSchema>;

export const webhookWorkerEnvSchema = refuseWeakSecretsInProduction(
  z
    .object({
      ...common,
      WEBHOOK_WORKER_PORT: port(4100),
      METRICS_TOKEN: metricsToken,
      META_APP_SECRET: secret('META_APP_SECRET'),
      META_VERIFY_TOKEN: secret('META_VERIFY_TOKEN'),
    })
    .superRefine(checkConnectionUrls),
);
export type WebhookWorkerEnv = z.infer<typeof webhookWorkerEnvSchema>;

export const messageWorkerEnvSchema = refuseWeakSecretsInProduction(
  z
    .object({
      ...common,
      ...graph,
      MESSAGE_WORKER_PORT: port(4200),
      METRICS_TOKEN: metricsToken,
      ENCRYPTION_KEY: encryptionKey,
      ENCRYPTION_KEYS_OLD: oldEncryptionKeys,
    })
    .superRefine(checkConnectionUrls),
);
export type MessageWorkerEnv = z.infer<typeof messageWorkerEnvSchema>;

// Never deployed, but it checks its app secret like the services it stands in front of.
export const metaSandboxEnvSchema = refuseWeakSecretsInProduction(
  z.object({
    NODE_ENV: common.NODE_ENV,
    LOG_LEVEL: common.LOG_LEVEL,
    META_SANDBOX_PORT: port(4300),
    META_SANDBOX_PUBLIC_URL: url('http://localhost:4300'),
    META_SANDBOX_WEBHOOK_URL: url('http://127.0.0.1:4100/webhooks/meta'),
    META_APP_ID: z.string().default('sandbox-app'),
    META_APP_SECRET: secret('META_APP_SECRET'),
    /** Embedded Signup codes live ~30 s at Meta; longer here so a person can step through the exchange by hand. */
    META_SANDBOX_CODE_TTL_SECONDS: z.coerce.number().int().min(1).default(300),
    /** Webhook retries stand in for Meta's 7 days on a compressed schedule: base delay, doubled per attempt. */
    META_SANDBOX_WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).default(250),
    META_SANDBOX_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(12),
    META_SANDBOX_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  }),
);
export type MetaSandboxEnv = z.infer<typeof metaSandboxEnvSchema>;

// Never deployed: the OpenAI-compatible stand-in accepts the key the API sends (AI_API_KEY), as the provider would.
export const aiSandboxEnvSchema = refuseWeakSecretsInProduction(
  z.object({
    NODE_ENV: common.NODE_ENV,
    LOG_LEVEL: common.LOG_LEVEL,
    AI_SANDBOX_PORT: port(4400),
    AI_API_KEY: z.string().min(1).default('development-ai-api-key'),
  }),
);
export type AiSandboxEnv = z.infer<typeof aiSandboxEnvSchema>;

// Never deployed: the Stripe stand-in accepts the secret key the API sends (STRIPE_SECRET_KEY), as Stripe would.
export const stripeSandboxEnvSchema = refuseWeakSecretsInProduction(
  z.object({
    NODE_ENV: common.NODE_ENV,
    LOG_LEVEL: common.LOG_LEVEL,
    STRIPE_SANDBOX_PORT: port(4500),
    /** What the stand-in puts in the Checkout and portal URLs it hands out, opened by a browser. */
    STRIPE_SANDBOX_PUBLIC_URL: url('http://localhost:4500'),
    STRIPE_SECRET_KEY: z.string().min(1).default('sk_test_development'),
  }),
);
export type StripeSandboxEnv = z.infer<typeof stripeSandboxEnvSchema>;

// Never deployed: the Entra ID stand-in knows one app registration, the API's (ENTRA_CLIENT_ID and its secret).
export const entraSandboxEnvSchema = z.object({
  NODE_ENV: common.NODE_ENV,
  ENTRA_SANDBOX_PORT: port(4600),
  /** The issuer's base, reached by browsers and the API alike; https because msal-node refuses http authorities. */
  ENTRA_SANDBOX_PUBLIC_URL: url('https://localhost:4600'),
  /** Where the development certificate is made on first start and kept (git-ignored). */
  ENTRA_SANDBOX_CERT_DIR: z.string().min(1).default('.stack/entra-sandbox'),
  ENTRA_SANDBOX_REDIRECT_URIS: z
    .string()
    .min(1)
    .default('http://app.localhost/api/auth/microsoft/callback,http://admin.localhost/api/auth/microsoft/callback'),
  ENTRA_CLIENT_ID: z.string().min(1).default('aerostic-development'),
  ENTRA_CLIENT_SECRET: z.string().min(1).default('development-entra-client-secret'),
});
export type EntraSandboxEnv = z.infer<typeof entraSandboxEnvSchema>;

// The frontends hold none of the secrets production checks.
const frontend = {
  NODE_ENV: common.NODE_ENV,
  API_INTERNAL_URL: url('http://127.0.0.1:4000'),
  API_URL: url('http://api.localhost'),
};

export const appFrontendEnvSchema = z.object({
  ...frontend,
  APP_PORT: port(3000),
  APP_URL: url('http://app.localhost'),
  META_APP_ID: z.string().optional(),
  META_CONFIG_ID: z.string().optional(),
  /** Meta's SDK `version` in Embedded Signup: the API's Graph version. */
  META_GRAPH_VERSION: graph.META_GRAPH_VERSION,
  META_SANDBOX_URL: z.url().optional(),
});
export type AppFrontendEnv = z.infer<typeof appFrontendEnvSchema>;

export const adminFrontendEnvSchema = z.object({
  ...frontend,
  ADMIN_PORT: port(3001),
  ADMIN_URL: url('http://admin.localhost'),
});
export type AdminFrontendEnv = z.infer<typeof adminFrontendEnvSchema>;

/** Every service's schema by its folder under services/, for start-up and the compose checks. */
export const SERVICE_ENV_SCHEMAS = {
  api: apiEnvSchema,
  'webhook-worker': webhookWorkerEnvSchema,
  'message-worker': messageWorkerEnvSchema,
  'meta-sandbox': metaSandboxEnvSchema,
  'ai-sandbox': aiSandboxEnvSchema,
  'stripe-sandbox': stripeSandboxEnvSchema,
  'entra-sandbox': entraSandboxEnvSchema,
  'app-frontend': appFrontendEnvSchema,
  'admin-frontend': adminFrontendEnvSchema,
} as const;
